"""A PostgreSQL server for the tests: the one CI started (``KINERJA_TEST_PG``, from
``.ci/postgres.sh``) or, without it, one this test session starts the same way and stops at the
end. Never skipped: without a server the tests that need one fail with what to do.

Each test gets a fresh database cloned from a template that holds the migrated, seeded schema
(cloning takes milliseconds, migrating a new database a second), owned by the owner role and used
through the workstations' role, as in an office.
"""

from __future__ import annotations

import itertools
import os
import shlex
import subprocess
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / ".ci" / "postgres.sh"


@dataclass
class PgServer:
    """The test server: its owner address and the workstations' role."""

    owner_url: str  # postgresql://kinerja_pemilik@127.0.0.1:PORT/postgres
    app_role: str
    bindir: str
    stop_command: str | None = None  # set when this session started the server
    _names: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    _template: str | None = None
    _worker: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(1))
    _ready: list[Future[str]] = field(default_factory=list)

    def url(self, dbname: str, *, owner: bool = False) -> str:
        """The address of ``dbname`` as the owner or as the workstations' role."""
        base, _, _ = self.owner_url.rpartition("/")
        if not owner:
            scheme, _, rest = base.partition("://")
            base = f"{scheme}://{self.app_role}@{rest.partition('@')[2]}"
        return f"{base}/{dbname}"

    def admin(self) -> psycopg.Connection:
        """An autocommit connection of the owner to the maintenance database."""
        return psycopg.connect(self.owner_url, autocommit=True)

    def create_empty(self, prefix: str = "kosong") -> str:
        """A new empty database (owned by the owner role); returns its name."""
        name = f"{prefix}_{os.getpid()}_{next(self._names)}"
        with self.admin() as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return name

    def create_kinerja(self) -> str:
        """A new database holding a fresh Kinerja schema, ready for the workstations' role.

        The server clones the next one in a background thread while a test runs (a clone takes
        about half a second), so a test rarely waits for its database.
        """
        if self._template is None:
            self._template = self._build_template()
        while len(self._ready) < 2:
            self._ready.append(self._worker.submit(self._clone, self._template))
        name = self._ready.pop(0).result()
        self._ready.append(self._worker.submit(self._clone, self._template))
        return name

    def _clone(self, template: str) -> str:
        name = f"uji_{os.getpid()}_{next(self._names)}"
        with self.admin() as conn:
            conn.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    sql.Identifier(name), sql.Identifier(template)
                )
            )
        return name

    def drop(self, name: str) -> None:
        """Remove a test database (in the background), ending any connection still open to it."""
        self._worker.submit(self._drop, name)

    def _drop(self, name: str) -> None:
        with self.admin() as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )

    def _build_template(self) -> str:
        from kinerja_app import clock
        from kinerja_app.storage import migrations
        from kinerja_app.storage.db import close_database, open_database
        from tests.conftest import AWAL

        name = self.create_empty("templat")
        with clock.pasang(clock.JamUji(AWAL)):
            db = open_database(self.url(name, owner=True))
            try:
                migrations.grant_app_role(db, self.app_role)
            finally:
                close_database()
        return name

    def stop(self) -> None:
        """Drop what is left and stop the server if this session started it."""
        for future in self._ready:
            self._worker.submit(self._drop, future.result())
        if self._template:
            self._worker.submit(self._drop, self._template)
        self._worker.shutdown(wait=True)
        if self.stop_command:
            subprocess.run(self.stop_command, shell=True, check=False, capture_output=True)


def start_or_find() -> PgServer:
    """The CI server, or a new one started by ``.ci/postgres.sh``.

    Raises:
        RuntimeError: neither works (with what to install).
    """
    if os.environ.get("KINERJA_TEST_PG"):
        return PgServer(
            os.environ["KINERJA_TEST_PG"],
            os.environ.get("KINERJA_TEST_PG_APP", "kinerja_staf"),
            os.environ.get("KINERJA_TEST_PG_BIN", ""),
        )
    done = subprocess.run(
        ["bash", str(SCRIPT)], capture_output=True, text=True, check=False, timeout=120
    )
    if done.returncode != 0:
        raise RuntimeError(
            'The PostgreSQL tests need a server: set KINERJA_TEST_PG (eval "$(bash '
            ".ci/postgres.sh)\") or install Debian's 'postgresql' so the tests can start one.\n"
            + done.stderr
        )
    values: dict[str, str] = {}
    for line in done.stdout.splitlines():
        if line.startswith("export "):
            key, _, value = line[len("export ") :].partition("=")
            values[key] = shlex.split(value)[0]
    os.environ["PGPASSFILE"] = values["PGPASSFILE"]
    return PgServer(
        values["KINERJA_TEST_PG"],
        values["KINERJA_TEST_PG_APP"],
        values["KINERJA_TEST_PG_BIN"],
        stop_command=values["KINERJA_TEST_PG_STOP"],
    )
