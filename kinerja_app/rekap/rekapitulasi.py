"""The recap of a period: one row per OPD, and the summary line (expected/received/on time/verified)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any, cast

import peewee

from kinerja_app.admin import settings
from kinerja_app.formatting import format_persen
from kinerja_app.rekap.capaian import PredikatBand, predikat
from kinerja_app.storage.db import read_transaction
from kinerja_app.storage.models import (
    DataIndikator,
    Pengumpulan,
    Penyampaian,
    PerangkatDaerah,
    Periode,
)
from kinerja_app.storage.models.pengumpulan import StatusOpd


@dataclass(frozen=True)
class BarisRekap:
    """One OPD in the recap."""

    pengumpulan_id: int
    opd_id: int
    kode: str
    nama: str
    status: StatusOpd
    surat_diterima_pada: dt.datetime | None
    batas_waktu: dt.datetime | None
    data_masuk_pada: dt.datetime | None
    tepat_waktu: bool | None
    revisi: int
    jumlah_indikator: int
    jumlah_error: int
    jumlah_peringatan: int
    capaian_rata: float | None
    predikat: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BarisRekap:
        """Inverse of :meth:`to_json` (a row of a recap version's frozen snapshot)."""
        fields = dict(data)
        fields["status"] = StatusOpd(fields["status"])
        for key in ("surat_diterima_pada", "batas_waktu", "data_masuk_pada"):
            value = fields[key]
            fields[key] = dt.datetime.fromisoformat(value) if value else None
        return cls(**fields)

    def to_json(self) -> dict[str, Any]:
        """JSON-able form for the frozen snapshot of a recap version."""
        data = asdict(self)
        data["status"] = self.status.value
        for key in ("surat_diterima_pada", "batas_waktu", "data_masuk_pada"):
            value = data[key]
            data[key] = value.isoformat(sep=" ") if value else None
        return data


@dataclass(frozen=True)
class Ringkasan:
    """The summary line, like a reporting-rate table: expected / received / on time / verified."""

    diharapkan: int
    diterima: int
    tepat_waktu: int
    terverifikasi: int
    perlu_perbaikan: int

    def persen(self, value: int) -> float | None:
        """``value`` as a share of the expected OPDs, in percent."""
        return value / self.diharapkan * 100.0 if self.diharapkan else None

    def teks(self) -> str:
        """The summary line: "Diharapkan 36 OPD · Diterima 28 (77,78%) · ..."."""

        def part(label: str, value: int) -> str:
            return f"{label} {value} ({format_persen(self.persen(value))})"

        return " · ".join(
            [
                f"Diharapkan {self.diharapkan} OPD",
                part("Diterima", self.diterima),
                part("Tepat waktu", self.tepat_waktu),
                part("Terverifikasi", self.terverifikasi),
                f"Perlu perbaikan {self.perlu_perbaikan}",
            ]
        )


def skala_predikat() -> list[PredikatBand]:
    """The predikat scale in force (a setting)."""
    return [PredikatBand(float(lo), str(name)) for lo, name in settings.get("predikat")]


def baris_rekap(periode: Periode) -> list[BarisRekap]:
    """Every expected OPD of the period with its current revision's figures, in OPD order.

    Its three queries run in one read transaction: a revision stored meanwhile at another
    workstation never mixes one revision's number with another's figures.
    """
    with read_transaction():
        return _baris_rekap(periode)


def _baris_rekap(periode: Periode) -> list[BarisRekap]:
    scale = skala_predikat()
    current = cast(
        list[dict[str, Any]],
        list(
            Penyampaian.select(
                Penyampaian.id,
                Penyampaian.pengumpulan,
                Penyampaian.jumlah_error,
                Penyampaian.jumlah_peringatan,
                Penyampaian.capaian_rata,
            )
            .join(Pengumpulan)
            .where(
                (Pengumpulan.periode == periode)
                & (Penyampaian.revisi == Pengumpulan.revisi_terakhir)
            )
            .dicts()
        ),
    )
    sizes: dict[int, int] = {
        int(pid): int(n)
        for pid, n in cast(
            Iterable[tuple[int, int]],
            DataIndikator.select(DataIndikator.penyampaian, peewee.fn.COUNT(DataIndikator.id))
            .where(DataIndikator.penyampaian.in_([row["id"] for row in current]))
            .group_by(DataIndikator.penyampaian)
            .tuples(),
        )
    }
    counts = [{**row, "n": sizes.get(row["id"], 0)} for row in current]
    by_pengumpulan = {row["pengumpulan"]: row for row in counts}
    rows: list[BarisRekap] = []
    query = (
        Pengumpulan.select(Pengumpulan, PerangkatDaerah)
        .join(PerangkatDaerah)
        .where(Pengumpulan.periode == periode)
        .order_by(PerangkatDaerah.urutan, PerangkatDaerah.nama)
    )
    for p in query:
        rev = by_pengumpulan.get(p.id, {})
        first = p.data_pertama_pada
        rata = rev.get("capaian_rata")
        rows.append(
            BarisRekap(
                pengumpulan_id=p.id,
                opd_id=p.opd.id,
                kode=p.opd.kode,
                nama=p.opd.nama,
                status=StatusOpd(p.status),
                surat_diterima_pada=p.surat_diterima_pada,
                batas_waktu=p.batas_waktu,
                data_masuk_pada=first,
                tepat_waktu=(first <= p.batas_waktu) if first and p.batas_waktu else None,
                revisi=p.revisi_terakhir,
                jumlah_indikator=int(rev.get("n", 0)),
                jumlah_error=int(rev.get("jumlah_error", 0)),
                jumlah_peringatan=int(rev.get("jumlah_peringatan", 0)),
                capaian_rata=rata,
                predikat=predikat(rata, scale),
            )
        )
    return rows


def ringkasan(rows: Sequence[BarisRekap]) -> Ringkasan:
    """Summarise recap rows."""
    return Ringkasan(
        diharapkan=len(rows),
        diterima=sum(1 for r in rows if r.data_masuk_pada is not None),
        tepat_waktu=sum(1 for r in rows if r.tepat_waktu),
        terverifikasi=sum(1 for r in rows if r.status == StatusOpd.TERVERIFIKASI),
        perlu_perbaikan=sum(1 for r in rows if r.status == StatusOpd.PERLU_PERBAIKAN),
    )
