"""What runs before the database is used: refuse network shares, check integrity, clean up,
take the daily backup. Qt-free, so the CLI and the GUI share it."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from kinerja_app import clock
from kinerja_app.admin import settings
from kinerja_app.errors import DatabaseProblem
from kinerja_app.storage import backup, dbcheck
from kinerja_app.storage.db import (
    DbTarget,
    archive_dir_for,
    backup_dir_for,
    is_server,
    open_database,
)
from kinerja_app.storage.files import clean_leftovers

log = logging.getLogger(__name__)


@dataclass
class StartReport:
    """What the start-up did: the daily backup taken (if any) and leftovers removed."""

    backup: Path | None = None
    leftovers: list[Path] = field(default_factory=list)


def check_before_open(db_path: Path) -> None:
    """Refuse a database on a network share or one that fails ``quick_check``.

    Raises:
        DatabaseProblem: with what to do (move to local disk, or restore a backup).
    """
    dbcheck.refuse_network_path(db_path)
    if db_path.exists():
        problems = dbcheck.quick_check(db_path)
        if problems:
            backups = backup.list_backups(backup_dir_for(db_path))
            hint = (
                f"Pulihkan dari cadangan terakhir ({backups[0].path.name}) melalui Berkas › Pulihkan Cadangan."
                if backups
                else "Tidak ada cadangan; hubungi administrator."
            )
            raise DatabaseProblem(
                f"Pemeriksaan basis data {db_path.name} menemukan kerusakan: {problems[0]} {hint}"
            )


def latest_good_backup(db_path: Path) -> backup.BackupInfo | None:
    """The newest backup of ``db_path`` that verifies, to offer when the database is damaged."""
    for info in backup.list_backups(backup_dir_for(db_path)):
        if not backup.verify_backup(info.path):
            return info
    return None


def start(target: DbTarget) -> StartReport:
    """Check, open and migrate the database, clean leftovers, and take the daily backup.

    On a shared server only the opening happens here: its health and its backups are the
    server's (README, "Beberapa komputer").

    Args:
        target: the database file, or a server address.
    Returns:
        What was done.
    """
    if is_server(target):
        open_database(target)
        return StartReport()
    db_path = Path(target)
    check_before_open(db_path)
    open_database(db_path)
    report = StartReport()
    report.leftovers = clean_leftovers(archive_dir_for(db_path)) + clean_leftovers(db_path.parent)
    folder = backup_dir_for(db_path)
    if backup.needs_daily_backup(folder, clock.today()):
        try:
            report.backup = backup.create_backup(
                db_path, folder, keep=int(settings.get("cadangan_simpan")), label="harian"
            )
        except DatabaseProblem:
            log.exception("daily backup failed")
    return report
