import sqlite3
import threading
import time
from datetime import date, datetime, timedelta

import pytest

from kinerja_app.errors import DatabaseProblem
from kinerja_app.storage.backup import (
    create_backup,
    list_backups,
    needs_daily_backup,
    restore_backup,
    verify_backup,
)
from kinerja_app.storage.dbcheck import integrity_check, quick_check
from kinerja_app.storage.files import sha256_file

T0 = datetime(2025, 3, 10, 7, 30, 0)


def connect(path):
    conn = sqlite3.connect(path, timeout=10, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    return conn


def make_kinerja_db(path, rows=0):
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = connect(path)
    conn.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY)")
    conn.execute("INSERT INTO schema_version VALUES (2)")
    conn.execute("CREATE TABLE catatan (seq INTEGER PRIMARY KEY, isi TEXT NOT NULL)")
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO catatan VALUES (?, ?)", ((i, "x" * 200) for i in range(1, rows + 1))
    )
    conn.execute("COMMIT")
    conn.close()
    return path


def rows_of(path):
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM catatan").fetchone()
    finally:
        conn.close()


class Writer(threading.Thread):
    """Appends rows seq = n+1, n+2, ... one commit each, until stopped."""

    def __init__(self, path, start_seq):
        super().__init__(daemon=True)
        self.path, self.seq, self.stop, self.error = path, start_seq, threading.Event(), None

    def run(self):
        try:
            conn = connect(self.path)
            conn.execute("PRAGMA synchronous=NORMAL")
            while not self.stop.is_set():
                conn.execute("INSERT INTO catatan VALUES (?, ?)", (self.seq + 1, "y" * 200))
                self.seq += 1
            conn.close()
        except Exception as exc:  # surfaced by the test
            self.error = exc

    def wait_for(self, seq, timeout=20):
        deadline = time.monotonic() + timeout
        while self.seq < seq:
            assert time.monotonic() < deadline and self.error is None, self.error
            time.sleep(0.005)


def test_backup_while_another_connection_writes_is_a_consistent_snapshot(tmp_path):
    db = make_kinerja_db(tmp_path / "kinerja.db", rows=20_000)  # several MB: the copy takes time
    writer = Writer(db, 20_000)
    writer.start()
    try:
        writer.wait_for(20_200)
        before = writer.seq
        backup = create_backup(db, tmp_path / "cadangan", keep=3, label="manual")
        after = writer.seq
        writer.wait_for(after + 200)  # the writer was never blocked by the backup
    finally:
        writer.stop.set()
        writer.join()
    assert writer.error is None

    assert verify_backup(backup) == []
    restored = tmp_path / "pulih" / "kinerja.db"
    assert restore_backup(backup, restored) is None
    assert integrity_check(restored) == []
    count, top = rows_of(restored)
    assert count == top  # rows 1..top, no gap: a prefix of the writer's sequence
    assert before <= count <= after
    assert count < rows_of(db)[0]  # the live db went on growing after the snapshot
    assert not (tmp_path / "pulih" / "kinerja.db-wal").exists()


def test_backup_name_and_listing(tmp_path):
    db = make_kinerja_db(tmp_path / "kinerja.db", rows=10)
    path = create_backup(db, tmp_path / "c", label="harian", now=T0)
    assert path.name == "kinerja-harian-20250310-073000.db"
    again = create_backup(db, tmp_path / "c", label="harian", now=T0)
    assert again.name == "kinerja-harian-20250310-073000-2.db"
    (tmp_path / "c" / "catatan.txt").write_text("bukan cadangan")
    infos = list_backups(tmp_path / "c")
    assert [i.path for i in infos] == [again, path]  # newest first
    assert infos[1].created == T0 and infos[1].label == "harian"
    assert infos[1].size == path.stat().st_size > 0
    assert not [p for p in (tmp_path / "c").iterdir() if p.name.startswith(".kinerja-tmp")]


def test_pruning_keeps_newest_n_of_the_same_label(tmp_path):
    db = make_kinerja_db(tmp_path / "kinerja.db", rows=10)
    folder = tmp_path / "c"
    manual = create_backup(db, folder, label="manual", keep=1, now=T0 - timedelta(days=30))
    made = [
        create_backup(db, folder, label="harian", keep=3, now=T0 + timedelta(days=d))
        for d in range(6)
    ]
    harian = [i.path for i in list_backups(folder) if i.label == "harian"]
    assert harian == made[:-4:-1]  # the three newest, newest first
    assert manual.exists()  # another label is not pruned


