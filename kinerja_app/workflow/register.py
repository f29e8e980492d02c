"""The register of outgoing letters (agenda surat keluar): one number per letter, given when the
letter is signed or dispatched, never when it is printed."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence

import peewee

from kinerja_app.admin import settings
from kinerja_app.clock import today
from kinerja_app.documents.nomor import format_nomor
from kinerja_app.errors import ValidationError
from kinerja_app.formatting import format_tanggal
from kinerja_app.storage.db import serialise
from kinerja_app.storage.models import Pengumpulan, PerangkatDaerah, SuratKeluar, User
from kinerja_app.storage.models.master import Role


class JenisSurat(enum.StrEnum):
    """The kinds of outgoing letter of the SOP, as the register names them."""

    PERMINTAAN = "permintaan"
    NOTA_DINAS = "nota_dinas"
    PENGANTAR = "pengantar"
    PENGINGAT = "pengingat"
    HASIL_VERIFIKASI = "hasil_verifikasi"
    PERPANJANGAN = "perpanjangan"

    @property
    def label(self) -> str:
        """Indonesian name of the letter."""
        return {
            JenisSurat.PERMINTAAN: "Surat Permintaan Data Kinerja",
            JenisSurat.NOTA_DINAS: "Nota Dinas Permintaan Data Kinerja",
            JenisSurat.PENGANTAR: "Surat Pengantar",
            JenisSurat.PENGINGAT: "Surat Pengingat",
            JenisSurat.HASIL_VERIFIKASI: "Surat Hasil Verifikasi dan Permintaan Perbaikan",
            JenisSurat.PERPANJANGAN: "Surat Perpanjangan Batas Waktu",
        }[self]

    @property
    def penandatangan(self) -> Role:
        """Who signs it: the Sekda sets and changes the deadline; the Kabag signs the letters
        that carry out the request (a.n. Sekretaris Daerah, u.b.)."""
        if self in (JenisSurat.PENGANTAR, JenisSurat.HASIL_VERIFIKASI):
            return Role.KABAG
        return Role.SEKDA


def tanggal_surat(tanggal: dt.date | None, *, paling_awal: dt.date | None, apa: str) -> dt.date:
    """The date of a letter being issued: the given day or today, never in the future and
    never before ``paling_awal`` (``apa`` names what it may not precede)."""
    day = tanggal or today()
    if day > today():
        raise ValidationError(
            f"Tanggal surat {format_tanggal(day)} ada di masa depan; surat diberi tanggal pada "
            "hari ditandatangani atau dikirim."
        )
    if paling_awal is not None and day < paling_awal:
        raise ValidationError(
            f"Tanggal surat {format_tanggal(day)} lebih awal dari {apa} "
            f"({format_tanggal(paling_awal)}); periksa tanggalnya."
        )
    return day


def daftarkan_surat_keluar(
    user: User,
    *,
    tanggal: dt.date,
    jenis: JenisSurat | str,
    hal: str,
    tujuan: str,
    periode_id: int | None,
    pengumpulan: Pengumpulan | None = None,
    penandatangan: User | None = None,
    nomor_srikandi: str | None = None,
) -> SuratKeluar:
    """Enter a letter in the register: the next running number of the year, or the number
    SRIKANDI gave a letter signed there (counted apart: no gap in the office's numbers).

    Call inside the caller's transaction (BEGIN IMMEDIATE makes the number race-free).

    Raises:
        ValidationError: a SRIKANDI number already registered this year.
    """
    serialise("surat_keluar")  # one number at a time on a server engine too
    srikandi = (nomor_srikandi or "").strip()
    if srikandi:
        taken = SuratKeluar.get_or_none(
            (SuratKeluar.tahun == tanggal.year) & (SuratKeluar.nomor == srikandi)
        )
        if taken is not None:
            raise ValidationError(
                f"Nomor {srikandi} sudah tercatat di register untuk {taken.hal} "
                f"({format_tanggal(taken.tanggal)}); periksa nomor dari SRIKANDI."
            )
    last = (
        SuratKeluar.select(peewee.fn.MAX(SuratKeluar.urut))
        .where((SuratKeluar.tahun == tanggal.year) & (SuratKeluar.srikandi == bool(srikandi)))
        .scalar()
    )
    urut = int(last or 0) + 1
    nomor = srikandi or format_nomor(settings.get("nomor_pola"), urut, tanggal)
    return SuratKeluar.create(
        tahun=tanggal.year,
        urut=urut,
        nomor=nomor,
        tanggal=tanggal,
        jenis=str(jenis),
        hal=hal,
        tujuan=tujuan,
        periode=periode_id,
        pengumpulan=pengumpulan,
        penandatangan=penandatangan,
        srikandi=bool(srikandi),
        dicatat_oleh=user,
    )


def surat_opd(pengumpulan: Pengumpulan | int, jenis: JenisSurat) -> list[SuratKeluar]:
    """The registered letters of one kind to one OPD, oldest first."""
    pid = pengumpulan if isinstance(pengumpulan, int) else pengumpulan.id
    return list(
        SuratKeluar.select()
        .where((SuratKeluar.pengumpulan == pid) & (SuratKeluar.jenis == jenis.value))
        .order_by(SuratKeluar.tanggal, SuratKeluar.id)
    )


def setda_sendiri(opd: PerangkatDaerah) -> bool:
    """Whether an OPD is the Sekretariat Daerah itself: its bagian get a nota dinas from the
    Sekda, not a letter from the Sekda to himself."""
    return opd.kode.strip().upper() == "SETDA" or (
        opd.jabatan_kepala.strip().lower() == "sekretaris daerah"
    )


def penerima_surat(periode_id: int, penerima_ids: Sequence[int] = ()) -> list[Pengumpulan]:
    """The OPDs a request letter goes to (every expected OPD unless the draft names some),
    in OPD order."""
    query = (
        Pengumpulan.select(Pengumpulan, PerangkatDaerah)
        .join(PerangkatDaerah)
        .where(Pengumpulan.periode == periode_id)
        .order_by(PerangkatDaerah.urutan, PerangkatDaerah.nama)
    )
    rows = list(query)
    if penerima_ids:
        wanted = set(penerima_ids)
        rows = [p for p in rows if p.opd_id in wanted]
    return rows


def pemegang(role: Role) -> User | None:
    """The (first active) holder of an office, who signs its letters."""
    from kinerja_app.admin.pengguna import pejabat

    found = pejabat(role)
    return found[0] if found else None
