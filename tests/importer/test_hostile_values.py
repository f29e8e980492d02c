"""Review 4 of the importer: values OPDs type as text, read right, asked about, or refused.

A number whose reading depends on the separator convention ("3.250": three thousand two
hundred fifty in Indonesian, three and a quarter in English) is never stored silently: the
file's other numbers settle the convention, or the Tim is asked with both readings.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kinerja_app.importer.data import WorkbookData
from kinerja_app.importer.reader import read_workbook
from kinerja_app.importer.verify import VerifyContext, verify
from tests.importer import forms


def _iku(*rows: tuple[object, ...]) -> forms.Grid:
    g = forms.Grid("IKU")
    g.put(0, 0, "CAPAIAN KINERJA DINAS TAHUN 2025")
    g.put(2, 0, "No", "Indikator Kinerja", "Satuan", "Target", "Realisasi")
    for i, row in enumerate(rows):
        g.put(3 + i, 0, i + 1, *row)
    return g


def _asked(data: WorkbookData) -> list[str | None]:
    found = verify(data, VerifyContext(tahun=2025))
    return [f.cell for f in found if f.code == "ANGKA_RAGU" and f.severity == "error"]


def test_a_text_number_with_three_digits_after_one_separator_is_asked_about(
    tmp_path: Path,
) -> None:
    g = _iku(("Indeks Kepuasan Masyarakat", "Indeks", "3.250", "3.310"))
    data = read_workbook(forms.write_xlsx(tmp_path / "ikm.xlsx", g), tahun=2025)

    assert _asked(data) == ["IKU!D4", "IKU!E4"]
    message = next(f.message for f in data.findings if f.code == "ANGKA_RAGU")
    assert "3.250" in message and "3,25" in message


def test_the_files_indonesian_numbers_settle_the_separator(tmp_path: Path) -> None:
    g = _iku(
        ("Jumlah peserta pelatihan", "Orang", "1.250", "1.300 orang"),
        ("Persentase layanan tepat waktu", "%", "85,5", "90,25"),
    )
    data = read_workbook(forms.write_xlsx(tmp_path / "id.xlsx", g), tahun=2025)

    assert [(r.target, r.realisasi) for r in data.rows] == [(1250.0, 1300.0), (85.5, 90.25)]
    assert _asked(data) == []


def test_a_whole_count_of_people_is_not_asked_about(tmp_path: Path) -> None:
    # "1.000" orang read as 1 person (three decimals of a head count) is no reading at all; the
    # question stays for divisible units ("1.500" m) and for a count whose reading is a fraction
    g = _iku(
        ("Jumlah peserta pelatihan", "Orang", "1.000", "1.250"),
        ("Jumlah dokumen perencanaan", "Dokumen", "2.000", "2.100"),
        ("Panjang jalan mantap", "Meter", "1.500", "1.620"),
        ("Jumlah penerima bantuan", "Jiwa", "1,250", "1,300"),
        ("Angka kematian bayi", "Kasus per 1.000 kelahiran hidup", "4.250", "4.100"),  # a rate
    )
    data = read_workbook(forms.write_xlsx(tmp_path / "utuh.xlsx", g), tahun=2025)

    assert [(r.target, r.realisasi) for r in data.rows][:2] == [(1000.0, 1250.0), (2000.0, 2100.0)]
    assert _asked(data) == ["IKU!D6", "IKU!E6", "IKU!D7", "IKU!E7", "IKU!D8", "IKU!E8"]


def test_english_numbers_elsewhere_make_a_comma_group_a_question(tmp_path: Path) -> None:
    g = _iku(
        ("Jumlah peserta pelatihan", "Orang", "1,250", "1,300"),
        ("Persentase layanan tepat waktu", "%", "85.5", "90.25"),
    )
    data = read_workbook(forms.write_xlsx(tmp_path / "en.xlsx", g), tahun=2025)

    assert _asked(data) == ["IKU!D4", "IKU!E4"]
    assert [(r.target, r.realisasi) for r in data.rows][1] == (85.5, 90.25)


def test_number_cells_are_never_asked_about(tmp_path: Path) -> None:
    g = _iku(("Jumlah peserta pelatihan", "Orang", 1250, 1300.5))
    data = read_workbook(forms.write_xlsx(tmp_path / "num.xlsx", g), tahun=2025)

    assert [(r.target, r.realisasi) for r in data.rows] == [(1250.0, 1300.5)]
    assert _asked(data) == []


def test_a_scale_word_after_the_number_multiplies_it(tmp_path: Path) -> None:
    g = _iku(
        ("Jumlah wisatawan", "Orang", "1,2 juta", "1,15 juta orang"),
        ("Jumlah kunjungan", "Kali", "12 rb", "11.500"),
        ("Nilai investasi", "Rupiah", "Rp 2,5 Miliar", "2.400 Juta"),
    )
    data = read_workbook(forms.write_xlsx(tmp_path / "skala.xlsx", g), tahun=2025)

    assert [(r.target, r.realisasi) for r in data.rows] == [
        (1_200_000.0, 1_150_000.0),
        (12_000.0, 11_500.0),
        (2_500_000_000.0, 2_400_000_000.0),
    ]
    assert [round(r.capaian or 0, 2) for r in data.rows] == [95.83, 95.83, 96.0]


def test_a_scale_word_the_satuan_column_already_names_is_the_unit_not_a_multiplier(
    tmp_path: Path,
) -> None:
    """Satuan 'Juta Rupiah' and '1.250 juta' beside 1.300: both in millions (capaian 104 %);
    a larger scale word is converted to the column's ('1,5 miliar' in juta rupiah: 1.500)."""
    g = _iku(
        ("Pendapatan asli daerah", "Juta Rupiah", "1.250 juta", 1300),
        ("Nilai investasi", "Rp juta", "1,5 miliar", "1.600 jt"),
        ("Jumlah kunjungan", "rb", "12 rb", 11),
        ("Jumlah wisatawan", "Ribu Orang", "1,2 juta", "1.150 ribu orang"),
    )
    data = read_workbook(forms.write_xlsx(tmp_path / "juta.xlsx", g), tahun=2025)

    assert [(r.target, r.realisasi) for r in data.rows] == [
        (1250.0, 1300.0),
        (1500.0, 1600.0),
        (12.0, 11.0),
        (1200.0, 1150.0),
    ]


