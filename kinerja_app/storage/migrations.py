"""Schema version and migrations. A new database gets the current schema at once; an older
one is brought forward step by step, each step in its own transaction."""

from __future__ import annotations

import logging
from collections.abc import Callable

import peewee
from playhouse.migrate import SchemaMigrator
from playhouse.migrate import migrate as run_operations

from kinerja_app.admin.seed import seed_opd
from kinerja_app.clock import now
from kinerja_app.errors import DatabaseProblem
from kinerja_app.storage import audit
from kinerja_app.storage.models import ALL_MODELS, PemetaanKolom, Pengumpulan
from kinerja_app.storage.models.base import BaseModel

log = logging.getLogger(__name__)


class SchemaVersion(BaseModel):
    """One applied schema version."""

    version = peewee.IntegerField(primary_key=True)
    diterapkan_pada = peewee.DateTimeField(default=now)

    class Meta:
        table_name = "schema_version"


def _append_only_audit(db: peewee.Database) -> None:
    """Make the audit log append-only for any SQL client (SQLite triggers)."""
    if not isinstance(db, peewee.SqliteDatabase):
        return
    for event in ("UPDATE", "DELETE"):
        db.execute_sql(  # type: ignore[no-untyped-call]
            f"CREATE TRIGGER IF NOT EXISTS audit_log_no_{event.lower()} BEFORE {event} ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'jejak audit hanya dapat ditambah'); END"
        )


def _v2(db: peewee.Database) -> None:
    """v2: per-OPD free-text note, and an index to filter the audit trail by period."""
    migrator = SchemaMigrator.from_database(db)
    run_operations(
        migrator.add_column("pengumpulan", "catatan", Pengumpulan.catatan),
        migrator.add_index("audit_log", ("periode_id",), False),
    )


def _v3(db: peewee.Database) -> None:
    """v3: column mappings the Tim confirmed, remembered per OPD and layout fingerprint."""
    db.create_tables([PemetaanKolom])


# version -> step that brings a database from version-1 to version
STEPS: dict[int, Callable[[peewee.Database], None]] = {2: _v2, 3: _v3}
LATEST = max(STEPS, default=1)


def current_version(db: peewee.Database) -> int:
    """The schema version recorded in ``db`` (0 for an empty database)."""
    if not db.table_exists("schema_version"):
        return 0
    row = SchemaVersion.select(peewee.fn.MAX(SchemaVersion.version)).scalar()
    return int(row or 0)


def migrate(db: peewee.Database) -> int:
    """Create or upgrade the schema; return the version now in force.

    Raises:
        DatabaseProblem: when the file comes from a newer Kinerja.
    """
    version = current_version(db)
    if version > LATEST:
        raise DatabaseProblem(
            f"Basis data ini dibuat oleh versi Kinerja yang lebih baru (skema {version}); "
            "perbarui aplikasi Kinerja sebelum membukanya."
        )
    if version == 0:
        with db.atomic():
            db.create_tables([SchemaVersion, *ALL_MODELS])
            _append_only_audit(db)
            SchemaVersion.create(version=LATEST)
            seeded = seed_opd()
            audit.write(
                "inisialisasi",
                pelaku=None,
                keterangan=f"Basis data dibuat; {seeded} Perangkat Daerah awal dimuat",
            )
        log.info("schema created at version %s", LATEST)
        return LATEST
    for target in range(version + 1, LATEST + 1):
        with db.atomic():
            STEPS[target](db)
            SchemaVersion.create(version=target)
        log.info("schema migrated to version %s", target)
    return LATEST
