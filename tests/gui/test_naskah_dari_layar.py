"""What a records officer and a new user trip on, found by driving a whole period at 1366×768
and reading its papers (issue 11's review): each test failed before its fix."""

from __future__ import annotations

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
