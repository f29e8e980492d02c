"""Test workbooks laid out like the tables OPDs really send, one builder per layout family.

Each builder writes a grid (values plus merged ranges) that follows the published form:

* ``e81`` — Permendagri 86/2017 "Evaluasi terhadap Hasil Renja Perangkat Daerah" (E.81): three
  header rows (group labels, Triwulan I–IV, K/Rp), a numbering row "1 … 13=6+12 14=13/5x100%",
  urusan/bidang rows without values, program rows with an outcome indicator, values written
  with their unit ("12 Dokumen"), "Rata-rata capaian kinerja (%)", "Predikat kinerja",
  "Faktor pendorong …" rows and a "Disusun / Dievaluasi" signature block.
* ``lkjip`` — LKjIP Bab III capaian table: title rows, a year group over Target / Realisasi /
  Capaian (or nested the other way), last year's realisation, the Renstra end target, a
  numbering row (1) (2) …, merged sasaran cells, a sasaran-level capaian merged over its
  indicators, "Rata-rata" and "Predikat" rows.
* ``kombinasi`` — one "Sasaran Strategis / Indikator Kinerja" column with numbered sasaran
  rows above their indicators.
* ``esakip`` — an e-SAKIP "Pengukuran Kinerja per Triwulan" export: Polarisasi (Maximize /
  Minimize / Stabilize), Target, Realisasi TW 1–4 without an annual column, "Capaian Kinerja PK".
* ``pk`` — a Perjanjian Kinerja sent by mistake (targets only, PIHAK PERTAMA / KEDUA).

Writers: ``write_xlsx`` (xlsxwriter, merges kept), ``write_xls`` (xlwt), ``write_ods``
(hand-written OpenDocument, spans as ``number-columns-spanned``) and ``write_html`` (a table
with rowspan/colspan, as web apps serve "Export Excel").
"""

from __future__ import annotations

import html
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import xlsxwriter

Merge = tuple[int, int, int, int]  # r0, c0, r1, c1 (0-based, inclusive)


@dataclass
class Grid:
    """A sheet to write: cells by (row, col), merged ranges, a title."""

    sheet: str = "Sheet1"
    cells: dict[tuple[int, int], Any] = field(default_factory=dict)
    merges: list[Merge] = field(default_factory=list)
    percent: set[tuple[int, int]] = field(default_factory=set)
    hidden_rows: set[int] = field(default_factory=set)  # rows hidden in Excel (0-based)

    def put(self, row: int, col: int, *values: Any) -> None:
        for offset, value in enumerate(values):
            if value is not None:
                self.cells[(row, col + offset)] = value

    def merge(self, r0: int, c0: int, r1: int, c1: int, value: Any) -> None:
        self.cells[(r0, c0)] = value
        if (r0, c0) != (r1, c1):
            self.merges.append((r0, c0, r1, c1))

    @property
    def height(self) -> int:
        return max((r for r, _ in self.cells), default=-1) + 1

    @property
    def width(self) -> int:
        return max((c for _, c in self.cells), default=-1) + 1


# --- E.81 -------------------------------------------------------------------------------------
E81_ROWS = [
    # sasaran, program/kegiatan, indikator, renstra K, s.d. lalu K, target K, TW1..4, realisasi K
    ("Meningkatnya kualitas perencanaan", "Program Perencanaan Pembangunan Daerah",
     "Persentase dokumen perencanaan tepat waktu", "100 %", "80 %", "95 %",
     "20 %", "45 %", "70 %", "92 %", "92 %"),
    (None, "Penyusunan RKPD", "Jumlah dokumen RKPD", "5 Dokumen", "3 Dokumen", "1 Dokumen",
     "0 Dokumen", "0 Dokumen", "1 Dokumen", "0 Dokumen", "1 Dokumen"),
    (None, "Monitoring dan evaluasi", "Jumlah laporan evaluasi", "20 Laporan", "12 Laporan",
     "4 Laporan", "1 Laporan", "1 Laporan", "1 Laporan", "1 Laporan", "4 Laporan"),
]  # fmt: skip


