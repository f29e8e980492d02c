"""Capaian for both polarities and the edge cases, and the predikat scale."""

from __future__ import annotations

import pytest

from kinerja_app.formatting import format_persen
from kinerja_app.rekap.capaian import (
    DEFAULT_PREDIKAT,
    Polaritas,
    PredikatBand,
    hitung_capaian,
    predikat,
    rata_rata,
)


def test_higher_is_better():
    assert hitung_capaian(80, 84, Polaritas.POSITIF).nilai == pytest.approx(105.0)


def test_lower_is_better():
    # angka kemiskinan target 10%, realisasi 8% -> (2*10-8)/10 = 120%
    assert hitung_capaian(10, 8, Polaritas.NEGATIF).nilai == pytest.approx(120.0)
    assert hitung_capaian(10, 12, Polaritas.NEGATIF).nilai == pytest.approx(80.0)


@pytest.mark.parametrize(
    ("target", "realisasi", "polaritas", "reason"),
    [
        (None, 5, Polaritas.POSITIF, "Target"),
        (5, None, Polaritas.POSITIF, "Realisasi"),
        (5, 5, None, "Polaritas"),
        (0, 5, Polaritas.POSITIF, "Target 0"),
        (0, 3, Polaritas.NEGATIF, "Target 0"),
    ],
)
def test_not_computable_is_none_with_reason_never_zero(target, realisasi, polaritas, reason):
    result = hitung_capaian(target, realisasi, polaritas)
    assert result.nilai is None
    assert reason in (result.alasan or "")


def test_zero_target_met_for_lower_is_better():
    assert hitung_capaian(0, 0, Polaritas.NEGATIF).nilai == 100.0


def test_predikat_default_and_custom_scale():
    assert [predikat(v) for v in (95, 91, 80, 70, 55, 10, None)] == [
        "Sangat Tinggi",
        "Sangat Tinggi",
        "Tinggi",
        "Sedang",
        "Rendah",
        "Sangat Rendah",
        "",
    ]
    custom = [PredikatBand(100, "Tercapai"), PredikatBand(float("-inf"), "Belum")]
    assert (predikat(100, custom), predikat(99.9, custom)) == ("Tercapai", "Belum")
    assert len(DEFAULT_PREDIKAT) == 5


def test_mean_ignores_missing():
    assert rata_rata([100, None, 50]) == 75
    assert rata_rata([None]) is None


@pytest.mark.parametrize(
    ("target", "realisasi", "polaritas", "shown", "expected"),
    [
        (10, 9.1, Polaritas.POSITIF, "91,00%", "Sangat Tinggi"),  # 90.99999999999999 in binary
        (80, 72.8, Polaritas.POSITIF, "91,00%", "Sangat Tinggi"),
        (1, 1.09, Polaritas.NEGATIF, "91,00%", "Sangat Tinggi"),
        (3, 2.28, Polaritas.POSITIF, "76,00%", "Tinggi"),
        (40, 26.4, Polaritas.POSITIF, "66,00%", "Sedang"),
        (33, 16.83, Polaritas.POSITIF, "51,00%", "Rendah"),
    ],
)
def test_predikat_of_the_capaian_as_shown(target, realisasi, polaritas, shown, expected):
    """A capaian printed "91,00%" is Sangat Tinggi on the screen, the .xlsx and the paper,
    whatever binary floating point left in its last digit."""
    nilai = hitung_capaian(target, realisasi, polaritas).nilai
    assert format_persen(nilai) == shown
    assert predikat(nilai) == expected


def test_predikat_between_bands_follows_the_shown_value():
    # 90,99 shown stays below 91; 90,995 shows as 91,00 and is judged so
    assert (predikat(90.99), predikat(90.995), predikat(75.994)) == (
        "Tinggi",
        "Sangat Tinggi",
        "Sedang",
    )


@pytest.mark.parametrize(
    ("target", "realisasi", "polaritas", "expected"),
    [
        # pertumbuhan target -2%: -1% is better than the target, -3% worse
        (-2, -1, Polaritas.POSITIF, 150.0),
        (-2, -3, Polaritas.POSITIF, 50.0),
        (-1, -1, Polaritas.POSITIF, 100.0),
        # a fall (penurunan) wanted below -2: -3 is better, -1 worse
        (-2, -3, Polaritas.NEGATIF, 150.0),
        (-2, -1, Polaritas.NEGATIF, 50.0),
    ],
)
def test_a_target_below_zero_keeps_the_direction_of_the_polarity(
    target, realisasi, polaritas, expected
):
    """R / T with T < 0 turned the scale round: a realisation worse than a target of -2 gave
    150% (Sangat Tinggi), a better one 50% (Sangat Rendah)."""
    assert hitung_capaian(target, realisasi, polaritas).nilai == pytest.approx(expected)
    # a range below zero (-3 - -1) judged the same way on each side
    low, high = (target - 1, target) if polaritas is Polaritas.POSITIF else (target, target + 1)
    bound = hitung_capaian(low, realisasi, polaritas, high).nilai
    if not low <= realisasi <= high:
        assert bound == pytest.approx(hitung_capaian(target, realisasi, polaritas).nilai)
