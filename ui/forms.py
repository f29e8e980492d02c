"""Form pieces shared by every dialog: date and time fields, note boxes, the form dialog that
stays open until its action succeeds, and the disposisi form.

Times default to the moment the form opens and are checked when it is saved (a field capped
at the moment it was built refuses a correct time typed a few minutes later).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kinerja_app import clock
from kinerja_app.documents.baku import HARAP, KLASIFIKASI, SIFAT
from kinerja_app.formatting import format_tanggal_waktu

from .bahasa import INDONESIA

TOLERANSI_JAM = dt.timedelta(minutes=5)  # a workstation clock a little ahead is not the future
TANPA_TANGGAL = QDate(2000, 1, 1)  # the "no date" value of an optional date field


def qdate(value: dt.date) -> QDate:
    """A QDate from a Python date."""
    return QDate(value.year, value.month, value.day)


def qdatetime(value: dt.datetime) -> QDateTime:
    """A QDateTime from a Python datetime."""
    return QDateTime(value.year, value.month, value.day, value.hour, value.minute, value.second)


def py_datetime(value: QDateTime) -> dt.datetime:
    """A Python datetime (no microseconds) from a QDateTime."""
    d, t = value.date(), value.time()
    return dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


def py_date(value: QDate) -> dt.date:
    """A Python date from a QDate."""
    return dt.date(value.year(), value.month(), value.day())


def date_edit(
    value: dt.date | None = None, *, optional: bool = False, not_future: bool = False
) -> QDateEdit:
    """A date field with a calendar pop-up, shown the Indonesian way: 24 November 2026.

    Args:
        value: the initial date (default today).
        optional: allow "(tidak ada)" (the value :data:`TANPA_TANGGAL`).
        not_future: refuse dates after today.
    """
    edit = QDateEdit()
    edit.setLocale(INDONESIA)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMMM yyyy")
    if not_future:
        edit.setMaximumDate(qdate(clock.today()))
    if optional:
        edit.setMinimumDate(TANPA_TANGGAL)
        edit.setSpecialValueText("(tidak ada)")
        edit.setDate(qdate(value) if value else TANPA_TANGGAL)
        edit.calendarWidget().installEventFilter(_BulanIni(edit))
    else:
        edit.setDate(qdate(value or clock.today()))
    return edit


class _BulanIni(QObject):
    """Opens an empty optional date field's calendar at this month, not at the "no date"
    value's January 2000 (the field keeps "(tidak ada)" until a day is picked)."""

    def __init__(self, edit: QDateEdit) -> None:
        super().__init__(edit)
        self.edit = edit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self.edit.date() == TANPA_TANGGAL:
            today = clock.today()
            self.edit.calendarWidget().setCurrentPage(today.year, today.month)
        return False


def datetime_edit(value: dt.datetime | None = None) -> QDateTimeEdit:
    """A date-time field set to ``value`` or to now; :func:`cek_waktu` checks it when saved."""
    edit = QDateTimeEdit()
    edit.setLocale(INDONESIA)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMMM yyyy HH.mm")
    edit.setDateTime(qdatetime(value or clock.now().replace(second=0, microsecond=0)))
    return edit


def cek_waktu(value: dt.datetime, what: str) -> str | None:
    """A sentence saying what is wrong when ``value`` lies in the future, else ``None``."""
    moment = clock.now()
    if value > moment + TOLERANSI_JAM:
        return (
            f"{what} ({format_tanggal_waktu(value)}) masih di masa depan; sekarang "
            f"{format_tanggal_waktu(moment)}. Periksa tanggal dan jamnya."
        )
    return None


def note_edit(text: str = "", placeholder: str = "") -> QPlainTextEdit:
    """A multi-line note: wraps at its width, Tab moves to the next field, cursor at the end."""
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
    edit.setPlaceholderText(placeholder)
    set_note(edit, text)
    return edit


def set_note(edit: QPlainTextEdit, text: str) -> None:
    """Replace a note's text and put the cursor after it, where the user goes on typing."""
    edit.setPlainText(text)
    edit.moveCursor(QTextCursor.MoveOperation.End)


def buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    """OK/Batal buttons in Indonesian."""
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText("Batal")
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def problem_label() -> QLabel:
    """The red sentence a form shows above its buttons when a value is missing or refused."""
    label = QLabel()
    label.setStyleSheet("color:#b02a37")
    label.setWordWrap(True)
    label.hide()
    return label


