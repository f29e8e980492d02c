"""Regenerate the Word templates of Kinerja (and the placeholder lambang) with python-docx.

Run from the repository root:  python resources/templates/build_templates.py
The .docx files are committed; edit them in Word/LibreOffice or change this script and rerun.
Every placeholder is documented in resources/templates/README.md.
"""

from __future__ import annotations

import io
import struct
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))  # run from anywhere: the repository's kinerja_app
from kinerja_app.documents.halaman import normalise_zip  # noqa: E402

LOGO = HERE.parent / "lambang_lamandau.png"
FONT = "Arial"
RED = RGBColor(0xC0, 0x00, 0x00)
GREY = RGBColor(0x59, 0x59, 0x59)


# --------------------------------------------------------------------------- helpers
# Ruang tepi (margins) at the rule's minimums, in mm: see README.md "Ruang tepi"
MARGIN = {"atas": 20, "bawah": 25, "kiri": 30, "kanan": 20}
PORTRAIT_WIDTH = (210 - MARGIN["kiri"] - MARGIN["kanan"]) / 10  # cm of text on A4
LANDSCAPE_WIDTH = (297 - MARGIN["kiri"] - MARGIN["kanan"]) / 10
SIGN_LEFT = 8.0  # cm: the signature block sits in the right half
BAHASA = "id-ID"


def new_document(landscape: bool = False, *, number_first_page: bool = False) -> DocumentObject:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(MARGIN["atas"]), Mm(MARGIN["bawah"])
    section.left_margin, section.right_margin = Mm(MARGIN["kiri"]), Mm(MARGIN["kanan"])
    section.header_distance = section.footer_distance = Mm(10)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(12)
    rpr = normal.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), FONT)
    indonesian(rpr)
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    indonesian(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")))
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    # the default body starts with an empty paragraph: remove it
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    page_numbers(doc, number_first_page)
    return doc


def indonesian(rpr: object) -> None:
    """Tag text Indonesian, so Word checks the spelling in Bahasa Indonesia."""
    for old in rpr.findall(qn("w:lang")):  # type: ignore[attr-defined]
        rpr.remove(old)  # type: ignore[attr-defined]
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), BAHASA)
    lang.set(qn("w:eastAsia"), BAHASA)
    lang.set(qn("w:bidi"), "ar-SA")
    rpr.append(lang)  # type: ignore[attr-defined]


def page_numbers(doc: DocumentObject, first_page: bool) -> None:
    """ "- 2 -" centred at the top of every page; none on a first page that carries the kop
    (tata naskah dinas: nomor halaman)."""
    section = doc.sections[0]
    section.different_first_page_header_footer = not first_page
    p = section.header.paragraphs[0]
    p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run("- ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    p._p.append(field)
    p.add_run(" -")
    if not first_page:
        section.first_page_header.is_linked_to_previous = False


def keep_rows(doc: DocumentObject) -> None:
    """No table row split across two pages."""
    for row in doc.element.body.iter(qn("w:tr")):
        tr_pr = row.get_or_add_trPr()
        if tr_pr.find(qn("w:cantSplit")) is None:
            tr_pr.insert(0, OxmlElement("w:cantSplit"))


def para(
    container: DocumentObject | _Cell,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    size: float | None = None,
    align: str = "left",
    left: float | None = None,
    first: float | None = None,
    hanging: float | None = None,
    before: float = 0,
    after: float = 0,
    color: RGBColor | None = None,
    tabs: tuple[float, ...] = (),
    keep_next: bool = False,
    page_break_before: bool = False,
) -> Paragraph:
    """Add a paragraph; lengths in cm, sizes in pt."""
    p = container.add_paragraph()
    if text:
        run = p.add_run(text)
        run.bold, run.italic, run.underline = bold, italic, underline
        if size:
            run.font.size = Pt(size)
        if color is not None:
            run.font.color.rgb = color
    fmt = p.paragraph_format
    fmt.alignment = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]
    if left is not None:
        fmt.left_indent = Cm(left)
    if first is not None:
        fmt.first_line_indent = Cm(first)
    if hanging is not None:
        fmt.first_line_indent = Cm(-hanging)
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    for pos in tabs:
        fmt.tab_stops.add_tab_stop(Cm(pos), WD_TAB_ALIGNMENT.LEFT)
    if keep_next:
        fmt.keep_with_next = True
    if page_break_before:
        fmt.page_break_before = True
    return p


