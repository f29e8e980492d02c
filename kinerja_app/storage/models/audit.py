"""The audit log: append-only, each row chained to the previous one by a SHA-256 hash."""

from __future__ import annotations

import peewee

from kinerja_app.clock import now
from kinerja_app.storage.models.base import BaseModel


class AuditLog(BaseModel):
    """Who did what, recorded by whom, with the outcome ("ok" or "ditolak")."""

    waktu = peewee.DateTimeField(default=now)
    aksi = peewee.CharField(max_length=60, index=True)  # the Riwayat action filter and its choices
    hasil = peewee.CharField(max_length=10, default="ok")
    pelaku_id = peewee.IntegerField(null=True)  # plain ids: the log outlives any row it names
    pelaku_nama = peewee.CharField(max_length=200, default="")
    pencatat_id = peewee.IntegerField(null=True)
    pencatat_nama = peewee.CharField(max_length=200, default="")
    periode_id = peewee.IntegerField(null=True, index=True)  # the Riwayat period filter
    opd_id = peewee.IntegerField(null=True)
    objek = peewee.CharField(max_length=60, default="")
    objek_id = peewee.IntegerField(null=True)
    keterangan = peewee.TextField(default="")
    detail_json = peewee.TextField(default="{}")
    prev_hash = peewee.CharField(max_length=64)
    hash = peewee.CharField(max_length=64, unique=True)
    data_hash = peewee.CharField(max_length=64, null=True)  # digest of its AuditData rows

    class Meta:
        # the history of one row (a letter in the register): a seek, not a pass over the log;
        # the whole trail in the order of its time (Riwayat): read in order, never sorted
        indexes = ((("objek", "objek_id"), False), (("waktu", "id"), False))


class AuditData(BaseModel):
    """A business row (or set of rows) an audit row commits to, with its content hash.

    ``kolom`` is ``"id"`` for one row, the grouping column for a set (a revision's indicator
    rows), ``"*"`` for a whole table; ``hash`` is empty when no row exists (deleted).
    """

    audit_id = peewee.IntegerField()  # plain id, like the log's own references
    tabel = peewee.CharField(max_length=60)
    kolom = peewee.CharField(max_length=60)
    nilai = peewee.IntegerField()
    hash = peewee.CharField(max_length=64)

    class Meta:
        table_name = "audit_data"
        indexes = ((("tabel", "kolom", "nilai", "audit_id"), False), (("audit_id",), False))
