"""One benchmark row, product or floor, run in its own process so its peak memory is its own.

python bench/rows.py ROW KIND DATA_DIR RUNS SIZES_JSON
    → last line {"times": [...], "maxrss_kb": N, "children_maxrss_kb": N}

KIND is "product" or "floor". Rows named ``pg_*`` run on the PostgreSQL server that run.py
hands over (``bench/engines.py``), the others on SQLite files in DATA_DIR. Untimed setup
(building inputs, copying databases) happens inside the process but outside the timed region;
the parent reads ``ru_maxrss`` of this process when it ends.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # Qt loads only in the grid rows' processes, not in every row's
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QTableView

    from kinerja_app.documents.context import SuratPermintaan

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import data  # noqa: E402  (bench/data.py, after the path is set)
import engines  # noqa: E402
import growth  # noqa: E402

Timer = Callable[[int], float]  # run index → seconds
Sizes = dict[str, int]  # the sizes of a run, as bench/run.py passes them
Row = Callable[[str, Path, Sizes], Timer]  # (kind, work folder, sizes) → timer


class GridModel(Protocol):
    """What the grid rows ask of a table model beyond Qt's: the recap's model or the floor's."""

    def set_rows(self, rows: list[Any], /) -> None: ...

    def set_filter(self, category: str | None, text: str, /) -> None: ...

    def rowCount(self) -> int: ...


CHILD_PEAKS_KB: list[int] = []  # peaks reported by child Pythons (the cold start driver)


def peak_kb() -> int:
    """This process's peak resident memory in KiB.

    ``VmHWM`` rather than ``ru_maxrss``: Linux carries ``ru_maxrss`` across ``execve``, so a
    child forked from a big parent would report the parent's size.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


# --- cold start ------------------------------------------------------------------------------
def cold_start(kind: str, work: Path, sizes: Sizes) -> Timer:
    """Wall time of a fresh interpreter until its main window has painted, then ``os._exit``."""
    script = ROOT / "bench" / ("coldstart.py" if kind == "product" else "coldstart_floor.py")
    return start_timer(script, work / "full.db")


def start_timer(script: Path, db: Path, *, cpu: bool = False) -> Timer:
    """Time ``script DB`` from process start to its "PAINTED" line (one warm-up run first):
    wall time, or with ``cpu`` the CPU time the process used (user + system)."""

    def run(_: int) -> float:
        start = time.perf_counter()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        proc = subprocess.run(
            [sys.executable, str(script), str(db)], capture_output=True, text=True, cwd=ROOT
        )
        elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if proc.returncode != 0 or "PAINTED" not in proc.stdout:
            raise RuntimeError(f"{script.name} failed: {proc.stdout[-500:]} {proc.stderr[-2000:]}")
        CHILD_PEAKS_KB.append(int(proc.stdout.split("PEAK_KB")[1].split()[0]))
        if cpu:
            return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        return elapsed

    run(-1)  # warm the OS file cache and .pyc files once; a user's second start looks like this
    return run


# --- read + verify ---------------------------------------------------------------------------
def read_verify(kind: str, work: Path, sizes: Sizes) -> Timer:
    paths = sorted((work / "workbooks").glob("*.xlsx"))
    if kind == "product":
        from kinerja_app.importer.reader import read_workbook
        from kinerja_app.importer.verify import VerifyContext, verify

        def product() -> None:
            for path in paths:
                book = read_workbook(path, tahun=data.TAHUN)
                if len(book.rows) != sizes["rows"]:
                    raise RuntimeError(f"{path.name}: {len(book.rows)} rows read")
                verify(book, VerifyContext(tahun=data.TAHUN))

        return lambda _: timed(product)
    if kind == "floor2":  # the library the reader stands on: python-calamine, every cell visited
        import python_calamine

        def calamine_floor() -> None:
            for path in paths:
                wb = python_calamine.CalamineWorkbook.from_path(str(path))
                for name in wb.sheet_names:
                    for row in wb.get_sheet_by_name(name).to_python():
                        for _ in row:
                            pass
                wb.close()

        return lambda _: timed(calamine_floor)
    import openpyxl

    def floor() -> None:
        for path in paths:
            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
            for ws in wb.worksheets:
                for row in ws.iter_rows(values_only=True):
                    for _ in row:
                        pass
            wb.close()

    return lambda _: timed(floor)


# --- store ---------------------------------------------------------------------------------
_FLOOR_COLUMNS = (
    "penyampaian_id, urutan, sheet, baris, sasaran, indikator, satuan, polaritas, target, "
    "realisasi, target_teks, realisasi_teks, capaian, capaian_dilaporkan, keterangan"
)
_FLOOR_SCHEMA = """
CREATE TABLE {table} (
    id {key}, penyampaian_id INTEGER NOT NULL, urutan INTEGER NOT NULL,
    sheet TEXT, baris INTEGER, sasaran TEXT, indikator TEXT, satuan TEXT, polaritas TEXT,
    target {real}, realisasi {real}, target_teks TEXT, realisasi_teks TEXT, capaian {real},
    capaian_dilaporkan {real}, keterangan TEXT)
