"""Speed at scale: each row's median next to the raw speed of its libraries (the floor).

python bench/run.py            full sizes: 40 OPDs x 200 indicators, a 50,000-row grid, 10 years
python bench/run.py --quick    small sizes, three runs per row (CI); growth rows on 2 years
                               of 4 OPDs x 50 indicators and a login a week
python bench/run.py --json     print only a JSON array of {"name", "median_s", "floor_s",
                               "ratio", "max_ratio", "peak_mb", "verdict"}
python bench/run.py --pg URL   also the pg_* rows on that PostgreSQL server (default
                               $KINERJA_TEST_PG, as .ci/postgres.sh sets it)

Every row runs product and floor in separate fresh processes (``bench/rows.py``); rows whose
verdict is a close ratio (cold start, letters, the growth rows) run them in three alternating
rounds, so that other work on a shared machine weighs on both sides alike. peak_mb is
the product process's peak resident memory (``ru_maxrss``; for rows that start programs, the
largest of the process and its children). Inputs are built in a temporary folder.

The growth rows (``bench/growth.py``) run what serves the current period on a database with
ten years of history (product) and on one with a single year (floor): their ratio is the cost
of the history, and must stay within 1.2. They count CPU seconds, not wall time (see there).
``growth_audit_verify`` verifies the whole chain, so its time grows with history by nature; it
is judged on peak memory instead (10 years / 1 year). The history databases are built through
the real services once and cached (``--cache``).

The database rows run on both engines (issue 15): ``store``, ``recap`` and ``clients`` on
SQLite files, their ``pg_*`` twins on a PostgreSQL server in databases of their own
(``bench/engines.py``); without a server the pg_* rows say "skipped: no server" and count as
neither passed nor failed. ``clients``/``pg_clients`` are five Tim workstations importing at once
(``bench/clients.py``): their JSON adds throughput (committed imports per second, five at once
and one alone), attempts, committed, refused, lost and duplicated; a lost or duplicated row fails
the benchmark.

The exit status is 0 even when a row misses its ratio (machines shared with other work make a
single slow run possible), non-zero when the benchmark itself fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
sys.path[:0] = [str(ROOT), str(BENCH)]

import data  # noqa: E402
import engines  # noqa: E402

FULL = {
    "opd": 40,
    "rows": 200,
    "grid": 50_000,
    "letters": 40,
    "years": 10,
    "logins": 25,
    "iterations": 20,  # imports per client in the concurrent rows
}
QUICK = {
    "opd": 4,
    "rows": 50,
    "grid": 2_000,
    "letters": 3,
    "years": 2,
    "logins": 1,
    "iterations": 3,
}
GRID_PEAK_MB = 250.0
QUICK_RUNS = 3  # runs per row with --quick: a median of one run is noise
SKIPPED = 3  # exit status of a row that cannot run here (LibreOffice missing)


@dataclass(frozen=True)
class RowSpec:
    """A benchmark row, judged by the ratio of its median to the floor measured in the same run.

    Absolute seconds differ 2x between machines of one kind (a bare QMainWindow started in
    0.09 s on one and 0.19 s on another), so a row never has a target in seconds: it must stay
    within ``max_ratio`` times its floor (``quick_max_ratio`` for the small ``--quick`` sizes,
    where fixed costs weigh more).
    """

    name: str
    what: str
    max_ratio: float
    runs: int
    quick_max_ratio: float
    peak_mb: float | None = None  # peak memory ceiling
    floor2: str = ""  # a second floor measured and shown (not judged), e.g. "python-calamine"
    on_memory: bool = False  # judged on peak memory (product / floor) rather than time
    rounds: int = 1  # >1: product and floor take turns in this many rounds (see _alternating)
    quick_runs: int = QUICK_RUNS

    @property
    def growth(self) -> bool:
        """Product and floor are the same work on ten years of history and on one."""
        return self.name.startswith("growth_")

    @property
    def on_server(self) -> bool:
        """Runs on the PostgreSQL server (``bench/engines.py``); skipped without one."""
        return self.name.startswith("pg_")

    @property
    def twin(self) -> str:
        """The SQLite row doing the same work, for a server row; else ''."""
        return self.name.removeprefix("pg_") if self.on_server else ""

    @property
    def concurrent(self) -> bool:
        """Five client processes at once (``bench/clients.py``): also counts lost and
        duplicated rows, which must be none."""
        return self.name in ("clients", "pg_clients")


ROWS = (
    RowSpec(
        "cold_start",
        "fresh process to a painted main window ({opd} OPDs x {rows})",
        4.0,
        9,
        6.0,
        rounds=3,
    ),
    # issue 12: at most half the openpyxl read-only iteration floor; python-calamine (what the
    # reader stands on) is the second floor, shown beside it
    RowSpec(
        "read_verify",
        "read + verify {opd} workbooks x {rows} rows (floor: openpyxl read-only iteration)",
        0.5,
        6,
        1.0,
        floor2="python-calamine",
        rounds=3,  # product and floor take turns: a shared machine's drift hits both alike
    ),
    RowSpec("store", "store {opd} x {rows} rows (one simpan_penyampaian per OPD)", 12.0, 5, 16.0),
    # issue 15: each database row twice, on SQLite and as pg_* on a PostgreSQL server (skipped
    # without one). pg_store's floor is psycopg's executemany of the same rows, a commit per
    # OPD like store's; the product's commits also hold its audit row, commitment hash and NOTIFY
    RowSpec("pg_store", "store {opd} x {rows} rows on PostgreSQL", 20.0, 5, 60.0),
    # the Rekapitulasi tab's reads; floor: every indicator row fetched by the bare driver (1 ms
    # at the quick size, hence the loose quick ratio); 12-17x measured
    RowSpec(
        "recap",
        "recap + every OPD's indicators read from the database (floor: fetch every row)",
        25.0,
        5,
        120.0,
    ),
    RowSpec("pg_recap", "recap + every OPD's indicators on PostgreSQL", 25.0, 5, 120.0),
    # five Tim clients at once may cost at most 1.5x per committed import what one client alone
    # costs (on one machine the clients, and the server, share its cores); quick: one short run,
    # there for its count of lost and duplicated rows
    RowSpec(
        "clients",
        "5 Tim clients x {iterations} imports at once, s per committed import"
        " (floor: one client doing them all)",
        1.5,
        3,
        3.0,
        quick_runs=1,
    ),
    RowSpec(
        "pg_clients",
        "5 Tim clients x {iterations} imports at once on PostgreSQL",
        1.5,
        3,
        3.0,
        quick_runs=1,
    ),
    RowSpec(
        "grid_fill_paint", "recap grid {grid} rows: fill + first paint", 3.0, 5, 3.0, GRID_PEAK_MB
    ),
    RowSpec(
        "grid_sort", "recap grid {grid} rows: first sort by capaian", 3.0, 5, 4.0, GRID_PEAK_MB
    ),
    RowSpec("grid_filter", "recap grid {grid} rows: first text filter", 3.0, 5, 4.0, GRID_PEAK_MB),
    RowSpec("letters_docx", "{letters} surat permintaan .docx", 4.0, 6, 8.0, rounds=3),
    RowSpec("letters_pdf", "{letters} PDFs in one LibreOffice batch", 2.0, 3, 2.5),
    RowSpec("export_xlsx", "export recap of {opd} x {rows} indicator rows to .xlsx", 2.0, 5, 6.0),
    RowSpec(
        "growth_cold_start",
        "cold start (CPU), {years} years of history / 1 year",
        1.2,
        12,
        2.0,
        rounds=3,
    ),
    RowSpec(
        "growth_period_pick",
        "pick the current period after last year's (CPU): {years} years / 1 year",
        1.2,
        12,
        2.0,
        rounds=3,
    ),
    RowSpec(
        "growth_action",
        "declare one OPD valid, every view refreshed and painted (CPU): {years} years / 1 year",
        1.2,
        12,
        2.0,
        rounds=3,
    ),
    RowSpec(
        "growth_audit_verify",
        "audit-verify of the whole chain, judged on peak memory: {years} years / 1 year",
        1.2,
        3,
        1.5,
        on_memory=True,
        rounds=3,
    ),
)
ROW_NAMES = tuple(r.name for r in ROWS)


@dataclass
class Result:
    """One row's figures; ``None`` values when skipped or failed (``note`` says why)."""

    spec: RowSpec
    quick: bool
    median_s: float | None = None
    floor_s: float | None = None
    peak_mb: float | None = None
    floor_peak_mb: float | None = None
    note: str = ""
    floor2_s: float | None = None
    runs: list[dict[str, Any]] = field(default_factory=list)  # concurrent rows: each run's counts
    floor_runs: list[dict[str, Any]] = field(default_factory=list)

    @property
    def lost(self) -> int:
        """Rows a client committed that the database does not hold (concurrent rows)."""
        return sum(r["lost"] for r in self.runs + self.floor_runs)

    @property
    def duplicated(self) -> int:
        """Rows the database holds that no client committed, or holds twice."""
        return sum(r["duplicated"] for r in self.runs + self.floor_runs)

    @staticmethod
    def throughput(runs: list[dict[str, Any]]) -> float | None:
        """Committed imports per second over all runs of one side."""
        wall = sum(r["wall_s"] for r in runs)
        return sum(r["committed"] for r in runs) / wall if wall else None

    @property
    def max_ratio(self) -> float:
        return self.spec.quick_max_ratio if self.quick else self.spec.max_ratio

    @property
    def ratio(self) -> float | None:
        """The median as a multiple of the floor of the same run (peak memory for rows judged
        on memory)."""
        if self.spec.on_memory:
            if self.peak_mb is None or not self.floor_peak_mb:
                return None
            return self.peak_mb / self.floor_peak_mb
        if self.median_s is None or not self.floor_s:
            return None
        return self.median_s / self.floor_s

    def verdict(self) -> str:
        """ "ok", "MISS (...)" naming what missed, "FAILED (...)" when rows were lost or
        duplicated, or "-" when there is nothing to judge."""
        if self.lost or self.duplicated:
            return f"FAILED ({self.lost} lost, {self.duplicated} duplicated)"
        if self.ratio is None:
            return "-"
        missed = []
        if self.ratio > self.max_ratio:
            what = "peak memory " if self.spec.on_memory else ""
            missed.append(f"{what}{self.ratio:.2f}x > {self.max_ratio:g}x floor")
        if self.spec.peak_mb is not None and (self.peak_mb or 0) > self.spec.peak_mb:
            missed.append(f"memory > {self.spec.peak_mb:g} MB")
        return "MISS (" + ", ".join(missed) + ")" if missed else "ok"

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.spec.name,
            "median_s": _round(self.median_s),
            "floor_s": _round(self.floor_s),
            "ratio": None if self.ratio is None else round(self.ratio, 2),
            "max_ratio": self.max_ratio,
            "peak_mb": None if self.peak_mb is None else round(self.peak_mb, 1),
            "floor_peak_mb": None if self.floor_peak_mb is None else round(self.floor_peak_mb, 1),
            "verdict": self.verdict(),
            **(
                {"floor2": self.spec.floor2, "floor2_s": _round(self.floor2_s)}
                if self.spec.floor2
                else {}
            ),
            **(self.concurrency() if self.spec.concurrent and self.runs else {}),
            **({"note": self.note} if self.note else {}),
        }

    def concurrency(self) -> dict[str, object]:
        """Throughput and counts of a concurrent row (five clients; the floor's one client)."""

        def total(key: str, runs: list[dict[str, Any]]) -> int:
            return sum(int(r[key]) for r in runs)

        one = self.throughput(self.floor_runs)
        return {
            "clients": self.runs[0]["clients"],
            "throughput_per_s": round(self.throughput(self.runs) or 0, 2),
            "floor_throughput_per_s": None if one is None else round(one, 2),
            "attempts": total("attempts", self.runs),
            "committed": total("committed", self.runs),
            "refused": total("refused", self.runs),
            "refused_recorded": total("refused_recorded", self.runs),
            "lost": self.lost,
            "duplicated": self.duplicated,
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def build_inputs(work: Path, sizes: dict[str, int]) -> None:
    """Workbooks, the step-7 database and the full database, all in ``work``.

    A folder kept from an earlier run with the same sizes is reused as it is.
    """
    marker = work / "inputs.json"
    if marker.exists() and json.loads(marker.read_text()) == sizes:
        log(f"inputs reused from {work}")
        return
    for name in ("base.db", "full.db"):
        for suffix in ("", "-wal", "-shm"):
            (work / (name + suffix)).unlink(missing_ok=True)
    start = time.perf_counter()
    data.build_workbooks(work / "workbooks", sizes["opd"], sizes["rows"])
    data.build_base_db(work / "base.db", sizes["opd"])
    data.build_full_db(work / "base.db", work / "full.db", sizes["rows"])
    marker.write_text(json.dumps(sizes))
    log(f"inputs built in {time.perf_counter() - start:.1f} s in {work}")


def build_server_inputs(work: Path, sizes: dict[str, int]) -> None:
    """The same two databases on the server, built by a row-like process (``bench/engines.py``)."""
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, str(BENCH / "engines.py"), "build", str(work), json.dumps(sizes)],
        env=child_env(work),
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if proc.returncode != 0:
        raise RowFailed(f"building the server inputs failed:\n{proc.stderr[-3000:]}")
    log(f"server inputs built in {time.perf_counter() - start:.1f} s")


