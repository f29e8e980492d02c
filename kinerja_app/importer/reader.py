"""Read an OPD's workbook into indicator rows: find the table, choose the columns of the
evaluated year, read the rows as a person would (see :mod:`header`, :mod:`rows`).

:func:`read_workbook` reads a file once; :func:`read_again` interprets the same grids with
another mapping (the Tim's, or one remembered for the OPD) without touching the file.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from openpyxl.utils import column_index_from_string, get_column_letter

from kinerja_app.errors import ValidationError
from kinerja_app.importer.data import FIELDS, ColumnMapping, Finding, Pemetaan, WorkbookData
from kinerja_app.importer.grid import MAX_COLS, Book, Sheet, load_book
from kinerja_app.importer.header import Tabel, choose_columns, describe_columns, find_tables
from kinerja_app.importer.indikator import Builder
from kinerja_app.importer.isian_format import META_APP, META_SHEET
from kinerja_app.importer.layout import YEAR, title_hints
from kinerja_app.importer.numbers import cell_text
from kinerja_app.importer.rows import read_rows
from kinerja_app.importer.sheets import choose_sheet
from kinerja_app.storage.files import strip_control

PREVIEW_ROWS = 400


def read_workbook(
    path: Path, *, mapping: ColumnMapping | None = None, tahun: int | None = None
) -> WorkbookData:
    """Read one workbook (.xlsx, .xls, .ods, or an HTML table saved as .xls).

    Args:
        path: the file.
        mapping: explicit columns (from the column-mapping dialog).
        tahun: the year being evaluated, to choose its columns among several years.
    Returns:
        The rows and the reader's own findings (header missing, ambiguous columns...).
    Raises:
        UnreadableFile: the file is not a safe, readable workbook.
        ValidationError: ``mapping`` names an unknown field, sheet or column.
    """
    with _collection_paused():
        return read_again(load_book(path), mapping=mapping, tahun=tahun)


@contextlib.contextmanager
def _collection_paused() -> Iterator[None]:
    """The cyclic garbage collector paused while one workbook is read.

    Reading allocates tens of thousands of objects (rows, their dicts and texts) that nearly
    all live on, so the collections that every 700 allocations start find almost nothing and
    traverse the young rows again and again: 3-4 % of the read_verify benchmark. Paused for
    one file only (its size bounded by the guard); reference counting still frees as usual.
    Not re-enabled when something else had paused it (another reading thread, a caller), so
    that the collector is never left off by this function.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_again(
    book: Book, *, mapping: ColumnMapping | None = None, tahun: int | None = None,
    sumber: str | None = None, catatan: str = "", lembar: str | None = None,
) -> WorkbookData:  # fmt: skip
    """Interpret an already loaded workbook (with another mapping); the file is not read.

    Args:
        book: what :func:`kinerja_app.importer.grid.load_book` returned.
        mapping: explicit columns, or ``None`` to find the table.
        tahun: the year being evaluated.
        sumber: how the mapping came ("manual", "diingat"), for :class:`Pemetaan`.
        catatan: a note shown with the mapping (who confirmed it and when).
        lembar: look for the table on this sheet only (the Tim's choice among several).
    """
    findings = list(book.guard.findings)
    meta = _read_meta(book)
    sheets = [s for s in book.sheets if s.title != META_SHEET]
    names = tuple(s.title for s in book.sheets)
    meta_year = int(meta["tahun"]) if meta.get("tahun", "").isdigit() else None
    if lembar is not None:
        sheets = [s for s in sheets if s.title == lembar] or sheets
    if mapping is not None:
        tabel = _mapped(sheets, mapping)
    else:
        tabel = _best_table(sheets, tahun or meta_year)
    if tabel is None:
        first = next((s for s in sheets if not s.hidden), sheets[0] if sheets else None)
        findings.append(
            Finding(
                "error",
                "HEADER_TIDAK_DITEMUKAN",
                "Judul kolom tabel (Indikator, Target, Realisasi...) tidak ditemukan. "
                "Pilih kolomnya lewat 'Petakan kolom…', atau pakai Format Isian yang dikirim.",
            )
        )
        title_opd = title_hints(first.rows[:6])[0] if first else ""
        return WorkbookData(
            path=book.path,
            sha256=book.sha256,
            sheet=first.title if first else None,
            header_row=None,
            columns={},
            rows=(),
            findings=tuple(findings),
            meta=meta,
            opd_hint=meta.get("opd_nama") or title_opd or book.path.stem,
            sheet_names=names,
            preview=_preview(first) if first else (),
            pemetaan=Pemetaan("otomatis", sidik(first, 0, -1) if first else ""),
            book=book,
        )
    sheet = tabel.sheet
    title_opd, title_year = title_hints(sheet.rows[: tabel.top])
    if mapping is None:
        choose_columns(tabel, tahun or meta_year, title_year)
        findings += tabel.findings
    else:
        _quarters_for_mapping(tabel, tahun or meta_year, title_year)
    if sheet.hidden:
        findings.append(
            Finding(
                "warning",
                "LEMBAR_TERSEMBUNYI",
                f"Data dibaca dari lembar tersembunyi '{sheet.title}'. Pastikan lembar itu yang "
                "dimaksud.",
            )
        )
    findings += sheet.findings
    if "realisasi" not in tabel.columns and "realisasi" not in tabel.quarters:
        title = " ".join(cell_text(v) for row in sheet.rows[: tabel.top] for v in row).lower()
        if re.search(r"perjanjian kinerja|penetapan kinerja", title):
            findings.append(
                Finding(
                    "error",
                    "PERJANJIAN_KINERJA",
                    "Berkas ini Perjanjian Kinerja (hanya target, tanpa realisasi), bukan data "
                    "capaian kinerja. Minta OPD mengirim tabel pengukuran/capaian kinerja "
                    "(target, realisasi, capaian) atau Format Isian yang dikirim.",
                )
            )
    excluded = mapping.excluded if mapping else frozenset()
    included = mapping.included if mapping else frozenset()
    raws, skipped = read_rows(tabel, findings, excluded, included)
    blanks = any(raw.values.get(f) is None for raw in raws for f in raw.values)
    formulas = sheet.formulas if (blanks or book.guard.full_calc_on_load) else {}
    triwulan = mapping.triwulan if mapping is not None else None
    builder = Builder(tabel, formulas, book.guard.full_calc_on_load, triwulan)
    rows = builder.build(raws)
    findings += builder.findings
    tahun_hint, source = _tahun(meta_year, tabel.tahun if mapping is None else None, title_year)
    used = mapping if mapping is not None else _as_mapping(tabel)
    pemetaan = Pemetaan(
        sumber or ("otomatis" if mapping is None else "manual"),
        sidik(sheet, tabel.top, tabel.bottom),
        used,
        catatan,
    )
    return WorkbookData(
        path=book.path,
        sha256=book.sha256,
        sheet=sheet.title,
        header_row=tabel.header_row,
        columns={f: get_column_letter(c + 1) for f, c in tabel.columns.items()},
        rows=tuple(rows),
        findings=tuple(findings),
        meta=meta,
        tahun_hint=tahun_hint,
        tahun_source=source,
        opd_hint=meta.get("opd_nama") or title_opd or book.path.stem,
        sheet_names=names,
        dilewati=tuple(skipped),
        pemetaan=pemetaan,
        kolom_judul={k.letter: k.text for k in tabel.kolom},
        book=book,
    )


