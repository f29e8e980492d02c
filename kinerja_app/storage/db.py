"""The one place that opens the database: an embedded SQLite file (the default, one
workstation) or a shared PostgreSQL server (``postgresql://user@host/db``, several workstations),
with IMMEDIATE-like writes on both, and schema migrations.

SQL stays portable (no engine-only column types or functions in the models); everything that
differs between the engines stays inside :mod:`kinerja_app.storage`.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import peewee
import platformdirs

from kinerja_app.errors import DatabaseProblem
from kinerja_app.storage import server

log = logging.getLogger(__name__)

APP_NAME = "Kinerja"
APP_AUTHOR = "SetdaLamandau"
BUSY_TIMEOUT_MS = 10_000

DbTarget = Path | str  # a SQLite file, ":memory:", or a server URL ``postgresql://…``

database = peewee.DatabaseProxy()
_archive_root: list[Path] = []  # set by open_database; the archive folder of the open database


def user_data_dir() -> Path:
    """The per-user data folder (``%LOCALAPPDATA%\\SetdaLamandau\\Kinerja`` on Windows)."""
    return platformdirs.user_data_path(APP_NAME, APP_AUTHOR)


def default_db_path() -> Path:
    """The embedded default database file in the user data folder."""
    return user_data_dir() / "kinerja.db"


def archive_dir_for(db_path: Path) -> Path:
    """Folder for archived files (letters, OPD workbooks) that belongs to a database."""
    return db_path.with_name(db_path.stem + "-arsip")


def backup_dir_for(db_path: Path) -> Path:
    """Folder for automatic and manual backups of a database."""
    return db_path.with_name(db_path.stem + "-cadangan")


def make_sqlite(path: Path | str) -> peewee.SqliteDatabase:
    """Build (not connect) a SQLite database with the pragmas every connection needs."""
    return peewee.SqliteDatabase(
        str(path),
        pragmas={
            "foreign_keys": 1,
            "journal_mode": "wal",
            "synchronous": 2,  # FULL: a committed record survives a power cut
            "busy_timeout": BUSY_TIMEOUT_MS,
        },
        timeout=BUSY_TIMEOUT_MS / 1000,
        lock_type="IMMEDIATE",  # every write transaction takes the write lock at BEGIN
    )


def open_database(target: DbTarget | None = None, *, migrate: bool = True) -> peewee.Database:
    """Open (creating if needed) the database, bind the models and bring the schema up to date.

    Args:
        target: the SQLite file; ``None`` for the user data folder default; ``":memory:"`` for
            tests; or a server address ``postgresql://user@host:port/dbname`` (its password comes
            from the user's password file, never from the address).
        migrate: apply pending migrations.
    Returns:
        The connected database (also bound to :data:`database`).
    Raises:
        DatabaseProblem: when the file or server is not a usable Kinerja database.
    """
    from kinerja_app.storage import migrations  # imported late: migrations import the models

    target = default_db_path() if target is None else target
    close_database()  # a database opened before stays open otherwise, unreachable
    if server.is_server_url(target):
        return _open_server(str(target), migrate=migrate)
    if str(target) != ":memory:":
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        set_archive_root(archive_dir_for(Path(target)))
    db = make_sqlite(target)
    database.initialize(db)
    try:
        db.connect(reuse_if_open=True)
        if migrate:
            migrations.migrate(db)
    except peewee.DatabaseError as exc:
        db.close()
        raise DatabaseProblem(
            f"Berkas basis data {target} tidak dapat dibuka ({exc}). "
            "Pulihkan dari cadangan (menu Berkas › Pulihkan Cadangan) atau pilih berkas lain."
        ) from exc
    log.info("database opened: %s", target)
    return db


def _open_server(url: str, *, migrate: bool) -> peewee.Database:
    from kinerja_app.storage import credentials, migrations

    address = server.parse_url(url)
    db = server.ServerDatabase(address, passfile=str(credentials.passfile_path()))
    database.initialize(db)
    set_archive_root(server_cache_dir(address))
    try:
        db.connect(reuse_if_open=True)
    except peewee.OperationalError as exc:
        raise server.connect_error(address, exc) from exc
    try:
        if migrate:
            migrations.migrate(db)
    except peewee.DatabaseError as exc:
        db.close()
        raise DatabaseProblem(
            f"Basis data {address.label} tidak dapat disiapkan ({exc}). Hubungi administrator "
            "server."
        ) from exc
    except BaseException:
        db.close()
        raise
    log.info("database opened: %s", address.label)
    return db


def check_server(url: str) -> None:
    """Try a server address and its stored password without opening it for the app.

    Raises:
        DatabaseProblem: with what went wrong (address, login, network, missing database).
    """
    from kinerja_app.storage import credentials

    address = server.parse_url(url)
    db = server.ServerDatabase(address, passfile=str(credentials.passfile_path()))
    try:
        db.connect()
    except peewee.OperationalError as exc:
        raise server.connect_error(address, exc) from exc
    finally:
        db.close()


def server_cache_dir(address: server.ServerAddress) -> Path:
    """This workstation's folder for a server database's files (documents made here)."""
    from kinerja_app.storage.files import safe_filename

    return (
        user_data_dir()
        / "server"
        / safe_filename(f"{address.host}-{address.port}-{address.dbname}")
    )


def server_backup_dir(address: server.ServerAddress) -> Path:
    """This workstation's folder for dumps of a server database."""
    return server_cache_dir(address).with_name(server_cache_dir(address).name + "-cadangan")


