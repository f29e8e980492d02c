""" "Catat tindakan manual" follows the step: the act due now, a required note, a refusal that
keeps the dialog open with everything typed."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from kinerja_app import clock
from kinerja_app.storage.models import AuditLog, Disposisi, Paraf, Pengembalian
from kinerja_app.storage.models.surat import StatusSurat
from kinerja_app.workflow.paraf import kabag_paraf


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def catat(qtbot, dialog) -> None:
    click(qtbot, dialog.box.button(QDialogButtonBox.StandardButton.Ok))


def at_step_4(f):
    """The Kabag initialled; the draft waits for the Asisten's paraf."""
    periode = f.periode()
    f.disposisi(periode)
    rancangan = f.draft(periode)
    kabag_paraf(f.kabag, rancangan)
    return periode, rancangan


def open_dialog(qtbot, window):
    window.tabs.setCurrentWidget(window.tim)
    click(qtbot, window.tim.manual_button)
    dialog = window.tim.active_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def offered(dialog) -> list[str]:
    return [dialog.act.itemData(i) for i in range(dialog.act.count())]


def test_the_act_due_now_is_preselected_and_only_allowed_acts_are_offered(f, window_for, qtbot):
    periode, _ = at_step_4(f)
    window = window_for(f.tim, periode.id)
    dialog = open_dialog(qtbot, window)
    assert dialog.act.currentData() == "paraf_asisten"
    assert offered(dialog) == ["paraf_asisten", "kembali_asisten"]
    assert dialog.official.currentData() == f.asisten.id


def test_an_empty_disposisi_note_no_longer_records_a_second_disposisi(f, window_for, qtbot):
    """The reported defect: at step 4 the dialog preselected "Disposisi Kabag", and one press
    of Catat with the required note empty recorded a second, false disposisi."""
    periode, _ = at_step_4(f)
    real = Disposisi.get()
    window = window_for(f.tim, periode.id)
    dialog = open_dialog(qtbot, window)
    if dialog.act.findData("disposisi") >= 0:  # the old dialog offered it, preselected
        dialog.act.setCurrentIndex(dialog.act.findData("disposisi"))
        catat(qtbot, dialog)
    assert [d.id for d in Disposisi.select()] == [real.id]
    assert "disposisi" not in offered(dialog)


def test_a_required_note_is_required_and_the_dialog_stays_open(f, window_for, qtbot):
    periode, _rancangan = at_step_4(f)
    window = window_for(f.tim, periode.id)
    dialog = open_dialog(qtbot, window)
    dialog.act.setCurrentIndex(dialog.act.findData("kembali_asisten"))
    rows_before = AuditLog.select().count()
    catat(qtbot, dialog)
    assert dialog.isVisible()
    assert Pengembalian.select().count() == 0
    assert AuditLog.select().count() == rows_before  # nothing recorded, not even a refusal
    assert dialog.problem.isVisible() and "wajib" in dialog.problem.text()
    assert dialog.focusWidget() is dialog.note
    # with the note, the return is recorded and the dialog closes
    qtbot.keyClicks(dialog.note, "Lampiran format isian belum disertakan.")
    catat(qtbot, dialog)
    assert not dialog.isVisible()
    back = Pengembalian.get()
    assert (back.oleh.id, back.dicatat_oleh.id) == (f.asisten.id, f.tim.id)
    assert back.catatan == "Lampiran format isian belum disertakan."


def test_a_refused_value_keeps_the_dialog_open_with_everything_typed(f, window_for, qtbot, jam):
    periode, _rancangan = at_step_4(f)
    window = window_for(f.tim, periode.id)
    dialog = open_dialog(qtbot, window)
    # a paraf before the Kabag's own paraf: the core refuses the time
    earlier = clock.now() - dt.timedelta(days=3)
    dialog.when.setDateTime(dialog.when.dateTime().addDays(-3))
    qtbot.keyClicks(dialog.note, "Diparaf di ruang rapat")
    dialog.scan.setText("")
    catat(qtbot, dialog)
    assert dialog.isVisible()
    assert Paraf.select().where(Paraf.role == "ASISTEN").count() == 0
    kind, _title, text = window.tim.ctx.dialogs.messages[-1]
    assert kind == "warning" and "lebih awal" in text
    assert dialog.note.toPlainText() == "Diparaf di ruang rapat"
    assert dialog.when.dateTime().date().day() == earlier.day
    assert dialog.act.currentData() == "paraf_asisten"


def test_no_act_waiting_disables_the_button(f, window_for, qtbot):
    periode = f.periode()
    f.disposisi(periode)
    f.draft(periode, ajukan=False)  # the Tim's own draft: nothing for an official
    window = window_for(f.tim, periode.id)
    assert not window.tim.manual_button.isEnabled()
    assert "menunggu" in window.tim.manual_button.toolTip()


def test_a_recorded_wet_signature_follows_the_chain(f, window_for, qtbot):
    periode, rancangan = at_step_4(f)
    from kinerja_app.workflow.paraf import asisten_paraf

    asisten_paraf(f.asisten, rancangan)
    window = window_for(f.tim, periode.id)
    dialog = open_dialog(qtbot, window)
    assert offered(dialog) == ["ttd_sekda", "ttd_sekda_elektronik", "kembali_sekda"]
    assert not dialog.srikandi.isVisible()  # a wet signature takes the register's number
    catat(qtbot, dialog)
    assert not dialog.isVisible()
    from kinerja_app.storage.models import SuratPermintaan

    assert SuratPermintaan.get().status == StatusSurat.DITANDATANGANI


def test_a_signature_in_srikandi_is_recorded_by_the_tim_with_srikandis_number(f, window_for, qtbot):
    periode, rancangan = at_step_4(f)
    from kinerja_app.storage.models import SuratKeluar, TandaTangan
    from kinerja_app.storage.models.surat import CaraTtd
    from kinerja_app.workflow.paraf import asisten_paraf

    asisten_paraf(f.asisten, rancangan)
    window = window_for(f.tim, periode.id)
    dialog = open_dialog(qtbot, window)
    dialog.act.setCurrentIndex(dialog.act.findData("ttd_sekda_elektronik"))
    assert dialog.srikandi.isVisible() and dialog.official.currentData() == f.sekda.id
    catat(qtbot, dialog)  # without SRIKANDI's number: refused in place
    assert dialog.isVisible() and "SRIKANDI" in dialog.problem.text()
    assert dialog.focusWidget() is dialog.srikandi
    assert TandaTangan.select().count() == 0
    qtbot.keyClicks(dialog.srikandi, "B-123/SETDA/III/2026")
    catat(qtbot, dialog)
    assert not dialog.isVisible()
    ttd = TandaTangan.get()
    assert ttd.cara == CaraTtd.ELEKTRONIK.value and ttd.nomor_srikandi == "B-123/SETDA/III/2026"
    assert (ttd.oleh.id, ttd.dicatat_oleh.id) == (f.sekda.id, f.tim.id)
    letter = SuratKeluar.get(SuratKeluar.jenis == "permintaan")
    assert letter.nomor == "B-123/SETDA/III/2026" and letter.srikandi
    row = AuditLog.select().where(AuditLog.aksi == "sekda_tandatangani").get()
    assert (row.pelaku_nama, row.pencatat_nama) == (f.sekda.nama, f.tim.nama)
    assert "SRIKANDI B-123/SETDA/III/2026" in row.keterangan
