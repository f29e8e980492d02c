"""Master data services: the OPD list (xlsx round trip), holidays, settings."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from kinerja_app.admin import settings
from kinerja_app.admin.master import (
    DataOpd,
    ekspor_opd_xlsx,
    hapus_hari_libur,
    impor_opd_xlsx,
    nonaktifkan_opd,
    simpan_opd,
    simpan_pengaturan,
    tambah_hari_libur,
)
from kinerja_app.errors import ActionRefused, UnreadableFile, ValidationError
from kinerja_app.jadwal.mutu_baku import kalender_kerja
from kinerja_app.storage.models import AuditLog, HariLibur, PerangkatDaerah


def audits(aksi: str, hasil: str = "ok") -> int:
    return AuditLog.select().where((AuditLog.aksi == aksi) & (AuditLog.hasil == hasil)).count()


def test_create_update_deactivate_opd(f):
    changes = simpan_opd(f.admin, DataOpd("bag hukum", "Bagian Hukum", urutan=99))
    opd = PerangkatDaerah.get_by_id(changes.objek_id)
    assert opd.kode == "BAGHUKUM"
    simpan_opd(f.admin, DataOpd("BAGHUKUM", "Bagian Hukum Setda"), opd)
    assert PerangkatDaerah.get_by_id(opd.id).nama == "Bagian Hukum Setda"
    nonaktifkan_opd(f.admin, PerangkatDaerah.get_by_id(opd.id))
    assert not PerangkatDaerah.get_by_id(opd.id).aktif
    assert audits("simpan_opd") == 2 and audits("nonaktifkan_opd") == 1


def test_duplicate_code_and_role_refused(f):
    with pytest.raises(ActionRefused, match="sudah dipakai"):
        simpan_opd(f.admin, DataOpd("SETDA", "Lain"))
    with pytest.raises(ActionRefused):
        simpan_opd(f.tim, DataOpd("BARU", "Baru"))
    assert audits("simpan_opd", "ditolak") == 2


def test_xlsx_round_trip(f, tmp_path):
    path = ekspor_opd_xlsx(tmp_path / "opd.xlsx")
    before = {(o.kode, o.nama, o.aktif) for o in PerangkatDaerah.select()}
    book = openpyxl.load_workbook(path)
    sheet = book.active
    sheet["B2"] = "Sekretariat Daerah (ubah)"
    sheet.append(
        ["BAGHUKUM", "Bagian Hukum", "Hukum", "bagian", "Kepala Bagian Hukum", "", "", 99, "Tidak"]
    )
    book.save(path)
    changes = impor_opd_xlsx(f.admin, path)
    assert "1 Perangkat Daerah baru" in changes.pesan
    after = {(o.kode, o.nama, o.aktif) for o in PerangkatDaerah.select()}
    assert len(after) == len(before) + 1
    assert ("BAGHUKUM", "Bagian Hukum", False) in after
    assert (
        PerangkatDaerah.get(PerangkatDaerah.kode == sheet["A2"].value).nama
        == "Sekretariat Daerah (ubah)"
    )
    assert audits("impor_opd") == 1


def test_import_rejects_bad_rows_without_partial_changes(f, tmp_path):
    path = tmp_path / "buruk.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Kode", "Nama Perangkat Daerah", "Aktif"])
    book.active.append(["NEW1", "Baru Satu", "Ya"])
    book.active.append(["NEW2", "Baru Dua", "mungkin"])
    book.save(path)
    count = PerangkatDaerah.select().count()
    with pytest.raises(ValidationError, match="Baris 3"):
        impor_opd_xlsx(f.admin, path)
    assert PerangkatDaerah.select().count() == count


def test_import_unreadable_file(f, tmp_path):
    path = tmp_path / "bukan.xlsx"
    path.write_bytes(b"not a zip")
    with pytest.raises(UnreadableFile, match="bukan buku kerja"):
        impor_opd_xlsx(f.admin, path)


def test_import_goes_through_the_importer_guard(f, tmp_path):
    """A zip bomb in the OPD list is refused at once (it used to run 150 s to 1.4 GB)."""
    import time
    import zipfile

    path = tmp_path / "opd.xlsx"
    ekspor_opd_xlsx(path)
    bomb = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info, source.read(info))
        with out.open("xl/media/image1.png", "w") as member:
            for _ in range(64):
                member.write(b"\x00" * (1 << 20))
    start = time.perf_counter()
    with pytest.raises(UnreadableFile, match="zip bomb"):
        impor_opd_xlsx(f.admin, bomb)
    assert time.perf_counter() - start < 10


def test_holidays_shift_deadlines(f):
    day = dt.date(2031, 3, 5)  # a Wednesday
    assert kalender_kerja().is_hari_kerja(day)
    tambah_hari_libur(f.admin, day, "Cuti bersama")
    assert not kalender_kerja().is_hari_kerja(day)
    with pytest.raises(ActionRefused, match="sudah ada"):
        tambah_hari_libur(f.admin, day, "Lagi")
    hapus_hari_libur(f.admin, HariLibur.get())
    assert kalender_kerja().is_hari_kerja(day)
    assert audits("tambah_hari_libur") == 1 and audits("hapus_hari_libur") == 1


def test_settings_saved_only_when_changed(f):
    simpan_pengaturan(f.admin, {"kertas": "F4", "tempat_surat": settings.get("tempat_surat")})
    assert settings.get("kertas") == "F4"
    assert audits("ubah_pengaturan") == 1
    with pytest.raises(ActionRefused):
        simpan_pengaturan(f.tim, {"kertas": "A4"})