"""


def store_on(engine: engines.Engine) -> Row:
    """Store 40 x 200 rows through ``simpan_penyampaian`` on a fresh copy of the step-7
    database; floor: the same rows by the engine's own driver (sqlite3, psycopg) into a bare
    table, one raw ``executemany`` and commit per OPD."""

    def store(kind: str, work: Path, sizes: Sizes) -> Timer:
        if kind == "product":
            from kinerja_app.storage.db import close_database, open_database

            def run(_: int) -> float:
                open_database(engines.fresh_db(engine, work, "base", "store"))
                try:
                    tim, jobs = data.store_all(sizes["rows"])
                    return timed(lambda: data.run_store(tim, jobs))
                finally:
                    close_database()

            return run
        per_opd = _floor_rows(sizes)
        if engine == "postgresql":
            return _insert_floor_pg(per_opd)
        return _insert_floor_sqlite(work, per_opd)

    return store


def _floor_rows(sizes: Sizes) -> list[list[tuple[object, ...]]]:
    """Each OPD's rows as plain tuples for the floors, one list per OPD.

    One durable commit per OPD, as the product makes (each OPD's data is its own act): with
    synchronous=FULL a commit costs an fsync, so a single-commit floor measured the disk, not
    the code, and the quick row's ratio swung 14x..88x between runs.
    """
    per_opd: list[list[tuple[object, ...]]] = []
    for p in range(sizes["opd"]):
        rows: list[tuple[object, ...]] = []
        per_opd.append(rows)
        for k, r in enumerate(data.indicator_rows(p, sizes["rows"])):
            assert r.polaritas is not None  # data.indicator_rows sets every row's polaritas
            rows.append(
                (
                    p,
                    k,
                    r.sheet,
                    r.row,
                    r.sasaran,
                    r.indikator,
                    r.satuan,
                    r.polaritas.value,
                    r.target,
                    r.realisasi,
                    "",
                    "",
                    r.capaian,
                    r.capaian_dilaporkan,
                    "",
                )
            )
    return per_opd


def _insert_floor_sqlite(work: Path, per_opd: list[list[tuple[object, ...]]]) -> Timer:
    def run_floor(i: int) -> float:
        target = work / f"floor-{os.getpid()}-{i}.db"
        con = sqlite3.connect(target, isolation_level=None)
        con.execute("PRAGMA journal_mode=wal")
        con.execute("PRAGMA synchronous=2")  # the product's pragmas: FULL
        con.execute(
            _FLOOR_SCHEMA.format(table="data_indikator", key="INTEGER PRIMARY KEY", real="REAL")
        )

        def insert() -> None:
            for rows in per_opd:
                con.execute("BEGIN IMMEDIATE")
                con.executemany(
                    f"INSERT INTO data_indikator ({_FLOOR_COLUMNS}) VALUES ({', '.join('?' * 15)})",
                    rows,
                )
                con.execute("COMMIT")

        try:
            return timed(insert)
        finally:
            con.close()

    return run_floor


def _insert_floor_pg(per_opd: list[list[tuple[object, ...]]]) -> Timer:
    """psycopg's ``executemany`` (pipelined, as the product's ``insert_rows``) into a bare table
    of an empty database, one commit per OPD; 8-byte floats as the app's server columns."""
    con = engines.connect(engines.url_of(engines.create(engines.scratch_name("floor"))))

    def run_floor(i: int) -> float:
        table = f"data_indikator_{i}"
        con.execute(_FLOOR_SCHEMA.format(table=table, key="BIGSERIAL PRIMARY KEY", real="FLOAT8"))
        con.commit()

        def insert() -> None:
            for rows in per_opd:
                with con.cursor() as cur:
                    cur.executemany(
                        f"INSERT INTO {table} ({_FLOOR_COLUMNS}) VALUES ({', '.join(['%s'] * 15)})",
                        rows,
                    )
                con.commit()

        return timed(insert)

    return run_floor


