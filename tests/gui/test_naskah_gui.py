"""Papers from the screens where they are needed: each produced through the one door, archived
with its number, date and SHA-256, and shown to the user."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt

from kinerja_app.documents import pdf as dok_pdf
from kinerja_app.storage.models import Arsip


@pytest.fixture(autouse=True)
def tanpa_libreoffice(monkeypatch):
    """The previews open without converting (their pages are tested in test_preview)."""
    monkeypatch.setattr(dok_pdf, "find_soffice", lambda: None)


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_buka_di_word_after_signing_opens_the_final_letter_not_the_draft(f, window_for, qtbot):
    """The reported defect: after the Sekda signed, "Buka .docx di Word" still opened the DRAF."""
    f.lambang_resmi()
    periode = f.periode()
    f.signed(periode)
    window = window_for(f.tim, periode.id)
    form = window.tim.draft
    click(qtbot, form.word_button)
    opened = window.ctx.dialogs.opened[-1]
    row = Arsip.get(Arsip.berkas.endswith(opened.name))
    assert row.jenis == "Surat Permintaan"
    assert row.nomor and row.tanggal is not None


def test_the_disposisi_form_fills_every_field_of_the_lembar_disposisi(f, window_for, qtbot):
    import datetime as dt

    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QDialogButtonBox

    from kinerja_app.storage.models import Disposisi
    from tests.gui.dokumen import teks_arsip

    f.lambang_resmi()
    periode = f.periode()
    window = window_for(f.kabag, periode.id)
    click(qtbot, window.kabag.disposisi_button)
    dialog = window.kabag.active_dialog
    qtbot.keyClicks(dialog.surat_dari, "Kementerian PANRB")
    qtbot.keyClicks(dialog.nomor_surat, "B/123/M.AA.01/2026")
    dialog.tanggal_surat.setDate(QDate(2026, 3, 2))
    dialog.diterima_tanggal.setDate(QDate(2026, 3, 5))
    qtbot.keyClicks(dialog.nomor_agenda, "77/AG")
    click(qtbot, dialog.harap["Tanggapan dan saran"])
    dialog.klasifikasi.setCurrentText("Terbatas")
    click(qtbot, dialog.box.button(QDialogButtonBox.StandardButton.Ok))
    row = Disposisi.get()
    assert (row.surat_dari, row.nomor_surat, row.tanggal_surat, row.diterima_tanggal) == (
        "Kementerian PANRB",
        "B/123/M.AA.01/2026",
        dt.date(2026, 3, 2),
        dt.date(2026, 3, 5),
    )
    assert row.harap == "Tanggapan dan saran; Proses lebih lanjut"
    click(qtbot, window.kabag.print_button)
    (sheet,) = Arsip.select().where(Arsip.jenis == "Lembar Disposisi")
    text = teks_arsip(sheet)
    for expected in ("Kementerian PANRB", "B/123/M.AA.01/2026", "2 Maret 2026", "5 Maret 2026"):
        assert expected in text
    assert "Terbatas" in text


def signed_and_sent(f, n: int = 2):
    """A signed letter received by ``n`` OPDs an hour ago (official lambang set)."""
    f.lambang_resmi()
    periode = f.periode()
    rows = f.distributed(periode, n)
    return periode, rows


def test_the_correction_deadline_follows_the_letters_date_until_the_tim_chooses_one(
    f, window_for, qtbot, jam
):
    import datetime as dt

    from PySide6.QtCore import QDate

    from kinerja_app import clock
    from kinerja_app.workflow.batas import batas_perbaikan_baku
    from kinerja_app.workflow.penyampaian import SuratMasuk, simpan_penyampaian
    from tests.factory import Row
    from tests.kasus import baris
    from ui.batas_opd import KembalikanDataDialog
    from ui.forms import py_date

    periode, (a, _b) = signed_and_sent(f)
    simpan_penyampaian(f.tim, a, SuratMasuk(clock.now()), baris(Row("IKM", 1, None, None)), [])
    window = window_for(f.tim, periode.id)
    tab = window.opd
    tab.select_opd(a.id)
    click(qtbot, tab.return_button)
    dialog = tab.active_dialog
    assert isinstance(dialog, KembalikanDataDialog)
    today = clock.today()
    assert py_date(dialog.batas.date()) == batas_perbaikan_baku(today)
    # the letter cannot be dated after today, nor before the data came
    assert py_date(dialog.tanggal.maximumDate()) == today
    # the Tim chooses a deadline: the dialog keeps it; an empty note is refused in place
    dialog.batas.setDate(QDate(2026, 3, 20))
    click(qtbot, dialog.box.button(dialog.box.StandardButton.Ok))
    assert dialog.isVisible() and "wajib" in dialog.problem.text()
    qtbot.keyClicks(dialog.note, "Realisasi kosong.")
    dialog.print_after.setChecked(False)
    click(qtbot, dialog.box.button(dialog.box.StandardButton.Ok))
    assert not dialog.isVisible()
    from kinerja_app.storage.models import Pengumpulan

    assert Pengumpulan.get_by_id(a.id).batas_perbaikan == dt.datetime(2026, 3, 20, 23, 59, 59)
    assert not Arsip.select().where(Arsip.jenis == "Surat Hasil Verifikasi").exists()


def test_an_extension_not_after_the_deadline_in_force_keeps_the_dialog_open(f, window_for, qtbot):
    from PySide6.QtCore import QDate

    from kinerja_app.storage.models import BatasOpd
    from ui.batas_opd import PerpanjangBatasDialog

    periode, (a, _b) = signed_and_sent(f)
    window = window_for(f.tim, periode.id)
    tab = window.opd
    tab.select_opd(a.id)
    click(qtbot, tab.extend_button)
    dialog = tab.active_dialog
    assert isinstance(dialog, PerpanjangBatasDialog)
    qtbot.keyClicks(dialog.alasan, "Banjir di kantor dinas")
    old = a.batas_waktu.date()
    dialog.batas.setDate(QDate(old.year, old.month, old.day))
    click(qtbot, dialog.box.button(dialog.box.StandardButton.Ok))
    assert dialog.isVisible() and "sesudah batas" in dialog.problem.text()
    assert dialog.alasan.toPlainText() == "Banjir di kantor dinas"
    assert BatasOpd.select().count() == 0
    dialog.batas.setDate(QDate(old.year, old.month, old.day).addDays(5))
    click(qtbot, dialog.box.button(dialog.box.StandardButton.Ok))
    assert not dialog.isVisible()
    preview = tab.active_dialog
    (letter,) = Arsip.select().where(Arsip.jenis == "Surat Perpanjangan")
    assert letter.nomor in preview.arsip.text()


def test_distribution_ticks_and_names_survive_a_reload_of_the_page(f, window_for, qtbot):
    import datetime as dt

    from kinerja_app import clock

    periode = f.periode()
    f.signed(periode, clock.now() - dt.timedelta(hours=3))
    window = window_for(f.tim, periode.id)
    panel = window.tim.distribusi
    model = panel.model
    model.setData(model.index(1, model.PENERIMA), "Budi Santoso")
    model.setData(model.index(1, model.NIP), "198001012005011001")
    window.refresh_all()  # F5, or an action of another workstation
    record = model.row_at(1)
    assert (record.dipilih, record.penerima, record.nip) == (
        True,
        "Budi Santoso",
        "198001012005011001",
    )


def test_arsip_prints_the_selected_letters_with_their_number_and_date(f, window_for, qtbot):
    periode, _rows = signed_and_sent(f)
    window = window_for(f.tim, periode.id)
    click(qtbot, window.tim.pengantar_button)  # the signed letter (and the Setda's nota dinas)
    window.tim.active_dialog.reject()
    tab = window.arsip
    files = tab.files
    letters = [r for r in range(files.rowCount()) if files.row_at(r).jenis == "Surat Permintaan"]
    assert letters
    row = files.row_at(letters[0])
    assert files.data(files.index(letters[0], files.NOMOR)) == row.nomor != ""
    assert files.data(files.index(letters[0], files.TANGGAL)) != ""
    tab.search.setText(row.nomor)
    assert files.rowCount() >= 1 and all(
        row.nomor in files.data(files.index(r, files.NOMOR)) for r in range(files.rowCount())
    )
    tab.file_table.selectRow(0)
    click(qtbot, tab.print_button)
    preview = tab.active_dialog
    assert preview is not None and row.nomor in preview.arsip.text()
    assert row.sha256 in preview.arsip.text()


def test_the_register_names_each_kind_of_letter_in_words(f, window_for):
    """The register of outgoing letters showed its codes ("hasil_verifikasi", "pengingat")."""
    periode, _rows = signed_and_sent(f)
    tab = window_for(f.tim, periode.id).arsip
    model = tab.register
    kinds = {model.data(model.index(r, model.JENIS)) for r in range(model.rowCount())}
    assert kinds == {
        "Surat Permintaan Data Kinerja",
        "Nota Dinas Permintaan Data Kinerja",
        "Surat Pengantar",
    }


def test_an_empty_archive_says_what_fills_it(f, window_for, qtbot):
    """The period's archive listed nothing and said nothing (the demo: an empty table)."""
    periode, _rows = signed_and_sent(f)
    window = window_for(f.tim, periode.id)
    window.show()
    window.tabs.setCurrentWidget(window.arsip)
    tab = window.arsip
    tab.refresh()
    assert tab.files.rowCount() == 0
    assert tab.empty_hint.isVisible()
    assert "Belum ada berkas" in tab.empty_hint.text()
    assert not tab.print_button.isEnabled() and not tab.open_button.isEnabled()
    click(qtbot, window.tim.pengantar_button)  # printing archives the papers
    window.tim.active_dialog.reject()
    assert tab.files.rowCount() > 0
    assert not tab.empty_hint.isVisible()
    assert tab.print_button.isEnabled() and tab.open_button.isEnabled()
