"""Benchmark inputs built from scratch: OPD workbooks, indicator rows and a real database.

Every value comes from :func:`indicator_specs`, so the workbooks, the rows stored and the
recap grid's rows describe the same indicators.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the core is imported only by the functions that use it
    from kinerja_app.importer.data import Finding, IndicatorRow
    from kinerja_app.queries.indikator import BarisIndikator, TemuanSel
    from kinerja_app.storage.models import Pengumpulan, User
    from kinerja_app.storage.models.master import Role
    from kinerja_app.workflow.penyampaian import SuratMasuk

    # one OPD's submission for the store row: (pengumpulan, surat masuk, rows, findings)
    StoreJob = tuple[Pengumpulan, SuratMasuk, list[IndicatorRow], list[Finding]]

TAHUN = 2025
PASSWORD = "bench-kinerja-2025"
TIM_CLIENTS = 5  # Tim accounts tim1..tim5, one per workstation of the concurrent row

_SASARAN = (
    "Meningkatnya akuntabilitas kinerja Perangkat Daerah",
    "Meningkatnya kualitas pelayanan publik",
    "Meningkatnya akuntabilitas pengelolaan keuangan",
    "Meningkatnya kapasitas sumber daya aparatur",
    "Meningkatnya cakupan layanan dasar masyarakat",
    "Terwujudnya tata kelola pemerintahan yang baik",
)
_NAMA = (
    "Persentase realisasi anggaran",
    "Indeks Kepuasan Masyarakat",
    "Nilai SAKIP Perangkat Daerah",
    "Jumlah temuan BPK yang belum ditindaklanjuti",
    "Persentase ASN yang mengikuti pelatihan",
    "Cakupan pelayanan administrasi terpadu",
    "Persentase dokumen perencanaan tepat waktu",
    "Rata-rata waktu penyelesaian layanan",
    "Jumlah pengaduan masyarakat yang belum selesai",
    "Persentase desa dengan layanan dasar lengkap",
)
_SATUAN = ("%", "indeks", "nilai", "temuan", "orang", "hari", "dokumen", "desa")
_NEGATIVE = {3, 7, 8}  # indexes of _NAMA where lower is better


@dataclass(frozen=True)
class Spec:
    """One indicator as the OPD means it (numbers already in percent points)."""

    sasaran: str
    indikator: str
    satuan: str
    negatif: bool
    target: float
    realisasi: float


def indicator_specs(opd_index: int, n: int) -> list[Spec]:
    """``n`` deterministic indicators of one OPD, grouped by sasaran in runs of five."""
    rng = random.Random(1000 + opd_index)
    specs = []
    for i in range(n):
        k = (i + opd_index) % len(_NAMA)
        target = round(rng.uniform(50, 100), 2) if k not in _NEGATIVE else float(rng.randint(2, 20))
        realisasi = round(target * rng.uniform(0.7, 1.2), 2)
        specs.append(
            Spec(
                sasaran=_SASARAN[(i // 5) % len(_SASARAN)],
                indikator=f"{_NAMA[k]} bidang {i // len(_NAMA) + 1}.{i % len(_NAMA) + 1}",
                satuan=_SATUAN[k % len(_SATUAN)],
                negatif=k in _NEGATIVE,
                target=target,
                realisasi=realisasi,
            )
        )
    return specs


def capaian_of(spec: Spec) -> float:
    """Capaian as the OPD's own spreadsheet formula computes it."""
    if spec.negatif:
        return round((2 - spec.realisasi / spec.target) * 100, 2)
    return round(spec.realisasi / spec.target * 100, 2)


def id_text(value: float) -> str:
    """A number the way an Indonesian clerk types it into a text cell: "1.234,56"."""
    whole, _, frac = f"{value:,.2f}".partition(".")
    return f"{whole.replace(',', '.')},{frac}"


