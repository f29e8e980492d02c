"""GUI fixtures: a context (fake dialogs) and a main window for any user."""

from __future__ import annotations

import pytest

from PySide6.QtCore import QCoreApplication, QSettings

from tests.gui.layar import pakai_layar_kantor
from ui.context import UiContext
from ui.dialogs import FakeDialogs
from ui.ops import ChangeBus, Ops

pakai_layar_kantor()  # before pytest-qt creates the QApplication


@pytest.fixture(autouse=True)
def _isolated_qsettings(tmp_path, qapp):
    from ui.app import siapkan_qt

    siapkan_qt(qapp)  # as the app does at start: Indonesian Qt words, windows fit the screen
    QCoreApplication.setOrganizationName("KinerjaTest")
    QCoreApplication.setApplicationName("KinerjaTest")
    QSettings.setPath(
        QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings")
    )
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings")
    )
    yield


def make_ctx(user, periode_id=None) -> UiContext:
    dialogs = FakeDialogs()
    bus = ChangeBus()
    return UiContext(user, dialogs, bus, Ops(dialogs, bus), periode_id)


def fake_dialogs(ctx: UiContext) -> FakeDialogs:
    """The fake dialog service of a test's context: its answer queues and what it recorded."""
    assert isinstance(ctx.dialogs, FakeDialogs), ctx.dialogs
    return ctx.dialogs


@pytest.fixture
def window_for(qtbot):
    """Build the main window logged in as ``user``."""
    from ui.main_window import MainWindow

    def build(user, periode_id=None):
        window = MainWindow(make_ctx(user, periode_id))
        qtbot.addWidget(window)
        return window

    return build


def pytest_collection_modifyitems(items):
    """The offscreen platform warns whenever a window is shown; that is not a defect of ours."""
    for item in items:
        if "tests/gui" in str(item.fspath).replace("\\", "/"):
            item.add_marker(
                pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
            )
