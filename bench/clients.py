"""Five Tim Kinerja workstations at once: each a process of its own, logged in as its own Tim
account, running the import dialog's loop (load the period's catalogue, read + verify an OPD's
workbook as that OPD's, store it as the OPD's next revision) a fixed number of times.

Who imports what (``plan``): clients 1-3 start on different OPDs and walk forward, so their
paths overlap later in the run (successive revisions of one OPD from two desks); clients 4 and 5
follow clients 1 and 2 OPD for OPD, so they race for the same revision. The loser of a race is
refused by the service ("baru saja disimpan dari komputer lain") and counts as refused, not
committed: a person would reload and look first.

Afterwards :func:`tally` counts what the database holds against what the clients reported as
committed: every committed revision present once with all its indicator rows, its archived
workbook and its audit row; no revision, row or revision number that no client committed; each
OPD's revisions numbered 1..n without a gap. Anything else is a lost or duplicated row, and the
benchmark fails.

The product is the five at once; the floor is one client running all five plans in turn (the
same imports, no contention). Both report wall seconds per committed import.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import queue
import threading
import time
import traceback
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any, cast

import data

CLIENTS = data.TIM_CLIENTS
FOLLOWS = (0, 1, 2, 0, 1)  # the OPD track of each client: 4 and 5 follow 1 and 2
TIMEOUT_S = 600
# fork where there is one: the clients start with the app's modules loaded (a workstation has the
# app open), instead of five interpreters importing it at once on the benchmark's machine; no
# database connection is open in the parent when they start
START_METHOD = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def plan(n_clients: int, iterations: int, n_opd: int) -> list[list[int]]:
    """Each client's OPD indexes, in order (see the module docstring)."""
    tracks = max(FOLLOWS[:n_clients]) + 1
    starts = [t * n_opd // tracks for t in range(tracks)]
    return [[(starts[FOLLOWS[k]] + j) % n_opd for j in range(iterations)] for k in range(n_clients)]


def client(
    target: str,
    username: str,
    opds: list[int],
    workbooks: str,
    n_rows: int,
    barrier: Any,
    results: Any,
) -> None:
    """One workstation (in its own process): log in, wait for the others, run the loop, report
    the ids of the revisions it committed and how many saves were refused."""
    try:
        results.put(_client(target, username, opds, Path(workbooks), n_rows, barrier))
    except BaseException:
        results.put({"user": username, "error": traceback.format_exc()})
        barrier.abort()  # nobody waits for a client that will never come


def _client(
    target: str, username: str, opds: list[int], workbooks: Path, n_rows: int, barrier: Any
) -> dict[str, Any]:
    from kinerja_app import clock
    from kinerja_app.admin.pengguna import masuk
    from kinerja_app.errors import ActionRefused
    from kinerja_app.importer.penerimaan import (
        ganti_opd,
        get_pengumpulan,
        muat_katalog,
        periksa_berkas,
        terima,
    )
    from kinerja_app.storage.db import close_database, open_database
    from kinerja_app.storage.models import Pengumpulan, Periode
    from kinerja_app.workflow.penyampaian import SuratMasuk

    open_database(target)
    try:
        user = masuk(username, data.PASSWORD)
        periode = Periode.get(Periode.tahun == data.TAHUN)
        order = [
            p.id
            for p in Pengumpulan.select(Pengumpulan.id)
            .where(Pengumpulan.periode == periode)
            .order_by(Pengumpulan.id)
        ]
        paths = sorted(workbooks.glob("*.xlsx"))
        committed: list[int] = []
        refused = 0
        # the app is open at every desk: what a first import loads once is loaded before the start
        periksa_berkas(paths[opds[0]], muat_katalog(periode))
        barrier.wait(timeout=TIMEOUT_S)
        for j, index in enumerate(opds):
            katalog = muat_katalog(periode)  # the import dialog opens
            pengumpulan = get_pengumpulan(order[index])
            opd = katalog.opd_by_id(pengumpulan.opd_id)
            if opd is None:
                raise RuntimeError(f"OPD {pengumpulan.opd_id} not in the catalogue")
            hasil = periksa_berkas(paths[index], katalog)
            if hasil.opd is None or hasil.opd.opd_id != opd.opd_id:
                hasil = ganti_opd(hasil, opd, katalog)  # the Tim picks the OPD
            if hasil.jumlah_indikator != n_rows:
                raise RuntimeError(f"{paths[index].name}: {hasil.jumlah_indikator} rows read")
            when = clock.now() - dt.timedelta(hours=1)
            surat = SuratMasuk(when, f"{j + 1}/{username}/SM", f"000/{j + 1}/OPD", when.date())
            try:
                committed.append(terima(user, pengumpulan, hasil, surat).objek_id or 0)
            except ActionRefused:
                refused += 1
        return {"user": username, "committed": committed, "refused": refused}
    finally:
        close_database()


def _preload() -> None:
    """Import what a client uses, so that forked clients share it."""
    import kinerja_app.admin.pengguna
    import kinerja_app.importer.penerimaan
    import kinerja_app.storage.db  # noqa: F401


def run_clients(
    target: str, plans: list[list[int]], workbooks: Path, n_rows: int
) -> tuple[float, list[dict[str, Any]]]:
    """Start one process per plan, release them together, and wait for all.

    Returns:
        The wall seconds from the release to the last client's end, and each client's report.
    """
    _preload()
    ctx: Any = multiprocessing.get_context(
        START_METHOD
    )  # Any: typeshed's BaseContext lacks Process
    barrier = ctx.Barrier(len(plans) + 1)
    results = ctx.Queue()
    procs = [
        ctx.Process(
            target=client,
            args=(target, f"tim{k + 1}", opds, str(workbooks), n_rows, barrier, results),
        )
        for k, opds in enumerate(plans)
    ]
    for proc in procs:
        proc.start()
    reports: list[dict[str, Any]] = []
    try:
        barrier.wait(timeout=TIMEOUT_S)
        start = time.perf_counter()
        while len(reports) < len(procs):
            try:
                reports.append(results.get(timeout=TIMEOUT_S))
            except queue.Empty as exc:
                raise RuntimeError("a client neither finished nor failed in time") from exc
            if "error" in reports[-1]:
                raise RuntimeError(f"client {reports[-1]['user']} failed:\n{reports[-1]['error']}")
        elapsed = time.perf_counter() - start
    except threading.BrokenBarrierError:  # what multiprocessing's Barrier raises too
        failed = [r for r in _drain(results, reports) if "error" in r]
        raise RuntimeError(f"a client failed before the start: {failed}") from None
    finally:
        for proc in procs:
            proc.join(timeout=TIMEOUT_S)
            if proc.is_alive():
                proc.kill()
    return elapsed, reports


def _drain(results: Any, reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    while True:
        try:
            reports.append(results.get(timeout=5))
        except queue.Empty:
            return reports


def tally(committed: list[int], n_rows: int) -> dict[str, int]:
    """What the open database holds against the revisions the clients committed.

    Returns:
        ``lost`` and ``duplicated`` (both must be 0) and what they are made of.
    """
    from peewee import fn

    from kinerja_app.storage.arsip_berkas import berkas_lokal
    from kinerja_app.storage.models import AuditLog, DataIndikator, Pengumpulan, Penyampaian

    revisions = {r.id: r for r in Penyampaian.select()}
    counted = (
        DataIndikator.select(DataIndikator.penyampaian, fn.COUNT(DataIndikator.id))
        .group_by(DataIndikator.penyampaian)
        .tuples()
    )
    rows_of: dict[int, int] = dict(cast(Iterable[tuple[int, int]], counted))
    claimed = set(committed)
    numbers = Counter((r.pengumpulan_id, r.revisi) for r in revisions.values())
    gaps = sum(
        len(set(range(1, p.revisi_terakhir + 1)) - {n for (pid, n) in numbers if pid == p.id})
        for p in Pengumpulan.select()
    )
    audited = Counter(
        a.objek_id
        for a in AuditLog.select(AuditLog.objek_id).where(
            (AuditLog.aksi == "simpan_penyampaian") & (AuditLog.hasil == "ok")
        )
    )
    no_file = sum(
        1
        for i in claimed & revisions.keys()
        if not (stored := revisions[i].berkas) or not berkas_lokal(stored).is_file()
    )
    parts = {
        "lost_revisions": len(claimed - revisions.keys()),
        "lost_rows": sum(max(0, n_rows - rows_of.get(i, 0)) for i in claimed),
        "revision_gaps": gaps,
        "lost_audit": sum(1 for i in claimed if audited[i] == 0),
        "lost_files": no_file,
        "reported_twice": len(committed) - len(claimed),
        "extra_revisions": len(revisions.keys() - claimed),
        "extra_rows": sum(c for i, c in rows_of.items() if i not in claimed)
        + sum(max(0, rows_of.get(i, 0) - n_rows) for i in claimed),
        "twice_numbered": sum(c - 1 for c in numbers.values()),
        "extra_audit": sum(c for i, c in audited.items() if i not in claimed)
        + sum(c - 1 for c in audited.values() if c > 1),
    }
    lost = sum(v for k, v in parts.items() if k.startswith(("lost", "revision_gaps")))
    return {"lost": lost, "duplicated": sum(parts.values()) - lost, **parts}
