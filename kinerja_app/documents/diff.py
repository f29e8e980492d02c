"""What changed between two versions of a draft: coloured hunks for the UI, text and hashes."""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from kinerja_app.errors import UnreadableFile

Jenis = Literal["sama", "tambah", "hapus"]
_TOKEN = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Hunk:
    """A run of text that is unchanged ("sama"), added ("tambah") or removed ("hapus")."""

    kind: Jenis
    text: str


def _merge(hunks: list[Hunk]) -> list[Hunk]:
    merged: list[Hunk] = []
    for hunk in hunks:
        if not hunk.text:
            continue
        if merged and merged[-1].kind == hunk.kind:
            merged[-1] = Hunk(hunk.kind, merged[-1].text + hunk.text)
        else:
            merged.append(hunk)
    return merged


def diff_text(old: str, new: str, *, level: Literal["kata", "baris"] = "kata") -> list[Hunk]:
    """Diff two texts word by word (default) or line by line.

    Args:
        old: the earlier version.
        new: the later version.
        level: "kata" (words, whitespace kept) or "baris" (whole lines, newline kept).
    Returns:
        Hunks in reading order; joining the "sama"+"hapus" texts gives ``old``, the
        "sama"+"tambah" texts give ``new``. A replacement is a "hapus" then a "tambah".
    """
    if level == "baris":
        a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    else:
        a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    hunks: list[Hunk] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            hunks.append(Hunk("sama", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            hunks.append(Hunk("hapus", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            hunks.append(Hunk("tambah", "".join(b[j1:j2])))
    return _merge(hunks)


def ada_perubahan(hunks: list[Hunk]) -> bool:
    """Whether a diff contains any addition or removal."""
    return any(h.kind != "sama" for h in hunks)


def docx_text(path: Path) -> str:
    """The text of a .docx in reading order: paragraphs and table cells, one line each.

    Raises:
        UnreadableFile: not a readable Word document.
    """
    import docx  # imported here: a diff of texts (the UI at start-up) needs no Word
    from docx.opc.exceptions import PackageNotFoundError
    from docx.oxml.ns import qn
    from lxml import etree

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.Error) as exc:
        raise UnreadableFile(
            f"Berkas '{path.name}' bukan dokumen Word (.docx) yang dapat dibaca."
        ) from exc
    lines: list[str] = []
    body = document.element.body
    for block in body.iter(qn("w:p")):
        parts: list[str] = []
        for node in block.iter(qn("w:t"), qn("w:tab"), qn("w:br")):
            if node.tag == qn("w:t"):
                parts.append(node.text or "")
            elif node.tag == qn("w:tab"):
                parts.append("\t")
            else:
                parts.append("\n")
        lines.append("".join(parts))
    return "\n".join(lines)


def diff_docx(old: Path, new: Path, *, level: Literal["kata", "baris"] = "kata") -> list[Hunk]:
    """Diff the texts of two .docx versions of a draft."""
    return diff_text(docx_text(old), docx_text(new), level=level)


def normalize_text(text: str) -> str:
    """Canonical text for hashing: NFC, "\\n" line ends, no trailing spaces on lines."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def content_hash(content: str | bytes) -> str:
    """SHA-256 (hex) of bytes as they are, or of text after ``normalize_text``."""
    data = content if isinstance(content, bytes) else normalize_text(content).encode("utf-8")
    return hashlib.sha256(data).hexdigest()
