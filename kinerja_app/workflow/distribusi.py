"""Step 6: the Tim hands the signed letter to each OPD and records the receipt."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kinerja_app.clock import now
from kinerja_app.jadwal.mutu_baku import jatuh_tempo, kalender_kerja
from kinerja_app.storage import audit
from kinerja_app.storage.arsip_berkas import catat_bukti, folder_periode, salinan_arsip
from kinerja_app.storage.models import (
    Distribusi,
    Pengumpulan,
    Periode,
    SuratPermintaan,
    TandaTangan,
    User,
)
from kinerja_app.storage.models.master import Role
from kinerja_app.storage.models.pengumpulan import StatusOpd
from kinerja_app.storage.models.surat import StatusSurat
from kinerja_app.workflow.common import (
    Area,
    Changes,
    clean_text,
    refuse,
    require_after,
    require_role,
    require_unlocked,
    transaction,
)
from kinerja_app.workflow.rancangan import IsiSurat


@dataclass(frozen=True)
class TandaTerima:
    """The receipt of one OPD: who received the letter and when."""

    pengumpulan_id: int
    penerima_nama: str
    tanggal: dt.datetime
    penerima_nip: str = ""
    berkas: Path | None = None


def distribusikan(user: User, periode: Periode, receipts: Sequence[TandaTerima]) -> Changes:
    """Record the letter's delivery to one or more OPDs (step 6), all in one transaction.

    Each OPD's clock for step 7 starts at its receipt: its deadline is the later of the
    letter's batas waktu and one office day after receipt.

    Args:
        user: a Tim Kinerja member.
        periode: the period whose signed letter is distributed.
        receipts: one receipt per OPD.
    Returns:
        The change record naming the OPDs.
    """
    aksi = "distribusikan"
    periode = Periode.get_by_id(periode.id)
    require_role(aksi, user, Role.TIM, periode_id=periode.id)
    require_unlocked(aksi, user, periode)
    surat = SuratPermintaan.get_or_none(SuratPermintaan.periode == periode)
    if surat is None or surat.status != StatusSurat.DITANDATANGANI:
        refuse(
            aksi,
            user,
            "Surat belum ditandatangani Sekda; distribusi dilakukan sesudah langkah 5.",
            periode_id=periode.id,
        )
    if not receipts:
        refuse(aksi, user, "Pilih paling sedikit satu Perangkat Daerah.", periode_id=periode.id)
    ttd = TandaTangan.get(TandaTangan.surat == surat)
    isi = IsiSurat.from_json(ttd.rancangan.isi_json)
    letter_deadline = dt.datetime.combine(isi.batas_waktu, dt.time(23, 59))
    calendar = kalender_kerja()
    proofs = [
        (
            r.berkas,
            folder_periode(periode.tahun, "Tanda Terima"),
            f"Tanda terima {r.pengumpulan_id} - {r.berkas.name}",
        )
        for r in receipts
        if r.berkas is not None
    ]
    with salinan_arsip(proofs) as copies, transaction():
        copied = iter(copies)
        rows = {
            p.id: p
            for p in Pengumpulan.select().where(
                (Pengumpulan.periode == periode)
                & Pengumpulan.id.in_([r.pengumpulan_id for r in receipts])
            )
        }
        for receipt in receipts:
            row = rows.get(receipt.pengumpulan_id)
            if row is None:
                refuse(
                    aksi,
                    user,
                    "Perangkat Daerah itu tidak termasuk periode ini.",
                    periode_id=periode.id,
                )
            if row.status != StatusOpd.BELUM_DIKIRIMI:
                refuse(
                    aksi,
                    user,
                    f"Surat untuk {row.opd.nama} sudah tercatat diterima.",
                    periode_id=periode.id,
                    opd_id=row.opd_id,
                )
            if receipt.tanggal > now() + dt.timedelta(minutes=5):
                refuse(
                    aksi,
                    user,
                    "Tanggal tanda terima tidak boleh di masa depan.",
                    periode_id=periode.id,
                )
            require_after(
                aksi, user, receipt.tanggal, ttd.waktu, "tanda tangan Sekda", periode_id=periode.id
            )
            proof = next(copied) if receipt.berkas is not None else None
            if proof is not None:
                catat_bukti(periode, f"Tanda terima {row.opd.nama}", proof, user)
            Distribusi.create(
                pengumpulan=row,
                tanggal=receipt.tanggal,
                penerima_nama=clean_text(receipt.penerima_nama, "Nama penerima", max_length=200),
                penerima_nip=receipt.penerima_nip.strip(),
                tanda_terima=str(proof[0]) if proof else None,
                dicatat_oleh=user,
            )
            due = max(letter_deadline, jatuh_tempo(7, receipt.tanggal, calendar))
            Pengumpulan.update(
                status=StatusOpd.SURAT_DITERIMA.value,
                status_sejak=now(),
                surat_diterima_pada=receipt.tanggal,
                batas_waktu=due,
            ).where(Pengumpulan.id == row.id).execute()
            audit.write(
                aksi,
                pelaku=user,
                keterangan=f"Surat diterima {row.opd.nama} ({receipt.penerima_nama})",
                periode_id=periode.id,
                opd_id=row.opd_id,
                objek="pengumpulan",
                objek_id=row.id,
                detail={
                    "tanggal": receipt.tanggal.isoformat(sep=" "),
                    "batas_waktu": due.isoformat(sep=" "),
                },
            )
    return Changes.of(
        Area.DISTRIBUSI,
        pesan=f"Tanda terima {len(receipts)} Perangkat Daerah dicatat.",
        periode_id=periode.id,
        opd_ids=[rows[r.pengumpulan_id].opd_id for r in receipts],
    )
