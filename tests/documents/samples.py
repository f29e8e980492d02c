"""Realistic document inputs shared by the document tests (and the look-at-it script)."""

from __future__ import annotations

import datetime as dt

from kinerja_app.assets import LAMBANG_BAWAAN, resource
from kinerja_app.documents.context import (
    PERINGATAN_SOP,
    BarisEkspedisi,
    BarisRekap,
    BarisTemuan,
    BlokTtd,
    BukuEkspedisi,
    Disposisi,
    ItemPengantar,
    Kop,
    NotaDinas,
    Paraf,
    Pejabat,
    Penerima,
    RekapDokumen,
    SuratDinas,
    SuratPengantar,
    SuratPermintaan,
    paragraf_baku,
)
from kinerja_app.workflow.rancangan import isi_paragraf

LOGO = resource(LAMBANG_BAWAAN)
KOP = Kop(logo=LOGO)
SEKDA = Pejabat(
    "Sekretaris Daerah",
    "Drs. HENDRA SAPUTRA, M.Si.",
    "196805121990031007",
    "Pembina Utama Madya (IV/d)",
)
KABAG = Pejabat(
    "Kepala Bagian Organisasi",
    "RINA MARLINA, S.STP., M.Si.",
    "197802261997031002",
    "Pembina (IV/a)",
)
ASISTEN = Pejabat("Asisten Administrasi Umum", "Ir. BUDI SANTOSO", "197001011995031001")
TTD_SEKDA = BlokTtd(["a.n. BUPATI LAMANDAU", "SEKRETARIS DAERAH,"], SEKDA.nama)
TTD_KABAG = BlokTtd(
    ["a.n. SEKRETARIS DAERAH", "ASISTEN ADMINISTRASI UMUM", "u.b.", "KEPALA BAGIAN ORGANISASI,"],
    KABAG.nama,
    KABAG.pangkat,
    KABAG.nip,
)
TANGGAL = dt.date(2026, 11, 24)
BATAS = dt.date(2027, 1, 15)
OPDS = [
    Penerima("Kepala Dinas Kesehatan", "Dinas Kesehatan", "Jl. Bhayangkara No. 2 Nanga Bulik"),
    Penerima("Kepala Dinas Pendidikan", "Dinas Pendidikan", "Jl. Trans Kalimantan Km 3"),
    Penerima(
        "Kepala Dinas Pekerjaan Umum dan Penataan Ruang",
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        "Jl. Sutan Syahrir Nanga Bulik",
    ),
]
TEMBUSAN = ["Bupati Lamandau (sebagai laporan);", "Inspektur Kabupaten Lamandau."]


def surat(
    *, draft: bool, penerima: list[Penerima] | None = None, nomor: str = "000.8.6.3/245/Org"
) -> SuratPermintaan:
    return SuratPermintaan(
        nomor="" if draft else nomor,
        tanggal=None if draft else TANGGAL,
        hal="Permintaan Data Kinerja Perangkat Daerah Tahun 2026",
        paragraphs=isi_paragraf(paragraf_baku(2026), BATAS),
        batas_waktu=BATAS,
        tahun_data=2026,
        penerima=OPDS if penerima is None else penerima,
        ttd=TTD_SEKDA,
        tembusan=TEMBUSAN,
        draft=draft,
        versi=2,
        paraf=[
            Paraf(KABAG.jabatan, KABAG.nama, dt.date(2026, 11, 20)),
            Paraf(ASISTEN.jabatan, ASISTEN.nama, None),
        ],
        kop=KOP,
    )


def disposisi() -> Disposisi:
    return Disposisi(
        dari="Sekretaris Daerah Kabupaten Lamandau",
        hal="Pengumpulan Data Kinerja Perangkat Daerah Tahun 2026",
        isi="Mohon disiapkan rancangan Surat Permintaan Data Kinerja kepada seluruh Perangkat "
        "Daerah; segera koordinasikan.",
        nomor_agenda="412",
        nomor_surat="000.8.6.3/210/Org",
        tanggal_surat=dt.date(2026, 11, 18),
        tanggal_diterima=dt.date(2026, 11, 19),
        sifat="Segera",
        diteruskan_kepada=["Tim Kinerja Bagian Organisasi", "Analis Kebijakan Ahli Muda"],
        harap=["Proses lebih lanjut", "Koordinasikan/konfirmasikan"],
        catatan="Batas waktu penyampaian data 15 Januari 2027.",
        paraf_nama=KABAG.nama,
        paraf_tanggal=dt.date(2026, 11, 19),
        kop=KOP,
    )


def pengantar(penerima: Penerima) -> SuratPengantar:
    return SuratPengantar(
        penerima=penerima,
        tanggal=TANGGAL,
        ttd=TTD_KABAG,
        items=[
            ItemPengantar(
                "Surat Sekretaris Daerah Nomor 000.8.6.3/245/Org perihal Permintaan "
                "Data Kinerja Perangkat Daerah Tahun 2026",
                "1 (satu) berkas",
                "Disampaikan dengan hormat",
            ),
            ItemPengantar("Format Isian Data Kinerja (berkas .xlsx)", "1 (satu) berkas"),
        ],
        nomor="000.8.6.3/246/Org",
        kop=KOP,
    )


