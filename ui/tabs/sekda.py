"""Sekretaris Daerah: sign the letter (conventional or electronic) or return it (step 5)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kinerja_app.jadwal.tugas import Tugas
from kinerja_app.storage.models import Periode
from kinerja_app.storage.models.master import Role
from kinerja_app.storage.models.surat import CaraTtd, StatusSurat
from kinerja_app.workflow.common import Area
from kinerja_app.workflow.paraf import kembalikan_rancangan
from kinerja_app.workflow.tandatangan import sekda_tandatangani

from ..cetak import berkas
from ..details import surat_html
from ..dialogs import DialogService
from ..forms import FormDialog, buttons
from ..widgets import set_action_enabled
from .base import RoleTab


class TandaTanganDialog(FormDialog):
    """The Sekda signs version ``versi``: SRIKANDI number (electronic) and an optional scan."""

    def __init__(
        self, dialogs: DialogService, versi: int, cara: CaraTtd, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.dialogs = dialogs
        self.cara = cara
        elektronik = cara == CaraTtd.ELEKTRONIK
        self.setWindowTitle("Tanda tangan elektronik" if elektronik else "Tandatangani surat")
        info = QLabel(
            f"Tandatangani surat (draf versi {versi}) "
            + ("secara elektronik melalui SRIKANDI." if elektronik else "secara konvensional.")
            + " Nomor surat diberikan sekarang."
        )
        info.setWordWrap(True)
        self.srikandi = QLineEdit()
        self.srikandi.setPlaceholderText("nomor dokumen di SRIKANDI")
        self.scan = QLineEdit()
        self.scan.setPlaceholderText("opsional: pindaian surat yang sudah ditandatangani")
        self.pick_button = QPushButton("Pilih…")
        self.pick_button.setAutoDefault(False)
        self.pick_button.clicked.connect(self._pick_scan)
        scan_row = QHBoxLayout()
        scan_row.addWidget(self.scan, 1)
        scan_row.addWidget(self.pick_button)
        form = QFormLayout()
        if elektronik:
            form.addRow("Nomor SRIKANDI:", self.srikandi)
        form.addRow("Pindaian:", scan_row)
        self.box = buttons(self, "Tandatangani")
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.box)
        self.resize(520, 0)

    def _pick_scan(self) -> None:
        path = self.dialogs.open_file(
            self, "Pilih pindaian surat", "Pindaian (*.pdf *.jpg *.jpeg *.png)"
        )
        if path:
            self.scan.setText(str(path))

    def nomor_srikandi(self) -> str | None:
        """The SRIKANDI number (electronic signature only)."""
        if self.cara != CaraTtd.ELEKTRONIK:
            return None
        return self.srikandi.text().strip() or None

    def scan_path(self) -> Path | None:
        """The chosen scan, or ``None``."""
        text = self.scan.text().strip()
        return Path(text) if text else None

    def periksa(self) -> tuple[str, QWidget | None] | None:
        if self.cara == CaraTtd.ELEKTRONIK and not self.nomor_srikandi():
            return "Isi nomor dokumen SRIKANDI terlebih dahulu.", self.srikandi
        scan = self.scan_path()
        if scan is not None and not scan.is_file():
            return f"Berkas pindaian {scan} tidak ditemukan.", self.scan
        return None


class SekdaTab(RoleTab):
    """The Sekda's inbox and signature actions."""

    role = Role.SEKDA
    title = Role.SEKDA.label
    areas = frozenset({Area.SURAT})

    def build_actions(self) -> None:
        self.wet_button = self.add_button(
            "Tandatangani (konvensional)", Role.SEKDA, self.ttd_konvensional, shortcut="Ctrl+T"
        )
        self.e_button = self.add_button(
            "Tandatangani (elektronik)…", Role.SEKDA, self.ttd_elektronik
        )
        self.return_button = self.add_button(
            "Kembalikan dengan catatan", Role.SEKDA, self.kembalikan, shortcut="Ctrl+R"
        )
        self.print_button = self.add_button(
            "Cetak surat untuk ditandatangani", Role.SEKDA, self.cetak
        )

    def update_actions(self) -> None:
        s = self.state
        waiting = bool(s and s.surat_menunggu(StatusSurat.MENUNGGU_SEKDA) and s.rancangan)
        reason = "Tidak ada surat yang menunggu tanda tangan Sekda."
        for button in (self.wet_button, self.e_button, self.return_button, self.print_button):
            set_action_enabled(button, waiting, reason)

    def detail_html(self, periode: Periode, task: Tugas | None) -> str:
        return surat_html(periode, Role.SEKDA)

    def ttd_konvensional(self) -> None:
        self._ttd(CaraTtd.KONVENSIONAL)

    def ttd_elektronik(self) -> None:
        self._ttd(CaraTtd.ELEKTRONIK)

    def _ttd(self, cara: CaraTtd) -> None:
        if not (self.state and self.state.rancangan):
            return
        rancangan = self.state.rancangan
        self.show_dialog(
            TandaTanganDialog(self.ctx.dialogs, rancangan.versi, cara, self),
            lambda d: self.run_from(
                d,
                "Tandatangani surat",
                sekda_tandatangani,
                self.ctx.user,
                rancangan,
                cara=cara,
                nomor_srikandi=d.nomor_srikandi(),
                scan=d.scan_path(),
            ),
        )

    def kembalikan(self) -> None:
        if not (self.state and self.state.rancangan):
            return
        note = self.ctx.dialogs.ask_text(
            self,
            "Kembalikan dengan catatan",
            "Apa yang harus diperbaiki?",
            wajib=True,
            tombol="Kembalikan",
        )
        if note is not None:
            self.run(
                "Kembalikan draf",
                kembalikan_rancangan,
                self.ctx.user,
                self.state.rancangan,
                Role.SEKDA,
                note,
            )

    def cetak(self) -> None:
        if self.state and self.state.rancangan:
            rancangan = self.state.rancangan
            self.open_generated(
                "Cetak surat",
                lambda: berkas().surat_untuk_ditandatangani(self.ctx.user, rancangan),
            )
