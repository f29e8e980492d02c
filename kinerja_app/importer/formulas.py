"""Which cells of a sheet hold a formula, and whether Excel stored a value for it.

python-calamine reads a formula without a stored value as an empty cell. A scan of the sheet
XML (already inflated for its number formats, :mod:`kinerja_app.importer.styles`) that visits
only the formula tags tells both facts at once, in well under a millisecond for 200 rows.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_SHEET_DATA = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?)sheetData\b")


class FormulaCell(NamedTuple):
    """A cell with a formula; ``cached`` tells whether a value is stored with it."""

    ref: str
    cached: bool


def scan_formulas(data: bytes) -> dict[str, FormulaCell]:
    """List the formula cells of one sheet part.

    Args:
        data: the sheet part's XML (``xl/worksheets/sheet1.xml``).
    Returns:
        Formula cells by reference ("F7"); cells without an ``r`` attribute are skipped.
    """
    found: dict[str, FormulaCell] = {}
    root = _SHEET_DATA.search(data)
    if root is None:
        return found
    prefix = root.group(1)
    cell_open, cell_close = b"<" + prefix + b"c ", b"</" + prefix + b"c>"
    formula = re.compile(rb"<" + re.escape(prefix) + rb"f\b")
    value = re.compile(rb"<" + re.escape(prefix) + rb"v>\s*[^<\s]")
    # Only formula tags are visited: a cell's start is the last "<c " before its formula.
    cell_ref = re.compile(rb"<" + re.escape(prefix) + rb'c\s[^>]*?\br="([A-Z]{1,3}\d{1,7})"')
    begin = root.end()
    for match in formula.finditer(data, begin):
        at = match.start()
        start = data.rfind(cell_open, begin, at)
        end = data.find(cell_close, at)
        ref = cell_ref.match(data, start, at) if start >= 0 and end >= 0 else None
        if ref is not None:
            name = ref.group(1).decode()
            found[name] = FormulaCell(name, value.search(data, at, end) is not None)
    return found