def test_a_percent_target_against_a_fraction_realisasi_is_not_a_quiet_one_percent(
    tmp_path: Path,
) -> None:
    g = _iku(
        ("Persentase layanan tepat waktu", "%", 0.9, 0.92),  # target cell formatted 0.00%
        ("Persentase dokumen tepat waktu", "%", "90%", "0,92"),
        ("Persentase desa mandiri", "%", 90, 1),  # a real, poor 1,11 %: said as well
        ("Jumlah desa mandiri", "Desa", 90, 1),  # a count: 1 of 90 is no scale error
    )
    g.percent |= {(3, 3)}
    data = read_workbook(forms.write_xlsx(tmp_path / "skala.xlsx", g), tahun=2025)
    found = verify(data, VerifyContext(tahun=2025))

    assert [round(r.capaian or 0, 2) for r in data.rows] == [1.02, 1.02, 1.11, 1.11]
    assert [f.row for f in found if f.code == "CAPAIAN_SKALA_BERBEDA"] == [4, 5, 6]
    message = next(f.message for f in found if f.code == "CAPAIAN_SKALA_BERBEDA")
    assert "0,92" in message and "92%" in message


def test_rows_past_the_reading_limit_are_said_not_dropped_quietly(tmp_path: Path) -> None:
    """3 100 programmes, each a section row and one indicator: 6 201 rows, past MAX_ROWS."""
    g = forms.Grid("IKU")
    g.put(0, 0, "No", "Indikator Kinerja", "Satuan", "Target", "Realisasi")
    for i in range(3100):
        g.put(1 + 2 * i, 0, f"Program {i + 1}: Program layanan {i + 1}")
        g.put(2 + 2 * i, 0, i + 1, f"Persentase layanan {i + 1}", "%", 90, 85)
    data = read_workbook(forms.write_xlsx(tmp_path / "besar.xlsx", g), tahun=2025)

    cut = [f for f in data.findings if f.code == "LEMBAR_TERPOTONG"]
    assert len(data.rows) < 3100 and len(cut) == 1
    assert "6.201 baris" in cut[0].message and "6.000" in cut[0].message


