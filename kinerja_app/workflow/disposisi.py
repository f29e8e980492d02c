"""Step 1: the Kabag's disposisi assigning the Tim to collect the data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from kinerja_app.documents.baku import HARAP, KLASIFIKASI, SIFAT
from kinerja_app.errors import ValidationError
from kinerja_app.formatting import format_tanggal_waktu
from kinerja_app.storage.models import Disposisi, Periode, User
from kinerja_app.storage.models.master import Role
from kinerja_app.workflow.common import (
    Area,
    Changes,
    clean_text,
    pelaksana,
    refuse,
    require_unlocked,
    transaction,
)


def buat_disposisi(
    user: User,
    periode: Periode,
    *,
    hal: str,
    isi: str,
    nomor_agenda: str = "",
    sifat: str = "Biasa",
    klasifikasi: str = "Biasa",
    catatan: str = "",
    diteruskan_kepada: str = "Tim Kinerja",
    batas_tanggal: dt.date | None = None,
    harap: Sequence[str] = ("Proses lebih lanjut",),
    surat_dari: str = "",
    nomor_surat: str = "",
    tanggal_surat: dt.date | None = None,
    diterima_tanggal: dt.date | None = None,
    atas_nama: User | None = None,
    waktu: dt.datetime | None = None,
) -> Changes:
    """Record the Kabag's disposisi (step 1), in person or from the paper sheet.

    Step 1 happens once per period: a second disposisi is refused (it would replace the
    real one in every view and paper).

    Args:
        user: the Kabag, or the Tim member recording the Kabag's paper disposisi.
        periode: the period it concerns.
        hal: subject.
        isi: the instruction.
        nomor_agenda: agenda number of the lembar disposisi.
        sifat: Biasa / Segera / Sangat Segera.
        klasifikasi: Biasa / Terbatas / Rahasia.
        catatan: extra note.
        diteruskan_kepada: addressee of the disposisi.
        batas_tanggal: the date the Kabag expects the draft by.
        harap: the ticked "Dengan hormat harap" items (see ``documents.baku.HARAP``).
        surat_dari, nomor_surat, tanggal_surat, diterima_tanggal: the incoming letter the
            disposisi is written on, when there is one.
        atas_nama: the Kabag, when ``user`` records a paper disposisi.
        waktu: when the Kabag wrote it.
    Returns:
        The change record; ``objek_id`` is the disposisi id.
    """
    aksi = "buat_disposisi"
    if sifat not in SIFAT:  # the form's values: checked before the transaction, no state read
        raise ValidationError(f"Sifat '{sifat}' tidak baku; pilih {', '.join(SIFAT)}.")
    if klasifikasi not in KLASIFIKASI:
        raise ValidationError(
            f"Klasifikasi '{klasifikasi}' tidak baku; pilih {', '.join(KLASIFIKASI)}."
        )
    unknown = [h for h in harap if h not in HARAP]
    if unknown:
        raise ValidationError(f"Pilihan 'dengan hormat harap' tidak dikenal: {unknown[0]}.")
    if tanggal_surat and diterima_tanggal and diterima_tanggal < tanggal_surat:
        raise ValidationError("Tanggal diterima tidak boleh sebelum tanggal surat.")
    with transaction(aksi, user, periode_id=periode.id):
        periode = Periode.get_by_id(periode.id)
        who = pelaksana(
            aksi, user, Role.KABAG, atas_nama=atas_nama, waktu=waktu, periode_id=periode.id
        )
        require_unlocked(aksi, user, periode)
        earlier = Disposisi.get_or_none(Disposisi.periode == periode)
        if earlier is not None:
            refuse(
                aksi,
                user,
                f"Disposisi periode {periode.nama} sudah dicatat ({earlier.oleh.nama}, "
                f"{format_tanggal_waktu(earlier.waktu)}); disposisi hanya dibuat sekali.",
                periode_id=periode.id,
            )
        row = Disposisi.create(
            periode=periode,
            nomor_agenda=clean_text(nomor_agenda, "Nomor agenda", max_length=60, required=False),
            sifat=sifat,
            klasifikasi=klasifikasi,
            harap="; ".join(harap),
            surat_dari=clean_text(surat_dari, "Surat dari", max_length=300, required=False),
            nomor_surat=clean_text(nomor_surat, "Nomor surat", max_length=100, required=False),
            tanggal_surat=tanggal_surat,
            diterima_tanggal=diterima_tanggal,
            hal=clean_text(hal, "Hal", max_length=300),
            isi=clean_text(isi, "Isi disposisi"),
            catatan=clean_text(catatan, "Catatan", required=False),
            diteruskan_kepada=clean_text(diteruskan_kepada, "Diteruskan kepada", max_length=300),
            batas_tanggal=batas_tanggal,
            oleh=who.oleh,
            dicatat_oleh=who.dicatat_oleh,
            waktu=who.waktu,
        )
        who.audit(
            aksi,
            keterangan=f"Disposisi Kabag: {row.hal}",
            periode_id=periode.id,
            objek="disposisi",
            objek_id=row.id,
            data={Disposisi: [row.id]},
        )
    return Changes.of(
        Area.DISPOSISI, pesan="Disposisi dicatat.", periode_id=periode.id, objek_id=row.id
    )
