"""Import glue: OPD matching, verification context from stored data, storing, correction text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import xlsxwriter

from kinerja_app import clock
from kinerja_app.importer import isian_format
from kinerja_app.importer.data import Finding, Pemetaan, WorkbookData
from kinerja_app.importer.penerimaan import (
    HasilPeriksa,
    OpdPeriode,
    cari_opd_dalam_teks,
    daftar_berkas,
    muat_katalog,
    periksa_berkas,
    pesan_perbaikan,
    terima,
)
from kinerja_app.rekap.capaian import Polaritas, hitung_capaian
from kinerja_app.storage.arsip_berkas import berkas_lokal
from kinerja_app.storage.models import (
    DataIndikator,
    Pengumpulan,
    Penyampaian,
    PerangkatDaerah,
    Periode,
    Temuan,
)
from kinerja_app.storage.models.pengumpulan import StatusOpd
from kinerja_app.workflow.penyampaian import SuratMasuk, nyatakan_valid

# (sasaran, indikator, satuan, polaritas, target, realisasi)
Baris = tuple[str, str, str, str, float | str | None, float | str | None]
BARIS: tuple[Baris, ...] = (
    ("Meningkatnya akses pendidikan", "Angka Partisipasi Murni SD", "%", "Positif", 98.5, 97.0),
    ("Meningkatnya akses pendidikan", "Angka Partisipasi Murni SMP", "%", "Positif", 80, 82.5),
    ("Meningkatnya mutu pendidikan", "Rata-rata lama sekolah", "tahun", "Positif", 8.4, 8.1),
    ("Meningkatnya akuntabilitas", "Jumlah temuan BPK", "temuan", "Negatif", 2, 1),
)


def _capaian(target: object, realisasi: object, polaritas: str) -> float | None:
    if not isinstance(target, int | float) or not isinstance(realisasi, int | float):
        return None
    return hitung_capaian(float(target), float(realisasi), Polaritas(polaritas.lower())).nilai


def isian_xlsx(
    path: Path,
    opd_kode: str,
    opd_nama: str,
    *,
    tahun: int = 2025,
    rows: Sequence[Baris] = BARIS,
) -> Path:
    """The app's format isian as Excel saves it (xlsxwriter: capaian formulas with cached values)."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet(isian_format.DATA_SHEET)
    for c, label in enumerate(isian_format.COLUMNS):
        ws.write(0, c, label)
    for r, (sasaran, indikator, satuan, pol, target, realisasi) in enumerate(rows, start=1):
        ws.write(r, 0, r)
        ws.write_string(r, 1, sasaran)
        ws.write_string(r, 2, indikator)
        ws.write_string(r, 3, satuan)
        ws.write_string(r, 4, pol)
        for c, value in ((5, target), (6, realisasi)):
            if value is not None:
                ws.write(r, c, value)
        capaian = _capaian(target, realisasi, pol)
        ws.write_formula(r, 7, f"=G{r + 1}/F{r + 1}*100", None, capaian if capaian else "")
    meta = wb.add_worksheet(isian_format.META_SHEET)
    values = {
        "aplikasi": isian_format.META_APP,
        "versi_format": isian_format.FORMAT_VERSION,
        "opd_kode": opd_kode,
        "opd_nama": opd_nama,
        "tahun": str(tahun),
        "surat_nomor": "000.5/123/ORG/2026",
        "periode_id": "1",
    }
    for r, key in enumerate(isian_format.META_KEYS):
        meta.write_string(r, 0, key)
        meta.write_string(r, 1, values[key])
    meta.very_hidden()
    wb.close()
    return path


