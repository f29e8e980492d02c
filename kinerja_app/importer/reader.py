"""Read an OPD's workbook into indicator rows: openpyxl read-only, values as Excel stored them.

Read-only mode is used on purpose: normal mode expands merged ranges and styles and costs
seconds and hundreds of MB on the merged headers OPDs like. Its price is that merged cells
other than the top-left read as empty (hence the sasaran fill-down) and that the sheet's
dimension header is trusted (hence ``reset_dimensions`` and the caps below).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import column_index_from_string, get_column_letter

from kinerja_app.capaian import Polaritas, hitung_capaian
from kinerja_app.errors import KinerjaError, UnreadableFile, ValidationError
from kinerja_app.files import sha256_file, strip_control
from kinerja_app.importer.data import (
    FIELDS,
    NUMERIC_FIELDS,
    ColumnMapping,
    Finding,
    IndicatorRow,
    WorkbookData,
    cell_ref,
)
from kinerja_app.importer.formulas import FormulaCell, scan_formulas
from kinerja_app.importer.guard import check_file, ensure_defused
from kinerja_app.importer.layout import (
    HEAD_ROWS,
    HeaderMatch,
    find_header,
    is_numbering_row,
    parse_polaritas,
    title_hints,
)
from kinerja_app.importer.numbers import cell_text, parse_number, scales_percent
from kinerja_app.isian_format import META_APP, META_SHEET

MAX_COLS = 40  # columns looked at; a lying dimension header (A1:XFD1048576) costs nothing
MAX_DATA_ROWS = 5000
EMPTY_RUN_STOP = 30  # this many empty rows in a row end the table
_SKIP_ROW = re.compile(r"^(jumlah|total|rata[- ]?rata|nilai rata)", re.IGNORECASE)
_FOOTER = re.compile(r"^(nip\.?\b|mengetahui|kepala\s|plt\.?\s|pj\.?\s|nanga bulik,)", re.I)

Row = tuple[Any, ...]


@dataclass
class _Cursor:
    """Rows of one sheet: the head already read, then the rest on demand (one parse)."""

    title: str
    hidden: bool
    part: str | None
    head: list[Row]
    rest: Iterator[Row]
    match: HeaderMatch | None = None

    def rows_after(self, row_number: int) -> Iterator[tuple[int, Row]]:
        """Yield (sheet row, cells) after ``row_number``, ending at a long empty run."""
        number = 0
        empty_run = 0
        for cells in _chain(iter(self.head), self.rest):
            number += 1
            if number <= row_number:
                continue
            if all(c.value is None or c.value == "" for c in cells):
                empty_run += 1
                if empty_run >= EMPTY_RUN_STOP:
                    return
                continue
            empty_run = 0
            yield number, cells


def _chain(first: Iterator[Row], second: Iterator[Row]) -> Iterator[Row]:
    yield from first
    yield from second


@dataclass
class _Raw:
    """A table row before formulas are known: values, cells and their parsed numbers."""

    row: int
    values: dict[str, Any]
    cells: dict[str, str]
    texts: dict[str, str]
    numbers: dict[str, float | None] = field(default_factory=dict)
    sasaran: str = ""


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
        return _read(wb, path, digest, list(guard.findings), mapping, tahun)
    except KinerjaError:
        raise
    except Exception as exc:
        raise _unreadable(exc) from exc
    finally:
        wb.close()


def _unreadable(exc: Exception) -> UnreadableFile:
    if type(exc).__module__.startswith("defusedxml"):
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
) -> WorkbookData:
    names = tuple(str(name) for name in wb.sheetnames)
    meta = _read_meta(wb) if META_SHEET in names else {}
    cursors = [_cursor(ws) for ws in wb.worksheets if ws.title != META_SHEET]
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
    raws = _table(chosen, header_row, columns, findings)
    rows = _finish(wb, path, chosen, raws, columns, findings)
    title_opd, title_year = title_hints(_values(chosen.head[: header_row - 1]))
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


def _cursor(ws: Any) -> _Cursor:
    ws.reset_dimensions()  # the dimension header may lie (A1:XFD1048576)
    rest = ws.iter_rows(max_col=MAX_COLS)
    head: list[Row] = []
    empty_run = 0
    for cells in rest:
        head.append(cells)
        empty_run = empty_run + 1 if all(c.value is None for c in cells) else 0
        if len(head) >= HEAD_ROWS or empty_run >= EMPTY_RUN_STOP:
            break
    part = getattr(ws, "_worksheet_path", None)
    return _Cursor(ws.title, ws.sheet_state != "visible", part, head, rest)


def _values(rows: Sequence[Row]) -> list[list[Any]]:
    return [[c.value for c in cells] for cells in rows]


def _choose_sheet(
    cursors: list[_Cursor], mapping: ColumnMapping | None, tahun: int | None
) -> _Cursor | None:
    if mapping is not None and mapping.sheet is not None:
        for cursor in cursors:
            if cursor.title == mapping.sheet:
                return cursor
        raise ValidationError(f"Lembar '{mapping.sheet}' tidak ada di berkas ini.")
    for hidden in (False, True):  # hidden sheets only when no visible sheet has a table
        best: _Cursor | None = None
        for cursor in (c for c in cursors if c.hidden is hidden):
            cursor.match = find_header(_values(cursor.head), tahun)
            if cursor.match and (best is None or cursor.match.score > _score(best)):
                best = cursor
        if best is not None:
            return best
    if mapping is not None:
        return next((c for c in cursors if not c.hidden), cursors[0] if cursors else None)
    return None


def _score(cursor: _Cursor) -> int:
    return cursor.match.score if cursor.match else -1


def _columns(cursor: _Cursor, mapping: ColumnMapping | None) -> tuple[int, dict[str, int]]:
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


def _table(
    cursor: _Cursor, header_row: int, columns: dict[str, int], findings: list[Finding]
) -> list[_Raw]:
    raws: list[_Raw] = []
    sasaran = ""
    first = True
    for number, cells in cursor.rows_after(header_row):
        values = {f: cells[c].value if c < len(cells) else None for f, c in columns.items()}
        if first and is_numbering_row([c.value for c in cells], columns):
            first = False
            continue
        first = False
        texts = {f: _text(v) for f, v in values.items()}
        if texts.get("sasaran"):
            sasaran = texts["sasaran"]  # merged down: only the top-left cell has it
        label = texts.get("indikator") or texts.get("sasaran") or ""
        if _SKIP_ROW.match(label):
            continue
        if any(_FOOTER.match(t) for t in texts.values() if t):
            break
        if not any(texts.get(f) for f in ("indikator", "satuan", *NUMERIC_FIELDS)):
            continue  # a sasaran-only or spacer row
        if len(raws) >= MAX_DATA_ROWS:
            findings.append(
                Finding(
                    "warning",
                    "TERLALU_BANYAK_BARIS",
                    f"Hanya {MAX_DATA_ROWS} baris pertama yang dibaca; pecah datanya.",
                )
            )
            break
        raw = _Raw(number, values, {}, texts, sasaran=sasaran)
        for name, col in columns.items():
            raw.cells[name] = cell_ref(cursor.title, get_column_letter(col + 1), number)
            if name in NUMERIC_FIELDS:
                cell = cells[col]
                percent = isinstance(cell.value, int | float) and scales_percent(cell.number_format)
                raw.numbers[name] = parse_number(cell.value, percent_format=percent)
        raws.append(raw)
    return raws


def _finish(
    wb: Any,
    path: Path,
    cursor: _Cursor,
    raws: list[_Raw],
    columns: dict[str, int],
    findings: list[Finding],
) -> list[IndicatorRow]:
    """Turn raw rows into indicator rows, once formulas without a stored value are known."""
    full_calc = bool(getattr(wb.calculation, "fullCalcOnLoad", False))
    blanks = any(raw.values.get(f) is None for raw in raws for f in NUMERIC_FIELDS if f in columns)
    formulas: dict[str, FormulaCell] = {}
    if cursor.part and (blanks or full_calc):
        formulas = scan_formulas(path, cursor.part)
    stale: list[str] = []
    rows: list[IndicatorRow] = []
    if raws and "polaritas" not in columns:
        findings.append(
            Finding(
                "warning",
                "POLARITAS_DIASUMSIKAN",
                "Kolom Polaritas tidak ada; semua indikator dianggap positif (semakin tinggi "
                "semakin baik). Tambahkan kolom Polaritas bila ada indikator negatif.",
            )
        )
    for raw in raws:
        uncached: list[str] = []
        for name in NUMERIC_FIELDS:
            ref = raw.cells.get(name, "").rpartition("!")[2]
            formula = formulas.get(ref)
            if formula is None:
                continue
            stale.append(raw.cells[name])
            if not formula.cached:
                uncached.append(name)
                findings.append(
                    Finding(
                        "error",
                        "FORMULA_NO_CACHE",
                        f"Sel {raw.cells[name]} berisi rumus yang belum pernah dihitung "
                        "(tidak ada nilai tersimpan). Buka berkas di Excel, pastikan nilainya "
                        "tampil, simpan, lalu kirim ulang.",
                        raw.cells[name],
                        raw.row,
                    )
                )
        for name in ("target", "realisasi", "capaian"):
            if _is_date(raw.values.get(name)):
                findings.append(
                    Finding(
                        "error",
                        "NILAI_TANGGAL",
                        f"Sel {raw.cells[name]} terbaca sebagai tanggal "
                        f"({cell_text(raw.values[name])}), bukan angka. Ubah format selnya "
                        "menjadi Angka lalu ketik ulang nilainya.",
                        raw.cells[name],
                        raw.row,
                    )
                )
        rows.append(_indicator(cursor.title, raw, "polaritas" in columns, tuple(uncached)))
    if full_calc and stale:
        findings.append(
            Finding(
                "warning",
                "FORMULA_BELUM_DIHITUNG",
                f"Berkas dibuat oleh program dan rumusnya ({len(stale)} sel, mis. {stale[0]}) "
                "belum dihitung ulang oleh Excel; nilai tersimpannya bisa keliru. Buka di "
                "Excel, simpan, lalu impor lagi.",
                stale[0],
            )
        )
    return rows


def _text(value: object) -> str:
    """Cell text without control characters (they break the .docx/.xlsx written later)."""
    text = cell_text(value)
    return strip_control(text) if isinstance(value, str) else text


def _is_date(value: object) -> bool:
    return isinstance(value, dt.date | dt.time | dt.timedelta)


def _indicator(
    sheet: str, raw: _Raw, has_polarity: bool, uncached: tuple[str, ...]
) -> IndicatorRow:
    text = raw.texts
    polaritas: Polaritas | None = (
        parse_polaritas(raw.values.get("polaritas")) if has_polarity else Polaritas.POSITIF
    )
    target, realisasi = raw.numbers.get("target"), raw.numbers.get("realisasi")
    return IndicatorRow(
        sheet=sheet,
        row=raw.row,
        sasaran=raw.sasaran,
        indikator=text.get("indikator", ""),
        satuan=text.get("satuan", ""),
        polaritas=polaritas,
        target=target,
        realisasi=realisasi,
        capaian=hitung_capaian(target, realisasi, polaritas).nilai,
        capaian_dilaporkan=raw.numbers.get("capaian"),
        keterangan=text.get("keterangan", ""),
        target_text=text.get("target", ""),
        realisasi_text=text.get("realisasi", ""),
        capaian_text=text.get("capaian", ""),
        polaritas_text=text.get("polaritas", ""),
        cells=dict(raw.cells),
        uncached=uncached,
    )


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
