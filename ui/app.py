"""Start the desktop application: one instance per database, first start, login, idle lock."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import cast

from PySide6.QtCore import QDir, QLockFile, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from kinerja_app.admin import settings
from kinerja_app.admin.pengguna import ada_pengguna
from kinerja_app.errors import DatabaseCorrupt, KinerjaError
from kinerja_app.formatting import format_tanggal_waktu
from kinerja_app.log import hide_sql_parameters, private_log_file
from kinerja_app.storage.backup import restore_backup
from kinerja_app.storage.credentials import saved_target
from kinerja_app.storage.db import (
    APP_AUTHOR,
    APP_NAME,
    default_db_path,
    is_server,
    user_data_dir,
)
from kinerja_app.storage.lokasi import prepare_location
from kinerja_app.storage.models import User
from kinerja_app.storage.startup import latest_good_backup, start

from .bahasa import pasang_bahasa
from .context import UiContext
from .dialogs import DialogService
from .idle import IdleWatcher
from .layar import pasang_pas_layar
from .live import LiveRefresh
from .login import FirstAdminDialog, LoginDialog, UnlockDialog
from .main_window import MainWindow
from .ops import ChangeBus, Ops
from .sambungan import SambunganDialog

log = logging.getLogger(__name__)
STALE_LOCK_MS = 30_000
DEFENCE_CHECK_MS = 2_000


def siapkan_qt(app: QApplication) -> None:
    """Once per process: Qt's own words and the locale in Indonesian, every window fits."""
    pasang_bahasa(app)
    pasang_pas_layar(app)


def setup_logging() -> Path:
    """Log to ``kinerja.log`` in the user data folder (tracebacks of bugs land there); the file
    is private to the user and holds no SQL parameters."""
    path = user_data_dir() / "kinerja.log"
    hide_sql_parameters()
    root = logging.getLogger()
    root.addHandler(private_log_file(path))
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


def install_idle_lock(app: QApplication, window: MainWindow, user: User) -> IdleWatcher:
    """Lock the window after ``kunci_layar_menit`` without input."""
    watcher = IdleWatcher(float(settings.get("kunci_layar_menit")), app)
    app.installEventFilter(watcher)

    def lock() -> None:
        watcher.paused = True
        while UnlockDialog(user, window).exec() == UnlockDialog.GANTI:
            window.ganti_pengguna.emit()  # Sesi.ganti: the next person signs in, now
            if not window.isVisible():
                return  # their window is open, with its own idle lock; this one is gone
            # the sign-in was cancelled: the screen stays locked for its user
        watcher.paused = False
        watcher.start()

    watcher.idle.connect(lock)
    window.on_lock = lock
    watcher.start()
    return watcher


class Sesi:
    """The signed-in user's main window; "Ganti pengguna" signs someone else in.

    The login is asked over the current window: cancelling keeps the current user. The new
    window opens on the same period, on the new user's own role tab.
    """

    def __init__(
        self,
        app: QApplication,
        dialogs: DialogService,
        login: Callable[[QWidget | None], User | None],
    ) -> None:
        self.app = app
        self.dialogs = dialogs
        self.login = login
        self.window: MainWindow | None = None
        self.watcher: IdleWatcher | None = None
        self.live: LiveRefresh | None = None
        app.aboutToQuit.connect(self._stop_live)

    def _stop_live(self) -> None:
        if self.live is not None:
            self.live.stop()
            self.live = None

    def buka(self, user: User, periode_id: int | None = None) -> MainWindow:
        """Open the main window of ``user`` (with its idle lock)."""
        bus = ChangeBus()
        ctx = UiContext(user, self.dialogs, bus, Ops(self.dialogs, bus), periode_id)
        window = MainWindow(ctx)
        self.live = LiveRefresh(bus, window)  # other workstations' actions, on a shared server
        self.watcher = install_idle_lock(self.app, window, user)
        window.ganti_pengguna.connect(self.ganti)
        self.window = window
        window.tampilkan()
        return window

    def ganti(self) -> None:
        """Ask who signs in; close the current window and open theirs."""
        old = self.window
        user = self.login(old)
        if user is None:
            return
        periode_id = old.ctx.periode_id if old is not None else None
        self._stop_live()
        if self.watcher is not None:
            self.app.removeEventFilter(self.watcher)
            self.watcher.deleteLater()
        self.app.setQuitOnLastWindowClosed(False)  # between the two windows none is open
        try:
            if old is not None:
                old.close()
                old.deleteLater()
            self.buka(user, periode_id)
        finally:
            self.app.setQuitOnLastWindowClosed(True)


def ask_login(parent: QWidget | None, demo_accounts: dict[str, str] | None) -> User | None:
    """The login dialog; the signed-in user, or ``None`` when cancelled."""
    login = LoginDialog(parent, demo_accounts=demo_accounts)
    if login.exec() != QDialog.DialogCode.Accepted:
        return None
    return login.user


