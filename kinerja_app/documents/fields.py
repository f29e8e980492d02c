"""Turn the document dataclasses into the plain dictionaries the Word templates are filled with.

Dates are formatted the Indonesian way here, so a template only prints strings. Every key
listed in resources/templates/README.md is always present (StrictUndefined needs that).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kinerja_app.documents.context import (
    BukuEkspedisi,
    Disposisi,
    Kop,
    Paraf,
    Pejabat,
    Penerima,
    RekapDokumen,
    SuratPengantar,
    SuratPengingat,
    SuratPermintaan,
)
from kinerja_app.formatting import format_angka, format_nip, format_tanggal

# a draft has no number yet: leave room to write it by hand (non-breaking, so Word keeps it)
NOMOR_KOSONG = "\u00a0" * 16
TITIK = "........................"
TUJUAN_DAFTAR = (
    "Kepala Perangkat Daerah di Lingkungan Pemerintah Kabupaten Lamandau (daftar terlampir)"
)
LOGO_TINGGI_MM = 24.0


@dataclass(frozen=True)
class Gambar:
    """An image to place at a placeholder (turned into a docxtpl InlineImage when rendering)."""

    path: Path
    tinggi_mm: float


Context = dict[str, Any]


def tanggal(value: dt.date | None, kosong: str = "") -> str:
    """A date as "24 November 2026", or ``kosong`` when missing."""
    return format_tanggal(value) if value is not None else kosong


def kop_fields(kop: Kop) -> Context:
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
    """Context of one Surat Permintaan: to one OPD, or (``None``) to all with a Daftar Penerima.

    The Sekda signs with jabatan and name only (Permendagri 1/2023 art. 44): no NIP, no pangkat.
    """
    if penerima is not None:
        tujuan, kepada = penerima.jabatan_kepala, penerima_fields(penerima)
        daftar: list[dict[str, str]] = []
    else:
        tujuan = TUJUAN_DAFTAR
        kepada = {"jabatan_kepala": TUJUAN_DAFTAR, "nama_opd": "", "alamat": ""}
        daftar = [penerima_fields(p) for p in ctx.penerima]
    return {
        **kop_fields(ctx.kop),
        "nomor": ctx.nomor or NOMOR_KOSONG,
        "tanggal": tanggal(ctx.tanggal),
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
        "an_bupati": ctx.an_bupati,
        "atas_nama": ctx.atas_nama,
        "ttd_jabatan": ctx.penandatangan.jabatan.upper(),
        "ttd_nama": ctx.penandatangan.nama,
        "tembusan": list(ctx.tembusan),
        "draft": ctx.draft,
        "versi": str(ctx.versi),
        "paraf": paraf_fields(ctx.paraf) if ctx.draft else [],
    }


def pengingat(ctx: SuratPengingat) -> Context:
    """Context of a reminder letter to one OPD past its deadline."""
    ttd = ctx.penandatangan
    return {
        **kop_fields(ctx.kop),
        "nomor": ctx.nomor or NOMOR_KOSONG,
        "tanggal": tanggal(ctx.tanggal),
        "tempat": ctx.tempat,
        "sifat": ctx.sifat,
        "lampiran": ctx.lampiran,
        "hal": ctx.hal,
        "tujuan": ctx.penerima.jabatan_kepala,
        "penerima": penerima_fields(ctx.penerima),
        "paragraphs": list(ctx.paragraphs),
        "peringatan": ctx.peringatan,
        "an_bupati": ctx.an_bupati,
        "atas_nama": ctx.atas_nama,
        "ttd_jabatan": ttd.jabatan.upper(),
        "ttd_nama": ttd.nama,
        "ttd_pangkat": ttd.pangkat if ctx.cetak_nip else "",
        "ttd_nip": format_nip(ttd.nip) if ctx.cetak_nip else "",
        "tembusan": list(ctx.tembusan),
    }


def disposisi(ctx: Disposisi) -> Context:
    return {
        **kop_fields(ctx.kop),
        "dari": ctx.dari,
        "nomor_agenda": ctx.nomor_agenda,
        "nomor_surat": ctx.nomor_surat,
        "tanggal_surat": tanggal(ctx.tanggal_surat),
        "tanggal_diterima": tanggal(ctx.tanggal_diterima),
        "sifat": ctx.sifat,
        "hal": ctx.hal,
        "diteruskan_kepada": list(ctx.diteruskan_kepada),
        "isi": ctx.isi,
        "catatan": ctx.catatan,
        "paraf_jabatan": ctx.paraf_jabatan,
        "paraf_nama": ctx.paraf_nama,
        "paraf_tanggal": tanggal(ctx.paraf_tanggal),
    }


def pengantar(ctx: SuratPengantar) -> Context:
    return {
        **kop_fields(ctx.kop),
        "nomor": ctx.nomor or NOMOR_KOSONG,
        "tanggal": tanggal(ctx.tanggal),
        "tempat": ctx.tempat,
        "tujuan": ctx.penerima.jabatan_kepala,
        "penerima": penerima_fields(ctx.penerima),
        "items": [
            {"uraian": i.uraian, "banyaknya": i.banyaknya, "keterangan": i.keterangan}
            for i in ctx.items
        ],
        "pengirim": pejabat_fields(ctx.pengirim),
        "tanggal_diterima": tanggal(ctx.tanggal_diterima, TITIK),
        "nama_penerima": ctx.nama_penerima or TITIK,
        "nip_penerima": format_nip(ctx.nip_penerima) or TITIK,
    }


def buku_ekspedisi(ctx: BukuEkspedisi) -> Context:
    return {
        "unit": ctx.unit,
        "keterangan_periode": ctx.keterangan_periode,
        "rows": [
            {
                "tanggal": tanggal(r.tanggal),
                "nomor_surat": r.nomor_surat,
                "tujuan": r.tujuan,
                "perihal": r.perihal,
                "nama_penerima": r.nama_penerima,
                "keterangan": r.keterangan,
            }
            for r in ctx.rows
        ],
    }


def _ya_tidak(value: bool | None) -> str:
    return "–" if value is None else ("Ya" if value else "Tidak")


def rekap(ctx: RekapDokumen) -> Context:
    return {
        **kop_fields(ctx.kop),
        "periode": ctx.periode,
        "tahun_data": str(ctx.tahun_data),
        "tanggal": tanggal(ctx.tanggal),
        "tempat": ctx.tempat,
        "rows": [
            {
                "nama_opd": r.nama_opd,
                "status": r.status,
                "tanggal_surat_diterima": tanggal(r.tanggal_surat_diterima, "–"),
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
