"""Kabag Organisasi: disposisi (1), paraf or return of the draft (3), review of the recap (9)."""

from __future__ import annotations

from kinerja_app.jadwal.tugas import Tugas
from kinerja_app.storage.models import Periode
from kinerja_app.storage.models.master import Role
from kinerja_app.storage.models.rekap import StatusRekap
from kinerja_app.storage.models.surat import StatusSurat
from kinerja_app.workflow.common import Area
from kinerja_app.workflow.disposisi import buat_disposisi
from kinerja_app.workflow.paraf import asisten_paraf, kabag_paraf, kembalikan_rancangan
from kinerja_app.workflow.rekap import review_rekap

from ..cetak import berkas
from ..details import rekap_html, surat_html
from ..forms import DisposisiDialog
from ..widgets import set_action_enabled
from .base import RoleTab


class ParafTab(RoleTab):
    """Shared by the Kabag and the Asisten: initial the current version or return it."""

    paraf_role: Role = Role.KABAG
    waiting: StatusSurat = StatusSurat.MENUNGGU_KABAG

    def add_paraf_buttons(self) -> None:
        self.paraf_button = self.add_button(
            "Setujui & Paraf", self.paraf_role, self.paraf, shortcut="Ctrl+P"
        )
        self.return_button = self.add_button(
            "Kembalikan dengan catatan", self.paraf_role, self.kembalikan, shortcut="Ctrl+R"
        )

    def update_paraf_buttons(self) -> None:
        s = self.state
        open_ = bool(s and s.surat_menunggu(self.waiting) and s.rancangan)
        reason = f"Tidak ada draf yang menunggu paraf {self.paraf_role.label}."
        set_action_enabled(self.paraf_button, open_, reason)
        set_action_enabled(self.return_button, open_, reason)

    def paraf(self) -> None:
        if not (self.state and self.state.rancangan):
            return
        versi = self.state.rancangan.versi
        if not self.ctx.dialogs.confirm(
            self,
            "Setujui & Paraf",
            f"Berikan paraf {self.paraf_role.label} pada draf versi {versi}?",
            "Paraf",
        ):
            return
        fn = kabag_paraf if self.paraf_role == Role.KABAG else asisten_paraf
        self.run("Setujui & Paraf", fn, self.ctx.user, self.state.rancangan)

    def kembalikan(self) -> None:
        if not (self.state and self.state.rancangan):
            return
        note = self.ctx.dialogs.ask_text(
            self,
            "Kembalikan dengan catatan",
            "Apa yang harus diperbaiki Tim Kinerja?",
            wajib=True,
            tombol="Kembalikan",
        )
        if note is None:
            return
        self.run(
            "Kembalikan draf",
            kembalikan_rancangan,
            self.ctx.user,
            self.state.rancangan,
            self.paraf_role,
            note,
        )


class KabagTab(ParafTab):
    """The Kabag's inbox and actions."""

    role = Role.KABAG
    title = Role.KABAG.label
    areas = frozenset({Area.DISPOSISI, Area.SURAT, Area.REKAP, Area.PENYAMPAIAN, Area.DISTRIBUSI})

    def build_actions(self) -> None:
        self.disposisi_button = self.add_button("Buat disposisi…", Role.KABAG, self.buat_disposisi)
        self.add_paraf_buttons()
        self.rekap_ok_button = self.add_button("Setujui rekap", Role.KABAG, self.setujui_rekap)
        self.rekap_back_button = self.add_button(
            "Kembalikan rekap dengan masukan", Role.KABAG, self.kembalikan_rekap
        )
        self.print_button = self.add_button(
            "Cetak lembar disposisi", Role.KABAG, self.cetak_disposisi
        )

    def update_actions(self) -> None:
        s = self.state
        open_period = bool(s and not s.terkunci)
        set_action_enabled(
            self.disposisi_button,
            open_period and not (s and s.ada_disposisi),
            "Disposisi periode ini sudah dibuat." if s else "Pilih periode.",
        )
        self.update_paraf_buttons()
        waiting = bool(s and s.status_rekap == StatusRekap.DIAJUKAN and not s.terkunci)
        set_action_enabled(self.rekap_ok_button, waiting, "Tidak ada rekap yang menunggu telaah.")
        set_action_enabled(self.rekap_back_button, waiting, "Tidak ada rekap yang menunggu telaah.")
        set_action_enabled(self.print_button, bool(s and s.ada_disposisi), "Belum ada disposisi.")

    def detail_html(self, periode: Periode, task: Tugas | None) -> str:
        if task is not None and task.langkah == 9:
            return rekap_html(periode)
        html = surat_html(periode, Role.KABAG)
        if self.state and self.state.rekap:
            html += "<hr>" + rekap_html(periode)
        return html

    def buat_disposisi(self) -> None:
        periode = self.periode()
        if periode is None:
            return

        def accept(dialog: DisposisiDialog) -> bool:
            return self.run_from(
                dialog, "Buat disposisi", buat_disposisi, self.ctx.user, periode, **dialog.values()
            )

        self.show_dialog(DisposisiDialog(periode.nama, self), accept)

    def setujui_rekap(self) -> None:
        if not (self.state and self.state.rekap):
            return
        note = self.ctx.dialogs.ask_text(
            self, "Setujui rekap", "Masukan atau catatan (boleh kosong):", tombol="Setujui"
        )
        if note is None:
            return
        self.run("Setujui rekap", review_rekap, self.ctx.user, self.state.rekap, True, note)

    def kembalikan_rekap(self) -> None:
        if not (self.state and self.state.rekap):
            return
        note = self.ctx.dialogs.ask_text(
            self,
            "Kembalikan rekap",
            "Masukan Kabag untuk Tim Kinerja:",
            wajib=True,
            tombol="Kembalikan",
        )
        if note is None:
            return
        self.run("Kembalikan rekap", review_rekap, self.ctx.user, self.state.rekap, False, note)

    def cetak_disposisi(self) -> None:
        periode = self.periode()
        if periode is None:
            return
        from kinerja_app.queries.surat import disposisi_terakhir

        disp = disposisi_terakhir(periode)
        if disp is not None:
            self.open_generated(
                "Cetak lembar disposisi",
                lambda: berkas().lembar_disposisi(self.ctx.user, disp),
            )
