"""The Riwayat queries: pages that cover the trail exactly once, counts that agree, filters,
and plans that read the indexes rather than the whole log."""

from __future__ import annotations

import datetime as dt

import pytest

from kinerja_app.errors import ActionRefused
from kinerja_app.queries import audit as q_audit
from kinerja_app.storage import audit
from kinerja_app.storage.db import close_database, database, open_database
from kinerja_app.storage.models import AuditLog
from kinerja_app.workflow.common import refuse
from tests.factory import Factory


def _trail(f, years: int = 3, logins: int = 40) -> list[int]:
    """Periods of ``years`` data years, with logins (no period) between them."""
    ids = []
    for k in range(years):
        ids.append(f.periode(2020 + k).id)
        for _ in range(logins):
            audit.write("masuk", pelaku=f.tim, keterangan=f"{f.tim.nama} masuk")
    return ids


def _all_pages(filt: q_audit.FilterAudit, horizon: int, *, terlama_dulu: bool = False) -> list[int]:
    seen: list[AuditLog] = []
    while True:
        page = q_audit.cari_audit(
            filt, horizon, lewat=seen[-1] if seen else None, terlama_dulu=terlama_dulu, limit=7
        )
        if not page:
            return [r.id for r in seen]
        seen.extend(page)


def test_pages_cover_the_filter_once_in_chain_order(f):
    periods = _trail(f)
    horizon = q_audit.cakrawala()
    everything = q_audit.FilterAudit()
    ids = _all_pages(everything, horizon)
    assert ids == sorted((r.id for r in AuditLog.select()), reverse=True)
    assert q_audit.hitung_audit(everything, horizon) == len(ids)
    assert _all_pages(everything, horizon, terlama_dulu=True) == sorted(ids)
    one = q_audit.FilterAudit(periode_id=periods[1])
    assert [AuditLog.get_by_id(i).aksi for i in _all_pages(one, horizon)] == ["buka_periode"]
    logins = q_audit.FilterAudit(tanpa_periode=True, aksi="masuk")
    assert q_audit.hitung_audit(logins, horizon) == 3 * 40


def test_pages_run_in_the_order_of_the_time_shown_not_of_recording(f, jam):
    """A paper act recorded afterwards (a wet paraf entered the next day) carries the time it
    happened: the trail lists it at that time, newest first or oldest first, page after page."""
    f.periode()
    for hari in (10, 2, 7, 2, 1):  # recorded in this order, dated these days of March
        jam.maju(minutes=1)
        audit.write("masuk", pelaku=f.tim, waktu=dt.datetime(2026, 3, hari, 9, 0))
    horizon = q_audit.cakrawala()
    everything = q_audit.FilterAudit()
    rows = [AuditLog.get_by_id(i) for i in _all_pages(everything, horizon)]
    assert [(r.waktu, r.id) for r in rows] == sorted(((r.waktu, r.id) for r in rows), reverse=True)
    assert [r.waktu.day for r in rows if r.aksi == "masuk"] == [10, 7, 2, 2, 1]
    oldest = [AuditLog.get_by_id(i) for i in _all_pages(everything, horizon, terlama_dulu=True)]
    assert oldest == rows[::-1]


def test_rows_after_the_horizon_are_fetched_on_their_own(f):
    periode = f.periode()
    horizon = q_audit.cakrawala()
    filt = q_audit.FilterAudit(periode_id=periode.id)
    f.disposisi(periode)
    audit.write("masuk", pelaku=f.kabag)  # no period: outside the filter
    newer = q_audit.cakrawala()
    new = q_audit.audit_sesudah(filt, horizon, newer)
    assert [r.aksi for r in new] == ["buat_disposisi"]
    assert q_audit.hitung_audit(filt, horizon) == 1  # the count up to the horizon stays put
    assert q_audit.hitung_audit(filt, newer) == 2


def test_text_person_and_refused_filters(f):
    periode = f.periode()
    with pytest.raises(ActionRefused):
        refuse("buat_disposisi", f.tim, "Hanya Kabag.", periode_id=periode.id)
    horizon = q_audit.cakrawala()
    ditolak = q_audit.cari_audit(q_audit.FilterAudit(hanya_ditolak=True), horizon)
    assert [(r.aksi, r.pelaku_nama) for r in ditolak] == [("buat_disposisi", f.tim.nama)]
    assert q_audit.cari_audit(q_audit.FilterAudit(pelaku="tidak ada"), horizon) == []
    found = q_audit.cari_audit(q_audit.FilterAudit(teks="Tahun 2025"), horizon)
    assert [r.aksi for r in found] == ["buka_periode"]


