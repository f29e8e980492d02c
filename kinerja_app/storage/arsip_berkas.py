"""Keeping received and generated files in the period's archive folder, with checksums.

A copy is made in two steps so that two workstations storing at once can never lose each
other's file: before the write transaction the bytes are copied under a temporary name beside
their final place (the slow part, outside the lock); inside the transaction the final name is
*claimed* exclusively (created with ``O_EXCL``, so never a name another transaction holds) and
the copy renamed onto it. A refused or failed transaction then removes only the names it
claimed itself. A crash between claim and commit leaves an unreferenced copy: an orphan, which
:func:`yatim` reports and :func:`pindahkan_yatim` moves aside at start-up.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import overload

from kinerja_app.errors import BugError, UserError, alasan_os
from kinerja_app.storage import arsip_server
from kinerja_app.storage.db import archive_root, database, is_server
from kinerja_app.storage.files import TEMP_PREFIX, fsync_dir, safe_filename, sha256_file
from kinerja_app.storage.lokasi import private_dir
from kinerja_app.storage.models import (
    Arsip,
    Distribusi,
    Paraf,
    Penyampaian,
    Periode,
    Rancangan,
    TandaTangan,
    User,
)

# Every column that holds a path into the archive; a file no row names is an orphan.
KOLOM_BERKAS = (
    Arsip.berkas,
    Penyampaian.berkas,
    Rancangan.berkas,
    Paraf.scan,
    TandaTangan.scan,
    Distribusi.tanda_terima,
)
YATIM_SUFFIX = "-arsip-tak-terpakai"


def folder_periode(tahun: int, *parts: str) -> Path:
    """``<archive>/Tahun 2025/<parts...>``, created on demand (private); parts are made safe.

    Raises:
        UserError: the folder cannot be made (a read-only or full disk, no permission).
    """
    folder = archive_root()
    try:
        private_dir(folder)
        for part in (f"Tahun {tahun}", *(safe_filename(p) for p in parts)):
            folder = folder / part
            folder.mkdir(mode=0o700, exist_ok=True)
    except OSError as exc:
        raise UserError(
            f"Folder arsip {folder} tidak dapat dibuat ({alasan_os(exc)}); tidak ada yang "
            "disimpan. Periksa ruang disk dan izin menulis pada folder arsip (di samping basis "
            "data), lalu ulangi."
        ) from exc
    return folder


@dataclass
class _Staged:
    tmp: Path
    folder: Path
    name: str
    sha256: str
    final: Path | None = None


def _stage(source: Path | bytes, folder: Path, name: str) -> _Staged:
    """Copy ``source`` (a file, or bytes made in memory) under a temporary name in ``folder``
    and hash the copy."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=Path(name).suffix, dir=folder)
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out:
                if isinstance(source, bytes):
                    out.write(source)
                else:
                    with source.open("rb") as src:
                        shutil.copyfileobj(src, out)
                out.flush()
                os.fsync(out.fileno())
            return _Staged(tmp, folder, safe_filename(name), sha256_file(tmp))
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    except OSError as exc:
        shown = name if isinstance(source, bytes) else source.name
        raise UserError(
            f"Berkas {shown} tidak dapat disalin ke arsip ({alasan_os(exc)}). Tutup "
            "berkas itu bila sedang dibuka di program lain, periksa ruang disk, lalu ulangi."
        ) from exc