# --- recap (read from the database) ----------------------------------------------------------
def recap_on(engine: engines.Engine) -> Row:
    """The Rekapitulasi tab's reads on the 40 x 200 database: the recap rows with their summary,
    and every OPD's current indicators with their findings (the grid and the export's sheet);
    floor: every ``data_indikator`` row fetched by the engine's own driver."""

    def recap(kind: str, work: Path, sizes: Sizes) -> Timer:
        total = sizes["opd"] * sizes["rows"]
        target = engines.fresh_db(engine, work, "full", "recap")
        if kind == "product":
            from kinerja_app.queries.indikator import rekap, semua_indikator
            from kinerja_app.storage.db import open_database
            from kinerja_app.storage.models import Periode

            open_database(target)
            periode = Periode.get(Periode.tahun == data.TAHUN)

            def read() -> None:
                rekap(periode)
                if len(semua_indikator(periode)) != total:
                    raise RuntimeError("the recap misses indicator rows")

            return lambda _: timed(read)
        con = engines.connect(target) if engine == "postgresql" else sqlite3.connect(target)

        def fetch() -> None:
            if len(con.execute("SELECT * FROM data_indikator").fetchall()) != total:
                raise RuntimeError("the floor misses indicator rows")

        return lambda _: timed(fetch)

    return recap


# --- concurrent clients ----------------------------------------------------------------------
RUNS_INFO: list[dict[str, Any]] = []  # per run of the clients rows: counts, handed to run.py


def clients_on(engine: engines.Engine) -> Row:
    """Five Tim workstations running the import loop at once (``bench/clients.py``); floor: one
    client running all five plans in turn. Seconds per committed import."""

    def row(kind: str, work: Path, sizes: Sizes) -> Timer:
        import clients

        from kinerja_app.storage.db import close_database, open_database
        from kinerja_app.storage.models import AuditLog

        plans = clients.plan(clients.CLIENTS, sizes["iterations"], sizes["opd"])
        if kind != "product":
            plans = [[index for track in plans for index in track]]

        def run(_: int) -> float:
            target = engines.fresh_db(engine, work, "base", "clients")
            wall, reports = clients.run_clients(target, plans, work / "workbooks", sizes["rows"])
            committed = [rev for r in reports for rev in r["committed"]]
            open_database(target)
            try:
                counts = clients.tally(committed, sizes["rows"])
                refused_recorded = (
                    AuditLog.select()
                    .where((AuditLog.aksi == "simpan_penyampaian") & (AuditLog.hasil == "ditolak"))
                    .count()
                )
            finally:
                close_database()
            RUNS_INFO.append(
                {
                    "clients": len(plans),
                    "wall_s": wall,
                    "attempts": sum(len(p) for p in plans),
                    "committed": len(committed),
                    "refused": sum(r["refused"] for r in reports),
                    "refused_recorded": refused_recorded,
                    **counts,
                }
            )
            return wall / max(1, len(committed))

        return run

    return row


