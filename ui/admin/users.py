"""Users and roles (a user may hold several roles)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kinerja_app.admin.pengguna import DataPengguna, buka_blokir, daftar_pengguna, simpan_pengguna
from kinerja_app.formatting import format_nip
from kinerja_app.storage.models import User
from kinerja_app.storage.models.master import Role

from ..context import UiContext
from ..table import Column, RecordTableModel
from ..widgets import list_and_form, make_table


class UserModel(RecordTableModel[User]):
    """Accounts with their roles."""

    USERNAME, NAMA, NIP, JABATAN, PERAN, AKTIF = range(6)
    columns = (
        Column("Nama pengguna", lambda u: u.username),
        Column("Nama", lambda u: u.nama),
        Column("NIP", lambda u: format_nip(u.nip)),
        Column("Jabatan", lambda u: u.jabatan),
        Column("Peran", lambda u: ", ".join(r.label for r in sorted(u.roles()))),
        Column(
            "Status",
            lambda u: (
                ("Aktif" if u.aktif else "Nonaktif") + (" · diblokir" if u.terkunci_sampai else "")
            ),
        ),
    )


class UsersPage(QWidget):
    """List of accounts and the form to create or edit one."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.editing: User | None = None
        self.model = UserModel(self)
        self.table = make_table()
        self.table.setModel(self.model)
        self.username = QLineEdit()
        self.nama = QLineEdit()
        self.nip = QLineEdit()
        self.nip.setPlaceholderText("18 angka, mis. 19780226 199703 1 002")
        self.jabatan = QLineEdit()
        self.pangkat = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("kosongkan bila tidak diganti")
        self.roles = {r: QCheckBox(r.label) for r in Role}
        self.aktif = QCheckBox("Akun aktif")
        self.aktif.setChecked(True)
        form = QFormLayout()
        form.addRow("Nama pengguna:", self.username)
        form.addRow("Nama lengkap dan gelar:", self.nama)
        form.addRow("NIP:", self.nip)
        form.addRow("Jabatan:", self.jabatan)
        form.addRow("Pangkat/golongan:", self.pangkat)
        form.addRow("Kata sandi:", self.password)
        roles_box = QVBoxLayout()
        for box in self.roles.values():
            roles_box.addWidget(box)
        form.addRow("Peran:", roles_box)
        form.addRow("", self.aktif)
        self.new_button = QPushButton("Pengguna baru")
        self.save_button = QPushButton("Simpan pengguna")
        self.unlock_button = QPushButton("Buka blokir")
        list_and_form(
            self, self.table, form, (self.new_button, self.unlock_button), self.save_button
        )
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._load_selected())
        self.new_button.clicked.connect(self.clear)
        self.save_button.clicked.connect(self.save)
        self.unlock_button.clicked.connect(self.unlock)

    def refresh(self) -> None:
        self.model.set_rows(daftar_pengguna())
        self.table.resizeColumnsToContents()

    def clear(self) -> None:
        """Empty the form for a new account."""
        self.table.clearSelection()
        self.editing = None
        for edit in (self.username, self.nama, self.nip, self.jabatan, self.pangkat, self.password):
            edit.clear()
        for box in self.roles.values():
            box.setChecked(False)
        self.aktif.setChecked(True)
        self.username.setFocus()

    def _load_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        user = self.model.row_at(rows[0].row()) if rows else None
        if user is None:
            return
        self.editing = user
        self.username.setText(user.username)
        self.nama.setText(user.nama)
        self.nip.setText(user.nip or "")
        self.jabatan.setText(user.jabatan)
        self.pangkat.setText(user.pangkat)
        self.password.clear()
        held = user.roles()
        for role, box in self.roles.items():
            box.setChecked(role in held)
        self.aktif.setChecked(bool(user.aktif))

    def save(self) -> None:
        data = DataPengguna(
            username=self.username.text(),
            nama=self.nama.text(),
            roles=frozenset(r for r, b in self.roles.items() if b.isChecked()),
            nip=self.nip.text(),
            jabatan=self.jabatan.text(),
            pangkat=self.pangkat.text(),
            aktif=self.aktif.isChecked(),
        )
        result = self.ctx.ops.run_action(
            self,
            "Simpan pengguna",
            simpan_pengguna,
            self.ctx.user,
            data,
            password=self.password.text() or None,
            user=self.editing,
        )
        if result is not None:
            self.password.clear()

    def unlock(self) -> None:
        if self.editing is not None:
            self.ctx.ops.run_action(self, "Buka blokir", buka_blokir, self.ctx.user, self.editing)
