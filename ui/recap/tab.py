"""The Rekapitulasi tab (step 8): one row per OPD, the summary line, chart, drill-down, exports."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kinerja_app.admin import settings
from kinerja_app.queries.indikator import detail_opd, rekap, semua_indikator
from kinerja_app.queries.periode import get_periode
from kinerja_app.rekap.rekapitulasi import BarisRekap, Ringkasan
from kinerja_app.storage.files import safe_filename
from kinerja_app.storage.models.master import Role
from kinerja_app.storage.models.pengumpulan import StatusOpd
from kinerja_app.workflow.common import Area, Changes

from ..context import UiContext
from ..widgets import make_table, role_button
from .chart import Batang, CapaianChart
from .drill import IndikatorDialog
from .model import RekapModel

AREAS = frozenset({Area.PENYAMPAIAN, Area.DISTRIBUSI, Area.REKAP, Area.PERIODE})
SEMUA = "Semua status"


class RekapTab(QWidget):
    """The recap grid of the period in ``ctx.periode_id``; refreshes on relevant changes."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[BarisRekap] = []
        self.ring: Ringkasan | None = None
        self.active_dialog: QDialog | None = None  # the print preview of the document
        self.model = RekapModel(self)

        self.btn_impor = role_button(ctx, "Impor data OPD…", Role.TIM)
        self.btn_impor.setToolTip(
            self.btn_impor.toolTip()
            or "Baca berkas data kinerja dari OPD, periksa, lalu terima "
            "atau kembalikan untuk perbaikan."
        )
        self.status_combo = QComboBox()
        self.status_combo.addItem(SEMUA, None)
        for status in StatusOpd:
            self.status_combo.addItem(status.label, status.value)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Cari OPD, status, predikat…")
        self.search.setClearButtonEnabled(True)
        self.btn_xlsx = QPushButton("Ekspor .xlsx…")
        self.btn_docx = QPushButton("Dokumen Rekapitulasi (.docx)")
        self.btn_ajukan = role_button(ctx, "Ajukan rekap ke Kabag…", Role.TIM)

        bar = QHBoxLayout()
        bar.addWidget(self.btn_impor)
        bar.addSpacing(12)
        bar.addWidget(QLabel("Status:"))
        bar.addWidget(self.status_combo)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.btn_xlsx)
        bar.addWidget(self.btn_docx)
        bar.addWidget(self.btn_ajukan)

        self.summary = QLabel()
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.shown = QLabel()
        self.shown.setStyleSheet("color: #555")

        self.table = make_table(self, stretch_last=False)
        self.table.setModel(self.model)
        self.table.setColumnWidth(RekapModel.OPD, 330)
        for column, width in (
            (RekapModel.STATUS, 130),
            (RekapModel.SURAT, 130),
            (RekapModel.DATA, 130),
            (RekapModel.KETEPATAN, 95),
            (RekapModel.REVISI, 55),
            (RekapModel.INDIKATOR, 70),
            (RekapModel.ERROR, 75),
            (RekapModel.PERINGATAN, 80),
            (RekapModel.CAPAIAN, 120),
            (RekapModel.PREDIKAT, 110),
        ):
            self.table.setColumnWidth(column, width)
        self.chart = CapaianChart()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.chart)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.table, "Tabel")
        self.tabs.addTab(scroll, "Grafik capaian")

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.shown)

        self.status_combo.currentIndexChanged.connect(self._apply_filter)
        self.search.textChanged.connect(self._apply_filter)
        self.table.doubleClicked.connect(self._drill)
        self.btn_impor.clicked.connect(self.open_import)
        self.btn_xlsx.clicked.connect(self.export_xlsx)
        self.btn_docx.clicked.connect(self.export_docx)
        self.btn_ajukan.clicked.connect(self.ajukan)
        ctx.bus.changed.connect(self._on_changed)
        self.refresh()

    # --- data -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the recap of the current period again."""
        periode = get_periode(self.ctx.periode_id)
        if periode is None:
            self.rows, self.ring = [], None
        else:
            self.rows, self.ring = rekap(periode)
        self.model.set_rows(self.rows)
        self.summary.setText(self.ring.teks() if self.ring else "Belum ada periode yang dipilih.")
        self.chart.set_data(
            [Batang(r.nama, r.capaian_rata, r.predikat) for r in self.rows if r.revisi]
        )
        has_period = periode is not None
        for button in (self.btn_xlsx, self.btn_docx):
            button.setEnabled(has_period)
        self._update_shown()

    def _on_changed(self, changes: Changes) -> None:
        if changes.areas & AREAS:
            self.refresh()

    def _apply_filter(self) -> None:
        self.model.set_filter(self.status_combo.currentData(), self.search.text())
        self._update_shown()

    def _update_shown(self) -> None:
        self.shown.setText(
            f"Menampilkan {self.model.rowCount()} dari {len(self.rows)} Perangkat Daerah. "
            "Klik judul kolom untuk mengurutkan; klik dua kali sebuah baris untuk melihat "
            "indikatornya."
        )

    # --- actions ------------------------------------------------------------------------
    def _drill(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is None:
            return
        if not row.revisi:
            self.ctx.dialogs.info(
                self, "Indikator", f"{row.nama} belum menyampaikan data ({row.status.label})."
            )
            return
        detail = self.ctx.ops.run_action(self, "Indikator", detail_opd, row.pengumpulan_id)
        if detail is not None:
            dialog = IndikatorDialog(detail, self)
            dialog.exec()

    def open_import(self) -> None:
        """Open the import dialog for the current period."""
        if self.ctx.periode_id is None:
            self.ctx.dialogs.warning(self, "Impor data OPD", "Pilih atau buka periode dahulu.")
            return
        from ..importer.dialog import ImportDialog

        dialog = ImportDialog(self.ctx, self.ctx.periode_id, self)
        dialog.exec()

    def export_xlsx(self) -> Path | None:
        """Export the whole recap (and every indicator) to an .xlsx the user chooses."""
        periode = get_periode(self.ctx.periode_id)
        if periode is None or self.ring is None:
            return None
        path = self.ctx.dialogs.save_file(
            self,
            "Ekspor rekapitulasi",
            safe_filename(f"Rekapitulasi Data Kinerja {periode.tahun}.xlsx"),
            "Buku kerja Excel (*.xlsx)",
        )
        if path is None:
            return None
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        rows = self.model.all_records()
        if self.model.rowCount() == len(rows):
            rows = self.model.records()  # keep the user's sort order
        ring = self.ring

        def work() -> Path:
            from kinerja_app.rekap.ekspor import ekspor_rekap  # openpyxl only when exporting

            return ekspor_rekap(
                path,
                periode.tahun,
                rows,
                ring,
                semua_indikator(periode),
                kertas=settings.get("kertas"),
            )

        done = self.ctx.ops.run_action(self, "Ekspor rekapitulasi", work)
        if done is not None and self.ctx.dialogs.confirm(
            self, "Ekspor rekapitulasi", f"Rekap disimpan di:\n{done}\n\nBuka sekarang?", "Buka"
        ):
            self.ctx.dialogs.open_url(done)
        return done

    def export_docx(self) -> Path | None:
        """The Dokumen Rekapitulasi (.docx) of steps 8–10 through the paper door: the version
        with the Kabag (or approved, final) as submitted, else the live recap as a draft."""
        periode = get_periode(self.ctx.periode_id)
        if periode is None:
            return None
        from kinerja_app.documents.berkas_rekap import rekap_untuk_dokumen

        from ..cetak import berkas, buat, tampilkan

        made = buat(
            self.ctx,
            self,
            "Dokumen Rekapitulasi",
            lambda: berkas().dokumen_rekapitulasi(
                self.ctx.user, periode, rekap_untuk_dokumen(periode)
            ),
        )
        if made is None:
            return None
        self.active_dialog = tampilkan(self.ctx, self, "Dokumen Rekapitulasi", made)
        return made.paths[0]

    def ajukan(self) -> None:
        """End of step 8: freeze the recap and report it to the Kabag, with the Tim's analysis."""
        periode = get_periode(self.ctx.periode_id)
        if periode is None:
            return
        from .kelengkapan import ajukan_ke_kabag

        ajukan_ke_kabag(self.ctx, self, periode, self.ring.teks() if self.ring else "")
