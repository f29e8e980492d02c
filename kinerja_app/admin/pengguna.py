"""User accounts: the first administrator, users and roles, login with throttling and lock."""

from __future__ import annotations

import datetime as dt
import functools
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from kinerja_app.admin.nip import validate_nip
from kinerja_app.admin.passwords import (
    LoginPolicy,
    check_password_strength,
    hash_password,
    needs_rehash,
    verify_password,
)
from kinerja_app.clock import now
from kinerja_app.errors import UserError, ValidationError
from kinerja_app.storage import audit
from kinerja_app.storage.db import transaction as db_transaction
from kinerja_app.storage.models import User, UserRole
from kinerja_app.storage.models.master import Role
from kinerja_app.workflow.common import (
    Area,
    Changes,
    clean_text,
    refuse,
    require_role,
    transaction,
)

POLICY = LoginPolicy()


@dataclass(frozen=True)
class DataPengguna:
    """The editable fields of an account."""

    username: str
    nama: str
    roles: frozenset[Role]
    nip: str = ""
    jabatan: str = ""
    pangkat: str = ""
    aktif: bool = True

    def cleaned(self) -> DataPengguna:
        """Validated copy: username rules, NIP 8-6-1-3, at least one role."""
        username = self.username.strip().lower()
        if (
            not username
            or not username.replace(".", "").replace("_", "").isalnum()
            or len(username) > 60
        ):
            raise ValidationError(
                "Nama pengguna hanya boleh huruf, angka, titik, atau garis bawah (maksimal 60)."
            )
        if not self.roles:
            raise ValidationError("Pilih paling sedikit satu peran untuk pengguna ini.")
        nip = validate_nip(self.nip) if self.nip.strip() else ""
        return DataPengguna(
            username=username,
            nama=clean_text(self.nama, "Nama", max_length=200),
            roles=self.roles,
            nip=nip,
            jabatan=clean_text(self.jabatan, "Jabatan", max_length=200, required=False),
            pangkat=clean_text(self.pangkat, "Pangkat/golongan", max_length=100, required=False),
            aktif=self.aktif,
        )


def ada_pengguna() -> bool:
    """Whether any account exists (the first start creates the administrator)."""
    return bool(User.select().exists())


def _set_roles(user: User, roles: Iterable[Role]) -> None:
    UserRole.delete().where(UserRole.user == user).execute()
    UserRole.insert_many([{"user": user.id, "role": r.value} for r in sorted(roles)]).execute()


def buat_admin_pertama(data: DataPengguna, password: str) -> User:
    """Create the first administrator on an empty database (first start)."""
    aksi = "buat_admin_pertama"
    clean = data.cleaned()
    check_password_strength(password)
    hashed = hash_password(password)  # slow: before the write lock
    done = "Administrator pertama sudah dibuat; masuklah dengan akun yang ada."
    with transaction(aksi, None, bentrok=done):
        if ada_pengguna():
            refuse(aksi, None, done)
        user = User.create(
            username=clean.username,
            nama=clean.nama,
            nip=clean.nip or None,
            jabatan=clean.jabatan,
            pangkat=clean.pangkat,
            password_hash=hashed,
        )
        _set_roles(user, clean.roles | {Role.ADMIN})
        audit.write(
            aksi,
            pelaku=user,
            keterangan=f"Administrator pertama {user.nama} dibuat",
            objek="pengguna",
            objek_id=user.id,
            data={User: [user.id], UserRole: [user.id]},
        )
    return user


