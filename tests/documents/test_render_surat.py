"""The Surat Permintaan filled from its template, read back with python-docx."""

from __future__ import annotations

import dataclasses

import docx
import pytest
from docx.shared import Mm

from kinerja_app.documents import render
from kinerja_app.documents.context import Kop, PageSetup, Penerima
from kinerja_app.documents.diff import docx_text
from kinerja_app.errors import TemplateError
from tests.documents import samples


def _paragraphs(path):
    document = docx.Document(str(path))
    return [p.text for p in document.paragraphs]


def test_final_letter_per_opd_has_every_field(tmp_path):
    paths = render.render_surat_permintaan(samples.surat(draft=False), tmp_path, per_opd=True)
    assert [p.name for p in paths] == [
        "Surat Permintaan - Dinas Kesehatan.docx",
        "Surat Permintaan - Dinas Pendidikan.docx",
        "Surat Permintaan - Dinas Pekerjaan Umum dan Penataan Ruang.docx",
    ]
    text = docx_text(paths[0])
    assert "Nomor\t:\t000.8.6.3/245/Org" in text
    assert "Nanga Bulik, 24 November 2026" in text
    assert "Sifat\t:\tSegera" in text
    assert "Lampiran\t:\t1 (satu) berkas" in text
    assert "Hal\t:\tPermintaan Data Kinerja Perangkat Daerah Tahun 2026" in text
    assert "Yth. Kepala Dinas Kesehatan" in text
    assert "Kepala Dinas Pendidikan" not in text
    assert "di -" in text and "Tempat" in text
    assert "paling lambat tanggal Jumat, 15 Januari 2027" in text
    assert "PEMERINTAH KABUPATEN LAMANDAU" in text and "SEKRETARIAT DAERAH" in text
    assert "Tembusan:" in text
    assert "1.\tBupati Lamandau (sebagai laporan);" in text
    assert "2.\tInspektur Kabupaten Lamandau." in text
    # the second letter goes to its own OPD
    assert "Yth. Kepala Dinas Pendidikan" in docx_text(paths[1])


def test_final_signature_is_jabatan_and_name_only(tmp_path):
    (path,) = render.render_surat_permintaan(
        samples.surat(draft=False, penerima=samples.OPDS[:1]), tmp_path, per_opd=True
    )
    paras = _paragraphs(path)
    i = paras.index("a.n. BUPATI LAMANDAU")
    assert paras[i + 1] == "SEKRETARIS DAERAH,"
    name_at = paras.index(samples.SEKDA.nama)
    assert name_at > i + 1
    text = docx_text(path)
    assert "NIP" not in text
    assert "19680512" not in text
    assert samples.SEKDA.pangkat not in text


def test_signature_lines_come_from_the_block(tmp_path):
    ctx = dataclasses.replace(
        samples.surat(draft=False, penerima=samples.OPDS[:1]),
        ttd=dataclasses.replace(samples.TTD_SEKDA, baris=["SEKRETARIS DAERAH,"]),
    )
    (path,) = render.render_surat_permintaan(ctx, tmp_path, per_opd=True)
    paras = _paragraphs(path)
    assert not any("a.n." in p for p in paras)
    assert "SEKRETARIS DAERAH," in paras


def test_pemda_kop_has_no_instansi_line(tmp_path):
    ctx = dataclasses.replace(
        samples.surat(draft=False, penerima=samples.OPDS[:1]),
        kop=dataclasses.replace(samples.KOP, instansi=""),
    )
    (path,) = render.render_surat_permintaan(ctx, tmp_path, per_opd=True)
    text = docx_text(path)
    assert "PEMERINTAH KABUPATEN LAMANDAU" in text and "SEKRETARIAT DAERAH" not in text


def test_electronic_signature_is_noted_in_the_blank(tmp_path):
    ctx = dataclasses.replace(
        samples.surat(draft=False, penerima=samples.OPDS[:1]),
        ttd=dataclasses.replace(samples.TTD_SEKDA, elektronik="Ditandatangani secara elektronik"),
    )
    (path,) = render.render_surat_permintaan(ctx, tmp_path, per_opd=True)
    assert "Ditandatangani secara elektronik" in docx_text(path)


