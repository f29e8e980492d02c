"""Headers as a person reads them: a block of up to five header rows, each column read through
the labels above it (merged group labels included, nested either way), then the evaluated
year's annual target, realisation and capaian chosen among the columns.

A column is described by what its labels say: the field (target, realisasi, capaian, ...),
money or performance (K/Rp), a year, a scope (the year evaluated, the five-year Renstra/RPJMD
target, cumulative up to last year, the baseline) and a period (a quarter, the whole year).
Money, Renstra, "s.d. tahun lalu" and baseline columns are never the year's value. When two
candidates remain, nothing is chosen and a blocking finding names them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from kinerja_app.importer.data import Finding
from kinerja_app.importer.grid import Sheet
from kinerja_app.importer.layout import (
    HEAD_ROWS,
    YEAR,
    classify_label,
    is_numbering_row,
    normalize_label,
)
from kinerja_app.importer.numbers import cell_text

MAX_HEADER_ROWS = 5
VALUE_FIELDS = ("target", "realisasi", "capaian")
_SIMPLE_FIELDS = ("no", "sasaran", "indikator", "satuan", "polaritas", "keterangan", "program")
_WEIGHTS = {"indikator": 3, "target": 2, "realisasi": 2, "capaian": 1, "satuan": 1}
_EXCLUDED_SCOPES = ("akhir", "lalu", "awal", "kumulatif")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_QUARTER = re.compile(r"\b(?:tw|triwulan|trw|tri wulan|q)\s*[-.]?\s*(iv|i{1,3}|[1-4])\b")
_SEMESTER = re.compile(r"\b(?:semester|smt|sm)\s*[-.]?\s*(ii|i|[12])\b")
_UNTIL = re.compile(r"\b(s\.?\s?d\.?|s/d|sampai dengan|sampai)\b")
_ANNUAL = re.compile(
    r"\b(jumlah|total|tahunan|akhir tahun|setahun|1 tahun|satu tahun|kumulatif|akumulasi)\b"
)
_MONEY = re.compile(r"^\(?rp\.?\)?$|\brp\b|\(rp|anggaran|keuangan|\bpagu\b|\bdana\b|rupiah|biaya")
_KINERJA = re.compile(r"^(k|kin|kinerja|fisik|volume|vol|output|outcome|target kinerja)$")
# vocabulary of header cells that are not field names: groups, periods, units of a column
_HEADER_WORDS = re.compile(
    r"^(k|rp\.?|\(rp\)|rp\.? ?\(.{1,12}\)|\(rp\.? ?.{0,12}\)|anggaran.{0,20}|"
    r"kinerja|keuangan|fisik|volume|i{1,3}|iv|v|tw.*|triwulan.*|"
    r"semester.*|jumlah|total|tahunan|%|\(%\)|kondisi.*|data.*|tahun.*|pagu.*|"
    r"unit.*|penanggung.*|kode|lokasi|bobot.*|5t|1t|r|pk|renja.*|renstra.*|perubahan|murni|"
    r"awal|akhir|januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|"
    r"november|desember|bulan.*|kumulatif|s\.?d\.?.*|s/d.*|pihak.*|formulasi.*|cara.*|"
    r"sumber data|ket.*|catatan)$"
)


@dataclass(frozen=True)
class Kolom:
    """One column of the table as its header labels describe it (``index`` 0-based)."""

    index: int
    labels: tuple[str, ...]
    field: str | None
    money: bool = False
    kinerja: bool = False  # marked "K"
    year: int | None = None
    scope: str | None = None  # "tahun", "akhir", "lalu", "awal", "kumulatif"
    period: str | None = None  # "tw1".."tw4", "tahunan"
    kumulatif: bool = False  # a quarter labelled "s.d. TW" / "kumulatif"
    sasaran_level: bool = False

    @property
    def letter(self) -> str:
        """The sheet column letter ("F")."""
        return str(get_column_letter(self.index + 1))

    @property
    def text(self) -> str:
        """The labels as one line ("Realisasi Kinerja Pada Triwulan / I / K")."""
        return " / ".join(" ".join(label.split()) for label in self.labels)

    def named(self) -> str:
        """How a finding names this column: ``F ("Target 2025")``."""
        return f'{self.letter} ("{self.text[:70]}")'


@dataclass
class Tabel:
    """A located data table and the columns chosen for each field (0-based rows/columns)."""

    sheet: Sheet
    top: int
    bottom: int
    kolom: list[Kolom]
    columns: dict[str, int] = field(default_factory=dict)
    quarters: dict[str, dict[int, int]] = field(default_factory=dict)  # field -> quarter -> col
    kumulatif: bool = False
    tahun: int | None = None
    findings: list[Finding] = field(default_factory=list)
    score: int = 0
    skipped_header_rows: tuple[int, ...] = ()
    capaian_sasaran: int | None = None
    prefixes: dict[int, str] = field(default_factory=dict)  # column -> "Sheet1!F"

    @property
    def header_row(self) -> int:
        """The last header row, 1-based (data starts below it)."""
        return self.bottom + 1


def is_header_like(values: Sequence[object], limit: int = 160) -> bool:
    """A row made only of header vocabulary: field names, groups, K/Rp, TW, years.

    ``limit`` bounds a label's length: rows under the first header row hold short labels
    ("Target", "TW I", "K"); a long text there is a section row ("Sasaran Strategis 1: ...").
    """
    texts = [cell_text(v) for v in values if cell_text(v)]
    if not texts or any(len(t) > limit or re.search(r":\s*\S", t) for t in texts):
        return False
    for value in values:
        text = cell_text(value)
        if not text:
            continue
        if isinstance(value, int | float) and not isinstance(value, bool):
            if not 2000 <= value <= 2100:
                return False  # a number other than a year is data
            continue
        low = normalize_label(text)
        if len(low) > 160:
            return False
        if classify_label(text) is None and not _HEADER_WORDS.match(low) and not YEAR.search(low):
            return False
    return True


def find_tables(sheet: Sheet) -> list[Tabel]:
    """Candidate header blocks of a sheet, best first.

    A block starts at a row naming the indicator column (or a combined "Sasaran / IKU"
    column), goes down over rows that are only header vocabulary or a numbering row, and
    up over group rows ("Tahun 2025" above Target/Realisasi) when no merge tells the same.
    """
    found: list[Tabel] = []
    limit = min(len(sheet.rows), HEAD_ROWS)
    for top in range(limit):
        row = sheet.rows[top]
        fields = {classify_label(v) for v in row}
        if not fields & {"indikator", "kombinasi"}:
            continue
        start = top
        while start > 0 and top - start < 2:
            above = sheet.rows[start - 1]
            if not is_header_like(above, 60) or sum(1 for v in above if cell_text(v)) < 1:
                break
            if sum(1 for v in above if cell_text(v)) == 1 and len(row) > 3:
                break  # a lone title cell ("TAHUN 2025") is a title, not a group row
            start -= 1
        bottom = top
        skipped: list[int] = []
        r = top + 1
        while r < len(sheet.rows) and r - start < MAX_HEADER_ROWS + 1:
            values = sheet.rows[r]
            if is_numbering_row(values):
                skipped.append(r)
            elif is_header_like(values, 45):
                bottom = r
            else:
                break
            r += 1
        skipped = [s for s in skipped if s < bottom]
        tabel = Tabel(sheet, start, bottom, [], skipped_header_rows=tuple(skipped))
        tabel.kolom = describe_columns(sheet, start, bottom, set(skipped))
        names = {k.field for k in tabel.kolom}
        if not names & {"target", "realisasi"}:
            continue
        tabel.score = sum(_WEIGHTS.get(f or "", 0) for f in names) - (bottom - start)
        found.append(tabel)
    return sorted(found, key=lambda t: -t.score)


def _label_at(sheet: Sheet, r: int, c: int, top: int, bottom: int) -> str:
    value = sheet.shown(r, c)
    text = cell_text(value)
    if text or sheet.merge_of(r, c) is not None or r >= bottom:
        return text
    # no merge information (ODS, centred across): a group label spans to the right over the
    # columns that have labels below, as long as its own column has one below too
    if not cell_text(sheet.value(r + 1, c)):
        return ""
    left = c - 1
    while left >= 0 and not cell_text(sheet.value(r, left)):
        if not cell_text(sheet.value(r + 1, left)):
            return ""
        left -= 1
    if left < 0 or not cell_text(sheet.value(r + 1, left)):
        return ""
    return cell_text(sheet.value(r, left))


def describe_columns(sheet: Sheet, top: int, bottom: int, skipped: set[int]) -> list[Kolom]:
    """Read every column of a header block into a :class:`Kolom`."""
    width = max((len(sheet.rows[r]) for r in range(top, bottom + 1)), default=0)
    out: list[Kolom] = []
    for c in range(width):
        labels: list[str] = []
        for r in range(top, bottom + 1):
            if r in skipped:
                continue
            text = _label_at(sheet, r, c, top, bottom)
            if text and (not labels or labels[-1] != text):
                labels.append(text)
        if labels:
            out.append(_describe(c, tuple(labels)))
    return out


def _describe(index: int, labels: tuple[str, ...]) -> Kolom:
    field_name: str | None = None
    for label in reversed(labels):  # the lowest label naming a field decides
        found = classify_label(label)
        if found is not None:
            field_name = found
            break
    lows = [normalize_label(label) for label in labels]
    joined = " | ".join(lows)
    money = any(_MONEY.search(low) and "kinerja" not in low for low in lows)
    kinerja = any(_KINERJA.match(low) for low in lows)
    if kinerja and not _MONEY.match(lows[-1]):
        money = False
    years = [int(y) for y in YEAR.findall(joined)]
    year = years[-1] if years else None
    scope = _scope(joined)
    period, kumulatif = _period(lows)
    if field_name == "kombinasi":
        field_name = "indikator"
    sasaran_level = field_name == "capaian" and "sasaran" in joined
    return Kolom(index, labels, field_name, money, kinerja, year, scope, period, kumulatif,
                 sasaran_level)  # fmt: skip


def _scope(joined: str) -> str | None:
    if re.search(
        r"kondisi awal|capaian (pada )?awal|tahun awal|baseline|data awal|\bawal\b", joined
    ):
        return "awal"
    evaluated = re.search(r"yang di ?evaluasi|tahun berjalan|tahun ini|tahunan", joined)
    if "renstra" in joined and _UNTIL.search(joined):
        return "kumulatif" if not re.search(r"tahun lalu|sebelum", joined) else "lalu"
    if re.search(r"tahun lalu|tahun sebelumnya|\bn ?- ?1\b|\bn ?- ?2\b", joined) and not evaluated:
        return "lalu"
    if re.search(
        r"akhir periode|kondisi akhir|target akhir|akhir renstra|rpjmd|lima tahun", joined
    ):
        return "akhir"
    if "renstra" in joined and not evaluated and len(set(YEAR.findall(joined))) != 1:
        return "akhir"  # "Target Renstra 2025" is that year's target: its year decides
    if _UNTIL.search(joined) and re.search(r"s\.?\s?d\.?\s*(tahun|th)|s/d\s*(tahun|th)", joined):
        return "kumulatif"
    return "tahun" if evaluated else None


def period_of(text: str) -> str | None:
    """The period a label or a sheet name speaks of: "tw1".."tw4" ("TW IV", "Triwulan 2",
    "Semester II"), "tahunan", or ``None``."""
    return _period([normalize_label(text)])[0]


def _period(lows: Sequence[str]) -> tuple[str | None, bool]:
    joined = " | ".join(lows)
    in_quarters = bool(re.search(r"triwulan|\btw\b|\btrw\b", joined))
    cumulative = bool(re.search(r"kumulatif|akumulasi", joined)) or bool(
        _UNTIL.search(joined) and re.search(r"(s\.?\s?d\.?|s/d)\s*(tw|triwulan)", joined)
    )
    for low in reversed(lows):
        if (m := _QUARTER.search(low)) is not None:
            q = _ROMAN.get(m.group(1)) or int(m.group(1))
            return f"tw{q}", cumulative
        if (m := _SEMESTER.search(low)) is not None:
            return ("tw4" if m.group(1) in ("ii", "2") else "tw2"), cumulative
        if in_quarters and low in _ROMAN:
            return f"tw{_ROMAN[low]}", cumulative
        if in_quarters and low in {"1", "2", "3", "4"}:
            return f"tw{low}", cumulative
        if _ANNUAL.search(low):
            return "tahunan", False
    return None, False


# --- choosing the columns ----------------------------------------------------------------------
def choose_columns(tabel: Tabel, tahun: int | None, title_year: int | None) -> None:
    """Pick each field's column for the evaluated year; ambiguities become blocking findings.

    Args:
        tabel: a located table (its ``kolom`` described).
        tahun: the year being evaluated (the period), ``None`` when unknown (CLI).
        title_year: a year written in the title rows.
    """
    for name in _SIMPLE_FIELDS:
        options = [k for k in tabel.kolom if k.field == name and not k.money]
        if options:
            tabel.columns[name] = options[0].index
    dated = [
        k
        for k in tabel.kolom
        if k.field in VALUE_FIELDS and not k.money and k.year and k.scope not in _EXCLUDED_SCOPES
    ]
    years = sorted({k.year for k in dated if k.year})
    year = tahun
    if years and (year is None or year not in years):
        with_real = [k.year for k in dated if k.field == "realisasi" and k.year]
        if year is None and title_year in years:
            year = title_year
        else:
            year = max(with_real) if with_real else max(years)
    tabel.tahun = year if years else None
    for name in VALUE_FIELDS:
        _choose_value(tabel, name, year if years else None)


def _usable(k: Kolom, year: int | None) -> bool:
    return (
        not k.money
        and k.scope not in _EXCLUDED_SCOPES
        and (k.year is None or year is None or k.year == year)
    )


def _choose_value(tabel: Tabel, name: str, year: int | None) -> None:
    every = [k for k in tabel.kolom if k.field == name and not k.money]
    if name == "capaian":
        level = [k for k in every if k.sasaran_level]
        if level:
            tabel.capaian_sasaran = level[0].index
        every = [k for k in every if not k.sasaran_level]
    usable = [k for k in every if _usable(k, year)]
    annual = [k for k in usable if k.period in (None, "tahunan")]
    quarters = [k for k in usable if k.period and k.period.startswith("tw")]
    if annual:
        best = _best(annual, year)
        if len(best) == 1:
            tabel.columns[name] = best[0].index
        elif name != "capaian":
            tabel.findings.append(_ambiguous(tabel, name, best, year))
        return
    if quarters and name != "capaian":
        by_quarter: dict[int, int] = {}
        for k in quarters:
            q = int((k.period or "tw0")[2:])
            if q in by_quarter:
                same = [k for k in quarters if k.period == f"tw{q}"]
                tabel.findings.append(_ambiguous(tabel, name, same, year))
                return
            by_quarter[q] = k.index
        tabel.quarters[name] = by_quarter
        tabel.kumulatif = tabel.kumulatif or any(k.kumulatif for k in quarters)
        return
    if every and name != "capaian":
        tabel.findings.append(_none_for_year(tabel, name, every, year))


def _best(options: list[Kolom], year: int | None) -> list[Kolom]:
    """The most specific candidates: the year named, "yang dievaluasi", "K" marked."""

    def rank(k: Kolom) -> tuple[int, int, int, int]:
        return (
            int(year is not None and k.year == year),
            int(k.scope == "tahun"),
            int(k.period == "tahunan"),
            int(k.kinerja),
        )

    top = max(rank(k) for k in options)
    return [k for k in options if rank(k) == top]


_LABEL = {"target": "Target", "realisasi": "Realisasi", "capaian": "Capaian"}


def _header_cell(tabel: Tabel, k: Kolom) -> str:
    return f"{tabel.sheet.title}!{k.letter}{tabel.top + 1}"


def _ambiguous(tabel: Tabel, name: str, options: Sequence[Kolom], year: int | None) -> Finding:
    tahun = f" tahun {year}" if year else ""
    names = " atau ".join(k.named() for k in options[:4])
    return Finding(
        "error",
        "KOLOM_GANDA",
        f"Ada lebih dari satu kolom yang bisa berisi {_LABEL[name].lower()}{tahun}: {names}. "
        "Pilih kolom yang benar lewat 'Petakan kolom…'; pilihan itu diingat untuk berkas OPD "
        "ini berikutnya.",
        _header_cell(tabel, options[0]),
    )


def _none_for_year(tabel: Tabel, name: str, options: Sequence[Kolom], year: int | None) -> Finding:
    what = {
        "akhir": "target akhir periode Renstra/RPJMD",
        "lalu": "capaian s.d. tahun lalu",
        "awal": "kondisi awal",
        "kumulatif": "kumulatif Renstra s.d. tahun ini",
    }
    parts = [f"{k.named()}: {what.get(k.scope or '', f'tahun {k.year}')}" for k in options[:4]]
    tahun = f" tahun {year}" if year else " tahunan"
    return Finding(
        "error",
        f"{name.upper()}_TAHUNAN_TIDAK_ADA",
        f"Tidak ada kolom {_LABEL[name].lower()}{tahun}. Yang ada: {'; '.join(parts)}. "
        f"Tambahkan kolom {_LABEL[name].lower()}{tahun}, atau tunjukkan kolomnya lewat "
        "'Petakan kolom…'.",
        _header_cell(tabel, options[0]),
    )
