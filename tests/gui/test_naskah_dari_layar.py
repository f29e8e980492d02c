"""What a records officer and a new user trip on, found by driving a whole period at 1366×768
and reading its papers (issue 11's review): each test failed before its fix."""

from __future__ import annotations

import pytest

from kinerja_app.rekap.capaian import Polaritas
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


def test_the_tim_records_the_kabags_paper_disposisi_with_every_field_of_its_sheet(
    f, window_for, qtbot, jam
):
    """The Kabag wrote the disposisi on paper; the Tim records it with what the sheet says
    (nomor agenda, sifat, dengan hormat harap, catatan, the incoming letter), on the Kabag's
    behalf and at the time written on it, not only an "Isi disposisi" note."""
    import datetime as dt

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox

    from kinerja_app.storage.models import Disposisi
    from ui.forms import DisposisiDialog, qdatetime

    periode = f.periode()
    jam.maju(hours=1)
    w = window_for(f.tim, periode.id)
    w.show()
    w.tabs.setCurrentWidget(w.tim)
    qtbot.mouseClick(w.tim.manual_button, Qt.MouseButton.LeftButton)
    dialog = w.tim.active_dialog
    assert isinstance(dialog, DisposisiDialog) and dialog.isVisible()
    assert dialog.official.currentData() == f.kabag.id
    written = jam() - dt.timedelta(minutes=30)
    dialog.when.setDateTime(qdatetime(written.replace(second=0, microsecond=0)))
    qtbot.keyClicks(dialog.nomor_agenda, "045/AG/III/2026")
    dialog.sifat.setCurrentText("Segera")
    qtbot.mouseClick(dialog.harap["Koordinasikan/konfirmasikan"], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.catatan, "Sertakan format isian.")
    qtbot.mouseClick(
        dialog.box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    assert not dialog.isVisible()
    d = Disposisi.get()
    assert (d.nomor_agenda, d.sifat, d.catatan) == (
        "045/AG/III/2026",
        "Segera",
        "Sertakan format isian.",
    )
    assert "Koordinasikan/konfirmasikan" in d.harap
    assert d.oleh.id == f.kabag.id and d.dicatat_oleh.id == f.tim.id
    assert d.waktu == written.replace(second=0, microsecond=0)


@pytest.mark.parametrize("an_bupati", [True, False])
def test_the_on_screen_letter_has_the_kop_and_signature_of_the_printed_one(f, an_bupati):
    """The draft shown on screen (Draf surat, Rincian) is what the Kabag reads before the
    paraf: a letter signed "a.n. Bupati" has the Pemerintah Daerah's kop, one the Sekda signs
    in his own name the Sekretariat Daerah's kop and no "a.n. BUPATI"."""
    from kinerja_app.admin import settings
    from kinerja_app.workflow.rancangan import isi_default
    from ui.letter import letter_html

    settings.put("an_bupati", an_bupati, f.admin)
    periode = f.periode()
    text = letter_html(isi_default(periode), settings.get("kop"), tempat="Nanga Bulik", penerima=[])
    assert ("SEKRETARIAT DAERAH" in text) is not an_bupati
    assert ("a.n. BUPATI LAMANDAU" in text) is an_bupati
    assert "SEKRETARIS DAERAH," in text


@pytest.mark.parametrize("typed", ["Negatif", "NEGATIF", " negatif ", "-", "−"])
def test_a_typed_lower_is_better_polarity_is_read_whatever_its_case(typed):
    """Angka kemiskinan target 10, realisasi 8 is 120% lower-is-better; "Negatif" typed with a
    capital was taken as positif and stored 80% without a word."""
    (row,), findings = to_rows(
        [BarisIsian(indikator="Angka kemiskinan", polaritas=typed, target="10", realisasi="8")]
    )
    assert row.polaritas is Polaritas.NEGATIF
    assert row.capaian == pytest.approx(120.0) and findings == []


def test_an_unknown_typed_polarity_is_a_finding_never_positif():
    (row,), (finding,) = to_rows(
        [BarisIsian(indikator="Angka kemiskinan", polaritas="x", target="10", realisasi="8")]
    )
    assert row.capaian is None
    assert "Polaritas" in finding.message
