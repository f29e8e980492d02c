"""The .xlsx facts python-calamine does not give (percent formats, formulas, sheet parts), read
from the zip's XML however a writer lays it out, and the guard's prolog check at its seams."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter

from kinerja_app.errors import UnreadableFile
from kinerja_app.importer import guard, styles
from kinerja_app.importer.data import IndicatorRow
from kinerja_app.importer.numbers import parse_text_number
from kinerja_app.importer.reader import read_workbook
from kinerja_app.rekap.capaian import Polaritas
from tests.importer.builders import HEADER, rewrite_member

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

# Styles with a namespace prefix: cellXfs index -> number format.
# 1: custom "0.0%" (scales), 2: '0.0"%"' (quoted, does not), 3: builtin 9 "0%" (scales),
# 4: "0.0\%" (escaped, does not), 5..12: General, 13: builtin 10 "0.00%" (scales).
# The dxf (a conditional format) redefines 165 as "0%": that must not make style 2 a percent.
STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:styleSheet xmlns:x="{MAIN}">
<x:numFmts count="3"><x:numFmt numFmtId="164" formatCode="0.0%"/>
<x:numFmt numFmtId="165" formatCode="0.0&quot;%&quot;"/>
<x:numFmt numFmtId="166" formatCode="0.0\\%"/></x:numFmts>
<x:fonts count="1"><x:font><x:sz val="11"/><x:name val="Calibri"/></x:font></x:fonts>
<x:fills count="1"><x:fill><x:patternFill patternType="none"/></x:fill></x:fills>
<x:borders count="1"><x:border/></x:borders>
<x:cellStyleXfs count="1"><x:xf numFmtId="10" fontId="0" fillId="0" borderId="0"/></x:cellStyleXfs>
<x:cellXfs count="14">
<x:xf numFmtId="0"/><x:xf numFmtId="164" applyNumberFormat="1"/>
<x:xf numFmtId="165" applyNumberFormat="1"/><x:xf numFmtId="9" applyNumberFormat="1"/>
<x:xf numFmtId="166" applyNumberFormat="1"/>{'<x:xf numFmtId="0"/>' * 8}
<x:xf numFmtId="10" applyNumberFormat="1"><x:alignment horizontal="right"/></x:xf>
</x:cellXfs>
<x:dxfs count="1"><x:dxf><x:numFmt numFmtId="165" formatCode="0%"/></x:dxf></x:dxfs>
</x:styleSheet>""".encode()


def _text(ref: str, text: str) -> str:
    return f'<x:c r="{ref}" t="inlineStr"><x:is><x:t>{text}</x:t></x:is></x:c>'


def _labels(row: int, indikator: str) -> str:
    return _text(f"C{row}", indikator) + _text(f"D{row}", "%") + _text(f"E{row}", "Positif")


