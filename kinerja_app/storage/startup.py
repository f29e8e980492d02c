"""What runs before the database is used: refuse network shares, check integrity (physical and
logical), clean up leftovers and orphan archive copies, take the daily backup. Qt-free, so the
CLI and the GUI share it."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from kinerja_app import clock
from kinerja_app.admin import settings
from kinerja_app.errors import DatabaseCorrupt, DatabaseProblem
from kinerja_app.storage import backup, dbcheck
from kinerja_app.storage.arsip_berkas import pindahkan_yatim
from kinerja_app.storage.db import (
    DbTarget,
    archive_dir_for,
    backup_dir_for,
    close_database,
    is_server,
    open_database,
)
from kinerja_app.storage.files import clean_leftovers
from kinerja_app.storage.lokasi import prepare_location

log = logging.getLogger(__name__)


@dataclass
class StartReport:
    """What the start-up did: the daily backup taken (if any), leftovers removed, orphan
    archive copies moved aside, and warnings for the user (a backup that could not be made)."""

    backup: Path | None = None
    leftovers: list[Path] = field(default_factory=list)
    orphans: list[Path] = field(default_factory=list)
    peringatan: list[str] = field(default_factory=list)


def check_before_open(db_path: Path) -> None:
    """Refuse a folder given for the file, a database on a network share, and one that is
    damaged physically (``quick_check``) or logically (an index that disagrees with its table).

    Raises:
        DatabaseCorrupt: damaged; the caller offers :func:`latest_good_backup`.
        DatabaseProblem: anything else, with what to do.
    """
    prepare_location(db_path)
    dbcheck.refuse_network_path(db_path)
    if db_path.stat().st_size == 0:
        return  # a new database
    problems = dbcheck.quick_check(db_path) or dbcheck.index_check(db_path)
    if problems:
        raise DatabaseCorrupt(
            f"Pemeriksaan basis data {db_path.name} menemukan kerusakan: {problems[0]} "
            f"{_restore_hint(db_path)}"
        )


def _restore_hint(db_path: Path) -> str:
    good = latest_good_backup(db_path)
    if good is None:
        return (
            "Tidak ada cadangan yang sehat; hubungi administrator dan jangan hapus berkas "
            "basis data itu."
        )
    return (
        f"Cadangan sehat terakhir: {good.path.name}. Saat dibuka, aplikasi menawarkan "
        "pemulihan darinya; berkas yang rusak disimpan, tidak dihapus."
    )


def latest_good_backup(db_path: Path) -> backup.BackupInfo | None:
    """The newest backup of ``db_path`` that verifies, to offer when the database is damaged."""
    for info in backup.list_backups(backup_dir_for(db_path)):
        if not backup.verify_backup(info.path):
            return info
    return None


def start(target: DbTarget) -> StartReport:
    """Check, open and migrate the database, clean leftovers, and take the daily backup.

    The daily backup checks the whole file (``integrity_check``); when that finds damage the
    database is closed again and the damage raised, like damage found before opening. On a
    shared server only the opening happens here: its health and its backups are the server's
    (README, "Beberapa komputer").

    Args:
        target: the database file, or a server address.
    Returns:
        What was done.
    Raises:
        DatabaseCorrupt: the database is damaged (restore offered by the caller).
        DatabaseProblem: it cannot be used for another reason.
    """
    if is_server(target):
        open_database(target)
        return StartReport()
    db_path = Path(target)
    check_before_open(db_path)
    open_database(db_path)
    report = StartReport()
    folder = backup_dir_for(db_path)
    # where atomic writes happen: beside the database, in its archive and its backups (the
    # database's folder itself may be a crowded Documents folder: not searched below it)
    report.leftovers = [
        *clean_leftovers(db_path.parent, recursive=False),
        *clean_leftovers(archive_dir_for(db_path)),
        *clean_leftovers(folder),
    ]
    report.orphans = pindahkan_yatim()
    if backup.needs_daily_backup(folder, clock.today()):
        try:
            report.backup = backup.create_backup(
                db_path, folder, keep=int(settings.get("cadangan_simpan")), label="harian"
            )
        except DatabaseCorrupt as exc:
            close_database()
            raise DatabaseCorrupt(f"{exc} {_restore_hint(db_path)}") from exc
        except DatabaseProblem as exc:
            log.warning("daily backup failed: %s", exc)
            report.peringatan.append(f"Cadangan harian tidak dapat dibuat: {exc}")
    return report