def use_server(url: str | None) -> str | None:
    """Hand the server (``--pg`` or ``KINERJA_TEST_PG``) to the row processes, with the
    password file the app would read here (the rows' own data folder holds none)."""
    url = url or os.environ.get("KINERJA_TEST_PG") or None
    if url is None:
        os.environ.pop(engines.URL_ENV, None)
        return None
    from kinerja_app.storage import credentials

    os.environ[engines.URL_ENV] = url
    os.environ.setdefault(engines.PREFIX_ENV, f"kinerja_bench_{os.getpid()}")
    os.environ.setdefault("PGPASSFILE", str(credentials.passfile_path()))
    return url


def child_env(work: Path) -> dict[str, str]:
    """Offscreen Qt; the app's data and settings folders inside ``work``, never the user's.

    Bytecode is written (to ``work/pycache``, not the checkout) even where the environment
    says PYTHONDONTWRITEBYTECODE: an installed app has its .pyc files (pip compiles them), and
    compiling ~170 modules anew made every cold start 0.16 s of CPU slower than a user's.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {
        **env,
        "PYTHONPYCACHEPREFIX": str(work / "pycache"),
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(work / "xdg-data"),
        "XDG_CONFIG_HOME": str(work / "xdg-config"),
        "XDG_CACHE_HOME": str(work / "xdg-cache"),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }


class RowFailed(Exception):
    """A row's process failed: the benchmark is broken, not slow."""


