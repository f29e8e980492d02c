"""Master data: settings, periods, agencies (OPD), users and roles, extra holidays."""

from __future__ import annotations

import enum

import peewee

from kinerja_app.clock import now
from kinerja_app.storage.models.base import BaseModel


class Role(enum.StrEnum):
    """The SOP's actors plus the administrator."""

    KABAG = "KABAG"
    TIM = "TIM"
    ASISTEN = "ASISTEN"
    SEKDA = "SEKDA"
    ADMIN = "ADMIN"

    @property
    def label(self) -> str:
        """Indonesian name of the role as the SOP writes it."""
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.KABAG: "Kepala Bagian Organisasi",
    Role.TIM: "Tim Kinerja",
    Role.ASISTEN: "Asisten Administrasi Umum",
    Role.SEKDA: "Sekretaris Daerah",
    Role.ADMIN: "Administrator",
}


class Setting(BaseModel):
    """A key/value setting; values are JSON text."""

    key = peewee.CharField(primary_key=True, max_length=100)
    value = peewee.TextField()


class Periode(BaseModel):
    """A data year being collected ("Tahun 2025"); locked once archived at step 10."""

    tahun = peewee.IntegerField(unique=True)
    dibuat_pada = peewee.DateTimeField(default=now)
    terkunci = peewee.BooleanField(default=False)
    dikunci_pada = peewee.DateTimeField(null=True)

    @property
    def nama(self) -> str:
        """Display name of the period."""
        return f"Tahun {self.tahun}"


class PerangkatDaerah(BaseModel):
    """An agency (OPD) of the regency that must submit its performance data."""

    kode = peewee.CharField(unique=True, max_length=20)
    nama = peewee.CharField(max_length=200)
    singkatan = peewee.CharField(max_length=40, default="")
    jenis = peewee.CharField(max_length=40, default="")
    jabatan_kepala = peewee.CharField(max_length=200, default="")
    nama_kepala = peewee.CharField(max_length=200, default="")
    alamat = peewee.CharField(max_length=300, default="")
    aktif = peewee.BooleanField(default=True)
    urutan = peewee.IntegerField(default=0)


class User(BaseModel):
    """A person who logs in; may hold several roles."""

    username = peewee.CharField(unique=True, max_length=60)
    nama = peewee.CharField(max_length=200)
    nip = peewee.CharField(max_length=18, null=True)
    jabatan = peewee.CharField(max_length=200, default="")
    pangkat = peewee.CharField(max_length=100, default="")
    password_hash = peewee.CharField(max_length=255, default="")
    aktif = peewee.BooleanField(default=True)
    gagal_login = peewee.IntegerField(default=0)
    terkunci_sampai = peewee.DateTimeField(null=True)
    dibuat_pada = peewee.DateTimeField(default=now)

    class Meta:
        table_name = "pengguna"  # "user" is reserved in PostgreSQL

    def roles(self) -> set[Role]:
        """The roles this user holds."""
        return {Role(r.role) for r in UserRole.select().where(UserRole.user == self)}

    def has_role(self, role: Role) -> bool:
        """Whether the user holds ``role``."""
        return (
            UserRole.select()
            .where((UserRole.user == self) & (UserRole.role == role.value))
            .exists()
        )


class UserRole(BaseModel):
    """One role held by one user."""

    user = peewee.ForeignKeyField(User, backref="role_rows", on_delete="CASCADE")
    role = peewee.CharField(max_length=20)

    class Meta:
        table_name = "pengguna_peran"
        indexes = ((("user", "role"), True),)


class HariLibur(BaseModel):
    """An extra non-working day: cuti bersama or a regional holiday, editable by the admin."""

    tanggal = peewee.DateField(unique=True)
    nama = peewee.CharField(max_length=200)
