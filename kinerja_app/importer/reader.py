"""Read an OPD's workbook into indicator rows: openpyxl read-only, values as Excel stored them.

Read-only mode is used on purpose: normal mode expands merged ranges and styles and costs
seconds and hundreds of MB on the merged headers OPDs like. Its price is that merged cells
other than the top-left read as empty (hence the sasaran fill-down) and that the sheet's
dimension header is trusted (hence ``reset_dimensions`` and the caps in
:mod:`kinerja_app.importer.table`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import column_index_from_string, get_column_letter

from kinerja_app.errors import KinerjaError, UnreadableFile, ValidationError
from kinerja_app.importer.data import FIELDS, ColumnMapping, Finding, WorkbookData
from kinerja_app.importer.guard import check_file, ensure_defused
from kinerja_app.importer.isian_format import META_APP, META_SHEET
from kinerja_app.importer.layout import HeaderMatch, find_header, title_hints
from kinerja_app.importer.numbers import cell_text
from kinerja_app.importer.table import (
    MAX_COLS,
    Row,
    SheetCursor,
    build_rows,
    open_cursor,
    read_table,
    values_of,
)
from kinerja_app.storage.files import sha256_file, strip_control


def read_workbook(
    path: Path, *, mapping: ColumnMapping | None = None, tahun: int | None = None
) -> WorkbookData:
    """Read one workbook.

    Args:
        path: the .xlsx file.
        mapping: explicit columns (from the column-mapping dialog) when no header was found.
        tahun: the expected year, to choose between "Target 2024" and "Target 2025" columns.
    Returns:
        The rows and the reader's own findings (header missing, formula without value...).
    Raises:
        UnreadableFile: the file is not a safe, readable .xlsx workbook.
        ValidationError: ``mapping`` names an unknown field, sheet or column.
    """
    guard = check_file(path)
    ensure_defused()
    digest = sha256_file(path)
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except KinerjaError:
        raise
    except Exception as exc:  # openpyxl raises anything from KeyError to XML errors
        raise _unreadable(exc) from exc
    try:
        return _read(
            wb, path, digest, list(guard.findings), mapping, tahun, guard.full_calc_on_load
        )
    except KinerjaError:
        raise
    except Exception as exc:
        raise _unreadable(exc) from exc
    finally:
        wb.close()


def _unreadable(exc: BaseException) -> UnreadableFile:
    """The user's message for a parse failure; an entity refused by defusedxml says so."""
    chain: BaseException | None = exc
    defused = False
    for _ in range(10):  # openpyxl wraps the parser's error in its own ValueError
        if chain is None:
            break
        defused = defused or type(chain).__module__.startswith("defusedxml")
        chain = chain.__cause__ or chain.__context__
    if defused:
        return UnreadableFile(
            "Berkas berisi XML dengan DOCTYPE/ENTITY yang tidak pernah dibuat oleh Excel; "
            "ditolak demi keamanan. Simpan ulang dari Excel sebagai .xlsx lalu impor lagi."
        )
    return UnreadableFile(
        "Isi buku kerja rusak dan tidak dapat dibaca. Buka di Excel (perbaiki bila ditawarkan), "
        "simpan ulang sebagai .xlsx, lalu impor lagi."
    )


