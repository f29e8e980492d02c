"""Steps 3–5 branches: the Kabag's and the Asisten's paraf, and a "Tidak" back to the Tim.

A paraf certifies one version: the official names the version they read, and a paraf on a
version that has since been replaced is refused.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kinerja_app.storage.arsip_berkas import catat_bukti, folder_periode, salinan_arsip
from kinerja_app.storage.db import for_update
from kinerja_app.storage.models import (
    Arsip,
    Paraf,
    Pengembalian,
    Rancangan,
    SuratPermintaan,
    User,
)
from kinerja_app.storage.models.master import Role
from kinerja_app.storage.models.surat import StatusSurat
from kinerja_app.workflow.common import (
    Area,
    Changes,
    pelaksana,
    refuse,
    require_after,
    require_note,
    require_unlocked,
    transaction,
)
from kinerja_app.workflow.rancangan import versi_terakhir

# who acts in which state, and where a "Ya" leads
_CHAIN: dict[Role, tuple[StatusSurat, StatusSurat]] = {
    Role.KABAG: (StatusSurat.MENUNGGU_KABAG, StatusSurat.MENUNGGU_ASISTEN),
    Role.ASISTEN: (StatusSurat.MENUNGGU_ASISTEN, StatusSurat.MENUNGGU_SEKDA),
}
_STEP = {Role.KABAG: 3, Role.ASISTEN: 4, Role.SEKDA: 5}


def check_turn(
    aksi: str, user: User, rancangan: Rancangan, role: Role, state: StatusSurat, waktu: dt.datetime
) -> SuratPermintaan:
    """Refuse unless the letter waits for ``role``, ``rancangan`` is its newest version, and the
    act (at ``waktu``) is not dated before the step it follows. Call inside the transaction."""
    # fresh, and locked on a server engine: the caller's copy may be stale
    surat = for_update(
        SuratPermintaan.select().where(SuratPermintaan.id == rancangan.surat_id)
    ).get()
    periode = surat.periode
    require_unlocked(aksi, user, periode)
    if surat.status != state:
        refuse(
            aksi,
            user,
            f"Surat tidak sedang menunggu {role.label} (status: {StatusSurat(surat.status).label}).",
            periode_id=periode.id,
        )
    latest = versi_terakhir(surat)
    if latest.id != rancangan.id:
        refuse(
            aksi,
            user,
            f"Versi {rancangan.versi} sudah digantikan oleh versi {latest.versi}; periksa versi terbaru.",
            periode_id=periode.id,
        )
    require_after(
        aksi,
        user,
        waktu,
        sebelumnya(rancangan),
        "langkah sebelumnya pada versi ini",
        periode_id=periode.id,
    )
    return surat


def beri_paraf(
    user: User,
    rancangan: Rancangan,
    role: Role,
    *,
    atas_nama: User | None = None,
    waktu: dt.datetime | None = None,
    scan: Path | None = None,
) -> Changes:
    """ "Ya" at step 3 (Kabag) or 4 (Asisten): initial this version and pass it on.

    Args:
        user: the official, or the Tim member recording a wet paraf.
        rancangan: the version the official read.
        role: ``Role.KABAG`` or ``Role.ASISTEN``.
        atas_nama: the official, when ``user`` records a paper paraf.
        waktu: when the paraf was given.
        scan: a scan of the initialled page.
    Returns:
        The change record.
    """
    aksi = f"paraf_{role.value.lower()}"
    periode_id = rancangan.surat.periode_id
    if role not in _CHAIN:
        refuse(aksi, user, "Paraf hanya diberikan oleh Kabag dan Asisten.", periode_id=periode_id)
    state, following = _CHAIN[role]
    tahun = rancangan.surat.periode.tahun
    proof = (
        [
            (
                scan,
                folder_periode(tahun, "Pindaian"),
                f"Paraf {role.label} v{rancangan.versi} - {scan.name}",
            )
        ]
        if scan
        else []
    )
    with salinan_arsip(proof) as copies, transaction(aksi, user, periode_id=periode_id):
        who = pelaksana(aksi, user, role, atas_nama=atas_nama, waktu=waktu, periode_id=periode_id)
        surat = check_turn(aksi, user, rancangan, role, state, who.waktu)
        row = Paraf.create(
            rancangan=rancangan,
            role=role.value,
            oleh=who.oleh,
            dicatat_oleh=who.dicatat_oleh,
            waktu=who.waktu,
            scan=str(copies[0][0]) if copies else None,
        )
        bukti = (
            [
                catat_bukti(
                    surat.periode,
                    f"Pindaian paraf {role.label} (versi {rancangan.versi})",
                    copies[0],
                    user,
                ).id
            ]
            if copies
            else []
        )
        SuratPermintaan.update(status=following.value, status_sejak=who.waktu).where(
            SuratPermintaan.id == surat.id
        ).execute()
        who.audit(
            aksi,
            keterangan=f"Paraf {role.label} pada draf versi {rancangan.versi}",
            periode_id=periode_id,
            objek="paraf",
            objek_id=row.id,
            detail={"versi": rancangan.versi, "hash": rancangan.content_hash},
            data={Paraf: [row.id], SuratPermintaan: [surat.id], Arsip: bukti},
        )
    return Changes.of(
        Area.SURAT, pesan=f"Paraf {role.label} dicatat.", periode_id=periode_id, objek_id=row.id
    )


def kabag_paraf(user: User, rancangan: Rancangan, **kwargs: object) -> Changes:
    """Step 3 "Ya": the Kabag initials the draft."""
    return beri_paraf(user, rancangan, Role.KABAG, **kwargs)  # type: ignore[arg-type]


def asisten_paraf(user: User, rancangan: Rancangan, **kwargs: object) -> Changes:
    """Step 4 "Ya": the Asisten initials the draft."""
    return beri_paraf(user, rancangan, Role.ASISTEN, **kwargs)  # type: ignore[arg-type]


def kembalikan_rancangan(
    user: User,
    rancangan: Rancangan,
    role: Role,
    catatan: str,
    *,
    atas_nama: User | None = None,
    waktu: dt.datetime | None = None,
) -> Changes:
    """ "Tidak" at step 3, 4 or 5: return the draft to the Tim with a note.

    Args:
        user: the official, or the Tim member recording the official's paper note.
        rancangan: the version that was read.
        role: the returning official's role (Kabag, Asisten or Sekda).
        catatan: what must be corrected (required).
        atas_nama: the official, when recorded by staff.
        waktu: when it was returned.
    Returns:
        The change record.
    """
    aksi = f"kembalikan_rancangan_{role.value.lower()}"
    periode_id = rancangan.surat.periode_id
    if role not in _STEP:
        refuse(
            aksi,
            user,
            "Hanya Kabag, Asisten, atau Sekda yang dapat mengembalikan draf.",
            periode_id=periode_id,
        )
    state = _CHAIN[role][0] if role in _CHAIN else StatusSurat.MENUNGGU_SEKDA
    with transaction(aksi, user, periode_id=periode_id):
        who = pelaksana(aksi, user, role, atas_nama=atas_nama, waktu=waktu, periode_id=periode_id)
        text = require_note(aksi, user, catatan, periode_id=periode_id)
        surat = check_turn(aksi, user, rancangan, role, state, who.waktu)
        row = Pengembalian.create(
            rancangan=rancangan,
            role=role.value,
            catatan=text,
            oleh=who.oleh,
            dicatat_oleh=who.dicatat_oleh,
            waktu=who.waktu,
        )
        SuratPermintaan.update(status=StatusSurat.DIKEMBALIKAN.value, status_sejak=who.waktu).where(
            SuratPermintaan.id == surat.id
        ).execute()
        who.audit(
            aksi,
            keterangan=f"Draf versi {rancangan.versi} dikembalikan oleh {role.label} (langkah {_STEP[role]}): {text}",
            periode_id=periode_id,
            objek="pengembalian",
            objek_id=row.id,
            detail={"versi": rancangan.versi, "catatan": text},
            data={Pengembalian: [row.id], SuratPermintaan: [surat.id]},
        )
    return Changes.of(
        Area.SURAT,
        pesan="Draf dikembalikan ke Tim Kinerja.",
        periode_id=periode_id,
        objek_id=row.id,
    )


def sebelumnya(rancangan: Rancangan) -> dt.datetime:
    """When the step before the current one happened on this version: its last valid paraf, or
    the version's own creation (a paper act cannot be dated before it)."""
    times = [p.waktu for p in paraf_sah(rancangan).values()]
    return max([rancangan.dibuat_pada, *times])


def paraf_sah(rancangan: Rancangan) -> dict[Role, Paraf]:
    """The valid (not voided) paraf on a version, by role."""
    rows = Paraf.select().where((Paraf.rancangan == rancangan) & (Paraf.batal == False))  # noqa: E712
    return {Role(p.role): p for p in rows}