def messy_xlsx(
    path: Path,
    title: str,
    *,
    tahun: int = 2025,
    rows: Sequence[Baris] = BARIS,
    headerless: bool = False,
) -> Path:
    """An OPD's own layout: title rows, "Target 2025" headers, a numbering row, merged sasaran,
    decimal commas as text; ``headerless`` writes unrecognisable header labels."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("IKU")
    ws.write(0, 0, "LAPORAN CAPAIAN INDIKATOR KINERJA UTAMA")
    ws.write(1, 0, title)
    ws.write(2, 0, f"TAHUN {tahun}")
    if headerless:
        header = ["#", "Uraian", "Ukuran", "Arah", "Rencana", "Hasil", "Persen"]
    else:
        header = ["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Polaritas"]
        header += [f"Target {tahun}", f"Realisasi {tahun}"]
    for c, label in enumerate(header):
        ws.write(4, c, label)
    for c in range(len(header)):
        ws.write(5, c, f"({c + 1})")
    r = 6
    for i, (sasaran, indikator, satuan, pol, target, realisasi) in enumerate(rows, start=1):
        ws.write(r, 0, i)
        if i == 1 or sasaran != rows[i - 2][0]:
            ws.write_string(r, 1, sasaran)
        ws.write_string(r, 2, indikator)
        ws.write_string(r, 3, satuan)
        ws.write_string(r, 4, pol)
        for c, value in ((5, target), (6, realisasi)):
            if isinstance(value, float):
                ws.write_string(r, c, f"{value:.2f}".replace(".", ","))
            elif value is not None:
                ws.write(r, c, value)
        r += 1
    wb.close()
    return path


def _opd(kode: str) -> PerangkatDaerah:
    return PerangkatDaerah.get(PerangkatDaerah.kode == kode)


def _pengumpulan(periode: Periode, kode: str) -> Pengumpulan:
    return Pengumpulan.get((Pengumpulan.periode == periode) & (Pengumpulan.opd == _opd(kode)))


def data_of(hasil: HasilPeriksa) -> WorkbookData:
    """The workbook a check read; a file that could not be read fails here, with its message."""
    assert hasil.data is not None, hasil.pesan
    return hasil.data


def pemetaan_of(hasil: HasilPeriksa) -> Pemetaan:
    """The column mapping a check's reading used."""
    pemetaan = data_of(hasil).pemetaan
    assert pemetaan is not None
    return pemetaan


def _surat() -> SuratMasuk:
    return SuratMasuk(clock.now(), "215/SM/2026", "000/1/DISDIK")


# --- matching ---------------------------------------------------------------------------------
def test_meta_sheet_matches_by_kode_even_with_a_misleading_name(db, f, tmp_path):
    periode = f.periode()
    path = isian_xlsx(tmp_path / "Dinas Kesehatan.xlsx", "DISDIK", "Dinas Pendidikan")
    hasil = periksa_berkas(path, periode)
    assert hasil.opd is not None and hasil.opd.kode == "DISDIK"
    assert hasil.cara == "format isian"
    assert hasil.status == "ok", hasil.findings
    assert hasil.jumlah_indikator == 4


def test_name_in_title_rows_matches(db, f, tmp_path):
    periode = f.periode()
    path = messy_xlsx(tmp_path / "laporan.xlsx", "DINAS PENDIDIKAN KABUPATEN LAMANDAU")
    hasil = periksa_berkas(path, periode)
    assert hasil.opd is not None and hasil.opd.kode == "DISDIK"
    assert hasil.cara == "judul"
    assert hasil.data is not None
    assert [r.target for r in hasil.data.rows] == [98.5, 80, 8.4, 2]


def test_partial_official_name_in_title_matches_the_only_candidate(db, f, tmp_path):
    periode = f.periode()
    path = messy_xlsx(tmp_path / "lkj.xlsx", "DINAS KESEHATAN KAB. LAMANDAU")
    hasil = periksa_berkas(path, periode)
    assert hasil.opd is not None and hasil.opd.kode == "DINKES"


def test_file_name_matches_kode_or_singkatan(db, f, tmp_path):
    periode = f.periode()
    path = messy_xlsx(tmp_path / "IKU_Disdukcapil_2025.xlsx", "LAPORAN")
    hasil = periksa_berkas(path, periode)
    assert hasil.opd is not None and hasil.opd.kode == "DISDUKCAPIL"
    assert hasil.cara == "nama berkas"


