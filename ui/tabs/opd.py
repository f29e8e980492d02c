"""Perangkat Daerah: the Tim records what each OPD does (receipt, data, corrections) per OPD."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QGroupBox,
    QLabel,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from kinerja_app.formatting import format_angka, format_persen
from kinerja_app.queries import pengumpulan as q_opd
from kinerja_app.queries import periode as q_periode
from kinerja_app.rekap.rekapitulasi import BarisRekap
from kinerja_app.storage.models import Pengumpulan, Periode
from kinerja_app.storage.models.master import Role
from kinerja_app.storage.models.pengumpulan import StatusOpd
from kinerja_app.workflow.batas import perpanjang_batas
from kinerja_app.workflow.common import Area, Changes
from kinerja_app.workflow.penyampaian import (
    catat_koordinasi,
    kembalikan_data,
    nyatakan_valid,
    setujui_dengan_kesalahan,
    simpan_penyampaian,
)

from ..batas_opd import KembalikanDataDialog, PerpanjangBatasDialog
from ..cetak import berkas, cetak
from ..context import UiContext
from ..details import history_html
from ..forms import FormDialog
from ..widgets import make_table, role_button, set_action_enabled, title_label
from .data_entry import DataEntryDialog, to_rows
from .opd_model import OpdModel

D = TypeVar("D", bound=FormDialog)


class OpdTab(QWidget):
    """Per-OPD table with the Tim's recording actions and the OPD's details."""

    areas = frozenset({Area.DISTRIBUSI, Area.PENYAMPAIAN, Area.MASTER})

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.active_dialog: QDialog | None = None
        self.model = OpdModel(self)
        self.table = make_table()
        self.table.setModel(self.model)
        self.detail = QTextBrowser()
        box = QGroupBox("Tindakan (dicatat oleh Tim Kinerja)")
        grid = QGridLayout(box)
        self.receive_button = role_button(ctx, "Catat penerimaan data…", Role.TIM)
        self.manual_button = role_button(ctx, "Entri data manual…", Role.TIM)
        self.valid_button = role_button(ctx, "Nyatakan valid", Role.TIM)
        self.return_button = role_button(ctx, "Kembalikan untuk perbaikan…", Role.TIM)
        self.coord_button = role_button(ctx, "Catat koordinasi…", Role.TIM)
        self.remind_button = role_button(ctx, "Cetak surat pengingat", Role.TIM)
        self.extend_button = role_button(ctx, "Perpanjang batas waktu…", Role.TIM)
        self.override_button = role_button(ctx, "Setujui meski ada kesalahan…", Role.KABAG)
        buttons = (
            self.receive_button,
            self.manual_button,
            self.valid_button,
            self.return_button,
            self.coord_button,
            self.remind_button,
            self.extend_button,
            self.override_button,
        )
        for i, b in enumerate(buttons):
            grid.addWidget(b, i // 4, i % 4)
        self.receive_button.clicked.connect(self.catat_penerimaan)
        self.manual_button.clicked.connect(self.entri_manual)
        self.valid_button.clicked.connect(self.nyatakan_valid)
        self.return_button.clicked.connect(self.kembalikan)
        self.coord_button.clicked.connect(self.koordinasi)
        self.remind_button.clicked.connect(self.pengingat)
        self.extend_button.clicked.connect(self.perpanjang)
        self.override_button.clicked.connect(self.setujui_kesalahan)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(title_label("Perangkat Daerah pada periode ini"))
        ll.addWidget(self.table, 1)
        legend = QLabel(
            "Merah: batas waktu terlewati tanpa data · Kuning: batas dalam 24 jam atau perlu perbaikan"
        )
        legend.setStyleSheet("color:#555")
        ll.addWidget(legend)
        ll.addWidget(box)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.detail)
        split.setSizes([820, 420])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(split)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        ctx.bus.changed.connect(self._on_changed)

    def periode(self) -> Periode | None:
        return q_periode.get_periode(self.ctx.periode_id)

    def refresh(self) -> None:
        """Reload the OPD rows, keeping the selection."""
        keep = self.selected()
        periode = self.periode()
        self.model.set_rows(q_opd.baris_opd(periode) if periode else [])
        self.table.resizeColumnsToContents()
        if keep is not None:
            self.select_opd(keep.pengumpulan_id)
        self._selected()

    def select_opd(self, pengumpulan_id: int) -> None:
        """Select the row of one OPD (by its pengumpulan id)."""
        for i, r in enumerate(self.model.records()):
            if r.pengumpulan_id == pengumpulan_id:
                self.table.selectRow(i)
                return

    def selected(self) -> BarisRekap | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _pengumpulan(self) -> Pengumpulan | None:
        r = self.selected()
        return q_opd.get_pengumpulan(r.pengumpulan_id) if r else None

    def _selected(self) -> None:
        r = self.selected()
        periode = self.periode()
        locked = bool(periode and periode.terkunci)
        status = r.status if r else None
        can_receive = (
            status in (StatusOpd.SURAT_DITERIMA, StatusOpd.PERLU_PERBAIKAN, StatusOpd.DATA_MASUK)
            and not locked
        )
        deciding = status == StatusOpd.DATA_MASUK and not locked
        set_action_enabled(
            self.receive_button,
            can_receive,
            "Pilih OPD yang sudah menerima surat dan belum terverifikasi.",
        )
        set_action_enabled(
            self.manual_button,
            can_receive,
            "Pilih OPD yang sudah menerima surat dan belum terverifikasi.",
        )
        set_action_enabled(self.valid_button, deciding, "Pilih OPD yang datanya sedang diperiksa.")
        set_action_enabled(self.return_button, deciding, "Pilih OPD yang datanya sedang diperiksa.")
        set_action_enabled(
            self.override_button,
            deciding and bool(r and r.jumlah_error),
            "Hanya untuk data yang masih memiliki kesalahan.",
        )
        set_action_enabled(
            self.coord_button, r is not None and not locked, "Pilih Perangkat Daerah."
        )
        set_action_enabled(
            self.remind_button,
            status in (StatusOpd.SURAT_DITERIMA, StatusOpd.PERLU_PERBAIKAN),
            "Pilih OPD yang belum menyampaikan data.",
        )
        set_action_enabled(
            self.extend_button,
            status == StatusOpd.SURAT_DITERIMA and not locked,
            "Batas waktu diperpanjang untuk OPD yang sudah menerima surat dan belum "
            "menyampaikan data.",
        )
        self.detail.setHtml(self._detail_html())

    def _detail_html(self) -> str:
        p = self._pengumpulan()
        if p is None:
            return "<p>Pilih satu Perangkat Daerah untuk melihat riwayat dan datanya.</p>"
        parts = [
            f"<h3>{html.escape(p.opd.nama)}</h3><p>Status: <b>{StatusOpd(p.status).label}</b></p>"
        ]
        if p.catatan and p.status == StatusOpd.PERLU_PERBAIKAN:
            parts.append(
                f"<p style='background:#fff3cd'>Catatan perbaikan: {html.escape(p.catatan)}</p>"
            )
        revisions = q_opd.daftar_revisi(p)
        if revisions:
            rev = revisions[0]
            parts.append(
                f"<h4>Revisi {rev.revisi} ({html.escape(rev.status)})</h4><table border=1 cellspacing=0 cellpadding=3>"
                "<tr><th>Indikator</th><th>Target</th><th>Realisasi</th><th>Capaian</th></tr>"
            )
            for row in q_opd.indikator(rev):
                parts.append(
                    f"<tr><td>{html.escape(row.indikator)}</td><td align=right>{format_angka(row.target)}</td>"
                    f"<td align=right>{format_angka(row.realisasi)}</td><td align=right>{format_persen(row.capaian)}</td></tr>"
                )
            parts.append("</table>")
            findings = q_opd.temuan(rev)
            if findings:
                items = "".join(
                    f"<li><b>{'Kesalahan' if t.severity == 'error' else 'Peringatan'}</b> "
                    f"{html.escape(t.sel or '')}: {html.escape(t.pesan)}</li>"
                    for t in findings
                )
                parts.append(f"<ul>{items}</ul>")
            if rev.override_alasan:
                parts.append(
                    f"<p>Disetujui Kabag meski ada kesalahan: {html.escape(rev.override_alasan)}</p>"
                )
        parts.append("<h4>Riwayat</h4>" + history_html(q_opd.riwayat_opd(p)))
        return "".join(parts)

    def _on_changed(self, changes: Changes) -> None:
        if changes.areas & self.areas or Area.PERIODE in changes.areas:
            self.refresh()

    # --- actions -----------------------------------------------------------------------
    def catat_penerimaan(self) -> None:
        """Open the workbook import dialog; without it, the manual entry."""
        p = self._pengumpulan()
        if p is None:
            return
        try:
            from ..importer.dialog import ImportDialog
        except ImportError:
            self.entri_manual()
            return
        if self.ctx.periode_id is None:
            return
        dialog = ImportDialog(self.ctx, self.ctx.periode_id, self)
        for name in ("select_pengumpulan", "set_pengumpulan"):
            if hasattr(dialog, name):
                getattr(dialog, name)(p.id)
                break
        self.active_dialog = dialog
        dialog.open()

    def entri_manual(self) -> None:
        p = self._pengumpulan()
        if p is None:
            return
        dialog = DataEntryDialog(p.opd.nama, self)
        self.active_dialog = dialog

        def accept(_dialog: DataEntryDialog) -> bool:
            rows, findings = to_rows(dialog.model.records())
            done = self.ctx.ops.run_action(
                dialog,
                "Entri data",
                simpan_penyampaian,
                self.ctx.user,
                p,
                dialog.surat_masuk(),
                rows,
                findings,
            )
            return done is not None

        dialog.on_submit = accept
        dialog.open()

    def nyatakan_valid(self) -> None:
        p = self._pengumpulan()
        rev = q_opd.revisi_diperiksa(p) if p else None
        if (
            p is not None
            and rev is not None
            and self.ctx.dialogs.confirm(
                self,
                "Nyatakan valid",
                f"Nyatakan data {p.opd.nama} revisi {rev.revisi} valid?",
                "Nyatakan valid",
            )
        ):
            self.ctx.ops.run_action(self, "Nyatakan valid", nyatakan_valid, self.ctx.user, rev)

    def kembalikan(self) -> None:
        """Return the revision for correction with a findings letter and a chosen deadline."""
        p = self._pengumpulan()
        rev = q_opd.revisi_diperiksa(p) if p else None
        if p is None or rev is None:
            return
        self._tindakan_bersurat(
            KembalikanDataDialog(
                p.opd.nama, rev.revisi, rev.tanggal_diterima, len(q_opd.temuan(rev)), self
            ),
            "Kembalikan data",
            lambda values: kembalikan_data(self.ctx.user, rev, **values),
            "Surat hasil verifikasi",
            lambda: berkas().surat_hasil_verifikasi(self.ctx.user, rev),
        )

    def perpanjang(self) -> None:
        """Extend the selected OPD's deadline, stated by a numbered letter of the Sekda."""
        p = self._pengumpulan()
        if p is None:
            return
        self._tindakan_bersurat(
            PerpanjangBatasDialog(p.opd.nama, p.batas_waktu, self),
            "Perpanjang batas waktu",
            lambda values: perpanjang_batas(self.ctx.user, p, **values),
            "Surat perpanjangan batas waktu",
            lambda: berkas().surat_perpanjangan(self.ctx.user, p),
        )

    def _tindakan_bersurat(
        self,
        dialog: KembalikanDataDialog | PerpanjangBatasDialog,
        title: str,
        act: Callable[[dict[str, Any]], Any],
        letter_title: str,
        letter: Callable[[], Any],
    ) -> None:
        """An act stated by its own letter: the form stays open until the core accepts it,
        then the letter (numbered by the act) opens to print when the form asks for it."""

        def accept(d: KembalikanDataDialog | PerpanjangBatasDialog) -> bool:
            if self.ctx.ops.run_action(d, title, act, d.values()) is None:
                return False
            if d.print_after.isChecked():
                self._cetak(letter_title, letter)
            return True

        self._form(dialog, accept)

    def _form(self, dialog: D, accept: Callable[[D], bool]) -> None:
        """Open a form window-modal; it closes only when ``accept`` succeeded."""
        self.active_dialog = dialog
        dialog.on_submit = accept
        dialog.open()

    def _cetak(self, title: str, make: Callable[[], Any]) -> None:
        """A paper of this OPD through the one door, previewed for printing."""
        dialog = cetak(self.ctx, self, title, make)
        if dialog is not None:
            self.active_dialog = dialog

    def koordinasi(self) -> None:
        p = self._pengumpulan()
        if p is None:
            return
        note = self.ctx.dialogs.ask_text(
            self,
            "Catat koordinasi",
            f"Hasil koordinasi dengan {p.opd.nama} (telepon/surat/kunjungan):",
            wajib=True,
            tombol="Catat",
        )
        if note is not None:
            self.ctx.ops.run_action(
                self, "Catat koordinasi", catat_koordinasi, self.ctx.user, p, note
            )

    def setujui_kesalahan(self) -> None:
        p = self._pengumpulan()
        rev = q_opd.revisi_diperiksa(p) if p else None
        if rev is None:
            return
        note = self.ctx.dialogs.ask_text(
            self, "Setujui meski ada kesalahan", "Alasan Kabag:", wajib=True, tombol="Setujui"
        )
        if note is not None:
            self.ctx.ops.run_action(
                self, "Setujui dengan kesalahan", setujui_dengan_kesalahan, self.ctx.user, rev, note
            )

    def pengingat(self) -> None:
        """The reminder for the selected OPD, to be signed (number and date left open)."""
        p = self._pengumpulan()
        periode = self.periode()
        if p is None or periode is None:
            return
        self._cetak(
            "Surat pengingat",
            lambda: berkas().surat_pengingat(self.ctx.user, periode, [p.id], konsep=True),
        )
