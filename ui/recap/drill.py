"""Drill-down from the recap: one OPD's indicators of its current revision, with findings."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from kinerja_app.formatting import format_persen
from kinerja_app.queries.indikator import DetailOpd
from kinerja_app.rekap.capaian import rata_rata

from ..widgets import make_table
from .model import IndikatorModel


def _teks_temuan(detail: DetailOpd) -> str:
    errors = sum(1 for t in detail.temuan if t.severity == "error")
    lines = [
        f"Revisi {detail.revisi} · status {detail.status.label} · {len(detail.baris)} indikator · "
        f"{errors} kesalahan · {len(detail.temuan) - errors} peringatan"
    ]
    umum = [t for t in detail.temuan if t.baris is None]
    lines += [f"• {t.pesan}" for t in umum]
    return "\n".join(lines)


class IndikatorDialog(QDialog):
    """The indicators of one OPD; rows with findings are coloured, the message in the tooltip."""

    def __init__(self, detail: DetailOpd, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Indikator {detail.opd}")
        self.resize(1240, 560)
        self.model = IndikatorModel(self)
        self.model.set_rows(detail.baris)
        self.table = make_table(self)  # the last column (Temuan) takes the room left
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        # the short columns as wide as their contents, so Capaian and Predikat are in view
        for column in range(IndikatorModel.TEMUAN):
            self.table.resizeColumnToContents(column)
        for column, width in ((IndikatorModel.SASARAN, 200), (IndikatorModel.INDIKATOR, 280)):
            self.table.setColumnWidth(column, width)
        self.table.resizeRowsToContents()
        rata = rata_rata([b.capaian for b in detail.baris])
        info = QLabel(f"{_teks_temuan(detail)}\nRata-rata capaian {format_persen(rata)}")
        info.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
