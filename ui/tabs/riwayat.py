"""Riwayat: the audit trail a page at a time, filtered to the selected period; chain check.

Nothing here reads the whole log. The table fetches pages as it scrolls (Qt's
``canFetchMore``/``fetchMore``), the label says how many rows are not loaded yet and
"Muat semua" loads them. A change adds only the rows written since, and only while the tab is
on screen; a hidden tab catches up when it is shown.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kinerja_app.formatting import format_angka, format_tanggal_waktu
from kinerja_app.queries import audit as q_audit
from kinerja_app.queries import periode as q_periode
from kinerja_app.storage.audit import label_aksi, verify_chain
from kinerja_app.storage.models import AuditLog
from kinerja_app.workflow.common import Area, Changes

from ..context import UiContext
from ..table import MERAH, Column
from ..widgets import make_table

Index = QModelIndex | QPersistentModelIndex
SEMUA = None  # the period choice "Semua periode"
TANPA_PERIODE = -1  # the period choice for rows of no period (logins, settings, accounts)


def _pelaku(r: AuditLog) -> str:
    return r.pelaku_nama


def _pencatat(r: AuditLog) -> str:
    return r.pencatat_nama if r.pencatat_id != r.pelaku_id else ""


def _angka(n: int) -> str:
    return format_angka(n, 0)


class AuditModel(QAbstractTableModel):
    """Audit rows matching a filter, fetched a page at a time; refused actions in red.

    Newest first, or oldest first after a click on the Waktu header (the only sortable
    column: the order is the time shown, kept by the database, not by the rows loaded so far;
    a paper act recorded late sits at the time it happened, not where it was recorded).
    """

    WAKTU, AKSI, HASIL, PELAKU, PENCATAT, KETERANGAN = range(6)
    columns: tuple[Column[AuditLog], ...] = (
        Column("Waktu", lambda r: format_tanggal_waktu(r.waktu)),
        Column("Tindakan", lambda r: label_aksi(r.aksi)),
        Column("Hasil", lambda r: "Ditolak" if r.hasil == "ditolak" else "Berhasil"),
        Column("Pelaku", _pelaku),
        Column("Dicatat oleh", _pencatat),
        Column("Keterangan", lambda r: r.keterangan),
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AuditLog] = []
        self._filter = q_audit.FilterAudit()
        self._horizon = 0  # the newest id this view of the log covers
        self._total = 0  # rows matching the filter up to the horizon
        self.terlama_dulu = False

    # --- loading ------------------------------------------------------------------------
    def set_filter(self, filt: q_audit.FilterAudit, *, terlama_dulu: bool | None = None) -> None:
        """Show the rows matching ``filt``: count them and load the first page."""
        self.beginResetModel()
        self._filter = filt
        if terlama_dulu is not None:
            self.terlama_dulu = terlama_dulu
        self._horizon = q_audit.cakrawala()
        self._total = q_audit.hitung_audit(filt, self._horizon)
        self._rows = q_audit.cari_audit(filt, self._horizon, terlama_dulu=self.terlama_dulu)
        self.endResetModel()

    def total(self) -> int:
        """Rows matching the filter, loaded or not."""
        return self._total

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex(), *, limit: int = q_audit.HALAMAN) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        page = q_audit.cari_audit(
            self._filter,
            self._horizon,
            lewat=self._rows[-1] if self._rows else None,
            terlama_dulu=self.terlama_dulu,
            limit=limit,
        )
        if not page:  # the count and the rows disagree (cannot happen: the log only grows)
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def muat_semua(self) -> None:
        """Load every row matching the filter that is not loaded yet."""
        self.fetchMore(limit=max(0, self._total - len(self._rows)))

    def muat_baru(self) -> int:
        """Add the matching rows written since the last load; return how many."""
        horizon = q_audit.cakrawala()
        if horizon <= self._horizon:
            return 0
        new = q_audit.audit_sesudah(self._filter, self._horizon, horizon, limit=q_audit.HALAMAN + 1)
        if len(new) > q_audit.HALAMAN:  # much happened meanwhile: start again from the top
            self.set_filter(self._filter)
            return len(new)
        if new and self._rows and not self._sesudah_dimuat(new):
            # a paper act recorded late is dated among the rows shown: its place is inside
            self.set_filter(self._filter)
            return len(new)
        self._horizon = horizon
        if not new:
            return 0
        self._total += len(new)
        if not self.terlama_dulu:
            self.beginInsertRows(QModelIndex(), 0, len(new) - 1)
            self._rows[:0] = new
            self.endInsertRows()
        # oldest first: the new rows come last and are fetched when the view reaches the end
        return len(new)

    def _sesudah_dimuat(self, new: list[AuditLog]) -> bool:
        """Whether the new rows all belong where the cheap path puts them: newest first, above
        the top row; oldest first, after the last row loaded (fetched with the next page)."""
        if self.terlama_dulu:
            return min(map(q_audit.kunci_waktu, new)) > q_audit.kunci_waktu(self._rows[-1])
        return min(map(q_audit.kunci_waktu, new)) > q_audit.kunci_waktu(self._rows[0])

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column == self.WAKTU:
            terlama = order == Qt.SortOrder.AscendingOrder
            if terlama != self.terlama_dulu:
                self.set_filter(self._filter, terlama_dulu=terlama)

    # --- reading ------------------------------------------------------------------------
    def row_at(self, row: int) -> AuditLog | None:
        """The record shown at ``row``, or ``None``."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def records(self) -> list[AuditLog]:
        """The rows loaded so far, in display order."""
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        record = self.row_at(index.row()) if index.isValid() else None
        if record is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[index.column()].text(record)
        if role == Qt.ItemDataRole.BackgroundRole and record.hasil == "ditolak":
            return QBrush(MERAH)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.KETERANGAN:
            return record.keterangan or None
        if role == Qt.ItemDataRole.UserRole:
            return record
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title
        horizontal_tip = (
            role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal
        )
        if horizontal_tip and section == self.WAKTU:
            return "Klik untuk membalik urutan: terbaru dulu atau terlama dulu."
        return None


