"""An HTML page saved as .xls (what web e-SAKIP apps serve as "Export Excel") read as grids.

Each ``<table>`` becomes one grid; ``rowspan``/``colspan`` become merged ranges as Excel would
show them; headings and paragraphs just above a table become one-cell title rows, so the OPD
name and the year written there are seen as in a workbook. Only the standard library is used.
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

MAX_TABLE_ROWS = 6000
MAX_SPAN = 60
_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "center", "caption", "br"}
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))  # fmt: skip
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")

Grid = tuple[list[list[Any]], list[tuple[int, int, int, int]]]
Table = tuple[list[list[Any]], list[tuple[int, int, int, int]], int]  # grid, last filled row


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(str(value).strip() or "1"), MAX_SPAN))
    except ValueError:
        return 1


def _clean(text: str) -> str:
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


class _TableParser(HTMLParser):
    """Collects top-level tables (nested tables add their text to the enclosing cell)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[Table] = []
        self.last = -1  # the last row with text of this table, past the limit too
        self.depth = 0
        self.loose: list[str] = []  # text outside tables since the last table
        self.text: list[str] = []
        self.rows: list[list[tuple[str, int, int]]] = []
        self.cell: list[str] | None = None
        self.span = (1, 1)
        self.titles: list[str] = []
        self.skip = 0  # inside <script>/<style>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "title"):
            self.skip += 1
        elif tag == "table":
            self.depth += 1
            if self.depth == 1:
                self._flush_loose()
                self.titles, self.loose = self.loose, []
                self.rows = []
        elif self.depth == 1 and tag == "tr":
            self.rows.append([])
        elif self.depth == 1 and tag in ("td", "th"):
            found = dict(attrs)
            self.cell = []
            self.span = (_span(found.get("rowspan")), _span(found.get("colspan")))
        elif tag == "br" or (tag in _BLOCKS and self.depth == 0):
            self._newline()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "title"):
            self.skip = max(0, self.skip - 1)
        elif tag == "table" and self.depth:
            self.depth -= 1
            if self.depth == 0:
                self._end_cell()
                rows, merged = _layout(self.titles, self.rows)
                self.tables.append((rows, merged, self.last))
                self.rows, self.last = [], -1
        elif self.depth == 1 and tag in ("td", "th"):
            self._end_cell()
        elif tag in _BLOCKS and self.depth == 0:
            self._newline()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.depth and self.cell is not None:
            self.cell.append(data)
        elif self.depth == 0:
            self.text.append(data)

    def _newline(self) -> None:
        if self.depth and self.cell is not None:
            self.cell.append("\n")
        else:
            self._flush_loose()

    def _flush_loose(self) -> None:
        text = _clean("".join(self.text))
        self.text = []
        if text:
            self.loose.extend(text.split("\n"))

    def _end_cell(self) -> None:
        if self.cell is None:
            return
        if not self.rows:
            self.rows.append([])
        text = _clean("".join(self.cell))
        if text:
            self.last = len(self.rows) - 1
        if len(self.rows) <= MAX_TABLE_ROWS:
            self.rows[-1].append((text, *self.span))
        self.cell = None


def _layout(titles: list[str], rows: list[list[tuple[str, int, int]]]) -> Grid:
    """Place cells with their spans the way a browser (and Excel) lays a table out."""
    grid: list[list[Any]] = [[title] for title in titles[-6:]]
    merged: list[tuple[int, int, int, int]] = []
    top = len(grid)
    taken: set[tuple[int, int]] = set()
    for r, cells in enumerate(rows):
        row = top + r
        while len(grid) <= row:
            grid.append([])
        col = 0
        for text, rowspan, colspan in cells:
            while (row, col) in taken:
                col += 1
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken.add((row + dr, col + dc))
            line = grid[row]
            while len(line) <= col:
                line.append(None)
            line[col] = text or None
            if rowspan > 1 or colspan > 1:
                merged.append((row, col, row + rowspan - 1, col + colspan - 1))
            col += colspan
    return grid, merged


def read_html_tables(path: Path) -> list[Table]:
    """Every top-level table of an HTML file, each as (rows, merged ranges, the 0-based table
    row of its last text: ``MAX_TABLE_ROWS`` or more when rows were left out).

    Args:
        path: the file (already through the guard: size-limited).
    Returns:
        Tables with at least two rows; an empty list when the page has no table.
    """
    raw = path.read_bytes()
    head = raw[:4096].decode("ascii", errors="ignore").lower()
    charset = re.search(r"charset=[\"']?([\w-]+)", head)
    encodings = [charset.group(1)] if charset else []
    # a byte-order mark outranks a charset written in the page (UTF-16 exports say "utf-8")
    bom = next((name for mark, name in _BOMS if raw.startswith(mark)), None)
    encodings = [bom] if bom else encodings
    text = None
    for encoding in (*encodings, "utf-8", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except (LookupError, UnicodeDecodeError):
            continue
    parser = _TableParser()
    parser.feed(text if text is not None else raw.decode("latin-1"))
    parser.close()
    return [grid for grid in parser.tables if len(grid[0]) >= 2]
