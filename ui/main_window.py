"""The main window: the period overview above the role tabs; state kept in QSettings."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QVBoxLayout, QWidget

from kinerja_app.queries import periode as q_periode
from kinerja_app.storage.models.master import Role
from kinerja_app.workflow.common import Changes

from .context import UiContext
from .layar import ukuran_muat
from .lazy_tabs import LazyTabs
from .maintenance import MaintenanceActions
from .overview import PeriodOverview
from .pemberitahuan import Pemberitahuan

if TYPE_CHECKING:  # the tabs' modules load when a tab is first built
    from .tabs.arsip import ArsipTab
    from .tabs.asisten import AsistenTab
    from .tabs.kabag import KabagTab
    from .tabs.opd import OpdTab
    from .tabs.riwayat import RiwayatTab
    from .tabs.sekda import SekdaTab
    from .tabs.tim import TimTab

log = logging.getLogger(__name__)


def tab_factory(ctx: UiContext, module: str, name: str) -> Callable[[], QWidget]:
    """What builds a tab, importing its module (``.tabs.<module>``, relative: the wheel
    installs this package under another name) only then."""

    def build() -> QWidget:
        widget: QWidget = getattr(importlib.import_module(module, __package__), name)(ctx)
        return widget

    return build


def admin_tab(ctx: UiContext) -> Callable[[], QWidget]:
    """What builds the Administrasi tab (imported only then)."""

    def build() -> QWidget:
        from .admin.tab import AdminTab

        return AdminTab(ctx)

    return build


def rekap_tab(ctx: UiContext) -> QWidget:
    """The Rekapitulasi tab from ``ui/recap`` (another module), or a placeholder."""
    try:
        from .recap.tab import RekapTab

        return RekapTab(ctx)
    except Exception:  # the module may not exist yet or fail to build: keep the window usable
        log.warning("Tab Rekapitulasi belum tersedia", exc_info=True)
        label = QLabel("Tab Rekapitulasi belum tersedia pada versi ini.")
        label.setMargin(24)
        return label


class MainWindow(QMainWindow):
    """Overview + tabs; every tab refreshes itself from the change bus, and on a start, F5 or a
    period pick only the tab on screen reloads at once (the others when shown).

    Signals:
        ganti_pengguna(): "Ganti pengguna" was chosen; ``ui.app`` signs someone else in.
    """

    ganti_pengguna = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(f"Kinerja — Pengumpulan Data Kinerja · {ctx.user.nama}")
        self.overview = PeriodOverview(ctx)
        self.tabs = QTabWidget()
        self.pages = LazyTabs(self.tabs)
        self.on_lock: Callable[[], None] | None = None  # set by ui.app (idle lock)
        held = ctx.user.roles()
        pages: list[tuple[str, Callable[[], QWidget], str, Role | None]] = [
            ("kabag", tab_factory(ctx, ".tabs.kabag", "KabagTab"), "Kabag Organisasi", Role.KABAG),
            ("tim", tab_factory(ctx, ".tabs.tim", "TimTab"), "Tim Kinerja", Role.TIM),
            (
                "asisten",
                tab_factory(ctx, ".tabs.asisten", "AsistenTab"),
                "Asisten Administrasi Umum",
                Role.ASISTEN,
            ),
            ("sekda", tab_factory(ctx, ".tabs.sekda", "SekdaTab"), "Sekda", Role.SEKDA),
            ("opd", tab_factory(ctx, ".tabs.opd", "OpdTab"), "Perangkat Daerah", Role.TIM),
            ("rekap", lambda: rekap_tab(ctx), "Rekapitulasi", None),
            ("arsip", tab_factory(ctx, ".tabs.arsip", "ArsipTab"), "Arsip", None),
            ("riwayat", tab_factory(ctx, ".tabs.riwayat", "RiwayatTab"), "Riwayat", None),
        ]
        if ctx.can(Role.ADMIN):
            pages.append(("admin", admin_tab(ctx), "Administrasi", None))
        for name, factory, title, role in pages:
            own = role is None or role in held
            self.pages.add(
                name,
                factory,
                title if own else f"{title} (lihat saja)",
                tooltip=""
                if own or role is None
                else f"Hanya {role.label} yang dapat bertindak di tab ini.",
                refresh_when_shown=name != "riwayat",  # the trail pages itself when shown
            )
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.overview)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.toast = Pemberitahuan(central)
        self.statusBar().showMessage(
            f"Masuk sebagai {ctx.user.nama} ({', '.join(r.label for r in sorted(held))})"
        )
        self._menus()
        self._shortcuts()
        ctx.bus.changed.connect(self._status)
        self.overview.periode_changed.connect(lambda _pid: self.refresh_all())
        self.restore_state()
        self.pages.show_current()  # the home tab, built and read once

    def _menus(self) -> None:
        berkas = self.menuBar().addMenu("&Berkas")
        refresh = QAction("Muat ulang", self)
        refresh.setShortcut(QKeySequence("F5"))
        refresh.triggered.connect(self.refresh_all)
        berkas.addAction(refresh)
        switch = QAction("Ganti pengguna…", self)
        switch.setShortcut(QKeySequence("Ctrl+Shift+L"))
        switch.setStatusTip("Keluar dari akun ini dan masuk sebagai pengguna lain")
        switch.triggered.connect(self.ganti_pengguna.emit)
        berkas.addAction(switch)
        self.switch_action = switch
        lock = QAction("Kunci layar", self)
        lock.setShortcut(QKeySequence("Ctrl+L"))
        lock.triggered.connect(self.lock_requested)
        berkas.addAction(lock)
        berkas.addSeparator()
        self.maintenance = MaintenanceActions(self.ctx, self)
        self.maintenance.add_to(berkas)
        berkas.addSeparator()
        keluar = QAction("Keluar", self)
        keluar.setShortcut(QKeySequence("Ctrl+Q"))
        keluar.triggered.connect(self.close)
        berkas.addAction(keluar)

    def _shortcuts(self) -> None:
        for i in range(min(9, self.tabs.count())):
            sc = QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self)
            sc.activated.connect(lambda i=i: self.tabs.setCurrentIndex(i))

    def lock_requested(self) -> None:
        """Ask the application to lock the screen now (``ui.app`` connects this)."""
        if self.on_lock is not None:
            self.on_lock()

    def refresh_all(self) -> None:
        """F5, the start and a period pick: the tab on screen reloads now, every other tab when
        it is next shown (a start or a pick reads one tab's data, not every tab's)."""
        riwayat = self.pages.built("riwayat")
        if riwayat is not None:
            cast("RiwayatTab", riwayat).muat_ulang(self.ctx.periode_id)  # reads when shown
        self.pages.mark_stale()

    # --- the tabs, built when first shown or asked for ----------------------------------
    @property
    def kabag(self) -> KabagTab:
        return cast("KabagTab", self.pages.get("kabag"))

    @property
    def tim(self) -> TimTab:
        return cast("TimTab", self.pages.get("tim"))

    @property
    def asisten(self) -> AsistenTab:
        return cast("AsistenTab", self.pages.get("asisten"))

    @property
    def sekda(self) -> SekdaTab:
        return cast("SekdaTab", self.pages.get("sekda"))

    @property
    def opd(self) -> OpdTab:
        return cast("OpdTab", self.pages.get("opd"))

    @property
    def rekap(self) -> QWidget:
        return self.pages.get("rekap")

    @property
    def arsip(self) -> ArsipTab:
        return cast("ArsipTab", self.pages.get("arsip"))

    @property
    def riwayat(self) -> RiwayatTab:
        return cast("RiwayatTab", self.pages.get("riwayat"))

    @property
    def admin(self) -> Any:
        """The Administrasi tab (``None`` for a user who is not an administrator)."""
        return self.pages.get("admin") if "admin" in self.pages else None

    def _status(self, changes: Changes) -> None:
        if changes.pesan:
            self.statusBar().showMessage(changes.pesan, 10000)
            self.toast.tampilkan(changes.pesan)

    # --- window state ----------------------------------------------------------------
    def home_tab(self) -> str:
        """The name of the tab a user opens on: their own role's, the first with work waiting
        (found from the inboxes' tasks, without building or reading the other tabs)."""
        held = self.ctx.user.roles()
        mine = [
            (name, role)
            for role, name in (
                (Role.TIM, "tim"),
                (Role.KABAG, "kabag"),
                (Role.ASISTEN, "asisten"),
                (Role.SEKDA, "sekda"),
            )
            if role in held
        ]
        periode = q_periode.get_periode(self.ctx.periode_id)
        waiting = [name for name, role in mine if q_periode.tugas(role, periode)]
        if waiting:
            return waiting[0]
        if mine:
            return mine[0][0]
        return "admin" if "admin" in self.pages else "riwayat"

    def restore_state(self) -> None:
        settings = QSettings()
        geometry = settings.value("main/geometry")
        self.first_run = geometry is None
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(ukuran_muat(self, 1320, 860))  # the size it returns to from maximised
        state = settings.value("main/state")
        if state is not None:
            self.restoreState(state)
        self.tabs.setCurrentWidget(self.pages.page(self.home_tab()))

    def tampilkan(self) -> None:
        """Show the window: maximised the first time, afterwards as the user left it."""
        if self.first_run:
            self.showMaximized()
        else:
            self.show()

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = QSettings()
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/state", self.saveState())
        super().closeEvent(event)
