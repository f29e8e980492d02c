"""Opening a period (data year) and unlocking an archived one."""

from __future__ import annotations

from kinerja_app.clock import now
from kinerja_app.errors import ValidationError
from kinerja_app.storage import audit
from kinerja_app.storage.models import Pengumpulan, PerangkatDaerah, Periode, Rekap, User
from kinerja_app.storage.models.master import Role
from kinerja_app.storage.models.rekap import StatusRekap
from kinerja_app.workflow.common import (
    Area,
    Changes,
    refuse,
    require_note,
    require_role,
    transaction,
)


def buka_periode(user: User, tahun: int) -> Changes:
    """Open the period of data year ``tahun`` with every active OPD expected to submit.

    Args:
        user: Kabag, Tim or administrator.
        tahun: the data year (e.g. 2025 for data collected in 2026).
    Returns:
        The change record; ``objek_id`` is the new period's id.
    """
    aksi = "buka_periode"
    if not 2000 <= tahun <= now().year + 1:
        raise ValidationError(
            f"Tahun data {tahun} tidak masuk akal; isi tahun antara 2000 dan {now().year + 1}."
        )
    exists = f"Periode Tahun {tahun} sudah ada; pilih periode itu dari daftar."
    with transaction(aksi, user, bentrok=exists):
        require_role(aksi, user, Role.KABAG, Role.TIM, Role.ADMIN)
        if Periode.select().where(Periode.tahun == tahun).exists():
            refuse(aksi, user, exists)
        periode = Periode.create(tahun=tahun)
        opds = PerangkatDaerah.select(PerangkatDaerah.id).where(PerangkatDaerah.aktif == True)  # noqa: E712
        Pengumpulan.insert_many([{"periode": periode.id, "opd": opd.id} for opd in opds]).execute()
        expected = Pengumpulan.select(Pengumpulan.id).where(Pengumpulan.periode == periode)
        audit.write(
            aksi,
            pelaku=user,
            keterangan=f"Periode Tahun {tahun} dibuka",
            periode_id=periode.id,
            objek="periode",
            objek_id=periode.id,
            data={Periode: [periode.id], Pengumpulan: [p.id for p in expected]},
        )
    return Changes.of(
        Area.PERIODE,
        pesan=f"Periode Tahun {tahun} dibuka.",
        periode_id=periode.id,
        objek_id=periode.id,
    )


def buka_kunci_periode(user: User, periode: Periode, alasan: str) -> Changes:
    """Unlock an archived period (Kabag only, with a reason)."""
    aksi = "buka_kunci_periode"
    with transaction(aksi, user, periode_id=periode.id):
        periode = Periode.get_by_id(periode.id)
        require_role(aksi, user, Role.KABAG, periode_id=periode.id)
        text = require_note(aksi, user, alasan, periode_id=periode.id)
        if not periode.terkunci:
            refuse(aksi, user, f"Periode {periode.nama} tidak terkunci.", periode_id=periode.id)
        final = [
            r.id
            for r in Rekap.select(Rekap.id).where(
                (Rekap.periode == periode) & (Rekap.status == StatusRekap.FINAL.value)
            )
        ]
        Periode.update(terkunci=False, dikunci_pada=None).where(Periode.id == periode.id).execute()
        # the final recap goes back to the Tim (step 8): a corrected recap is submitted, reviewed
        # and finalised again, which locks the period again
        reopened = (
            Rekap.update(status=StatusRekap.DIKEMBALIKAN.value).where(Rekap.id.in_(final)).execute()
        )
        audit.write(
            aksi,
            pelaku=user,
            keterangan=f"Kunci periode {periode.nama} dibuka: {text}",
            periode_id=periode.id,
            objek="periode",
            objek_id=periode.id,
            detail={"alasan": text, "rekap_dibuka_kembali": reopened},
            data={Periode: [periode.id], Rekap: final},
        )
    periode.terkunci = False
    return Changes.of(
        Area.PERIODE,
        Area.ARSIP,
        pesan=f"Kunci periode {periode.nama} dibuka.",
        periode_id=periode.id,
    )
