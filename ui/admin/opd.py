"""The OPD list: edit, deactivate, import from and export to .xlsx."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from kinerja_app.admin.master import (
    DataOpd,
    ekspor_opd_xlsx,
    impor_opd_xlsx,
    nonaktifkan_opd,
    simpan_opd,
)
from kinerja_app.queries.master import daftar_opd
from kinerja_app.storage.models import PerangkatDaerah

from ..context import UiContext
from ..table import Column, RecordTableModel
from ..widgets import list_and_form, make_table


class OpdMasterModel(RecordTableModel[PerangkatDaerah]):
    """Every OPD, active or not."""

    URUTAN, KODE, NAMA, SINGKATAN, JENIS, KEPALA, AKTIF = range(7)
    columns = (
        Column("No.", lambda o: str(o.urutan), key=lambda o: o.urutan, align_right=True),
        Column("Kode", lambda o: o.kode),
        Column("Nama", lambda o: o.nama),
        Column("Singkatan", lambda o: o.singkatan),
        Column("Jenis", lambda o: o.jenis),
        Column("Jabatan kepala", lambda o: o.jabatan_kepala),
        Column("Aktif", lambda o: "Ya" if o.aktif else "Tidak"),
    )


class OpdPage(QWidget):
    """List and form of the Perangkat Daerah."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.editing: PerangkatDaerah | None = None
        self.model = OpdMasterModel(self)
        self.table = make_table()
        self.table.setModel(self.model)
        self.kode = QLineEdit()
        self.nama = QLineEdit()
        self.singkatan = QLineEdit()
        self.jenis = QLineEdit()
        self.jabatan = QLineEdit()
        self.kepala = QLineEdit()
        self.alamat = QLineEdit()
        self.urutan = QSpinBox()
        self.urutan.setRange(0, 999)
        self.aktif = QCheckBox("Diharapkan menyampaikan data (aktif)")
        self.aktif.setChecked(True)
        form = QFormLayout()
        for label, widget in (
            ("Kode:", self.kode),
            ("Nama:", self.nama),
            ("Singkatan:", self.singkatan),
            ("Jenis:", self.jenis),
            ("Jabatan kepala:", self.jabatan),
            ("Nama kepala:", self.kepala),
            ("Alamat:", self.alamat),
            ("Urutan:", self.urutan),
            ("", self.aktif),
        ):
            form.addRow(label, widget)
        self.new_button = QPushButton("OPD baru")
        self.save_button = QPushButton("Simpan OPD")
        self.off_button = QPushButton("Nonaktifkan")
        self.import_button = QPushButton("Impor .xlsx…")
        self.export_button = QPushButton("Ekspor .xlsx…")
        list_and_form(
            self,
            self.table,
            form,
            (self.new_button, self.off_button, self.import_button, self.export_button),
            self.save_button,
        )
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._load_selected())
        self.new_button.clicked.connect(self.clear)
        self.save_button.clicked.connect(self.save)
        self.off_button.clicked.connect(self.deactivate)
        self.import_button.clicked.connect(self.import_xlsx)
        self.export_button.clicked.connect(self.export_xlsx)

    def refresh(self) -> None:
        self.model.set_rows(daftar_opd())
        self.table.resizeColumnsToContents()

    def clear(self) -> None:
        self.table.clearSelection()
        self.editing = None
        for edit in (
            self.kode,
            self.nama,
            self.singkatan,
            self.jenis,
            self.jabatan,
            self.kepala,
            self.alamat,
        ):
            edit.clear()
        self.urutan.setValue(len(self.model.records()) + 1)
        self.aktif.setChecked(True)

    def _load_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        opd = self.model.row_at(rows[0].row()) if rows else None
        if opd is None:
            return
        self.editing = opd
        self.kode.setText(opd.kode)
        self.nama.setText(opd.nama)
        self.singkatan.setText(opd.singkatan)
        self.jenis.setText(opd.jenis)
        self.jabatan.setText(opd.jabatan_kepala)
        self.kepala.setText(opd.nama_kepala)
        self.alamat.setText(opd.alamat)
        self.urutan.setValue(opd.urutan)
        self.aktif.setChecked(bool(opd.aktif))

    def save(self) -> None:
        data = DataOpd(
            self.kode.text(),
            self.nama.text(),
            self.singkatan.text(),
            self.jenis.text(),
            self.jabatan.text(),
            self.kepala.text(),
            self.alamat.text(),
            self.urutan.value(),
            self.aktif.isChecked(),
        )
        self.ctx.ops.run_action(self, "Simpan OPD", simpan_opd, self.ctx.user, data, self.editing)

    def deactivate(self) -> None:
        if self.editing is not None and self.ctx.dialogs.confirm(
            self,
            "Nonaktifkan",
            f"{self.editing.nama} tidak lagi diharapkan pada periode baru. Lanjutkan?",
            "Nonaktifkan",
        ):
            self.ctx.ops.run_action(
                self, "Nonaktifkan OPD", nonaktifkan_opd, self.ctx.user, self.editing
            )

    def import_xlsx(self) -> None:
        path = self.ctx.dialogs.open_file(
            self, "Impor daftar Perangkat Daerah", "Buku kerja Excel (*.xlsx)"
        )
        if path is not None:
            self.ctx.ops.run_action(self, "Impor daftar OPD", impor_opd_xlsx, self.ctx.user, path)

    def export_xlsx(self) -> None:
        path = self.ctx.dialogs.save_file(
            self,
            "Ekspor daftar Perangkat Daerah",
            "Perangkat Daerah.xlsx",
            "Buku kerja Excel (*.xlsx)",
        )
        if path is not None:
            done = self.ctx.ops.run_action(self, "Ekspor daftar OPD", ekspor_opd_xlsx, path)
            if done is not None:
                self.ctx.dialogs.info(self, "Ekspor daftar OPD", f"Daftar disimpan ke {done}.")