# --- workbooks -------------------------------------------------------------------------------
def write_workbook(path: Path, opd_index: int, opd_nama: str, n: int) -> Path:
    """An OPD's workbook in one of three layouts seen in practice (title rows, numbering row,
    merged sasaran, Indonesian number strings, percent cells, formulas with cached values)."""
    import xlsxwriter

    layout = opd_index % 3
    wb = xlsxwriter.Workbook(str(path))
    bold = wb.add_format({"bold": True, "align": "center", "valign": "vcenter", "border": 1})
    cell = wb.add_format({"border": 1, "valign": "top", "text_wrap": True})
    num = wb.add_format({"border": 1, "num_format": "#,##0.00"})
    pct = wb.add_format({"border": 1, "num_format": "0.00%"})
    if layout == 1:
        wb.add_worksheet("Petunjuk").write(0, 0, "Petunjuk pengisian: isi lembar Data Kinerja.")
    ws = wb.add_worksheet("Data Kinerja" if layout != 2 else "Sheet1")
    ws.set_column(0, 0, 5)
    ws.set_column(1, 2, 40)
    ws.set_column(3, 8, 12)
    if layout == 0:
        titles = ["DATA CAPAIAN KINERJA", f"PERANGKAT DAERAH: {opd_nama}", f"TAHUN {TAHUN}", ""]
        header = [
            "No",
            "Sasaran Strategis",
            "Indikator Kinerja",
            "Satuan",
            "Polaritas",
            f"Target {TAHUN}",
            f"Realisasi {TAHUN}",
            "Capaian (%)",
            "Keterangan",
        ]
    elif layout == 1:
        titles = [f"{opd_nama.upper()}", f"LAPORAN CAPAIAN INDIKATOR KINERJA TAHUN {TAHUN}"]
        header = [
            "NO",
            "SASARAN",
            "INDIKATOR",
            "SATUAN",
            "POLARITAS",
            "TARGET",
            "REALISASI",
            "CAPAIAN",
        ]
    else:
        titles = [f"Pengukuran Kinerja {opd_nama} Tahun Anggaran {TAHUN}", "", ""]
        header = [
            "No.",
            "Sasaran",
            "Indikator Sasaran",
            "Satuan",
            "Polarisasi",
            "Target",
            "Realisasi",
            "% Capaian",
            "Ket.",
        ]
    for r, text in enumerate(titles):
        if text:
            ws.write(r, 0, text)
    top = len(titles)
    for c, label in enumerate(header):
        ws.write(top, c, label, bold)
    for c in range(len(header)):
        ws.write(top + 1, c, f"({c + 1})" if layout == 2 else c + 1, bold)
    first = top + 2
    specs = indicator_specs(opd_index, n)
    for i, spec in enumerate(specs):
        r = first + i
        excel_row = r + 1
        ws.write_number(r, 0, i + 1, cell)
        if i % 5 == 0:
            last = min(r + 4, first + n - 1)
            if last > r:
                ws.merge_range(r, 1, last, 1, spec.sasaran, cell)
            else:
                ws.write(r, 1, spec.sasaran, cell)
        ws.write(r, 2, spec.indikator, cell)
        ws.write(r, 3, spec.satuan, cell)
        ws.write(r, 4, "Negatif" if spec.negatif else "Positif", cell)
        if spec.satuan == "%" and i % 2 == 0:
            ws.write_number(r, 5, spec.target / 100, pct)  # percent cells: 0.95 shown as 95%
            ws.write_number(r, 6, spec.realisasi / 100, pct)
        elif i % 4 == 1:
            ws.write_string(r, 5, id_text(spec.target), cell)  # "1.234,56" typed as text
            ws.write_string(r, 6, id_text(spec.realisasi), cell)
        else:
            ws.write_number(r, 5, spec.target, num)
            ws.write_number(r, 6, spec.realisasi, num)
        capaian = capaian_of(spec)
        if spec.negatif:
            formula = f"=IFERROR((2-G{excel_row}/F{excel_row})*100,0)"
        else:
            formula = f"=IFERROR(G{excel_row}/F{excel_row}*100,0)"
        if i % 4 == 1:  # text numbers: the OPD typed the capaian too
            ws.write_number(r, 7, capaian, num)
        else:
            ws.write_formula(r, 7, formula, num, capaian)
        if len(header) > 8:
            ws.write(r, 8, "" if i % 7 else "Sumber: laporan bidang", cell)
    foot = first + n + 2
    ws.write(foot, 6, "Nanga Bulik, 15 Januari 2026")
    ws.write(foot + 1, 6, "Kepala Perangkat Daerah")
    ws.write(foot + 5, 6, "NIP. 19750214 199903 1 004")
    wb.close()
    return path


