"""Base model bound to the one database proxy, and the clock every record is stamped with."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator

import peewee

from kinerja_app.storage.db import database

_offsets: list[dt.timedelta] = []


def now() -> dt.datetime:
    """Local wall-clock time without microseconds (the office works in local time, WIB)."""
    moment = dt.datetime.now()
    if _offsets:
        moment += _offsets[-1]
    return moment.replace(microsecond=0)


@contextlib.contextmanager
def waktu_simulasi(pada: dt.datetime) -> Iterator[None]:
    """Run the block as if the clock had shown ``pada`` when it started (it keeps ticking).

    Only the demo and tests use this, to build a history that happened over weeks through the
    real services (which stamp records with :func:`now` and refuse acts dated in the future).
    """
    _offsets.append(pada - dt.datetime.now())
    try:
        yield
    finally:
        _offsets.pop()


class BaseModel(peewee.Model):
    """Every table: snake_case names, bound to :data:`kinerja_app.storage.db.database`."""

    id = peewee.AutoField()

    class Meta:
        database = database
        legacy_table_names = False
