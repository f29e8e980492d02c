"""Schema creation, seeding on first start, and upgrading an older schema."""

from __future__ import annotations

import sqlite3

import pytest

from kinerja_app.errors import DatabaseProblem
from kinerja_app.storage import migrations
from kinerja_app.storage.db import close_database, open_database
from kinerja_app.storage.models import AuditLog, PerangkatDaerah
from tests.tamper import Tamper


def test_first_start_creates_schema_and_seeds_opd(empty_target):
    open_database(empty_target)
    try:
        names = {o.nama for o in PerangkatDaerah.select()}
        for kec in (
            "Bulik",
            "Lamandau",
            "Delang",
            "Bulik Timur",
            "Menthobi Raya",
            "Sematu Jaya",
            "Belantikan Raya",
            "Batangkawa",
        ):
            assert f"Kecamatan {kec}" in names
        assert "Inspektorat Daerah" in names
        assert AuditLog.get().aksi == "inisialisasi"
    finally:
        close_database()


def test_pragmas(tmp_path):
    db = open_database(tmp_path / "k.db")
    try:
        assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute_sql("PRAGMA synchronous").fetchone()[0] == 2
        assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] >= 5000
    finally:
        close_database()


def test_upgrade_from_version_1(tmp_path):
    path = tmp_path / "old.db"
    open_database(path)
    close_database()
    # turn it into a version-1 database: v2 added pengumpulan.catatan and an audit index
    con = sqlite3.connect(path)
    con.execute("DROP INDEX IF EXISTS audit_log_periode_id")
    con.execute("ALTER TABLE pengumpulan DROP COLUMN catatan")
    con.execute("DROP TABLE pemetaan_kolom")  # v3
    con.execute("DELETE FROM schema_version")
    con.execute(
        "INSERT INTO schema_version (version, diterapkan_pada) VALUES (1, '2026-01-01 00:00:00')"
    )
    con.commit()
    con.close()
    db = open_database(path)
    try:
        assert migrations.current_version(db) == migrations.LATEST == 4
        assert db.table_exists("pemetaan_kolom")
        assert db.table_exists("berkas_arsip")
        columns = {c.name for c in db.get_columns("pengumpulan")}
        assert "catatan" in columns
        assert any(i.columns == ["periode_id"] for i in db.get_indexes("audit_log"))
    finally:
        close_database()


def test_newer_schema_is_refused(empty_target):
    open_database(empty_target)
    with Tamper() as raw:
        raw.execute(
            "INSERT INTO schema_version (version, diterapkan_pada) VALUES (99, '2030-01-01')"
        )
    close_database()
    with pytest.raises(DatabaseProblem, match="lebih baru"):
        open_database(empty_target)


def test_large_numbers_and_long_texts_are_stored_exactly(f):
    """A budget realisation of tens of billions keeps its cents, and a unit name longer than its
    declared column width is kept whole, on either engine (a server's REAL and VARCHAR(n) would
    round the one and refuse the other)."""
    from kinerja_app.clock import now
    from kinerja_app.storage.models import DataIndikator
    from kinerja_app.workflow.penyampaian import SuratMasuk, simpan_penyampaian
    from tests.factory import Row

    (opd,) = f.distributed(f.periode(), 1)
    satuan = "Rupiah (realisasi anggaran belanja langsung dan tidak langsung) " * 3
    big = Row("Realisasi anggaran", 98765432101.25, 12345678901.75, None, satuan=satuan)
    revisi = simpan_penyampaian(f.tim, opd, SuratMasuk(now()), [big], []).objek_id
    row = DataIndikator.get(DataIndikator.penyampaian == revisi)
    assert row.satuan == satuan
    assert (row.target, row.realisasi) == (98765432101.25, 12345678901.75)


def test_garbage_file_is_a_clear_problem(tmp_path):
    path = tmp_path / "bad.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(DatabaseProblem, match="tidak dapat dibuka"):
        open_database(path)
