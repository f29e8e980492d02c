"""Small forms opened from the tabs: disposisi, an official's paper action, a note."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, QLocale
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kinerja_app import clock

INDONESIA = QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia)
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
    else:
        edit.setDate(qdate(value or clock.today()))
    return edit


def datetime_edit(value: dt.datetime | None = None) -> QDateTimeEdit:
    """A date-time field that cannot go into the future."""
    edit = QDateTimeEdit()
    edit.setLocale(INDONESIA)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMMM yyyy HH.mm")
    now = clock.now().replace(second=0)
    edit.setMaximumDateTime(qdatetime(now + dt.timedelta(minutes=4)))
    edit.setDateTime(qdatetime(value or now))
    return edit


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


class DisposisiDialog(QDialog):
    """Step 1: the Kabag's disposisi (hal, isi, sifat, agenda number, expected date)."""

    def __init__(self, periode_nama: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Buat disposisi")
        self.hal = QLineEdit(f"Pengumpulan Data Kinerja Perangkat Daerah {periode_nama}")
        self.isi = QPlainTextEdit(
            "Mohon Tim Kinerja segera menyiapkan surat permintaan data kinerja "
            "kepada seluruh Perangkat Daerah dan memproses datanya."
        )
        self.isi.setMinimumHeight(80)
        self.sifat = QComboBox()
        self.sifat.addItems(["Biasa", "Penting", "Segera", "Rahasia"])
        self.sifat.setCurrentText("Penting")
        self.nomor_agenda = QLineEdit()
        self.diteruskan = QLineEdit("Tim Kinerja")
        self.batas = date_edit(clock.today() + dt.timedelta(days=1))
        form = QFormLayout()
        form.addRow("Hal:", self.hal)
        form.addRow("Isi disposisi:", self.isi)
        form.addRow("Sifat:", self.sifat)
        form.addRow("Nomor agenda:", self.nomor_agenda)
        form.addRow("Diteruskan kepada:", self.diteruskan)
        form.addRow("Draf diharapkan tanggal:", self.batas)
        self.box = buttons(self, "Simpan disposisi")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.box)
        self.resize(520, 320)

    def values(self) -> dict[str, object]:
        """Keyword arguments for ``buat_disposisi``."""
        return {
            "hal": self.hal.text(),
            "isi": self.isi.toPlainText(),
            "sifat": self.sifat.currentText(),
            "nomor_agenda": self.nomor_agenda.text(),
            "diteruskan_kepada": self.diteruskan.text(),
            "batas_tanggal": py_date(self.batas.date()),
        }
