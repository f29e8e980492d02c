"""What every SOP action shares: the change record, role checks, refusals and paper actions."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NoReturn

from kinerja_app import audit
from kinerja_app.errors import ActionRefused, ValidationError
from kinerja_app.models import Periode, User, now
from kinerja_app.models.master import Role


class Area(enum.StrEnum):
    """What a change touched, so each view refreshes only what it shows."""

    PERIODE = "periode"
    DISPOSISI = "disposisi"
    SURAT = "surat"
    DISTRIBUSI = "distribusi"
    PENYAMPAIAN = "penyampaian"
    REKAP = "rekap"
    ARSIP = "arsip"
    MASTER = "master"
    PENGGUNA = "pengguna"
    PENGATURAN = "pengaturan"
    AUDIT = "audit"


@dataclass(frozen=True)
class Changes:
    """The small record every action returns: what changed and a message for the status bar."""

    areas: frozenset[Area]
    pesan: str = ""
    periode_id: int | None = None
    opd_ids: frozenset[int] = field(default_factory=frozenset)
    objek_id: int | None = None

    @classmethod
    def of(
        cls,
        *areas: Area,
        pesan: str = "",
        periode_id: int | None = None,
        opd_ids: Iterable[int] = (),
        objek_id: int | None = None,
    ) -> Changes:
        """Build a change record; the audit trail always changes too."""
        return cls(frozenset({*areas, Area.AUDIT}), pesan, periode_id, frozenset(opd_ids), objek_id)


@dataclass(frozen=True)
class Pelaksana:
    """Who acted (the official) and who recorded it in the app, and when the act happened."""

    oleh: User
    dicatat_oleh: User
    waktu: dt.datetime

    @property
    def manual(self) -> bool:
        """Whether a staff member recorded someone else's paper act."""
        return bool(self.oleh.id != self.dicatat_oleh.id)

    def audit(
        self,
        aksi: str,
        keterangan: str,
        *,
        periode_id: int | None,
        objek: str,
        objek_id: int | None,
        detail: dict[str, object] | None = None,
    ) -> None:
        """Write the act's audit row: the official as actor, the staff member as recorder."""
        audit.write(
            aksi,
            pelaku=self.oleh,
            pencatat=self.dicatat_oleh,
            keterangan=keterangan,
            periode_id=periode_id,
            objek=objek,
            objek_id=objek_id,
            detail={
                "waktu_tindakan": self.waktu.isoformat(sep=" "),
                "manual": self.manual,
                **(detail or {}),
            },
        )


def refuse(
    aksi: str, user: User, pesan: str, *, periode_id: int | None = None, opd_id: int | None = None
) -> NoReturn:
    """Write a "ditolak" audit row in its own transaction, then raise :class:`ActionRefused`."""
    audit.write(
        aksi, pelaku=user, hasil="ditolak", keterangan=pesan, periode_id=periode_id, opd_id=opd_id
    )
    raise ActionRefused(pesan)


def require_role(aksi: str, user: User, *roles: Role, periode_id: int | None = None) -> None:
    """Refuse unless ``user`` is active and holds one of ``roles``."""
    if not user.aktif:
        refuse(aksi, user, "Akun Anda tidak aktif; hubungi administrator.", periode_id=periode_id)
    held = user.roles()
    if not held.intersection(roles):
        names = " atau ".join(r.label for r in roles)
        refuse(
            aksi,
            user,
            f"Tindakan ini hanya dapat dilakukan oleh {names}; akun {user.nama} tidak memiliki peran itu.",
            periode_id=periode_id,
        )


def pelaksana(
    aksi: str,
    user: User,
    role: Role,
    *,
    atas_nama: User | None = None,
    waktu: dt.datetime | None = None,
    periode_id: int | None = None,
) -> Pelaksana:
    """Resolve who acted: ``user`` in person, or an official whose paper act ``user`` records.

    The official must hold ``role``; a recorder acting for someone else must be Tim Kinerja
    (or hold the role). A paper act cannot be dated in the future.
    """
    moment = (waktu or now()).replace(microsecond=0)
    if moment > now() + dt.timedelta(minutes=5):
        refuse(aksi, user, "Waktu tindakan tidak boleh di masa depan.", periode_id=periode_id)
    if atas_nama is None or atas_nama.id == user.id:
        require_role(aksi, user, role, periode_id=periode_id)
        return Pelaksana(user, user, moment)
    if not atas_nama.has_role(role):
        refuse(
            aksi,
            user,
            f"{atas_nama.nama} tidak memegang peran {role.label}; pilih pejabat yang benar.",
            periode_id=periode_id,
        )
    require_role(aksi, user, Role.TIM, role, periode_id=periode_id)
    return Pelaksana(atas_nama, user, moment)


def require_note(aksi: str, user: User, catatan: str, *, periode_id: int | None = None) -> str:
    """A "Tidak" always carries a note: refuse an empty one."""
    text = (catatan or "").strip()
    if len(text) < 3:
        refuse(
            aksi,
            user,
            "Catatan wajib diisi: tuliskan apa yang harus diperbaiki.",
            periode_id=periode_id,
        )
    return text


def require_unlocked(aksi: str, user: User, periode: Periode) -> None:
    """Refuse any change to a period archived at step 10."""
    if periode.terkunci:
        refuse(
            aksi,
            user,
            f"Periode {periode.nama} sudah final dan terkunci. Kabag dapat membuka kunci dengan alasan.",
            periode_id=periode.id,
        )


def clean_text(value: str, label: str, *, max_length: int = 5000, required: bool = True) -> str:
    """Trim a text field and check it; raise a :class:`ValidationError` naming the field."""
    text = (value or "").strip()
    if required and not text:
        raise ValidationError(f"{label} wajib diisi.")
    if len(text) > max_length:
        raise ValidationError(f"{label} terlalu panjang (maksimal {max_length} karakter).")
    return text
