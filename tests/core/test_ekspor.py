"""Recap export to .xlsx: reads back equal, numbers stay numbers, text never becomes a formula."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import openpyxl

from kinerja_app.queries.indikator import BarisIndikator, TemuanSel
from kinerja_app.rekap.ekspor import HEADER_ROW, KOLOM_REKAP, ekspor_rekap
from kinerja_app.rekap.rekapitulasi import BarisRekap, ringkasan
from kinerja_app.storage.models.pengumpulan import StatusOpd


def _baris(i: int, nama: str, **kw) -> BarisRekap:
    """A typical recap row; ``kw`` overrides any of its fields."""
    row = BarisRekap(
        pengumpulan_id=i,
        opd_id=i,
        kode=f"K{i}",
        nama=nama,
        status=StatusOpd.DATA_MASUK,
        surat_diterima_pada=dt.datetime(2026, 1, 6, 9, 30),
        batas_waktu=dt.datetime(2026, 1, 20, 23, 59),
        data_masuk_pada=dt.datetime(2026, 1, 15, 14, 0),
        tepat_waktu=True,
        revisi=1,
        jumlah_indikator=6,
        jumlah_error=0,
        jumlah_peringatan=2,
        capaian_rata=97.8125,
        predikat="Sangat Tinggi",
    )
    return replace(row, **kw)


def test_export_reads_back_equal(tmp_path):
    rows = [
        _baris(1, "Dinas Pendidikan"),
        _baris(
            2,
            "Dinas Kesehatan",
            status=StatusOpd.PERLU_PERBAIKAN,
            tepat_waktu=False,
            revisi=2,
            jumlah_error=3,
            capaian_rata=64.5,
            predikat="Rendah",
        ),
        _baris(
            3,
            "Kecamatan Bulik",
            status=StatusOpd.SURAT_DITERIMA,
            data_masuk_pada=None,
            tepat_waktu=None,
            revisi=0,
            jumlah_indikator=0,
            jumlah_peringatan=0,
            capaian_rata=None,
            predikat="",
        ),
    ]
    path = ekspor_rekap(tmp_path / "rekap.xlsx", 2025, rows, ringkasan(rows))
    wb = openpyxl.load_workbook(path)
    ws = wb["Rekapitulasi"]
    assert "Tahun 2025" in ws["A1"].value
    assert "Diharapkan 3 OPD" in ws["A2"].value
    assert [c.value for c in ws[HEADER_ROW]] == [k.judul for k in KOLOM_REKAP]
    got = [[c.value for c in row] for row in ws.iter_rows(min_row=HEADER_ROW + 1)]
    assert got == [
        [1, "Dinas Pendidikan", "Data masuk", dt.datetime(2026, 1, 6), dt.datetime(2026, 1, 20),
         dt.datetime(2026, 1, 15), "Tepat waktu", 1, 6, 0, 2, 97.8125, "Sangat Tinggi"],
        [2, "Dinas Kesehatan", "Perlu perbaikan", dt.datetime(2026, 1, 6),
         dt.datetime(2026, 1, 20), dt.datetime(2026, 1, 15), "Terlambat", 2, 6, 3, 2, 64.5,
         "Rendah"],
        [3, "Kecamatan Bulik", "Surat diterima", dt.datetime(2026, 1, 6),
         dt.datetime(2026, 1, 20), None, None, None, None, None, None, None, None],
    ]  # fmt: skip
    assert ws.freeze_panes == f"B{HEADER_ROW + 1}"
    assert ws.auto_filter.ref == f"A{HEADER_ROW}:M{HEADER_ROW + 3}"
    assert ws.cell(HEADER_ROW + 1, 12).number_format == "[$-421]#,##0.00"
    assert "d mmmm yyyy" in ws.cell(HEADER_ROW + 1, 4).number_format
    assert ws.cell(HEADER_ROW, 1).font.bold


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    hostile = ["=1+1", "@SUM(A1)", "+62 812", "-5 hari", '=HYPERLINK("http://x")']
    rows = [_baris(i, name) for i, name in enumerate(hostile, start=1)]
    indikator = [
        BarisIndikator(
            opd="=cmd|' /C calc'!A0",
            urutan=1,
            baris=5,
            sasaran="@sasaran",
            indikator="Indikator\x07 dengan bel",
            satuan="%",
            polaritas="positif",
            target=None,
            target_teks="=A1*2",
            realisasi=90.0,
            realisasi_teks="90",
            capaian=None,
            capaian_dilaporkan=None,
            predikat="",
            temuan=(TemuanSel("error", "X", "S!F5", 5, "=pesan"),),
        )
    ]
    path = ekspor_rekap(tmp_path / "rekap.xlsx", 2025, rows, ringkasan(rows), indikator)
    wb = openpyxl.load_workbook(path)
    ws = wb["Rekapitulasi"]
    cells = [ws.cell(HEADER_ROW + i, 2) for i in range(1, len(hostile) + 1)]
    assert [c.value for c in cells] == hostile
    assert all(c.data_type == "s" for c in cells)
    detail = wb["Indikator"]
    values = [c.value for c in detail[HEADER_ROW + 1]]
    assert values[0] == "=cmd|' /C calc'!A0" and values[2] == "@sasaran"
    assert values[3] == "Indikator dengan bel"  # control character stripped
    assert values[6] == "=A1*2" and values[7] == 90.0 and values[10] == "=pesan"
    assert all(c.data_type != "f" for row in detail.iter_rows() for c in row)
    # the raw XML holds no formula element at all
    import zipfile

    with zipfile.ZipFile(path) as archive:
        xml = b"".join(archive.read(n) for n in archive.namelist() if "worksheets/" in n)
    assert b"<f>" not in xml and b"<f " not in xml


def test_recap_is_set_up_to_print(tmp_path):
    long = "Dinas Koperasi, Usaha Kecil dan Menengah, Perindustrian dan Perdagangan"
    rows = [_baris(1, long), _baris(2, "Dinas Pendidikan")]
    path = ekspor_rekap(tmp_path / "rekap.xlsx", 2025, rows, ringkasan(rows), kertas="F4")
    ws = openpyxl.load_workbook(path)["Rekapitulasi"]
    setup = ws.page_setup
    assert (setup.paperSize, setup.orientation) == (14, "landscape")  # Folio (F4), landscape
    # one page wide (1 is the file format's default, which a writer may leave out), as long
    # as it takes
    assert (setup.fitToWidth or 1, setup.fitToHeight) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"  # header on every page
    assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
    name = ws.cell(HEADER_ROW + 1, 2)
    assert name.value == long and name.alignment.wrap_text  # wrapped, never cut


def test_a_long_name_gets_a_row_tall_enough_to_show_it_whole(tmp_path):
    long = "Dinas Koperasi, Usaha Kecil dan Menengah, Perindustrian dan Perdagangan"
    rows = [_baris(1, long), _baris(2, "Dinas Pendidikan")]
    path = ekspor_rekap(tmp_path / "rekap.xlsx", 2025, rows, ringkasan(rows))
    ws = openpyxl.load_workbook(path)["Rekapitulasi"]
    assert ws.row_dimensions[HEADER_ROW + 1].height >= 30  # two lines of the 46-wide column
    assert ws.row_dimensions[HEADER_ROW + 2].height is None  # one line: Excel's own height


def test_every_cell_of_a_column_carries_its_format(tmp_path):
    """Each column's style is made once; its cells still read as bordered, numbered, dated."""
    rows = [_baris(i, f"Dinas {i}") for i in range(1, 30)]
    rows.append(_baris(30, "=SUM(A1)", capaian_rata=None))
    path = ekspor_rekap(tmp_path / "rekap.xlsx", 2025, rows, ringkasan(rows))
    ws = openpyxl.load_workbook(path)["Rekapitulasi"]
    for r in range(HEADER_ROW + 1, HEADER_ROW + 31):
        for c, kolom in enumerate(KOLOM_REKAP, start=1):
            cell = ws.cell(r, c)
            assert cell.border.left.style == "thin", (r, c)
            assert cell.number_format == (kolom.format or "General"), (r, c)
            assert cell.alignment.vertical == "top", (r, c)
    assert ws.cell(HEADER_ROW + 30, 2).quotePrefix
    assert not ws.cell(HEADER_ROW + 1, 2).quotePrefix
    assert abs(ws.column_dimensions["B"].width - KOLOM_REKAP[1].lebar) < 1  # plus cell padding
    assert ws.print_area is not None and ws.print_options.horizontalCentered


