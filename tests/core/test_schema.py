"""One schema whichever way a database came to be: created new, or migrated up from the oldest.

Each engine the app supports is one :class:`Engine` in :data:`ENGINES` (PostgreSQL joins with
issue 15: an ``empty`` that makes a new server database as its owner, its oldest schema's DDL
as ``schema/v<N>.postgresql.sql`` and its trigger listing): how to get an empty database, the oldest schema the engine ever had (a frozen DDL
file made by that release) and how to list its triggers. The schemas are compared through
peewee's introspection: tables, columns (type, nullability, key, default), indexes, foreign
keys and triggers. Column order is not compared: ``ALTER TABLE ... ADD COLUMN`` appends.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import peewee
import pytest

from kinerja_app.storage import migrations
from kinerja_app.storage.db import close_database, database, make_sqlite

SCHEMA_DIR = Path(__file__).parent / "schema"


@dataclass(frozen=True)
class Engine:
    """How the test reaches one database engine."""

    name: str
    empty: Callable[[Path, str], peewee.Database]  # a new empty database, connected
    oldest: int  # the oldest schema version databases on this engine can have
    triggers: Callable[[peewee.Database], set[tuple[str, str, str]]]

    def load_oldest(self, db: peewee.Database) -> None:
        """Create the oldest schema from its frozen DDL (one statement per ``;`` line end)."""
        script = (SCHEMA_DIR / f"v{self.oldest}.{self.name}.sql").read_text(encoding="utf-8")
        script = "\n".join(line for line in script.splitlines() if not line.startswith("--"))
        with db.atomic():
            for statement in re.split(r";\s*\n", script):
                if statement.strip():
                    db.execute_sql(statement)


def _sqlite_empty(folder: Path, name: str) -> peewee.Database:
    db = make_sqlite(folder / f"{name}.db")
    db.connect()
    return db


def _sqlite_triggers(db: peewee.Database) -> set[tuple[str, str, str]]:
    rows = db.execute_sql("SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'trigger'")
    return {(table, name, " ".join(sql.split())) for table, name, sql in rows}


ENGINES = [pytest.param(Engine("sqlite", _sqlite_empty, 1, _sqlite_triggers), id="sqlite")]


def describe(db: peewee.Database, engine: Engine) -> dict[str, Any]:
    """Everything the app relies on in a schema, in a form that compares with ``==``."""
    tables: dict[str, Any] = {}
    for table in sorted(db.get_tables()):
        tables[table] = {
            "columns": {
                c.name: (c.data_type.upper(), c.null, c.primary_key, c.default)
                for c in db.get_columns(table)
            },
            "indexes": sorted((i.name, tuple(i.columns), i.unique) for i in db.get_indexes(table)),
            "foreign_keys": sorted(
                (f.column, f.dest_table, f.dest_column) for f in db.get_foreign_keys(table)
            ),
        }
    return {"tables": tables, "triggers": sorted(engine.triggers(db))}


def _build(engine: Engine, folder: Path, name: str, *, from_oldest: bool) -> dict[str, Any]:
    db = engine.empty(folder, name)
    database.initialize(db)
    try:
        if from_oldest:
            engine.load_oldest(db)
            assert migrations.current_version(db) == engine.oldest
        assert migrations.migrate(db) == migrations.LATEST
        assert migrations.current_version(db) == migrations.LATEST
        return describe(db, engine)
    finally:
        close_database()


@pytest.mark.parametrize("schema_engine", ENGINES)
def test_fresh_and_migrated_databases_have_one_schema(
    schema_engine: Engine, tmp_path: Path
) -> None:
    fresh = _build(schema_engine, tmp_path, "baru", from_oldest=False)
    migrated = _build(schema_engine, tmp_path, "lama", from_oldest=True)
    assert set(migrated["tables"]) == set(fresh["tables"])
    for table in fresh["tables"]:
        assert migrated["tables"][table] == fresh["tables"][table], table
    assert migrated["triggers"] == fresh["triggers"]


@pytest.mark.parametrize("schema_engine", ENGINES)
def test_audit_trail_is_indexed_for_the_riwayat_screen(
    schema_engine: Engine, tmp_path: Path
) -> None:
    """The period filter and the action list read the index, not the whole log."""
    schema = _build(schema_engine, tmp_path, "baru", from_oldest=False)
    indexed = {cols for _, cols, _ in schema["tables"]["audit_log"]["indexes"]}
    assert {("periode_id",), ("aksi",)} <= indexed
