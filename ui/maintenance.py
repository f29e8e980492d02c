"""Pemeliharaan in the "Berkas" menu: back up now, restore from a backup, check the archive."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from kinerja_app.formatting import format_tanggal_waktu
from kinerja_app.storage import pemeliharaan
from kinerja_app.storage.backup import BackupInfo
from kinerja_app.storage.models.master import Role

from .context import UiContext
from .table import Column, RecordTableModel
from .widgets import make_table

JENIS = {"harian": "Harian (otomatis)", "manual": "Manual"}
DAFTAR_MAKS = 15  # problems listed by name; the rest are counted


def ukuran(size: int) -> str:
    """A file size the Indonesian way: 1,5 MB."""
    value = float(size)
    for unit in ("B", "KB", "MB"):
        if value < 1024 or unit == "MB":
            text = f"{value:.0f}" if unit == "B" else f"{value:.1f}".replace(".", ",")
            return f"{text} {unit}"
        value /= 1024
    return f"{value:.1f} GB".replace(".", ",")


class CadanganModel(RecordTableModel[BackupInfo]):
    """The backups of the open database, newest first."""

    TANGGAL, JENIS, UKURAN, BERKAS = range(4)
    columns = (
        Column(
            "Tanggal dibuat",
            lambda b: format_tanggal_waktu(b.created),
            key=lambda b: (b.created, b.sequence),
        ),
        Column("Jenis", lambda b: JENIS.get(b.label, b.label)),
        Column("Ukuran", lambda b: ukuran(b.size), key=lambda b: b.size, align_right=True),
        Column("Berkas", lambda b: b.path.name),
    )

    def tooltip(self, record: BackupInfo) -> str | None:
        return str(record.path)


class PulihkanDialog(QDialog):
    """Choose a backup and restore the database from it (administrator only)."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Pulihkan dari cadangan")
        self.model = CadanganModel(self)
        self.model.set_rows(pemeliharaan.daftar_cadangan())
        self.table = make_table()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(False)  # newest first, as listed
        header = self.table.horizontalHeader()
        for column in (CadanganModel.TANGGAL, CadanganModel.JENIS, CadanganModel.UKURAN):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        info = QLabel(
            "Pilih cadangan yang akan dipulihkan. Basis data saat ini tidak dihapus: disimpan "
            "di sampingnya sebelum diganti."
            if self.model.rowCount()
            else "Belum ada cadangan. Buat cadangan dengan Berkas › Cadangkan sekarang."
        )
        info.setWordWrap(True)
        self.box = QDialogButtonBox()
        self.restore_button = self.box.addButton(
            "Pulihkan…", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.box.addButton("Tutup", QDialogButtonBox.ButtonRole.RejectRole)
        self.box.accepted.connect(self.pulihkan)
        self.box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.box)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update())
        self.table.doubleClicked.connect(lambda _i: self.pulihkan())
        if self.model.rowCount():
            self.table.selectRow(0)
        self._update()
        self.resize(720, 420)

    def selected(self) -> BackupInfo | None:
        """The chosen backup."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def pulihkan(self) -> None:
        """Confirm, restore, and close; every window reloads through the change bus."""
        info = self.selected()
        if info is None:
            return
        if not self.ctx.dialogs.confirm(
            self,
            "Pulihkan dari cadangan",
            f"Pulihkan basis data dari cadangan {format_tanggal_waktu(info.created)} "
            f"({JENIS.get(info.label, info.label).lower()})?\n\n"
            "Basis data saat ini disimpan di sampingnya; semua jendela dimuat ulang. "
            "Perubahan sesudah cadangan itu dibuat tidak ikut dipulihkan.",
            "Pulihkan",
        ):
            return
        changes = self.ctx.ops.run_action(
            self, "Pulihkan dari cadangan", pemeliharaan.pulihkan, self.ctx.user, info.path
        )
        if changes is not None:
            self.ctx.dialogs.info(self, "Pulihkan dari cadangan", changes.pesan)
            self.accept()


def cadangkan(ctx: UiContext, parent: QWidget | None) -> None:
    """Take a backup now and say where it went."""
    changes = ctx.ops.run_action(
        parent, "Cadangkan sekarang", pemeliharaan.cadangkan_sekarang, ctx.user
    )
    if changes is not None:
        ctx.dialogs.info(parent, "Cadangkan sekarang", changes.pesan)


def periksa_arsip(ctx: UiContext, parent: QWidget | None) -> None:
    """Check every archived file against its SHA-256 and report what is missing or changed."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        problems = ctx.ops.run_action(parent, "Periksa berkas arsip", pemeliharaan.periksa_arsip)
    finally:
        QApplication.restoreOverrideCursor()
    if problems is None:
        return
    if not problems:
        ctx.dialogs.info(parent, "Periksa berkas arsip", "Semua berkas arsip utuh.")
        return
    lines = [f"• {p.message}" for p in problems[:DAFTAR_MAKS]]
    if len(problems) > DAFTAR_MAKS:
        lines.append(f"… dan {len(problems) - DAFTAR_MAKS} berkas lain.")
    ctx.dialogs.warning(
        parent,
        "Periksa berkas arsip",
        f"{len(problems)} berkas arsip bermasalah:\n\n" + "\n\n".join(lines),
    )


class MaintenanceActions:
    """The three "Berkas" menu actions; restore is enabled for administrators only."""

    def __init__(self, ctx: UiContext, parent: QWidget) -> None:
        self.ctx = ctx
        self.parent = parent
        self.dialog: PulihkanDialog | None = None
        self.backup = QAction("Cadangkan sekarang", parent)
        self.backup.setToolTip("Salin basis data ke folder cadangan sekarang juga.")
        self.backup.triggered.connect(lambda: cadangkan(ctx, parent))
        self.restore = QAction("Pulihkan dari cadangan…", parent)
        if ctx.can(Role.ADMIN):
            self.restore.triggered.connect(self.open_restore)
        else:
            self.restore.setEnabled(False)
            self.restore.setToolTip("Hanya Administrator yang dapat memulihkan basis data.")
        self.check = QAction("Periksa berkas arsip", parent)
        self.check.setToolTip("Cocokkan setiap berkas arsip dengan sidik SHA-256 saat diarsipkan.")
        self.check.triggered.connect(lambda: periksa_arsip(ctx, parent))

    def add_to(self, menu: QMenu) -> None:
        """Put the actions in ``menu`` (tooltips shown, so a disabled one explains itself)."""
        menu.setToolTipsVisible(True)
        for action in (self.backup, self.restore, self.check):
            menu.addAction(action)

    def open_restore(self) -> PulihkanDialog:
        """Open the restore dialog window-modal."""
        self.dialog = PulihkanDialog(self.ctx, self.parent)
        self.dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        self.dialog.open()
        return self.dialog
