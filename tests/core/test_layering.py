"""The core never imports Qt; PySide6 stays clear of the 6.12.0 none_dealloc crash."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_core_does_not_load_pyside6():
    result = run(
        """
        import importlib, pkgutil, sys
        import kinerja_app
        for mod in pkgutil.walk_packages(kinerja_app.__path__, "kinerja_app."):
            importlib.import_module(mod.name)
        assert "PySide6" not in sys.modules, [m for m in sys.modules if m.startswith("PySide6")]
        print("ok")
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_many_none_returning_qt_calls_do_not_crash():
    result = run(
        """
        import os
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtWidgets import QApplication, QLabel
        app = QApplication([])
        label = QLabel()
        for i in range(20000):
            label.setText(str(i))  # returns None
        print("ok", label.text())
        """
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "ok 19999"


def test_a_database_file_is_opened_without_the_server_driver(tmp_path):
    """peewee would import psycopg (a sixth of a cold start) for a server this workstation
    does not use; it is loaded only when a server database is made (tests/server use it)."""
    result = run(
        f"""
        import sys
        from kinerja_app.storage.db import close_database, open_database
        from kinerja_app.storage.models import AuditLog
        open_database({str(tmp_path / "k.db")!r})
        assert AuditLog.select().count() == 1
        close_database()
        print(sorted(m for m in sys.modules if m.split(".")[0] in ("psycopg", "psycopg2")))
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
