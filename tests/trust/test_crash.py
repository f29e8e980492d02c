"""A process killed in the middle of storing OPD data leaves the database sound and no half revision."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kinerja_app.storage.db import close_database, open_database
from tests.factory import Factory

ROOT = Path(__file__).resolve().parents[2]
ROWS_PER_REVISION = 1500

CHILD = textwrap.dedent(
    f"""
    import datetime as dt, sys
    from kinerja_app import clock
    from kinerja_app.storage.db import open_database
    from kinerja_app.importer.data import IndicatorRow
    from kinerja_app.storage.models import Pengumpulan, User
    from kinerja_app.workflow.penyampaian import SuratMasuk, simpan_penyampaian
    open_database(sys.argv[1])
    tim = User.get(User.username == "tim")
    rows = [IndicatorRow("Data", i, "Sasaran", f"Indikator {{i}}", "%", None, 10.0, 9.0, None, None)
            for i in range({ROWS_PER_REVISION})]
    print("ready", flush=True)
    while True:
        for p in Pengumpulan.select().where(Pengumpulan.status != "belum_dikirimi"):
            simpan_penyampaian(tim, p, SuratMasuk(clock.now()), rows, [])
    """
)


@pytest.mark.slow
def test_thirty_sigkills_during_import_leave_no_partial_revision(tmp_path):
    db_path = tmp_path / "crash.db"
    open_database(db_path)
    factory = Factory()
    periode = factory.periode()
    factory.distributed(periode, 3)
    close_database()
    rng = random.Random(7)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _ in range(30):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(db_path)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.05, 0.4))
        child.send_signal(signal.SIGKILL)
        child.wait()
    con = sqlite3.connect(db_path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        revisions = con.execute(
            "SELECT p.id, COUNT(d.id) FROM penyampaian p LEFT JOIN data_indikator d ON d.penyampaian_id = p.id "
            "GROUP BY p.id"
        ).fetchall()
        assert revisions, "the children never committed a revision; the test proves nothing"
        assert {count for _, count in revisions} == {ROWS_PER_REVISION}
        mismatched = con.execute(
            "SELECT COUNT(*) FROM pengumpulan g WHERE g.revisi_terakhir != "
            "(SELECT COALESCE(MAX(revisi), 0) FROM penyampaian WHERE pengumpulan_id = g.id)"
        ).fetchone()[0]
        assert mismatched == 0
        audited = con.execute(
            "SELECT COUNT(*) FROM audit_log WHERE aksi = 'simpan_penyampaian'"
        ).fetchone()[0]
        assert audited == len(revisions)
    finally:
        con.close()
