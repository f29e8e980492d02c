"""Peewee models of the SOP, split by feature; import from here."""

from kinerja_app.storage.models.audit import AuditData, AuditLog
from kinerja_app.storage.models.base import BaseModel
from kinerja_app.storage.models.berkas import BerkasArsip
from kinerja_app.storage.models.master import (
    HariLibur,
    PerangkatDaerah,
    Periode,
    Setting,
    User,
    UserRole,
)
from kinerja_app.storage.models.pemetaan import PemetaanKolom
from kinerja_app.storage.models.pengumpulan import (
    DataIndikator,
    Distribusi,
    Koordinasi,
    Pengumpulan,
    Penyampaian,
    Temuan,
)
from kinerja_app.storage.models.rekap import Arsip, Rekap, ReviewRekap
from kinerja_app.storage.models.surat import (
    BatasOpd,
    Disposisi,
    Paraf,
    Pengembalian,
    Rancangan,
    SuratKeluar,
    SuratPermintaan,
    TandaTangan,
)

ALL_MODELS: tuple[type[BaseModel], ...] = (
    Setting,
    Periode,
    PerangkatDaerah,
    User,
    UserRole,
    HariLibur,
    Pengumpulan,  # before the register, which names the OPD a letter goes to
    Disposisi,
    SuratPermintaan,
    Rancangan,
    Paraf,
    Pengembalian,
    SuratKeluar,
    TandaTangan,
    Distribusi,
    Penyampaian,
    DataIndikator,
    Temuan,
    Koordinasi,
    PemetaanKolom,
    BatasOpd,
    Rekap,
    ReviewRekap,
    Arsip,
    AuditLog,
    AuditData,
    BerkasArsip,
)

__all__ = [
    "ALL_MODELS",
    "Arsip",
    "AuditData",
    "AuditLog",
    "BaseModel",
    "BatasOpd",
    "BerkasArsip",
    "DataIndikator",
    "Disposisi",
    "Distribusi",
    "HariLibur",
    "Koordinasi",
    "Paraf",
    "PemetaanKolom",
    "Pengembalian",
    "Pengumpulan",
    "Penyampaian",
    "PerangkatDaerah",
    "Periode",
    "Rancangan",
    "Rekap",
    "ReviewRekap",
    "Setting",
    "SuratKeluar",
    "SuratPermintaan",
    "TandaTangan",
    "Temuan",
    "User",
    "UserRole",
]
