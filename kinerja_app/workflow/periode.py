"""Opening a period (data year) and unlocking an archived one."""

from __future__ import annotations

from kinerja_app.clock import now
from kinerja_app.errors import ValidationError
from kinerja_app.storage import audit
from kinerja_app.storage.db import database
from kinerja_app.storage.models import Pengumpulan, PerangkatDaerah, Periode, Rekap, User
from kinerja_app.storage.models.master import Role
from kinerja_app.storage.models.rekap import StatusRekap
from kinerja_app.workflow.common import Area, Changes, refuse, require_note, require_role


def buka_periode(user: User, tahun: int) -> Changes:
    """Open the period of data year ``tahun`` with every active OPD expected to submit.

    Args:
        user: Kabag, Tim or administrator.
        tahun: the data year (e.g. 2025 for data collected in 2026).
    Returns:
        The change record; ``objek_id`` is the new period's id.
    """
    require_role("buka_periode", user, Role.KABAG, Role.TIM, Role.ADMIN)
    if not 2000 <= tahun <= now().year + 1:
        raise ValidationError(
            f"Tahun data {tahun} tidak masuk akal; isi tahun antara 2000 dan {now().year + 1}."
        )
    if Periode.select().where(Periode.tahun == tahun).exists():
        refuse(
            "buka_periode", user, f"Periode Tahun {tahun} sudah ada; pilih periode itu dari daftar."
        )
    with database.atomic():
        periode = Periode.create(tahun=tahun)
        opds = PerangkatDaerah.select(PerangkatDaerah.id).where(PerangkatDaerah.aktif == True)  # noqa: E712
        Pengumpulan.insert_many([{"periode": periode.id, "opd": opd.id} for opd in opds]).execute()
        audit.write(
            "buka_periode",
            pelaku=user,
            keterangan=f"Periode Tahun {tahun} dibuka",
            periode_id=periode.id,
            objek="periode",
            objek_id=periode.id,
        )
    return Changes.of(
        Area.PERIODE,
        pesan=f"Periode Tahun {tahun} dibuka.",
        periode_id=periode.id,
        objek_id=periode.id,
    )


def buka_kunci_periode(user: User, periode: Periode, alasan: str) -> Changes:
    """Unlock an archived period (Kabag only, with a reason)."""
    periode = Periode.get_by_id(periode.id)
    require_role("buka_kunci_periode", user, Role.KABAG, periode_id=periode.id)
    text = require_note("buka_kunci_periode", user, alasan, periode_id=periode.id)
    if not periode.terkunci:
        refuse(
            "buka_kunci_periode",
            user,
            f"Periode {periode.nama} tidak terkunci.",
            periode_id=periode.id,
        )
    with database.atomic():
        Periode.update(terkunci=False, dikunci_pada=None).where(Periode.id == periode.id).execute()
        # the final recap goes back to the Tim (step 8): a corrected recap is submitted, reviewed
        # and finalised again, which locks the period again
        reopened = (
            Rekap.update(status=StatusRekap.DIKEMBALIKAN.value)
            .where((Rekap.periode == periode) & (Rekap.status == StatusRekap.FINAL.value))
            .execute()
        )
        audit.write(
            "buka_kunci_periode",
            pelaku=user,
            keterangan=f"Kunci periode {periode.nama} dibuka: {text}",
            periode_id=periode.id,
            objek="periode",
            objek_id=periode.id,
            detail={"alasan": text, "rekap_dibuka_kembali": reopened},
        )
    periode.terkunci = False
    return Changes.of(
        Area.PERIODE,
        Area.ARSIP,
        pesan=f"Kunci periode {periode.nama} dibuka.",
        periode_id=periode.id,
    )
