"""Step 8 glue between the importer and the SOP: match a workbook to an OPD, check it, store it.

The database is read once into a :class:`Katalog` (OPDs of the period and their previous
data); :func:`periksa_berkas` given a katalog touches no database, so the import dialog runs
it in a worker thread. :func:`terima` is the only write and goes through the SOP service.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, cast

from kinerja_app import clock
from kinerja_app.admin import settings
from kinerja_app.errors import UnreadableFile
from kinerja_app.formatting import urutan_alami
from kinerja_app.importer.data import ColumnMapping, Finding, PreviousRow, WorkbookData
from kinerja_app.importer.pemetaan import Ingatan, ingat_pemetaan, muat_ingatan, terapkan
from kinerja_app.importer.reader import read_again, read_workbook
from kinerja_app.importer.verify import VerifyContext, status_of, verify
from kinerja_app.storage.models import (
    DataIndikator,
    Pengumpulan,
    Penyampaian,
    PerangkatDaerah,
    Periode,
    User,
)
from kinerja_app.storage.models.pengumpulan import StatusOpd, StatusPenyampaian
from kinerja_app.workflow.common import Changes, transaction
from kinerja_app.workflow.penyampaian import (
    SuratMasuk,
    simpan_penyampaian,
)

StatusBerkas = Literal["ok", "warnings", "errors", "unreadable"]
WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods", ".htm", ".html"})
CaraCocok = Literal["format isian", "judul", "nama berkas", "dipilih"]
_CONNECTORS = {"dan", "serta", "dengan"}


@dataclass(frozen=True)
class OpdPeriode:
    """An OPD expected in the period, as plain data (safe to hand to a worker thread)."""

    opd_id: int
    kode: str
    nama: str
    singkatan: str
    pengumpulan_id: int
    status: StatusOpd


@dataclass(frozen=True)
class Katalog:
    """What a file is checked against, read once from the database.

    ``periode_lalu`` holds each OPD's rows accepted in the previous year and ``revisi_lalu``
    its latest revision in this period, both keyed by OPD kode.
    """

    periode_id: int
    tahun: int
    opd: tuple[OpdPeriode, ...]
    periode_lalu: dict[str, tuple[PreviousRow, ...]] = field(default_factory=dict)
    revisi_lalu: dict[str, tuple[PreviousRow, ...]] = field(default_factory=dict)
    toleransi: float = 0.5
    pemetaan: dict[str, tuple[Ingatan, ...]] = field(default_factory=dict)

    def opd_by_id(self, opd_id: int) -> OpdPeriode | None:
        """The OPD with this id, or ``None``."""
        return next((o for o in self.opd if o.opd_id == opd_id), None)


@dataclass(frozen=True)
class HasilPeriksa:
    """One file read, matched and verified; ``data`` is ``None`` when it was unreadable."""

    path: Path
    data: WorkbookData | None
    findings: tuple[Finding, ...]
    opd: OpdPeriode | None
    cara: CaraCocok | None
    status: StatusBerkas
    pesan: str = ""
    mapping: ColumnMapping | None = None

    @property
    def jumlah_error(self) -> int:
        """Number of errors (an unreadable file counts one)."""
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def jumlah_peringatan(self) -> int:
        """Number of warnings."""
        return sum(1 for f in self.findings if f.severity == "warning")

    @property
    def jumlah_indikator(self) -> int:
        """Number of indicator rows read."""
        return len(self.data.rows) if self.data is not None else 0


def _previous_rows(penyampaian_ids: Iterable[int]) -> dict[int, tuple[PreviousRow, ...]]:
    rows: dict[int, list[PreviousRow]] = {}
    ids = list(penyampaian_ids)
    if not ids:
        return {}
    query = (
        DataIndikator.select(
            DataIndikator.penyampaian,
            DataIndikator.indikator,
            DataIndikator.target,
            DataIndikator.capaian,
        )
        .where(DataIndikator.penyampaian.in_(ids))
        .order_by(DataIndikator.penyampaian, DataIndikator.urutan)
        .tuples()
    )
    for pid, indikator, target, capaian in cast(Iterable[tuple[Any, ...]], query):
        rows.setdefault(pid, []).append(PreviousRow(indikator, target, capaian))
    return {pid: tuple(values) for pid, values in rows.items()}


def muat_katalog(periode: Periode) -> Katalog:
    """Read the period's OPDs and their previous data (a few small queries).

    Args:
        periode: the period being collected.
    Returns:
        Plain data for :func:`periksa_berkas`.
    """
    opds: list[OpdPeriode] = []
    query = (
        Pengumpulan.select(Pengumpulan, PerangkatDaerah)
        .join(PerangkatDaerah)
        .where(Pengumpulan.periode == periode)
        .order_by(PerangkatDaerah.urutan, PerangkatDaerah.nama)
    )
    latest: dict[int, str] = {}  # penyampaian id -> OPD kode
    for p in query:
        opds.append(
            OpdPeriode(p.opd.id, p.opd.kode, p.opd.nama, p.opd.singkatan, p.id, StatusOpd(p.status))
        )
    kode_of = {o.pengumpulan_id: o.kode for o in opds}
    query_latest = (
        Penyampaian.select(Penyampaian.id, Pengumpulan.id)
        .join(Pengumpulan)
        .where(
            (Pengumpulan.periode == periode) & (Penyampaian.revisi == Pengumpulan.revisi_terakhir)
        )
        .tuples()
    )
    for pid, pengumpulan_id in cast(Iterable[tuple[int, int]], query_latest):
        latest[pid] = kode_of[pengumpulan_id]
    accepted: dict[int, str] = {}
    previous = Periode.get_or_none(Periode.tahun == periode.tahun - 1)
    if previous is not None:
        query_prev = (
            Penyampaian.select(Penyampaian.id, PerangkatDaerah.kode)
            .join(Pengumpulan)
            .join(PerangkatDaerah)
            .where(
                (Pengumpulan.periode == previous)
                & (Penyampaian.status == StatusPenyampaian.DITERIMA.value)
            )
            .order_by(Penyampaian.revisi)
            .tuples()
        )
        for pid, kode in cast(
            Iterable[tuple[int, str]], query_prev
        ):  # the latest accepted revision wins
            accepted = {k: v for k, v in accepted.items() if v != kode}
            accepted[pid] = kode
    rows = _previous_rows([*latest, *accepted])
    toleransi = settings.get("toleransi_capaian")
    return Katalog(
        periode_id=periode.id,
        tahun=periode.tahun,
        opd=tuple(opds),
        periode_lalu={kode: rows.get(pid, ()) for pid, kode in accepted.items()},
        revisi_lalu={kode: rows.get(pid, ()) for pid, kode in latest.items()},
        toleransi=float(toleransi) if isinstance(toleransi, int | float) else 0.5,
        pemetaan=muat_ingatan(),
    )


def normalisasi(text: str) -> str:
    """Text for name matching: accents, case and punctuation ignored ("Kec._Bulik" → "kec bulik")."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[\W_]+", " ", text).strip()


