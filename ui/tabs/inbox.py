"""The inbox of a role: what waits for it, with its due time; overdue rows red, due-soon amber."""

from __future__ import annotations

from PySide6.QtGui import QColor

from kinerja_app.formatting import format_tanggal_waktu
from kinerja_app.jadwal.tugas import LANGKAH, Tugas

from ..table import KUNING, MERAH, Column, RecordTableModel


def keadaan_tugas(t: Tugas) -> str:
    """'Terlambat', 'Segera' or 'Dalam waktu'."""
    if t.terlambat():
        return "Terlambat"
    if t.segera():
        return "Segera jatuh tempo"
    return "Dalam waktu"


class InboxModel(RecordTableModel[Tugas]):
    """Open items of one role (``kinerja_app.jadwal.tugas.Tugas``)."""

    LANGKAH, TUGAS, SEJAK, JATUH_TEMPO, KEADAAN = range(5)
    columns = (
        Column("Langkah", lambda t: str(t.langkah), key=lambda t: t.langkah, align_right=True),
        Column("Tugas", lambda t: t.judul),
        Column("Sejak", lambda t: format_tanggal_waktu(t.sejak), key=lambda t: t.sejak),
        Column(
            "Jatuh tempo",
            lambda t: format_tanggal_waktu(t.jatuh_tempo),
            key=lambda t: t.jatuh_tempo,
        ),
        Column("Keadaan", keadaan_tugas),
    )

    def background(self, record: Tugas) -> QColor | None:
        if record.terlambat():
            return MERAH
        if record.segera():
            return KUNING
        return None

    def tooltip(self, record: Tugas) -> str | None:
        return (
            f"{record.judul}\nLangkah {record.langkah} ({LANGKAH[record.langkah]}), "
            f"sejak {format_tanggal_waktu(record.sejak)}.\n"
            f"{keadaan_tugas(record)}: jatuh tempo {format_tanggal_waktu(record.jatuh_tempo)}"
        )
