"""The import dialog driven as a person would: several files, accept one, return one; recap follows."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from kinerja_app.storage.models import Pengumpulan, PerangkatDaerah
from kinerja_app.storage.models.pengumpulan import StatusOpd
from tests.core.test_impor import BARIS, data_of, isian_xlsx, messy_xlsx, pemetaan_of
from tests.gui.conftest import fake_dialogs
from ui.context import UiContext
from ui.dialogs import FakeDialogs
from ui.importer.dialog import ImportDialog
from ui.importer.mapping import ColumnMappingDialog
from ui.importer.models import Entri, FileListModel, PreviewModel
from ui.ops import ChangeBus, Ops
from ui.recap.model import RekapModel
from ui.recap.tab import RekapTab


def make_ctx(user, periode) -> UiContext:
    dialogs = FakeDialogs()
    bus = ChangeBus()
    return UiContext(user, dialogs, bus, Ops(dialogs, bus), periode.id)


def _status(periode, kode: str) -> StatusOpd:
    opd = PerangkatDaerah.get(PerangkatDaerah.kode == kode)
    p = Pengumpulan.get((Pengumpulan.periode == periode) & (Pengumpulan.opd == opd))
    return StatusOpd(p.status)


def _row_of(model: FileListModel, name: str) -> int:
    return next(i for i, e in enumerate(model.entries) if e.hasil.path.name == name)


def _entry(model: FileListModel, row: int) -> Entri:
    entry = model.entry(row)
    assert entry is not None, row
    return entry


def _recap_row(model: RekapModel, nama_prefix: str) -> int:
    return next(
        r
        for r in range(model.rowCount())
        if model.data(model.index(r, RekapModel.OPD)).startswith(nama_prefix)
    )


def _load(qtbot, dialog: ImportDialog, paths) -> None:
    fake_dialogs(dialog.ctx).files_answers.append(list(paths))
    qtbot.mouseClick(dialog.btn_files, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.files_model.rowCount() == len(paths), timeout=15000)


def test_import_several_accept_one_return_one_and_recap_follows(qtbot, db, f, tmp_path):
    periode = f.periode()
    f.distributed(periode, n=10)
    ctx = make_ctx(f.tim, periode)
    tab = RekapTab(ctx)
    qtbot.addWidget(tab)
    assert "Diterima 0 (0,00%)" in tab.summary.text()

    broken = list(BARIS)
    broken[1] = (*BARIS[1][:4], None, 82.5)  # target missing: an error at F8
    paths = [
        isian_xlsx(tmp_path / "format isian.xlsx", "DISDIK", "Dinas Pendidikan"),
        messy_xlsx(tmp_path / "lkj 2025.xlsx", "DINAS KESEHATAN KAB. LAMANDAU", rows=broken),
        messy_xlsx(tmp_path / "data.xlsx", "LAPORAN KINERJA"),
    ]
    dialog = ImportDialog(ctx, periode.id)
    qtbot.addWidget(dialog)
    _load(qtbot, dialog, paths)
    model = dialog.files_model

    disdik = _row_of(model, "format isian.xlsx")
    dinkes = _row_of(model, "lkj 2025.xlsx")
    unknown = _row_of(model, "data.xlsx")
    assert model.data(model.index(disdik, FileListModel.OPD)) == "Dinas Pendidikan"
    assert model.data(model.index(disdik, FileListModel.STATUS)) == "Lengkap"
    assert model.data(model.index(dinkes, FileListModel.OPD)).startswith("Dinas Kesehatan")
    assert model.data(model.index(dinkes, FileListModel.STATUS)) == "Ada kesalahan"
    assert model.data(model.index(unknown, FileListModel.OPD)) == "(pilih OPD)"

    # the broken file: the finding sits on its cell, clicking it selects that cell
    dialog.select_row(dinkes)
    preview = dialog.preview_model
    cell = preview.index(1, PreviewModel.TARGET)
    assert preview.data(cell, Qt.ItemDataRole.BackgroundRole) is not None
    assert "IKU!F8" in preview.data(cell, Qt.ItemDataRole.ToolTipRole)
    assert (
        preview.data(preview.index(0, PreviewModel.TARGET), Qt.ItemDataRole.BackgroundRole) is None
    )
    row = next(i for i, x in enumerate(dialog.findings_model.findings) if x.cell == "IKU!F8")
    view = dialog.findings_view
    dialog.show()
    qtbot.waitExposed(dialog)
    rect = view.visualRect(dialog.findings_model.index(row, 2))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.preview_view.currentIndex() == cell

    # return the broken file: prefilled note lists the cell; stored then returned
    note = dialog.message_for(_entry(model, dinkes))
    assert "Sel IKU!F8" in note
    fake_dialogs(ctx).text_answers.append(note)
    qtbot.mouseClick(dialog.btn_kembalikan, Qt.MouseButton.LeftButton)
    assert _status(periode, "DINKES") == StatusOpd.PERLU_PERBAIKAN
    assert QGuiApplication.clipboard().text() == note
    assert model.data(model.index(dinkes, FileListModel.KEPUTUSAN)).startswith("Dikembalikan")
    assert not dialog.btn_terima.isEnabled()

    # accept the clean one and declare it valid (confirm answers default to yes)
    dialog.select_row(disdik)
    dialog.nomor_agenda.setText("215/SM/2026")
    qtbot.mouseClick(dialog.btn_terima, Qt.MouseButton.LeftButton)
    assert _status(periode, "DISDIK") == StatusOpd.TERVERIFIKASI
    assert model.data(model.index(disdik, FileListModel.KEPUTUSAN)) == "Terverifikasi (revisi 1)"

    # the unmatched one cannot be accepted before an OPD is picked
    dialog.select_row(unknown)
    qtbot.mouseClick(dialog.btn_terima, Qt.MouseButton.LeftButton)
    assert fake_dialogs(ctx).messages[-1][0] == "warning"
    index = dialog.opd_combo.findText("Inspektorat Daerah")
    dialog.opd_combo.setCurrentIndex(index)
    dialog.opd_combo.activated.emit(index)
    assert model.data(model.index(unknown, FileListModel.OPD)) == "Inspektorat Daerah"
    fake_dialogs(ctx).confirm_answers.append(False)  # stored, not yet declared valid
    qtbot.mouseClick(dialog.btn_terima, Qt.MouseButton.LeftButton)
    assert _status(periode, "INSP") == StatusOpd.DATA_MASUK

    # the recap tab refreshed through the change bus
    rekap = tab.model
    r = _recap_row(rekap, "Dinas Pendidikan")
    assert rekap.data(rekap.index(r, RekapModel.STATUS)) == "Terverifikasi"
    assert rekap.data(rekap.index(r, RekapModel.INDIKATOR)) == "4"
    assert rekap.data(rekap.index(r, RekapModel.REVISI)) == "1"
    r = _recap_row(rekap, "Dinas Kesehatan")
    assert rekap.data(rekap.index(r, RekapModel.STATUS)) == "Perlu perbaikan"
    assert rekap.data(rekap.index(r, RekapModel.ERROR)) == "1"
    text = tab.summary.text()
    assert "Diharapkan 36 OPD" in text
    assert "Diterima 3 (8,33%)" in text
    assert "Terverifikasi 1 (2,78%)" in text
    assert "Perlu perbaikan 1" in text


def test_folder_of_workbooks_reads_in_one_go(qtbot, db, f, tmp_path):
    periode = f.periode()
    ctx = make_ctx(f.tim, periode)
    folder = tmp_path / "masuk"
    folder.mkdir()
    kodes = ["DISDIK", "DINKES", "DPUPR", "DLH", "DISHUB", "BPBD"]
    for kode in kodes:
        isian_xlsx(folder / f"{kode}.xlsx", kode, kode)
    (folder / "~$DISDIK.xlsx").write_bytes(b"lock")
    dialog = ImportDialog(ctx, periode.id)
    qtbot.addWidget(dialog)
    fake_dialogs(ctx).file_answers.append(folder)
    qtbot.mouseClick(dialog.btn_folder, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.files_model.rowCount() == len(kodes), timeout=15000)
    names = [e.hasil.opd.kode if e.hasil.opd else None for e in dialog.files_model.entries]
    assert names == sorted(kodes)
    assert dialog.counts.text().startswith("6 berkas")
    # the same folder again adds nothing
    fake_dialogs(ctx).file_answers.append(folder)
    qtbot.mouseClick(dialog.btn_folder, Qt.MouseButton.LeftButton)
    assert dialog.files_model.rowCount() == len(kodes)
    assert fake_dialogs(ctx).messages[-1][0] == "info"


def test_column_mapping_rereads_a_file_without_recognised_header(qtbot, db, f, tmp_path):
    periode = f.periode()
    ctx = make_ctx(f.tim, periode)
    path = messy_xlsx(tmp_path / "Disdik.xlsx", "DINAS PENDIDIKAN", headerless=True)
    dialog = ImportDialog(ctx, periode.id)
    qtbot.addWidget(dialog)
    _load(qtbot, dialog, [path])
    entry = _entry(dialog.files_model, 0)
    assert entry.hasil.jumlah_indikator == 0
    assert "HEADER_TIDAK_DITEMUKAN" in {x.code for x in entry.hasil.findings}

    def fill() -> None:
        mapper = QApplication.activeModalWidget()
        assert isinstance(mapper, ColumnMappingDialog)
        mapper.header_row.setValue(5)
        for name, letter in (
            ("sasaran", "B"),
            ("indikator", "C"),
            ("satuan", "D"),
            ("polaritas", "E"),
            ("target", "F"),
            ("realisasi", "G"),
            ("capaian", None),
            ("keterangan", None),
        ):
            mapper.set_column(name, letter)
        mapper.buttons.accepted.emit()

    QTimer.singleShot(100, fill)
    qtbot.mouseClick(dialog.btn_mapping, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: _entry(dialog.files_model, 0).hasil.jumlah_indikator == 4, timeout=15000
    )
    hasil = _entry(dialog.files_model, 0).hasil
    assert [r.indikator for r in data_of(hasil).rows] == [b[1] for b in BARIS]
    assert data_of(hasil).rows[0].target == 98.5
    assert hasil.opd is not None and hasil.opd.kode == "DISDIK"


def test_mapping_with_an_excluded_row_is_remembered_for_the_next_period(qtbot, db, f, tmp_path):
    """The Done-when of issue 12: map columns, exclude a numbering row, accept; the next
    period's file of the same layout is read with the remembered mapping, and says so."""
    from tests.core.test_impor import ODD_MAPPING, odd_layout_xlsx

    periode = f.periode(2025)
    f.distributed(periode, n=5)
    ctx = make_ctx(f.tim, periode)
    dialog = ImportDialog(ctx, periode.id)
    qtbot.addWidget(dialog)
    _load(qtbot, dialog, [odd_layout_xlsx(tmp_path / "disdik 2025.xlsx", 2025)])
    assert data_of(_entry(dialog.files_model, 0).hasil).header_row is None
    assert dialog.btn_mapping.isEnabled()

    def map_columns() -> None:
        mapper = QApplication.activeModalWidget()
        assert isinstance(mapper, ColumnMappingDialog)
        mapper.header_row.setValue(3)
        for name in ("satuan", "capaian", "keterangan"):
            mapper.set_column(name, None)
        for name, letter in ODD_MAPPING.items():
            mapper.set_column(name, letter)
        mapper.buttons.accepted.emit()

    QTimer.singleShot(100, map_columns)
    qtbot.mouseClick(dialog.btn_mapping, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: _entry(dialog.files_model, 0).hasil.jumlah_indikator == 5, timeout=15000
    )
    # the lettered numbering row "A B C ..." was read as an indicator: take it out
    assert dialog.preview_model.rows[0].indikator == "C"
    assert dialog.btn_mapping.isEnabled()  # always available, not only without a header

    def exclude_numbering_row() -> None:
        mapper = QApplication.activeModalWidget()
        assert isinstance(mapper, ColumnMappingDialog)
        assert mapper.combos["indikator"].currentData() == "C"  # starts from the mapping used
        index = mapper.preview.index(3, 0)
        assert mapper.preview.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        mapper.set_row_used(4, False)
        mapper.buttons.accepted.emit()

    QTimer.singleShot(100, exclude_numbering_row)
    qtbot.mouseClick(dialog.btn_mapping, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: _entry(dialog.files_model, 0).hasil.jumlah_indikator == 4, timeout=15000
    )
    hasil = _entry(dialog.files_model, 0).hasil
    assert [r.indikator for r in data_of(hasil).rows] == [b[1] for b in BARIS]
    assert "Pemetaan kolom manual dipakai" in dialog.info.text()

    qtbot.mouseClick(dialog.btn_terima, Qt.MouseButton.LeftButton)
    assert _status(periode, "DISDIK") == StatusOpd.TERVERIFIKASI

    # next period: the same OPD sends the same layout
    nanti = f.periode(2026)
    f.distributed(nanti, n=5)
    ctx2 = make_ctx(f.tim, nanti)
    dialog2 = ImportDialog(ctx2, nanti.id)
    qtbot.addWidget(dialog2)
    rows = (
        *BARIS,
        ("Meningkatnya mutu pendidikan", "Nilai rata-rata UN", "nilai", "Positif", 70, 72),
    )
    _load(qtbot, dialog2, [odd_layout_xlsx(tmp_path / "disdik 2026.xlsx", 2026, rows)])
    dialog2.select_row(0)
    entry = _entry(dialog2.files_model, 0)
    assert pemetaan_of(entry.hasil).sumber == "diingat"
    assert "Pemetaan kolom yang diingat untuk OPD ini dipakai" in dialog2.info.text()
    preview = dialog2.preview_model
    assert [preview.data(preview.index(r, PreviewModel.INDIKATOR)) for r in range(5)] == [
        r[1] for r in rows
    ]
    assert dialog2.files_model.data(dialog2.files_model.index(0, FileListModel.STATUS)) == "Lengkap"


