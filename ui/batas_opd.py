"""The two recorded acts that change one OPD's deadline, each stated by its own numbered letter:
data returned for correction (the findings letter, with the correction deadline the Tim
chooses) and an extension of the deadline (the Sekda's letter)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kinerja_app.clock import today
from kinerja_app.formatting import format_tanggal, format_tanggal_waktu
from kinerja_app.workflow.batas import batas_perbaikan_baku

from .forms import FormDialog, buttons, date_edit, harus_diisi, note_edit, py_date, qdate


class KembalikanDataDialog(FormDialog):
    """Step 8 "not valid": the note printed in the findings letter, the letter's date and the
    correction deadline (by default the SOP's standard time of step 7 from the letter's date)."""

    def __init__(
        self,
        opd: str,
        revisi: int,
        diterima: dt.datetime,
        temuan: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Kembalikan untuk perbaikan — {opd}")
        self.diterima = diterima.date()
        info = QLabel(
            f"Data revisi {revisi} diterima {format_tanggal_waktu(diterima)}. "
            + (
                f"{temuan} temuan verifikasi dicantumkan dalam tabel surat hasil verifikasi."
                if temuan
                else "Tidak ada temuan otomatis; tuliskan yang harus diperbaiki."
            )
            + " Surat diberi nomor register saat disimpan."
        )
        info.setWordWrap(True)
        self.note = note_edit(placeholder="wajib diisi: apa yang harus diperbaiki")
        self.note.setMinimumHeight(90)
        self.tanggal = date_edit(not_future=True)
        self.tanggal.setMinimumDate(qdate(min(self.diterima, today())))
        self.batas = date_edit(batas_perbaikan_baku(py_date(self.tanggal.date())))
        self.batas_typed = False
        self.batas.dateChanged.connect(self._batas_typed)
        self.tanggal.dateChanged.connect(self._tanggal_changed)
        self.print_after = QCheckBox("Cetak surat hasil verifikasi sesudah disimpan")
        self.print_after.setChecked(True)
        form = QFormLayout()
        form.addRow("Catatan verifikasi:", self.note)
        form.addRow("Tanggal surat:", self.tanggal)
        form.addRow("Batas perbaikan:", self.batas)
        form.addRow("", self.print_after)
        self.box = buttons(self, "Kembalikan")
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.box)
        self.resize(600, 380)

    def _batas_typed(self, *_: object) -> None:
        self.batas_typed = True

    def _tanggal_changed(self, *_: object) -> None:
        """A later letter moves the proposed deadline with it, unless the Tim chose one."""
        if self.batas_typed:
            return
        self.batas.blockSignals(True)
        self.batas.setDate(qdate(batas_perbaikan_baku(py_date(self.tanggal.date()))))
        self.batas.blockSignals(False)

    def periksa(self) -> tuple[str, QWidget | None] | None:
        missing = harus_diisi(self.note, "Catatan verifikasi")
        if missing:
            return missing
        if py_date(self.batas.date()) < py_date(self.tanggal.date()):
            return "Batas perbaikan tidak boleh sebelum tanggal surat.", self.batas
        return None

    def values(self) -> dict[str, Any]:
        """The keyword arguments of ``kembalikan_data`` after the revision."""
        return {
            "catatan": self.note.toPlainText().strip(),
            "batas_perbaikan": py_date(self.batas.date()),
            "tanggal_surat": py_date(self.tanggal.date()),
        }


class PerpanjangBatasDialog(FormDialog):
    """An extension of one OPD's deadline granted by the Sekda: the new deadline, the letter's
    date (and SRIKANDI number when signed there) and the reason printed in it."""

    def __init__(self, opd: str, batas: dt.datetime | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Perpanjang batas waktu — {opd}")
        self.lama = batas.date() if batas else None
        info = QLabel(
            (f"Batas waktu yang berlaku: {format_tanggal(self.lama)}. " if self.lama else "")
            + "Perpanjangan dinyatakan dengan surat Sekretaris Daerah yang diberi nomor "
            "register saat disimpan."
        )
        info.setWordWrap(True)
        start = max(self.lama or today(), today())
        self.batas = date_edit(start + dt.timedelta(days=7))
        self.tanggal = date_edit(not_future=True)
        self.srikandi = QLineEdit()
        self.srikandi.setPlaceholderText("kosongkan bila ditandatangani basah")
        self.alasan = note_edit(placeholder="wajib diisi: dicetak pada surat perpanjangan")
        self.alasan.setMinimumHeight(80)
        self.print_after = QCheckBox("Cetak surat perpanjangan sesudah disimpan")
        self.print_after.setChecked(True)
        form = QFormLayout()
        form.addRow("Batas waktu baru:", self.batas)
        form.addRow("Tanggal surat:", self.tanggal)
        form.addRow("Nomor SRIKANDI:", self.srikandi)
        form.addRow("Alasan:", self.alasan)
        form.addRow("", self.print_after)
        self.box = buttons(self, "Perpanjang")
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.box)
        self.resize(600, 400)

    def periksa(self) -> tuple[str, QWidget | None] | None:
        missing = harus_diisi(self.alasan, "Alasan")
        if missing:
            return missing
        if self.lama and py_date(self.batas.date()) <= self.lama:
            return (
                f"Batas baru harus sesudah batas yang berlaku ({format_tanggal(self.lama)}).",
                self.batas,
            )
        return None

    def values(self) -> dict[str, Any]:
        """The keyword arguments of ``perpanjang_batas`` after the OPD."""
        return {
            "batas": py_date(self.batas.date()),
            "alasan": self.alasan.toPlainText().strip(),
            "tanggal": py_date(self.tanggal.date()),
            "nomor_srikandi": self.srikandi.text().strip() or None,
        }