def tag(container: DocumentObject | _Cell, text: str) -> Paragraph:
    """A paragraph holding only a docxtpl {%p ... %} tag (removed when rendered)."""
    return para(container, text)


def first_cell_paragraph(cell: _Cell, text: str = "", **kwargs: object) -> Paragraph:
    """Write into the paragraph every new cell already has, then use para() for the rest."""
    p = cell.paragraphs[0]
    p._element.getparent().remove(p._element)
    return para(cell, text, **kwargs)  # type: ignore[arg-type]


def set_borders(table: Table, val: str = "single", size: int = 4) -> None:
    """Set every border of a table (``val="nil"`` for none)."""
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), val)
        if val != "nil":
            el.set(qn("w:sz"), str(size))
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "000000")
        borders.append(el)
    in_order(tbl_pr, borders)


def set_cell_margins(table: Table, left_cm: float = 0.1, right_cm: float = 0.1) -> None:
    tbl_pr = table._tbl.tblPr
    mar = OxmlElement("w:tblCellMar")
    for edge, cm in (("left", left_cm), ("right", right_cm)):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), str(int(cm * 567)))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    in_order(tbl_pr, mar)


# the schema's order of a table's properties: Word and LibreOffice ignore misplaced ones
_TBL_PR_ORDER = (
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
)


def in_order(tbl_pr: object, element: object) -> None:
    """Insert a table property where the schema wants it."""
    name = element.tag.split("}")[1]  # type: ignore[attr-defined]
    later = {qn(f"w:{n}") for n in _TBL_PR_ORDER[_TBL_PR_ORDER.index(name) + 1 :]}
    for child in tbl_pr:  # type: ignore[attr-defined]
        if child.tag in later:
            child.addprevious(element)
            return
    tbl_pr.append(element)  # type: ignore[attr-defined]


def make_table(
    container: DocumentObject | _Cell,
    rows: int,
    widths: list[float],
    *,
    borders: bool = True,
) -> Table:
    table = container.add_table(rows=rows, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    set_borders(table, "single" if borders else "nil")
    if not borders:
        set_cell_margins(table, 0.0, 0.1)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)
    for col, width in zip(table.columns, widths, strict=True):
        col.width = Cm(width)
    return table


def header_row(row: object, labels: list[str], size: float = 10) -> None:
    for cell, label in zip(row.cells, labels, strict=True):  # type: ignore[attr-defined]
        first_cell_paragraph(cell, label, bold=True, size=size, align="center")
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        shade(cell, "D9D9D9")
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(repeat)  # type: ignore[attr-defined]


def shade(cell: _Cell, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def min_row_height(row: object, cm: float) -> None:
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    height = OxmlElement("w:trHeight")
    height.set(qn("w:val"), str(int(cm * 567)))
    height.set(qn("w:hRule"), "atLeast")
    tr_pr.append(height)


def loop_rows(table: Table, start: str, cells: list[tuple[str, str]], size: float = 10) -> None:
    """Append the docxtpl row-loop: a {%tr for %} row, the data row, a {%tr endfor %} row."""
    row = table.add_row()
    first_cell_paragraph(row.cells[0], f"{{%tr {start} %}}")
    row = table.add_row()
    for cell, (text, align) in zip(row.cells, cells, strict=True):
        first_cell_paragraph(cell, text, size=size, align=align)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    row = table.add_row()
    first_cell_paragraph(row.cells[0], "{%tr endfor %}")


def rule(p: Paragraph, val: str = "thickThinSmallGap", size: int = 24) -> None:
    """A rule under a paragraph: the double line under the kop, a thin one in a nota dinas."""
    p_pr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), val)
    bottom.set(qn("w:sz"), str(size))
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    bdr.append(bottom)
    p_pr.append(bdr)


