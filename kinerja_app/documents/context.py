"""Plain, frozen inputs of the documents (no database): what each template is filled from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from kinerja_app.documents.baku import TANDA_BATAS

Kertas = Literal["A4", "F4"]

# paper sizes in millimetres (width, height); F4 as used by Indonesian offices
UKURAN_KERTAS: dict[str, tuple[float, float]] = {"A4": (210.0, 297.0), "F4": (215.0, 330.0)}
# Excel's paper codes: 9 = A4, 14 = Folio 8½ × 13 in (the F4 of Indonesian offices)
KODE_KERTAS_EXCEL: dict[str, int] = {"A4": 9, "F4": 14}


@dataclass(frozen=True)
class Kop:
    """The letterhead (kop naskah dinas). ``instansi`` empty: the Pemerintah Daerah's own kop,
    used for a letter signed "a.n. Bupati"; filled: the kop of the Sekretariat Daerah."""

    pemerintah: str = "PEMERINTAH KABUPATEN LAMANDAU"
    instansi: str = "SEKRETARIAT DAERAH"
    alamat: str = "Jalan Sutan Syahrir Nomor 1, Nanga Bulik"
    kode_pos: str = "74662"
    telepon: str = "(0532) 2071003"
    email: str = "setda@lamandaukab.go.id"
    website: str = "www.lamandaukab.go.id"
    logo: Path | None = None


@dataclass(frozen=True)
class Pejabat:
    """An official who signs or initials: jabatan, name, NIP and pangkat (rank)."""

    jabatan: str
    nama: str
    nip: str = ""
    pangkat: str = ""


@dataclass(frozen=True)
class BlokTtd:
    """A signature block: the lines above the signature ("a.n. BUPATI LAMANDAU",
    "SEKRETARIS DAERAH,"), the name, and pangkat and NIP for officials below the Sekda
    (Permendagri 1/2023 art. 44); ``elektronik`` notes a signature made in SRIKANDI."""

    baris: list[str]
    nama: str
    pangkat: str = ""
    nip: str = ""
    elektronik: str = ""


@dataclass(frozen=True)
class PageSetup:
    """Paper, margins (mm) and base font applied to every rendered document."""

    paper: Kertas = "A4"
    margin_atas: float = 20.0
    margin_bawah: float = 25.0
    margin_kiri: float = 30.0
    margin_kanan: float = 20.0
    font_name: str = "Arial"
    font_size: float = 12.0
    landscape: bool = False


@dataclass(frozen=True)
class Penerima:
    """One addressee agency (OPD, Perangkat Daerah)."""

    jabatan_kepala: str
    nama_opd: str
    alamat: str = ""


@dataclass(frozen=True)
class Paraf:
    """One row of the paraf (initials) table of a draft."""

    jabatan: str
    nama: str = ""
    tanggal: dt.date | None = None


@dataclass(frozen=True)
class SuratPermintaan:
    """The Surat Permintaan Data Kinerja (SOP steps 2–5): draft, clean copy to sign, or final.

    ``tanggal`` and ``nomor`` stay empty until the Sekda has signed: a letter is dated and
    numbered when it is signed, never when it is printed.
    """

    tanggal: dt.date | None
    hal: str
    paragraphs: list[str]
    batas_waktu: dt.date
    tahun_data: int
    penerima: list[Penerima]
    ttd: BlokTtd
    nomor: str = ""
    tempat: str = "Nanga Bulik"
    sifat: str = "Segera"
    lampiran: str = "1 (satu) berkas"
    tembusan: list[str] = field(default_factory=list)
    draft: bool = False
    versi: int = 1
    paraf: list[Paraf] = field(default_factory=list)
    kop: Kop = field(default_factory=Kop)
    penerbit: str = "BUPATI LAMANDAU"  # whose letter it is (the lampiran's heading)
    contoh: bool = False  # a demo database: the paper says it is not an official one
    audit_head: str = ""  # hash of the audit row of the signature: anchors the chain outside


@dataclass(frozen=True)
class NotaDinas:
    """Nota dinas of the Sekda to the bagian of the Sekretariat Daerah (internal: no letter
    from the Sekda to himself)."""

    kepada: str
    dari: str
    tanggal: dt.date | None
    nomor: str
    hal: str
    paragraphs: list[str]
    ttd: BlokTtd
    sifat: str = "Segera"
    lampiran: str = "1 (satu) berkas"
    tembusan: list[str] = field(default_factory=list)
    kop: Kop = field(default_factory=Kop)
    contoh: bool = False


@dataclass(frozen=True)
class Disposisi:
    """Lembar Disposisi of the Kabag assigning the Tim (SOP step 1), with its standard fields."""

    dari: str
    hal: str
    isi: str
    nomor_agenda: str = ""
    nomor_surat: str = ""
    tanggal_surat: dt.date | None = None
    tanggal_diterima: dt.date | None = None
    sifat: str = "Biasa"
    klasifikasi: str = "Biasa"
    diteruskan_kepada: list[str] = field(default_factory=list)
    harap: list[str] = field(default_factory=list)
    catatan: str = ""
    paraf_nama: str = ""
    paraf_jabatan: str = "Kepala Bagian Organisasi"
    paraf_tanggal: dt.date | None = None
    kop: Kop = field(default_factory=Kop)
    contoh: bool = False


@dataclass(frozen=True)
class ItemPengantar:
    """One line of the table of a surat pengantar."""

    uraian: str
    banyaknya: str = "1 (satu) berkas"
    keterangan: str = ""


@dataclass(frozen=True)
class SuratPengantar:
    """Surat pengantar sent with the letter to one OPD, with its receipt block (SOP step 6)."""

    penerima: Penerima
    tanggal: dt.date | None
    ttd: BlokTtd
    items: list[ItemPengantar]
    nomor: str = ""
    tempat: str = "Nanga Bulik"
    tanggal_diterima: dt.date | None = None
    nama_penerima: str = ""
    nip_penerima: str = ""
    kop: Kop = field(default_factory=Kop)
    contoh: bool = False


@dataclass(frozen=True)
class BarisEkspedisi:
    """One row of the buku ekspedisi (dispatch register): one letter to one addressee."""

    tanggal_kirim: dt.date | None
    nomor_surat: str
    tanggal_surat: dt.date | None
    tujuan: str
    perihal: str
    nama_penerima: str = ""
    tanggal_terima: dt.date | None = None
    keterangan: str = ""


@dataclass(frozen=True)
class BukuEkspedisi:
    """Buku Ekspedisi: which letter went to whom, who received it and when, closed by the
    dispatch officer and the Kabag."""

    rows: list[BarisEkspedisi]
    unit: str = "BAGIAN ORGANISASI SEKRETARIAT DAERAH KABUPATEN LAMANDAU"
    keterangan_periode: str = ""
    tempat: str = "Nanga Bulik"
    tanggal: dt.date | None = None
    petugas: Pejabat | None = None
    kabag: Pejabat | None = None


PERINGATAN_SOP = "Setiap Instansi Pemerintah Wajib Menyampaikan Data Kinerja"


@dataclass(frozen=True)
class BarisTemuan:
    """One finding of a verification, where it is and what is wrong."""

    letak: str
    uraian: str


@dataclass(frozen=True)
class SuratDinas:
    """A surat dinas to one OPD head: the reminder, the findings letter (with its table of
    findings), the extension of a deadline."""

    penerima: Penerima
    tanggal: dt.date | None
    hal: str
    paragraphs: list[str]
    ttd: BlokTtd
    nomor: str = ""
    tempat: str = "Nanga Bulik"
    sifat: str = "Segera"
    lampiran: str = "-"
    peringatan: str = ""
    temuan: list[BarisTemuan] = field(default_factory=list)
    penutup: list[str] = field(default_factory=list)  # paragraphs after the findings table
    tembusan: list[str] = field(default_factory=list)
    kop: Kop = field(default_factory=Kop)
    contoh: bool = False


@dataclass(frozen=True)
class BarisRekap:
    """One OPD's line in the recap."""

    nama_opd: str
    status: str
    tanggal_surat_diterima: dt.date | None = None
    tanggal_data_masuk: dt.date | None = None
    tepat_waktu: bool | None = None
    revisi: int = 0
    jumlah_indikator: int = 0
    capaian_rata_rata: float | None = None
    predikat: str = ""
    batas_waktu: dt.date | None = None


