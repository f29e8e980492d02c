"""Test builders that walk the SOP through the real services (no mocks of the core)."""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass

from kinerja_app import clock
from kinerja_app.admin.passwords import hash_password
from kinerja_app.storage.models import (
    Pengumpulan,
    Periode,
    Rancangan,
    SuratPermintaan,
    User,
    UserRole,
)
from kinerja_app.storage.models.master import Role

PASSWORD = "rahasia-kantor-1"


@dataclass(frozen=True)
class Row:
    """A minimal indicator row with the importer's shape."""

    indikator: str
    target: float | None
    realisasi: float | None
    capaian: float | None
    sheet: str = "Data Kinerja"
    row: int = 5
    sasaran: str | None = "Meningkatnya kualitas layanan"
    satuan: str | None = "%"
    polaritas: object = None
    capaian_dilaporkan: float | None = None


@dataclass(frozen=True)
class Finding:
    """A minimal finding with the importer's shape."""

    severity: str
    code: str
    message: str
    cell: str | None = "Data Kinerja!F5"
    row: int | None = 5


class Factory:
    """Creates users directly, then drives every SOP step through the services."""

    def __init__(self) -> None:
        self.kabag = self.user("kabag", "Drs. Kabag Organisasi", Role.KABAG)
        self.tim = self.user("tim", "Rina Tim Kinerja", Role.TIM)
        self.asisten = self.user("asisten", "Ir. Asisten Adm Umum", Role.ASISTEN)
        self.sekda = self.user("sekda", "Dr. Sekda Lamandau", Role.SEKDA)
        self.admin = self.user("admin", "Admin Sistem", Role.ADMIN)

    @staticmethod
    def user(username: str, nama: str, *roles: Role) -> User:
        user = User.create(username=username, nama=nama, password_hash=hash_password(PASSWORD))
        for role in roles:
            UserRole.create(user=user, role=role.value)
        return user

    def periode(self, tahun: int = 2025) -> Periode:
        from kinerja_app.workflow.periode import buka_periode

        changes = buka_periode(self.kabag, tahun)
        return Periode.get_by_id(changes.objek_id)

    def disposisi(self, periode: Periode) -> None:
        from kinerja_app.workflow.disposisi import buat_disposisi

        buat_disposisi(self.kabag, periode, hal="Pengumpulan data kinerja", isi="Segera proses")

    def draft(self, periode: Periode, ajukan: bool = True) -> Rancangan:
        from kinerja_app.workflow.rancangan import isi_default, simpan_rancangan

        changes = simpan_rancangan(self.tim, periode, isi_default(periode), ajukan=ajukan)
        return Rancangan.get_by_id(changes.objek_id)

    def signed(self, periode: Periode, when: dt.datetime | None = None) -> Rancangan:
        """Steps 1–5 done, as if they happened ``when`` (default: now)."""
        from kinerja_app.clock import waktu_simulasi
        from kinerja_app.workflow.paraf import asisten_paraf, kabag_paraf
        from kinerja_app.workflow.tandatangan import sekda_tandatangani

        with waktu_simulasi(when) if when else contextlib.nullcontext():
            self.disposisi(periode)
            rancangan = self.draft(periode)
            kabag_paraf(self.kabag, rancangan)
            asisten_paraf(self.asisten, rancangan)
            sekda_tandatangani(self.sekda, rancangan)
        return rancangan

    def surat(self, periode: Periode) -> SuratPermintaan:
        return SuratPermintaan.get(SuratPermintaan.periode == periode)

    def pengumpulan(self, periode: Periode, n: int = 3) -> list[Pengumpulan]:
        return list(
            Pengumpulan.select()
            .where(Pengumpulan.periode == periode)
            .order_by(Pengumpulan.id)
            .limit(n)
        )

    def distributed(
        self, periode: Periode, n: int = 3, when: dt.datetime | None = None
    ) -> list[Pengumpulan]:
        from kinerja_app.workflow.distribusi import TandaTerima, distribusikan

        moment = when or clock.now() - dt.timedelta(hours=1)
        self.signed(periode, moment - dt.timedelta(hours=2))
        rows = self.pengumpulan(periode, n)
        distribusikan(
            self.tim, periode, [TandaTerima(p.id, f"Penerima {p.id}", moment) for p in rows]
        )
        return [Pengumpulan.get_by_id(p.id) for p in rows]
