"""Column mapping and row choice for one workbook: the Tim names each field's column, takes rows
out of (or back into) the indicators and settles how quarterly columns make the annual value.

Always available from the import dialog, not only when no header was found. What the Tim
confirms here is remembered for the OPD and layout once the data is accepted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.utils import column_index_from_string, get_column_letter

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication
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
from kinerja_app.importer.isian_format import META_SHEET
from kinerja_app.importer.reader import read_again

from ..widgets import make_table

Index = QModelIndex | QPersistentModelIndex
FIELD_LABELS = (
    ("indikator", "Indikator (wajib)"),
    ("sasaran", "Sasaran"),
    ("satuan", "Satuan"),
    ("polaritas", "Polaritas"),
    ("target", "Target tahun ini"),
    ("realisasi", "Realisasi tahun ini"),
    ("capaian", "Capaian tertulis"),
    ("keterangan", "Keterangan"),
)
TIDAK_ADA = "(tidak ada)"
TRIWULAN = (
    (None, "Aturan bawaan (menurut sifat indikator)"),
    ("akhir", "Nilai TW IV (akhir tahun)"),
    ("jumlah", "Jumlah TW I–IV"),
)
_GUESS = {
    "indikator": ("indikator", "iku"),
    "sasaran": ("sasaran",),
    "satuan": ("satuan",),
    "polaritas": ("polaritas", "polarisasi", "karakteristik"),
    "target": ("target",),
    "realisasi": ("realisasi",),
    "capaian": ("capaian", "%"),
    "keterangan": ("keterangan", "ket"),
}
ABU = QColor("#eeeeee")
MERAH_MUDA = QColor("#f6d5d8")


class SheetPreviewModel(QAbstractTableModel):
    """The sheet's rows as text, with a first "Pakai" column to take rows in or out.

    Columns after the first are titled by their letters; rows by their sheet number.
    """

    PAKAI = 0

    def __init__(
        self,
        rows: Sequence[Sequence[str]],
        used: set[int],
        reasons: dict[int, str],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.rows = [list(r) for r in rows]
        self.width = max((len(r) for r in self.rows), default=0)
        self.used = set(used)  # 1-based sheet rows read as indicators
        self.reasons = reasons  # 1-based row -> why it is not an indicator
        self.header_row = 0

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.width + 1

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.column() == self.PAKAI and index.row() + 1 > self.header_row:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        number = index.row() + 1
        if index.column() == self.PAKAI:
            if number <= self.header_row:
                return "judul" if role == Qt.ItemDataRole.DisplayRole else None
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if number in self.used else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.reasons.get(number, "Dibaca sebagai indikator")
            return None
        row = self.rows[index.row()]
        col = index.column() - 1
        if role == Qt.ItemDataRole.DisplayRole:
            return row[col] if col < len(row) else ""
        if role == Qt.ItemDataRole.BackgroundRole:
            if number <= self.header_row:
                return QBrush(ABU)
            if number not in self.used and number in self.reasons:
                return QBrush(MERAH_MUDA)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != self.PAKAI:
            return False
        number = index.row() + 1
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        if checked:
            self.used.add(number)
        else:
            self.used.discard(number)
        self.dataChanged.emit(index, self.index(index.row(), self.width))
        return True

    def set_header_row(self, row: int) -> None:
        """Rows up to ``row`` are the header (grey, not choosable)."""
        self.beginResetModel()
        self.header_row = row
        self.endResetModel()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return "Pakai" if section == 0 else get_column_letter(section)
        return str(section + 1)


class ColumnMappingDialog(QDialog):
    """The sheet on the left (tick the rows that are indicators), the fields on the right."""

    def __init__(
        self, data: WorkbookData, parent: QWidget | None = None, tahun: int | None = None
    ) -> None:
        super().__init__(parent)
        self.data = data
        self.tahun = tahun
        self.setWindowTitle(f"Petakan kolom dan baris — {data.path.name}")
        screen = QGuiApplication.primaryScreen().availableGeometry()
        self.resize(min(1180, screen.width() - 60), min(660, screen.height() - 80))
        self.table = make_table(self, stretch_last=False)
        self.table.setSortingEnabled(False)
        self.table.verticalHeader().setVisible(True)
        self.header_row = QSpinBox()
        self.header_row.setToolTip(
            "Baris judul kolom terakhir; data dibaca mulai baris berikutnya."
        )
        self.header_row.valueChanged.connect(lambda row: self.preview.set_header_row(row))
        self.lembar = QComboBox()
        for name in data.sheet_names:
            if name != META_SHEET:
                self.lembar.addItem(name, name)
        self.lembar.setCurrentIndex(max(self.lembar.findData(data.sheet), 0))
        self.lembar.setEnabled(self.lembar.count() > 1 and data.book is not None)
        self.lembar.setToolTip("Lembar yang berisi data tahun yang dievaluasi.")
        self.lembar.currentIndexChanged.connect(self._switch_sheet)
        self.combos: dict[str, QComboBox] = {}
        form = QFormLayout()
        form.addRow("Lembar:", self.lembar)
        form.addRow("Baris judul kolom:", self.header_row)
        for name, label in FIELD_LABELS:
            combo = QComboBox()
            combo.setMinimumContentsLength(24)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            self.combos[name] = combo
            form.addRow(f"{label}:", combo)
        self._load_sheet()
        self.triwulan = QComboBox()
        for value, text in TRIWULAN:
            self.triwulan.addItem(text, value)
        self.triwulan.setToolTip(
            "Bila realisasi/target hanya ada per triwulan: ambil nilai akhir tahun, atau "
            "jumlahkan keempat triwulan."
        )
        form.addRow("Nilai tahunan dari triwulan:", self.triwulan)
        self._prefill()
        data = self.data
        found = data.header_found
        hint = QLabel(
            "Tunjukkan kolom mana berisi apa, lalu centang baris yang merupakan indikator "
            "(hapus centang pada baris penomoran, rata-rata, judul bagian, dan sebagainya). "
            "Pilihan ini diingat untuk berkas OPD ini dengan susunan yang sama setelah data "
            "diterima."
            if found
            else f"Judul kolom di lembar '{data.sheet or ''}' tidak dikenali. Lihat baris-baris "
            "di kiri, isi baris judul dan kolomnya, lalu centang baris indikatornya."
        )
        hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Baca ulang")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Batal")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b02a37")
        body = QHBoxLayout()
        body.addWidget(self.table, 3)
        side = QVBoxLayout()
        side.addLayout(form)
        side.addWidget(self.error)
        side.addStretch(1)
        body.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)

    def _load_sheet(self) -> None:
        """Show the rows of ``self.data``'s sheet and offer its columns."""
        data = self.data
        used = {r.row for r in data.rows}
        reasons = {d.row: f"Tidak dibaca: {d.alasan}" for d in data.dilewati}
        rows = data.preview_rows()
        self.preview = SheetPreviewModel(rows, used, reasons, self)
        self.auto_used = set(used)
        self.table.setModel(self.preview)
        self.table.setColumnWidth(0, 56)
        self.header_row.setRange(0, max(len(rows), 1))
        letters = [get_column_letter(i + 1) for i in range(max(self.preview.width, 1))]
        titles = dict(data.kolom_judul)
        for combo in self.combos.values():
            combo.clear()
            combo.addItem(TIDAK_ADA, None)
            for letter in letters:
                title = titles.get(letter, "")
                text = f"Kolom {letter}" + (f" — {title[:48]}" if title else "")
                combo.addItem(text, letter)
                combo.setItemData(combo.count() - 1, title, Qt.ItemDataRole.ToolTipRole)

    def _switch_sheet(self) -> None:
        """Read the chosen sheet on its own (its header found again) and show it."""
        name = self.lembar.currentData()
        if name is None or name == self.data.sheet or self.data.book is None:
            return
        self.data = read_again(self.data.book, tahun=self.tahun, lembar=name)
        self._load_sheet()
        self.header_row.setValue(0)
        self._prefill()

    def _prefill(self) -> None:
        """Start from the mapping the file was read with, else from what labels suggest."""
        used = self.data.pemetaan.mapping if self.data.pemetaan else None
        if used is not None and self.data.header_found:
            self.header_row.setValue(used.header_row)
            for name, letter in used.columns.items():
                if name in self.combos:
                    self.set_column(name, letter)
            self.triwulan.setCurrentIndex(max(self.triwulan.findData(used.triwulan), 0))
            return
        self._guess()

    def _guess(self) -> None:
        """Preselect what a label in the first rows suggests (a header the reader missed)."""
        for number, row in enumerate(self.data.preview_rows(40), start=1):
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

    def set_row_used(self, row: int, used: bool) -> None:
        """Tick or untick a sheet row (1-based), as a click on its "Pakai" box would."""
        state = Qt.CheckState.Checked if used else Qt.CheckState.Unchecked
        self.preview.setData(self.preview.index(row - 1, 0), state, Qt.ItemDataRole.CheckStateRole)

    def mapping(self) -> ColumnMapping:
        """The mapping as chosen."""
        chosen = [
            (str(combo.currentData()), name)
            for name, combo in self.combos.items()
            if combo.currentData() is not None
        ]
        chosen.sort(key=lambda item: column_index_from_string(item[0]))
        columns = {name: letter for letter, name in chosen}
        header = self.header_row.value()
        used = {r for r in self.preview.used if r > header}
        auto = {r for r in self.auto_used if r > header}
        return ColumnMapping(
            header,
            columns,
            sheet=self.data.sheet,
            excluded=frozenset(auto - used),
            included=frozenset(used - auto),
            triwulan=self.triwulan.currentData(),
        )

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
