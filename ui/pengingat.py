"""Surat pengingat to every late OPD at once, in the order an office does it: print the copies
the Sekda signs, record them issued (each numbered, all dated the day they go out), then print
the issued, numbered letters for the OPDs and the file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kinerja_app.formatting import format_tanggal, format_tanggal_waktu
from kinerja_app.jadwal.tugas import MENUNGGU_PERBAIKAN, opd_terlambat
from kinerja_app.queries.pengumpulan import get_pengumpulan
from kinerja_app.queries.rekap import surat_keluar
from kinerja_app.storage.models import Periode, SuratKeluar
from kinerja_app.workflow.batas import terbitkan_pengingat
from kinerja_app.workflow.register import JenisSurat

from .cetak import berkas, cetak
from .context import UiContext
from .forms import date_edit, py_date


def pengingat_terbit(periode: Periode) -> dict[int, list[SuratKeluar]]:
    """The reminders issued in a period, per OPD (pengumpulan id), oldest first."""
    found: dict[int, list[SuratKeluar]] = {}
    for letter in reversed(surat_keluar(periode)):
        if letter.jenis == JenisSurat.PENGINGAT.value and letter.pengumpulan_id is not None:
            found.setdefault(int(letter.pengumpulan_id), []).append(letter)
    return found


class PengingatDialog(QDialog):
    """The late OPDs (all ticked) and the three acts of a reminder, numbered in their order."""

    def __init__(self, ctx: UiContext, periode: Periode, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.periode = periode
        self.active_dialog: QDialog | None = None
        self.setWindowTitle("Surat pengingat ke Perangkat Daerah yang terlambat")
        info = QLabel(
            "Perangkat Daerah di bawah melewati batas waktu penyampaian data atau perbaikan. "
            "Cetak surat untuk ditandatangani, catat terbitnya pada hari surat dikirim (setiap "
            "surat diberi nomor register), lalu cetak surat yang terbit untuk dikirim dan "
            "diarsipkan."
        )
        info.setWordWrap(True)
        self.daftar = QListWidget()
        self.daftar.setWordWrap(True)
        self.daftar.itemChanged.connect(lambda _item: self._update())
        self.tanggal = date_edit(not_future=True)
        self.tanggal.setToolTip("Tanggal surat pengingat: hari ditandatangani dan dikirim.")
        self.konsep_button = QPushButton("1. Cetak untuk ditandatangani…")
        self.terbit_button = QPushButton("2. Catat terbit (beri nomor)…")
        self.final_button = QPushButton("3. Cetak surat yang terbit…")
        for button in (self.konsep_button, self.terbit_button, self.final_button):
            button.setAutoDefault(False)
        self.konsep_button.clicked.connect(self.cetak_konsep)
        self.terbit_button.clicked.connect(self.terbitkan)
        self.final_button.clicked.connect(self.cetak_terbit)
        self.hasil = QLabel()
        self.hasil.setWordWrap(True)
        self.hasil.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Tutup")
        close.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Tanggal surat:", self.tanggal)
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addWidget(self.daftar, 1)
        layout.addLayout(form)
        for button in (self.konsep_button, self.terbit_button, self.final_button):
            layout.addWidget(button)
        layout.addWidget(self.hasil)
        layout.addWidget(close)
        self.resize(640, 520)
        self.muat()

    def muat(self) -> None:
        """List the late OPDs, each ticked, with the deadline missed and earlier reminders."""
        issued = pengingat_terbit(self.periode)
        self.daftar.blockSignals(True)
        self.daftar.clear()
        for task in opd_terlambat(self.periode):
            p = get_pengumpulan(task.objek_id) if task.objek_id else None
            if p is None:
                continue
            what = "perbaikan data" if task.jenis == MENUNGGU_PERBAIKAN else "data kinerja"
            text = f"{p.opd.nama} — {what}, batas {format_tanggal_waktu(task.jatuh_tempo)}"
            earlier = issued.get(p.id, [])
            if earlier:
                last = earlier[-1]
                text += f"; pengingat terakhir nomor {last.nomor} ({format_tanggal(last.tanggal)})"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.daftar.addItem(item)
        self.daftar.blockSignals(False)
        self._update()

    def dipilih(self) -> list[int]:
        """The ticked OPDs (pengumpulan ids)."""
        items = (self.daftar.item(i) for i in range(self.daftar.count()))
        return [
            int(item.data(Qt.ItemDataRole.UserRole))
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]

    def _update(self) -> None:
        ids = self.dipilih()
        issued = pengingat_terbit(self.periode)
        self.konsep_button.setEnabled(bool(ids))
        self.terbit_button.setEnabled(bool(ids))
        self.final_button.setEnabled(any(i in issued for i in ids))
        reason = "" if ids else "Centang paling sedikit satu Perangkat Daerah."
        for button in (self.konsep_button, self.terbit_button):
            button.setToolTip(reason)
        self.final_button.setToolTip(
            "" if self.final_button.isEnabled() else "Belum ada surat pengingat yang terbit."
        )

    def _cetak(self, title: str, make: Callable[[], Any]) -> None:
        dialog = cetak(self.ctx, self, title, make)
        if dialog is not None:
            self.active_dialog = dialog

    def cetak_konsep(self) -> None:
        """Step one: the clean copies for the Sekda to sign, number and date left open."""
        ids = self.dipilih()
        self._cetak(
            "Surat pengingat untuk ditandatangani",
            lambda: berkas().surat_pengingat(self.ctx.user, self.periode, ids, konsep=True),
        )

    def terbitkan(self) -> None:
        """Step two: the signed reminders go out today (or the chosen day): number each one."""
        ids = self.dipilih()
        day: dt.date = py_date(self.tanggal.date())
        if not ids or not self.ctx.dialogs.confirm(
            self,
            "Terbitkan surat pengingat",
            f"Catat {len(ids)} surat pengingat terbit tanggal {format_tanggal(day)}? Setiap "
            "surat diberi nomor register surat keluar sekarang.",
            "Terbitkan",
        ):
            return
        done = self.ctx.ops.run_action(
            self,
            "Terbitkan surat pengingat",
            terbitkan_pengingat,
            self.ctx.user,
            self.periode,
            ids=ids,
            tanggal=day,
        )
        if done is None:
            return
        issued = pengingat_terbit(self.periode)
        numbers = [
            f"{letter.nomor} ({letter.tujuan})"
            for pid in ids
            for letter in issued.get(pid, [])[-1:]
        ]
        self.hasil.setText("Terbit: " + "; ".join(numbers) + ".")
        self.muat()

    def cetak_terbit(self) -> None:
        """Step three: the issued reminders, numbered and dated, to send and to file."""
        issued = pengingat_terbit(self.periode)
        ids = [i for i in self.dipilih() if i in issued]
        self._cetak(
            "Surat pengingat",
            lambda: berkas().surat_pengingat(self.ctx.user, self.periode, ids),
        )
