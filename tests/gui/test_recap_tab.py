"""The Rekapitulasi tab with real widgets: filter, search, drill-down, chart, exports, refresh."""

from __future__ import annotations

import datetime as dt

import openpyxl

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication

from kinerja_app import clock
from kinerja_app.rekap.capaian import Polaritas
from kinerja_app.rekap.ekspor import HEADER_ROW
from kinerja_app.storage.models import Penyampaian
from kinerja_app.workflow.common import Area, Changes
from kinerja_app.workflow.penyampaian import SuratMasuk, nyatakan_valid, simpan_penyampaian
from tests.factory import Finding, Row, kirim_ke_sisanya
from tests.gui.test_import_dialog import make_ctx
from ui.recap.drill import IndikatorDialog
from ui.recap.model import IndikatorModel, RekapModel
from ui.recap.tab import RekapTab


def _submit(f, pengumpulan, realisasi: float, *, valid: bool = False, error: bool = False):
    rows = [
        Row(f"Indikator {i}", 100.0, realisasi, realisasi, row=5 + i, polaritas=Polaritas.POSITIF)
        for i in range(3)
    ]
    findings = [Finding("error", "TARGET_KOSONG", "Target di sel F6 kosong.", "Data!F6", 6)]
    when = clock.now() - dt.timedelta(minutes=5)
    rev = simpan_penyampaian(
        f.tim, pengumpulan, SuratMasuk(when, "1/SM"), rows, findings if error else []
    ).objek_id
    if valid:
        nyatakan_valid(f.tim, Penyampaian.get_by_id(rev))


def _setup(qtbot, f):
    periode = f.periode()
    opd = f.distributed(periode, n=4)
    _submit(f, opd[0], 95.0, valid=True)
    _submit(f, opd[1], 60.0, error=True)
    _submit(f, opd[2], 80.0)
    ctx = make_ctx(f.tim, periode)
    tab = RekapTab(ctx)
    qtbot.addWidget(tab)
    return periode, ctx, tab


def _names(model: RekapModel) -> list[str]:
    return [model.data(model.index(r, RekapModel.OPD)) for r in range(model.rowCount())]


def test_summary_filter_search_and_sort_through_the_widgets(qtbot, db, f):
    _periode, _ctx, tab = _setup(qtbot, f)
    text = tab.summary.text()
    assert "Diharapkan 36 OPD" in text and "Diterima 3 (8,33%)" in text
    assert "Terverifikasi 1 (2,78%)" in text
    index = tab.status_combo.findText("Data masuk")
    tab.status_combo.setCurrentIndex(index)
    assert tab.model.rowCount() == 2
    assert tab.shown.text().startswith("Menampilkan 2 dari 36")
    qtbot.keyClicks(tab.search, "inspektorat")
    assert _names(tab.model) == ["Inspektorat Daerah"]
    tab.search.clear()
    tab.status_combo.setCurrentIndex(0)
    assert tab.model.rowCount() == 36
    tab.show()
    qtbot.waitExposed(tab)
    header = tab.table.horizontalHeader()
    x = header.sectionViewportPosition(RekapModel.CAPAIAN) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    shown = [tab.model.row_at(r).capaian_rata for r in range(3)]
    assert shown in ([60.0, 80.0, 95.0], [95.0, 80.0, 60.0])
    bars = tab.chart.bars()
    assert [(b.nilai, b.predikat) for b in bars] == [
        (95.0, "Sangat Tinggi"),
        (80.0, "Tinggi"),
        (60.0, "Rendah"),
    ]


