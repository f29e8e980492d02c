"""A whole period through the GUI alone, disposisi to archive, with every paper of the SOP.

Issue 11's "Done when": a fresh database; the administrator sets the lambang and the four OPDs
expected (an exported list edited as in Excel and imported back); then every role logs in and
acts only through visible widgets (clicks and keys on real buttons, fields and table cells;
the fake dialog service answers message boxes and file dialogs). Along the way:

- the Kabag returns the first draft (step 3 "Tidak");
- Inspektorat's data is returned with a findings letter and a correction deadline the Tim
  chose, corrected, then accepted (steps 8 → 7 → 8);
- Dinas Pendidikan gets an extension with its letter; Sekretariat DPRD misses the deadline and
  is reminded (copies to sign → issued with number and date → the issued letters printed);
- the Kabag returns the recap once (step 9 "Tidak").

At the end every paper of the issue's item 1 stands in the archive with its number, date and
SHA-256, each produced by a click, and the printed papers agree on the one deadline.

The print previews open as on a computer without LibreOffice (their pages are tested in
test_preview.py); everything else is the real application on a real database.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QAbstractItemView, QDialogButtonBox, QLineEdit, QTableView, QTabWidget

from kinerja_app.documents import pdf as dok_pdf
from kinerja_app.storage.arsip_berkas import berkas_lokal
from kinerja_app.storage.audit import verify_chain
from kinerja_app.storage.models import (
    Arsip,
    AuditLog,
    Pengumpulan,
    PerangkatDaerah,
    Periode,
    Rekap,
    SuratKeluar,
    SuratPermintaan,
    TandaTangan,
)
from kinerja_app.storage.models.pengumpulan import StatusOpd
from kinerja_app.storage.models.rekap import StatusRekap
from kinerja_app.storage.models.surat import CaraTtd, StatusSurat
from tests.factory import berkas_lambang_resmi
from tests.gui.dokumen import teks_arsip
from ui.batas_opd import KembalikanDataDialog, PerpanjangBatasDialog
from ui.main_window import MainWindow
from ui.pengingat import PengingatDialog
from ui.preview import PratinjauDialog

SRIKANDI = "B-045/ORG/III/2026"
AGENDA = "045/AG/III/2026"
EXPECTED = ("SETDA", "SETWAN", "INSP", "DISDIK")
TAHUN = 2026


# --- how a person works the widgets ------------------------------------------------------
def click(qtbot, button) -> None:
    assert button.isVisibleTo(button.window()), button.text()
    assert button.isEnabled(), f"{button.text()}: {button.toolTip()}"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def ok(qtbot, dialog) -> None:
    click(qtbot, dialog.box.button(QDialogButtonBox.StandardButton.Ok))


def show_page(qtbot, tabs: QTabWidget, page) -> None:
    """Click the tab that shows ``page`` (a main tab, a detail page, an admin page)."""
    index = tabs.indexOf(page)
    if index < 0:  # an admin page sits inside a scroll area
        index = next(i for i in range(tabs.count()) if tabs.widget(i).isAncestorOf(page))  # type: ignore[union-attr]
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert tabs.currentIndex() == index


def pick_date(edit, day: dt.date) -> None:
    """Choose a day in a date field (what its calendar pop-up does)."""
    edit.setDate(QDate(day.year, day.month, day.day))


def type_cell(qtbot, table: QTableView, row: int, column: int, text: str) -> None:
    """Click a cell, press F2, type, press Enter: the cell's editor commits the text."""
    index = table.model().index(row, column)
    table.scrollTo(index)
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center()
    )
    qtbot.keyClick(table, Qt.Key.Key_F2)
    (editor,) = [e for e in table.viewport().findChildren(QLineEdit) if e.isVisible()]
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the view commits it at its next turn
    qtbot.waitUntil(
        lambda: (
            table.model().data(index) == text
            and table.state() != QAbstractItemView.State.EditingState
        )
    )


def preview_of(owner) -> PratinjauDialog:
    """The print preview a button just opened (as the user sees it)."""
    dialog = owner.active_dialog
    assert isinstance(dialog, PratinjauDialog) and dialog.isVisible()
    return dialog


