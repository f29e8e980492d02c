"""Step 6: the Tim sends the signed letter to each OPD with a numbered surat pengantar and
records the receipt. Every OPD is bound by the deadline the signed letter prints."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kinerja_app.clock import now
from kinerja_app.formatting import format_tanggal
from kinerja_app.storage import audit
from kinerja_app.storage.arsip_berkas import catat_bukti, folder_periode, salinan_arsip
from kinerja_app.storage.db import for_update
from kinerja_app.storage.models import (
    Arsip,
    Distribusi,
    Pengumpulan,
    Periode,
    SuratKeluar,
    SuratPermintaan,
    TandaTangan,
    User,
)
from kinerja_app.storage.models.master import Role
from kinerja_app.storage.models.pengumpulan import StatusOpd
from kinerja_app.storage.models.surat import StatusSurat
from kinerja_app.workflow.batas import batas_surat, surat_bertanda_tangan
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
from kinerja_app.workflow.register import (
    JenisSurat,
    daftarkan_surat_keluar,
    pemegang,
    surat_opd,
    tanggal_surat,
)


@dataclass(frozen=True)
class TandaTerima:
    """The receipt of one OPD: who received the letter and when."""

    pengumpulan_id: int
    penerima_nama: str
    tanggal: dt.datetime
    penerima_nip: str = ""
    berkas: Path | None = None


def _hal_pengantar(periode: Periode) -> str:
    return f"Penyampaian Surat Permintaan Data Kinerja Tahun {periode.tahun}"


def _pengantar(user: User, p: Pengumpulan, day: dt.date, signer: User | None) -> SuratKeluar:
    """Register the surat pengantar that carries the letter to one OPD (inside a transaction)."""
    return daftarkan_surat_keluar(
        user,
        tanggal=day,
        jenis=JenisSurat.PENGANTAR,
        hal=_hal_pengantar(p.periode),
        tujuan=p.opd.jabatan_kepala or p.opd.nama,
        periode_id=p.periode_id,
        pengumpulan=p,
        penandatangan=signer,
    )


def _require_signed(aksi: str, user: User, periode: Periode) -> TandaTangan:
    surat = SuratPermintaan.get_or_none(SuratPermintaan.periode == periode)
    ttd = surat_bertanda_tangan(periode)
    if surat is None or surat.status != StatusSurat.DITANDATANGANI or ttd is None:
        refuse(
            aksi,
            user,
            "Surat belum ditandatangani Sekda; distribusi dilakukan sesudah langkah 5.",
            periode_id=periode.id,
        )
    return ttd


def kirim_pengantar(
    user: User, periode: Periode, ids: Sequence[int] = (), *, tanggal: dt.date | None = None
) -> Changes:
    """Number and date the surat pengantar of each OPD's packet on the day it is sent (step 6).

    Args:
        user: a Tim Kinerja member.
        periode: the period whose signed letter is sent.
        ids: pengumpulan ids (default: every OPD not yet sent one).
        tanggal: the day the packets go out (default today; not before the letter).
    Returns:
        The change record naming the OPDs.
    """
    aksi = "kirim_pengantar"
    with transaction(aksi, user, periode_id=periode.id):
        periode = Periode.get_by_id(periode.id)
        require_role(aksi, user, Role.TIM, periode_id=periode.id)
        require_unlocked(aksi, user, periode)
        ttd = _require_signed(aksi, user, periode)
        day = tanggal_surat(tanggal, paling_awal=ttd.tanggal, apa="surat permintaan")
        query = Pengumpulan.select().where(
            (Pengumpulan.periode == periode)
            & (Pengumpulan.status == StatusOpd.BELUM_DIKIRIMI.value)
        )
        if ids:
            query = query.where(Pengumpulan.id.in_(list(ids)))
        rows = [p for p in for_update(query) if not surat_opd(p, JenisSurat.PENGANTAR)]
        if not rows:
            refuse(
                aksi,
                user,
                "Semua Perangkat Daerah yang dipilih sudah dikirimi surat pengantar.",
                periode_id=periode.id,
            )
        signer = pemegang(JenisSurat.PENGANTAR.penandatangan)
        numbers = [_pengantar(user, p, day, signer) for p in rows]
        audit.write(
            aksi,
            pelaku=user,
            keterangan=f"Surat pengantar untuk {len(rows)} Perangkat Daerah diberi nomor, "
            f"tanggal {format_tanggal(day)}",
            periode_id=periode.id,
            objek="surat_keluar",
            objek_id=numbers[0].id,
            detail={"nomor": [n.nomor for n in numbers]},
            data={SuratKeluar: [n.id for n in numbers]},
        )
    return Changes.of(
        Area.DISTRIBUSI,
        pesan=f"{len(rows)} surat pengantar diberi nomor dan tanggal {format_tanggal(day)}.",
        periode_id=periode.id,
        opd_ids=[p.opd_id for p in rows],
    )


def distribusikan(user: User, periode: Periode, receipts: Sequence[TandaTerima]) -> Changes:
    """Record the letter's delivery to one or more OPDs (step 6), all in one transaction.

    Each OPD is bound by the deadline the signed letter prints. A receipt is never dated before
    the letter or its pengantar; an OPD sent no pengantar yet gets one dated the day received.

    Args:
        user: a Tim Kinerja member.
        periode: the period whose signed letter is distributed.
        receipts: one receipt per OPD.
    Returns:
        The change record naming the OPDs.
    """
    aksi = "distribusikan"
    if not receipts:
        refuse(aksi, user, "Pilih paling sedikit satu Perangkat Daerah.", periode_id=periode.id)
    proofs = [
        (
            r.berkas,
            folder_periode(periode.tahun, "Tanda Terima"),
            f"Tanda terima {r.pengumpulan_id} - {r.berkas.name}",
        )
        for r in receipts
        if r.berkas is not None
    ]
    late: list[str] = []
    with salinan_arsip(proofs) as copies, transaction(aksi, user, periode_id=periode.id):
        periode = Periode.get_by_id(periode.id)
        require_role(aksi, user, Role.TIM, periode_id=periode.id)
        require_unlocked(aksi, user, periode)
        ttd = _require_signed(aksi, user, periode)
        due = batas_surat(periode)
        assert due is not None  # signed
        signer = pemegang(JenisSurat.PENGANTAR.penandatangan)
        copied = iter(copies)
        rows = {
            p.id: p
            for p in for_update(
                Pengumpulan.select().where(
                    (Pengumpulan.periode == periode)
                    & Pengumpulan.id.in_([r.pengumpulan_id for r in receipts])
                )
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
            if receipt.tanggal.date() < ttd.tanggal:
                refuse(
                    aksi,
                    user,
                    f"Tanggal terima {format_tanggal(receipt.tanggal)} lebih awal dari tanggal "
                    f"surat ({format_tanggal(ttd.tanggal)}); periksa tanda terimanya.",
                    periode_id=periode.id,
                    opd_id=row.opd_id,
                )
            sent = surat_opd(row, JenisSurat.PENGANTAR)
            if sent and receipt.tanggal.date() < sent[-1].tanggal:
                refuse(
                    aksi,
                    user,
                    f"Tanggal terima {format_tanggal(receipt.tanggal)} lebih awal dari surat "
                    f"pengantar nomor {sent[-1].nomor} ({format_tanggal(sent[-1].tanggal)}).",
                    periode_id=periode.id,
                    opd_id=row.opd_id,
                )
            pengantar = [] if sent else [_pengantar(user, row, receipt.tanggal.date(), signer).id]
            proof = next(copied) if receipt.berkas is not None else None
            bukti = (
                [catat_bukti(periode, f"Tanda terima {row.opd.nama}", proof, user).id]
                if proof is not None
                else []
            )
            distribusi = Distribusi.create(
                pengumpulan=row,
                tanggal=receipt.tanggal,
                penerima_nama=clean_text(receipt.penerima_nama, "Nama penerima", max_length=200),
                penerima_nip=receipt.penerima_nip.strip(),
                tanda_terima=str(proof[0]) if proof else None,
                dicatat_oleh=user,
            )
            if receipt.tanggal > due:
                late.append(row.opd.nama)
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
                data={
                    Pengumpulan: [row.id],
                    Distribusi: [distribusi.id],
                    Arsip: bukti,
                    SuratKeluar: pengantar,
                },
            )
    pesan = f"Tanda terima {len(receipts)} Perangkat Daerah dicatat."
    if late:
        pesan += (
            f" {len(late)} OPD menerima surat sesudah batas waktunya ({', '.join(late[:3])}"
            + ("…" if len(late) > 3 else "")
            + "); catat perpanjangan batas waktu untuk OPD itu."
        )
    return Changes.of(
        Area.DISTRIBUSI,
        pesan=pesan,
        periode_id=periode.id,
        opd_ids=[rows[r.pengumpulan_id].opd_id for r in receipts],
    )