def is_server(target: DbTarget | None = None) -> bool:
    """Whether ``target`` (default: the open database) lives on a shared server."""
    if target is None:
        return isinstance(database.obj, server.ServerDatabase)
    return server.is_server_url(target)


def describe(target: DbTarget | None = None) -> str:
    """How messages name a database: its file path, or ``kinerja di server host:port``."""
    if target is None:
        obj = database.obj
        if isinstance(obj, server.ServerDatabase):
            return obj.address.label
        return str(obj.database) if obj is not None else "(belum dibuka)"
    if server.is_server_url(target):
        return server.parse_url(str(target)).label
    return str(target)


def set_archive_root(folder: Path) -> None:
    """Point the archive at ``folder`` (tests and in-memory databases set it explicitly)."""
    _archive_root[:] = [folder]


def archive_root() -> Path:
    """The archive folder of the open database."""
    if not _archive_root:
        raise DatabaseProblem("Folder arsip belum ditentukan; buka basis data terlebih dahulu.")
    return _archive_root[0]


def close_database() -> None:
    """Close the bound database, if any."""
    if database.obj is not None and not database.is_closed():
        database.close()


def insert_rows(model: type[peewee.Model], rows: Sequence[Mapping[str, object]]) -> None:
    """Insert many plain rows with one ``executemany`` (call inside a transaction).

    Peewee's ``insert_many`` builds one parameter per value in Python; at 200 indicator rows a
    revision that costs four times the SQLite work. The values must already be database values
    (numbers, text, foreign-key ids).
    """
    if not rows:
        return
    names = list(rows[0])
    meta = model._meta
    columns = ", ".join(
        f'"{meta.fields[name].column_name}"' for name in names
    )  # standard SQL quoting
    marks = ", ".join([database.param] * len(names))
    sql = f'INSERT INTO "{meta.table_name}" ({columns}) VALUES ({marks})'
    # peewee's wrapper turns driver errors into peewee.IntegrityError etc., as for any query
    with getattr(peewee, "__exception_wrapper__"):  # noqa: B009
        database.cursor().executemany(sql, [tuple(row[name] for name in names) for row in rows])


@contextlib.contextmanager
def transaction() -> Iterator[None]:
    """One write transaction (BEGIN IMMEDIATE; a savepoint when nested)."""
    with database.atomic():
        yield