SHEET = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:worksheet xmlns:x="{MAIN}"><x:sheetData>
<x:row r="1">{"".join(_text(f"{chr(65 + i)}1", h) for i, h in enumerate(HEADER))}</x:row>
<x:row r="2" s="1" customFormat="1">{_labels(2, "Cakupan gaya kustom")}
<x:c s="1" r="F2"><x:v>0.9</x:v></x:c>
<x:c r="G2"
\ts="13"\tt="n"><x:v>0.978</x:v></x:c>
<x:c r="H2"><x:v>108.67</x:v></x:c></x:row>
<x:row r="3">{_labels(3, "Cakupan gaya bawaan")}
<x:c r="F3" s="3"><x:v>0.9</x:v></x:c><x:c r="G3" s="2"><x:v>92</x:v></x:c>
<x:c r="H3" s="4"><x:v>102.2</x:v></x:c>
<x:c r="I3" s="1" t="inlineStr"><x:is><x:t>0.5</x:t></x:is></x:c></x:row>
<x:row r="4">{_labels(4, "Cakupan tanpa persen")}
<x:c r="F4" s="11"><x:v>80</x:v></x:c><x:c r="G4" s="12"><x:v>76</x:v></x:c>
<x:c r="H4" s="10"><x:v>95</x:v></x:c></x:row>
</x:sheetData></x:worksheet>""".encode()


def _workbook(tmp_path: Path, sheet: bytes = SHEET) -> Path:
    """A sound package from xlsxwriter whose styles and sheet are replaced by the XML above."""
    path = tmp_path / "tata-letak-lain.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    wb.add_worksheet("Data")
    wb.close()
    rewrite_member(path, "xl/styles.xml", STYLES)
    return rewrite_member(path, "xl/worksheets/sheet1.xml", sheet)


def test_percent_styles_and_cells_of_a_prefixed_layout(tmp_path: Path) -> None:
    (sheet,) = styles.scan_xlsx(_workbook(tmp_path), 6000).values()

    # F2 (s before r), G2 (tab, t="n", builtin 10 at index 13), F3 (builtin 9); not the
    # row's own s="1", not I3 (a text cell), not the quoted or escaped "%" (nor the dxf's "0%")
    assert sheet.part == "xl/worksheets/sheet1.xml"
    assert sheet.percent == {(1, 5), (1, 6), (2, 5)}


def test_percent_cells_whatever_the_writer_puts_in_the_tag(tmp_path: Path) -> None:
    path = _workbook(tmp_path)

    custom, builtin, plain = read_workbook(path).rows

    # s before r, a tab before s=, t="n", a prefixed cell: all found; the row's own style is
    # not a cell's (H2), and a text cell with a percent style stays text
    assert (custom.target, custom.realisasi, custom.capaian_dilaporkan) == (90.0, 97.8, 108.67)
    # builtin 9 scales; a quoted or escaped "%" does not, even when a dxf says "0%"
    assert (builtin.target, builtin.realisasi, builtin.capaian_dilaporkan) == (90.0, 92, 102.2)
    # style indexes 10, 11, 12 are not 1 or 13
    assert (plain.target, plain.realisasi, plain.capaian_dilaporkan) == (80, 76, 95)


def test_the_same_cells_without_their_styles_read_as_stored(tmp_path: Path) -> None:
    """The counter-test: what the rows above would read if the formats were lost."""
    bare = SHEET.replace(b' s="1"', b"").replace(b'\ts="13"', b"").replace(b' s="3"', b"")

    custom, builtin, _ = read_workbook(_workbook(tmp_path, bare)).rows

    assert (custom.target, custom.realisasi) == (0.9, 0.978)
    assert builtin.target == 0.9


def test_percent_cells_of_an_openpyxl_workbook(tmp_path: Path) -> None:
    path = tmp_path / "openpyxl.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append([1, "Sasaran", "Persentase desa mandiri", "%", "Positif", 0.855, 0.9, 105.26])
    for cell in ("F2", "G2"):
        ws[cell].number_format = "0.0%"
    wb.save(path)

    (row,) = read_workbook(path).rows

    assert (row.target, row.realisasi, row.polaritas) == (85.5, 90.0, Polaritas.POSITIF)
    assert row.capaian == pytest.approx(105.26, abs=0.01)


def test_percent_cells_beyond_the_rows_read_are_not_kept() -> None:
    data = b'<sheetData><row r="9"><c r="B9" s="1"><v>1</v></c></row></sheetData>'

    assert styles.percent_cells(data, frozenset({1}), 8) == (frozenset(), 0)
    assert styles.percent_cells(data, frozenset({1}), 9) == (frozenset({(8, 1)}), 0)


def test_percent_cells_and_hidden_rows_without_a_reference_are_counted() -> None:
    data = (
        b'<sheetData><row r="2" hidden="1"><c r="B2" s="1"><v>1</v></c></row>'
        b'<row hidden="1" spans="1:2"><c s="1"><v>1</v></c><c s="1" t="s"><v>0</v></c></row>'
        b'<row r="4" customHeight="1"><c r="A4" s="2"><v>3</v></c></row></sheetData>'
        b'<cols><col min="1" max="1" hidden="1"/></cols>'
    )

    assert styles.percent_cells(data, frozenset({1}), 9) == (frozenset({(1, 1)}), 1)
    assert styles.hidden_rows(data, 9) == (frozenset({1}), 1)
    assert styles.hidden_rows(data, 1) == (frozenset(), 1)


def test_style_parts_refuse_a_doctype_on_their_own() -> None:
    with pytest.raises(ValueError, match="DOCTYPE"):
        styles._elements(b'<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', set())


def _prolog_file(tmp_path: Path, prolog: bytes) -> Path:
    path = tmp_path / "prolog.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    wb.add_worksheet("Data").write_row(0, 0, HEADER)
    wb.close()
    body = b'<worksheet xmlns="' + MAIN.encode() + b'"><sheetData/></worksheet>'
    return rewrite_member(path, "xl/worksheets/sheet1.xml", prolog + body)


@pytest.mark.parametrize("at", [guard.PROLOG_FIRST_BYTES - 3, guard.PROLOG_FIRST_BYTES + 500])
def test_a_doctype_after_the_first_kilobyte_is_refused(tmp_path: Path, at: int) -> None:
    prolog = b'<?xml version="1.0"?>'
    prolog += b"<!--" + b" " * (at - len(prolog) - 7) + b"-->" + b'<!DOCTYPE x [<!ENTITY a "b">]>'
    assert prolog.index(b"<!DOCTYPE") == at

    with pytest.raises(UnreadableFile, match="DOCTYPE"):
        guard.check_file(_prolog_file(tmp_path, prolog))


@pytest.mark.parametrize("at", range(guard.PROLOG_FIRST_BYTES - 4, guard.PROLOG_FIRST_BYTES + 1))
def test_a_comment_across_the_first_kilobyte_is_no_doctype(tmp_path: Path, at: int) -> None:
    prolog = b'<?xml version="1.0"?>' + b" " * (at - 21) + b"<!-- disimpan oleh aplikasi -->"
    assert prolog.index(b"<!--") == at

    assert guard.check_file(_prolog_file(tmp_path, prolog)).kind == "xlsx"


def test_indicator_row_of_is_the_row_its_constructor_makes() -> None:
    fields: dict[str, Any] = {
        f.name: (f"nilai {f.name}" if f.type == "str" else None)
        for f in dataclasses.fields(IndicatorRow)
    }
    fields.update(row=7, target=90.0, cells={"target": "Data!F7"}, uncached=())

    fast, slow = IndicatorRow.of(**fields), IndicatorRow(**fields)

    assert fast == slow and repr(fast) == repr(slow)
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.target = 1.0  # type: ignore[misc]
    with pytest.raises(TypeError, match="keterangan"):
        IndicatorRow.of(**{k: v for k, v in fields.items() if k != "keterangan"})


@pytest.mark.parametrize(
    ("text", "value"),
    [("85,5", 85.5), ("120", 120.0), ("0,5", 0.5), ("1,234", 1.234), ("007", 7.0),
     ("1.234", 1234.0), ("0.5", 0.5), ("1,2,3", None), ("٥", 5.0)],
)  # fmt: skip
def test_plain_numbers_read_directly_as_the_general_rule_reads_them(
    text: str, value: float | None
) -> None:
    assert parse_text_number(text) == value
