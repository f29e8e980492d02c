"""Qt's own words in Indonesian, and a confirmation whose default button is the action."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
)

from ui.dialogs import DialogService

ENGLISH = {"Yes", "No", "Cancel", "Open", "Save", "Close", "OK?", "&Yes", "&No", "&Open"}


def press_enter_on_the_box() -> None:
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox), box
    box.defaultButton().click()  # what Enter does in a message box


def test_enter_in_a_confirmation_does_the_action(qtbot):
    """The reported defect: every confirmation said Yes/No with No as default, so Enter
    cancelled a paraf."""
    QTimer.singleShot(0, press_enter_on_the_box)
    assert DialogService().confirm(None, "Setujui & Paraf", "Berikan paraf pada draf versi 2?")


def test_the_confirmation_names_its_action_and_esc_cancels(qtbot):
    box = DialogService().kotak_konfirmasi(None, "Setujui & Paraf", "Berikan paraf?", "Paraf")
    qtbot.addWidget(box)
    assert box.defaultButton().text() == "Paraf"
    assert box.escapeButton() is box.button(QMessageBox.StandardButton.Cancel)
    assert box.escapeButton().text() == "Batal"
    box.show()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert box.clickedButton() is box.button(QMessageBox.StandardButton.Cancel)


def test_message_box_and_button_box_words_are_indonesian(qtbot):
    box = QMessageBox()
    qtbot.addWidget(box)
    box.setStandardButtons(
        QMessageBox.StandardButton.Yes
        | QMessageBox.StandardButton.No
        | QMessageBox.StandardButton.Cancel
    )
    words = {b.text().replace("&", "") for b in box.buttons()}
    assert words == {"Ya", "Tidak", "Batal"}
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok
        | QDialogButtonBox.StandardButton.Save
        | QDialogButtonBox.StandardButton.Close
        | QDialogButtonBox.StandardButton.Cancel
        | QDialogButtonBox.StandardButton.Apply
    )
    qtbot.addWidget(buttons)
    words = {b.text().replace("&", "") for b in buttons.buttons()}
    assert words == {"OK", "Simpan", "Tutup", "Batal", "Terapkan"}


def test_file_dialog_and_context_menu_words_are_indonesian(qtbot, tmp_path):
    files = QFileDialog(None, "Pilih berkas", str(tmp_path))
    files.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(files)
    texts = {b.text().replace("&", "") for b in files.findChildren(QPushButton) if b.text()}
    assert {"Buka", "Batal"} <= texts
    assert not texts & {"Open", "Cancel"}
    edit = QLineEdit()
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    words = {a.text().split("\t")[0].replace("&", "") for a in menu.actions() if a.text()}
    assert {"Urungkan", "Salin", "Tempel", "Pilih semua"} <= words


def test_no_english_left_in_the_standard_dialogs(qtbot, tmp_path):
    """Every word Qt asks for while building its file, print and message dialogs is answered
    (Qt's sources change between versions: "Look in:" became "&Look in:")."""
    from PySide6.QtCore import QTranslator
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    from ui.bahasa import KAMUS

    asked: set[tuple[str, str]] = set()

    class Spy(QTranslator):
        """Installed last, so asked first: notes every word, answers none."""

        def translate(self, context, source, disambiguation=None, n=-1):
            asked.add((context, source))
            return None

        def isEmpty(self):
            return False

    spy = Spy()
    app = QApplication.instance()
    assert app is not None
    app.installTranslator(spy)
    files = QFileDialog(None, "Pilih berkas", str(tmp_path))
    files.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(files)
    files.show()
    printer = QPrinter()
    chooser = QPrintDialog(printer)
    qtbot.addWidget(chooser)
    chooser.show()
    box = DialogService().kotak_pesan(None, "warning", "Perhatian", "x " * 400)
    qtbot.addWidget(box)
    box.show()
    QApplication.processEvents()
    app.removeTranslator(spy)
    asked = {(c, s) for c, s in asked if KAMUS.get(c, {}).get(s) is None}
    # key names stay as printed on the keys; paper names and designer placeholders are not words
    ignored = {"QShortcut", "QPageSize", "QGuiApplication"}
    left = {(c, s) for c, s in asked if c not in ignored and s not in {"Form", "...", "+"}} - {
        ("QFileDialog", k) for k in ("Alt+Left", "Alt+Right", "Alt+Up")
    }
    assert not left, sorted(left)


def test_words_not_in_the_table_keep_qts_own_text():
    from PySide6.QtCore import QCoreApplication

    assert QCoreApplication.translate("QPageSize", "A4") == "A4"
    assert QCoreApplication.translate("QFileDialog", "Open") == "Buka"


def test_the_default_locale_is_indonesian():
    assert QLocale().language() == QLocale.Language.Indonesian
    assert QLocale().toString(1234.5, "f", 2) == "1.234,50"


def test_no_english_left_in_the_printer_properties(qtbot):
    """The reported defect: Cetak… › Properti in a print preview opened "Printer Properties"
    with a "Job Options" tab, "Pages per sheet:" and "Page order:" (Qt's sources carry
    mnemonics: "Page &order:" was not in the table) and the print job's options in English."""
    import re

    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QDialog, QGroupBox, QLabel, QTabWidget

    printer = QPrinter()  # outlives the dialog, which does not own it
    chooser = QPrintDialog(printer)
    qtbot.addWidget(chooser)
    chooser.show()
    (properti,) = [b for b in chooser.findChildren(QPushButton) if b.text() == "&Properti"]
    texts: list[str] = []

    def read_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog) and dialog is not chooser, dialog
        texts.append(dialog.windowTitle())
        texts.extend(w.text() for w in dialog.findChildren(QLabel))
        texts.extend(w.text() for w in dialog.findChildren(QAbstractButton))
        texts.extend(w.title() for w in dialog.findChildren(QGroupBox))
        for tabs in dialog.findChildren(QTabWidget):
            texts.extend(tabs.tabText(i) for i in range(tabs.count()))
        for combo in dialog.findChildren(QComboBox):
            texts.extend(combo.itemText(i) for i in range(combo.count()))
        dialog.reject()

    QTimer.singleShot(0, read_and_close)
    properti.click()
    assert texts, "Properti opened no dialog"
    english = {
        "printer", "properties", "job", "options", "page", "pages", "sheet", "order",
        "left", "right", "top", "bottom", "scheduled", "priority", "billing", "start", "end",
        "print", "immediately", "hold", "none", "standard", "secret", "conflicts",
    }  # fmt: skip
    left = [t for t in texts if english & set(re.findall(r"[a-z]+", t.replace("&", "").lower()))]
    assert not left, " | ".join(left)
