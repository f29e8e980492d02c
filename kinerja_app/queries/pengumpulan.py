"""Steps 6–8 per OPD for the screens: status rows, revisions, indicators, findings, history."""

from __future__ import annotations

from kinerja_app.queries.riwayat import Peristiwa
from kinerja_app.rekap.rekapitulasi import BarisRekap, baris_rekap
from kinerja_app.storage.models import (
    DataIndikator,
    Distribusi,
    Koordinasi,
    Pengumpulan,
    Penyampaian,
    PerangkatDaerah,
    Periode,
    Temuan,
)
from kinerja_app.storage.models.pengumpulan import StatusOpd, StatusPenyampaian


def baris_opd(periode: Periode) -> list[BarisRekap]:
    """One row per expected OPD of the period with its status and current figures."""
    return baris_rekap(periode)


def get_pengumpulan(pengumpulan_id: int) -> Pengumpulan | None:
    """One OPD-in-period by id."""
    return Pengumpulan.get_or_none(Pengumpulan.id == pengumpulan_id)


def belum_dikirimi(periode: Periode) -> list[Pengumpulan]:
    """The OPDs that have not received the signed letter yet, in OPD order."""
    return list(
        Pengumpulan.select(Pengumpulan, PerangkatDaerah)
        .join(PerangkatDaerah)
        .where(
            (Pengumpulan.periode == periode)
            & (Pengumpulan.status == StatusOpd.BELUM_DIKIRIMI.value)
        )
        .order_by(PerangkatDaerah.urutan, PerangkatDaerah.nama)
    )


def daftar_revisi(pengumpulan: Pengumpulan) -> list[Penyampaian]:
    """Every submitted revision of one OPD, newest first."""
    return list(
        Penyampaian.select()
        .where(Penyampaian.pengumpulan == pengumpulan)
        .order_by(Penyampaian.revisi.desc())
    )


def revisi_diperiksa(pengumpulan: Pengumpulan) -> Penyampaian | None:
    """The revision awaiting the Tim's decision, if any."""
    row: Penyampaian | None = (
        Penyampaian.select()
        .where(
            (Penyampaian.pengumpulan == pengumpulan)
            & (Penyampaian.status == StatusPenyampaian.DIPERIKSA.value)
        )
        .order_by(Penyampaian.revisi.desc())
        .first()
    )
    return row


def indikator(penyampaian: Penyampaian) -> list[DataIndikator]:
    """The indicator rows of one revision, in file order."""
    return list(
        DataIndikator.select()
        .where(DataIndikator.penyampaian == penyampaian)
        .order_by(DataIndikator.urutan)
    )


def temuan(penyampaian: Penyampaian) -> list[Temuan]:
    """The findings of one revision, errors first."""
    rows = list(Temuan.select().where(Temuan.penyampaian == penyampaian).order_by(Temuan.id))
    return sorted(rows, key=lambda t: t.severity != "error")


def riwayat_opd(pengumpulan: Pengumpulan) -> list[Peristiwa]:
    """One OPD's history in the period: receipt, revisions and decisions, coordination notes."""
    events: list[Peristiwa] = []
    for d in Distribusi.select().where(Distribusi.pengumpulan == pengumpulan):
        events.append(
            Peristiwa(
                d.tanggal,
                f"Surat diterima oleh {d.penerima_nama}",
                pengumpulan.opd.nama,
                d.dicatat_oleh.nama,
            )
        )
    for p in Penyampaian.select().where(Penyampaian.pengumpulan == pengumpulan):
        events.append(
            Peristiwa(
                p.tanggal_diterima,
                f"Data revisi {p.revisi} diterima ({StatusPenyampaian(p.status).value})",
                pengumpulan.opd.nama,
                p.dicatat_oleh.nama,
                f"{p.jumlah_error} kesalahan, {p.jumlah_peringatan} peringatan",
            )
        )
    for k in Koordinasi.select().where(Koordinasi.pengumpulan == pengumpulan):
        events.append(
            Peristiwa(
                k.waktu,
                f"Koordinasi ({k.cara})",
                k.dicatat_oleh.nama,
                k.dicatat_oleh.nama,
                k.catatan,
            )
        )
    return sorted(events, key=lambda e: e.waktu)