def _candidates(opd: OpdPeriode) -> list[tuple[str, bool]]:
    """(normalised text, is a full name) an OPD may be written as; name prefixes count less."""
    out = [(normalisasi(t), True) for t in (opd.nama, opd.singkatan, opd.kode) if t.strip()]
    words = normalisasi(opd.nama).split()
    for k in range(2, len(words)):
        if words[k - 1] not in _CONNECTORS:
            out.append((" ".join(words[:k]), False))
    return [(text, full) for text, full in out if text]


def cari_opd_dalam_teks(text: str, opds: Sequence[OpdPeriode]) -> OpdPeriode | None:
    """The OPD whose name, singkatan or kode appears in ``text``, preferring the longest match.

    Args:
        text: a title row or a file name.
        opds: the OPDs of the period.
    Returns:
        The OPD, or ``None`` when none (or two equally good ones) match.
    """
    haystack = f" {normalisasi(text)} "
    best: tuple[int, bool] = (0, False)
    found: set[int] = set()
    for opd in opds:
        for needle, full in _candidates(opd):
            if f" {needle} " not in haystack:
                continue
            score = (len(needle), full)
            if score > best:
                best, found = score, {opd.opd_id}
            elif score == best:
                found.add(opd.opd_id)
    if len(found) != 1:
        return None
    return next(o for o in opds if o.opd_id in found)


