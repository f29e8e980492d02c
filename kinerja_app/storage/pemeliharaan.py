"""Keeping the records safe from the application: backups on demand, restore, archive checks."""

from __future__ import annotations

from pathlib import Path

from kinerja_app.admin import settings
from kinerja_app.errors import DatabaseProblem
from kinerja_app.storage import arsip_server, audit, backup, backup_server, credentials
from kinerja_app.storage.arsip_berkas import folder_yatim, yatim
from kinerja_app.storage.checksums import FileProblem, ProblemKind, check_files, orphan_problems
from kinerja_app.storage.db import (
    archive_root,
    backup_dir_for,
    close_database,
    database,
    read_transaction,
    server_backup_dir,
)
from kinerja_app.storage.models import Arsip, Penyampaian, User
from kinerja_app.storage.models.master import Role
from kinerja_app.storage.server import ServerDatabase
from kinerja_app.storage.startup import start
from kinerja_app.workflow.common import Area, Changes, require_role


def db_path() -> Path:
    """The file of the open database."""
    return Path(str(database.database))


def cadangkan_sekarang(user: User) -> Changes:
    """Take an online backup now (any logged-in staff member may), and audit it.

    Returns:
        The change record; ``pesan`` names the backup file.
    """
    require_role("cadangkan", user, Role.ADMIN, Role.TIM, Role.KABAG)
    obj = database.obj
    if isinstance(obj, ServerDatabase):
        made = backup_server.create_server_backup(
            obj.address, server_backup_dir(obj.address), credentials.passfile_path()
        )
        audit.write("cadangkan", pelaku=user, keterangan=f"Cadangan server dibuat: {made.name}")
        return Changes.of(pesan=f"Cadangan dibuat: {made}")
    path = db_path()
    target = backup.create_backup(
        path, backup_dir_for(path), keep=int(settings.get("cadangan_simpan")), label="manual"
    )
    audit.write("cadangkan", pelaku=user, keterangan=f"Cadangan dibuat: {target.name}")
    return Changes.of(pesan=f"Cadangan dibuat: {target}")


def daftar_cadangan() -> list[backup.BackupInfo]:
    """Backups of the open database, newest first."""
    return backup.list_backups(backup_dir_for(db_path()))


def pulihkan(user: User, cadangan: Path) -> Changes:
    """Restore the open database from a verified backup (administrator only) and reopen it.

    The current file is kept beside it; the restore is audited in the restored database.

    Raises:
        DatabaseProblem: the backup does not verify (nothing is changed then).
    """
    require_role("pulihkan_cadangan", user, Role.ADMIN)
    problems = backup.verify_backup(cadangan)
    if problems:
        raise DatabaseProblem(f"Cadangan {cadangan.name} tidak dapat dipakai: {problems[0]}")
    path = db_path()
    nama, pencatat = user.nama, user.username
    close_database()
    try:
        kept = backup.restore_backup(cadangan, path)
    finally:
        start(path)
    restored_user = User.get_or_none(User.username == pencatat)
    audit.write(
        "pulihkan_cadangan",
        pelaku=restored_user,
        keterangan=f"Basis data dipulihkan dari {cadangan.name} oleh {nama}"
        + (f"; berkas sebelumnya disimpan sebagai {kept.name}" if kept else ""),
    )
    return Changes(frozenset(Area), pesan=f"Basis data dipulihkan dari {cadangan.name}.")


def periksa_arsip() -> list[FileProblem]:
    """Check every archived file (final archive and received OPD workbooks) against its SHA-256:
    files in the archive folder, and files kept in the server database, alike; and report files
    in the archive folder that no record refers to (orphans)."""
    with read_transaction():
        entries = [(a.berkas, a.sha256) for a in Arsip.select(Arsip.berkas, Arsip.sha256)]
        entries += [
            (p.berkas, p.sha256)
            for p in Penyampaian.select(Penyampaian.berkas, Penyampaian.sha256)
            if p.berkas  # a revision typed in by hand has no file
        ]
        orphans = yatim()
    in_db = [(ref, sha) for text, sha in entries if (ref := arsip_server.parse_ref(text))]
    problems = check_files(
        [(Path(text), sha) for text, sha in entries if not arsip_server.parse_ref(text)]
    )
    problems += [
        FileProblem(
            Path(p.ref.text), ProblemKind.MISSING if p.missing else ProblemKind.CHANGED, p.message
        )
        for p in (arsip_server.check(in_db) if in_db else [])
    ]
    return problems + orphan_problems(orphans, folder_yatim(archive_root()))
