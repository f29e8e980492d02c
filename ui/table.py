"""A read-only table model over a list of Python records, sorted inside the model.

Each concrete model names its columns as class constants and lists one ``Column`` per
constant; rows are plain records (dataclasses or peewee rows read once).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex

MERAH = QColor("#f8d7da")
KUNING = QColor("#fff3cd")
HIJAU = QColor("#d1e7dd")


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column: its header, how to show a row, and the sort key (default: the text)."""

    title: str
    text: Callable[[T], str]
    key: Callable[[T], Any] | None = None
    align_right: bool = False


class RecordTableModel(QAbstractTableModel, Generic[T]):
    """Rows of records shown through ``columns``; ``background(row)`` may colour a row."""

    columns: Sequence[Column[Any]] = ()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[T] = []

    # --- data -------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[T]) -> None:
        """Replace every row (a model reset keeps the view cheap at any size)."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> T | None:
        """The record shown at ``row``, or ``None``."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def records(self) -> list[T]:
        """Every record, in display order."""
        return list(self._rows)

    def background(self, record: T) -> QColor | None:
        """The row's background colour (overdue, due soon); none by default."""
        return None

    def tooltip(self, record: T) -> str | None:
        """A tooltip for every cell of the row; none by default."""
        return None

    # --- Qt interface -------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(record)
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = self.background(record)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(record)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return record
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        col = self.columns[column]
        key = col.key or col.text

        def safe(record: T) -> tuple[int, Any]:
            value = key(record)
            return (value is None, value if value is not None else 0)

        self.layoutAboutToBeChanged.emit()
        self._rows.sort(key=safe, reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()
