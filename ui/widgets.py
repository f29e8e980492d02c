"""Small shared widgets: a configured table view, a section title, role-gated buttons."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kinerja_app.storage.models.master import Role

from .context import UiContext


def make_table(parent: QWidget | None = None, *, stretch_last: bool = True) -> QTableView:
    """A read-only, row-selecting, sortable table view."""
    view = QTableView(parent)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setSortingEnabled(True)
    # no arrow until the user (or the caller) sorts: rows start in their natural order
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(stretch_last)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.setWordWrap(False)
    return view


def scrolling(widget: QWidget) -> QScrollArea:
    """``widget`` in a frameless scroll area: a long form scrolls on a 768-pixel screen."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(widget)
    return area


def title_label(text: str) -> QLabel:
    """A bold section title."""
    label = QLabel(text)
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.15)
    label.setFont(font)
    return label


def role_button(
    ctx: UiContext, text: str, role: Role, *, role_label: str | None = None
) -> QPushButton:
    """A button enabled only for holders of ``role``; otherwise its tooltip names who may act."""
    button = QPushButton(text.replace("&", "&&"))  # a literal ampersand, not a mnemonic
    button.setProperty("role_allowed", ctx.can(role))
    if not ctx.can(role):
        button.setEnabled(False)
        button.setToolTip(f"Hanya {role_label or role.label} yang dapat melakukan tindakan ini.")
    return button


def set_action_enabled(button: QPushButton, enabled: bool, reason: str = "") -> None:
    """Enable a role button only when the role allows it AND the state allows it."""
    allowed = bool(button.property("role_allowed"))
    button.setEnabled(allowed and enabled)
    if allowed:
        button.setToolTip("" if enabled else reason)


def rich(text: str) -> QLabel:
    """A word-wrapping label that shows rich text and selects with the mouse."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def list_and_form(
    owner: QWidget,
    table: QTableView,
    form: QLayout,
    buttons: Sequence[QPushButton],
    save: QPushButton,
) -> None:
    """Lay out an administration page: the list on the left, its edit form and buttons right."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    row.addWidget(save)
    right = QWidget()
    right_layout = QVBoxLayout(right)
    right_layout.addLayout(form)
    right_layout.addLayout(row)
    right_layout.addStretch(1)
    split = QSplitter()
    split.addWidget(table)
    split.addWidget(right)
    split.setSizes([700, 460])
    QVBoxLayout(owner).addWidget(split)


def right_aligned(*widgets: QWidget) -> QHBoxLayout:
    """A row with ``widgets`` pushed to the right (the save button under a settings form)."""
    row = QHBoxLayout()
    row.addStretch(1)
    for widget in widgets:
        row.addWidget(widget)
    return row