def test_needs_daily_backup(tmp_path):
    db = make_kinerja_db(tmp_path / "kinerja.db", rows=1)
    folder = tmp_path / "c"
    assert needs_daily_backup(folder, T0.date()) is True
    create_backup(db, folder, label="manual", now=T0)
    assert needs_daily_backup(folder, T0.date()) is True  # a manual copy is not the daily one
    create_backup(db, folder, label="harian", now=T0)
    assert needs_daily_backup(folder, T0.date()) is False
    assert needs_daily_backup(folder, date(2025, 3, 11)) is True


def test_verify_backup_wants_the_kinerja_marker_table(tmp_path):
    other = tmp_path / "lain.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE apa (x)")
    conn.close()
    assert "schema_version" in verify_backup(other)[0]
    empty = tmp_path / "kosong.db"
    sqlite3.connect(empty).close()
    assert "kosong" in verify_backup(empty)[0]


def corrupt(path):
    size = path.stat().st_size
    with path.open("r+b") as f:
        f.seek(size // 2 - size // 2 % 4096)
        f.write(b"\xa5" * 3 * 4096)


def test_restore_refuses_corrupt_backup_and_leaves_db_untouched(tmp_path):
    db = make_kinerja_db(tmp_path / "kinerja.db", rows=50)
    backup = create_backup(db, tmp_path / "c", now=T0)
    corrupt(backup)
    digest = sha256_file(db)
    with pytest.raises(DatabaseProblem, match="tidak dapat dipulihkan"):
        restore_backup(backup, db)
    assert sha256_file(db) == digest
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c", "kinerja.db"]


def test_create_backup_refuses_to_store_a_copy_of_a_corrupt_db(tmp_path):
    db = make_kinerja_db(tmp_path / "kinerja.db", rows=20_000)
    good = create_backup(db, tmp_path / "c", keep=1, now=T0)
    corrupt(db)
    with pytest.raises(DatabaseProblem, match="cadangan lama"):
        create_backup(db, tmp_path / "c", keep=1, now=T0 + timedelta(days=1))
    assert [i.path for i in list_backups(tmp_path / "c")] == [good]  # old one not pruned
    assert len(list((tmp_path / "c").iterdir())) == 1


def test_restore_keeps_current_db_with_its_wal_and_drops_stale_wal(tmp_path):
    source = make_kinerja_db(tmp_path / "asal.db", rows=5)
    backup = create_backup(source, tmp_path / "c", now=T0)

    # A live db whose last commits sit only in its -wal (as after a crash or while open).
    live = make_kinerja_db(tmp_path / "kinerja.db", rows=100)
    conn = connect(live)
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("INSERT INTO catatan VALUES (101, 'terbaru')")
    crashed = tmp_path / "crash"
    crashed.mkdir()
    for name in ("kinerja.db", "kinerja.db-wal"):
        (crashed / name).write_bytes((tmp_path / name).read_bytes())
    conn.close()
    target = crashed / "kinerja.db"
    assert (crashed / "kinerja.db-wal").stat().st_size > 0

    kept = restore_backup(backup, target, now=T0)

    assert kept is not None and kept.name == "kinerja.sebelum-restore-20250310-073000.db"
    assert rows_of(target) == (5, 5)  # the backup, not the old wal replayed on top of it
    assert rows_of(kept) == (101, 101)  # the commit that was only in the wal is kept
    assert integrity_check(target) == []


def test_restore_refuses_while_database_is_open(tmp_path):
    backup = create_backup(make_kinerja_db(tmp_path / "asal.db", rows=3), tmp_path / "c", now=T0)
    live = make_kinerja_db(tmp_path / "kinerja.db", rows=7)
    conn = connect(live)
    conn.execute("SELECT COUNT(*) FROM catatan").fetchone()  # idle, but open
    try:
        with pytest.raises(DatabaseProblem, match="masih dibuka"):
            restore_backup(backup, live)
    finally:
        conn.close()
    assert rows_of(live) == (7, 7)
    leftovers = (".kinerja-tmp", "kinerja.sebelum")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(leftovers)]


