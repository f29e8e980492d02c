"""Step 5 "Ya": the Sekda signs (wet ink or electronically); the letter gets its number.

A letter signed in SRIKANDI carries SRIKANDI's number and date everywhere; a wet signature
takes the next number of the register, dated the day of signing. When the Sekretariat Daerah
itself is among the recipients, its bagian get a nota dinas, numbered with the letter.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kinerja_app.errors import ValidationError
from kinerja_app.formatting import format_tanggal
from kinerja_app.storage.arsip_berkas import catat_bukti, folder_periode, salinan_arsip
from kinerja_app.storage.models import (
    Arsip,
    Rancangan,
    SuratKeluar,
    SuratPermintaan,
    TandaTangan,
    User,
)
from kinerja_app.storage.models.master import Role
from kinerja_app.storage.models.surat import CaraTtd, StatusSurat
from kinerja_app.workflow.common import Area, Changes, pelaksana, refuse, transaction
from kinerja_app.workflow.paraf import check_turn, paraf_sah, sebelumnya
from kinerja_app.workflow.register import (
    JenisSurat,
    daftarkan_surat_keluar,
    penerima_surat,
    setda_sendiri,
)

TUJUAN_SEMUA = "Kepala Perangkat Daerah di Lingkungan Pemerintah Kabupaten Lamandau"
TUJUAN_SETDA = "Para Asisten dan Kepala Bagian di Lingkungan Sekretariat Daerah"


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
        user: the Sekda, or the Tim member recording the signature (wet or in SRIKANDI).
        rancangan: the signed version.
        cara: konvensional (wet ink) or elektronik (through SRIKANDI).
        tanggal: the letter's date: for SRIKANDI the date SRIKANDI gave it; for a wet
            signature the day of signing (the default for both).
        nomor_srikandi: the number SRIKANDI gave the letter (required for elektronik).
        scan: scan of the signed letter (or SRIKANDI's PDF).
        atas_nama: the Sekda, when recorded by staff.
        waktu: when the Sekda signed.
    Returns:
        The change record; ``pesan`` names the letter's number.
    """
    aksi = "sekda_tandatangani"
    periode_id = rancangan.surat.periode_id
    srikandi = (nomor_srikandi or "").strip() if cara == CaraTtd.ELEKTRONIK else ""
    if cara == CaraTtd.ELEKTRONIK and not srikandi:
        raise ValidationError("Tanda tangan elektronik memerlukan nomor naskah dari SRIKANDI.")
    from kinerja_app.workflow.rancangan import IsiSurat

    isi = IsiSurat.from_json(rancangan.isi_json)
    tahun = rancangan.surat.periode.tahun
    proof = (
        [(scan, folder_periode(tahun, "Pindaian"), f"Surat bertanda tangan - {scan.name}")]
        if scan
        else []
    )
    with salinan_arsip(proof) as copies, transaction(aksi, user, periode_id=periode_id):
        who = pelaksana(
            aksi, user, Role.SEKDA, atas_nama=atas_nama, waktu=waktu, periode_id=periode_id
        )
        tgl = tanggal or who.waktu.date()
        if tgl > who.waktu.date():
            raise ValidationError("Tanggal surat tidak boleh sesudah tanggal penandatanganan.")
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
        if tgl < sebelumnya(rancangan).date():
            refuse(
                aksi,
                user,
                "Tanggal surat tidak boleh sebelum paraf terakhir.",
                periode_id=periode_id,
            )
        if isi.batas_waktu < tgl:
            refuse(
                aksi,
                user,
                f"Batas penyampaian pada surat ({format_tanggal(isi.batas_waktu)}) sudah lewat "
                f"pada tanggal surat ({format_tanggal(tgl)}). Kembalikan draf ke Tim Kinerja "
                "untuk memperbaiki batas penyampaian.",
                periode_id=periode_id,
            )
        register = daftarkan_surat_keluar(
            user,
            tanggal=tgl,
            jenis=JenisSurat.PERMINTAAN,
            hal=isi.hal,
            tujuan=TUJUAN_SEMUA,
            periode_id=periode_id,
            penandatangan=who.oleh,
            nomor_srikandi=srikandi or None,
        )
        nota = None
        if any(setda_sendiri(p.opd) for p in penerima_surat(periode_id, isi.penerima_ids)):
            nota = daftarkan_surat_keluar(
                user,
                tanggal=tgl,
                jenis=JenisSurat.NOTA_DINAS,
                hal=isi.hal,
                tujuan=TUJUAN_SETDA,
                periode_id=periode_id,
                penandatangan=who.oleh,
            )
        row = TandaTangan.create(
            surat=surat,
            rancangan=rancangan,
            surat_keluar=register,
            tanggal=tgl,
            cara=cara.value,
            nomor_srikandi=srikandi or None,
            scan=str(copies[0][0]) if copies else None,
            oleh=who.oleh,
            dicatat_oleh=who.dicatat_oleh,
            waktu=who.waktu,
        )
        SuratPermintaan.update(
            status=StatusSurat.DITANDATANGANI.value, status_sejak=who.waktu
        ).where(SuratPermintaan.id == surat.id).execute()
        bukti = (
            [
                catat_bukti(
                    surat.periode,
                    f"Pindaian surat bertanda tangan {register.nomor}",
                    copies[0],
                    user,
                ).id
            ]
            if copies
            else []
        )
        via = f"elektronik, SRIKANDI {srikandi}" if srikandi else cara.value
        who.audit(
            aksi,
            keterangan=f"Surat nomor {register.nomor} tanggal {format_tanggal(tgl)} "
            f"ditandatangani Sekda ({via})"
            + (f"; nota dinas nomor {nota.nomor} untuk Sekretariat Daerah" if nota else ""),
            periode_id=periode_id,
            objek="tanda_tangan",
            objek_id=row.id,
            detail={
                "nomor": register.nomor,
                "tanggal": tgl.isoformat(),
                "versi": rancangan.versi,
                "srikandi": bool(srikandi),
                "nota_dinas": nota.nomor if nota else None,
            },
            data={
                TandaTangan: [row.id],
                SuratKeluar: [register.id, *([nota.id] if nota else [])],
                SuratPermintaan: [surat.id],
                Arsip: bukti,
            },
        )
    return Changes.of(
        Area.SURAT,
        pesan=f"Surat ditandatangani dengan nomor {register.nomor} tanggal {format_tanggal(tgl)}.",
        periode_id=periode_id,
        objek_id=row.id,
    )
