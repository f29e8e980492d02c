"""Column mapping for a workbook whose header was not recognised: the user names the columns."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.utils import column_index_from_string, get_column_letter

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kinerja_app.importer.data import ColumnMapping, WorkbookData
from ui.widgets import make_table

Index = QModelIndex | QPersistentModelIndex
FIELD_LABELS = (
    ("indikator", "Indikator (wajib)"),
    ("sasaran", "Sasaran"),
    ("satuan", "Satuan"),
    ("polaritas", "Polaritas"),
    ("target", "Target"),
    ("realisasi", "Realisasi"),
    ("capaian", "Capaian"),
    ("keterangan", "Keterangan"),
)
TIDAK_ADA = "(tidak ada)"
_GUESS = {
    "indikator": ("indikator", "iku"),
    "sasaran": ("sasaran",),
    "satuan": ("satuan",),
    "polaritas": ("polaritas", "karakteristik"),
    "target": ("target",),
    "realisasi": ("realisasi",),
    "capaian": ("capaian", "%"),
    "keterangan": ("keterangan", "ket"),
}


class SheetPreviewModel(QAbstractTableModel):
    """The first rows of a sheet as text; columns titled by their letters, rows by number."""

    def __init__(self, rows: Sequence[Sequence[str]], parent: Any = None) -> None:
        super().__init__(parent)
        self.rows = [list(r) for r in rows]
        self.width = max((len(r) for r in self.rows), default=0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.width

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        row = self.rows[index.row()]
        return row[index.column()] if index.column() < len(row) else ""

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return get_column_letter(section + 1)
        return str(section + 1)


class ColumnMappingDialog(QDialog):
    """Shows the sheet's first rows; the user picks the header row and each field's column."""

    def __init__(self, data: WorkbookData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = data
        self.setWindowTitle(f"Petakan kolom — {data.path.name}")
        self.resize(1000, 620)
        self.preview = SheetPreviewModel(data.preview, self)
        table = make_table(self, stretch_last=False)
        table.setSortingEnabled(False)
        table.verticalHeader().setVisible(True)
        table.setModel(self.preview)
        letters = [get_column_letter(i + 1) for i in range(max(self.preview.width, 1))]
        self.header_row = QSpinBox()
        self.header_row.setRange(0, max(len(data.preview), 1))
        self.header_row.setToolTip("Baris judul kolom; data dibaca mulai baris berikutnya.")
        self.combos: dict[str, QComboBox] = {}
        form = QFormLayout()
        form.addRow("Baris judul kolom:", self.header_row)
        for name, label in FIELD_LABELS:
            combo = QComboBox()
            combo.addItem(TIDAK_ADA, None)
            for letter in letters:
                combo.addItem(f"Kolom {letter}", letter)
            self.combos[name] = combo
            form.addRow(f"{label}:", combo)
        self._guess()
        hint = QLabel(
            f"Judul kolom di lembar '{data.sheet or ''}' tidak dikenali. Lihat baris-baris "
            "pertama di kiri, lalu tunjukkan kolom mana berisi apa."
        )
        hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Baca ulang")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b02a37")
        body = QHBoxLayout()
        body.addWidget(table, 3)
        side = QVBoxLayout()
        side.addLayout(form)
        side.addWidget(self.error)
        side.addStretch(1)
        body.addLayout(side, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)

    def _guess(self) -> None:
        """Preselect what a label in the first rows suggests (a header the reader missed)."""
        for number, row in enumerate(self.data.preview, start=1):
            hits = 0
            for col, text in enumerate(row):
                low = text.lower()
                for name, words in _GUESS.items():
                    combo = self.combos[name]
                    if combo.currentIndex() == 0 and any(w in low for w in words) and len(low) < 40:
                        combo.setCurrentIndex(col + 1)
                        hits += 1
                        break
            if hits >= 2:
                self.header_row.setValue(number)
                return

    def set_column(self, field: str, letter: str | None) -> None:
        """Pick a field's column (tests and keyboard users)."""
        combo = self.combos[field]
        combo.setCurrentIndex(max(combo.findData(letter), 0) if letter else 0)

    def mapping(self) -> ColumnMapping:
        """The mapping as chosen."""
        chosen = [
            (str(combo.currentData()), name)
            for name, combo in self.combos.items()
            if combo.currentData() is not None
        ]
        # in sheet order: the reader spots a (1)(2)(3) numbering row only when ascending
        chosen.sort(key=lambda item: column_index_from_string(item[0]))
        columns = {name: letter for letter, name in chosen}
        return ColumnMapping(self.header_row.value(), columns, sheet=self.data.sheet)

    def _accept(self) -> None:
        mapping = self.mapping()
        if "indikator" not in mapping.columns:
            self.error.setText("Pilih kolom Indikator.")
            return
        used = list(mapping.columns.values())
        if len(set(used)) != len(used):
            self.error.setText("Satu kolom dipilih untuk dua isian; periksa lagi.")
            return
        self.accept()
