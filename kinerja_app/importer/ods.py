"""What python-calamine does not say about an .ods: which numeric cells are percentages
(``office:value-type="percentage"`` stores 0.825 and shows "82,5%") and which rows are hidden
(``table:visibility="collapse"``, or ``"filter"`` for rows a filter hides), and which cells
are merged (``number-rows-spanned`` / ``number-columns-spanned``: calamine gives no merged
ranges for an .ods).

``content.xml`` is streamed through expat (a DOCTYPE or an entity is refused, as for the .xlsx
parts), so a large sheet costs no memory; rows and cells written once with
``number-rows-repeated`` / ``number-columns-repeated`` are counted, not expanded, so row
numbers line up with calamine's grid.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from kinerja_app.importer.styles import SheetXml, safe_parser

_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0 "
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0 "
_SHEET = _TABLE + "table"
_ROW = _TABLE + "table-row"
_CELLS = frozenset({_TABLE + "table-cell", _TABLE + "covered-table-cell"})
_NAME = _TABLE + "name"
_ROWS_REPEATED = _TABLE + "number-rows-repeated"
_COLS_REPEATED = _TABLE + "number-columns-repeated"
_VISIBILITY = _TABLE + "visibility"
_ROWS_SPANNED = _TABLE + "number-rows-spanned"
_COLS_SPANNED = _TABLE + "number-columns-spanned"
_VALUE_TYPE = _OFFICE + "value-type"
_HIDDEN = frozenset({"collapse", "collapsed", "filter"})
_CHUNK = 1 << 16


def scan_ods(path: Path, max_rows: int, max_cols: int) -> dict[str, SheetXml]:
    """Sheet name → its percent cells, hidden rows and merged ranges (0-based), ``content.xml``
    read once.

    Args:
        path: the .ods (already through the guard, which bounds ``content.xml``).
        max_rows, max_cols: cells beyond these are not kept (the grid reads no further).
    Raises:
        ValueError: ``content.xml`` declares a DOCTYPE or an entity.
    """
    out: dict[str, SheetXml] = {}
    name = ""
    depth = 0  # tables open: a table inside a cell (rare) is not a sheet
    row = col = 0
    repeat = 1
    hidden_row = False
    percent: set[tuple[int, int]] = set()
    hidden: set[int] = set()
    merged: list[tuple[int, int, int, int]] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal name, depth, row, col, repeat, hidden_row, percent, hidden, merged
        if tag == _SHEET:
            depth += 1
            if depth == 1:
                name, row, percent, hidden, merged = attrs.get(_NAME, ""), 0, set(), set(), []
        elif depth != 1:
            return
        elif tag == _ROW:
            col = 0
            repeat = _count(attrs.get(_ROWS_REPEATED))
            hidden_row = attrs.get(_VISIBILITY) in _HIDDEN
        elif tag in _CELLS:
            span = _count(attrs.get(_COLS_REPEATED))
            if attrs.get(_VALUE_TYPE) == "percentage" and row < max_rows and col < max_cols:
                percent.update(
                    (r, c)
                    for r in range(row, min(row + repeat, max_rows))
                    for c in range(col, min(col + span, max_cols))
                )
            rows, cols = _count(attrs.get(_ROWS_SPANNED)), _count(attrs.get(_COLS_SPANNED))
            if (rows > 1 or cols > 1) and row < max_rows and col < max_cols:
                merged.append((row, col, row + rows - 1, col + cols - 1))
            col += span

    def end(tag: str) -> None:
        nonlocal depth, row
        if tag == _SHEET:
            depth -= 1
            if depth == 0:
                out[name] = SheetXml(
                    "content.xml", frozenset(percent), {}, frozenset(hidden), "", tuple(merged)
                )
        elif tag == _ROW and depth == 1:
            if hidden_row and row < max_rows:
                hidden.update(range(row, min(row + repeat, max_rows)))
            row += repeat

    parser = safe_parser(" ")
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as stream:
        while chunk := stream.read(_CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    return out


def _count(value: str | None) -> int:
    """A repeat count (``None``, or nonsense, is one)."""
    try:
        return max(1, int(value)) if value else 1
    except ValueError:
        return 1