def cocokkan_opd(
    data: WorkbookData, opds: Sequence[OpdPeriode]
) -> tuple[OpdPeriode | None, CaraCocok | None]:
    """Match a read workbook to an OPD: format isian meta, else title rows, else file name.

    Args:
        data: the read workbook.
        opds: the OPDs of the period.
    Returns:
        The OPD and how it was found, or ``(None, None)`` (the user picks).
    """
    kode = data.meta.get("opd_kode", "")
    if kode:
        for opd in opds:
            if opd.kode == kode:
                return opd, "format isian"
    if data.opd_hint and data.opd_hint != data.path.stem:
        opd_found = cari_opd_dalam_teks(data.opd_hint, opds)
        if opd_found is not None:
            return opd_found, "judul"
    opd_found = cari_opd_dalam_teks(data.path.stem, opds)
    if opd_found is not None:
        return opd_found, "nama berkas"
    return None, None


def konteks_verifikasi(katalog: Katalog, opd: OpdPeriode | None) -> VerifyContext:
    """The VerifyContext for a file of ``opd`` (year of the period, previous data)."""
    if opd is None:
        return VerifyContext(tahun=katalog.tahun, tolerance=katalog.toleransi)
    return VerifyContext(
        tahun=katalog.tahun,
        opd_kode=opd.kode,
        previous_period_rows=katalog.periode_lalu.get(opd.kode, ()),
        previous_revision_rows=katalog.revisi_lalu.get(opd.kode, ()),
        tolerance=katalog.toleransi,
    )


def _verified(
    path: Path,
    data: WorkbookData,
    katalog: Katalog,
    opd: OpdPeriode | None,
    cara: CaraCocok | None,
    mapping: ColumnMapping | None,
) -> HasilPeriksa:
    findings = tuple(verify(data, konteks_verifikasi(katalog, opd)))
    return HasilPeriksa(path, data, findings, opd, cara, status_of(findings), mapping=mapping)


def periksa_berkas(
    path: Path, periode: Periode | Katalog, mapping: ColumnMapping | None = None
) -> HasilPeriksa:
    """Read, match and verify one workbook; never raises for a bad file.

    Args:
        path: the .xlsx as received.
        periode: the period, or its :class:`Katalog` (then no database is touched: safe in a
            worker thread).
        mapping: explicit columns from the column-mapping dialog.
    Returns:
        The result; status ``"unreadable"`` with ``pesan`` when the file cannot be read.
    """
    katalog = periode if isinstance(periode, Katalog) else muat_katalog(periode)
    try:
        data = read_workbook(path, mapping=mapping, tahun=katalog.tahun)
    except UnreadableFile as exc:
        finding = Finding("error", "UNREADABLE", str(exc))
        opd = cari_opd_dalam_teks(path.stem, katalog.opd)
        cara: CaraCocok | None = "nama berkas" if opd is not None else None
        return HasilPeriksa(path, None, (finding,), opd, cara, "unreadable", str(exc), mapping)
    opd, cara = cocokkan_opd(data, katalog.opd)
    if mapping is None and opd is not None:
        data = terapkan(data, katalog.pemetaan.get(opd.kode, ()), katalog.tahun) or data
    return _verified(path, data, katalog, opd, cara, mapping)


def ganti_opd(hasil: HasilPeriksa, opd: OpdPeriode, katalog: Katalog) -> HasilPeriksa:
    """The same file checked again as ``opd``'s (the user corrected the match); a mapping
    remembered for that OPD applies, one remembered for the wrongly matched OPD no longer."""
    if hasil.data is None:
        return replace(hasil, opd=opd, cara="dipilih")
    data = hasil.data
    if hasil.mapping is None and data.book is not None:
        if data.pemetaan is not None and data.pemetaan.sumber == "diingat":
            data = read_again(data.book, tahun=katalog.tahun)
        data = terapkan(data, katalog.pemetaan.get(opd.kode, ()), katalog.tahun) or data
    return _verified(hasil.path, data, katalog, opd, "dipilih", hasil.mapping)


def periksa_semua(
    paths: Sequence[Path], katalog: Katalog, progress: Callable[[int, int], bool] | None = None
) -> list[HasilPeriksa]:
    """Check files in turn; ``progress(done, total)`` returning False stops early (cancel)."""
    out: list[HasilPeriksa] = []
    for i, path in enumerate(paths):
        if progress is not None and not progress(i, len(paths)):
            break
        out.append(periksa_berkas(path, katalog))
    if progress is not None:
        progress(len(out), len(paths))
    return out


