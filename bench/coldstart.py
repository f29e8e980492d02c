"""Cold start driver: a fresh interpreter to a painted main window, without the login dialog.

python bench/coldstart.py DB   → prints "PAINTED <seconds since interpreter start>" and exits

Follows ``ui.app.run_gui`` step by step (import chain of ``main.py``, QApplication, logging,
``kinerja_app.storage.startup.start``, context, ``MainWindow``, idle lock, show) with the login
replaced by taking the user "demo", who holds every role (the window with every tab).
"""

import time

T0 = time.perf_counter()

import os  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_paint import peak_kb, wait_painted  # noqa: E402

from kinerja_app.cli import build_parser  # noqa: E402,F401  (main.py imports the CLI first)
from ui import app as ui_app  # noqa: E402


def main(db_path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from kinerja_app.storage.models import User
    from kinerja_app.storage.startup import start
    from ui.context import UiContext
    from ui.dialogs import DialogService
    from ui.ops import ChangeBus, Ops

    app = QApplication.instance() or QApplication(sys.argv)
    app.setOrganizationName(ui_app.APP_AUTHOR)
    app.setApplicationName(ui_app.APP_NAME)
    ui_app.siapkan_qt(app)  # type: ignore[arg-type]
    ui_app.setup_logging()
    dialogs = DialogService()
    lock = ui_app.acquire_lock(db_path)
    if lock is None:
        raise SystemExit("database locked")
    start(db_path)
    user = User.get(User.username == "demo")
    bus = ChangeBus()
    ctx = UiContext(user, dialogs, bus, Ops(dialogs, bus))
    window = ui_app.MainWindow(ctx)
    ui_app.install_idle_lock(app, window, user)
    window.tampilkan()
    wait_painted(app, window)
    print(f"PAINTED {time.perf_counter() - T0:.4f} PEAK_KB {peak_kb()}", flush=True)
    lock.unlock()
    os._exit(0)  # teardown is not part of the start


if __name__ == "__main__":
    main(Path(sys.argv[1]))