class RiwayatTab(QWidget):
    """The audit trail with filters, the count of rows not shown, and "Periksa rantai audit".

    The period filter follows the period picked in the overview (``ikuti_periode``) until the
    user picks another choice here.
    """

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = AuditModel(self)
        self.table = make_table()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicator(
            AuditModel.WAKTU, Qt.SortOrder.DescendingOrder
        )
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._sort_clicked)
        self.periode = QComboBox()
        self.periode.setMinimumContentsLength(14)
        self.pelaku = QLineEdit()
        self.pelaku.setPlaceholderText("nama pelaku/pencatat")
        self.aksi = QComboBox()
        self.teks = QLineEdit()
        self.teks.setPlaceholderText("cari pada keterangan")
        self.ditolak = QCheckBox("Hanya yang ditolak")
        self.check_button = QPushButton("Periksa rantai audit")
        self.count = QLabel()
        self.all_button = QPushButton("Muat semua")
        self.all_button.setToolTip("Muat seluruh baris yang cocok dengan saringan sekarang.")
        row = QHBoxLayout()
        for label, widget in (
            ("Periode:", self.periode),
            ("Tindakan:", self.aksi),
            ("Orang:", self.pelaku),
            ("Teks:", self.teks),
        ):
            row.addWidget(QLabel(label))
            row.addWidget(widget)
        row.addWidget(self.ditolak)
        row.addStretch(1)
        row.addWidget(self.check_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.all_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self._stale = True  # the filter changed while hidden: load when shown
        self._periode_dipilih = False  # the user picked a period here; stop following the overview
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.refresh)
        self.pelaku.textChanged.connect(lambda *_: self._timer.start())
        self.teks.textChanged.connect(lambda *_: self._timer.start())
        self.periode.activated.connect(self._periode_activated)
        self.periode.currentIndexChanged.connect(lambda *_: self._filter_changed())
        self.aksi.currentIndexChanged.connect(lambda *_: self._filter_changed())
        self.ditolak.toggled.connect(lambda *_: self._filter_changed())
        self.check_button.clicked.connect(self.periksa_rantai)
        self.all_button.clicked.connect(self.muat_semua)
        self.model.rowsInserted.connect(lambda *_: self._show_count())
        self.model.modelReset.connect(self._show_count)
        ctx.bus.changed.connect(self._on_changed)
        self.reload_filters()

    # --- filters ------------------------------------------------------------------------
    def reload_filters(self) -> None:
        """Refill the period and action choices, keeping the selection (reads no audit rows
        beyond one index seek per action name)."""
        periods = [(p.nama, p.id) for p in q_periode.daftar_periode()]
        keep = self.periode.currentData() if self.periode.count() else self.ctx.periode_id
        self._fill(
            self.periode,
            [("Semua periode", SEMUA), *periods, ("Di luar periode", TANPA_PERIODE)],
            keep,
        )
        self._fill(
            self.aksi,
            [("Semua", None), *sorted((label_aksi(a), a) for a in q_audit.daftar_aksi())],
            self.aksi.currentData(),
        )

    @staticmethod
    def _fill(combo: QComboBox, items: list[tuple[str, Any]], keep: Any) -> None:
        combo.blockSignals(True)
        combo.clear()
        for text, value in items:
            combo.addItem(text, value)
        combo.setCurrentIndex(max(0, combo.findData(keep)) if keep is not None else 0)
        combo.blockSignals(False)

    def muat_ulang(self, periode_id: int | None) -> None:
        """F5 and a period pick in the overview: refill the choices, follow the period (unless
        the user chose another one here), and reload the rows — now when on screen, else
        when shown."""
        self.reload_filters()
        if not self._periode_dipilih:
            self.periode.blockSignals(True)
            self.periode.setCurrentIndex(max(0, self.periode.findData(periode_id)))
            self.periode.blockSignals(False)
        self._filter_changed()

    def _periode_activated(self, *_: object) -> None:
        self._periode_dipilih = self.periode.currentData() != self.ctx.periode_id

    def current_filter(self) -> q_audit.FilterAudit:
        """The filter the widgets describe."""
        pid = self.periode.currentData()
        return q_audit.FilterAudit(
            periode_id=pid if pid not in (SEMUA, TANPA_PERIODE) else None,
            tanpa_periode=pid == TANPA_PERIODE,
            pelaku=self.pelaku.text().strip(),
            aksi=self.aksi.currentData() or "",
            teks=self.teks.text().strip(),
            hanya_ditolak=self.ditolak.isChecked(),
        )

    def _filter_changed(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    # --- loading ------------------------------------------------------------------------
    def refresh(self) -> None:
        """Apply the filters: count the matching rows and load the first page."""
        self._timer.stop()
        self._stale = False
        self.model.set_filter(self.current_filter())
        for column in range(AuditModel.KETERANGAN):
            self.table.resizeColumnToContents(column)

    def muat_semua(self) -> None:
        """Load every matching row (the user asked for all of it)."""
        self.model.muat_semua()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()
        else:
            self._catch_up()

    def _catch_up(self) -> None:
        """Add the rows written since the last look (actions, logins, unlocks)."""
        if self.model.muat_baru():
            self._reload_actions()

    def _reload_actions(self) -> None:
        keep = self.aksi.currentData()
        if self.aksi.count() - 1 != len(names := q_audit.daftar_aksi()):
            self._fill(
                self.aksi, [("Semua", None), *sorted((label_aksi(a), a) for a in names)], keep
            )

    def _on_changed(self, changes: Changes) -> None:
        if Area.PERIODE in changes.areas:
            periods = [(p.nama, p.id) for p in q_periode.daftar_periode()]
            self._fill(
                self.periode,
                [("Semua periode", SEMUA), *periods, ("Di luar periode", TANPA_PERIODE)],
                self.periode.currentData(),
            )
        if Area.AUDIT in changes.areas and self.isVisible() and not self._stale:
            self._catch_up()

    def _sort_clicked(self, column: int, order: Qt.SortOrder) -> None:
        if column != AuditModel.WAKTU:  # only the chain order is kept by the database
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            current = (
                Qt.SortOrder.AscendingOrder
                if self.model.terlama_dulu
                else Qt.SortOrder.DescendingOrder
            )
            header.setSortIndicator(AuditModel.WAKTU, current)
            header.blockSignals(False)

    def _show_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total()
        pid = self.periode.currentData()
        scope = (
            " pada seluruh riwayat"
            if pid is SEMUA
            else " di luar periode"
            if pid == TANPA_PERIODE
            else f" pada periode {self.periode.currentText()} (pilih \u201cSemua periode\u201d untuk seluruh riwayat)"
        )
        if shown >= total:
            self.count.setText(f"{_angka(total)} baris{scope}.")
        else:
            self.count.setText(
                f"Menampilkan {_angka(shown)} dari {_angka(total)} baris{scope}; "
                f"{_angka(total - shown)} baris lagi dimuat saat digulir ke bawah."
            )
        self.all_button.setVisible(shown < total)

    # --- chain check --------------------------------------------------------------------
    def periksa_rantai(self) -> None:
        """Verify the whole hash chain and say the result."""
        report = self.ctx.ops.run_action(self, "Periksa rantai audit", verify_chain)
        if report is None:
            return
        if report.ok:
            self.ctx.dialogs.info(
                self, "Periksa rantai audit", f"Jejak audit utuh: {report.rows} baris diperiksa."
            )
        else:
            lines = list(report.problems)
            if report.broken_id is not None:
                lines.insert(0, f"baris {report.broken_id}: {report.reason}")
            self.ctx.dialogs.error(
                self, "Periksa rantai audit", "Jejak audit RUSAK:\n- " + "\n- ".join(lines)
            )
