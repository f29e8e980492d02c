"""What a records officer and a new user trip on, found by driving a whole period at 1366×768
and reading its papers (issue 11's review): each test failed before its fix."""

from __future__ import annotations

import pytest

from ui.tabs.data_entry import BarisIsian, to_rows


def test_a_typed_finding_names_the_indicator_not_a_row_of_the_dialog():
    """The OPD reads the finding in its letter: "Baris 1" of the entry dialog means nothing
    to it (the letter's Letak column gives the indicator's number)."""
    _rows, (finding,) = to_rows(
        [BarisIsian(indikator="Persentase temuan ditindaklanjuti", target="90")]
    )
    assert finding.row == 1
    assert "Baris" not in finding.message
    assert finding.message.startswith("Persentase temuan ditindaklanjuti: ")


@pytest.mark.qt_log_ignore(  # the offscreen platform's words on showing a pop-up
    "This plugin does not support (raise|grabbing|propagateSizeHints)"
)
def test_an_empty_date_field_opens_its_calendar_at_this_month(qtbot, jam):
    """ "(tidak ada)" is stored as 1 January 2000; the calendar must not open there (the user
    would page back 26 years' worth of months to reach last week)."""
    from PySide6.QtCore import QPoint, Qt

    from kinerja_app import clock
    from ui.forms import TANPA_TANGGAL, date_edit

    edit = date_edit(optional=True, not_future=True)
    qtbot.addWidget(edit)
    edit.show()
    assert edit.date() == TANPA_TANGGAL and edit.text() == "(tidak ada)"
    # a click on the arrow opens the calendar, as a person does
    qtbot.mouseClick(
        edit, Qt.MouseButton.LeftButton, pos=QPoint(edit.width() - 6, edit.height() // 2)
    )
    calendar = edit.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    today = clock.today()
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year, today.month)
    assert edit.date() == TANPA_TANGGAL  # still no date until one is picked
    calendar.window().hide()
