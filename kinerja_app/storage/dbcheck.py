"""Health checks on a SQLite file, and refusing database folders on network shares.

SQLite's file locking is unreliable over SMB/NFS: two PCs writing the same file through a share
can corrupt it silently. Until the shared-server mode exists, the database must live on the
workstation's own disk.
"""

from __future__ import annotations

import os
import re
import sqlite3
import sys
from pathlib import Path, PurePosixPath, PureWindowsPath

from kinerja_app.errors import DatabaseProblem, alasan_sqlite

MAX_REPORTED = 20  # a badly damaged file can yield thousands of lines; the first ones suffice
BUSY_TIMEOUT_S = 10.0

NETWORK_FS_TYPES = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smbfs",
        "smb3",
        "fuse.sshfs",
        "9p",  # includes WSL2's view of Windows drives, where locking is just as unreliable
        "afs",
        "ncpfs",
        "ceph",
        "glusterfs",
        "fuse.glusterfs",
        "lustre",
        "davfs",
        "fuse.davfs2",
    }
)
_DRIVE_REMOTE = 4  # GetDriveTypeW
_OCTAL_ESCAPE = re.compile(r"\\([0-7]{3})")


def quick_check(path: Path) -> list[str]:
    """Run ``PRAGMA quick_check`` (structure only, fast) on a SQLite file.

    Args:
        path: the database file.
    Returns:
        Problems as Indonesian sentences; ``[]`` when the file is sound. A missing, unreadable
        or non-SQLite file yields a problem, never an exception.
    """
    return _run_check(Path(path), "quick_check")


def integrity_check(path: Path) -> list[str]:
    """Run ``PRAGMA integrity_check`` (structure, indexes, constraints; slower) on a SQLite file.

    Args:
        path: the database file.
    Returns:
        Problems as Indonesian sentences; ``[]`` when the file is sound.
    """
    return _run_check(Path(path), "integrity_check")


def index_check(path: Path) -> list[str]:
    """Sample every index against its table: a few entries from each end, read through the
    index, must be the same rows when read from the table itself.

    ``quick_check`` does not compare indexes with tables, so an index pointing into another
    index's pages (swapped roots) passes it while queries answer wrongly; ``integrity_check``
    catches that but reads everything. This costs a few milliseconds whatever the size.

    Returns:
        Problems as Indonesian sentences; ``[]`` when every sample matches.
    """
    path = Path(path)
    conn = _open(path)
    if isinstance(conn, str):
        return [conn]
    try:
        indexes = conn.execute(
            "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index'"
        ).fetchall()
        problems = []
        for name, table in indexes:
            if not _index_matches(conn, str(name), str(table)):
                problems.append(
                    f"Basis data {path} rusak: indeks {name} tidak cocok dengan isi tabel {table} "
                    "(kerusakan logis; pencarian akan memberi jawaban salah). Pulihkan dari "
                    "cadangan terakhir yang sehat."
                )
        return problems[:MAX_REPORTED]
    except sqlite3.DatabaseError as exc:
        return [_describe_error(path, exc)]
    finally:
        conn.close()


SAMPLE = 3


def _index_matches(conn: sqlite3.Connection, name: str, table: str) -> bool:
    columns = [row[2] for row in conn.execute(f'PRAGMA index_info("{name}")')]
    if not columns or any(c is None for c in columns):  # an index on an expression: skipped
        return True
    chosen = ", ".join(f'"{c}"' for c in columns)
    for direction in ("ASC", "DESC"):
        order = ", ".join(f'"{c}" {direction}' for c in columns)
        sampled = conn.execute(
            f'SELECT rowid, {chosen} FROM "{table}" INDEXED BY "{name}" ORDER BY {order} '
            f"LIMIT {SAMPLE}"
        ).fetchall()
        for rowid, *values in sampled:
            stored = conn.execute(
                f'SELECT {chosen} FROM "{table}" NOT INDEXED WHERE rowid = ?', (rowid,)
            ).fetchone()
            if stored is None or list(stored) != values:
                return False
    return True


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write to ``path`` (nor create it)."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)


def _open(path: Path) -> sqlite3.Connection | str:
    """A read-only connection to the database file, or the sentence saying why there is none
    (SQLite's own words, "unable to open database file", are English)."""
    if not path.is_file():
        return f"Berkas basis data {path} tidak ditemukan. Periksa lokasi berkasnya."
    try:
        return _connect_read_only(path)
    except sqlite3.Error:
        return (
            f"Berkas {path} tidak dapat dibuka sebagai basis data. Periksa izin berkas dan "
            "foldernya, dan bahwa berkas itu tidak sedang dikunci program lain."
        )


