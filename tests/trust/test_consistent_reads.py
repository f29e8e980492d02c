"""Reads the user or a snapshot relies on see one state, while another workstation writes."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kinerja_app import clock
from kinerja_app.rekap.rekapitulasi import baris_rekap
from kinerja_app.storage.db import close_database, open_database
from kinerja_app.storage.models import Periode
from tests.factory import Factory

ROOT = Path(__file__).resolve().parents[2]
READS = 250

# Revision n of the OPD holds 3 + n % 5 indicator rows, every capaian equal to n: a recap row
# whose count or average belongs to another revision than its number is a mixed read.
WRITER = textwrap.dedent(
    """
    import datetime as dt, sys
    from kinerja_app import clock
    from kinerja_app.importer.data import IndicatorRow
    from kinerja_app.storage.db import open_database
    from kinerja_app.storage.models import Pengumpulan, User
    from kinerja_app.workflow.penyampaian import SuratMasuk, simpan_penyampaian
    with clock.pasang(clock.JamUji(dt.datetime.fromisoformat(sys.argv[2]))):
        open_database(sys.argv[1])
        tim = User.get(User.username == "tim")
        print("ready", flush=True)
        while True:
            p = Pengumpulan.get(Pengumpulan.status != "belum_dikirimi")
            n = p.revisi_terakhir + 1
            rows = [IndicatorRow("Data", i, "S", f"I{i}", "%", None, 100.0, float(n), float(n), None)
                    for i in range(3 + n % 5)]
            simpan_penyampaian(tim, p, SuratMasuk(clock.now()), rows, [])
    """
)


@pytest.mark.slow
def test_recap_rows_never_mix_two_revisions_while_another_workstation_stores(tmp_path):
    path = tmp_path / "kinerja.db"
    open_database(path)
    f = Factory()
    periode = f.periode()
    f.distributed(periode, 1)
    close_database()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), clock.now().isoformat()],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    mixed: list[str] = []
    seen: set[int] = set()
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
        open_database(path)
        periode = Periode.get_by_id(periode.id)
        for _ in range(READS):
            for row in baris_rekap(periode):
                if not row.revisi:
                    continue
                seen.add(row.revisi)
                expected = (3 + row.revisi % 5, float(row.revisi))
                if (row.jumlah_indikator, row.capaian_rata) != expected:
                    mixed.append(
                        f"revisi {row.revisi}: {row.jumlah_indikator} baris, rata {row.capaian_rata}"
                    )
    finally:
        writer.kill()
        writer.wait()
        close_database()
    assert len(seen) > 20, "the writer hardly wrote: the test proves nothing"
    assert not mixed, f"{len(mixed)} of {READS} reads mixed two revisions: {mixed[:3]}"
