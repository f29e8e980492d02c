"""Steps 1–5 for the screens: the disposisi, the draft versions, paraf, returns and signature."""

from __future__ import annotations

from kinerja_app.queries.riwayat import Peristiwa
from kinerja_app.storage.models import (
    Disposisi,
    Paraf,
    Pengembalian,
    Periode,
    Rancangan,
    SuratPermintaan,
    TandaTangan,
)
from kinerja_app.storage.models.master import Role
from kinerja_app.workflow.rancangan import IsiSurat


def disposisi_terakhir(periode: Periode) -> Disposisi | None:
    """The period's newest disposisi."""
    query = Disposisi.select().where(Disposisi.periode == periode).order_by(Disposisi.id.desc())
    row: Disposisi | None = query.first()
    return row


def surat_periode(periode: Periode) -> SuratPermintaan | None:
    """The period's request letter, if drafted."""
    return SuratPermintaan.get_or_none(SuratPermintaan.periode == periode)


def daftar_versi(periode: Periode) -> list[Rancangan]:
    """Every draft version of the period's letter, oldest first."""
    return list(
        Rancangan.select()
        .join(SuratPermintaan)
        .where(SuratPermintaan.periode == periode)
        .order_by(Rancangan.versi)
    )


def rancangan_terakhir(periode: Periode) -> Rancangan | None:
    """The newest draft version, or ``None``."""
    versions = daftar_versi(periode)
    return versions[-1] if versions else None


def get_rancangan(rancangan_id: int) -> Rancangan | None:
    """One version by id."""
    return Rancangan.get_or_none(Rancangan.id == rancangan_id)


def isi(rancangan: Rancangan) -> IsiSurat:
    """The letter's content stored in a version."""
    return IsiSurat.from_json(rancangan.isi_json)


def pengembalian(rancangan: Rancangan) -> list[Pengembalian]:
    """The returns ("Tidak") given on one version."""
    return list(
        Pengembalian.select().where(Pengembalian.rancangan == rancangan).order_by(Pengembalian.id)
    )


def paraf_versi(rancangan: Rancangan) -> list[Paraf]:
    """Every paraf on one version, voided ones included."""
    return list(Paraf.select().where(Paraf.rancangan == rancangan).order_by(Paraf.id))


def versi_terakhir_diperiksa(periode: Periode, role: str) -> Rancangan | None:
    """The newest version an official of ``role`` initialled or returned (what they last saw)."""
    surat = surat_periode(periode)
    if surat is None:
        return None
    acted = (
        Rancangan.select(Rancangan.id)
        .join(Paraf, on=(Paraf.rancangan == Rancangan.id))
        .where((Rancangan.surat == surat) & (Paraf.role == role))
    ) | (
        Rancangan.select(Rancangan.id)
        .join(Pengembalian, on=(Pengembalian.rancangan == Rancangan.id))
        .where((Rancangan.surat == surat) & (Pengembalian.role == role))
    )
    row: Rancangan | None = (
        Rancangan.select().where(Rancangan.id.in_(acted)).order_by(Rancangan.versi.desc()).first()
    )
    return row


def tanda_tangan(periode: Periode) -> TandaTangan | None:
    """The Sekda's signature of the period's letter, if signed."""
    surat = surat_periode(periode)
    return TandaTangan.get_or_none(TandaTangan.surat == surat) if surat else None


def riwayat_surat(periode: Periode) -> list[Peristiwa]:
    """The letter's history: disposisi, versions, paraf, returns and signature, in time order."""
    events: list[Peristiwa] = []
    for d in Disposisi.select().where(Disposisi.periode == periode):
        events.append(
            Peristiwa(d.waktu, f"Disposisi Kabag: {d.hal}", d.oleh.nama, d.dicatat_oleh.nama, d.isi)
        )
    for r in daftar_versi(periode):
        events.append(
            Peristiwa(
                r.dibuat_pada,
                f"Draf versi {r.versi} disimpan",
                r.dibuat_oleh.nama,
                r.dibuat_oleh.nama,
                r.catatan,
            )
        )
        for p in paraf_versi(r):
            status = " (batal: versi baru)" if p.batal else ""
            events.append(
                Peristiwa(
                    p.waktu,
                    f"Paraf {Role(p.role).label} pada versi {r.versi}{status}",
                    p.oleh.nama,
                    p.dicatat_oleh.nama,
                )
            )
        for k in pengembalian(r):
            events.append(
                Peristiwa(
                    k.waktu,
                    f"Versi {r.versi} dikembalikan oleh {Role(k.role).label}",
                    k.oleh.nama,
                    k.dicatat_oleh.nama,
                    k.catatan,
                )
            )
    ttd = tanda_tangan(periode)
    if ttd is not None:
        events.append(
            Peristiwa(
                ttd.waktu,
                f"Ditandatangani Sekda ({ttd.cara}), nomor {ttd.surat_keluar.nomor}",
                ttd.oleh.nama,
                ttd.dicatat_oleh.nama,
                ttd.nomor_srikandi or "",
            )
        )
    return sorted(events, key=lambda e: e.waktu)
