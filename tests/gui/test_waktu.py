"""Times default to the moment a form opens and are checked when saved, not when built."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from kinerja_app import clock
from kinerja_app.storage.models import Distribusi
from ui.forms import qdatetime


def signed_period(f):
    periode = f.periode()
    f.signed(periode, clock.now() - dt.timedelta(hours=3))
    return periode


def tick_first(panel, receiver: str) -> None:
    model = panel.model
    model.setData(model.index(0, model.PENERIMA), receiver)
    assert model.dipilih()


def test_a_receipt_time_after_login_is_recorded_as_typed(f, window_for, qtbot, jam):
    """The reported defect: the receipt time was capped at login time + a few minutes."""
    periode = signed_period(f)
    window = window_for(f.tim, periode.id)  # logged in at 09.00
    jam.maju(hours=2)  # the receipts come back at 11.00
    panel = window.tim.distribusi
    typed = clock.now().replace(second=0, microsecond=0)
    panel.when.setDateTime(qdatetime(typed))
    tick_first(panel, "Budi Santoso")
    qtbot.mouseClick(panel.go_button, Qt.MouseButton.LeftButton)
    assert Distribusi.get().tanggal == typed


def test_the_receipt_time_defaults_to_the_moment_the_page_opens(f, window_for, qtbot, jam):
    periode = signed_period(f)
    window = window_for(f.tim, periode.id)
    window.show()
    jam.maju(hours=2, minutes=7)
    window.tabs.setCurrentWidget(window.tim)
    qtbot.mouseClick(window.tim.distribute_button, Qt.MouseButton.LeftButton)
    shown = window.tim.distribusi.when.dateTime().toPython()
    assert shown == clock.now().replace(second=0, microsecond=0)


def test_a_time_the_user_typed_is_kept_when_the_page_opens_again(f, window_for, qtbot, jam):
    periode = signed_period(f)
    window = window_for(f.tim, periode.id)
    window.show()
    window.tabs.setCurrentWidget(window.tim)
    panel = window.tim.distribusi
    window.tim.detail_tabs.setCurrentWidget(panel)
    typed = clock.now().replace(second=0, microsecond=0) - dt.timedelta(hours=1)
    panel.when.setDateTime(qdatetime(typed))
    window.tim.detail_tabs.setCurrentIndex(0)
    jam.maju(minutes=30)
    window.tim.detail_tabs.setCurrentWidget(panel)
    assert panel.when.dateTime().toPython() == typed


def test_a_future_receipt_time_is_refused_when_saved(f, window_for, qtbot, jam):
    periode = signed_period(f)
    window = window_for(f.tim, periode.id)
    panel = window.tim.distribusi
    panel.when.setDateTime(qdatetime(clock.now() + dt.timedelta(days=1)))
    tick_first(panel, "Budi Santoso")
    qtbot.mouseClick(panel.go_button, Qt.MouseButton.LeftButton)
    assert Distribusi.select().count() == 0
    kind, _title, text = window.ctx.dialogs.messages[-1]
    assert kind == "warning" and "masa depan" in text


def test_the_data_entry_time_is_checked_when_saved_and_the_form_stays(f, qtbot, jam):
    from ui.tabs.data_entry import DataEntryDialog

    dialog = DataEntryDialog("Dinas Pendidikan")
    qtbot.addWidget(dialog)
    dialog.show()
    jam.maju(hours=3)  # the form stayed open over lunch: a time typed now is no future time
    dialog.received.setDateTime(qdatetime(clock.now()))
    assert dialog.periksa() is None
    dialog.received.setDateTime(qdatetime(clock.now() + dt.timedelta(hours=2)))
    problem = dialog.periksa()
    assert problem is not None and "masa depan" in problem[0]
