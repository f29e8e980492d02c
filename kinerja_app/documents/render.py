"""Fill the Word templates (docxtpl) and write the documents atomically.

Every string is cleaned of control characters and escaped (autoescape), so an OPD named
``PU & "Tata" <Ruang>`` prints literally. A custom template from the settings is checked
first: an unknown placeholder is a TemplateError naming it, and no file is written.
"""

from __future__ import annotations

import dataclasses
import io
import logging
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.image.exceptions import UnrecognizedImageError
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docxtpl import DocxTemplate, InlineImage
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from kinerja_app.assets import REINSTALL, resource_dir
from kinerja_app.documents import TEMPLATES, fields
from kinerja_app.documents.context import (
    UKURAN_KERTAS,
    BukuEkspedisi,
    Disposisi,
    PageSetup,
    RekapDokumen,
    SuratPengantar,
    SuratPengingat,
    SuratPermintaan,
)
from kinerja_app.errors import TemplateError
from kinerja_app.storage.files import atomic_write_bytes, safe_filename, strip_control

log = logging.getLogger(__name__)

TEMPLATE_DIR = resource_dir() / "templates"
TemplateRef = str | Path


def template_path(template: TemplateRef) -> Path:
    """Resolve a built-in template name ("disposisi") or a custom template path."""
    if isinstance(template, str) and template in TEMPLATES:
        path = TEMPLATE_DIR / TEMPLATES[template]
        if not path.is_file():
            raise TemplateError(f"Templat bawaan {path} tidak ditemukan. {REINSTALL}")
        return path
    return Path(template)


def _environment() -> jinja2.Environment:
    # sandboxed: a custom template comes from a setting and must not run arbitrary code
    return SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=True)


def _clean(value: Any, tpl: DocxTemplate) -> Any:
    """Strip control characters from every string; turn Gambar into an InlineImage."""
    if isinstance(value, str):
        return strip_control(value)
    if isinstance(value, Mapping):
        return {str(k): _clean(v, tpl) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v, tpl) for v in value]
    if isinstance(value, fields.Gambar):
        return InlineImage(tpl, str(value.path), height=Mm(value.tinggi_mm))
    return value


def _load(data: bytes, name: str) -> DocxTemplate:
    tpl = DocxTemplate(io.BytesIO(data))
    try:
        tpl.init_docx()
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.Error) as exc:
        raise TemplateError(
            f"Templat '{name}' rusak atau bukan dokumen Word (.docx) yang sah: {exc}"
        ) from exc
    return tpl


def _check_placeholders(data: bytes, name: str, context: Mapping[str, Any]) -> None:
    """Fail before rendering when the template uses a variable the context does not have."""
    tpl = _load(data, name)
    try:
        missing = tpl.get_undeclared_template_variables(_environment(), dict(context))
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"Templat '{name}' berisi placeholder yang salah tulis: {exc.message}"
        ) from exc
    if missing:
        names = ", ".join("{{ " + m + " }}" for m in sorted(missing))
        raise TemplateError(f"Templat '{name}' memakai placeholder yang tidak dikenal: {names}")


def check_custom_template(name: str, path: Path) -> None:
    """Check a customised template before it is put in use: it opens, and it uses only the
    placeholders the built-in template of the same document knows.

    Args:
        name: the built-in template's name ("surat_permintaan", ...).
        path: the customised .docx.
    Raises:
        TemplateError: naming the unknown placeholder, or saying why the file cannot be used.
    """
    if name not in TEMPLATES:
        raise TemplateError(f"Jenis templat '{name}' tidak dikenal.")
    try:
        custom = path.read_bytes()
    except OSError as exc:
        raise TemplateError(f"Templat '{path}' tidak dapat dibaca: {exc.strerror}") from exc
    env = _environment()
    known = _load(template_path(name).read_bytes(), name).get_undeclared_template_variables(env)
    try:
        used = _load(custom, path.name).get_undeclared_template_variables(env)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"Templat '{path.name}' berisi placeholder yang salah tulis: {exc.message}"
        ) from exc
    unknown = set(used) - set(known)
    if unknown:
        names = ", ".join("{{ " + m + " }}" for m in sorted(unknown))
        raise TemplateError(
            f"Templat '{path.name}' memakai placeholder yang tidak dikenal: {names}"
        )


