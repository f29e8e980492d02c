"""What python-calamine does not say about an .xlsx: which part holds which sheet, which
numeric cells carry a number format that scales by 100 (``0.0%``: 0.978 shows "97,8%"), which
rows are hidden, and which cells hold a formula (see :mod:`kinerja_app.importer.formulas`).

The zip is opened once and each sheet part inflated once; the sheet XML is not parsed, only
searched for the style indexes that scale by 100 (most workbooks have none, or a handful) and
for ``hidden="1"`` (rows hidden, or filtered out). What cannot be placed (a part too large to
inflate, a percent cell or hidden row without its ``r=``) is said in ``SheetXml.unread``, for a
finding: never a fraction read silently as if it were the percentage.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, NoReturn
from xml.parsers import expat

from kinerja_app.importer.formulas import FormulaCell, scan_formulas
from kinerja_app.importer.numbers import scales_percent

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_BUILTIN_PERCENT = {9, 10}
_ATTR_R = re.compile(rb'\sr="([A-Z]{1,3})(\d{1,7})"')
_ATTR_T = re.compile(rb'\st="(\w+)"')
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c\s")  # a cell, not a row or column
_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row\s")
_ROW_R = re.compile(rb'\sr="(\d{1,7})"')
_HIDDEN = re.compile(rb'hidden="(?:1|true)"')
_SPACE = frozenset(b" \t\r\n")
MAX_SCAN = 64 * 1024 * 1024

Cell = tuple[int, int]  # 0-based (row, column)


@dataclass(frozen=True)
class SheetXml:
    """What one sheet says beyond its values (an .xlsx part; the .xls and .ods scans too).

    ``unread`` says in Indonesian what could not be read ("" when everything was): the
    reader turns it into a finding.
    """

    part: str  # "xl/worksheets/sheet1.xml"
    percent: frozenset[Cell] = frozenset()  # numeric cells whose format scales by 100
    formulas: dict[str, FormulaCell] = field(default_factory=dict)  # by reference ("F7")
    hidden_rows: frozenset[int] = frozenset()  # 0-based
    unread: str = ""
    merged: tuple[tuple[int, int, int, int], ...] = ()  # .ods spans (calamine gives none)


def scan_xlsx(path: Path, max_rows: int) -> dict[str, SheetXml]:
    """Sheet name → its part, percent-formatted cells and formulas, the zip opened once.

    Args:
        path: the .xlsx (already through the guard).
        max_rows: cells in rows beyond this are not looked at for their format.
    Returns:
        Every worksheet the workbook's relationships name.
    """
    with zipfile.ZipFile(path) as archive:
        parts = _sheet_parts(archive)
        styles = _percent_styles(archive)
        out: dict[str, SheetXml] = {}
        # part names are case-insensitive (OPC): "Sheet1.xml" stands for "sheet1.xml"
        stored = {n.lower(): n for n in archive.namelist()}
        for name, part in parts.items():
            if part.lower() not in stored:
                out[name] = SheetXml(part, unread=f"bagian {part} tidak ditemukan di berkasnya")
                continue
            info = archive.getinfo(stored[part.lower()])
            if info.file_size > MAX_SCAN:
                size = f"{info.file_size / 1048576:.0f} MB"
                out[name] = SheetXml(part, unread=f"isi lembarnya {size}, terlalu besar")
                continue
            data = archive.read(info)
            percent, unplaced = percent_cells(data, styles, max_rows)
            hidden, unplaced_rows = hidden_rows(data, max_rows)
            unread = ""
            if unplaced or unplaced_rows:
                unread = (
                    f"{unplaced + unplaced_rows} sel berformat persen atau baris tersembunyi "
                    "tanpa alamat (r=) di XML-nya"
                )
            out[name] = SheetXml(part, percent, scan_formulas(data), hidden, unread)
    return out


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → zip part ("xl/worksheets/sheet1.xml"), from the workbook's relationships."""
    names = set(archive.namelist())
    workbook = next((n for n in ("xl/workbook.xml", "xl/workbook2.xml") if n in names), None)
    rels_name = "xl/_rels/workbook.xml.rels"
    if workbook is None or rels_name not in names:
        return {}
    targets = {
        attrs.get("Id"): attrs.get("Target", "")
        for _, attrs in _elements(archive.read(rels_name), {f"{_PKG}Relationship"})
    }
    out: dict[str, str] = {}
    for _, attrs in _elements(archive.read(workbook), {f"{_MAIN}sheet"}):
        target = targets.get(attrs.get(_REL))
        if not target:
            continue
        part = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        out[attrs.get("name", "")] = part
    return out


