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
from typing import TypeVar

import peewee
import platformdirs

from kinerja_app.errors import BugError, DatabaseProblem
from kinerja_app.storage import server
from kinerja_app.storage.lokasi import kind_of_file, prepare_location, private_files

log = logging.getLogger(__name__)

APP_NAME = "Kinerja"
APP_AUTHOR = "SetdaLamandau"
BUSY_TIMEOUT_MS = 10_000

DbTarget = Path | str  # a SQLite file, ":memory:", or a server URL ``postgresql://…``
M = TypeVar("M", bound=peewee.Model)
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


def make_sqlite(path: Path | str, *, read_only: bool = False) -> peewee.SqliteDatabase:
    """Build (not connect) a SQLite database with the pragmas every connection needs.

    ``read_only`` opens the file with ``mode=ro`` and ``query_only``: check commands never write
    to what they check (no journal mode change, no table created in an empty or foreign file).
    """
    if read_only:
        return peewee.SqliteDatabase(
            f"{Path(path).resolve().as_uri()}?mode=ro",
            uri=True,
            pragmas={"query_only": 1, "busy_timeout": BUSY_TIMEOUT_MS},
            timeout=BUSY_TIMEOUT_MS / 1000,
        )
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


def open_database(
    target: DbTarget | None = None, *, migrate: bool = True, read_only: bool = False
) -> peewee.Database:
    """Open (creating if needed) the database, bind the models and bring the schema up to date.

    A file that holds other tables than Kinerja's is refused, never altered; so is, when
    ``read_only``, a missing or empty file.

    Args:
        target: the SQLite file; ``None`` for the user data folder default; ``":memory:"`` for
            tests; or a server address ``postgresql://user@host:port/dbname`` (its password comes
            from the user's password file, never from the address).
        migrate: apply pending migrations (ignored when ``read_only``).
        read_only: open for checking only: nothing is created, migrated or written.
    Returns:
        The connected database (also bound to :data:`database`).
    Raises:
        DatabaseProblem: when the file or server is not a usable Kinerja database, with what
            to do.
    """
    from kinerja_app.storage import migrations  # imported late: migrations import the models

    target = default_db_path() if target is None else target
    close_database()  # a database opened before stays open otherwise, unreachable
    if server.is_server_url(target):
        return _open_server(str(target), migrate=migrate, read_only=read_only)
    kind = "kosong"
    if str(target) != ":memory:":
        file = Path(target)
        prepare_location(file, create=not read_only, own=file.parent == user_data_dir())
        set_archive_root(archive_dir_for(file))
        try:  # before any pragma writes to a file that may not be ours
            kind = kind_of_file(file)
        except peewee.DatabaseError as exc:
            raise problem_from(exc, target) from exc
    db = make_sqlite(target, read_only=read_only)
    database.initialize(db)
    try:
        if kind == "asing":
            raise DatabaseProblem(
                f"Berkas {target} adalah basis data SQLite milik program lain (tidak memuat tabel "
                "Kinerja), jadi tidak dibuka dan tidak diubah. Pilih berkas basis data Kinerja "
                "(kinerja.db) atau nama berkas baru."
            )
        if kind == "kosong" and read_only:
            raise DatabaseProblem(
                f"Berkas {target} kosong: tidak berisi basis data Kinerja. Pilih berkas "
                "basis data Kinerja (kinerja.db) yang benar."
            )
        db.connect(reuse_if_open=True)
        if read_only:
            migrations.require_current(db)
        elif migrate:
            migrations.migrate(db)
    except DatabaseProblem:
        db.close()
        raise
    except peewee.DatabaseError as exc:
        db.close()
        raise problem_from(exc, target) from exc
    if str(target) != ":memory:" and not read_only:
        private_files(Path(target))
    log.info("database opened: %s%s", target, " (read-only)" if read_only else "")
    return db