def _quarters_for_mapping(tabel: Tabel, tahun: int | None, title_year: int | None) -> None:
    """Quarterly columns of the fields the mapping leaves out (the Tim picks the rule)."""
    auto = Tabel(tabel.sheet, tabel.top, tabel.bottom, tabel.kolom)
    choose_columns(auto, tahun, title_year)
    for name, quarters in auto.quarters.items():
        if name not in tabel.columns:
            tabel.quarters[name] = quarters
            tabel.kumulatif = auto.kumulatif


def _best_table(sheets: Sequence[Sheet], tahun: int | None = None) -> Tabel | None:
    for hidden in (False, True):  # hidden sheets only when no visible sheet has a table
        found = [t[0] for s in sheets if s.hidden is hidden and (t := find_tables(s))]
        if found:
            return choose_sheet(found, tahun)
    return None


def _mapped(sheets: Sequence[Sheet], mapping: ColumnMapping) -> Tabel | None:
    if mapping.sheet is not None:
        sheet = next((s for s in sheets if s.title == mapping.sheet), None)
        if sheet is None:
            raise ValidationError(f"Lembar '{mapping.sheet}' tidak ada di berkas ini.")
    else:
        best = _best_table(sheets)
        sheet = best.sheet if best else next((s for s in sheets if not s.hidden), None)
    if sheet is None:
        return None
    columns: dict[str, int] = {}
    for name, letter in mapping.columns.items():
        if name not in FIELDS:
            raise ValidationError(f"Kolom '{name}' tidak dikenal.")
        try:
            index = column_index_from_string(letter.strip().upper()) - 1
        except ValueError as exc:
            raise ValidationError(f"Huruf kolom '{letter}' tidak sah.") from exc
        if index >= MAX_COLS:
            raise ValidationError(f"Kolom {letter} terlalu jauh (batas kolom {MAX_COLS}).")
        columns[name] = index
    if "indikator" not in columns:
        raise ValidationError("Pilih kolom Indikator.")
    if mapping.header_row < 0:
        raise ValidationError("Baris judul tidak sah.")
    bottom = mapping.header_row - 1
    top = header_top(sheet, bottom)
    tabel = Tabel(sheet, top, bottom, describe_columns(sheet, top, bottom, set()))
    tabel.columns = columns
    return tabel


