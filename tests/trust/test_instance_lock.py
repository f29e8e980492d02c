"""One running instance per database; the lock of a crashed instance is recovered."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from ui import app as ui_app

ROOT = Path(__file__).resolve().parents[2]

HOLDER = textwrap.dedent(
    """
    import sys, time
    from ui.app import acquire_lock
    lock = acquire_lock(__import__("pathlib").Path(sys.argv[1]))
    print("locked" if lock else "refused", flush=True)
    time.sleep(60)
    """
)


def holder(db: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "locked"
    return child


def test_second_instance_is_refused_even_after_the_stale_time(tmp_path, monkeypatch):
    db = tmp_path / "kinerja.db"
    monkeypatch.setattr(ui_app, "STALE_LOCK_MS", 300)
    child = holder(db)
    try:
        assert ui_app.acquire_lock(db) is None
        time.sleep(0.6)  # older than the stale time, but its owner is alive
        assert ui_app.acquire_lock(db) is None
    finally:
        child.kill()
        child.wait()


def test_lock_of_a_killed_instance_is_recovered(tmp_path):
    db = tmp_path / "kinerja.db"
    child = holder(db)
    child.send_signal(signal.SIGKILL)
    child.wait()
    lock = ui_app.acquire_lock(db)
    assert lock is not None
    lock.unlock()


def test_a_database_in_a_new_folder_is_not_taken_for_an_open_one(tmp_path):
    """The lock lives beside the database: in a folder that does not exist yet it cannot be
    taken, which the app used to report as "already open". The folder is now made first."""
    from kinerja_app.storage.lokasi import prepare_location

    path = tmp_path / "folder baru" / "kinerja.db"
    assert ui_app.acquire_lock(path) is None  # what run_on avoids by preparing the location
    prepare_location(path)
    lock = ui_app.acquire_lock(path)
    assert lock is not None
    lock.unlock()
