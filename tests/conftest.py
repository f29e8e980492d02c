"""Shared fixtures: a fresh SQLite database per test, users for every role, Qt offscreen."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from tests.factory import Factory


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
