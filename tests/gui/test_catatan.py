"""Note boxes: Tab leaves them, they wrap, and they start empty or with the cursor at the end."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QPlainTextEdit, QTextEdit

from kinerja_app.storage.models.master import Role
from tests.gui.test_layar import CASES
from ui.dialogs import DialogService
from ui.forms import CatatanDialog, DisposisiDialog


def editable_text_fields(widget) -> list[QPlainTextEdit | QTextEdit]:
    fields = widget.findChildren(QPlainTextEdit) + widget.findChildren(QTextEdit)
    return [w for w in fields if not w.isReadOnly()]


def test_tab_leaves_the_disposisi_note_without_typing_a_tab(qtbot):
    """The reported defect: Tab typed a tab character into note fields."""
    dialog = DisposisiDialog("Tahun 2025")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.isi.setFocus()
    before = dialog.isi.toPlainText()
    qtbot.keyClick(dialog.isi, Qt.Key.Key_Tab)
    assert dialog.isi.toPlainText() == before
    assert "\t" not in dialog.isi.toPlainText()
    assert dialog.focusWidget() is not dialog.isi


def test_every_multiline_field_of_every_window_lets_tab_move_on(
    db, f, window_for, tmp_path, monkeypatch
):
    user = f.user("semua", "Pengguna Semua Peran", *Role)
    periode = f.periode()
    f.distributed(periode)
    window = window_for(user, periode.id)
    windows = [window]
    for name, builder in CASES.items():
        extra = {"monkeypatch": monkeypatch} if name == "PratinjauDialog" else {}
        windows.append(builder((f, user, periode), tmp_path, **extra))
    windows.append(CatatanDialog("Kembalikan", "Apa yang harus diperbaiki?"))
    checked = 0
    for w in windows:
        for field in editable_text_fields(w):
            name = f"{type(w).__name__}.{field.objectName() or type(field).__name__}"
            assert field.tabChangesFocus(), f"Tab types a tab in {name}"
            assert field.lineWrapMode() != QPlainTextEdit.LineWrapMode.NoWrap, name
            checked += 1
    assert checked >= 5  # disposisi, paper act note, draft body and copies, the note box


def test_a_prefilled_note_starts_with_the_cursor_at_the_end(qtbot):
    dialog = DisposisiDialog("Tahun 2025")
    qtbot.addWidget(dialog)
    text = dialog.isi.toPlainText()
    assert text and dialog.isi.textCursor().position() == len(text)
    note = DialogService().kotak_catatan(None, "Ajukan rekap", "Analisa:", "Data lengkap.")
    qtbot.addWidget(note)
    assert note.note.textCursor().position() == len("Data lengkap.")


def test_a_required_note_box_refuses_an_empty_note(qtbot):
    note = DialogService().kotak_catatan(None, "Kembalikan", "Apa yang diperbaiki?", wajib=True)
    qtbot.addWidget(note)
    note.show()
    qtbot.mouseClick(note.box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert note.isVisible() and note.problem.isVisible()
    qtbot.keyClicks(note.note, "Tambahkan tembusan Inspektur.")
    qtbot.mouseClick(note.box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert not note.isVisible()
    assert note.text() == "Tambahkan tembusan Inspektur."
