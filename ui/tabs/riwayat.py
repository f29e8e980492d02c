"""Riwayat: the audit trail, filterable by period, person, action and text; chain check."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
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

from kinerja_app.formatting import format_tanggal_waktu
from kinerja_app.queries import audit as q_audit
from kinerja_app.queries import periode as q_periode
from kinerja_app.storage.audit import label_aksi, verify_chain
from kinerja_app.storage.models import AuditLog
from ui.context import UiContext
from ui.table import MERAH, Column, RecordTableModel
from ui.widgets import make_table


def _pelaku(r: AuditLog) -> str:
    return r.pelaku_nama


def _pencatat(r: AuditLog) -> str:
    return r.pencatat_nama if r.pencatat_id != r.pelaku_id else ""


class AuditModel(RecordTableModel[AuditLog]):
    """Audit rows, newest first; refused actions in red."""

    WAKTU, AKSI, HASIL, PELAKU, PENCATAT, KETERANGAN = range(6)
    columns = (
        Column("Waktu", lambda r: format_tanggal_waktu(r.waktu), key=lambda r: (r.waktu, r.id)),
        Column("Tindakan", lambda r: label_aksi(r.aksi)),
        Column("Hasil", lambda r: "Ditolak" if r.hasil == "ditolak" else "Berhasil"),
        Column("Pelaku", _pelaku),
        Column("Dicatat oleh", _pencatat),
        Column("Keterangan", lambda r: r.keterangan),
    )

    def background(self, record: AuditLog) -> QColor | None:
        return MERAH if record.hasil == "ditolak" else None


class RiwayatTab(QWidget):
    """The audit trail with filters and the "Periksa rantai audit" button."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = AuditModel(self)
        self.table = make_table()
        self.table.setModel(self.model)
        self.table.sortByColumn(AuditModel.WAKTU, Qt.SortOrder.DescendingOrder)  # newest first
        self.periode = QComboBox()
        self.pelaku = QLineEdit()
        self.pelaku.setPlaceholderText("nama pelaku/pencatat")
        self.aksi = QComboBox()
        self.teks = QLineEdit()
        self.teks.setPlaceholderText("cari pada keterangan")
        self.ditolak = QCheckBox("Hanya yang ditolak")
        self.check_button = QPushButton("Periksa rantai audit")
        self.count = QLabel()
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.refresh)
        self.pelaku.textChanged.connect(lambda *_: self._timer.start())
        self.teks.textChanged.connect(lambda *_: self._timer.start())
        self.periode.currentIndexChanged.connect(lambda *_: self.refresh())
        self.aksi.currentIndexChanged.connect(lambda *_: self.refresh())
        self.ditolak.toggled.connect(lambda *_: self.refresh())
        self.check_button.clicked.connect(self.periksa_rantai)
        ctx.bus.changed.connect(lambda _c: self.reload_filters())
        self.reload_filters()

    def reload_filters(self) -> None:
        """Refill the period and action choices, keeping the selection."""
        for combo, items in (
            (self.periode, [(p.nama, p.id) for p in q_periode.daftar_periode()]),
            (self.aksi, [(label_aksi(a), a) for a in q_audit.daftar_aksi()]),
        ):
            keep = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem("Semua", None)
            for text, data in items:
                combo.addItem(text, data)
            combo.setCurrentIndex(max(0, combo.findData(keep)) if keep is not None else 0)
            combo.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        """Apply the filters."""
        filt = q_audit.FilterAudit(
            periode_id=self.periode.currentData(),
            pelaku=self.pelaku.text().strip(),
            aksi=self.aksi.currentData() or "",
            teks=self.teks.text().strip(),
            hanya_ditolak=self.ditolak.isChecked(),
        )
        self.model.set_rows(q_audit.cari_audit(filt))
        for column in range(AuditModel.KETERANGAN):
            self.table.resizeColumnToContents(column)
        self.count.setText(f"{self.model.rowCount()} baris")

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
