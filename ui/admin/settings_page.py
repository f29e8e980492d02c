"""Letterhead, signatories, number pattern, paper, and the working calendar with holidays."""

from __future__ import annotations

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from kinerja_app.admin import settings
from kinerja_app.admin.master import hapus_hari_libur, simpan_pengaturan, tambah_hari_libur
from kinerja_app.admin.pengguna import pejabat
from kinerja_app.formatting import HARI, format_nip, format_tanggal
from kinerja_app.queries.master import daftar_hari_libur
from kinerja_app.storage.models import HariLibur
from kinerja_app.storage.models.master import Role

from ..context import UiContext
from ..forms import date_edit, py_date
from ..table import Column, RecordTableModel
from ..widgets import make_table, right_aligned

KOP_FIELDS = (
    ("pemerintah", "Pemerintah"),
    ("instansi", "Instansi"),
    ("alamat", "Alamat"),
    ("kode_pos", "Kode pos"),
    ("telepon", "Telepon"),
    ("email", "Surel"),
    ("website", "Laman"),
)


class KopPage(QWidget):
    """Letterhead, signatories (from the accounts), number pattern, paper and font."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kop = {key: QLineEdit() for key, _ in KOP_FIELDS}
        self.tempat = QLineEdit()
        self.an_bupati = QCheckBox("Sekda menandatangani a.n. Bupati")
        self.nomor = QLineEdit()
        self.nomor.setToolTip(
            "Pola nomor surat; {urut} diganti nomor urut tahunan, mis. 000.8.6.3/{urut}/Org"
        )
        self.kertas = QComboBox()
        self.kertas.addItems(["A4", "F4"])
        self.font_name = QLineEdit()
        self.font_size = QSpinBox()
        self.font_size.setRange(8, 16)
        self.margins = {k: QSpinBox() for k in ("atas", "bawah", "kiri", "kanan")}
        for box in self.margins.values():
            box.setRange(5, 60)
            box.setSuffix(" mm")
        kop_box = QGroupBox("Kop surat")
        kf = QFormLayout(kop_box)
        for key, label in KOP_FIELDS:
            kf.addRow(f"{label}:", self.kop[key])
        self.logo = QLineEdit()
        self.logo.setPlaceholderText("lambang bawaan (pengganti sementara)")
        self.logo_pick = QPushButton("Pilih…")
        self.logo_pick.clicked.connect(self.pick_logo)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo, 1)
        logo_row.addWidget(self.logo_pick)
        kf.addRow("Lambang:", logo_row)
        letter_box = QGroupBox("Surat")
        lf = QFormLayout(letter_box)
        lf.addRow("Tempat surat:", self.tempat)
        lf.addRow("", self.an_bupati)
        lf.addRow("Pola nomor surat:", self.nomor)
        lf.addRow("Ukuran kertas:", self.kertas)
        font_row = QHBoxLayout()
        font_row.addWidget(self.font_name)
        font_row.addWidget(self.font_size)
        lf.addRow("Huruf:", font_row)
        margin_row = QHBoxLayout()
        for key, box in self.margins.items():
            margin_row.addWidget(QLabel(key.capitalize()))
            margin_row.addWidget(box)
        lf.addRow("Margin:", margin_row)
        self.signatories = QLabel()
        self.signatories.setWordWrap(True)
        sign_box = QGroupBox(
            "Penandatangan dan pemaraf (diambil dari akun pengguna; ubah di halaman Pengguna)"
        )
        QVBoxLayout(sign_box).addWidget(self.signatories)
        self.save_button = QPushButton("Simpan pengaturan surat")
        self.save_button.clicked.connect(self.save)
        cols = QHBoxLayout()
        cols.addWidget(kop_box, 1)
        cols.addWidget(letter_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(cols)
        layout.addWidget(sign_box)
        layout.addLayout(right_aligned(self.save_button))
        layout.addStretch(1)

    def pick_logo(self) -> None:
        path = self.ctx.dialogs.open_file(self, "Pilih lambang", "Gambar (*.png *.jpg *.jpeg)")
        if path is not None:
            self.logo.setText(str(path))

    def refresh(self) -> None:
        kop = settings.get("kop")
        for key, edit in self.kop.items():
            edit.setText(str(kop.get(key, "")))
        self.logo.setText(str(kop.get("logo", "")))
        self.tempat.setText(settings.get("tempat_surat"))
        self.an_bupati.setChecked(bool(settings.get("an_bupati")))
        self.nomor.setText(settings.get("nomor_pola"))
        self.kertas.setCurrentText(settings.get("kertas"))
        font = settings.get("font")
        self.font_name.setText(font["nama"])
        self.font_size.setValue(int(font["ukuran"]))
        for key, value in settings.get("margin_mm").items():
            if key in self.margins:
                self.margins[key].setValue(int(value))
        lines = []
        for role in (Role.SEKDA, Role.ASISTEN, Role.KABAG):
            people = list({u.id: u for u in pejabat(role)}.values())
            names = "; ".join(
                f"{u.nama}{', NIP ' + format_nip(u.nip) if u.nip else ''}{', ' + u.pangkat if u.pangkat else ''}"
                for u in people
            )
            lines.append(f"<b>{role.label}</b>: {names or '<i>belum ada akun</i>'}")
        self.signatories.setText("<br>".join(lines))

    def save(self) -> None:
        kop = settings.get("kop")
        kop.update({key: edit.text().strip() for key, edit in self.kop.items()})
        kop["logo"] = self.logo.text().strip()
        values = {
            "kop": kop,
            "tempat_surat": self.tempat.text().strip(),
            "an_bupati": self.an_bupati.isChecked(),
            "nomor_pola": self.nomor.text().strip(),
            "kertas": self.kertas.currentText(),
            "font": {
                "nama": self.font_name.text().strip() or "Arial",
                "ukuran": self.font_size.value(),
            },
            "margin_mm": {k: b.value() for k, b in self.margins.items()},
        }
        self.ctx.ops.run_action(self, "Simpan pengaturan", simpan_pengaturan, self.ctx.user, values)


class LiburModel(RecordTableModel[HariLibur]):
    """Extra holidays (cuti bersama, regional)."""

    TANGGAL, NAMA = range(2)
    columns = (
        Column("Tanggal", lambda h: format_tanggal(h.tanggal, hari=True), key=lambda h: h.tanggal),
        Column("Keterangan", lambda h: h.nama),
    )


class KalenderPage(QWidget):
    """Working days and hours, and the list of extra holidays."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.days = [QCheckBox(name) for name in HARI]
        self.start = QTimeEdit()
        self.end = QTimeEdit()
        for edit in (self.start, self.end):
            edit.setDisplayFormat("HH.mm")
        self.save_button = QPushButton("Simpan kalender kerja")
        hours = QGroupBox("Hari dan jam kerja")
        hf = QFormLayout(hours)
        day_row = QHBoxLayout()
        for box in self.days:
            day_row.addWidget(box)
        hf.addRow("Hari kerja:", day_row)
        hf.addRow("Jam mulai:", self.start)
        hf.addRow("Jam selesai:", self.end)
        hf.addRow("", self.save_button)
        self.model = LiburModel(self)
        self.table = make_table()
        self.table.setModel(self.model)
        self.date = date_edit()
        self.name = QLineEdit()
        self.name.setPlaceholderText("mis. Cuti bersama Idulfitri")
        self.add_button = QPushButton("Tambah")
        self.del_button = QPushButton("Hapus yang dipilih")
        add_row = QHBoxLayout()
        add_row.addWidget(self.date)
        add_row.addWidget(self.name, 1)
        add_row.addWidget(self.add_button)
        add_row.addWidget(self.del_button)
        holidays = QGroupBox("Cuti bersama dan libur daerah (hari libur nasional sudah otomatis)")
        hl = QVBoxLayout(holidays)
        hl.addWidget(self.table)
        hl.addLayout(add_row)
        layout = QVBoxLayout(self)
        layout.addWidget(hours)
        layout.addWidget(holidays, 1)
        self.save_button.clicked.connect(self.save)
        self.add_button.clicked.connect(self.add)
        self.del_button.clicked.connect(self.delete)

    def refresh(self) -> None:
        conf = settings.get("kalender")
        for i, box in enumerate(self.days):
            box.setChecked(i in conf["hari_kerja"])
        for edit, text in ((self.start, conf["jam_mulai"]), (self.end, conf["jam_selesai"])):
            h, m = text.split(":")
            edit.setTime(QTime(int(h), int(m)))
        self.model.set_rows(daftar_hari_libur())
        self.table.resizeColumnsToContents()

    def save(self) -> None:
        days = [i for i, b in enumerate(self.days) if b.isChecked()]
        if not days:
            self.ctx.dialogs.warning(
                self, "Kalender kerja", "Pilih paling sedikit satu hari kerja."
            )
            return
        if self.end.time() <= self.start.time():
            self.ctx.dialogs.warning(self, "Kalender kerja", "Jam selesai harus sesudah jam mulai.")
            return
        value = {
            "hari_kerja": days,
            "jam_mulai": self.start.time().toString("HH:mm"),
            "jam_selesai": self.end.time().toString("HH:mm"),
        }
        self.ctx.ops.run_action(
            self, "Simpan kalender", simpan_pengaturan, self.ctx.user, {"kalender": value}
        )

    def add(self) -> None:
        self.ctx.ops.run_action(
            self,
            "Tambah hari libur",
            tambah_hari_libur,
            self.ctx.user,
            py_date(self.date.date()),
            self.name.text(),
        )

    def delete(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        record = self.model.row_at(rows[0].row()) if rows else None
        if record is not None:
            self.ctx.ops.run_action(
                self, "Hapus hari libur", hapus_hari_libur, self.ctx.user, record
            )
