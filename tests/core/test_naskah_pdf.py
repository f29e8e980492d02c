"""Every paper of a whole period, rendered by LibreOffice as a records officer would print it:
paper size and page count per document, page numbers on every multi-page paper, no final
letter undated, none dated after its receipt or after the day it is printed."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from kinerja_app import clock
from kinerja_app.admin import settings
from kinerja_app.clock import waktu_simulasi
from kinerja_app.documents import berkas
from kinerja_app.documents import pdf as dok_pdf
from kinerja_app.documents.naskah import Cetakan
from kinerja_app.storage.models import Arsip, BatasOpd, Disposisi, Distribusi, Rancangan, Rekap
from kinerja_app.workflow.batas import terbitkan_pengingat
from kinerja_app.workflow.rekap import ajukan_rekap, review_rekap
from tests.factory import kirim_ke_sisanya

# jenis -> (orientation, most pages): what each paper looks like printed on A4
EXPECTED: dict[str, tuple[str, int]] = {
    "Lembar Disposisi": ("portrait", 1),
    "Draf Surat Permintaan": ("portrait", 3),
    "Surat Permintaan": ("portrait", 2),
    "Nota Dinas": ("portrait", 1),
    "Surat Pengantar": ("portrait", 1),
    "Format Isian": ("landscape", 2),
    "Buku Ekspedisi": ("landscape", 4),  # all 36 OPDs: a recap goes up once every one was sent
    "Surat Pengingat": ("portrait", 1),
    "Surat Hasil Verifikasi": ("portrait", 1),
    "Surat Perpanjangan": ("portrait", 1),
    "Dokumen Rekapitulasi": ("landscape", 3),
}
FINAL = {k for k in EXPECTED if k not in ("Draf Surat Permintaan", "Format Isian")}


@pytest.fixture
def soffice():
    found = dok_pdf.find_soffice()
    if found is None:
        pytest.fail("LibreOffice (soffice) is not installed; these tests must run, not skip.")
    return found


def every_paper(f) -> list[Cetakan]:
    periode, (a, _, _, d, _), rev_a = f.periode_lengkap()
    with waktu_simulasi(dt.datetime(2026, 3, 10, 8, 0)):
        terbitkan_pengingat(f.tim, periode)
        kirim_ke_sisanya(f, periode)  # the recap goes to the Kabag once every OPD was asked
        rekap = Rekap.get_by_id(
            ajukan_rekap(
                f.tim, periode, "Dua OPD terlambat", alasan_belum_lengkap="Contoh periode"
            ).objek_id
        )
        review_rekap(f.kabag, rekap, True, "Setuju; ingatkan OPD yang belum.")
    papers = [
        berkas.lembar_disposisi(f.tim, Disposisi.get()),
        berkas.draf_surat(f.tim, Rancangan.get()),
        berkas.surat_permintaan(f.tim, periode),
        berkas.nota_dinas(f.tim, periode),
        berkas.surat_pengantar(f.tim, periode),
        berkas.format_isian(f.tim, periode, [a.id]),
        berkas.buku_ekspedisi(f.tim, periode),
        berkas.surat_pengingat(f.tim, periode),
        berkas.surat_hasil_verifikasi(f.tim, rev_a),
        berkas.surat_perpanjangan(f.tim, d),
        berkas.dokumen_rekapitulasi(f.tim, periode, Rekap.get_by_id(rekap.id)),
    ]
    assert BatasOpd.select().count() == 2
    return papers


def as_pdf(papers: list[Cetakan], out: Path) -> dict[Path, tuple[str, Path]]:
    """Copy every file under a unique stem and convert them all in one LibreOffice call."""
    staged: dict[Path, tuple[str, Path]] = {}
    (out / "in").mkdir(parents=True)
    for i, cetakan in enumerate(papers):
        for j, n in enumerate(cetakan.naskah):
            copy = out / "in" / f"{i:02d}-{j:02d}{n.berkas.suffix}"
            shutil.copyfile(n.berkas, copy)
            staged[copy] = (n.jenis, n.berkas)
    pdfs = dok_pdf.convert_to_pdf(list(staged), out / "pdf")
    return {p: staged[src] for p, src in zip(pdfs, staged, strict=True)}


@pytest.mark.libreoffice
def test_every_paper_prints_on_its_paper_with_page_numbers(f, tmp_path, soffice):
    converted = as_pdf(every_paper(f), tmp_path)
    seen = set()
    for path, (jenis, source) in converted.items():
        orientation, most = EXPECTED[jenis]
        seen.add(jenis)
        width, height = dok_pdf.pdf_page_size_mm(path)
        assert sorted((width, height)) == pytest.approx([210, 297], abs=1), source.name
        assert (width > height) == (orientation == "landscape"), source.name
        pages = dok_pdf.pdf_page_count(path)
        assert 1 <= pages <= most, f"{source.name}: {pages} halaman"
        if pages > 1 and source.suffix == ".docx":
            second = " ".join(dok_pdf.pdf_text(path).split("\f")[1].split())
            assert re.match(r"-\s*2(?!\d)", second), f"{source.name}: tanpa nomor halaman"
    assert seen == set(EXPECTED)


@pytest.mark.libreoffice
def test_f4_final_letter_prints_on_f4(f, tmp_path, soffice):
    f.lambang_resmi()
    settings.put("kertas", "F4", f.admin)
    from tests.factory import ditandatangani

    periode = f.periode()
    ditandatangani(f, periode)
    (out,) = dok_pdf.convert_to_pdf(berkas.surat_permintaan(f.tim, periode).paths, tmp_path)
    width, height = dok_pdf.pdf_page_size_mm(out)
    assert width == pytest.approx(215, abs=1) and height == pytest.approx(330, abs=1)


def test_no_final_letter_undated_or_dated_after_its_receipt_or_print_day(f):
    papers = every_paper(f)
    today = clock.today()
    received = {d.pengumpulan.opd_id: d.tanggal.date() for d in Distribusi.select()}
    for cetakan in papers:
        for n in cetakan.naskah:
            row = Arsip.get_by_id(n.arsip_id)
            assert row.sha256 == n.sha256 and len(row.sha256) == 64
            if n.jenis == "Draf Surat Permintaan":
                assert row.tanggal is None and row.nomor == ""  # a draft leaves its date open
                continue
            if n.jenis in FINAL - {"Lembar Disposisi", "Buku Ekspedisi", "Dokumen Rekapitulasi"}:
                assert row.nomor, n.berkas.name
            if n.jenis not in FINAL:
                continue
            assert row.tanggal is not None, n.berkas.name
            assert row.tanggal <= today, n.berkas.name
            if n.jenis in ("Surat Permintaan", "Nota Dinas"):
                assert all(row.tanggal <= day for day in received.values())
            if n.jenis == "Surat Pengantar":
                assert row.opd_id is not None and row.tanggal <= received[row.opd_id], n.berkas.name
