"""Rows as a person reads them, under a located header: which rows are indicators.

Section rows (a sasaran or program heading with no values) give the sasaran of the rows under
them; numbering rows "(1) (2) (3)" wherever they stand, repeated header rows, summary rows
(Rata-rata, Jumlah, Total, Predikat), notes (Faktor pendorong/penghambat, Tindak lanjut) are
skipped and listed; a signature block ends the table; a row under a merged indicator cell
belongs to that indicator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter

from kinerja_app.importer.data import BarisDilewati, Finding, cell_ref
from kinerja_app.importer.header import Tabel, is_header_like
from kinerja_app.importer.layout import classify_label, is_numbering_row, normalize_label
from kinerja_app.importer.nilai import sifat_indikator
from kinerja_app.importer.numbers import cell_text, parse_text_number
from kinerja_app.storage.files import strip_control

MAX_DATA_ROWS = 5000
EMPTY_RUN_STOP = 30  # this many empty rows in a row end the table
_SUMMARY = re.compile(
    r"^(jumlah|sub ?total|total|rata[- ]?rata|rerata|nilai rata|predikat|kategori|"
    r"nilai capaian|capaian (kinerja )?(rata|sasaran|keseluruhan)|indeks capaian|skor)",
    re.IGNORECASE,
)
# what may follow a summary word on a summary row ("Jumlah", "Rata-rata capaian sasaran 1 (%)");
# anything else names what is counted ("Jumlah dokumen RKPD", "Skor Pola Pangan Harapan")
_SUMMARY_REST = re.compile(
    r"^([\s\d.,:;()%/*=+-]|\b(sasaran|strategis|program|kegiatan|sub|iku|ikk|indikator|nilai|"
    r"total|rata|rerata|predikat|skor|kategori|tingkat|realisasi|target|anggaran|rp|pagu|"
    r"dana|belanja|keuangan|fisik|urusan|bidang|opd|perangkat|daerah|akhir|tahun|triwulan|"
    r"tw|semester|persen|i|ii|iii|iv|v|vi|dan|per|dari|seluruh|keseluruhan)\b)*$",
    re.IGNORECASE,
)
_MONTHS = (
    r"(januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober|"
    r"nopember|november|desember|jan|feb|mar|apr|jun|jul|agu|agt|ags|sep|okt|nov|des)\.?"
)
_NOTE = re.compile(
    r"^(faktor (pendorong|penghambat|pendukung)|tindak lanjut|keterangan\s*:|catatan\s*:|"
    r"sumber( data)?\s*:|ket\s*:|\*|analisis|kendala|solusi|rekomendasi\s*:)",
    re.IGNORECASE,
)
_FOOTER = re.compile(
    r"^(nip\.?\b|mengetahui|menyetujui|kepala\s|plt\.?\s|pj\.?\s|plh\.?\s|a\.n\.?\s|"
    r"pihak (pertama|kedua)|disusun|dievaluasi|dibuat oleh|diperiksa|pembina|penata|"
    r"[a-z .]+,\s*\d{1,2}\s+\w+\s+20\d\d$|"
    rf"[a-z .]+,[\s._-]*{_MONTHS}\s+20\d\d$)",  # the day left blank for the wet signature
    re.IGNORECASE,
)
_SECTION_PREFIX = re.compile(
    r"^\s*((sasaran( strategis| program| kegiatan)?|tujuan|program|kegiatan|ss)\s*[-.]?\s*"
    r"\d*\s*[:.)-]\s*|[0-9ivx]{1,4}[.)]\s+|[a-z][.)]\s+)",
    re.IGNORECASE,
)
# a heading written in the indicator column: "Sasaran 2: ...", "Program ...", "Urusan ..."
_SECTION_WORD = re.compile(
    r"^\s*([0-9ivx]{1,4}[.)]?\s+)?(sasaran|tujuan|program|kegiatan|sub kegiatan|urusan|"
    r"bidang|misi|visi|ss|iku|ikk)\b",
    re.IGNORECASE,
)
# a sasaran is stated as a nominalised verb: "Meningkatnya ...", "Terwujudnya ..."
_STATEMENT = re.compile(r"^\s*([0-9ivx]{1,4}[.)]?\s+)?(me|ter|ber|di|ke)\w+nya\b", re.IGNORECASE)
LABEL_FIELDS = ("no", "sasaran", "indikator", "satuan", "program")


@dataclass(slots=True)
class RawRow:
    """A table row: values by field, their cells, text, and the sasaran it stands under."""

    row: int  # 1-based sheet row
    values: dict[str, Any]
    cells: dict[str, str]
    texts: dict[str, str]
    quarters: dict[str, dict[int, Any]] = field(default_factory=dict)
    quarter_cells: dict[str, dict[int, str]] = field(default_factory=dict)
    sasaran: str = ""
    percent: set[str] = field(default_factory=set)


def text_of(value: object) -> str:
    """Cell text without control characters (they break the .docx/.xlsx written later)."""
    if isinstance(value, str):
        text = value.strip()
        return text if text.isprintable() else strip_control(text)
    return "" if value is None else cell_text(value)


def section_title(text: str) -> str:
    """A section row's text without its numbering ("Sasaran Strategis 1: Meningkatnya ...")."""
    cleaned = _SECTION_PREFIX.sub("", text, count=1).strip()
    return cleaned or text.strip()


