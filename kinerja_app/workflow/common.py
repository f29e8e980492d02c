"""What every SOP action shares: the change record, role checks, refusals and paper actions."""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NoReturn, TypeVar

import peewee

from kinerja_app.clock import now
from kinerja_app.errors import ActionRefused, ValidationError
from kinerja_app.formatting import format_tanggal_waktu
from kinerja_app.storage import audit, komitmen
from kinerja_app.storage.db import database, for_update, is_unique_violation
from kinerja_app.storage.db import transaction as db_transaction
from kinerja_app.storage.models import Periode, User
from kinerja_app.storage.models.base import BaseModel
from kinerja_app.storage.models.master import Role

log = logging.getLogger(__name__)
M = TypeVar("M", bound=BaseModel)


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
        data: komitmen.Data | None = None,
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
            data=data,
        )


class Refusal(ActionRefused):
    """An :class:`ActionRefused` that still owes its "ditolak" audit row.

    Raised inside a write transaction, the row would be rolled back with everything else, so
    :func:`transaction` writes it once the transaction is gone.
    """

    def __init__(
        self,
        pesan: str,
        aksi: str,
        user: User | None,
        periode_id: int | None,
        opd_id: int | None,
    ) -> None:
        super().__init__(pesan)
        self.aksi, self.user, self.periode_id, self.opd_id = aksi, user, periode_id, opd_id
        self.recorded = False

    def record(self) -> None:
        """Write the "ditolak" row (once, and only outside any transaction)."""
        if self.recorded or database.in_transaction():
            return
        audit.write(
            self.aksi,
            pelaku=self.user,
            hasil="ditolak",
            keterangan=str(self),
            periode_id=self.periode_id,
            opd_id=self.opd_id,
        )
        self.recorded = True


def refuse(
    aksi: str,
    user: User | None,
    pesan: str,
    *,
    periode_id: int | None = None,
    opd_id: int | None = None,
) -> NoReturn:
    """Refuse an action: raise :class:`ActionRefused` and leave a "ditolak" audit row.

    Outside a transaction the row is written at once; inside one, after it rolls back.
    """
    refusal = Refusal(pesan, aksi, user, periode_id, opd_id)
    refusal.record()
    raise refusal


BENTROK = (
    "Data yang sama baru saja disimpan dari komputer lain, jadi tindakan ini tidak dijalankan. "
    "Muat ulang (F5), periksa keadaannya, lalu ulangi bila masih perlu."
)


@contextlib.contextmanager
def transaction(
    aksi: str | None = None,
    user: User | None = None,
    *,
    periode_id: int | None = None,
    opd_id: int | None = None,
    bentrok: str = BENTROK,
) -> Iterator[None]:
    """The write transaction of an action (BEGIN IMMEDIATE).

    Every check that decides whether the action may happen runs inside it, so it sees the data
    as it is when the write happens and two workstations cannot both act on one step. A refusal
    raised inside gets its "ditolak" row after the rollback. A uniqueness clash the checks did
    not foresee (another workstation won) becomes a refusal of ``aksi`` with ``bentrok`` as
    its sentence; a database fault (full disk, read-only file) a :class:`DatabaseProblem`.
    """
    try:
        with db_transaction():
            yield
    except Refusal as refusal:
        refusal.record()
        raise
    except peewee.IntegrityError as exc:
        if aksi is None or not is_unique_violation(exc):
            raise
        log.warning("%s refused on a constraint: %s", aksi, exc)
        clash = Refusal(bentrok, aksi, user, periode_id, opd_id)
        clash.record()
        raise clash from exc


def locked(model: type[M], row_id: int) -> M:
    """A row read afresh inside the write transaction (locked until it ends on a server engine),
    for the state checks that decide whether the action may happen."""
    row: M = for_update(model.select().where(model._meta.primary_key == row_id)).get()
    return row


def require_role(aksi: str, user: User, *roles: Role, periode_id: int | None = None) -> None:
    """Refuse unless ``user`` is active and holds one of ``roles`` (read afresh: an account the
    administrator deactivated or changed stops acting at once, even in a session already open)."""
    fresh = User.get_or_none(User.id == user.id)
    if fresh is None or not fresh.aktif:
        refuse(aksi, user, "Akun Anda tidak aktif; hubungi administrator.", periode_id=periode_id)
    held = fresh.roles()
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
    fresh = User.get_or_none(User.id == atas_nama.id)
    if fresh is None or not fresh.aktif or not fresh.has_role(role):
        refuse(
            aksi,
            user,
            f"{atas_nama.nama} tidak memegang peran {role.label}; pilih pejabat yang benar.",
            periode_id=periode_id,
        )
    require_role(aksi, user, Role.TIM, role, periode_id=periode_id)
    return Pelaksana(atas_nama, user, moment)


def require_after(
    aksi: str,
    user: User,
    moment: dt.datetime,
    earliest: dt.datetime | None,
    what: str,
    *,
    periode_id: int | None,
) -> None:
    """Refuse a recorded time earlier than the step it follows (``what`` names that step)."""
    # minute resolution: a paper act is entered with hours and minutes, not seconds
    if earliest is not None and moment < earliest.replace(second=0, microsecond=0):
        refuse(
            aksi,
            user,
            f"Waktu yang dicatat ({format_tanggal_waktu(moment)}) lebih awal dari {what} "
            f"({format_tanggal_waktu(earliest)}); periksa tanggal dan jamnya.",
            periode_id=periode_id,
        )


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
