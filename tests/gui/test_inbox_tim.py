"""The Tim's inbox shows everything due: late OPDs with the bulk reminder, corrections."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from kinerja_app import clock
from kinerja_app.documents import pdf as dok_pdf
from kinerja_app.jadwal.tugas import PANTAU_PERBAIKAN, TAGIH_TERLAMBAT
from kinerja_app.storage.models import Arsip, SuratKeluar
from kinerja_app.workflow.penyampaian import SuratMasuk, kembalikan_data, simpan_penyampaian
from tests.factory import Row
from tests.kasus import baris, batas, diperiksa
from ui.pengingat import PengingatDialog
from ui.preview import PratinjauDialog
from ui.table import MERAH
from ui.tabs.inbox import InboxModel


def row_of(tab, jenis) -> int:
    for i, t in enumerate(tab.inbox.records()):
        if t.jenis == jenis:
            return i
    raise AssertionError(f"no {jenis} row in {[t.judul for t in tab.inbox.records()]}")


def test_late_opds_show_in_the_tims_inbox_with_the_bulk_reminder(
    f, window_for, qtbot, jam, monkeypatch
):
    monkeypatch.setattr(dok_pdf, "find_soffice", lambda: None)
    f.lambang_resmi()  # reminders to sign are final papers
    periode = f.periode()
    rows = f.distributed(periode, 3)
    jam.set(batas(rows) + dt.timedelta(days=2, hours=10))  # a morning, two days late
    window = window_for(f.tim, periode.id)
    tab = window.tim
    r = row_of(tab, TAGIH_TERLAMBAT)
    model = tab.inbox
    assert "3 Perangkat Daerah" in model.data(model.index(r, InboxModel.TUGAS))
    assert model.data(model.index(r, 0), Qt.ItemDataRole.BackgroundRole).color() == MERAH
    tab.table.selectRow(tab.table.model().index(r, 0).row())
    detail = tab.detail.toPlainText()
    for p in rows:
        assert p.opd.nama in detail
    assert tab.remind_button.isEnabled()
    qtbot.mouseClick(tab.remind_button, Qt.MouseButton.LeftButton)
    dialog = tab.active_dialog
    assert isinstance(dialog, PengingatDialog) and dialog.daftar.count() == 3
    assert sorted(dialog.dipilih()) == sorted(p.id for p in rows)
    # 1: the copies to sign, unnumbered
    qtbot.mouseClick(dialog.konsep_button, Qt.MouseButton.LeftButton)
    preview = dialog.active_dialog
    assert isinstance(preview, PratinjauDialog)
    assert len(preview.paths) == 3 and all(p.suffix == ".docx" for p in preview.paths)
    assert "belum bernomor" in preview.arsip.text()
    preview.reject()
    # 2: recorded issued today, each with its number
    assert not dialog.final_button.isEnabled()
    qtbot.mouseClick(dialog.terbit_button, Qt.MouseButton.LeftButton)
    kind, _title, text = window.ctx.dialogs.messages[-1]
    assert kind == "confirm" and "3 surat pengingat" in text
    issued = list(SuratKeluar.select().where(SuratKeluar.jenis == "pengingat"))
    assert len(issued) == 3 and all(s.tanggal == clock.today() for s in issued)
    assert all(s.nomor in dialog.hasil.text() for s in issued)
    # 3: the issued letters, numbered and dated, archived as such
    qtbot.mouseClick(dialog.final_button, Qt.MouseButton.LeftButton)
    preview = dialog.active_dialog
    assert isinstance(preview, PratinjauDialog) and len(preview.paths) == 3
    archived = Arsip.select().where(Arsip.jenis == "Surat Pengingat")
    assert sorted(a.nomor for a in archived) == sorted(s.nomor for s in issued)
    assert any(s.nomor in preview.arsip.text() for s in issued)
    preview.reject()
    dialog.reject()
    # the inbox no longer asks for reminders: each late OPD was reminded after its deadline
    assert TAGIH_TERLAMBAT not in {t.jenis for t in tab.inbox.records()}


def test_no_reminder_before_any_deadline_passes(f, window_for):
    periode = f.periode()
    f.distributed(periode, 2)
    window = window_for(f.tim, periode.id)
    assert TAGIH_TERLAMBAT not in {t.jenis for t in window.tim.inbox.records()}
    assert not window.tim.remind_button.isEnabled()


def test_an_opd_asked_to_correct_shows_with_its_new_deadline(f, window_for):
    periode = f.periode()
    (a,) = f.distributed(periode, 1)
    simpan_penyampaian(f.tim, a, SuratMasuk(clock.now()), baris(Row("IKM", 1, None, None)), [])
    kembalikan_data(f.tim, diperiksa(a), "Realisasi IKM belum diisi.")
    window = window_for(f.tim, periode.id)
    tab = window.tim
    r = row_of(tab, PANTAU_PERBAIKAN)
    task = tab.inbox.row_at(r)
    assert a.opd.nama in task.judul
    tab.table.selectRow(r)
    detail = tab.detail.toPlainText()
    assert "Realisasi IKM belum diisi." in detail and "Batas perbaikan" in detail


def test_lacak_naskah_shows_each_receipt_of_the_letter(f, window_for):
    periode = f.periode()
    rows = f.distributed(periode, 2)
    window = window_for(f.tim, periode.id)
    panel = window.tim.lacak
    window.tim.detail_tabs.setCurrentWidget(panel)
    # the request letter first, then the register's other letters (nota dinas, 2 pengantar)
    assert panel.model.rowCount() == 4
    text = panel.detail.toPlainText()
    assert "Surat Permintaan Data Kinerja" in text
    assert "2 dari" in text
    for p in rows:
        assert p.opd.nama in text and f"Penerima {p.id}" in text
    assert "Ditandatangani Sekda" in text  # the history from draft to signature
