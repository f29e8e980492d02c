"""Login, first administrator, idle lock, Riwayat chain check, admin screens."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from kinerja_app.storage.models import AuditLog, PerangkatDaerah, User
from kinerja_app.storage.models.master import Role
from tests.factory import PASSWORD
from ui.idle import IdleWatcher
from ui.login import FirstAdminDialog, LoginDialog


def press_ok(qtbot, dialog):
    qtbot.mouseClick(
        dialog.box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )


def test_login_error_shown_inline_then_success(f, qtbot):
    dialog = LoginDialog(demo_accounts={"kabag": "kinerja-demo"})
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.username, "kabag")
    qtbot.keyClicks(dialog.password, "salah")
    press_ok(qtbot, dialog)
    assert dialog.error.text() == "Nama pengguna atau kata sandi salah."
    assert dialog.user is None
    qtbot.keyClicks(dialog.password, PASSWORD)
    with qtbot.waitSignal(dialog.accepted):
        press_ok(qtbot, dialog)
    assert dialog.user == f.kabag  # peewee compares rows by model and id


def test_first_admin_created(db, qtbot):
    dialog = FirstAdminDialog()
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.nama, "Admin Bagian Organisasi")
    qtbot.keyClicks(dialog.password, "Kuat-sekali-2025!")
    qtbot.keyClicks(dialog.repeat, "Kuat-sekali-2025!")
    press_ok(qtbot, dialog)
    assert dialog.error.isHidden(), dialog.error.text()
    assert User.get().has_role(Role.ADMIN)


def test_idle_watcher_fires_and_input_resets(qtbot, qapp):
    watcher = IdleWatcher(0.002)  # 120 ms
    qapp.installEventFilter(watcher)
    try:
        with qtbot.waitSignal(watcher.idle, timeout=2000):
            watcher.start()
    finally:
        qapp.removeEventFilter(watcher)


def test_riwayat_filter_and_chain_check(f, window_for, qtbot):
    f.periode()
    w = window_for(f.tim)
    tab = w.riwayat
    qtbot.keyClicks(tab.teks, "Periode Tahun 2025")
    tab.refresh()
    assert tab.model.rowCount() == 1
    qtbot.mouseClick(tab.check_button, Qt.MouseButton.LeftButton)
    kind, _title, text = tab.ctx.dialogs.messages[-1]
    assert kind == "info" and "utuh" in text


def test_admin_creates_user_with_two_roles(f, window_for, qtbot):
    w = window_for(f.admin)
    page = w.admin.users
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.username, "budi")
    qtbot.keyClicks(page.nama, "Budi Santoso, S.AP")
    qtbot.keyClicks(page.password, "Kuat-sekali-2025!")
    page.roles[Role.TIM].setChecked(True)
    page.roles[Role.KABAG].setChecked(True)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    budi = User.get(User.username == "budi")
    assert budi.roles() == {Role.TIM, Role.KABAG}
    assert any(u.username == "budi" for u in page.model.records())


def test_admin_edits_opd(f, window_for, qtbot):
    w = window_for(f.admin)
    page = w.admin.opd
    page.table.selectRow(0)
    page.nama.clear()
    qtbot.keyClicks(page.nama, "Sekretariat Daerah Kabupaten Lamandau")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert (
        PerangkatDaerah.get(PerangkatDaerah.kode == page.kode.text()).nama
        == "Sekretariat Daerah Kabupaten Lamandau"
    )
    assert AuditLog.select().where(AuditLog.aksi == "simpan_opd").count() == 1
