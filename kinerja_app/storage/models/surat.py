"""Steps 1–5: the Kabag's disposisi, the request letter's versions, paraf chain and signature.

Every row that records an official's act carries who acted (``oleh``), who recorded it
(``dicatat_oleh``; a staff member records a wet paraf afterwards) and when it happened.
"""

from __future__ import annotations

import enum

import peewee

from kinerja_app.clock import now
from kinerja_app.storage.models.base import BaseModel
from kinerja_app.storage.models.master import Periode, User
from kinerja_app.storage.models.pengumpulan import Pengumpulan, Penyampaian


class StatusSurat(enum.StrEnum):
    """Where the request letter stands in steps 2–6."""

    DRAF = "draf"
    MENUNGGU_KABAG = "menunggu_kabag"
    MENUNGGU_ASISTEN = "menunggu_asisten"
    MENUNGGU_SEKDA = "menunggu_sekda"
    DIKEMBALIKAN = "dikembalikan"
    DITANDATANGANI = "ditandatangani"

    @property
    def label(self) -> str:
        """Indonesian label."""
        return {
            StatusSurat.DRAF: "Draf (Tim Kinerja)",
            StatusSurat.MENUNGGU_KABAG: "Menunggu paraf Kabag",
            StatusSurat.MENUNGGU_ASISTEN: "Menunggu paraf Asisten",
            StatusSurat.MENUNGGU_SEKDA: "Menunggu tanda tangan Sekda",
            StatusSurat.DIKEMBALIKAN: "Dikembalikan untuk perbaikan",
            StatusSurat.DITANDATANGANI: "Ditandatangani",
        }[self]


class CaraTtd(enum.StrEnum):
    """How the Sekda signed."""

    KONVENSIONAL = "konvensional"
    ELEKTRONIK = "elektronik"


class Disposisi(BaseModel):
    """Step 1: the Kabag assigns the Tim to collect the data of a period."""

    periode = peewee.ForeignKeyField(Periode, backref="disposisi", on_delete="RESTRICT")
    nomor_agenda = peewee.CharField(max_length=60, default="")
    sifat = peewee.CharField(max_length=40, default="Biasa")
    klasifikasi = peewee.CharField(max_length=20, default="Biasa")
    # the letter the disposisi is written on, when there is one (an incoming letter)
    surat_dari = peewee.CharField(max_length=300, default="")
    nomor_surat = peewee.CharField(max_length=100, default="")
    tanggal_surat = peewee.DateField(null=True)
    diterima_tanggal = peewee.DateField(null=True)
    harap = peewee.CharField(max_length=300, default="")  # "Dengan hormat harap": ticked items
    hal = peewee.CharField(max_length=300)
    isi = peewee.TextField()
    catatan = peewee.TextField(default="")
    diteruskan_kepada = peewee.CharField(max_length=300, default="Tim Kinerja")
    batas_tanggal = peewee.DateField(null=True)
    oleh = peewee.ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    dicatat_oleh = peewee.ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    waktu = peewee.DateTimeField(default=now)
    dicatat_pada = peewee.DateTimeField(default=now)


class SuratPermintaan(BaseModel):
    """The request letter of a period, from first draft to signature."""

    periode = peewee.ForeignKeyField(Periode, backref="surat", unique=True, on_delete="RESTRICT")
    periode_id: int
    disposisi = peewee.ForeignKeyField(Disposisi, backref="+", on_delete="RESTRICT")
    status = peewee.CharField(max_length=30, default=StatusSurat.DRAF.value)
    status_sejak = peewee.DateTimeField(default=now)
    dibuat_pada = peewee.DateTimeField(default=now)


class Rancangan(BaseModel):
    """One numbered version of the draft; a paraf certifies exactly one version."""

    surat = peewee.ForeignKeyField(SuratPermintaan, backref="versi", on_delete="CASCADE")
    surat_id: int
    versi = peewee.IntegerField()
    isi_json = peewee.TextField()  # the letter's fields (hal, sifat, paragraphs, penerima...)
    content_hash = peewee.CharField(max_length=64)
    berkas = peewee.CharField(max_length=500, null=True)  # a .docx attached back from Word
    catatan = peewee.TextField(default="")  # what the Tim changed in this version
    dibuat_oleh = peewee.ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    dibuat_pada = peewee.DateTimeField(default=now)

    class Meta:
        indexes = ((("surat", "versi"), True),)


