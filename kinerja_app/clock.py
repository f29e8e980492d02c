"""The one clock: every decision the app makes by "now" or "today" reads it, and a caller can set it.

Production reads the local wall clock (the office works in local time, WIB). The demo builds a
history that happened over weeks by running the real services under :func:`waktu_simulasi`;
tests pin the clock with :func:`pasang` so that no assertion depends on the day the suite runs.
Nothing else in the core calls ``datetime.now()`` or ``date.today()``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections.abc import Callable, Iterator

Source = Callable[[], dt.datetime]


def _system() -> dt.datetime:
    return dt.datetime.now()


_source: list[Source] = [_system]


def now() -> dt.datetime:
    """The current local time, without microseconds (records are stamped to the second)."""
    return _source[-1]().replace(microsecond=0)


def today() -> dt.date:
    """The current local date, from the same clock as :func:`now`."""
    return now().date()


class JamUji:
    """A settable clock: starts at ``pada`` and ticks with real elapsed time unless ``beku``.

    Elapsed time is measured with :func:`time.monotonic`, so a clock moved on the machine (or by
    libfaketime) does not move this one.
    """

    def __init__(self, pada: dt.datetime, *, beku: bool = False) -> None:
        self._start = pada
        self._mono = time.monotonic()
        self._beku = beku

    def __call__(self) -> dt.datetime:
        if self._beku:
            return self._start
        return self._start + dt.timedelta(seconds=time.monotonic() - self._mono)

    def set(self, pada: dt.datetime) -> None:
        """Jump to ``pada`` (ticking on from there unless frozen)."""
        self._start, self._mono = pada, time.monotonic()

    def bekukan(self) -> None:
        """Stop ticking at the current time (for checks that must not depend on machine speed)."""
        self._start, self._beku = self(), True

    def maju(self, **delta: float) -> dt.datetime:
        """Move forward by a ``timedelta(**delta)`` and return the new time."""
        self.set(self() + dt.timedelta(**delta))
        return self()


@contextlib.contextmanager
def pasang(sumber: Source) -> Iterator[Source]:
    """Read time from ``sumber`` inside the block (tests pass a :class:`JamUji`)."""
    _source.append(sumber)
    try:
        yield sumber
    finally:
        _source.remove(sumber)


@contextlib.contextmanager
def waktu_simulasi(pada: dt.datetime) -> Iterator[None]:
    """Run the block as if the clock had shown ``pada`` when it started (it keeps ticking).

    The demo and the benchmark use this to build a history that happened over weeks through the
    real services (which stamp records with :func:`now` and refuse acts dated in the future).
    """
    with pasang(JamUji(pada)):
        yield
