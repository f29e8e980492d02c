"""Keeping received and generated files in the period's archive folder, with checksums."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path

from kinerja_app.errors import UserError
from kinerja_app.storage import arsip_server
from kinerja_app.storage.db import archive_root, is_server
from kinerja_app.storage.files import atomic_output, safe_filename, sha256_file, unique_path
from kinerja_app.storage.models import Arsip, Periode, User


def folder_periode(tahun: int, *parts: str) -> Path:
    """``<archive>/Tahun 2025/<parts...>``, created on demand; parts are made safe."""
    folder = archive_root() / f"Tahun {tahun}"
    for part in parts:
        folder = folder / safe_filename(part)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def simpan_salinan(source: Path, folder: Path, name: str | None = None) -> tuple[Path, str]:
    """Copy ``source`` atomically into ``folder`` under a safe, unique name.

    On a shared server the file goes into the database instead (see :mod:`arsip_server`) and
    the path returned is its relative reference ``sha256/<hex>/<name>``.

    Returns:
        The archived path and its SHA-256.
    Raises:
        UserError: the source cannot be read or the archive written (open elsewhere, no space).
    """
    if is_server():
        return arsip_server.simpan(source, name or source.name)
    target = unique_path(folder, safe_filename(name or source.name))
    try:
        with atomic_output(target) as out, source.open("rb") as src:
            shutil.copyfileobj(src, out)
    except OSError as exc:
        raise UserError(
            f"Berkas {source.name} tidak dapat disalin ke arsip ({exc.strerror}). Tutup berkas itu "
            "bila sedang dibuka di program lain, periksa ruang disk, lalu ulangi."
        ) from exc
    return target, sha256_file(target)


@contextlib.contextmanager
def salinan_arsip(files: Sequence[tuple[Path, Path, str]]) -> Iterator[list[tuple[Path, str]]]:
    """Copy ``(source, folder, name)`` files into the archive for the ``with`` block; if the block
    fails (the transaction rolled back), the copies are removed again: no orphan in the archive.

    Yields:
        ``(archived path, sha256)`` per file, in order.
    """
    copies: list[tuple[Path, str]] = []
    try:
        for source, folder, name in files:
            copies.append(simpan_salinan(source, folder, name))
        yield copies
    except BaseException:
        for path, _ in copies:
            # a file kept in the server database stays there (content-addressed: another row
            # may hold the same bytes); only this workstation's cached copy goes
            (path if path.is_absolute() else archive_root() / path).unlink(missing_ok=True)
        raise


def berkas_lokal(stored: str) -> Path:
    """A file named by a business row (``berkas``, ``scan``…), readable on this workstation.

    Raises:
        UserError: a file kept in the server database is no longer there.
    """
    ref = arsip_server.parse_ref(stored)
    return Path(stored) if ref is None else arsip_server.local_copy(ref)


def catat_bukti(periode: Periode, jenis: str, copy: tuple[Path, str], user: User) -> Arsip:
    """Register an archived proof (a scan of a wet paraf, signature or receipt) with its checksum;
    call inside the action's transaction."""
    path, digest = copy
    return Arsip.create(
        periode=periode, jenis=jenis, berkas=str(path), sha256=digest, dicatat_oleh=user
    )
