"""Cold start driver: a fresh interpreter to a painted main window, without the login dialog.

python bench/coldstart.py DB   → prints "PAINTED <seconds since interpreter start>" and exits

Follows ``ui.app.run_gui`` step by step for a database file (import chain of ``main.py``,
QApplication and its Indonesian words, logging, lock, ``kinerja_app.storage.startup.start``,
the session's window with live refresh and idle lock, the deferred defence check) with the
login replaced by taking the user "demo", who holds every role (the window with every tab).
"""

import time

T0 = time.perf_counter()

import os  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import cast  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_paint import peak_kb, wait_painted  # noqa: E402

from kinerja_app.cli import build_parser  # noqa: E402,F401  (main.py imports the CLI first)
from ui import app as ui_app  # noqa: E402


def main(db_path: Path) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kinerja_app.storage.db import APP_AUTHOR, APP_NAME
    from kinerja_app.storage.models import User
    from kinerja_app.storage.startup import start
    from ui.dialogs import DialogService

    app = cast(QApplication, QApplication.instance() or QApplication(sys.argv))
    app.setOrganizationName(APP_AUTHOR)
    app.setApplicationName(APP_NAME)
    ui_app.siapkan_qt(app)
    ui_app.setup_logging()
    dialogs = DialogService()
    lock = ui_app.acquire_lock(db_path)
    if lock is None:
        raise SystemExit("database locked")
    start(db_path)
    user = User.get(User.username == "demo")
    window = ui_app.Sesi(app, dialogs, lambda _parent: None).buka(user)  # as run_gui opens it
    QTimer.singleShot(ui_app.DEFENCE_CHECK_MS, lambda: ui_app.check_xml_defences(window))
    wait_painted(app, window)
    print(f"PAINTED {time.perf_counter() - T0:.4f} PEAK_KB {peak_kb()}", flush=True)
    lock.unlock()
    os._exit(0)  # teardown is not part of the start


if __name__ == "__main__":
    main(Path(sys.argv[1]))
