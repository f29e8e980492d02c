"""Step 5 "Ya": the Sekda signs (wet ink or electronically); the letter gets its number."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import peewee

from kinerja_app.admin import settings
from kinerja_app.documents.nomor import format_nomor
from kinerja_app.errors import ValidationError
from kinerja_app.storage.arsip_berkas import catat_bukti, folder_periode, salinan_arsip
from kinerja_app.storage.models import Rancangan, SuratKeluar, SuratPermintaan, TandaTangan, User
from kinerja_app.storage.models.master import Role
from kinerja_app.storage.models.surat import CaraTtd, StatusSurat
from kinerja_app.workflow.common import Area, Changes, pelaksana, refuse, transaction
from kinerja_app.workflow.paraf import check_turn, paraf_sah, sebelumnya


def daftarkan_surat_keluar(
    user: User, *, tanggal: dt.date, jenis: str, hal: str, tujuan: str, periode_id: int | None
) -> SuratKeluar:
    """Give the next running number of the year and enter it in the register.

    Call inside the caller's transaction (BEGIN IMMEDIATE makes the number race-free).
    """
    last = (
        SuratKeluar.select(peewee.fn.MAX(SuratKeluar.urut))
        .where(SuratKeluar.tahun == tanggal.year)
        .scalar()
    )
    urut = int(last or 0) + 1
    nomor = format_nomor(settings.get("nomor_pola"), urut, tanggal)
    return SuratKeluar.create(
        tahun=tanggal.year,
        urut=urut,
        nomor=nomor,
        tanggal=tanggal,
        jenis=jenis,
        hal=hal,
        tujuan=tujuan,
        periode=periode_id,
        dicatat_oleh=user,
    )


def sekda_tandatangani(
    user: User,
    rancangan: Rancangan,
    *,
    cara: CaraTtd = CaraTtd.KONVENSIONAL,
    tanggal: dt.date | None = None,
    nomor_srikandi: str | None = None,
    scan: Path | None = None,
    atas_nama: User | None = None,
    waktu: dt.datetime | None = None,
) -> Changes:
    """Record the Sekda's signature on the version both paraf certify, and number the letter.

    Args:
        user: the Sekda, or the Tim member recording the wet signature.
        rancangan: the signed version.
        cara: konvensional (wet ink) or elektronik (e.g. through SRIKANDI).
        tanggal: the letter's date (default: the day of signing).
        nomor_srikandi: the SRIKANDI document number for an electronic signature.
        scan: scan of the signed letter.
        atas_nama: the Sekda, when recorded by staff.
        waktu: when the Sekda signed.
    Returns:
        The change record; ``pesan`` names the letter's number.
    """
    aksi = "sekda_tandatangani"
    periode_id = rancangan.surat.periode_id
    who = pelaksana(aksi, user, Role.SEKDA, atas_nama=atas_nama, waktu=waktu, periode_id=periode_id)
    if cara == CaraTtd.ELEKTRONIK and not (nomor_srikandi or "").strip():
        raise ValidationError("Tanda tangan elektronik memerlukan nomor dokumen SRIKANDI.")
    tgl = tanggal or who.waktu.date()
    if tgl > who.waktu.date():
        raise ValidationError("Tanggal surat tidak boleh sesudah tanggal penandatanganan.")
    from kinerja_app.workflow.rancangan import IsiSurat

    isi = IsiSurat.from_json(rancangan.isi_json)
    tahun = rancangan.surat.periode.tahun
    proof = (
        [(scan, folder_periode(tahun, "Pindaian"), f"Surat bertanda tangan - {scan.name}")]
        if scan
        else []
    )
    with salinan_arsip(proof) as copies, transaction():
        surat: SuratPermintaan = check_turn(
            aksi, user, rancangan, Role.SEKDA, StatusSurat.MENUNGGU_SEKDA, who.waktu
        )
        missing = {Role.KABAG, Role.ASISTEN} - set(paraf_sah(rancangan))
        if missing:
            names = ", ".join(r.label for r in sorted(missing))
            refuse(
                aksi,
                user,
                f"Versi {rancangan.versi} belum berparaf {names}.",
                periode_id=periode_id,
            )
        earliest = sebelumnya(rancangan)
        if tgl < earliest.date():
            refuse(
                aksi,
                user,
                "Tanggal surat tidak boleh sebelum paraf terakhir.",
                periode_id=periode_id,
            )
        register = daftarkan_surat_keluar(
            user,
            tanggal=tgl,
            jenis="permintaan",
            hal=isi.hal,
            tujuan="Seluruh Perangkat Daerah",
            periode_id=periode_id,
        )
        row = TandaTangan.create(
            surat=surat,
            rancangan=rancangan,
            surat_keluar=register,
            tanggal=tgl,
            cara=cara.value,
            nomor_srikandi=(nomor_srikandi or "").strip() or None,
            scan=str(copies[0][0]) if copies else None,
            oleh=who.oleh,
            dicatat_oleh=who.dicatat_oleh,
            waktu=who.waktu,
        )
        SuratPermintaan.update(
            status=StatusSurat.DITANDATANGANI.value, status_sejak=who.waktu
        ).where(SuratPermintaan.id == surat.id).execute()
        if copies:
            catat_bukti(
                surat.periode, f"Pindaian surat bertanda tangan {register.nomor}", copies[0], user
            )
        who.audit(
            aksi,
            keterangan=f"Surat nomor {register.nomor} ditandatangani Sekda ({cara.value})",
            periode_id=periode_id,
            objek="tanda_tangan",
            objek_id=row.id,
            detail={"nomor": register.nomor, "versi": rancangan.versi},
        )
    return Changes.of(
        Area.SURAT,
        pesan=f"Surat ditandatangani dengan nomor {register.nomor}.",
        periode_id=periode_id,
        objek_id=row.id,
    )