def test_decimals_print_indonesian_whatever_the_computer_locale(tmp_path):
    """Capaian prints "97,81" as the dates print "6 Januari 2026": the number formats carry
    the Indonesian locale ([$-421]) as the date format does, so a LibreOffice set to English
    does not print "97.81" beside Indonesian dates (Excel uses Windows' separators anyway)."""
    indikator = [
        BarisIndikator(
            opd="Dinas Pendidikan",
            urutan=1,
            baris=2,
            sasaran="S",
            indikator="I",
            satuan="%",
            polaritas="positif",
            target=95.0,
            target_teks="95",
            realisasi=76.83,
            realisasi_teks="76,83",
            capaian=80.87,
            capaian_dilaporkan=None,
            predikat="Tinggi",
            temuan=(),
        )
    ]
    rows = [_baris(1, "Dinas Pendidikan")]
    path = ekspor_rekap(tmp_path / "rekap.xlsx", 2025, rows, ringkasan(rows), indikator)
    wb = openpyxl.load_workbook(path)
    rekap = wb["Rekapitulasi"].cell(HEADER_ROW + 1, 12)
    assert rekap.value == 97.8125 and rekap.number_format.startswith("[$-421]")
    detail = wb["Indikator"]
    cells = {c.value: detail.cell(HEADER_ROW + 1, i) for i, c in enumerate(detail[HEADER_ROW], 1)}
    for judul in ("Target", "Realisasi", "Capaian (%)"):
        assert isinstance(cells[judul].value, int | float)  # a number, not text
        assert cells[judul].number_format.startswith("[$-421]"), judul