def test_a_sheet_within_the_limits_is_not_said_cut(tmp_path: Path) -> None:
    g = _iku(("Persentase layanan tepat waktu", "%", 90, 85))
    data = read_workbook(forms.write_xlsx(tmp_path / "kecil.xlsx", g), tahun=2025)

    assert "LEMBAR_TERPOTONG" not in [f.code for f in data.findings]


_HTML_HEAD = (
    "<tr><td>No</td><td>Indikator Kinerja</td><td>Satuan</td><td>Target</td><td>Realisasi</td></tr>"
)


def test_an_html_export_past_the_row_limit_says_so(tmp_path: Path) -> None:
    rows = "".join(
        f"<tr><td colspan=5>Program {i}: Program layanan {i}</td></tr><tr><td>{i}</td>"
        f"<td>Persentase layanan {i}</td><td>%</td><td>90</td><td>85</td></tr>"
        for i in range(1, 3101)
    )
    path = tmp_path / "ekspor.xls"
    path.write_text(f"<html><body><table>{_HTML_HEAD}{rows}</table></body></html>")
    data = read_workbook(path, tahun=2025)

    assert len(data.rows) < 3100
    assert "LEMBAR_TERPOTONG" in [f.code for f in data.findings]


def test_an_html_export_in_utf16_is_read(tmp_path: Path) -> None:
    """Some web apps serve their 'Export Excel' page as UTF-16 with a byte-order mark."""
    row = "<tr><td>1</td><td>Persentase layanan</td><td>%</td><td>90</td><td>85,5</td></tr>"
    path = tmp_path / "ekspor.xls"
    path.write_bytes(f"<html><body><table>{_HTML_HEAD}{row}</table></body></html>".encode("utf-16"))
    data = read_workbook(path, tahun=2025)

    assert [(r.indikator, r.target, r.realisasi) for r in data.rows] == [
        ("Persentase layanan", 90.0, 85.5)
    ]


def test_rupiah_written_with_its_closing_dash_is_read(tmp_path: Path) -> None:
    """'Rp. 1.250.000,-': the Indonesian way to write a whole rupiah amount."""
    g = _iku(("Realisasi pendapatan retribusi", "Rupiah", "Rp. 1.250.000,-", "1.300.000,-"))
    data = read_workbook(forms.write_xlsx(tmp_path / "rp.xlsx", g), tahun=2025)

    assert [(r.target, r.realisasi) for r in data.rows] == [(1_250_000.0, 1_300_000.0)]
    assert "NILAI_BUKAN_ANGKA" not in [f.code for f in verify(data, VerifyContext(tahun=2025))]


def test_a_negative_count_is_an_error_not_a_plausible_capaian(tmp_path: Path) -> None:
    """'(12)' kasus read as -12 against '(10)' gave a plausible capaian of a count that cannot
    be negative; a rate may be ('Pertumbuhan ekonomi' -1,5 %)."""
    g = _iku(
        ("Jumlah kasus DBD", "Kasus", "(12)", "(10)"),
        ("Pertumbuhan ekonomi", "%", "5,2", "(1,5)"),
    )
    data = read_workbook(forms.write_xlsx(tmp_path / "neg.xlsx", g), tahun=2025)
    found = verify(data, VerifyContext(tahun=2025))

    negatif = [(f.cell, f.severity) for f in found if f.code == "NILAI_NEGATIF"]
    assert negatif == [("IKU!D4", "error"), ("IKU!E4", "error")]
    message = next(f.message for f in found if f.code == "NILAI_NEGATIF")
    assert "(12)" in message


