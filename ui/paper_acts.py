"""The paper acts of officials that the Tim records: "Catat tindakan manual".

The dialog offers only the acts the period's state allows now and preselects the one due
(the "Ya" of the waiting step); a note the act requires is required; a value the core refuses
leaves the dialog open with everything typed. A signature in SRIKANDI is recorded like a wet
one, with the number SRIKANDI gave the letter (its date is the day of the act).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kinerja_app.admin.pengguna import pejabat
from kinerja_app.queries.keadaan import Keadaan
from kinerja_app.queries.master import get_user
from kinerja_app.storage.models import User
from kinerja_app.storage.models.master import Role
from kinerja_app.storage.models.rekap import StatusRekap
from kinerja_app.storage.models.surat import StatusSurat

from .dialogs import DialogService
from .forms import (
    FormDialog,
    buttons,
    cek_waktu,
    datetime_edit,
    harus_diisi,
    note_edit,
    py_datetime,
)


@dataclass(frozen=True)
class PaperAct:
    """One act an official does on paper: its key, its label, whose it is, whether it needs a note."""

    key: str
    label: str
    role: Role
    catatan_wajib: bool
    catatan_label: str = "Catatan pejabat"


PAPER_ACTS: tuple[PaperAct, ...] = (
    PaperAct("disposisi", "Disposisi Kabag (langkah 1)", Role.KABAG, True, "Isi disposisi"),
    PaperAct("paraf_kabag", "Paraf Kabag pada draf (langkah 3, Ya)", Role.KABAG, False),
    PaperAct("kembali_kabag", "Draf dikembalikan Kabag (langkah 3, Tidak)", Role.KABAG, True),
    PaperAct("paraf_asisten", "Paraf Asisten pada draf (langkah 4, Ya)", Role.ASISTEN, False),
    PaperAct("kembali_asisten", "Draf dikembalikan Asisten (langkah 4, Tidak)", Role.ASISTEN, True),
    PaperAct("ttd_sekda", "Tanda tangan basah Sekda (langkah 5, Ya)", Role.SEKDA, False),
    PaperAct(
        "ttd_sekda_elektronik",
        "Tanda tangan elektronik Sekda di SRIKANDI (langkah 5, Ya)",
        Role.SEKDA,
        False,
    ),
    PaperAct("kembali_sekda", "Draf dikembalikan Sekda (langkah 5, Tidak)", Role.SEKDA, True),
    PaperAct("rekap_setuju", "Rekap disetujui Kabag (langkah 9, Ya)", Role.KABAG, False),
    PaperAct("rekap_kembali", "Rekap dikembalikan Kabag (langkah 9, Tidak)", Role.KABAG, True),
)
ACT = {a.key: a for a in PAPER_ACTS}
TIDAK_ADA_TINDAKAN = "Tidak ada tindakan pejabat yang menunggu dicatat pada langkah ini."

# The draft waiting for an official: the acts that official may do on it, "Ya" first.
_ON_DRAFT = {
    StatusSurat.MENUNGGU_KABAG: ("paraf_kabag", "kembali_kabag"),
    StatusSurat.MENUNGGU_ASISTEN: ("paraf_asisten", "kembali_asisten"),
    StatusSurat.MENUNGGU_SEKDA: ("ttd_sekda", "ttd_sekda_elektronik", "kembali_sekda"),
}


def acts_allowed(state: Keadaan | None) -> tuple[str, ...]:
    """The paper acts the period's state allows now, the one due first."""
    if state is None or state.terkunci:
        return ()
    if not state.ada_disposisi:
        return ("disposisi",)
    if state.status_surat in _ON_DRAFT and state.rancangan is not None:
        return _ON_DRAFT[state.status_surat]
    if state.status_rekap == StatusRekap.DIAJUKAN:
        return ("rekap_setuju", "rekap_kembali")
    return ()