def simpan_pengguna(
    admin: User, data: DataPengguna, *, password: str | None = None, user: User | None = None
) -> Changes:
    """Create (``user`` is None) or update an account (administrator only)."""
    aksi = "simpan_pengguna"
    clean = data.cleaned()
    if user is None and not password:
        raise ValidationError("Kata sandi awal wajib diisi untuk pengguna baru.")
    if password:
        check_password_strength(password)
    hashed = hash_password(password) if password else None  # slow: before the write lock
    taken = f"Nama pengguna '{clean.username}' sudah dipakai; pilih nama pengguna lain."
    fields = {
        "username": clean.username,
        "nama": clean.nama,
        "nip": clean.nip or None,
        "jabatan": clean.jabatan,
        "pangkat": clean.pangkat,
        "aktif": clean.aktif,
    }
    with transaction(aksi, admin, bentrok=taken):
        require_role(aksi, admin, Role.ADMIN)
        clash = User.get_or_none(User.username == clean.username)
        if clash is not None and (user is None or clash.id != user.id):
            refuse(aksi, admin, taken)
        if (
            user is not None
            and user.id == admin.id
            and (Role.ADMIN not in clean.roles or not clean.aktif)
        ):
            refuse(
                aksi,
                admin,
                "Anda tidak dapat menonaktifkan atau mencabut peran Administrator dari akun Anda sendiri.",
            )
        if user is None:
            user = User.create(**fields, password_hash=hashed or "")
        else:
            User.update(**fields).where(User.id == user.id).execute()
            if hashed:
                User.update(password_hash=hashed, gagal_login=0, terkunci_sampai=None).where(
                    User.id == user.id
                ).execute()
        _set_roles(user, clean.roles)
        audit.write(
            aksi,
            pelaku=admin,
            keterangan=f"Akun {clean.nama} disimpan ({', '.join(sorted(r.value for r in clean.roles))})",
            objek="pengguna",
            objek_id=user.id,
            detail={"roles": sorted(r.value for r in clean.roles), "aktif": clean.aktif},
            data={User: [user.id], UserRole: [user.id]},
        )
    return Changes.of(Area.PENGGUNA, pesan=f"Akun {clean.nama} disimpan.", objek_id=user.id)


@functools.cache
def _dummy_hash() -> str:
    """A hash to verify against when the name is unknown, so that costs what a known name does."""
    return hash_password("nama-tidak-dikenal-" + secrets.token_hex(8))


def masuk(username: str, password: str, *, waktu: dt.datetime | None = None) -> User:
    """Log in: check the password, apply the delay and lock policy, audit the attempt.

    Every attempt costs one Argon2 verification and one audited write, whether the name is
    known, unknown, inactive or locked, so the answer's timing does not tell which. An unknown
    name is recorded by its length only: people type passwords into the name box.

    Raises:
        UserError: wrong name or password, inactive account, or locked for a while.
    """
    moment = waktu or now()
    dummy = _dummy_hash()  # made at the first attempt of any kind, so it costs no name extra
    user = User.get_or_none(User.username == username.strip().lower())
    correct = verify_password(user.password_hash if user else dummy, password)
    with db_transaction():
        fresh = User.get_or_none(User.id == user.id) if user else None
        if fresh is not None and user is not None and fresh.password_hash != user.password_hash:
            # reset or changed at another workstation since it was read: judge the one in force
            correct = verify_password(fresh.password_hash, password)
        if fresh is None:
            audit.write(
                "masuk",
                pelaku=None,
                hasil="ditolak",
                keterangan=f"Percobaan masuk dengan nama pengguna yang tidak terdaftar "
                f"({len(username.strip())} karakter)",
            )
            problem = "Nama pengguna atau kata sandi salah."
        else:
            problem = _login(fresh, password, correct, moment)
    if problem:
        raise UserError(problem)
    return User.get_by_id(user.id if user else 0)


