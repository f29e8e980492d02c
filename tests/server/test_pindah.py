"""Moving an office's SQLite database and archive to a shared server (``pindah-ke``)."""

from __future__ import annotations

import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from kinerja_app.errors import DatabaseProblem
from kinerja_app.storage import audit, pindah
from kinerja_app.storage.arsip_berkas import berkas_lokal
from kinerja_app.storage.db import close_database, open_database
from kinerja_app.storage.files import sha256_file
from kinerja_app.storage.models import AuditLog, DataIndikator, Penyampaian, User
from kinerja_app.storage.pemeliharaan import periksa_arsip

ROOT = Path(__file__).resolve().parents[2]
BIG_WORKBOOK = 6 * 1024 * 1024


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """The demo database (built once: it takes a few seconds)."""
    from kinerja_app import clock
    from kinerja_app.demo.periode import build_demo
    from tests.conftest import AWAL

    folder = tmp_path_factory.mktemp("demo")
    path = folder / "kinerja-demo.db"
    with clock.pasang(clock.JamUji(AWAL)):
        build_demo(path)
        # the demo's revisions were typed in; two OPDs still owing data send workbooks
        from kinerja_app.storage.models import Pengumpulan
        from kinerja_app.storage.models.pengumpulan import StatusOpd
        from kinerja_app.workflow.penyampaian import SuratMasuk, simpan_penyampaian
        from tests.factory import Row

        waiting = Pengumpulan.select().where(Pengumpulan.status == StatusOpd.SURAT_DITERIMA)
        from kinerja_app.storage.models import UserRole

        tim = UserRole.get(UserRole.role == "TIM").user
        for n, pengumpulan in enumerate(waiting.limit(2)):
            workbook = folder / f"data-{n}.xlsx"
            # big enough that holding the archive in memory shows (see the memory test)
            workbook.write_bytes(b"PK\x03\x04" + os.urandom(BIG_WORKBOOK))
            simpan_penyampaian(
                tim, pengumpulan, SuratMasuk(clock.now()), [Row("IKM", 80, 84, 105.0)], [],
                berkas=workbook,
            )  # fmt: skip
    close_database()
    return path


@pytest.fixture
def empty_server_db(pg_server):
    name = pg_server.create_empty("pindah")
    yield name
    close_database()
    pg_server.drop(name)


def counts() -> dict[str, int]:
    return {m.__name__: m.select().count() for m in (AuditLog, Penyampaian, DataIndikator, User)}


def test_pindah_ke_moves_the_demo_database_and_its_archive_and_verifies_them(
    demo_db, empty_server_db, pg_server, tmp_path
):
    open_database(demo_db)
    before, head = counts(), audit.chain_head()
    workbooks = {p.id: sha256_file(Path(p.berkas)) for p in Penyampaian.select() if p.berkas}
    close_database()
    assert workbooks, "the demo has archived workbooks"

    result = subprocess.run(
        [sys.executable, "main.py", "pindah-ke", pg_server.url(empty_server_db, owner=True),
         "--db", str(demo_db), "--peran-aplikasi", pg_server.app_role],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "terverifikasi" in result.stdout and head in result.stdout

    open_database(pg_server.url(empty_server_db))  # as a workstation would
    # one audit row more: the move commits the rows whose file reference it rewrote
    assert counts() == {**before, "AuditLog": before["AuditLog"] + 1}
    assert AuditLog.select().order_by(AuditLog.id.desc()).get().aksi == "pindah_ke_server"
    assert audit.verify_chain(kepala=[head]).ok  # the source's chain, whole, inside
    assert periksa_arsip() == []
    for p in Penyampaian.select().where(Penyampaian.id.in_(list(workbooks))):
        assert str(p.berkas).startswith("sha256/")
        local = berkas_lokal(str(p.berkas))  # fetched into this workstation's cache
        assert sha256_file(local) == workbooks[p.id] == p.sha256
    audit.write("masuk", pelaku=User.get(), keterangan="setelah pindah")  # ids continue
    assert audit.verify_chain().ok


def test_a_missing_archive_file_stops_the_move_before_anything_is_written(
    demo_db, empty_server_db, pg_server, tmp_path
):
    import shutil
    import sqlite3

    copy = tmp_path / "kinerja.db"
    shutil.copy(demo_db, copy)
    con = sqlite3.connect(copy)
    con.execute("UPDATE penyampaian SET berkas = ? WHERE id = 1", (str(tmp_path / "hilang.xlsx"),))
    con.commit()
    con.close()
    with pytest.raises(DatabaseProblem, match=r"hilang\.xlsx"):
        pindah.move(copy, pg_server.url(empty_server_db, owner=True))
    open_database(pg_server.url(empty_server_db, owner=True), migrate=False)
    from kinerja_app.storage.db import database

    assert database.get_tables() == []


def test_a_server_database_that_is_not_empty_is_refused(demo_db, pg_server):
    name = pg_server.create_kinerja()
    try:
        with pytest.raises(DatabaseProblem, match="tidak kosong"):
            pindah.move(demo_db, pg_server.url(name, owner=True))
    finally:
        close_database()
        pg_server.drop(name)


def test_the_move_holds_one_archived_file_in_memory_at_a_time(demo_db, empty_server_db, pg_server):
    """An office's archive grows for years: the move streams it, never the whole in memory."""
    tracemalloc.start()
    try:
        report = pindah.move(demo_db, pg_server.url(empty_server_db, owner=True))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert report.ok, report.problems
    assert report.files >= 2  # the two big workbooks went over
    assert peak < 1.6 * BIG_WORKBOOK, f"peak {peak / 2**20:.1f} MB"