# --------------------------------------------------------------------------- blocks
def kop(doc: DocumentObject, width: float) -> None:
    """Kop naskah dinas: lambang left, centred text, a third empty column so the text is
    centred. Without ``kop.instansi`` it is the Pemerintah Daerah's kop (letters "a.n. Bupati");
    with it, the kop of the Sekretariat Daerah. Ruled off with a thick-thin line."""
    tag(doc, "{%p if contoh %}")
    para(doc, "{{ contoh }}", bold=True, size=9, align="center", color=RED, after=4)
    tag(doc, "{%p endif %}")
    side = 2.6
    table = make_table(doc, 1, [side, width - 2 * side, side], borders=False)
    logo_cell, text_cell, _ = table.rows[0].cells
    first_cell_paragraph(logo_cell, "{{ kop_logo }}", align="center")
    logo_cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    text_cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    tag(text_cell, "{%p if kop.instansi %}")
    para(text_cell, "{{ kop.pemerintah }}", bold=True, size=14, align="center")
    para(text_cell, "{{ kop.instansi }}", bold=True, size=18, align="center")
    tag(text_cell, "{%p else %}")
    para(text_cell, "{{ kop.pemerintah }}", bold=True, size=15, align="center", after=2)
    tag(text_cell, "{%p endif %}")
    para(text_cell, "{{ kop_alamat }}", size=10, align="center")
    para(text_cell, "{{ kop_kontak }}", size=10, align="center")
    tag(text_cell, "{%p if kop_laman %}")
    para(text_cell, "{{ kop_laman }}", size=10, align="center")
    tag(text_cell, "{%p endif %}")
    text_cell.paragraphs[0]._element.getparent().remove(text_cell.paragraphs[0]._element)
    line = para(doc, "", size=2, after=12)
    rule(line)


def draft_mark(doc: DocumentObject, flag: str = "draft") -> None:
    tag(doc, f"{{%p if {flag} %}}")
    para(doc, "DRAF — versi {{ versi }}", bold=True, size=11, align="right", color=RED)
    tag(doc, "{%p endif %}")


def signature(
    container: DocumentObject | _Cell, *, left: float = SIGN_LEFT, size: float = 12
) -> None:
    """The signature block: its lines (a.n./u.b. and jabatan), room to sign (or the note of an
    electronic signature), the name, then pangkat and NIP where the official has them."""
    para(container, "", left=left, before=6, keep_next=True)
    tag(container, "{%p for b in ttd.baris %}")
    para(container, "{{ b }}", align="center", left=left, size=size, keep_next=True)
    tag(container, "{%p endfor %}")
    tag(container, "{%p if ttd.elektronik %}")
    para(container, "", left=left, keep_next=True)
    para(
        container,
        "{{ ttd.elektronik }}",
        italic=True,
        size=9,
        align="center",
        left=left,
        keep_next=True,
        color=GREY,
    )
    para(container, "", left=left, keep_next=True)
    tag(container, "{%p else %}")
    for _ in range(4):
        para(container, "", align="center", left=left, size=size, keep_next=True)
    tag(container, "{%p endif %}")
    para(
        container, "{{ ttd.nama }}", bold=True, align="center", left=left, size=size, keep_next=True
    )
    tag(container, "{%p if ttd.pangkat %}")
    para(container, "{{ ttd.pangkat }}", align="center", left=left, size=size, keep_next=True)
    tag(container, "{%p endif %}")
    tag(container, "{%p if ttd.nip %}")
    para(container, "NIP. {{ ttd.nip }}", align="center", left=left, size=size)
    tag(container, "{%p endif %}")


def signer(cell: _Cell, key: str, heading: list[str]) -> None:
    """An official's block in a cell, printed only when ``key`` is set: heading lines, room to
    sign, name, then pangkat and NIP where known."""
    tag(cell, f"{{%p if {key} %}}")
    for line in heading:
        para(cell, line, align="center", size=11, keep_next=True)
    for _ in range(3):
        para(cell, "", size=11, keep_next=True)
    para(cell, f"{{{{ {key}.nama }}}}", bold=True, align="center", size=11, keep_next=True)
    for field, prefix in (("pangkat", ""), ("nip", "NIP. ")):
        tag(cell, f"{{%p if {key}.{field} %}}")
        para(cell, f"{prefix}{{{{ {key}.{field} }}}}", align="center", size=11, keep_next=True)
        tag(cell, "{%p endif %}")
    tag(cell, "{%p endif %}")


