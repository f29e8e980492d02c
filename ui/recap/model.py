"""The recap grid and its drill-down: one row per OPD, one row per indicator (see ui.table)."""

from __future__ import annotations

from PySide6.QtGui import QColor

from kinerja_app.formatting import format_angka, format_persen, format_tanggal
from kinerja_app.queries.indikator import BarisIndikator
from kinerja_app.rekap.rekapitulasi import BarisRekap
from kinerja_app.storage.models.pengumpulan import StatusOpd

from ..table import ABU, BIRU, HIJAU, KUNING, MERAH, Column, RecordTableModel


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


class RekapModel(RecordTableModel[BarisRekap]):
    """One row per OPD of the period (``kinerja_app.rekap.rekapitulasi.BarisRekap``)."""

    OPD, STATUS, SURAT, DATA, KETEPATAN, REVISI, INDIKATOR, ERROR, PERINGATAN = range(9)
    CAPAIAN, PREDIKAT = 9, 10
    columns = (
        Column("Perangkat Daerah", lambda r: r.nama),
        Column("Status", lambda r: r.status.label, lambda r: _STATUS_ORDER[r.status]),
        Column(
            "Surat diterima",
            lambda r: format_tanggal(r.surat_diterima_pada),
            lambda r: r.surat_diterima_pada,
        ),
        Column(
            "Data masuk", lambda r: format_tanggal(r.data_masuk_pada), lambda r: r.data_masuk_pada
        ),
        Column("Ketepatan", teks_ketepatan),
        Column("Revisi", lambda r: str(r.revisi) if r.revisi else "", lambda r: r.revisi, True),
        Column(
            "Indikator",
            lambda r: str(r.jumlah_indikator) if r.revisi else "",
            lambda r: r.jumlah_indikator if r.revisi else None,
            True,
        ),
        Column(
            "Kesalahan",
            lambda r: str(r.jumlah_error) if r.revisi else "",
            lambda r: r.jumlah_error if r.revisi else None,
            True,
        ),
        Column(
            "Peringatan",
            lambda r: str(r.jumlah_peringatan) if r.revisi else "",
            lambda r: r.jumlah_peringatan if r.revisi else None,
            True,
        ),
        Column(
            "Rata-rata capaian",
            lambda r: format_persen(r.capaian_rata) if r.capaian_rata is not None else "",
            lambda r: r.capaian_rata,
            True,
        ),
        Column("Predikat", lambda r: r.predikat, lambda r: _PREDIKAT_ORDER.get(r.predikat)),
    )

    def category(self, record: BarisRekap) -> str:
        return record.status.value

    def cell_background(self, record: BarisRekap, column: int) -> QColor | None:
        if column == self.STATUS:
            return WARNA_STATUS[record.status]
        if column == self.KETEPATAN and record.tepat_waktu is False:
            return MERAH
        if column == self.ERROR and record.revisi and record.jumlah_error:
            return MERAH
        if column == self.PERINGATAN and record.revisi and record.jumlah_peringatan:
            return KUNING
        return None

    def cell_tooltip(self, record: BarisRekap, column: int) -> str | None:
        if column == self.KETEPATAN and record.batas_waktu is not None:
            return f"Batas waktu {format_tanggal(record.batas_waktu)}"
        if column == self.OPD:
            return f"{record.nama} ({record.kode}). Klik dua kali untuk melihat indikatornya."
        return None


def _angka_atau_teks(value: float | None, text: str) -> str:
    return format_angka(value) if value is not None else text


class IndikatorModel(RecordTableModel[BarisIndikator]):
    """Indicator rows of a revision (the drill-down), findings shown on their rows."""

    NO, SASARAN, INDIKATOR, SATUAN, POLARITAS, TARGET, REALISASI = range(7)
    CAPAIAN, PREDIKAT, TEMUAN = 7, 8, 9
    columns = (
        Column("No", lambda b: str(b.urutan), lambda b: b.urutan, True),
        Column("Sasaran", lambda b: b.sasaran),
        Column("Indikator", lambda b: b.indikator),
        Column("Satuan", lambda b: b.satuan),
        Column("Polaritas", lambda b: b.polaritas.capitalize()),
        Column(
            "Target", lambda b: _angka_atau_teks(b.target, b.target_teks), lambda b: b.target, True
        ),
        Column(
            "Realisasi",
            lambda b: _angka_atau_teks(b.realisasi, b.realisasi_teks),
            lambda b: b.realisasi,
            True,
        ),
        Column(
            "Capaian",
            lambda b: format_persen(b.capaian) if b.capaian is not None else "",
            lambda b: b.capaian,
            True,
        ),
        Column("Predikat", lambda b: b.predikat, lambda b: _PREDIKAT_ORDER.get(b.predikat)),
        Column("Temuan", lambda b: "; ".join(t.pesan for t in b.temuan)),
    )

    def category(self, record: BarisIndikator) -> str:
        if record.jumlah_error:
            return "error"
        return "warning" if record.temuan else "ok"

    def cell_background(self, record: BarisIndikator, column: int) -> QColor | None:
        if not record.temuan:
            return None
        return MERAH if record.jumlah_error else KUNING

    def cell_tooltip(self, record: BarisIndikator, column: int) -> str | None:
        if not record.temuan:
            return None
        return "\n".join(f"{t.sel or ''} {t.pesan}".strip() for t in record.temuan)
