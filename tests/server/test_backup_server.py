"""Backups of a server database (pg_dump) and restoring one into a new database (pg_restore)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from kinerja_app.storage import audit
from kinerja_app.storage.backup_server import find_tool
from kinerja_app.storage.db import close_database, open_database
from kinerja_app.storage.models import AuditLog, BerkasArsip, Penyampaian
from kinerja_app.storage.pemeliharaan import cadangkan_sekarang, periksa_arsip
from tests.factory import Factory, Row

ROOT = Path(__file__).resolve().parents[2]


def test_a_server_backup_restores_into_a_new_database_with_data_files_and_chain(
    pg_server, tmp_path, monkeypatch
):
    from kinerja_app.clock import now
    from kinerja_app.workflow.penyampaian import SuratMasuk, simpan_penyampaian

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # the dump folder
    name = pg_server.create_kinerja()
    restored = pg_server.create_empty("pulih")
    try:
        open_database(pg_server.url(name))
        f = Factory()
        (opd,) = f.distributed(f.periode(), 1)
        workbook = tmp_path / "data.xlsx"
        workbook.write_bytes(b"PK\x03\x04 isi buku kerja")
        rows_in: list[Any] = [Row("IKM", 80, 84, 105.0)]
        simpan_penyampaian(f.tim, opd, SuratMasuk(now()), rows_in, [], berkas=workbook)
        head, rows = audit.chain_head(), AuditLog.select().count()
        dump = Path(cadangkan_sekarang(f.tim).pesan.removeprefix("Cadangan dibuat: "))
        assert dump.is_file() and dump.suffix == ".dump"
        close_database()

        done = subprocess.run(
            [str(find_tool("pg_restore")), "--no-owner", "--role=kinerja_pemilik",
             f"--dbname={pg_server.url(restored, owner=True)}", str(dump)],
            capture_output=True, text=True, env=os.environ,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        open_database(pg_server.url(restored, owner=True))
        assert AuditLog.select().count() == rows  # the dump was taken before its audit row
        assert audit.verify_chain().ok
        assert BerkasArsip.select().count() == 1 and periksa_arsip() == []
        assert Penyampaian.get().sha256 == BerkasArsip.get().sha256
        assert AuditLog.select().where(AuditLog.hash == head).exists()
    finally:
        close_database()
        pg_server.drop(name)
        pg_server.drop(restored)


def test_the_backup_command_accepts_a_server_address(pg_server, tmp_path):
    name = pg_server.create_kinerja()
    try:
        env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
        done = subprocess.run(
            [sys.executable, "main.py", "backup", "--db", pg_server.url(name)],
            cwd=ROOT, capture_output=True, text=True, env=env, timeout=120,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip().endswith(".dump")
    finally:
        pg_server.drop(name)


def test_a_server_backup_carries_its_chain_head_and_audit_verify_accepts_it(
    pg_server, tmp_path, monkeypatch, capsys
):
    """A server dump was named without the head it holds, and ``audit-verify --cadangan``
    refused it as "not a SQLite database": a server office had no anchor outside its database."""
    from kinerja_app import cli
    from kinerja_app.storage.backup import backup_head

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    name = pg_server.create_kinerja()
    try:
        open_database(pg_server.url(name))
        f = Factory()
        f.periode()
        head = audit.chain_head()
        dump = Path(cadangkan_sekarang(f.tim).pesan.removeprefix("Cadangan dibuat: "))
        close_database()
        assert dump.name.endswith(f"-k{head[:16]}.dump"), dump.name
        assert backup_head(dump) == head
        argv = ["audit-verify", "--db", pg_server.url(name), "--cadangan", str(dump)]
        assert cli.main(argv) == 0, capsys.readouterr()
        assert "1 kepala rantai dari luar ditemukan" in capsys.readouterr().out
        forged = dump.with_name(dump.name.replace(head[:16], "0123456789abcdef"))
        forged.write_bytes(dump.read_bytes())
        assert cli.main([*argv[:-1], str(forged)]) == 2
        assert "telah diubah" in capsys.readouterr().err
    finally:
        close_database()
        pg_server.drop(name)


def test_a_server_that_cannot_be_reached_is_said_in_indonesian(tmp_path):
    """pg_dump's last line ("\tIs the server running on that host and accepting TCP/IP
    connections?") was the whole reason the office saw."""
    import pytest

    from kinerja_app.errors import DatabaseProblem
    from kinerja_app.storage.backup_server import create_server_backup
    from kinerja_app.storage.server import parse_url

    address = parse_url("postgresql://kinerja@127.0.0.1:1/kinerja")  # nothing listens on port 1
    with pytest.raises(DatabaseProblem) as caught:
        create_server_backup(address, tmp_path / "c", tmp_path / "pgpass")
    message = str(caught.value)
    assert "Server tidak dapat dihubungi" in message, message
    assert "Is the server running" not in message and "\t" not in message, message
    assert not list((tmp_path / "c").iterdir())  # no half-written dump left
