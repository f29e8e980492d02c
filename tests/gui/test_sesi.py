"""Ganti pengguna from the Berkas menu, each user on their own tab, and a visible note after a save."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from kinerja_app.storage.models import Disposisi
from tests.factory import PASSWORD
from ui.app import Sesi
from ui.dialogs import FakeDialogs


def app() -> QApplication:
    return cast(QApplication, QApplication.instance())


def berkas_actions(window) -> list[str]:
    menu = window.menuBar().actions()[0].menu()
    return [a.text() for a in menu.actions()]


def test_ganti_pengguna_opens_the_next_users_window_on_their_tab(f, qtbot):
    periode = f.periode()
    who = [f.kabag]
    session = Sesi(app(), FakeDialogs(), lambda parent: who.pop(0))
    first = session.buka(f.tim, periode.id)
    qtbot.addWidget(first)
    assert "Ganti pengguna…" in berkas_actions(first)
    assert first.tabs.currentWidget() is first.tim
    first.switch_action.trigger()
    second = session.window
    assert second is not None
    qtbot.addWidget(second)
    assert second is not first and second.isVisible()
    assert not first.isVisible()
    assert second.ctx.user.id == f.kabag.id
    assert f.kabag.nama in second.windowTitle()
    assert second.tabs.currentWidget() is second.kabag  # the Kabag's disposisi waits there
    assert second.overview.current_periode_id() == periode.id
    assert app().quitOnLastWindowClosed()


def test_cancelling_the_login_keeps_the_current_user(f, qtbot):
    session = Sesi(app(), FakeDialogs(), lambda parent: None)
    window = session.buka(f.tim)
    qtbot.addWidget(window)
    window.switch_action.trigger()
    assert session.window is window and window.isVisible()


def test_each_user_opens_on_their_own_role_tab(f, window_for):
    periode = f.periode()  # step 1: the Kabag's disposisi is due
    assert window_for(f.kabag, periode.id).tabs.currentIndex() == 0
    tim = window_for(f.tim, periode.id)
    assert tim.tabs.currentWidget() is tim.tim
    sekda = window_for(f.sekda, periode.id)
    assert sekda.tabs.currentWidget() is sekda.sekda
    admin = window_for(f.admin, periode.id)
    assert admin.tabs.currentWidget() is admin.admin


def test_a_save_shows_a_visible_confirmation(f, window_for, qtbot):
    periode = f.periode()
    window = window_for(f.kabag, periode.id)
    window.show()
    qtbot.mouseClick(window.kabag.disposisi_button, Qt.MouseButton.LeftButton)
    dialog = window.kabag.active_dialog
    qtbot.mouseClick(
        dialog.box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    assert Disposisi.select().count() == 1
    assert window.toast.isVisible()
    assert window.toast.text().endswith("Disposisi dicatat.")
    assert window.rect().contains(window.toast.geometry().translated(window.centralWidget().pos()))
    window.toast.timer.timeout.emit()  # a few seconds later
    assert not window.toast.isVisible()


def _when_locked(act) -> None:
    """Run ``act(dialog)`` on the lock screen once it is up (it is modal: exec() waits)."""
    from PySide6.QtCore import QTimer

    from ui.login import UnlockDialog

    def later() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, UnlockDialog):
            QTimer.singleShot(10, later)
            return
        act(dialog)

    QTimer.singleShot(0, later)


def test_the_lock_screen_lets_the_next_person_sign_in(f, qtbot):
    """On a shared office computer the Kabag's locked session must not trap the next user."""
    who = [f.tim]
    session = Sesi(app(), FakeDialogs(), lambda parent: who.pop(0))
    window = session.buka(f.kabag)
    qtbot.addWidget(window)
    _when_locked(lambda dialog: dialog.switch.click())
    assert window.on_lock is not None
    window.on_lock()  # idle time ran out
    assert session.window is not window and not window.isVisible()
    assert session.window is not None and session.window.ctx.user.id == f.tim.id
    qtbot.addWidget(session.window)


def test_a_cancelled_sign_in_from_the_lock_screen_keeps_it_locked(f, qtbot):
    session = Sesi(app(), FakeDialogs(), lambda parent: None)
    window = session.buka(f.kabag)
    qtbot.addWidget(window)
    shown: list[str] = []

    def switch_then_unlock(dialog) -> None:
        shown.append("kunci")
        if len(shown) == 1:
            dialog.switch.click()  # nobody signs in: the lock comes back
        else:
            dialog.password.setText(PASSWORD)
            dialog.check()

    _when_locked(switch_then_unlock)
    from PySide6.QtCore import QTimer

    QTimer.singleShot(300, lambda: _when_locked(switch_then_unlock))
    assert window.on_lock is not None
    window.on_lock()
    assert shown == ["kunci", "kunci"] and session.window is window and window.isVisible()