def test_double_click_drills_down_to_indicators_with_findings(qtbot, db, f):
    _periode, _ctx, tab = _setup(qtbot, f)
    tab.show()
    qtbot.waitExposed(tab)
    row = _names(tab.model).index("Sekretariat DPRD")
    seen: dict[str, object] = {}

    def inspect() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, IndikatorDialog)
        model = dialog.model
        seen["rows"] = model.rowCount()
        seen["tooltip"] = model.data(
            model.index(1, IndikatorModel.TARGET), Qt.ItemDataRole.ToolTipRole
        )
        seen["plain"] = model.data(
            model.index(0, IndikatorModel.TARGET), Qt.ItemDataRole.BackgroundRole
        )
        dialog.reject()

    QTimer.singleShot(100, inspect)
    rect = tab.table.visualRect(tab.model.index(row, RekapModel.OPD))
    # a real double click is a press/release followed by a double-click event
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert seen["rows"] == 3
    tooltip = seen["tooltip"]
    assert isinstance(tooltip, str) and "Target di sel F6 kosong." in tooltip
    assert seen["plain"] is None


def test_export_xlsx_writes_what_the_tab_shows(qtbot, db, f, tmp_path):
    _periode, ctx, tab = _setup(qtbot, f)
    target = tmp_path / "rekap"
    ctx.dialogs.file_answers.append(target)
    ctx.dialogs.confirm_answers.append(True)
    qtbot.mouseClick(tab.btn_xlsx, Qt.MouseButton.LeftButton)
    path = tmp_path / "rekap.xlsx"
    assert ctx.dialogs.opened == [path]
    wb = openpyxl.load_workbook(path)
    ws = wb["Rekapitulasi"]
    names = [ws.cell(r, 2).value for r in range(HEADER_ROW + 1, ws.max_row + 1)]
    assert names == [tab.model.row_at(r).nama for r in range(tab.model.rowCount())]
    capaian = [c.value for c in ws[HEADER_ROW]].index("Rata-rata capaian (%)") + 1
    assert ws.cell(HEADER_ROW + 1, capaian).value == 95.0
    assert wb["Indikator"].max_row == HEADER_ROW + 9


def test_refreshes_only_on_relevant_changes(qtbot, db, f):
    periode, ctx, tab = _setup(qtbot, f)
    _submit(f, f.pengumpulan(periode, 4)[3], 70.0)
    ctx.bus.changed.emit(Changes.of(Area.MASTER))
    assert "Diterima 3" in tab.summary.text()
    ctx.bus.changed.emit(Changes.of(Area.PENYAMPAIAN))
    assert "Diterima 4" in tab.summary.text()


def test_ajukan_rekap_goes_through_the_one_door(qtbot, db, f):
    periode, ctx, tab = _setup(qtbot, f)
    kirim_ke_sisanya(f, periode)  # every OPD was asked (step 6); not all have answered
    ctx.dialogs.text_answers.append("Tiga OPD sudah mengirim; satu perlu perbaikan.")
    ctx.dialogs.text_answers.append("Batas LKjIP; OPD lain menyusul.")  # some are missing
    with qtbot.waitSignal(ctx.bus.changed) as blocker:
        qtbot.mouseClick(tab.btn_ajukan, Qt.MouseButton.LeftButton)
    assert Area.REKAP in blocker.args[0].areas
    kind, _title, text = ctx.dialogs.messages[-1]
    assert kind == "ask_text" and "belum" in text


def test_the_drill_down_shows_capaian_and_predikat_without_scrolling(qtbot, db, f):
    """The indicator dialog opened with Capaian cut at its right edge and Predikat out of view
    (a 100-pixel "No" column and a 360-pixel Temuan pushed them off), at 1366×768."""
    from kinerja_app.queries.indikator import detail_opd

    periode = f.periode()
    opd = f.distributed(periode, n=1)
    _submit(f, opd[0], 95.0, error=True)
    dialog = IndikatorDialog(detail_opd(opd[0].id))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    header = dialog.table.horizontalHeader()
    room = dialog.table.viewport().width()
    for column in (IndikatorModel.TARGET, IndikatorModel.CAPAIAN, IndikatorModel.PREDIKAT):
        right = header.sectionViewportPosition(column) + header.sectionSize(column)
        assert right <= room, (column, right, room)
    assert header.sectionSize(IndikatorModel.TEMUAN) >= 150  # the finding stays readable
