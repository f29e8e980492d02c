"""The office calendar in force (settings + extra holidays) and the SOP's standard times."""

from __future__ import annotations

import datetime as dt

from kinerja_app.admin import settings
from kinerja_app.jadwal.kalender import KalenderKerja, MutuBaku
from kinerja_app.storage.models import HariLibur

# Standard time (mutu baku) of each SOP step, from the SOP sheet.
MUTU_BAKU: dict[int, MutuBaku] = {
    1: MutuBaku.SATU_HARI,
    2: MutuBaku.SATU_JAM,
    3: MutuBaku.SATU_JAM,
    4: MutuBaku.SATU_JAM,
    5: MutuBaku.SATU_HARI,
    6: MutuBaku.SATU_HARI,
    7: MutuBaku.SATU_HARI,
    8: MutuBaku.TIGA_PULUH_HARI,
    9: MutuBaku.SATU_HARI,
    10: MutuBaku.SATU_HARI,
}


def _time(text: str) -> dt.time:
    hour, minute = text.split(":")
    return dt.time(int(hour), int(minute))


def kalender_kerja() -> KalenderKerja:
    """The working calendar configured by the administrator, with the cuti bersama list."""
    conf = settings.get("kalender")
    return KalenderKerja(
        hari_kerja=frozenset(int(d) for d in conf["hari_kerja"]),
        jam_mulai=_time(conf["jam_mulai"]),
        jam_selesai=_time(conf["jam_selesai"]),
        libur_tambahan=frozenset(row.tanggal for row in HariLibur.select(HariLibur.tanggal)),
    )


def jatuh_tempo(
    step: int, sejak: dt.datetime, kalender: KalenderKerja | None = None
) -> dt.datetime:
    """Due time of SOP step ``step`` that opened at ``sejak``."""
    return (kalender or kalender_kerja()).jatuh_tempo(sejak, MUTU_BAKU[step])


def batas_penyampaian_default(mulai: dt.datetime, kalender: KalenderKerja | None = None) -> dt.date:
    """The deadline a new letter proposes to the OPDs: the standard times of steps 3–7 in a row."""
    cal = kalender or kalender_kerja()
    moment = mulai
    for step in (3, 4, 5, 6, 7):
        moment = cal.jatuh_tempo(moment, MUTU_BAKU[step])
    return moment.date()
