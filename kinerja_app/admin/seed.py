"""The default list of Lamandau's Perangkat Daerah, seeded on first start and editable after.

Names follow Perda Kabupaten Lamandau 07/2021 as far as known here; the administrator edits
the list in the app or imports it from .xlsx.
"""

from __future__ import annotations

from kinerja_app.storage.models import PerangkatDaerah

KECAMATAN = (
    "Bulik", "Lamandau", "Delang", "Bulik Timur",
    "Menthobi Raya", "Sematu Jaya", "Belantikan Raya", "Batangkawa",
)  # fmt: skip

# (kode, nama, singkatan, jenis, jabatan kepala)
OPD_DEFAULT: tuple[tuple[str, str, str, str, str], ...] = (
    ("SETDA", "Sekretariat Daerah", "Setda", "sekretariat", "Sekretaris Daerah"),
    ("SETWAN", "Sekretariat DPRD", "Setwan", "sekretariat", "Sekretaris DPRD"),
    ("INSP", "Inspektorat Daerah", "Inspektorat", "inspektorat", "Inspektur Daerah"),
    ("DISDIK", "Dinas Pendidikan", "Disdik", "dinas", "Kepala Dinas Pendidikan"),
    ("DINKES", "Dinas Kesehatan, Pengendalian Penduduk dan Keluarga Berencana", "Dinkes PPKB", "dinas",
     "Kepala Dinas Kesehatan, Pengendalian Penduduk dan Keluarga Berencana"),
    ("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR", "dinas",
     "Kepala Dinas Pekerjaan Umum dan Penataan Ruang"),
    ("DPKPP", "Dinas Perumahan, Kawasan Permukiman dan Pertanahan", "Disperkimtan", "dinas",
     "Kepala Dinas Perumahan, Kawasan Permukiman dan Pertanahan"),
    ("SATPOL", "Satuan Polisi Pamong Praja dan Pemadam Kebakaran", "Satpol PP dan Damkar", "dinas",
     "Kepala Satuan Polisi Pamong Praja dan Pemadam Kebakaran"),
    ("DINSOS", "Dinas Sosial, Pemberdayaan Perempuan dan Perlindungan Anak", "Dinsos P3A", "dinas",
     "Kepala Dinas Sosial, Pemberdayaan Perempuan dan Perlindungan Anak"),
    ("DISNAKERTRANS", "Dinas Tenaga Kerja dan Transmigrasi", "Disnakertrans", "dinas",
     "Kepala Dinas Tenaga Kerja dan Transmigrasi"),
    ("DLH", "Dinas Lingkungan Hidup", "DLH", "dinas", "Kepala Dinas Lingkungan Hidup"),
    ("DISDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil", "dinas",
     "Kepala Dinas Kependudukan dan Pencatatan Sipil"),
    ("DPMD", "Dinas Pemberdayaan Masyarakat dan Desa", "DPMD", "dinas",
     "Kepala Dinas Pemberdayaan Masyarakat dan Desa"),
    ("DISHUB", "Dinas Perhubungan", "Dishub", "dinas", "Kepala Dinas Perhubungan"),
    ("DISKOMINFO", "Dinas Komunikasi, Informatika, Statistik dan Persandian", "Diskominfosp", "dinas",
     "Kepala Dinas Komunikasi, Informatika, Statistik dan Persandian"),
    ("DISKOPERINDAG", "Dinas Koperasi, Usaha Kecil dan Menengah, Perindustrian dan Perdagangan",
     "Diskoperindag", "dinas",
     "Kepala Dinas Koperasi, Usaha Kecil dan Menengah, Perindustrian dan Perdagangan"),
    ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP", "dinas",
     "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"),
    ("DISPORAPAR", "Dinas Pemuda, Olahraga dan Pariwisata", "Disporapar", "dinas",
     "Kepala Dinas Pemuda, Olahraga dan Pariwisata"),
    ("DISPERPUSIP", "Dinas Perpustakaan dan Kearsipan", "Disperpusip", "dinas",
     "Kepala Dinas Perpustakaan dan Kearsipan"),
    ("DISTAN", "Dinas Pertanian, Ketahanan Pangan dan Perikanan", "Distan", "dinas",
     "Kepala Dinas Pertanian, Ketahanan Pangan dan Perikanan"),
    ("DISBUNNAK", "Dinas Perkebunan dan Peternakan", "Disbunnak", "dinas",
     "Kepala Dinas Perkebunan dan Peternakan"),
    ("BAPPERIDA", "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah", "Bapperida", "badan",
     "Kepala Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah"),
    ("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD", "badan",
     "Kepala Badan Pengelolaan Keuangan dan Aset Daerah"),
    ("BAPENDA", "Badan Pendapatan Daerah", "Bapenda", "badan", "Kepala Badan Pendapatan Daerah"),
    ("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM", "badan",
     "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"),
    ("KESBANGPOL", "Badan Kesatuan Bangsa dan Politik", "Kesbangpol", "badan",
     "Kepala Badan Kesatuan Bangsa dan Politik"),
    ("BPBD", "Badan Penanggulangan Bencana Daerah", "BPBD", "badan",
     "Kepala Pelaksana Badan Penanggulangan Bencana Daerah"),
    ("RSUD", "Rumah Sakit Umum Daerah Lamandau", "RSUD", "rsud", "Direktur RSUD Lamandau"),
    *(
        (f"KEC-{name.upper().replace(' ', '')}", f"Kecamatan {name}", f"Kec. {name}", "kecamatan",
         f"Camat {name}")
        for name in KECAMATAN
    ),
)  # fmt: skip


def seed_opd() -> int:
    """Insert the default OPD list into an empty table; return how many were inserted."""
    if PerangkatDaerah.select().exists():
        return 0
    PerangkatDaerah.insert_many(
        [
            {
                "kode": kode,
                "nama": nama,
                "singkatan": singkatan,
                "jenis": jenis,
                "jabatan_kepala": jabatan,
                "urutan": i,
                "alamat": "Nanga Bulik" if jenis != "kecamatan" else nama,
            }
            for i, (kode, nama, singkatan, jenis, jabatan) in enumerate(OPD_DEFAULT, start=1)
        ]
    ).execute()
    return len(OPD_DEFAULT)
