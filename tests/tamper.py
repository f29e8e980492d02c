"""Raw SQL on the open test database behind the app's back, as an attacker with the file (SQLite)
or with the owner's login (PostgreSQL) would: guards can be dropped, rows edited.

Statements use ``?`` placeholders on both engines.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kinerja_app.storage.db import close_database, database, is_server


class Tamper:
    """A direct connection to the database the models are bound to (closed by the app first)."""

    def __init__(self) -> None:
        self.server = is_server()
        if self.server:
            import psycopg

            address = database.obj.address
            base = address.url.rpartition("@")[2]
            self.conn: Any = psycopg.connect(
                f"postgresql://kinerja_pemilik@{base}", autocommit=True
            )
            self.target: str | Path = address.url
        else:
            self.target = Path(str(database.database))
            close_database()
            self.conn = sqlite3.connect(self.target, isolation_level=None)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run one statement; return its rows (``[]`` for a statement without rows)."""
        if self.server:
            cur = self.conn.execute(sql.replace("?", "%s"), params)
            return list(cur.fetchall()) if cur.description else []
        return list(self.conn.execute(sql, params).fetchall())

    def drop_guard(self, name: str) -> None:
        """Remove one of the audit table's append-only triggers."""
        if self.server:
            self.execute(f"DROP TRIGGER IF EXISTS {name} ON audit_log")
        else:
            self.execute(f"DROP TRIGGER IF EXISTS {name}")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Tamper:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
