"""The layout families OPDs really send, read value by value (see ``forms`` for their shape).

The tests marked "misreading" each name a number the old reader stored wrongly without a
finding (issue 12): they failed on the reader before this change.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kinerja_app.importer.data import ColumnMapping, WorkbookData
from kinerja_app.importer.reader import read_workbook
from kinerja_app.importer.verify import VerifyContext, verify
from kinerja_app.rekap.capaian import Polaritas
from tests.importer import forms

P, N, S = Polaritas.POSITIF, Polaritas.NEGATIF, Polaritas.STABIL


def table(data: WorkbookData) -> list[tuple[object, ...]]:
    return [
        (r.row, r.sasaran, r.indikator, r.satuan, r.polaritas, r.target, r.realisasi)
        for r in data.rows
    ]


def findings(data: WorkbookData, tahun: int = 2025) -> list[tuple[str, str, str | None]]:
    return [(f.severity, f.code, f.cell) for f in verify(data, VerifyContext(tahun=tahun))]


def errors(data: WorkbookData) -> list[tuple[str, str | None]]:
    return [(code, cell) for sev, code, cell in findings(data) if sev == "error"]


SASARAN_E81 = "Meningkatnya kualitas perencanaan"
E81_EXPECTED = [
    (10, SASARAN_E81, "Persentase dokumen perencanaan tepat waktu", "%", P, 95.0, 92.0),
    (11, SASARAN_E81, "Jumlah dokumen RKPD", "Dokumen", P, 1.0, 1.0),
    (12, SASARAN_E81, "Jumlah laporan evaluasi", "Laporan", P, 4.0, 4.0),
]


def test_misreading_e81_takes_the_renja_target_and_realisation_of_the_year(
    tmp_path: Path,
) -> None:
    """Not the Renstra end target (100 %), not the realisation up to last year (80 %)."""
    data = read_workbook(forms.write_xlsx(tmp_path / "e81.xlsx", forms.e81()), tahun=2025)

    assert table(data) == E81_EXPECTED
    assert data.columns["target"] == "I"  # "Target Kinerja ... yang Dievaluasi" / K
    assert data.columns["realisasi"] == "S"  # "Realisasi ... Renja ... yang Dievaluasi" / K
    # the form's own capaian is against the Renstra end target: never compared per year
    assert [r.capaian_dilaporkan for r in data.rows] == [None, None, None]
    assert [round(r.capaian or 0, 2) for r in data.rows] == [96.84, 100.0, 100.0]
    assert findings(data) == [("warning", "POLARITAS_DIASUMSIKAN", None)]


def test_misreading_e81_summary_numbering_and_note_rows_are_not_indicators(
    tmp_path: Path,
) -> None:
    data = read_workbook(forms.write_xlsx(tmp_path / "e81.xlsx", forms.e81()), tahun=2025)

    assert [r.row for r in data.rows] == [10, 11, 12]
    skipped = {d.row: d.alasan for d in data.dilewati}
    assert skipped[8] == "baris penomoran kolom"
    assert skipped[9] == "baris bagian (sasaran/program)"
    assert skipped[13] == skipped[14] == "baris ringkasan"  # Rata-rata, Predikat
    assert skipped[15] == "catatan di bawah tabel"  # Faktor pendorong
    assert skipped[19] == "blok tanda tangan (akhir tabel)"


def test_e81_with_numbering_between_header_rows_and_a_year_capaian(tmp_path: Path) -> None:
    grid = forms.e81(numbering_between=True, with_capaian=True)
    data = read_workbook(forms.write_xlsx(tmp_path / "e81.xlsx", grid), tahun=2025)

    assert table(data) == E81_EXPECTED
    assert data.header_row == 8  # the K/Rp row under the numbering row
    assert [r.capaian_dilaporkan for r in data.rows] == [96.84, 100.0, 100.0]
    assert findings(data) == [("warning", "POLARITAS_DIASUMSIKAN", None)]


@pytest.mark.parametrize("writer", ["xls", "ods", "html"])
def test_e81_in_other_formats(tmp_path: Path, writer: str) -> None:
    grid = forms.e81()
    path = tmp_path / f"e81.{'xls' if writer == 'html' else writer}"
    {"xls": forms.write_xls, "ods": forms.write_ods, "html": forms.write_html}[writer](path, grid)

    data = read_workbook(path, tahun=2025)

    assert [row[2:] for row in table(data)] == [row[2:] for row in E81_EXPECTED]
    assert {r.sasaran for r in data.rows} == {SASARAN_E81}
    expected = ["BERKAS_HTML", "POLARITAS_DIASUMSIKAN"] if writer == "html" else []
    assert [c for _, c, _ in findings(data) if c != "POLARITAS_DIASUMSIKAN"] == expected[:1]


LKJIP_EXPECTED = [
    (7, "Meningkatnya derajat kesehatan masyarakat", "Angka Kematian Ibu", "per 100.000 KH", N, 100.0, 120.0),
    (8, "Meningkatnya derajat kesehatan masyarakat", "Angka Harapan Hidup", "tahun", P, 70.5, 70.6),
    (9, "Meningkatnya derajat kesehatan masyarakat", "Prevalensi balita stunting", "%", N, 18.0, 16.5),
    (10, "Meningkatnya mutu pelayanan kesehatan", "Indeks Kepuasan Masyarakat", "indeks", P, 82.0, 84.0),
]  # fmt: skip


@pytest.mark.parametrize(
    ("nested", "writer"),
    [("year-over", "xlsx"), ("field-over", "xlsx"), ("year-over", "xls"), ("field-over", "ods")],
)
def test_lkjip_capaian_table_nested_either_way(tmp_path: Path, nested: str, writer: str) -> None:
    grid = forms.lkjip(nested=nested)
    path = tmp_path / f"lkjip.{writer}"
    writers: dict[str, Callable[[Path, forms.Grid], Path]] = {
        "xlsx": forms.write_xlsx,
        "xls": forms.write_xls,
        "ods": forms.write_ods,
    }
    writers[writer](path, grid)

    data = read_workbook(path, tahun=2025)

    assert table(data) == LKJIP_EXPECTED
    assert [r.capaian_dilaporkan for r in data.rows] == [80.0, 100.14, 108.33, 102.44]
    assert [round(r.capaian or 0, 2) for r in data.rows] == [80.0, 100.14, 108.33, 102.44]
    assert findings(data) == [
        ("warning", "POLARITAS_DIDUGA_NEGATIF", "Tabel 3.1!C7"),
        ("warning", "POLARITAS_DIDUGA_NEGATIF", "Tabel 3.1!C9"),
        ("warning", "POLARITAS_DIASUMSIKAN", None),
    ]


def test_misreading_rising_maternal_mortality_is_not_scored_very_high(tmp_path: Path) -> None:
    """AKI 120 against a target of 100 is 80 %, not 120 % ("Sangat Tinggi")."""
    grid = forms.lkjip(capaian_sasaran=False)
    for r in range(6, 10):
        grid.cells.pop((r, 7), None)  # no capaian written: only the computed one counts
    data = read_workbook(forms.write_xlsx(tmp_path / "aki.xlsx", grid), tahun=2025)

    aki = data.rows[0]
    assert (aki.indikator, aki.polaritas, aki.capaian) == ("Angka Kematian Ibu", N, 80.0)
    assert ("warning", "POLARITAS_DIDUGA_NEGATIF", "Tabel 3.1!C7") in findings(data)


def test_misreading_numbering_row_under_two_row_header_and_average_rows(tmp_path: Path) -> None:
    data = read_workbook(forms.write_xlsx(tmp_path / "l.xlsx", forms.lkjip()), tahun=2025)

    assert [r.indikator for r in data.rows] == [row[2] for row in LKJIP_EXPECTED]
    skipped = {d.row: d.alasan for d in data.dilewati}
    assert skipped == {
        6: "baris penomoran kolom",
        11: "baris ringkasan",  # Rata-rata Capaian Kinerja
        12: "baris ringkasan",  # Predikat
    }


def test_misreading_sasaran_level_capaian_is_not_compared_with_one_indicator(
    tmp_path: Path,
) -> None:
    grid = forms.lkjip(capaian_sasaran=False, capaian_merged=True)
    data = read_workbook(forms.write_xlsx(tmp_path / "s.xlsx", grid), tahun=2025)

    # merged over three indicators: the sasaran's; a sasaran with one indicator: its own
    assert [r.capaian_dilaporkan for r in data.rows] == [None, None, None, 102.44]
    assert "capaian tertulis untuk sasaran" in data.rows[0].aturan
    assert "CAPAIAN_BERBEDA" not in {code for _, code, _ in findings(data)}


def test_combined_sasaran_iku_column_with_numbered_section_rows(tmp_path: Path) -> None:
    data = read_workbook(forms.write_xlsx(tmp_path / "k.xlsx", forms.kombinasi()), tahun=2025)

    assert [(r.row, r.sasaran, r.indikator, r.polaritas, r.target, r.realisasi) for r in data.rows] == [
        (6, "Meningkatnya perlindungan sosial", "Persentase PMKS yang tertangani", P, 80.0, 84.0),
        (7, "Meningkatnya perlindungan sosial", "Persentase penduduk miskin", N, 5.2, 5.9),
        (9, "Meningkatnya pemberdayaan sosial", "Jumlah KUBE yang dibina", P, 20.0, 22.0),
    ]  # fmt: skip
    assert round(data.rows[1].capaian or 0, 2) == 86.54
    assert {(d.row, d.alasan) for d in data.dilewati} >= {
        (4, "baris penomoran kolom"),
        (5, "baris bagian (sasaran/program)"),
        (10, "baris ringkasan"),
    }


ESAKIP_EXPECTED = [
    (6, "Indeks Kualitas Lingkungan Hidup", P, 70.0, 71.0, 101.43),
    (7, "Jumlah kasus pencemaran", N, 10.0, 8.0, 120.0),
    (8, "Suhu rata-rata kolam pembibitan", S, 26.0, 27.5, 100.0),
    (9, "Jumlah sampah terangkut", P, 4000.0, None, None),
    (10, "Peraturan Bupati tentang RPPLH", P, None, None, 100.0),
    (11, "Nilai SAKIP Dinas", P, None, None, 80.0),
]


def _esakip(data: WorkbookData) -> list[tuple[object, ...]]:
    return [
        (r.row, r.indikator, r.polaritas, r.target, r.realisasi, r.capaian and round(r.capaian, 2))
        for r in data.rows
    ]


@pytest.mark.parametrize("writer", ["html", "xlsx"])
def test_esakip_quarterly_export(tmp_path: Path, writer: str) -> None:
    path = tmp_path / "pengukuran.xls" if writer == "html" else tmp_path / "pengukuran.xlsx"
    (forms.write_html if writer == "html" else forms.write_xlsx)(path, forms.esakip())

    data = read_workbook(path, tahun=2025)

    assert _esakip(data) == ESAKIP_EXPECTED
    assert data.rows[2].target_atas == 28.0  # "26 - 28" with Stabilize
    assert data.rows[0].aturan == "realisasi: nilai TW IV (akhir tahun)"
    assert data.rows[1].aturan == "realisasi: jumlah TW I–IV"
    ragu = [f for f in data.findings if f.code == "TRIWULAN_RAGU"]
    sheet = "Tabel" if writer == "html" else "Pengukuran Kinerja"
    assert [(f.severity, f.cell) for f in ragu] == [("error", f"{sheet}!J9")]
    assert "4100" in ragu[0].message and "1100" in ragu[0].message
    # text and ranked targets, Stabilize: read, compared on their scale, never errors
    assert [c for c in errors(data) if c[0] != "TRIWULAN_RAGU"] == []


def test_misreading_first_quarter_is_not_the_annual_realisation(tmp_path: Path) -> None:
    path = forms.write_xlsx(tmp_path / "tw.xlsx", forms.esakip())
    data = read_workbook(path, tahun=2025)
    assert data.rows[0].realisasi == 71.0  # TW IV of an index, not TW 1 (66)
    assert data.rows[1].realisasi == 8.0  # the four quarters of a count of cases


def test_misreading_stabilize_and_a_text_target_are_not_errors(tmp_path: Path) -> None:
    data = read_workbook(forms.write_xlsx(tmp_path / "s.xlsx", forms.esakip()), tahun=2025)
    rows = {r.row: r for r in data.rows}
    found = findings(data)
    assert rows[8].polaritas is Polaritas.STABIL and rows[8].capaian == 100.0
    assert rows[10].target_text == "Ditetapkan" and rows[10].capaian == 100.0
    assert rows[11].target_text == "BB" and rows[11].capaian == 80.0
    assert not [f for f in found if f[0] == "error" and f[2] and f[2][-2:] in ("!8", "10", "11")]
    assert not [f for f in found if f[0] == "error" and f[2] and f[2].endswith(("E8", "F10"))]


def test_quarterly_rule_chosen_by_the_tim_settles_the_ambiguous_row(tmp_path: Path) -> None:
    path = forms.write_xlsx(tmp_path / "tw.xlsx", forms.esakip())
    first = read_workbook(path, tahun=2025)
    assert first.pemetaan is not None and first.pemetaan.mapping is not None
    mapping = ColumnMapping(
        first.pemetaan.mapping.header_row,
        {k: v for k, v in first.pemetaan.mapping.columns.items()},
        sheet=first.sheet,
        triwulan="jumlah",
    )
    data = read_workbook(path, mapping=mapping, tahun=2025)
    assert data.rows[3].realisasi == 4100.0
    assert "TRIWULAN_RAGU" not in {f.code for f in data.findings}


def test_perjanjian_kinerja_sent_by_mistake(tmp_path: Path) -> None:
    data = read_workbook(forms.write_xlsx(tmp_path / "pk.xlsx", forms.pk()), tahun=2025)

    assert [(r.indikator, r.target, r.satuan) for r in data.rows] == [
        ("Jumlah kecelakaan lalu lintas", 12.0, "kasus")
    ]  # the program/anggaran table under it is not read
    assert "PERJANJIAN_KINERJA" in [code for code, _ in errors(data)]


def test_two_candidate_columns_block_and_name_both(tmp_path: Path) -> None:
    grid = forms.Grid()
    grid.put(
        0, 0, "No", "Indikator", "Satuan", "Target PK 2025", "Target Renja 2025", "Realisasi 2025"
    )
    grid.put(1, 0, 1, "Persentase jalan mantap", "%", 80, 75, 78)
    path = forms.write_xlsx(tmp_path / "dua.xlsx", grid)

    data = read_workbook(path, tahun=2025)

    assert data.rows[0].target is None  # nothing chosen silently
    (ganda,) = [f for f in data.findings if f.code == "KOLOM_GANDA"]
    assert ganda.severity == "error" and ganda.cell == "Sheet1!D1"
    assert 'D ("Target PK 2025")' in ganda.message and 'E ("Target Renja 2025")' in ganda.message
    mapped = read_workbook(
        path,
        mapping=ColumnMapping(
            1, {"indikator": "B", "satuan": "C", "target": "E", "realisasi": "F"}
        ),
        tahun=2025,
    )
    assert (mapped.rows[0].target, mapped.rows[0].realisasi) == (75.0, 78.0)


def test_a_year_the_labels_do_not_settle_is_an_error(tmp_path: Path) -> None:
    grid = forms.Grid()
    grid.put(
        0,
        0,
        "Indikator",
        "Satuan",
        "Target 2023",
        "Realisasi 2023",
        "Target 2024",
        "Realisasi 2024",
    )
    grid.put(1, 0, "Persentase jalan mantap", "%", 70, 71, 75, 74)
    data = read_workbook(forms.write_xlsx(tmp_path / "lama.xlsx", grid), tahun=2025)

    assert ("error", "TAHUN_SALAH", None) in findings(data)
    assert data.tahun_hint == 2024