def build_workbooks(folder: Path, n_opd: int, n_rows: int) -> list[Path]:
    """``n_opd`` workbooks of ``n_rows`` indicators each."""
    folder.mkdir(parents=True, exist_ok=True)
    return [
        write_workbook(folder / f"OPD {i + 1:02d}.xlsx", i, f"Dinas Contoh {i + 1}", n_rows)
        for i in range(n_opd)
    ]


# --- indicator rows (importer shape) -------------------------------------------------------
def indicator_rows(opd_index: int, n: int) -> list[IndicatorRow]:
    """The importer's rows for one OPD, as :func:`read_workbook` would hand them out."""
    from kinerja_app.importer.data import IndicatorRow
    from kinerja_app.rekap.capaian import Polaritas, hitung_capaian

    rows: list[IndicatorRow] = []
    for i, spec in enumerate(indicator_specs(opd_index, n)):
        pol = Polaritas.NEGATIF if spec.negatif else Polaritas.POSITIF
        rows.append(
            IndicatorRow(
                sheet="Data Kinerja",
                row=7 + i,
                sasaran=spec.sasaran,
                indikator=spec.indikator,
                satuan=spec.satuan,
                polaritas=pol,
                target=spec.target,
                realisasi=spec.realisasi,
                capaian=hitung_capaian(spec.target, spec.realisasi, pol).nilai,
                capaian_dilaporkan=capaian_of(spec),
                cells={"target": f"Data Kinerja!F{7 + i}", "realisasi": f"Data Kinerja!G{7 + i}"},
            )
        )
    return rows


def baris_indikator(total: int, n_per_opd: int = 200) -> list[BarisIndikator]:
    """``total`` recap rows (``BarisIndikator``) over as many OPDs as needed, some with findings."""
    from kinerja_app.queries.indikator import BarisIndikator, TemuanSel
    from kinerja_app.rekap.capaian import PredikatBand, predikat

    scale = [
        PredikatBand(90.0, "Sangat Tinggi"),
        PredikatBand(75.0, "Tinggi"),
        PredikatBand(65.0, "Sedang"),
        PredikatBand(50.0, "Rendah"),
        PredikatBand(0.0, "Sangat Rendah"),
    ]
    out: list[BarisIndikator] = []
    opd = 0
    while len(out) < total:
        for row in indicator_rows(opd, min(n_per_opd, total - len(out))):
            assert row.polaritas is not None  # indicator_rows sets every row's polaritas
            temuan: tuple[TemuanSel, ...] = ()
            if row.row % 37 == 0:
                temuan = (
                    TemuanSel(
                        "warning",
                        "CAPAIAN_BEDA",
                        row.cells["target"],
                        row.row,
                        "Capaian yang dilaporkan berbeda dari hasil hitung.",
                    ),
                )
            out.append(
                BarisIndikator(
                    opd=f"Dinas Contoh {opd + 1}",
                    urutan=row.row - 6,
                    baris=row.row,
                    sasaran=row.sasaran,
                    indikator=row.indikator,
                    satuan=row.satuan,
                    polaritas=row.polaritas.value,
                    target=row.target,
                    target_teks="",
                    realisasi=row.realisasi,
                    realisasi_teks="",
                    capaian=row.capaian,
                    capaian_dilaporkan=row.capaian_dilaporkan,
                    predikat=predikat(row.capaian, scale),
                    temuan=temuan,
                )
            )
        opd += 1
    return out


# --- database --------------------------------------------------------------------------------
def _user(username: str, nama: str, roles: Iterable[Role]) -> User:
    from kinerja_app.admin.passwords import hash_password
    from kinerja_app.storage.models import User, UserRole

    user = User.create(username=username, nama=nama, password_hash=hash_password(PASSWORD))
    UserRole.insert_many([{"user": user.id, "role": r.value} for r in roles]).execute()
    return user


