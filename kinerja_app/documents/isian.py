"""The Format Isian Data Kinerja workbook sent to each OPD, built to the isian_format contract.

Layout: the data sheet (``DATA_SHEET``) has the header row ``COLUMNS`` in row 1 from column A
and data from row 2; the OPD and year are printed in the page header and on a "Petunjuk"
sheet; the keys ``META_KEYS`` sit in the veryHidden ``META_SHEET`` (key in A, value in B).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from kinerja_app import clock
from kinerja_app.documents.context import KODE_KERTAS_EXCEL
from kinerja_app.formatting import format_tanggal
from kinerja_app.importer.isian_format import (
    COLUMNS,
    DATA_SHEET,
    FORMAT_VERSION,
    META_APP,
    META_KEYS,
    META_SHEET,
    POLARITAS_CHOICES,
)
from kinerja_app.rekap.capaian import Polaritas
from kinerja_app.storage.files import atomic_output, strip_control

# (sasaran, indikator, satuan, polaritas, target) from the OPD's last accepted data
IndikatorAwal = tuple[str, str, str, Polaritas | str | None, float | None]

HEADER_ROW = 1
FIRST_DATA_ROW = 2
BARIS_TAMBAHAN = 30
_COL = {label: index for index, label in enumerate(COLUMNS, start=1)}
_WIDTHS = {
    "No": 5,
    "Sasaran": 34,
    "Indikator": 42,
    "Satuan": 12,
    "Polaritas": 12,
    "Target": 12,
    "Realisasi": 12,
    "Capaian (%)": 12,
    "Keterangan": 30,
}
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_LOCKED_FILL = PatternFill("solid", fgColor="F2F2F2")
_BATAS_ANGKA = "1000000000000000"


def _kode_kertas(kertas: str) -> int:
    """Excel's paper code of the setting "A4" or "F4" (A4 when unknown)."""
    return KODE_KERTAS_EXCEL.get(kertas, KODE_KERTAS_EXCEL["A4"])


def _letter(label: str) -> str:
    return str(get_column_letter(_COL[label]))


def polaritas_label(value: Polaritas | str | None) -> str:
    """The list value for a polarity ("Positif"/"Negatif"); empty when unknown."""
    if value is None:
        return ""
    text = str(value.value if isinstance(value, Polaritas) else value).strip()
    for choice in POLARITAS_CHOICES:
        if text.lower() == choice.lower():
            return choice
    return ""


def _text(cell: Cell, value: str) -> None:
    """Write text literally: a leading "=" stays text, never a formula."""
    cell.value = strip_control(value)
    if isinstance(cell.value, str) and cell.value.startswith("="):
        cell.data_type = "s"


def capaian_formula(row: int) -> str:
    """Capaian by polarity, as capaian.hitung_capaian: blank when it cannot be computed."""
    t, r, p = (f"{_letter(c)}{row}" for c in ("Target", "Realisasi", "Polaritas"))
    return (
        f'=IF(AND(ISNUMBER({t}),ISNUMBER({r}),OR({p}="Positif",{p}="Negatif")),'
        f'IF({t}=0,IF(AND({p}="Negatif",{r}<=0),100,""),'
        f'IF(OR(AND({p}="Negatif",{t}>0),AND({p}="Positif",{t}<0)),'
        f'(2*{t}-{r})/{t}*100,{r}/{t}*100)),"")'
    )


def _header(ws: Worksheet) -> None:
    for label, col in _COL.items():
        cell = ws.cell(HEADER_ROW, col, label)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(col)].width = _WIDTHS.get(label, 14)
    ws.row_dimensions[HEADER_ROW].height = 30
    ws.freeze_panes = f"A{FIRST_DATA_ROW}"


def _validations(ws: Worksheet, last_row: int) -> None:
    pol = DataValidation(
        type="list",
        formula1='"' + ",".join(POLARITAS_CHOICES) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Polaritas",
        error="Pilih Positif (semakin tinggi semakin baik) atau Negatif.",
        promptTitle="Polaritas",
        prompt="Positif: semakin tinggi semakin baik. Negatif: semakin rendah semakin baik.",
        showInputMessage=True,
    )
    pol.add(f"{_letter('Polaritas')}{FIRST_DATA_ROW}:{_letter('Polaritas')}{last_row}")
    angka = DataValidation(
        type="decimal",
        operator="between",
        formula1=f"-{_BATAS_ANGKA}",
        formula2=_BATAS_ANGKA,
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Angka",
        error="Isi dengan angka (gunakan koma atau titik sesuai pengaturan Excel).",
    )
    for label in ("Target", "Realisasi"):
        angka.add(f"{_letter(label)}{FIRST_DATA_ROW}:{_letter(label)}{last_row}")
    ws.add_data_validation(pol)
    ws.add_data_validation(angka)


def _row(ws: Worksheet, row: int, nomor: int | None, item: IndikatorAwal | None) -> None:
    for label, col in _COL.items():
        cell = ws.cell(row, col)
        cell.border = _BORDER
        cell.alignment = Alignment(vertical="top", wrap_text=label in ("Sasaran", "Indikator"))
        editable = label != "Capaian (%)"
        cell.protection = Protection(locked=not editable)
        if not editable:
            cell.fill = _LOCKED_FILL
    if nomor is not None:
        ws.cell(row, _COL["No"], nomor)
    if item is not None:
        sasaran, indikator, satuan, polaritas, target = item
        _text(ws.cell(row, _COL["Sasaran"]), sasaran)
        _text(ws.cell(row, _COL["Indikator"]), indikator)
        _text(ws.cell(row, _COL["Satuan"]), satuan)
        ws.cell(row, _COL["Polaritas"], polaritas_label(polaritas))
        ws.cell(row, _COL["Target"], target)
    capaian = ws.cell(row, _COL["Capaian (%)"], capaian_formula(row))
    capaian.number_format = "0.00"