def _percent_styles(archive: zipfile.ZipFile) -> frozenset[int]:
    """Indexes of the cell formats (``cellXfs``) whose number format scales by 100."""
    if "xl/styles.xml" not in archive.namelist():
        return frozenset()
    wanted = {f"{_MAIN}{name}" for name in ("numFmts", "numFmt", "cellXfs", "xf")}
    custom: dict[int, str] = {}
    formats: list[int] = []  # numFmtId of each cellXfs entry, by index
    for path, attrs in _elements(archive.read("xl/styles.xml"), wanted):
        if path[-2:] == [f"{_MAIN}numFmts", f"{_MAIN}numFmt"]:
            custom[int(attrs.get("numFmtId", "-1"))] = attrs.get("formatCode", "")
        elif path[-2:] == [f"{_MAIN}cellXfs", f"{_MAIN}xf"]:
            formats.append(int(attrs.get("numFmtId", "0")))
    return frozenset(
        index
        for index, fmt_id in enumerate(formats)
        if fmt_id in _BUILTIN_PERCENT or scales_percent(custom.get(fmt_id))
    )


def _elements(data: bytes, wanted: set[str]) -> list[tuple[list[str], dict[str, str]]]:
    """The elements of a small XML part named in ``wanted`` ("{namespace}name"), each with the
    path of names down to it and its attributes, in document order.

    Parsed by expat as defusedxml parses: a DOCTYPE, an entity declaration or an external
    reference is refused (the guard refused any DOCTYPE already), at a fifth of its cost.
    """
    parser = safe_parser("}")
    found: list[tuple[list[str], dict[str, str]]] = []
    path: list[str] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        path.append("{" + name if "}" in name else name)
        if path[-1] in wanted:
            named = {("{" + k if "}" in k else k): v for k, v in attrs.items()}
            found.append((path[:], named))

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda _: path.pop()
    parser.Parse(data, True)
    return found


def safe_parser(namespace_separator: str) -> Any:
    """An expat parser that refuses a DOCTYPE, an entity declaration or an external reference
    (as defusedxml does), with namespaces joined by ``namespace_separator``."""
    parser = expat.ParserCreate(namespace_separator=namespace_separator)

    def refuse(*_: Any) -> NoReturn:
        raise ValueError("XML dengan DOCTYPE/ENTITY ditolak")

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    return parser


def percent_cells(
    data: bytes, styles: frozenset[int], max_rows: int
) -> tuple[frozenset[Cell], int]:
    """0-based (row, column) of the numeric cells of a sheet part carrying one of ``styles``.

    Only the ``s="…"`` attributes naming those styles are visited: each is kept when it stands
    in a cell tag (a row or a column can carry a style too) of a number (no ``t``, or ``t="n"``).

    Args:
        data: the sheet part's XML.
        styles: the percent style indexes (:func:`_percent_styles`).
        max_rows: rows beyond this are not looked at.
    Returns:
        The cells, and how many percent cells had no ``r=`` to place them by.
    """
    if not styles:
        return frozenset(), 0
    unplaced = 0
    ids = b"|".join(str(i).encode() for i in sorted(styles))
    attribute = re.compile(rb's="(?:' + ids + rb')"')
    out: set[Cell] = set()
    for match in attribute.finditer(data):
        at = match.start()
        if data[at - 1] not in _SPACE:
            continue  # the tail of another attribute's name ("cs=")
        start = data.rfind(b"<", 0, at)
        end = data.find(b">", match.end())
        if start < 0 or end < 0 or not _CELL_TAG.match(data, start, end):
            continue
        tag = data[start:end]
        kind = _ATTR_T.search(tag)
        if kind is not None and kind.group(1) != b"n":
            continue  # text, a boolean, an error: nothing to scale
        ref = _ATTR_R.search(tag)
        if ref is None:
            unplaced += 1
            continue
        row = int(ref.group(2)) - 1
        if row >= max_rows:
            continue
        col = 0
        for ch in ref.group(1):
            col = col * 26 + ch - 64
        out.add((row, col - 1))
    return frozenset(out), unplaced


def hidden_rows(data: bytes, max_rows: int) -> tuple[frozenset[int], int]:
    """0-based rows of a sheet part hidden (``<row r="5" hidden="1">``: hidden, or filtered
    out), and how many hidden rows had no ``r=``. Only ``hidden="…"`` attributes are visited
    (a hidden column carries one too)."""
    out: set[int] = set()
    unplaced = 0
    for match in _HIDDEN.finditer(data):
        at = match.start()
        if data[at - 1] not in _SPACE:
            continue
        start = data.rfind(b"<", 0, at)
        end = data.find(b">", match.end())
        if start < 0 or end < 0 or not _ROW_TAG.match(data, start, end):
            continue
        ref = _ROW_R.search(data, start, end)
        if ref is None:
            unplaced += 1
        elif int(ref.group(1)) <= max_rows:
            out.add(int(ref.group(1)) - 1)
    return frozenset(out), unplaced
