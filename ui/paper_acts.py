"""The paper acts of officials that the Tim records: "Catat tindakan manual"."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kinerja_app.admin.pengguna import pejabat
from kinerja_app.queries.master import get_user
from kinerja_app.storage.models import User
from kinerja_app.storage.models.master import Role
from ui.dialogs import DialogService
from ui.forms import buttons, datetime_edit, py_datetime

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
