"""Shared fixtures: the app clock pinned, a fresh SQLite database per test, users for every role,
Qt offscreen."""

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


@pytest.fixture
def db(tmp_path):
    """A fresh Kinerja database file bound to the models (seeded with the OPD list)."""
    from kinerja_app.storage.db import close_database, open_database

    database = open_database(tmp_path / "kinerja.db")
    yield database
    close_database()


@pytest.fixture
def f(db):
    """Builders for users, periods and a letter walked through the SOP."""
    return Factory()
