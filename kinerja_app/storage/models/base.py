"""Base model bound to the one database proxy."""

from __future__ import annotations

import peewee

from kinerja_app.storage.db import database


class BaseModel(peewee.Model):
    """Every table: snake_case names, bound to :data:`kinerja_app.storage.db.database`."""

    id = peewee.AutoField()

    class Meta:
        database = database
        legacy_table_names = False