# --- recap grid ------------------------------------------------------------------------------
def _grid(
    kind: str, sizes: Sizes
) -> tuple[QCoreApplication, QTableView, Callable[[], GridModel], list[Any], int]:
    """(app, view, make_model, records, capaian column) for the product model or the floor."""
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
    from PySide6.QtWidgets import QApplication

    from ui.widgets import make_table

    app = QApplication.instance() or QApplication([])
    records = data.baris_indikator(sizes["grid"])
    view = make_table()
    view.resize(1280, 720)
    view.show()
    if kind == "product":
        probe = _product_grid_model()
        return app, view, _product_grid_model, records, _capaian_column(probe)
    cols = (
        "opd",
        "urutan",
        "sasaran",
        "indikator",
        "satuan",
        "polaritas",
        "target",
        "realisasi",
        "capaian",
        "predikat",
    )
    tuples = [tuple(getattr(r, c) for c in cols) for r in records]

    class Trivial(QAbstractTableModel):
        """The floor: a list of tuples, str() of each value, Python sort and substring search."""

        def __init__(self) -> None:
            super().__init__()
            self.rows: list[tuple[Any, ...]] = []
            self.shown: list[tuple[Any, ...]] = []
            self.texts: list[str] | None = None

        def set_rows(self, rows: list[tuple[Any, ...]]) -> None:
            self.beginResetModel()
            self.rows = rows
            self.shown = rows
            self.texts = None
            self.endResetModel()

        def rowCount(
            self,
            parent: QModelIndex | QPersistentModelIndex = QModelIndex(),  # noqa: B008
        ) -> int:
            return 0 if parent.isValid() else len(self.shown)

        def columnCount(
            self,
            parent: QModelIndex | QPersistentModelIndex = QModelIndex(),  # noqa: B008
        ) -> int:
            return 0 if parent.isValid() else len(cols)

        def data(
            self,
            index: QModelIndex | QPersistentModelIndex,
            role: int = Qt.ItemDataRole.DisplayRole,
        ) -> Any:
            if role == Qt.ItemDataRole.DisplayRole:
                value = self.shown[index.row()][index.column()]
                return "" if value is None else str(value)
            return None

        def headerData(
            self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
        ) -> Any:
            if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
                return cols[section]
            return None

        def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
            if column < 0:
                return
            self.layoutAboutToBeChanged.emit()
            self.shown = sorted(
                self.shown,
                key=lambda t: (t[column] is None, t[column] or 0),
                reverse=order == Qt.SortOrder.DescendingOrder,
            )
            self.layoutChanged.emit()

        def set_filter(self, _kategori: object, needle: str) -> None:
            if self.texts is None:
                self.texts = ["\x1f".join(str(v) for v in t).lower() for t in self.rows]
            self.beginResetModel()
            self.shown = [t for t, s in zip(self.rows, self.texts, strict=True) if needle in s]
            self.endResetModel()

    return app, view, Trivial, tuples, cols.index("capaian")


def _product_grid_model() -> GridModel:
    """The recap's indicator model (``ui/recap``): all indicators of the period in one grid."""
    from ui.recap import model as recap_model

    for name in ("SemuaIndikatorModel", "IndikatorRekapModel", "RekapIndikatorModel"):
        cls = getattr(recap_model, name, None)
        if cls is not None:
            model: GridModel = cls()
            return model
    return recap_model.IndikatorModel()


def _capaian_column(model: Any) -> int:  # Any: the column is looked up by name
    column = getattr(model, "CAPAIAN", None)
    if column is not None:
        return int(column)
    return next(i for i, k in enumerate(model.kolom) if k.judul.lower().startswith("capaian"))


