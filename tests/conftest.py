"""Shared fixtures: the app clock pinned, a fresh database per test, users for every role,
Qt offscreen.

``--db-engine=postgresql`` runs the tests that use ``db`` (and ``empty_target``) against a
PostgreSQL server instead of a SQLite file (see tests/pgserver.py); CI runs the core, race and
migration tests that way as well. Tests that only make sense on a server use ``pg_server``.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt

import pytest

from kinerja_app import clock
from tests.factory import Factory

# The moment every test starts at, whatever day the suite runs (CI also runs it with the system
# clock moved a year ahead and to 31 December 23:58). A Tuesday in office hours.
AWAL = dt.datetime(2026, 3, 10, 9, 0, 0)


@pytest.fixture(autouse=True)
def jam():
    """The app's clock, pinned to :data:`AWAL` and ticking; ``jam.set``/``jam.maju`` move it."""
    with clock.pasang(clock.JamUji(AWAL)) as sumber:
        yield sumber


def pytest_addoption(parser):
    parser.addoption(
        "--db-engine",
        choices=("sqlite", "postgresql"),
        default="sqlite",
        help="the engine behind the db fixture (default sqlite)",
    )


@pytest.fixture(scope="session")
def pg_server():
    """The test PostgreSQL server (CI's, or one started for this session); fails without one."""
    from tests.pgserver import start_or_find

    try:
        server = start_or_find()
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)
    yield server
    server.stop()


@pytest.fixture
def engine(request) -> str:
    """The engine of this run: ``sqlite`` or ``postgresql``."""
    return str(request.config.getoption("--db-engine"))


@pytest.fixture
def db_target(request, engine, tmp_path):
    """Where a fresh Kinerja database lives for this test: a SQLite file path, or the address of
    a new server database (schema made, the workstations' role connecting)."""
    if engine == "sqlite":
        yield tmp_path / "kinerja.db"
        return
    server = request.getfixturevalue("pg_server")
    name = server.create_kinerja()
    yield server.url(name)
    from kinerja_app.storage.db import close_database

    close_database()
    server.drop(name)


@pytest.fixture
def empty_target(request, engine, tmp_path):
    """An empty database for this engine (a new file, or a new server database as its owner)."""
    if engine == "sqlite":
        yield tmp_path / "kosong.db"
        return
    server = request.getfixturevalue("pg_server")
    name = server.create_empty()
    yield server.url(name, owner=True)
    from kinerja_app.storage.db import close_database

    close_database()
    server.drop(name)


@pytest.fixture
def db(db_target):
    """A fresh Kinerja database bound to the models (seeded with the OPD list)."""
    from kinerja_app.storage.db import close_database, open_database

    database = open_database(db_target)
    yield database
    close_database()


@pytest.fixture
def f(db):
    """Builders for users, periods and a letter walked through the SOP."""
    return Factory()
