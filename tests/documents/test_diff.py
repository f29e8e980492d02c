"""Diff between draft versions, text of a .docx and content hashes."""

from __future__ import annotations

import dataclasses

import docx
import pytest

from kinerja_app.documents import render
from kinerja_app.documents.diff import (
    Hunk,
    ada_perubahan,
    content_hash,
    diff_docx,
    diff_text,
    docx_text,
)
from kinerja_app.errors import UnreadableFile
from tests.documents import samples


def _old(hunks):
    return "".join(h.text for h in hunks if h.kind != "tambah")


def _new(hunks):
    return "".join(h.text for h in hunks if h.kind != "hapus")


def test_word_level_diff():
    old = "Data disampaikan paling lambat tanggal 15 Januari 2027."
    new = "Data kinerja disampaikan paling lambat tanggal 20 Januari 2027."
    hunks = diff_text(old, new)
    changed = [(h.kind, h.text.strip()) for h in hunks if h.kind != "sama"]
    assert changed == [("tambah", "kinerja"), ("hapus", "15"), ("tambah", "20")]
    assert hunks[0].kind == "sama" and hunks[0].text.startswith("Data")
    assert _old(hunks) == old and _new(hunks) == new
    assert ada_perubahan(hunks)


def test_line_level_diff():
    old = "satu\ndua\ntiga\n"
    new = "satu\ndua diubah\ntiga\nempat\n"
    hunks = diff_text(old, new, level="baris")
    assert hunks == [
        Hunk("sama", "satu\n"),
        Hunk("hapus", "dua\n"),
        Hunk("tambah", "dua diubah\n"),
        Hunk("sama", "tiga\n"),
        Hunk("tambah", "empat\n"),
    ]


def test_identical_texts_have_no_change():
    hunks = diff_text("sama saja", "sama saja")
    assert hunks == [Hunk("sama", "sama saja")]
    assert not ada_perubahan(hunks)
    assert diff_text("", "") == []


def test_docx_text_and_diff_of_two_draft_versions(tmp_path):
    v1 = samples.surat(draft=True, penerima=samples.OPDS[:1])
    paragraphs = list(v1.paragraphs)
    paragraphs[1] = paragraphs[1].replace("paling lambat", "selambat-lambatnya")
    v2 = dataclasses.replace(v1, versi=3, paragraphs=paragraphs)
    (a,) = render.render_surat_permintaan(v1, tmp_path / "1", per_opd=True)
    (b,) = render.render_surat_permintaan(v2, tmp_path / "2", per_opd=True)
    hunks = diff_docx(a, b)
    changed = [h for h in hunks if h.kind != "sama"]
    assert Hunk("hapus", "2") in changed and Hunk("tambah", "3") in changed  # DRAF — versi N
    assert any(h.kind == "hapus" and "paling lambat" in h.text for h in changed)
    assert any(h.kind == "tambah" and "selambat-lambatnya" in h.text for h in changed)
    assert _old(hunks) == docx_text(a) and _new(hunks) == docx_text(b)


def test_docx_text_reads_tables_and_tabs(tmp_path):
    document = docx.Document()
    document.add_paragraph("Judul")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "kiri"
    table.cell(0, 1).text = "kanan"
    document.add_paragraph().add_run("a\tb")
    path = tmp_path / "x.docx"
    document.save(str(path))
    assert docx_text(path) == "Judul\nkiri\nkanan\na\tb"


def test_docx_text_of_a_non_docx(tmp_path):
    bad = tmp_path / "x.docx"
    bad.write_text("nope")
    with pytest.raises(UnreadableFile, match=r"x\.docx"):
        docx_text(bad)


def test_content_hash():
    assert content_hash(b"abc") == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )
    assert content_hash("a\r\nb  \n") == content_hash("a\nb")
    assert content_hash("Cafe\u0301") == content_hash("Café")
    assert content_hash("a\nb") != content_hash("a\nc")
    assert len(content_hash("x")) == 64