class FormDialog(QDialog):
    """A form whose OK checks the fields, then runs the action, and closes only on success.

    A refused value thus leaves everything typed in place. Subclasses put :attr:`problem`
    above their buttons and may override :meth:`periksa`; whoever opens the form sets
    :attr:`on_submit`, which runs the action and returns whether it succeeded.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.on_submit: Callable[[Any], bool] | None = None
        self.problem = problem_label()

    def periksa(self) -> tuple[str, QWidget | None] | None:
        """What is missing (a sentence and the field to fix), or ``None`` when complete."""
        return None

    def tunjukkan_masalah(self, text: str, field: QWidget | None = None) -> None:
        """Show ``text`` in red and put the cursor in ``field``."""
        self.problem.setText(text)
        self.problem.show()
        if field is not None:
            field.setFocus()

    def accept(self) -> None:
        problem = self.periksa()
        if problem is not None:
            self.tunjukkan_masalah(*problem)
            return
        self.problem.hide()
        if self.on_submit is not None and not self.on_submit(self):
            return  # refused: the message was shown, the form stays as typed
        super().accept()


def harus_diisi(edit: QPlainTextEdit | QLineEdit, what: str) -> tuple[str, QWidget] | None:
    """A required text: the problem when it is shorter than three characters."""
    text = edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()
    if len(text.strip()) < 3:
        return f"{what} wajib diisi.", edit
    return None


class CatatanDialog(FormDialog):
    """A note asked for one action (a return, a reason); ``wajib``: an empty note is refused."""

    def __init__(
        self,
        title: str,
        label: str,
        text: str = "",
        *,
        wajib: bool = False,
        daftar: Sequence[str] = (),
        tombol: str = "OK",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.wajib = wajib
        self.label = QLabel(label)
        self.label.setWordWrap(True)
        self.daftar = QListWidget()
        self.daftar.addItems(list(daftar))
        self.daftar.setVisible(bool(daftar))
        self.daftar.setWordWrap(True)
        self.daftar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.daftar.setMaximumHeight(240)
        self.note = note_edit(text, "wajib diisi" if wajib else "boleh dikosongkan")
        self.box = buttons(self, tombol)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.daftar)
        layout.addWidget(self.note, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.box)
        if daftar:
            self.resize(620, 480)
        else:
            self.resize(520, 280)

    def text(self) -> str:
        """The note as typed, trimmed."""
        return self.note.toPlainText().strip()

    def periksa(self) -> tuple[str, QWidget | None] | None:
        return harus_diisi(self.note, "Catatan") if self.wajib else None


class DisposisiDialog(FormDialog):
    """Step 1: the Kabag's disposisi with the standard fields of the lembar disposisi (hal,
    isi, "dengan hormat harap", sifat, klasifikasi, diteruskan kepada, nomor agenda, catatan,
    and the incoming letter it is written on, when there is one).

    Given ``pejabat`` (the Kabag accounts), it records a disposisi written on paper: the same
    fields, plus on whose behalf and when it was written (see :meth:`dicatat`).
    """

    def __init__(
        self,
        periode_nama: str,
        parent: QWidget | None = None,
        *,
        pejabat: Sequence[tuple[str, int]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Buat disposisi" if pejabat is None else "Catat disposisi Kabag")
        self.official = QComboBox()
        for label, uid in pejabat or ():
            self.official.addItem(label, uid)
        self.when = datetime_edit()
        self.hal = QLineEdit(f"Pengumpulan Data Kinerja Perangkat Daerah {periode_nama}")
        self.hal.setCursorPosition(0)  # show the subject from its start
        self.isi = note_edit(
            "Mohon Tim Kinerja segera menyiapkan surat permintaan data kinerja "
            "kepada seluruh Perangkat Daerah dan memproses datanya."
        )
        self.isi.setMinimumHeight(64)
        self.harap = {label: QCheckBox(label) for label in HARAP}
        self.harap["Proses lebih lanjut"].setChecked(True)
        harap_grid = QGridLayout()
        harap_grid.setContentsMargins(0, 0, 0, 0)
        for i, box in enumerate(self.harap.values()):
            harap_grid.addWidget(box, i // 2, i % 2)
        self.sifat = QComboBox()
        self.sifat.addItems(list(SIFAT))
        self.sifat.setCurrentText("Biasa")
        self.klasifikasi = QComboBox()
        self.klasifikasi.addItems(list(KLASIFIKASI))
        sifat_row = QHBoxLayout()
        sifat_row.addWidget(self.sifat, 1)
        sifat_row.addWidget(QLabel("Klasifikasi:"))
        sifat_row.addWidget(self.klasifikasi, 1)
        self.nomor_agenda = QLineEdit()
        self.diteruskan = QLineEdit("Tim Kinerja")
        self.catatan = note_edit(placeholder="boleh dikosongkan")
        self.catatan.setMaximumHeight(54)
        self.batas = date_edit(clock.today() + dt.timedelta(days=1))
        self.surat_dari = QLineEdit()
        self.surat_dari.setPlaceholderText("kosongkan bila disposisi tanpa surat masuk")
        self.nomor_surat = QLineEdit()
        self.tanggal_surat = date_edit(optional=True, not_future=True)
        self.diterima_tanggal = date_edit(optional=True, not_future=True)
        self.paper = pejabat is not None
        form = QFormLayout()
        if self.paper:
            info = QLabel(
                "Salin isi lembar disposisi yang ditulis Kabag; disposisi dicatat atas nama "
                "pejabat yang dipilih dan riwayat menampilkan bahwa Anda yang mencatatnya."
            )
            info.setWordWrap(True)
            form.addRow(info)
            form.addRow("Pejabat:", self.official)
            form.addRow("Waktu disposisi:", self.when)
        form.addRow("Hal:", self.hal)
        form.addRow("Isi disposisi:", self.isi)
        form.addRow("Dengan hormat harap:", harap_grid)
        form.addRow("Sifat:", sifat_row)
        form.addRow("Diteruskan kepada:", self.diteruskan)
        form.addRow("Nomor agenda:", self.nomor_agenda)
        form.addRow("Catatan:", self.catatan)
        form.addRow("Draf diharapkan tanggal:", self.batas)
        masuk = QGroupBox("Surat masuk yang didisposisikan (bila ada)")
        masuk_form = QFormLayout(masuk)
        masuk_form.addRow("Surat dari:", self.surat_dari)
        masuk_form.addRow("Nomor surat:", self.nomor_surat)
        tanggal_row = QHBoxLayout()
        tanggal_row.addWidget(self.tanggal_surat, 1)
        tanggal_row.addWidget(QLabel("Diterima tanggal:"))
        tanggal_row.addWidget(self.diterima_tanggal, 1)
        masuk_form.addRow("Tanggal surat:", tanggal_row)
        self.box = buttons(self, "Catat disposisi" if self.paper else "Simpan disposisi")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(masuk)
        layout.addWidget(self.problem)
        layout.addWidget(self.box)
        self.resize(680, 0)

    def periksa(self) -> tuple[str, QWidget | None] | None:
        if self.paper:
            if self.official.count() == 0:
                return (
                    "Belum ada pengguna yang memegang peran Kepala Bagian Organisasi; "
                    "minta administrator menambahkannya.",
                    self.official,
                )
            late = cek_waktu(py_datetime(self.when.dateTime()), "Waktu disposisi")
            if late:
                return late, self.when
        return harus_diisi(self.hal, "Hal") or harus_diisi(self.isi, "Isi disposisi")

    def dicatat(self) -> tuple[int, dt.datetime]:
        """For a paper disposisi: the chosen official's user id and when it was written."""
        return int(self.official.currentData()), py_datetime(self.when.dateTime())

    def values(self) -> dict[str, object]:
        """Keyword arguments for ``buat_disposisi``."""

        def tanggal(edit: QDateEdit) -> dt.date | None:
            return None if edit.date() == TANPA_TANGGAL else py_date(edit.date())

        return {
            "hal": self.hal.text(),
            "isi": self.isi.toPlainText(),
            "sifat": self.sifat.currentText(),
            "klasifikasi": self.klasifikasi.currentText(),
            "harap": [label for label, box in self.harap.items() if box.isChecked()],
            "catatan": self.catatan.toPlainText().strip(),
            "nomor_agenda": self.nomor_agenda.text(),
            "diteruskan_kepada": self.diteruskan.text(),
            "batas_tanggal": py_date(self.batas.date()),
            "surat_dari": self.surat_dari.text().strip(),
            "nomor_surat": self.nomor_surat.text().strip(),
            "tanggal_surat": tanggal(self.tanggal_surat),
            "diterima_tanggal": tanggal(self.diterima_tanggal),
        }
