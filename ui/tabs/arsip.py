"""Arsip: the period's archived files and the outgoing-letter register."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from kinerja_app.formatting import format_tanggal, format_tanggal_waktu, urutan_alami
from kinerja_app.queries import periode as q_periode
from kinerja_app.queries import rekap as q_rekap
from kinerja_app.queries.master import daftar_opd
from kinerja_app.storage.arsip_berkas import berkas_lokal
from kinerja_app.storage.db import archive_root
from kinerja_app.storage.models import Arsip, SuratKeluar
from kinerja_app.storage.models.master import Role
from kinerja_app.workflow.common import Area
from kinerja_app.workflow.periode import buka_kunci_periode
from kinerja_app.workflow.register import JenisSurat

from ..cetak import tampilkan
from ..context import UiContext
from ..maintenance import periksa_arsip
from ..table import Column, RecordTableModel
from ..widgets import make_table, role_button, set_action_enabled, title_label

if TYPE_CHECKING:
    from kinerja_app.documents.naskah import Cetakan


class ArsipModel(RecordTableModel[Arsip]):
    """Archived files: every paper with its number, date and OPD, and its SHA-256."""

    JENIS, NOMOR, TANGGAL, SHA, OPD, BERKAS, SALINAN, OLEH, WAKTU = range(9)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.opd_names: dict[int, str] = {}  # OPD names by id, set before the rows
        self.columns = (
            Column("Jenis", jenis_arsip),
            Column(
                "Nomor", lambda a: a.nomor, key=lambda a: urutan_alami(a.nomor) if a.nomor else None
            ),
            Column("Tanggal naskah", lambda a: format_tanggal(a.tanggal), key=lambda a: a.tanggal),
            Column("SHA-256", lambda a: a.sha256[:16] + "…"),
            Column("Perangkat Daerah", lambda a: self.opd_names.get(a.opd_id or 0, "")),
            Column("Berkas", lambda a: Path(a.berkas).name),
            Column("Salinan", lambda a: str(a.salinan), key=lambda a: a.salinan, align_right=True),
            Column("Dicatat oleh", lambda a: a.dicatat_oleh.nama),
            Column(
                "Diarsipkan",
                lambda a: format_tanggal_waktu(a.dicatat_pada),
                key=lambda a: a.dicatat_pada,
            ),
        )

    def cell_tooltip(self, record: Arsip, column: int) -> str | None:
        if column == self.SHA:
            return f"SHA-256 {record.sha256}"
        if column == self.BERKAS:
            return str(record.berkas)
        if column == self.OPD:
            return self.opd_names.get(record.opd_id or 0) or None
        return None


KOSONG = (
    "Belum ada berkas yang diarsipkan pada periode ini. Setiap naskah yang dicetak atau "
    "disimpan dari aplikasi (lembar disposisi, surat, format isian, paket distribusi, buku "
    "ekspedisi, rekapitulasi) masuk ke sini dengan sidik SHA-256-nya."
)
LEBAR_NAMA = 300  # pixels an OPD's or a file's name may take before it is elided


def jenis_arsip(arsip: Arsip) -> str:
    """The kind of an archived paper; a copy kept by the final archive (step 10) says so, with
    the recap version it holds: after an unlock and a second archive both stand in the list."""
    rekap = arsip.rekap  # joined by queries.rekap.daftar_arsip: no query here
    if rekap is None:
        return str(arsip.jenis)
    return f"{arsip.jenis} — arsip final, rekap versi {rekap.versi}"


def jenis_surat(kode: str) -> str:
    """The register's kind of letter in words ("Surat Pengingat"), not its code."""
    try:
        return JenisSurat(kode).label
    except ValueError:
        return kode


class SuratKeluarModel(RecordTableModel[SuratKeluar]):
    """The register of outgoing letters."""

    NOMOR, TANGGAL, JENIS, HAL, TUJUAN = range(5)
    columns = (
        Column("Nomor", lambda s: s.nomor, key=lambda s: (s.tahun, s.urut)),
        Column("Tanggal", lambda s: format_tanggal(s.tanggal), key=lambda s: s.tanggal),
        Column("Jenis", lambda s: jenis_surat(s.jenis)),
        Column("Hal", lambda s: s.hal),
        Column("Tujuan", lambda s: s.tujuan),
    )


def cetakan_arsip(rows: list[Arsip]) -> Cetakan:
    """Archived papers as the print preview takes them (a file on the server is fetched)."""
    from kinerja_app.documents.naskah import Cetakan, Naskah

    names = {o.id: o.nama for o in daftar_opd()}
    return Cetakan(
        "Cetak dari arsip",
        tuple(
            Naskah(
                jenis=a.jenis,
                berkas=berkas_lokal(a.berkas),
                sha256=a.sha256,
                nomor=a.nomor,
                tanggal=a.tanggal,
                opd=names.get(a.opd_id or 0, ""),
                arsip_id=a.id,
            )
            for a in rows
        ),
    )


