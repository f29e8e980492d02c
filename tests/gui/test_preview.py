"""The print preview on real generated letters: pages, printing with copies, no LibreOffice."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from kinerja_app.documents import berkas
from kinerja_app.documents import pdf as dok_pdf
from tests.gui.conftest import fake_dialogs, make_ctx
from ui.preview import PratinjauDialog

WAIT_MS = 120_000  # LibreOffice's first start on a cold CI machine


@pytest.fixture
def letters(f, tmp_path) -> list[Path]:
    from dataclasses import replace

    from kinerja_app.storage.models import Rancangan
    from kinerja_app.workflow.rancangan import isi_default, simpan_rancangan

    periode = f.periode()
    f.disposisi(periode)
    per_opd = replace(isi_default(periode), per_opd=True)  # one copy per OPD
    rancangan = Rancangan.get_by_id(simpan_rancangan(f.tim, periode, per_opd).objek_id)
    paths = berkas.draf_surat(f.tim, rancangan).paths
    return paths[:2]  # two OPD letters: the document list shows, and it stays quick


def open_preview(qtbot, f, paths, *, ready: bool = True) -> PratinjauDialog:
    ctx = make_ctx(f.sekda)
    dialog = PratinjauDialog(ctx, paths, title="Cetak surat")
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.siap, timeout=WAIT_MS) as blocker:
        dialog.show()
    assert blocker.args == [ready]
    return dialog


def test_preview_shows_the_pages_of_each_letter(qtbot, f, letters):
    dialog = open_preview(qtbot, f, letters)
    assert dialog.model.rowCount() == 2
    assert dialog.left.isVisible()  # several documents: the list is shown
    assert len(dialog.view.page_labels) >= 1
    pixmap = dialog.view.page_labels[0].pixmap()
    assert not pixmap.isNull() and pixmap.height() > pixmap.width()  # a portrait page
    assert "A4" in dialog.info.text()
    # choosing the second letter shows its pages
    dialog.list.selectRow(1)
    assert letters[1].name in dialog.info.text()
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()
    qtbot.wait(100)  # let the layout settle, as a user would see it
    dialog.grab().save("/tmp/preview.png")


def test_print_with_two_copies_to_a_pdf_printer(qtbot, f, letters, tmp_path):
    dialog = open_preview(qtbot, f, letters)
    out = tmp_path / "cetak.pdf"
    dialog.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    dialog.printer.setOutputFileName(str(out))
    dialog.salinan.setValue(2)
    seen: dict[str, int] = {}

    def accept_print_dialog() -> None:
        chooser = QApplication.activeModalWidget()
        assert isinstance(chooser, QPrintDialog)
        seen["copies"] = chooser.printer().copyCount()
        chooser.accept()

    QTimer.singleShot(200, accept_print_dialog)
    with qtbot.waitSignal(dialog.dicetak, timeout=WAIT_MS) as blocker:
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert seen["copies"] == 2  # the spin box's value is the dialog's default
    pages = sum(len(d.halaman) for d in dialog.docs)
    # a PDF printer makes no copies itself, so the set is painted twice
    assert blocker.args == [2 * pages]
    assert out.is_file() and out.stat().st_size > 0
    assert dok_pdf.pdf_page_count(out) == 2 * pages
    width, height = dok_pdf.pdf_page_size_mm(out)
    assert (round(width), round(height)) == (210, 297)  # A4 from the letter's PDF


def test_save_pdf_and_open_in_word(qtbot, f, letters, tmp_path):
    dialog = open_preview(qtbot, f, letters)
    folder = tmp_path / "pdf"
    folder.mkdir()
    fake_dialogs(dialog.ctx).file_answers.append(folder)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = sorted(p.name for p in folder.iterdir())
    assert saved == sorted(p.with_suffix(".pdf").name for p in letters)
    qtbot.mouseClick(dialog.word_button, Qt.MouseButton.LeftButton)
    assert fake_dialogs(dialog.ctx).opened == [letters[0]]


def test_without_libreoffice_the_dialog_offers_word(qtbot, f, letters, monkeypatch):
    monkeypatch.setattr(dok_pdf, "find_soffice", lambda: None)
    dialog = open_preview(qtbot, f, letters[:1], ready=False)
    assert dialog.view.message_label is not None
    assert "LibreOffice belum terpasang" in dialog.view.message_label.text()
    assert not dialog.print_button.isEnabled() and not dialog.save_button.isEnabled()
    assert not dialog.left.isVisible()  # one document: no list
    assert fake_dialogs(dialog.ctx).messages == []  # said in place, no error box
    qtbot.mouseClick(dialog.word_button, Qt.MouseButton.LeftButton)
    assert fake_dialogs(dialog.ctx).opened == [letters[0]]
    qtbot.wait(100)
    dialog.grab().save("/tmp/preview-tanpa-lo.png")


# --- the Sekda tab (prints through the preview; signs with an optional scan) ---------------
def _waiting_for_sekda(f):
    from kinerja_app.workflow.paraf import asisten_paraf, kabag_paraf

    f.lambang_resmi()  # the copy the Sekda signs is refused with the placeholder lambang
    periode = f.periode()
    f.disposisi(periode)
    rancangan = f.draft(periode)
    kabag_paraf(f.kabag, rancangan)
    asisten_paraf(f.asisten, rancangan)
    return periode


def test_sekda_print_button_opens_the_preview(qtbot, f, window_for, monkeypatch):
    monkeypatch.setattr(dok_pdf, "find_soffice", lambda: None)  # the wiring, not LibreOffice
    periode = _waiting_for_sekda(f)
    w = window_for(f.sekda, periode.id)
    w.tabs.setCurrentWidget(w.sekda)
    qtbot.mouseClick(w.sekda.print_button, Qt.MouseButton.LeftButton)
    dialog = w.sekda.active_dialog
    assert isinstance(dialog, PratinjauDialog)
    assert all(p.suffix == ".docx" and p.is_file() for p in dialog.paths)
    qtbot.waitUntil(lambda: dialog.view.message_label is not None)
    qtbot.mouseClick(dialog.word_button, Qt.MouseButton.LeftButton)
    assert w.ctx.dialogs.opened == [dialog.paths[0]]
    dialog.reject()


def test_sekda_signs_with_a_scan_of_the_signed_letter(qtbot, f, window_for, tmp_path):
    from kinerja_app.storage.models import TandaTangan

    periode = _waiting_for_sekda(f)
    scan = tmp_path / "surat-ditandatangani.pdf"
    scan.write_bytes(b"%PDF-1.4 pindaian")
    w = window_for(f.sekda, periode.id)
    qtbot.mouseClick(w.sekda.wet_button, Qt.MouseButton.LeftButton)
    dialog = w.sekda.active_dialog
    w.ctx.dialogs.file_answers.append(scan)
    qtbot.mouseClick(dialog.pick_button, Qt.MouseButton.LeftButton)
    assert dialog.scan.text() == str(scan)
    qtbot.mouseClick(
        dialog.box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    ttd = TandaTangan.get()
    from pathlib import Path

    assert ttd.scan is not None
    archived = Path(ttd.scan)  # the scan is copied into the archive, not referenced in place
    assert ttd.cara == "konvensional" and archived != scan
    assert archived.read_bytes() == b"%PDF-1.4 pindaian"
    assert not w.sekda.wet_button.isEnabled()  # signed: nothing waits any more


def test_sekda_electronic_signature_needs_the_srikandi_number(qtbot, f, window_for):
    from kinerja_app.storage.models import TandaTangan

    periode = _waiting_for_sekda(f)
    w = window_for(f.sekda, periode.id)
    qtbot.mouseClick(w.sekda.e_button, Qt.MouseButton.LeftButton)
    dialog = w.sekda.active_dialog
    ok = dialog.box.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "SRIKANDI" in dialog.problem.text()  # said in the form
    assert dialog.focusWidget() is dialog.srikandi
    qtbot.keyClicks(dialog.srikandi, "SRK-2025-0042")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    ttd = TandaTangan.get()
    assert (ttd.cara, ttd.nomor_srikandi, ttd.scan) == ("elektronik", "SRK-2025-0042", None)
