"""The Perangkat Daerah tab's table: every expected OPD of the period on its own clock."""

from __future__ import annotations

from PySide6.QtGui import QColor

from kinerja_app.clock import now
from kinerja_app.formatting import format_persen, format_tanggal_waktu
from kinerja_app.rekap.rekapitulasi import BarisRekap
from kinerja_app.storage.models.pengumpulan import StatusOpd

from ..table import KUNING, MERAH, Column, RecordTableModel

SEGERA_DETIK = 24 * 3600


def _tepat(r: BarisRekap) -> str:
    return "" if r.tepat_waktu is None else ("Ya" if r.tepat_waktu else "Terlambat")


class OpdModel(RecordTableModel[BarisRekap]):
    """Every expected OPD of the period with its status and clock."""

    KODE, NAMA, STATUS, DITERIMA, BATAS, DATA, REVISI, ERROR, CAPAIAN, TEPAT = range(10)
    columns = (
        Column("Kode", lambda r: r.kode),
        Column("Perangkat Daerah", lambda r: r.nama),
        Column("Status", lambda r: r.status.label),
        Column(
            "Surat diterima",
            lambda r: format_tanggal_waktu(r.surat_diterima_pada),
            key=lambda r: r.surat_diterima_pada,
        ),
        Column(
            "Batas waktu",
            lambda r: format_tanggal_waktu(r.batas_waktu),
            key=lambda r: r.batas_waktu,
        ),
        Column(
            "Data masuk",
            lambda r: format_tanggal_waktu(r.data_masuk_pada),
            key=lambda r: r.data_masuk_pada,
        ),
        Column(
            "Revisi",
            lambda r: str(r.revisi) if r.revisi else "",
            key=lambda r: r.revisi,
            align_right=True,
        ),
        Column(
            "Kesalahan",
            lambda r: str(r.jumlah_error) if r.revisi else "",
            key=lambda r: r.jumlah_error,
            align_right=True,
        ),
        Column(
            "Capaian rata-rata",
            lambda r: format_persen(r.capaian_rata) if r.revisi else "",
            key=lambda r: r.capaian_rata,
            align_right=True,
        ),
        Column("Tepat waktu", _tepat),
    )

    def background(self, record: BarisRekap) -> QColor | None:
        waiting = record.status in (StatusOpd.SURAT_DITERIMA, StatusOpd.PERLU_PERBAIKAN)
        if waiting and record.batas_waktu is not None:
            left = (record.batas_waktu - now()).total_seconds()
            if left < 0:
                return MERAH
            if left < SEGERA_DETIK:
                return KUNING
        if record.status == StatusOpd.PERLU_PERBAIKAN:
            return KUNING
        return None
