"""The rows of one sheet's data table: cursor over a read-only sheet, raw rows, indicator rows.

Split from :mod:`kinerja_app.importer.reader`, which chooses the sheet and header.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from kinerja_app.importer.data import NUMERIC_FIELDS, Finding, IndicatorRow, cell_ref
from kinerja_app.importer.formulas import FormulaCell, scan_formulas
from kinerja_app.importer.layout import HEAD_ROWS, HeaderMatch, is_numbering_row, parse_polaritas
from kinerja_app.importer.numbers import cell_text, parse_number, scales_percent
from kinerja_app.rekap.capaian import Polaritas, hitung_capaian
from kinerja_app.storage.files import strip_control

MAX_COLS = 40  # columns looked at; a lying dimension header (A1:XFD1048576) costs nothing
MAX_DATA_ROWS = 5000
EMPTY_RUN_STOP = 30  # this many empty rows in a row end the table
_SKIP_ROW = re.compile(r"^(jumlah|total|rata[- ]?rata|nilai rata)", re.IGNORECASE)
_FOOTER = re.compile(r"^(nip\.?\b|mengetahui|kepala\s|plt\.?\s|pj\.?\s|nanga bulik,)", re.I)

Row = tuple[Any, ...]


@dataclass
class SheetCursor:
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
        for cells in itertools.chain(self.head, self.rest):
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


@dataclass
class RawRow:
    """A table row before formulas are known: values, cells and their parsed numbers."""

    row: int
    values: dict[str, Any]
    cells: dict[str, str]
    texts: dict[str, str]
    numbers: dict[str, float | None] = field(default_factory=dict)
    sasaran: str = ""


def open_cursor(ws: Any) -> SheetCursor:
    """Start reading a read-only sheet: its first rows (to find a header) and the rest."""
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
    return SheetCursor(ws.title, ws.sheet_state != "visible", part, head, rest)


def values_of(rows: Sequence[Row]) -> list[list[Any]]:
    """Cell values of read-only rows."""
    return [[c.value for c in cells] for cells in rows]


def read_table(
    cursor: SheetCursor, header_row: int, columns: dict[str, int], findings: list[Finding]
) -> list[RawRow]:
    """Read the data rows under the header: skip a numbering row, fill sasaran down, stop at
    the signature block or a long empty run; findings go to ``findings``."""
    raws: list[RawRow] = []
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
        if _SKIP_ROW.match(label) and not texts.get("satuan") and not texts.get("target"):
            continue  # "Rata-rata capaian" under the table; "Jumlah peserta" is an indicator
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
        raw = RawRow(number, values, {}, texts, sasaran=sasaran)
        for name, col in columns.items():
            raw.cells[name] = cell_ref(cursor.title, get_column_letter(col + 1), number)
            if name in NUMERIC_FIELDS:
                cell = cells[col]
                percent = isinstance(cell.value, int | float) and scales_percent(cell.number_format)
                raw.numbers[name] = parse_number(cell.value, percent_format=percent)
        raws.append(raw)
    return raws


def build_rows(
    path: Path,
    cursor: SheetCursor,
    raws: list[RawRow],
    columns: dict[str, int],
    findings: list[Finding],
    full_calc: bool,
) -> list[IndicatorRow]:
    """Turn raw rows into indicator rows, once formulas without a stored value are known."""
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
            if name == "capaian":
                # The app computes capaian itself from target and realisasi; an uncalculated
                # capaian formula (the format isian's own, saved by a program) only means there
                # is no stated capaian to compare with, which is not the OPD's mistake.
                if not formula.cached:
                    uncached.append(name)
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
    sheet: str, raw: RawRow, has_polarity: bool, uncached: tuple[str, ...]
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