def test_longest_match_wins_and_ties_stay_unmatched():
    def opd(i: int, kode: str, nama: str, singkatan: str) -> OpdPeriode:
        return OpdPeriode(i, kode, nama, singkatan, i, StatusOpd.SURAT_DITERIMA)

    opds = [
        opd(1, "KEC-BULIK", "Kecamatan Bulik", "Kec. Bulik"),
        opd(2, "KEC-BULIKTIMUR", "Kecamatan Bulik Timur", "Kec. Bulik Timur"),
        opd(3, "SETDA", "Sekretariat Daerah", "Setda"),
        opd(4, "SETWAN", "Sekretariat DPRD", "Setwan"),
    ]

    def kode(text: str) -> str | None:
        found = cari_opd_dalam_teks(text, opds)
        return found.kode if found else None

    assert kode("LKj KECAMATAN BULIK TIMUR 2025") == "KEC-BULIKTIMUR"
    assert kode("data_kec._bulik") == "KEC-BULIK"
    assert kode("SEKRETARIAT DPRD KAB. LAMANDAU") == "SETWAN"
    assert cari_opd_dalam_teks("Sekretariat", opds) is None
    assert cari_opd_dalam_teks("data kinerja 2025", opds) is None


def test_unmatched_file_leaves_the_choice_to_the_user(db, f, tmp_path):
    periode = f.periode()
    hasil = periksa_berkas(messy_xlsx(tmp_path / "data.xlsx", "LAPORAN KINERJA"), periode)
    assert hasil.opd is None and hasil.cara is None
    assert hasil.data is not None and hasil.jumlah_indikator == 4


def test_unreadable_file_is_a_result_not_an_exception(db, f, tmp_path):
    periode = f.periode()
    path = tmp_path / "Disdik.xlsx"
    path.write_text("bukan buku kerja")
    hasil = periksa_berkas(path, periode)
    assert hasil.status == "unreadable" and hasil.data is None
    assert "xlsx" in hasil.pesan.lower()
    assert hasil.opd is not None and hasil.opd.kode == "DISDIK"


def test_daftar_berkas_skips_lock_files_and_other_types(tmp_path):
    for name in ("b.xlsx", "A.xlsx", "~$A.xlsx", "catatan.txt"):
        (tmp_path / name).write_text("x")
    assert [p.name for p in daftar_berkas(tmp_path)] == ["A.xlsx", "b.xlsx"]


# --- verification context and storing ----------------------------------------------------
def test_wrong_year_in_format_isian_is_an_error(db, f, tmp_path):
    periode = f.periode(2025)
    hasil = periksa_berkas(isian_xlsx(tmp_path / "x.xlsx", "DISDIK", "Disdik", tahun=2024), periode)
    assert "TAHUN_SALAH" in {x.code for x in hasil.findings}
    assert hasil.status == "errors"


def test_terima_stores_a_revision_with_rows_findings_and_archived_file(db, f, tmp_path):
    periode = f.periode()
    f.distributed(periode, n=5)
    path = messy_xlsx(tmp_path / "Disdik.xlsx", "DINAS PENDIDIKAN")
    hasil = periksa_berkas(path, periode)
    changes = terima(f.tim, _pengumpulan(periode, "DISDIK"), hasil, _surat())
    rev = Penyampaian.get_by_id(changes.objek_id)
    assert hasil.data is not None and rev.berkas is not None
    assert rev.revisi == 1 and rev.sha256 == hasil.data.sha256
    assert berkas_lokal(str(rev.berkas)).read_bytes() == path.read_bytes()
    stored = list(DataIndikator.select().where(DataIndikator.penyampaian == rev))
    assert [d.indikator for d in stored] == [b[1] for b in BARIS]
    assert Temuan.select().where(Temuan.penyampaian == rev).count() == len(hasil.findings)
    assert _pengumpulan(periode, "DISDIK").status == StatusOpd.DATA_MASUK


def test_target_changed_since_previous_revision_is_flagged(db, f, tmp_path):
    periode = f.periode()
    f.distributed(periode, n=5)
    first = periksa_berkas(isian_xlsx(tmp_path / "r1.xlsx", "DISDIK", "Disdik"), periode)
    assert "TARGET_BERUBAH" not in {x.code for x in first.findings}
    terima(f.tim, _pengumpulan(periode, "DISDIK"), first, _surat())
    changed = list(BARIS)
    changed[2] = (*BARIS[2][:4], 9.0, 8.1)
    second = periksa_berkas(
        isian_xlsx(tmp_path / "r2.xlsx", "DISDIK", "Disdik", rows=changed), periode
    )
    flagged = [x for x in second.findings if x.code == "TARGET_BERUBAH"]
    assert len(flagged) == 1 and flagged[0].cell == "Data Kinerja!F4"