def row_signature(values: list[Any]) -> str:
    """A row's text as a key that stays the same next period ("(1)|(2)|(3)", "rata-rata ...")."""
    texts = [normalize_label(v) for v in values if cell_text(v)]
    words = [t for t in texts if not re.fullmatch(r"[\d.,\s%-]+", t) or len(texts) <= 12]
    return "|".join(words[:12])[:300]


def read_rows(
    tabel: Tabel,
    findings: list[Finding],
    excluded: frozenset[int] = frozenset(),
    included: frozenset[int] = frozenset(),
) -> tuple[list[RawRow], list[BarisDilewati]]:
    """Read the rows under the header of ``tabel``.

    Args:
        tabel: the located table with its chosen columns.
        findings: the reader's findings (appended to).
        excluded: 1-based rows the Tim excluded; ``included``: rows forced in as indicators.
    Returns:
        The indicator rows and the rows skipped with their reason.
    """
    sheet = tabel.sheet
    columns = tabel.columns
    measure_cols = [columns[f] for f in ("target", "realisasi") if f in columns]
    measure_cols += [c for quarters in tabel.quarters.values() for c in quarters.values()]
    capaian_col = [columns["capaian"]] if "capaian" in columns else []
    money_cols = [k.index for k in tabel.kolom if k.money]
    header_texts = {
        normalize_label(label) for k in tabel.kolom for label in k.labels if len(label) < 60
    }
    indikator_cell = columns.get("indikator") if sheet.merged else None
    hidden = sheet.hidden_rows
    fields = tuple(columns.items())
    raws: list[RawRow] = []
    skipped: list[BarisDilewati] = []
    section = ""
    written = ""  # the last sasaran written in the sasaran column since the last section row
    empty_run = 0
    for r in range(tabel.bottom + 1, len(sheet.rows)):
        values = sheet.rows[r]
        number = r + 1
        if not any(map(_shows, values)):
            empty_run += 1
            if empty_run >= EMPTY_RUN_STOP:
                break
            continue
        empty_run = 0
        width = len(values)
        # an empty cell's text without a call: a fifth of the cells of a table are empty
        texts = {f: "" if c >= width or (v := values[c]) is None else text_of(v) for f, c in fields}
        label = texts.get("indikator") or texts.get("sasaran") or texts.get("program") or ""
        label = label or next((cell_text(v) for v in values if v is not None), "")
        measures = [values[c] for c in measure_cols if c < width]
        stated = [values[c] for c in capaian_col if c < width]
        # a target or realisation; a capaian alone may be a sasaran's, stated on its row
        measured = any(map(_shows, measures))
        has_value = measured or any(map(_shows, stated))
        has_number = any(map(_is_number, measures)) or any(map(_is_number, stated))

        def skip(alasan: str, row: int = number, teks: str = label) -> None:
            skipped.append(BarisDilewati(row, alasan, teks[:120]))

        if number in excluded:
            skip("dikecualikan oleh Tim")
            continue
        forced = number in included
        if not forced:
            if _short(values) and is_numbering_row(values):
                skip("baris penomoran kolom")
                continue
            if not has_value and _header_again(values, header_texts):
                skip("judul kolom berulang")
                continue
            if not has_number and _other_header(values):
                skip("judul tabel lain (akhir tabel ini)")
                break
            footer = not has_number and any(
                _FOOTER.match(v.strip()) for v in values if isinstance(v, str)
            )
            if footer:
                skip("blok tanda tangan (akhir tabel)")
                break
            if _NOTE.match(label):
                skip("catatan di bawah tabel")
                continue
            if is_summary(label):
                skip("baris ringkasan")
                continue
        merged = sheet.merge_of(r, indikator_cell) if indikator_cell is not None else None
        shared = merged is not None and merged[0] < r and bool(raws) and not forced
        if shared and not _own_values(raws[-1], tabel, r, measure_cols):
            _continue_row(raws[-1], tabel, r, number)
            skip("lanjutan indikator di atasnya (sel digabung)")
            continue
        if not shared and not measured and not texts.get("satuan") and not forced:
            # no target, realisasi or satuan: a section row (maybe with its sasaran's capaian),
            # or an indicator the OPD left empty, which is kept so that it is reported
            if has_value:
                indicator = texts.get("indikator") and not _heading(label)
            else:
                indicator = _unfilled_indicator(texts, values, money_cols)
            if not indicator:
                if texts.get("indikator") or texts.get("sasaran") or texts.get("program") or label:
                    section, written = section_title(label), ""
                    skip("baris bagian (sasaran/program)")
                continue
        if len(raws) >= MAX_DATA_ROWS:
            findings.append(
                Finding(
                    "warning",
                    "TERLALU_BANYAK_BARIS",
                    f"Hanya {MAX_DATA_ROWS} baris pertama yang dibaca; pecah datanya.",
                )
            )
            break
        if r in hidden and not forced:
            skip(HIDDEN_ROW)
            findings.append(_hidden_row(sheet.title, number, label))
            continue
        if shared:  # its own values under the indicator merged from the row above
            raw = _shared_label(raws[-1], tabel, r, number, texts, section, findings)
        else:
            raw = _raw(tabel, r, number, texts, section)
            if texts.get("sasaran"):
                written = texts["sasaran"]
        raw.sasaran = texts.get("sasaran") or written or section
        raws.append(raw)
    return raws, skipped