def _read(
    wb: Any,
    path: Path,
    digest: str,
    findings: list[Finding],
    mapping: ColumnMapping | None,
    tahun: int | None,
    full_calc: bool,
) -> WorkbookData:
    names = tuple(str(name) for name in wb.sheetnames)
    meta = _read_meta(wb) if META_SHEET in names else {}
    cursors = [open_cursor(ws) for ws in wb.worksheets if ws.title != META_SHEET]
    chosen = _choose_sheet(cursors, mapping, tahun)
    if chosen is None or (mapping is None and chosen.match is None):
        first = next((c for c in cursors if not c.hidden), cursors[0] if cursors else None)
        findings.append(
            Finding(
                "error",
                "HEADER_TIDAK_DITEMUKAN",
                "Judul kolom tabel (Indikator, Target, Realisasi...) tidak ditemukan. "
                "Pilih kolomnya secara manual, atau pakai Format Isian yang dikirim.",
            )
        )
        return WorkbookData(
            path=path,
            sha256=digest,
            sheet=first.title if first else None,
            header_row=None,
            columns={},
            rows=(),
            findings=tuple(findings),
            meta=meta,
            opd_hint=meta.get("opd_nama") or path.stem,
            sheet_names=names,
            preview=_preview(first.head) if first else (),
        )
    header_row, columns = _columns(chosen, mapping)
    if chosen.hidden:
        findings.append(
            Finding(
                "warning",
                "LEMBAR_TERSEMBUNYI",
                f"Data dibaca dari lembar tersembunyi '{chosen.title}'. Pastikan lembar itu "
                "yang dimaksud.",
            )
        )
    raws = read_table(chosen, header_row, columns, findings)
    rows = build_rows(path, chosen, raws, columns, findings, full_calc)
    title_opd, title_year = title_hints(values_of(chosen.head[: header_row - 1]))
    tahun_hint, source = _tahun(meta, chosen.match if mapping is None else None, title_year)
    return WorkbookData(
        path=path,
        sha256=digest,
        sheet=chosen.title,
        header_row=header_row,
        columns={f: get_column_letter(c + 1) for f, c in columns.items()},
        rows=tuple(rows),
        findings=tuple(findings),
        meta=meta,
        tahun_hint=tahun_hint,
        tahun_source=source,
        opd_hint=meta.get("opd_nama") or title_opd or path.stem,
        sheet_names=names,
    )


def _choose_sheet(
    cursors: list[SheetCursor], mapping: ColumnMapping | None, tahun: int | None
) -> SheetCursor | None:
    if mapping is not None and mapping.sheet is not None:
        for cursor in cursors:
            if cursor.title == mapping.sheet:
                return cursor
        raise ValidationError(f"Lembar '{mapping.sheet}' tidak ada di berkas ini.")
    for hidden in (False, True):  # hidden sheets only when no visible sheet has a table
        best: SheetCursor | None = None
        for cursor in (c for c in cursors if c.hidden is hidden):
            cursor.match = find_header(values_of(cursor.head), tahun)
            if cursor.match and (best is None or cursor.match.score > _score(best)):
                best = cursor
        if best is not None:
            return best
    if mapping is not None:
        return next((c for c in cursors if not c.hidden), cursors[0] if cursors else None)
    return None


def _score(cursor: SheetCursor) -> int:
    return cursor.match.score if cursor.match else -1


def _columns(cursor: SheetCursor, mapping: ColumnMapping | None) -> tuple[int, dict[str, int]]:
    if mapping is None:
        assert cursor.match is not None
        return cursor.match.row, dict(cursor.match.columns)
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
    return mapping.header_row, columns


def _tahun(
    meta: dict[str, str], match: HeaderMatch | None, title_year: int | None
) -> tuple[int | None, str | None]:
    raw = meta.get("tahun", "")
    if raw.isdigit():
        return int(raw), "meta"
    if match is not None and match.tahun is not None:
        return match.tahun, "header"
    if title_year is not None:
        return title_year, "judul"
    return None, None


def _read_meta(wb: Any) -> dict[str, str]:
    """Key/value pairs of the format isian's hidden sheet (empty if not ours)."""
    meta: dict[str, str] = {}
    ws = wb[META_SHEET]
    ws.reset_dimensions()
    for key, value in ws.iter_rows(max_col=2, max_row=50, values_only=True):
        if key is not None:
            meta[cell_text(key)] = strip_control(cell_text(value))
    return meta if meta.get("aplikasi") == META_APP else {}


def _preview(head: Sequence[Row], rows: int = 15) -> tuple[tuple[str, ...], ...]:
    out: list[tuple[str, ...]] = []
    for cells in head[:rows]:
        texts = [cell_text(c.value) for c in cells]
        while texts and not texts[-1]:
            texts.pop()
        out.append(tuple(texts))
    return tuple(out)
