"""Base model bound to the one database proxy."""

from __future__ import annotations

import datetime as dt

import peewee

from kinerja_app.db import database


def now() -> dt.datetime:
    """Local wall-clock time without microseconds (the office works in local time, WIB)."""
    return dt.datetime.now().replace(microsecond=0)


class BaseModel(peewee.Model):
    """Every table: snake_case names, bound to :data:`kinerja_app.db.database`."""

    id = peewee.AutoField()

    class Meta:
        database = database
        legacy_table_names = False