def test_previous_period_rows_come_from_the_accepted_revision(db, f, tmp_path):
    lalu = f.periode(2024)
    f.distributed(lalu, n=5)
    hasil = periksa_berkas(isian_xlsx(tmp_path / "l.xlsx", "DISDIK", "Disdik", tahun=2024), lalu)
    rev = terima(f.tim, _pengumpulan(lalu, "DISDIK"), hasil, _surat()).objek_id
    nyatakan_valid(f.tim, Penyampaian.get_by_id(rev))
    kini = f.periode(2025)
    katalog = muat_katalog(kini)
    assert [p.indikator for p in katalog.periode_lalu["DISDIK"]] == [b[1] for b in BARIS]
    hasil = periksa_berkas(
        isian_xlsx(tmp_path / "k.xlsx", "DISDIK", "Disdik", rows=BARIS[:3]), katalog
    )
    hilang = [x for x in hasil.findings if x.code == "INDIKATOR_HILANG"]
    assert len(hilang) == 1 and "Jumlah temuan BPK" in hilang[0].message


# --- the correction text ---------------------------------------------------------------------
def test_pesan_perbaikan_lists_every_finding_with_its_cell():
    findings = [
        Finding("warning", "CAPAIAN_BERBEDA", "Capaian berbeda.", "IKU!H9", 9),
        Finding("error", "TARGET_KOSONG", "Target di sel IKU!F7 kosong.", "IKU!F7", 7),
        Finding("error", "KOLOM_TIDAK_ADA", "Kolom Satuan tidak ada di tabel."),
    ]
    text = pesan_perbaikan("Dinas Pendidikan", findings, tahun=2025, berkas="iku.xlsx")
    assert text.startswith("Yth. Dinas Pendidikan,")
    assert "data kinerja tahun 2025 (iku.xlsx)" in text
    assert "1. Sel IKU!F7: Target di sel IKU!F7 kosong." in text
    assert "2. Kolom Satuan tidak ada di tabel." in text
    assert "3. Sel IKU!H9: Capaian berbeda." in text
    assert text.index("Wajib diperbaiki:") < text.index("Mohon diperiksa:")


def test_waktu_diterima_past_day_is_noon() -> None:
    from kinerja_app.importer.penerimaan import waktu_diterima

    tanggal = dt.date(2026, 1, 5)
    assert waktu_diterima(tanggal, dt.datetime(2026, 1, 9, 10, 30)) == dt.datetime(2026, 1, 5, 12)
    now = dt.datetime(2026, 1, 9, 10, 30, 5)
    assert waktu_diterima(now.date(), now) == now


def test_a_file_changed_after_checking_is_refused_and_nothing_stored(db, f, tmp_path):
    import pytest

    from kinerja_app.errors import UserError

    periode = f.periode()
    f.distributed(periode, n=5)
    path = messy_xlsx(tmp_path / "Disdik.xlsx", "DINAS PENDIDIKAN")
    hasil = periksa_berkas(path, periode)
    path.write_bytes(path.read_bytes() + b"\0")  # someone saves the file again meanwhile
    with pytest.raises(UserError, match="berubah sesudah diperiksa"):
        terima(f.tim, _pengumpulan(periode, "DISDIK"), hasil, _surat())
    assert Penyampaian.select().count() == 0
    from kinerja_app.storage.db import archive_root

    assert not [p for p in archive_root().rglob("*.xlsx")]


