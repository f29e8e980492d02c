"""Workbooks for importer tests, built in tmp_path the way OPDs' files look."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl
import xlsxwriter

from kinerja_app.importer import isian_format

HEADER = ["No", "Sasaran", "Indikator", "Satuan", "Polaritas", "Target", "Realisasi", "Capaian"]


def xlsx(
    path: Path,
    rows: Sequence[Sequence[Any]],
    *,
    sheet: str = "Sheet1",
    start_row: int = 0,
    before: Sequence[str] = (),
) -> Path:
    """Write ``rows`` (first one the header) with xlsxwriter at 0-based ``start_row``.

    ``before`` names empty sheets written before the data sheet.
    """
    wb = xlsxwriter.Workbook(str(path))
    for name in before:
        wb.add_worksheet(name).write(0, 0, "Petunjuk pengisian: isi lembar data.")
    ws = wb.add_worksheet(sheet)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if value is not None:
                ws.write(start_row + r, c, value)
    wb.close()
    return path


def standard_rows(n: int = 3) -> list[list[Any]]:
    """A header and ``n`` plain positive indicators (target 100, realisasi 90 + i)."""
    rows: list[list[Any]] = [list(HEADER)]
    for i in range(n):
        rows.append([i + 1, "Sasaran A", f"Indikator {i + 1}", "%", "Positif", 100, 90 + i, None])
    return rows


def rewrite_member(path: Path, name: str, data: bytes | None, *, add: bool = False) -> Path:
    """Replace (or with ``add``, append) one zip member; ``data`` None removes it."""
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as target:
        for info, content in members:
            if info.filename == name and not add:
                if data is not None:
                    target.writestr(name, data)
                continue
            target.writestr(info, content)
        if add and data is not None:
            target.writestr(name, data)
    tmp.replace(path)
    return path


def read_member(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name)


def format_isian(path: Path, *, opd_kode: str = "1.02.01", tahun: str = "2025") -> Path:
    """The app's own format isian: title rows, data sheet, very hidden meta sheet (openpyxl)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = isian_format.DATA_SHEET
    ws["A1"] = "FORMAT ISIAN DATA KINERJA"
    ws["A2"] = "Perangkat Daerah: Dinas Kesehatan"
    ws.append([])
    ws.append(list(isian_format.COLUMNS))
    ws.append([1, "Meningkatnya derajat kesehatan", "Angka harapan hidup", "Tahun", "Positif"])
    ws["F5"], ws["G5"], ws["H5"] = 70, 70.7, 101
    ws.append([2, None, "Angka kematian bayi", "per 1.000 KH", "Negatif", 10, 8, 120])
    meta = wb.create_sheet(isian_format.META_SHEET)
    values = {
        "aplikasi": isian_format.META_APP,
        "versi_format": isian_format.FORMAT_VERSION,
        "opd_kode": opd_kode,
        "opd_nama": "Dinas Kesehatan",
        "tahun": tahun,
        "surat_nomor": "050/123/ORG/2026",
        "periode_id": "7",
    }
    for key in isian_format.META_KEYS:
        meta.append([key, values[key]])
    meta.sheet_state = "veryHidden"
    wb.save(path)
    return path