def buku() -> BukuEkspedisi:
    return BukuEkspedisi(
        rows=[
            BarisEkspedisi(
                tanggal_kirim=TANGGAL,
                nomor_surat=f"000.8.6.3/{246 + i}/Org",
                tanggal_surat=TANGGAL,
                tujuan=o.jabatan_kepala,
                perihal="Penyampaian Surat Permintaan Data Kinerja Tahun 2026",
                nama_penerima="Ahmad (staf)" if i == 0 else "",
                tanggal_terima=TANGGAL if i == 0 else None,
            )
            for i, o in enumerate(OPDS)
        ],
        keterangan_periode="Pengumpulan Data Kinerja Tahun 2026",
        tanggal=TANGGAL,
        petugas=Pejabat("Petugas Ekspedisi", "YULIA PRATIWI, S.E.", "198903152015032004"),
        kabag=KABAG,
    )


def pengingat(penerima: Penerima) -> SuratDinas:
    return SuratDinas(
        penerima=penerima,
        tanggal=dt.date(2027, 1, 18),
        hal="Pengingat Penyampaian Data Kinerja Tahun 2026",
        paragraphs=[
            "Menindaklanjuti Surat Sekretaris Daerah Nomor 000.8.6.3/245/Org tanggal "
            "24 November 2026 perihal Permintaan Data Kinerja Perangkat Daerah Tahun 2026, "
            "sampai dengan batas waktu 15 Januari 2027 kami belum menerima data kinerja "
            "Perangkat Daerah Saudara.",
            "Sehubungan dengan hal tersebut, kami mohon data kinerja dimaksud disampaikan "
            "paling lambat tanggal 25 Januari 2027.",
            "Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.",
        ],
        ttd=TTD_SEKDA,
        nomor="000.8.6.3/301/Org",
        peringatan=PERINGATAN_SOP,
        tembusan=TEMBUSAN,
        kop=KOP,
    )


def hasil_verifikasi(penerima: Penerima) -> SuratDinas:
    return SuratDinas(
        penerima=penerima,
        tanggal=dt.date(2027, 1, 20),
        hal="Hasil Verifikasi dan Permintaan Perbaikan Data Kinerja Tahun 2026",
        paragraphs=["Data kinerja Saudara telah kami verifikasi dengan hasil sebagai berikut:"],
        ttd=TTD_KABAG,
        nomor="000.8.6.3/310/Org",
        temuan=[
            BarisTemuan("Data Kinerja, sel F7", "Target wajib diisi."),
            BarisTemuan("Baris 9", "Capaian dilaporkan berbeda dari hitungan (peringatan)"),
        ],
        penutup=["Perbaikan disampaikan paling lambat tanggal Senin, 25 Januari 2027."],
        kop=KOP,
    )


def nota_dinas() -> NotaDinas:
    return NotaDinas(
        kepada="Para Asisten dan Kepala Bagian di Lingkungan Sekretariat Daerah",
        dari="Sekretaris Daerah",
        tanggal=TANGGAL,
        nomor="000.8.6.3/246/Org",
        hal="Permintaan Data Kinerja Tahun 2026",
        paragraphs=["Dalam rangka penyusunan LKjIP, mohon data kinerja bagian disampaikan."],
        ttd=BlokTtd(["SEKRETARIS DAERAH,"], SEKDA.nama),
        kop=KOP,
    )


def rekap(*, draft: bool) -> RekapDokumen:
    return RekapDokumen(
        periode="Januari 2027",
        tahun_data=2026,
        rows=[
            BarisRekap(
                "Dinas Kesehatan",
                "Diterima",
                TANGGAL,
                dt.date(2027, 1, 10),
                True,
                0,
                24,
                97.8,
                "Sangat Tinggi",
            ),
            BarisRekap(
                "Dinas Pendidikan",
                "Revisi",
                TANGGAL,
                dt.date(2027, 1, 14),
                True,
                1,
                18,
                84.25,
                "Tinggi",
            ),
            BarisRekap(
                "Dinas Pekerjaan Umum dan Penataan Ruang",
                "Belum",
                TANGGAL,
                None,
                None,
                0,
                0,
                None,
                "",
            ),
        ],
        tanggal=dt.date(2027, 2, 1),
        ringkasan="3 Perangkat Daerah: 2 telah menyampaikan data (2 tepat waktu), 1 belum.",
        catatan_kabag="Dinas PUPR agar segera diingatkan kembali.",
        kabag=KABAG,
        penyusun=Pejabat("Analis Kebijakan Ahli Muda", "YULIA PRATIWI, S.E.", "198903152015032004"),
        audit_head="sha256:3f1a9c0b7e2d4c55a1e0f9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8",
        draft=draft,
        versi=3,
        kop=KOP,
    )
