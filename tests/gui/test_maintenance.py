"""The "Berkas" menu's maintenance: back up now, restore (administrator), check the archive."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from kinerja_app import clock
from kinerja_app.storage import pemeliharaan
from kinerja_app.storage.models import AuditLog, Disposisi, Penyampaian
from kinerja_app.workflow.penyampaian import SuratMasuk, simpan_penyampaian
from tests.factory import Row
from ui.maintenance import CadanganModel, PulihkanDialog


def test_backup_now_from_the_menu_writes_a_backup(f, window_for):
    w = window_for(f.tim)
    assert pemeliharaan.daftar_cadangan() == []
    w.maintenance.backup.trigger()
    (info,) = pemeliharaan.daftar_cadangan()
    assert info.label == "manual" and info.path.is_file() and info.size > 0
    kind, _title, text = w.ctx.dialogs.messages[-1]
    assert kind == "info" and info.path.name in text
    assert w.statusBar().currentMessage() == f"Cadangan dibuat: {info.path}"


def test_restore_is_for_the_administrator_only(f, window_for):
    w = window_for(f.kabag)
    assert not w.maintenance.restore.isEnabled()
    assert "Administrator" in w.maintenance.restore.toolTip()
    assert window_for(f.admin).maintenance.restore.isEnabled()


def test_restore_brings_back_the_backup_and_reloads_the_window(qtbot, f, window_for):
    periode = f.periode()
    pemeliharaan.cadangkan_sekarang(f.tim)
    f.disposisi(periode)  # made after the backup: the restore takes it away
    w = window_for(f.admin, periode.id)
    w.tabs.setCurrentWidget(w.kabag)  # the administrator looks at the Kabag's tab
    assert w.kabag.state.ada_disposisi and w.overview.flow.tahap > 1

    w.maintenance.restore.trigger()
    dialog = w.maintenance.dialog
    assert isinstance(dialog, PulihkanDialog)
    model = dialog.model
    assert model.rowCount() == 1
    assert model.data(model.index(0, CadanganModel.JENIS)) == "Manual"
    assert model.data(model.index(0, CadanganModel.UKURAN)).endswith(("KB", "MB"))
    assert dialog.restore_button.isEnabled()  # the newest backup is chosen
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)

    kind, _title, question = w.ctx.dialogs.messages[0]
    assert kind == "confirm" and "disimpan di sampingnya" in question
    assert Disposisi.select().count() == 0
    assert AuditLog.select().order_by(AuditLog.id.desc()).get().aksi == "pulihkan_cadangan"
    # every view reloaded from the restored database
    assert not w.kabag.state.ada_disposisi
    assert w.overview.flow.tahap == 1
    assert w.maintenance.dialog is None  # closed after restoring


def test_restore_declined_changes_nothing(qtbot, f, window_for):
    periode = f.periode()
    pemeliharaan.cadangkan_sekarang(f.tim)
    f.disposisi(periode)
    w = window_for(f.admin, periode.id)
    w.ctx.dialogs.confirm_answers.append(False)
    dialog = w.maintenance.open_restore()
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert Disposisi.select().count() == 1
    assert dialog.isVisible()


def _archived_workbook(f, tmp_path) -> Path:
    periode = f.periode()
    (p,) = f.distributed(periode, 1)
    book = tmp_path / "isian.xlsx"
    book.write_bytes(b"data kinerja")
    moment = clock.now()
    simpan_penyampaian(f.tim, p, SuratMasuk(moment), [Row("IKM", 1, 1, 100.0)], [], berkas=book)
    berkas = Penyampaian.get().berkas
    assert berkas is not None
    return Path(berkas)


def test_archive_check_reports_a_changed_file(qtbot, f, window_for, tmp_path):
    archived = _archived_workbook(f, tmp_path)
    w = window_for(f.tim)
    w.maintenance.check.trigger()
    assert w.ctx.dialogs.messages[-1][0] == "info"
    assert "utuh" in w.ctx.dialogs.messages[-1][2]

    archived.write_bytes(b"disunting di luar aplikasi")
    qtbot.mouseClick(w.arsip.check_button, Qt.MouseButton.LeftButton)
    kind, _title, text = w.ctx.dialogs.messages[-1]
    assert kind == "warning"
    assert "1 berkas arsip bermasalah" in text
    assert str(archived) in text and "telah berubah" in text