def problem_from(exc: BaseException, target: object = "") -> DatabaseProblem:
    """The user's sentence for a database error (disk full, read-only, not a database...).

    Looks through the whole exception chain: SQLite may roll a transaction back by itself on a
    full disk, and the error then surfaces as "cannot rollback - no transaction is active".
    """
    where = f"Basis data {target}" if target else "Basis data"
    text = " | ".join(_chain_messages(exc)).lower()
    if "full" in text:
        return DatabaseProblem(
            "Ruang disk penuh sehingga perubahan tidak dapat disimpan; tidak ada yang berubah. "
            "Kosongkan ruang disk (hapus berkas yang tidak diperlukan atau pindahkan ke diska "
            "lain), lalu ulangi."
        )
    if "readonly" in text or "read-only" in text or "read only" in text:
        return DatabaseProblem(
            f"{where} atau foldernya hanya dapat dibaca (read-only), jadi perubahan tidak dapat "
            "disimpan. Pindahkan basis data ke folder yang dapat ditulisi atau minta "
            "administrator komputer memberi izin menulis."
        )
    if "not a database" in text or "encrypted" in text or "file is not" in text:
        return DatabaseProblem(
            f"Berkas {target} bukan basis data Kinerja (bukan berkas SQLite yang dapat dibaca). "
            "Pilih berkas basis data Kinerja yang benar, atau pulihkan dari cadangan."
        )
    if "locked" in text or "busy" in text:
        return DatabaseProblem(
            f"{where} sedang dipakai oleh program lain terlalu lama. Tunggu sebentar, lalu ulangi; "
            "bila berulang, tutup program lain yang membuka berkas itu."
        )
    if "unable to open" in text or "cannot open" in text:
        return DatabaseProblem(
            f"{where} tidak dapat dibuka. Periksa bahwa folder dan berkasnya ada dan dapat "
            "ditulisi, lalu ulangi."
        )
    if "disk i/o" in text or "malformed" in text or "corrupt" in text:
        return DatabaseProblem(
            f"{where} tidak dapat dibaca atau ditulis dengan benar (kerusakan berkas atau diska). "
            "Tutup aplikasi dan buka kembali: pemeriksaan awal akan menawarkan pemulihan dari "
            "cadangan terakhir yang sehat."
        )
    return DatabaseProblem(
        f"{where} tidak dapat dipakai ({_chain_messages(exc)[0]}). Tutup aplikasi dan buka "
        "kembali; bila berulang, hubungi administrator."
    )


def _chain_messages(exc: BaseException) -> list[str]:
    messages: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        messages.append(str(current))
        current = current.__cause__ or current.__context__
    return messages


def _open_server(url: str, *, migrate: bool, read_only: bool = False) -> peewee.Database:
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
        if read_only:
            migrations.require_current(db)
        elif migrate:
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
    """One write transaction (BEGIN IMMEDIATE; a savepoint when nested).

    Database faults (full disk, read-only file, I/O error) leave as a :class:`DatabaseProblem`
    with the user's sentence; constraint errors are left to the caller.
    """
    try:
        with database.atomic():
            yield
    except peewee.IntegrityError:
        raise
    except peewee.DatabaseError as exc:
        raise problem_from(exc, database.database) from exc


def is_unique_violation(exc: BaseException) -> bool:
    """Whether a constraint error is a uniqueness clash (two writers made the same row), not a
    bug such as a missing value. SQLite says "UNIQUE constraint failed"; PostgreSQL uses
    SQLSTATE 23505 ("duplicate key value violates unique constraint")."""
    text = str(exc)
    code = getattr(getattr(exc, "orig", None), "pgcode", None)
    return code == "23505" or "UNIQUE constraint failed" in text or "duplicate key" in text


@contextlib.contextmanager
def read_transaction() -> Iterator[None]:
    """Several reads that must see one state (a recap, a snapshot): one read transaction.

    SQLite in WAL mode keeps the snapshot of the first read until the end (BEGIN DEFERRED takes no
    write lock); the server gives a REPEATABLE READ, READ ONLY transaction without the write lock.
    Inside a transaction, nothing to do.
    """
    if database.in_transaction():
        yield
        return
    if isinstance(database.obj, server.ServerDatabase):
        with database.atomic(isolation_level=server.READ_SNAPSHOT):
            yield
    else:
        with database.atomic(lock_type="DEFERRED"):
            yield


def serialise(name: str) -> None:
    """Make writers of ``name`` (e.g. the audit chain) take turns until this transaction ends.

    Both engines already serialise every writer at BEGIN (SQLite's IMMEDIATE, the server's
    advisory write lock), so this only checks that the caller is in a write transaction: the
    place to take a narrower lock should writers ever run side by side.
    """
    if not database.in_transaction():
        raise BugError(f"serialise({name!r}) outside a write transaction")


def for_update(query: peewee.ModelSelect[M]) -> peewee.ModelSelect[M]:
    """Lock the selected rows until the write transaction ends, where the engine has row locks.

    SQLite's writer holds the whole database already; PostgreSQL gets ``SELECT ... FOR UPDATE``.
    """
    if getattr(database.obj, "for_update", False):
        return query.for_update()
    return query
