"""Turn the document dataclasses into the plain dictionaries the Word templates are filled with.

Dates are formatted the Indonesian way here, so a template only prints strings. Every key
listed in resources/templates/README.md is always present (StrictUndefined needs that).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kinerja_app.documents.baku import HARAP, SIFAT
from kinerja_app.documents.context import (
    BlokTtd,
    BukuEkspedisi,
    Disposisi,
    Kop,
    NotaDinas,
    Paraf,
    Pejabat,
    Penerima,
    RekapDokumen,
    SuratDinas,
    SuratPengantar,
    SuratPermintaan,
)
from kinerja_app.formatting import format_angka, format_nip, format_tanggal

# no number or date yet: leave room to write them by hand (non-breaking, so Word keeps it)
NOMOR_KOSONG = "\u00a0" * 16
TANGGAL_KOSONG = "\u00a0" * 24
TITIK = "........................"
TUJUAN_DAFTAR = (
    "Kepala Perangkat Daerah di Lingkungan Pemerintah Kabupaten Lamandau (daftar terlampir)"
)
LOGO_TINGGI_MM = 24.0
CONTOH = "CONTOH — bukan naskah resmi (basis data contoh, lambang pengganti)"
DIPILIH, KOSONG = "\u2611", "\u2610"  # ☑ ☐


@dataclass(frozen=True)
class Gambar:
    """An image to place at a placeholder (turned into a docxtpl InlineImage when rendering)."""

    path: Path
    tinggi_mm: float


Context = dict[str, Any]


def tanggal(value: dt.date | None, kosong: str = "") -> str:
    """A date as "24 November 2026", or ``kosong`` when missing."""
    return format_tanggal(value) if value is not None else kosong


def kop_fields(kop: Kop, contoh: bool = False) -> Context:
    """Letterhead keys of every template: kop, kop_logo, kop_alamat, kop_kontak, kop_laman."""
    alamat = kop.alamat + (f" Kode Pos {kop.kode_pos}" if kop.kode_pos else "")
    kontak = ", ".join(
        part
        for part in (
            f"Telepon {kop.telepon}" if kop.telepon else "",
            f"Pos-el {kop.email}" if kop.email else "",
        )
        if part
    )
    logo: Gambar | str = ""
    if kop.logo is not None and kop.logo.is_file():
        logo = Gambar(kop.logo, LOGO_TINGGI_MM)
    return {
        "kop": {
            "pemerintah": kop.pemerintah,
            "instansi": kop.instansi,
            "alamat": kop.alamat,
            "kode_pos": kop.kode_pos,
            "telepon": kop.telepon,
            "email": kop.email,
            "website": kop.website,
        },
        "kop_logo": logo,
        "kop_alamat": alamat,
        "kop_kontak": kontak,
        "kop_laman": f"Laman {kop.website}" if kop.website else "",
        "contoh": CONTOH if contoh else "",
    }


def ttd_fields(blok: BlokTtd) -> Context:
    """The signature block: lines, name, pangkat and grouped NIP, electronic note."""
    return {
        "baris": list(blok.baris),
        "nama": blok.nama,
        "pangkat": blok.pangkat,
        "nip": format_nip(blok.nip),
        "elektronik": blok.elektronik,
    }


def penerima_fields(penerima: Penerima) -> dict[str, str]:
    return {
        "jabatan_kepala": penerima.jabatan_kepala,
        "nama_opd": penerima.nama_opd,
        "alamat": penerima.alamat,
    }


def pejabat_fields(pejabat: Pejabat | None) -> dict[str, str] | None:
    if pejabat is None:
        return None
    return {
        "jabatan": pejabat.jabatan,
        "nama": pejabat.nama,
        "nip": format_nip(pejabat.nip),
        "pangkat": pejabat.pangkat,
    }


def paraf_fields(rows: list[Paraf]) -> list[dict[str, str]]:
    return [{"jabatan": r.jabatan, "nama": r.nama, "tanggal": tanggal(r.tanggal)} for r in rows]


def permintaan(ctx: SuratPermintaan, penerima: Penerima | None) -> Context:
    """Context of one Surat Permintaan: to one OPD, or (``None``) to all with a Daftar Penerima."""
    if penerima is not None:
        tujuan, kepada = penerima.jabatan_kepala, penerima_fields(penerima)
        daftar: list[dict[str, str]] = []
    else:
        tujuan = TUJUAN_DAFTAR
        kepada = {"jabatan_kepala": TUJUAN_DAFTAR, "nama_opd": "", "alamat": ""}
        daftar = [penerima_fields(p) for p in ctx.penerima]
    return {
        **kop_fields(ctx.kop, ctx.contoh),
        "nomor": ctx.nomor or NOMOR_KOSONG,
        "tanggal": tanggal(ctx.tanggal, TANGGAL_KOSONG),
        "tempat": ctx.tempat,
        "sifat": ctx.sifat,
        "lampiran": ctx.lampiran,
        "hal": ctx.hal,
        "tujuan": tujuan,
        "penerima": kepada,
        "daftar_penerima": daftar,
        "paragraphs": list(ctx.paragraphs),
        "batas_waktu": tanggal(ctx.batas_waktu),
        "tahun_data": str(ctx.tahun_data),
        "ttd": ttd_fields(ctx.ttd),
        "tembusan": list(ctx.tembusan),
        "penerbit": ctx.penerbit,
        "draft": ctx.draft,
        "versi": str(ctx.versi),
        "paraf": paraf_fields(ctx.paraf) if ctx.draft else [],
        "audit_head": "" if ctx.draft else ctx.audit_head,
    }


def nota_dinas(ctx: NotaDinas) -> Context:
    """Context of the nota dinas to the bagian of the Sekretariat Daerah."""
    return {
        **kop_fields(ctx.kop, ctx.contoh),
        "kepada": ctx.kepada,
        "dari": ctx.dari,
        "tembusan": list(ctx.tembusan),
        "tanggal": tanggal(ctx.tanggal, TANGGAL_KOSONG),
        "nomor": ctx.nomor or NOMOR_KOSONG,
        "sifat": ctx.sifat,
        "lampiran": ctx.lampiran,
        "hal": ctx.hal,
        "paragraphs": list(ctx.paragraphs),
        "ttd": ttd_fields(ctx.ttd),
    }


def surat_dinas(ctx: SuratDinas) -> Context:
    """Context of a surat dinas to one OPD (reminder, findings letter, extension)."""
    return {
        **kop_fields(ctx.kop, ctx.contoh),
        "nomor": ctx.nomor or NOMOR_KOSONG,
        "tanggal": tanggal(ctx.tanggal, TANGGAL_KOSONG),
        "tempat": ctx.tempat,
        "sifat": ctx.sifat,
        "lampiran": ctx.lampiran,
        "hal": ctx.hal,
        "tujuan": ctx.penerima.jabatan_kepala,
        "penerima": penerima_fields(ctx.penerima),
        "paragraphs": list(ctx.paragraphs),
        "peringatan": ctx.peringatan,
        "temuan": [{"letak": t.letak, "uraian": t.uraian} for t in ctx.temuan],
        "penutup": list(ctx.penutup),
        "ttd": ttd_fields(ctx.ttd),
        "tembusan": list(ctx.tembusan),
    }


def _pilihan(options: tuple[str, ...], chosen: list[str] | str) -> list[dict[str, str]]:
    picked = {chosen} if isinstance(chosen, str) else set(chosen)
    return [{"tanda": DIPILIH if o in picked else KOSONG, "label": o} for o in options]


def disposisi(ctx: Disposisi) -> Context:
    return {
        **kop_fields(ctx.kop, ctx.contoh),
        "dari": ctx.dari or "–",
        "nomor_agenda": ctx.nomor_agenda or TITIK,
        "nomor_surat": ctx.nomor_surat or "–",
        "tanggal_surat": tanggal(ctx.tanggal_surat, "–"),
        "tanggal_diterima": tanggal(ctx.tanggal_diterima, TITIK),
        "sifat": _pilihan(SIFAT[::-1], ctx.sifat),
        "klasifikasi": ctx.klasifikasi,
        "hal": ctx.hal,
        "diteruskan_kepada": list(ctx.diteruskan_kepada),
        "harap": _pilihan(HARAP, ctx.harap),
        "isi": ctx.isi,
        "catatan": ctx.catatan,
        "paraf_jabatan": ctx.paraf_jabatan,
        "paraf_nama": ctx.paraf_nama,
        "paraf_tanggal": tanggal(ctx.paraf_tanggal),
    }


def pengantar(ctx: SuratPengantar) -> Context:
    return {
        **kop_fields(ctx.kop, ctx.contoh),
        "nomor": ctx.nomor or NOMOR_KOSONG,
        "tanggal": tanggal(ctx.tanggal, TANGGAL_KOSONG),
        "tempat": ctx.tempat,
        "tujuan": ctx.penerima.jabatan_kepala,
        "penerima": penerima_fields(ctx.penerima),
        "items": [
            {"uraian": i.uraian, "banyaknya": i.banyaknya, "keterangan": i.keterangan}
            for i in ctx.items
        ],
        "ttd": ttd_fields(ctx.ttd),
        "tanggal_diterima": tanggal(ctx.tanggal_diterima, TITIK),
        "nama_penerima": ctx.nama_penerima or TITIK,
        "nip_penerima": format_nip(ctx.nip_penerima) or TITIK,
    }


def buku_ekspedisi(ctx: BukuEkspedisi) -> Context:
    return {
        "unit": ctx.unit,
        "keterangan_periode": ctx.keterangan_periode,
        "tempat": ctx.tempat,
        "tanggal": tanggal(ctx.tanggal, TANGGAL_KOSONG),
        "petugas": pejabat_fields(ctx.petugas),
        "kabag": pejabat_fields(ctx.kabag),
        "rows": [
            {
                "tanggal_kirim": tanggal(r.tanggal_kirim),
                "nomor_surat": r.nomor_surat,
                "tanggal_surat": tanggal(r.tanggal_surat),
                "tujuan": r.tujuan,
                "perihal": r.perihal,
                "nama_penerima": r.nama_penerima,
                "tanggal_terima": tanggal(r.tanggal_terima),
                "keterangan": r.keterangan,
            }
            for r in ctx.rows
        ],
    }


def _ya_tidak(value: bool | None) -> str:
    return "–" if value is None else ("Ya" if value else "Tidak")


def rekap(ctx: RekapDokumen) -> Context:
    return {
        **kop_fields(ctx.kop, ctx.contoh),
        "periode": ctx.periode,
        "tahun_data": str(ctx.tahun_data),
        "tanggal": tanggal(ctx.tanggal, TANGGAL_KOSONG),
        "tempat": ctx.tempat,
        "rows": [
            {
                "nama_opd": r.nama_opd,
                "status": r.status,
                "tanggal_surat_diterima": tanggal(r.tanggal_surat_diterima, "–"),
                "batas_waktu": tanggal(r.batas_waktu, "–"),
                "tanggal_data_masuk": tanggal(r.tanggal_data_masuk, "–"),
                "tepat_waktu": _ya_tidak(r.tepat_waktu),
                "revisi": str(r.revisi),
                "jumlah_indikator": str(r.jumlah_indikator),
                "capaian_rata_rata": format_angka(r.capaian_rata_rata, kosong="–"),
                "predikat": r.predikat or "–",
            }
            for r in ctx.rows
        ],
        "ringkasan": ctx.ringkasan,
        "catatan_kabag": ctx.catatan_kabag,
        "kabag": pejabat_fields(ctx.kabag),
        "penyusun": pejabat_fields(ctx.penyusun),
        "audit_head": ctx.audit_head,
        "draft": ctx.draft,
        "versi": str(ctx.versi),
    }
