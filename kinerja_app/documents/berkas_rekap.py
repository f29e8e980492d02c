"""The Dokumen Rekapitulasi Data Kinerja Perangkat Daerah (steps 8–10), filled and archived.

A version prints exactly what was submitted to the Kabag (its frozen snapshot); it is a draft
(DRAF mark, date open) until the Kabag approves it, then dated by that approval and carrying
the audit chain head. "Tepat waktu" is judged by the one deadline each OPD was bound by.
"""

from __future__ import annotations

import json

from kinerja_app.admin import settings
from kinerja_app.documents import context as doc
from kinerja_app.documents import render
from kinerja_app.documents.naskah import (
    Cetakan,
    arsipkan,
    berkas,
    contoh,
    kop,
    pejabat,
    pemegang,
)
from kinerja_app.rekap.rekapitulasi import BarisRekap, baris_rekap, ringkasan
from kinerja_app.storage.models import Periode, Rekap, ReviewRekap, User
from kinerja_app.storage.models.master import Role
from kinerja_app.storage.models.rekap import StatusRekap
from kinerja_app.workflow.rekap import kepala_persetujuan, rekap_terakhir


def rekap_untuk_dokumen(periode: Periode) -> Rekap | None:
    """The recap version a printed Dokumen Rekapitulasi must show: the one with the Kabag
    (submitted), approved or final; ``None`` while the Tim is still working (a live draft)."""
    last = rekap_terakhir(periode)
    if last is not None and last.status in (
        StatusRekap.DIAJUKAN,
        StatusRekap.DISETUJUI,
        StatusRekap.FINAL,
    ):
        return last
    return None


def rekap_context(periode: Periode, rekap: Rekap | None = None) -> doc.RekapDokumen:
    """The Dokumen Rekapitulasi: the frozen snapshot of a version, or the live recap.

    Only an approved version is final: dated the day the Kabag approved it, with the audit
    chain head; anything else is a draft whose date stays open.
    """
    if rekap is not None:
        snapshot = json.loads(rekap.snapshot_json)
        rows = [BarisRekap.from_json(row) for row in snapshot["baris"]]
    else:
        rows = baris_rekap(periode)
    summary = ringkasan(rows)
    review = (
        ReviewRekap.select()
        .where(ReviewRekap.rekap == rekap)
        .order_by(ReviewRekap.id.desc())
        .first()
        if rekap
        else None
    )
    final = rekap is not None and rekap.status in (StatusRekap.DISETUJUI, StatusRekap.FINAL)
    return doc.RekapDokumen(
        periode=periode.nama,
        tahun_data=periode.tahun,
        rows=[
            doc.BarisRekap(
                nama_opd=r.nama,
                status=r.status.label,
                tanggal_surat_diterima=r.surat_diterima_pada.date()
                if r.surat_diterima_pada
                else None,
                tanggal_data_masuk=r.data_masuk_pada.date() if r.data_masuk_pada else None,
                tepat_waktu=r.tepat_waktu,
                revisi=r.revisi,
                jumlah_indikator=r.jumlah_indikator,
                capaian_rata_rata=r.capaian_rata,
                predikat=r.predikat,
                batas_waktu=r.batas_waktu.date() if r.batas_waktu else None,
            )
            for r in rows
        ],
        tanggal=review.waktu.date() if final and review else None,
        ringkasan=summary.teks() + ".",
        catatan_kabag=review.catatan if review else "",
        kabag=pejabat(review.oleh if review else pemegang(Role.KABAG), "Kepala Bagian Organisasi"),
        audit_head=kepala_persetujuan(rekap) if final and rekap else "",
        draft=not final,
        versi=rekap.versi if rekap else Rekap.select().where(Rekap.periode == periode).count() + 1,
        tempat=settings.get("tempat_surat"),
        kop=kop(),
        contoh=final and contoh(),
    )


def dokumen_rekapitulasi(user: User, periode: Periode, rekap: Rekap | None = None) -> Cetakan:
    """The Dokumen Rekapitulasi of a recap version (or the live recap, as a draft), archived.

    Raises:
        UserError: an approved version while the lambang is still the placeholder.
    """
    ctx = rekap_context(periode, rekap)
    files = berkas(
        "rekapitulasi", render.items_rekap(ctx), meta=[("", ctx.tanggal, None)], landscape=True
    )
    jenis = "Dokumen Rekapitulasi" if not ctx.draft else "Draf Dokumen Rekapitulasi"
    return arsipkan(user, periode, jenis, "Rekapitulasi", files)


__all__ = ["dokumen_rekapitulasi", "rekap_context", "rekap_untuk_dokumen"]
