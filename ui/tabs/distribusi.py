"""Step 6: number the surat pengantar of each OPD's packet on the day it goes out, print the
packets or save them as files, hand out the format isian, record each receipt (tanda terima)
with its receiver, and print the buku ekspedisi."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kinerja_app import clock
from kinerja_app.formatting import format_tanggal, urutan_alami
from kinerja_app.queries.pengumpulan import belum_dikirimi
from kinerja_app.queries.rekap import surat_keluar
from kinerja_app.storage.models import Pengumpulan, Periode
from kinerja_app.storage.models.master import Role
from kinerja_app.workflow.distribusi import TandaTerima, distribusikan, kirim_pengantar
from kinerja_app.workflow.register import JenisSurat, surat_opd

from ..cetak import berkas, buat, cetak, simpan_ke_folder, tampilkan
from ..context import UiContext
from ..forms import cek_waktu, datetime_edit, py_datetime, qdatetime
from ..table import Column, Index, RecordTableModel
from ..widgets import make_table, role_button, set_action_enabled

if TYPE_CHECKING:
    from kinerja_app.documents.naskah import Cetakan


@dataclass
class BarisDistribusi:
    """One OPD awaiting the letter; the Tim ticks it and types the receiver's name."""

    pengumpulan: Pengumpulan
    pengantar: str = ""  # "nomor, tanggal" once the pengantar is numbered
    dipilih: bool = False
    penerima: str = ""
    nip: str = field(default="")


