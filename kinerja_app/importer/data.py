"""Plain records the importer hands out: findings, indicator rows, a read workbook, a mapping."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from kinerja_app.importer.numbers import cell_shown
from kinerja_app.rekap.capaian import Polaritas

Severity = Literal["error", "warning"]
Status = Literal["ok", "warnings", "errors"]

# The fields a data table can have, in the order the format isian lays them out.
FIELDS = (
    "no",
    "sasaran",
    "indikator",
    "satuan",
    "polaritas",
    "target",
    "realisasi",
    "capaian",
    "keterangan",
)
NUMERIC_FIELDS = ("target", "realisasi", "capaian")


@dataclass(frozen=True)
class Finding:
    """One problem found in a file; ``message`` is an Indonesian sentence saying what to fix.

    ``code`` is stable (tests, filters and the JSON report rely on it); ``cell`` reads like
    ``"Data Kinerja!F7"`` and ``row`` is the 1-based sheet row, both ``None`` for file-level
    findings.
    """

    severity: Severity
    code: str
    message: str
    cell: str | None = None
    row: int | None = None

    def as_dict(self) -> dict[str, object]:
        """The JSON shape used by the CLI report."""
        return {
            "severity": self.severity,
            "code": self.code,
            "cell": self.cell,
            "row": self.row,
            "message": self.message,
        }


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator as read from a sheet; numbers are ``None`` when missing, never 0.

    ``*_text`` keep the raw cell text (a qualitative target such as "WTP", or a value that
    did not parse); ``cells`` maps a field to its address, e.g. ``{"target": "Sheet1!F7"}``.
    ``capaian`` is computed with :func:`kinerja_app.rekap.capaian.hitung_capaian`;
    ``capaian_dilaporkan`` is what the OPD wrote. ``uncached`` names the fields whose cell is a
    formula without a stored value (reported by the reader, not again as "empty").
    """

    sheet: str
    row: int
    sasaran: str
    indikator: str
    satuan: str
    polaritas: Polaritas | None
    target: float | None
    realisasi: float | None
    capaian: float | None
    capaian_dilaporkan: float | None
    keterangan: str = ""
    target_text: str = ""
    realisasi_text: str = ""
    capaian_text: str = ""
    polaritas_text: str = ""
    cells: Mapping[str, str] = field(default_factory=dict)
    uncached: tuple[str, ...] = ()
    target_atas: float | None = None  # upper bound of a range target ("70 - 80")
    aturan: str = ""  # how a value was made, e.g. "realisasi: jumlah TW I–IV"
    polaritas_sumber: str = ""  # "kolom", "kata" (lower-is-better words), "asumsi"

    @classmethod
    def of(cls, **fields: Any) -> IndicatorRow:
        """The row ``IndicatorRow(**fields)`` makes, given every field, in a third of the time.

        A frozen dataclass's ``__init__`` sets each of its 20 fields through
        ``object.__setattr__``: 2.5 µs a row, a quarter of building it (the reader's hot path).

        Raises:
            TypeError: a field is missing or unknown.
        """
        if fields.keys() != _ROW_FIELDS:
            raise TypeError(f"IndicatorRow.of: fields {sorted(fields.keys() ^ _ROW_FIELDS)}")
        row = object.__new__(cls)
        row.__dict__.update(fields)
        return row


_ROW_FIELDS = frozenset(f.name for f in dataclasses.fields(IndicatorRow))


@dataclass(frozen=True)
class ColumnMapping:
    """An explicit column layout, e.g. from the GUI's column-mapping dialog.

    ``columns`` maps a field of :data:`FIELDS` to a column letter (``{"indikator": "C"}``);
    data starts on the row after ``header_row`` (a numbering row there is skipped).
    ``sheet`` ``None`` means the best-scoring (or first visible) sheet. ``excluded`` and
    ``included`` are 1-based sheet rows the Tim took out of (or put into) the indicators;
    ``triwulan`` ("akhir" or "jumlah") settles how quarterly columns make the annual value.
    """

    header_row: int
    columns: Mapping[str, str]
    sheet: str | None = None
    excluded: frozenset[int] = frozenset()
    included: frozenset[int] = frozenset()
    triwulan: str | None = None


