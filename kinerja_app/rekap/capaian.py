"""Capaian (achievement) of an indicator and its predikat, without division errors or fake zeros.

Higher-is-better (positif): R / T x 100. Lower-is-better (negatif): (2T - R) / T x 100.
A target below zero (a change: "pertumbuhan -2%") swaps the two, as 1 +/- (R - T) / |T| does.
A target given as a range [a, b] (PermenPANRB: "80 - 90%") uses its lower bound a when R falls
short and its upper bound b when R goes past it. Stable ("stabil", Stabilize): a realisation
inside the range is 100; below it R / a x 100, above it (2b - R) / b x 100, so a deviation
either way lowers the capaian as much.
A value that cannot be computed is ``None`` with a reason, never 0.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence
from dataclasses import dataclass

from kinerja_app.formatting import bulatkan


class Polaritas(enum.StrEnum):
    """Direction of an indicator: whether a higher realisasi is better."""

    POSITIF = "positif"
    NEGATIF = "negatif"
    STABIL = "stabil"

    @property
    def label(self) -> str:
        """Human label used in the format isian's drop-down list."""
        return {
            Polaritas.POSITIF: "Positif (semakin tinggi semakin baik)",
            Polaritas.NEGATIF: "Negatif (semakin rendah semakin baik)",
            Polaritas.STABIL: "Stabil (semakin dekat ke target semakin baik)",
        }[self]


@dataclass(frozen=True)
class Capaian:
    """A computed capaian: ``nilai`` in percent, or ``None`` with ``alasan`` saying why."""

    nilai: float | None
    alasan: str | None = None


def hitung_capaian(
    target: float | None,
    realisasi: float | None,
    polaritas: Polaritas | None,
    target_atas: float | None = None,
) -> Capaian:
    """Compute the capaian of one indicator.

    Args:
        target: numeric target (the lower bound of a range), ``None`` when missing or
            qualitative.
        realisasi: numeric realisation, ``None`` when missing or qualitative.
        polaritas: direction; ``None`` when unknown.
        target_atas: the upper bound when the target is a range ("70 - 80").
    Returns:
        The capaian in percent, or ``None`` with an Indonesian reason.
    """
    if target is None:
        return Capaian(None, "Target kosong atau bukan angka")
    if realisasi is None:
        return Capaian(None, "Realisasi kosong atau bukan angka")
    if polaritas is None:
        return Capaian(None, "Polaritas tidak diketahui")
    upper = target if target_atas is None else max(target, target_atas)
    low = min(target, upper)
    if polaritas is Polaritas.STABIL or target_atas is not None:
        if low <= realisasi <= upper:
            return Capaian(100.0)  # inside the range: the target is met exactly
        bound = low if realisasi < low else upper
        if bound == 0:
            return Capaian(None, "Target 0: capaian tidak dapat dihitung sebagai persentase")
        below = realisasi < low
        naik = below if polaritas is Polaritas.STABIL else polaritas is Polaritas.POSITIF
        return Capaian(_rasio(bound, realisasi, naik=naik) * 100.0)
    if target == 0:
        if polaritas is Polaritas.NEGATIF and realisasi <= 0:
            return Capaian(100.0)  # a target of zero (e.g. zero findings) that was met
        return Capaian(None, "Target 0: capaian tidak dapat dihitung sebagai persentase")
    return Capaian(_rasio(target, realisasi, naik=polaritas is Polaritas.POSITIF) * 100.0)


def _rasio(target: float, realisasi: float, *, naik: bool) -> float:
    """R / T when a higher realisasi is better (``naik``), else (2T - R) / T.

    Both are 1 + (R - T) / |T| and 1 - (R - T) / |T| for T > 0; below zero (a change or a
    fall: "pertumbuhan -2%") those become each other's formula, so a realisation better than
    the target still scores above 100% rather than the scale turning round.
    """
    if (target > 0) == naik:
        return realisasi / target
    return (2 * target - realisasi) / target


@dataclass(frozen=True)
class PredikatBand:
    """One band of the predikat scale: capaian at or above ``batas_bawah`` earns ``nama``."""

    batas_bawah: float
    nama: str


# Permendagri 86/2017 scale commonly used in LKj evaluations; editable as a setting.
DEFAULT_PREDIKAT: tuple[PredikatBand, ...] = (
    PredikatBand(91.0, "Sangat Tinggi"),
    PredikatBand(76.0, "Tinggi"),
    PredikatBand(66.0, "Sedang"),
    PredikatBand(51.0, "Rendah"),
    PredikatBand(float("-inf"), "Sangat Rendah"),
)


def predikat(nilai: float | None, skala: Sequence[PredikatBand] = DEFAULT_PREDIKAT) -> str:
    """Name the predikat of a capaian; an empty string when there is no capaian.

    The capaian is judged as it is shown (two decimals, half up): one printed "91,00%" is
    Sangat Tinggi even when binary floating point left it at 90.99999999999999.

    Args:
        nilai: capaian in percent.
        skala: bands, highest first.
    Returns:
        The band's name.
    """
    if nilai is None:
        return ""
    shown = float(bulatkan(nilai)) if math.isfinite(nilai) else nilai
    for band in sorted(skala, key=lambda b: b.batas_bawah, reverse=True):
        if shown >= band.batas_bawah:
            return band.nama
    return ""


def rata_rata(nilai: Sequence[float | None]) -> float | None:
    """Mean of the computable capaian values; ``None`` when there is none."""
    values = [v for v in nilai if v is not None]
    return sum(values) / len(values) if values else None
