"""The recap exported to .xlsx for the office's Excel: formatted, filterable, never a formula.

Text from OPD files is written as text: a value starting with ``=`` (or ``+ - @``) stays a
string cell with a quote prefix, so opening the export can never run what an OPD typed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kinerja_app import clock
from kinerja_app.documents.context import KODE_KERTAS_EXCEL
from kinerja_app.formatting import format_tanggal
from kinerja_app.queries.indikator import BarisIndikator
from kinerja_app.rekap.rekapitulasi import BarisRekap, Ringkasan
from kinerja_app.storage.files import atomic_output, strip_control

FORMAT_TANGGAL = "[$-421]d mmmm yyyy"  # Indonesian month names in any Excel
FORMAT_DESIMAL = "#,##0.00"
FORMAT_BULAT = "0"
HEADER_ROW = 4
_FORMULA_START = ("=", "+", "-", "@")
_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")


@dataclass(frozen=True)
class KolomXlsx:
    """One exported column: header, width in characters and the value of a record."""

    judul: str
    lebar: float
    nilai: Callable[[Any], object]
    format: str | None = None


def tulis_nilai(cell: Cell, value: object) -> None:
    """Write a value: numbers and dates as such, text literally (never a formula).

    Args:
        cell: the target cell.
        value: str, int, float, date, datetime, bool or ``None``.
    """
    if value is None:
        cell.value = None
        return
    if isinstance(value, str):
        text = strip_control(value)
        cell.value = text
        if text.startswith(_FORMULA_START):
            cell.data_type = "s"  # openpyxl would store "=..." as a formula
            cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
        return
    if isinstance(value, bool):
        cell.value = "Ya" if value else "Tidak"
        return
    if isinstance(value, int | float | dt.date | dt.datetime):
        cell.value = value
        return
    tulis_nilai(cell, str(value))


def tulis_tabel(
    ws: Worksheet,
    judul: str,
    keterangan: str,
    kolom: Sequence[KolomXlsx],
    records: Sequence[Any],
    kertas: str = "A4",
) -> None:
    """Fill a sheet: title, a note line, a formatted header, rows, frozen header, autofilter;
    set up to print: paper, landscape, one page wide, the header on every page, page numbers,
    long texts (OPD names) wrapped, never cut."""
    tulis_nilai(ws.cell(1, 1), judul)
    ws.cell(1, 1).font = Font(bold=True, size=13)
    tulis_nilai(ws.cell(2, 1), keterangan)
    ws.cell(2, 1).font = Font(italic=True)
    for c, col in enumerate(kolom, start=1):
        cell = ws.cell(HEADER_ROW, c)
        tulis_nilai(cell, col.judul)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(c)].width = col.lebar
    ws.row_dimensions[HEADER_ROW].height = 32
    for r, record in enumerate(records, start=HEADER_ROW + 1):
        lines = 1
        for c, col in enumerate(kolom, start=1):
            cell = ws.cell(r, c)
            value = col.nilai(record)
            tulis_nilai(cell, value)
            cell.border = _BORDER
            wrap = col.lebar >= 20
            cell.alignment = Alignment(vertical="top", wrap_text=wrap)
            if wrap and isinstance(value, str):
                lines = max(lines, baris_teks(value, col.lebar))
            if col.format:
                cell.number_format = col.format
        if lines > 1:  # Excel and LibreOffice do not grow a row for wrapped text on opening
            ws.row_dimensions[r].height = TINGGI_BARIS * lines
    last = HEADER_ROW + max(len(records), 1)
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 2)  # header and the OPD column stay visible
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(kolom))}{last}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.paperSize = KODE_KERTAS_EXCEL.get(kertas, KODE_KERTAS_EXCEL["A4"])
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.oddHeader.center.text = strip_control(judul).replace("&", "&&")
    ws.oddFooter.center.text = "Halaman &P dari &N"
    ws.print_area = f"A1:{get_column_letter(len(kolom))}{last}"


TINGGI_BARIS = 15.0  # points per line of 11-point text


def baris_teks(text: str, lebar: float) -> int:
    """How many lines ``text`` takes in a wrapped column ``lebar`` characters wide (words are
    not split; a little narrower than the width, as proportional text is uneven)."""
    room = max(int(lebar * 1.15), 1)
    lines, used = 1, 0
    for word in text.split():
        need = len(word) + (1 if used else 0)
        if used and used + need > room:
            lines, used = lines + 1, len(word)
        else:
            used += need
    return lines


def _tanggal(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value is not None else None


def _ketepatan(row: BarisRekap) -> str:
    if row.tepat_waktu is None:
        return ""
    return "Tepat waktu" if row.tepat_waktu else "Terlambat"


KOLOM_REKAP: tuple[KolomXlsx, ...] = (
    KolomXlsx("No", 5, lambda r: r[0], FORMAT_BULAT),
    KolomXlsx("Perangkat Daerah", 46, lambda r: r[1].nama),
    KolomXlsx("Status", 18, lambda r: r[1].status.label),
    KolomXlsx("Surat diterima", 18, lambda r: _tanggal(r[1].surat_diterima_pada), FORMAT_TANGGAL),
    KolomXlsx("Batas waktu", 18, lambda r: _tanggal(r[1].batas_waktu), FORMAT_TANGGAL),
    KolomXlsx("Data masuk", 18, lambda r: _tanggal(r[1].data_masuk_pada), FORMAT_TANGGAL),
    KolomXlsx("Ketepatan", 13, lambda r: _ketepatan(r[1])),
    KolomXlsx("Revisi", 8, lambda r: r[1].revisi or None, FORMAT_BULAT),
    KolomXlsx("Jumlah indikator", 11, lambda r: r[1].jumlah_indikator or None, FORMAT_BULAT),
    KolomXlsx("Kesalahan", 10, lambda r: r[1].jumlah_error if r[1].revisi else None, FORMAT_BULAT),
    KolomXlsx(
        "Peringatan", 10, lambda r: r[1].jumlah_peringatan if r[1].revisi else None, FORMAT_BULAT
    ),
    KolomXlsx("Rata-rata capaian (%)", 12, lambda r: r[1].capaian_rata, FORMAT_DESIMAL),
    KolomXlsx("Predikat", 14, lambda r: r[1].predikat),
)

KOLOM_INDIKATOR: tuple[KolomXlsx, ...] = (
    KolomXlsx("Perangkat Daerah", 36, lambda b: b.opd),
    KolomXlsx("No", 5, lambda b: b.urutan, FORMAT_BULAT),
    KolomXlsx("Sasaran", 34, lambda b: b.sasaran),
    KolomXlsx("Indikator", 44, lambda b: b.indikator),
    KolomXlsx("Satuan", 10, lambda b: b.satuan),
    KolomXlsx("Polaritas", 10, lambda b: b.polaritas.capitalize()),
    KolomXlsx("Target", 12, lambda b: b.target if b.target is not None else b.target_teks or None),
    KolomXlsx(
        "Realisasi",
        12,
        lambda b: b.realisasi if b.realisasi is not None else b.realisasi_teks or None,
    ),
    KolomXlsx("Capaian (%)", 11, lambda b: b.capaian, FORMAT_DESIMAL),
    KolomXlsx("Predikat", 14, lambda b: b.predikat),
    KolomXlsx("Temuan", 50, lambda b: "; ".join(t.pesan for t in b.temuan)),
)


def ekspor_rekap(
    path: Path,
    tahun: int,
    rows: Sequence[BarisRekap],
    ring: Ringkasan,
    indikator: Sequence[BarisIndikator] = (),
    *,
    dibuat: dt.date | None = None,
    kertas: str = "A4",
) -> Path:
    """Write the recap (and optionally every indicator) to an .xlsx, atomically.

    Args:
        path: the file to write.
        tahun: the data year.
        rows: recap rows in the order shown.
        ring: the summary line.
        indikator: indicator rows for a second sheet (none: no sheet).
        dibuat: the date printed under the title (default today).
        kertas: the paper it prints on, "A4" or "F4" (the setting).
    Returns:
        ``path``.
    """
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new Workbook always has one sheet
    ws.title = "Rekapitulasi"
    when = format_tanggal(dibuat or clock.today())
    tulis_tabel(
        ws,
        f"Rekapitulasi Penyampaian Data Kinerja Perangkat Daerah Tahun {tahun}",
        f"{ring.teks()} — keadaan {when}",
        KOLOM_REKAP,
        list(enumerate(rows, start=1)),
        kertas,
    )
    if indikator:
        tulis_tabel(
            wb.create_sheet("Indikator"),
            f"Data Indikator Kinerja Perangkat Daerah Tahun {tahun}",
            f"Revisi terakhir tiap OPD — keadaan {when}",
            KOLOM_INDIKATOR,
            list(indikator),
            kertas,
        )
    with atomic_output(path) as handle:
        wb.save(handle)
    return path
