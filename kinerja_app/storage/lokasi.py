"""Where a SQLite database file lives: its folder made ready and private, its kind read without
writing a byte, its files readable only by the user (0600/0700 on POSIX; Windows keeps them
private through the user profile's permissions)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

import peewee

from kinerja_app.errors import DatabaseProblem, alasan_os


def prepare_location(file: Path, *, create: bool = True, own: bool = False) -> None:
    """Refuse a folder given for the file; create a missing parent folder (private) and the
    file (0600), or, when not ``create``, refuse a missing file. ``own``: the parent is
    Kinerja's own data folder, made private even when it exists.

    Raises:
        DatabaseProblem: with what to do.
    """
    if file.is_dir():
        raise DatabaseProblem(
            f"{file} adalah folder, bukan berkas basis data. Pilih berkas basis data "
            "(misalnya kinerja.db) di dalam folder itu, atau tulis nama berkas baru."
        )
    if not create:
        if not file.exists():
            raise DatabaseProblem(
                f"Basis data {file} tidak ditemukan. Periksa nama berkas dan foldernya."
            )
        return
    if file.parent.exists() and not file.parent.is_dir():
        raise DatabaseProblem(
            f"{file.parent} adalah berkas, bukan folder; basis data tidak dapat dibuat di sana. "
            "Pilih folder lain."
        )
    try:
        private_dir(file.parent, own=own)
        if not file.exists():  # created private before SQLite opens it (SQLite would use 0644)
            os.close(os.open(file, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass  # created by another process in between: fine
    except OSError as exc:
        raise DatabaseProblem(
            f"Basis data {file} tidak dapat dibuat ({alasan_os(exc)}). Pilih folder yang "
            "dapat ditulisi di disk komputer ini, atau minta administrator memberi izin menulis."
        ) from exc


def kind_of_file(path: Path) -> str:
    """``"kinerja"``, ``"kosong"`` (no table at all, or no file) or ``"asing"`` (another
    program's tables), read without writing a byte.

    Raises:
        peewee.DatabaseError: not a SQLite file.
    """
    if not path.is_file() or path.stat().st_size == 0:
        return "kosong"
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5.0)
        try:
            rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise peewee.DatabaseError(str(exc)) from exc
    tables = {str(row[0]) for row in rows}
    if not tables:
        return "kosong"
    return "kinerja" if "schema_version" in tables else "asing"


def private_dir(folder: Path, *, own: bool = True) -> Path:
    """Create ``folder`` (and parents) readable only by the user (0700 on POSIX).

    ``own``: the folder belongs to Kinerja (data, archive, backups), so an existing one is made
    private too; a folder the user chose for the database is only created, never changed.
    """
    existed = folder.exists()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix" and (own or not existed):
        with contextlib.suppress(OSError):  # a folder owned by someone else is left as it is
            if folder.stat().st_uid == os.getuid():
                folder.chmod(0o700)
    return folder


def private_files(db_path: Path) -> None:
    """Make the database file and its SQLite side files readable only by the user (POSIX)."""
    if os.name != "posix":
        return  # Windows: the user profile's ACLs already keep it private
    for path in (db_path, *(db_path.with_name(db_path.name + s) for s in ("-wal", "-shm"))):
        with contextlib.suppress(OSError):
            if path.exists() and path.stat().st_uid == os.getuid():
                path.chmod(0o600)
