"""Online backups of the SQLite database, their verification, and restoring one.

Backups use SQLite's backup API in one step: in WAL mode that reads one consistent snapshot
while other connections keep writing, and never copies a half-written file. Each copy is
written under a temp name, fsynced, checked with ``integrity_check`` and only then renamed to
its final name, so a name in the backup folder always means a complete, verified copy.

Only the database file is copied; the archive folder (``<db>-arsip``) needs its own copy.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from kinerja_app import clock
from kinerja_app.errors import DatabaseCorrupt, DatabaseProblem, alasan_os, alasan_sqlite
from kinerja_app.storage import backup_server
from kinerja_app.storage.dbcheck import BUSY_TIMEOUT_S, integrity_check, quick_check
from kinerja_app.storage.files import TEMP_PREFIX, free_name, fsync_dir
from kinerja_app.storage.lokasi import private_dir

Label = Literal["harian", "manual"]
LABELS: tuple[Label, ...] = ("harian", "manual")
MARKER_TABLE = "schema_version"
_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<label>harian|manual)-(?P<stamp>\d{8}-\d{6})"
    r"(?:-k(?P<kepala>[0-9a-f]{16}))?(?:-(?P<seq>\d+))?\.db$"
)
HEAD_DIGITS = backup_server.HEAD_DIGITS
_SIDE_SUFFIXES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class BackupInfo:
    """One backup file in the backup folder."""

    path: Path
    created: datetime  # from the file name (local time), not the file's mtime
    size: int  # bytes
    label: Label
    sequence: int = 1  # >1 when several backups were taken within the same second
    kepala: str = ""  # the first 16 hex digits of its audit chain head (from the name)


def create_backup(
    db_path: Path,
    backup_dir: Path,
    *,
    keep: int = 14,
    label: Label = "harian",
    now: datetime | None = None,
) -> Path:
    """Copy the live database into ``backup_dir``, verify the copy, prune old ones.

    Safe while the app (or another process) is writing: the copy is one consistent snapshot.

    Args:
        db_path: the live database.
        backup_dir: where backups go (created if needed).
        keep: how many backups of this label to keep, newest first (older ones are deleted only
            after the new one has been verified).
        label: ``"harian"`` (automatic, daily) or ``"manual"``.
        now: the timestamp for the name (tests); defaults to the local time.
    Returns:
        The path of the new backup, ``<stem>-<label>-YYYYmmdd-HHMMSS-k<head>.db``: the name
        carries the first 16 hex digits of the audit chain head it holds, so a later
        ``audit-verify --kepala`` can prove nothing before that point was cut or rewritten.
    Raises:
        DatabaseCorrupt: the copy fails ``integrity_check``: the live database is damaged.
        DatabaseProblem: the database is missing, or the disk is full.
    """
    if label not in LABELS:
        raise ValueError(f"unknown backup label {label!r}")
    if keep < 1:
        raise ValueError("keep must be at least 1")
    if not db_path.is_file():
        raise DatabaseProblem(
            f"Basis data {db_path} tidak ditemukan sehingga tidak dapat dicadangkan. "
            "Periksa nama berkas dan foldernya."
        )
    not_ours = _kinerja_tables_problem(db_path)
    if not_ours:
        raise DatabaseProblem(f"{not_ours} Tidak ada cadangan yang dibuat.")
    try:
        private_dir(backup_dir)
    except OSError as exc:
        raise DatabaseProblem(
            f"Folder cadangan {backup_dir} tidak dapat dibuat ({alasan_os(exc)}). "
            "Pilih folder cadangan lain yang dapat ditulisi."
        ) from exc
    stamp = now or clock.now()
    try:
        with _temp_db(backup_dir) as tmp:
            _sqlite_copy(db_path, tmp, what="mencadangkan")
            problems = integrity_check(tmp)
            if problems:
                raise DatabaseCorrupt(
                    "Salinan cadangan tidak lolos pemeriksaan, jadi tidak disimpan; cadangan lama "
                    f"tetap utuh. Basis data yang sedang dipakai rusak: {problems[0]}"
                )
            final = _free_name(backup_dir, db_path.stem, label, stamp, _head_of(tmp))
            os.replace(tmp, final)
        fsync_dir(backup_dir)
    except OSError as exc:  # the folder exists but cannot be written (read-only, no space)
        raise DatabaseProblem(
            f"Cadangan tidak dapat ditulis ke folder {backup_dir} ({alasan_os(exc)}); cadangan "
            "lama tetap utuh. Periksa ruang disk dan izin folder itu."
        ) from exc
    prune_backups(backup_dir, keep=keep, label=label)
    return final


def list_backups(backup_dir: Path) -> list[BackupInfo]:
    """The backups in ``backup_dir``, newest first; other files (temp copies...) are ignored."""
    if not backup_dir.is_dir():
        return []
    found: list[BackupInfo] = []
    for entry in backup_dir.iterdir():
        match = _NAME.match(entry.name)
        if match is None or not entry.is_file():
            continue
        try:
            created = datetime.strptime(match["stamp"], _STAMP)
            size = entry.stat().st_size
        except (ValueError, OSError):
            continue
        label: Label = "harian" if match["label"] == "harian" else "manual"
        found.append(
            BackupInfo(entry, created, size, label, int(match["seq"] or 1), match["kepala"] or "")
        )
    found.sort(key=lambda info: (info.created, info.sequence, info.path.name), reverse=True)
    return found


def prune_backups(backup_dir: Path, *, keep: int, label: Label) -> list[Path]:
    """Delete all but the newest ``keep`` backups of ``label``; return what was deleted."""
    old = [info for info in list_backups(backup_dir) if info.label == label][keep:]
    removed: list[Path] = []
    for info in old:
        try:
            info.path.unlink()
        except OSError:
            continue  # e.g. open in another program on Windows; retried at the next backup
        removed.append(info.path)
    return removed


def needs_daily_backup(backup_dir: Path, today: date) -> bool:
    """Whether no ``harian`` backup has been taken on ``today`` yet."""
    return not any(
        info.label == "harian" and info.created.date() == today for info in list_backups(backup_dir)
    )


def verify_backup(path: Path) -> list[str]:
    """Check that a file is a sound Kinerja database.

    Args:
        path: the backup (or any database file).
    Returns:
        Problems as Indonesian sentences; ``[]`` when the file passes ``integrity_check``,
        holds the ``schema_version`` table and no schema newer than this version can open (a
        restore of such a file would leave a database the app refuses to start on).
    """
    problems = integrity_check(path)
    if problems:
        return problems
    not_ours = _kinerja_tables_problem(path)
    if not_ours:
        return [f"{not_ours} Pilih berkas cadangan Kinerja yang benar."]
    return _newer_schema_problem(path)


def _newer_schema_problem(path: Path) -> list[str]:
    """A sentence when ``path`` was written by a newer Kinerja than this one, else ``[]``."""
    from kinerja_app.storage.migrations import LATEST  # late: migrations import the models

    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
    try:
        version = int(conn.execute(f"SELECT MAX(version) FROM {MARKER_TABLE}").fetchone()[0] or 0)
    except sqlite3.Error:
        return [f"Versi skema berkas {path.name} tidak terbaca; pilih cadangan Kinerja lain."]
    finally:
        conn.close()
    if version > LATEST:
        return [
            f"Berkas {path.name} dibuat oleh versi Kinerja yang lebih baru (skema {version}; "
            f"versi ini memakai {LATEST}), jadi tidak dapat dibuka di sini. Perbarui aplikasi "
            "Kinerja terlebih dahulu, atau pilih cadangan lain."
        ]
    return []


def _kinerja_tables_problem(path: Path) -> str:
    """Why ``path`` is not a Kinerja database (read-only look at its tables), or ``""``."""
    try:
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S
        )
        try:
            tables = {
                str(row[0])
                for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return f"Berkas {path} tidak dapat dibaca sebagai basis data SQLite ({alasan_sqlite(exc)})."
    if not tables:
        return f"Berkas {path} adalah basis data kosong (tanpa tabel), bukan basis data Kinerja."
    if MARKER_TABLE not in tables:
        return (
            f"Berkas {path} bukan basis data Kinerja (tabel {MARKER_TABLE} tidak ada; milik "
            "program lain)."
        )
    return ""


def restore_backup(backup_path: Path, db_path: Path, *, now: datetime | None = None) -> Path | None:
    """Replace the database with a verified backup, keeping the current file aside.

    The app must have closed ``db_path`` first. Steps: verify the backup; copy it next to the
    database under a temp name and check the copy; keep the current files, raw and under
    SQLite's exclusive lock, as ``<name>.sebelum-restore-<timestamp>.db`` (with its -wal);
    remove the target's -wal/-shm/-journal (a stale WAL would otherwise be replayed onto the
    restored copy); atomically rename the copy into place.

    Args:
        backup_path: the backup to restore.
        db_path: the database file to replace (need not exist).
        now: the timestamp for the kept file's name (tests).
    Returns:
        The kept copy of the previous database, or None when there was none.
    Raises:
        DatabaseProblem: the backup is unsound (nothing is changed), the database is still in
            use, or a file operation failed.
    """
    problems = verify_backup(backup_path)
    if problems:
        raise DatabaseProblem(
            f"Cadangan {backup_path} tidak dapat dipulihkan karena tidak lolos pemeriksaan; "
            f"basis data sekarang tidak diubah. {problems[0]} Pilih cadangan lain."
        )
    if db_path.exists() and backup_path.resolve() == db_path.resolve():
        raise DatabaseProblem(
            "Cadangan yang dipilih adalah basis data itu sendiri. Pilih cadangan."
        )
    stamp = (now or clock.now()).strftime(_STAMP)
    staging = contextlib.ExitStack()
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = staging.enter_context(_temp_db(db_path.parent))
    except OSError as exc:
        raise DatabaseProblem(
            f"Folder basis data {db_path.parent} tidak dapat ditulisi ({alasan_os(exc)}), jadi "
            "cadangan tidak dapat dipulihkan ke sana; basis data sekarang tidak diubah. Periksa "
            "izin folder itu dan ruang disk, lalu coba lagi."
        ) from exc
    with staging:
        _sqlite_copy(backup_path, tmp, what="menyalin cadangan")
        copy_problems = quick_check(tmp)
        if copy_problems:
            raise DatabaseProblem(
                "Salinan cadangan rusak saat disalin; basis data sekarang tidak diubah. "
                f"{copy_problems[0]}"
            )
        kept = _set_aside(db_path, stamp) if db_path.exists() else None
        try:
            for suffix in _SIDE_SUFFIXES:
                _side(db_path, suffix).unlink(missing_ok=True)
            os.replace(tmp, db_path)
        except OSError as exc:
            raise DatabaseProblem(
                f"Basis data {db_path} tidak dapat diganti ({alasan_os(exc)}). Tutup "
                "aplikasi lain yang membukanya, lalu coba lagi. Salinan basis data sebelumnya "
                f"tersimpan di {kept}."
            ) from exc
    fsync_dir(db_path.parent)
    return kept


def _set_aside(db_path: Path, stamp: str) -> Path:
    """Keep the current database files, exactly as they are, next to it before a restore.

    The copy is taken while holding SQLite's exclusive lock, which also proves that no other
    connection (not even an idle one, whose process would go on writing to the replaced file)
    has the database open. The files are copied raw, not through SQLite, so a damaged database
    is kept as it was found; its -wal/-journal are kept under the matching name, where SQLite
    picks them up when the kept copy is opened.

    Raises:
        DatabaseProblem: the database is still open elsewhere, or the copy failed.
    """
    kept = db_path.with_name(f"{db_path.stem}.sebelum-restore-{stamp}.db")
    counter = 2
    while kept.exists():
        kept = db_path.with_name(f"{db_path.stem}.sebelum-restore-{stamp}-{counter}.db")
        counter += 1
    conn = sqlite3.connect(str(db_path), timeout=2.0, isolation_level=None)
    try:
        try:
            conn.execute("PRAGMA locking_mode=EXCLUSIVE")  # the lock stays until close()
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise DatabaseProblem(
                    f"Basis data {db_path} masih dibuka (mungkin oleh jendela Kinerja lain). "
                    "Tutup semua jendela Kinerja di komputer ini, lalu ulangi pemulihan."
                ) from exc
            # otherwise unreadable, most likely the reason for this restore: keep it raw
        _copy_raw(db_path, kept)
    finally:
        with contextlib.suppress(sqlite3.Error):
            conn.close()
    return kept


def _copy_raw(db_path: Path, kept: Path) -> None:
    copies = [(db_path, kept)]
    for suffix in ("-wal", "-journal"):
        side = _side(db_path, suffix)
        if side.is_file() and side.stat().st_size > 0:
            copies.append((side, _side(kept, suffix)))
    try:
        for source, target in copies:
            shutil.copyfile(source, target)
            _fsync_file(target)
    except OSError as exc:
        for _, target in copies:
            target.unlink(missing_ok=True)
        raise DatabaseProblem(
            f"Basis data sekarang tidak dapat disalin ke {kept} ({alasan_os(exc)}), jadi "
            "pemulihan dibatalkan tanpa mengubah apa pun. Periksa ruang disk, lalu coba lagi."
        ) from exc


def _sqlite_copy(source: Path, target: Path, *, what: str) -> None:
    """Copy ``source`` into ``target`` through the backup API, as one rollback-journal file."""
    try:
        src = sqlite3.connect(str(source), timeout=BUSY_TIMEOUT_S)
        try:
            dst = sqlite3.connect(str(target))
            try:
                src.backup(dst)  # pages=-1: one step, one snapshot, never restarted by writers
                dst.execute("PRAGMA journal_mode=DELETE")  # a self-contained single file
            finally:
                dst.close()
        finally:
            src.close()
        _fsync_file(target)
    except sqlite3.Error as exc:
        text = str(exc)
        if "full" in text:
            hint = "Ruang disk tidak cukup. Kosongkan ruang disk atau pilih folder lain."
        elif "locked" in text or "busy" in text:
            hint = "Basis data sedang sibuk. Tunggu sebentar, lalu coba lagi."
        else:
            hint = "Berkas sumber mungkin rusak. Periksa basis data atau pilih cadangan lain."
        raise DatabaseProblem(f"Gagal {what} dari {source} ({alasan_sqlite(exc)}). {hint}") from exc
    except OSError as exc:
        raise DatabaseProblem(
            f"Gagal {what} ke {target} ({alasan_os(exc)}). Periksa ruang disk dan izin folder."
        ) from exc


@contextlib.contextmanager
def _temp_db(folder: Path) -> Iterator[Path]:
    """A temp file name in ``folder`` (removed with its side files unless renamed away)."""
    fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".db", dir=folder)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
    finally:
        for leftover in (tmp, *(_side(tmp, s) for s in _SIDE_SUFFIXES)):
            leftover.unlink(missing_ok=True)


def backup_head(path: Path) -> str:
    """The audit chain head a backup holds (read-only), checked against the one in its name; a
    server backup (``.dump``) is read with ``pg_restore``.

    Raises:
        DatabaseProblem: not a readable Kinerja backup, or its name and content disagree.
    """
    if path.suffix == backup_server.SUFFIX and path.is_file():
        return backup_server.dump_head(path)
    problems = verify_backup(path)
    if problems:
        raise DatabaseProblem(problems[0])
    head = _head_of(path)
    match = _NAME.match(path.name)
    if match and match["kepala"] and not head.startswith(match["kepala"]):
        raise DatabaseProblem(
            f"Isi cadangan {path.name} tidak cocok dengan kepala rantai pada namanya "
            f"({match['kepala']}): cadangan itu telah diubah. Pakai cadangan lain."
        )
    return head


def _head_of(path: Path) -> str:
    """The hash of the newest audit row in a database file (empty when it has none)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
    try:
        row = conn.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    except sqlite3.Error:
        return ""
    finally:
        conn.close()
    return str(row[0]) if row else ""


def _free_name(folder: Path, stem: str, label: Label, stamp: datetime, head: str = "") -> Path:
    base = f"{stem}-{label}-{stamp.strftime(_STAMP)}"
    if head:
        base += f"-k{head[:HEAD_DIGITS]}"
    return free_name(folder, base, ".db")


def _side(db_path: Path, suffix: str) -> Path:
    return db_path.with_name(db_path.name + suffix)


def _fsync_file(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())
