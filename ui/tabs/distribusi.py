"""Step 6: tick the OPDs whose receipt (tanda terima) came back, name the receiver, distribute."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kinerja_app import clock
from kinerja_app.queries.pengumpulan import belum_dikirimi
from kinerja_app.storage.models import Pengumpulan, Periode
from kinerja_app.storage.models.master import Role
from kinerja_app.workflow.distribusi import TandaTerima, distribusikan
from ui.context import UiContext
from ui.forms import cek_waktu, datetime_edit, py_datetime, qdatetime
from ui.table import Column, Index, RecordTableModel
from ui.widgets import make_table, role_button, set_action_enabled


@dataclass
class BarisDistribusi:
    """One OPD awaiting the letter; the Tim ticks it and types the receiver's name."""

    pengumpulan: Pengumpulan
    dipilih: bool = False
    penerima: str = ""
    nip: str = field(default="")


class DistribusiModel(RecordTableModel[BarisDistribusi]):
    """OPDs not yet given the letter; column PILIH is checkable, PENERIMA and NIP editable."""

    PILIH, OPD, PENERIMA, NIP = range(4)
    columns = (
        Column("Kirim", lambda r: ""),
        Column("Perangkat Daerah", lambda r: r.pengumpulan.opd.nama),
        Column("Nama penerima (tanda terima)", lambda r: r.penerima),
        Column("NIP penerima", lambda r: r.nip),
    )

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.column() == self.PILIH:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() in (self.PENERIMA, self.NIP):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        record = self.row_at(index.row()) if index.isValid() else None
        if (
            record is not None
            and index.column() == self.PILIH
            and role == Qt.ItemDataRole.CheckStateRole
        ):
            return Qt.CheckState.Checked if record.dipilih else Qt.CheckState.Unchecked
        if index.isValid() and role == Qt.ItemDataRole.EditRole:
            return super().data(index, Qt.ItemDataRole.DisplayRole)
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        record = self.row_at(index.row()) if index.isValid() else None
        if record is None:
            return False
        if index.column() == self.PILIH and role == Qt.ItemDataRole.CheckStateRole:
            record.dipilih = (
                Qt.CheckState(value) == Qt.CheckState.Checked
                if not isinstance(value, bool)
                else value
            )
        elif index.column() == self.PENERIMA and role == Qt.ItemDataRole.EditRole:
            record.penerima = str(value)
            record.dipilih = record.dipilih or bool(str(value).strip())
        elif index.column() == self.NIP and role == Qt.ItemDataRole.EditRole:
            record.nip = str(value)
        else:
            return False
        self.dataChanged.emit(
            self.index(index.row(), 0), self.index(index.row(), self.columnCount() - 1)
        )
        return True

    def pilih_semua(self, value: bool = True) -> None:
        """Tick (or untick) every row."""
        for record in self.all_records():
            record.dipilih = value
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 0))

    def dipilih(self) -> list[BarisDistribusi]:
        """The ticked rows."""
        return [r for r in self.all_records() if r.dipilih]


class DistribusiPanel(QWidget):
    """The distribution page of the Tim tab.

    The receipt time shows the moment the page opens until the user types one; it is checked
    when the distribution is saved.
    """

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.periode: Periode | None = None
        self.model = DistribusiModel(self)
        self.table = make_table()
        self.table.setModel(self.model)
        self.table.setEditTriggers(
            self.table.editTriggers().DoubleClicked
            | self.table.editTriggers().EditKeyPressed
            | self.table.editTriggers().SelectedClicked
        )
        self.when = datetime_edit()
        self.when_typed = False
        self.when.dateTimeChanged.connect(self._typed)
        self.all_button = QPushButton("Centang semua")
        self.go_button = role_button(ctx, "Distribusikan ke yang dicentang", Role.TIM)
        self.print_button = role_button(ctx, "Cetak buku ekspedisi", Role.TIM)
        self.info = QLabel()
        self.info.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(QLabel("Tanggal tanda terima:"))
        row.addWidget(self.when)
        row.addWidget(self.all_button)
        row.addStretch(1)
        row.addWidget(self.print_button)
        row.addWidget(self.go_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.all_button.clicked.connect(lambda: self.model.pilih_semua(True))
        self.go_button.clicked.connect(self.distribusikan)
        self.print_button.clicked.connect(self.cetak_ekspedisi)

    def _typed(self, *_: object) -> None:
        self.when_typed = True

    def set_now(self) -> None:
        """Show the current moment as the receipt time (unless the user typed one)."""
        if self.when_typed:
            return
        self.when.blockSignals(True)
        self.when.setDateTime(qdatetime(clock.now().replace(second=0, microsecond=0)))
        self.when.blockSignals(False)

    def showEvent(self, event: QShowEvent) -> None:
        self.set_now()
        super().showEvent(event)

    def load(self, periode: Periode | None, signed: bool) -> None:
        """List the OPDs still waiting for the signed letter."""
        if periode != self.periode:
            self.when_typed = False
        self.periode = periode
        rows = [BarisDistribusi(p) for p in belum_dikirimi(periode)] if periode and signed else []
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        if periode is None or not signed:
            self.info.setText(
                "Distribusi dilakukan sesudah surat ditandatangani Sekda (langkah 5)."
            )
        else:
            self.info.setText(
                f"{len(rows)} Perangkat Daerah belum tercatat menerima surat. Centang yang tanda "
                "terimanya sudah kembali dan isi nama penerimanya (klik dua kali pada sel)."
            )
        ok = bool(rows) and not (periode and periode.terkunci)
        set_action_enabled(self.go_button, ok, "Tidak ada Perangkat Daerah yang menunggu surat.")
        set_action_enabled(
            self.print_button, bool(periode and signed), "Surat belum ditandatangani."
        )

    def distribusikan(self) -> None:
        if self.periode is None:
            return
        chosen = self.model.dipilih()
        if not chosen:
            self.ctx.dialogs.warning(
                self, "Distribusi", "Centang paling sedikit satu Perangkat Daerah."
            )
            return
        moment = py_datetime(self.when.dateTime())
        late = cek_waktu(moment, "Tanggal tanda terima")
        if late:
            self.ctx.dialogs.warning(self, "Distribusi", late)
            self.when.setFocus()
            return
        receipts = [
            TandaTerima(r.pengumpulan.id, r.penerima, moment, penerima_nip=r.nip) for r in chosen
        ]
        done = self.ctx.ops.run_action(
            self, "Distribusikan surat", distribusikan, self.ctx.user, self.periode, receipts
        )
        if done is not None:
            self.when_typed = False  # the next receipts come later: show that moment again
            self.set_now()

    def cetak_ekspedisi(self) -> None:
        if self.periode is None:
            return
        from pathlib import Path

        from ui.tabs.base import berkas_surat

        periode = self.periode
        done = self.ctx.ops.run_action(
            self,
            "Buku ekspedisi",
            lambda: berkas_surat().buku_ekspedisi(self.ctx.user, periode),
        )
        if done:
            self.ctx.dialogs.open_url(Path(done.paths[0]))
