"""Column mappings the Tim confirmed, remembered per OPD and layout (step 8)."""

from __future__ import annotations

import peewee

from kinerja_app.clock import now
from kinerja_app.storage.models.base import BaseModel
from kinerja_app.storage.models.master import PerangkatDaerah, User


class PemetaanKolom(BaseModel):
    """How one OPD's workbook layout is read: which column holds which field, which rows are
    not indicators, how quarterly columns make the annual value. ``sidik`` fingerprints the
    layout's header cells (years masked), so next year's file of the same form matches."""

    opd = peewee.ForeignKeyField(PerangkatDaerah, backref="+", on_delete="CASCADE")
    opd_id: int
    sidik = peewee.CharField(max_length=64)
    lembar = peewee.CharField(max_length=100, null=True)
    baris_judul = peewee.IntegerField()
    kolom = peewee.TextField()  # JSON {field: column letter}
    kecualikan = peewee.TextField(default="[]")  # JSON row signatures taken out
    sertakan = peewee.TextField(default="[]")  # JSON row signatures put in
    triwulan = peewee.CharField(max_length=10, null=True)
    dicatat_oleh = peewee.ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    dicatat_pada = peewee.DateTimeField(default=now)

    class Meta:
        indexes = ((("opd", "sidik"), True),)