def test_a_change_in_a_count_may_be_negative(tmp_path: Path) -> None:
    """'Perubahan jumlah penduduk miskin' -620 jiwa is a fall, not a slip; nor is a
    'Selisih' or a 'Penurunan' written with its sign."""
    g = _iku(
        ("Perubahan jumlah penduduk miskin", "Jiwa", "-500", "-620"),
        ("Selisih jumlah penduduk", "Jiwa", "100", "-20"),
        ("Penurunan jumlah kasus stunting", "Kasus", "(50)", "(62)"),
        ("Jumlah kasus DBD", "Kasus", "12", "(10)"),
    )
    data = read_workbook(forms.write_xlsx(tmp_path / "beda.xlsx", g), tahun=2025)
    found = verify(data, VerifyContext(tahun=2025))

    assert [f.cell for f in found if f.code == "NILAI_NEGATIF"] == ["IKU!E7"]


@pytest.mark.parametrize(
    ("kind", "named"), [("xlsx", "xls"), ("xls", "xlsx"), ("ods", "xlsx"), ("xlsx", "ods")]
)
def test_a_sound_workbook_under_another_extension_is_read(
    tmp_path: Path, kind: str, named: str
) -> None:
    """'Laporan.xls' that Excel saved as .xlsx (or renamed in a chat app) is no broken file."""
    g = _iku(("Persentase layanan tepat waktu", "%", 90, 85.5))
    original = tmp_path / f"asli.{kind}"
    if kind == "xlsx":
        forms.write_xlsx(original, g)
    elif kind == "xls":
        forms.write_xls(original, g)
    else:
        forms.write_ods(original, g)
    path = original.rename(tmp_path / f"kiriman.{named}")

    data = read_workbook(path, tahun=2025)

    assert [(r.target, r.realisasi) for r in data.rows] == [(90.0, 85.5)]


def test_a_target_merged_over_two_indicators_is_said_merged_not_empty(tmp_path: Path) -> None:
    """The OPD sees 90 beside both indicators; 'kosong' alone would read as a false claim."""
    g = _iku(("Persentase A", "%", None, 85), ("Persentase B", "%", None, 88))
    g.merge(3, 3, 4, 3, 90)
    data = read_workbook(forms.write_xlsx(tmp_path / "gabung.xlsx", g), tahun=2025)
    found = verify(data, VerifyContext(tahun=2025))

    kosong = [f for f in found if f.code == "TARGET_KOSONG"]
    assert [f.cell for f in kosong] == ["IKU!D5"]
    assert "digabung" in kosong[0].message and "IKU!D4" in kosong[0].message


def _merged_apm() -> forms.Grid:
    """APM SD/SMP under one merged indicator; a sasaran's capaian merged over its two rows."""
    g = forms.Grid("IKU")
    g.put(0, 0, "CAPAIAN KINERJA DINAS PENDIDIKAN TAHUN 2025")
    g.put(2, 0, "No", "Sasaran", "Indikator Kinerja", "Jenjang", "Satuan", "Target", "Realisasi")
    g.put(2, 7, "Capaian")
    g.merge(3, 0, 4, 0, 1)
    g.merge(3, 1, 4, 1, "Meningkatnya akses pendidikan")
    g.merge(3, 2, 4, 2, "Angka Partisipasi Murni")
    g.put(3, 3, "SD", "%", 98, 97, 98.98)
    g.put(4, 3, "SMP", "%", 80, 60, 75)
    g.put(5, 0, 2, "Meningkatnya mutu", "Persentase sekolah terakreditasi A", None, "%", 50, 40)
    g.put(6, 2, "Persentase guru bersertifikat", None, "%", 80, 76)
    g.merge(5, 7, 6, 7, 90)
    return g


@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_merged_cells_of_an_ods_are_read_as_in_excel(tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"apm.{kind}"
    if kind == "xlsx":
        forms.write_xlsx(path, _merged_apm())
    else:
        forms.write_ods(path, _merged_apm())
    data = read_workbook(path, tahun=2025)
    codes = [f.code for f in verify(data, VerifyContext(tahun=2025))]

    assert [r.indikator for r in data.rows][:2] == [
        "Angka Partisipasi Murni (SD)",
        "Angka Partisipasi Murni (SMP)",
    ]
    assert "INDIKATOR_KOSONG" not in codes and "CAPAIAN_BERBEDA" not in codes
