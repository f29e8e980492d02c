"""Schema version and migrations. A new database gets the current schema at once; an older
one is brought forward step by step, each step in its own transaction."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
from collections.abc import Callable, Iterator
from typing import Any

import peewee

from kinerja_app.admin.seed import seed_opd
from kinerja_app.clock import now
from kinerja_app.errors import DatabaseProblem
from kinerja_app.storage import audit, komitmen
from kinerja_app.storage.models import (
    ALL_MODELS,
    Arsip,
    AuditData,
    AuditLog,
    BatasOpd,
    BerkasArsip,
    Disposisi,
    PemetaanKolom,
    Pengumpulan,
    SuratKeluar,
    TandaTangan,
)
from kinerja_app.storage.models.base import BaseModel
from kinerja_app.storage.server import ServerDatabase

log = logging.getLogger(__name__)


class SchemaVersion(BaseModel):
    """One applied schema version."""

    version = peewee.IntegerField(primary_key=True)
    diterapkan_pada = peewee.DateTimeField(default=now)

    class Meta:
        table_name = "schema_version"


AUDIT_TABLES = ("audit_log", "audit_data")  # the trail and the data it commits to
GUARD_TRIGGERS = tuple(f"{t}_no_{e}" for t in AUDIT_TABLES for e in ("update", "delete"))
_GUARD_MESSAGE = "jejak audit hanya dapat ditambah"


def _append_only_audit(db: peewee.Database) -> None:
    """Make the audit tables append-only for any SQL client: triggers on both engines; on a
    server also the privileges (see :func:`grant_app_role`) and a guard against TRUNCATE."""
    tables = [t for t in AUDIT_TABLES if db.table_exists(t)]
    if isinstance(db, ServerDatabase):
        db.execute_sql(
            "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger "
            f"LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '{_GUARD_MESSAGE}' "
            "USING ERRCODE = 'integrity_constraint_violation'; END $$"
        )
        existing = audit_triggers(db)
        for table in tables:
            for event in ("UPDATE", "DELETE", "TRUNCATE"):
                name = f"{table}_no_{event.lower()}"
                if name in existing:
                    continue
                each = "STATEMENT" if event == "TRUNCATE" else "ROW"
                db.execute_sql(
                    f"CREATE TRIGGER {name} BEFORE {event} ON {table} "
                    f"FOR EACH {each} EXECUTE FUNCTION audit_log_append_only()"
                )
        return
    for table in tables:
        for event in ("UPDATE", "DELETE"):
            db.execute_sql(  # type: ignore[no-untyped-call]
                f"CREATE TRIGGER IF NOT EXISTS {table}_no_{event.lower()} BEFORE {event} "
                f"ON {table} BEGIN SELECT RAISE(ABORT, '{_GUARD_MESSAGE}'); END"
            )


def audit_triggers(db: peewee.Database) -> set[str]:
    """Names of the triggers on the audit tables (audit-verify reports a removed guard)."""
    if isinstance(db, ServerDatabase):
        sql = (
            "SELECT tgname FROM pg_trigger WHERE tgrelid::regclass::text "
            "IN ('audit_log', 'audit_data') AND NOT tgisinternal"
        )
    else:
        sql = (
            "SELECT name FROM sqlite_master WHERE type = 'trigger' "
            "AND tbl_name IN ('audit_log', 'audit_data')"
        )
    return {str(row[0]) for row in db.execute_sql(sql)}  # type: ignore[no-untyped-call]


def _alter(db: peewee.Database, *operations: Callable[[Any], object]) -> None:
    """Run playhouse migrator operations, each given as ``lambda m: m.add_column(...)``.

    playhouse.migrate is imported here, not at the top: it loads every engine's extension
    (~30 ms), and nearly every start opens a database that needs no step.
    """
    from playhouse.migrate import SchemaMigrator, migrate

    migrator = SchemaMigrator.from_database(db)
    migrate(*(operation(migrator) for operation in operations))


def _v2(db: peewee.Database) -> None:
    """v2: per-OPD free-text note, and an index to filter the audit trail by period."""
    _alter(
        db,
        lambda m: m.add_column("pengumpulan", "catatan", Pengumpulan.catatan),
        lambda m: m.add_index("audit_log", ("periode_id",), False),
    )


def _v3(db: peewee.Database) -> None:
    """v3: column mappings the Tim confirmed, remembered per OPD and layout fingerprint."""
    db.create_tables([PemetaanKolom])


def _v4(db: peewee.Database) -> None:
    """v4: archived files inside the database (``berkas_arsip``), used on a shared server."""
    db.create_tables([BerkasArsip])


def _v5(db: peewee.Database) -> None:
    """v5 (papers): the lembar disposisi's standard fields; the register numbers letters per OPD
    and takes SRIKANDI's number (in a sequence of its own); each archived paper keeps its number and
    date; a correction deadline per OPD; recorded deadline acts (``batas_opd``); and every OPD's
    deadline is the date printed in the signed letter (it was max(letter, receipt + 7 days))."""
    _alter(
        db,
        lambda m: m.add_column("disposisi", "klasifikasi", Disposisi.klasifikasi),
        lambda m: m.add_column("disposisi", "surat_dari", Disposisi.surat_dari),
        lambda m: m.add_column("disposisi", "nomor_surat", Disposisi.nomor_surat),
        lambda m: m.add_column("disposisi", "tanggal_surat", Disposisi.tanggal_surat),
        lambda m: m.add_column("disposisi", "diterima_tanggal", Disposisi.diterima_tanggal),
        lambda m: m.add_column("disposisi", "harap", Disposisi.harap),
        lambda m: m.add_column("surat_keluar", "pengumpulan_id", SuratKeluar.pengumpulan),
        lambda m: m.add_column("surat_keluar", "penandatangan_id", SuratKeluar.penandatangan),
        lambda m: m.add_column("surat_keluar", "srikandi", SuratKeluar.srikandi),
        # SRIKANDI's letters count apart: no table rebuild (tanda_tangan points at this table)
        lambda m: m.drop_index("surat_keluar", "surat_keluar_tahun_urut"),
        lambda m: m.add_index("surat_keluar", ("tahun", "srikandi", "urut"), True),
        lambda m: m.add_column("pengumpulan", "batas_perbaikan", Pengumpulan.batas_perbaikan),
        lambda m: m.add_column("arsip", "nomor", Arsip.nomor),
        lambda m: m.add_column("arsip", "tanggal", Arsip.tanggal),
        lambda m: m.add_column("arsip", "opd_id", Arsip.opd_id),
    )
    db.create_tables([BatasOpd])
    _one_deadline()


def _one_deadline() -> None:
    """Set every distributed OPD's deadline to the end of the day its signed letter prints
    (self-contained: a migration must not change when the code around it does)."""
    changed = 0
    for ttd in TandaTangan.select():
        batas = dt.date.fromisoformat(json.loads(ttd.rancangan.isi_json)["batas_waktu"])
        due = dt.datetime.combine(batas, dt.time(23, 59, 59))
        changed += (
            Pengumpulan.update(batas_waktu=due)
            .where(
                (Pengumpulan.periode == ttd.surat.periode_id)
                & Pengumpulan.batas_waktu.is_null(False)
                & (Pengumpulan.batas_waktu != due)
            )
            .execute()
        )
    if changed:
        _audit_v5(
            "migrasi_batas_waktu",
            keterangan=f"Batas waktu {changed} Perangkat Daerah diselaraskan dengan tanggal yang "
            "tercetak pada surat bertanda tangan",
            detail={"diubah": changed},
        )


def _audit_v5(aksi: str, *, keterangan: str, detail: dict[str, object]) -> None:
    """A system audit row in the log as it stands up to v5: no data commitments yet (v6 adds
    ``audit_log.data_hash`` and ``audit_data``, then seals what v5 changed)."""
    fields = audit.row_fields(aksi, pelaku=None, keterangan=keterangan, detail=detail)
    prev = audit.chain_head()
    AuditLog.insert(**fields, prev_hash=prev, hash=audit.row_hash(fields, prev)).execute()


def _v6(db: peewee.Database) -> None:
    """v6: the audit trail commits to the data: ``audit_log.data_hash`` and ``audit_data``
    (append-only), then one "segel_data" row sealing every business row as it stands."""
    _alter(db, lambda m: m.add_column("audit_log", "data_hash", AuditLog.data_hash))
    db.create_tables([AuditData])
    _append_only_audit(db)
    audit.write(
        "segel_data",
        pelaku=None,
        keterangan="Isi basis data disegel: sejak versi ini setiap tindakan mencatat sidik datanya",
        data=komitmen.semua(),
    )


def _v7(db: peewee.Database) -> None:
    """v7: an index on the audit action, so the Riwayat action filter and its list of choices
    read the index instead of the whole trail; and the one on the period where it is missing
    (a database created new before v7 never got the index v2 adds)."""
    for name, columns in (("audit_log_periode_id", "periode_id"), ("audit_log_aksi", "aksi")):
        sql = f'CREATE INDEX IF NOT EXISTS "{name}" ON "audit_log" ("{columns}")'
        db.execute_sql(sql)  # type: ignore[no-untyped-call]


def _v8(db: peewee.Database) -> None:
    """v8: an index on the audit row's object, so the history of one letter (lacak naskah)
    seeks its rows instead of reading the whole trail for each letter of the period."""
    _alter(db, lambda m: m.add_index("audit_log", ("objek", "objek_id"), False))


def _v9(db: peewee.Database) -> None:
    """v9: an index on the audit row's time, so Riwayat lists the trail in the order of the time
    shown (a paper act recorded late sits at its time) reading the index, not sorting the log."""
    # IF NOT EXISTS: a test or an old release may have created the tables from newer models
    sql = 'CREATE INDEX IF NOT EXISTS "audit_log_waktu_id" ON "audit_log" ("waktu", "id")'
    db.execute_sql(sql)  # type: ignore[no-untyped-call]


# version -> step that brings a database from version-1 to version. A new database is created
# from the models at LATEST: every step's change must be in the models too (tests/core/test_schema.py).
STEPS: dict[int, Callable[[peewee.Database], None]] = {
    2: _v2,
    3: _v3,
    4: _v4,
    5: _v5,
    6: _v6,
    7: _v7,
    8: _v8,
    9: _v9,
}
LATEST = max(STEPS, default=1)


def current_version(db: peewee.Database) -> int:
    """The schema version recorded in ``db`` (0 for an empty database)."""
    if not db.table_exists("schema_version"):
        return 0
    row = SchemaVersion.select(peewee.fn.MAX(SchemaVersion.version)).scalar()
    return int(row or 0)


def require_current(db: peewee.Database) -> None:
    """For a read-only check: refuse a schema this version cannot read as it is.

    Raises:
        DatabaseProblem: older (open it once in the app to upgrade) or newer than this version.
    """
    version = current_version(db)
    if version > LATEST:
        raise DatabaseProblem(
            f"Basis data ini dibuat oleh versi Kinerja yang lebih baru (skema {version}); "
            "perbarui aplikasi Kinerja sebelum memeriksanya."
        )
    if version < LATEST:
        raise DatabaseProblem(
            f"Basis data ini masih berskema lama ({version}; versi ini memakai {LATEST}). Buka "
            "sekali dengan aplikasi Kinerja agar diperbarui (cadangan dibuat otomatis), lalu "
            "ulangi pemeriksaan."
        )


def migrate(db: peewee.Database) -> int:
    """Create or upgrade the schema; return the version now in force.

    Each step runs in its own write transaction, which re-reads the version first: two
    workstations starting at once against a new server apply every step exactly once.

    Raises:
        DatabaseProblem: when the database comes from a newer Kinerja, or a server database needs
            an upgrade that only its owner role may make.
    """
    while True:
        version = current_version(db)
        if version > LATEST:
            raise DatabaseProblem(
                f"Basis data ini dibuat oleh versi Kinerja yang lebih baru (skema {version}); "
                "perbarui aplikasi Kinerja sebelum membukanya."
            )
        if version == LATEST:
            return LATEST
        _require_owner(db, version)
        with _foreign_keys_off(db), db.atomic():
            if current_version(db) != version:
                continue  # another workstation got there first: look again
            if version == 0:
                _create(db)
                log.info("schema created at version %s", LATEST)
            else:
                STEPS[version + 1](db)
                _check_foreign_keys(db)
                SchemaVersion.create(version=version + 1)
                log.info("schema migrated to version %s", version + 1)
            regrant(db)


def create_schema(db: peewee.Database) -> None:
    """The current schema with its guards, without any row (a move copies its own rows in)."""
    db.create_tables([SchemaVersion, *ALL_MODELS])
    _append_only_audit(db)


def _create(db: peewee.Database) -> None:
    create_schema(db)
    SchemaVersion.create(version=LATEST)
    seeded = seed_opd()
    audit.write(
        "inisialisasi",
        pelaku=None,
        keterangan=f"Basis data dibuat; {seeded} Perangkat Daerah awal dimuat",
        data=komitmen.semua(),
    )


def _require_owner(db: peewee.Database, version: int) -> None:
    """On a server, only the role that may create tables migrates (the workstations' role may not)."""
    if not isinstance(db, ServerDatabase):
        return
    row = db.execute_sql(
        "SELECT has_schema_privilege(current_user, current_schema(), 'CREATE'), current_user"
    ).fetchone()
    if not row[0]:
        what = "masih kosong" if version == 0 else f"masih skema versi {version}"
        raise DatabaseProblem(
            f"Basis data {db.address.label} {what}, dan akun server '{row[1]}' tidak berhak "
            "menyiapkannya. Administrator server menjalankan sekali 'kinerja siapkan-server' "
            "dengan akun pemilik basis data (lihat README, bagian Beberapa komputer)."
        )


def grant_app_role(db: peewee.Database, role: str) -> None:
    """Let the workstations' role use a server database: read and write the business tables,
    only read and append the audit log and the archive files, only read the schema version.

    Raises:
        DatabaseProblem: when ``role`` does not exist on the server.
    """
    if not isinstance(db, ServerDatabase):
        return
    exists = db.execute_sql("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
    if exists is None:
        raise DatabaseProblem(
            f"Akun server '{role}' belum ada. Buat dahulu (CREATE ROLE {role} LOGIN PASSWORD …)."
        )
    quoted = '"' + role.replace('"', '""') + '"'
    with db.atomic():
        for sql in (
            f"GRANT USAGE ON SCHEMA public TO {quoted}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}",
            f"REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM {quoted}",
            f"REVOKE UPDATE, DELETE, TRUNCATE ON audit_data FROM {quoted}",
            f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_version FROM {quoted}",
        ):
            db.execute_sql(sql)


def app_roles(db: peewee.Database) -> list[str]:
    """The roles that were granted the use of this server database (see :func:`grant_app_role`)."""
    if not isinstance(db, ServerDatabase):
        return []
    rows = db.execute_sql(
        "SELECT DISTINCT grantee FROM information_schema.role_table_grants "
        "WHERE table_schema = current_schema() AND table_name = 'audit_log' "
        "AND privilege_type = 'INSERT' AND grantee <> current_user ORDER BY grantee"
    )
    return [str(r[0]) for r in rows]


def regrant(db: peewee.Database) -> None:
    """After a migration, give the workstations' roles the same rights on new tables."""
    for role in app_roles(db):
        grant_app_role(db, role)


@contextlib.contextmanager
def _foreign_keys_off(db: peewee.Database) -> Iterator[None]:
    """SQLite's procedure for changing a table others point at: its migrator rebuilds a table
    to add a NOT NULL column, and dropping the old copy would trip every foreign key to it.
    The switch only works outside a transaction; integrity is checked before the commit."""
    sqlite = isinstance(db, peewee.SqliteDatabase)
    if sqlite:
        db.execute_sql("PRAGMA foreign_keys = OFF")  # type: ignore[no-untyped-call]
    try:
        yield
    finally:
        if sqlite:
            db.execute_sql("PRAGMA foreign_keys = ON")  # type: ignore[no-untyped-call]


def _check_foreign_keys(db: peewee.Database) -> None:
    """Refuse a migration that left a row pointing at nothing (rolled back with it)."""
    if not isinstance(db, peewee.SqliteDatabase):
        return
    broken = db.execute_sql("PRAGMA foreign_key_check").fetchall()  # type: ignore[no-untyped-call]
    if broken:
        raise DatabaseProblem(
            f"Pembaruan skema basis data gagal: {len(broken)} baris merujuk ke data yang tidak "
            f"ada (tabel {broken[0][0]}). Tidak ada yang diubah; hubungi pengembang."
        )
