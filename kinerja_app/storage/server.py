"""The PostgreSQL side of storage: server addresses, the connection, the write lock, change
notices. Only :mod:`kinerja_app.storage` imports this module.

A write transaction on the server takes one transaction-level advisory lock right after BEGIN,
the same guarantee SQLite's ``BEGIN IMMEDIATE`` gives on one workstation: writers queue, and every
check a service makes inside its transaction sees what is committed when the write happens. The
services therefore behave identically on both engines; READ COMMITTED gives each statement after
the lock the newest committed data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

import peewee

from kinerja_app.errors import DatabaseProblem
from kinerja_app.storage import pg_driver

SCHEMES = ("postgresql://", "postgres://")
DEFAULT_PORT = 5432
CONNECT_TIMEOUT_S = 5
APPLICATION_NAME = "Kinerja"
WRITE_LOCK_KEY = 0x4B494E45524A41  # "KINERJA": the advisory lock every write transaction takes
CHANNEL = "kinerja_perubahan"  # LISTEN/NOTIFY channel of committed actions
READ_SNAPSHOT = "snapshot-baca"  # begin(): a read-only snapshot, without the write lock
_VARCHAR_N = re.compile(r"\bVARCHAR\(\d+\)")


def is_server_url(target: object) -> bool:
    """Whether ``target`` names a PostgreSQL server (``postgresql://…``) rather than a file."""
    return isinstance(target, str) and target.lower().startswith(SCHEMES)


@dataclass(frozen=True)
class ServerAddress:
    """A parsed ``postgresql://user@host:port/dbname`` address (never with a password)."""

    url: str
    host: str
    port: int
    dbname: str
    user: str

    @property
    def label(self) -> str:
        """How messages name the database: ``kinerja di server 10.0.0.5:5432``."""
        return f"{self.dbname} di server {self.host}:{self.port}"

    def with_dbname(self, dbname: str) -> ServerAddress:
        """The same server and user, another database."""
        url = f"postgresql://{self.user}@{_host_part(self.host)}:{self.port}/{dbname}"
        return parse_url(url)


def _host_part(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def parse_url(url: str) -> ServerAddress:
    """Read a server address; refuse one that spells out a password.

    Raises:
        DatabaseProblem: the address is malformed or holds a password.
    """
    try:
        parts = urlsplit(url)
        port = parts.port or DEFAULT_PORT
    except ValueError as exc:
        raise DatabaseProblem(
            "Alamat server basis data tidak dapat dibaca (periksa nama komputer server dan "
            "nomor port, angka 1–65535). "
            "Tulis seperti "
            "postgresql://kinerja_staf@192.168.1.10:5432/kinerja."
        ) from exc
    if parts.password is not None:
        raise DatabaseProblem(
            "Alamat server basis data memuat kata sandi. Kata sandi jangan ditulis di alamat "
            "(terlihat oleh orang lain dan tersimpan di riwayat perintah): tulis alamat tanpa "
            "kata sandi, lalu simpan kata sandinya dengan perintah 'kinerja sandi-server' atau "
            "di jendela Sambungan Server."
        )
    dbname = unquote(parts.path.lstrip("/"))
    if not parts.hostname or not dbname or not parts.username:
        raise DatabaseProblem(
            f"Alamat server basis data '{url}' belum lengkap: perlu nama pengguna, alamat server "
            "dan nama basis data, misalnya postgresql://kinerja_staf@192.168.1.10:5432/kinerja."
        )
    user = unquote(parts.username)
    clean = f"postgresql://{user}@{_host_part(parts.hostname)}:{port}/{dbname}"
    if parts.query:
        clean += f"?{parts.query}"
    return ServerAddress(clean, parts.hostname, port, dbname, user)


class ServerDatabase(peewee.PostgresqlDatabase):
    """Peewee's PostgreSQL database with Kinerja's rules: the write lock at BEGIN, 8-byte floats,
    and text columns without a length limit (as on SQLite, where declared lengths are not
    enforced: a long unit name in an OPD workbook is stored on both engines alike)."""

    field_types = {  # noqa: RUF012  # extends peewee's own class attribute
        **peewee.PostgresqlDatabase.field_types,
        "FLOAT": "DOUBLE PRECISION",
    }

    def __init__(self, address: ServerAddress, **kwargs: Any) -> None:
        pg_driver.load()  # peewee was imported without it (a file database never needs it)
        self.address = address
        super().__init__(
            address.url,
            prefer_psycopg3=True,
            application_name=APPLICATION_NAME,
            connect_timeout=CONNECT_TIMEOUT_S,
            **kwargs,
        )

    def begin(self, isolation_level: Any = None) -> None:
        if isolation_level == READ_SNAPSHOT:  # several reads that must see one state
            with getattr(peewee, "__exception_wrapper__"):  # noqa: B009
                self.cursor().execute(  # type: ignore[no-untyped-call]
                    "BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"
                )
            return
        super().begin(isolation_level)
        with getattr(peewee, "__exception_wrapper__"):  # noqa: B009
            self.cursor().execute(  # type: ignore[no-untyped-call]
                "SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK_KEY,)
            )

    def execute_sql(self, sql: str, params: Any = None) -> Any:
        if sql.startswith(("CREATE TABLE", "ALTER TABLE")):
            sql = _VARCHAR_N.sub("VARCHAR", sql)
        return super().execute_sql(sql, params)  # type: ignore[no-untyped-call]


def first_line(text: str) -> str:
    """The first non-empty line of a PostgreSQL tool's message, without its program prefix."""
    for line in text.splitlines():
        line = line.strip()
        if line:
            return re.sub(r"^(pg_dump|pg_restore|psql): (error: )?", "", line)
    return ""


def connect_hint(text: str) -> str | None:
    """What to do about a refused login, a missing database or an unreachable server, or None."""
    lowered = text.lower()
    if "password" in lowered or "authentication" in lowered:
        return (
            "Nama pengguna atau kata sandi server ditolak. Simpan kata sandi yang benar di jendela "
            "Sambungan Server (atau dengan 'kinerja sandi-server'), lalu coba lagi."
        )
    if "does not exist" in lowered and "database" in lowered:
        return "Basis data itu belum dibuat di server. Minta administrator server membuatnya."
    if "timeout" in lowered or "connection refused" in lowered or "could not" in lowered:
        return (
            "Server tidak dapat dihubungi. Periksa kabel/jaringan kantor dan apakah komputer "
            "server menyala, lalu coba lagi."
        )
    return None


def connect_error(address: ServerAddress, exc: Exception) -> DatabaseProblem:
    """An Indonesian sentence for a server that cannot be reached or refuses the login."""
    text = first_line(str(exc)) or type(exc).__name__
    hint = connect_hint(str(exc)) or "Periksa alamat server dan hubungi administrator server."
    return DatabaseProblem(f"Tidak dapat membuka basis data {address.label} ({text}). {hint}")
