"""NIP checks (8-6-1-3, birth date, sex digit) and Indonesian number/date formatting."""

from __future__ import annotations

import datetime as dt

import pytest

from kinerja_app.admin.nip import validate_nip
from kinerja_app.errors import ValidationError
from kinerja_app.formatting import (
    format_angka,
    format_nip,
    format_persen,
    format_tanggal,
    urutan_alami,
)


def test_valid_nip_with_spaces():
    assert validate_nip("19780226 199703 1 002") == "197802261997031002"


@pytest.mark.parametrize(
    ("nip", "fragment"),
    [
        ("1978022619970310", "18 angka"),
        ("19780231199703 1002", "tanggal lahir"),
        ("197802261997131002", "bulan 13"),
        ("197802261997033002", "jenis kelamin"),
        ("197802261997031000", "000"),
        ("197802261980031002", "tidak masuk akal"),
        ("1978022619970310AB", "18 angka"),
    ],
)
def test_invalid_nip_names_the_wrong_part(nip, fragment):
    with pytest.raises(ValidationError, match=fragment):
        validate_nip(nip)


def test_formatting():
    assert format_tanggal(dt.date(2026, 11, 24)) == "24 November 2026"
    assert format_tanggal(dt.date(2026, 11, 24), hari=True) == "Selasa, 24 November 2026"
    assert format_angka(85.5) == "85,50"
    assert format_angka(1234567.891) == "1.234.567,89"
    assert format_angka(None, kosong="-") == "-"
    assert format_persen(97.8, 1) == "97,8%"
    assert format_nip("197802261997031002") == "19780226 199703 1 002"


def test_natural_order_of_numbers_and_odd_texts():
    """A '²' after digits is text (str.isdigit says otherwise, int() refuses it): no crash."""
    names = ["B-045/Org", "", "000.8.6.3/10/Org", "000.8.6.3/2/Org", "Data 1²", "Data 1"]
    assert sorted(names, key=urutan_alami) == [
        "",
        "000.8.6.3/2/Org",
        "000.8.6.3/10/Org",
        "B-045/Org",
        "Data 1",
        "Data 1²",
    ]