def two_signers(
    doc: DocumentObject, left: tuple[str, list[str]], right: tuple[str, list[str]]
) -> None:
    """The closing of a landscape register: one official at left, place, date and the Kabag at
    right."""
    half = LANDSCAPE_WIDTH / 2
    sign = make_table(doc, 1, [half, half], borders=False)
    left_cell, right_cell = sign.rows[0].cells
    first_cell_paragraph(left_cell, "", size=11, before=12)
    signer(left_cell, *left)
    first_cell_paragraph(
        right_cell, "{{ tempat }}, {{ tanggal }}", align="center", size=11, before=12
    )
    signer(right_cell, *right)


def chain_footer(doc: DocumentObject) -> None:
    """At the foot of every page of the signed letter, small and grey like an electronic
    signature's footnote: the first 16 digits of the audit chain head of its signature, which
    ``kinerja audit-verify --kepala`` checks; the line is empty on a draft or a copy to sign."""
    section = doc.sections[0]
    footers = [section.footer]
    if section.different_first_page_header_footer:
        footers.append(section.first_page_footer)
    for footer in footers:
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        run = p.add_run("{% if audit_head %}Rantai audit: {{ audit_head[:16] }}…{% endif %}")
        run.font.size = Pt(7)
        run.font.color.rgb = GREY


def tembusan(doc: DocumentObject) -> None:
    tag(doc, "{%p if tembusan %}")
    para(doc, "Tembusan:", size=10, before=12, keep_next=True)
    tag(doc, "{%p for t in tembusan %}")
    para(
        doc,
        "{{ loop.index }}.\t{{ t }}",
        size=10,
        left=0.6,
        hanging=0.6,
        tabs=(0.6,),
        keep_next=True,
    )
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")


def paraf_table(doc: DocumentObject) -> None:
    tag(doc, "{%p if draft %}")
    para(doc, "Paraf Koordinasi:", bold=True, size=9, before=10, keep_next=True)
    table = make_table(doc, 1, [0.9, 7.0, 2.6, 3.0])
    header_row(table.rows[0], ["No", "Jabatan", "Paraf", "Tanggal"], size=9)
    loop_rows(
        table,
        "for r in paraf",
        [
            ("{{ loop.index }}", "center"),
            ("{{ r.jabatan }}{% if r.nama %} ({{ r.nama }}){% endif %}", "left"),
            ("", "center"),
            ("{{ r.tanggal }}", "center"),
        ],
        size=9,
    )
    tag(doc, "{%p endif %}")


def address_block(doc: DocumentObject, width: float) -> None:
    """Place and date at top right; Nomor/Sifat/Lampiran/Hal at left; the addressee at right."""
    right = 7.3
    para(doc, "{{ tempat }}, {{ tanggal }}", left=width - right)
    table = make_table(doc, 1, [width - right, right], borders=False)
    left_cell, right_cell = table.rows[0].cells
    tabs = (2.4, 2.8)
    first_cell_paragraph(left_cell, "Nomor\t:\t{{ nomor }}", tabs=tabs, left=2.8, hanging=2.8)
    para(left_cell, "Sifat\t:\t{{ sifat }}", tabs=tabs, left=2.8, hanging=2.8)
    para(left_cell, "Lampiran\t:\t{{ lampiran }}", tabs=tabs, left=2.8, hanging=2.8)
    para(left_cell, "Hal\t:\t{{ hal }}", tabs=tabs, left=2.8, hanging=2.8)
    first_cell_paragraph(right_cell, "")
    para(right_cell, "Yth. {{ tujuan }}", left=0.9, hanging=0.9)
    para(right_cell, "di -")
    para(right_cell, "Tempat", left=0.9)
    para(doc, "", after=10)  # the body starts below the taller of the two columns


def body_loop(doc: DocumentObject, key: str = "paragraphs", *, peringatan: bool = False) -> None:
    tag(doc, f"{{%p for p in {key} %}}")
    para(doc, "{{ p }}", align="justify", left=BODY_LEFT, first=1.25, after=6, before=0)
    if peringatan:
        tag(doc, "{%p if loop.first and peringatan %}")
        para(
            doc,
            "“{{ peringatan }}”",
            bold=True,
            italic=True,
            align="center",
            left=BODY_LEFT,
            after=6,
        )
        tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")


BODY_LEFT = 2.8  # the body lines up with the value column of Nomor/Hal (naskah dinas habit)


