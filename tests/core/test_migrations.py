"""Schema creation, seeding on first start, and upgrading an older schema."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from kinerja_app.errors import DatabaseProblem
from kinerja_app.storage import audit, migrations
from kinerja_app.storage.db import close_database, open_database
from kinerja_app.storage.models import AuditLog, Pengumpulan, PerangkatDaerah, Periode
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


V5_COLUMNS = {
    "disposisi": (
        "klasifikasi", "surat_dari", "nomor_surat", "tanggal_surat", "diterima_tanggal", "harap",
    ),
    "pengumpulan": ("batas_perbaikan",),
    "arsip": ("nomor", "tanggal", "opd_id"),
}  # fmt: skip
# the register before v5 (SQLite cannot drop a column that is a foreign key: rebuild it)
V2_SURAT_KELUAR = (
    'CREATE TABLE "surat_keluar" ("id" INTEGER NOT NULL PRIMARY KEY, "tahun" INTEGER NOT NULL, '
    '"urut" INTEGER NOT NULL, "nomor" VARCHAR(100) NOT NULL, "tanggal" DATE NOT NULL, '
    '"jenis" VARCHAR(40) NOT NULL, "hal" VARCHAR(300) NOT NULL, "tujuan" VARCHAR(300) NOT NULL, '
    '"periode_id" INTEGER, "dicatat_oleh_id" INTEGER NOT NULL, "dicatat_pada" DATETIME NOT NULL, '
    'FOREIGN KEY ("periode_id") REFERENCES "periode" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("dicatat_oleh_id") REFERENCES "pengguna" ("id") ON DELETE RESTRICT)'
)
V2_COLUMNS = (
    "id, tahun, urut, nomor, tanggal, jenis, hal, tujuan, periode_id, dicatat_oleh_id, dicatat_pada"
)


def _rechain(con: sqlite3.Connection) -> None:
    """Hash every audit row again as it was written before v6 (no data commitments)."""
    prev = audit.GENESIS
    rows = con.execute(
        f"SELECT id, {', '.join(audit.HASHED_FIELDS)} FROM audit_log ORDER BY id"
    ).fetchall()
    for row_id, *values in rows:
        fields = dict(zip(audit.HASHED_FIELDS, values, strict=True))
        fields["waktu"] = dt.datetime.fromisoformat(fields["waktu"])
        new = audit.row_hash(fields, prev)
        con.execute(
            "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", (prev, new, row_id)
        )
        prev = new


def make_version(path, version: int) -> None:
    """Turn a current database into one of an older schema version (1 to 5), its audit trail
    as that version wrote it (the audit indexes of v7 and v8 dropped too)."""
    con = sqlite3.connect(path)
    con.execute("DROP INDEX audit_log_aksi")  # v7 added the index on the audit action
    con.execute("DROP INDEX audit_log_objek_objek_id")  # v8 the one on the audited row
    # v6 added the data commitments: audit_log.data_hash and audit_data
    guards = con.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"
    ).fetchall()
    for name, _ in guards:
        con.execute(f'DROP TRIGGER "{name}"')
    con.execute("DROP TABLE audit_data")
    con.execute("ALTER TABLE audit_log DROP COLUMN data_hash")
    _rechain(con)
    for _, sql in guards:
        con.execute(sql)
    if version == 5:
        con.execute("DELETE FROM schema_version")
        con.execute(
            "INSERT INTO schema_version (version, diterapkan_pada) VALUES (5, '2026-01-01 00:00:00')"
        )
        con.commit()
        con.close()
        return
    for table, columns in V5_COLUMNS.items():
        for name, sql in con.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?", (table,)
        ).fetchall():
            if sql and any(c in sql for c in columns):
                con.execute(f'DROP INDEX "{name}"')
        for column in columns:
            con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    con.execute("DROP TABLE batas_opd")
    con.execute("PRAGMA legacy_alter_table = ON")  # keep tanda_tangan pointing at surat_keluar
    con.execute("ALTER TABLE surat_keluar RENAME TO surat_keluar_v5")
    con.execute(V2_SURAT_KELUAR)
    con.execute(f"INSERT INTO surat_keluar SELECT {V2_COLUMNS} FROM surat_keluar_v5")
    con.execute("DROP TABLE surat_keluar_v5")  # plain sqlite3: foreign keys are off here
    con.execute('CREATE UNIQUE INDEX "surat_keluar_tahun_urut" ON "surat_keluar" ("tahun", "urut")')
    if version <= 3:  # v4 added the archive files kept in a server database
        con.execute("DROP TABLE berkas_arsip")
    if version <= 2:  # v3 added the remembered column mappings
        con.execute("DROP TABLE pemetaan_kolom")
    if version == 1:  # v2 added pengumpulan.catatan and an audit index
        con.execute("DROP INDEX IF EXISTS audit_log_periode_id")
        con.execute("ALTER TABLE pengumpulan DROP COLUMN catatan")
    con.execute("DELETE FROM schema_version")
    con.execute(
        "INSERT INTO schema_version (version, diterapkan_pada) VALUES (?, '2026-01-01 00:00:00')",
        (version,),
    )
    con.commit()
    con.close()


def test_upgrade_from_version_1(tmp_path):
    path = tmp_path / "old.db"
    open_database(path)
    close_database()
    make_version(path, 1)
    db = open_database(path)
    try:
        assert migrations.current_version(db) == migrations.LATEST
        assert db.table_exists("pemetaan_kolom")
        assert db.table_exists("audit_data")
        assert db.table_exists("berkas_arsip")
        columns = {c.name for c in db.get_columns("pengumpulan")}
        assert {"catatan", "batas_perbaikan"} <= columns
        assert any(i.columns == ["periode_id"] for i in db.get_indexes("audit_log"))
        assert db.table_exists("batas_opd")
        assert "srikandi" in {c.name for c in db.get_columns("surat_keluar")}
        assert any(
            i.unique and i.columns == ["tahun", "srikandi", "urut"]
            for i in db.get_indexes("surat_keluar")
        )
        assert AuditLog.select().order_by(AuditLog.id.desc()).get().aksi == "segel_data"
        report = audit.verify_chain()
        assert report.ok, report
    finally:
        close_database()


def test_upgrade_from_version_1_keeps_the_data(tmp_path):
    """A database made by version 1 (frozen DDL) is brought up to date with its rows intact."""
    path = tmp_path / "old.db"
    con = sqlite3.connect(path)
    con.executescript((Path(__file__).parent / "schema" / "v1.sqlite.sql").read_text())
    con.execute(
        "INSERT INTO periode (id, tahun, dibuat_pada, terkunci) VALUES (1, 2024, '2025-01-06', 1)"
    )
    con.execute(
        "INSERT INTO perangkat_daerah (id, kode, nama, singkatan, jenis, jabatan_kepala, "
        "nama_kepala, alamat, aktif, urutan) "
        "VALUES (1, 'DISDIK', 'Dinas Pendidikan', 'Disdik', 'dinas', 'Kepala', '', '', 1, 1)"
    )
    con.execute(
        "INSERT INTO pengumpulan (id, periode_id, opd_id, status, status_sejak, revisi_terakhir) "
        "VALUES (1, 1, 1, 'terverifikasi', '2025-02-01 10:00:00', 2)"
    )
    con.commit()
    con.close()
    db = open_database(path)
    try:
        assert migrations.current_version(db) == migrations.LATEST
        (row,) = Pengumpulan.select()
        assert (row.status, row.revisi_terakhir, row.catatan) == ("terverifikasi", 2, "")
        assert Periode.get_by_id(1).tahun == 2024
    finally:
        close_database()


def test_upgrade_to_v5_sets_every_deadline_to_the_signed_letters_date(tmp_path):
    from tests.factory import Factory

    path = tmp_path / "lama.db"
    open_database(path)
    f = Factory()
    periode = f.periode()
    (p,) = f.distributed(periode, 1)
    assert p.batas_waktu is not None
    # the old rule: the later of the letter's date and receipt + one office day
    Pengumpulan.update(batas_waktu=p.batas_waktu + dt.timedelta(days=9)).where(
        Pengumpulan.id == p.id
    ).execute()
    close_database()
    make_version(path, 4)
    open_database(path)
    try:
        letter = p.batas_waktu.date()
        assert Pengumpulan.get_by_id(p.id).batas_waktu == dt.datetime.combine(
            letter, dt.time(23, 59, 59)
        )
        row = AuditLog.get(AuditLog.aksi == "migrasi_batas_waktu")
        assert "1 Perangkat Daerah" in row.keterangan
        # v6 then seals the data as v5 left it: the changed deadline verifies
        seal = AuditLog.get(AuditLog.aksi == "segel_data")
        assert seal.id > row.id and seal.data_hash
        report = audit.verify_chain()
        assert report.ok, report
    finally:
        close_database()


def test_upgrade_from_version_5_seals_the_data_and_verifies(tmp_path):
    """A database of schema v5 (no data commitments) gets them at v6: one 'segel_data' row
    commits to every row, so an edit made after the upgrade is caught."""
    from tests.factory import Factory

    path = tmp_path / "v5.db"
    open_database(path)
    f = Factory()
    (p,) = f.distributed(f.periode(), 1)
    close_database()
    make_version(path, 5)
    db = open_database(path)
    try:
        assert migrations.current_version(db) == migrations.LATEST
        assert (
            not AuditLog.select()
            .where(AuditLog.data_hash.is_null(False) & (AuditLog.aksi != "segel_data"))
            .exists()
        )
        assert audit.verify_chain().ok
        with Tamper() as raw:
            raw.execute("UPDATE pengumpulan SET status = 'terverifikasi' WHERE id = ?", (p.id,))
        open_database(path)
        report = audit.verify_chain()
        assert not report.ok and any(f"pengumpulan id {p.id}" in x for x in report.problems)
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
    with pytest.raises(DatabaseProblem, match="bukan basis data Kinerja"):
        open_database(path)
    assert path.read_bytes() == b"this is not sqlite" * 100
