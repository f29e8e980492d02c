"""What a cell means beyond its value, in every format: percent formats and hidden rows of
.xlsx, .xls and .ods, and the sheets whose formats could not be read (a finding, never a
fraction stored as if it were the percentage)."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from kinerja_app.importer import styles
from kinerja_app.importer.data import ColumnMapping, WorkbookData
from kinerja_app.importer.grid import load_book
from kinerja_app.importer.reader import read_workbook
from kinerja_app.importer.xls import scan_xls
from tests.importer import forms

WRITERS: dict[str, Callable[[Path, forms.Grid], Path]] = {
    "xlsx": forms.write_xlsx,
    "xls": forms.write_xls,
    "ods": forms.write_ods,
}


def _table(hidden: frozenset[int] = frozenset()) -> forms.Grid:
    g = forms.Grid("IKU")
    g.put(0, 0, "CAPAIAN KINERJA DINAS PERTANIAN TAHUN 2025")
    g.put(2, 0, "No", "Sasaran", "Indikator Kinerja", "Satuan", "Target", "Realisasi")
    g.put(3, 0, 1, "Meningkatnya produksi pangan", "Produktivitas padi", "ton/ha", 5.2, 5.4)
    g.put(4, 0, 2, None, "Luas sawah beririgasi (indikator lama)", "ha", 1000, 200)
    g.put(5, 0, 3, None, "Persentase lahan tersertifikasi", "%", 0.4, 0.425)
    g.percent |= {(5, 4), (5, 5)}
    g.hidden_rows |= set(hidden)
    return g


def _rows(data: WorkbookData) -> list[tuple[int, float | None, float | None]]:
    return [(r.row, r.target, r.realisasi) for r in data.rows]


def _codes(data: WorkbookData, code: str) -> list[int | None]:
    return [f.row for f in data.findings if f.code == code]


@pytest.mark.parametrize("kind", ["xlsx", "xls", "ods"])
def test_a_hidden_indicator_row_is_left_out_with_a_warning_naming_it(
    tmp_path: Path, kind: str
) -> None:
    path = WRITERS[kind](tmp_path / f"t.{kind}", _table(hidden=frozenset({4})))

    data = read_workbook(path, tahun=2025)

    assert _rows(data) == [(4, 5.2, 5.4), (6, 40.0, 42.5)]
    hidden = [f for f in data.findings if f.code == "BARIS_TERSEMBUNYI"]
    assert [(f.severity, f.row) for f in hidden] == [("warning", 5)]
    assert "Luas sawah beririgasi" in hidden[0].message
    assert [(d.row, d.alasan) for d in data.dilewati if d.row == 5] == [
        (5, "baris tersembunyi di lembar kerja")
    ]


@pytest.mark.parametrize("kind", ["xlsx", "xls", "ods"])
def test_a_hidden_row_the_tim_ticks_is_read(tmp_path: Path, kind: str) -> None:
    path = WRITERS[kind](tmp_path / f"t.{kind}", _table(hidden=frozenset({4})))
    cols = {"no": "A", "indikator": "C", "satuan": "D", "target": "E", "realisasi": "F"}

    data = read_workbook(path, tahun=2025, mapping=ColumnMapping(3, cols, included=frozenset({5})))

    assert _rows(data) == [(4, 5.2, 5.4), (5, 1000.0, 200.0), (6, 40.0, 42.5)]
    assert _codes(data, "BARIS_TERSEMBUNYI") == []


def test_hidden_section_and_visible_rows_give_no_hidden_row_warning(tmp_path: Path) -> None:
    g = _table()
    g.put(7, 2, "Catatan: data sementara")
    g.hidden_rows.add(7)  # a hidden note under the table is not an indicator
    data = read_workbook(forms.write_xlsx(tmp_path / "t.xlsx", g), tahun=2025)

    assert _rows(data) == [(4, 5.2, 5.4), (5, 1000.0, 200.0), (6, 40.0, 42.5)]
    assert _codes(data, "BARIS_TERSEMBUNYI") == []


def test_ods_repeated_rows_and_cells_keep_row_numbers_percent_and_hidden_rows(
    tmp_path: Path,
) -> None:
    g = _table(hidden=frozenset({4}))
    g.put(1, 0, None)  # an empty row 2, and row 7 empty before a second empty stretch
    g.put(9, 2, "Indeks kepuasan petani", "indeks", 0.8, 0.825)
    g.put(9, 0, 4)
    g.percent |= {(9, 5)}
    path = forms.write_ods(tmp_path / "t.ods", g, repeat=True)
    assert b"number-rows-repeated" in zipfile.ZipFile(path).read("content.xml")

    data = read_workbook(path, tahun=2025)

    assert _rows(data) == [(4, 5.2, 5.4), (6, 40.0, 42.5), (10, 0.8, 82.5)]
    assert _codes(data, "BARIS_TERSEMBUNYI") == [5]


def test_ods_content_with_a_doctype_is_refused_by_the_scan_too(tmp_path: Path) -> None:
    from kinerja_app.importer.ods import scan_ods

    path = forms.write_ods(tmp_path / "t.ods", _table())
    with zipfile.ZipFile(path) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    parts["content.xml"] = parts["content.xml"].replace(
        b"?>", b'?><!DOCTYPE x [<!ENTITY a "aaaa">]>', 1
    )
    bad = tmp_path / "bad.ods"
    with zipfile.ZipFile(bad, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)

    with pytest.raises(ValueError, match="DOCTYPE"):
        scan_ods(bad, 6000, 60)


def test_xlsx_sheet_part_too_large_to_scan_is_a_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = forms.write_xlsx(tmp_path / "t.xlsx", _table())
    monkeypatch.setattr(styles, "MAX_SCAN", 100)

    data = read_workbook(path, tahun=2025)

    unread = [f for f in data.findings if f.code == "FORMAT_TIDAK_TERBACA"]
    assert [f.severity for f in unread] == ["warning"]
    assert "'IKU'" in unread[0].message and "persen" in unread[0].message


def _without_refs(path: Path) -> Path:
    """The workbook with the ``r=`` of every cell removed, as some generators write it."""
    with zipfile.ZipFile(path) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = re.sub(rb'(<c) r="[A-Z]+\d+"', rb"\1", parts[sheet])
    out = path.with_name("noref.xlsx")
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out


def test_xlsx_percent_cell_without_a_reference_is_a_finding_not_a_fraction(
    tmp_path: Path,
) -> None:
    path = _without_refs(forms.write_xlsx(tmp_path / "t.xlsx", _table()))

    data = read_workbook(path, tahun=2025)

    unread = [f for f in data.findings if f.code == "FORMAT_TIDAK_TERBACA"]
    assert len(unread) == 1 and "'IKU'" in unread[0].message


def test_a_sheet_scanned_whole_has_no_scan_finding(tmp_path: Path) -> None:
    sheet = load_book(forms.write_xlsx(tmp_path / "t.xlsx", _table())).sheets[0]

    assert sheet.findings == ()
    assert sheet.percent == frozenset({(5, 4), (5, 5)})


def _renamed_part(path: Path, name: str) -> Path:
    """The workbook with its sheet part stored under ``name`` (the relationships unchanged)."""
    with zipfile.ZipFile(path) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    parts[name] = parts.pop("xl/worksheets/sheet1.xml")
    out = path.with_name("renamed.xlsx")
    with zipfile.ZipFile(out, "w") as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    return out


def test_xlsx_sheet_part_named_in_another_case_is_read_with_its_formats(tmp_path: Path) -> None:
    # part names are case-insensitive (OPC); calamine and Excel open this file
    path = _renamed_part(
        forms.write_xlsx(tmp_path / "t.xlsx", _table()), "xl/worksheets/Sheet1.xml"
    )

    sheet = load_book(path).sheets[0]

    assert sheet.findings == ()
    assert sheet.percent == frozenset({(5, 4), (5, 5)})


def test_xlsx_sheet_part_missing_is_said_by_the_scan_not_raised(tmp_path: Path) -> None:
    # whether the file is readable at all is calamine's to say; the scan says what it missed
    path = _renamed_part(forms.write_xlsx(tmp_path / "t.xlsx", _table()), "xl/elsewhere.xml")

    scan = styles.scan_xlsx(path, 10)["IKU"]

    assert scan.percent == frozenset() and "tidak ditemukan" in scan.unread


def test_xls_that_xlrd_cannot_read_for_formats_is_a_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import xlrd

    def broken(*_: object, **__: object) -> None:
        raise xlrd.XLRDError("Unsupported format, or corrupt file")

    monkeypatch.setattr(xlrd, "open_workbook", broken)
    path = forms.write_xls(tmp_path / "t.xls", _table())

    data = read_workbook(path, tahun=2025)

    assert [f.severity for f in data.findings if f.code == "FORMAT_TIDAK_TERBACA"] == ["warning"]


def test_xls_scan_reads_percent_cells_and_hidden_rows(tmp_path: Path) -> None:
    path = forms.write_xls(tmp_path / "t.xls", _table(hidden=frozenset({4})))

    found = scan_xls(path, 6000)

    assert found is not None
    assert found["IKU"].percent == frozenset({(5, 4), (5, 5)})
    assert found["IKU"].hidden_rows == frozenset({4})


def test_a_hidden_row_sharing_a_merged_indicator_is_left_out_with_a_warning(
    tmp_path: Path,
) -> None:
    g = _table()
    g.put(3, 2, "Produktivitas padi dan jagung")
    g.put(4, 0, None, None, None, "ton/ha", 4.8, 4.9)  # jagung, under the merged label
    g.merges.append((3, 2, 4, 2))
    g.hidden_rows.add(4)

    data = read_workbook(forms.write_xlsx(tmp_path / "t.xlsx", g), tahun=2025)

    assert _rows(data) == [(4, 5.2, 5.4), (6, 40.0, 42.5)]
    assert _codes(data, "BARIS_TERSEMBUNYI") == [5]
