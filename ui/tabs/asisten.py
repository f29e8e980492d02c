"""Asisten Administrasi Umum: paraf or return of the draft (step 4)."""

from __future__ import annotations

from kinerja_app.jadwal.tugas import Tugas
from kinerja_app.storage.models import Periode
from kinerja_app.storage.models.master import Role
from kinerja_app.storage.models.surat import StatusSurat
from kinerja_app.workflow.common import Area

from ..details import surat_html
from .kabag import ParafTab


class AsistenTab(ParafTab):
    """The Asisten's inbox and paraf actions."""

    role = Role.ASISTEN
    title = Role.ASISTEN.label
    areas = frozenset({Area.SURAT})
    paraf_role = Role.ASISTEN
    waiting = StatusSurat.MENUNGGU_ASISTEN

    def build_actions(self) -> None:
        self.add_paraf_buttons()

    def update_actions(self) -> None:
        self.update_paraf_buttons()

    def detail_html(self, periode: Periode, task: Tugas | None) -> str:
        return surat_html(periode, Role.ASISTEN)
