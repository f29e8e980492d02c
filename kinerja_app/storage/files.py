"""Safe file output: atomic writes, safe names derived from OPD names, leftover clean-up."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import IO

log = logging.getLogger(__name__)

TEMP_PREFIX = ".kinerja-tmp-"
_WINDOWS_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
MAX_NAME = 120
# bytes of UTF-8: Linux allows 255 a name; room left for " (12)" and a temp copy's prefix
MAX_NAME_BYTES = 200


@contextlib.contextmanager
def atomic_output(path: Path, mode: str = "wb") -> Iterator[IO[bytes]]:
    """Write a file atomically: a temp file in the same folder, fsync, then replace.

    If the body raises, the temp file is removed and ``path`` is untouched.

    Args:
        path: the final file.
        mode: ``"wb"`` (binary) or ``"w"`` (UTF-8 text).
    Yields:
        The open temp file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=path.suffix, dir=path.parent)
    tmp = Path(tmp_name)
    try:
        handle: IO[bytes]
        with (
            os.fdopen(fd, mode) if "b" in mode else os.fdopen(fd, mode, encoding="utf-8") as handle
        ):
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write_bytes(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically and return ``path``."""
    with atomic_output(path) as handle:
        handle.write(data)
    return path


def fsync_dir(folder: Path) -> None:
    """Persist a rename or a new file in ``folder`` (POSIX only; Windows has no directory handles)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def clean_leftovers(folder: Path, *, recursive: bool = True) -> list[Path]:
    """Remove temp files an interrupted atomic write left behind; return what was removed.

    Args:
        folder: where to look.
        recursive: look in every subfolder too (the archive grows by a few hundred files a
            year, so this walks names with ``os.scandir`` rather than ``Path.rglob``).
    """
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    folders = (Path(root) for root, _, _ in os.walk(folder)) if recursive else iter([folder])
    for place in folders:
        with os.scandir(place) as entries:
            for entry in entries:
                if entry.name.startswith(TEMP_PREFIX) and entry.is_file(follow_symlinks=False):
                    leftover = place / entry.name
                    leftover.unlink(missing_ok=True)
                    removed.append(leftover)
    return removed


_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,8}$")


def safe_filename(name: str, *, fallback: str = "berkas", max_length: int = MAX_NAME) -> str:
    """Make a file name from free text (an OPD's name): no separators, traversal or reserved names.

    The extension is kept apart, so a name ending in "." ("Kec. Bulik." + ".docx") keeps it;
    no part ends in a dot or space (Windows drops those).

    Args:
        name: the text, e.g. "Dinas Pekerjaan Umum & Penataan Ruang".
        fallback: used when nothing usable is left.
        max_length: cap on the result's length (extension included); it is also kept within
            :data:`MAX_NAME_BYTES` bytes of UTF-8 (an emoji is four), or Linux refuses the name.
    Returns:
        A name safe on Windows and Linux.
    """
    text = unicodedata.normalize("NFKC", name)
    text = _UNSAFE.sub("_", text)
    match = _EXTENSION.search(text.rstrip())
    ext = match.group(0) if match else ""
    stem = text.rstrip()[: len(text.rstrip()) - len(ext)] if ext else text
    stem = re.sub(r"\.{2,}", "_", stem)  # no ".." left to read as a parent folder
    stem = re.sub(r"\s+", " ", stem).strip().strip(".").strip()
    stem = re.sub(r"_+", "_", stem)
    if stem.upper().split(".")[0] in _WINDOWS_RESERVED:
        stem = f"_{stem}"
    if not stem or set(stem) <= {"_", " ", "."}:
        stem = fallback
    if len(stem) + len(ext) > max_length:
        stem = stem[: max_length - len(ext)].rstrip(" .")
    while len((stem + ext).encode("utf-8")) > MAX_NAME_BYTES:
        stem = stem[:-1].rstrip(" .")
    return (stem or fallback) + ext


def free_name(folder: Path, base: str, suffix: str) -> Path:
    """``folder/base+suffix``, or ``base-2``, ``base-3``... when that name is taken."""
    candidate, counter = folder / f"{base}{suffix}", 2
    while candidate.exists():
        candidate = folder / f"{base}-{counter}{suffix}"
        counter += 1
    return candidate


def sha256_file(path: Path) -> str:
    """SHA-256 of a file's bytes, hex."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_control(text: str) -> str:
    """Remove control characters (tab and newlines kept) that break .docx and .xlsx XML.

    Each removal is logged, so a name that printed differently from what was typed can be traced.
    """
    cleaned, count = _CONTROL.subn("", text)
    if count:
        log.warning("%d karakter kendali dihapus dari teks %r", count, text[:80])
    return cleaned