# --- remembered mappings --------------------------------------------------------------------
def odd_layout_xlsx(
    path: Path, tahun: int, rows: Sequence[Baris] = BARIS, opd: str = "DINAS PENDIDIKAN"
) -> Path:
    """An OPD's own labels the reader cannot name, and a lettered column-numbering row."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Kinerja")
    ws.write(0, 0, f"{opd} TAHUN {tahun}")
    ws.write_row(2, 0, ["#", "Uraian sasaran", "Uraian", "Ukuran", "Arah", "Rencana", "Hasil"])
    ws.write_row(3, 0, list("ABCDEFG"))
    for r, (sasaran, indikator, satuan, pol, target, realisasi) in enumerate(rows, start=4):
        ws.write_row(r, 0, [r - 3, sasaran, indikator, satuan, pol, target, realisasi])
    wb.close()
    return path


ODD_MAPPING = {
    "sasaran": "B",
    "indikator": "C",
    "satuan": "D",
    "polaritas": "E",
    "target": "F",
    "realisasi": "G",
}


def test_confirmed_mapping_is_remembered_and_applied_next_period(db, f, tmp_path):
    from kinerja_app.importer.data import ColumnMapping
    from kinerja_app.importer.penerimaan import muat_katalog
    from kinerja_app.importer.report import check_one
    from kinerja_app.storage.models import AuditLog, PemetaanKolom

    periode = f.periode(2025)
    f.distributed(periode, n=5)
    path = odd_layout_xlsx(tmp_path / "disdik 2025.xlsx", 2025)
    katalog = muat_katalog(periode)
    assert data_of(periksa_berkas(path, katalog)).header_row is None  # labels not recognised

    mapped = periksa_berkas(path, katalog, ColumnMapping(3, ODD_MAPPING, sheet="Kinerja"))
    assert [r.row for r in data_of(mapped).rows] == [4, 5, 6, 7, 8]  # "A B C ..." read as a row
    excluded = ColumnMapping(3, ODD_MAPPING, sheet="Kinerja", excluded=frozenset({4}))
    hasil = periksa_berkas(path, katalog, excluded)
    assert [r.indikator for r in data_of(hasil).rows] == [b[1] for b in BARIS]
    assert pemetaan_of(hasil).sumber == "manual"

    terima(f.tim, _pengumpulan(periode, "DISDIK"), hasil, _surat())
    (ingat,) = PemetaanKolom.select()
    assert ingat.opd.kode == "DISDIK" and ingat.baris_judul == 3
    assert ingat.kecualikan == '["a|b|c|d|e|f|g"]'
    assert AuditLog.select().where(AuditLog.aksi == "ingat_pemetaan_kolom").count() == 1

    # next period, same layout, other year and values, one more indicator
    nanti = f.periode(2026)
    f.distributed(nanti, n=5)
    rows = (
        *BARIS,
        ("Meningkatnya mutu pendidikan", "Nilai rata-rata UN", "nilai", "Positif", 70, 72),
    )
    path2 = odd_layout_xlsx(tmp_path / "disdik 2026.xlsx", 2026, rows)
    katalog2 = muat_katalog(nanti)
    lagi = periksa_berkas(path2, katalog2)
    data = data_of(lagi)
    assert pemetaan_of(lagi).sumber == "diingat"
    assert "Pemetaan kolom yang diingat" in pemetaan_of(lagi).catatan
    assert [r.indikator for r in data.rows] == [r[1] for r in rows]
    assert (data.rows[-1].target, data.rows[-1].realisasi) == (70, 72)
    assert "HEADER_TIDAK_DITEMUKAN" not in {x.code for x in lagi.findings}
    # another OPD's file of the same layout does not get DISDIK's mapping
    other = odd_layout_xlsx(tmp_path / "x.xlsx", 2026, opd="DINAS KESEHATAN")
    other_hasil = periksa_berkas(other, katalog2)
    assert other_hasil.opd is not None and other_hasil.opd.kode == "DINKES"
    assert pemetaan_of(other_hasil).sumber == "otomatis"
    assert data_of(other_hasil).header_row is None

    result = check_one(path2, katalog=katalog2)
    assert result["pemetaan"]["sumber"] == "diingat"
    assert result["pemetaan"]["baris_dikecualikan"] == [4]
    assert result["pemetaan"]["kolom"] == ODD_MAPPING


def test_remembering_happens_in_the_same_transaction_as_storing(db, f, tmp_path):
    from kinerja_app.errors import ActionRefused
    from kinerja_app.importer.data import ColumnMapping
    from kinerja_app.storage.models import PemetaanKolom

    periode = f.periode(2025)  # no distribution: storing is refused
    path = odd_layout_xlsx(tmp_path / "disdik.xlsx", 2025)
    hasil = periksa_berkas(path, periode, ColumnMapping(3, ODD_MAPPING, sheet="Kinerja"))
    try:
        terima(f.tim, _pengumpulan(periode, "DISDIK"), hasil, _surat())
    except ActionRefused:
        pass
    else:
        raise AssertionError("storing should have been refused")
    assert PemetaanKolom.select().count() == 0