class PaperActionDialog(FormDialog):
    """ "Catat tindakan manual": which paper act, which official, when, optional scan and note."""

    def __init__(
        self, dialogs: DialogService, state: Keadaan | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.dialogs = dialogs
        self.setWindowTitle("Catat tindakan manual pejabat")
        self.act = QComboBox()
        for key in acts_allowed(state):
            self.act.addItem(ACT[key].label, key)
        self.official = QComboBox()
        self.when = datetime_edit()
        self.srikandi = QLineEdit()
        self.srikandi.setPlaceholderText("nomor naskah yang diberikan SRIKANDI")
        self.srikandi_label = QLabel("Nomor SRIKANDI:")
        self.scan = QLineEdit()
        self.scan.setPlaceholderText("opsional: pindaian halaman yang diparaf/ditandatangani")
        pick = QPushButton("Pilih…")
        pick.setAutoDefault(False)
        pick.clicked.connect(self._pick_scan)
        scan_row = QHBoxLayout()
        scan_row.addWidget(self.scan, 1)
        scan_row.addWidget(pick)
        self.note = note_edit()
        self.note.setMinimumHeight(70)
        self.note_label = QLabel()
        info = QLabel(
            "Tindakan dicatat atas nama pejabat yang dipilih; riwayat menampilkan "
            "bahwa Anda yang mencatatnya. Hanya tindakan yang sedang ditunggu yang ditawarkan."
        )
        info.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Tindakan:", self.act)
        form.addRow("Pejabat:", self.official)
        form.addRow("Waktu tindakan:", self.when)
        form.addRow(self.srikandi_label, self.srikandi)
        form.addRow("Pindaian:", scan_row)
        form.addRow(self.note_label, self.note)
        self.box = buttons(self, "Catat")
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.box)
        self.act.currentIndexChanged.connect(self._act_changed)
        self._act_changed()
        self.resize(580, 380)

    def act_key(self) -> str:
        """The chosen paper act's key."""
        return str(self.act.currentData())

    def paper_act(self) -> PaperAct | None:
        """The chosen paper act (``None`` when none is allowed)."""
        return ACT.get(self.act_key())

    def role(self) -> Role:
        """The role of the chosen act's official."""
        act = self.paper_act()
        return act.role if act else Role.KABAG

    def _act_changed(self, *_: object) -> None:
        act = self.paper_act()
        self.official.clear()
        elektronik = act is not None and act.key == "ttd_sekda_elektronik"
        self.srikandi.setVisible(elektronik)
        self.srikandi_label.setVisible(elektronik)
        if act is None:
            return
        for user in pejabat(act.role):
            self.official.addItem(f"{user.nama} ({user.jabatan or act.role.label})", user.id)
        need = "wajib" if act.catatan_wajib else "boleh kosong"
        self.note_label.setText(f"{act.catatan_label} ({need}):")
        self.note.setPlaceholderText(
            "Tuliskan catatan pejabat sebagaimana di kertasnya."
            if act.catatan_wajib
            else "Boleh dikosongkan."
        )
        self.problem.hide()

    def _pick_scan(self) -> None:
        path = self.dialogs.open_file(self, "Pilih pindaian", "Pindaian (*.pdf *.jpg *.jpeg *.png)")
        if path:
            self.scan.setText(str(path))

    def official_user(self) -> User | None:
        """The chosen official."""
        uid = self.official.currentData()
        return get_user(int(uid)) if uid else None

    def scan_path(self) -> Path | None:
        """The chosen scan, or ``None``."""
        text = self.scan.text().strip()
        return Path(text) if text else None

    def periksa(self) -> tuple[str, QWidget | None] | None:
        act = self.paper_act()
        if act is None:
            return TIDAK_ADA_TINDAKAN, None
        if self.official.count() == 0:
            return (
                f"Belum ada pengguna yang memegang peran {act.role.label}; "
                "minta administrator menambahkannya.",
                self.official,
            )
        late = cek_waktu(py_datetime(self.when.dateTime()), "Waktu tindakan")
        if late:
            return late, self.when
        if act.key == "ttd_sekda_elektronik" and not self.nomor_srikandi():
            return (
                "Isi nomor naskah dari SRIKANDI (tertera pada surat elektroniknya).",
                self.srikandi,
            )
        scan = self.scan_path()
        if scan is not None and not scan.is_file():
            return f"Berkas pindaian {scan} tidak ditemukan.", self.scan
        if act.catatan_wajib:
            return harus_diisi(self.note, act.catatan_label)
        return None

    def nomor_srikandi(self) -> str:
        """The number SRIKANDI gave the electronically signed letter (else empty)."""
        return self.srikandi.text().strip() if self.act_key() == "ttd_sekda_elektronik" else ""

    def values(self) -> tuple[User | None, dt.datetime, Path | None, str]:
        """(official, when, scan, note)."""
        return (
            self.official_user(),
            py_datetime(self.when.dateTime()),
            self.scan_path(),
            self.note.toPlainText().strip(),
        )
