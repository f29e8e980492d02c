"""Letter number patterns."""

from __future__ import annotations

import datetime as dt

import pytest

from kinerja_app.documents.nomor import URUT_KOSONG, format_nomor, validate_pattern
from kinerja_app.errors import ValidationError

NOV = dt.date(2026, 11, 24)


@pytest.mark.parametrize(
    ("pattern", "urut", "expected"),
    [
        ("000.8.6.3/{urut}/Org", 245, "000.8.6.3/245/Org"),
        ("000.8.6.3/{urut:03d}/Org", 7, "000.8.6.3/007/Org"),
        ("000.8.6.3/{urut}/Org/{tahun}", 12, "000.8.6.3/12/Org/2026"),
        ("{urut}/Org/{bulan_romawi}/{tahun}", 3, "3/Org/XI/2026"),
        ("{urut:04d}.{bulan:02d}.{tahun}", 5, "0005.11.2026"),
        ("{urut}/{bulan}", 1, "1/11"),
    ],
)
def test_patterns(pattern, urut, expected):
    assert format_nomor(pattern, urut, NOV) == expected


def test_roman_months():
    got = [format_nomor("{urut}/{bulan_romawi}", 1, dt.date(2026, m, 1)) for m in (1, 4, 9, 12)]
    assert got == ["1/I", "1/IV", "1/IX", "1/XII"]


def test_draft_leaves_room_for_the_serial():
    assert format_nomor("000.8.6.3/{urut:03d}/Org/{tahun}", None, NOV) == (
        f"000.8.6.3/{URUT_KOSONG}/Org/2026"
    )


def test_default_pattern():
    assert format_nomor(urut=9, tanggal=NOV) == "000.8.6.3/9/Org"


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("", "kosong"),
        ("000.8.6.3/Org", "{urut}"),
        ("000/{nomor}/Org", "{nomor}"),
        ("000/{urut/Org", "tidak berpasangan"),
        ("000/{urut}}/Org", "tidak berpasangan"),
        ("{urut:zz}", ":zz"),
        ("{urut!r}", "!r"),
        ("{urut.real}", "{urut.real}"),
        ("{urut[0]}", "{urut[0]}"),
    ],
)
def test_invalid_patterns_explain(pattern, message):
    with pytest.raises(ValidationError) as info:
        validate_pattern(pattern)
    assert message in str(info.value)


def test_serial_must_be_positive():
    with pytest.raises(ValidationError, match="1 atau lebih"):
        format_nomor("{urut}", 0, NOV)
