"""Growth rows: what serves the current period, on a database with years of history ("product")
and one with a single year ("floor"), so a row's ratio is the cost of the extra history.

Both databases come from :mod:`history` (built through the real services) and are kept by
:mod:`history_cache`; each row process works on its own copy. The window is the one
``bench/coldstart.py`` opens: the user "demo", who holds every role.

The time rows count CPU seconds (the process's, or the started program's), not wall time: the
question is how much work the extra history adds, and on a machine shared with other work the
wall clock of two runs minutes apart differs by more than the 20 % being judged. On an idle
machine the two agree; the cold start's wall-clock ratio to a bare window is the cold_start row.
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import history
import history_cache

Timer = Callable[[int], float]
REPEAT = 3  # picks or actions in one sample: each is only ~50 ms of CPU


def history_size(kind: str, sizes: dict[str, Any]) -> history.HistorySize:
    """The history of one side: ``sizes["years"]`` archived years for the product, one for the floor."""
    return history.HistorySize(
        years=int(sizes["years"]) if kind == "product" else 1,
        opd=int(sizes["opd"]),
        rows=int(sizes["rows"]),
        logins_per_week=int(sizes["logins"]),
    )


def fresh_copy(kind: str, work: Path, sizes: dict[str, Any], tag: str) -> Path:
    """A copy of the side's history database (and its archive) for this process to change."""
    source = history_cache.history_db(history_size(kind, sizes))
    return history_cache.copy_history(source, work / f"{tag}-{kind}-{os.getpid()}" / "kinerja.db")


class Window:
    """The main window on a history database, as at the end of a cold start (untimed)."""

    def __init__(self, db: Path) -> None:
        from bench_paint import wait_painted

        from PySide6.QtWidgets import QApplication

        from kinerja_app.storage.models import User
        from kinerja_app.storage.startup import start
        from ui.context import UiContext
        from ui.dialogs import FakeDialogs
        from ui.main_window import MainWindow
        from ui.ops import ChangeBus, Ops

        self.app = QApplication.instance() or QApplication([])
        start(db)
        self.user = User.get(User.username == "demo")
        self.dialogs, bus = FakeDialogs(), ChangeBus()
        self.ctx = UiContext(self.user, self.dialogs, bus, Ops(self.dialogs, bus))
        self.window = MainWindow(self.ctx)
        self.window.resize(1366, 768)
        self.window.show()
        wait_painted(self.app, self.window)  # type: ignore[arg-type]

    def settle(self) -> None:
        """Let queued events run and paint the window, as the user would see it."""
        self.app.processEvents()
        self.window.grab()

    def timed(self, action: Callable[[], object]) -> float:
        """CPU seconds of ``action`` until the window has painted (see the module docstring)."""
        start = time.process_time()
        action()
        self.settle()
        elapsed = time.process_time() - start
        if self.dialogs.messages:
            raise RuntimeError(f"the window complained: {self.dialogs.messages}")
        return elapsed


def cold_start(kind: str, work: Path, sizes: dict[str, Any]) -> Timer:
    """A fresh process to the painted main window (``bench/coldstart.py``) on the side's history."""
    from rows import start_timer

    script = Path(__file__).with_name("coldstart.py")
    return start_timer(script, fresh_copy(kind, work, sizes, "start"), cpu=True)


def period_pick(kind: str, work: Path, sizes: dict[str, Any]) -> Timer:
    """Pick the current period in the overview after looking at last year's (the window and
    every tab follow)."""
    w = Window(fresh_copy(kind, work, sizes, "pick"))
    combo = w.window.overview.combo
    if combo.count() < 2:
        raise RuntimeError("the history has no previous period to pick")

    def run(_: int) -> float:
        total = 0.0
        for _pick in range(REPEAT):  # a pick is ~50 ms of CPU: several make one sample
            combo.setCurrentIndex(1)  # last year's period (newest first)
            w.settle()
            total += w.timed(lambda: combo.setCurrentIndex(0))
        return total

    return run


def action(kind: str, work: Path, sizes: dict[str, Any]) -> Timer:
    """Declare OPDs' data valid from the Tim Kinerja tab, through the ops door, until every
    view has refreshed and painted (a sample is three OPDs in turn, each taken once)."""
    from kinerja_app.storage.models import Pengumpulan, Penyampaian, Periode
    from kinerja_app.storage.models.pengumpulan import StatusPenyampaian
    from kinerja_app.workflow.penyampaian import nyatakan_valid

    w = Window(fresh_copy(kind, work, sizes, "action"))
    w.window.tabs.setCurrentWidget(w.window.tim)
    w.settle()
    current = Periode.get_by_id(w.ctx.periode_id)
    latest = []  # each OPD's revision waiting for a decision
    for p in Pengumpulan.select().where(Pengumpulan.periode == current).order_by(Pengumpulan.id):
        revision = (
            Penyampaian.select()
            .where(
                (Penyampaian.pengumpulan == p)
                & (Penyampaian.status == StatusPenyampaian.DIPERIKSA.value)
            )
            .order_by(Penyampaian.revisi.desc())
            .first()
        )
        if revision is not None:
            latest.append(revision)

    def validate(k: int) -> None:
        if k >= len(latest):
            raise RuntimeError(f"only {len(latest)} OPDs wait for a decision")
        w.ctx.ops.run_action(w.window, "Nyatakan valid", nyatakan_valid, w.user, latest[k])

    w.timed(lambda: validate(0))  # warm: the first action loads what any first action loads
    repeat = REPEAT if len(latest) > 4 * REPEAT else 1  # the quick run's office has 4 OPDs

    def run(i: int) -> float:
        return sum(w.timed(functools.partial(validate, 1 + i * repeat + k)) for k in range(repeat))

    return run


def audit_verify(kind: str, work: Path, sizes: dict[str, Any]) -> Timer:
    """``kinerja audit-verify`` over the whole chain (judged on peak memory, not time)."""
    from kinerja_app.cli import main as cli

    db = fresh_copy(kind, work, sizes, "verify")

    def run(_: int) -> float:
        start = time.perf_counter()
        code = cli(["audit-verify", "--db", str(db)])
        elapsed = time.perf_counter() - start
        if code != 0:
            raise RuntimeError(f"audit-verify exited {code}")
        return elapsed

    return run
