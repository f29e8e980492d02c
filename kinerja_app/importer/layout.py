"""Recognising a data table in a sheet: header labels, header years, numbering rows, polarity."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from kinerja_app.importer.numbers import cell_text
from kinerja_app.rekap.capaian import Polaritas

HEAD_ROWS = 40  # a header further down than this is not looked for
_WEIGHTS = {"indikator": 3, "target": 2, "realisasi": 2, "capaian": 1, "satuan": 1}
_YEAR = re.compile(r"\b(20\d\d)\b")
_NUMBERING = re.compile(r"^\(?\s*\d{1,2}\s*\)?\.?$")
_TITLE_YEAR = re.compile(r"\btahun\s+(?:anggaran\s+)?(20\d\d)\b", re.IGNORECASE)
_OPD_WORDS = re.compile(
    r"\b(dinas|badan|kantor|sekretariat|inspektorat|satuan polisi|kecamatan|rsud|"
    r"rumah sakit|bagian|kelurahan)\b",
    re.IGNORECASE,
)
_OPD_LABEL = re.compile(
    r"^\s*(perangkat daerah|nama opd|opd|unit kerja|instansi|skpd)\s*[:=]\s*", re.IGNORECASE
)


def normalize_label(value: object) -> str:
    """Lower-case a header cell with whitespace collapsed and year numbers kept."""
    return re.sub(r"\s+", " ", cell_text(value).lower()).strip()


def classify_label(value: object) -> str | None:
    """Which field a header label names ("Target 2025" → "target"), or ``None``."""
    if not isinstance(value, str) or not value or len(value) > 120:
        return None  # headers are short texts; numbers and long paragraphs are not
    return _classify_text(value)


@functools.lru_cache(maxsize=4096)
def _classify_text(value: str) -> str | None:
    text = _YEAR.sub(" ", normalize_label(value))
    text = re.sub(r"tahun|th\.|\(|\)|:|\*", " ", text)
    text = re.sub(r"\s+", " ", text).strip(" .-")
    if not text:
        return None
    if text in {"no", "no.", "nomor", "no urut", "nmr"}:
        return "no"
    if text.startswith("target"):
        return "target"
    if text.startswith("realisasi"):
        return "realisasi"
    if "capaian" in text:
        return "capaian"
    # before "indikator": "Sifat Indikator" / "Karakteristik Indikator" name the polarity
    if text.startswith(("polaritas", "karakteristik", "polarisasi", "sifat indikator")):
        return "polaritas"
    if "indikator" in text or text == "iku" or text.startswith("iku "):
        return "indikator"
    if text.startswith(("sasaran", "tujuan/sasaran")):
        return "sasaran"
    if text.startswith("satuan"):
        return "satuan"
    if text in {"ket", "ket."} or text.startswith(("keterangan", "catatan")):
        return "keterangan"
    return None


@dataclass(frozen=True)
class HeaderMatch:
    """A header row found in a sheet: ``columns`` maps a field to a 0-based column index."""

    row: int
    columns: dict[str, int]
    score: int
    tahun: int | None


def find_header(rows: Sequence[Sequence[object]], tahun: int | None = None) -> HeaderMatch | None:
    """Find the best header row among the first rows of a sheet.

    A header names at least the indikator and a target or realisasi. A label left empty
    in the header row is taken from the row above (two-row headers whose upper cells are
    merged down, with "Tahun 2025" spanning Target/Realisasi).

    Args:
        rows: the first rows of a sheet, as values (index 0 is sheet row 1).
        tahun: the expected year, to choose between "Target 2024" and "Target 2025".
    Returns:
        The best match, or ``None``.
    """
    best: HeaderMatch | None = None
    for index, values in enumerate(rows[:HEAD_ROWS]):
        if sum(isinstance(v, str) for v in values) < 2:
            continue  # a header row has at least two labels of its own
        above = rows[index - 1] if index > 0 else ()
        match = _match_row(index + 1, values, above, tahun)
        if match is not None and (best is None or match.score > best.score):
            best = match
    return best


def _match_row(
    row_number: int, values: Sequence[object], above: Sequence[object], tahun: int | None
) -> HeaderMatch | None:
    candidates: dict[str, list[tuple[int, int | None]]] = {}
    for col, value in enumerate(values):
        label = value
        if cell_text(value) == "" and col < len(above):
            label = above[col]
        field = classify_label(label)
        if field is None:
            continue
        year_match = _YEAR.search(normalize_label(label))
        year = int(year_match.group(1)) if year_match else None
        candidates.setdefault(field, []).append((col, year))
    if "indikator" not in candidates or not {"target", "realisasi"} & candidates.keys():
        return None
    columns: dict[str, int] = {}
    years: list[int] = []
    for field, options in candidates.items():
        col, year = _choose(options, tahun)
        columns[field] = col
        if year is not None and field in {"target", "realisasi", "capaian"}:
            years.append(year)
    if not years:
        years = [
            int(m.group(1))
            for value in above
            if (m := re.fullmatch(r"(?:tahun\s*)?(20\d\d)", normalize_label(value)))
        ]
    score = sum(_WEIGHTS.get(field, 1) for field in columns)
    return HeaderMatch(row_number, columns, score, years[0] if len(set(years)) == 1 else None)


def _choose(options: list[tuple[int, int | None]], tahun: int | None) -> tuple[int, int | None]:
    """Pick one column among repeated labels: the expected year, else the latest year."""
    if tahun is not None:
        for option in options:
            if option[1] == tahun:
                return option
    dated = [o for o in options if o[1] is not None]
    if dated:
        return max(dated, key=lambda o: o[1] or 0)
    return options[0]


def is_numbering_row(values: Sequence[object], columns: dict[str, int]) -> bool:
    """Whether a row under the header only numbers the columns: (1) (2) (3)... or 1 2 3..."""
    texts = [cell_text(values[c]) for c in columns.values() if c < len(values)]
    filled = [t for t in texts if t]
    if len(filled) < 3 or any(not _NUMBERING.match(t) for t in filled):
        return False
    numbers = [int(re.sub(r"\D", "", t)) for t in filled]
    return numbers == sorted(numbers) and len(set(numbers)) == len(numbers)


def title_hints(rows: Sequence[Sequence[object]]) -> tuple[str, int | None]:
    """OPD name and year written in the title rows above the header ("DINAS ... TAHUN 2025")."""
    opd = ""
    year: int | None = None
    for values in rows:
        for value in values:
            text = cell_text(value)
            if not text or len(text) > 200:
                continue
            if year is None and (m := _TITLE_YEAR.search(text)):
                year = int(m.group(1))
            if not opd:
                labelled = _OPD_LABEL.sub("", text)
                if labelled != text and labelled.strip():
                    opd = labelled.strip()
                elif (m := _OPD_WORDS.search(text)) is not None:
                    opd = re.split(r"\s+tahun\s+", text[m.start() :], flags=re.IGNORECASE)[0]
    return re.sub(r"\s+", " ", opd).strip(" :-,"), year


_NEGATIVE = re.compile(
    r"negati|minimi|\b(rendah|kecil|sedikit)\s+(semakin|makin|lebih)\s+baik|"
    r"\b(tinggi|besar|banyak)\s+(semakin|makin|lebih)\s+(buruk|jelek)|lower is better"
)
_POSITIVE = re.compile(
    r"positi|maksimi|maximi|\b(tinggi|besar|banyak)\s+(semakin|makin|lebih)\s+baik|"
    r"higher is better"
)


def parse_polaritas(value: object) -> Polaritas | None:
    """Read a polarity cell: "Positif", "Negatif", "semakin rendah semakin baik", "+", ...

    Returns ``None`` for an empty or unrecognised cell (the caller tells which by the text).
    """
    text = normalize_label(value)
    if text in {"+", "max", "naik", "meningkat"}:
        return Polaritas.POSITIF
    if text in {"min", "turun", "menurun"}:
        return Polaritas.NEGATIF
    if _NEGATIVE.search(text):
        return Polaritas.NEGATIF
    if _POSITIVE.search(text):
        return Polaritas.POSITIF
    return None
