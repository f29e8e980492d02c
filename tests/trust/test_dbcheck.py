import sqlite3

import pytest

from kinerja_app.errors import DatabaseProblem
from kinerja_app.storage.dbcheck import (
    integrity_check,
    is_network_path,
    quick_check,
    refuse_network_path,
)

PAGE = 4096


def make_db(path, rows=3000):
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA page_size={PAGE}")
    conn.execute("CREATE TABLE surat (id INTEGER PRIMARY KEY, perihal TEXT)")
    conn.execute("CREATE INDEX surat_perihal ON surat (perihal)")
    conn.executemany(
        "INSERT INTO surat (perihal) VALUES (?)", ((f"perihal nomor {i:06d}",) for i in range(rows))
    )
    conn.commit()
    conn.close()
    return path


def test_good_database_has_no_problems(tmp_path):
    db = make_db(tmp_path / "baik.db")
    assert quick_check(db) == []
    assert integrity_check(db) == []


def test_overwritten_middle_pages_are_reported(tmp_path):
    db = make_db(tmp_path / "rusak.db")
    pages = db.stat().st_size // PAGE
    assert pages > 20
    with db.open("r+b") as f:
        f.seek((pages // 2) * PAGE)
        f.write(b"\xa5" * (3 * PAGE))
    problems = quick_check(db)
    assert problems
    assert all("cadangan" in p for p in problems)
    assert integrity_check(db)


@pytest.mark.parametrize("content", [b"ini bukan basis data SQLite " * 200, b"\x00\xff" * 3000])
def test_garbage_file_is_a_problem_not_an_exception(tmp_path, content):
    f = tmp_path / "sampah.db"
    f.write_bytes(content)
    problems = quick_check(f)
    assert len(problems) == 1
    assert "bukan basis data" in problems[0] or "rusak" in problems[0]


def test_missing_file_is_a_problem_and_is_not_created(tmp_path):
    f = tmp_path / "tidak-ada.db"
    assert "tidak ditemukan" in quick_check(f)[0]
    assert not f.exists()


MOUNTS = """\
/dev/sda2 / ext4 rw,relatime 0 0
proc /proc proc rw 0 0
fileserver:/export/data /mnt/data nfs4 rw,vers=4.2 0 0
//setda/bersama /mnt/bagian\\040organisasi cifs rw,vers=3.0 0 0
/dev/sdb1 /mnt/data/lokal ext4 rw 0 0
host:/srv /srv/sshfs fuse.sshfs rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "network"),
    [
        ("/home/staf/kinerja.db", False),
        ("/mnt/data/kinerja.db", True),
        ("/mnt/data", True),
        ("/mnt/data/lokal/kinerja.db", False),  # a local disk mounted inside the share
        ("/mnt/datalain/kinerja.db", False),  # prefix by name only, not a sub-folder
        ("/mnt/bagian organisasi/kinerja.db", True),  # \040 escape in /proc/mounts
        ("/srv/sshfs/a/b.db", True),
    ],
)
def test_network_detection_from_proc_mounts(path, network):
    assert is_network_path(path, mounts=MOUNTS) is network


@pytest.mark.parametrize(
    ("path", "network"),
    [
        (r"\\fileserver\kinerja\kinerja.db", True),
        (r"\\?\UNC\fileserver\kinerja\kinerja.db", True),
        (r"\\?\C:\Data\kinerja.db", False),
        (r"\\.\C:\Data\kinerja.db", False),
    ],
)
def test_unc_paths(path, network):
    assert is_network_path(path, mounts=MOUNTS) is network


def test_refuse_network_path_explains_in_indonesian():
    with pytest.raises(DatabaseProblem, match="disk lokal"):
        refuse_network_path("/mnt/data/kinerja.db", mounts=MOUNTS)
    refuse_network_path("/home/staf/kinerja.db", mounts=MOUNTS)  # no exception
