"""Sekretaris Daerah: sign the letter (conventional or electronic) or return it (step 5)."""

from __future__ import annotations

from kinerja_app.models import Periode
from kinerja_app.models.master import Role
from kinerja_app.models.surat import CaraTtd, StatusSurat
from kinerja_app.tugas import Tugas
from kinerja_app.workflow.common import Area
from kinerja_app.workflow.paraf import kembalikan_rancangan
from kinerja_app.workflow.tandatangan import sekda_tandatangani
from ui.details import surat_html
from ui.tabs.base import RoleTab, berkas_surat
from ui.widgets import set_action_enabled


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
        if not (self.state and self.state.rancangan):
            return
        if self.ctx.dialogs.confirm(
            self,
            "Tandatangani",
            f"Tandatangani surat (draf versi {self.state.rancangan.versi}) secara konvensional? Nomor surat diberikan sekarang.",
        ):
            self.run(
                "Tandatangani surat",
                sekda_tandatangani,
                self.ctx.user,
                self.state.rancangan,
                cara=CaraTtd.KONVENSIONAL,
            )

    def ttd_elektronik(self) -> None:
        if not (self.state and self.state.rancangan):
            return
        nomor = self.ctx.dialogs.ask_line(
            self, "Tanda tangan elektronik", "Nomor dokumen SRIKANDI:"
        )
        if nomor is None:
            return
        self.run(
            "Tandatangani surat",
            sekda_tandatangani,
            self.ctx.user,
            self.state.rancangan,
            cara=CaraTtd.ELEKTRONIK,
            nomor_srikandi=nomor,
        )

    def kembalikan(self) -> None:
        if not (self.state and self.state.rancangan):
            return
        note = self.ctx.dialogs.ask_text(
            self, "Kembalikan dengan catatan", "Apa yang harus diperbaiki?"
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
                "Cetak surat", lambda: berkas_surat().cetak_rancangan(rancangan, final=False)
            )
