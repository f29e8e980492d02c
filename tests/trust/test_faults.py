"""Faults a user can meet get a sentence saying what happened and what to do, and lose nothing:
a full disk, a read-only database, a foreign or empty file, a folder given for a file, a
missing folder, a file name that loses its extension; damage that only an index shows."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from kinerja_app import clock
from kinerja_app.errors import DatabaseCorrupt, DatabaseProblem, UserError
from kinerja_app.storage import startup
from kinerja_app.storage.db import (
    archive_dir_for,
    backup_dir_for,
    close_database,
    database,
    open_database,
)
from kinerja_app.storage.models import Penyampaian, PerangkatDaerah
from kinerja_app.workflow.penyampaian import SuratMasuk, simpan_penyampaian
from tests.factory import Factory, Row

ROWS = [Row(f"IKU {i} " + "uraian panjang " * 20, 100.0, 90.0, 90.0) for i in range(200)]


def _foreign(path: Path) -> Path:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE pelanggan (id INTEGER PRIMARY KEY, nama TEXT)")
    con.commit()
    con.close()
    return path


def test_a_full_disk_is_a_sentence_not_a_bug_and_nothing_is_stored(f):
    periode = f.periode()
    p = f.distributed(periode, 1)[0]
    pages = database.execute_sql("PRAGMA page_count").fetchone()[0]
    database.execute_sql(f"PRAGMA max_page_count = {pages}")  # the disk is full from here on
    with pytest.raises(DatabaseProblem, match="Ruang disk penuh") as caught:
        simpan_penyampaian(f.tim, p, SuratMasuk(clock.now()), ROWS, [])
    assert "rollback" not in str(caught.value) and isinstance(caught.value, UserError)
    database.execute_sql("PRAGMA max_page_count = 1073741823")  # space freed
    assert Penyampaian.select().count() == 0
    simpan_penyampaian(f.tim, p, SuratMasuk(clock.now()), ROWS, [])  # the app kept running
    assert Penyampaian.select().count() == 1


def test_a_read_only_database_is_a_sentence(f):
    periode = f.periode()
    database.execute_sql("PRAGMA query_only = 1")  # what SQLite reports for a read-only file
    with pytest.raises(DatabaseProblem, match="hanya dapat dibaca"):
        f.disposisi(periode)


def test_a_foreign_sqlite_file_is_refused_untouched(tmp_path):
    path = _foreign(tmp_path / "data-toko.db")
    before = path.read_bytes()
    with pytest.raises(DatabaseProblem, match="milik program lain") as caught:
        startup.start(path)
    assert not isinstance(caught.value, DatabaseCorrupt)  # nothing to restore: not ours
    assert path.read_bytes() == before
    assert not archive_dir_for(path).exists() and not backup_dir_for(path).exists()


def test_a_folder_given_for_the_file_is_a_sentence(tmp_path):
    with pytest.raises(DatabaseProblem, match="adalah folder"):
        startup.start(tmp_path)


def test_a_new_folder_is_created_private_with_a_private_database(tmp_path):
    path = tmp_path / "folder baru" / "kinerja.db"
    startup.start(path)
    try:
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        for name in ("kinerja.db", "kinerja.db-wal", "kinerja.db-shm"):
            assert stat.S_IMODE((path.parent / name).stat().st_mode) == 0o600, name
    finally:
        close_database()
    backups = backup_dir_for(path)
    assert stat.S_IMODE(backups.stat().st_mode) == 0o700
    assert {stat.S_IMODE(b.stat().st_mode) for b in backups.iterdir()} == {0o600}


def test_an_existing_database_is_made_private(tmp_path):
    shared = tmp_path / "dokumen"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    path = shared / "kinerja.db"
    open_database(path)
    close_database()
    path.chmod(0o644)
    open_database(path)
    close_database()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755  # the user's own folder is left alone


def test_archive_folders_are_private(f, tmp_path):
    from kinerja_app.storage.arsip_berkas import folder_periode
    from kinerja_app.storage.db import archive_root

    folder = folder_periode(2025, "Data OPD", "Dinas Kesehatan")
    for part in (archive_root(), folder.parent, folder):
        assert stat.S_IMODE(part.stat().st_mode) == 0o700, part


def test_an_opd_name_ending_in_a_dot_keeps_the_letter_extension(f):
    from dataclasses import replace

    from kinerja_app.documents import berkas
    from kinerja_app.storage.models import Rancangan
    from kinerja_app.workflow.rancangan import isi_default, simpan_rancangan

    PerangkatDaerah.update(nama="Dinas Kesehatan.").where(
        PerangkatDaerah.kode == "DINKES"
    ).execute()
    periode = f.periode()
    f.disposisi(periode)
    isi = replace(isi_default(periode), per_opd=True)  # one copy per OPD, named by it
    rancangan = Rancangan.get_by_id(simpan_rancangan(f.tim, periode, isi).objek_id)
    paths = berkas.draf_surat(f.tim, rancangan).paths
    assert paths and all(p.suffix == ".docx" and p.is_file() for p in paths)
    assert any("Dinas Kesehatan.docx" in p.name for p in paths)


def test_a_long_opd_name_of_emoji_still_stores_its_workbook_and_letters(f, tmp_path):
    """200 characters are allowed, four bytes each: the archive folder's name was once longer
    than Linux allows (255 bytes), and storing the workbook failed as a bug."""
    from dataclasses import replace

    from kinerja_app.documents import berkas
    from kinerja_app.storage.models import Rancangan
    from kinerja_app.workflow.rancangan import isi_default, simpan_rancangan

    periode = f.periode()
    p = f.distributed(periode, 1)[0]
    PerangkatDaerah.update(nama="Dinas 🌳 " + "🌳" * 190).where(
        PerangkatDaerah.id == p.opd_id
    ).execute()
    workbook = tmp_path / ("Data 🌳" * 26 + ".xlsx")  # 239 bytes, allowed
    workbook.write_bytes(b"PK isi")
    simpan_penyampaian(f.tim, p, SuratMasuk(clock.now()), ROWS[:3], [], berkas=workbook)
    stored = Path(str(Penyampaian.get().berkas))
    assert stored.is_file() and stored.suffix == ".xlsx"
    assert all(len(part.encode()) <= 255 for part in stored.parts)
    later = f.periode(2026)
    f.disposisi(later)
    isi = replace(isi_default(later), per_opd=True)
    rancangan = Rancangan.get_by_id(simpan_rancangan(f.tim, later, isi).objek_id)
    assert all(path.is_file() for path in berkas.draf_surat(f.tim, rancangan).paths)


def test_an_archive_folder_that_cannot_be_made_is_a_sentence(f):
    from kinerja_app.storage.db import archive_root

    periode = f.periode()
    p = f.distributed(periode, 1)[0]
    archive_root().mkdir(exist_ok=True)
    (archive_root() / "Tahun 2025").write_text("bukan folder")  # as a read-only disk refuses
    workbook = archive_root().parent / "data.xlsx"
    workbook.write_bytes(b"PK isi")
    with pytest.raises(UserError, match=r"Folder arsip .* tidak dapat dibuat"):
        simpan_penyampaian(f.tim, p, SuratMasuk(clock.now()), ROWS[:3], [], berkas=workbook)
    assert Penyampaian.select().count() == 0


def _swap_roots(path: Path, first: str, second: str) -> None:
    con = sqlite3.connect(path)
    roots = {
        name: root
        for name, root in con.execute(
            "SELECT name, rootpage FROM sqlite_master WHERE name IN (?, ?)", (first, second)
        )
    }
    con.execute("PRAGMA writable_schema = ON")
    con.execute("UPDATE sqlite_master SET rootpage = ? WHERE name = ?", (roots[second], first))
    con.execute("UPDATE sqlite_master SET rootpage = ? WHERE name = ?", (roots[first], second))
    con.commit()
    con.close()


def test_swapped_index_roots_are_caught_at_start_and_restore_is_offered(tmp_path):
    path = tmp_path / "kinerja.db"
    startup.start(path)  # takes today's backup: a good one to offer
    Factory()
    close_database()
    _swap_roots(path, "perangkat_daerah_kode", "audit_log_hash")
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA quick_check").fetchone()[0] == "ok"  # passes the old check...
    assert con.execute("SELECT id FROM perangkat_daerah WHERE kode = 'SETDA'").fetchall() == []
    con.close()  # ...while the app would no longer find an OPD by its code
    with pytest.raises(DatabaseCorrupt, match="indeks") as caught:
        startup.start(path)
    assert "Cadangan sehat terakhir" in str(caught.value)
    assert startup.latest_good_backup(path) is not None


def _disposisi_rows(path: Path) -> None:
    """Disposisi rows whose two user columns agree at both ends of their indexes but not in
    the middle: swapping those two indexes passes every cheap check."""
    pairs = [(1, 1), (1, 1), (1, 1), (2, 3), (3, 2), (5, 5), (5, 5), (5, 5)]
    con = sqlite3.connect(path)
    con.executemany(
        "INSERT INTO disposisi (periode_id, nomor_agenda, sifat, klasifikasi, surat_dari, "
        "nomor_surat, harap, hal, isi, catatan, diteruskan_kepada, oleh_id, dicatat_oleh_id, "
        "waktu, dicatat_pada) VALUES (1, '', 'Biasa', 'Biasa', '', '', '', 'h', 'i', '', 'Tim', "
        "?, ?, '2026-03-10', '2026-03-10')",
        pairs,
    )
    con.commit()
    con.close()


def test_damage_only_a_full_check_sees_is_caught_by_the_daily_backup(tmp_path, jam):
    path = tmp_path / "kinerja.db"
    startup.start(path)
    f = Factory()
    f.periode()
    close_database()
    _disposisi_rows(path)
    _swap_roots(path, "disposisi_oleh_id", "disposisi_dicatat_oleh_id")
    startup.check_before_open(path)  # the cheap checks pass
    jam.maju(days=1)  # the next day's first start takes the daily backup
    with pytest.raises(DatabaseCorrupt, match="tidak lolos pemeriksaan"):
        startup.start(path)
    assert database.is_closed()  # closed again, so a restore can replace the file


def test_orphan_archive_copies_are_reported_and_moved_aside_at_start(tmp_path):
    from kinerja_app.storage.arsip_berkas import folder_periode, folder_yatim
    from kinerja_app.storage.checksums import ProblemKind
    from kinerja_app.storage.db import archive_root
    from kinerja_app.storage.pemeliharaan import periksa_arsip

    path = tmp_path / "kinerja.db"
    startup.start(path)
    f = Factory()
    periode = f.periode()
    p = f.distributed(periode, 1)[0]
    book = tmp_path / "Data.xlsx"
    book.write_bytes(b"isi")
    simpan_penyampaian(f.tim, p, SuratMasuk(clock.now()), ROWS[:3], [], berkas=book)
    # a copy claimed by a save that was killed before its commit
    orphan = folder_periode(2025, "Data OPD", "Sekretariat Daerah") / "Revisi 2 - Data.xlsx"
    orphan.write_bytes(b"isi lain")
    (problem,) = periksa_arsip()
    assert problem.kind == ProblemKind.ORPHAN and problem.path == orphan
    root = archive_root()
    close_database()
    report = startup.start(path)
    try:
        moved = folder_yatim(root) / orphan.relative_to(root)
        assert report.orphans == [moved] and moved.read_bytes() == b"isi lain"
        assert not orphan.exists() and periksa_arsip() == []
        berkas = Penyampaian.get().berkas
        assert berkas and Path(berkas).is_file()
    finally:
        close_database()


def test_the_demo_leaves_no_temporary_folder_behind():
    from kinerja_app.demo.periode import demo_sementara

    with pytest.raises(RuntimeError), demo_sementara() as (path, accounts):
        folder = path.parent
        assert path.is_file() and accounts
        raise RuntimeError("jendela ditutup karena galat")
    assert not folder.exists()
    with demo_sementara() as (path, _):
        folder = path.parent
    assert not folder.exists()


def test_check_at_start_reads_only(tmp_path):
    """Checking a database never writes to it (read-only connection)."""
    path = tmp_path / "kinerja.db"
    open_database(path)
    close_database()
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    startup.check_before_open(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert not os.path.exists(f"{path}-wal") or os.path.getsize(f"{path}-wal") == 0


def test_a_dump_that_makes_pg_restore_complain_at_length_does_not_stall_the_check(tmp_path):
    """pg_restore's complaints went to a pipe read only after its output: past the pipe's
    buffer it stalled, and so did the backup check, for good."""
    import subprocess
    import sys
    import textwrap

    fake = tmp_path / "pg_restore"
    fake.write_text(
        "#!/usr/bin/env python3\n"
        "import sys\n"
        "sys.stderr.write('pg_restore: error: keluhan panjang\\n' * 20000)\n"
        "sys.stderr.flush()\n"
        "sys.exit(1)\n"
    )
    fake.chmod(0o755)
    probe = textwrap.dedent(
        f"""
        from pathlib import Path
        from kinerja_app.errors import DatabaseProblem
        from kinerja_app.storage import backup_server
        backup_server.find_tool = lambda name: Path({str(fake)!r})
        try:
            backup_server.dump_head(Path({str(tmp_path / "kinerja.dump")!r}))
        except DatabaseProblem as exc:
            print("KALIMAT", exc)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60
    )
    assert "KALIMAT" in result.stdout and "keluhan panjang" in result.stdout
