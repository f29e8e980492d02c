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
from docx.image.exceptions import UnrecognizedImageError
from docx.opc.exceptions import PackageNotFoundError
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from kinerja_app.assets import REINSTALL, resource_dir
from kinerja_app.documents import TEMPLATES, fields
from kinerja_app.documents.context import (
    BukuEkspedisi,
    Disposisi,
    NotaDinas,
    PageSetup,
    RekapDokumen,
    SuratDinas,
    SuratPengantar,
    SuratPermintaan,
)
from kinerja_app.documents.halaman import apply_page_setup, write_stable
from kinerja_app.errors import TemplateError, alasan_os
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


class _Environment(SandboxedEnvironment):
    """Sandboxed (a custom template comes from a setting and must not run arbitrary code),
    and compiling each distinct text once: a batch fills one template for forty letters, whose
    body, headers and properties are the same text each time (compiling was half the work)."""

    def __init__(self) -> None:
        super().__init__(undefined=jinja2.StrictUndefined, autoescape=True)
        self._compiled: dict[str, jinja2.Template] = {}

    def from_string(  # type: ignore[override]
        self, source: str, globals: Any = None, template_class: Any = None
    ) -> jinja2.Template:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        compiled = self._compiled.get(source)
        if compiled is None:
            compiled = self._compiled[source] = super().from_string(source)
        return compiled


def _environment() -> jinja2.Environment:
    return _Environment()


class _Template(DocxTemplate):  # type: ignore[misc]  # docxtpl has no type hints
    """A DocxTemplate whose XML clean-up for Jinja (``patch_xml``) is done once per distinct
    part of a batch, shared through ``patched``."""

    def __init__(self, data: bytes, patched: dict[str, str]) -> None:
        super().__init__(io.BytesIO(data))
        self._patched = patched

    def patch_xml(self, src_xml: str) -> str:
        patched = self._patched.get(src_xml)
        if patched is None:
            patched = self._patched[src_xml] = super().patch_xml(src_xml)
        return patched


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


def _load(data: bytes, name: str, patched: dict[str, str] | None = None) -> DocxTemplate:
    tpl = _Template(data, {} if patched is None else patched)
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
        raise TemplateError(f"Templat '{path}' tidak dapat dibaca ({alasan_os(exc)})") from exc
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
        raise TemplateError(f"Templat '{path}' tidak dapat dibaca ({alasan_os(exc)})") from exc
    if contexts:
        _check_placeholders(data, name, contexts[0])
    prepared = _with_page_setup(data, name, page_setup or PageSetup())
    env = _environment()  # one per batch: each part compiled once
    patched: dict[str, str] = {}
    result: list[bytes] = []
    for context in contexts:
        tpl = _load(prepared, name, patched)
        try:
            tpl.render(_clean(context, tpl), env, autoescape=True)
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
        tpl.docx.core_properties.revision = 1
        result.append(_stable_bytes(tpl.docx))
    return result


def _stable_bytes(document: Any) -> bytes:
    """The document's .docx bytes as saving and :func:`normalise_zip` give them, compressed
    once: python-docx's own package writer with stable entries (a fifth of a letter's time
    went into unzipping and zipping the saved file again)."""
    from docx.opc.pkgwriter import PackageWriter

    class _Stable:
        def __init__(self, out: io.BytesIO) -> None:
            self.zip = zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED)

        def write(self, pack_uri: Any, blob: bytes) -> None:
            write_stable(self.zip, pack_uri.membername, blob)

    out = io.BytesIO()
    package = document.part.package
    writer: Any = _Stable(out)  # python-docx's writer interface: write(pack_uri, blob)
    with writer.zip:
        PackageWriter._write_content_types_stream(writer, package.parts)  # type: ignore[no-untyped-call]
        PackageWriter._write_pkg_rels(writer, package.rels)  # type: ignore[no-untyped-call]
        PackageWriter._write_parts(writer, package.parts)
    return out.getvalue()


def _with_page_setup(data: bytes, name: str, setup: PageSetup) -> bytes:
    """The template with paper, margins, fonts and table rules applied, once for a batch
    instead of once per filled copy: they set the template's styles, sections, tables and
    rows, which every copy carries (rows a loop repeats are copies of the template's row)."""
    tpl = _load(data, name)
    apply_page_setup(tpl.docx, setup)
    buffer = io.BytesIO()
    tpl.docx.save(buffer)
    return buffer.getvalue()


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


Named = list[tuple[str, bytes]]
Items = list[tuple[str, Mapping[str, Any]]]


def named_bytes(template: TemplateRef, items: Items, page_setup: PageSetup | None) -> Named:
    """Fill one template for each ``(file name, context)``; nothing is written."""
    rendered = render_bytes(template, [ctx for _, ctx in items], page_setup)
    return [(name, data) for (name, _), data in zip(items, rendered, strict=True)]


def write_named(out_dir: Path, named: Named) -> list[Path]:
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


def landscape(setup: PageSetup | None) -> PageSetup:
    """The page setup turned landscape (wide tables: buku ekspedisi, rekapitulasi)."""
    return dataclasses.replace(setup or PageSetup(), landscape=True)