def _claim(staged: _Staged) -> Path:
    """Give a staged copy its final name: the first free one, created exclusively."""
    stem, suffix = Path(staged.name).stem, Path(staged.name).suffix
    counter = 1
    while True:
        candidate = staged.folder / (staged.name if counter == 1 else f"{stem} ({counter}){suffix}")
        try:
            os.close(os.open(candidate, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except FileExistsError:
            counter += 1
            continue
        break
    try:
        os.replace(staged.tmp, candidate)  # onto the name we own: same folder, atomic
        fsync_dir(staged.folder)
    except OSError as exc:
        candidate.unlink(missing_ok=True)
        raise UserError(
            f"Berkas {staged.name} tidak dapat disimpan di arsip ({alasan_os(exc)}). "
            "Periksa ruang disk dan izin folder arsip, lalu ulangi."
        ) from exc
    return candidate


class SalinanArsip(Sequence[tuple[Path, str]]):
    """Staged copies; reading item ``i`` (inside the write transaction) claims its final name.

    Yields ``(archived path, sha256)`` like a list.
    """

    def __init__(self, staged: list[_Staged]) -> None:
        self._staged = staged

    @overload
    def __getitem__(self, index: int) -> tuple[Path, str]: ...
    @overload
    def __getitem__(self, index: slice) -> list[tuple[Path, str]]: ...

    def __getitem__(self, index: int | slice) -> tuple[Path, str] | list[tuple[Path, str]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        staged = self._staged[index]
        if staged.final is None:
            if not database.in_transaction():
                raise BugError("an archive copy is named inside the write transaction only")
            if is_server():  # the bytes go into the database, in this transaction
                staged.final = arsip_server.simpan(staged.tmp, staged.name)[0]
            else:
                staged.final = _claim(staged)
        return staged.final, staged.sha256

    def __len__(self) -> int:
        return len(self._staged)

    def sidik(self, index: int) -> str:
        """The SHA-256 of copy ``index``, without claiming its name."""
        return self._staged[index].sha256

    def _discard(self, *, claimed: bool) -> None:
        for staged in self._staged:
            staged.tmp.unlink(missing_ok=True)
            if claimed and staged.final is not None:
                # on a server the bytes left with the rolled-back transaction; the path is then
                # a reference, and only this workstation's cached copy goes
                final = staged.final
                (final if final.is_absolute() else archive_root() / final).unlink(missing_ok=True)


@contextlib.contextmanager
def salinan_arsip(
    files: Sequence[tuple[Path | bytes, Path, str]],
) -> Iterator[SalinanArsip]:
    """Copy ``(source, folder, name)`` files (or bytes made in memory, e.g. a rendered paper)
    towards the archive for the ``with`` block; read the yielded items inside the action's
    transaction. If the block fails (the transaction rolled back), exactly the copies it made
    are removed again; a copy never read is not kept.

    Yields:
        ``(archived path, sha256)`` per file, in order, claimed when read.
    """
    staged: list[_Staged] = []
    try:
        for source, folder, name in files:
            staged.append(_stage(source, folder, name))
    except BaseException:
        SalinanArsip(staged)._discard(claimed=False)
        raise
    copies = SalinanArsip(staged)
    try:
        yield copies
    except BaseException:
        copies._discard(claimed=True)
        raise
    copies._discard(claimed=False)  # temp files never claimed (not needed after all)


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


def _sama(path: Path | str) -> Path:
    """A path as two archive paths are compared: absolute, normalised, in the file system's
    case. Pure string work: resolving every archived file (a system call per part of its
    path) made each start slower by the size of the archive."""
    return Path(os.path.normcase(os.path.abspath(path)))


def berkas_tercatat() -> set[Path]:
    """Every archive path some row refers to (in :func:`_sama` form)."""
    found: set[Path] = set()
    for column in KOLOM_BERKAS:
        query = column.model.select(column).where(column.is_null(False)).tuples()
        found.update(_sama(value) for (value,) in query if value)
    return found


def yatim(root: Path | None = None) -> list[Path]:
    """Files in the archive folder that no row refers to (copies of a transaction that never
    committed), in name order; temporary files of a copy under way are not counted. On a server
    there are none: its files are kept in the database, the folder is a cache."""
    folder = root or archive_root()
    if is_server() or not folder.is_dir():
        return []
    known = berkas_tercatat()
    files = (Path(place) / name for place, _, names in os.walk(folder) for name in names)
    return sorted(
        path
        for path in files
        if not path.name.startswith(TEMP_PREFIX) and path.is_file() and _sama(path) not in known
    )


def folder_yatim(root: Path) -> Path:
    """Where orphans are moved: a folder beside the archive (``kinerja-arsip-tak-terpakai``)."""
    return root.with_name(root.name.removesuffix("-arsip") + YATIM_SUFFIX)


def pindahkan_yatim() -> list[Path]:
    """Move every orphan out of the archive into :func:`folder_yatim` (nothing is deleted).

    Runs under the write lock: a copy is claimed only inside a write transaction, so no other
    process can be between claiming a name and committing the row that refers to it.

    Returns:
        The new paths of the moved files.
    """
    from kinerja_app.storage.db import transaction

    if is_server():
        return []  # the files are in the database; the cache folder is only a cache
    root = archive_root()
    moved: list[Path] = []
    with transaction():
        for path in yatim(root):
            target = folder_yatim(root) / path.relative_to(root)
            private_dir(folder_yatim(root))
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            counter = 2
            while target.exists():
                target = target.with_name(f"{path.stem} ({counter}){path.suffix}")
                counter += 1
            with contextlib.suppress(OSError):  # open elsewhere (Windows): retried next start
                os.replace(path, target)
                moved.append(target)
    return moved
