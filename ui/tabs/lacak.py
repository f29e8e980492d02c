"""Lacak naskah: every outgoing letter of the period, its status, recipients and history."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from kinerja_app.formatting import format_tanggal, format_tanggal_waktu, urutan_alami
from kinerja_app.queries.naskah import Naskah, lacak_naskah
from kinerja_app.storage.models import Periode

from ..details import history_html
from ..table import Column, RecordTableModel
from ..widgets import make_table

esc = html.escape


class NaskahModel(RecordTableModel[Naskah]):
    """The period's outgoing letters."""

    JENIS, NOMOR, TANGGAL, HAL, STATUS = range(5)
    columns = (
        Column("Jenis", lambda n: n.jenis),
        Column(
            "Nomor",
            lambda n: n.nomor or "(belum bernomor)",
            key=lambda n: urutan_alami(n.nomor) if n.nomor else None,  # drafts last
        ),
        Column("Tanggal", lambda n: format_tanggal(n.tanggal), key=lambda n: n.tanggal),
        Column("Hal", lambda n: n.hal),
        Column("Keadaan", lambda n: n.status),
    )


def naskah_html(n: Naskah) -> str:
    """One letter: number, date, status, each addressee's receipt, and the history."""
    parts = [
        f"<h3>{esc(n.jenis)}</h3>",
        f"<p>Nomor: <b>{esc(n.nomor or '(belum bernomor)')}</b>"
        f"{' · tanggal ' + esc(format_tanggal(n.tanggal)) if n.tanggal else ''}<br>"
        f"Hal: {esc(n.hal)}<br>Kepada: {esc(n.tujuan)}<br>Keadaan: <b>{esc(n.status)}</b></p>",
    ]
    if len(n.penerima) > 1 or any(p.diterima_pada for p in n.penerima):
        rows = "".join(
            f"<tr><td>{esc(p.nama)}</td>"
            f"<td>{esc(format_tanggal_waktu(p.diterima_pada)) if p.diterima_pada else '<i>belum</i>'}</td>"
            f"<td>{esc(p.penerima)}</td><td>{esc(p.keadaan)}</td></tr>"
            for p in n.penerima
        )
        parts.append(
            f"<h4>Penerima ({n.diterima} dari {len(n.penerima)} sudah menerima)</h4>"
            "<table border=1 cellspacing=0 cellpadding=3><tr><th>Tujuan</th><th>Diterima</th>"
            f"<th>Penerima</th><th>Keadaan</th></tr>{rows}</table>"
        )
    parts.append("<h4>Riwayat naskah</h4>" + history_html(list(n.riwayat)))
    return "".join(parts)


class LacakNaskahPanel(QWidget):
    """The letters above, the chosen letter's tracking below (as SRIKANDI's "lacak naskah")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = NaskahModel(self)
        self.table = make_table()
        self.table.setModel(self.model)
        self.detail = QTextBrowser()
        self.info = QLabel("Pilih satu naskah untuk melihat penerima dan riwayatnya.")
        self.info.setStyleSheet("color:#555")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setSizes([110, 450])
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(split, 1)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show())

    def load(self, periode: Periode | None) -> None:
        """List the period's letters, keeping the chosen one (or choosing the first)."""
        rows = self.table.selectionModel().selectedRows()
        keep = rows[0].row() if rows else 0
        self.model.set_rows(lacak_naskah(periode) if periode else [])
        self.table.resizeColumnsToContents()
        if self.model.rowCount():
            self.table.selectRow(min(keep, self.model.rowCount() - 1))
        self._show()

    def _show(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        letter = self.model.row_at(rows[0].row()) if rows else None
        self.detail.setHtml(
            naskah_html(letter) if letter else "<p>Belum ada naskah keluar pada periode ini.</p>"
        )