def items_surat_permintaan(ctx: SuratPermintaan, per_opd: bool) -> Items:
    """The Surat Permintaan: one copy per OPD, or one letter with a Daftar Penerima."""
    base = f"Draf Surat Permintaan v{ctx.versi}" if ctx.draft else "Surat Permintaan"
    if not ctx.draft and not ctx.nomor:
        base = "Surat Permintaan untuk Ditandatangani"
    if per_opd:
        return [(f"{base} - {p.nama_opd}.docx", fields.permintaan(ctx, p)) for p in ctx.penerima]
    return [(f"{base} Data Kinerja.docx", fields.permintaan(ctx, None))]


def items_surat_dinas(letters: Sequence[SuratDinas], jenis: str) -> Items:
    """One surat dinas per OPD ("<jenis> - <OPD>.docx")."""
    return [(f"{jenis} - {s.penerima.nama_opd}.docx", fields.surat_dinas(s)) for s in letters]


def items_pengantar(letters: Sequence[SuratPengantar]) -> Items:
    """One surat pengantar (with its receipt block) per OPD."""
    return [(f"Surat Pengantar - {s.penerima.nama_opd}.docx", fields.pengantar(s)) for s in letters]


def items_disposisi(ctx: Disposisi) -> Items:
    """The Lembar Disposisi ("Lembar Disposisi - <nomor agenda>.docx")."""
    label = ctx.nomor_agenda or fields.tanggal(ctx.tanggal_diterima) or "baru"
    return [(f"Lembar Disposisi - {label}.docx", fields.disposisi(ctx))]


def items_nota_dinas(ctx: NotaDinas) -> Items:
    """The nota dinas to the Sekretariat Daerah's bagian."""
    return [("Nota Dinas - Sekretariat Daerah.docx", fields.nota_dinas(ctx))]


def items_buku_ekspedisi(buku: BukuEkspedisi) -> Items:
    """The Buku Ekspedisi of the period (landscape)."""
    return [("Buku Ekspedisi.docx", fields.buku_ekspedisi(buku))]


def items_rekap(rekap: RekapDokumen) -> Items:
    """The Dokumen Rekapitulasi Data Kinerja Perangkat Daerah (landscape)."""
    kind = f"Draf Rekapitulasi v{rekap.versi}" if rekap.draft else "Rekapitulasi"
    return [(f"{kind} Data Kinerja {rekap.tahun_data}.docx", fields.rekap(rekap))]


def render_surat_permintaan(
    ctx: SuratPermintaan,
    out_dir: Path,
    per_opd: bool,
    *,
    page_setup: PageSetup | None = None,
    template: TemplateRef = "surat_permintaan",
) -> list[Path]:
    """Write the Surat Permintaan Data Kinerja: one per OPD, or one with a Daftar Penerima.

    Returns:
        The written files, e.g. "Surat Permintaan - Dinas Kesehatan.docx".
    """
    items = items_surat_permintaan(ctx, per_opd)
    return write_named(out_dir, named_bytes(template, items, page_setup))


def render_surat_dinas(
    letters: Sequence[SuratDinas],
    out_dir: Path,
    *,
    jenis: str = "Surat Pengingat",
    page_setup: PageSetup | None = None,
    template: TemplateRef = "surat_pengingat",
) -> list[Path]:
    """Write one surat dinas per OPD (reminder, findings letter, extension)."""
    items = items_surat_dinas(letters, jenis)
    return write_named(out_dir, named_bytes(template, items, page_setup))


def render_disposisi(
    ctx: Disposisi,
    out_dir: Path,
    *,
    page_setup: PageSetup | None = None,
    template: TemplateRef = "disposisi",
) -> list[Path]:
    """Write the Lembar Disposisi."""
    return write_named(out_dir, named_bytes(template, items_disposisi(ctx), page_setup))


def render_nota_dinas(
    ctx: NotaDinas,
    out_dir: Path,
    *,
    page_setup: PageSetup | None = None,
    template: TemplateRef = "nota_dinas",
) -> list[Path]:
    """Write the nota dinas to the Sekretariat Daerah's bagian."""
    return write_named(out_dir, named_bytes(template, items_nota_dinas(ctx), page_setup))


def render_pengantar(
    letters: Sequence[SuratPengantar],
    out_dir: Path,
    *,
    page_setup: PageSetup | None = None,
    template: TemplateRef = "surat_pengantar",
) -> list[Path]:
    """Write one surat pengantar (with its receipt block) per OPD."""
    return write_named(out_dir, named_bytes(template, items_pengantar(letters), page_setup))


def render_buku_ekspedisi(
    buku: BukuEkspedisi,
    out_dir: Path,
    *,
    page_setup: PageSetup | None = None,
    template: TemplateRef = "buku_ekspedisi",
) -> list[Path]:
    """Write the Buku Ekspedisi (always landscape: ten columns)."""
    named = named_bytes(template, items_buku_ekspedisi(buku), landscape(page_setup))
    return write_named(out_dir, named)


def render_rekap(
    rekap: RekapDokumen,
    out_dir: Path,
    *,
    page_setup: PageSetup | None = None,
    template: TemplateRef = "rekapitulasi",
) -> list[Path]:
    """Write the Dokumen Rekapitulasi Data Kinerja Perangkat Daerah (landscape)."""
    return write_named(out_dir, named_bytes(template, items_rekap(rekap), landscape(page_setup)))