def grid(step: str) -> Row:
    """Fill + first paint; first click on the capaian header; a typed search ("kepuasan").

    Each run starts from a fresh model (untimed), so sort keys and search texts are cold:
    what the user meets on the first click or keystroke after loading the recap.
    """

    def factory(kind: str, work: Path, sizes: Sizes) -> Timer:
        from PySide6.QtCore import QAbstractItemModel, Qt

        app, view, make_model, records, capaian = _grid(kind, sizes)
        holder: list[QAbstractItemModel] = []

        def fresh_model(rows: list[Any]) -> GridModel:
            view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
            old = holder.pop() if holder else None
            model = make_model()
            assert isinstance(model, QAbstractItemModel)  # both grids are Qt table models
            view.setModel(model)
            if old is not None:
                old.deleteLater()
            holder.append(model)
            model.set_rows(rows)
            view.grab()
            app.processEvents()
            return model

        def run(_: int) -> float:
            if step == "fill":
                model = fresh_model([])

                def fill() -> None:
                    model.set_rows(records)
                    view.grab()  # forces layout and a paint of the visible rows

                elapsed = timed(fill)
            else:
                model = fresh_model(records)

                def sort() -> None:
                    view.sortByColumn(capaian, Qt.SortOrder.DescendingOrder)
                    view.grab()

                def search() -> None:
                    model.set_filter(None, "kepuasan")
                    view.grab()

                elapsed = timed(sort if step == "sort" else search)
            if model.rowCount() == 0:
                raise RuntimeError("the grid shows no rows")
            app.processEvents()
            return elapsed

        return run

    return factory


# --- letters ---------------------------------------------------------------------------------
def _surat(n: int) -> SuratPermintaan:
    from kinerja_app.documents.context import (
        BlokTtd,
        Kop,
        Paraf,
        Penerima,
        SuratPermintaan,
        paragraf_baku,
    )
    from kinerja_app.workflow.rancangan import isi_paragraf

    sekda = BlokTtd(["a.n. BUPATI LAMANDAU", "SEKRETARIS DAERAH,"], "Drs. HENDRA SAPUTRA, M.Si.")
    batas = dt.date(2026, 2, 15)
    return SuratPermintaan(
        nomor="000.8.6.3/245/Org",
        tanggal=dt.date(2026, 1, 12),
        hal=f"Permintaan Data Kinerja Perangkat Daerah Tahun {data.TAHUN}",
        paragraphs=isi_paragraf(paragraf_baku(data.TAHUN), batas),
        batas_waktu=batas,
        tahun_data=data.TAHUN,
        penerima=[
            Penerima(
                f"Kepala Dinas Contoh {i + 1}",
                f"Dinas Contoh {i + 1}",
                f"Jl. Contoh No. {i + 1} Nanga Bulik",
            )
            for i in range(n)
        ],
        ttd=sekda,
        tembusan=["Bupati Lamandau (sebagai laporan);", "Inspektur Kabupaten Lamandau."],
        paraf=[Paraf("Kepala Bagian Organisasi", "RINA MARLINA", dt.date(2026, 1, 10))],
        kop=Kop(logo=ROOT / "resources" / "lambang_lamandau.png"),
    )


def letters(kind: str, work: Path, sizes: Sizes) -> Timer:
    n = sizes["letters"]
    if kind == "product":
        from kinerja_app.documents.render import render_surat_permintaan

        ctx = _surat(n)

        def run(i: int) -> float:
            out = work / f"letters-{os.getpid()}-{i}"
            out.mkdir()
            paths: list[Path] = []
            elapsed = timed(lambda: paths.extend(render_surat_permintaan(ctx, out, per_opd=True)))
            if len(paths) != n:
                raise RuntimeError(f"{len(paths)} letters written")
            return elapsed

        return run
    import docx

    def run_floor(i: int) -> float:
        out = work / f"empty-{os.getpid()}-{i}"
        out.mkdir()

        def save() -> None:
            document = docx.Document()
            for k in range(n):
                document.save(str(out / f"kosong {k + 1}.docx"))

        return timed(save)

    return run_floor