class DistribusiModel(RecordTableModel[BarisDistribusi]):
    """OPDs not yet given the letter; column PILIH is checkable, PENERIMA and NIP editable."""

    PILIH, OPD, PENGANTAR, PENERIMA, NIP = range(5)
    columns = (
        Column("Pilih", lambda r: ""),
        Column("Perangkat Daerah", lambda r: r.pengumpulan.opd.nama),
        Column(
            "Surat pengantar",
            lambda r: r.pengantar or "belum bernomor",
            key=lambda r: urutan_alami(r.pengantar) if r.pengantar else None,
        ),
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


def _pengantar(p: Pengumpulan) -> str:
    sent = surat_opd(p, JenisSurat.PENGANTAR)
    return f"{sent[-1].nomor}, {format_tanggal(sent[-1].tanggal)}" if sent else ""


class DistribusiPanel(QWidget):
    """The distribution page of the Tim tab.

    The date and time field is the day the packets go out (the pengantar's date) and the
    moment a receipt came back; it shows the moment the page opens until the user types one,
    and is checked when saved. Ticks and typed receivers survive a reload of the page.
    """

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.periode: Periode | None = None
        self.active_dialog: QDialog | None = None
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
        self.send_button = role_button(ctx, "Beri nomor pengantar (kirim)", Role.TIM)
        self.send_button.setToolTip(
            "Surat pengantar yang dicentang (atau semua yang belum) diberi nomor register dan "
            "tanggal kirim."
        )
        self.go_button = role_button(ctx, "Catat tanda terima yang dicentang", Role.TIM)
        self.packet_button = role_button(ctx, "Cetak paket distribusi…", Role.TIM)
        self.packet_button.setToolTip(
            "Surat bertanda tangan dan surat pengantar tiap Perangkat Daerah, siap dicetak."
        )
        self.save_button = role_button(ctx, "Simpan paket ke folder…", Role.TIM)
        self.save_button.setToolTip(
            "Satu berkas .zip per Perangkat Daerah (surat, pengantar, format isian) untuk "
            "dikirim sebagai berkas."
        )
        self.isian_button = role_button(ctx, "Format isian ke folder…", Role.TIM)
        self.isian_button.setToolTip("Format isian .xlsx per Perangkat Daerah, terisi awal.")
        self.print_button = role_button(ctx, "Cetak buku ekspedisi", Role.TIM)
        self.info = QLabel()
        self.info.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(QLabel("Tanggal kirim / tanda terima:"))
        row.addWidget(self.when)
        row.addWidget(self.all_button)
        row.addStretch(1)
        grid = QGridLayout()
        for i, button in enumerate(
            (
                self.send_button,
                self.packet_button,
                self.save_button,
                self.go_button,
                self.isian_button,
                self.print_button,
            )
        ):
            grid.addWidget(button, i // 3, i % 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addLayout(grid)
        self.all_button.clicked.connect(lambda: self.model.pilih_semua(True))
        self.send_button.clicked.connect(self.kirim_pengantar)
        self.go_button.clicked.connect(self.distribusikan)
        self.packet_button.clicked.connect(self.cetak_paket)
        self.save_button.clicked.connect(self.simpan_paket)
        self.isian_button.clicked.connect(self.simpan_isian)
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
        """List the OPDs still waiting for the signed letter (keeping ticks and names typed)."""
        if periode != self.periode:
            self.when_typed = False
            kept: dict[int, BarisDistribusi] = {}
        else:
            kept = {r.pengumpulan.id: r for r in self.model.all_records()}
        self.periode = periode
        rows = []
        for p in belum_dikirimi(periode) if periode and signed else []:
            old = kept.get(p.id)
            rows.append(
                BarisDistribusi(
                    p,
                    _pengantar(p),
                    old.dipilih if old else False,
                    old.penerima if old else "",
                    old.nip if old else "",
                )
            )
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        numbered = bool(
            periode
            and signed
            and any(s.jenis == JenisSurat.PENGANTAR.value for s in surat_keluar(periode))
        )
        if periode is None or not signed:
            self.info.setText(
                "Distribusi dilakukan sesudah surat ditandatangani Sekda (langkah 5)."
            )
        else:
            self.info.setText(
                f"{len(rows)} Perangkat Daerah belum tercatat menerima surat. Beri nomor surat "
                "pengantar pada hari paket dikirim, cetak atau simpan paketnya; setelah tanda "
                "terima kembali, centang Perangkat Daerahnya, isi nama penerima (klik dua kali "
                "pada sel) dan catat tanda terimanya."
            )
        open_ = not (periode and periode.terkunci)
        waiting = "Tidak ada Perangkat Daerah yang menunggu surat."
        set_action_enabled(self.go_button, bool(rows) and open_, waiting)
        set_action_enabled(
            self.send_button,
            open_ and any(not r.pengantar for r in rows),
            "Semua surat pengantar sudah bernomor." if rows else waiting,
        )
        no_packet = "Belum ada surat pengantar yang bernomor."
        set_action_enabled(self.packet_button, numbered, no_packet)
        set_action_enabled(self.save_button, numbered, no_packet)
        unsigned = "Surat belum ditandatangani."
        set_action_enabled(self.isian_button, bool(periode and signed), unsigned)
        set_action_enabled(self.print_button, numbered, no_packet)

    def _dipilih(self) -> list[int]:
        return [r.pengumpulan.id for r in self.model.dipilih()]

    # --- acts ----------------------------------------------------------------------------
    def kirim_pengantar(self) -> None:
        """Number and date the pengantar of the ticked OPDs (or of all not yet sent)."""
        if self.periode is None:
            return
        periode = self.periode
        chosen = self.model.dipilih()
        ids = [r.pengumpulan.id for r in chosen if not r.pengantar]
        day = py_datetime(self.when.dateTime()).date()
        if chosen and not ids:
            self.ctx.dialogs.warning(
                self,
                "Beri nomor pengantar",
                "Surat pengantar Perangkat Daerah yang dicentang sudah bernomor; cetak paketnya "
                "dengan «Cetak paket distribusi».",
            )
            return
        if not ids:
            waiting = [r for r in self.model.all_records() if not r.pengantar]
            if not self.ctx.dialogs.confirm(
                self,
                "Beri nomor pengantar",
                f"Tidak ada yang dicentang. Beri nomor surat pengantar untuk semua "
                f"{len(waiting)} Perangkat Daerah yang belum, tanggal {format_tanggal(day)}?",
                "Beri nomor",
            ):
                return
        done = self.ctx.ops.run_action(
            self,
            "Beri nomor pengantar",
            kirim_pengantar,
            self.ctx.user,
            periode,
            ids,
            tanggal=day,
        )
        if done is not None and self.ctx.dialogs.confirm(
            self,
            "Paket distribusi",
            f"{done.pesan}\n\nCetak paket distribusinya sekarang (surat dan surat pengantar)?",
            "Cetak",
        ):
            self._cetak_paket(ids)

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

    # --- papers --------------------------------------------------------------------------
    def _paket(self, ids: list[int]) -> Cetakan | None:
        periode = self.periode
        if periode is None:
            return None
        return buat(
            self.ctx,
            self,
            "Paket distribusi",
            lambda: berkas().paket_distribusi(self.ctx.user, periode, ids),
        )

    def _cetak_paket(self, ids: list[int]) -> None:
        made = self._paket(ids)
        if made is not None:
            self.active_dialog = tampilkan(self.ctx, self, "Paket distribusi", made)

    def cetak_paket(self) -> None:
        """Each OPD's packet (the ticked ones, or every one sent a pengantar), to print."""
        self._cetak_paket(self._dipilih())

    def simpan_paket(self) -> None:
        """Each OPD's packet as one .zip (letter, pengantar, format isian), into a folder."""
        made = self._paket(self._dipilih())
        if made is not None:
            zips = [n for n in made.naskah if n.berkas.suffix.lower() == ".zip"]
            simpan_ke_folder(self.ctx, self, "Simpan paket distribusi ke folder", zips)

    def simpan_isian(self) -> None:
        """The prefilled format isian of the ticked OPDs (or of every recipient), into a folder."""
        periode = self.periode
        if periode is None:
            return
        ids = self._dipilih()
        made = buat(
            self.ctx,
            self,
            "Format isian",
            lambda: berkas().format_isian(self.ctx.user, periode, ids),
        )
        if made is not None:
            simpan_ke_folder(self.ctx, self, "Simpan format isian ke folder", made.naskah)

    def cetak_ekspedisi(self) -> None:
        """The buku ekspedisi of every letter sent to an OPD this period."""
        periode = self.periode
        if periode is None:
            return
        self.active_dialog = cetak(
            self.ctx,
            self,
            "Buku ekspedisi",
            lambda: berkas().buku_ekspedisi(self.ctx.user, periode),
        )