def close(qtbot, dialog) -> None:
    dialog.reject()
    assert not dialog.isVisible()


def no_warning(window) -> None:
    bad = [m for m in window.ctx.dialogs.messages if m[0] in ("warning", "error")]
    assert not bad, bad


def archived(jenis: str) -> list[Arsip]:
    return list(Arsip.select().where(Arsip.jenis == jenis).order_by(Arsip.id))


def pengumpulan(kode: str) -> Pengumpulan:
    return Pengumpulan.select().join(PerangkatDaerah).where(PerangkatDaerah.kode == kode).get()


# --- the acts, each as its holder does it ---------------------------------------------------
def setup_by_the_administrator(f, login, qtbot, tmp_path) -> None:
    """The official lambang and the four OPDs expected this period (the rest inactive)."""
    from openpyxl import load_workbook

    w = login(f.admin)
    show_page(qtbot, w.tabs, w.admin)
    kop = w.admin.kop
    show_page(qtbot, w.admin.pages, kop)
    w.ctx.dialogs.file_answers.append(berkas_lambang_resmi())
    click(qtbot, kop.logo_pick)
    click(qtbot, kop.save_button)
    page = w.admin.opd
    show_page(qtbot, w.admin.pages, page)
    listed = tmp_path / "Perangkat Daerah.xlsx"
    w.ctx.dialogs.file_answers.append(listed)
    click(qtbot, page.export_button)
    book = load_workbook(listed)  # the administrator edits the list in Excel
    sheet = book.active
    for row in sheet.iter_rows(min_row=2):
        row[8].value = "Ya" if row[0].value in EXPECTED else "Tidak"
    book.save(listed)
    w.ctx.dialogs.file_answers.append(listed)
    click(qtbot, page.import_button)
    no_warning(w)
    active = PerangkatDaerah.select().where(PerangkatDaerah.aktif)
    assert sorted(o.kode for o in active) == sorted(EXPECTED)


def enter_data(qtbot, w, kode: str, rows: list[tuple[str, str, str]]) -> None:
    """The Tim types an OPD's submission (received now) in "Entri data manual"."""
    tab = w.opd
    show_page(qtbot, w.tabs, tab)
    tab.select_opd(pengumpulan(kode).id)
    click(qtbot, tab.manual_button)
    dialog = tab.active_dialog
    qtbot.keyClicks(dialog.agenda, f"AG-{kode}")
    qtbot.keyClicks(dialog.pengantar, f"800/{kode}/2026")
    for r, (indikator, target, realisasi) in enumerate(rows):
        type_cell(qtbot, dialog.table, r, dialog.model.INDIKATOR, indikator)
        type_cell(qtbot, dialog.table, r, dialog.model.TARGET, target)
        if realisasi:
            type_cell(qtbot, dialog.table, r, dialog.model.REALISASI, realisasi)
    ok(qtbot, dialog)
    assert not dialog.isVisible()


def valid(qtbot, w, kode: str) -> None:
    tab = w.opd
    tab.select_opd(pengumpulan(kode).id)
    click(qtbot, tab.valid_button)
    assert pengumpulan(kode).status == StatusOpd.TERVERIFIKASI


@pytest.fixture
def tanpa_libreoffice(monkeypatch):
    monkeypatch.setattr(dok_pdf, "find_soffice", lambda: None)