# --------------------------------------------------------------------------- templates
def surat_permintaan() -> DocumentObject:
    doc = new_document()
    chain_footer(doc)
    draft_mark(doc)
    kop(doc, PORTRAIT_WIDTH)
    address_block(doc, PORTRAIT_WIDTH)
    body_loop(doc)
    signature(doc)
    tembusan(doc)
    paraf_table(doc)
    # one letter with a distribution list: the Daftar Penerima on a lampiran page
    tag(doc, "{%p if daftar_penerima %}")
    lampiran_left = 8.0
    para(doc, "LAMPIRAN", size=10, left=lampiran_left, page_break_before=True)
    para(doc, "SURAT {{ penerbit }}", size=10, left=lampiran_left)
    tabs = (lampiran_left + 1.9, lampiran_left + 2.3)
    for label, value in (("NOMOR", "nomor"), ("TANGGAL", "tanggal"), ("HAL", "hal")):
        para(
            doc,
            f"{label}\t:\t{{{{ {value} }}}}",
            size=10,
            left=lampiran_left + 2.3,
            hanging=2.3,
            tabs=tabs,
        )
    para(doc, "DAFTAR PENERIMA", bold=True, align="center", before=12, after=6)
    table = make_table(doc, 1, [1.0, PORTRAIT_WIDTH - 5.4, 4.4])
    header_row(table.rows[0], ["No", "Penerima", "Alamat"], size=9)
    loop_rows(
        table,
        "for d in daftar_penerima",
        [
            ("{{ loop.index }}", "center"),
            ("{{ d.jabatan_kepala }}", "left"),
            ("{{ d.alamat }}", "left"),
        ],
        size=9,
    )
    signature(doc)
    tag(doc, "{%p endif %}")
    return doc


def surat_dinas(*, peringatan: bool = False) -> DocumentObject:
    """A surat dinas to one OPD head: reminder, findings letter with its table, extension."""
    doc = new_document()
    kop(doc, PORTRAIT_WIDTH)
    address_block(doc, PORTRAIT_WIDTH)
    body_loop(doc, peringatan=peringatan)
    tag(doc, "{%p if temuan %}")
    table = make_table(doc, 1, [1.0, 3.6, PORTRAIT_WIDTH - BODY_LEFT - 4.6])
    table.alignment = WD_TABLE_ALIGNMENT.RIGHT
    header_row(table.rows[0], ["No", "Letak", "Uraian Temuan"])
    loop_rows(
        table,
        "for t in temuan",
        [("{{ loop.index }}", "center"), ("{{ t.letak }}", "left"), ("{{ t.uraian }}", "left")],
    )
    para(doc, "", after=6)
    tag(doc, "{%p endif %}")
    body_loop(doc, "penutup")
    signature(doc)
    tembusan(doc)
    return doc


def nota_dinas() -> DocumentObject:
    """Nota dinas of the Sekda to the bagian of the Sekretariat Daerah (internal)."""
    doc = new_document()
    kop(doc, PORTRAIT_WIDTH)
    para(doc, "NOTA DINAS", bold=True, size=13, align="center", after=10)
    table = make_table(doc, 8, [3.0, 0.5, PORTRAIT_WIDTH - 3.5], borders=False)
    for row, (label, value) in zip(
        table.rows,
        (
            ("Yth.", "{{ kepada }}"),
            ("Dari", "{{ dari }}"),
            (
                "Tembusan",
                "{% for t in tembusan %}{{ t }}{% if not loop.last %}; {% endif %}"
                "{% else %}-{% endfor %}",
            ),
            ("Tanggal", "{{ tanggal }}"),
            ("Nomor", "{{ nomor }}"),
            ("Sifat", "{{ sifat }}"),
            ("Lampiran", "{{ lampiran }}"),
            ("Hal", "{{ hal }}"),
        ),
        strict=True,
    ):
        first_cell_paragraph(row.cells[0], label, after=2)
        first_cell_paragraph(row.cells[1], ":", after=2)
        first_cell_paragraph(row.cells[2], value, after=2)
    line = para(doc, "", size=2, after=12)
    rule(line, "single", 8)
    body_loop(doc)
    signature(doc)
    return doc


