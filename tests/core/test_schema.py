"""One schema whichever way a database came to be: created new, or migrated up from an older one.

Each engine the app supports is one :class:`Engine` in :data:`ENGINES`: how to get an empty
database, the frozen schemas of older versions made on it (``schema/v<N>.<engine>.sql``, the
statements that version ran to create a new database) and how to list its triggers. Each
frozen schema is migrated up and compared with a new database through peewee's introspection:
tables, columns (type, nullability, key, default), indexes, foreign keys and triggers. Column
order is not compared: ``ALTER TABLE ... ADD COLUMN`` appends.
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
from kinerja_app.storage.db import DbTarget, close_database, open_database

SCHEMA_DIR = Path(__file__).parent / "schema"


@dataclass(frozen=True)
class Engine:
    """How the test reaches one database engine."""

    name: str
    empty: Callable[[pytest.FixtureRequest, str], DbTarget]  # a new empty database
    frozen: tuple[int, ...]  # older versions whose new databases are kept as DDL
    triggers: Callable[[peewee.Database], set[tuple[str, str, str]]]

    def load(self, db: peewee.Database, version: int) -> None:
        """Create version ``version``'s schema from its frozen DDL (one statement a line)."""
        script = (SCHEMA_DIR / f"v{version}.{self.name}.sql").read_text(encoding="utf-8")
        script = "\n".join(line for line in script.splitlines() if not line.startswith("--"))
        with db.atomic():
            for statement in re.split(r";\s*\n", script):
                if statement.strip():
                    db.execute_sql(statement)


def _sqlite_empty(request: pytest.FixtureRequest, name: str) -> DbTarget:
    folder: Path = request.getfixturevalue("tmp_path")
    return folder / f"{name}.db"


def _sqlite_triggers(db: peewee.Database) -> set[tuple[str, str, str]]:
    rows = db.execute_sql("SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'trigger'")
    return {(table, name, " ".join(sql.split())) for table, name, sql in rows}


def _server_empty(request: pytest.FixtureRequest, name: str) -> DbTarget:
    server = request.getfixturevalue("pg_server")
    dbname = server.create_empty(name)
    request.addfinalizer(lambda: server.drop(dbname))
    return str(server.url(dbname, owner=True))


def _server_triggers(db: peewee.Database) -> set[tuple[str, str, str]]:
    rows = db.execute_sql(
        "SELECT c.relname, t.tgname, pg_get_triggerdef(t.oid) FROM pg_trigger t "
        "JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal"
    )
    return {(str(table), str(name), str(sql)) for table, name, sql in rows}


ENGINES = [
    Engine("sqlite", _sqlite_empty, (1, 4), _sqlite_triggers),
    Engine("postgresql", _server_empty, (4,), _server_triggers),  # servers began at v4
]
CASES = [
    pytest.param(engine, version, id=f"{engine.name}-v{version}")
    for engine in ENGINES
    for version in engine.frozen
]


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


def _build(
    engine: Engine, request: pytest.FixtureRequest, name: str, *, from_version: int | None
) -> dict[str, Any]:
    db = open_database(engine.empty(request, name), migrate=False)
    try:
        if from_version is not None:
            engine.load(db, from_version)
            assert migrations.current_version(db) == from_version
        assert migrations.migrate(db) == migrations.LATEST
        assert migrations.current_version(db) == migrations.LATEST
        return describe(db, engine)
    finally:
        close_database()


@pytest.mark.parametrize(("schema_engine", "version"), CASES)
def test_new_and_migrated_databases_have_one_schema(
    schema_engine: Engine, version: int, request: pytest.FixtureRequest
) -> None:
    fresh = _build(schema_engine, request, "baru", from_version=None)
    migrated = _build(schema_engine, request, f"lama{version}", from_version=version)
    assert set(migrated["tables"]) == set(fresh["tables"])
    for table in fresh["tables"]:
        assert migrated["tables"][table] == fresh["tables"][table], table
    assert migrated["triggers"] == fresh["triggers"]


@pytest.mark.parametrize("schema_engine", ENGINES, ids=[e.name for e in ENGINES])
def test_audit_trail_is_indexed_for_the_riwayat_screen(
    schema_engine: Engine, request: pytest.FixtureRequest
) -> None:
    """The period filter, the action list, one row's history and the whole trail in time order
    read an index, not the log."""
    schema = _build(schema_engine, request, "baru", from_version=None)
    indexed = {cols for _, cols, _ in schema["tables"]["audit_log"]["indexes"]}
    assert {("periode_id",), ("aksi",), ("objek", "objek_id"), ("waktu", "id")} <= indexed
