"""Page setup applied to every filled document: paper, margins, font, Indonesian language,
rows kept on one page, tables fitted to the text width; and stable bytes for the archive."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree

from kinerja_app.documents.context import UKURAN_KERTAS, PageSetup


def apply_page_setup(doc: DocumentObject, setup: PageSetup) -> None:
    """Apply paper size, orientation, margins and the base font to every section and style;
    tag the text Indonesian (Word would mark every word misspelt); keep every table row on one
    page; narrow any table wider than the text area left by the margins."""
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
        _set_lang(defaults.find(qn("w:rPrDefault")))
    _set_lang(doc.styles["Normal"].element)
    text_width = Mm(width - setup.margin_kiri - setup.margin_kanan)
    for table in doc.tables:
        _fit_table(table._tbl, int(text_width.twips))
    for row in doc.element.body.iter(qn("w:tr")):
        tr_pr = row.find(qn("w:trPr"))
        if tr_pr is None:
            tr_pr = etree.SubElement(row, qn("w:trPr"))
            row.insert(0, tr_pr)
        if tr_pr.find(qn("w:cantSplit")) is None:
            tr_pr.insert(0, etree.Element(qn("w:cantSplit")))


BAHASA = "id-ID"
# rPr children that must follow w:lang in the schema's order
_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")


def _set_lang(element: Any) -> None:
    """Set ``w:lang`` of a style (or the document defaults) to Indonesian, in schema order."""
    if element is None:
        return
    rpr = element.find(qn("w:rPr"))
    if rpr is None:
        rpr = etree.SubElement(element, qn("w:rPr"))
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    lang = etree.Element(qn("w:lang"))
    lang.set(qn("w:val"), BAHASA)
    lang.set(qn("w:eastAsia"), BAHASA)
    lang.set(qn("w:bidi"), "ar-SA")
    later = [c for c in rpr if c.tag in {qn(t) for t in _AFTER_LANG}]
    if later:
        later[0].addprevious(lang)
    else:
        rpr.append(lang)


def _fit_table(tbl: Any, available: int) -> None:
    """Scale a table's column widths (twips) down to ``available`` when it is wider."""
    grid = tbl.find(qn("w:tblGrid"))
    if grid is None:
        return
    cols = grid.findall(qn("w:gridCol"))
    total = sum(int(c.get(qn("w:w"), "0")) for c in cols)
    if total <= available or total == 0:
        return
    ratio = available / total
    for col in cols:
        col.set(qn("w:w"), str(int(int(col.get(qn("w:w"), "0")) * ratio)))
    for tc_w in tbl.iter(qn("w:tcW")):
        if tc_w.get(qn("w:type")) in (None, "dxa"):
            tc_w.set(qn("w:w"), str(int(int(tc_w.get(qn("w:w"), "0")) * ratio)))


_CREATED = re.compile(rb"<dcterms:created[^>]*>([^<]*)</dcterms:created>")
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def normalise_zip(data: bytes) -> bytes:
    """The same .docx/.xlsx with every entry's time set to 1980-01-01 and its "modified" stamp
    set to its "created" one (openpyxl stamps the real clock on save), so the same document
    always has the same bytes and the same SHA-256 (printing it again archives nothing new)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            write_stable(dst, info.filename, src.read(info.filename), info)
    return out.getvalue()


def write_stable(
    dst: zipfile.ZipFile, name: str, content: bytes, like: zipfile.ZipInfo | None = None
) -> None:
    """Write one entry as :func:`normalise_zip` leaves it: dated 1980-01-01, compressed as
    ``like`` (default: deflated, as python-docx and openpyxl write), "modified" = "created"."""
    fixed = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    fixed.compress_type = like.compress_type if like else zipfile.ZIP_DEFLATED
    fixed.external_attr = like.external_attr if like else 0o600 << 16
    if name == "docProps/core.xml" and (created := _CREATED.search(content)):
        content = _MODIFIED.sub(rb"\g<1>" + created.group(1) + rb"\g<2>", content)
    dst.writestr(fixed, content)


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
