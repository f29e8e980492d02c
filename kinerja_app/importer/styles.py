"""What python-calamine does not say about an .xlsx: which part holds which sheet, and which
numeric cells carry a number format that scales by 100 (``0.0%``: 0.978 shows "97,8%")."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath

from defusedxml import ElementTree

from kinerja_app.importer.numbers import scales_percent

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_BUILTIN_PERCENT = {9, 10}
_ATTR_R = re.compile(rb'\br="([A-Z]{1,3})(\d{1,7})"')
_ATTR_T = re.compile(rb'\bt="(\w+)"')
MAX_SCAN = 64 * 1024 * 1024


def sheet_parts(path: Path) -> dict[str, str]:
    """Sheet name → zip part ("xl/worksheets/sheet1.xml"), from the workbook's relationships."""
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        workbook = next((n for n in ("xl/workbook.xml", "xl/workbook2.xml") if n in names), None)
        rels_name = "xl/_rels/workbook.xml.rels"
        if workbook is None or rels_name not in names:
            return {}
        root = ElementTree.fromstring(archive.read(workbook))
        rels = ElementTree.fromstring(archive.read(rels_name))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_PKG}Relationship")}
    out: dict[str, str] = {}
    for sheet in root.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(_REL))
        if not target:
            continue
        part = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        out[sheet.get("name", "")] = part
    return out


def _percent_styles(archive: zipfile.ZipFile) -> frozenset[int]:
    if "xl/styles.xml" not in archive.namelist():
        return frozenset()
    root = ElementTree.fromstring(archive.read("xl/styles.xml"))
    custom = {
        int(fmt.get("numFmtId", "-1")): fmt.get("formatCode", "")
        for fmt in root.iter(f"{_MAIN}numFmt")
    }
    xfs = root.find(f"{_MAIN}cellXfs")
    out: set[int] = set()
    for index, xf in enumerate(xfs if xfs is not None else ()):
        fmt_id = int(xf.get("numFmtId", "0"))
        if fmt_id in _BUILTIN_PERCENT or scales_percent(custom.get(fmt_id)):
            out.add(index)
    return frozenset(out)


def percent_cells(path: Path, part: str, max_rows: int) -> frozenset[tuple[int, int]]:
    """0-based (row, column) of the numeric cells in ``part`` whose format scales by 100.

    Args:
        path: the .xlsx (already through the guard).
        part: the sheet's zip part.
        max_rows: rows beyond this are not looked at.
    Returns:
        The cells; empty when the workbook has no percent format at all (the usual case).
    """
    with zipfile.ZipFile(path) as archive:
        styles = _percent_styles(archive)
        if not styles:
            return frozenset()
        info = archive.getinfo(part)
        if info.file_size > MAX_SCAN:
            return frozenset()
        data = archive.read(info)
    ids = b"|".join(str(i).encode() for i in sorted(styles))
    # only the cells carrying one of those styles are visited
    cell = re.compile(rb"<(?:\w+:)?c\b([^>]*?\bs=\"(?:" + ids + rb")\"[^>]*)>")
    out: set[tuple[int, int]] = set()
    for match in cell.finditer(data):
        attrs = match.group(1)
        kind = _ATTR_T.search(attrs)
        if kind is not None and kind.group(1) not in (b"n",):
            continue
        ref = _ATTR_R.search(attrs)
        if ref is None:
            continue
        row = int(ref.group(2)) - 1
        if row >= max_rows:
            continue
        col = 0
        for ch in ref.group(1):
            col = col * 26 + ch - 64
        out.add((row, col - 1))
    return frozenset(out)
