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
        """Remove one of the audit tables' append-only triggers (``audit_log_no_delete``...)."""
        table = name.rsplit("_no_", 1)[0]
        if self.server:
            self.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        else:
            self.execute(f"DROP TRIGGER IF EXISTS {name}")

    def drop_guards(self) -> None:
        """Remove every append-only trigger of the audit tables."""
        from kinerja_app.storage.migrations import GUARD_TRIGGERS

        for name in GUARD_TRIGGERS:
            self.drop_guard(name)

    def restore_guards(self) -> None:
        """Put the append-only triggers back, as a careful attacker would (nothing looks missing)."""
        from kinerja_app.storage.migrations import GUARD_TRIGGERS

        for name in GUARD_TRIGGERS:
            table, _, event = name.rpartition("_no_")
            self.drop_guard(name)
            if self.server:
                self.execute(
                    f"CREATE TRIGGER {name} BEFORE {event.upper()} ON {table} "
                    "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"
                )
            else:
                self.execute(
                    f"CREATE TRIGGER {name} BEFORE {event.upper()} ON {table} "
                    "BEGIN SELECT RAISE(ABORT, 'jejak audit hanya dapat ditambah'); END"
                )

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Tamper:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
