"""A minimal manual entry of an OPD's submission (when no workbook came, or to type a short list).

The full workbook import is ``ui/importer/dialog.py``; this path stores the same revision
through ``simpan_penyampaian`` with rows typed by hand and the findings a person can see.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kinerja_app.importer.data import Finding, IndicatorRow
from kinerja_app.importer.layout import parse_polaritas
from kinerja_app.importer.numbers import parse_text_number
from kinerja_app.rekap.capaian import hitung_capaian
from kinerja_app.workflow.penyampaian import SuratMasuk

from ..forms import FormDialog, buttons, cek_waktu, date_edit, datetime_edit, py_date, py_datetime
from ..table import Column, Index, RecordTableModel
from ..widgets import make_table


@dataclass
class BarisIsian:
    """One typed indicator row."""

    sasaran: str = ""
    indikator: str = ""
    satuan: str = "%"
    polaritas: str = "+"
    target: str = ""
    realisasi: str = ""


class IsianModel(RecordTableModel[BarisIsian]):
    """Editable rows: sasaran, indikator, satuan, polaritas (+/−), target, realisasi."""

    SASARAN, INDIKATOR, SATUAN, POLARITAS, TARGET, REALISASI = range(6)
    FIELDS = ("sasaran", "indikator", "satuan", "polaritas", "target", "realisasi")
    columns = (
        Column("Sasaran", lambda r: r.sasaran),
        Column("Indikator", lambda r: r.indikator),
        Column("Satuan", lambda r: r.satuan),
        Column("Polaritas (+/−)", lambda r: r.polaritas),
        Column("Target", lambda r: r.target, align_right=True),
        Column("Realisasi", lambda r: r.realisasi, align_right=True),
    )

    def flags(self, index: Index) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.EditRole:
            role = Qt.ItemDataRole.DisplayRole
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        record = self.row_at(index.row())
        if record is None:
            return False
        setattr(record, self.FIELDS[index.column()], str(value))
        self.dataChanged.emit(index, index)
        return True

    def add_row(self) -> None:
        """Append an empty row."""
        self.set_rows([*self.all_records(), BarisIsian()])


def to_rows(typed: list[BarisIsian]) -> tuple[list[IndicatorRow], list[Finding]]:
    """Turn typed rows into the importer's rows and the findings a person can see (missing numbers)."""
    rows: list[IndicatorRow] = []
    findings: list[Finding] = []
    for number, r in enumerate((t for t in typed if t.indikator.strip()), start=1):
        # read as the importer reads a polarity cell: "Negatif" with a capital is still negatif,
        # and what it cannot read is a finding, never a silent positif
        pol = parse_polaritas(r.polaritas)
        target = parse_text_number(r.target) if r.target.strip() else None
        realisasi = parse_text_number(r.realisasi) if r.realisasi.strip() else None
        cap = hitung_capaian(target, realisasi, pol)
        rows.append(
            IndicatorRow(
                sheet="Entri manual",
                row=number,
                sasaran=r.sasaran.strip(),
                indikator=r.indikator.strip(),
                satuan=r.satuan.strip(),
                polaritas=pol,
                target=target,
                realisasi=realisasi,
                capaian=cap.nilai,
                capaian_dilaporkan=None,
                target_text=r.target,
                realisasi_text=r.realisasi,
            )
        )
        if cap.nilai is None:
            findings.append(
                Finding(
                    "error",
                    "capaian_tidak_terhitung",
                    # the OPD's paper has no sheet rows: the letter cites "Indikator no. N"
                    f"{r.indikator.strip()}: {cap.alasan}.",
                    None,
                    number,
                )
            )
    return rows, findings


class DataEntryDialog(FormDialog):
    """Incoming-mail details plus a small grid of indicators, typed by the Tim."""

    def __init__(self, opd_nama: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Entri data kinerja — {opd_nama}")
        self.received = datetime_edit()
        self.agenda = QLineEdit()
        self.pengantar = QLineEdit()
        self.tanggal_pengantar = date_edit()
        form = QFormLayout()
        form.addRow("Diterima pada:", self.received)
        form.addRow("Nomor agenda surat masuk:", self.agenda)
        form.addRow("Nomor surat pengantar:", self.pengantar)
        form.addRow("Tanggal surat pengantar:", self.tanggal_pengantar)
        self.model = IsianModel(self)
        self.model.set_rows([BarisIsian() for _ in range(3)])
        self.table = make_table()
        self.table.setEditTriggers(self.table.editTriggers().AllEditTriggers)
        self.table.setSortingEnabled(False)
        self.table.setModel(self.model)
        add = QPushButton("Tambah baris")
        add.clicked.connect(self.model.add_row)
        row = QHBoxLayout()
        row.addWidget(
            QLabel(
                "Angka ditulis cara Indonesia, mis. 85,50. Polaritas: + (semakin tinggi semakin baik) atau −."
            )
        )
        row.addStretch(1)
        row.addWidget(add)
        self.box = buttons(self, "Simpan sebagai revisi baru")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addWidget(self.box)
        self.resize(900, 480)

    def periksa(self) -> tuple[str, QWidget | None] | None:
        late = cek_waktu(py_datetime(self.received.dateTime()), "Waktu diterima")
        return (late, self.received) if late else None

    def surat_masuk(self) -> SuratMasuk:
        """How the data arrived."""
        return SuratMasuk(
            py_datetime(self.received.dateTime()),
            self.agenda.text(),
            self.pengantar.text(),
            py_date(self.tanggal_pengantar.date()),
        )