def pdf(kind: str, work: Path, sizes: Sizes) -> Timer:
    """One LibreOffice batch over the letters (floor: the same batch of empty documents)."""
    from kinerja_app.documents.pdf import convert_to_pdf, find_soffice

    if find_soffice() is None:
        raise SystemExit(3)  # the parent reports the row as skipped
    n = sizes["letters"]
    source = work / f"pdf-src-{kind}"
    if not source.exists():
        source.mkdir()
        if kind == "product":
            from kinerja_app.documents.render import render_surat_permintaan

            render_surat_permintaan(_surat(n), source, per_opd=True)
        else:
            import docx

            document = docx.Document()
            for k in range(n):
                document.save(str(source / f"kosong {k + 1}.docx"))
    paths = sorted(source.glob("*.docx"))

    def run(i: int) -> float:
        out = work / f"pdf-{kind}-{os.getpid()}-{i}"
        result: list[Path] = []
        elapsed = timed(lambda: result.extend(convert_to_pdf(paths, out)))
        if len(result) != n:
            raise RuntimeError(f"{len(result)} PDFs written")
        shutil.rmtree(out, ignore_errors=True)
        return elapsed

    return run


# --- export ----------------------------------------------------------------------------------
def export(kind: str, work: Path, sizes: Sizes) -> Timer:
    total = sizes["opd"] * sizes["rows"]
    indikator = data.baris_indikator(total, sizes["rows"])
    if kind == "product":
        from kinerja_app.rekap.ekspor import ekspor_rekap
        from kinerja_app.rekap.rekapitulasi import BarisRekap, ringkasan
        from kinerja_app.storage.models.pengumpulan import StatusOpd

        when = dt.datetime(2026, 2, 1, 9, 30)
        rekap = [
            BarisRekap(
                i + 1,
                i + 1,
                f"OPD{i + 1}",
                f"Dinas Contoh {i + 1}",
                StatusOpd.DATA_MASUK,
                when,
                when + dt.timedelta(days=14),
                when + dt.timedelta(days=7),
                True,
                1,
                sizes["rows"],
                0,
                4,
                95.5,
                "Sangat Tinggi",
            )
            for i in range(sizes["opd"])
        ]
        ring = ringkasan(rekap)

        def run(i: int) -> float:
            path = work / f"ekspor-{os.getpid()}-{i}.xlsx"
            return timed(lambda: ekspor_rekap(path, data.TAHUN, rekap, ring, indikator))

        return run
    from openpyxl import Workbook

    from kinerja_app.rekap.ekspor import KOLOM_INDIKATOR

    values = [[col.nilai(b) for col in KOLOM_INDIKATOR] for b in indikator]

    def run_floor(i: int) -> float:
        path = work / f"floor-{os.getpid()}-{i}.xlsx"

        def write() -> None:
            wb = Workbook(write_only=True)
            ws = wb.create_sheet("Indikator")
            ws.append([col.judul for col in KOLOM_INDIKATOR])
            for row in values:
                ws.append(row)
            wb.save(path)

        return timed(write)

    return run_floor


ROWS: dict[str, Row] = {
    "cold_start": cold_start,
    "read_verify": read_verify,
    "store": store_on("sqlite"),
    "pg_store": store_on("postgresql"),
    "recap": recap_on("sqlite"),
    "pg_recap": recap_on("postgresql"),
    "clients": clients_on("sqlite"),
    "pg_clients": clients_on("postgresql"),
    "grid_fill_paint": grid("fill"),
    "grid_sort": grid("sort"),
    "grid_filter": grid("filter"),
    "letters_docx": letters,
    "letters_pdf": pdf,
    "export_xlsx": export,
    "growth_cold_start": growth.cold_start,
    "growth_period_pick": growth.period_pick,
    "growth_action": growth.action,
    "growth_audit_verify": growth.audit_verify,
}


def main(argv: list[str]) -> int:
    name, kind, work, runs, sizes = (
        argv[0],
        argv[1],
        Path(argv[2]),
        int(argv[3]),
        json.loads(argv[4]),
    )
    run = ROWS[name](kind, work, sizes)
    times = [run(i) for i in range(runs)]
    result = {
        "times": times,
        "maxrss_kb": peak_kb(),
        "children_maxrss_kb": max(
            [resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, *CHILD_PEAKS_KB]
        ),
        **({"runs": RUNS_INFO} if RUNS_INFO else {}),
    }
    sys.stdout.write("\n" + json.dumps(result) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