def _login(user: User, password: str, correct: bool, moment: dt.datetime) -> str:
    """Record one attempt on a known account (inside the transaction); return the refusal."""
    if not user.aktif:
        audit.write("masuk", pelaku=user, hasil="ditolak", keterangan="Akun tidak aktif")
        return "Akun ini tidak aktif; hubungi administrator."
    if user.terkunci_sampai and user.terkunci_sampai > moment:
        audit.write("masuk", pelaku=user, hasil="ditolak", keterangan="Akun sedang terkunci")
        if POLICY.is_locked(user.gagal_login) and not user.has_role(Role.ADMIN):
            return POLICY.locked_message()
        wait = user.terkunci_sampai.strftime("%H.%M.%S")
        return f"Terlalu banyak percobaan gagal. Coba lagi setelah pukul {wait}."
    if not correct:
        failures = user.gagal_login + 1
        # An administrator is slowed down but never locked out: nobody else could unlock them.
        lock = POLICY.is_locked(failures) and not user.has_role(Role.ADMIN)
        delay = POLICY.delay_after(failures)
        until = moment + (dt.timedelta(days=3650) if lock else dt.timedelta(seconds=delay))
        User.update(gagal_login=failures, terkunci_sampai=until if delay or lock else None).where(
            User.id == user.id
        ).execute()
        audit.write(
            "masuk",
            pelaku=user,
            hasil="ditolak",
            keterangan=f"Kata sandi salah (percobaan ke-{failures})"
            + ("; akun dikunci" if lock else ""),
            data={User: [user.id]},
        )
        return "Nama pengguna atau kata sandi salah."
    updates: dict[str, object] = {"gagal_login": 0, "terkunci_sampai": None}
    if needs_rehash(user.password_hash):
        updates["password_hash"] = hash_password(password)
    User.update(**updates).where(User.id == user.id).execute()
    audit.write("masuk", pelaku=user, keterangan=f"{user.nama} masuk", data={User: [user.id]})
    return ""


def cek_kata_sandi(user: User, password: str) -> bool:
    """Re-check the password of a logged-in user unlocking an idle session.

    It is a login in all but name: the same delay, lock and "account inactive" rules apply, so
    the lock screen is no back door for guessing.

    Raises:
        UserError: wrong password, account locked or deactivated in the meantime.
    """
    return bool(masuk(user.username, password).id == user.id)


def buka_blokir(admin: User, user: User) -> Changes:
    """Clear a user's failed logins and lock (administrator only)."""
    aksi = "buka_blokir"
    with transaction(aksi, admin):
        require_role(aksi, admin, Role.ADMIN)
        User.update(gagal_login=0, terkunci_sampai=None).where(User.id == user.id).execute()
        audit.write(
            aksi,
            pelaku=admin,
            keterangan=f"Blokir akun {user.nama} dibuka",
            objek="pengguna",
            objek_id=user.id,
            data={User: [user.id]},
        )
    return Changes.of(Area.PENGGUNA, pesan=f"Akun {user.nama} dapat dipakai kembali.")


def ganti_kata_sandi(user: User, lama: str, baru: str) -> Changes:
    """A user changes their own password (an active account only)."""
    aksi = "ganti_kata_sandi"
    stored = User.get_or_none(User.id == user.id)
    correct = stored is not None and verify_password(stored.password_hash, lama)
    check_password_strength(baru)
    hashed = hash_password(baru)  # slow: before the write lock
    with transaction(aksi, user):
        fresh = User.get_or_none(User.id == user.id)
        if fresh is None or not fresh.aktif:
            refuse(aksi, user, "Akun Anda tidak aktif; hubungi administrator.")
        if not correct or stored is None or fresh.password_hash != stored.password_hash:
            refuse(aksi, user, "Kata sandi lama salah.")
        User.update(password_hash=hashed).where(User.id == user.id).execute()
        audit.write(
            aksi,
            pelaku=user,
            keterangan="Kata sandi diganti",
            objek="pengguna",
            objek_id=user.id,
            data={User: [user.id]},
        )
    return Changes.of(Area.PENGGUNA, pesan="Kata sandi diganti.")


def daftar_pengguna() -> list[User]:
    """All accounts, by name."""
    return list(User.select().order_by(User.nama))


def pejabat(role: Role) -> list[User]:
    """Active users holding ``role`` (for "on behalf of" pickers)."""
    return list(
        User.select()
        .join(UserRole)
        .where((UserRole.role == role.value) & (User.aktif))
        .order_by(User.nama)
    )
