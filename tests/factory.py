"""Test builders that walk the SOP through the real services (no mocks of the core)."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kinerja_app import clock
from kinerja_app.admin.passwords import hash_password
from kinerja_app.rekap.capaian import Polaritas
from kinerja_app.storage import audit
from kinerja_app.storage.db import transaction
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


@functools.cache
def _hash() -> str:
    """One Argon2 hash of :data:`PASSWORD` for every test account (salted once: tests only)."""
    return hash_password(PASSWORD)


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
    polaritas: Polaritas | None = None
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
        """An account as the administrator would create it (committed in the audit trail)."""
        with transaction():
            user = User.create(username=username, nama=nama, password_hash=_hash())
            for role in roles:
                UserRole.create(user=user, role=role.value)
            audit.write(
                "simpan_pengguna",
                pelaku=None,
                keterangan=f"Akun uji {nama}",
                objek="pengguna",
                objek_id=user.id,
                data={User: [user.id], UserRole: [user.id]},
            )
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

    def periode_lengkap(self) -> tuple[Periode, list[Pengumpulan], Any]:
        """See :func:`periode_lengkap`."""
        result: tuple[Periode, list[Pengumpulan], Any] = periode_lengkap(self)
        return result

    def lambang_resmi(self) -> Path:
        """Set a lambang that is not the placeholder, so final papers may print."""
        from kinerja_app.admin import settings

        path = berkas_lambang_resmi()
        kop = settings.get("kop")
        kop["logo"] = str(path)
        settings.put("kop", kop, self.admin)
        return path

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


def berkas_lambang_resmi() -> Path:
    """A lambang file that is not the placeholder (its bytes differ), beside the database: what
    the administrator picks in Administrasi › Kop surat before final papers may print."""
    import struct
    import zlib

    from kinerja_app.documents.naskah import PLACEHOLDER_LOGO
    from kinerja_app.storage.db import archive_root

    data = PLACEHOLDER_LOGO.read_bytes()
    text = b"Comment\x00lambang resmi (uji)"
    chunk = struct.pack(">I", len(text)) + b"tEXt" + text
    chunk += struct.pack(">I", zlib.crc32(b"tEXt" + text) & 0xFFFFFFFF)
    end = data.rindex(b"IEND") - 4
    path = archive_root().parent / "lambang-resmi.png"
    path.write_bytes(data[:end] + chunk + data[end:])
    return path


# a period walked in March 2026: signed Monday 2 March, the letter's deadline Friday 6 March
TTD_MARET = dt.datetime(2026, 3, 2, 9, 0)
BATAS_MARET = dt.date(2026, 3, 6)


def ditandatangani(
    f: Factory, periode: Periode, batas: dt.date = BATAS_MARET, when: dt.datetime = TTD_MARET
) -> Rancangan:
    """Steps 1–5 at ``when``, with a letter whose deadline is ``batas``."""
    from dataclasses import replace

    from kinerja_app.clock import waktu_simulasi
    from kinerja_app.workflow.paraf import asisten_paraf, kabag_paraf
    from kinerja_app.workflow.rancangan import isi_default, simpan_rancangan
    from kinerja_app.workflow.tandatangan import sekda_tandatangani

    with waktu_simulasi(when):
        f.disposisi(periode)
        isi = replace(isi_default(periode), batas_waktu=batas)
        r = Rancangan.get_by_id(simpan_rancangan(f.tim, periode, isi, ajukan=True).objek_id)
        kabag_paraf(f.kabag, r)
        asisten_paraf(f.asisten, r)
        sekda_tandatangani(f.sekda, r)
    return r


def kirim_ke_sisanya(f: Factory, periode: Periode, when: dt.datetime | None = None) -> None:
    """Step 6 for every OPD of the period not yet sent the letter (a recap covers them all)."""
    from kinerja_app.queries.pengumpulan import belum_dikirimi
    from kinerja_app.workflow.distribusi import TandaTerima, distribusikan

    moment = when or clock.now()
    rest = [TandaTerima(p.id, f"Penerima {p.id}", moment) for p in belum_dikirimi(periode)]
    if rest:
        distribusikan(f.tim, periode, rest)


def kirim_data(f: Factory, p: Pengumpulan, when: dt.datetime, findings: tuple[Finding, ...] = ()):
    """An OPD's data received at ``when`` (recorded five minutes later)."""
    from kinerja_app.clock import waktu_simulasi
    from kinerja_app.storage.models import Penyampaian
    from kinerja_app.workflow.penyampaian import SuratMasuk, simpan_penyampaian

    with waktu_simulasi(when + dt.timedelta(minutes=5)):
        rev = simpan_penyampaian(
            f.tim, p, SuratMasuk(when), [Row("IKM", 80, 84, 105.0)], list(findings)
        )
    return Penyampaian.get_by_id(rev.objek_id)


def periode_lengkap(f: Factory):
    """Five OPDs: A on time, then returned with a correction deadline it misses; B late; C
    silent; D late but within its recorded extension; E received the letter on the deadline
    day itself and sent its data the next office day. Returns (periode, [A..E], A's revision).
    """
    from kinerja_app.clock import waktu_simulasi
    from kinerja_app.workflow.batas import perpanjang_batas
    from kinerja_app.workflow.distribusi import TandaTerima, distribusikan
    from kinerja_app.workflow.penyampaian import kembalikan_data

    f.lambang_resmi()
    periode = f.periode()
    ditandatangani(f, periode)
    a, b, c, d, e = f.pengumpulan(periode, 5)
    received = dt.datetime(2026, 3, 3, 10, 0)
    with waktu_simulasi(received + dt.timedelta(hours=1)):
        distribusikan(
            f.tim, periode, [TandaTerima(p.id, f"TU {p.id}", received) for p in (a, b, c, d)]
        )
    with waktu_simulasi(dt.datetime(2026, 3, 5, 8, 0)):
        perpanjang_batas(f.tim, d, dt.date(2026, 3, 13), "Kepala dinas bertugas ke luar daerah")
    rev_a = kirim_data(
        f, a, dt.datetime(2026, 3, 5, 10, 0), (Finding("error", "T", "Target wajib diisi."),)
    )
    with waktu_simulasi(dt.datetime(2026, 3, 6, 9, 0)):
        kembalikan_data(f.tim, rev_a, "Target baris 5 kosong", batas_perbaikan=dt.date(2026, 3, 9))
    with waktu_simulasi(dt.datetime(2026, 3, 6, 15, 30)):
        distribusikan(f.tim, periode, [TandaTerima(e.id, "TU", dt.datetime(2026, 3, 6, 15, 0))])
    kirim_data(f, e, dt.datetime(2026, 3, 9, 8, 0))
    kirim_data(f, b, dt.datetime(2026, 3, 9, 10, 0))  # after the letter's 6 March
    kirim_data(f, d, dt.datetime(2026, 3, 9, 11, 0))  # within its extension
    return periode, [Pengumpulan.get_by_id(p.id) for p in (a, b, c, d, e)], rev_a