def apply_page_setup(doc: DocumentObject, setup: PageSetup) -> None:
    """Apply paper size, orientation, margins and the base font to every section and style."""
    width, height = UKURAN_KERTAS[setup.paper]
    if setup.landscape:
        width, height = height, width
    for section in doc.sections:
        section.orientation = WD_ORIENT.LANDSCAPE if setup.landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(width), Mm(height)
        section.top_margin, section.bottom_margin = Mm(setup.margin_atas), Mm(setup.margin_bawah)
        section.left_margin, section.right_margin = Mm(setup.margin_kiri), Mm(setup.margin_kanan)
    for style in doc.styles:
        if style.type in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER, WD_STYLE_TYPE.TABLE):
            _set_font(style.element, setup.font_name)
    doc.styles["Normal"].font.size = Pt(setup.font_size)
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        _set_font(defaults.find(qn("w:rPrDefault")), setup.font_name)


def _set_font(element: Any, name: str) -> None:
    """Set all four rFonts slots, dropping theme fonts (they would win over the name)."""
    if element is None:
        return
    rpr = element.find(qn("w:rPr"))
    if rpr is None:
        rpr = etree.SubElement(element, qn("w:rPr"))
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = etree.Element(qn("w:rFonts"))
        rpr.insert(0, rfonts)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rfonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        rfonts.set(qn(f"w:{attr}"), name)


def render_bytes(
    template: TemplateRef,
    contexts: Sequence[Mapping[str, Any]],
    page_setup: PageSetup | None = None,
) -> list[bytes]:
    """Fill one template with several contexts and return the .docx files in memory.

    Raises:
        TemplateError: missing or broken template, unknown placeholder, bad logo.
    """
    path = template_path(template)
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TemplateError(f"Templat '{path}' tidak dapat dibaca: {exc.strerror}") from exc
    if contexts:
        _check_placeholders(data, name, contexts[0])
    setup = page_setup or PageSetup()
    result: list[bytes] = []
    for context in contexts:
        tpl = _load(data, name)
        try:
            tpl.render(_clean(context, tpl), _environment(), autoescape=True)
        except jinja2.UndefinedError as exc:
            raise TemplateError(
                f"Templat '{name}' memakai placeholder yang tidak dikenal: {exc.message}"
            ) from exc
        except jinja2.TemplateError as exc:
            raise TemplateError(f"Templat '{name}' tidak dapat diisi: {exc}") from exc
        except (UnrecognizedImageError, OSError) as exc:
            raise TemplateError(f"Gambar logo pada kop tidak dapat dibaca: {exc}") from exc
        except etree.XMLSyntaxError as exc:
            raise TemplateError(
                f"Templat '{name}' menghasilkan dokumen yang rusak (periksa tag {{% %}}): {exc}"
            ) from exc
        apply_page_setup(tpl.docx, setup)
        buffer = io.BytesIO()
        tpl.save(buffer)
        result.append(buffer.getvalue())
    return result


def render(
    template: TemplateRef,
    context: Mapping[str, Any],
    out_path: Path,
    page_setup: PageSetup | None = None,
) -> Path:
    """Fill one template and write it atomically to ``out_path``.

    Args:
        template: a built-in name (see ``TEMPLATES``) or the path of a custom .docx.
        context: the placeholder values (see resources/templates/README.md).
        out_path: the .docx to write; untouched when anything fails.
        page_setup: paper, margins and font; A4/Arial 12 when omitted.
    Returns:
        ``out_path``.
    """
    (data,) = render_bytes(template, [context], page_setup)
    return atomic_write_bytes(out_path, data)


def _write_all(out_dir: Path, named: list[tuple[str, bytes]]) -> list[Path]:
    """Write rendered files once all rendered fine; duplicate names get " (2)", " (3)"..."""
    used: set[str] = set()
    paths: list[Path] = []
    for filename, data in named:
        name = safe_filename(strip_control(filename))
        stem, suffix = name.rsplit(".", 1)
        counter = 2
        while name.lower() in used:
            name = f"{stem} ({counter}).{suffix}"
            counter += 1
        used.add(name.lower())
        paths.append(atomic_write_bytes(out_dir / name, data))
    return paths


