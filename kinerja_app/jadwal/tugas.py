"""What waits for whom, and by when: the inbox of each role and the period's current step."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

import peewee

from kinerja_app.clock import now
from kinerja_app.formatting import format_tanggal_waktu
from kinerja_app.jadwal.kalender import KalenderKerja
from kinerja_app.jadwal.mutu_baku import jatuh_tempo, kalender_kerja
from kinerja_app.storage.audit import chain_head
from kinerja_app.storage.db import database
from kinerja_app.storage.models import (
    Disposisi,
    Pengumpulan,
    PerangkatDaerah,
    Periode,
    Rekap,
    ReviewRekap,
    SuratKeluar,
    SuratPermintaan,
)
from kinerja_app.storage.models.master import Role
from kinerja_app.storage.models.pengumpulan import StatusOpd
from kinerja_app.storage.models.rekap import StatusRekap
from kinerja_app.storage.models.surat import StatusSurat

SEGERA = dt.timedelta(hours=24)
OPD = "OPD"  # the Perangkat Daerah pseudo-role: the Tim records what the agencies do

# Kinds of step-7 items: an OPD owes its data or its correction; the Tim chases both.
MENUNGGU_DATA = "menunggu_data"
MENUNGGU_PERBAIKAN = "menunggu_perbaikan"
PANTAU_PERBAIKAN = "pantau_perbaikan"
TAGIH_TERLAMBAT = "tagih_terlambat"

LANGKAH = {
    1: "Disposisi Kabag",
    2: "Draf surat permintaan",
    3: "Paraf Kabag",
    4: "Paraf Asisten",
    5: "Tanda tangan Sekda",
    6: "Distribusi surat",
    7: "Penyampaian data OPD",
    8: "Verifikasi dan rekapitulasi",
    9: "Telaah rekap oleh Kabag",
    10: "Finalisasi dan arsip",
}


@dataclass(frozen=True)
class Tugas:
    """One open item of the SOP awaiting a role, with its standard-time deadline."""

    langkah: int
    role: str
    judul: str
    periode_id: int
    sejak: dt.datetime
    jatuh_tempo: dt.datetime
    opd_id: int | None = None
    objek_id: int | None = None
    jenis: str = ""  # what kind of item, where screens treat kinds apart (see JENIS_*)
    opd_ids: tuple[int, ...] = ()  # the OPDs a collective item is about

    def terlambat(self, pada: dt.datetime | None = None) -> bool:
        """Whether the deadline has passed."""
        return (pada or now()) > self.jatuh_tempo

    def segera(self, pada: dt.datetime | None = None) -> bool:
        """Whether the deadline falls within the next 24 hours (and has not passed)."""
        moment = pada or now()
        return moment <= self.jatuh_tempo <= moment + SEGERA


def _periode_tasks(periode: Periode, cal: KalenderKerja) -> list[Tugas]:
    tasks: list[Tugas] = []
    pid = periode.id
    disposisi = (
        Disposisi.select().where(Disposisi.periode == periode).order_by(Disposisi.id.desc()).first()
    )
    if disposisi is None:
        return [
            Tugas(
                1,
                Role.KABAG,
                f"Buat disposisi pengumpulan data kinerja {periode.nama}",
                pid,
                periode.dibuat_pada,
                jatuh_tempo(1, periode.dibuat_pada, cal),
            )
        ]
    surat = SuratPermintaan.get_or_none(SuratPermintaan.periode == periode)
    if surat is None:
        return [
            Tugas(
                2,
                Role.TIM,
                f"Susun draf surat permintaan data {periode.nama}",
                pid,
                disposisi.waktu,
                jatuh_tempo(2, disposisi.waktu, cal),
            )
        ]
    status = StatusSurat(surat.status)
    since = surat.status_sejak
    by_status = {
        StatusSurat.DRAF: (2, Role.TIM, "Selesaikan dan ajukan draf surat permintaan"),
        StatusSurat.DIKEMBALIKAN: (2, Role.TIM, "Perbaiki draf surat yang dikembalikan"),
        StatusSurat.MENUNGGU_KABAG: (3, Role.KABAG, "Periksa dan paraf draf surat permintaan"),
        StatusSurat.MENUNGGU_ASISTEN: (4, Role.ASISTEN, "Periksa dan paraf draf surat permintaan"),
        StatusSurat.MENUNGGU_SEKDA: (5, Role.SEKDA, "Tandatangani surat permintaan data kinerja"),
    }
    if status in by_status:
        step, role, title = by_status[status]
        return [
            Tugas(
                step,
                role,
                f"{title} {periode.nama}",
                pid,
                since,
                jatuh_tempo(step, since, cal),
                objek_id=surat.id,
            )
        ]
    rows = list(
        Pengumpulan.select(Pengumpulan, PerangkatDaerah)
        .join(PerangkatDaerah)
        .where(Pengumpulan.periode == periode)
    )
    belum = [p for p in rows if p.status == StatusOpd.BELUM_DIKIRIMI]
    if belum:
        tasks.append(
            Tugas(
                6,
                Role.TIM,
                f"Distribusikan surat ke {len(belum)} Perangkat Daerah",
                pid,
                since,
                jatuh_tempo(6, since, cal),
            )
        )
    for p in rows:
        if p.status == StatusOpd.SURAT_DITERIMA and p.surat_diterima_pada and p.batas_waktu:
            tasks.append(
                Tugas(
                    7,
                    OPD,
                    f"{p.opd.nama}: menunggu data kinerja",
                    pid,
                    p.surat_diterima_pada,
                    p.batas_waktu,
                    opd_id=p.opd_id,
                    objek_id=p.id,
                    jenis=MENUNGGU_DATA,
                )
            )
        elif p.status == StatusOpd.PERLU_PERBAIKAN:
            due = batas_perbaikan(p, cal)
            tasks.append(
                Tugas(
                    7,
                    OPD,
                    f"{p.opd.nama}: menunggu perbaikan data",
                    pid,
                    p.status_sejak,
                    due,
                    opd_id=p.opd_id,
                    objek_id=p.id,
                    jenis=MENUNGGU_PERBAIKAN,
                )
            )
            tasks.append(
                Tugas(
                    7,
                    Role.TIM,
                    f"Pantau perbaikan data {p.opd.nama} (batas {format_tanggal_waktu(due)})",
                    pid,
                    p.status_sejak,
                    due,
                    opd_id=p.opd_id,
                    objek_id=p.id,
                    jenis=PANTAU_PERBAIKAN,
                )
            )
        elif p.status == StatusOpd.DATA_MASUK:
            start = p.data_pertama_pada or p.status_sejak
            tasks.append(
                Tugas(
                    8,
                    Role.TIM,
                    f"Verifikasi data {p.opd.nama} (revisi {p.revisi_terakhir})",
                    pid,
                    p.data_terakhir_pada or p.status_sejak,
                    jatuh_tempo(8, start, cal),
                    opd_id=p.opd_id,
                    objek_id=p.id,
                )
            )
    tasks.extend(_rekap_tasks(periode, rows, since, cal))
    return tasks


def batas_perbaikan(p: Pengumpulan, cal: KalenderKerja) -> dt.datetime:
    """The deadline of an OPD asked to correct its data (one place: the OPD's item, the Tim's):
    the one its findings letter states, recorded when the data was returned."""
    return p.batas_perbaikan or jatuh_tempo(7, p.status_sejak, cal)


def _rekap_tasks(
    periode: Periode, rows: list[Pengumpulan], signed: dt.datetime, cal: KalenderKerja
) -> list[Tugas]:
    pid = periode.id
    last = Rekap.select().where(Rekap.periode == periode).order_by(Rekap.versi.desc()).first()
    if last is None or last.status == StatusRekap.DIKEMBALIKAN:
        received = [p.surat_diterima_pada for p in rows if p.surat_diterima_pada]
        start = min(received) if received else signed
        title = (
            "Perbaiki rekapitulasi sesuai masukan Kabag"
            if last
            else "Susun rekapitulasi dan laporkan ke Kabag"
        )
        if received:
            return [
                Tugas(
                    8, Role.TIM, f"{title} {periode.nama}", pid, start, jatuh_tempo(8, start, cal)
                )
            ]
        return []
    if last.status == StatusRekap.DIAJUKAN:
        return [
            Tugas(
                9,
                Role.KABAG,
                f"Telaah rekapitulasi versi {last.versi} {periode.nama}",
                pid,
                last.dibuat_pada,
                jatuh_tempo(9, last.dibuat_pada, cal),
                objek_id=last.id,
            )
        ]
    if last.status == StatusRekap.DISETUJUI:
        since = (
            ReviewRekap.select()
            .where(ReviewRekap.rekap == last)
            .order_by(ReviewRekap.id.desc())
            .first()
        )
        start = since.waktu if since else last.dibuat_pada
        return [
            Tugas(
                10,
                Role.TIM,
                f"Finalisasi, gandakan, dan arsipkan rekap {periode.nama}",
                pid,
                start,
                jatuh_tempo(10, start, cal),
                objek_id=last.id,
            )
        ]
    return []


def daftar_tugas(
    role: str | None = None,
    *,
    periode: Periode | None = None,
    opd_id: int | None = None,
    pada: dt.datetime | None = None,
) -> list[Tugas]:
    """Open items, earliest deadline first, optionally for one role, period or OPD.

    Args:
        role: a :class:`Role` value or ``"OPD"``; ``None`` for every role.
        periode: limit to one period (default: every unlocked period).
        opd_id: limit to one OPD.
        pada: the moment that decides which OPDs the Tim must chase (default now).
    Returns:
        The open items.
    """
    tasks = _semua_tugas()
    if periode is not None:
        tasks = [t for t in tasks if t.periode_id == periode.id]
    if role in (None, Role.TIM):
        tasks.extend(_tagihan(tasks, pada or now()))
    if role is not None:
        tasks = [t for t in tasks if t.role == role]
    if opd_id is not None:
        tasks = [t for t in tasks if t.opd_id == opd_id]
    return sorted(tasks, key=lambda t: t.jatuh_tempo)


def opd_terlambat(periode: Periode, pada: dt.datetime | None = None) -> list[Tugas]:
    """The OPDs past their deadline for data or for a correction, earliest deadline first.

    Args:
        periode: the period.
        pada: the moment (default now).
    Returns:
        The OPDs' own step-7 items (role ``OPD``) that are late.
    """
    moment = pada or now()
    return [
        t
        for t in _semua_tugas()
        if t.periode_id == periode.id and t.role == OPD and t.terlambat(moment)
    ]


def _tagihan(tasks: list[Tugas], pada: dt.datetime) -> list[Tugas]:
    """For the Tim, one item per period naming every OPD late with its data or its correction
    that no reminder has followed since its deadline passed: send reminders.

    Lateness depends on the moment, so this is computed at each call, not memoised.
    """
    late: dict[int, list[Tugas]] = {}
    for t in tasks:
        if t.role == OPD and t.jenis in (MENUNGGU_DATA, MENUNGGU_PERBAIKAN) and t.terlambat(pada):
            late.setdefault(t.periode_id, []).append(t)
    if not late:
        return []
    reminded = diingatkan(list(late))
    items = []
    for periode_id, found in late.items():
        rows = [
            t
            for t in found
            if t.objek_id not in reminded or reminded[t.objek_id] < t.jatuh_tempo.date()
        ]
        if not rows:
            continue
        first = min(rows, key=lambda t: t.jatuh_tempo)
        items.append(
            Tugas(
                7,
                Role.TIM,
                f"Kirim surat pengingat ke {len(rows)} Perangkat Daerah yang melewati batas waktu",
                periode_id,
                first.jatuh_tempo,
                first.jatuh_tempo,
                jenis=TAGIH_TERLAMBAT,
                opd_ids=tuple(t.opd_id for t in rows if t.opd_id is not None),
            )
        )
    return items


def diingatkan(periode_ids: list[int]) -> dict[int, dt.date]:
    """The date of the latest reminder each OPD (by its pengumpulan id) was sent."""
    query = (
        SuratKeluar.select(SuratKeluar.pengumpulan, peewee.fn.MAX(SuratKeluar.tanggal))
        .where(
            SuratKeluar.periode.in_(periode_ids)
            & (SuratKeluar.jenis == "pengingat")
            & SuratKeluar.pengumpulan.is_null(False)
        )
        .group_by(SuratKeluar.pengumpulan)
        .tuples()
    )
    return {int(pid): day for pid, day in cast(Any, query)}


def terlambat(role: str | None = None, pada: dt.datetime | None = None) -> list[Tugas]:
    """Open items past their deadline."""
    return [t for t in daftar_tugas(role, pada=pada) if t.terlambat(pada)]


def segera_jatuh_tempo(role: str | None = None, pada: dt.datetime | None = None) -> list[Tugas]:
    """Open items due within 24 hours."""
    return [t for t in daftar_tugas(role, pada=pada) if t.segera(pada)]


def tahap_periode(periode: Periode) -> int:
    """The SOP step the period stands at (1–10; 11 once archived)."""
    if periode.terkunci:
        return 11
    return min((t.langkah for t in _semua_tugas() if t.periode_id == periode.id), default=8)


# Every write is audited in its own transaction, so the audit chain head names the state of
# the data: the open items are computed once per state, not once per tab that shows them.
_memo: dict[str, list[Tugas]] = {}  # one entry: the latest state


def _semua_tugas() -> list[Tugas]:
    """Open items of every unlocked period, sorted by deadline (memoised per database state)."""
    key = f"{database.database}|{chain_head()}"
    if key not in _memo:
        cal = kalender_kerja()
        periods = list(Periode.select().where(~Periode.terkunci))
        tasks = [t for p in periods for t in _periode_tasks(p, cal)]
        _memo.clear()
        _memo[key] = sorted(tasks, key=lambda t: t.jatuh_tempo)
    return list(_memo[key])
