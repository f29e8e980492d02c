"""Moving an office from its SQLite file to a shared server: every row and every archived file
copied into an empty server database in one transaction, then verified there.

Rows keep their ids (sequences are set past them), so the audit chain, which hashes ids of the
people and objects it names, verifies unchanged on the server. Each archived file the rows name is
read, kept in the database under its SHA-256 and the row's reference rewritten to it; a file that
is missing or no longer matches its recorded checksum stops the move before anything is written.
The rows whose reference was rewritten are committed afresh by one audit row after the copied
chain, and the source's chain head must be found in the moved chain (an anchor).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import peewee

from kinerja_app.errors import DatabaseProblem, alasan_os
from kinerja_app.storage import arsip_server, audit, dbcheck, migrations, server
from kinerja_app.storage.db import close_database, database, make_sqlite
from kinerja_app.storage.files import sha256_file
from kinerja_app.storage.models import (
    ALL_MODELS,
    Arsip,
    AuditData,
    AuditLog,
    BaseModel,
    BerkasArsip,
    Distribusi,
    Paraf,
    Penyampaian,
    Rancangan,
    TandaTangan,
)

log = logging.getLogger(__name__)

# Columns that name an archived file, and (where the row records it) the column of its checksum.
FILE_COLUMNS: tuple[tuple[type[BaseModel], str, str | None], ...] = (
    (Arsip, "berkas", "sha256"),
    (Penyampaian, "berkas", "sha256"),
    (Rancangan, "berkas", None),
    (Paraf, "scan", None),
    (TandaTangan, "scan", None),
    (Distribusi, "tanda_terima", None),
)
BATCH = 500
Tables = list[tuple[type[BaseModel], list[tuple[Any, ...]]]]  # each table's rows, in id order


@dataclass
class MoveReport:
    """What was moved, and what the verification on the server found."""

    rows: dict[str, int] = field(default_factory=dict)  # table -> rows copied
    files: int = 0  # distinct archived files now in the server database
    audit_rows: int = 0
    audit_head: str = ""
    source_head: str = ""  # the source's chain head, found in the moved chain
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the server holds exactly what the file held."""
        return not self.problems


def move(source: Path, url: str, progress: Callable[[str], None] = log.info) -> MoveReport:
    """Copy the SQLite database ``source`` and its archive into the empty server database ``url``.

    Args:
        source: the office's ``kinerja.db`` (left untouched).
        url: ``postgresql://owner@host:port/dbname``; the database must exist and be empty, and
            the role must be allowed to create tables (the owner).
        progress: receives one Indonesian line per stage.
    Returns:
        The report; ``report.ok`` when counts, archive checksums and the audit chain all match.
    Raises:
        DatabaseProblem: the source is damaged, not a current Kinerja database, or has missing
            or changed archive files; or the server database is not empty.
    """
    address = server.parse_url(url)
    problems = dbcheck.quick_check(source)
    if problems:
        raise DatabaseProblem(f"Basis data sumber tidak dapat dipindahkan: {problems[0]}")
    src = make_sqlite(source)
    models: list[type[BaseModel]] = [migrations.SchemaVersion, *ALL_MODELS]
    try:
        src.connect()
        with src.bind_ctx(models, bind_refs=False, bind_backrefs=False):
            _check_source(src, source)
            progress("Membaca basis data sumber dan berkas arsipnya…")
            tables, files, rewritten = _read(models)
    finally:
        src.close()
    from kinerja_app.storage.credentials import passfile_path

    target = server.ServerDatabase(address, passfile=str(passfile_path()))
    close_database()
    database.initialize(target)
    try:
        target.connect()
    except peewee.OperationalError as exc:
        raise server.connect_error(address, exc) from exc
    try:
        if target.get_tables():
            raise DatabaseProblem(
                f"Basis data {address.label} tidak kosong. Pindahkan hanya ke basis data baru "
                "yang kosong (CREATE DATABASE …), agar tidak ada data yang tertimpa."
            )
        progress(f"Menyalin ke {address.label}…")
        with target.atomic():
            migrations.create_schema(target)
            for model, rows in tables:
                for start in range(0, len(rows), BATCH):
                    model.insert_many(rows[start : start + BATCH], fields=_fields(model)).execute()
            for digest, path in files.items():  # one file in memory at a time
                _put(digest, path)
            _reset_sequences(target)
            added: dict[type[BaseModel], int] = {}
            if rewritten:  # their stored content changed: commit it again, after the chain
                row = audit.write(
                    "pindah_ke_server",
                    pelaku=None,
                    keterangan=f"Dipindahkan dari {source.name} ke server; rujukan "
                    f"{sum(len(ids) for ids in rewritten.values())} berkas arsip ditulis ulang",
                    data=rewritten,
                )
                commitments = AuditData.select().where(AuditData.audit_id == row.id).count()
                added = {AuditLog: 1, AuditData: commitments}
        progress("Memeriksa hasil di server…")
        return _verify(tables, files, added)
    finally:
        close_database()


def _check_source(src: peewee.Database, source: Path) -> None:
    if not src.table_exists("schema_version"):
        raise DatabaseProblem(f"Berkas {source} bukan basis data Kinerja.")
    version = migrations.current_version(src)
    if version != migrations.LATEST:
        raise DatabaseProblem(
            f"Basis data {source} masih skema versi {version}. Buka dahulu dengan aplikasi "
            "Kinerja versi ini (skema diperbarui otomatis), lalu ulangi pemindahan."
        )


