"""The "Sambungan Basis Data" dialog: this workstation's own file, or the office's shared server.

The password goes to the user's password file (0600), never into the stored address; the
address is remembered for the next start. Shown when a server cannot be opened at start, and
with ``python main.py --sambungan``.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kinerja_app.errors import UserError
from kinerja_app.storage import credentials, server
from kinerja_app.storage.db import check_server


class SambunganDialog(QDialog):
    """Choose the database: the local file or a PostgreSQL server (address, account, password)."""

    def __init__(self, current: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sambungan Basis Data")
        self.result_url: str | None = None
        self.local = QRadioButton("Basis data di komputer ini saja (satu komputer)")
        self.shared = QRadioButton("Server bersama kantor (beberapa komputer)")
        self.host = QLineEdit()
        self.host.setPlaceholderText("mis. 192.168.1.10")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(server.DEFAULT_PORT)
        self.dbname = QLineEdit("kinerja")
        self.user = QLineEdit("kinerja_staf")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("kosongkan bila sudah tersimpan")
        self.status = QLabel()
        self.status.setWordWrap(True)
        test = QPushButton("Uji sambungan")
        test.clicked.connect(self.test)

        form = QFormLayout()
        form.addRow("Alamat server:", self.host)
        form.addRow("Port:", self.port)
        form.addRow("Nama basis data:", self.dbname)
        form.addRow("Akun server:", self.user)
        form.addRow("Kata sandi server:", self.password)
        self.server_box = QWidget()
        self.server_box.setLayout(form)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Simpan")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Batal")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.box = buttons

        layout = QVBoxLayout(self)
        layout.addWidget(self.local)
        layout.addWidget(self.shared)
        layout.addWidget(self.server_box)
        layout.addWidget(test)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.shared.toggled.connect(self.server_box.setEnabled)
        self.shared.toggled.connect(test.setEnabled)
        self._fill(current)

    def _fill(self, current: str | None) -> None:
        if current and server.is_server_url(current):
            try:
                address = server.parse_url(current)
            except UserError:
                address = None
            if address is not None:
                self.host.setText(address.host)
                self.port.setValue(address.port)
                self.dbname.setText(address.dbname)
                self.user.setText(address.user)
            self.shared.setChecked(True)
        else:
            self.local.setChecked(True)
            self.shared.toggled.emit(False)

    def url(self) -> str:
        """The address typed in (without password)."""
        host = self.host.text().strip()
        host = f"[{host}]" if ":" in host else host
        return f"postgresql://{self.user.text().strip()}@{host}:{self.port.value()}/{self.dbname.text().strip()}"

    def _store_password(self) -> server.ServerAddress:
        address = server.parse_url(self.url())
        if self.password.text():
            credentials.save_password(address, self.password.text())
            self.password.clear()
        return address

    def test(self) -> bool:
        """Try the typed server with the stored (or just typed) password; say how it went."""
        try:
            address = self._store_password()
            check_server(address.url)
        except UserError as exc:
            self.status.setText(str(exc))
            return False
        self.status.setText(f"Sambungan ke {address.label} berhasil.")
        return True

    def save(self) -> None:
        """Remember the choice; a server is tried first and kept only when it answers."""
        if self.local.isChecked():
            credentials.save_target(None)
            self.result_url = None
            self.accept()
            return
        if not self.test():
            return
        try:
            credentials.save_target(self.url())
        except UserError as exc:
            self.status.setText(str(exc))
            return
        self.result_url = self.url()
        self.accept()
