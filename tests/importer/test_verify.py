"""Each verification rule, on plain records (no files, no database)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from kinerja_app.importer.data import Finding, IndicatorRow, PreviousRow, WorkbookData
from kinerja_app.importer.nilai import capaian_teks
from kinerja_app.importer.verify import (
    VerifyContext,
    is_qualitative,
    normalize_indikator,
    status_of,
    verify,
)
from kinerja_app.rekap.capaian import Polaritas, hitung_capaian

ALL_COLUMNS = {
    "sasaran": "B",
    "indikator": "C",
    "satuan": "D",
    "polaritas": "E",
    "target": "F",
    "realisasi": "G",
    "capaian": "H",
}


def row(n: int = 2, **changes: Any) -> IndicatorRow:
    """A clean positive indicator on sheet row ``n``; ``changes`` override fields."""
    values: dict[str, Any] = {
        "sheet": "S",
        "row": n,
        "sasaran": "Sasaran",
        "indikator": f"Indikator {n}",
        "satuan": "%",
        "polaritas": Polaritas.POSITIF,
        "polaritas_text": "Positif",
        "target": 100.0,
        "realisasi": 90.0,
        "capaian": None,
        "capaian_dilaporkan": None,
        "target_text": "100",
        "realisasi_text": "90",
        "cells": {f: f"S!{c}{n}" for f, c in ALL_COLUMNS.items()},
    }
    values.update(changes)
    if "capaian" not in changes:
        values["capaian"] = hitung_capaian(
            values["target"], values["realisasi"], values["polaritas"]
        ).nilai
    return IndicatorRow(**values)


def data(*rows: IndicatorRow, **changes: Any) -> WorkbookData:
    base = WorkbookData(
        path=Path("x.xlsx"),
        sha256="0" * 64,
        sheet="S",
        header_row=1,
        columns=ALL_COLUMNS,
        rows=rows,
        findings=(),
    )
    return dataclasses.replace(base, **changes)


def found(d: WorkbookData, ctx: VerifyContext | None = None) -> list[tuple[str, str, str | None]]:
    return [(f.severity, f.code, f.cell) for f in verify(d, ctx or VerifyContext())]


def test_clean_file_is_ok() -> None:
    findings = verify(data(row(2), row(3)), VerifyContext(tahun=2025, opd_kode="1.02"))
    assert findings == []
    assert status_of(findings) == "ok"


def test_reader_findings_come_first() -> None:
    reader_finding = Finding("warning", "EXTERNAL_LINK", "x")
    d = data(row(2, indikator=""), findings=(reader_finding,))
    assert verify(d, VerifyContext())[0] is reader_finding


@pytest.mark.parametrize(
    ("field", "changes", "code"),
    [
        ("indikator", {"indikator": ""}, "INDIKATOR_KOSONG"),
        ("satuan", {"satuan": " "}, "SATUAN_KOSONG"),
        ("target", {"target": None, "target_text": ""}, "TARGET_KOSONG"),
        ("realisasi", {"realisasi": None, "realisasi_text": "-"}, "REALISASI_KOSONG"),
    ],
)
def test_required_fields(field: str, changes: dict[str, Any], code: str) -> None:
    assert ("error", code, f"S!{ALL_COLUMNS[field]}2") in found(data(row(2, **changes)))


def test_missing_required_column() -> None:
    columns = {k: v for k, v in ALL_COLUMNS.items() if k != "satuan"}
    assert ("error", "KOLOM_TIDAK_ADA", None) in found(data(row(2), columns=columns))


def test_header_but_no_rows() -> None:
    assert found(data()) == [("error", "TIDAK_ADA_INDIKATOR", None)]


def test_non_numeric_value() -> None:
    r = row(2, realisasi=None, realisasi_text="90 orang")
    findings = verify(data(r), VerifyContext())
    assert [(f.code, f.cell) for f in findings] == [("NILAI_BUKAN_ANGKA", "S!G2")]
    assert "90 orang" in findings[0].message


def test_formula_error_value_is_named() -> None:
    r = row(2, realisasi=None, realisasi_text="#DIV/0!")
    (finding,) = verify(data(r), VerifyContext())
    assert finding.code == "NILAI_BUKAN_ANGKA"
    assert "galat rumus" in finding.message


@pytest.mark.parametrize(
    ("satuan", "target", "realisasi"),
    [("Opini", "WTP", "WTP"), ("Ada/Tidak", "Ada", "Ada"), ("Predikat", "Predikat B", "BB")],
)
def test_qualitative_rows_are_allowed(satuan: str, target: str, realisasi: str) -> None:
    r = row(
        2,
        satuan=satuan,
        target=None,
        realisasi=None,
        target_text=target,
        realisasi_text=realisasi,
        polaritas=None,
        polaritas_text="",
        capaian=capaian_teks(target, realisasi)[0],
    )
    assert r.capaian == 100.0
    assert is_qualitative(r)
    assert verify(data(r), VerifyContext()) == []


def test_a_text_realisation_off_the_targets_scale_is_said() -> None:
    """No capaian is computed for "Memadai" against "BB": the Tim is told, not left guessing."""
    r = row(2, satuan="Predikat", target=None, realisasi=None, target_text="BB",
            realisasi_text="Memadai", polaritas=None, polaritas_text="", capaian=None)  # fmt: skip
    assert [(f.code, f.cell) for f in verify(data(r), VerifyContext())] == [
        ("CAPAIAN_TEKS_TIDAK_DIBANDINGKAN", "S!G2")
    ]


def test_text_target_with_a_numeric_satuan_is_an_error() -> None:
    r = row(2, target=None, target_text="sembilan puluh", satuan="%")
    assert not is_qualitative(r)
    assert ("error", "NILAI_BUKAN_ANGKA", "S!F2") in found(data(r))


def test_numeric_target_with_text_realisasi_is_not_qualitative() -> None:
    r = row(2, realisasi=None, realisasi_text="Baik")
    assert not is_qualitative(r)
    assert ("error", "NILAI_BUKAN_ANGKA", "S!G2") in found(data(r))


def test_unknown_polarity_is_an_error_and_empty_is_a_warning() -> None:
    unknown = row(2, polaritas=None, polaritas_text="stabil")
    empty = row(3, polaritas=None, polaritas_text="")
    result = found(data(unknown, empty))
    assert ("error", "POLARITAS_TIDAK_DIKENAL", "S!E2") in result
    assert ("warning", "POLARITAS_KOSONG", "S!E3") in result


def test_stated_capaian_against_computed_with_tolerance() -> None:
    near = row(2, capaian_dilaporkan=90.4)  # computed 90
    far = row(3, capaian_dilaporkan=91.0)
    ratio = row(4, capaian_dilaporkan=0.9)
    result = found(data(near, far, ratio))
    assert ("warning", "CAPAIAN_BERBEDA", "S!H3") in result
    assert ("warning", "CAPAIAN_RASIO", "S!H4") in result
    assert not any(cell == "S!H2" for _, _, cell in result)
    assert found(data(far), VerifyContext(tolerance=1.0)) == []


def test_outliers() -> None:
    high = row(2, realisasi=160.0)
    low = row(3, polaritas=Polaritas.NEGATIF, realisasi=250.0)  # (200-250)/100 = -50
    result = found(data(high, low))
    assert ("warning", "CAPAIAN_EKSTREM", "S!H2") in result
    assert ("warning", "CAPAIAN_EKSTREM", "S!H3") in result


def test_target_zero_cannot_be_computed() -> None:
    r = row(2, target=0.0, target_text="0", realisasi=5.0)
    assert ("warning", "CAPAIAN_TIDAK_DAPAT_DIHITUNG", "S!F2") in found(data(r))


def test_duplicate_indicators_by_normalized_text() -> None:
    first = row(2, indikator="1. Persentase  Jalan Mantap")
    second = row(3, indikator="persentase jalan mantap.")
    assert normalize_indikator(first.indikator) == normalize_indikator(second.indikator)
    assert found(data(first, second)) == [("warning", "INDIKATOR_GANDA", "S!C3")]


def test_jump_against_previous_period_and_missing_indicators() -> None:
    ctx = VerifyContext(
        previous_period_rows=[
            PreviousRow("Indikator 2", 100.0, 30.0),  # now 90: +60 points
            PreviousRow("Indikator 3", 100.0, 85.0),  # now 90: fine
            PreviousRow("Indikator dihapus", 100.0, 80.0),
        ]
    )
    result = found(data(row(2), row(3)), ctx)
    assert result == [
        ("warning", "INDIKATOR_HILANG", None),
        ("warning", "LONJAKAN_CAPAIAN", "S!H2"),
    ]


def test_target_changed_since_previous_revision() -> None:
    ctx = VerifyContext(
        previous_revision_rows=[
            PreviousRow("indikator 2", 95.0, None),
            PreviousRow("Indikator 3", 100.0, None),
        ]
    )
    assert found(data(row(2), row(3)), ctx) == [("warning", "TARGET_BERUBAH", "S!F2")]


@pytest.mark.parametrize(
    ("source", "severity"), [("meta", "error"), ("header", "error"), ("judul", "warning")]
)
def test_wrong_year(source: str, severity: str) -> None:
    d = data(row(2), tahun_hint=2024, tahun_source=source)
    assert found(d, VerifyContext(tahun=2025)) == [(severity, "TAHUN_SALAH", None)]
    assert found(d, VerifyContext(tahun=2024)) == []


def test_wrong_opd() -> None:
    d = data(row(2), meta={"opd_kode": "1.03.01", "opd_nama": "Dinas PUPR"})
    (finding,) = verify(d, VerifyContext(opd_kode="1.02.01"))
    assert (finding.severity, finding.code) == ("error", "OPD_SALAH")
    assert "Dinas PUPR" in finding.message
    assert verify(d, VerifyContext(opd_kode="1.03.01")) == []


def test_status_of() -> None:
    warning = Finding("warning", "A", "a")
    error = Finding("error", "B", "b")
    assert status_of([]) == "ok"
    assert status_of([warning]) == "warnings"
    assert status_of([warning, error]) == "errors"


def test_every_message_says_what_to_do_in_indonesian() -> None:
    rows = (
        row(2, indikator=""),
        row(3, polaritas=None, polaritas_text="x"),
        row(4, realisasi=None, realisasi_text="abc"),
    )
    for finding in verify(data(*rows), VerifyContext()):
        assert finding.message.endswith(".")
        assert any(w in finding.message for w in ("Isi", "Tulis", "tulis", "Tambahkan"))


def test_an_empty_indicator_name_is_asked_for_in_plain_words() -> None:
    (finding,) = [f for f in verify(data(row(2, indikator="")), VerifyContext())]
    assert finding.message.endswith("Isi nama indikator pada baris ini."), finding.message
    assert "indikator indikator" not in finding.message
