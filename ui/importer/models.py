"""Table models of the import dialog: the files read, one file's rows, its findings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from kinerja_app import clock
from kinerja_app.formatting import format_angka
from kinerja_app.importer.data import Finding, IndicatorRow
from kinerja_app.importer.penerimaan import HasilPeriksa

from ..table import ABU, HIJAU, KUNING, MERAH, Column, RecordTableModel

Index = QModelIndex | QPersistentModelIndex
MERAH_SEL = QColor("#f1a9b0")
KUNING_SEL = QColor("#ffe08a")

STATUS_TEKS = {
    "ok": "Lengkap",
    "warnings": "Ada peringatan",
    "errors": "Ada kesalahan",
    "unreadable": "Tidak terbaca",
}
STATUS_WARNA = {"ok": HIJAU, "warnings": KUNING, "errors": MERAH, "unreadable": ABU}


@dataclass
class Entri:
    """One file in the dialog: the check result, the surat masuk typed for it, the decision."""

    hasil: HasilPeriksa
    tanggal_diterima: dt.date = field(default_factory=clock.today)
    nomor_agenda: str = ""
    nomor_pengantar: str = ""
    tanggal_pengantar: dt.date | None = None
    penyampaian_id: int | None = None  # once stored as a revision
    revisi: int = 0
    keputusan: str = ""


class FileListModel(QAbstractTableModel):
    """The files read in this dialog; the OPD column is editable (an OPD id via EditRole).

    Signals:
        opdChosen(int, int): row and OPD id the user picked for that file.
    """

    opdChosen = Signal(int, int)

    BERKAS, OPD, STATUS, INDIKATOR, ERROR, PERINGATAN, KEPUTUSAN = range(7)
    JUDUL = (
        "Berkas",
        "Perangkat Daerah",
        "Hasil periksa",
        "Indikator",
        "Kesalahan",
        "Peringatan",
        "Keputusan",
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.entries: list[Entri] = []

    def add(self, entries: Sequence[Entri]) -> None:
        """Append files read."""
        if not entries:
            return
        first = len(self.entries)
        self.beginInsertRows(QModelIndex(), first, first + len(entries) - 1)
        self.entries.extend(entries)
        self.endInsertRows()

    def entry(self, row: int) -> Entri | None:
        """The file at ``row``, or ``None``."""
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def replace(self, row: int, hasil: HasilPeriksa) -> None:
        """Put a new check result on a row (re-read with a mapping, OPD changed)."""
        self.entries[row].hasil = hasil
        self.refresh_row(row)

    def refresh_row(self, row: int) -> None:
        """Repaint one row after its entry changed."""
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.JUDUL) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.JUDUL)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.JUDUL[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        entry = self.entry(index.row())
        if index.column() == self.OPD and entry is not None and entry.penyampaian_id is None:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def _text(self, e: Entri, column: int) -> str:
        h = e.hasil
        if column == self.BERKAS:
            return h.path.name
        if column == self.OPD:
            if h.opd is None:
                return "(pilih OPD)"
            return h.opd.nama
        if column == self.STATUS:
            return STATUS_TEKS[h.status]
        if column == self.INDIKATOR:
            return str(h.jumlah_indikator) if h.data is not None else ""
        if column == self.ERROR:
            return str(h.jumlah_error)
        if column == self.PERINGATAN:
            return str(h.jumlah_peringatan)
        return e.keputusan

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        e = self.entry(index.row()) if index.isValid() else None
        if e is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(e, column)
        if role == Qt.ItemDataRole.EditRole and column == self.OPD:
            return e.hasil.opd.opd_id if e.hasil.opd else None
        if role == Qt.ItemDataRole.BackgroundRole:
            if column == self.STATUS:
                return QBrush(STATUS_WARNA[e.hasil.status])
            if column == self.OPD and e.hasil.opd is None:
                return QBrush(KUNING)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.OPD:
                if e.hasil.opd is None:
                    return "OPD tidak dikenali dari berkas; klik dua kali untuk memilih."
                return f"Dikenali dari {e.hasil.cara}. Klik dua kali untuk mengganti."
            if column == self.STATUS and e.hasil.pesan:
                return e.hasil.pesan
            return str(e.hasil.path) if column == self.BERKAS else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            self.INDIKATOR,
            self.ERROR,
            self.PERINGATAN,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != self.OPD or value is None:
            return False
        self.opdChosen.emit(index.row(), int(value))
        return True


# --- the preview grid ----------------------------------------------------------------------
PREVIEW_FIELDS = (
    ("baris", "Baris"),
    ("sasaran", "Sasaran"),
    ("indikator", "Indikator"),
    ("satuan", "Satuan"),
    ("polaritas", "Polaritas"),
    ("target", "Target"),
    ("realisasi", "Realisasi"),
    ("capaian", "Capaian\ntertulis"),
    ("hitung", "Capaian\ndihitung"),
    ("keterangan", "Keterangan"),
)
_FIELD_COLUMN = {name: i for i, (name, _) in enumerate(PREVIEW_FIELDS)}


def _angka(value: float | None, text: str) -> str:
    return format_angka(value) if value is not None else text


def _cell_text(row: IndicatorRow, name: str) -> str:
    if name == "baris":
        return str(row.row)
    if name == "polaritas":
        return row.polaritas.value.capitalize() if row.polaritas else row.polaritas_text
    if name == "target":
        return _angka(row.target, row.target_text)
    if name == "realisasi":
        return _angka(row.realisasi, row.realisasi_text)
    if name == "capaian":
        return _angka(row.capaian_dilaporkan, row.capaian_text)
    if name == "hitung":
        return format_angka(row.capaian) if row.capaian is not None else ""
    return str(getattr(row, name))


class PreviewModel(QAbstractTableModel):
    """The rows read from one file; cells with findings coloured, the message as tooltip."""

    BARIS, SASARAN, INDIKATOR, SATUAN, POLARITAS, TARGET, REALISASI = range(7)
    CAPAIAN, HITUNG, KETERANGAN = 7, 8, 9

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[IndicatorRow] = []
        self.letters: dict[str, str] = {}
        self.marks: dict[tuple[int, int], list[Finding]] = {}

    def set_hasil(self, hasil: HasilPeriksa | None) -> None:
        """Show one file's rows and place its findings on their cells."""
        self.beginResetModel()
        data = hasil.data if hasil is not None else None
        self.rows = list(data.rows) if data is not None else []
        self.letters = dict(data.columns) if data is not None else {}
        self.marks = {}
        if hasil is not None:
            for finding in hasil.findings:
                place = self.place_of(finding)
                if place is not None:
                    self.marks.setdefault(place, []).append(finding)
        self.endResetModel()

    def place_of(self, finding: Finding) -> tuple[int, int] | None:
        """(row, column) of the grid where a finding sits, or ``None`` (file-level)."""
        sheet_row = finding.row
        letter = ""
        if finding.cell:
            ref = finding.cell.rpartition("!")[2]
            letter = "".join(ch for ch in ref if ch.isalpha()).upper()
            digits = "".join(ch for ch in ref if ch.isdigit())
            sheet_row = int(digits) if digits else sheet_row
        if sheet_row is None:
            return None
        row = next((i for i, r in enumerate(self.rows) if r.row == sheet_row), None)
        if row is None:
            return None
        by_letter = {v.upper(): k for k, v in self.letters.items()}
        column = _FIELD_COLUMN.get(by_letter.get(letter, ""), self.BARIS)
        return row, column

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(PREVIEW_FIELDS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        name, title = PREVIEW_FIELDS[section]
        letter = self.letters.get(name)
        if "\n" not in title:
            title += "\n"  # every header two lines high: title, then the sheet column
        return f"{title} ({letter})" if letter else title

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        name = PREVIEW_FIELDS[index.column()][0]
        marks = self.marks.get((index.row(), index.column()))
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell_text(row, name)
        if role == Qt.ItemDataRole.BackgroundRole and marks:
            error = any(f.severity == "error" for f in marks)
            return QBrush(MERAH_SEL if error else KUNING_SEL)
        if role == Qt.ItemDataRole.ToolTipRole:
            if marks:
                return "\n".join(f"{f.cell or ''}: {f.message}" for f in marks)
            return row.cells.get(name)
        if role == Qt.ItemDataRole.TextAlignmentRole and name in (
            "baris",
            "target",
            "realisasi",
            "capaian",
            "hitung",
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class FindingsModel(RecordTableModel[Finding]):
    """The findings of one file: severity, cell, message (errors first, then by row)."""

    TINGKAT, SEL, PESAN = range(3)
    columns = (
        Column("Tingkat", lambda f: "Kesalahan" if f.severity == "error" else "Peringatan"),
        Column("Sel", lambda f: f.cell or ""),
        Column("Temuan", lambda f: f.message),
    )

    def set_findings(self, findings: Sequence[Finding]) -> None:
        """Show these findings, errors first, then by row."""
        self.set_rows(sorted(findings, key=lambda f: (f.severity != "error", f.row or 0)))

    @property
    def findings(self) -> list[Finding]:
        """The findings in display order."""
        return self.records()

    def finding(self, row: int) -> Finding | None:
        """The finding at ``row``, or ``None``."""
        return self.row_at(row)

    def cell_tooltip(self, record: Finding, column: int) -> str | None:
        return f"{record.message} ({record.code})"

    def cell_background(self, record: Finding, column: int) -> QColor | None:
        if column != self.TINGKAT:
            return None
        return MERAH if record.severity == "error" else KUNING
