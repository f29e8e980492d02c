"""Custom templates from the settings: bad placeholders and broken files fail clearly, write nothing."""

from __future__ import annotations

import zipfile

import docx
import pytest

from kinerja_app.documents import TEMPLATES, render
from kinerja_app.documents.diff import docx_text
from kinerja_app.errors import TemplateError
from tests.documents import samples


def _template(path, *lines):
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def _letter():
    return samples.surat(draft=False, penerima=samples.OPDS[:1])


def test_custom_template_with_known_placeholders_works(tmp_path):
    tpl = _template(tmp_path / "kustom.docx", "Nomor {{ nomor }} untuk {{ penerima.nama_opd }}")
    out = tmp_path / "out"
    (path,) = render.render_surat_permintaan(_letter(), out, per_opd=True, template=tpl)
    assert "Nomor 000.8.6.3/245/Org untuk Dinas Kesehatan" in docx_text(path)


def test_unknown_placeholder_is_named_and_nothing_is_written(tmp_path):
    tpl = _template(tmp_path / "kustom.docx", "Nomor {{ nomor }}", "Kepada {{ nama_kadis }}")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(TemplateError) as info:
        render.render_surat_permintaan(_letter(), out, per_opd=True, template=tpl)
    assert "nama_kadis" in str(info.value)
    assert "kustom.docx" in str(info.value)
    assert list(out.iterdir()) == []


def test_unknown_attribute_is_named(tmp_path):
    tpl = _template(tmp_path / "kustom.docx", "Telepon {{ penerima.telepon }}")
    out = tmp_path / "out"
    with pytest.raises(TemplateError, match="telepon"):
        render.render_surat_permintaan(_letter(), out, per_opd=True, template=tpl)
    assert not out.exists() or list(out.iterdir()) == []


def test_unknown_placeholder_split_across_runs_is_found(tmp_path):
    path = tmp_path / "kustom.docx"
    document = docx.Document()
    p = document.add_paragraph()
    for piece in ("{{ ", "tanggal_", "surat", " }}"):  # as Word splits text after an edit
        p.add_run(piece).bold = piece == "surat"
    document.save(str(path))
    with pytest.raises(TemplateError, match="tanggal_surat"):
        render.render(path, {"nomor": "1"}, tmp_path / "x.docx")
    assert not (tmp_path / "x.docx").exists()


def test_syntax_error_in_template(tmp_path):
    tpl = _template(tmp_path / "kustom.docx", "Nomor {{ nomor ", "{% if %}")
    with pytest.raises(TemplateError, match=r"kustom\.docx"):
        render.render(tpl, {"nomor": "1"}, tmp_path / "x.docx")
    assert not (tmp_path / "x.docx").exists()


def test_sandbox_blocks_python_internals(tmp_path):
    tpl = _template(tmp_path / "kustom.docx", "{{ nomor.__class__.__mro__ }}")
    with pytest.raises(TemplateError):
        render.render(tpl, {"nomor": "1"}, tmp_path / "x.docx")


@pytest.mark.parametrize(
    "content",
    [b"this is not a word file", b"", b"PK\x03\x04broken zip"],
    ids=["text", "empty", "bad-zip"],
)
def test_broken_docx_fails_clearly(tmp_path, content):
    bad = tmp_path / "rusak.docx"
    bad.write_bytes(content)
    out = tmp_path / "out"
    with pytest.raises(TemplateError, match=r"rusak\.docx.*(rusak|bukan dokumen Word)"):
        render.render_surat_permintaan(_letter(), out, per_opd=True, template=bad)
    assert not out.exists() or list(out.iterdir()) == []


def test_zip_that_is_not_a_docx_fails_clearly(tmp_path):
    bad = tmp_path / "arsip.docx"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(TemplateError, match=r"arsip\.docx"):
        render.render(bad, {}, tmp_path / "x.docx")


def test_missing_template_file(tmp_path):
    with pytest.raises(TemplateError, match="tidak dapat dibaca"):
        render.render(tmp_path / "tidak_ada.docx", {}, tmp_path / "x.docx")


def test_failure_keeps_the_previous_file(tmp_path):
    out = tmp_path / "surat.docx"
    out.write_bytes(b"versi lama")
    tpl = _template(tmp_path / "kustom.docx", "{{ tidak_dikenal }}")
    with pytest.raises(TemplateError):
        render.render(tpl, {}, out)
    assert out.read_bytes() == b"versi lama"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kustom.docx", "surat.docx"]


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_builtin_templates_use_only_documented_keys(name):
    readme = (render.TEMPLATE_DIR / "README.md").read_text(encoding="utf-8")
    tpl = render._load(render.template_path(name).read_bytes(), name)
    used = tpl.get_undeclared_template_variables(render._environment())
    assert used, name
    for key in used:
        assert f"`{key}" in readme or f" {key}," in readme or f"`{key}`" in readme, key


def test_check_custom_template_accepts_a_copy_and_names_an_unknown_placeholder(tmp_path):
    from docx import Document

    from kinerja_app.documents.render import TEMPLATE_DIR, check_custom_template

    copy = tmp_path / "surat.docx"
    copy.write_bytes((TEMPLATE_DIR / "surat_permintaan.docx").read_bytes())
    check_custom_template("surat_permintaan", copy)  # the built-in itself is fine

    doc = Document(str(copy))
    doc.add_paragraph("Nomor telepon pejabat: {{ telepon_pejabat }}")
    doc.save(str(copy))
    with pytest.raises(TemplateError, match="telepon_pejabat"):
        check_custom_template("surat_permintaan", copy)
