"""Reading a printed paper back in GUI tests: all its text, as a records officer reads it."""

from __future__ import annotations

from pathlib import Path

from kinerja_app.storage.arsip_berkas import berkas_lokal
from kinerja_app.storage.models import Arsip


def text_of(path: Path) -> str:
    """The paragraphs, table cells, headers and footers of a .docx, one per line."""
    from docx import Document

    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return "\n".join(parts)


def teks_arsip(row: Arsip) -> str:
    """The text of an archived paper."""
    return text_of(berkas_lokal(row.berkas))