def e81(tahun: int = 2025, *, numbering_between: bool = False, with_capaian: bool = False) -> Grid:
    """The E.81 evaluation form of one Perangkat Daerah (Kabupaten Lamandau style).

    ``numbering_between`` puts the numbering row between the Triwulan and K/Rp rows (a variant
    seen in published forms); ``with_capaian`` adds "Tingkat Capaian Kinerja Renja yang
    dievaluasi" (a year-level capaian) before the Renstra columns.
    """
    g = Grid("E81")
    g.put(0, 0, f"EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH TAHUN {tahun}")
    g.put(1, 0, "Perangkat Daerah: Badan Perencanaan Pembangunan Daerah")
    g.put(2, 0, "Indikator dan target kinerja Perangkat Daerah yang mengacu pada sasaran RKPD:")
    top = 4
    label_cols = [
        "No",
        "Sasaran",
        "Program/Kegiatan",
        "Indikator Kinerja Program (outcome)/ Kegiatan (output)",
    ]
    for c, label in enumerate(label_cols):
        g.merge(top, c, top + 2, c, label)
    groups = [
        f"Target Renstra Perangkat Daerah pada Tahun {tahun + 1} (Akhir Periode Renstra Perangkat Daerah)",
        f"Realisasi Capaian Kinerja Renstra Perangkat Daerah sampai dengan Renja Perangkat Daerah Tahun Lalu ({tahun - 1})",
        f"Target Kinerja dan Anggaran Renja Perangkat Daerah Tahun Berjalan yang Dievaluasi ({tahun})",
    ]
    c = 4
    for label in groups:
        g.merge(top, c, top + 1, c + 1, label)
        c += 2
    g.merge(top, c, top, c + 7, "Realisasi Kinerja Pada Triwulan")
    for q, roman in enumerate(("I", "II", "III", "IV")):
        g.merge(top + 1, c + 2 * q, top + 1, c + 2 * q + 1, roman)
    c += 8
    tail = [
        f"Realisasi Capaian Kinerja dan Anggaran Renja Perangkat Daerah yang Dievaluasi ({tahun})"
    ]
    if with_capaian:
        tail.append(
            f"Tingkat Capaian Kinerja dan Realisasi Anggaran Renja Perangkat Daerah yang Dievaluasi ({tahun}) (%)"
        )
    tail += [
        f"Realisasi Kinerja dan Anggaran Renstra Perangkat Daerah s/d Tahun {tahun} (Akhir Tahun Pelaksanaan Renja Perangkat Daerah Tahun {tahun})",
        f"Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra Perangkat Daerah s/d Tahun {tahun} (%)",
    ]
    for label in tail:
        g.merge(top, c, top + 1, c + 1, label)
        c += 2
    g.merge(top, c, top + 2, c, "Unit Perangkat Daerah Penanggung Jawab")
    g.merge(top, c + 1, top + 2, c + 1, "Ket.")
    last = c + 1
    kr_row = top + 2
    numbering_row = top + 3
    if numbering_between:
        # numbering between the Triwulan row and the K/Rp row, as some published forms do
        kr_row, numbering_row = top + 3, top + 2
        for col in range(4):
            g.merges.remove((top, col, top + 2, col))
            g.merge(top, col, top + 1, col, label_cols[col])
        g.merges = [m for m in g.merges if m[0] != top or m[2] != top + 2]
        g.merge(top, c, top + 1, c, "Unit Perangkat Daerah Penanggung Jawab")
        g.merge(top, c + 1, top + 1, c + 1, "Ket.")
    for col in range(4, c, 2):
        g.put(kr_row, col, "K", "Rp")
    numbers: list[Any] = [str(i) for i in range(1, 12)]
    numbers = numbers[:4] + [x for i in range(5, 12) for x in (str(i), None)]
    extra = ["12=8+9+10+11", None]
    if with_capaian:
        extra += ["13=12/7x100%", None]
    extra += ["14=6+12", None, "15=14/5x100%", None, "16", "17"]
    g.put(numbering_row, 0, *(numbers + extra))
    r = top + 4
    g.put(r, 0, None, None, "1. Urusan Pemerintahan Bidang Perencanaan")
    r += 1
    first = r
    for i, row in enumerate(E81_ROWS):
        sasaran, program, indikator, renstra, lalu, target, *quarters, realisasi = row
        g.put(r, 0, i + 1, sasaran, program, indikator)
        g.put(r, 4, renstra, 5_000_000_000, lalu, 3_100_000_000, target, 1_200_000_000)
        for q, value in enumerate(quarters):
            g.put(r, 10 + 2 * q, value, 250_000_000 + q)
        g.put(r, 18, realisasi, 1_150_000_000)
        col = 20
        if with_capaian:
            g.put(r, col, {0: "96,84", 1: "100", 2: "100"}[i], "95,83")
            col += 2
        g.put(r, col, "172", 4_250_000_000, "85", "85", "Bidang Perencanaan", None)
        r += 1
    g.merges.append((first, 1, r - 1, 1))  # the sasaran merged over its rows
    for text in (
        "Rata-rata capaian kinerja (%)",
        "Predikat kinerja",
        "Faktor pendorong keberhasilan kinerja: dukungan pimpinan",
        "Faktor penghambat pencapaian kinerja: data terlambat",
        "Tindak lanjut yang diperlukan dalam triwulan berikutnya: percepatan",
    ):
        g.merge(r, 0, r, 9, text)
        if text.startswith("Rata"):
            g.put(r, 19, "96,67")
        if text.startswith("Predikat"):
            g.put(r, 19, "Sangat Tinggi")
        r += 1
    r += 1
    g.put(r, 3, "Disusun", None, None, None, None, None, None, None, None, "Dievaluasi")
    g.put(r + 1, 3, "Nanga Bulik, 20 Januari 2026")
    g.put(r + 4, 3, "KEPALA BADAN PERENCANAAN")
    g.put(r + 5, 3, "NIP. 19700101 199003 1 001")
    del last
    return g


