"""Start-up: daily backup once a day, leftovers cleaned, corrupt database refused clearly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kinerja_app.errors import DatabaseProblem
from kinerja_app.storage import startup
from kinerja_app.storage.backup import list_backups
from kinerja_app.storage.db import archive_dir_for, backup_dir_for, close_database
from kinerja_app.storage.files import TEMP_PREFIX


def test_daily_backup_once_a_day_by_the_app_clock_across_new_year(tmp_path, jam):
    db = tmp_path / "kinerja.db"
    jam.set(dt.datetime(2026, 12, 31, 23, 58))
    first = startup.start(db)
    close_database()
    assert first.backup is not None and first.backup.exists()
    assert "-harian-20261231-2358" in first.backup.name  # named by the app's clock
    leftover = archive_dir_for(db) / "Tahun 2025" / f"{TEMP_PREFIX}abc.docx"
    leftover.parent.mkdir(parents=True)
    leftover.write_bytes(b"half")
    jam.set(dt.datetime(2026, 12, 31, 23, 59, 30))
    second = startup.start(db)
    close_database()
    assert second.backup is None  # already taken today
    assert leftover in second.leftovers and not leftover.exists()
    jam.set(dt.datetime(2027, 1, 1, 0, 1))
    third = startup.start(db)
    close_database()
    assert third.backup is not None and "-harian-20270101-0001" in third.backup.name
    assert [b.created.year for b in list_backups(backup_dir_for(db))] == [2027, 2026]


def test_corrupt_database_refused_with_restore_hint(tmp_path):
    db = tmp_path / "kinerja.db"
    startup.start(db)
    from kinerja_app.storage.models import AuditLog

    for i in range(300):  # enough pages to corrupt one in the middle
        AuditLog.select().count()
        from kinerja_app.storage import audit

        audit.write("isi", pelaku=None, keterangan="x" * 200 + str(i))
    close_database()
    data = bytearray(db.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 4096] = b"\xff" * 4096
    db.write_bytes(bytes(data))
    with pytest.raises(DatabaseProblem, match="Pulihkan dari cadangan"):
        startup.check_before_open(db)


def test_network_share_refused(tmp_path, monkeypatch):
    from kinerja_app.storage import dbcheck

    monkeypatch.setattr(dbcheck, "is_network_path", lambda path, mounts=None: True)
    with pytest.raises(DatabaseProblem, match="jaringan"):
        startup.check_before_open(tmp_path / "kinerja.db")


def test_leftovers_cleaned_where_the_app_writes_and_nowhere_else(tmp_path):
    """Beside the database, in its archive and backups; the user's other folders beside the
    database (it may live in Documents) are not searched."""
    db = tmp_path / "kinerja.db"
    startup.start(db)
    close_database()
    beside = tmp_path / f"{TEMP_PREFIX}kinerja.db"
    in_backups = backup_dir_for(db) / f"{TEMP_PREFIX}cadangan.db"
    elsewhere = tmp_path / "Surat pribadi" / f"{TEMP_PREFIX}draf.docx"
    for path in (beside, in_backups, elsewhere):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"half")
    report = startup.start(db)
    close_database()
    assert sorted(report.leftovers) == sorted([beside, in_backups])
    assert not beside.exists() and not in_backups.exists() and elsewhere.exists()


def test_a_read_only_backup_folder_is_a_warning_and_the_app_starts(tmp_path, jam, monkeypatch):
    """The backup folder exists but can no longer be written (a write-protected stick, a folder
    whose permissions were changed): the daily backup fails with a sentence, the app opens."""
    import errno
    import tempfile

    from kinerja_app.storage.models import PerangkatDaerah

    db = tmp_path / "kinerja.db"
    startup.start(db)
    close_database()
    folder = backup_dir_for(db)
    real_mkstemp = tempfile.mkstemp

    def read_only(*args, **kwargs):
        if Path(kwargs.get("dir") or "") == folder:
            raise OSError(errno.EROFS, "Read-only file system", str(folder / ".kinerja-tmp-x"))
        return real_mkstemp(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    jam.set(jam() + dt.timedelta(days=1))
    report = startup.start(db)
    try:
        assert report.backup is None
        (warning,) = report.peringatan
        assert "Cadangan harian tidak dapat dibuat" in warning
        assert "hanya dapat dibaca" in warning and "Read-only" not in warning
        assert PerangkatDaerah.select().count() > 0  # the database is open and usable
    finally:
        close_database()