def _many(
    template: TemplateRef,
    items: Sequence[tuple[str, Mapping[str, Any]]],
    out_dir: Path,
    page_setup: PageSetup | None,
) -> list[Path]:
    rendered = render_bytes(template, [ctx for _, ctx in items], page_setup)
    return _write_all(
        out_dir, [(name, data) for (name, _), data in zip(items, rendered, strict=True)]
    )


def render_surat_permintaan(
    ctx: SuratPermintaan,
    out_dir: Path,
    per_opd: bool,
    *,
    page_setup: PageSetup | None = None,
    template: TemplateRef = "surat_permintaan",
) -> list[Path]:
    """Write the Surat Permintaan Data Kinerja: one per OPD, or one with a Daftar Penerima.

    Args:
        ctx: the letter (draft with DRAF mark and paraf table, or final).
        out_dir: destination folder.
        per_opd: one letter per OPD when true; else one letter and a lampiran page.
        page_setup: paper, margins, font.
        template: built-in name or custom template path.
    Returns:
        The written files, e.g. "Surat Permintaan - Dinas Kesehatan.docx".
    """
    base = f"Draf Surat Permintaan v{ctx.versi}" if ctx.draft else "Surat Permintaan"
    if per_opd:
        items = [(f"{base} - {p.nama_opd}.docx", fields.permintaan(ctx, p)) for p in ctx.penerima]
    else:
        items = [(f"{base} Data Kinerja.docx", fields.permintaan(ctx, None))]
    return _many(template, items, out_dir, page_setup)


def render_pengingat(
    letters: Sequence[SuratPengingat],
    out_dir: Path,
    *,
    page_setup: PageSetup | None = None,
    template: TemplateRef = "surat_pengingat",
) -> list[Path]:
    """Write one reminder per late OPD ("Surat Pengingat - <OPD>.docx")."""
    items = [
        (f"Surat Pengingat - {s.penerima.nama_opd}.docx", fields.pengingat(s)) for s in letters
    ]
    return _many(template, items, out_dir, page_setup)


def render_disposisi(
    ctx: Disposisi,
    out_dir: Path,
    *,
    page_setup: PageSetup | None = None,
    template: TemplateRef = "disposisi",
) -> list[Path]:
    """Write the Lembar Disposisi ("Lembar Disposisi - <nomor agenda>.docx")."""
    label = ctx.nomor_agenda or fields.tanggal(ctx.tanggal_diterima) or "baru"
    items = [(f"Lembar Disposisi - {label}.docx", fields.disposisi(ctx))]
    return _many(template, items, out_dir, page_setup)


def render_pengantar(
    letters: Sequence[SuratPengantar],
    out_dir: Path,
    *,
    page_setup: PageSetup | None = None,
    template: TemplateRef = "surat_pengantar",
) -> list[Path]:
    """Write one surat pengantar (with its receipt block) per OPD."""
    items = [
        (f"Surat Pengantar - {s.penerima.nama_opd}.docx", fields.pengantar(s)) for s in letters
    ]
    return _many(template, items, out_dir, page_setup)


def _landscape(setup: PageSetup | None) -> PageSetup:
    return dataclasses.replace(setup or PageSetup(), landscape=True)


def render_buku_ekspedisi(
    buku: BukuEkspedisi,
    out_dir: Path,
    *,
    page_setup: PageSetup | None = None,
    template: TemplateRef = "buku_ekspedisi",
) -> list[Path]:
    """Write the Buku Ekspedisi (always landscape: seven columns and a paraf column)."""
    items = [("Buku Ekspedisi.docx", fields.buku_ekspedisi(buku))]
    return _many(template, items, out_dir, _landscape(page_setup))


def render_rekap(
    rekap: RekapDokumen,
    out_dir: Path,
    *,
    page_setup: PageSetup | None = None,
    template: TemplateRef = "rekapitulasi",
) -> list[Path]:
    """Write the Dokumen Rekapitulasi Data Kinerja Perangkat Daerah (landscape)."""
    kind = f"Draf Rekapitulasi v{rekap.versi}" if rekap.draft else "Rekapitulasi"
    items = [(f"{kind} Data Kinerja {rekap.tahun_data}.docx", fields.rekap(rekap))]
    return _many(template, items, out_dir, _landscape(page_setup))
