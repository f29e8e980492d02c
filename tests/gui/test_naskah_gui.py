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
