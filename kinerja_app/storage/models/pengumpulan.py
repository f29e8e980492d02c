"""Steps 6–8 per OPD: distribution with receipt, submissions as revisions, verification."""

from __future__ import annotations

import datetime as dt
import enum

import peewee

from kinerja_app.clock import now
from kinerja_app.storage.models.base import BaseModel
from kinerja_app.storage.models.master import PerangkatDaerah, Periode, User


class StatusOpd(enum.StrEnum):
    """Where one OPD stands in steps 6–8 (its own clock)."""

    BELUM_DIKIRIMI = "belum_dikirimi"
    SURAT_DITERIMA = "surat_diterima"
    DATA_MASUK = "data_masuk"
    PERLU_PERBAIKAN = "perlu_perbaikan"
    TERVERIFIKASI = "terverifikasi"

    @property
    def label(self) -> str:
        """Indonesian label used in the recap."""
        return {
            StatusOpd.BELUM_DIKIRIMI: "Belum dikirimi surat",
            StatusOpd.SURAT_DITERIMA: "Surat diterima",
            StatusOpd.DATA_MASUK: "Data masuk",
            StatusOpd.PERLU_PERBAIKAN: "Perlu perbaikan",
            StatusOpd.TERVERIFIKASI: "Terverifikasi",
        }[self]


class StatusPenyampaian(enum.StrEnum):
    """The fate of one submitted revision."""

    DIPERIKSA = "diperiksa"
    DIKEMBALIKAN = "dikembalikan"
    DITERIMA = "diterima"
    DIGANTIKAN = "digantikan"


class Pengumpulan(BaseModel):
    """One OPD in one period: its status and its clock (denormalised for fast recaps)."""

    periode = peewee.ForeignKeyField(Periode, backref="pengumpulan", on_delete="RESTRICT")
    opd = peewee.ForeignKeyField(PerangkatDaerah, backref="pengumpulan", on_delete="RESTRICT")
    periode_id: int  # the foreign keys' raw ids, for the type checker
    opd_id: int
    status = peewee.CharField(max_length=30, default=StatusOpd.BELUM_DIKIRIMI.value)
    status_sejak = peewee.DateTimeField(default=now)
    surat_diterima_pada = peewee.DateTimeField(null=True)
    batas_waktu = peewee.DateTimeField(null=True)  # the signed letter's date, or an extension
    batas_perbaikan = peewee.DateTimeField(null=True)  # the recorded correction deadline
    data_pertama_pada = peewee.DateTimeField(null=True)
    data_terakhir_pada = peewee.DateTimeField(null=True)
    revisi_terakhir = peewee.IntegerField(default=0)
    terverifikasi_pada = peewee.DateTimeField(null=True)
    catatan = peewee.TextField(default="")

    class Meta:
        indexes = ((("periode", "opd"), True),)

    def batas_berlaku(self) -> dt.datetime | None:
        """The deadline the OPD is bound by now: its correction deadline while it corrects,
        else the signed letter's (or its extension's); none once its data is in."""
        if self.status == StatusOpd.PERLU_PERBAIKAN:
            return self.batas_perbaikan
        if self.status == StatusOpd.SURAT_DITERIMA:
            return self.batas_waktu
        return None


class Distribusi(BaseModel):
    """Step 6: the signed letter handed to one OPD, with its receipt (tanda terima)."""

    pengumpulan = peewee.ForeignKeyField(
        Pengumpulan, backref="distribusi", unique=True, on_delete="CASCADE"
    )
    tanggal = peewee.DateTimeField()
    penerima_nama = peewee.CharField(max_length=200)
    penerima_nip = peewee.CharField(max_length=18, default="")
    tanda_terima = peewee.CharField(max_length=500, null=True)
    dicatat_oleh = peewee.ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    dicatat_pada = peewee.DateTimeField(default=now)


class Penyampaian(BaseModel):
    """Step 7: one revision of an OPD's data as received (incoming mail) and checked."""

    pengumpulan = peewee.ForeignKeyField(Pengumpulan, backref="penyampaian", on_delete="CASCADE")
    pengumpulan_id: int
    revisi = peewee.IntegerField()
    tanggal_diterima = peewee.DateTimeField()
    nomor_agenda = peewee.CharField(max_length=60, default="")
    nomor_pengantar = peewee.CharField(max_length=100, default="")
    tanggal_pengantar = peewee.DateField(null=True)
    berkas = peewee.CharField(max_length=500, null=True)
    nama_berkas_asli = peewee.CharField(max_length=300, default="")
    sha256 = peewee.CharField(max_length=64, default="")
    status = peewee.CharField(max_length=20, default=StatusPenyampaian.DIPERIKSA.value)
    jumlah_error = peewee.IntegerField(default=0)
    jumlah_peringatan = peewee.IntegerField(default=0)
    capaian_rata = peewee.FloatField(null=True)
    override_alasan = peewee.TextField(null=True)
    override_oleh = peewee.ForeignKeyField(User, backref="+", null=True, on_delete="RESTRICT")
    dicatat_oleh = peewee.ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    dicatat_pada = peewee.DateTimeField(default=now)

    class Meta:
        indexes = ((("pengumpulan", "revisi"), True),)


class DataIndikator(BaseModel):
    """One indicator row of a revision, as read from the OPD's workbook."""

    penyampaian = peewee.ForeignKeyField(Penyampaian, backref="indikator", on_delete="CASCADE")
    urutan = peewee.IntegerField()
    sheet = peewee.CharField(max_length=100, default="")
    baris = peewee.IntegerField(null=True)
    sasaran = peewee.TextField(default="")
    indikator = peewee.TextField()
    satuan = peewee.CharField(max_length=100, default="")
    polaritas = peewee.CharField(max_length=10, null=True)
    target = peewee.FloatField(null=True)
    realisasi = peewee.FloatField(null=True)
    target_teks = peewee.CharField(max_length=200, default="")
    realisasi_teks = peewee.CharField(max_length=200, default="")
    capaian = peewee.FloatField(null=True)
    capaian_dilaporkan = peewee.FloatField(null=True)
    keterangan = peewee.TextField(default="")


class Temuan(BaseModel):
    """A verification finding on a revision, pointing at its cell."""

    penyampaian = peewee.ForeignKeyField(Penyampaian, backref="temuan", on_delete="CASCADE")
    severity = peewee.CharField(max_length=10)
    kode = peewee.CharField(max_length=40)
    sel = peewee.CharField(max_length=60, null=True)
    baris = peewee.IntegerField(null=True)
    pesan = peewee.TextField()


class Koordinasi(BaseModel):
    """A note of coordination with an OPD about corrections (phone, letter, visit)."""

    pengumpulan = peewee.ForeignKeyField(Pengumpulan, backref="koordinasi", on_delete="CASCADE")
    cara = peewee.CharField(max_length=40, default="telepon")
    catatan = peewee.TextField()
    waktu = peewee.DateTimeField(default=now)
    dicatat_oleh = peewee.ForeignKeyField(User, backref="+", on_delete="RESTRICT")
