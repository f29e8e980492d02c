"""Read queries for the Rekapitulasi tab: the recap rows and an OPD's indicators with findings."""

from __future__ import annotations

from dataclasses import dataclass

from kinerja_app.rekap.capaian import predikat
from kinerja_app.rekap.rekapitulasi import (
    BarisRekap,
    Ringkasan,
    baris_rekap,
    ringkasan,
    skala_predikat,
)
from kinerja_app.storage.db import read_transaction
from kinerja_app.storage.models import DataIndikator, Pengumpulan, Penyampaian, Periode, Temuan
from kinerja_app.storage.models.pengumpulan import StatusOpd


@dataclass(frozen=True)
class TemuanSel:
    """A stored finding: severity, code, cell and message."""

    severity: str
    kode: str
    sel: str | None
    baris: int | None
    pesan: str


@dataclass(frozen=True)
class BarisIndikator:
    """One indicator of an OPD's current revision, with the findings on its sheet row."""

    opd: str
    urutan: int
    baris: int | None
    sasaran: str
    indikator: str
    satuan: str
    polaritas: str
    target: float | None
    target_teks: str
    realisasi: float | None
    realisasi_teks: str
    capaian: float | None
    capaian_dilaporkan: float | None
    predikat: str
    temuan: tuple[TemuanSel, ...] = ()

    @property
    def jumlah_error(self) -> int:
        """Errors on this row."""
        return sum(1 for t in self.temuan if t.severity == "error")


@dataclass(frozen=True)
class DetailOpd:
    """An OPD's current revision for the drill-down: rows and every finding (file-level too)."""

    opd: str
    status: StatusOpd
    revisi: int
    baris: tuple[BarisIndikator, ...]
    temuan: tuple[TemuanSel, ...]


def rekap(periode: Periode) -> tuple[list[BarisRekap], Ringkasan]:
    """The recap rows of a period and their summary line."""
    rows = baris_rekap(periode)
    return rows, ringkasan(rows)


def detail_opd(pengumpulan_id: int) -> DetailOpd:
    """The current revision of one OPD with its indicators and findings.

    Args:
        pengumpulan_id: the OPD-in-period.
    Returns:
        The detail; no rows when the OPD has not submitted yet.
    """
    with read_transaction():  # the revision and its rows and findings as one state
        return _detail_opd(pengumpulan_id)


def _detail_opd(pengumpulan_id: int) -> DetailOpd:
    p = Pengumpulan.get_by_id(pengumpulan_id)
    rev = Penyampaian.get_or_none(
        (Penyampaian.pengumpulan == p) & (Penyampaian.revisi == p.revisi_terakhir)
    )
    if rev is None:
        return DetailOpd(p.opd.nama, StatusOpd(p.status), 0, (), ())
    temuan = tuple(
        TemuanSel(t.severity, t.kode, t.sel, t.baris, t.pesan)
        for t in Temuan.select().where(Temuan.penyampaian == rev).order_by(Temuan.id)
    )
    by_row: dict[int, list[TemuanSel]] = {}
    for t in temuan:
        if t.baris is not None:
            by_row.setdefault(t.baris, []).append(t)
    scale = skala_predikat()
    rows = tuple(
        BarisIndikator(
            opd=p.opd.nama,
            urutan=d.urutan,
            baris=d.baris,
            sasaran=d.sasaran,
            indikator=d.indikator,
            satuan=d.satuan,
            polaritas=d.polaritas or "",
            target=d.target,
            target_teks=d.target_teks,
            realisasi=d.realisasi,
            realisasi_teks=d.realisasi_teks,
            capaian=d.capaian,
            capaian_dilaporkan=d.capaian_dilaporkan,
            predikat=predikat(d.capaian, scale),
            temuan=tuple(by_row.get(d.baris, ())) if d.baris is not None else (),
        )
        for d in DataIndikator.select()
        .where(DataIndikator.penyampaian == rev)
        .order_by(DataIndikator.urutan)
    )
    return DetailOpd(p.opd.nama, StatusOpd(p.status), rev.revisi, rows, temuan)


def semua_indikator(periode: Periode) -> list[BarisIndikator]:
    """Every OPD's current-revision indicators, in OPD order (the export's second sheet)."""
    out: list[BarisIndikator] = []
    with read_transaction():  # the export's two sheets describe the same state
        for row in baris_rekap(periode):
            if row.revisi:
                out.extend(detail_opd(row.pengumpulan_id).baris)
    return out