def disposisi() -> DocumentObject:
    """Lembar disposisi with the standard fields and the "dengan hormat harap" choices."""
    doc = new_document()
    kop(doc, PORTRAIT_WIDTH)
    para(doc, "LEMBAR DISPOSISI", bold=True, size=14, align="center", after=10)
    half = PORTRAIT_WIDTH / 2
    table = make_table(doc, 4, [half, half])
    tabs = (3.4,)

    def field(cell: _Cell, label: str, value: str, *, first: bool = False) -> None:
        add = first_cell_paragraph if first else para
        add(
            cell,
            f"{label}\t: {value}",
            size=11,
            tabs=tabs,
            left=3.7,
            hanging=3.7,
            before=3,
            after=3,
        )

    r = table.rows
    left, right = r[0].cells
    field(left, "Surat dari", "{{ dari }}", first=True)
    field(left, "Nomor surat", "{{ nomor_surat }}")
    field(left, "Tanggal surat", "{{ tanggal_surat }}")
    field(right, "Diterima tanggal", "{{ tanggal_diterima }}", first=True)
    field(right, "Nomor agenda", "{{ nomor_agenda }}")
    para(right, "Sifat\t:", size=11, tabs=tabs, before=3)
    tag(right, "{%p for s in sifat %}")
    para(right, "{{ s.tanda }} {{ s.label }}", size=11, left=3.7)
    tag(right, "{%p endfor %}")
    field(right, "Klasifikasi", "{{ klasifikasi }}")
    hal = r[1].cells[0].merge(r[1].cells[1])
    field(hal, "Hal", "{{ hal }}", first=True)
    left, right = r[2].cells
    first_cell_paragraph(left, "Diteruskan kepada Sdr.:", bold=True, size=11, before=3, after=3)
    tag(left, "{%p for d in diteruskan_kepada %}")
    para(left, "{{ loop.index }}.\t{{ d }}", size=11, left=0.6, hanging=0.6, tabs=(0.6,))
    tag(left, "{%p endfor %}")
    first_cell_paragraph(right, "Dengan hormat harap:", bold=True, size=11, before=3, after=3)
    tag(right, "{%p for h in harap %}")
    para(right, "{{ h.tanda }} {{ h.label }}", size=11)
    tag(right, "{%p endfor %}")
    para(right, "{{ isi }}", size=11, before=6, after=6)
    min_row_height(r[2], 5.5)
    note = r[3].cells[0].merge(r[3].cells[1])
    first_cell_paragraph(note, "Catatan:", bold=True, size=11, before=3)
    para(note, "{{ catatan }}", size=11, after=6)
    min_row_height(r[3], 3.0)
    para(doc, "{{ paraf_jabatan }},", align="center", left=SIGN_LEFT, before=14, keep_next=True)
    for _ in range(3):
        para(doc, "", left=SIGN_LEFT, keep_next=True)
    para(doc, "{{ paraf_nama }}", bold=True, align="center", left=SIGN_LEFT, keep_next=True)
    para(doc, "Tanggal: {{ paraf_tanggal }}", size=10, align="center", left=SIGN_LEFT)
    return doc


def surat_pengantar() -> DocumentObject:
    doc = new_document()
    kop(doc, PORTRAIT_WIDTH)
    right = 7.3
    para(doc, "{{ tempat }}, {{ tanggal }}", left=PORTRAIT_WIDTH - right)
    para(doc, "")
    para(doc, "Yth. {{ tujuan }}", left=PORTRAIT_WIDTH - right + 0.9, hanging=0.9)
    para(doc, "di -", left=PORTRAIT_WIDTH - right)
    para(doc, "Tempat", left=PORTRAIT_WIDTH - right + 0.9, after=14)
    para(doc, "SURAT PENGANTAR", bold=True, underline=True, size=13, align="center")
    para(doc, "Nomor: {{ nomor }}", align="center", after=12)
    table = make_table(doc, 1, [1.0, 8.0, 3.4, 3.6])
    header_row(table.rows[0], ["No", "Naskah Dinas yang Dikirimkan", "Banyaknya", "Keterangan"])
    loop_rows(
        table,
        "for i in items",
        [
            ("{{ loop.index }}", "center"),
            ("{{ i.uraian }}", "left"),
            ("{{ i.banyaknya }}", "center"),
            ("{{ i.keterangan }}", "left"),
        ],
        size=11,
    )
    para(doc, "", after=12)
    sign = make_table(doc, 1, [7.6, PORTRAIT_WIDTH - 7.6], borders=False)
    recv, send = sign.rows[0].cells
    first_cell_paragraph(recv, "TANDA TERIMA", bold=True, size=11, before=6)
    para(recv, "Diterima tanggal: {{ tanggal_diterima }}", size=11, before=4)
    para(recv, "Yang menerima,", size=11, before=4)
    for _ in range(3):
        para(recv, "", size=11)
    para(recv, "Tanda tangan\t: ........................", size=11, tabs=(2.8,))
    para(recv, "Nama\t: {{ nama_penerima }}", size=11, tabs=(2.8,))
    para(recv, "NIP\t: {{ nip_penerima }}", size=11, tabs=(2.8,))
    send.paragraphs[0]._element.getparent().remove(send.paragraphs[0]._element)
    signature(send, left=0, size=11)
    return doc


