"""Administrasi: only for the Administrator."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from kinerja_app.workflow.common import Area

from ..context import UiContext
from ..widgets import scrolling
from .lanjutan import LanjutanPage
from .opd import OpdPage
from .settings_page import KalenderPage, KopPage
from .users import UsersPage


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
        for page, title in (
            (self.users, "Pengguna dan peran"),
            (self.opd, "Perangkat Daerah"),
            (self.kop, "Kop surat, penomoran, dan kertas"),
            (self.kalender, "Kalender kerja"),
            (self.lanjutan, "Lanjutan"),
        ):
            self.pages.addTab(scrolling(page), title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.pages)
        ctx.bus.changed.connect(lambda c: self.refresh() if c.areas & self.areas else None)

    def refresh(self) -> None:
        for page in (self.users, self.opd, self.kop, self.kalender, self.lanjutan):
            page.refresh()
