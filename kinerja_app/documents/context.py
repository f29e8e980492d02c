"""Plain, frozen inputs of the documents (no database): what each template is filled from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from kinerja_app.formatting import format_tanggal

Kertas = Literal["A4", "F4"]

# paper sizes in millimetres (width, height); F4 as used by Indonesian offices
UKURAN_KERTAS: dict[str, tuple[float, float]] = {"A4": (210.0, 297.0), "F4": (215.0, 330.0)}


@dataclass(frozen=True)
class Kop:
    """The letterhead (kop surat) of the Sekretariat Daerah."""

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
class PageSetup:
    """Paper, margins (mm) and base font applied to every rendered document."""

    paper: Kertas = "A4"
    margin_atas: float = 20.0
    margin_bawah: float = 20.0
    margin_kiri: float = 25.0
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
    """The Surat Permintaan Data Kinerja (SOP steps 2–5), draft or final."""

    tanggal: dt.date
    hal: str
    paragraphs: list[str]
    batas_waktu: dt.date
    tahun_data: int
    penerima: list[Penerima]
    penandatangan: Pejabat
    nomor: str = ""
    tempat: str = "Nanga Bulik"
    sifat: str = "Penting"
    lampiran: str = "1 (satu) berkas"
    tembusan: list[str] = field(default_factory=list)
    an_bupati: bool = True
    atas_nama: str = "BUPATI LAMANDAU"
    draft: bool = False
    versi: int = 1
    paraf: list[Paraf] = field(default_factory=list)
    kop: Kop = field(default_factory=Kop)


@dataclass(frozen=True)
class Disposisi:
    """Lembar Disposisi of the Kabag assigning the Tim (SOP step 1)."""

    dari: str
    hal: str
    isi: str
    nomor_agenda: str = ""
    nomor_surat: str = ""
    tanggal_surat: dt.date | None = None
    tanggal_diterima: dt.date | None = None
    sifat: str = "Biasa"
    diteruskan_kepada: list[str] = field(default_factory=list)
    catatan: str = ""
    paraf_nama: str = ""
    paraf_jabatan: str = "Kepala Bagian Organisasi"
    paraf_tanggal: dt.date | None = None
    kop: Kop = field(default_factory=Kop)


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
    tanggal: dt.date
    pengirim: Pejabat
    items: list[ItemPengantar]
    nomor: str = ""
    tempat: str = "Nanga Bulik"
    tanggal_diterima: dt.date | None = None
    nama_penerima: str = ""
    nip_penerima: str = ""
    kop: Kop = field(default_factory=Kop)


@dataclass(frozen=True)
class BarisEkspedisi:
    """One row of the buku ekspedisi (dispatch register)."""

    tanggal: dt.date | None
    nomor_surat: str
    tujuan: str
    perihal: str
    nama_penerima: str = ""
    keterangan: str = ""


@dataclass(frozen=True)
class BukuEkspedisi:
    """Buku Ekspedisi: who received which letter and when."""

    rows: list[BarisEkspedisi]
    unit: str = "BAGIAN ORGANISASI SEKRETARIAT DAERAH KABUPATEN LAMANDAU"
    keterangan_periode: str = ""


PERINGATAN_SOP = "Setiap Instansi Pemerintah Wajib Menyampaikan Data Kinerja"


@dataclass(frozen=True)
class SuratPengingat:
    """A reminder to an OPD that has not sent its data by the deadline."""

    penerima: Penerima
    tanggal: dt.date
    hal: str
    paragraphs: list[str]
    penandatangan: Pejabat
    nomor: str = ""
    tempat: str = "Nanga Bulik"
    sifat: str = "Segera"
    lampiran: str = "-"
    peringatan: str = PERINGATAN_SOP
    tembusan: list[str] = field(default_factory=list)
    an_bupati: bool = True
    atas_nama: str = "BUPATI LAMANDAU"
    cetak_nip: bool = False
    kop: Kop = field(default_factory=Kop)


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


@dataclass(frozen=True)
class RekapDokumen:
    """Dokumen Rekapitulasi Data Kinerja Perangkat Daerah (SOP steps 8–10)."""

    periode: str
    tahun_data: int
    rows: list[BarisRekap]
    tanggal: dt.date
    ringkasan: str = ""
    catatan_kabag: str = ""
    kabag: Pejabat | None = None
    penyusun: Pejabat | None = None
    audit_head: str = ""
    draft: bool = True
    versi: int = 1
    tempat: str = "Nanga Bulik"
    kop: Kop = field(default_factory=Kop)


def paragraf_baku(tahun_data: int, batas_waktu: dt.date) -> list[str]:
    """The standard body of the Surat Permintaan Data Kinerja, to start a draft from.

    Args:
        tahun_data: the year the data covers.
        batas_waktu: the deadline printed in the second paragraph.
    Returns:
        The paragraphs, editable by the Tim.
    """
    batas_teks = format_tanggal(batas_waktu, hari=True)
    return [
        "Dalam rangka penyusunan Laporan Kinerja Instansi Pemerintah (LKjIP) Kabupaten "
        f"Lamandau Tahun {tahun_data}, bersama ini kami mohon Saudara menyampaikan data "
        f"kinerja Perangkat Daerah Tahun {tahun_data} yang meliputi sasaran, indikator "
        "kinerja, target dan realisasi sebagaimana format isian terlampir.",
        "Data kinerja tersebut agar disampaikan kepada Bupati Lamandau c.q. Bagian Organisasi "
        f"Sekretariat Daerah Kabupaten Lamandau paling lambat tanggal {batas_teks} dalam "
        "bentuk cetak (hardcopy) yang ditandatangani Kepala Perangkat Daerah dan salinan "
        "elektronik (softcopy).",
        "Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.",
    ]