@dataclass(frozen=True)
class Pemetaan:
    """Which mapping a reading used: ``sumber`` "otomatis" (the reader's own), "manual" (chosen
    now) or "diingat" (remembered for this OPD and layout), with the layout's fingerprint."""

    sumber: str
    sidik: str
    mapping: ColumnMapping | None = None
    catatan: str = ""

    def as_dict(self) -> dict[str, object]:
        """The JSON shape of ``verify --json``."""
        out: dict[str, object] = {"sumber": self.sumber, "sidik": self.sidik}
        if self.mapping is not None:
            out.update(
                lembar=self.mapping.sheet,
                baris_judul=self.mapping.header_row,
                kolom=dict(self.mapping.columns),
                baris_dikecualikan=sorted(self.mapping.excluded),
                baris_disertakan=sorted(self.mapping.included),
                triwulan=self.mapping.triwulan,
            )
        if self.catatan:
            out["catatan"] = self.catatan
        return out


@dataclass(frozen=True)
class BarisDilewati:
    """A row under the header that was not read as an indicator, and why (shown to the Tim)."""

    row: int
    alasan: str
    teks: str


@dataclass(frozen=True)
class WorkbookData:
    """Everything read from one workbook, ready for :func:`kinerja_app.importer.verify.verify`.

    ``meta`` comes from the hidden sheet of the app's own format isian (empty otherwise).
    ``tahun_hint`` comes from ``meta``, a header such as "Target 2025" or a title row
    ("... TAHUN 2025"); ``tahun_source`` says which ("meta", "header", "judul").
    ``preview`` holds the rows of ``sheet`` as text, for the column-mapping dialog (which is
    always available); without a header ``header_row`` is ``None`` and ``rows`` is empty.
    ``dilewati`` lists rows not read as indicators (section, numbering, summary rows...).
    """

    path: Path
    sha256: str
    sheet: str | None
    header_row: int | None
    columns: Mapping[str, str]
    rows: tuple[IndicatorRow, ...]
    findings: tuple[Finding, ...]
    meta: Mapping[str, str] = field(default_factory=dict)
    tahun_hint: int | None = None
    tahun_source: str | None = None
    opd_hint: str = ""
    sheet_names: tuple[str, ...] = ()
    preview: tuple[tuple[str, ...], ...] = ()
    dilewati: tuple[BarisDilewati, ...] = ()
    pemetaan: Pemetaan | None = None
    kolom_judul: Mapping[str, str] = field(default_factory=dict)  # letter -> header labels
    book: Any = field(default=None, repr=False, compare=False)  # the grids, to read again

    def preview_rows(self, limit: int = 400) -> tuple[tuple[str, ...], ...]:
        """The rows of ``sheet`` as text (for the column-mapping dialog), made on demand."""
        if self.preview or self.book is None:
            return self.preview
        sheet = next((s for s in self.book.sheets if s.title == self.sheet), None)
        out: list[tuple[str, ...]] = []
        for values in sheet.rows[:limit] if sheet is not None else ():
            texts = ["" if v is None else cell_shown(v) for v in values]
            while texts and not texts[-1]:
                texts.pop()
            out.append(tuple(texts))
        return tuple(out)

    @property
    def header_found(self) -> bool:
        """Whether a data table was located (or given by a mapping)."""
        return self.header_row is not None


@dataclass(frozen=True)
class PreviousRow:
    """An indicator of an earlier period or revision, as plain data (no database)."""

    indikator: str
    target: float | None
    capaian: float | None


def cell_ref(sheet: str, column: str, row: int) -> str:
    """Address shown to the user: ``Sheet1!F7`` (unquoted: it is read by people)."""
    return f"{sheet}!{column}{row}"