def start_or_restore(path: Path) -> bool:
    """Run the start-up checks; when the database is damaged, offer the latest good backup."""
    try:
        report = start(path)  # network share, integrity, clean-up, daily backup, open
        for warning in report.peringatan:
            QMessageBox.warning(None, "Kinerja", warning)
        return True
    except DatabaseCorrupt as exc:
        good = latest_good_backup(path) if path.exists() else None
        if good is None:
            QMessageBox.critical(None, "Kinerja", str(exc))
            return False
        question = (
            f"{exc}\n\nPulihkan sekarang dari cadangan {good.path.name} "
            f"({format_tanggal_waktu(good.created)})? Basis data yang rusak disimpan di samping "
            "berkasnya, tidak dihapus."
        )
        if not DialogService().confirm(None, "Kinerja — basis data rusak", question, "Pulihkan"):
            return False
    except KinerjaError as exc:
        QMessageBox.critical(None, "Kinerja", str(exc))
        return False
    try:
        restore_backup(good.path, path)
        start(path)
    except KinerjaError as exc:
        QMessageBox.critical(None, "Kinerja", f"Pemulihan gagal: {exc}")
        return False
    QMessageBox.information(None, "Kinerja", f"Basis data dipulihkan dari {good.path.name}.")
    return True


def check_xml_defences(parent: QWidget) -> None:
    """Refuse to import workbooks without defusedxml (entity bombs) — checked once, after the
    window shows (the importer's guard is not needed before)."""
    from kinerja_app.importer.guard import ensure_defused

    try:
        ensure_defused()
    except KinerjaError as exc:
        log.error("defusedxml check failed: %s", exc)
        QMessageBox.critical(parent, "Kinerja", f"Pemeriksaan keamanan gagal: {exc}")


def open_server(target: str) -> str | Path | None:
    """Open a shared server; when it cannot be opened, say why and offer to change the connection.

    Returns:
        The database now open (the server, or the local file chosen instead), or ``None``.
    """
    current: str | Path = target
    while is_server(current):
        try:
            start(current)
            return current
        except KinerjaError as exc:
            answer = QMessageBox.question(
                None, "Kinerja — sambungan server", f"{exc}\n\nUbah sambungan basis data?"
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
            dialog = SambunganDialog(str(current))
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            current = dialog.result_url or default_db_path()
    return current


def tanpa_layar(environ: Mapping[str, str] = os.environ) -> str | None:
    """Why no window can open here (a Linux session with no display), in a sentence; else None.

    Qt would abort with its own English words about platform plugins.
    """
    if not sys.platform.startswith("linux") or environ.get("QT_QPA_PLATFORM"):
        return None
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "Jendela Kinerja tidak dapat dibuka: sesi ini tidak memiliki layar (tidak ada DISPLAY "
        "atau WAYLAND_DISPLAY). Jalankan dari desktop komputer, atau pakai perintah tanpa "
        "jendela, misalnya 'kinerja --help'."
    )


def run_gui(db_path: str | Path | None, demo: bool, choose_connection: bool = False) -> int:
    """Open the database (or the demo), log in, and run the main window until it closes.

    Args:
        db_path: a SQLite file or a server address; default: what this workstation was set to
            open (``Sambungan Basis Data``), else its own file.
        demo: start on a temporary demo database.
        choose_connection: show the connection dialog first.
    """
    if QApplication.instance() is None and (problem := tanpa_layar()):
        print(problem, file=sys.stderr)
        return 2
    app = cast(QApplication, QApplication.instance() or QApplication(sys.argv))
    app.setOrganizationName(APP_AUTHOR)
    app.setApplicationName(APP_NAME)
    siapkan_qt(app)
    setup_logging()
    path: str | Path
    if demo:
        from kinerja_app.demo.periode import demo_sementara

        try:
            with demo_sementara() as (demo_path, accounts):  # removed again when the app closes
                return run_on(app, demo_path, accounts)
        except KinerjaError as exc:
            QMessageBox.critical(None, "Kinerja", f"Data demo tidak dapat dibuat: {exc}")
            return 2
    path = db_path or saved_target() or default_db_path()
    if choose_connection:
        dialog = SambunganDialog(str(path))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return 0
        path = dialog.result_url or default_db_path()
    return run_on(app, path, None)


def run_on(app: QApplication, path: str | Path, demo_accounts: dict[str, str] | None) -> int:
    """Open ``path`` (a file: locked for this instance and checked; a server), log in and run
    the main window until it closes."""
    dialogs = DialogService()
    lock: QLockFile | None = None
    if is_server(path):  # many workstations share a server: no lock file, no file checks
        opened = open_server(str(path))
        if opened is None:
            return 2
        path = opened
    if not is_server(path):
        try:
            prepare_location(Path(path))  # a folder given for the file, a folder to create
        except KinerjaError as exc:
            QMessageBox.critical(None, "Kinerja", str(exc))
            return 2
        lock = acquire_lock(Path(path))
        if lock is None:
            QMessageBox.warning(
                None,
                "Kinerja",
                f"Aplikasi sudah terbuka untuk basis data {QDir.toNativeSeparators(str(path))}.",
            )
            return 1
        if not start_or_restore(Path(path)):
            return 2
    if not ada_pengguna():
        first = FirstAdminDialog()
        if first.exec() != QDialog.DialogCode.Accepted:
            return 0
    user = ask_login(None, demo_accounts)
    if user is None:
        return 0
    session = Sesi(app, dialogs, lambda parent: ask_login(parent, demo_accounts))
    window = session.buka(user)
    # after the first paint (it loads openpyxl): nobody imports a workbook in the first seconds
    QTimer.singleShot(DEFENCE_CHECK_MS, lambda: check_xml_defences(window))
    code = app.exec()
    if lock is not None:
        lock.unlock()
    return int(code)
