"""Verification rules of SOP step 8: what must be fixed (errors) and what to look at (warnings).

Each finding has a stable code, the cell (``Sheet!F7``) and an Indonesian message saying what
to fix. An error blocks acceptance (the caller handles a Kabag override); a warning does not.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from openpyxl.utils import column_index_from_string

from kinerja_app.formatting import format_angka
from kinerja_app.importer.data import (
    Finding,
    IndicatorRow,
    PreviousRow,
    Severity,
    Status,
    WorkbookData,
    cell_ref,
)
from kinerja_app.importer.indikator import SATUAN_DARI_NILAI
from kinerja_app.importer.nilai import is_text_target, sifat_indikator
from kinerja_app.importer.numbers import cell_shown, is_missing_text
from kinerja_app.rekap.capaian import hitung_capaian

# a change of a count may be below zero ("Perubahan jumlah penduduk miskin": -620 jiwa)
_CHANGE = re.compile(
    r"\b(perubahan|selisih|penurunan|kenaikan|peningkatan|pertambahan|penambahan|pengurangan|"
    r"berkurangnya|bertambahnya|naik|turun|neto|netto|saldo|surplus|defisit)\b"
)
_QUALITATIVE_SATUAN = re.compile(r"\b(predikat|opini|kategori|status|nilai huruf|peringkat)\b")
# units that only make sense with a number: a text target there is a mistake, not a quality
_NUMERIC_SATUAN = re.compile(
    r"%|\d|\b(persen|orang|jiwa|km|m2?|unit|buah|dokumen|rp|rupiah|kali|hari|bulan|tahun|"
    r"kasus|desa|kk|ha|ton|paket|kegiatan|laporan|poin|indeks|skor|menit|jam)\b"
)
_NUMBER_PREFIX = re.compile(r"^\s*(\(?[0-9a-z]{1,3}[.)]\s+)")
_REQUIRED = {
    "indikator": "Indikator",
    "satuan": "Satuan",
    "target": "Target",
    "realisasi": "Realisasi",
}


@dataclass(frozen=True)
class VerifyContext:
    """What the file is checked against; plain data, so rules are tested without a database.

    ``tolerance`` is in capaian points; ``outlier_high``/``outlier_low`` bound a plausible
    capaian; ``jump_points`` is the largest change of capaian from the previous period that
    passes without a warning.
    """

    tahun: int | None = None
    opd_kode: str | None = None
    previous_period_rows: Sequence[PreviousRow] = ()
    previous_revision_rows: Sequence[PreviousRow] = ()
    tolerance: float = 0.5
    outlier_high: float = 150.0
    outlier_low: float = 0.0
    jump_points: float = 50.0


@functools.lru_cache(maxsize=8192)
def normalize_indikator(text: str) -> str:
    """Indicator text for matching: case, spaces, punctuation and a leading "1." ignored."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = _NUMBER_PREFIX.sub("", text)
    text = re.sub(r"[^\w%]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def is_qualitative(row: IndicatorRow) -> bool:
    """A row whose target is text such as "WTP", "Ada" or "Predikat B" (no capaian computed).

    The satuan decides when it speaks ("Predikat", "Opini" → qualitative; "%", "orang" →
    numeric, so "sembilan puluh" is an error); otherwise a target with letters is qualitative.
    """
    text = row.target_text
    if row.target is not None or not text or is_missing_text(text) or text.startswith("#"):
        return False
    if is_text_target(text):
        return True  # "Ditetapkan", "WTP", "BB": compared on their scale, never an error
    satuan = row.satuan.lower()
    if _QUALITATIVE_SATUAN.search(satuan):
        return True
    if _NUMERIC_SATUAN.search(satuan):
        return False
    return any(ch.isalpha() for ch in text)


def status_of(findings: Iterable[Finding]) -> Status:
    """``"errors"`` if any finding is an error, else ``"warnings"`` if any, else ``"ok"``."""
    severities = {f.severity for f in findings}
    if "error" in severities:
        return "errors"
    return "warnings" if severities else "ok"


def verify(data: WorkbookData, ctx: VerifyContext) -> list[Finding]:
    """Check a read workbook against the rules.

    Args:
        data: what :func:`kinerja_app.importer.reader.read_workbook` returned.
        ctx: the expected year and OPD, previous data and thresholds.
    Returns:
        The reader's findings followed by the rules' findings, ordered by sheet row.
    """
    found: list[Finding] = []
    found += _file_rules(data, ctx)
    for row in data.rows:
        found += _row_rules(row, data, ctx)
    found += _duplicates(data.rows)
    found += _previous_period(data.rows, ctx)
    found += _previous_revision(data.rows, ctx)
    return [*data.findings, *sorted(found, key=lambda f: f.row or 0)]


def _f(
    severity: Severity, code: str, message: str, row: IndicatorRow | None = None, field: str = ""
) -> Finding:
    cell = row.cells.get(field) if row is not None and field else None
    return Finding(severity, code, message, cell, row.row if row is not None else None)


def _file_rules(data: WorkbookData, ctx: VerifyContext) -> list[Finding]:
    out: list[Finding] = []
    if ctx.tahun is not None and data.tahun_hint is not None and data.tahun_hint != ctx.tahun:
        where = {"meta": "Format Isian", "header": "judul kolom", "judul": "judul tabel"}
        out.append(
            Finding(
                "warning" if data.tahun_source == "judul" else "error",
                "TAHUN_SALAH",
                f"Berkas untuk tahun {data.tahun_hint} (menurut "
                f"{where.get(data.tahun_source or '', 'berkas')}), padahal yang diminta tahun "
                f"{ctx.tahun}. Kirim data tahun {ctx.tahun}.",
            )
        )
    kode = data.meta.get("opd_kode")
    if ctx.opd_kode is not None and kode and kode != ctx.opd_kode:
        out.append(
            Finding(
                "error",
                "OPD_SALAH",
                f"Format Isian ini milik OPD lain ({data.meta.get('opd_nama') or kode}), bukan "
                f"OPD yang dipilih. Pastikan berkas dari OPD yang benar, atau pakai Format "
                "Isian OPD ini.",
            )
        )
    if data.header_found:
        for name, label in _REQUIRED.items():
            if name == "satuan" and any(SATUAN_DARI_NILAI in r.aturan for r in data.rows):
                continue  # the unit written with the value ("12 Dokumen"), as in E.81
            if name == "satuan" and "satuan" not in data.columns and _renja_form(data):
                out.append(
                    Finding(
                        "warning",
                        "SATUAN_TIDAK_ADA",
                        "Bentuk evaluasi Renja (Permendagri 86/2017) tidak memuat kolom "
                        "Satuan dan nilainya ditulis tanpa satuan. Periksa satuan tiap "
                        "indikator dari namanya; indikator jumlah dari triwulan dibaca "
                        "menurut namanya.",
                    )
                )
                continue
            if name in ("target", "realisasi") and any(
                f.code in (f"{name.upper()}_TAHUNAN_TIDAK_ADA", "KOLOM_GANDA")
                for f in data.findings
            ):
                continue  # already said, with the columns that are there
            if name == "realisasi" and any(
                r.realisasi is not None or "realisasi" in r.uncached for r in data.rows
            ):
                continue  # made from quarterly columns
            if name == "realisasi" and any(f.code == "PERJANJIAN_KINERJA" for f in data.findings):
                continue
            if name not in data.columns:
                out.append(
                    Finding(
                        "error",
                        "KOLOM_TIDAK_ADA",
                        f"Kolom {label} tidak ada di tabel. Tambahkan kolom {label} lalu isi.",
                    )
                )
        if not data.rows:
            out.append(
                Finding(
                    "error",
                    "TIDAK_ADA_INDIKATOR",
                    "Tabel tidak berisi satu pun indikator di bawah judul kolom. Isi datanya.",
                )
            )
    return out


def _renja_form(data: WorkbookData) -> bool:
    """A Permendagri 86/2017 evaluation form (E.81 and its siblings): K and Rp column pairs
    under Renja/Renstra labels, a form that has no satuan column by design."""
    labels = [t.lower() for t in data.kolom_judul.values()]
    money = any(re.search(r"(^|/ )\(?rp\b|anggaran", t) for t in labels)
    kinerja = any(re.search(r"(^|/ )k$", t) for t in labels)
    return money and kinerja and any("renja" in t or "renstra" in t for t in labels)


def _row_rules(row: IndicatorRow, data: WorkbookData, ctx: VerifyContext) -> list[Finding]:
    out: list[Finding] = []
    qualitative = is_qualitative(row)
    raw = {"indikator": row.indikator, "satuan": row.satuan, "target": row.target_text}
    raw["realisasi"] = row.realisasi_text
    for name, label in _REQUIRED.items():
        if name in data.columns and name not in row.uncached and is_missing_text(raw[name]):
            out.append(
                _f(
                    "error",
                    f"{name.upper()}_KOSONG",
                    f"{label} di sel {row.cells.get(name)} kosong"
                    f"{_merged_above(data, row, name)}. "
                    + (
                        "Isi nama indikator pada baris ini."
                        if name == "indikator"
                        else f"Isi {label.lower()} indikator ini."
                    ),
                    row,
                    name,
                )
            )
    if not qualitative:
        for name, number, text in (
            ("target", row.target, row.target_text),
            ("realisasi", row.realisasi, row.realisasi_text),
        ):
            if number is None and text and not is_missing_text(text) and not _is_date(text):
                out.append(_not_number(row, name, text))
        out += _negative_counts(row)
        out += _polarity_rules(row, data)
        out += _capaian_rules(row, ctx)
    else:
        out += _text_capaian_rules(row, ctx)
    return out


def _text_capaian_rules(row: IndicatorRow, ctx: VerifyContext) -> list[Finding]:
    """A text target ("WTP", "BB", "Nihil"): the capaian compared on its scale, or said why not."""
    missing = is_missing_text(row.realisasi_text) or "realisasi" in row.uncached
    if row.capaian is None and not missing:
        return [
            _f(
                "warning",
                "CAPAIAN_TEKS_TIDAK_DIBANDINGKAN",
                f"Realisasi '{row.realisasi_text[:40]}' di sel {row.cells.get('realisasi')} "
                f"tidak dapat dibandingkan dengan target '{row.target_text[:40]}' (tidak pada "
                "skala yang sama), sehingga capaian tidak dihitung. Minta OPD menulis "
                "realisasi pada skala targetnya (mis. WTP/WDP, AA…D).",
                row,
                "realisasi",
            )
        ]
    return _reported_vs_computed(row, ctx)


def _merged_above(data: WorkbookData, row: IndicatorRow, name: str) -> str:
    """Why an empty cell shows a value: it is merged with the cell above ("" when it is not)."""
    column = data.columns.get(name)
    sheet = next((s for s in getattr(data.book, "sheets", ()) if s.title == row.sheet), None)
    if column is None or sheet is None or not sheet.merged:
        return ""
    c = column_index_from_string(column) - 1
    merged = sheet.merge_of(row.row - 1, c)
    if merged is None or merged[0] >= row.row - 1:
        return ""
    top = cell_ref(row.sheet, column, merged[0] + 1)
    shown = cell_shown(sheet.value(merged[0], merged[1]))
    return (
        f": sel itu digabung dengan {top} ('{shown[:40]}'), yang terbaca untuk baris "
        f"{merged[0] + 1} saja; batalkan penggabungan sel dan tulis nilainya di tiap baris"
    )


def _is_date(text: str) -> bool:
    return re.match(r"^\d{4}-\d\d-\d\d", text) is not None  # reported by the reader


def _not_number(row: IndicatorRow, name: str, text: str) -> Finding:
    cell = row.cells.get(name)
    if text.startswith("#"):
        why = f"berisi galat rumus {text}; perbaiki rumusnya"
    else:
        why = f"berisi '{text[:40]}', bukan angka; tulis angkanya saja (mis. 1.234,5)"
    return _f("error", "NILAI_BUKAN_ANGKA", f"Sel {cell} {why}.", row, name)


def _negative_counts(row: IndicatorRow) -> list[Finding]:
    """A count (orang, kasus, dokumen...) below zero: a typing or format slip ("(12)"); not
    a change of one ("Selisih", "Penurunan"), which may fall below zero."""
    out: list[Finding] = []
    if not ((row.target or 0) < 0 or (row.realisasi or 0) < 0):
        return out  # the usual row, without naming its nature
    if sifat_indikator(row.indikator, row.satuan) != "jumlah":
        return out
    if _CHANGE.search(row.indikator.lower()):
        return out  # a fall is written below zero
    for name, number, text in (
        ("target", row.target, row.target_text),
        ("realisasi", row.realisasi, row.realisasi_text),
    ):
        if number is not None and number < 0:
            cell = row.cells.get(name)
            out.append(
                _f(
                    "error",
                    "NILAI_NEGATIF",
                    f"{name.capitalize()} di sel {cell} terbaca negatif ({cell_shown(number)}, "
                    f"tertulis '{text[:40]}'), padahal indikator jumlah tidak mungkin negatif. "
                    f"Bila maksudnya {cell_shown(-number)}, tulis {cell_shown(-number)} tanpa "
                    "tanda kurung atau minus.",
                    row,
                    name,
                )
            )
    return out


def _polarity_rules(row: IndicatorRow, data: WorkbookData) -> list[Finding]:
    if "polaritas" not in data.columns or row.polaritas is not None:
        return []
    cell = row.cells.get("polaritas")
    if is_missing_text(row.polaritas_text):
        return [
            _f(
                "warning",
                "POLARITAS_KOSONG",
                f"Polaritas di sel {cell} kosong, sehingga capaian tidak dihitung. Isi "
                "Positif (semakin tinggi semakin baik) atau Negatif (semakin rendah semakin "
                "baik).",
                row,
                "polaritas",
            )
        ]
    return [
        _f(
            "error",
            "POLARITAS_TIDAK_DIKENAL",
            f"Polaritas '{row.polaritas_text[:40]}' di sel {cell} tidak dikenal. Tulis Positif "
            "atau Negatif.",
            row,
            "polaritas",
        )
    ]


def _capaian_rules(row: IndicatorRow, ctx: VerifyContext) -> list[Finding]:
    out: list[Finding] = []
    computed, reported = row.capaian, row.capaian_dilaporkan
    if row.target == 0 and computed is None and row.realisasi is not None:
        alasan = hitung_capaian(row.target, row.realisasi, row.polaritas).alasan
        out.append(_f("warning", "CAPAIAN_TIDAK_DAPAT_DIHITUNG", f"{alasan}.", row, "target"))
    if reported is None and "capaian" not in row.uncached and not is_missing_text(row.capaian_text):
        out.append(
            _f(
                "warning",
                "CAPAIAN_BUKAN_ANGKA",
                f"Capaian di sel {row.cells.get('capaian')} bukan angka "
                f"('{row.capaian_text[:40]}'); capaian dihitung dari target dan realisasi.",
                row,
                "capaian",
            )
        )
    out += _reported_vs_computed(row, ctx)
    if computed is not None and not ctx.outlier_low <= computed <= ctx.outlier_high:
        field = "capaian" if "capaian" in row.cells else "realisasi"
        out.append(
            _f(
                "warning",
                "CAPAIAN_EKSTREM",
                f"Capaian {format_angka(computed)}% di luar kewajaran "
                f"({format_angka(ctx.outlier_low, 0)}–{format_angka(ctx.outlier_high, 0)}%). "
                "Periksa target, realisasi dan satuannya.",
                row,
                field,
            )
        )
    elif computed is not None and 0 < computed <= ctx.outlier_high / 100 and _in_percent(row):
        out += _scale_mismatch(row, computed)
    return out


def _in_percent(row: IndicatorRow) -> bool:
    satuan = row.satuan.lower()
    return "%" in satuan or "persen" in satuan


def _scale_mismatch(row: IndicatorRow, computed: float) -> list[Finding]:
    """A percent indicator whose capaian is a hundredth of a plausible one: one of its values
    looks written as a fraction (0,92 for 92%) beside the other in percent."""
    values = [(n, v) for n, v in (("target", row.target), ("realisasi", row.realisasi)) if v]
    fractions = [(n, v) for n, v in values if abs(v) <= 1]
    if len(values) != 2 or len(fractions) != 1:
        return []
    name, value = fractions[0]
    return [
        _f(
            "warning",
            "CAPAIAN_SKALA_BERBEDA",
            f"Capaian hanya {format_angka(computed)}%: {name} {cell_shown(value)} tampak "
            f"ditulis sebagai pecahan, bila maksudnya {cell_shown(round(value * 100, 9))}%. "
            "Periksa target dan realisasinya; tulis keduanya dalam persen.",
            row,
            name,
        )
    ]


def _reported_vs_computed(row: IndicatorRow, ctx: VerifyContext) -> list[Finding]:
    """The capaian the OPD wrote against the one computed (a ratio, or a different number)."""
    out: list[Finding] = []
    computed, reported = row.capaian, row.capaian_dilaporkan
    if computed is not None and reported is not None and abs(reported - computed) > ctx.tolerance:
        if abs(reported * 100.0 - computed) <= ctx.tolerance:
            code, how = "CAPAIAN_RASIO", "ditulis sebagai pecahan; tulis dalam persen"
        else:
            code, how = "CAPAIAN_BERBEDA", "periksa rumus, target, realisasi dan polaritasnya"
        out.append(
            _f(
                "warning",
                code,
                f"Capaian tertulis {format_angka(reported)} di sel "
                f"{row.cells.get('capaian')}, hasil hitung {format_angka(computed)}; {how}.",
                row,
                "capaian",
            )
        )
    return out


def _duplicates(rows: Sequence[IndicatorRow]) -> list[Finding]:
    seen: dict[tuple[str, str], IndicatorRow] = {}
    out: list[Finding] = []
    for row in rows:
        key = (normalize_indikator(row.sasaran), normalize_indikator(row.indikator))
        if not key[1]:
            continue
        first = seen.setdefault(key, row)
        if first is not row:
            out.append(
                _f(
                    "warning",
                    "INDIKATOR_GANDA",
                    f"Indikator '{row.indikator[:60]}' sudah ada di baris {first.row}. Hapus "
                    "salah satunya atau bedakan namanya.",
                    row,
                    "indikator",
                )
            )
    return out


def _previous_period(rows: Sequence[IndicatorRow], ctx: VerifyContext) -> list[Finding]:
    out: list[Finding] = []
    current = {normalize_indikator(r.indikator): r for r in rows}
    for prev in ctx.previous_period_rows:
        key = normalize_indikator(prev.indikator)
        row = current.get(key)
        if row is None:
            out.append(
                Finding(
                    "warning",
                    "INDIKATOR_HILANG",
                    f"Indikator periode lalu '{prev.indikator[:60]}' tidak ada di berkas ini. "
                    "Tambahkan, atau jelaskan perubahannya di kolom Keterangan.",
                )
            )
        elif row.capaian is not None and prev.capaian is not None:
            delta = row.capaian - prev.capaian
            if abs(delta) > ctx.jump_points:
                out.append(
                    _f(
                        "warning",
                        "LONJAKAN_CAPAIAN",
                        f"Capaian berubah {format_angka(delta)} poin dari periode lalu "
                        f"({format_angka(prev.capaian)} menjadi {format_angka(row.capaian)}). "
                        "Pastikan angkanya benar atau jelaskan di Keterangan.",
                        row,
                        "capaian" if "capaian" in row.cells else "realisasi",
                    )
                )
    return out


def _previous_revision(rows: Sequence[IndicatorRow], ctx: VerifyContext) -> list[Finding]:
    out: list[Finding] = []
    previous = {normalize_indikator(p.indikator): p for p in ctx.previous_revision_rows}
    for row in rows:
        prev = previous.get(normalize_indikator(row.indikator))
        if prev is None or prev.target is None or row.target is None:
            continue
        if abs(prev.target - row.target) > 1e-9 * max(1.0, abs(prev.target)):
            out.append(
                _f(
                    "warning",
                    "TARGET_BERUBAH",
                    f"Target berubah dari {format_angka(prev.target)} menjadi "
                    f"{format_angka(row.target)} sejak kiriman sebelumnya. Pastikan "
                    "perubahan target ini disengaja.",
                    row,
                    "target",
                )
            )
    return out
