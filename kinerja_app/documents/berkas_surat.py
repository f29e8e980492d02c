"""The papers of steps 1–5, filled from the database and archived: the lembar disposisi, the
draft with its paraf table, the clean copy the Sekda signs, the final numbered letter, and the
nota dinas to the Sekretariat Daerah's own bagian.

A draft and the copy to be signed leave the number and the date open; the final letter prints
the number and date of its signature (SRIKANDI's, when signed there), never the print day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from kinerja_app.admin import settings
from kinerja_app.documents import context as doc
from kinerja_app.documents import render
from kinerja_app.documents.baku import sifat_teks
from kinerja_app.documents.naskah import (
    Berkas,
    Cetakan,
    arsipkan,
    berkas,
    blok_sekda,
    contoh,
    kop,
    pemegang,
    penerima,
)
from kinerja_app.documents.ttd import kepala_daerah
from kinerja_app.errors import UserError
from kinerja_app.storage import audit
from kinerja_app.storage.models import (
    Disposisi,
    Periode,
    Rancangan,
    SuratKeluar,
    SuratPermintaan,
    TandaTangan,
    User,
)
from kinerja_app.storage.models.master import Role
from kinerja_app.storage.models.surat import CaraTtd, StatusSurat
from kinerja_app.workflow.batas import surat_bertanda_tangan
from kinerja_app.workflow.common import refuse
from kinerja_app.workflow.paraf import paraf_sah
from kinerja_app.workflow.rancangan import IsiSurat, versi_terakhir
from kinerja_app.workflow.register import JenisSurat, penerima_surat, setda_sendiri
from kinerja_app.workflow.tandatangan import TUJUAN_SETDA

DRAF, TANDA_TANGAN, FINAL = "draf", "tanda_tangan", "final"


def surat_context(rancangan: Rancangan, tahap: str = FINAL) -> doc.SuratPermintaan:
    """The letter of one version at one stage: ``draf`` (DRAF mark, paraf table, no number or
    date), ``tanda_tangan`` (the clean copy the Sekda signs: no mark, number and date open) or
    ``final`` (numbered and dated by its signature)."""
    surat: SuratPermintaan = rancangan.surat
    isi = IsiSurat.from_json(rancangan.isi_json)
    ttd = TandaTangan.get_or_none(TandaTangan.surat == surat) if tahap == FINAL else None
    an_bupati = bool(settings.get("an_bupati"))
    opds = [p.opd for p in penerima_surat(surat.periode_id, isi.penerima_ids)]
    parafs = paraf_sah(rancangan)
    signer = ttd.oleh if ttd else pemegang(Role.SEKDA)
    return doc.SuratPermintaan(
        tanggal=ttd.tanggal if ttd else None,
        hal=isi.hal,
        paragraphs=isi.paragraf_cetak(),
        batas_waktu=isi.batas_waktu,
        tahun_data=surat.periode.tahun,
        penerima=[penerima(o) for o in opds if not setda_sendiri(o)],
        ttd=blok_sekda(
            signer, an_bupati=an_bupati, elektronik=bool(ttd and ttd.cara == CaraTtd.ELEKTRONIK)
        ),
        nomor=ttd.surat_keluar.nomor if ttd else "",
        tempat=settings.get("tempat_surat"),
        sifat=sifat_teks(isi.sifat, isi.klasifikasi),
        lampiran=isi.lampiran,
        tembusan=list(isi.tembusan),
        draft=tahap == DRAF,
        versi=rancangan.versi,
        paraf=[
            doc.Paraf(
                jabatan=role.label,
                nama=parafs[role].oleh.nama if role in parafs else "",
                tanggal=parafs[role].waktu.date() if role in parafs else None,
            )
            for role in (Role.KABAG, Role.ASISTEN)
        ]
        if tahap == DRAF
        else [],
        kop=kop(pemda=an_bupati),
        penerbit=kepala_daerah() if an_bupati else "SEKRETARIS DAERAH KABUPATEN LAMANDAU",
        contoh=tahap != DRAF and contoh(),
        audit_head=audit.head_of("tanda_tangan", ttd.id) if ttd else "",
    )


def _surat(
    user: User,
    rancangan: Rancangan,
    tahap: str,
    jenis: str,
    folder: str,
    syarat: Callable[[], None] | None = None,
) -> Cetakan:
    ctx = surat_context(rancangan, tahap)
    isi = IsiSurat.from_json(rancangan.isi_json)
    items = render.items_surat_permintaan(ctx, isi.per_opd)
    meta: list[tuple[str, dt.date | None, int | None]] = [(ctx.nomor, ctx.tanggal, None)]
    if isi.per_opd:  # one copy per OPD: each archived copy names its OPD
        opds = penerima_surat(rancangan.surat.periode_id, isi.penerima_ids)
        meta = [(ctx.nomor, ctx.tanggal, p.opd_id) for p in opds if not setda_sendiri(p.opd)]
    files = berkas("surat_permintaan", items, meta=meta)
    return arsipkan(user, rancangan.surat.periode, jenis, folder, files, syarat=syarat)


def draf_surat(user: User, rancangan: Rancangan) -> Cetakan:
    """The draft of one version, for paraf: DRAF mark, paraf table, number and date left open.

    Returns:
        The archived files (one letter, or one copy per OPD when the draft says so).
    """
    return _surat(
        user, rancangan, DRAF, "Draf Surat Permintaan", f"Surat Permintaan/Draf v{rancangan.versi}"
    )


def surat_untuk_ditandatangani(user: User, rancangan: Rancangan) -> Cetakan:
    """The clean copy the Sekda signs (step 5): no DRAF mark and no paraf table; the number and
    the date are left for the register when it is signed.

    Raises:
        ActionRefused: the version is not (or, inside the transaction, no longer) the one
            waiting for the Sekda with both paraf.
        UserError: the lambang is still the placeholder.
    """
    if not _menunggu_sekda(rancangan):  # before rendering; again inside the transaction
        refuse(
            "arsipkan_naskah",
            user,
            "Surat untuk ditandatangani dicetak sesudah Kabag dan Asisten memaraf versi "
            "terakhir; sebelum itu cetaklah drafnya.",
            periode_id=rancangan.surat.periode_id,
        )

    def masih_menunggu() -> None:  # again inside the archive's transaction
        if not _menunggu_sekda(rancangan):
            refuse(
                "arsipkan_naskah",
                user,
                f"Draf versi {rancangan.versi} baru saja berubah di komputer lain dan tidak lagi "
                "menunggu tanda tangan Sekda, jadi salinan untuk ditandatangani tidak diarsipkan. "
                "Muat ulang (F5), lalu cetak naskah yang sesuai.",
                periode_id=rancangan.surat.periode_id,
            )

    return _surat(
        user,
        rancangan,
        TANDA_TANGAN,
        "Surat Permintaan untuk Ditandatangani",
        "Surat Permintaan",
        masih_menunggu,
    )


def _menunggu_sekda(rancangan: Rancangan) -> bool:
    """Whether ``rancangan`` is the latest version, with both paraf, waiting for the Sekda."""
    surat = SuratPermintaan.get_by_id(rancangan.surat_id)
    return (
        surat.status == StatusSurat.MENUNGGU_SEKDA
        and versi_terakhir(surat).id == rancangan.id
        and not {Role.KABAG, Role.ASISTEN} - set(paraf_sah(rancangan))
    )


def surat_permintaan(user: User, periode: Periode) -> Cetakan:
    """The final Surat Permintaan Data Kinerja: one letter, one number, dated by its signature,
    with the Daftar Penerima as its lampiran (or one copy per OPD when the draft says so).

    Raises:
        UserError: not signed yet, or the lambang is still the placeholder.
    """
    ttd = surat_bertanda_tangan(periode)
    if ttd is None:
        raise UserError("Surat permintaan belum ditandatangani Sekda; cetaklah drafnya.")
    return _surat(user, ttd.rancangan, FINAL, "Surat Permintaan", "Surat Permintaan")


def nota_dinas(user: User, periode: Periode) -> Cetakan:
    """The nota dinas of the Sekda asking the Sekretariat Daerah's own bagian for their data,
    numbered and dated with the letter.

    Raises:
        UserError: not signed, or the Sekretariat Daerah is not among the recipients.
    """
    ttd = surat_bertanda_tangan(periode)
    nomor = (
        SuratKeluar.select()
        .where(
            (SuratKeluar.periode == periode) & (SuratKeluar.jenis == JenisSurat.NOTA_DINAS.value)
        )
        .first()
    )
    if ttd is None or nomor is None:
        raise UserError(
            "Nota dinas untuk Sekretariat Daerah dibuat bersama surat permintaan yang sudah "
            "ditandatangani, bila Sekretariat Daerah termasuk penerimanya."
        )
    isi = IsiSurat.from_json(ttd.rancangan.isi_json)
    ctx = doc.NotaDinas(
        kepada=TUJUAN_SETDA,
        dari="Sekretaris Daerah",
        tanggal=nomor.tanggal,
        nomor=nomor.nomor,
        hal=isi.hal,
        paragraphs=isi.paragraf_cetak(),
        # signed in the act that signed the letter: electronically too when that was in SRIKANDI
        ttd=blok_sekda(ttd.oleh, an_bupati=False, elektronik=ttd.cara == CaraTtd.ELEKTRONIK),
        sifat=sifat_teks(isi.sifat, isi.klasifikasi),
        lampiran=isi.lampiran,
        kop=kop(),
        contoh=contoh(),
    )
    files = berkas(
        "nota_dinas", render.items_nota_dinas(ctx), meta=[(nomor.nomor, nomor.tanggal, None)]
    )
    return arsipkan(user, periode, "Nota Dinas", "Surat Permintaan", files)


def lembar_disposisi(user: User, disposisi: Disposisi) -> Cetakan:
    """The Lembar Disposisi of step 1 with its standard fields, dated by the disposisi."""
    day = disposisi.waktu.date()
    ctx = doc.Disposisi(
        dari=disposisi.surat_dari,
        hal=disposisi.hal,
        isi=disposisi.isi,
        nomor_agenda=disposisi.nomor_agenda,
        nomor_surat=disposisi.nomor_surat,
        tanggal_surat=disposisi.tanggal_surat,
        tanggal_diterima=disposisi.diterima_tanggal or day,
        sifat=disposisi.sifat,
        klasifikasi=disposisi.klasifikasi,
        diteruskan_kepada=[disposisi.diteruskan_kepada],
        harap=[h for h in disposisi.harap.split("; ") if h],
        catatan=disposisi.catatan,
        paraf_nama=disposisi.oleh.nama,
        paraf_tanggal=day,
        kop=kop(),
        contoh=contoh(),
    )
    files: list[Berkas] = berkas(
        "disposisi", render.items_disposisi(ctx), meta=[(disposisi.nomor_agenda, day, None)]
    )
    return arsipkan(user, disposisi.periode, "Lembar Disposisi", "Disposisi", files)


__all__ = [
    "draf_surat",
    "lembar_disposisi",
    "nota_dinas",
    "surat_context",
    "surat_permintaan",
    "surat_untuk_ditandatangani",
]
