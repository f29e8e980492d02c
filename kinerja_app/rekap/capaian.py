"""Capaian (achievement) of an indicator and its predikat, without division errors or fake zeros.

Higher-is-better (positif): R / T x 100. Lower-is-better (negatif): (2T - R) / T x 100.
A value that cannot be computed is ``None`` with a reason, never 0.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass


class Polaritas(enum.StrEnum):
    """Direction of an indicator: whether a higher realisasi is better."""

    POSITIF = "positif"
    NEGATIF = "negatif"

    @property
    def label(self) -> str:
        """Human label used in the format isian's drop-down list."""
        return {
            Polaritas.POSITIF: "Positif (semakin tinggi semakin baik)",
            Polaritas.NEGATIF: "Negatif (semakin rendah semakin baik)",
        }[self]


@dataclass(frozen=True)
class Capaian:
    """A computed capaian: ``nilai`` in percent, or ``None`` with ``alasan`` saying why."""

    nilai: float | None
    alasan: str | None = None


def hitung_capaian(
    target: float | None, realisasi: float | None, polaritas: Polaritas | None
) -> Capaian:
    """Compute the capaian of one indicator.

    Args:
        target: numeric target, ``None`` when missing or qualitative.
        realisasi: numeric realisation, ``None`` when missing or qualitative.
        polaritas: direction; ``None`` when unknown.
    Returns:
        The capaian in percent, or ``None`` with an Indonesian reason.
    """
    if target is None:
        return Capaian(None, "Target kosong atau bukan angka")
    if realisasi is None:
        return Capaian(None, "Realisasi kosong atau bukan angka")
    if polaritas is None:
        return Capaian(None, "Polaritas tidak diketahui")
    if target == 0:
        if polaritas is Polaritas.NEGATIF and realisasi <= 0:
            return Capaian(100.0)  # a target of zero (e.g. zero findings) that was met
        return Capaian(None, "Target 0: capaian tidak dapat dihitung sebagai persentase")
    if polaritas is Polaritas.POSITIF:
        return Capaian(realisasi / target * 100.0)
    return Capaian((2 * target - realisasi) / target * 100.0)


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

    Args:
        nilai: capaian in percent.
        skala: bands, highest first.
    Returns:
        The band's name.
    """
    if nilai is None:
        return ""
    for band in sorted(skala, key=lambda b: b.batas_bawah, reverse=True):
        if nilai >= band.batas_bawah:
            return band.nama
    return ""


def rata_rata(nilai: Sequence[float | None]) -> float | None:
    """Mean of the computable capaian values; ``None`` when there is none."""
    values = [v for v in nilai if v is not None]
    return sum(values) / len(values) if values else None