def run_child(
    spec: RowSpec, kind: str, work: Path, runs: int, sizes: dict[str, int]
) -> dict[str, Any] | None:
    """Run one side of a row in a fresh process; ``None`` when the row cannot run here."""
    cmd = [
        sys.executable,
        str(BENCH / "rows.py"),
        spec.name,
        kind,
        str(work),
        str(runs),
        json.dumps(sizes),
    ]
    proc = subprocess.run(cmd, env=child_env(work), capture_output=True, text=True, cwd=ROOT)
    if proc.returncode == SKIPPED:
        return None
    if proc.returncode != 0:
        raise RowFailed(f"{spec.name} {kind} exited {proc.returncode}:\n{proc.stderr[-3000:]}")
    try:
        result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError) as exc:
        raise RowFailed(f"{spec.name} {kind} printed no result: {proc.stdout[-500:]}") from exc
    return result


def measure(spec: RowSpec, work: Path, sizes: dict[str, int], quick: bool) -> Result:
    if spec.on_server and not os.environ.get(engines.URL_ENV):
        return Result(spec, quick, note="skipped: no server (--pg URL or KINERJA_TEST_PG)")
    runs = min(spec.quick_runs, spec.runs) if quick else spec.runs
    if spec.rounds > 1 and not quick:
        grown, one_year = _alternating(spec, work, runs, sizes)
        floor2 = run_child(spec, "floor2", work, runs, sizes) if spec.floor2 else None
        return Result(
            spec,
            quick,
            median_s=statistics.median(grown["times"]),
            floor_s=statistics.median(one_year["times"]),
            peak_mb=_peak_mb(grown),
            floor_peak_mb=_peak_mb(one_year),
            floor2_s=statistics.median(floor2["times"]) if floor2 else None,
        )
    product = run_child(spec, "product", work, runs, sizes)
    if product is None:
        return Result(spec, quick, note="skipped: LibreOffice (soffice) not found")
    floor = run_child(spec, "floor", work, runs, sizes)
    floor2 = run_child(spec, "floor2", work, runs, sizes) if spec.floor2 else None
    return Result(
        spec,
        quick,
        median_s=statistics.median(product["times"]),
        floor_s=statistics.median(floor["times"]) if floor else None,
        peak_mb=_peak_mb(product),
        floor_peak_mb=_peak_mb(floor) if floor else None,
        floor2_s=statistics.median(floor2["times"]) if floor2 else None,
        runs=product.get("runs", []),
        floor_runs=floor.get("runs", []) if floor else [],
    )


