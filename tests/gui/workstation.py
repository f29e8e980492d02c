"""A second Kinerja workstation for the two-instance test, in its own process: it opens the
shared server, shows the main window offscreen logged in as USERNAME, gives the Kabag's paraf
by clicking the button as a person would, and prints ``PARAF <monotonic time>`` once committed.

python -m tests.gui.workstation URL USERNAME ISO_MOMENT SETTINGS_DIR
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

from kinerja_app import clock
from kinerja_app.storage.db import close_database, open_database
from kinerja_app.storage.models import SuratPermintaan, User
from kinerja_app.storage.models.surat import StatusSurat
from ui.context import UiContext
from ui.dialogs import FakeDialogs
from ui.live import LiveRefresh
from ui.main_window import MainWindow
from ui.ops import ChangeBus, Ops


def main(url: str, username: str, moment: str, settings_dir: str) -> int:
    app = QApplication([])
    QCoreApplication.setOrganizationName("KinerjaTest")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
    with clock.pasang(clock.JamUji(dt.datetime.fromisoformat(moment))):
        open_database(url)
        dialogs, bus = FakeDialogs(), ChangeBus()
        user = User.get(User.username == username)
        window = MainWindow(UiContext(user, dialogs, bus, Ops(dialogs, bus)))
        live = LiveRefresh(bus, window)
        window.show()
        app.processEvents()
        button = window.kabag.paraf_button
        if not button.isEnabled():
            print("paraf button disabled", file=sys.stderr)
            return 1
        button.click()  # FakeDialogs confirms
        if SuratPermintaan.get().status != StatusSurat.MENUNGGU_ASISTEN.value:
            print(f"paraf not stored: {dialogs.messages}", file=sys.stderr)
            return 1
        print(f"PARAF {time.monotonic()}", flush=True)
        live.stop()
        window.close()
        close_database()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
