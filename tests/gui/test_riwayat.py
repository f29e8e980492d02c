"""The Riwayat tab over years of history: paged as it scrolls, the selected period by default,
new rows added without a reload, every row reachable."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from kinerja_app.storage import audit
from kinerja_app.storage.models import AuditLog, Periode
from kinerja_app.workflow.disposisi import buat_disposisi
from tests.conftest import AWAL
from ui.tabs.riwayat import SEMUA, TANPA_PERIODE, AuditModel

LOGINS_A_YEAR = 90


def _ten_years(f, jam) -> list[Periode]:
    """Ten periods, a year apart, with logins (rows of no period) in between."""
    periods = []
    for k in range(10):
        jam.set(dt.datetime(2017 + k, 1, 9, 8, 0))
        periods.append(f.periode(2016 + k))
        for _ in range(LOGINS_A_YEAR):
            audit.write("masuk", pelaku=f.tim, keterangan=f"{f.tim.nama} masuk")
    jam.set(AWAL)
    return periods


def _terlama() -> int:
    """The id of the row of the earliest time (the first period of :func:`_ten_years`, dated
    2017, though the database was created, and its first row written, in 2026)."""
    return min((r.waktu, r.id) for r in AuditLog.select())[1]


def _open_riwayat(window_for, user, qtbot):
    w = window_for(user)
    w.show()
    w.tabs.setCurrentWidget(w.riwayat)
    qtbot.waitExposed(w)
    return w, w.riwayat


def _choose(combo, value) -> None:
    """Pick an item the way a click does (``activated`` and the index change)."""
    index = combo.findData(value)
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def test_every_row_of_ten_years_is_reached_by_scrolling_to_the_oldest(f, jam, window_for, qtbot):
    _ten_years(f, jam)
    _w, tab = _open_riwayat(window_for, f.tim, qtbot)
    _choose(tab.periode, SEMUA)
    total = AuditLog.select().count()
    assert total > 4 * 200  # five pages
    assert tab.model.rowCount() == 200 and tab.model.total() == total
    assert tab.count.text().startswith(f"Menampilkan 200 dari {total:,} baris".replace(",", "."))
    assert tab.all_button.isVisible()
    for _ in range(50):  # scroll as a user would until nothing is left to fetch
        if not tab.model.canFetchMore():
            break
        tab.table.scrollToBottom()
        qtbot.wait(5)
    assert tab.model.rowCount() == total
    tab.table.scrollToBottom()
    qtbot.wait(5)
    oldest = tab.model.row_at(total - 1)
    assert oldest is not None and oldest.id == _terlama()
    assert tab.table.rowAt(tab.table.viewport().height() - 2) == total - 1  # on screen
    assert tab.count.text() == f"{total:,} baris pada seluruh riwayat.".replace(",", ".")
    assert not tab.all_button.isVisible()


def test_the_selected_period_by_default_and_the_rest_reachable(f, jam, window_for, qtbot):
    periods = _ten_years(f, jam)
    w, tab = _open_riwayat(window_for, f.tim, qtbot)
    newest = periods[-1]
    assert w.ctx.periode_id == newest.id and tab.periode.currentData() == newest.id
    assert [r.aksi for r in tab.model.records()] == ["buka_periode"]
    assert "pada periode Tahun 2025" in tab.count.text()
    _choose(tab.periode, TANPA_PERIODE)  # logins and the like
    outside = AuditLog.select().where(AuditLog.periode_id.is_null()).count()
    assert tab.model.total() == outside >= 10 * LOGINS_A_YEAR + 1
    qtbot.mouseClick(tab.all_button, Qt.MouseButton.LeftButton)
    assert tab.model.rowCount() == tab.model.total()
    # the user chose here: a period pick in the overview no longer moves this filter
    w.overview.combo.setCurrentIndex(w.overview.combo.findData(periods[3].id))
    assert tab.periode.currentData() == TANPA_PERIODE


def test_overview_pick_moves_the_filter_until_the_user_picks_here(f, jam, window_for, qtbot):
    periods = _ten_years(f, jam)
    w, tab = _open_riwayat(window_for, f.tim, qtbot)
    w.overview.combo.setCurrentIndex(w.overview.combo.findData(periods[2].id))
    assert tab.periode.currentData() == periods[2].id
    assert [r.periode_id for r in tab.model.records()] == [periods[2].id]


def test_an_action_adds_its_row_without_reloading_the_trail(f, jam, window_for, qtbot):
    periode = _ten_years(f, jam)[-1]
    w, tab = _open_riwayat(window_for, f.kabag, qtbot)
    with qtbot.assertNotEmitted(tab.model.modelReset), qtbot.waitSignal(tab.model.rowsInserted):
        w.ctx.ops.run_action(
            w, "Disposisi", buat_disposisi, f.kabag, periode, hal="Data", isi="Proses"
        )
    assert [r.aksi for r in tab.model.records()] == ["buat_disposisi", "buka_periode"]
    assert tab.model.total() == 2
    # rows of another period, or of none, written meanwhile do not enter this filter
    audit.write("masuk", pelaku=f.kabag)
    assert tab.model.muat_baru() == 0 and tab.model.total() == 2


def test_a_hidden_tab_reads_nothing_and_catches_up_when_shown(f, jam, window_for, qtbot):
    periode = _ten_years(f, jam)[-1]
    w, tab = _open_riwayat(window_for, f.kabag, qtbot)
    w.tabs.setCurrentIndex(0)
    assert not tab.isVisible()
    with (
        qtbot.assertNotEmitted(tab.model.modelReset),
        qtbot.assertNotEmitted(tab.model.rowsInserted),
    ):
        w.ctx.ops.run_action(
            w, "Disposisi", buat_disposisi, f.kabag, periode, hal="Data", isi="Proses"
        )
        w.refresh_all()  # F5, or a period pick
    with qtbot.waitSignal(tab.model.modelReset):
        w.tabs.setCurrentWidget(tab)
    assert [r.aksi for r in tab.model.records()] == ["buat_disposisi", "buka_periode"]


def test_waktu_header_turns_the_order_other_headers_do_not_sort(f, jam, window_for, qtbot):
    _ten_years(f, jam)
    _w, tab = _open_riwayat(window_for, f.tim, qtbot)
    _choose(tab.periode, SEMUA)
    header = tab.table.horizontalHeader()
    tab.table.sortByColumn(AuditModel.WAKTU, Qt.SortOrder.AscendingOrder)
    assert tab.model.row_at(0).id == _terlama()
    tab.table.sortByColumn(AuditModel.PELAKU, Qt.SortOrder.AscendingOrder)
    assert header.sortIndicatorSection() == AuditModel.WAKTU
    assert tab.model.row_at(0).id == _terlama()


def test_rows_run_in_the_order_of_the_time_shown(f, jam, window_for, qtbot):
    """A wet paraf entered days later carries the day it was given: the list shows it at that
    time, not where it was recorded (the demo listed 8, 1, 31, 30, 31 ... November/October)."""
    periode = f.periode()
    for hari in (9, 3, 8):  # recorded in this order, dated these days of March
        jam.maju(minutes=1)
        audit.write("masuk", pelaku=f.tim, periode_id=periode.id, waktu=dt.datetime(2026, 3, hari))
    _w, tab = _open_riwayat(window_for, f.kabag, qtbot)

    def days() -> list[int]:
        return [r.waktu.day for r in tab.model.records() if r.aksi == "masuk"]

    assert days() == [9, 8, 3]
    tab.table.sortByColumn(AuditModel.WAKTU, Qt.SortOrder.AscendingOrder)
    assert days() == [3, 8, 9]
    tab.table.sortByColumn(AuditModel.WAKTU, Qt.SortOrder.DescendingOrder)
    jam.maju(minutes=1)  # recorded now, dated the 5th: its place is between the 8th and the 3rd
    audit.write("masuk", pelaku=f.tim, periode_id=periode.id, waktu=dt.datetime(2026, 3, 5))
    tab.model.muat_baru()
    assert days() == [9, 8, 5, 3]
    assert tab.model.total() == tab.model.rowCount() == 5  # with buka_periode
