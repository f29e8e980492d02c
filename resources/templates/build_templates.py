"""Regenerate the Word templates of Kinerja (and the placeholder lambang) with python-docx.

Run from the repository root:  python resources/templates/build_templates.py
The .docx files are committed; edit them in Word/LibreOffice or change this script and rerun.
Every placeholder is documented in resources/templates/README.md.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT, WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

HERE = Path(__file__).resolve().parent
LOGO = HERE.parent / "lambang_lamandau.png"
FONT = "Arial"
RED = RGBColor(0xC0, 0x00, 0x00)
GREY = RGBColor(0x59, 0x59, 0x59)


# --------------------------------------------------------------------------- helpers
def new_document(landscape: bool = False) -> DocumentObject:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(25), Mm(20)
    section.header_distance = section.footer_distance = Mm(10)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(12)
    rpr = normal.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), FONT)
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    # the default body starts with an empty paragraph: remove it
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    return doc


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


def set_cell_width(cell: _Cell, cm: float) -> None:
    cell.width = Cm(cm)


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
    tbl_pr.append(borders)


def set_cell_margins(table: Table, left_cm: float = 0.1, right_cm: float = 0.1) -> None:
    tbl_pr = table._tbl.tblPr
    mar = OxmlElement("w:tblCellMar")
    for edge, cm in (("left", left_cm), ("right", right_cm)):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), str(int(cm * 567)))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    tbl_pr.append(mar)


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
            set_cell_width(cell, width)
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


def bottom_rule(p: Paragraph) -> None:
    """The double (thick-thin) rule under the kop."""
    p_pr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "thickThinSmallGap")
    bottom.set(qn("w:sz"), "24")
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    bdr.append(bottom)
    p_pr.append(bdr)


# --------------------------------------------------------------------------- blocks
def kop(doc: DocumentObject, width: float) -> None:
    """Letterhead: logo left, centred text, a third empty column so the text is centred."""
    side = 2.6
    table = make_table(doc, 1, [side, width - 2 * side, side], borders=False)
    logo_cell, text_cell, _ = table.rows[0].cells
    first_cell_paragraph(logo_cell, "{{ kop_logo }}", align="center")
    logo_cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    text_cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    first_cell_paragraph(text_cell, "{{ kop.pemerintah }}", bold=True, size=14, align="center")
    para(text_cell, "{{ kop.instansi }}", bold=True, size=18, align="center")
    para(text_cell, "{{ kop_alamat }}", size=10, align="center")
    para(text_cell, "{{ kop_kontak }}", size=10, align="center")
    tag(text_cell, "{%p if kop_laman %}")
    para(text_cell, "{{ kop_laman }}", size=10, align="center")
    tag(text_cell, "{%p endif %}")
    rule = para(doc, "", size=2, after=10)
    bottom_rule(rule)


def draft_mark(doc: DocumentObject, flag: str = "draft") -> None:
    tag(doc, f"{{%p if {flag} %}}")
    para(doc, "DRAF — versi {{ versi }}", bold=True, size=11, align="right", color=RED)
    tag(doc, "{%p endif %}")


def signature(doc: DocumentObject, *, with_nip: bool, left: float = 8.5) -> None:
    """Right-hand signature block; Sekda: jabatan and name only (Permendagri 1/2023)."""
    tag(doc, "{%p if an_bupati %}")
    para(doc, "a.n. {{ atas_nama }}", align="center", left=left, before=12, keep_next=True)
    tag(doc, "{%p endif %}")
    para(doc, "{{ ttd_jabatan }},", align="center", left=left, keep_next=True)
    for _ in range(4):
        para(doc, "", align="center", left=left, keep_next=True)
    para(doc, "{{ ttd_nama }}", bold=True, align="center", left=left, keep_next=with_nip)
    if with_nip:
        tag(doc, "{%p if ttd_pangkat %}")
        para(doc, "{{ ttd_pangkat }}", align="center", left=left, keep_next=True)
        tag(doc, "{%p endif %}")
        tag(doc, "{%p if ttd_nip %}")
        para(doc, "NIP. {{ ttd_nip }}", align="center", left=left)
        tag(doc, "{%p endif %}")


def tembusan(doc: DocumentObject) -> None:
    tag(doc, "{%p if tembusan %}")
    para(doc, "Tembusan:", size=10, before=12, keep_next=True)
    tag(doc, "{%p for t in tembusan %}")
    para(doc, "{{ loop.index }}.\t{{ t }}", size=10, left=0.6, hanging=0.6, tabs=(0.6,))
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
    """Nomor/Sifat/Lampiran/Hal at left; place, date and addressee at right."""
    right = 7.3
    table = make_table(doc, 1, [width - right, right], borders=False)
    left_cell, right_cell = table.rows[0].cells
    tabs = (2.4, 2.8)
    first_cell_paragraph(left_cell, "Nomor\t:\t{{ nomor }}", tabs=tabs, left=2.8, hanging=2.8)
    para(left_cell, "Sifat\t:\t{{ sifat }}", tabs=tabs, left=2.8, hanging=2.8)
    para(left_cell, "Lampiran\t:\t{{ lampiran }}", tabs=tabs, left=2.8, hanging=2.8)
    para(left_cell, "Hal\t:\t{{ hal }}", tabs=tabs, left=2.8, hanging=2.8)
    first_cell_paragraph(right_cell, "{{ tempat }}, {{ tanggal }}")
    para(right_cell, "")
    para(right_cell, "Yth. {{ tujuan }}", left=0.9, hanging=0.9)
    para(right_cell, "di -")
    para(right_cell, "Tempat", left=0.9, after=14)


def body_loop(doc: DocumentObject, *, peringatan: bool = False) -> None:
    tag(doc, "{%p for p in paragraphs %}")
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
PORTRAIT_WIDTH = 16.5  # A4 210 mm - 25 - 20
LANDSCAPE_WIDTH = 25.2


# --------------------------------------------------------------------------- templates
def surat_permintaan() -> DocumentObject:
    doc = new_document()
    draft_mark(doc)
    kop(doc, PORTRAIT_WIDTH)
    address_block(doc, PORTRAIT_WIDTH)
    body_loop(doc)
    signature(doc, with_nip=False)
    tembusan(doc)
    paraf_table(doc)
    # one letter with a distribution list: the Daftar Penerima on a lampiran page
    tag(doc, "{%p if daftar_penerima %}")
    lampiran_left = 9.0
    para(doc, "LAMPIRAN", size=10, left=lampiran_left, page_break_before=True)
    para(doc, "SURAT {{ ttd_jabatan }}", size=10, left=lampiran_left)
    para(doc, "KABUPATEN LAMANDAU", size=10, left=lampiran_left)
    tabs = (lampiran_left + 1.9, lampiran_left + 2.3)
    for label, value in (("NOMOR", "nomor"), ("TANGGAL", "tanggal"), ("HAL", "hal")):
        para(doc, f"{label}\t:\t{{{{ {value} }}}}", size=10, left=lampiran_left + 2.3,
             hanging=2.3, tabs=tabs)
    para(doc, "DAFTAR PENERIMA", bold=True, align="center", before=18, after=8)
    table = make_table(doc, 1, [1.0, 8.0, 7.5])
    header_row(table.rows[0], ["No", "Penerima", "Alamat"])
    loop_rows(
        table,
        "for d in daftar_penerima",
        [
            ("{{ loop.index }}", "center"),
            ("{{ d.jabatan_kepala }}", "left"),
            ("{{ d.alamat }}", "left"),
        ],
    )
    signature(doc, with_nip=False)
    tag(doc, "{%p endif %}")
    return doc


def surat_pengingat() -> DocumentObject:
    doc = new_document()
    kop(doc, PORTRAIT_WIDTH)
    address_block(doc, PORTRAIT_WIDTH)
    body_loop(doc, peringatan=True)
    signature(doc, with_nip=True)
    tembusan(doc)
    return doc


def disposisi() -> DocumentObject:
    doc = new_document()
    kop(doc, PORTRAIT_WIDTH)
    para(doc, "LEMBAR DISPOSISI", bold=True, underline=True, size=14, align="center", after=10)
    half = PORTRAIT_WIDTH / 2
    table = make_table(doc, 6, [half, half])
    tabs = (3.6,)

    def field(cell: _Cell, label: str, value: str) -> None:
        first_cell_paragraph(
            cell, f"{label}\t: {value}", size=11, tabs=tabs, left=3.9, hanging=3.9, before=3, after=3
        )

    r = table.rows
    field(r[0].cells[0], "Surat dari", "{{ dari }}")
    field(r[0].cells[1], "Diterima tgl.", "{{ tanggal_diterima }}")
    field(r[1].cells[0], "Nomor surat", "{{ nomor_surat }}")
    field(r[1].cells[1], "Nomor agenda", "{{ nomor_agenda }}")
    field(r[2].cells[0], "Tanggal surat", "{{ tanggal_surat }}")
    field(r[2].cells[1], "Sifat", "{{ sifat }}")
    hal = r[3].cells[0].merge(r[3].cells[1])
    field(hal, "Hal", "{{ hal }}")
    left, right = r[4].cells
    first_cell_paragraph(left, "Diteruskan kepada Sdr.:", bold=True, size=11, before=3, after=3)
    tag(left, "{%p for d in diteruskan_kepada %}")
    para(left, "{{ loop.index }}.\t{{ d }}", size=11, left=0.6, hanging=0.6, tabs=(0.6,))
    tag(left, "{%p endfor %}")
    first_cell_paragraph(right, "Isi disposisi:", bold=True, size=11, before=3, after=3)
    para(right, "{{ isi }}", size=11, after=6)
    min_row_height(r[4], 5.5)
    note = r[5].cells[0].merge(r[5].cells[1])
    first_cell_paragraph(note, "Catatan:", bold=True, size=11, before=3)
    para(note, "{{ catatan }}", size=11, after=6)
    min_row_height(r[5], 3.0)
    para(doc, "{{ paraf_jabatan }},", align="center", left=8.5, before=14)
    for _ in range(3):
        para(doc, "", left=8.5)
    para(doc, "{{ paraf_nama }}", bold=True, align="center", left=8.5)
    para(doc, "Tanggal: {{ paraf_tanggal }}", size=10, align="center", left=8.5)
    return doc


def surat_pengantar() -> DocumentObject:
    doc = new_document()
    kop(doc, PORTRAIT_WIDTH)
    para(doc, "{{ tempat }}, {{ tanggal }}", left=9.2)
    para(doc, "")
    para(doc, "Yth. {{ tujuan }}", left=10.1, hanging=0.9)
    para(doc, "di -", left=9.2)
    para(doc, "Tempat", left=10.1, after=14)
    para(doc, "SURAT PENGANTAR", bold=True, underline=True, size=13, align="center")
    para(doc, "Nomor: {{ nomor }}", align="center", after=12)
    table = make_table(doc, 1, [1.0, 8.2, 3.6, 3.7])
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
    sign = make_table(doc, 1, [8.0, 8.5], borders=False)
    recv, send = sign.rows[0].cells
    first_cell_paragraph(recv, "TANDA TERIMA", bold=True, size=11)
    para(recv, "Diterima tanggal: {{ tanggal_diterima }}", size=11, before=4)
    para(recv, "Yang menerima,", size=11, before=4)
    for _ in range(3):
        para(recv, "", size=11)
    para(recv, "Tanda tangan\t: ........................", size=11, tabs=(2.8,))
    para(recv, "Nama\t: {{ nama_penerima }}", size=11, tabs=(2.8,))
    para(recv, "NIP\t: {{ nip_penerima }}", size=11, tabs=(2.8,))
    first_cell_paragraph(send, "{{ pengirim.jabatan }},", align="center", size=11)
    for _ in range(4):
        para(send, "", size=11)
    para(send, "{{ pengirim.nama }}", bold=True, underline=True, align="center", size=11)
    tag(send, "{%p if pengirim.pangkat %}")
    para(send, "{{ pengirim.pangkat }}", align="center", size=11)
    tag(send, "{%p endif %}")
    tag(send, "{%p if pengirim.nip %}")
    para(send, "NIP. {{ pengirim.nip }}", align="center", size=11)
    tag(send, "{%p endif %}")
    return doc


def buku_ekspedisi() -> DocumentObject:
    doc = new_document(landscape=True)
    para(doc, "BUKU EKSPEDISI", bold=True, size=14, align="center")
    para(doc, "{{ unit }}", bold=True, size=12, align="center")
    para(doc, "{{ keterangan_periode }}", size=11, align="center", after=10)
    widths = [1.0, 2.8, 4.6, 5.0, 5.4, 3.8, 2.6]
    table = make_table(doc, 1, widths)
    header_row(
        table.rows[0],
        ["No", "Tanggal", "Nomor Surat", "Tujuan", "Perihal", "Nama/Paraf Penerima", "Keterangan"],
    )
    loop_rows(
        table,
        "for r in rows",
        [
            ("{{ loop.index }}", "center"),
            ("{{ r.tanggal }}", "center"),
            ("{{ r.nomor_surat }}", "left"),
            ("{{ r.tujuan }}", "left"),
            ("{{ r.perihal }}", "left"),
            ("{{ r.nama_penerima }}", "left"),
            ("{{ r.keterangan }}", "left"),
        ],
    )
    # room for a wet paraf in every data row (the middle row of the loop)
    min_row_height(table.rows[2], 1.4)
    return doc


def rekapitulasi() -> DocumentObject:
    doc = new_document(landscape=True)
    draft_mark(doc)
    kop(doc, LANDSCAPE_WIDTH)
    para(doc, "DOKUMEN REKAPITULASI DATA KINERJA PERANGKAT DAERAH", bold=True, size=13,
         align="center")
    para(doc, "TAHUN {{ tahun_data }}", bold=True, size=13, align="center")
    para(doc, "Periode: {{ periode }}", size=11, align="center", after=10)
    widths = [1.0, 6.2, 2.6, 2.6, 2.6, 1.8, 1.5, 1.9, 2.3, 2.7]
    table = make_table(doc, 1, widths)
    header_row(
        table.rows[0],
        [
            "No",
            "Perangkat Daerah",
            "Status",
            "Tgl. Surat Diterima",
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
    sign = make_table(doc, 1, [LANDSCAPE_WIDTH / 2, LANDSCAPE_WIDTH / 2], borders=False)
    left, right = sign.rows[0].cells
    first_cell_paragraph(left, "", size=11, before=12)
    tag(left, "{%p if penyusun %}")
    para(left, "Disusun oleh,", align="center", size=11)
    para(left, "{{ penyusun.jabatan }}", align="center", size=11)
    for _ in range(3):
        para(left, "", size=11)
    para(left, "{{ penyusun.nama }}", bold=True, underline=True, align="center", size=11)
    para(left, "NIP. {{ penyusun.nip }}", align="center", size=11)
    tag(left, "{%p endif %}")
    first_cell_paragraph(right, "{{ tempat }}, {{ tanggal }}", align="center", size=11, before=12)
    tag(right, "{%p if kabag %}")
    para(right, "{{ kabag.jabatan }},", align="center", size=11)
    for _ in range(3):
        para(right, "", size=11)
    para(right, "{{ kabag.nama }}", bold=True, underline=True, align="center", size=11)
    tag(right, "{%p if kabag.pangkat %}")
    para(right, "{{ kabag.pangkat }}", align="center", size=11)
    tag(right, "{%p endif %}")
    para(right, "NIP. {{ kabag.nip }}", align="center", size=11)
    tag(right, "{%p endif %}")
    tag(doc, "{%p if audit_head %}")
    para(doc, "Rantai audit: {{ audit_head }}", size=7, color=GREY, before=14)
    tag(doc, "{%p endif %}")
    return doc


TEMPLATES: dict[str, Callable[[], DocumentObject]] = {
    "surat_permintaan.docx": surat_permintaan,
    "surat_pengingat.docx": surat_pengingat,
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
        half = (right - left) / 2 * (1 - t**1.6)
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
        doc.core_properties.title = name.removesuffix(".docx").replace("_", " ").title()
        doc.core_properties.author = "Kinerja"
        doc.save(str(HERE / name))
        print("wrote", HERE / name)


if __name__ == "__main__":
    main()