def test_draft_has_mark_and_paraf_table_final_has_neither(tmp_path):
    (draft,) = render.render_surat_permintaan(
        samples.surat(draft=True, penerima=samples.OPDS[:1]), tmp_path / "d", per_opd=True
    )
    (final,) = render.render_surat_permintaan(
        samples.surat(draft=False, penerima=samples.OPDS[:1]), tmp_path / "f", per_opd=True
    )
    assert draft.name == "Draf Surat Permintaan v2 - Dinas Kesehatan.docx"
    draft_text, final_text = docx_text(draft), docx_text(final)
    assert "DRAF — versi 2" in draft_text
    assert "DRAF" not in final_text
    tables = docx.Document(str(draft)).tables
    paraf = [t for t in tables if t.rows[0].cells[0].text == "No" and len(t.columns) == 4]
    assert len(paraf) == 1
    rows = [[c.text for c in r.cells] for r in paraf[0].rows]
    assert rows[0] == ["No", "Jabatan", "Paraf", "Tanggal"]
    assert rows[1][1] == "Kepala Bagian Organisasi (RINA MARLINA, S.STP., M.Si.)"
    assert rows[1][3] == "20 November 2026"
    assert rows[2][1].startswith("Asisten Administrasi Umum") and rows[2][3] == ""
    assert len(rows) == 3
    assert "Paraf Koordinasi" not in final_text
    assert all(t.rows[0].cells[0].text != "No" for t in docx.Document(str(final)).tables)
    # the draft has no number and no date yet: blank space, not the pattern, not today
    assert "000.8.6.3/245/Org" not in draft_text
    assert "Nomor\t:\t\u00a0\u00a0\u00a0" in draft_text
    assert "Nanga Bulik, \u00a0\u00a0\u00a0" in draft_text
    assert "24 November 2026" not in draft_text


def test_one_letter_with_daftar_penerima(tmp_path):
    paths = render.render_surat_permintaan(samples.surat(draft=False), tmp_path, per_opd=False)
    assert [p.name for p in paths] == ["Surat Permintaan Data Kinerja.docx"]
    document = docx.Document(str(paths[0]))
    text = docx_text(paths[0])
    assert "(daftar terlampir)" in text
    assert "DAFTAR PENERIMA" in text
    daftar = document.tables[-1]
    names = [r.cells[1].text for r in daftar.rows[1:]]
    assert names == [o.jabatan_kepala for o in samples.OPDS]
    assert daftar.rows[1].cells[2].text == "Jl. Bhayangkara No. 2 Nanga Bulik"


def test_per_opd_letter_has_no_lampiran_page(tmp_path):
    paths = render.render_surat_permintaan(samples.surat(draft=False), tmp_path, per_opd=True)
    assert "DAFTAR PENERIMA" not in docx_text(paths[0])


@pytest.mark.parametrize(("paper", "width", "height"), [("A4", 210, 297), ("F4", 215, 330)])
def test_paper_size_margins_and_font(tmp_path, paper, width, height):
    setup = PageSetup(paper=paper, margin_kiri=30, font_name="Bookman Old Style", font_size=11)
    (path,) = render.render_surat_permintaan(
        samples.surat(draft=False, penerima=samples.OPDS[:1]),
        tmp_path,
        per_opd=True,
        page_setup=setup,
    )
    document = docx.Document(str(path))
    section = document.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert section.left_margin is not None
    assert abs(section.page_width - Mm(width)) < Mm(0.5)
    assert abs(section.page_height - Mm(height)) < Mm(0.5)
    assert abs(section.left_margin - Mm(30)) < Mm(0.5)
    normal = document.styles["Normal"]
    assert normal.font.name == "Bookman Old Style"
    assert normal.font.size.pt == 11


