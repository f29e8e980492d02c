"""Archived files kept inside the database, content-addressed by SHA-256 (used on a shared server,
where every workstation must see the same files and one ``pg_dump`` is the whole backup; on a
SQLite file the archive folder beside it holds them and this table stays empty)."""

from __future__ import annotations

import peewee

from kinerja_app.clock import now
from kinerja_app.storage.models.base import BaseModel


class BerkasArsip(BaseModel):
    """The bytes of one archived file; its key is the SHA-256 of those bytes."""

    sha256 = peewee.CharField(max_length=64, unique=True)
    ukuran = peewee.BigIntegerField()
    isi = peewee.BlobField()
    dicatat_pada = peewee.DateTimeField(default=now)

    class Meta:
        table_name = "berkas_arsip"