class Paraf(BaseModel):
    """An initial of the Kabag or the Asisten on one version; voided by a newer version."""

    rancangan = peewee.ForeignKeyField(Rancangan, backref="paraf", on_delete="CASCADE")
    role = peewee.CharField(max_length=20)
    oleh = peewee.ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    dicatat_oleh = peewee.ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    waktu = peewee.DateTimeField()
    dicatat_pada = peewee.DateTimeField(default=now)
    scan = peewee.CharField(max_length=500, null=True)
    batal = peewee.BooleanField(default=False)
    batal_pada = peewee.DateTimeField(null=True)


class Pengembalian(BaseModel):
    """A "Tidak" at step 3, 4 or 5: the draft goes back to the Tim with a note."""

    rancangan = peewee.ForeignKeyField(Rancangan, backref="pengembalian", on_delete="CASCADE")
    role = peewee.CharField(max_length=20)
    catatan = peewee.TextField()
    oleh = peewee.ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    dicatat_oleh = peewee.ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    waktu = peewee.DateTimeField()
    dicatat_pada = peewee.DateTimeField(default=now)


class SuratKeluar(BaseModel):
    """The register of outgoing letters: one running number per year, given when a letter is
    signed or dispatched. A letter signed in SRIKANDI carries SRIKANDI's number and counts in
    a sequence of its own (``srikandi``), so the office's running numbers have no gap."""

    pengumpulan_id: int | None  # the foreign key's raw id, for the type checker
    tahun = peewee.IntegerField()
    urut = peewee.IntegerField()
    nomor = peewee.CharField(max_length=100)
    tanggal = peewee.DateField()
    jenis = peewee.CharField(max_length=40)  # permintaan, nota_dinas, pengantar, pengingat...
    hal = peewee.CharField(max_length=300)
    tujuan = peewee.CharField(max_length=300)
    periode = peewee.ForeignKeyField(
        Periode, backref="surat_keluar", null=True, on_delete="RESTRICT"
    )
    pengumpulan = peewee.ForeignKeyField(
        Pengumpulan, backref="surat_keluar", null=True, on_delete="RESTRICT"
    )  # the OPD a per-OPD letter goes to
    penandatangan = peewee.ForeignKeyField(User, backref="+", null=True, on_delete="RESTRICT")
    srikandi = peewee.BooleanField(default=False)  # numbered and signed in SRIKANDI
    dicatat_oleh = peewee.ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    dicatat_pada = peewee.DateTimeField(default=now)

    class Meta:
        indexes = ((("tahun", "srikandi", "urut"), True),)


class TandaTangan(BaseModel):
    """Step 5: the Sekda's signature on one version, with the letter's number."""

    surat = peewee.ForeignKeyField(SuratPermintaan, backref="ttd", unique=True, on_delete="CASCADE")
    rancangan = peewee.ForeignKeyField(Rancangan, backref="+", on_delete="RESTRICT")
    surat_keluar = peewee.ForeignKeyField(SuratKeluar, backref="+", on_delete="RESTRICT")
    tanggal = peewee.DateField()
    cara = peewee.CharField(max_length=20)
    nomor_srikandi = peewee.CharField(max_length=100, null=True)
    scan = peewee.CharField(max_length=500, null=True)
    oleh = peewee.ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    dicatat_oleh = peewee.ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    waktu = peewee.DateTimeField()
    dicatat_pada = peewee.DateTimeField(default=now)


class JenisBatas(enum.StrEnum):
    """What a recorded deadline is."""

    PERPANJANGAN = "perpanjangan"
    PERBAIKAN = "perbaikan"


class BatasOpd(BaseModel):
    """A recorded change of one OPD's deadline, stated by its own letter: an extension of the
    request letter's deadline, or the deadline of a correction (step 8 back to 7)."""

    pengumpulan_id: int  # the foreign keys' raw ids, for the type checker
    surat_keluar_id: int
    pengumpulan = peewee.ForeignKeyField(Pengumpulan, backref="batas", on_delete="CASCADE")
    jenis = peewee.CharField(max_length=20)  # JenisBatas
    tanggal = peewee.DateField()  # the new deadline (the end of that day)
    alasan = peewee.TextField(default="")
    penyampaian = peewee.ForeignKeyField(
        Penyampaian, backref="+", null=True, on_delete="CASCADE"
    )  # the revision returned, for a correction
    surat_keluar = peewee.ForeignKeyField(SuratKeluar, backref="+", on_delete="RESTRICT")
    dicatat_oleh = peewee.ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    dicatat_pada = peewee.DateTimeField(default=now)