def daftar_berkas(folder: Path) -> list[Path]:
    """The workbooks in a folder (not subfolders) in natural name order ("2" before "10");
    Excel's ``~$`` lock files skipped."""
    return sorted(
        (
            p
            for p in folder.iterdir()
            if p.is_file() and p.suffix.lower() in WORKBOOK_SUFFIXES and not p.name.startswith("~$")
        ),
        key=lambda p: urutan_alami(p.name),
    )


def waktu_diterima(tanggal: dt.date, sekarang: dt.datetime | None = None) -> dt.datetime:
    """When a submission dated ``tanggal`` arrived: now if today, else noon of that day."""
    moment = (sekarang or clock.now()).replace(microsecond=0)
    if tanggal == moment.date():
        return moment
    return dt.datetime.combine(tanggal, dt.time(12, 0))


def terima(
    user: User, pengumpulan: Pengumpulan, hasil: HasilPeriksa, surat_masuk: SuratMasuk
) -> Changes:
    """Store the checked file as the OPD's next revision (rows, findings, archived original).

    Args:
        user: a Tim Kinerja member.
        pengumpulan: the OPD in the period (the user's match).
        hasil: what :func:`periksa_berkas` returned.
        surat_masuk: agenda and pengantar details.
    Returns:
        The change record; ``objek_id`` is the new revision's id.
    Raises:
        UnreadableFile: the file could not be read.
        ActionRefused: the SOP service refused (wrong role, state, empty file...).
    """
    if hasil.data is None:
        raise UnreadableFile(hasil.pesan or "Berkas tidak dapat dibaca.")
    data = hasil.data
    with transaction():
        # accepting data read with the Tim's mapping confirms that mapping: remember it for
        # this OPD's layout in the same transaction (nothing remembered if storing fails)
        if data.pemetaan is not None and data.pemetaan.sumber == "manual":
            ingat_pemetaan(user, pengumpulan.opd_id, data)
        return simpan_penyampaian(
            user,
            pengumpulan,
            surat_masuk,
            data.rows,
            hasil.findings,
            berkas=hasil.path,
            sha256_diperiksa=data.sha256,  # the file must still be the one that was checked
        )


def get_pengumpulan(pengumpulan_id: int) -> Pengumpulan:
    """The OPD-in-period row (fresh from the database)."""
    return Pengumpulan.get_by_id(pengumpulan_id)


def get_penyampaian(penyampaian_id: int) -> Penyampaian:
    """A stored revision (fresh from the database)."""
    return Penyampaian.get_by_id(penyampaian_id)


def pesan_perbaikan(
    opd_nama: str, findings: Sequence[Finding], *, tahun: int | None = None, berkas: str = ""
) -> str:
    """A ready-to-send Indonesian message (WhatsApp, e-mail, letter body) listing what to fix.

    Args:
        opd_nama: the OPD's name.
        findings: the verification findings; errors are listed before warnings.
        tahun: the data year, named in the greeting.
        berkas: the received file's name.
    Returns:
        Plain text, one numbered line per finding with its cell.
    """
    data = f"data kinerja tahun {tahun}" if tahun else "data kinerja"
    dari = f" ({berkas})" if berkas else ""
    lines = [
        f"Yth. {opd_nama},",
        "",
        f"Terima kasih atas penyampaian {data}{dari}. Hasil pemeriksaan Tim Kinerja Bagian "
        "Organisasi Setda Kabupaten Lamandau menemukan hal-hal berikut yang perlu diperbaiki:",
        "",
    ]
    errors = [f for f in findings if f.severity == "error"]
    warnings = [f for f in findings if f.severity != "error"]
    number = 0
    for title, group in (("Wajib diperbaiki:", errors), ("Mohon diperiksa:", warnings)):
        if not group:
            continue
        lines.append(title)
        for finding in group:
            number += 1
            where = f"Sel {finding.cell}: " if finding.cell else ""
            lines.append(f"{number}. {where}{finding.message}")
        lines.append("")
    if not findings:
        lines += ["Tidak ada temuan.", ""]
    lines += [
        "Mohon data yang telah diperbaiki dikirim kembali beserta surat pengantar.",
        "Terima kasih.",
        "",
        "Tim Kinerja Bagian Organisasi Setda Kabupaten Lamandau",
    ]
    return "\n".join(lines)
