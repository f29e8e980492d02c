"""Message boxes and file dialogs behind one small service, so tests swap in a fake."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget


class DialogService:
    """Real Qt dialogs. Widgets receive this (or a fake) and never call QMessageBox directly."""

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def warning(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.critical(parent, title, text)

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            parent,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return bool(answer == QMessageBox.StandardButton.Yes)

    def ask_text(
        self, parent: QWidget | None, title: str, label: str, text: str = ""
    ) -> str | None:
        value, ok = QInputDialog.getMultiLineText(parent, title, label, text)
        return value if ok else None

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

    def confirm(self, parent, title, text):
        self.messages.append(("confirm", title, text))
        return self.confirm_answers.pop(0) if self.confirm_answers else True

    def ask_text(self, parent, title, label, text=""):
        self.messages.append(("ask_text", title, label))
        return self.text_answers.pop(0) if self.text_answers else None

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
