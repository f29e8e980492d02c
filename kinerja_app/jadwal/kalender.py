"""Working time for the SOP's standard times (mutu baku): office days and hours, holidays.

"1 jam" is one office hour; "1 hari" one full office day; "30 hari" thirty office days.
Public holidays come from the ``holidays`` package; cuti bersama and regional days are an
editable list kept in the database.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

import platformdirs

from kinerja_app.storage.files import atomic_write_bytes


class MutuBaku(enum.Enum):
    """The standard times the SOP gives its steps."""

    SATU_JAM = ("1 jam", 0, 1)
    SATU_HARI = ("1 hari", 1, 0)
    TIGA_PULUH_HARI = ("30 hari", 30, 0)

    def __init__(self, label: str, days: int, hours: int) -> None:
        self.label = label
        self.days = days
        self.hours = hours


@lru_cache(maxsize=32)
def _public_holidays(year: int) -> dict[dt.date, str]:
    """Indonesia's public holidays of ``year``, from a small per-user cache file when present.

    Computing them with the ``holidays`` package costs about 0.1 s a year at every start; the
    cache is keyed by the file that defines Indonesia's holidays in the installed package, so an
    upgrade with corrected dates is picked up.
    """
    cache = platformdirs.user_cache_path("Kinerja", "SetdaLamandau") / (
        f"libur-{year}-holidays-{_holidays_fingerprint()}.json"
    )
    try:
        return {
            dt.date.fromisoformat(k): v for k, v in json.loads(cache.read_text("utf-8")).items()
        }
    except (OSError, ValueError):
        pass
    import holidays  # imported only when the year is not cached

    found = dict(holidays.country_holidays("ID", years=year, language="id"))
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(cache, json.dumps({d.isoformat(): n for d, n in found.items()}).encode())
    except OSError:
        pass  # a read-only profile only costs the recomputation
    return found


def _holidays_fingerprint() -> str:
    """Size and time of the installed ``holidays`` package's Indonesia module, read without
    importing the package (importlib.metadata for its version cost 13 ms of every start)."""
    spec = find_spec("holidays")
    folders = list(spec.submodule_search_locations or ()) if spec is not None else []
    for folder in folders:
        try:
            info = (Path(folder) / "countries" / "indonesia.py").stat()
        except OSError:
            continue
        return f"{info.st_size}-{info.st_mtime_ns}"
    return "tanpa-sidik"


@dataclass(frozen=True)
class KalenderKerja:
    """Office days (Monday=0), office hours and extra days off."""

    hari_kerja: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    jam_mulai: dt.time = dt.time(7, 30)
    jam_selesai: dt.time = dt.time(16, 0)
    libur_tambahan: frozenset[dt.date] = field(default_factory=frozenset)
    pakai_libur_nasional: bool = True

    @property
    def menit_sehari(self) -> int:
        """Length of one office day in minutes."""
        start = dt.datetime.combine(dt.date.min, self.jam_mulai)
        end = dt.datetime.combine(dt.date.min, self.jam_selesai)
        return int((end - start).total_seconds() // 60)

    def nama_libur(self, day: dt.date) -> str | None:
        """The holiday's name when ``day`` is a public holiday or an extra day off."""
        if day in self.libur_tambahan:
            return "Cuti bersama / libur daerah"
        if self.pakai_libur_nasional:
            return _public_holidays(day.year).get(day)
        return None

    def is_hari_kerja(self, day: dt.date) -> bool:
        """Whether ``day`` is an office day."""
        return day.weekday() in self.hari_kerja and self.nama_libur(day) is None

    def _next_start(self, moment: dt.datetime) -> dt.datetime:
        """The first office minute at or after ``moment``."""
        day = moment.date()
        if moment.time() >= self.jam_selesai:
            day += dt.timedelta(days=1)
        elif self.is_hari_kerja(day) and moment.time() >= self.jam_mulai:
            return moment
        for _ in range(400):
            if self.is_hari_kerja(day):
                return dt.datetime.combine(day, self.jam_mulai)
            day += dt.timedelta(days=1)
        raise ValueError("Kalender kerja tidak memiliki hari kerja dalam setahun")

    def tambah(self, start: dt.datetime, menit: int) -> dt.datetime:
        """Add ``menit`` office minutes to ``start``.

        Args:
            start: when the step opened (any time, even at night or on a holiday).
            menit: office minutes to add.
        Returns:
            The moment the office minutes run out.
        """
        moment = self._next_start(start)
        remaining = menit
        while True:
            day_end = dt.datetime.combine(moment.date(), self.jam_selesai)
            available = int((day_end - moment).total_seconds() // 60)
            if remaining <= available:
                return moment + dt.timedelta(minutes=remaining)
            remaining -= available
            moment = self._next_start(day_end)

    def jatuh_tempo(self, start: dt.datetime, mutu: MutuBaku) -> dt.datetime:
        """Due time of a step that opened at ``start`` with standard time ``mutu``."""
        return self.tambah(start, mutu.days * self.menit_sehari + mutu.hours * 60)

    def menit_kerja_antara(self, start: dt.datetime, end: dt.datetime) -> int:
        """Office minutes between two moments (0 when ``end`` is not after ``start``)."""
        total = 0
        moment = self._next_start(start)
        while moment < end:
            day_end = dt.datetime.combine(moment.date(), self.jam_selesai)
            total += int((min(day_end, end) - moment).total_seconds() // 60)
            moment = self._next_start(day_end)
        return total

    def with_libur(self, days: Iterable[dt.date]) -> KalenderKerja:
        """A copy with extra days off added."""
        return KalenderKerja(
            self.hari_kerja,
            self.jam_mulai,
            self.jam_selesai,
            self.libur_tambahan | frozenset(days),
            self.pakai_libur_nasional,
        )
