"""The contract between the generated Format Isian workbook and the importer."""

from __future__ import annotations

DATA_SHEET = "Data Kinerja"
META_SHEET = "_kinerja"  # hidden (veryHidden) sheet, key in column A, value in column B
META_APP = "Kinerja"
FORMAT_VERSION = "1"
# keys in META_SHEET, in this order from A1 down
META_KEYS = (
    "aplikasi",
    "versi_format",
    "opd_kode",
    "opd_nama",
    "tahun",
    "surat_nomor",
    "periode_id",
)
# header labels of the data table, in column order starting at column A
COLUMNS = (
    "No",
    "Sasaran",
    "Indikator",
    "Satuan",
    "Polaritas",
    "Target",
    "Realisasi",
    "Capaian (%)",
    "Keterangan",
)
POLARITAS_CHOICES = ("Positif", "Negatif")
