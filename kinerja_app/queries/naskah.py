"""Lacak naskah: where each outgoing letter of a period stands, to whom it went, what happened.

SRIKANDI users follow a letter (naskah) from draft to each recipient's receipt; this is the
same view for the letters of this SOP: the request letter (draft, paraf, signature, receipt
by every OPD) and every other letter in the register of outgoing letters.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import JOIN

from kinerja_app.queries.riwayat import Peristiwa
from kinerja_app.queries.surat import rancangan_terakhir, riwayat_surat, surat_periode, tanda_tangan
from kinerja_app.storage.models import (
    AuditLog,
    Distribusi,
    Pengumpulan,
    PerangkatDaerah,
    Periode,
    SuratKeluar,
)
from kinerja_app.storage.models.pengumpulan import StatusOpd
from kinerja_app.storage.models.surat import StatusSurat
from kinerja_app.workflow.register import JenisSurat

PERMINTAAN = JenisSurat.PERMINTAAN.label


@dataclass(frozen=True)
class Penerima:
    """One addressee of a letter: whether and when it received it, and who signed the receipt."""

    nama: str
    diterima_pada: dt.datetime | None = None
    penerima: str = ""
    keadaan: str = ""


@dataclass(frozen=True)
class Naskah:
    """One outgoing letter as its tracker shows it."""

    jenis: str
    nomor: str  # empty while the letter is a draft
    tanggal: dt.date | None
    hal: str
    tujuan: str
    status: str
    penerima: tuple[Penerima, ...] = ()
    riwayat: tuple[Peristiwa, ...] = ()

    @property
    def diterima(self) -> int:
        """How many addressees have received it."""
        return sum(1 for p in self.penerima if p.diterima_pada is not None)


def _permintaan(periode: Periode) -> Naskah | None:
    surat = surat_periode(periode)
    latest = rancangan_terakhir(periode)
    if surat is None or latest is None:
        return None
    rows = list(
        Pengumpulan.select(Pengumpulan, PerangkatDaerah, Distribusi)
        .join(PerangkatDaerah)
        .switch(Pengumpulan)
        .join(Distribusi, JOIN.LEFT_OUTER, attr="kirim")
        .where(Pengumpulan.periode == periode)
        .order_by(PerangkatDaerah.urutan, PerangkatDaerah.nama)
    )
    penerima = []
    events = list(riwayat_surat(periode))
    for p in rows:
        d: Distribusi | None = getattr(p, "kirim", None)
        if d is not None and d.id is None:  # the outer join found no receipt
            d = None
        penerima.append(
            Penerima(
                p.opd.nama,
                d.tanggal if d else None,
                d.penerima_nama if d else "",
                StatusOpd(p.status).label,
            )
        )
        if d is not None:
            events.append(
                Peristiwa(
                    d.tanggal,
                    f"Diterima {p.opd.nama}",
                    d.penerima_nama,
                    d.dicatat_oleh.nama,
                )
            )
    status = StatusSurat(surat.status)
    ttd = tanda_tangan(periode)
    if status == StatusSurat.DITANDATANGANI:
        received = sum(1 for p in penerima if p.diterima_pada)
        text = f"Ditandatangani; diterima {received} dari {len(penerima)} Perangkat Daerah"
    else:
        text = f"Draf versi {latest.versi}: {status.label}"
    return Naskah(
        jenis=PERMINTAAN,
        nomor=ttd.surat_keluar.nomor if ttd else "",
        tanggal=ttd.surat_keluar.tanggal if ttd else None,
        hal=f"Permintaan Data Kinerja Tahun {periode.tahun}",
        tujuan="Perangkat Daerah",
        status=text,
        penerima=tuple(penerima),
        riwayat=tuple(sorted(events, key=lambda e: e.waktu)),
    )


def _register(row: SuratKeluar) -> Naskah:
    events = [
        Peristiwa(
            row.dicatat_pada,
            f"Dicatat di register surat keluar, nomor {row.nomor}",
            row.dicatat_oleh.nama,
            row.dicatat_oleh.nama,
        )
    ]
    for a in AuditLog.select().where(
        (AuditLog.objek == "surat_keluar") & (AuditLog.objek_id == row.id)
    ):
        events.append(Peristiwa(a.waktu, a.keterangan, a.pelaku_nama, a.pencatat_nama))
    known = {j.value: j.label for j in JenisSurat}
    return Naskah(
        jenis=known.get(row.jenis, row.jenis),
        nomor=row.nomor,
        tanggal=row.tanggal,
        hal=row.hal,
        tujuan=row.tujuan,
        status="Bernomor dan tercatat di register",
        penerima=(Penerima(row.tujuan),),
        riwayat=tuple(sorted(events, key=lambda e: e.waktu)),
    )


def lacak_naskah(periode: Periode) -> list[Naskah]:
    """Every outgoing letter of the period, the request letter first.

    Args:
        periode: the period.
    Returns:
        The letters with their status, addressees and history.
    """
    letters: list[Naskah] = []
    main = _permintaan(periode)
    if main is not None:
        letters.append(main)
    ttd = tanda_tangan(periode)
    skip = ttd.surat_keluar.id if ttd else 0
    others = (
        SuratKeluar.select()
        .where((SuratKeluar.periode == periode) & (SuratKeluar.id != skip))
        .order_by(SuratKeluar.tahun, SuratKeluar.urut)
    )
    letters.extend(_register(r) for r in others)
    return letters