# --- LKjIP Bab III ----------------------------------------------------------------------------
LKJIP_ROWS = [
    # sasaran, indikator, satuan, realisasi tahun lalu, target, realisasi, capaian, target akhir
    ("Meningkatnya derajat kesehatan masyarakat", "Angka Kematian Ibu", "per 100.000 KH",
     110.0, 100.0, 120.0, 80.0, 90.0),
    (None, "Angka Harapan Hidup", "tahun", 70.1, 70.5, 70.6, 100.14, 71.0),
    (None, "Prevalensi balita stunting", "%", 22.0, 18.0, 16.5, 108.33, 14.0),
    ("Meningkatnya mutu pelayanan kesehatan", "Indeks Kepuasan Masyarakat", "indeks",
     80.0, 82.0, 84.0, 102.44, 85.0),
]  # fmt: skip


def lkjip(
    tahun: int = 2025,
    *,
    nested: str = "year-over",
    capaian_sasaran: bool = True,
    capaian_merged: bool = False,
) -> Grid:
    """Tabel 3.x Pengukuran Kinerja of an LKjIP: year group over Target/Realisasi/Capaian
    (``nested="year-over"``) or Target/Realisasi groups over the years (``"field-over"``).
    ``capaian_merged`` writes the capaian once per sasaran, merged over its indicators."""
    g = Grid("Tabel 3.1")
    g.put(0, 0, "TABEL 3.1")
    g.put(1, 0, f"PENGUKURAN KINERJA DINAS KESEHATAN TAHUN {tahun}")
    top = 3
    for c, label in enumerate(["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan"]):
        g.merge(top, c, top + 1, c, label)
    if nested == "year-over":
        g.merge(top, 4, top + 1, 4, f"Realisasi {tahun - 1}")
        g.merge(top, 5, top, 7, str(tahun))
        g.put(top + 1, 5, "Target", "Realisasi", "Capaian (%)")
        g.merge(top, 8, top + 1, 8, f"Target Akhir Renstra ({tahun + 1})")
    else:
        g.merge(top, 4, top, 5, "Realisasi")
        g.put(top + 1, 4, str(tahun - 1), str(tahun))
        g.merge(top, 6, top + 1, 6, f"Target {tahun}")
        g.merge(top, 7, top + 1, 7, "Capaian (%)")
        g.merge(top, 8, top + 1, 8, f"Target Akhir Renstra ({tahun + 1})")
    next_col = 9
    if capaian_sasaran:
        g.merge(top, 9, top + 1, 9, "Capaian Sasaran (%)")
        next_col = 10
    g.merge(top, next_col, top + 1, next_col, "Keterangan")
    g.put(top + 2, 0, *[f"({i})" for i in range(1, next_col + 2)])
    r = top + 3
    groups: list[tuple[int, int]] = []
    for i, (sasaran, indikator, satuan, lalu, target, real, cap, akhir) in enumerate(LKJIP_ROWS):
        if sasaran:
            groups.append((r, r))
            g.put(r, 1, sasaran)
        groups[-1] = (groups[-1][0], r)
        if nested == "year-over":
            g.put(r, 0, i + 1, None, indikator, satuan, lalu, target, real, cap, akhir)
        else:
            g.put(r, 0, i + 1, None, indikator, satuan, lalu, real, target, cap, akhir)
        r += 1
    for start, end in groups:
        if end > start:
            g.merges.append((start, 1, end, 1))
        if capaian_merged:
            for r_ in range(start, end + 1):
                g.cells.pop((r_, 7), None)
            g.merge(start, 7, end, 7, 96.16 if start == groups[0][0] else 102.44)
        if capaian_sasaran:
            g.merge(start, 9, end, 9, 96.16 if start == groups[0][0] else 102.44)
    g.merge(r, 0, r, 6, "Rata-rata Capaian Kinerja")
    g.put(r, 7, 97.73)
    g.merge(r + 1, 0, r + 1, 6, "Predikat")
    g.put(r + 1, 7, "Sangat Tinggi")
    return g


