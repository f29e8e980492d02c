"""The operating system's refusals reach the user in Bahasa Indonesia, not its English strerror."""

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kinerja_app.errors import alasan_os

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOENT, "tidak ada"),
        (errno.EACCES, "izin"),
        (errno.ENOSPC, "disk penuh"),
        (errno.EROFS, "hanya dapat dibaca"),
        (errno.ENAMETOOLONG, "terlalu panjang"),
    ],
)
def test_common_refusals_are_said_in_indonesian(code, words):
    exc = OSError(code, os.strerror(code), "berkas.xlsx")
    assert words in alasan_os(exc) and os.strerror(code) not in alasan_os(exc)


def test_a_reason_not_listed_keeps_the_systems_words_rather_than_nothing():
    assert alasan_os(OSError(errno.EPIPE, "Broken pipe")) == "Broken pipe"
    assert alasan_os(OSError("tanpa nomor")) == "tanpa nomor"


def test_verify_of_a_missing_workbook_says_why_in_indonesian(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "verify", str(tmp_path / "tidak-ada.xlsx")],
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert "tidak ada" in result.stdout and "No such file" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    "url",
    ["postgresql://kinerja_staf@server:abc/kinerja", "postgresql://kinerja_staf@[::1/kinerja"],
)
def test_a_malformed_server_address_is_explained_without_urllibs_english(url):
    from kinerja_app.errors import DatabaseProblem
    from kinerja_app.storage.server import parse_url

    with pytest.raises(DatabaseProblem) as caught:
        parse_url(url)
    message = str(caught.value)
    assert "nomor port" in message and "postgresql://" in message
    assert "could not" not in message and "Invalid" not in message


def test_a_database_file_sqlite_cannot_open_is_explained_in_indonesian(tmp_path, monkeypatch):
    import sqlite3

    from kinerja_app.storage import dbcheck

    path = tmp_path / "kinerja.db"
    path.write_bytes(b"")

    def refuse(_path):
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(dbcheck, "_connect_read_only", refuse)
    for check in (dbcheck.quick_check, dbcheck.index_check):
        (message,) = check(path)
        assert "tidak dapat dibuka" in message and "unable" not in message