def test_restore_over_unreadable_db_keeps_raw_files_and_removes_stale_wal(tmp_path):
    backup = create_backup(make_kinerja_db(tmp_path / "asal.db", rows=5), tmp_path / "c", now=T0)
    live = make_kinerja_db(tmp_path / "kinerja.db", rows=100)
    conn = connect(live)
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("INSERT INTO catatan VALUES (101, 'terbaru')")
    broken = tmp_path / "rusak"
    broken.mkdir()
    wal_bytes = (tmp_path / "kinerja.db-wal").read_bytes()
    conn.close()
    target = broken / "kinerja.db"
    target.write_bytes(b"bukan basis data " * 500)  # main file destroyed, its wal intact
    (broken / "kinerja.db-wal").write_bytes(wal_bytes)

    kept = restore_backup(backup, target, now=T0)

    assert kept is not None and kept.read_bytes().startswith(b"bukan basis data")
    assert (broken / f"{kept.name}-wal").read_bytes() == wal_bytes  # kept for a specialist
    assert not (broken / "kinerja.db-wal").exists()
    assert rows_of(target) == (5, 5)
    assert integrity_check(target) == []
    assert sorted(p.name for p in broken.iterdir()) == sorted(
        ["kinerja.db", kept.name, f"{kept.name}-wal"]
    )


def test_restore_refuses_a_backup_from_a_newer_kinerja_and_changes_nothing(tmp_path):
    """A backup made by a newer version (say, on a colleague's updated laptop) would replace the
    database with one this version refuses to open: the app could no longer start at all."""
    from kinerja_app.storage.migrations import LATEST

    newer = make_kinerja_db(tmp_path / "baru.db", rows=3)
    conn = sqlite3.connect(newer)
    conn.execute("INSERT INTO schema_version VALUES (?)", (LATEST + 1,))
    conn.commit()
    conn.close()
    backup = create_backup(newer, tmp_path / "c", now=T0)
    live = make_kinerja_db(tmp_path / "kinerja.db", rows=7)
    digest = sha256_file(live)

    assert any("lebih baru" in p for p in verify_backup(backup))
    with pytest.raises(DatabaseProblem, match="versi Kinerja yang lebih baru"):
        restore_backup(backup, live)

    assert sha256_file(live) == digest
    assert sorted(p.name for p in tmp_path.iterdir()) == ["baru.db", "c", "kinerja.db"]


def test_restore_into_a_folder_that_cannot_be_written_is_a_sentence(tmp_path, monkeypatch):
    import errno
    import tempfile

    backup = create_backup(make_kinerja_db(tmp_path / "asal.db", rows=3), tmp_path / "c", now=T0)
    live = make_kinerja_db(tmp_path / "kantor" / "kinerja.db", rows=7)
    digest = sha256_file(live)
    real_mkstemp = tempfile.mkstemp

    def read_only(*args, **kwargs):
        if str(kwargs.get("dir")) == str(live.parent):
            raise OSError(errno.EROFS, "Read-only file system", str(live.parent / "x"))
        return real_mkstemp(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    with pytest.raises(DatabaseProblem, match="hanya dapat dibaca") as caught:
        restore_backup(backup, live)
    assert "Read-only" not in str(caught.value)
    assert sha256_file(live) == digest
    assert sorted(p.name for p in live.parent.iterdir()) == ["kinerja.db"]


ENGLISH = ("file is not a database", "malformed", "database is locked", "unable to open")


@pytest.mark.parametrize("content", [b"\x00\xff" * 3000, b"SQLite format 3\x00" + b"\xa5" * 8000])
def test_a_file_that_is_no_database_is_said_without_sqlites_english(tmp_path, content):
    garbage = tmp_path / "sampah.db"
    garbage.write_bytes(content)
    messages = [*verify_backup(garbage), *quick_check(garbage)]
    assert messages
    for message in messages:
        assert not any(words in message for words in ENGLISH), message
        assert "bukan basis data" in message or "rusak" in message, message
    with pytest.raises(DatabaseProblem) as caught:
        create_backup(garbage, tmp_path / "c", now=T0)
    assert not any(words in str(caught.value) for words in ENGLISH), str(caught.value)