def _alternating(
    spec: RowSpec, work: Path, runs: int, sizes: dict[str, int]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Product and floor in alternating rounds of fresh processes, so that a neighbour's load
    on a shared machine falls on both sides: for the rows whose verdict is a close ratio (a
    growth row's two sides differ by 10-20 %, less than the machine drifts in a minute)."""
    sides: dict[str, dict[str, Any]] = {}
    per_round = max(1, runs // spec.rounds)
    for _ in range(spec.rounds):
        for kind in ("product", "floor"):
            result = run_child(spec, kind, work, per_round, sizes)
            if result is None:
                raise RowFailed(f"{spec.name} {kind} could not run")
            seen = sides.setdefault(kind, {"times": [], "maxrss_kb": 0, "children_maxrss_kb": 0})
            seen["times"] += result["times"]
            for key in ("maxrss_kb", "children_maxrss_kb"):
                seen[key] = max(seen[key], result[key])
    return sides["product"], sides["floor"]


def _peak_mb(result: dict[str, Any]) -> float:
    return float(max(result["maxrss_kb"], result["children_maxrss_kb"])) / 1024


def growth_sizes(sizes: dict[str, int]) -> list[Any]:
    """The two histories the growth rows compare: ``years`` archived years, and one."""
    import history

    return [
        history.HistorySize(years, sizes["opd"], sizes["rows"], sizes["logins"])
        for years in (sizes["years"], 1)
    ]


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{dt.date.today().isoformat()} · {os.cpu_count()} CPUs · {model} · Python {platform.python_version()}"


def table(results: list[Result], sizes: dict[str, int], quick: bool) -> str:
    head = f"{'row':<20} {'median_s':>9} {'floor_s':>9} {'ratio':>6} {'max':>5} {'peak_mb':>8}  verdict"
    title = " (--quick: small sizes, three runs)" if quick else ""
    lines = [f"Kinerja benchmark{title} — {machine()}", head, "-" * len(head)]

    def num(value: float | None, width: int = 9, digits: int = 3) -> str:
        return f"{value:>{width}.{digits}f}" if value is not None else f"{'-':>{width}}"

    for r in results:
        lines.append(
            f"{r.spec.name:<20} {num(r.median_s)} {num(r.floor_s)} {num(r.ratio, 6, 2)}"
            f" {num(r.max_ratio, 5, 1)} {num(r.peak_mb, 8, 1)}  {r.verdict()}"
        )
    lines.append("")
    for r in results:
        extra = f" [{r.note}]" if r.note else ""
        if r.spec.floor2 and r.floor2_s:
            times = f" = {r.median_s / r.floor2_s:.1f}x" if r.median_s else ""
            extra += f"; {r.spec.floor2} floor {r.floor2_s:.3f} s{times}"
        twin = next((t for t in results if t.spec.name == r.spec.twin), None)
        if twin is not None and twin.median_s and r.median_s:
            extra += f"; {r.median_s / twin.median_s:.1f}x its SQLite twin {twin.spec.name}"
        if r.spec.concurrent and r.runs:
            c = r.concurrency()
            extra += (
                f"; {c['throughput_per_s']} imports/s ({c['floor_throughput_per_s']} alone),"
                f" {c['committed']} of {c['attempts']} committed, {c['refused']} refused"
                f" ({c['refused_recorded']} recorded ditolak), {c['lost']} lost,"
                f" {c['duplicated']} duplicated"
            )
        lines.append(f"  {r.spec.name}: {r.spec.what.format(**sizes)}{extra}")
    lines.append(
        "  ratio = median / floor of the same run; a row passes at ratio <= max."
        f" Grid rows also need peak_mb <= {GRID_PEAK_MB:g}."
    )
    if any(r.spec.growth for r in results):
        lines.append(
            "  growth rows: product = the work on {years} archived years of history, floor = on"
            " one year; growth_audit_verify's ratio is peak memory ({floor_mb} MB on one"
            " year).".format(
                years=sizes["years"],
                floor_mb=next(
                    (
                        f"{r.floor_peak_mb:.1f}"
                        for r in results
                        if r.spec.on_memory and r.floor_peak_mb
                    ),
                    "-",
                ),
            )
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, one run per row")
    parser.add_argument("--json", action="store_true", help="print only the JSON array")
    parser.add_argument("--only", nargs="+", choices=ROW_NAMES, help="run only these rows")
    parser.add_argument(
        "--pg",
        metavar="URL",
        help="PostgreSQL server for the pg_* rows, an address of a user who may create "
        "databases, e.g. postgresql://kinerja_pemilik@127.0.0.1:5432/postgres (password from "
        "PGPASSFILE or the app's password file; default $KINERJA_TEST_PG; without one the "
        "pg_* rows are skipped)",
    )
    parser.add_argument(
        "--keep", type=Path, metavar="DIR", help="build the inputs in DIR, keep and reuse them"
    )
    parser.add_argument(
        "--cache",
        type=Path,
        metavar="DIR",
        help="where the history databases are kept (default $KINERJA_BENCH_CACHE or "
        "~/.cache/kinerja-bench); building ten years takes ~10 minutes, once",
    )
    args = parser.parse_args(argv)
    if args.cache is not None:
        os.environ["KINERJA_BENCH_CACHE"] = str(args.cache.resolve())  # the row processes too
    sizes = QUICK if args.quick else FULL
    specs = [r for r in ROWS if not args.only or r.name in args.only]
    work = Path(tempfile.mkdtemp(prefix="kinerja-bench-")) if args.keep is None else args.keep
    work.mkdir(parents=True, exist_ok=True)
    failed = False
    results: list[Result] = []
    server = use_server(args.pg) if any(spec.on_server for spec in specs) else None
    try:
        build_inputs(work, sizes)
        if server is not None:
            build_server_inputs(work, sizes)
        if any(spec.growth for spec in specs):
            import history_cache

            for size in growth_sizes(sizes):
                history_cache.history_db(size, log=log)
        for spec in specs:
            log(f"{spec.name} ...")
            try:
                results.append(measure(spec, work, sizes, args.quick))
            except RowFailed as exc:
                failed = True
                log(str(exc))
                results.append(Result(spec, args.quick, note="FAILED"))
    except RowFailed as exc:
        failed = True
        log(str(exc))
    finally:
        if server is not None:
            engines.drop_all()
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    failed = failed or any(r.lost or r.duplicated for r in results)
    if args.json:
        print(json.dumps([r.as_json() for r in results]))
    else:
        print(table(results, sizes, args.quick))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