def kombinasi(tahun: int = 2025) -> Grid:
    """A capaian table with one "Sasaran Strategis / Indikator Kinerja" column."""
    g = Grid("Capaian")
    g.put(0, 0, f"CAPAIAN KINERJA DINAS SOSIAL TAHUN {tahun}")
    g.put(
        2,
        0,
        "No",
        "Sasaran Strategis / Indikator Kinerja",
        "Satuan",
        "Target",
        "Realisasi",
        "Capaian",
    )
    g.put(3, 0, "1", "2", "3", "4", "5", "6=5/4x100")
    g.put(4, 0, "I", "Sasaran Strategis 1: Meningkatnya perlindungan sosial")
    g.put(5, 0, "1", "Persentase PMKS yang tertangani", "%", 80, 84, 105)
    g.put(6, 0, "2", "Persentase penduduk miskin", "%", 5.2, 5.9, None)
    g.put(7, 0, "II", "Sasaran Strategis 2: Meningkatnya pemberdayaan sosial")
    g.put(8, 0, "3", "Jumlah KUBE yang dibina", "kelompok", 20, 22, 110)
    g.put(9, 0, None, "Rata-rata capaian", None, None, None, 94.5)
    return g


def esakip(tahun: int = 2025) -> Grid:
    """An e-SAKIP "Pengukuran Kinerja per Triwulan" export (quarterly, no annual column)."""
    g = Grid("Pengukuran Kinerja")
    g.put(0, 0, f"PENGUKURAN KINERJA PER TRIWULAN TAHUN {tahun}")
    g.put(1, 0, "OPD : Dinas Lingkungan Hidup")
    top = 3
    for c, label in enumerate(
        ["No", "Sasaran", "Indikator", "Satuan", "Polarisasi", f"Target {tahun}"]
    ):
        g.merge(top, c, top + 1, c, label)
    g.merge(top, 6, top, 9, "Realisasi")
    g.put(top + 1, 6, "TW 1", "TW 2", "TW 3", "TW 4")
    g.merge(top, 10, top + 1, 10, "Capaian Kinerja PK (%)")
    rows = [
        ("Meningkatnya kualitas lingkungan hidup", "Indeks Kualitas Lingkungan Hidup", "indeks",
         "Maximize", 70, 66, 67, 69, 71, 101.43),
        (None, "Jumlah kasus pencemaran", "kasus", "Minimize", 10, 1, 2, 3, 2, 120),
        (None, "Suhu rata-rata kolam pembibitan", "derajat C", "Stabilize", "26 - 28", 27, 27,
         29, 27.5, 100),
        (None, "Jumlah sampah terangkut", "ton", "Maximize", 4000, 900, 1000, 1100, 1100, 102.5),
        ("Tersedianya regulasi lingkungan", "Peraturan Bupati tentang RPPLH", "dokumen",
         "Maximize", "Ditetapkan", None, None, None, "Ditetapkan", 100),
        (None, "Nilai SAKIP Dinas", "predikat", "Maximize", "BB", None, None, None, "B", 80),
    ]  # fmt: skip
    r = top + 2
    for i, (sasaran, *values) in enumerate(rows):
        g.put(r, 0, i + 1, sasaran, *values)
        r += 1
    return g


