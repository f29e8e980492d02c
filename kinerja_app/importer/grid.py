"""A submitted workbook as plain grids of values: .xlsx, .xls and .ods through python-calamine,
an HTML table saved as .xls through :mod:`kinerja_app.importer.html_table`.

Calamine (Rust) reads a 200-row sheet in about a millisecond and never expands an entity.
What calamine does not tell (number formats that scale by 100, hidden rows, formulas without a
stored value) is scanned from the file itself: the .xlsx parts (:mod:`.styles`), the .ods
``content.xml`` (:mod:`.ods`), the .xls records (:mod:`.xls`). A sheet whose scan could not be
completed carries a finding: its percent cells may read as fractions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kinerja_app.errors import KinerjaError, UnreadableFile
from kinerja_app.formatting import format_angka
from kinerja_app.importer.data import Finding
from kinerja_app.importer.formulas import FormulaCell
from kinerja_app.importer.guard import GuardReport, check_file
from kinerja_app.importer.html_table import read_html_tables
from kinerja_app.importer.ods import scan_ods
from kinerja_app.importer.styles import SheetXml, scan_xlsx
from kinerja_app.importer.xls import scan_xls
from kinerja_app.storage.files import sha256_file

MAX_ROWS = 6000  # rows read per sheet: 5000 indicators and their headers
MAX_COLS = 60  # the widest real form (E.81 with codes, K/Rp pairs) has about 35 columns

Cell = tuple[int, int]  # 0-based (row, column)


@dataclass
class Sheet:
    """One sheet: values by 0-based row and column (``None`` for empty), and what the cells
    mean beyond their value: merged ranges, percent formats, formulas, hidden rows (0-based);
    ``findings`` say what of that could not be read (for the reader, when it reads here)."""

    title: str
    hidden: bool
    rows: list[list[Any]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, c0, r1, c1
    percent: frozenset[Cell] = frozenset()
    formulas: dict[str, FormulaCell] = field(default_factory=dict)  # .xlsx, by ref ("F7")
    hidden_rows: frozenset[int] = frozenset()
    findings: tuple[Finding, ...] = ()
    _merge_at: dict[Cell, tuple[int, int, int, int]] | None = None
    _percent_at: dict[int, set[int]] | None = None

    def value(self, row: int, col: int) -> Any:
        """The value at a 0-based cell (``None`` outside the grid)."""
        if 0 <= row < len(self.rows):
            cells = self.rows[row]
            if 0 <= col < len(cells):
                return cells[col]
        return None

    def percent_columns(self, row: int) -> set[int] | None:
        """The columns of a 0-based row whose cells are percent-formatted (``None``: none)."""
        if self._percent_at is None:
            self._percent_at = {}
            for r, c in self.percent:
                self._percent_at.setdefault(r, set()).add(c)
        return self._percent_at.get(row)

    def merge_of(self, row: int, col: int) -> tuple[int, int, int, int] | None:
        """The merged range covering a cell, or ``None``."""
        if self._merge_at is None:
            self._merge_at = {}
            for rng in self.merged:
                r0, c0, r1, c1 = rng
                if (r1 - r0 + 1) * (c1 - c0 + 1) > 20000:
                    continue  # a whole-column merge says nothing about the table
                for r in range(r0, r1 + 1):
                    for c in range(c0, c1 + 1):
                        self._merge_at[(r, c)] = rng
        return self._merge_at.get((row, col))

    def shown(self, row: int, col: int) -> Any:
        """The value a person sees at a cell: a merged cell shows its top-left value."""
        rng = self.merge_of(row, col)
        if rng is not None:
            return self.value(rng[0], rng[1])
        return self.value(row, col)


@dataclass
class Book:
    """A workbook read into grids; ``kind`` names the real format ("xlsx", "xls", "ods", "html")."""

    path: Path
    sha256: str
    kind: str
    sheets: list[Sheet]
    guard: GuardReport


def load_book(path: Path) -> Book:
    """Check a submitted file with the guard, then read every sheet into a grid.

    Args:
        path: the file as received.
    Returns:
        The sheets (the app's hidden meta sheet included) with the guard's warnings.
    Raises:
        UnreadableFile: refused by the guard, or the content cannot be parsed.
    """
    report = check_file(path)
    digest = sha256_file(path)
    try:
        if report.kind == "html":
            sheets = []
            for i, (rows, merged, last) in enumerate(read_html_tables(path), start=1):
                title = f"Tabel {i}" if i > 1 else "Tabel"
                cut = _cut(title, (last, 0))
                sheets.append(Sheet(title, False, rows, merged, findings=(cut,) if cut else ()))
        else:
            sheets = _calamine_sheets(path, report)
    except KinerjaError:
        raise
    except Exception as exc:  # calamine raises its own errors, zipfile and XML ones too
        raise _unreadable(exc, report.kind) from exc
    return Book(path, digest, report.kind, sheets, report)


def _calamine_sheets(path: Path, report: GuardReport) -> list[Sheet]:
    import python_calamine  # only for a file actually read

    if path.suffix.lower() == f".{report.kind}":
        book = python_calamine.CalamineWorkbook.from_path(str(path))
    else:  # calamine picks its reader by the name; the content says what it is ("a.xls": xlsx)
        with path.open("rb") as handle:
            book = python_calamine.CalamineWorkbook.from_filelike(handle)
    extras: dict[str, SheetXml] | None
    if report.kind == "xlsx":
        extras = scan_xlsx(path, MAX_ROWS)
    elif report.kind == "ods":
        extras = scan_ods(path, MAX_ROWS, MAX_COLS)
    else:
        extras = scan_xls(path, MAX_ROWS)
    sheets: list[Sheet] = []
    try:
        for meta in book.sheets_metadata:
            if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
                continue  # chart sheets and dialogs hold no table
            sheet = book.get_sheet_by_name(meta.name)
            raw = sheet.to_python(skip_empty_area=False, nrows=MAX_ROWS)
            rows = [[None if v == "" else v for v in r[:MAX_COLS]] for r in raw]
            merged = [
                (r0, c0, r1, c1)
                for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or [])
                if r0 < MAX_ROWS and c0 < MAX_COLS
            ]
            hidden = meta.visible != python_calamine.SheetVisibleEnum.Visible
            scan = extras.get(meta.name) if extras is not None else None
            if scan is None:
                scan = SheetXml("", unread="formatnya tidak dapat dibaca")
            if not merged and scan.merged:
                merged = list(scan.merged)  # an .ods: its spans, from content.xml
            found = [_unread(meta.name, scan.unread)] if scan.unread else []
            if (cut := _cut(meta.name, sheet.end)) is not None:
                found.append(cut)
            extra = (scan.percent, scan.formulas, scan.hidden_rows, tuple(found))
            sheets.append(Sheet(meta.name, hidden, rows, merged, *extra))
    finally:
        book.close()
    return sheets


def _cut(title: str, end: tuple[int, int] | None) -> Finding | None:
    """A sheet with values past the rows or columns read: said, never dropped quietly."""
    if end is None or (end[0] < MAX_ROWS and end[1] < MAX_COLS):
        return None
    rows, cols = end[0] + 1, end[1] + 1
    size = []
    if rows > MAX_ROWS:
        size.append(f"{format_angka(rows, 0)} baris, batas {format_angka(MAX_ROWS, 0)}")
    if cols > MAX_COLS:
        size.append(f"{cols} kolom, batas {MAX_COLS}")
    return Finding(
        "warning",
        "LEMBAR_TERPOTONG",
        f"Lembar '{title}' terisi sampai di luar batas yang dibaca ({'; '.join(size)}); isi di "
        "luar batas itu tidak dibaca. Bila ada indikator di sana, minta OPD memecah datanya ke "
        "beberapa lembar atau berkas.",
    )


def _unread(title: str, why: str) -> Finding:
    return Finding(
        "warning",
        "FORMAT_TIDAK_TERBACA",
        f"Format sel lembar '{title}' tidak terbaca seluruhnya ({why}): nilai berformat persen "
        "dapat terbaca sebagai pecahan (82,5% sebagai 0,825) dan baris tersembunyi ikut "
        "terbaca. Periksa nilai persen dan barisnya, atau simpan ulang dari Excel sebagai "
        ".xlsx lalu impor lagi.",
    )


def _unreadable(exc: BaseException, kind: str) -> UnreadableFile:
    text = str(exc).lower()
    if "entity" in text or "doctype" in text:
        return UnreadableFile(
            "Berkas berisi XML dengan DOCTYPE/ENTITY yang tidak pernah dibuat oleh Excel; "
            "ditolak demi keamanan. Simpan ulang dari Excel sebagai .xlsx lalu impor lagi."
        )
    if "password" in text or "encrypt" in text:
        return UnreadableFile(
            "Berkas dilindungi kata sandi. Buka di Excel, hapus kata sandinya, simpan, lalu "
            "impor lagi."
        )
    name = {"xls": ".xls", "ods": ".ods"}.get(kind, ".xlsx")
    return UnreadableFile(
        f"Isi buku kerja ({name}) rusak dan tidak dapat dibaca. Buka di Excel atau "
        "LibreOffice (perbaiki bila ditawarkan), simpan ulang sebagai .xlsx, lalu impor lagi."
    )