class ArsipTab(QWidget):
    """Archived files, the register and the Kabag's unlock."""

    areas = frozenset({Area.ARSIP, Area.SURAT, Area.PERIODE})

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.files = ArsipModel(self)
        self.register = SuratKeluarModel(self)
        self.file_table = make_table()
        self.file_table.setModel(self.files)
        self.register_table = make_table()
        self.register_table.setModel(self.register)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Cari jenis, nomor, Perangkat Daerah atau nama berkas…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda text: self.files.set_filter(None, text))
        self.file_table.setSelectionMode(self.file_table.SelectionMode.ExtendedSelection)
        self.print_button = QPushButton("Cetak…")
        self.print_button.setToolTip(
            "Pratinjau dan cetak surat (.docx) yang dipilih; pilih beberapa dengan Ctrl atau Shift."
        )
        self.open_button = QPushButton("Buka berkas")
        self.folder_button = QPushButton("Buka folder arsip")
        self.check_button = QPushButton("Periksa berkas arsip")
        self.check_button.setToolTip(
            "Cocokkan setiap berkas arsip dengan sidik SHA-256 saat diarsipkan."
        )
        self.unlock_button = role_button(ctx, "Buka kunci periode…", Role.KABAG)
        row = QHBoxLayout()
        row.addWidget(self.print_button)
        row.addWidget(self.open_button)
        row.addWidget(self.folder_button)
        row.addWidget(self.check_button)
        row.addStretch(1)
        row.addWidget(self.unlock_button)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(title_label("Berkas arsip periode"))
        head.addStretch(1)
        head.addWidget(self.search, 1)
        tl.addLayout(head)
        self.empty_hint = QLabel(KOSONG)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.hide()
        tl.addWidget(self.empty_hint)
        tl.addWidget(self.file_table)
        tl.addLayout(row)
        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(title_label("Register surat keluar"))
        bl.addWidget(self.register_table)
        split = QSplitter()
        split.setOrientation(split.orientation().Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(split)
        self.print_button.clicked.connect(self.cetak)
        self.open_button.clicked.connect(self.open_file)
        self.active_dialog: QDialog | None = None
        self.folder_button.clicked.connect(lambda: self.ctx.dialogs.open_url(archive_root()))
        self.check_button.clicked.connect(lambda: periksa_arsip(self.ctx, self))
        self.unlock_button.clicked.connect(self.unlock)
        ctx.bus.changed.connect(lambda c: self.refresh() if c.areas & self.areas else None)

    def refresh(self) -> None:
        periode = q_periode.get_periode(self.ctx.periode_id)
        self.files.opd_names = {o.id: o.nama for o in daftar_opd()}
        self.files.set_rows(q_rekap.daftar_arsip(periode) if periode else [])
        self.register.set_rows(q_rekap.surat_keluar(periode) if periode else [])
        self.file_table.resizeColumnsToContents()
        for column in (ArsipModel.OPD, ArsipModel.BERKAS):  # long names: the rest stays in view
            width = self.file_table.columnWidth(column)
            self.file_table.setColumnWidth(column, min(width, LEBAR_NAMA))
        self.register_table.resizeColumnsToContents()
        has_files = bool(self.files.all_records())
        self.empty_hint.setVisible(not has_files)
        self.print_button.setEnabled(has_files)
        self.open_button.setEnabled(has_files)
        set_action_enabled(
            self.unlock_button, bool(periode and periode.terkunci), "Periode ini tidak terkunci."
        )

    def selected(self) -> list[Arsip]:
        """The archived files the user selected, in table order."""
        rows = sorted(i.row() for i in self.file_table.selectionModel().selectedRows())
        return [r for r in (self.files.row_at(i) for i in rows) if r is not None]

    def cetak(self) -> None:
        """Preview the selected letters (.docx) for printing, with their archive record."""
        letters = [a for a in self.selected() if a.berkas.lower().endswith(".docx")]
        if not letters:
            self.ctx.dialogs.info(
                self,
                "Cetak",
                "Pilih satu atau beberapa surat (.docx) di daftar berkas arsip. Berkas lain "
                "(buku kerja, pindaian, paket .zip) dibuka dengan «Buka berkas».",
            )
            return
        made = self.ctx.ops.run_action(self, "Cetak", lambda: cetakan_arsip(letters))
        if made is not None:
            self.active_dialog = tampilkan(self.ctx, self, "Cetak dari arsip", made)

    def open_file(self) -> None:
        chosen = self.selected()
        record = chosen[0] if chosen else None
        if record is not None:
            self.ctx.ops.run_action(
                self, "Buka berkas", lambda: self.ctx.dialogs.open_url(berkas_lokal(record.berkas))
            )

    def unlock(self) -> None:
        periode = q_periode.get_periode(self.ctx.periode_id)
        if periode is None:
            return
        reason = self.ctx.dialogs.ask_text(
            self,
            "Buka kunci periode",
            "Alasan membuka kunci periode final:",
            wajib=True,
            tombol="Buka kunci",
        )
        if reason is not None:
            self.ctx.ops.run_action(
                self, "Buka kunci periode", buka_kunci_periode, self.ctx.user, periode, reason
            )
