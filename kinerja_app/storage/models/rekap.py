"""Steps 8–10: recap versions, the Kabag's review and the final archive."""

from __future__ import annotations

import enum

import peewee

from kinerja_app.clock import now
from kinerja_app.storage.models.base import BaseModel
from kinerja_app.storage.models.master import Periode, User


class StatusRekap(enum.StrEnum):
    """Where one recap version stands."""

    DIAJUKAN = "diajukan"
    DIKEMBALIKAN = "dikembalikan"
    DISETUJUI = "disetujui"
    FINAL = "final"

    @property
    def label(self) -> str:
        """Indonesian label."""
        return {
            StatusRekap.DIAJUKAN: "Diajukan ke Kabag",
            StatusRekap.DIKEMBALIKAN: "Dikembalikan ke Tim",
            StatusRekap.DISETUJUI: "Disetujui Kabag",
            StatusRekap.FINAL: "Final dan diarsipkan",
        }[self]


class Rekap(BaseModel):
    """One version of the Daftar Rekapitulasi, a frozen snapshot of every OPD's state."""

    periode = peewee.ForeignKeyField(Periode, backref="rekap", on_delete="RESTRICT")
    periode_id: int
    versi = peewee.IntegerField()
    status = peewee.CharField(max_length=20, default=StatusRekap.DIAJUKAN.value)
    snapshot_json = peewee.TextField()
    content_hash = peewee.CharField(max_length=64)
    analisa = peewee.TextField(default="")
    dibuat_oleh = peewee.ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    dibuat_pada = peewee.DateTimeField(default=now)

    class Meta:
        indexes = ((("periode", "versi"), True),)


class ReviewRekap(BaseModel):
    """Step 9: the Kabag's decision on one recap version, with input."""

    rekap = peewee.ForeignKeyField(Rekap, backref="review", on_delete="CASCADE")
    setuju = peewee.BooleanField()
    catatan = peewee.TextField(default="")
    oleh = peewee.ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    dicatat_oleh = peewee.ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    waktu = peewee.DateTimeField()
    dicatat_pada = peewee.DateTimeField(default=now)


class Arsip(BaseModel):
    """A file of the period's archive with its checksum: every paper produced (with its number
    and date), every scan received, and the final set of step 10."""

    periode = peewee.ForeignKeyField(Periode, backref="arsip", on_delete="RESTRICT")
    rekap = peewee.ForeignKeyField(Rekap, backref="arsip", null=True, on_delete="RESTRICT")
    jenis = peewee.CharField(max_length=60)
    berkas = peewee.CharField(max_length=500)
    sha256 = peewee.CharField(max_length=64)
    nomor = peewee.CharField(max_length=100, default="")  # the paper's number, if it has one
    tanggal = peewee.DateField(null=True)  # the paper's date; none for a draft
    opd_id = peewee.IntegerField(null=True)  # the OPD a per-OPD paper belongs to
    salinan = peewee.IntegerField(default=0)  # printed copies (penggandaan)
    audit_head = peewee.CharField(max_length=64, default="")
    dicatat_oleh = peewee.ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    dicatat_pada = peewee.DateTimeField(default=now)