def buku_ekspedisi() -> DocumentObject:
    """Buku ekspedisi: every letter sent to each OPD, received and initialled, then closed by
    the dispatch officer and the Kabag."""
    doc = new_document(landscape=True, number_first_page=True)
    para(doc, "BUKU EKSPEDISI", bold=True, size=14, align="center")
    para(doc, "{{ unit }}", bold=True, size=12, align="center")
    para(doc, "{{ keterangan_periode }}", size=11, align="center", after=10)
    widths = [0.9, 2.2, 3.2, 2.2, 4.0, 4.2, 2.8, 2.2, 1.6, 1.4]
    table = make_table(doc, 1, widths)
    header_row(
        table.rows[0],
        [
            "No",
            "Tanggal Kirim",
            "Nomor Surat",
            "Tanggal Surat",
            "Kepada",
            "Perihal",
            "Nama Penerima",
            "Tanggal Terima",
            "Paraf",
            "Ket.",
        ],
        size=9,
    )
    loop_rows(
        table,
        "for r in rows",
        [
            ("{{ loop.index }}", "center"),
            ("{{ r.tanggal_kirim }}", "center"),
            ("{{ r.nomor_surat }}", "left"),
            ("{{ r.tanggal_surat }}", "center"),
            ("{{ r.tujuan }}", "left"),
            ("{{ r.perihal }}", "left"),
            ("{{ r.nama_penerima }}", "left"),
            ("{{ r.tanggal_terima }}", "center"),
            ("", "center"),
            ("{{ r.keterangan }}", "left"),
        ],
        size=9,
    )
    min_row_height(table.rows[2], 1.2)  # room for a wet paraf in every data row
    para(doc, "", after=6)  # two tables side by side would merge into one
    two_signers(
        doc, ("petugas", ["Petugas Ekspedisi,"]), ("kabag", ["Mengetahui,", "{{ kabag.jabatan }},"])
    )
    return doc


def rekapitulasi() -> DocumentObject:
    doc = new_document(landscape=True)
    draft_mark(doc)
    kop(doc, LANDSCAPE_WIDTH)
    para(
        doc,
        "DOKUMEN REKAPITULASI DATA KINERJA PERANGKAT DAERAH",
        bold=True,
        size=13,
        align="center",
    )
    para(doc, "TAHUN {{ tahun_data }}", bold=True, size=13, align="center")
    para(doc, "Periode: {{ periode }}", size=11, align="center", after=10)
    widths = [0.9, 5.3, 2.4, 2.3, 2.3, 2.3, 1.6, 1.4, 2.0, 2.1, 2.1]
    table = make_table(doc, 1, widths)
    header_row(
        table.rows[0],
        [
            "No",
            "Perangkat Daerah",
            "Status",
            "Tgl. Surat Diterima",
            "Batas Waktu",
            "Tgl. Data Masuk",
            "Tepat Waktu",
            "Revisi",
            "Jumlah Indikator",
            "Capaian Rata-rata (%)",
            "Predikat",
        ],
        size=9,
    )
    loop_rows(
        table,
        "for r in rows",
        [
            ("{{ loop.index }}", "center"),
            ("{{ r.nama_opd }}", "left"),
            ("{{ r.status }}", "center"),
            ("{{ r.tanggal_surat_diterima }}", "center"),
            ("{{ r.batas_waktu }}", "center"),
            ("{{ r.tanggal_data_masuk }}", "center"),
            ("{{ r.tepat_waktu }}", "center"),
            ("{{ r.revisi }}", "center"),
            ("{{ r.jumlah_indikator }}", "center"),
            ("{{ r.capaian_rata_rata }}", "right"),
            ("{{ r.predikat }}", "center"),
        ],
        size=9,
    )
    tag(doc, "{%p if ringkasan %}")
    para(doc, "{{ ringkasan }}", size=11, before=8)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if catatan_kabag %}")
    para(doc, "Catatan Kepala Bagian Organisasi:", bold=True, size=11, before=8, keep_next=True)
    para(doc, "{{ catatan_kabag }}", size=11, align="justify")
    tag(doc, "{%p endif %}")
    para(doc, "", after=6)  # two tables side by side would merge into one
    two_signers(
        doc,
        ("penyusun", ["Disusun oleh,", "{{ penyusun.jabatan }}"]),
        ("kabag", ["{{ kabag.jabatan }},"]),
    )
    tag(doc, "{%p if audit_head %}")
    para(doc, "Rantai audit: {{ audit_head }}", size=7, color=GREY, before=14)
    tag(doc, "{%p endif %}")
    return doc