def test_a_sheet_the_reader_asks_about_is_chosen_in_the_mapping(qtbot, db, f, tmp_path):
    """One sheet per triwulan without TW IV: the reader asks (LEMBAR_GANDA); the Tim picks
    the sheet in "Petakan kolom…", its header is found again, and the file is read from it."""
    from tests.importer import forms
    from tests.importer.test_review_findings import per_quarter

    periode = f.periode(2025)
    ctx = make_ctx(f.tim, periode)
    path = forms.write_xlsx(tmp_path / "bapenda.xlsx", *per_quarter()[:3])
    dialog = ImportDialog(ctx, periode.id)
    qtbot.addWidget(dialog)
    _load(qtbot, dialog, [path])
    first = dialog.files_model.entry(0)
    assert first is not None
    assert "LEMBAR_GANDA" in {x.code for x in first.hasil.findings}

    def choose_sheet() -> None:
        mapper = QApplication.activeModalWidget()
        assert isinstance(mapper, ColumnMappingDialog)
        assert mapper.lembar.isEnabled()
        mapper.lembar.setCurrentIndex(mapper.lembar.findData("TW II"))
        assert mapper.combos["realisasi"].currentData() == "F"  # the new sheet's header
        assert mapper.preview.rows[0][0].startswith("CAPAIAN KINERJA BAPENDA TRIWULAN II")
        mapper.buttons.accepted.emit()

    QTimer.singleShot(100, choose_sheet)
    qtbot.mouseClick(dialog.btn_mapping, Qt.MouseButton.LeftButton)

    def sheet_read() -> str | None:
        entry = dialog.files_model.entry(0)
        return entry.hasil.data.sheet if entry is not None and entry.hasil.data else None

    qtbot.waitUntil(lambda: sheet_read() == "TW II", timeout=15000)
    entry = dialog.files_model.entry(0)
    assert entry is not None and entry.hasil.data is not None
    assert [r.realisasi for r in entry.hasil.data.rows] == [5.0, 200.0]
    assert "LEMBAR_GANDA" not in {x.code for x in entry.hasil.findings}
