"""Backups of a server database with PostgreSQL's own ``pg_dump``: one consistent snapshot of every
table, the archived files included (they live in ``berkas_arsip``), while the office keeps working.

The dump is written under a temp name, checked with ``pg_restore --list`` and only then renamed to
``<dbname>-manual-YYYYmmdd-HHMMSS-k<head>.dump``, where ``<head>`` is the first 16 hex digits of
the audit chain head the dump holds (read from the dump itself): an anchor outside the database,
as a SQLite backup's name carries, for ``audit-verify --kepala`` or ``--cadangan``. Restoring is ``pg_restore`` into a new, empty database
(README, "Beberapa komputer"): a running office database is never overwritten in place.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from datetime import datetime
from pathlib import Path

from kinerja_app import clock
from kinerja_app.errors import DatabaseProblem, alasan_os
from kinerja_app.storage.files import TEMP_PREFIX, free_name, fsync_dir
from kinerja_app.storage.server import ServerAddress, connect_hint, first_line

SUFFIX = ".dump"
_STAMP = "%Y%m%d-%H%M%S"
TIMEOUT_S = 3600
HEAD_DIGITS = 16  # of the audit chain head, in a backup's name: an anchor outside the database
_NAME_HEAD = re.compile(r"-k(?P<kepala>[0-9a-f]{16})(?:-\d+)?\.dump$")
_COPY_AUDIT = re.compile(r"^COPY (?:\S+\.)?audit_log \((?P<columns>[^)]*)\) FROM stdin;$")


def find_tool(name: str) -> Path:
    """``pg_dump`` or ``pg_restore``: on PATH, or in the usual PostgreSQL install folders.

    Raises:
        DatabaseProblem: not installed on this computer.
    """
    found = shutil.which(name)
    if found:
        return Path(found)
    patterns = ("/usr/lib/postgresql/*/bin", "C:/Program Files/PostgreSQL/*/bin")
    candidates = sorted(
        (p for pattern in patterns for p in Path("/").glob(pattern.lstrip("/"))),
        key=lambda p: p.parent.name,
        reverse=True,
    )
    for folder in candidates:
        for exe in (folder / name, folder / f"{name}.exe"):
            if exe.is_file():
                return exe
    raise DatabaseProblem(
        f"Program {name} (bagian dari PostgreSQL) tidak ditemukan di komputer ini, jadi cadangan "
        "server tidak dapat dibuat dari sini. Buat cadangan di komputer server (README, bagian "
        "Beberapa komputer), atau pasang PostgreSQL client tools di komputer ini."
    )


def create_server_backup(
    address: ServerAddress, folder: Path, passfile: Path, *, now: datetime | None = None
) -> Path:
    """Dump the server database into ``folder`` and verify the dump.

    Returns:
        The new ``.dump`` file.
    Raises:
        DatabaseProblem: pg_dump is missing or failed, or the dump does not verify.
    """
    folder.mkdir(parents=True, exist_ok=True)
    stamp = (now or clock.now()).strftime(_STAMP)
    base = f"{address.dbname}-manual-{stamp}"
    tmp = folder / f"{TEMP_PREFIX}{base}-{os.getpid()}{SUFFIX}"
    env = {**os.environ, "PGPASSFILE": str(passfile), "PGCONNECT_TIMEOUT": "10"}
    try:
        _run(
            [
                str(find_tool("pg_dump")),
                "--format=custom",
                f"--file={tmp}",
                f"--dbname={address.url}",
            ],
            env,
            "mencadangkan",
        )
        # reading its chain head back is the check: pg_restore parses the whole dump for it
        head = dump_head(tmp)
        final = free_name(folder, f"{base}-k{head[:HEAD_DIGITS]}", SUFFIX)
        os.replace(tmp, final)
    finally:
        tmp.unlink(missing_ok=True)
    fsync_dir(folder)
    return final


def dump_head(path: Path) -> str:
    """The audit chain head a dump holds (the hash of its newest audit row), read by streaming the audit table's data out of the dump with ``pg_restore``.

    Raises:
        DatabaseProblem: not a readable dump, or its name names another head.
    """
    command = [
        str(find_tool("pg_restore")),
        "--data-only",
        "--table=audit_log",
        "-f",
        "-",
        str(path),
    ]
    newest, head = -1, ""
    try:
        # stderr goes to a file: a pipe left unread while stdout is streamed could fill and
        # stall pg_restore for good on a dump that makes it complain at length
        with (
            tempfile.TemporaryFile() as complaints,
            subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=complaints, text=True, encoding="utf-8"
            ) as proc,
        ):
            assert proc.stdout is not None
            columns: list[str] | None = None
            for line in proc.stdout:
                line = line.rstrip("\n")
                if columns is None:
                    match = _COPY_AUDIT.match(line)
                    if match:
                        columns = [c.strip().strip('"') for c in match["columns"].split(",")]
                        at_id, at_hash = columns.index("id"), columns.index("hash")
                    continue
                if line == "\\.":
                    break
                values = line.split("\t")
                if int(values[at_id]) > newest:
                    newest, head = int(values[at_id]), values[at_hash]
            proc.stdout.read()  # let pg_restore finish writing
            proc.wait()
            complaints.seek(0)
            error = complaints.read().decode("utf-8", "replace")
    except OSError as exc:
        raise DatabaseProblem(f"Cadangan {path} tidak dapat dibaca ({alasan_os(exc)}).") from exc
    if proc.returncode != 0:
        detail = (error.strip().splitlines() or ["tanpa keterangan"])[-1]
        raise DatabaseProblem(
            f"Berkas {path} bukan cadangan server Kinerja yang dapat dibaca ({detail}). Pilih "
            "berkas cadangan .dump yang benar."
        )
    if not head:
        raise DatabaseProblem(
            f"Berkas {path} tidak memuat jejak audit Kinerja, jadi tidak dapat dipakai sebagai "
            "bukti. Pilih berkas cadangan .dump dari Kinerja."
        )
    named = _NAME_HEAD.search(path.name)
    if named and not head.startswith(named["kepala"]):
        raise DatabaseProblem(
            f"Isi cadangan {path.name} tidak cocok dengan kepala rantai pada namanya "
            f"({named['kepala']}): cadangan itu telah diubah. Pakai cadangan lain."
        )
    return head


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    try:
        done = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=TIMEOUT_S, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise DatabaseProblem(f"Gagal {what} basis data server ({exc}).") from exc
    if done.returncode != 0:
        detail = first_line(done.stderr) or "tanpa keterangan"
        hint = connect_hint(done.stderr) or (
            "Periksa sambungan ke server dan ruang disk, lalu coba lagi."
        )
        raise DatabaseProblem(f"Gagal {what} basis data server ({detail}). {hint}")