def _fields(model: type[BaseModel]) -> list[peewee.Field]:
    return list(model._meta.sorted_fields)


def _read(
    models: list[type[BaseModel]],
) -> tuple[Tables, dict[str, Path], dict[type[BaseModel], list[int]]]:
    """Every row of every table (file references rewritten), the archived files (checked
    against their recorded SHA-256, not held in memory: an office's archive grows for years)
    and the ids of the rows whose reference was rewritten; the models are bound to the source."""
    files: dict[str, Path] = {}  # sha256 -> the file
    rewritten: dict[type[BaseModel], list[int]] = {}
    refs: dict[str, str] = {}  # path on the source machine -> reference in the database
    problems: list[str] = []
    tables: Tables = []
    file_columns = {(m, c): s for m, c, s in FILE_COLUMNS}
    for model in models:
        names = [f.name for f in _fields(model)]
        query = model.select(*_fields(model)).order_by(model._meta.primary_key).tuples()
        rows: list[list[Any]] = [list(r) for r in query]  # type: ignore[call-overload]
        for (m, column), sha_column in file_columns.items():
            if m is not model:
                continue
            at, sha_at = names.index(column), names.index(sha_column) if sha_column else None
            id_at = names.index("id")  # every business table has an id column
            for row in rows:
                if row[at]:
                    expected = str(row[sha_at]) if sha_at is not None else None
                    stored = _archive(str(row[at]), expected, files, refs, problems)
                    if stored != row[at]:
                        rewritten.setdefault(model, []).append(int(row[id_at]))
                    row[at] = stored
        tables.append((model, [tuple(r) for r in rows]))
    if problems:
        raise DatabaseProblem(
            f"{len(problems)} berkas arsip bermasalah, jadi tidak ada yang dipindahkan: "
            f"{problems[0]} Perbaiki dahulu (menu Berkas › Periksa berkas arsip), lalu ulangi."
        )
    return tables, files, rewritten


def _archive(
    stored: str,
    expected: str | None,
    files: dict[str, Path],
    refs: dict[str, str],
    problems: list[str],
) -> str:
    if arsip_server.parse_ref(stored) is not None or stored in refs:
        return refs.get(stored, stored)
    path = Path(stored)
    try:
        digest = sha256_file(path)
    except OSError as exc:
        problems.append(f"{path} tidak dapat dibaca ({alasan_os(exc)}).")
        return stored
    if expected and expected.strip().lower() != digest:
        problems.append(f"isi {path} tidak cocok dengan sidik SHA-256 yang tercatat.")
        return stored
    files[digest] = path
    refs[stored] = arsip_server.Ref(digest, path.name).text
    return refs[stored]


def _put(digest: str, path: Path) -> None:
    """Copy one checked archive file into the server database.

    Raises:
        DatabaseProblem: it cannot be read now, or changed since it was checked (the move's
            transaction is rolled back: nothing is written).
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DatabaseProblem(
            f"{path} tidak dapat dibaca ({alasan_os(exc)}); tidak ada yang dipindahkan."
        ) from exc
    if arsip_server.put(data) != digest:
        raise DatabaseProblem(
            f"{path} berubah selama pemindahan; tidak ada yang dipindahkan. Ulangi pemindahan."
        )


def _reset_sequences(db: peewee.Database) -> None:
    """Let new rows continue after the copied ids."""
    for model in ALL_MODELS:
        pk = model._meta.primary_key
        if isinstance(pk, peewee.AutoField):
            table, column = model._meta.table_name, pk.column_name
            db.execute_sql(  # type: ignore[no-untyped-call]
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), "
                f'COALESCE((SELECT MAX("{column}") FROM "{table}"), 0) + 1, false)'
            )


def _verify(
    tables: Tables, files: dict[str, Path], added: dict[type[BaseModel], int]
) -> MoveReport:
    """Counts, archive checksums and the audit chain on the server (``added``: rows the move
    itself wrote, its audit row and commitments)."""
    report = MoveReport()
    for model, rows in tables:
        name = model._meta.table_name
        report.rows[name] = len(rows)
        found = model.select().count() - added.get(model, 0)
        if model is BerkasArsip:
            continue
        if found != len(rows):
            report.problems.append(f"tabel {name}: {found} baris di server, {len(rows)} di sumber")
    report.files = BerkasArsip.select().count()
    refs = [(arsip_server.Ref(sha, "-"), sha) for sha in files]
    report.problems += [p.message for p in arsip_server.check(refs)]
    source_log = dict(tables)[AuditLog]
    hash_at = [f.name for f in _fields(AuditLog)].index("hash")
    source_head = str(source_log[-1][hash_at]) if source_log else ""
    # the moved chain must hold the source's head (and its data must verify)
    chain = audit.verify_chain(kepala=[source_head] if source_head else [])
    report.audit_rows, report.audit_head = chain.rows, chain.head
    report.source_head = source_head
    if not chain.ok:
        report.problems.append(
            f"jejak audit di server tidak utuh: {chain.reason or '; '.join(chain.problems)}"
        )
    return report
