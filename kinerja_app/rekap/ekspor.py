"""The recap exported to .xlsx for the office's Excel: formatted, filterable, never a formula.

Written with XlsxWriter, a writer made for producing workbooks: each column's style (border,
number or date format) is made once and every cell of the column refers to it, so the export
costs about what writing the bare values costs (openpyxl styles each cell anew: ~3x). The
border stays on the table; the empty rows around it stay plain.

Text from OPD files is written as text: a value starting with ``=`` (or ``+ - @``) stays a
string cell with a quote prefix, so opening the export can never run what an OPD typed.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xlsxwriter import Workbook
from xlsxwriter.worksheet import Worksheet

from kinerja_app import clock
from kinerja_app.documents.context import KODE_KERTAS_EXCEL
from kinerja_app.formatting import format_tanggal
from kinerja_app.queries.indikator import BarisIndikator
from kinerja_app.rekap.rekapitulasi import BarisRekap, Ringkasan
from kinerja_app.storage.files import atomic_output, strip_control

FORMAT_TANGGAL = "[$-421]d mmmm yyyy"  # Indonesian month names in any Excel
# Indonesian separators ("97,81") in LibreOffice whatever its locale, as the dates; Excel takes
# the separators from Windows and ignores the tag
FORMAT_DESIMAL = "[$-421]#,##0.00"
FORMAT_ANGKA = "[$-421]General"  # a target or realisasi as the OPD wrote it: 95, 76,83
FORMAT_BULAT = "0"
HEADER_ROW = 4  # 1-based, as Excel shows it
_FORMULA_START = ("=", "+", "-", "@")
_BORDER = {"border": 1, "border_color": "#A6A6A6"}
_HEADER = {
    **_BORDER,
    "bold": True,
    "bg_color": "#D9E1F2",
    "align": "center",
    "valign": "vcenter",
    "text_wrap": True,
}


@dataclass(frozen=True)
class KolomXlsx:
    """One exported column: header, width in characters and the value of a record."""

    judul: str
    lebar: float
    nilai: Callable[[Any], object]
    format: str | None = None


class KolomFormat:
    """A column's formats, made once: its cells', and the same with a quote prefix for text
    that Excel would otherwise read as a formula when the cell is edited."""

    def __init__(self, wb: Workbook, kolom: KolomXlsx) -> None:
        self.wrap = kolom.lebar >= 20  # long texts (OPD names, indicators) wrap, never cut
        props: dict[str, object] = {**_BORDER, "valign": "top", "text_wrap": self.wrap}
        if kolom.format:
            props["num_format"] = kolom.format
        self.format = wb.add_format(props)
        self.quoted = wb.add_format({**props, "quote_prefix": True})


def tulis_nilai(ws: Worksheet, row: int, col: int, value: object, kolom: KolomFormat) -> None:
    """Write a value at 0-based (row, col) in its column's format: numbers and dates as such,
    text literally (text starting like a formula with a quote prefix), ``None`` as a blank.

    Args:
        ws: the sheet.
        row: 0-based row.
        col: 0-based column.
        value: str, int, float, date, datetime, bool or ``None``.
        kolom: the column's formats.
    """
    fmt = kolom.format
    if value is None:
        ws.write_blank(row, col, None, fmt)
    elif isinstance(value, bool):
        ws.write_string(row, col, "Ya" if value else "Tidak", fmt)
    elif isinstance(value, int | float):
        if math.isfinite(value):
            ws.write_number(row, col, value, fmt)
        else:  # Excel has no infinity: say what it is rather than show a wrong number
            ws.write_string(row, col, str(value), fmt)
    elif isinstance(value, dt.date):  # datetime is a date too
        ws.write_datetime(row, col, value, fmt)
    else:
        text = strip_control(str(value))
        if text.startswith(_FORMULA_START):
            ws.write_string(row, col, text, kolom.quoted)
        elif text:
            ws.write_string(row, col, text, fmt)
        else:
            ws.write_blank(row, col, None, fmt)


def tulis_tabel(
    wb: Workbook,
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
    ws.write_string(0, 0, strip_control(judul), wb.add_format({"bold": True, "font_size": 13}))
    ws.write_string(1, 0, strip_control(keterangan), wb.add_format({"italic": True}))
    header = wb.add_format(_HEADER)
    top = HEADER_ROW - 1
    for c, col in enumerate(kolom):
        ws.set_column(c, c, col.lebar)
        ws.write_string(top, c, col.judul, header)
    ws.set_row(top, 32)
    getters = [(c, col.nilai, KolomFormat(wb, col), col.lebar) for c, col in enumerate(kolom)]
    for r, record in enumerate(records, start=top + 1):
        lines = 1
        for c, nilai, fmt, lebar in getters:
            value = nilai(record)
            tulis_nilai(ws, r, c, value, fmt)
            if fmt.wrap and isinstance(value, str):
                lines = max(lines, baris_teks(value, lebar))
        if lines > 1:  # Excel and LibreOffice do not grow a row for wrapped text on opening
            ws.set_row(r, TINGGI_BARIS * lines)
    last = top + max(len(records), 1)
    ws.freeze_panes(top + 1, 1)  # header and the OPD column stay visible
    ws.autofilter(top, 0, last, len(kolom) - 1)
    ws.repeat_rows(top)
    ws.set_paper(KODE_KERTAS_EXCEL.get(kertas, KODE_KERTAS_EXCEL["A4"]))
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    ws.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
    ws.set_header("&C" + strip_control(judul).replace("&", "&&"))
    ws.set_footer("&CHalaman &P dari &N")
    ws.print_area(0, 0, last, len(kolom) - 1)


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
    KolomXlsx(
        "Target",
        12,
        lambda b: b.target if b.target is not None else b.target_teks or None,
        FORMAT_ANGKA,
    ),
    KolomXlsx(
        "Realisasi",
        12,
        lambda b: b.realisasi if b.realisasi is not None else b.realisasi_teks or None,
        FORMAT_ANGKA,
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
    with atomic_output(path) as handle:
        wb = Workbook(handle, {"strings_to_formulas": False, "strings_to_urls": False})
        when = format_tanggal(dibuat or clock.today())
        tulis_tabel(
            wb,
            wb.add_worksheet("Rekapitulasi"),
            f"Rekapitulasi Penyampaian Data Kinerja Perangkat Daerah Tahun {tahun}",
            f"{ring.teks()} — keadaan {when}",
            KOLOM_REKAP,
            list(enumerate(rows, start=1)),
            kertas,
        )
        if indikator:
            tulis_tabel(
                wb,
                wb.add_worksheet("Indikator"),
                f"Data Indikator Kinerja Perangkat Daerah Tahun {tahun}",
                f"Revisi terakhir tiap OPD — keadaan {when}",
                KOLOM_INDIKATOR,
                indikator,
                kertas,
            )
        wb.close()
    return path
