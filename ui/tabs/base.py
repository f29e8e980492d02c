"""The frame every role tab shares: inbox on the left, actions and details on the right.

A tab refreshes only when a change touches one of its ``areas``; buttons are enabled only
for holders of the tab's role and only when the period's state allows the action.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from kinerja_app.jadwal.tugas import Tugas
from kinerja_app.queries import periode as q_periode
from kinerja_app.queries.keadaan import Keadaan, keadaan
from kinerja_app.storage.models import Periode
from kinerja_app.workflow.common import Area

from ..cetak import cetak
from ..context import UiContext
from ..forms import FormDialog
from ..widgets import make_table, role_button, title_label
from .inbox import InboxModel

D = TypeVar("D", bound=QDialog)


class RoleTab(QWidget):
    """Inbox of ``role`` + action buttons + detail pages; subclasses add the actions."""

    role: str = ""
    title: str = ""
    areas: frozenset[Area] = frozenset(Area)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.state: Keadaan | None = None
        self.active_dialog: QDialog | None = None
        self.inbox = InboxModel(self)
        self.table = make_table()
        self.table.setModel(self.inbox)
        self.table.sortByColumn(InboxModel.JATUH_TEMPO, Qt.SortOrder.AscendingOrder)
        self.table.setObjectName("inbox")
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column in range(self.inbox.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(InboxModel.TUGAS, QHeaderView.ResizeMode.Stretch)
        header.hideSection(InboxModel.SEJAK)  # in the tooltip; the deadline is what matters
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.detail = QTextBrowser()
        self.detail.setOpenExternalLinks(False)
        self.detail_tabs = QTabWidget()
        self.detail_tabs.addTab(self.detail, "Rincian")
        self.actions_box = QGroupBox("Tindakan")
        self.actions_grid = QGridLayout(self.actions_box)
        self._buttons = 0

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(title_label(f"Kotak masuk — {self.title}"))
        left_layout.addWidget(self.table, 1)
        legend = QLabel("Merah: lewat jatuh tempo · Kuning: jatuh tempo dalam 24 jam")
        legend.setStyleSheet("color:#555")
        left_layout.addWidget(legend)
        left_layout.addWidget(self.actions_box)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.detail_tabs)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([680, 560])
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)

        self.build_actions()
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.show_details())
        ctx.bus.changed.connect(self._on_changed)

    # --- building ----------------------------------------------------------------------
    def build_actions(self) -> None:
        """Add the tab's buttons with :meth:`add_button`."""

    def add_button(
        self,
        text: str,
        role: Any,
        handler: Callable[[], None],
        *,
        shortcut: str | None = None,
        role_label: str | None = None,
    ) -> QPushButton:
        """A role-gated button in the actions box, with an optional shortcut local to this tab."""
        button = role_button(self.ctx, text, role, role_label=role_label)
        button.clicked.connect(handler)
        if shortcut:
            button.setText(f"{text}  ({shortcut})".replace("&", "&&"))
            sc = QShortcut(QKeySequence(shortcut), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(lambda b=button: b.click() if b.isEnabled() else None)
        self.actions_grid.addWidget(button, self._buttons // 2, self._buttons % 2)
        self._buttons += 1
        return button

    # --- state -------------------------------------------------------------------------
    def periode(self) -> Periode | None:
        """The period chosen in the overview."""
        return q_periode.get_periode(self.ctx.periode_id)

    def refresh(self) -> None:
        """Reload the inbox, the state and the details."""
        periode = self.periode()
        self.state = keadaan(periode) if periode else None
        self.inbox.set_rows(q_periode.tugas(self.role, periode))
        self.table.resizeColumnsToContents()
        self.update_actions()
        self.show_details()

    def update_actions(self) -> None:
        """Enable the buttons the period's state allows."""

    def selected_task(self) -> Tugas | None:
        """The inbox item the user selected."""
        rows = self.table.selectionModel().selectedRows()
        return self.inbox.row_at(rows[0].row()) if rows else None

    def show_details(self) -> None:
        """Render the details of the selected item (or the period) into the Rincian page."""
        periode = self.periode()
        if periode is None:
            self.detail.setHtml("<p>Pilih atau buka periode terlebih dahulu.</p>")
            return
        self.detail.setHtml(self.detail_html(periode, self.selected_task()))

    def detail_html(self, periode: Periode, task: Tugas | None) -> str:
        """The HTML of the Rincian page."""
        return ""

    def _on_changed(self, changes: Any) -> None:
        if changes.areas & self.areas or Area.PERIODE in changes.areas:
            self.refresh()

    # --- dialogs -----------------------------------------------------------------------
    def show_dialog(self, dialog: D, on_accept: Callable[[D], object]) -> D:
        """Open ``dialog`` window-modal without blocking; run ``on_accept`` when accepted.

        A :class:`ui.forms.FormDialog` runs ``on_accept`` from its OK button and closes only
        when it returns a true value (the action succeeded): a refused value keeps it open.
        """
        self.active_dialog = dialog
        if isinstance(dialog, FormDialog):
            dialog.on_submit = lambda d: bool(on_accept(d))
        else:
            dialog.accepted.connect(lambda: on_accept(dialog))
        dialog.finished.connect(lambda _=0: setattr(self, "active_dialog", None))
        dialog.open()
        return dialog

    def run(self, title: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run a core action through the one door."""
        return self.ctx.ops.run_action(self, title, fn, *args, **kwargs)

    def run_from(
        self, parent: QWidget, title: str, fn: Callable[..., Any], *args: Any, **kwargs: Any
    ) -> bool:
        """Run a core action for a dialog (its refusal shows over it); whether it succeeded."""
        return self.ctx.ops.run_action(parent, title, fn, *args, **kwargs) is not None

    def open_generated(self, title: str, make: Callable[[], Any], *, salinan: int = 1) -> None:
        """Produce a paper through the one door (:mod:`ui.cetak`) and preview it for printing;
        the preview is kept as :attr:`active_dialog` while it is open."""
        dialog = cetak(self.ctx, self, title, make, salinan=salinan)
        if dialog is not None:
            self.active_dialog = dialog
            dialog.finished.connect(lambda _=0: setattr(self, "active_dialog", None))
