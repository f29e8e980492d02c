"""The benchmark keeps working: ``bench/run.py --quick --json`` runs every row and judges each by
its ratio to the floor of the same run (the test checks the judgement, not the timings)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = {
    "cold_start",
    "read_verify",
    "store",
    "grid_fill_paint",
    "grid_sort",
    "grid_filter",
    "letters_docx",
    "letters_pdf",
    "export_xlsx",
    "growth_cold_start",
    "growth_period_pick",
    "growth_action",
    "growth_audit_verify",
}
KEYS = {"name", "median_s", "floor_s", "ratio", "max_ratio", "peak_mb", "floor_peak_mb", "verdict"}


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value >= 0


@pytest.mark.slow
def test_quick_run_prints_every_row_as_json() -> None:
    from kinerja_app.documents.pdf import find_soffice

    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,  # the growth rows build their small histories on a first run
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    rows = json.loads(proc.stdout)  # stdout is exactly the JSON array
    assert isinstance(rows, list)
    assert [set(row) - {"floor2", "floor2_s"} for row in rows] == [KEYS] * len(rows)
    reading = next(row for row in rows if row["name"] == "read_verify")
    assert reading["floor2"] == "python-calamine" and reading["floor2_s"] > 0
    names = [row["name"] for row in rows]
    assert sorted(names) == sorted(EXPECTED)
    for row in rows:
        skipped = row["name"] == "letters_pdf" and find_soffice() is None
        if skipped:
            assert row["median_s"] is None and row["verdict"] == "-"
            continue
        assert _number(row["median_s"]), row
        assert _number(row["floor_s"]) and row["floor_s"] > 0, row
        assert _number(row["peak_mb"]) and row["peak_mb"] > 0, row
        # the verdict is the ratio to the floor of this run, never seconds (peak memory for
        # audit-verify, whose time grows with the chain it checks)
        measured, floor = (
            (row["peak_mb"], row["floor_peak_mb"])
            if row["name"] == "growth_audit_verify"
            else (row["median_s"], row["floor_s"])
        )
        assert row["ratio"] == pytest.approx(measured / floor, rel=0.02, abs=0.01)
        assert _number(row["max_ratio"]) and row["max_ratio"] >= 1, row
        within = row["ratio"] <= row["max_ratio"]
        assert row["verdict"] == "ok" if within else row["verdict"].startswith("MISS"), row