def test_a_whole_period_from_the_gui_with_every_paper(
    f, window_for, qtbot, jam, tmp_path, tanpa_libreoffice
):
    def at(day: int, hour: int, minute: int = 0) -> None:
        jam.set(dt.datetime(TAHUN, 3, day, hour, minute))

    desk: list[MainWindow] = []

    def login(user, periode_id=None):
        """The next person at the office computer: a window of their own, shown."""
        if desk:
            desk.pop().close()
        window = window_for(user, periode_id)
        window.show()
        desk.append(window)
        return window

    at(10, 9, 5)  # the accounts were made at 09.00 (the clock every test starts at)
    setup_by_the_administrator(f, login, qtbot, tmp_path)

    # Step 1: the Kabag opens the period and writes the disposisi, then prints its sheet
    at(10, 9, 30)
    w = login(f.kabag)
    w.ctx.dialogs.text_answers.append("2025")
    click(qtbot, w.overview.new_button)
    periode = Periode.get(Periode.tahun == 2025)
    assert Pengumpulan.select().where(Pengumpulan.periode == periode).count() == 4
    click(qtbot, w.kabag.disposisi_button)
    dialog = w.kabag.active_dialog
    qtbot.keyClicks(dialog.nomor_agenda, AGENDA)
    click(qtbot, dialog.harap["Koordinasikan/konfirmasikan"])
    dialog.sifat.setCurrentText("Segera")
    qtbot.keyClicks(dialog.catatan, "Sertakan format isian.")
    ok(qtbot, dialog)
    assert not dialog.isVisible()
    click(qtbot, w.kabag.print_button)
    close(qtbot, preview_of(w.kabag))
    (sheet,) = archived("Lembar Disposisi")
    assert (sheet.nomor, sheet.tanggal) == (AGENDA, dt.date(TAHUN, 3, 10))
    text = teks_arsip(sheet)
    assert "Sertakan format isian." in text and "Segera" in text

    # Step 2: the Tim drafts the letter with its deadline and submits it
    at(10, 10)
    w = login(f.tim, periode.id)
    click(qtbot, w.tim.disposisi_print_button)  # the Tim's copy of its instruction
    close(qtbot, preview_of(w.tim))
    click(qtbot, w.tim.draft_button)
    form = w.tim.draft
    pick_date(form.batas, dt.date(TAHUN, 3, 13))
    qtbot.keyClicks(form.catatan, "Versi pertama")
    click(qtbot, form.submit_button)
    assert StatusSurat(SuratPermintaan.get().status) == StatusSurat.MENUNGGU_KABAG

    # Step 3 "Tidak": the Kabag returns it
    at(10, 11)
    w = login(f.kabag, periode.id)
    w.ctx.dialogs.text_answers.append("Batas waktu terlalu singkat; beri satu minggu.")
    click(qtbot, w.kabag.return_button)
    assert StatusSurat(SuratPermintaan.get().status) == StatusSurat.DIKEMBALIKAN

    # Step 2 again: version 2 with the deadline the Kabag asked for
    at(10, 12)
    w = login(f.tim, periode.id)
    click(qtbot, w.tim.draft_button)
    form = w.tim.draft
    assert "terlalu singkat" in form.status.text()
    pick_date(form.batas, dt.date(TAHUN, 3, 17))
    qtbot.keyClicks(form.catatan, "Batas waktu 17 Maret")
    click(qtbot, form.submit_button)

    # Steps 3–4 "Ya": the Kabag and the Asisten initial version 2
    at(10, 13)
    w = login(f.kabag, periode.id)
    click(qtbot, w.kabag.paraf_button)
    at(10, 14)
    w = login(f.asisten, periode.id)
    click(qtbot, w.asisten.paraf_button)
    assert StatusSurat(SuratPermintaan.get().status) == StatusSurat.MENUNGGU_SEKDA

    # The Tim prints the draft with its paraf table; the Sekda prints the clean copy to sign
    at(10, 14, 30)
    w = login(f.tim, periode.id)
    show_page(qtbot, w.tim.detail_tabs, w.tim.draft)
    click(qtbot, w.tim.draft.print_draft_button)
    close(qtbot, preview_of(w.tim.draft))
    draft = archived("Draf Surat Permintaan")[-1]
    text = teks_arsip(draft)
    assert "DRAF" in text and f.kabag.nama in text and f.asisten.nama in text
    assert (draft.nomor, draft.tanggal) == ("", None)  # a draft leaves number and date open
    w = login(f.sekda, periode.id)
    show_page(qtbot, w.tabs, w.sekda)
    click(qtbot, w.sekda.print_button)
    close(qtbot, preview_of(w.sekda))
    (clean,) = archived("Surat Permintaan untuk Ditandatangani")
    assert (clean.nomor, clean.tanggal) == ("", None)
    assert "DRAF" not in teks_arsip(clean)

    # Step 5: the Sekda signs in SRIKANDI; the Tim records it with SRIKANDI's number
    at(10, 15, 30)
    w = login(f.tim, periode.id)
    show_page(qtbot, w.tabs, w.tim)
    click(qtbot, w.tim.manual_button)
    dialog = w.tim.active_dialog
    dialog.act.setCurrentIndex(dialog.act.findData("ttd_sekda_elektronik"))
    qtbot.keyClicks(dialog.srikandi, SRIKANDI)
    ok(qtbot, dialog)
    assert not dialog.isVisible()
    ttd = TandaTangan.get()
    assert ttd.cara == CaraTtd.ELEKTRONIK.value and ttd.dicatat_oleh.id == f.tim.id
    # "Buka di Word" now opens the signed letter, and the final papers print numbered
    show_page(qtbot, w.tim.detail_tabs, w.tim.draft)
    click(qtbot, w.tim.draft.word_button)
    (final,) = archived("Surat Permintaan")
    assert w.ctx.dialogs.opened[-1] == berkas_lokal(final.berkas)
    click(qtbot, w.tim.pengantar_button)
    preview = preview_of(w.tim)
    assert len(preview.paths) == 2 and SRIKANDI in preview.arsip.text()
    close(qtbot, preview)
    (nota,) = archived("Nota Dinas")
    assert (final.nomor, final.tanggal) == (SRIKANDI, dt.date(TAHUN, 3, 10))
    assert nota.nomor and nota.tanggal == dt.date(TAHUN, 3, 10)
    text = teks_arsip(final)
    assert SRIKANDI in text and "10 Maret 2026" in text and "17 Maret 2026" in text
    assert "SRIKANDI" in text and "DRAF" not in text

    # Step 6: the packets go out on 11 March: pengantar numbered, packets printed and saved,
    # the format isian handed out as files; the receipts come back the same morning
    at(11, 8)
    w = login(f.tim, periode.id)
    show_page(qtbot, w.tabs, w.tim)
    click(qtbot, w.tim.distribute_button)
    panel = w.tim.distribusi
    assert panel.model.rowCount() == 4
    click(qtbot, panel.send_button)  # nothing ticked: all four, after asking
    assert w.ctx.dialogs.messages[-2][0] == "confirm"  # "semua 4 … yang belum"
    close(qtbot, preview_of(panel))  # "print the packets now?" was answered yes
    pengantar = archived("Surat Pengantar")
    assert len(pengantar) == 4
    assert all(a.nomor and a.tanggal == dt.date(TAHUN, 3, 11) for a in pengantar)
    folder = tmp_path / "paket"
    folder.mkdir()
    w.ctx.dialogs.file_answers.append(folder)
    click(qtbot, panel.save_button)
    assert len(list(folder.glob("*.zip"))) == 4
    isian = tmp_path / "format isian"
    isian.mkdir()
    w.ctx.dialogs.file_answers.append(isian)
    click(qtbot, panel.isian_button)
    assert len(list(isian.glob("*.xlsx"))) == 4
    no_warning(w)
    at(11, 10)
    panel.set_now()
    for r in range(4):
        type_cell(qtbot, panel.table, r, panel.model.PENERIMA, f"Staf TU {r + 1}")
    click(qtbot, panel.go_button)
    assert {p.status for p in Pengumpulan.select()} == {StatusOpd.SURAT_DITERIMA.value}

    # Steps 7–8: Setda on time; Inspektorat with a gap, returned with a findings letter
    at(12, 10)
    w = login(f.tim, periode.id)
    enter_data(qtbot, w, "SETDA", [("Indeks kepuasan masyarakat", "80", "84,5")])
    valid(qtbot, w, "SETDA")
    enter_data(qtbot, w, "INSP", [("Persentase temuan ditindaklanjuti", "90", "")])
    tab = w.opd
    tab.select_opd(pengumpulan("INSP").id)
    click(qtbot, tab.return_button)
    dialog = tab.active_dialog
    assert isinstance(dialog, KembalikanDataDialog)
    qtbot.keyClicks(dialog.note, "Realisasi belum diisi; lengkapi dan kirim kembali.")
    pick_date(dialog.batas, dt.date(TAHUN, 3, 16))  # the Tim's choice, not the default
    ok(qtbot, dialog)
    assert not dialog.isVisible()
    close(qtbot, preview_of(tab))
    (findings,) = archived("Surat Hasil Verifikasi")
    assert findings.nomor and findings.tanggal == dt.date(TAHUN, 3, 12)
    text = teks_arsip(findings)
    assert "16 Maret 2026" in text and "Realisasi belum diisi" in text
    assert pengumpulan("INSP").status == StatusOpd.PERLU_PERBAIKAN

    # Dinas Pendidikan asks for more time: an extension for it alone, with its letter
    at(13, 9)
    tab.select_opd(pengumpulan("DISDIK").id)
    click(qtbot, tab.extend_button)
    dialog = tab.active_dialog
    assert isinstance(dialog, PerpanjangBatasDialog)
    pick_date(dialog.batas, dt.date(TAHUN, 3, 24))
    qtbot.keyClicks(dialog.alasan, "Kepala dinas bertugas ke luar daerah")
    ok(qtbot, dialog)
    close(qtbot, preview_of(tab))
    (extension,) = archived("Surat Perpanjangan")
    assert extension.nomor and extension.tanggal == dt.date(TAHUN, 3, 13)
    text = teks_arsip(extension)
    assert "24 Maret 2026" in text and "17 Maret 2026" in text

    # Inspektorat corrects by its deadline and is accepted
    at(16, 10)
    w = login(f.tim, periode.id)
    enter_data(qtbot, w, "INSP", [("Persentase temuan ditindaklanjuti", "90", "88")])
    valid(qtbot, w, "INSP")

    # Step 7 late: Sekretariat DPRD missed 17 March; the reminder goes out on 18 March
    at(18, 9)
    w = login(f.tim, periode.id)
    show_page(qtbot, w.tabs, w.tim)
    click(qtbot, w.tim.remind_button)
    dialog = w.tim.active_dialog
    assert isinstance(dialog, PengingatDialog)
    assert dialog.dipilih() == [pengumpulan("SETWAN").id]  # DISDIK's deadline is 24 March
    click(qtbot, dialog.konsep_button)
    close(qtbot, preview_of(dialog))
    click(qtbot, dialog.terbit_button)
    click(qtbot, dialog.final_button)
    close(qtbot, preview_of(dialog))
    dialog.reject()
    (konsep,) = archived("Surat Pengingat untuk Ditandatangani")
    assert (konsep.nomor, konsep.tanggal) == ("", None)
    (reminder,) = archived("Surat Pengingat")
    assert reminder.nomor and reminder.tanggal == dt.date(TAHUN, 3, 18)
    assert "17 Maret 2026" in teks_arsip(reminder)  # the one deadline

    at(19, 10)
    w = login(f.tim, periode.id)
    enter_data(qtbot, w, "SETWAN", [("Persentase produk hukum diselesaikan", "100", "95")])
    valid(qtbot, w, "SETWAN")
    at(20, 10)
    enter_data(qtbot, w, "DISDIK", [("Angka partisipasi murni", "95", "96,2")])
    valid(qtbot, w, "DISDIK")
    show_page(qtbot, w.tabs, w.tim)
    show_page(qtbot, w.tim.detail_tabs, w.tim.distribusi)
    click(qtbot, w.tim.distribusi.print_button)  # the buku ekspedisi of the whole period
    close(qtbot, preview_of(w.tim.distribusi))

    # Step 8 → 9: the recap to the Kabag, who prints it, returns it once, then approves v2
    at(20, 14)
    w.ctx.dialogs.text_answers.append("Empat OPD lengkap; satu terlambat, satu memperbaiki.")
    show_page(qtbot, w.tabs, w.tim)
    click(qtbot, w.tim.rekap_button)
    at(23, 9)
    w = login(f.kabag, periode.id)
    show_page(qtbot, w.tabs, w.rekap)
    click(qtbot, w.rekap.btn_docx)
    close(qtbot, preview_of(w.rekap))
    (submitted,) = archived("Draf Dokumen Rekapitulasi")
    assert submitted.tanggal is None and "DRAF" in teks_arsip(submitted)
    w.ctx.dialogs.text_answers.append("Tambahkan analisa ketepatan waktu.")
    show_page(qtbot, w.tabs, w.kabag)
    click(qtbot, w.kabag.rekap_back_button)
    assert Rekap.get().status == StatusRekap.DIKEMBALIKAN
    at(23, 11)
    w = login(f.tim, periode.id)
    w.ctx.dialogs.text_answers.append("Satu OPD terlambat dan diingatkan; lainnya tepat waktu.")
    click(qtbot, w.tim.rekap_button)
    at(23, 14)
    w = login(f.kabag, periode.id)
    w.ctx.dialogs.text_answers.append("Setuju.")
    click(qtbot, w.kabag.rekap_ok_button)

    # Step 10: finalise, two copies, archive; the final document opens ready to print them
    at(24, 9)
    w = login(f.tim, periode.id)
    w.ctx.dialogs.text_answers.append("2")
    click(qtbot, w.tim.final_button)
    preview = preview_of(w.tim)
    assert preview.salinan.value() == 2
    close(qtbot, preview)
    assert Periode.get_by_id(periode.id).terkunci
    recap, kept = archived("Dokumen Rekapitulasi")  # the paper, and its copy in the final set
    assert recap.tanggal == kept.tanggal == dt.date(TAHUN, 3, 23)  # the Kabag's approval
    assert kept.rekap is not None and kept.salinan == 2 and kept.sha256 == recap.sha256
    text = teks_arsip(recap)
    assert "DRAF" not in text and recap.audit_head[:16] in text
    no_warning(w)

    # Every paper of item 1 stands in the archive with its number, date and SHA-256
    numbered = {
        "Lembar Disposisi": 1,
        "Surat Permintaan": 1,
        "Nota Dinas": 1,
        "Format Isian": 4,
        "Surat Pengantar": 4,
        "Paket Distribusi": 4,
        "Surat Hasil Verifikasi": 1,
        "Surat Perpanjangan": 1,
        "Surat Pengingat": 1,
    }
    dated_only = {"Buku Ekspedisi", "Dokumen Rekapitulasi"}  # registers and recaps: no number
    open_ = {  # drafts and copies to sign: number and date left for the signature
        "Draf Surat Permintaan",
        "Surat Permintaan untuk Ditandatangani",
        "Surat Pengingat untuk Ditandatangani",
        "Draf Dokumen Rekapitulasi",
    }
    rows = list(Arsip.select().where(Arsip.periode == periode))
    kinds = {a.jenis for a in rows}
    assert set(numbered) | dated_only | open_ <= kinds
    for jenis, count in numbered.items():
        found = archived(jenis)
        assert len(found) == count, jenis
        assert all(a.nomor and a.tanggal for a in found), jenis
    for jenis in dated_only:
        assert all(a.tanggal for a in archived(jenis)), jenis
    for jenis in open_:
        assert all(not a.nomor and a.tanggal is None for a in archived(jenis)), jenis
    register = {s.nomor for s in SuratKeluar.select()}
    for jenis in numbered.keys() - {"Lembar Disposisi"}:
        assert {a.nomor for a in archived(jenis)} <= register, jenis
    for a in rows:
        assert hashlib.sha256(berkas_lokal(a.berkas).read_bytes()).hexdigest() == a.sha256
    # the buku ekspedisi closes on the last letter sent: the reminder of 18 March
    assert archived("Buku Ekspedisi")[-1].tanggal == dt.date(TAHUN, 3, 18)
    # each paper was made by a click of the person logged in, in the audit trail
    made = AuditLog.select().where(AuditLog.aksi == "arsipkan_naskah")
    assert {r.pelaku_nama for r in made} == {f.kabag.nama, f.tim.nama, f.sekda.nama}
    # and the Arsip tab shows them with their number and date
    arsip = w.arsip
    show_page(qtbot, w.tabs, arsip)
    shown = {
        (
            arsip.files.data(arsip.files.index(r, arsip.files.JENIS)),
            arsip.files.data(arsip.files.index(r, arsip.files.NOMOR)),
        )
        for r in range(arsip.files.rowCount())
    }
    assert ("Surat Permintaan", SRIKANDI) in shown
    assert ("Surat Pengingat", reminder.nomor) in shown
    assert verify_chain().ok
    assert not AuditLog.select().where(AuditLog.hasil == "ditolak").exists()
