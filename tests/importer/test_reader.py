"""Reading the layouts OPDs send: values, cells and the reader's own findings."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from kinerja_app.errors import ValidationError
from kinerja_app.importer.data import ColumnMapping, WorkbookData
from kinerja_app.importer.layout import classify_label, parse_polaritas
from kinerja_app.importer.reader import read_workbook
from kinerja_app.importer.verify import VerifyContext, verify
from kinerja_app.rekap.capaian import Polaritas
from tests.importer.builders import (
    HEADER,
    format_isian,
    read_member,
    rewrite_member,
    standard_rows,
    xlsx,
)


def codes(data: WorkbookData) -> dict[str, list[str | None]]:
    out: dict[str, list[str | None]] = {}
    for finding in data.findings:
        out.setdefault(finding.code, []).append(finding.cell)
    return out


def test_format_isian_reads_meta_rows_and_cells(tmp_path: Path) -> None:
    data = read_workbook(format_isian(tmp_path / "isian.xlsx"))

    assert data.sheet == "Data Kinerja"
    assert data.header_row == 4
    assert data.meta["opd_kode"] == "1.02.01"
    assert data.meta["surat_nomor"] == "050/123/ORG/2026"
    assert (data.tahun_hint, data.tahun_source) == (2025, "meta")
    assert data.opd_hint == "Dinas Kesehatan"
    assert "_kinerja" in data.sheet_names
    first, second = data.rows
    assert first.indikator == "Angka harapan hidup"
    assert (first.target, first.realisasi, first.capaian_dilaporkan) == (70, 70.7, 101)
    assert first.capaian == pytest.approx(101.0)
    assert first.polaritas is Polaritas.POSITIF
    assert first.cells["target"] == "Data Kinerja!F5"
    assert second.sasaran == "Meningkatnya derajat kesehatan"  # filled down
    assert second.polaritas is Polaritas.NEGATIF
    assert second.capaian == pytest.approx(120.0)
    assert data.findings == ()


def test_title_rows_numbering_row_and_header_variants(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["LAPORAN DATA KINERJA"],
        ["DINAS PEKERJAAN UMUM DAN PENATAAN RUANG"],
        [
            *("No", "Sasaran Strategis", "Indikator Kinerja Utama", "Satuan", "Karakteristik"),
            *("Target 2025", "Realisasi 2025", "% Capaian", "Keterangan"),
        ],
        [f"({i})" for i in range(1, 10)],
        [
            *(1, "Jalan mantap", "Panjang jalan mantap", "km", "semakin tinggi semakin baik"),
            *("1.234,5", "1.111,05", "90", "ok"),
        ],
        [2, None, "Persentase kawasan kumuh", "%", "semakin rendah semakin baik", 10, 12, 80],
    ]
    data = read_workbook(xlsx(tmp_path / "pupr.xlsx", rows))

    assert data.header_row == 3
    assert data.columns["keterangan"] == "I"
    assert (data.tahun_hint, data.tahun_source) == (2025, "header")
    assert data.opd_hint == "DINAS PEKERJAAN UMUM DAN PENATAAN RUANG"
    assert [r.row for r in data.rows] == [5, 6]  # numbering row 4 skipped
    jalan, kumuh = data.rows
    assert (jalan.target, jalan.realisasi, jalan.capaian_dilaporkan) == (1234.5, 1111.05, 90)
    assert jalan.capaian == pytest.approx(90.0)
    assert jalan.keterangan == "ok"
    assert kumuh.sasaran == "Jalan mantap"
    assert kumuh.polaritas is Polaritas.NEGATIF
    assert kumuh.capaian == pytest.approx(80.0)


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("Indikator", "indikator"),
        ("Indikator Kinerja", "indikator"),
        ("Indikator Kinerja Utama", "indikator"),
        ("IKU", "indikator"),
        ("Target", "target"),
        ("Target 2025", "target"),
        ("Target\nTahun 2025", "target"),
        ("Realisasi 2025", "realisasi"),
        ("Capaian", "capaian"),
        ("Capaian (%)", "capaian"),
        ("% Capaian", "capaian"),
        ("Satuan", "satuan"),
        ("Sasaran Strategis", "sasaran"),
        ("Polaritas", "polaritas"),
        ("Karakteristik", "polaritas"),
        ("Sifat Indikator", "polaritas"),
        ("Karakteristik Indikator", "polaritas"),
        ("Keterangan", "keterangan"),
        ("No.", "no"),
        ("Uraian", None),
        (2025, None),
    ],
)
def test_header_labels(label: object, field: str | None) -> None:
    assert classify_label(label) == field


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Positif", Polaritas.POSITIF),
        ("positif (semakin tinggi semakin baik)", Polaritas.POSITIF),
        ("Semakin tinggi semakin baik", Polaritas.POSITIF),
        ("Negatif", Polaritas.NEGATIF),
        ("semakin rendah semakin baik", Polaritas.NEGATIF),
        ("Negatif (semakin rendah semakin baik)", Polaritas.NEGATIF),
        ("makin kecil makin baik", Polaritas.NEGATIF),
        ("", None),
        ("stabil", Polaritas.STABIL),
        ("Stabilize", Polaritas.STABIL),
        ("Maximize", Polaritas.POSITIF),
        ("Minimize", Polaritas.NEGATIF),
        ("Maksimal", Polaritas.POSITIF),
        ("Minimal", Polaritas.NEGATIF),
        ("entah", None),
    ],
)
def test_polaritas_values(text: str, expected: Polaritas | None) -> None:
    assert parse_polaritas(text) is expected


def test_merged_sasaran_is_filled_down_only_in_sasaran_column(tmp_path: Path) -> None:
    path = tmp_path / "merged.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Sheet1")
    ws.write_row(0, 0, HEADER)
    ws.merge_range("B2:B4", "Sasaran A")
    ws.merge_range("B5:B6", "Sasaran B")
    for r in range(1, 6):
        ws.write_row(r, 2, [f"Indikator {r}", "%", "Positif", 100, 90])
    ws.write(1, 7, 90)  # capaian only on the first row: not filled down
    wb.close()

    data = read_workbook(path)

    assert [r.sasaran for r in data.rows] == ["Sasaran A"] * 3 + ["Sasaran B"] * 2
    assert [r.capaian_dilaporkan for r in data.rows] == [90, None, None, None, None]


def test_data_sheet_that_is_not_first(tmp_path: Path) -> None:
    data = read_workbook(
        xlsx(tmp_path / "a.xlsx", standard_rows(), sheet="Data", before=["Petunjuk"])
    )

    assert data.sheet == "Data"
    assert data.sheet_names == ("Petunjuk", "Data")
    assert data.rows[0].cells["indikator"] == "Data!C2"


def _two_sheets(path: Path, hidden_has_header: bool, visible_has_header: bool) -> Path:
    wb = openpyxl.Workbook()
    visible = wb.active
    assert visible is not None
    visible.title = "Rekap"
    if visible_has_header:
        visible.append(["Indikator", "Satuan", "Target", "Realisasi"])
        visible.append(["Indikator rekap", "%", 50, 40])
    else:
        visible.append(["Catatan: isian ada di lembar lain"])
    hidden = wb.create_sheet("Lama")
    if hidden_has_header:
        hidden.append(HEADER)
        hidden.append([1, "S", "Indikator lama", "%", "Positif", 10, 10, 100])
    hidden.sheet_state = "hidden"
    wb.save(path)
    return path


def test_hidden_sheet_is_ignored_when_a_visible_sheet_has_a_table(tmp_path: Path) -> None:
    data = read_workbook(_two_sheets(tmp_path / "h.xlsx", True, True))

    assert data.sheet == "Rekap"
    assert [r.indikator for r in data.rows] == ["Indikator rekap"]
    assert "LEMBAR_TERSEMBUNYI" not in codes(data)


def test_hidden_sheet_is_used_when_it_is_the_only_candidate(tmp_path: Path) -> None:
    data = read_workbook(_two_sheets(tmp_path / "h.xlsx", True, False))

    assert data.sheet == "Lama"
    assert [r.indikator for r in data.rows] == ["Indikator lama"]
    assert "LEMBAR_TERSEMBUNYI" in codes(data)


def test_percent_formatted_cells_read_as_shown(tmp_path: Path) -> None:
    path = tmp_path / "persen.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    pct = wb.add_format({"num_format": "0.0%"})
    literal = wb.add_format({"num_format": '0.0"%"'})
    ws = wb.add_worksheet("Sheet1")
    ws.write_row(0, 0, HEADER)
    ws.write_row(1, 2, ["Cakupan imunisasi", "%", "Positif"])
    ws.write(1, 5, 0.9, pct)
    ws.write(1, 6, 0.978, pct)
    ws.write(1, 7, 1.0867, pct)
    ws.write_row(2, 2, ["Cakupan campuran", "%", "Positif"])
    ws.write(2, 5, 0.9, pct)  # shown 90,0%
    ws.write(2, 6, 92)  # typed 92 in a General cell
    ws.write(2, 7, 102.2, literal)  # "%" in quotes: no scaling
    wb.close()

    first, mixed = read_workbook(path).rows

    assert (first.target, first.realisasi) == (90.0, 97.8)
    assert first.capaian_dilaporkan == pytest.approx(108.67)
    assert first.capaian == pytest.approx(108.666, abs=0.01)
    assert (mixed.target, mixed.realisasi, mixed.capaian_dilaporkan) == (90.0, 92.0, 102.2)
    assert mixed.capaian == pytest.approx(102.22, abs=0.01)


def _cached_formula_file(path: Path) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Sheet1")
    ws.write_row(0, 0, HEADER)
    ws.write_row(1, 2, ["Indikator rumus", "%", "Positif", 80])
    ws.write_formula("G2", "=40+36", None, 76)
    ws.write_formula("H2", "=G2/F2*100", None, 95)
    wb.close()
    return path


def test_formula_reads_its_cached_value(tmp_path: Path) -> None:
    path = _cached_formula_file(tmp_path / "rumus.xlsx")
    # as Excel saves it: no "recalculate on load" flag
    workbook_xml = read_member(path, "xl/workbook.xml").replace(b' fullCalcOnLoad="1"', b"")
    rewrite_member(path, "xl/workbook.xml", workbook_xml)

    data = read_workbook(path)

    row = data.rows[0]
    assert (row.realisasi, row.capaian_dilaporkan, row.capaian) == (76, 95, 95)
    assert data.findings == ()


def test_formula_in_a_file_never_recalculated_is_flagged(tmp_path: Path) -> None:
    data = read_workbook(_cached_formula_file(tmp_path / "rumus.xlsx"))

    assert data.rows[0].realisasi == 76
    assert codes(data) == {"FORMULA_BELUM_DIHITUNG": ["Sheet1!G2"]}


def test_formula_without_cached_value_is_a_finding_not_zero(tmp_path: Path) -> None:
    path = tmp_path / "nocache.xlsx"
    wb = openpyxl.Workbook()  # openpyxl stores formulas without values
    ws = wb.active
    assert ws is not None
    ws.title = "Isian"
    ws.append(HEADER)
    ws.append([1, "S", "Indikator rumus", "%", "Positif", 80, "=40+36", None])
    ws.append([2, "S", "Indikator biasa", "%", "Positif", 80, None, None])
    wb.save(path)

    data = read_workbook(path)
    findings = verify(data, VerifyContext())

    rumus, biasa = data.rows
    assert rumus.realisasi is None
    assert rumus.uncached == ("realisasi",)
    assert codes(data)["FORMULA_NO_CACHE"] == ["Isian!G2"]
    assert [(f.code, f.cell) for f in findings if f.code == "REALISASI_KOSONG"] == [
        ("REALISASI_KOSONG", "Isian!G3")  # the plain empty cell, not the formula
    ]
    assert biasa.uncached == ()


def test_no_header_gives_a_finding_then_a_mapping_reads_the_table(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["Uraian", "Ukuran", "Rencana", "Hasil"],
        ["Jumlah peserta", "orang", 100, 80],
    ]
    path = xlsx(tmp_path / "aneh.xlsx", rows)

    data = read_workbook(path)

    assert not data.header_found
    assert data.rows == ()
    assert codes(data) == {"HEADER_TIDAK_DITEMUKAN": [None]}
    assert data.preview[0] == ("Uraian", "Ukuran", "Rencana", "Hasil")

    mapping = ColumnMapping(1, {"indikator": "A", "satuan": "B", "target": "C", "realisasi": "D"})
    mapped = read_workbook(path, mapping=mapping)

    assert mapped.header_row == 1
    (row,) = mapped.rows
    assert (row.indikator, row.target, row.realisasi) == ("Jumlah peserta", 100, 80)
    assert row.polaritas is Polaritas.POSITIF
    assert row.capaian == pytest.approx(80.0)
    assert "POLARITAS_DIASUMSIKAN" in codes(mapped)


def test_bad_mapping_is_refused(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "a.xlsx", standard_rows())
    with pytest.raises(ValidationError):
        read_workbook(path, mapping=ColumnMapping(1, {"indikator": "1A"}))
    with pytest.raises(ValidationError):
        read_workbook(path, mapping=ColumnMapping(1, {"target": "C"}))
    with pytest.raises(ValidationError):
        read_workbook(path, mapping=ColumnMapping(1, {"indikator": "C"}, sheet="Tidak ada"))


def test_two_row_header_with_year_above(tmp_path: Path) -> None:
    path = tmp_path / "dua.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Sheet1")
    for col, label in enumerate(["No", "Sasaran", "Indikator", "Satuan"]):
        ws.merge_range(0, col, 1, col, label)
    ws.merge_range("E1:G1", "Tahun 2025")
    ws.write_row(1, 4, ["Target", "Realisasi", "Capaian"])
    ws.write_row(2, 0, [1, "S", "Indikator A", "%", 80, 60, 75])
    wb.close()

    data = read_workbook(path)

    assert data.header_row == 2
    assert data.columns["target"] == "E"
    assert (data.tahun_hint, data.tahun_source) == (2025, "header")
    assert data.rows[0].capaian == pytest.approx(75.0)


@pytest.mark.parametrize(("tahun", "target"), [(2024, 10.0), (2025, 20.0), (None, 20.0)])
def test_repeated_year_columns_pick_the_expected_year(
    tmp_path: Path, tahun: int | None, target: float
) -> None:
    rows: list[list[object]] = [
        ["Indikator", "Satuan", "Target 2024", "Realisasi 2024", "Target 2025", "Realisasi 2025"],
        ["Indikator A", "%", 10, 9, 20, 18],
    ]
    data = read_workbook(xlsx(tmp_path / "y.xlsx", rows), tahun=tahun)

    assert data.rows[0].target == target
    assert data.tahun_hint == (tahun or 2025)


def test_summary_rows_skipped_and_footer_ends_the_table(tmp_path: Path) -> None:
    rows = standard_rows(2)
    rows += [[None, None, "Rata-rata capaian", None, None, None, None, 91]]
    rows += [[], []]  # spacer rows inside the table are fine
    rows += [[3, "Sasaran B", "Indikator 3", "%", "Positif", 100, 95]]
    rows += [[], [None, None, None, None, None, "Nanga Bulik, 10 Januari 2026"]]
    rows += [[None, None, None, None, None, "KEPALA DINAS"], [None, None, "Tidak dibaca"]]
    data = read_workbook(xlsx(tmp_path / "footer.xlsx", rows))

    assert [r.indikator for r in data.rows] == ["Indikator 1", "Indikator 2", "Indikator 3"]


def test_a_date_in_a_number_cell_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "tanggal.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Sheet1")
    ws.write_row(0, 0, HEADER)
    ws.write_row(1, 2, ["Indikator A", "%", "Positif", 100])
    ws.write_datetime(1, 6, dt.datetime(2025, 5, 1), wb.add_format({"num_format": "d-mmm"}))
    wb.close()

    data = read_workbook(path)

    assert data.rows[0].realisasi is None
    assert codes(data) == {"NILAI_TANGGAL": ["Sheet1!G2"]}
    assert "NILAI_BUKAN_ANGKA" not in {f.code for f in verify(data, VerifyContext())}


def test_lying_dimension_header_costs_little(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "dim.xlsx", standard_rows())
    sheet = read_member(path, "xl/worksheets/sheet1.xml")
    assert b'<dimension ref="A1:H4"/>' in sheet
    lying = sheet.replace(b'<dimension ref="A1:H4"/>', b'<dimension ref="A1:XFD1048576"/>')
    rewrite_member(path, "xl/worksheets/sheet1.xml", lying)
    check = openpyxl.load_workbook(path, read_only=True)
    assert check.worksheets[0].max_row == 1048576  # the fixture really lies
    check.close()

    start = time.perf_counter()
    data = read_workbook(path)
    elapsed = time.perf_counter() - start

    assert [r.indikator for r in data.rows] == ["Indikator 1", "Indikator 2", "Indikator 3"]
    assert elapsed < 5.0


def test_reading_pauses_the_collector_and_leaves_it_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from kinerja_app.importer import reader
    from kinerja_app.importer.grid import Book, load_book

    path = xlsx(tmp_path / "a.xlsx", standard_rows())
    seen: list[bool] = []

    def watched(p: Path) -> Book:
        seen.append(gc.isenabled())
        return load_book(p)

    monkeypatch.setattr(reader, "load_book", watched)
    assert gc.isenabled()
    assert len(read_workbook(path).rows) == 3
    assert seen == [False]  # paused while the file is read
    assert gc.isenabled()  # and on again afterwards
    gc.disable()  # a caller that paused it itself keeps it paused
    try:
        read_workbook(path)
        assert not gc.isenabled()
    finally:
        gc.enable()
    monkeypatch.setattr(reader, "load_book", lambda p: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        read_workbook(path)
    assert gc.isenabled()  # on again after a failed read too
