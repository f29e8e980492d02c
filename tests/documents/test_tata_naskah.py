"""The tata naskah dinas rules every template and every filled document keeps: Indonesian
language, rows never split across pages, page numbers, margins at the rule's minimums, tables
inside the text area, stable bytes for the archive."""

from __future__ import annotations

import hashlib
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

from kinerja_app.documents import TEMPLATES, render
from kinerja_app.documents.context import PageSetup
from tests.documents import samples


def _xml(path, part: str) -> str:
    return zipfile.ZipFile(path).read(part).decode("utf-8")


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_builtin_template_is_indonesian_numbered_and_keeps_rows_whole(name):
    path = render.template_path(name)
    styles = _xml(path, "word/styles.xml")
    defaults = styles[styles.index("<w:docDefaults>") : styles.index("</w:docDefaults>")]
    assert 'w:lang w:val="id-ID"' in defaults
    document = docx.Document(str(path))
    rows = list(document.element.body.iter(qn("w:tr")))
    assert rows and all(r.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None for r in rows)
    header = "".join(_xml(path, n) for n in zipfile.ZipFile(path).namelist() if "header" in n)
    assert 'w:instr=" PAGE "' in header  # "- 2 -" at the top of the pages after the first
    section = document.sections[0]
    assert abs((section.left_margin or 0) - Mm(30)) < Mm(0.5)
    assert abs((section.bottom_margin or 0) - Mm(25)) < Mm(0.5)


def test_a_custom_template_is_tagged_and_kept_whole_too(tmp_path):
    custom = docx.Document()
    custom.add_paragraph("Nomor {{ nomor }}")
    table = custom.add_table(rows=1, cols=1)
    table.rows[0].cells[0].text = "{{ hal }}"
    custom.save(str(tmp_path / "kustom.docx"))
    (path,) = render.render_surat_permintaan(
        samples.surat(draft=False, penerima=samples.OPDS[:1]),
        tmp_path / "out",
        per_opd=True,
        template=tmp_path / "kustom.docx",
    )
    styles = _xml(path, "word/styles.xml")
    assert 'w:lang w:val="id-ID"' in styles
    assert "<w:cantSplit/>" in _xml(path, "word/document.xml")


def test_wide_tables_are_narrowed_to_the_text_area(tmp_path):
    wide = PageSetup(margin_kiri=45, margin_kanan=35)  # 210 - 80 = 130 mm of text
    (path,) = render.render_surat_permintaan(
        samples.surat(draft=False), tmp_path, per_opd=False, page_setup=wide
    )
    document = docx.Document(str(path))
    for table in document.tables:
        grid = table._tbl.find(qn("w:tblGrid"))
        total = sum(int(c.get(qn("w:w"))) for c in grid.findall(qn("w:gridCol")))
        assert total <= Mm(130).twips + 1


def test_the_same_document_has_the_same_bytes(tmp_path):
    ctx = samples.surat(draft=False, penerima=samples.OPDS[:1])
    (a,) = render.render_surat_permintaan(ctx, tmp_path / "a", per_opd=True)
    (b,) = render.render_surat_permintaan(ctx, tmp_path / "b", per_opd=True)
    assert hashlib.sha256(a.read_bytes()).digest() == hashlib.sha256(b.read_bytes()).digest()
