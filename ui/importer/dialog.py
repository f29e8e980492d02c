"""Import OPD workbooks (step 8): read in a worker thread, preview with findings, accept or return.

Files come from the file picker, a folder or a drop. Each is matched to an OPD (the user may
correct it), shown with its findings on their cells, and then stored as a revision ("Terima",
optionally also "valid") or stored and returned for correction with a ready-to-send note.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from kinerja_app import clock
from kinerja_app.errors import UserError
from kinerja_app.formatting import format_tanggal
from kinerja_app.importer.penerimaan import (
    HasilPeriksa,
    Katalog,
    daftar_berkas,
    ganti_opd,
    get_pengumpulan,
    get_penyampaian,
    muat_katalog,
    periksa_berkas,
    periksa_semua,
    pesan_perbaikan,
    terima,
    waktu_diterima,
)
from kinerja_app.queries.periode import get_periode
from kinerja_app.storage.models.master import Role
from kinerja_app.workflow.common import Changes
from kinerja_app.workflow.penyampaian import SuratMasuk, kembalikan_data, nyatakan_valid

from ..context import UiContext
from ..forms import TANPA_TANGGAL, date_edit, py_date, qdate
from ..widgets import make_table, role_button
from .mapping import ColumnMappingDialog
from .models import Entri, FileListModel, FindingsModel, PreviewModel

FILTER = "Buku kerja (*.xlsx *.xls *.ods *.xlsm *.htm *.html);;Semua berkas (*)"


class OpdDelegate(QStyledItemDelegate):
    """A combo box of the period's OPDs for the file list's OPD column."""

    def __init__(self, dialog: ImportDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        combo = QComboBox(parent)
        for opd in self.dialog.katalog.opd:
            combo.addItem(opd.nama, opd.opd_id)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(
        self, editor: QWidget, model: Any, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class ImportDialog(QDialog):
    """Read OPD workbooks of one period, check them and decide on each (modal ``exec()``)."""

    def __init__(self, ctx: UiContext, periode_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        periode = get_periode(periode_id)
        if periode is None:
            raise UserError("Periode tidak ditemukan.")
        self.periode = periode
        self.katalog: Katalog = muat_katalog(periode)
        self.worker: Any = None
        self.reading = False
        self._current = -1
        self.setWindowTitle(f"Impor data kinerja OPD — {periode.nama}")
        self.setAcceptDrops(True)
        screen = QGuiApplication.primaryScreen().availableGeometry()
        self.resize(min(1320, screen.width() - 40), min(840, screen.height() - 60))

        self.files_model = FileListModel(self)
        self.preview_model = PreviewModel(self)
        self.findings_model = FindingsModel(self)
        self._build()
        self._connect()
        self._show_entry(-1)

    # --- layout -----------------------------------------------------------------------
    def _build(self) -> None:
        self.btn_files = QPushButton("Pilih berkas…")
        self.btn_folder = QPushButton("Pilih folder…")
        hint = QLabel("atau seret berkas/folder (.xlsx, .xls, .ods) ke jendela ini")
        hint.setStyleSheet("color: #666")
        top = QHBoxLayout()
        top.addWidget(self.btn_files)
        top.addWidget(self.btn_folder)
        top.addWidget(hint)
        top.addStretch(1)
        self.counts = QLabel()
        top.addWidget(self.counts)

        self.files_view = make_table(self, stretch_last=True)
        self.files_view.setSortingEnabled(False)
        self.files_view.setModel(self.files_model)
        self.files_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.files_view.setItemDelegateForColumn(FileListModel.OPD, OpdDelegate(self))
        for column, width in ((0, 280), (1, 340), (2, 110), (3, 70), (4, 75), (5, 80)):
            self.files_view.setColumnWidth(column, width)

        self.info = QLabel()
        self.info.setWordWrap(True)
        self.opd_combo = QComboBox()
        self.opd_combo.addItem("(pilih OPD)", None)
        for opd in self.katalog.opd:
            self.opd_combo.addItem(opd.nama, opd.opd_id)
        opd_row = QHBoxLayout()
        opd_row.addWidget(QLabel("Perangkat Daerah:"))
        opd_row.addWidget(self.opd_combo, 1)

        self.preview_view = make_table(self, stretch_last=True)
        self.preview_view.setSortingEnabled(False)
        self.preview_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.preview_view.setModel(self.preview_model)
        for column, width in ((0, 48), (1, 170), (2, 230), (3, 70), (4, 80), (5, 78), (6, 78)):
            self.preview_view.setColumnWidth(column, width)
        self.findings_view = make_table(self, stretch_last=True)
        self.findings_view.setSortingEnabled(False)
        self.findings_view.setWordWrap(True)
        self.findings_view.setModel(self.findings_model)
        self.findings_view.setColumnWidth(FindingsModel.TINGKAT, 85)
        self.findings_view.setColumnWidth(FindingsModel.SEL, 130)
        self.findings_view.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.info)
        detail_layout.addLayout(opd_row)
        inner = QSplitter(Qt.Orientation.Horizontal)
        inner.addWidget(self.preview_view)
        inner.addWidget(self.findings_view)
        inner.setSizes([880, 420])
        detail_layout.addWidget(inner, 1)
        outer = QSplitter(Qt.Orientation.Vertical)
        outer.addWidget(self.files_view)
        outer.addWidget(detail)
        outer.setSizes([220, 380])

        self.tanggal_diterima = date_edit(not_future=True)
        self.nomor_agenda = QLineEdit()
        self.nomor_agenda.setPlaceholderText(f"mis. 215/SM/{clock.today().year}")
        self.nomor_pengantar = QLineEdit()
        self.nomor_pengantar.setPlaceholderText("nomor surat pengantar OPD")
        self.tanggal_pengantar = date_edit(optional=True, not_future=True)
        surat = QGroupBox("Surat masuk (berkas terpilih)")
        grid = QGridLayout(surat)
        grid.addWidget(QLabel("Tanggal diterima:"), 0, 0)
        grid.addWidget(self.tanggal_diterima, 0, 1)
        grid.addWidget(QLabel("Nomor agenda:"), 0, 2)
        grid.addWidget(self.nomor_agenda, 0, 3)
        grid.addWidget(QLabel("Nomor pengantar:"), 1, 0)
        grid.addWidget(self.nomor_pengantar, 1, 1)
        grid.addWidget(QLabel("Tanggal pengantar:"), 1, 2)
        grid.addWidget(self.tanggal_pengantar, 1, 3)

        self.btn_mapping = QPushButton("Petakan kolom…")
        self.btn_mapping.setToolTip(
            "Tunjukkan kolom target, realisasi, dsb. dan baris mana yang indikator; pilihan "
            "diingat untuk berkas OPD ini berikutnya."
        )
        self.btn_salin = QPushButton("Salin pesan perbaikan")
        self.btn_kembalikan = role_button(self.ctx, "Kembalikan untuk perbaikan…", Role.TIM)
        self.btn_terima = role_button(self.ctx, "Terima", Role.TIM)
        self.btn_tutup = QPushButton("Tutup")
        buttons = QHBoxLayout()
        buttons.addWidget(self.btn_mapping)
        buttons.addWidget(self.btn_salin)
        buttons.addStretch(1)
        buttons.addWidget(self.btn_kembalikan)
        buttons.addWidget(self.btn_terima)
        buttons.addWidget(self.btn_tutup)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(outer, 1)
        layout.addWidget(surat)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        self.btn_files.clicked.connect(self.pick_files)
        self.btn_folder.clicked.connect(self.pick_folder)
        self.btn_mapping.clicked.connect(self.map_columns)
        self.btn_salin.clicked.connect(self.copy_message)
        self.btn_terima.clicked.connect(self.accept_selected)
        self.btn_kembalikan.clicked.connect(self.return_selected)
        self.btn_tutup.clicked.connect(self.reject)
        self.files_model.opdChosen.connect(self._choose_opd)
        self.files_view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_entry(current.row())
        )
        self.opd_combo.activated.connect(self._combo_opd)
        self.findings_view.clicked.connect(self._goto_finding)

    # --- adding files -------------------------------------------------------------------
    def pick_files(self) -> None:
        """Ask for workbooks and read them."""
        self.add_paths(self.ctx.dialogs.open_files(self, "Pilih berkas data kinerja OPD", FILTER))

    def pick_folder(self) -> None:
        """Ask for a folder and read every workbook in it."""
        folder = self.ctx.dialogs.open_folder(self, "Pilih folder berisi berkas data OPD")
        if folder is not None:
            self.add_paths([folder])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_paths(paths)

    def _expand(self, paths: Iterable[Path]) -> list[Path]:
        known = {e.hasil.path.resolve() for e in self.files_model.entries}
        out: list[Path] = []
        for path in paths:
            for file in daftar_berkas(path) if path.is_dir() else [path]:
                if file.resolve() not in known:
                    known.add(file.resolve())
                    out.append(file)
        return out

    def add_paths(self, paths: Sequence[Path]) -> None:
        """Read files (folders expanded) in a worker thread, then list them."""
        if self.reading:
            self.ctx.dialogs.info(self, "Impor", "Tunggu sampai pembacaan berkas selesai.")
            return
        files = self._expand(paths)
        if not files:
            if paths:
                self.ctx.dialogs.info(
                    self, "Impor", "Tidak ada berkas buku kerja baru di pilihan itu."
                )
            return
        katalog = self.katalog
        self.reading = True
        self.worker = self.ctx.ops.run_in_background(
            self,
            "Membaca berkas",
            lambda progress: periksa_semua(files, katalog, progress),
            self._on_read,
            label=f"Membaca dan memeriksa {len(files)} berkas…",
        )
        self.worker.signals.failed.connect(lambda *_: setattr(self, "reading", False))

    def _on_read(self, results: list[HasilPeriksa]) -> None:
        self.reading = False
        first_new = self.files_model.rowCount()
        self.files_model.add([Entri(h) for h in results])
        self._update_counts()
        if results:
            self.files_view.selectRow(first_new if self._current < 0 else self._current)

    # --- the selected file ----------------------------------------------------------------
    def selected_row(self) -> int:
        """The row of the file shown in the detail area (-1: none)."""
        return self._current

    def select_row(self, row: int) -> None:
        """Select a file of the list (as a click would)."""
        self.files_view.selectRow(row)

    def _save_fields(self) -> None:
        entry = self.files_model.entry(self._current)
        if entry is None:
            return
        entry.tanggal_diterima = py_date(self.tanggal_diterima.date())
        entry.nomor_agenda = self.nomor_agenda.text()
        entry.nomor_pengantar = self.nomor_pengantar.text()
        date = self.tanggal_pengantar.date()
        entry.tanggal_pengantar = None if date == TANPA_TANGGAL else py_date(date)

    def _show_entry(self, row: int) -> None:
        self._save_fields()
        self._current = row
        entry = self.files_model.entry(row)
        hasil = entry.hasil if entry else None
        self.preview_model.set_hasil(hasil)
        self.findings_model.set_findings(hasil.findings if hasil else ())
        if entry is not None:
            self.tanggal_diterima.setDate(qdate(entry.tanggal_diterima))
            self.nomor_agenda.setText(entry.nomor_agenda)
            self.nomor_pengantar.setText(entry.nomor_pengantar)
            self.tanggal_pengantar.setDate(
                qdate(entry.tanggal_pengantar) if entry.tanggal_pengantar else TANPA_TANGGAL
            )
            opd_id = hasil.opd.opd_id if hasil and hasil.opd else None
            self.opd_combo.setCurrentIndex(max(self.opd_combo.findData(opd_id), 0))
        self.info.setText(self._info_text(entry))
        self._update_buttons()

    def _info_text(self, entry: Entri | None) -> str:
        if entry is None:
            return "Pilih berkas atau folder, atau seret berkas buku kerja dari OPD ke sini."
        h = entry.hasil
        parts = [f"<b>{h.path.name}</b>"]
        if h.data is None:
            parts.append(f"Tidak terbaca: {h.pesan}")
        else:
            if h.opd is None:
                parts.append("OPD tidak dikenali: pilih Perangkat Daerah di bawah.")
            else:
                parts.append(f"OPD dikenali dari {h.cara}.")
            if h.data.tahun_hint is not None:
                parts.append(f"Tahun data {h.data.tahun_hint}.")
            if h.data.sheet:
                parts.append(f"Lembar '{h.data.sheet}'.")
            if not h.data.header_found:
                parts.append("Judul kolom tidak ditemukan: klik <i>Petakan kolom…</i>.")
            pemetaan = h.data.pemetaan
            if pemetaan is not None and pemetaan.sumber == "diingat":
                parts.append(f"<b>{pemetaan.catatan}</b>")
            elif pemetaan is not None and pemetaan.sumber == "manual":
                parts.append(
                    "<b>Pemetaan kolom manual dipakai;</b> diingat untuk OPD ini setelah "
                    "data diterima."
                )
            if h.data.dilewati:
                parts.append(
                    f"{len(h.data.dilewati)} baris bukan indikator (penomoran, bagian, "
                    "ringkasan...); lihat <i>Petakan kolom…</i>."
                )
        if h.opd is not None:
            status = next((o.status for o in self.katalog.opd if o.opd_id == h.opd.opd_id), None)
            if status is not None:
                parts.append(f"Status OPD saat ini: {status.label}.")
        if entry.keputusan:
            parts.append(f"<b>{entry.keputusan}</b>")
        return " ".join(parts)

    def _update_buttons(self) -> None:
        entry = self.files_model.entry(self._current)
        hasil = entry.hasil if entry else None
        readable = hasil is not None and hasil.data is not None
        open_ = entry is not None and not entry.keputusan.startswith(("Terverifikasi", "Dikemb"))
        tim = self.ctx.can(Role.TIM)
        self.btn_terima.setEnabled(tim and readable and open_)
        self.btn_kembalikan.setEnabled(tim and readable and open_)
        stored = entry is not None and entry.penyampaian_id is not None
        self.btn_mapping.setEnabled(readable and open_ and not stored)
        self.btn_salin.setEnabled(bool(hasil and hasil.findings))
        self.opd_combo.setEnabled(entry is not None and entry.penyampaian_id is None)
        for widget in (self.tanggal_diterima, self.nomor_agenda, self.nomor_pengantar):
            widget.setEnabled(entry is not None and entry.penyampaian_id is None)
        self.tanggal_pengantar.setEnabled(entry is not None and entry.penyampaian_id is None)

    def _update_counts(self) -> None:
        entries = self.files_model.entries
        done = sum(1 for e in entries if e.keputusan)
        errors = sum(1 for e in entries if e.hasil.status in ("errors", "unreadable"))
        unmatched = sum(1 for e in entries if e.hasil.opd is None)
        self.counts.setText(
            f"{len(entries)} berkas · {errors} dengan kesalahan · {unmatched} tanpa OPD · "
            f"{done} sudah diputuskan"
        )

    def _goto_finding(self, index: QModelIndex) -> None:
        finding = self.findings_model.finding(index.row())
        place = self.preview_model.place_of(finding) if finding else None
        if place is None:
            return
        target = self.preview_model.index(*place)
        self.preview_view.setCurrentIndex(target)
        self.preview_view.scrollTo(target, QAbstractItemView.ScrollHint.PositionAtCenter)

    # --- OPD choice and column mapping ----------------------------------------------------
    def _combo_opd(self, _index: int) -> None:
        opd_id = self.opd_combo.currentData()
        if opd_id is not None and self._current >= 0:
            self._choose_opd(self._current, int(opd_id))

    def _choose_opd(self, row: int, opd_id: int) -> None:
        entry = self.files_model.entry(row)
        opd = self.katalog.opd_by_id(opd_id)
        if entry is None or opd is None or entry.penyampaian_id is not None:
            return
        self.files_model.replace(row, ganti_opd(entry.hasil, opd, self.katalog))
        self._update_counts()
        if row == self._current:
            self._show_entry(row)

    def map_columns(self) -> None:
        """Let the user name the columns, then read the file again with that mapping."""
        entry = self.files_model.entry(self._current)
        if entry is None or entry.hasil.data is None:
            return
        dialog = ColumnMappingDialog(entry.hasil.data, self, tahun=self.katalog.tahun)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.reread(self._current, dialog.mapping())

    def reread(self, row: int, mapping: Any) -> None:
        """Read one file again with a column mapping (in the worker thread)."""
        entry = self.files_model.entry(row)
        if entry is None:
            return
        path, katalog, chosen = entry.hasil.path, self.katalog, entry.hasil
        self.reading = True

        def done(hasil: HasilPeriksa) -> None:
            self.reading = False
            if chosen.cara == "dipilih" and chosen.opd is not None:
                hasil = ganti_opd(hasil, chosen.opd, katalog)
            self.files_model.replace(row, hasil)
            self._update_counts()
            self._show_entry(row)

        self.worker = self.ctx.ops.run_in_background(
            self, "Membaca ulang", lambda _progress: periksa_berkas(path, katalog, mapping), done
        )
        self.worker.signals.failed.connect(lambda *_: setattr(self, "reading", False))

    # --- decisions ----------------------------------------------------------------------
    def _ready(self, title: str) -> Entri | None:
        self._save_fields()
        entry = self.files_model.entry(self._current)
        if entry is None or entry.hasil.data is None:
            return None
        if entry.hasil.opd is None:
            self.ctx.dialogs.warning(self, title, "Pilih Perangkat Daerah untuk berkas ini dahulu.")
            return None
        return entry

    def _store(self, entry: Entri, title: str) -> bool:
        """Store the entry as a revision unless already stored; True when stored."""
        if entry.penyampaian_id is not None:
            return True
        hasil = entry.hasil
        assert hasil.opd is not None
        surat = SuratMasuk(
            waktu_diterima(entry.tanggal_diterima),
            entry.nomor_agenda,
            entry.nomor_pengantar,
            entry.tanggal_pengantar,
        )
        pengumpulan = get_pengumpulan(hasil.opd.pengumpulan_id)
        changes = self.ctx.ops.run_action(
            self, title, terima, self.ctx.user, pengumpulan, hasil, surat
        )
        if not isinstance(changes, Changes) or changes.objek_id is None:
            return False
        entry.penyampaian_id = changes.objek_id
        entry.revisi = get_penyampaian(changes.objek_id).revisi
        entry.keputusan = f"Disimpan sebagai revisi {entry.revisi}"
        self._after_decision()
        return True

    def _after_decision(self) -> None:
        self.katalog = muat_katalog(self.periode)
        self.files_model.refresh_row(self._current)
        self._update_counts()
        self._show_entry(self._current)

    def accept_selected(self) -> None:
        """ "Terima": store the file as the OPD's next revision; offer "valid" when error-free."""
        title = "Terima data"
        entry = self._ready(title)
        if entry is None:
            return
        hasil = entry.hasil
        if (
            entry.penyampaian_id is None
            and hasil.jumlah_error
            and not self.ctx.dialogs.confirm(
                self,
                title,
                f"Berkas ini memiliki {hasil.jumlah_error} kesalahan. Tetap simpan sebagai "
                "revisi? Data belum dapat dinyatakan valid sebelum OPD memperbaikinya atau "
                "Kabag menyetujuinya dengan alasan.",
            )
        ):
            return
        if not self._store(entry, title):
            return
        if hasil.jumlah_error or entry.penyampaian_id is None:
            return
        assert hasil.opd is not None
        if not self.ctx.dialogs.confirm(
            self,
            title,
            f"Data {hasil.opd.nama} tersimpan tanpa kesalahan. Nyatakan valid sekarang "
            "(status menjadi Terverifikasi)?",
        ):
            return
        changes = self.ctx.ops.run_action(
            self,
            "Nyatakan valid",
            nyatakan_valid,
            self.ctx.user,
            get_penyampaian(entry.penyampaian_id),
        )
        if changes is not None:
            entry.keputusan = f"Terverifikasi (revisi {entry.revisi})"
            self._after_decision()

    def message_for(self, entry: Entri) -> str:
        """The ready-to-send correction text of a file."""
        nama = entry.hasil.opd.nama if entry.hasil.opd else "Perangkat Daerah"
        return pesan_perbaikan(
            nama, entry.hasil.findings, tahun=self.katalog.tahun, berkas=entry.hasil.path.name
        )

    def return_selected(self) -> None:
        """Store the file as a revision, then return it to the OPD with a mandatory note."""
        title = "Kembalikan untuk perbaikan"
        entry = self._ready(title)
        if entry is None:
            return
        note = self.ctx.dialogs.ask_text(
            self,
            title,
            "Catatan untuk OPD (wajib; teks ini dapat dikirim lewat WhatsApp, e-mail atau surat):",
            self.message_for(entry),
        )
        if note is None:
            return
        if not note.strip():
            self.ctx.dialogs.warning(
                self, title, "Catatan wajib diisi: tuliskan apa yang harus diperbaiki."
            )
            return
        if not self._store(entry, title):
            return
        assert entry.penyampaian_id is not None
        changes = self.ctx.ops.run_action(
            self, title, kembalikan_data, self.ctx.user, get_penyampaian(entry.penyampaian_id), note
        )
        if changes is None:
            return
        entry.keputusan = f"Dikembalikan untuk perbaikan (revisi {entry.revisi})"
        self._after_decision()
        if self.ctx.dialogs.confirm(
            self, title, "Salin teks catatan ke papan klip untuk dikirim ke OPD?"
        ):
            QGuiApplication.clipboard().setText(note)

    def copy_message(self) -> None:
        """Copy the correction text of the selected file to the clipboard."""
        entry = self.files_model.entry(self._current)
        if entry is None:
            return
        QGuiApplication.clipboard().setText(self.message_for(entry))
        self.ctx.dialogs.info(
            self,
            "Pesan perbaikan",
            f"Pesan perbaikan disalin ({format_tanggal(clock.today())}); tempel di WhatsApp, "
            "e-mail atau surat.",
        )
