"""Backups of a server database with PostgreSQL's own ``pg_dump``: one consistent snapshot of every
table, the archived files included (they live in ``berkas_arsip``), while the office keeps working.

The dump is written under a temp name, checked with ``pg_restore --list`` and only then renamed to
``<dbname>-manual-YYYYmmdd-HHMMSS.dump``. Restoring is ``pg_restore`` into a new, empty database
(README, "Beberapa komputer"): a running office database is never overwritten in place.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

from kinerja_app import clock
from kinerja_app.errors import DatabaseProblem
from kinerja_app.storage.files import TEMP_PREFIX, fsync_dir
from kinerja_app.storage.server import ServerAddress

SUFFIX = ".dump"
_STAMP = "%Y%m%d-%H%M%S"
TIMEOUT_S = 3600


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
    final = folder / f"{address.dbname}-manual-{stamp}{SUFFIX}"
    counter = 2
    while final.exists():
        final = folder / f"{address.dbname}-manual-{stamp}-{counter}{SUFFIX}"
        counter += 1
    tmp = folder / f"{TEMP_PREFIX}{final.name}"
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
        _run([str(find_tool("pg_restore")), "--list", str(tmp)], env, "memeriksa cadangan")
        os.replace(tmp, final)
    finally:
        tmp.unlink(missing_ok=True)
    fsync_dir(folder)
    return final


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    try:
        done = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=TIMEOUT_S, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise DatabaseProblem(f"Gagal {what} basis data server ({exc}).") from exc
    if done.returncode != 0:
        detail = (done.stderr.strip().splitlines() or ["tanpa keterangan"])[-1]
        raise DatabaseProblem(
            f"Gagal {what} basis data server ({detail}). Periksa sambungan ke server dan ruang "
            "disk, lalu coba lagi."
        )
