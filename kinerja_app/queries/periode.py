"""Periods: the list, one period, its current step and its summary counts."""

from __future__ import annotations

from kinerja_app.jadwal.tugas import Tugas, daftar_tugas, tahap_periode
from kinerja_app.rekap.rekapitulasi import Ringkasan, baris_rekap, ringkasan
from kinerja_app.storage.models import Periode


def daftar_periode() -> list[Periode]:
    """Every period, newest year first."""
    return list(Periode.select().order_by(Periode.tahun.desc()))


def get_periode(periode_id: int | None) -> Periode | None:
    """The period with this id, or ``None``."""
    if periode_id is None:
        return None
    return Periode.get_or_none(Periode.id == periode_id)


def tahap(periode: Periode) -> int:
    """The step the period stands at (1–10; 11 once archived)."""
    return tahap_periode(periode)


def langkah_aktif(periode: Periode) -> set[int]:
    """Every step with open work (steps 6–8 run per OPD, so several can be open at once)."""
    if periode.terkunci:
        return set()
    return {t.langkah for t in daftar_tugas(periode=periode)}


def ringkasan_periode(periode: Periode) -> Ringkasan:
    """Expected / received / on time / verified counts of the period's OPDs."""
    return ringkasan(baris_rekap(periode))


def tugas(role: str, periode: Periode | None) -> list[Tugas]:
    """The open items of one role in one period (empty without a period)."""
    if periode is None:
        return []
    return daftar_tugas(role, periode=periode)
