"""Administrasi: only for the Administrator."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from kinerja_app.workflow.common import Area
from ui.admin.lanjutan import LanjutanPage
from ui.admin.opd import OpdPage
from ui.admin.settings_page import KalenderPage, KopPage
from ui.admin.users import UsersPage
from ui.context import UiContext


class AdminTab(QWidget):
    """Users & roles, the OPD list, letterhead & signatories, working calendar."""

    areas = frozenset({Area.PENGGUNA, Area.MASTER, Area.PENGATURAN})

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.users = UsersPage(ctx)
        self.opd = OpdPage(ctx)
        self.kop = KopPage(ctx)
        self.kalender = KalenderPage(ctx)
        self.lanjutan = LanjutanPage(ctx)
        self.pages = QTabWidget()
        self.pages.addTab(self.users, "Pengguna dan peran")
        self.pages.addTab(self.opd, "Perangkat Daerah")
        self.pages.addTab(self.kop, "Kop surat, penomoran, dan kertas")
        self.pages.addTab(self.kalender, "Kalender kerja")
        self.pages.addTab(self.lanjutan, "Lanjutan")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.pages)
        ctx.bus.changed.connect(lambda c: self.refresh() if c.areas & self.areas else None)

    def refresh(self) -> None:
        for page in (self.users, self.opd, self.kop, self.kalender, self.lanjutan):
            page.refresh()
