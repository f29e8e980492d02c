"""Two workstations on one shared server: what one commits shows at the other within two
seconds, through LISTEN/NOTIFY and the views' own change signal."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from kinerja_app import clock
from kinerja_app.storage.db import close_database, open_database
from kinerja_app.storage.notices import listen
from tests.factory import Factory
from ui.live import LiveRefresh

ROOT = Path(__file__).resolve().parents[2]


def paraf_tasks(tab) -> list[object]:
    rows = [tab.inbox.row_at(r) for r in range(tab.inbox.rowCount())]
    return [t for t in rows if t is not None and t.langkah == 4]


@pytest.fixture
def shared(pg_server):
    """A Kinerja database on the test server, open here; dropped after the windows closed."""
    name = pg_server.create_kinerja()
    url = pg_server.url(name)
    open_database(url)
    yield url
    close_database()
    pg_server.drop(name)


def test_a_paraf_at_one_workstation_reaches_the_others_inbox_within_two_seconds(
    shared, window_for, qtbot, tmp_path
):
    url = shared
    f = Factory()
    periode = f.periode()
    f.disposisi(periode)
    f.draft(periode)  # waiting for the Kabag's paraf
    window = window_for(f.asisten, periode.id)
    live = LiveRefresh(window.ctx.bus, window)
    assert live.active
    assert live.listener is not None
    qtbot.waitUntil(live.listener.listening.is_set, timeout=5000)
    tab = window.asisten
    assert paraf_tasks(tab) == [] and not tab.paraf_button.isEnabled()

    kabag = subprocess.Popen(
        [sys.executable, "-m", "tests.gui.workstation", url, "kabag",
         clock.now().isoformat(), str(tmp_path / "qsettings-kabag")],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    line = kabag.stdout.readline() if kabag.stdout else ""
    assert line.startswith("PARAF"), kabag.communicate(timeout=30)[1]
    committed = float(line.split()[1])
    qtbot.waitUntil(lambda: bool(paraf_tasks(tab)), timeout=2000)
    elapsed = time.monotonic() - committed
    assert elapsed < 2.0
    assert tab.paraf_button.isEnabled()
    assert "komputer lain" in window.statusBar().currentMessage()
    assert kabag.wait(timeout=30) == 0
    live.stop()


def test_a_file_database_has_no_other_workstations_to_hear(tmp_path):
    open_database(tmp_path / "kinerja.db")
    try:
        assert listen(lambda _notice: None) is None
    finally:
        close_database()