def build_base_db(path: Path | str, n_opd: int) -> None:
    """A database whose period stands at step 7: letter signed and distributed to ``n_opd``
    OPDs, nothing received yet. Walked through the real services.

    ``path`` is a SQLite file or a server address (``bench/engines.py``)."""
    from kinerja_app import clock
    from kinerja_app.admin.master import DataOpd, simpan_opd
    from kinerja_app.clock import waktu_simulasi
    from kinerja_app.storage.db import close_database, open_database
    from kinerja_app.storage.models import Pengumpulan, PerangkatDaerah, Periode, Rancangan
    from kinerja_app.storage.models.master import Role
    from kinerja_app.workflow.disposisi import buat_disposisi
    from kinerja_app.workflow.distribusi import TandaTerima, distribusikan
    from kinerja_app.workflow.paraf import asisten_paraf, kabag_paraf
    from kinerja_app.workflow.periode import buka_periode
    from kinerja_app.workflow.rancangan import isi_default, simpan_rancangan
    from kinerja_app.workflow.tandatangan import sekda_tandatangani

    open_database(path)
    try:
        kabag = _user("kabag", "Drs. Kabag Organisasi", [Role.KABAG])
        tim = _user("tim", "Rina Tim Kinerja", [Role.TIM])
        for k in range(1, TIM_CLIENTS + 1):
            _user(f"tim{k}", f"Tim Kinerja Meja {k}", [Role.TIM])
        asisten = _user("asisten", "Ir. Asisten Adm Umum", [Role.ASISTEN])
        sekda = _user("sekda", "Dr. Sekda Lamandau", [Role.SEKDA])
        admin = _user("admin", "Admin Sistem", [Role.ADMIN])
        _user("demo", "Pengguna Semua Peran", list(Role))
        existing = PerangkatDaerah.select().count()
        for i in range(existing, n_opd):
            simpan_opd(admin, DataOpd(f"BENCH{i + 1}", f"Dinas Tambahan {i + 1}", urutan=i + 1))
        if existing > n_opd:  # quick runs: fewer OPDs expected
            PerangkatDaerah.update(aktif=False).where(PerangkatDaerah.urutan > n_opd).execute()
        periode = Periode.get_by_id(buka_periode(kabag, TAHUN).objek_id)
        moment = clock.now() - dt.timedelta(days=2)
        with waktu_simulasi(moment - dt.timedelta(hours=3)):  # steps 1-5 before the receipts
            buat_disposisi(kabag, periode, hal="Pengumpulan data kinerja", isi="Segera proses")
            draft = Rancangan.get_by_id(
                simpan_rancangan(tim, periode, isi_default(periode), ajukan=True).objek_id
            )
            kabag_paraf(kabag, draft)
            asisten_paraf(asisten, draft)
            sekda_tandatangani(sekda, draft)
        rows = list(
            Pengumpulan.select().where(Pengumpulan.periode == periode).order_by(Pengumpulan.id)
        )
        distribusikan(tim, periode, [TandaTerima(p.id, f"Staf TU {p.id}", moment) for p in rows])
    finally:
        close_database()


def store_all(n_rows: int) -> tuple[User, list[StoreJob]]:
    """Store ``n_rows`` indicators for every OPD of the open database's period (40 calls)."""
    from kinerja_app import clock
    from kinerja_app.importer.data import Finding
    from kinerja_app.storage.models import Pengumpulan, User
    from kinerja_app.workflow.penyampaian import SuratMasuk

    tim = User.get(User.username == "tim")
    when = clock.now() - dt.timedelta(hours=1)
    jobs: list[StoreJob] = []
    for i, p in enumerate(Pengumpulan.select().order_by(Pengumpulan.id)):
        findings = [
            Finding(
                "warning",
                "CAPAIAN_BEDA",
                "Capaian berbeda dari hasil hitung.",
                f"Data Kinerja!H{7 + k}",
                7 + k,
            )
            for k in range(0, n_rows, 50)
        ]
        jobs.append(
            (
                p,
                SuratMasuk(when, f"{100 + i}/SM/2026", f"000/{i}/OPD", when.date()),
                indicator_rows(i, n_rows),
                findings,
            )
        )
    return tim, jobs


def run_store(tim: User, jobs: list[StoreJob]) -> None:
    """The timed part of the store row: one ``simpan_penyampaian`` per OPD."""
    from kinerja_app.workflow.penyampaian import simpan_penyampaian

    for p, surat, rows, findings in jobs:
        simpan_penyampaian(tim, p, surat, rows, findings)


def build_full_db(base: Path, target: Path, n_rows: int) -> None:
    """Copy the base database and store ``n_rows`` indicators for every OPD."""
    from kinerja_app.storage.db import close_database, open_database

    copy_db(base, target)
    open_database(target)
    try:
        run_store(*store_all(n_rows))
    finally:
        close_database()


def copy_db(source: Path, target: Path) -> None:
    """Copy a closed SQLite database (WAL checkpointed) to ``target``."""
    with sqlite3.connect(source) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    shutil.copyfile(source, target)
    for suffix in ("-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
