"""Message boxes and file dialogs behind one small service, so tests swap in a fake.

A confirmation names its action on the default button ("Paraf", "Ajukan"), so Enter does
what the question asks and Esc cancels; a note box is a :class:`ui.forms.CatatanDialog`
(Tab leaves it, a required note is required).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

if TYPE_CHECKING:
    from .forms import CatatanDialog

PANJANG_MAKS = 600  # characters a message box shows; the rest sits under "Tampilkan rincian…"

ICON = {
    "info": QMessageBox.Icon.Information,
    "warning": QMessageBox.Icon.Warning,
    "error": QMessageBox.Icon.Critical,
}


def ringkas(box: QMessageBox, text: str) -> None:
    """Keep a long message on the screen: its start in the box, all of it in the details."""
    if len(text) <= PANJANG_MAKS and text.count("\n") < 15:
        return
    head = text[:PANJANG_MAKS].rsplit(" ", 1)[0].split("\n\n")[0]
    head = "\n".join(head.splitlines()[:12])
    box.setText(head + " …\n\n(Teks lengkap: klik «Tampilkan rincian…».)")
    box.setDetailedText(text)


class DialogService:
    """Real Qt dialogs. Widgets receive this (or a fake) and never call QMessageBox directly."""

    # --- the boxes, built but not shown (the screen-fit test shows them) ------------------
    def kotak_pesan(self, parent: QWidget | None, jenis: str, title: str, text: str) -> QMessageBox:
        """A message box of ``jenis`` ("info", "warning", "error") with one OK button."""
        box = QMessageBox(ICON[jenis], title, text, QMessageBox.StandardButton.Ok, parent)
        ringkas(box, text)
        return box

    def kotak_konfirmasi(
        self, parent: QWidget | None, title: str, text: str, tindakan: str = "Ya"
    ) -> QMessageBox:
        """A question whose default button is the action (Enter acts); "Batal" is Esc."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            parent,
        )
        ringkas(box, text)
        box.button(QMessageBox.StandardButton.Yes).setText(tindakan)
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        return box

    def kotak_catatan(
        self,
        parent: QWidget | None,
        title: str,
        label: str,
        text: str = "",
        *,
        wajib: bool = False,
        daftar: Sequence[str] = (),
        tombol: str = "OK",
    ) -> CatatanDialog:
        """A note box (:class:`ui.forms.CatatanDialog`), with ``daftar`` listed above it."""
        from .forms import CatatanDialog  # forms builds on this module

        return CatatanDialog(
            title, label, text, wajib=wajib, daftar=daftar, tombol=tombol, parent=parent
        )

    # --- what widgets call -------------------------------------------------------------
    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        self.kotak_pesan(parent, "info", title, text).exec()

    def warning(self, parent: QWidget | None, title: str, text: str) -> None:
        self.kotak_pesan(parent, "warning", title, text).exec()

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        self.kotak_pesan(parent, "error", title, text).exec()

    def confirm(self, parent: QWidget | None, title: str, text: str, tindakan: str = "Ya") -> bool:
        """Ask before an action; ``tindakan`` labels the default button."""
        box = self.kotak_konfirmasi(parent, title, text, tindakan)
        box.exec()
        return bool(box.clickedButton() is box.button(QMessageBox.StandardButton.Yes))

    def ask_text(
        self,
        parent: QWidget | None,
        title: str,
        label: str,
        text: str = "",
        *,
        wajib: bool = False,
        daftar: Sequence[str] = (),
        tombol: str = "OK",
    ) -> str | None:
        """A multi-line note; ``None`` when cancelled.

        ``wajib``: OK refuses an empty note. ``daftar``: items the note is about (the OPDs
        still missing), listed above it. ``tombol``: the action the OK button names.
        """
        dialog = self.kotak_catatan(
            parent, title, label, text, wajib=wajib, daftar=daftar, tombol=tombol
        )
        if dialog.exec():
            return dialog.text()
        return None

    def ask_line(
        self, parent: QWidget | None, title: str, label: str, text: str = ""
    ) -> str | None:
        """One line of text (a year, a SRIKANDI number); ``None`` when cancelled."""
        value, ok = QInputDialog.getText(parent, title, label, text=text)
        return value if ok else None

    def open_url(self, path: Path) -> bool:
        """Open a file or folder with the system's program (Word, Excel, Explorer)."""
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))

    def open_file(self, parent: QWidget | None, title: str, filters: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
        return Path(name) if name else None

    def open_files(self, parent: QWidget | None, title: str, filters: str) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(parent, title, "", filters)
        return [Path(n) for n in names]

    def open_folder(self, parent: QWidget | None, title: str) -> Path | None:
        name = QFileDialog.getExistingDirectory(parent, title)
        return Path(name) if name else None

    def save_file(
        self, parent: QWidget | None, title: str, suggested: str, filters: str
    ) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        return Path(name) if name else None


class FakeDialogs(DialogService):
    """Records every message and answers from queues: for tests, never shows a window."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, str, str]] = []
        self.confirm_answers: list[bool] = []
        self.text_answers: list[str | None] = []
        self.file_answers: list[Path | None] = []
        self.files_answers: list[list[Path]] = []
        self.opened: list[Path] = []

    def info(self, parent, title, text):
        self.messages.append(("info", title, text))

    def warning(self, parent, title, text):
        self.messages.append(("warning", title, text))

    def error(self, parent, title, text):
        self.messages.append(("error", title, text))

    def confirm(self, parent, title, text, tindakan="Ya"):
        self.messages.append(("confirm", title, text))
        return self.confirm_answers.pop(0) if self.confirm_answers else True

    def ask_text(self, parent, title, label, text="", *, wajib=False, daftar=(), tombol="OK"):
        self.messages.append(("ask_text", title, "\n".join([label, *daftar])))
        answer = self.text_answers.pop(0) if self.text_answers else None
        if wajib and answer is not None and len(answer.strip()) < 3:
            return None  # the real box refuses OK; the user can only cancel
        return answer

    def ask_line(self, parent, title, label, text=""):
        self.messages.append(("ask_line", title, label))
        return self.text_answers.pop(0) if self.text_answers else None

    def open_url(self, path):
        self.opened.append(Path(path))
        return True

    def open_file(self, parent, title, filters):
        return self.file_answers.pop(0) if self.file_answers else None

    def save_file(self, parent, title, suggested, filters):
        return self.file_answers.pop(0) if self.file_answers else None

    def open_folder(self, parent, title):
        return self.file_answers.pop(0) if self.file_answers else None

    def open_files(self, parent, title, filters):
        return self.files_answers.pop(0) if self.files_answers else []
