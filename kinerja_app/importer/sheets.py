"""Which sheet to read when several hold a table: one sheet per triwulan (read the annual or
the TW IV sheet), one sheet per year (read the evaluated year's); when the sheets do not
settle it, ask with a blocking finding that names them (the Tim picks one in the mapping).
"""

from __future__ import annotations

from collections.abc import Sequence

from kinerja_app.importer.data import Finding, Severity
from kinerja_app.importer.header import Tabel, period_of
from kinerja_app.importer.layout import YEAR, title_hints
from kinerja_app.importer.numbers import cell_text

_ROMAN = {"tw1": "I", "tw2": "II", "tw3": "III", "tw4": "IV"}
Marks = dict[str, tuple[str | None, int | None]]  # sheet -> (period, year)
_NEAR = 2  # tables scoring this close to the best are the same table on another sheet


def choose_sheet(found: Sequence[Tabel], tahun: int | None) -> Tabel:
    """The table to read among the best table of each sheet (in sheet order).

    Args:
        found: one candidate table per sheet.
        tahun: the evaluated year, ``None`` when unknown.
    Returns:
        The chosen table; a note (warning) or a question (error) is put in its ``findings``.
    """
    best = max(t.score for t in found)
    top = [t for t in found if t.score >= best - _NEAR]
    first = next(t for t in top if t.score == best)
    if len(top) == 1:
        return first
    marks = {t.sheet.title: _marks(t) for t in top}
    years = {y for _, y in marks.values() if y is not None}
    if len(years) > 1:
        same = [t for t in top if marks[t.sheet.title][1] == tahun] if tahun else []
        if not same:
            latest = max(top, key=lambda t: marks[t.sheet.title][1] or 0)
            want = f"tahun {tahun}" if tahun else "tahun yang dievaluasi"
            return _ask(latest, top, marks, f"tidak ada lembar {want}")
        if len(same) == 1:
            return _note(same[0], top, marks, f"tahun {tahun}")
        top = same
    periods = [marks[t.sheet.title][0] for t in top]
    if any(p and p.startswith("tw") for p in periods):
        annual = [t for t, p in zip(top, periods, strict=True) if p in (None, "tahunan")]
        tw4 = [t for t, p in zip(top, periods, strict=True) if p == "tw4"]
        if len(annual) == 1:
            return _note(annual[0], top, marks, "tahunan")
        if not annual and len(tw4) == 1:
            return _note(
                tw4[0], top, marks, "triwulan IV, akhir tahun; pastikan realisasi indikator "
                "jumlah di lembar itu kumulatif setahun, bukan triwulan IV saja",
            )  # fmt: skip
        last = max(top, key=lambda t: marks[t.sheet.title][0] or "")
        return _ask(last, top, marks, "tidak ada satu lembar tahunan atau triwulan IV")
    return first


def _marks(tabel: Tabel) -> tuple[str | None, int | None]:
    """(period, year) a sheet is for, by its name, else by the title rows above its table."""
    sheet = tabel.sheet
    period = period_of(sheet.title)
    year_match = YEAR.search(sheet.title)
    year = int(year_match.group(1)) if year_match else None
    above = sheet.rows[: tabel.top]
    if period is None:
        texts = (cell_text(v) for row in above for v in row)
        period = next((p for t in texts if len(t) <= 200 and (p := period_of(t))), None)
    if year is None:
        year = title_hints(above)[1]
    return period, year


def _named(tabel: Tabel, marks: Marks) -> str:
    period, year = marks[tabel.sheet.title]
    parts = [f"triwulan {_ROMAN[period]}" if period in _ROMAN else period or ""]
    parts.append(str(year) if year else "")
    what = ", ".join(p for p in parts if p)
    return f"'{tabel.sheet.title}'" + (f" ({what})" if what else "")


def _note(chosen: Tabel, top: Sequence[Tabel], marks: Marks, why: str) -> Tabel:
    """Read ``chosen`` and say so (a warning naming the other sheets)."""
    return _tell(
        chosen, top, marks, "warning", "LEMBAR_DIPILIH",
        "; yang dibaca lembar '{sheet}' (" + why + "). Bila keliru, pilih lembarnya lewat "
        "'Petakan kolom…'.",
    )  # fmt: skip


def _ask(shown: Tabel, top: Sequence[Tabel], marks: Marks, why: str) -> Tabel:
    """Block until the Tim picks the sheet; ``shown`` is read meanwhile, for the preview."""
    return _tell(
        shown, top, marks, "error", "LEMBAR_GANDA",
        " dan " + why + ". Pilih lembar yang berisi data tahunan lewat 'Petakan kolom…', atau "
        "minta OPD mengirim data setahun.",
    )  # fmt: skip


def _tell(
    tabel: Tabel, top: Sequence[Tabel], marks: Marks, severity: Severity, code: str, rest: str
) -> Tabel:
    names = ", ".join(_named(t, marks) for t in top)
    message = f"Berkas berisi tabel yang sama di beberapa lembar ({names})"
    tabel.findings.append(Finding(severity, code, message + rest.format(sheet=tabel.sheet.title)))
    return tabel
