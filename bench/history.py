"""Databases with years of history, walked through the real services and cached by their code.

A year of history is one period taken through every SOP step to the archive (letter, receipts,
each OPD's data with ~1.5 revisions, every revision verified, recap, review, final document
archived) plus the logins of every working day. After ``years`` such years comes the current
period, left at step 8: every OPD's data received, none declared valid yet, so an action can be
timed on it, and the previous year's period is there to pick.

Building ten years this way takes minutes (an Argon2 check per login), so ``bench/history_cache.py``
keeps each database built, keyed by this module's and ``bench/data.py``'s source and the sizes;
this module holds the building code and nothing else, so that key changes only when it does.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import data

TAHUN_KINI = data.TAHUN  # the current period's data year
AKHIR = dt.datetime(2026, 2, 13, 16, 0)  # the history ends: data in, nothing verified yet
LOGIN_TIMES = (dt.time(7, 45), dt.time(8, 5), dt.time(10, 30), dt.time(13, 10), dt.time(15, 20))
USERNAMES = ("tim", "kabag", "tim", "asisten", "sekda")


@dataclass(frozen=True)
class HistorySize:
    """How much history: archived years before the current period, OPDs, indicators, logins."""

    years: int
    opd: int = 40
    rows: int = 200
    logins_per_week: int = 25  # five a working day

    def label(self) -> str:
        return f"{self.years}y-{self.opd}x{self.rows}-{self.logins_per_week}l"


# --- building -------------------------------------------------------------------------------
def _working_days(first: dt.date, last: dt.date) -> list[dt.date]:
    days = (first + dt.timedelta(days=k) for k in range((last - first).days + 1))
    return [d for d in days if d.weekday() < 5]


def _opening(tahun: int) -> dt.datetime:
    """The period of data year ``tahun`` opens on the first Monday of the next January."""
    day = dt.date(tahun + 1, 1, 2)
    while day.weekday() != 0:
        day += dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(8, 0))


Event = tuple[dt.datetime, Callable[[], object]]


def _logins(size: HistorySize, first: dt.date, last: dt.datetime) -> list[Event]:
    from kinerja_app.admin.pengguna import masuk

    events: list[Event] = []
    per_day = min(5, max(1, size.logins_per_week // 5))
    days = _working_days(first, last.date())
    if size.logins_per_week < 5:
        days = [d for d in days if d.weekday() == 0]
    for day in days:
        for k in range(per_day):
            when = dt.datetime.combine(day, LOGIN_TIMES[k])
            if when < last:
                name = USERNAMES[k]
                typo = k == 0 and day.weekday() == 4  # Fridays start with a mistyped password
                events.append((when, functools.partial(_login, masuk, name, typo)))
    return events


def _login(masuk: Callable[..., object], username: str, typo: bool) -> None:
    from kinerja_app.errors import UserError

    if typo:
        with contextlib.suppress(UserError):
            masuk(username, data.PASSWORD.upper())
    masuk(username, data.PASSWORD)


def _period_events(
    size: HistorySize, tahun: int, users: dict[str, Any], final: bool
) -> list[Event]:
    """Every step of one period as timed events (steps 1–10, or up to step 8 when not final)."""
    from kinerja_app.documents.berkas_rekap import dokumen_rekapitulasi
    from kinerja_app.importer.data import Finding
    from kinerja_app.storage.models import Pengumpulan, Penyampaian, Periode, Rancangan
    from kinerja_app.workflow.disposisi import buat_disposisi
    from kinerja_app.workflow.distribusi import TandaTerima, distribusikan
    from kinerja_app.workflow.paraf import asisten_paraf, kabag_paraf
    from kinerja_app.workflow.penyampaian import (
        SuratMasuk,
        kembalikan_data,
        nyatakan_valid,
        simpan_penyampaian,
    )
    from kinerja_app.workflow.periode import buka_periode
    from kinerja_app.workflow.rancangan import isi_default, simpan_rancangan
    from kinerja_app.workflow.rekap import (
        ajukan_rekap,
        finalisasi_arsip,
        rekap_terakhir,
        review_rekap,
    )
    from kinerja_app.workflow.tandatangan import sekda_tandatangani

    kabag, tim, asisten, sekda = (users[k] for k in ("kabag", "tim", "asisten", "sekda"))
    d0 = _opening(tahun)
    day = dt.timedelta(days=1)
    state: dict[str, object] = {}

    def periode() -> Periode:
        return Periode.get(Periode.tahun == tahun)

    def draft() -> Rancangan:
        return Rancangan.get_by_id(state["draft"])

    def opened() -> None:
        buka_periode(kabag, tahun)

    def drafted() -> None:
        isi = isi_default(periode())
        state["draft"] = simpan_rancangan(tim, periode(), isi, ajukan=True).objek_id

    def distributed() -> None:
        rows = Pengumpulan.select().where(Pengumpulan.periode == periode()).order_by(Pengumpulan.id)
        when = d0 + 6 * day + dt.timedelta(hours=1)
        distribusikan(tim, periode(), [TandaTerima(p.id, f"Staf TU {p.id}", when) for p in rows])

    def opd_index(p: Pengumpulan) -> int:
        return (p.id - 1) % size.opd

    def received(k: int, revisi: int) -> Callable[[], None]:
        def run() -> None:
            p = _pengumpulan_at(periode(), k)
            i = opd_index(p)
            rows = data.indicator_rows(i, size.rows)
            if revisi > 1:  # the corrected workbook: one value fixed
                rows[0] = dataclasses.replace(rows[0], realisasi=rows[0].target)
            findings = [
                Finding(
                    "warning", "CAPAIAN_BEDA", "Capaian berbeda dari hasil hitung.", None, 7 + j
                )
                for j in range(0, size.rows, 50)
            ]
            from kinerja_app.clock import now

            surat = SuratMasuk(
                now(), f"{k + 1}/{revisi}/SM/{tahun + 1}", f"000/{k}/OPD", now().date()
            )
            simpan_penyampaian(tim, p, surat, rows, findings, berkas=_workbook(size, i))

        return run

    def latest(k: int) -> Penyampaian:
        p = _pengumpulan_at(periode(), k)
        return (
            Penyampaian.select()
            .where(Penyampaian.pengumpulan == p)
            .order_by(Penyampaian.revisi.desc())
            .get()
        )

    def returned(k: int) -> Callable[[], object]:
        return lambda: kembalikan_data(tim, latest(k), "Target baris 7 belum sesuai Renstra.")

    def valid(k: int) -> Callable[[], object]:
        return lambda: nyatakan_valid(tim, latest(k))

    def reviewed() -> None:
        rekap = rekap_terakhir(periode())
        assert rekap is not None
        review_rekap(kabag, rekap, True, "Sesuai.")

    def archived() -> None:
        rekap = rekap_terakhir(periode())
        assert rekap is not None
        final = dokumen_rekapitulasi(tim, periode(), rekap).paths[0]
        finalisasi_arsip(tim, rekap, [("Dokumen Rekapitulasi", final)], salinan=2)

    events: list[Event] = [
        (d0 + dt.timedelta(minutes=50), opened),
        (
            d0 + day + dt.timedelta(hours=1),
            lambda: buat_disposisi(
                kabag, periode(), hal="Pengumpulan data kinerja", isi="Segera proses"
            ),
        ),
        (d0 + 2 * day + dt.timedelta(hours=1), drafted),
        (d0 + 3 * day + dt.timedelta(hours=1), lambda: kabag_paraf(kabag, draft())),
        (d0 + 4 * day + dt.timedelta(hours=1), lambda: asisten_paraf(asisten, draft())),
        (d0 + 5 * day + dt.timedelta(hours=1), lambda: sekda_tandatangani(sekda, draft())),
        (d0 + 6 * day + dt.timedelta(hours=2), distributed),
    ]
    for k in range(size.opd):
        first = d0 + (10 + k % 15) * day + dt.timedelta(hours=9, minutes=k)
        events.append((first, received(k, 1)))
        if k % 2:  # half the OPDs send a correction: ~1.5 revisions each
            events.append((first + day, returned(k)))
            events.append((first + 3 * day, received(k, 2)))
        if final:
            events.append((first + 5 * day, valid(k)))
    if final:
        end = d0 + 35 * day + dt.timedelta(hours=2)
        events += [
            (end, lambda: ajukan_rekap(tim, periode(), "Seluruh data lengkap dan valid.")),
            (end + day, reviewed),
            (end + 2 * day, archived),
        ]
    return events


def _pengumpulan_at(periode: Any, k: int) -> Any:
    from kinerja_app.storage.models import Pengumpulan

    query = Pengumpulan.select().where(Pengumpulan.periode == periode).order_by(Pengumpulan.id)
    return next(iter(query.limit(1).offset(k)))  # get() would drop the offset


_WORKBOOKS: dict[tuple[int, int], Path] = {}


def _workbook(size: HistorySize, i: int) -> Path:
    """The workbook an OPD sends (written once per build, in the build's scratch folder)."""
    return _WORKBOOKS[(size.rows, i)]


def _lambang_resmi(admin: Any, folder: Path) -> None:
    """The administrator sets the official lambang (final papers refuse the placeholder): a
    copy of it that is not byte-identical, kept in ``folder`` (the cache, which outlives the
    build folder)."""
    import struct
    import zlib

    from kinerja_app.admin import settings
    from kinerja_app.documents.naskah import PLACEHOLDER_LOGO

    data = PLACEHOLDER_LOGO.read_bytes()
    text = b"Comment\x00lambang resmi (bench)"
    chunk = struct.pack(">I", len(text)) + b"tEXt" + text
    chunk += struct.pack(">I", zlib.crc32(b"tEXt" + text) & 0xFFFFFFFF)
    end = data.rindex(b"IEND") - 4
    target = folder / "lambang-resmi-bench.png"
    target.write_bytes(data[:end] + chunk + data[end:])
    kop = settings.get("kop")
    kop["logo"] = str(target)
    settings.put("kop", kop, admin)


def _accounts() -> dict[str, Any]:
    """The office's accounts, made as on a first start: the first administrator, then the
    others by the administrator (so the audit trail commits to every account row)."""
    from kinerja_app.admin.pengguna import DataPengguna, buat_admin_pertama, simpan_pengguna
    from kinerja_app.storage.models import User
    from kinerja_app.storage.models.master import Role

    admin = buat_admin_pertama(
        DataPengguna("admin", "Admin Sistem", frozenset({Role.ADMIN})), data.PASSWORD
    )
    users: dict[str, Any] = {"admin": admin}
    for username, nama, roles in (
        ("kabag", "Drs. Kabag Organisasi", {Role.KABAG}),
        ("tim", "Rina Tim Kinerja", {Role.TIM}),
        ("asisten", "Ir. Asisten Adm Umum", {Role.ASISTEN}),
        ("sekda", "Dr. Sekda Lamandau", {Role.SEKDA}),
        ("demo", "Pengguna Semua Peran", set(Role)),
    ):
        simpan_pengguna(
            admin, DataPengguna(username, nama, frozenset(roles)), password=data.PASSWORD
        )
        users[username] = User.get(User.username == username)
    return users


def build_history(path: Path, size: HistorySize) -> None:
    """Build ``size.years`` archived years and the current period into a new database at ``path``."""
    from kinerja_app.admin.master import DataOpd, nonaktifkan_opd, simpan_opd
    from kinerja_app.clock import waktu_simulasi
    from kinerja_app.storage.db import close_database, open_database
    from kinerja_app.storage.models import PerangkatDaerah

    first_year = TAHUN_KINI - size.years
    created = _opening(first_year) - dt.timedelta(days=3)  # a few days before the first period
    books = path.parent / "kiriman-opd"
    for i, book in enumerate(data.build_workbooks(books, size.opd, size.rows)):
        _WORKBOOKS[(size.rows, i)] = book
    with waktu_simulasi(created):
        open_database(path)
    try:
        with waktu_simulasi(created + dt.timedelta(hours=1)):
            users = _accounts()
            _lambang_resmi(users["admin"], path.parent.parent)
            existing = list(PerangkatDaerah.select().where(PerangkatDaerah.aktif == True))  # noqa: E712
            for i in range(len(existing), size.opd):
                simpan_opd(
                    users["admin"],
                    DataOpd(f"BENCH{i + 1}", f"Dinas Tambahan {i + 1}", urutan=i + 1),
                )
            for opd in sorted(existing, key=lambda o: o.urutan)[size.opd :]:  # a smaller office
                nonaktifkan_opd(users["admin"], opd)
        events = _logins(size, created.date() + dt.timedelta(days=1), AKHIR)
        for tahun in range(first_year, TAHUN_KINI + 1):
            events += _period_events(size, tahun, users, final=tahun < TAHUN_KINI)
        events.sort(key=lambda e: e[0])
        for when, action in events:
            with waktu_simulasi(when):
                action()
    finally:
        close_database()
        shutil.rmtree(books, ignore_errors=True)
