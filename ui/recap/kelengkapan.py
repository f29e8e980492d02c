"""Going ahead while OPDs are missing or unverified: ask first, name them, record the reason.

Used when the Tim submits the recap (from the Tim tab or the Rekapitulasi tab) and when it
archives the period; the core refuses either without a reason when some OPD is incomplete.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QWidget

from kinerja_app.rekap.rekapitulasi import BarisRekap, baris_rekap
from kinerja_app.storage.models import Periode
from kinerja_app.workflow.common import Changes
from kinerja_app.workflow.rekap import (
    REKAP_DIAJUKAN,
    ajukan_rekap,
    belum_semua_dikirimi,
    opd_belum_lengkap,
)

from ..context import UiContext


def alasan_belum_lengkap(
    ctx: UiContext, parent: QWidget | None, periode: Periode, title: str, what: str
) -> str | None:
    """Why the Tim goes ahead now: ``""`` when every OPD is verified, ``None`` when cancelled."""
    belum = opd_belum_lengkap(periode)
    if not belum:
        return ""
    return ctx.dialogs.ask_text(
        parent, title, pesan_belum_lengkap(len(belum), what), wajib=True,
        daftar=daftar_belum_lengkap(belum), tombol="Lanjutkan",
    )  # fmt: skip


def pesan_belum_lengkap(jumlah: int, what: str) -> str:
    """The question above the list of OPDs not yet verified (``what``: "mengajukan rekap")."""
    return (
        f"{jumlah} Perangkat Daerah belum menyampaikan data atau datanya belum terverifikasi. "
        f"Tuliskan alasan {what} sekarang; alasan dan daftar ini dicatat di riwayat:"
    )


def daftar_belum_lengkap(belum: Sequence[BarisRekap]) -> list[str]:
    """The OPDs not yet verified, each with its status, as the dialog lists them."""
    return [f"{r.nama} — {r.status.label}" for r in belum]


def ajukan_ke_kabag(
    ctx: UiContext, parent: QWidget | None, periode: Periode, saran: str = ""
) -> Changes | None:
    """End of step 8 from the GUI: the Tim's analysis, the reason if incomplete, then submit."""
    title = "Ajukan rekap ke Kabag"
    if reason := belum_semua_dikirimi(baris_rekap(periode), REKAP_DIAJUKAN):
        ctx.dialogs.warning(parent, title, reason)  # before the Tim writes the analysis
        return None
    analisa = ctx.dialogs.ask_text(
        parent,
        title,
        "Analisa Tim Kinerja untuk Kabag (wajib):",
        saran,
        wajib=True,
        tombol="Lanjutkan",
    )
    if analisa is None:
        return None
    alasan = alasan_belum_lengkap(ctx, parent, periode, title, "mengajukan rekap")
    if alasan is None:
        return None
    result: Changes | None = ctx.ops.run_action(
        parent, title, ajukan_rekap, ctx.user, periode, analisa, alasan_belum_lengkap=alasan
    )
    return result
