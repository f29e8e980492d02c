"""Administrasi › Lanjutan: custom Word templates, predikat scale, idle lock, backups, tolerance."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kinerja_app.admin import settings
from kinerja_app.admin.master import simpan_pengaturan
from kinerja_app.assets import resource
from kinerja_app.documents import TEMPLATES

from ..context import UiContext
from ..widgets import right_aligned

TEMPLATE_LABELS = {
    "surat_permintaan": "Surat permintaan",
    "surat_pengingat": "Surat pengingat",
    "disposisi": "Lembar disposisi",
    "surat_pengantar": "Surat pengantar",
    "buku_ekspedisi": "Buku ekspedisi",
    "rekapitulasi": "Dokumen rekapitulasi",
}
PREDIKAT_ROWS = 5


class LanjutanPage(QWidget):
    """Settings an administrator changes rarely; each is checked by the core before it is stored."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.templates = {name: QLineEdit() for name in TEMPLATES}
        tpl_box = QGroupBox("Templat Word kustom (kosong: templat bawaan)")
        grid = QGridLayout(tpl_box)
        for row, (name, edit) in enumerate(self.templates.items()):
            edit.setPlaceholderText("templat bawaan")
            pick = QPushButton("Pilih…")
            pick.clicked.connect(lambda _=False, n=name: self.pick_template(n))
            reset = QPushButton("Bawaan")
            reset.clicked.connect(edit.clear)
            grid.addWidget(QLabel(TEMPLATE_LABELS.get(name, name) + ":"), row, 0)
            grid.addWidget(edit, row, 1)
            grid.addWidget(pick, row, 2)
            grid.addWidget(reset, row, 3)
        note = QLabel(
            "Templat kustom diperiksa sebelum disimpan: placeholder yang tidak dikenal ditolak. "
            f"Daftar placeholder ada di {resource('templates', 'README.md')}."
        )
        note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        note.setWordWrap(True)
        grid.addWidget(note, len(self.templates), 0, 1, 4)

        self.batas = [QDoubleSpinBox() for _ in range(PREDIKAT_ROWS)]
        self.nama = [QLineEdit() for _ in range(PREDIKAT_ROWS)]
        pred_box = QGroupBox("Skala predikat capaian (batas bawah, %)")
        pf = QFormLayout(pred_box)
        for spin, edit in zip(self.batas, self.nama, strict=True):
            spin.setRange(-1000.0, 1000.0)
            spin.setDecimals(1)
            band = QHBoxLayout()
            band.addWidget(spin)
            band.addWidget(edit, 1)
            pf.addRow("≥", band)

        self.kunci = QSpinBox()
        self.kunci.setRange(1, 240)
        self.kunci.setSuffix(" menit")
        self.cadangan = QSpinBox()
        self.cadangan.setRange(1, 365)
        self.cadangan.setSuffix(" cadangan")
        self.toleransi = QDoubleSpinBox()
        self.toleransi.setRange(0.0, 10.0)
        self.toleransi.setDecimals(2)
        self.toleransi.setSuffix(" poin")
        other = QGroupBox("Lainnya")
        of = QFormLayout(other)
        of.addRow("Kunci layar setelah tidak aktif:", self.kunci)
        of.addRow("Cadangan harian yang disimpan:", self.cadangan)
        of.addRow("Toleransi capaian tertulis vs dihitung:", self.toleransi)

        self.save_button = QPushButton("Simpan pengaturan lanjutan")
        self.save_button.clicked.connect(self.save)
        cols = QHBoxLayout()
        cols.addWidget(pred_box, 1)
        cols.addWidget(other, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(tpl_box)
        layout.addLayout(cols)
        layout.addLayout(right_aligned(self.save_button))
        layout.addStretch(1)

    def pick_template(self, name: str) -> None:
        path = self.ctx.dialogs.open_file(self, "Pilih templat Word", "Dokumen Word (*.docx)")
        if path is not None:
            self.templates[name].setText(str(path))

    def refresh(self) -> None:
        custom = settings.get("template_kustom")
        for name, edit in self.templates.items():
            edit.setText(str(custom.get(name, "")))
        bands = sorted(settings.get("predikat"), key=lambda b: b[0], reverse=True)
        for i in range(PREDIKAT_ROWS):
            lo, name = bands[i] if i < len(bands) else (0.0, "")
            self.batas[i].setValue(max(float(lo), -1000.0))
            self.nama[i].setText(str(name))
        self.kunci.setValue(int(settings.get("kunci_layar_menit")))
        self.cadangan.setValue(int(settings.get("cadangan_simpan")))
        self.toleransi.setValue(float(settings.get("toleransi_capaian")))

    def save(self) -> None:
        bands = [
            [spin.value(), edit.text().strip()]
            for spin, edit in zip(self.batas, self.nama, strict=True)
            if edit.text().strip()
        ]
        values = {
            "template_kustom": {
                n: e.text().strip() for n, e in self.templates.items() if e.text().strip()
            },
            "predikat": bands,
            "kunci_layar_menit": self.kunci.value(),
            "cadangan_simpan": self.cadangan.value(),
            "toleransi_capaian": self.toleransi.value(),
        }
        self.ctx.ops.run_action(self, "Simpan pengaturan", simpan_pengaturan, self.ctx.user, values)