def _meta(wb: Workbook, values: dict[str, str | int]) -> None:
    meta = wb.create_sheet(META_SHEET)
    for row, key in enumerate(META_KEYS, start=1):
        meta.cell(row, 1, key)
        value = values[key]
        cell = meta.cell(row, 2)
        if isinstance(value, str):
            _text(cell, value)
        else:
            cell.value = value
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True


def _petunjuk(
    wb: Workbook,
    opd_nama: str,
    tahun: int,
    surat_nomor: str,
    batas_waktu: dt.date | None,
    kertas: str,
) -> None:
    ws = wb.create_sheet("Petunjuk")
    ws.page_setup.paperSize = _kode_kertas(kertas)  # printed with the table, on its paper
    lines = [
        ("Format Isian Data Kinerja", True),
        (f"Perangkat Daerah: {opd_nama}", False),
        (f"Tahun data: {tahun}", False),
        (f"Surat permintaan: {surat_nomor or '-'}", False),
        (
            "Batas penyampaian: "
            + (format_tanggal(batas_waktu, hari=True) if batas_waktu else "lihat surat permintaan"),
            bool(batas_waktu),
        ),
        ("", False),
        (f"1. Isi lembar '{DATA_SHEET}' mulai baris {FIRST_DATA_ROW}; judul jangan diubah.", False),
        ("2. Polaritas: Positif bila semakin tinggi semakin baik, Negatif bila sebaliknya.", False),
        ("3. Target dan Realisasi diisi angka; Capaian (%) dihitung otomatis.", False),
        ("4. Indikator baru ditambahkan pada baris kosong di bawah daftar.", False),
        (
            "    Bila baris kosong kurang, sisipkan baris (klik kanan nomor baris, lalu Sisipkan).",
            False,
        ),
        ("5. Jangan mengganti nama lembar atau menambah kolom.", False),
    ]
    for row, (text, bold) in enumerate(lines, start=1):
        _text(ws.cell(row, 1), text)
        ws.cell(row, 1).font = Font(bold=bold, size=13 if bold else 11)
    ws.column_dimensions["A"].width = 100
    ws.page_setup.fitToWidth = 1  # one page wide whatever the lines' length
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def buat_format_isian(
    out_path: Path,
    *,
    opd_kode: str,
    opd_nama: str,
    tahun: int,
    indikator: Sequence[IndikatorAwal] = (),
    surat_nomor: str = "",
    periode_id: int | str = "",
    baris_tambahan: int = BARIS_TAMBAHAN,
    batas_waktu: dt.date | None = None,
    kertas: str = "A4",
    dibuat: dt.datetime | None = None,
) -> Path:
    """Write the Format Isian Data Kinerja of one OPD.

    Args:
        out_path: the .xlsx to write (atomically).
        opd_kode: the OPD's code, stored in the meta sheet.
        opd_nama: the OPD's name.
        tahun: the year the data covers.
        indikator: prefilled rows from the last accepted data.
        surat_nomor: number of the request letter.
        periode_id: the collection period's id.
        baris_tambahan: empty rows left for new indicators.
        batas_waktu: the deadline of the signed letter, printed on the Petunjuk sheet.
        kertas: "A4" or "F4" (the paper the sheet is set up to print on).
        dibuat: the workbook's creation time (default now): the same input gives the same file.
    Returns:
        ``out_path``.
    """
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new Workbook always has one sheet
    ws.title = DATA_SHEET
    _header(ws)
    last = FIRST_DATA_ROW + len(indikator) + baris_tambahan - 1
    for offset, item in enumerate(indikator):
        _row(ws, FIRST_DATA_ROW + offset, offset + 1, item)
    for row in range(FIRST_DATA_ROW + len(indikator), last + 1):
        _row(ws, row, None, None)
    _validations(ws, last)
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # False = allowed: widen columns, resize rows
    ws.protection.formatRows = False
    ws.protection.insertRows = False  # more new indicators than blank rows: insert more
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = _kode_kertas(kertas)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    header = strip_control(f"Format Isian Data Kinerja — {opd_nama} — Tahun {tahun}")
    ws.oddHeader.center.text = header.replace("&", "&&")  # "&" starts a header code
    ws.oddFooter.center.text = "Halaman &P dari &N"
    _petunjuk(wb, opd_nama, tahun, surat_nomor, batas_waktu, kertas)
    wb.properties.created = wb.properties.modified = dibuat or clock.now()
    _meta(
        wb,
        {
            "aplikasi": META_APP,
            "versi_format": FORMAT_VERSION,
            "opd_kode": opd_kode,
            "opd_nama": opd_nama,
            "tahun": tahun,
            "surat_nomor": surat_nomor,
            "periode_id": periode_id,
        },
    )
    wb.active = 0
    with atomic_output(out_path) as handle:
        wb.save(handle)
    return out_path
