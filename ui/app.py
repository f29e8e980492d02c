"""Start the desktop application: one instance per database, first start, login, idle lock."""

from __future__ import annotations

import logging
import sys
import tempfile
from pathlib import Path
from typing import cast

from PySide6.QtCore import QDir, QLockFile
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from kinerja_app import settings
from kinerja_app.db import APP_AUTHOR, APP_NAME, default_db_path, user_data_dir
from kinerja_app.errors import KinerjaError
from kinerja_app.pengguna import ada_pengguna
from kinerja_app.startup import start
from ui.context import UiContext
from ui.dialogs import DialogService
from ui.idle import IdleWatcher
from ui.login import FirstAdminDialog, LoginDialog, UnlockDialog
from ui.main_window import MainWindow
from ui.ops import ChangeBus, Ops

log = logging.getLogger(__name__)
STALE_LOCK_MS = 30_000


def setup_logging() -> Path:
    """Log to ``kinerja.log`` in the user data folder (tracebacks of bugs land there)."""
    folder = user_data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "kinerja.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(min(root.level or logging.INFO, logging.INFO))
    return path


def acquire_lock(db_path: Path) -> QLockFile | None:
    """A lock beside the database; ``None`` when another live instance holds it.

    A lock left by a crashed process is stale and removed.
    """
    lock = QLockFile(str(db_path.with_suffix(db_path.suffix + ".lock")))
    lock.setStaleLockTime(STALE_LOCK_MS)
    if lock.tryLock(100):
        return lock
    if lock.removeStaleLockFile() and lock.tryLock(100):
        return lock
    return None


def install_idle_lock(app: QApplication, window: MainWindow, user) -> IdleWatcher:
    """Lock the window after ``kunci_layar_menit`` without input."""
    watcher = IdleWatcher(float(settings.get("kunci_layar_menit")), app)
    app.installEventFilter(watcher)

    def lock() -> None:
        watcher.paused = True
        dialog = UnlockDialog(user, window)
        dialog.exec()
        watcher.paused = False
        watcher.start()

    watcher.idle.connect(lock)
    window.on_lock = lock
    watcher.start()
    return watcher


def run_gui(db_path: Path | None, demo: bool) -> int:
    """Open the database (or the demo), log in, and run the main window until it closes."""
    app = cast(QApplication, QApplication.instance() or QApplication(sys.argv))
    app.setOrganizationName(APP_AUTHOR)
    app.setApplicationName(APP_NAME)
    setup_logging()
    dialogs = DialogService()
    demo_accounts: dict[str, str] | None = None
    if demo:
        folder = Path(tempfile.mkdtemp(prefix="kinerja-demo-"))
        path = folder / "kinerja-demo.db"
        try:
            from kinerja_app.demo import build_demo

            demo_accounts = build_demo(path)
        except (ImportError, KinerjaError) as exc:
            QMessageBox.critical(None, "Kinerja", f"Data demo tidak dapat dibuat: {exc}")
            return 2
    else:
        path = db_path or default_db_path()
    lock = acquire_lock(path)
    if lock is None:
        QMessageBox.warning(
            None,
            "Kinerja",
            f"Aplikasi sudah terbuka untuk basis data {QDir.toNativeSeparators(str(path))}.",
        )
        return 1
    try:
        start(path)  # network-share refusal, integrity check, clean-up, daily backup, open
    except KinerjaError as exc:
        QMessageBox.critical(None, "Kinerja", str(exc))
        return 2
    if not ada_pengguna():
        first = FirstAdminDialog()
        if first.exec() != QDialog.DialogCode.Accepted:
            return 0
    login = LoginDialog(demo_accounts=demo_accounts)
    if login.exec() != QDialog.DialogCode.Accepted or login.user is None:
        return 0
    bus = ChangeBus()
    ctx = UiContext(login.user, dialogs, bus, Ops(dialogs, bus))
    window = MainWindow(ctx)
    install_idle_lock(app, window, login.user)
    window.show()
    code = app.exec()
    lock.unlock()
    return int(code)