TEMPLATES: dict[str, Callable[[], DocumentObject]] = {
    "surat_permintaan.docx": surat_permintaan,
    "surat_pengingat.docx": lambda: surat_dinas(peringatan=True),
    "surat_dinas.docx": surat_dinas,
    "nota_dinas.docx": nota_dinas,
    "disposisi.docx": disposisi,
    "surat_pengantar.docx": surat_pengantar,
    "buku_ekspedisi.docx": buku_ekspedisi,
    "rekapitulasi.docx": rekapitulasi,
}


# --------------------------------------------------------------------------- lambang
def _png(width: int, height: int, pixels: list[list[tuple[int, int, int, int]]]) -> bytes:
    raw = b"".join(b"\x00" + b"".join(struct.pack("4B", *px) for px in row) for row in pixels)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def make_lambang(path: Path = LOGO, width: int = 200, height: int = 240) -> None:
    """A neutral placeholder shield (not the official lambang): gold rim, green field, star."""
    clear = (0, 0, 0, 0)
    gold, green, white = (212, 160, 23, 255), (22, 110, 60, 255), (250, 250, 245, 255)

    def inside(x: float, y: float, shrink: float) -> bool:
        # shield: straight top and sides for 55 % of the height, then curving to a point
        left, right = 8 + shrink, width - 8 - shrink
        top, bottom = 8 + shrink, height - 6 - shrink * 1.6
        if not (left <= x <= right and top <= y <= bottom):
            return False
        split = top + (bottom - top) * 0.55
        if y <= split:
            return True
        t = (y - split) / (bottom - split)
        half: float = (right - left) / 2 * (1 - t**1.6)  # float ** float is typed Any
        centre = (left + right) / 2
        return abs(x - centre) <= half

    def in_star(x: float, y: float) -> bool:
        import math

        cx, cy, r_out, r_in = width / 2, height * 0.42, 48.0, 19.0
        angle = math.atan2(y - cy, x - cx) + math.pi / 2
        dist = math.hypot(x - cx, y - cy)
        sector = (angle % (2 * math.pi / 5)) / (2 * math.pi / 5)
        edge = r_in + (r_out - r_in) * abs(1 - 2 * sector)
        return dist <= edge

    pixels = []
    for y in range(height):
        row = []
        for x in range(width):
            if inside(x, y, 10) and in_star(x, y):
                row.append(white)
            elif inside(x, y, 10):
                row.append(green)
            elif inside(x, y, 0):
                row.append(gold)
            else:
                row.append(clear)
        pixels.append(row)
    path.write_bytes(_png(width, height, pixels))


def main() -> None:
    make_lambang()
    for name, build in TEMPLATES.items():
        doc = build()
        keep_rows(doc)
        doc.core_properties.language = BAHASA
        doc.core_properties.comments = "Templat Kinerja (resources/templates/README.md)"
        doc.core_properties.title = name.removesuffix(".docx").replace("_", " ").title()
        doc.core_properties.author = "Kinerja"
        buffer = io.BytesIO()
        doc.save(buffer)
        # the same template, the same bytes: rebuilding changes a file only when it changes
        (HERE / name).write_bytes(normalise_zip(buffer.getvalue()))
        print("wrote", HERE / name)


if __name__ == "__main__":
    main()