HIDDEN_ROW = "baris tersembunyi di lembar kerja"


def _hidden_row(sheet_title: str, number: int, label: str) -> Finding:
    """A hidden row that reads as an indicator: left out, and said (the Tim may tick it)."""
    return Finding(
        "warning",
        "BARIS_TERSEMBUNYI",
        f"Baris {number} lembar '{sheet_title}' disembunyikan di berkas dan tidak dibaca: "
        f"'{label[:80]}'. Bila baris itu indikator yang dilaporkan, centang 'Pakai' pada "
        "baris itu lewat 'Petakan kolom…'.",
        row=number,
    )


_SUMMARY_OF = re.compile(r"capaian|kinerja", re.I)


def is_summary(label: str) -> bool:
    """A summary row's label: "Jumlah", "Rata-rata capaian kinerja (%)", "Predikat" (not
    "Jumlah dokumen RKPD", which names what it counts)."""
    m = _SUMMARY.match(label)
    if m is None:
        return False
    rest = label[m.end() :]
    return _SUMMARY_REST.match(rest) is not None or _SUMMARY_OF.search(rest) is not None


def _heading(label: str) -> bool:
    """A sasaran or program heading: "Sasaran 2: ...", "Program ...", "Meningkatnya ..."."""
    return _SECTION_WORD.match(label) is not None or _STATEMENT.match(label) is not None


def _filled(values: list[Any], c: int) -> bool:
    return c < len(values) and _shows(values[c])


def _shows(value: object) -> bool:
    """Whether a cell shows something (a blank text shows nothing)."""
    if type(value) is float:  # the usual number cell, before the checks of other types
        return True
    if isinstance(value, str):
        return bool(value.strip())
    if value is None:
        return False
    return isinstance(value, int | float) or bool(cell_text(value))


def _short(values: list[Any]) -> bool:
    """No text longer than a column number or a short label."""
    # a loop, not all(<generator>): a generator costs more than the few cells looked at
    for v in values:  # noqa: SIM110
        if isinstance(v, str) and len(v) > 24:
            return False
    return True


def _unfilled_indicator(texts: dict[str, str], values: list[Any], money_cols: list[int]) -> bool:
    """A row naming an indicator whose values the OPD left empty (kept, so that it is reported
    empty): its name is in the indicator column and reads as an indicator ("Persentase ...",
    "Jumlah ...", not "Sasaran 2: ..."), or its budget cells (Rp) are filled, as in E.81."""
    name = texts.get("indikator", "")
    if not name or _heading(name) or is_summary(name):
        return False
    if any(_filled(values, c) for c in money_cols):
        return True
    return sifat_indikator(name, "") is not None


def _own_values(previous: RawRow, tabel: Tabel, r: int, measure_cols: list[int]) -> bool:
    """Whether a row under a merged indicator cell has a target or realisation of its own where
    the row above has one too (APM SD and SMP under one "Angka Partisipasi Murni")."""
    sheet = tabel.sheet
    above = previous.row - 1
    return any(
        cell_text(sheet.value(r, c)) and cell_text(sheet.value(above, c)) for c in measure_cols
    )


def _qualifier(tabel: Tabel, r: int) -> str:
    """Short texts of a row in columns that are no field ("SD", "SMP" under "Jenjang")."""
    used = set(tabel.columns.values())
    used |= {c for quarters in tabel.quarters.values() for c in quarters.values()}
    parts = []
    for k in tabel.kolom:
        value = tabel.sheet.value(r, k.index)
        merged = tabel.sheet.merge_of(r, k.index)
        if k.index in used or k.money or (merged is not None and merged[0] < r):
            continue
        if isinstance(value, str) and 0 < len(value.strip()) <= 40 and not _is_number(value):
            parts.append(value.strip())
    return ", ".join(parts)


