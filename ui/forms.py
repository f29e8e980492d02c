"""Small forms opened from the tabs: disposisi, an official's paper action, a note."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, QLocale
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kinerja_app import clock
from kinerja_app.admin.pengguna import pejabat
from kinerja_app.documents.context import SIFAT
from kinerja_app.queries.master import get_user
from kinerja_app.storage.models import User
from kinerja_app.storage.models.master import Role
from ui.dialogs import DialogService

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
        self.sifat.addItems(list(SIFAT))
        self.sifat.setCurrentText("Biasa")
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


# The paper acts a Tim member may record for an official: (label, role, needs a note)
PAPER_ACTS: tuple[tuple[str, str, Role, bool], ...] = (
    ("disposisi", "Disposisi Kabag (langkah 1)", Role.KABAG, True),
    ("paraf_kabag", "Paraf Kabag pada draf (langkah 3, Ya)", Role.KABAG, False),
    ("kembali_kabag", "Draf dikembalikan Kabag (langkah 3, Tidak)", Role.KABAG, True),
    ("paraf_asisten", "Paraf Asisten pada draf (langkah 4, Ya)", Role.ASISTEN, False),
    ("kembali_asisten", "Draf dikembalikan Asisten (langkah 4, Tidak)", Role.ASISTEN, True),
    ("ttd_sekda", "Tanda tangan basah Sekda (langkah 5, Ya)", Role.SEKDA, False),
    ("kembali_sekda", "Draf dikembalikan Sekda (langkah 5, Tidak)", Role.SEKDA, True),
    ("rekap_setuju", "Rekap disetujui Kabag (langkah 9, Ya)", Role.KABAG, False),
    ("rekap_kembali", "Rekap dikembalikan Kabag (langkah 9, Tidak)", Role.KABAG, True),
)


class PaperActionDialog(QDialog):
    """ "Catat tindakan manual": which paper act, which official, when, optional scan and note."""

    def __init__(
        self, dialogs: DialogService, parent: QWidget | None = None, *, only: str | None = None
    ) -> None:
        super().__init__(parent)
        self.dialogs = dialogs
        self.setWindowTitle("Catat tindakan manual pejabat")
        self.act = QComboBox()
        for key, label, _role, _note in PAPER_ACTS:
            if only is None or key == only:
                self.act.addItem(label, key)
        self.official = QComboBox()
        self.when = datetime_edit()
        self.scan = QLineEdit()
        self.scan.setPlaceholderText("opsional: pindaian halaman yang diparaf/ditandatangani")
        pick = QPushButton("Pilih…")
        pick.clicked.connect(self._pick_scan)
        scan_row = QHBoxLayout()
        scan_row.addWidget(self.scan, 1)
        scan_row.addWidget(pick)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("Catatan pejabat (wajib untuk pengembalian dan disposisi)")
        self.note.setMaximumHeight(90)
        info = QLabel(
            "Tindakan dicatat atas nama pejabat yang dipilih; riwayat menampilkan "
            "bahwa Anda yang mencatatnya."
        )
        info.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Tindakan:", self.act)
        form.addRow("Pejabat:", self.official)
        form.addRow("Waktu tindakan:", self.when)
        form.addRow("Pindaian:", scan_row)
        form.addRow("Catatan:", self.note)
        self.box = buttons(self, "Catat")
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addLayout(form)
        layout.addWidget(self.box)
        self.act.currentIndexChanged.connect(self._fill_officials)
        self._fill_officials()
        self.resize(560, 360)

    def act_key(self) -> str:
        """The chosen paper act's key."""
        return str(self.act.currentData())

    def role(self) -> Role:
        """The role of the chosen act's official."""
        return next(r for k, _l, r, _n in PAPER_ACTS if k == self.act_key())

    def _fill_officials(self, *_: object) -> None:
        self.official.clear()
        for user in pejabat(self.role()):
            self.official.addItem(f"{user.nama} ({user.jabatan or self.role().label})", user.id)

    def _pick_scan(self) -> None:
        path = self.dialogs.open_file(self, "Pilih pindaian", "Pindaian (*.pdf *.jpg *.jpeg *.png)")
        if path:
            self.scan.setText(str(path))

    def official_user(self) -> User | None:
        """The chosen official."""
        uid = self.official.currentData()
        return get_user(int(uid)) if uid else None

    def values(self) -> tuple[User | None, dt.datetime, Path | None, str]:
        """(official, when, scan, note)."""
        scan = Path(self.scan.text()) if self.scan.text().strip() else None
        return (
            self.official_user(),
            py_datetime(self.when.dateTime()),
            scan,
            self.note.toPlainText().strip(),
        )
