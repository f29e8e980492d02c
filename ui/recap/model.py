"""Recap table models that sort, filter and search inside the model (fast at 50,000 rows).

A ``QSortFilterProxyModel`` over a Python model calls back into Python for every comparison
and takes seconds at this size; here a sort is one ``list.sort`` over precomputed keys and a
search one pass over precomputed lower-case texts, then a model reset.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from kinerja_app.formatting import format_angka, format_persen, format_tanggal
from kinerja_app.models.pengumpulan import StatusOpd
from kinerja_app.queries_rekap import BarisIndikator
from kinerja_app.rekapitulasi import BarisRekap

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex

MERAH = QColor("#f8d7da")
KUNING = QColor("#fff3cd")
HIJAU = QColor("#d1e7dd")
BIRU = QColor("#cfe2ff")
ABU = QColor("#eeeeee")


@dataclass(frozen=True)
class Kolom(Generic[T]):
    """One column: header, display text, sort key (default the text), right-aligned numbers."""

    judul: str
    teks: Callable[[T], str]
    kunci: Callable[[T], Any] | None = None
    kanan: bool = False


class FastTableModel(QAbstractTableModel, Generic[T]):
    """Records shown through ``kolom``; ``set_filter`` and ``sort`` work on an index list.

    Subclasses give ``kolom``, optionally ``kategori(record)`` (what the filter combo picks)
    and ``background``/``tooltip`` per cell.
    """

    kolom: Sequence[Kolom[Any]] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[T] = []
        self._view: list[int] = []
        self._keys: dict[int, list[Any]] = {}
        self._search: list[str] | None = None
        self._kategori: str | None = None
        self._teks = ""
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # --- data ---------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[T]) -> None:
        """Replace every record; the current filter, search and sort are applied again."""
        self._all = list(rows)
        self._keys = {}
        self._search = None
        self._rebuild()

    def all_records(self) -> list[T]:
        """Every record, unfiltered, in load order."""
        return list(self._all)

    def records(self) -> list[T]:
        """The records shown, in display order."""
        return [self._all[i] for i in self._view]

    def record(self, row: int) -> T | None:
        """The record shown at ``row``, or ``None``."""
        return self._all[self._view[row]] if 0 <= row < len(self._view) else None

    def kategori(self, record: T) -> str:
        """The category the filter combo selects on (none by default)."""
        return ""

    def background(self, record: T, column: int) -> QColor | None:
        """Background of one cell; none by default."""
        return None

    def tooltip(self, record: T, column: int) -> str | None:
        """Tooltip of one cell; none by default."""
        return None

    # --- filter, search, sort -------------------------------------------------------------
    def set_filter(self, kategori: str | None = None, teks: str = "") -> None:
        """Show only records of ``kategori`` (``None``: all) whose text contains ``teks``."""
        self._kategori = kategori
        self._teks = teks.strip().lower()
        self._rebuild()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.kolom):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        self._apply_sort()
        self.layoutChanged.emit()

    def _sort_keys(self, column: int) -> list[Any]:
        keys = self._keys.get(column)
        if keys is None:
            col = self.kolom[column]
            fn = col.kunci or col.teks
            keys = []
            for record in self._all:
                value = fn(record)
                if isinstance(value, str):
                    value = value.lower()
                keys.append((value is None or value == "", value if value is not None else 0))
            self._keys[column] = keys
        return keys

    def _apply_sort(self) -> None:
        if self._sort is None:
            return
        column, order = self._sort
        keys = self._sort_keys(column)
        descending = order == Qt.SortOrder.DescendingOrder
        self._view.sort(key=keys.__getitem__, reverse=descending)
        if descending:  # empty values stay last in both directions
            filled = [i for i in self._view if not keys[i][0]]
            self._view = filled + [i for i in self._view if keys[i][0]]

    def _search_texts(self) -> list[str]:
        if self._search is None:
            self._search = [
                "\x1f".join(col.teks(r) for col in self.kolom).lower() for r in self._all
            ]
        return self._search

    def _rebuild(self) -> None:
        self.beginResetModel()
        indices: range | list[int] = range(len(self._all))
        if self._kategori is not None:
            wanted = self._kategori
            indices = [i for i in indices if self.kategori(self._all[i]) == wanted]
        if self._teks:
            texts = self._search_texts()
            needle = self._teks
            indices = [i for i in indices if needle in texts[i]]
        self._view = list(indices)
        self._apply_sort()
        self.endResetModel()

    # --- Qt interface ---------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._view)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.kolom)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._view):
            return None
        record = self._all[self._view[index.row()]]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.kolom[column].teks(record)
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = self.background(record, column)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(record, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and self.kolom[column].kanan:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return record
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.kolom[section].judul
        return None


def teks_ketepatan(row: BarisRekap) -> str:
    """'Tepat waktu', 'Terlambat' or empty (no data yet)."""
    if row.tepat_waktu is None:
        return ""
    return "Tepat waktu" if row.tepat_waktu else "Terlambat"


_STATUS_ORDER: dict[StatusOpd, int] = {status: i for i, status in enumerate(StatusOpd)}
_PREDIKAT_ORDER: dict[str, int] = {
    "Sangat Tinggi": 5,
    "Tinggi": 4,
    "Sedang": 3,
    "Rendah": 2,
    "Sangat Rendah": 1,
}

WARNA_STATUS = {
    StatusOpd.BELUM_DIKIRIMI: ABU,
    StatusOpd.SURAT_DITERIMA: None,
    StatusOpd.DATA_MASUK: BIRU,
    StatusOpd.PERLU_PERBAIKAN: KUNING,
    StatusOpd.TERVERIFIKASI: HIJAU,
}


class RekapModel(FastTableModel[BarisRekap]):
    """One row per OPD of the period (``kinerja_app.rekapitulasi.BarisRekap``)."""

    OPD, STATUS, SURAT, DATA, KETEPATAN, REVISI, INDIKATOR, ERROR, PERINGATAN = range(9)
    CAPAIAN, PREDIKAT = 9, 10
    kolom = (
        Kolom("Perangkat Daerah", lambda r: r.nama),
        Kolom("Status", lambda r: r.status.label, lambda r: _STATUS_ORDER[r.status]),
        Kolom(
            "Surat diterima",
            lambda r: format_tanggal(r.surat_diterima_pada),
            lambda r: r.surat_diterima_pada,
        ),
        Kolom(
            "Data masuk", lambda r: format_tanggal(r.data_masuk_pada), lambda r: r.data_masuk_pada
        ),
        Kolom("Ketepatan", teks_ketepatan),
        Kolom("Revisi", lambda r: str(r.revisi) if r.revisi else "", lambda r: r.revisi, True),
        Kolom(
            "Indikator",
            lambda r: str(r.jumlah_indikator) if r.revisi else "",
            lambda r: r.jumlah_indikator if r.revisi else None,
            True,
        ),
        Kolom(
            "Kesalahan",
            lambda r: str(r.jumlah_error) if r.revisi else "",
            lambda r: r.jumlah_error if r.revisi else None,
            True,
        ),
        Kolom(
            "Peringatan",
            lambda r: str(r.jumlah_peringatan) if r.revisi else "",
            lambda r: r.jumlah_peringatan if r.revisi else None,
            True,
        ),
        Kolom(
            "Rata-rata capaian",
            lambda r: format_persen(r.capaian_rata) if r.capaian_rata is not None else "",
            lambda r: r.capaian_rata,
            True,
        ),
        Kolom("Predikat", lambda r: r.predikat, lambda r: _PREDIKAT_ORDER.get(r.predikat)),
    )

    def kategori(self, record: BarisRekap) -> str:
        return record.status.value

    def background(self, record: BarisRekap, column: int) -> QColor | None:
        if column == self.STATUS:
            return WARNA_STATUS[record.status]
        if column == self.KETEPATAN and record.tepat_waktu is False:
            return MERAH
        if column == self.ERROR and record.revisi and record.jumlah_error:
            return MERAH
        if column == self.PERINGATAN and record.revisi and record.jumlah_peringatan:
            return KUNING
        return None

    def tooltip(self, record: BarisRekap, column: int) -> str | None:
        if column == self.KETEPATAN and record.batas_waktu is not None:
            return f"Batas waktu {format_tanggal(record.batas_waktu)}"
        if column == self.OPD:
            return f"{record.nama} ({record.kode}). Klik dua kali untuk melihat indikatornya."
        return None


def _angka_atau_teks(value: float | None, text: str) -> str:
    return format_angka(value) if value is not None else text


class IndikatorModel(FastTableModel[BarisIndikator]):
    """Indicator rows of a revision (the drill-down), findings shown on their rows."""

    NO, SASARAN, INDIKATOR, SATUAN, POLARITAS, TARGET, REALISASI = range(7)
    CAPAIAN, PREDIKAT, TEMUAN = 7, 8, 9
    kolom = (
        Kolom("No", lambda b: str(b.urutan), lambda b: b.urutan, True),
        Kolom("Sasaran", lambda b: b.sasaran),
        Kolom("Indikator", lambda b: b.indikator),
        Kolom("Satuan", lambda b: b.satuan),
        Kolom("Polaritas", lambda b: b.polaritas.capitalize()),
        Kolom(
            "Target", lambda b: _angka_atau_teks(b.target, b.target_teks), lambda b: b.target, True
        ),
        Kolom(
            "Realisasi",
            lambda b: _angka_atau_teks(b.realisasi, b.realisasi_teks),
            lambda b: b.realisasi,
            True,
        ),
        Kolom(
            "Capaian",
            lambda b: format_persen(b.capaian) if b.capaian is not None else "",
            lambda b: b.capaian,
            True,
        ),
        Kolom("Predikat", lambda b: b.predikat, lambda b: _PREDIKAT_ORDER.get(b.predikat)),
        Kolom("Temuan", lambda b: "; ".join(t.pesan for t in b.temuan)),
    )

    def kategori(self, record: BarisIndikator) -> str:
        if record.jumlah_error:
            return "error"
        return "warning" if record.temuan else "ok"

    def background(self, record: BarisIndikator, column: int) -> QColor | None:
        if not record.temuan:
            return None
        return MERAH if record.jumlah_error else KUNING

    def tooltip(self, record: BarisIndikator, column: int) -> str | None:
        if not record.temuan:
            return None
        return "\n".join(f"{t.sel or ''} {t.pesan}".strip() for t in record.temuan)