def _run_check(path: Path, pragma: str) -> list[str]:
    conn = _open(path)
    if isinstance(conn, str):
        return [conn]
    try:
        rows = conn.execute(f"PRAGMA {pragma}({MAX_REPORTED})").fetchall()
    except sqlite3.DatabaseError as exc:
        return [_describe_error(path, exc)]
    finally:
        conn.close()
    messages = [str(row[0]) for row in rows]
    if messages == ["ok"]:
        return []
    return [
        f"Basis data {path} rusak: {message}. Pulihkan dari cadangan terakhir yang sehat."
        for message in messages
    ]


def _describe_error(path: Path, exc: sqlite3.DatabaseError) -> str:
    text = str(exc)
    alasan = alasan_sqlite(exc)
    if "not a database" in text or "encrypted" in text:
        return (
            f"Berkas {path} bukan basis data SQLite yang dapat dibaca. "
            "Pilih berkas basis data Kinerja yang benar atau pulihkan dari cadangan."
        )
    if "locked" in text or "busy" in text:
        return (
            f"Basis data {path} sedang dikunci oleh program lain. "
            "Tutup program lain yang memakainya, lalu coba lagi."
        )
    return (
        f"Basis data {path} rusak atau tidak dapat dibaca ({alasan}). "
        "Pulihkan dari cadangan terakhir yang sehat."
    )


def is_network_path(path: Path | str, *, mounts: str | None = None) -> bool:
    """Whether ``path`` lies on a network share.

    Windows: UNC paths (``\\\\server\\share``) and mapped network drives (``GetDriveTypeW``).
    Linux: the file system type, in ``/proc/mounts``, of the longest mount point containing the
    path. macOS and others: only UNC-style strings are recognised (best effort).

    Args:
        path: the database file or folder (need not exist yet).
        mounts: text in ``/proc/mounts`` format to use instead of the real file (tests).
    Returns:
        True when the path is on a network share.
    """
    text = str(path)
    if _is_unc(text):
        return True
    if sys.platform == "win32":
        return _windows_drive_is_remote(text)
    if mounts is None:
        if not sys.platform.startswith("linux"):
            return False
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
    fstype = _mount_fstype(Path(os.path.abspath(text)).resolve(), mounts)
    return fstype is not None and fstype in NETWORK_FS_TYPES


def refuse_network_path(path: Path | str, *, mounts: str | None = None) -> None:
    """Raise when the database would live on a network share.

    Raises:
        DatabaseProblem: with an Indonesian explanation of why and what to do.
    """
    if is_network_path(path, mounts=mounts):
        raise DatabaseProblem(
            f"Basis data {path} berada di folder jaringan (network share). Penguncian berkas "
            "SQLite tidak andal di folder jaringan sehingga data dapat rusak bila dipakai "
            "bersama. Simpan basis data di disk lokal komputer ini (misalnya folder bawaan "
            "aplikasi); penggunaan bersama lewat server akan tersedia pada versi berikutnya."
        )


def _is_unc(text: str) -> bool:
    # "//x" is an ordinary path on POSIX; only Windows reads it as \\server\share
    prefixes = ("\\\\", "//") if sys.platform == "win32" else ("\\\\",)
    if not text.startswith(prefixes):
        return False
    drive = PureWindowsPath(text).drive.upper()
    # \\?\C:\ and \\.\C:\ are local device paths; \\?\UNC\server\share and \\server\share are not
    return drive.startswith(("\\\\?\\UNC\\", "\\\\.\\UNC\\")) or not drive.startswith(
        ("\\\\?\\", "\\\\.\\")
    )


def _windows_drive_is_remote(text: str) -> bool:
    if sys.platform != "win32":
        return False
    import ctypes

    drive = PureWindowsPath(os.path.abspath(text)).drive
    if not drive:
        return False
    if _is_unc(drive):
        return True
    root = drive + "\\"
    get_drive_type = ctypes.windll.kernel32.GetDriveTypeW
    return int(get_drive_type(ctypes.c_wchar_p(root))) == _DRIVE_REMOTE


def _mount_fstype(path: Path, mounts: str) -> str | None:
    """File system type of the longest mount point that contains ``path``; later mounts win."""
    best: tuple[int, str] | None = None
    target = PurePosixPath(path)
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        mount_point = PurePosixPath(_unescape(fields[1]))
        if target != mount_point and mount_point not in target.parents:
            continue
        depth = len(mount_point.parts)
        if best is None or depth >= best[0]:
            best = (depth, fields[2])
    return None if best is None else best[1]


def _unescape(field: str) -> str:
    """Undo /proc/mounts escaping of space, tab, newline and backslash (``\\040`` etc.)."""
    return _OCTAL_ESCAPE.sub(lambda m: chr(int(m.group(1), 8)), field)
