"""The audit chain: written with each change, verified, tampering detected at its row."""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

from kinerja_app.storage import audit
from kinerja_app.storage.db import close_database, open_database
from kinerja_app.storage.models import AuditLog
from tests.tamper import Tamper

ROOT = Path(__file__).resolve().parents[2]


def test_every_action_chains_to_previous(f):
    periode = f.periode()
    f.disposisi(periode)
    rows = list(AuditLog.select().order_by(AuditLog.id))
    assert len(rows) >= 3
    for prev, row in itertools.pairwise(rows):
        assert row.prev_hash == prev.hash
    report = audit.verify_chain()
    assert (
        report.ok
        and report.rows == len(rows)
        and report.head == rows[-1].hash == audit.chain_head()
    )


def test_editing_one_row_with_raw_sql_is_detected_at_that_row(f, tmp_path):
    periode = f.periode()
    f.disposisi(periode)
    target = AuditLog.select().order_by(AuditLog.id)[1]
    with Tamper() as raw:
        raw.drop_guard("audit_log_no_update")
        raw.execute(
            "UPDATE audit_log SET keterangan = 'diubah diam-diam' WHERE id = ?", (target.id,)
        )
    result = subprocess.run(
        [sys.executable, "main.py", "audit-verify", "--db", str(raw.target)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert f"baris id {target.id}" in result.stderr


def test_deleting_a_row_is_detected(f):
    periode = f.periode()
    f.disposisi(periode)
    rows = list(AuditLog.select().order_by(AuditLog.id))
    with Tamper() as raw:
        raw.drop_guard("audit_log_no_delete")
        raw.execute("DELETE FROM audit_log WHERE id = ?", (rows[1].id,))
    open_database(raw.target, migrate=False)
    report = audit.verify_chain()
    assert not report.ok and report.broken_id == rows[2].id


def test_audit_rows_cannot_be_updated_or_deleted_through_sql(f):
    import peewee
    import pytest

    f.periode()
    before = [(r.id, r.keterangan) for r in AuditLog.select().order_by(AuditLog.id)]
    # SQLite: the triggers refuse; a server refuses the workstations' role before any trigger
    with pytest.raises((peewee.IntegrityError, peewee.ProgrammingError)):
        AuditLog.update(keterangan="x").execute()
    with pytest.raises((peewee.IntegrityError, peewee.ProgrammingError)):
        AuditLog.delete().execute()
    assert [(r.id, r.keterangan) for r in AuditLog.select().order_by(AuditLog.id)] == before


def test_cli_reports_intact_chain(f, db_target):
    f.periode()
    close_database()
    result = subprocess.run(
        [sys.executable, "main.py", "audit-verify", "--db", str(db_target)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "utuh" in result.stdout


def test_removing_the_newest_rows_is_detected_through_the_archived_head(f, tmp_path):
    """Cutting off the end of the chain leaves every remaining row valid; the chain head printed
    on the final recap (kept in the archive table) and the missing triggers give it away."""
    from kinerja_app.storage.models import Arsip

    periode = f.periode()
    f.disposisi(periode)
    head = audit.chain_head()
    Arsip.create(
        periode=periode,
        jenis="Dokumen Rekapitulasi",
        berkas="x",
        sha256="0" * 64,
        audit_head=head,
        dicatat_oleh=f.tim,
    )
    f.draft(periode)  # more rows after the archived head
    assert audit.verify_chain().ok
    last = AuditLog.select().order_by(AuditLog.id.desc()).limit(3)
    doomed = [r.id for r in last] + [AuditLog.get(AuditLog.hash == head).id]
    with Tamper() as raw:
        raw.drop_guard("audit_log_no_delete")
        for row_id in doomed:
            raw.execute("DELETE FROM audit_log WHERE id = ?", (row_id,))
    open_database(raw.target, migrate=False)
    report = audit.verify_chain()
    assert report.broken_id is None  # what is left chains perfectly...
    assert not report.ok
    assert any("tidak ada lagi" in p for p in report.problems)
    assert any("audit_log_no_delete" in p for p in report.problems)