@dataclass(frozen=True)
class RekapDokumen:
    """Dokumen Rekapitulasi Data Kinerja Perangkat Daerah (SOP steps 8–10)."""

    periode: str
    tahun_data: int
    rows: list[BarisRekap]
    tanggal: dt.date | None
    ringkasan: str = ""
    catatan_kabag: str = ""
    kabag: Pejabat | None = None
    penyusun: Pejabat | None = None
    audit_head: str = ""
    draft: bool = True
    versi: int = 1
    tempat: str = "Nanga Bulik"
    kop: Kop = field(default_factory=Kop)
    contoh: bool = False


def paragraf_baku(tahun_data: int) -> list[str]:
    """The standard body of the Surat Permintaan Data Kinerja, to start a draft from.

    Args:
        tahun_data: the year the data covers.
    Returns:
        The paragraphs, editable by the Tim; the deadline prints where :data:`TANDA_BATAS` is.
    """
    return [
        "Dalam rangka penyusunan Laporan Kinerja Instansi Pemerintah (LKjIP) Kabupaten "
        f"Lamandau Tahun {tahun_data}, bersama ini kami mohon Saudara menyampaikan data "
        f"kinerja Perangkat Daerah Tahun {tahun_data} yang meliputi sasaran, indikator "
        "kinerja, target dan realisasi sebagaimana format isian terlampir.",
        "Data kinerja tersebut agar disampaikan kepada Bupati Lamandau c.q. Bagian Organisasi "
        f"Sekretariat Daerah Kabupaten Lamandau paling lambat tanggal {TANDA_BATAS} dalam "
        "bentuk cetak (hardcopy) yang ditandatangani Kepala Perangkat Daerah dan salinan "
        "elektronik (softcopy).",
        "Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.",
    ]