def pk(tahun: int = 2025) -> Grid:
    """A Perjanjian Kinerja: Sasaran / Indikator / Target, then PIHAK PERTAMA / KEDUA."""
    g = Grid("PK")
    g.put(0, 0, f"PERJANJIAN KINERJA TAHUN {tahun}")
    g.put(1, 0, "DINAS PERHUBUNGAN")
    g.put(3, 0, "No", "Sasaran Strategis", "Indikator Kinerja", "Target")
    g.put(
        4,
        0,
        1,
        "Meningkatnya keselamatan transportasi",
        "Jumlah kecelakaan lalu lintas",
        "12 kasus",
    )
    g.put(6, 0, "No", "Program", "Anggaran", "Keterangan")
    g.put(7, 0, 1, "Program Penyelenggaraan LLAJ", "Rp 1.250.000.000", "APBD")
    g.put(9, 1, "PIHAK KEDUA", None, "PIHAK PERTAMA")
    return g


# --- writers ----------------------------------------------------------------------------------
def write_xlsx(path: Path, *grids: Grid) -> Path:
    """Write grids with xlsxwriter (merged ranges, percent formats and hidden rows kept)."""
    wb = xlsxwriter.Workbook(str(path))
    percent = wb.add_format({"num_format": "0.00%"})
    for grid in grids:
        ws = wb.add_worksheet(grid.sheet[:31])
        merged_cells = {(m[0], m[1]): m for m in grid.merges}
        covered = {
            (r, c)
            for r0, c0, r1, c1 in grid.merges
            for r in range(r0, r1 + 1)
            for c in range(c0, c1 + 1)
        }
        for (r0, c0), (r0_, c0_, r1, c1) in merged_cells.items():
            ws.merge_range(r0_, c0_, r1, c1, grid.cells.get((r0, c0)))
        for (r, c), value in grid.cells.items():
            if (r, c) in covered:
                continue
            ws.write(r, c, value, percent if (r, c) in grid.percent else None)
        for r in sorted(grid.hidden_rows):
            ws.set_row(r, None, None, {"hidden": True})
    wb.close()
    return path


def write_xls(path: Path, grid: Grid) -> Path:
    """Write one grid as a legacy .xls (BIFF8) with its merged ranges, percent formats and
    hidden rows."""
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet(grid.sheet[:31])
    percent = xlwt.easyxf(num_format_str="0.00%")
    done: set[tuple[int, int]] = set()
    for r0, c0, r1, c1 in grid.merges:
        ws.write_merge(r0, r1, c0, c1, grid.cells.get((r0, c0)))
        done |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
    for (r, c), value in grid.cells.items():
        if (r, c) not in done:
            ws.write(r, c, value, *([percent] if (r, c) in grid.percent else []))
    for r in grid.hidden_rows:
        ws.row(r).hidden = True
    wb.save(str(path))
    return path


