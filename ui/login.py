"""First start (create the administrator), login, and unlocking an idle session."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kinerja_app.admin.pengguna import DataPengguna, buat_admin_pertama, cek_kata_sandi, masuk
from kinerja_app.errors import UserError
from kinerja_app.storage.models import User
from kinerja_app.storage.models.master import Role

from .forms import buttons


def _error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet("color:#b02a37")
    label.setWordWrap(True)
    label.hide()
    return label


class LoginDialog(QDialog):
    """Username and password; errors from ``masuk`` shown inline. ``user`` is set on success."""

    def __init__(
        self, parent: QWidget | None = None, *, demo_accounts: dict[str, str] | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Masuk — Kinerja")
        self.user: User | None = None
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = _error_label()
        form = QFormLayout()
        form.addRow("Nama pengguna:", self.username)
        form.addRow("Kata sandi:", self.password)
        self.box = buttons(self, "Masuk")
        self.box.accepted.disconnect()
        self.box.accepted.connect(self.try_login)
        layout = QVBoxLayout(self)
        title = QLabel(
            "<b>Pengumpulan Data Kinerja</b><br>Bagian Organisasi Setda Kabupaten Lamandau"
        )
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.error)
        if demo_accounts:
            names = ", ".join(sorted(demo_accounts))
            password = next(iter(demo_accounts.values()))
            demo = QLabel(
                f"<b>Mode demo.</b> Akun: {names}.<br>Kata sandi semua akun: <code>{password}</code>"
            )
            demo.setWordWrap(True)
            demo.setStyleSheet("background:#fff3cd; padding:6px")
            demo.setMinimumHeight(demo.heightForWidth(400) + 16)  # wrapped text needs its height
            layout.addWidget(demo)
        layout.addWidget(self.box)
        self.resize(440, 0)

    def try_login(self) -> None:
        """Call ``masuk``; accept on success, show the error inline otherwise."""
        try:
            self.user = masuk(self.username.text(), self.password.text())
        except UserError as exc:
            self.error.setText(str(exc))
            self.error.show()
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()


class FirstAdminDialog(QDialog):
    """First start: create the administrator account."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Mulai — buat akun Administrator")
        self.user: User | None = None
        self.username = QLineEdit("admin")
        self.nama = QLineEdit()
        self.nip = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = _error_label()
        form = QFormLayout()
        form.addRow("Nama pengguna:", self.username)
        form.addRow("Nama lengkap:", self.nama)
        form.addRow("NIP (boleh kosong):", self.nip)
        form.addRow("Kata sandi:", self.password)
        form.addRow("Ulangi kata sandi:", self.repeat)
        self.box = buttons(self, "Buat administrator")
        self.box.accepted.disconnect()
        self.box.accepted.connect(self.create_admin)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Basis data ini belum memiliki pengguna. Buat akun Administrator yang akan mengatur "
            "pengguna, daftar Perangkat Daerah, dan kop surat."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.box)

    def create_admin(self) -> None:
        if self.password.text() != self.repeat.text():
            self.error.setText("Kedua kata sandi tidak sama.")
            self.error.show()
            return
        try:
            data = DataPengguna(
                self.username.text(), self.nama.text(), frozenset({Role.ADMIN}), nip=self.nip.text()
            )
            self.user = buat_admin_pertama(data, self.password.text())
        except UserError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.accept()


class UnlockDialog(QDialog):
    """The screen locked after idle time: the same user re-enters the password, or someone
    else signs in ("Ganti pengguna", the dialog ends with :attr:`GANTI`): on a shared office
    computer the next person must not be stuck behind the last one's lock."""

    GANTI = 2  # exec()'s result when "Ganti pengguna…" was chosen

    def __init__(self, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.user = user
        self.setWindowTitle("Layar terkunci")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = _error_label()
        self.setMinimumWidth(460)  # a long name and the two-line Esc message both fit
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"Layar dikunci karena tidak ada aktivitas.<br>Masukkan kata sandi <b>{user.nama}</b>."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self.password)
        layout.addWidget(self.error)
        self.box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.box.button(QDialogButtonBox.StandardButton.Ok).setText("Buka")
        self.box.accepted.connect(self.check)
        self.switch = self.box.addButton("Ganti pengguna…", QDialogButtonBox.ButtonRole.ResetRole)
        self.switch.setAutoDefault(False)
        self.switch.clicked.connect(lambda: self.done(self.GANTI))
        layout.addWidget(self.box)

    def check(self) -> None:
        try:
            cek_kata_sandi(self.user, self.password.text())
        except UserError as exc:
            self._say(str(exc))
            self.password.clear()
            return
        self.accept()

    def reject(self) -> None:  # Esc must not unlock
        self._say(
            "Masukkan kata sandi untuk melanjutkan, atau pilih Ganti pengguna bila Anda orang lain."
        )

    def _say(self, text: str) -> None:
        """Show why it stays locked; the dialog grows so no line is cut."""
        self.error.setText(text)
        self.error.show()
        self.adjustSize()