def test_hostile_names_come_out_literally(tmp_path):
    nasty = Penerima(
        'Kepala Dinas "PU" & <Tata> Ruang\x07\x0b', 'Dinas "PU" & <Tata> Ruang\x00', "Jl. A & B"
    )
    ctx = dataclasses.replace(
        samples.surat(draft=True, penerima=[nasty]),
        hal='Data <Kinerja> & "Capaian"\x1b',
        paragraphs=["Paragraf {{ bukan_placeholder }} & {% if %} <b>tebal</b>\x01 selesai."],
        tembusan=["Bupati & Wakil Bupati <Lamandau>"],
        kop=Kop(instansi="SEKRETARIAT & DAERAH", logo=None),
    )
    (path,) = render.render_surat_permintaan(ctx, tmp_path, per_opd=True)
    assert path.name == "Draf Surat Permintaan v2 - Dinas _PU_ & _Tata_ Ruang.docx"
    text = docx_text(path)
    assert 'Yth. Kepala Dinas "PU" & <Tata> Ruang' in text
    assert 'Hal\t:\tData <Kinerja> & "Capaian"' in text
    assert "Paragraf {{ bukan_placeholder }} & {% if %} <b>tebal</b> selesai." in text
    assert "Bupati & Wakil Bupati <Lamandau>" in text
    assert "SEKRETARIAT & DAERAH" in text
    assert not any(ch in text for ch in "\x00\x01\x07\x0b\x1b")


def test_list_mode_lists_hostile_names(tmp_path):
    nasty = Penerima('Kepala <Badan> & "X"', "Badan X", "Jl. <1>")
    ctx = dataclasses.replace(samples.surat(draft=False), penerima=[nasty])
    (path,) = render.render_surat_permintaan(ctx, tmp_path, per_opd=False)
    assert docx.Document(str(path)).tables[-1].rows[1].cells[1].text == 'Kepala <Badan> & "X"'


def test_kop_without_logo_and_with_logo(tmp_path):
    no_logo = dataclasses.replace(
        samples.surat(draft=False, penerima=samples.OPDS[:1]), kop=Kop(logo=None)
    )
    (a,) = render.render_surat_permintaan(no_logo, tmp_path / "a", per_opd=True)
    (b,) = render.render_surat_permintaan(
        samples.surat(draft=False, penerima=samples.OPDS[:1]), tmp_path / "b", per_opd=True
    )
    assert len(docx.Document(str(a)).inline_shapes) == 0
    assert len(docx.Document(str(b)).inline_shapes) == 1
    assert "PEMERINTAH KABUPATEN LAMANDAU" in docx_text(a)


def test_rerender_replaces_and_leaves_no_temp_files(tmp_path):
    ctx = samples.surat(draft=False, penerima=samples.OPDS[:1])
    render.render_surat_permintaan(ctx, tmp_path, per_opd=True)
    render.render_surat_permintaan(ctx, tmp_path, per_opd=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Surat Permintaan - Dinas Kesehatan.docx"]


def test_two_opds_with_the_same_name_get_two_files(tmp_path):
    twin = [samples.OPDS[0], dataclasses.replace(samples.OPDS[0], alamat="lain")]
    ctx = dataclasses.replace(samples.surat(draft=False), penerima=twin)
    paths = render.render_surat_permintaan(ctx, tmp_path, per_opd=True)
    assert [p.name for p in paths] == [
        "Surat Permintaan - Dinas Kesehatan.docx",
        "Surat Permintaan - Dinas Kesehatan (2).docx",
    ]


def test_unreadable_logo_is_a_template_error(tmp_path):
    bad = tmp_path / "logo.png"
    bad.write_bytes(b"not a picture")
    ctx = dataclasses.replace(
        samples.surat(draft=False, penerima=samples.OPDS[:1]), kop=Kop(logo=bad)
    )
    out = tmp_path / "out"
    with pytest.raises(TemplateError, match="logo"):
        render.render_surat_permintaan(ctx, out, per_opd=True)
    assert not out.exists() or not any(out.iterdir())