def header_top(sheet: Sheet, bottom: int) -> int:
    """The first row of the header block ending at ``bottom`` (rows of two or more labels)."""
    top = bottom
    while top > 0 and bottom - top < 4:
        above = sheet.rows[top - 1] if top - 1 < len(sheet.rows) else []
        if sum(1 for v in above if isinstance(v, str) and v.strip()) < 2:
            break
        if any(isinstance(v, int | float) and not 2000 <= v <= 2100 for v in above):
            break
        top -= 1
    return max(top, 0)


def sidik(sheet: Sheet, top: int, bottom: int) -> str:
    """The fingerprint of a layout: its header cells by column, years and digits masked.

    The same form next year ("Target 2026" instead of "Target 2025") has the same fingerprint;
    a form with another column order does not.
    """
    parts = [sheet.title.strip().lower()] if bottom < 0 else []
    for r in range(max(top, 0), bottom + 1):
        for c, value in enumerate(sheet.rows[r] if r < len(sheet.rows) else []):
            text = cell_text(value).lower()
            if text:
                text = YEAR.sub("yyyy", re.sub(r"\s+", " ", text))
                parts.append(f"{c}:{re.sub(r'[0-9]', '#', text)}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def _as_mapping(tabel: Tabel) -> ColumnMapping:
    return ColumnMapping(
        tabel.header_row,
        {f: get_column_letter(c + 1) for f, c in tabel.columns.items()},
        sheet=tabel.sheet.title,
    )


def _tahun(
    meta_year: int | None, header_year: int | None, title_year: int | None
) -> tuple[int | None, str | None]:
    if meta_year is not None:
        return meta_year, "meta"
    if header_year is not None:
        return header_year, "header"
    if title_year is not None:
        return title_year, "judul"
    return None, None


def _read_meta(book: Book) -> dict[str, str]:
    """Key/value pairs of the format isian's hidden sheet (empty if not ours)."""
    sheet = next((s for s in book.sheets if s.title == META_SHEET), None)
    if sheet is None:
        return {}
    meta: dict[str, str] = {}
    for values in sheet.rows[:50]:
        key = values[0] if values else None
        if key is not None:
            value: Any = values[1] if len(values) > 1 else None
            meta[cell_text(key)] = strip_control(cell_text(value))
    return meta if meta.get("aplikasi") == META_APP else {}


def _preview(sheet: Sheet, rows: int = PREVIEW_ROWS) -> tuple[tuple[str, ...], ...]:
    out: list[tuple[str, ...]] = []
    for values in sheet.rows[:rows]:
        texts = [cell_text(v) for v in values]
        while texts and not texts[-1]:
            texts.pop()
        out.append(tuple(texts))
    return tuple(out)