def write_ods(path: Path, grid: Grid, *, repeat: bool = False) -> Path:
    """Write one grid as an OpenDocument spreadsheet (spans, as LibreOffice writes them;
    percent cells as ``office:value-type="percentage"``, hidden rows collapsed). ``repeat``
    writes runs of equal rows and cells once with ``number-rows-repeated`` /
    ``number-columns-repeated``, as LibreOffice saves empty stretches."""
    starts = {(m[0], m[1]): m for m in grid.merges}
    covered = {
        (r, c)
        for r0, c0, r1, c1 in grid.merges
        for r in range(r0, r1 + 1)
        for c in range(c0, c1 + 1)
        if (r, c) != (r0, c0)
    }
    body: list[str] = []
    for r in range(grid.height):
        cells: list[str] = []
        for c in range(grid.width):
            if (r, c) in covered:
                cells.append("<table:covered-table-cell/>")
                continue
            span = ""
            if (r, c) in starts:
                r0, c0, r1, c1 = starts[(r, c)]
                span = (
                    f' table:number-rows-spanned="{r1 - r0 + 1}"'
                    f' table:number-columns-spanned="{c1 - c0 + 1}"'
                )
            value = grid.cells.get((r, c))
            if value is None:
                cells.append(f"<table:table-cell{span}/>")
            elif isinstance(value, int | float) and (r, c) in grid.percent:
                cells.append(  # a percent cell stores the fraction, shows "82,50%"
                    f'<table:table-cell{span} office:value-type="percentage" '
                    f'office:value="{value}"><text:p>{value * 100:.2f}%</text:p>'
                    "</table:table-cell>"
                )
            elif isinstance(value, int | float):
                cells.append(
                    f'<table:table-cell{span} office:value-type="float" office:value="{value}">'
                    f"<text:p>{value}</text:p></table:table-cell>"
                )
            else:
                cells.append(
                    f'<table:table-cell{span} office:value-type="string"><text:p>'
                    f"{html.escape(str(value))}</text:p></table:table-cell>"
                )
        if repeat:  # and the empty rest of the row, to column AMJ
            cells = _repeated(cells, "<table:table-cell", _COLS)
            cells.append(f'<table:table-cell {_COLS}="{1024 - grid.width}"/>')
        shown = ' table:visibility="collapse"' if r in grid.hidden_rows else ""
        body.append(f"<table:table-row{shown}>" + "".join(cells) + "</table:table-row>")
    if repeat:  # and the empty rest of the sheet
        body = _repeated(body, "<table:table-row", "table:number-rows-repeated")
        body.append(
            f'<table:table-row table:number-rows-repeated="{1048576 - grid.height}">'
            f'<table:table-cell {_COLS}="1024"/></table:table-row>'
        )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{html.escape(grid.sheet)}">'
        + "".join(body)
        + "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
        '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
        'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.'
        'spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" '
        'manifest:media-type="text/xml"/></manifest:manifest>'
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path


_COLS = "table:number-columns-repeated"


def _repeated(parts: list[str], tag: str, attribute: str) -> list[str]:
    """Runs of equal elements written once with a repeat count."""
    out: list[str] = []
    i = 0
    while i < len(parts):
        j = i
        while j + 1 < len(parts) and parts[j + 1] == parts[i]:
            j += 1
        if j > i and parts[i].startswith(tag):
            out.append(parts[i].replace(tag, f'{tag} {attribute}="{j - i + 1}"', 1))
        else:
            out.extend(parts[i : j + 1])
        i = j + 1
    return out


def write_html(path: Path, grid: Grid, *, title_rows: int = 2) -> Path:
    """Write a grid as the HTML an e-SAKIP "Export Excel" serves (title as headings)."""
    starts = {(m[0], m[1]): m for m in grid.merges}
    covered = {
        (r, c)
        for r0, c0, r1, c1 in grid.merges
        for r in range(r0, r1 + 1)
        for c in range(c0, c1 + 1)
        if (r, c) != (r0, c0)
    }
    out = ['<html><head><meta charset="utf-8"><title>Export</title></head><body>']
    for r in range(title_rows):
        if (r, 0) in grid.cells:
            out.append(f"<h4>{html.escape(str(grid.cells[(r, 0)]))}</h4>")
    out.append('<table border="1">')
    for r in range(title_rows, grid.height):
        out.append("<tr>")
        for c in range(grid.width):
            if (r, c) in covered:
                continue
            attrs = ""
            if (r, c) in starts:
                r0, c0, r1, c1 = starts[(r, c)]
                attrs = f' rowspan="{r1 - r0 + 1}" colspan="{c1 - c0 + 1}"'
            value = grid.cells.get((r, c))
            text = "" if value is None else html.escape(str(value))
            out.append(f"<td{attrs}>{text}</td>")
        out.append("</tr>")
    out.append("</table></body></html>")
    path.write_text("\n".join(out), encoding="utf-8")
    return path