def _shared_label(
    previous: RawRow,
    tabel: Tabel,
    r: int,
    number: int,
    texts: dict[str, str],
    section: str,
    findings: list[Finding],
) -> RawRow:
    """A row of its own under an indicator cell merged over several rows: read as a separate
    indicator named by the merged cell and what tells the rows apart, with a warning."""
    c = tabel.columns["indikator"]
    name = text_of(tabel.sheet.shown(r, c))
    raw = _raw(tabel, r, number, texts, section)
    qualifier = _qualifier(tabel, r)
    raw.texts["indikator"] = f"{name} ({qualifier})" if qualifier else name
    if previous.texts.get("indikator") == name:
        first = _qualifier(tabel, previous.row - 1)
        if first:
            previous.texts["indikator"] = f"{name} ({first})"
    top = (tabel.sheet.merge_of(r, c) or (r, c, r, c))[0] + 1
    cell = cell_ref(tabel.sheet.title, get_column_letter(c + 1), top)
    findings.append(
        Finding(
            "warning",
            "INDIKATOR_DIGABUNG",
            f"Sel indikator {cell} digabung atas beberapa baris yang masing-masing berisi "
            f"target/realisasi sendiri; baris {number} dibaca sebagai indikator tersendiri "
            f"('{raw.texts['indikator'][:60]}'). Pastikan pembacaan ini benar.",
            raw.cells.get("indikator"),
            number,
        )
    )
    return raw


def _header_again(values: list[Any], header_texts: set[str]) -> bool:
    return sum(1 for v in values if v is not None and normalize_label(v) in header_texts) >= 2


def _other_header(values: list[Any]) -> bool:
    named = sum(1 for v in values if classify_label(v) is not None)
    return named >= 2 and is_header_like(values, 60)


def _is_number(value: object) -> bool:
    if type(value) is float:  # the usual number cell, before the checks of other types
        return True
    if isinstance(value, int | float) and not isinstance(value, bool):
        return True
    return isinstance(value, str) and parse_text_number(value) is not None


def _prefix(sheet_title: str, col: int) -> str:
    return cell_ref(sheet_title, get_column_letter(col + 1), 0)[:-1]  # "Sheet1!F"


def _raw(tabel: Tabel, r: int, number: int, texts: dict[str, str], section: str) -> RawRow:
    sheet = tabel.sheet
    prefixes = tabel.prefixes
    if not prefixes:
        prefixes.update({c: _prefix(sheet.title, c) for c in range(sheet_width(tabel))})
    row_number = str(number)
    row = sheet.rows[r]
    width = len(row)
    percent_cols = sheet.percent_columns(r)
    columns = tabel.columns
    # comprehensions, not one loop filling three dicts: a third less time on the hot path
    values: dict[str, Any] = {name: row[c] if c < width else None for name, c in columns.items()}
    cells = {name: prefixes[c] + row_number for name, c in columns.items()}
    percent = {name for name, c in columns.items() if c in percent_cols} if percent_cols else set()
    if "sasaran" in values:  # a sasaran merged over its indicators is read on each of them
        shown = sheet.shown(r, columns["sasaran"])
        if shown is not values["sasaran"]:  # the same cell's text is already in texts
            values["sasaran"] = shown
            texts["sasaran"] = text_of(shown)
    raw = RawRow(number, values, cells, texts, sasaran=texts.get("sasaran") or section)
    raw.percent = percent
    for name, quarters in tabel.quarters.items():
        raw.quarters[name] = {q: sheet.value(r, c) for q, c in quarters.items()}
        raw.quarter_cells[name] = {q: prefixes[c] + row_number for q, c in quarters.items()}
        for q, c in quarters.items():
            if percent_cols and c in percent_cols:
                percent.add(f"{name}:{q}")
    return raw


def sheet_width(tabel: Tabel) -> int:
    """Columns a cell reference may be needed for: every chosen column and quarter."""
    used = list(tabel.columns.values())
    used += [c for quarters in tabel.quarters.values() for c in quarters.values()]
    return max(used, default=0) + 1


def _continue_row(previous: RawRow, tabel: Tabel, r: int, number: int) -> None:
    """A row under a merged indicator cell: its values fill what the indicator lacks."""
    for name, c in tabel.columns.items():
        value = tabel.sheet.value(r, c)
        if cell_text(value) and not cell_text(previous.values.get(name)):
            previous.values[name] = value
            previous.texts[name] = text_of(value)
            previous.cells[name] = cell_ref(tabel.sheet.title, get_column_letter(c + 1), number)
