"""Indonesian numbers, missing markers and percent-formatted cells."""

from __future__ import annotations

import datetime as dt

import pytest

from kinerja_app.importer.numbers import (
    cell_text,
    is_missing_text,
    parse_number,
    parse_text_number,
    scales_percent,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,5", 1234.5),
        ("85,5", 85.5),
        ("92,3%", 92.3),
        ("92,3 %", 92.3),
        ("1,234.5", 1234.5),
        ("1.234", 1234.0),
        ("1.234.567", 1234567.0),
        ("12,345,678", 12345678.0),
        ("0.500", 0.5),
        ("85.5", 85.5),
        ("1,5", 1.5),
        ("-3,5", -3.5),
        ("−3,5", -3.5),
        ("(5)", -5.0),
        ("Rp 1.500.000", 1500000.0),
        ("1 234,5", 1234.5),
        ("\u00a0100\u00a0", 100.0),
    ],
)
def test_parse_text_number(text: str, expected: float) -> None:
    assert parse_text_number(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text",
    ["", "-", "–", "—", "n/a", "N/A", " - ", "tidak ada data", "\t\u00a0", "'-", " ' N/A",
     "Tidak  Ada\tData", "\u00a0BELUM ADA\u00a0", "?"],
)  # fmt: skip
def test_missing_texts_are_none_never_zero(text: str) -> None:
    assert is_missing_text(text)
    assert parse_number(text) is None


@pytest.mark.parametrize(
    "text", ["WTP", "Predikat B", "90 orang", "1.2.3,4,5", "#DIV/0!", "Tidak ada data baru", "K"]
)
def test_non_numbers_are_none(text: str) -> None:
    assert parse_text_number(text) is None
    assert not is_missing_text(text)


def test_numbers_pass_through_and_bools_dates_are_not_numbers() -> None:
    assert parse_number(97.8) == 97.8
    assert parse_number(3) == 3.0
    assert parse_number(0) == 0.0  # a real zero stays zero
    assert parse_number(True) is None
    assert parse_number(dt.datetime(2025, 5, 1)) is None
    assert parse_number(float("nan")) is None


def test_percent_format_gives_percent_points() -> None:
    assert parse_number(0.978, percent_format=True) == 97.8
    assert parse_number(1, percent_format=True) == 100.0


@pytest.mark.parametrize(
    ("fmt", "scales"),
    [
        ("0.0%", True),
        ("0%", True),
        ("#,##0.00%;[Red]-#,##0.00%", True),
        ('0.0"%"', False),
        ("0.0\\%", False),
        ("General", False),
        (None, False),
    ],
)
def test_scales_percent(fmt: str | None, scales: bool) -> None:
    assert scales_percent(fmt) is scales


def test_cell_text() -> None:
    assert cell_text(70.0) == "70"
    assert cell_text(70.5) == "70.5"
    assert cell_text(dt.datetime(2025, 5, 1)) == "2025-05-01"
    assert cell_text("  WTP ") == "WTP"
    assert cell_text(None) == ""


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (5000000000, "5.000.000.000"),
        (5e9, "5.000.000.000"),
        (85.5, "85,5"),
        (0.855, "0,855"),
        (2025, "2025"),
        (12, "12"),
        ("12 Dokumen", "12 Dokumen"),
        (None, ""),
    ],
)
def test_the_mapping_preview_shows_numbers_the_indonesian_way(value: object, shown: str) -> None:
    from kinerja_app.importer.numbers import cell_shown

    assert cell_shown(value) == shown