def test_action_names_are_the_distinct_names_in_the_trail(f):
    _trail(f, years=2, logins=3)
    distinct = sorted({r.aksi for r in AuditLog.select(AuditLog.aksi)})
    assert q_audit.daftar_aksi() == distinct
    assert {"inisialisasi", "buka_periode", "masuk"} <= set(distinct)


def _plans(run) -> list[str]:
    """The query plans of the SQL statements ``run()`` executes (SQLite)."""
    statements: list[str] = []
    con = database.connection()
    con.set_trace_callback(statements.append)
    try:
        run()
    finally:
        con.set_trace_callback(None)
    plans = []
    for sql in statements:
        if sql.lstrip().upper().startswith(("SELECT", "WITH")):
            rows = con.execute(f"EXPLAIN QUERY PLAN {sql}")  # the trace has values bound
            plans.append(" / ".join(str(r[-1]) for r in rows))
    return plans


def test_the_default_view_reads_indexes_not_the_whole_log(tmp_path):
    """Counting and paging one period, new rows and the action list: no full scan of audit_log.

    Read from SQLite's query plans, on a SQLite file whatever engine the run uses: a server's
    planner rightly scans a table this small, and its plans say nothing at ten years.
    """
    open_database(tmp_path / "rencana.db")
    try:
        f = Factory()
        periode = f.periode()
        _trail(f, years=1, logins=5)
        _check_plans(q_audit.FilterAudit(periode_id=periode.id))
    finally:
        close_database()


def _check_plans(filt: q_audit.FilterAudit) -> None:
    """What the Riwayat tab runs when it opens on ``filt`` reads only indexes."""

    def riwayat_opens() -> None:
        horizon = q_audit.cakrawala()
        q_audit.hitung_audit(filt, horizon)
        page = q_audit.cari_audit(filt, horizon)
        q_audit.cari_audit(filt, horizon, lewat=page[-1])
        q_audit.audit_sesudah(filt, horizon, horizon + 10)
        q_audit.daftar_aksi()

    plans = _plans(riwayat_opens)
    assert len(plans) == 6
    assert plans[0] == "SEARCH t1"  # MAX(id): the last leaf of the table's b-tree
    for plan in plans[1:]:
        steps = [step for step in plan.split(" / ") if step.startswith(("SCAN", "SEARCH"))]
        assert steps, plan
        for step in steps:  # every step an index seek on audit_log, or the CTE's own rows
            assert step == "SCAN t" or "INDEX audit_log_" in step, plan


def test_the_whole_trail_is_paged_in_time_order_from_the_index(tmp_path):
    """ "Semua periode": each page reads the (waktu, id) index in order from where the last page
    ended, never every row up to the horizon sorted anew for each page."""
    open_database(tmp_path / "rencana.db")
    try:
        f = Factory()
        f.periode()
        _trail(f, years=1, logins=5)
        everything = q_audit.FilterAudit()

        def two_pages() -> None:
            horizon = q_audit.cakrawala()
            page = q_audit.cari_audit(everything, horizon, limit=3)
            q_audit.cari_audit(everything, horizon, lewat=page[-1], limit=3)

        plans = _plans(two_pages)
        assert len(plans) == 3
        for plan in plans[1:]:
            assert "INDEX audit_log_waktu_id" in plan and "TEMP B-TREE" not in plan, plan
    finally:
        close_database()


def test_a_letters_history_seeks_its_audit_rows(tmp_path):
    """Lacak naskah reads each letter's audit rows through an index, whatever the trail's size."""
    from kinerja_app.queries.naskah import lacak_naskah

    open_database(tmp_path / "naskah.db")
    try:
        f = Factory()
        periode = f.periode()
        f.distributed(periode, 2)
        plans = [p for p in _plans(lambda: lacak_naskah(periode)) if "audit_log" in p]
        assert plans
        for plan in plans:
            assert "SCAN" not in plan and "INDEX audit_log_" in plan, plan
    finally:
        close_database()
