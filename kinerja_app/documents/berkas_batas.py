"""The letters that follow the deadline, each numbered in the register and archived: the
surat pengingat to every late OPD at once, the findings letter of a returned revision with its
correction deadline, and the letter that extends one OPD's deadline. Each cites the deadline
in force when it was dated: the signed letter's, or the recorded act that changed it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from kinerja_app.admin import settings
from kinerja_app.documents import context as doc
from kinerja_app.documents import render
from kinerja_app.documents.berkas_opd import alamat_opd, rujukan
from kinerja_app.documents.naskah import (
    Cetakan,
    arsipkan,
    berkas,
    blok_kabag,
    blok_sekda,
    contoh,
    kop,
    pemegang,
)
from kinerja_app.errors import UserError
from kinerja_app.formatting import format_tanggal
from kinerja_app.storage.models import (
    BatasOpd,
    Pengumpulan,
    Penyampaian,
    Periode,
    SuratKeluar,
    TandaTangan,
    Temuan,
    User,
)
from kinerja_app.storage.models.master import Role
from kinerja_app.storage.models.surat import JenisBatas
from kinerja_app.workflow.batas import surat_bertanda_tangan, terlambat_opd
from kinerja_app.workflow.rancangan import IsiSurat
from kinerja_app.workflow.register import JenisSurat

PENUTUP = "Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih."


def _hari(day: dt.date) -> str:
    return format_tanggal(day, hari=True)


def _tujuan() -> str:
    return "Bupati Lamandau c.q. Bagian Organisasi Sekretariat Daerah Kabupaten Lamandau"


def batas_pada(p: Pengumpulan, day: dt.date) -> tuple[dt.date, BatasOpd | None]:
    """The deadline an OPD was bound by on ``day``, and the recorded act that set it (``None``:
    the signed letter's own date)."""
    ttd = surat_bertanda_tangan(p.periode_id)
    assert ttd is not None
    act: BatasOpd | None = (
        BatasOpd.select()
        .join(SuratKeluar)
        .where((BatasOpd.pengumpulan == p) & (SuratKeluar.tanggal <= day))
        .order_by(SuratKeluar.tanggal.desc(), BatasOpd.id.desc())
        .first()
    )
    if act is None:
        return IsiSurat.from_json(ttd.rancangan.isi_json).batas_waktu, None
    return act.tanggal, act


def _sekda_letter(
    p: Pengumpulan, letter: SuratKeluar | None, hal: str, paragraphs: list[str], **extra: object
) -> doc.SuratDinas:
    """A letter of the Sekda ("a.n. Bupati" with the Pemerintah Daerah's kop, when so set)."""
    an_bupati = bool(settings.get("an_bupati"))
    signer = letter.penandatangan if letter and letter.penandatangan else pemegang(Role.SEKDA)
    return doc.SuratDinas(
        penerima=alamat_opd(p),
        tanggal=letter.tanggal if letter else None,
        hal=hal,
        paragraphs=paragraphs,
        ttd=blok_sekda(signer, an_bupati=an_bupati, elektronik=bool(letter and letter.srikandi)),
        nomor=letter.nomor if letter else "",
        tempat=settings.get("tempat_surat"),
        kop=kop(pemda=an_bupati),
        contoh=contoh(),
        **extra,  # type: ignore[arg-type]
    )


def _pengingat_ctx(p: Pengumpulan, ttd: TandaTangan, letter: SuratKeluar | None) -> doc.SuratDinas:
    day = letter.tanggal if letter else p.batas_berlaku().date() + dt.timedelta(days=1)  # type: ignore[union-attr]
    batas, act = batas_pada(p, day)
    if act is not None and act.jenis == JenisBatas.PERBAIKAN.value:
        first = (
            f"Menindaklanjuti surat Nomor {act.surat_keluar.nomor} tanggal "
            f"{format_tanggal(act.surat_keluar.tanggal)} perihal {act.surat_keluar.hal}, "
            f"perbaikan data kinerja Perangkat Daerah yang Saudara pimpin yang diminta paling "
            f"lambat tanggal {_hari(batas)} sampai saat ini belum kami terima."
        )
    else:
        extended = (
            f", yang batas waktunya bagi Perangkat Daerah Saudara telah diperpanjang dengan surat "
            f"Nomor {act.surat_keluar.nomor} tanggal {format_tanggal(act.surat_keluar.tanggal)}"
            if act is not None
            else ""
        )
        first = (
            f"Menindaklanjuti {rujukan(ttd)}{extended}, data kinerja Perangkat Daerah yang "
            f"Saudara pimpin yang diminta paling lambat tanggal {_hari(batas)} sampai saat ini "
            "belum kami terima."
        )
    return _sekda_letter(
        p,
        letter,
        f"Pengingat Penyampaian Data Kinerja Tahun {p.periode.tahun}",
        [
            first,
            "Sehubungan dengan hal tersebut, kami mohon data dimaksud segera disampaikan kepada "
            f"{_tujuan()}.",
            PENUTUP,
        ],
        sifat="Segera",
        peringatan=doc.PERINGATAN_SOP,
    )


def surat_pengingat(
    user: User, periode: Periode, ids: Sequence[int] = (), *, konsep: bool = False
) -> Cetakan:
    """The surat pengingat: ``konsep`` gives the clean copies for the Sekda to sign to every OPD
    late now (number and date open); otherwise the issued ones, numbered and dated (default:
    each OPD's latest reminder).

    Raises:
        UserError: nobody to remind, or none issued yet.
    """
    ttd = surat_bertanda_tangan(periode)
    if ttd is None:
        raise UserError("Surat permintaan belum ditandatangani; belum ada yang dapat diingatkan.")
    pairs: list[tuple[Pengumpulan, SuratKeluar | None]]
    if konsep:
        late = terlambat_opd(periode)
        pairs = [(p, None) for p in late if not ids or p.id in set(ids)]
        if not pairs:
            raise UserError("Tidak ada Perangkat Daerah yang melewati batas waktu.")
    else:
        issued: list[tuple[Pengumpulan, SuratKeluar]] = [
            (s.pengumpulan, s)  # type: ignore[misc]  # pengingat always name their OPD
            for s in SuratKeluar.select()
            .where(
                (SuratKeluar.periode == periode) & (SuratKeluar.jenis == JenisSurat.PENGINGAT.value)
            )
            .order_by(SuratKeluar.id)
        ]
        latest: dict[int, tuple[Pengumpulan, SuratKeluar | None]] = {
            p.id: (p, s) for p, s in issued if not ids or p.id in set(ids)
        }
        pairs = list(latest.values())
        if not pairs:
            raise UserError("Belum ada surat pengingat yang diterbitkan; terbitkan dahulu.")
    ctxs = [_pengingat_ctx(p, ttd, s) for p, s in pairs]
    meta = [(s.nomor if s else "", s.tanggal if s else None, p.opd_id) for p, s in pairs]
    jenis = "Surat Pengingat untuk Ditandatangani" if konsep else "Surat Pengingat"
    items = render.items_surat_dinas(ctxs, jenis)
    files = berkas("surat_pengingat", items, meta=meta)
    return arsipkan(user, periode, jenis, "Surat Pengingat", files)


def _letak(t: Temuan, *, diketik: bool = False) -> str:
    """ "Data Kinerja, sel F7" for "Data Kinerja!F7"; "Baris 7" without a cell; for data
    typed from the OPD's paper (no workbook, so no sheet row the OPD could find) the
    indicator's number on its list: "Indikator no. 7"."""
    if t.sel:
        sheet, _, cell = str(t.sel).rpartition("!")
        return f"{sheet}, sel {cell}" if sheet else f"Sel {cell}"
    if not t.baris:
        return "–"
    return f"Indikator no. {t.baris}" if diketik else f"Baris {t.baris}"


def _kalimat(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def surat_hasil_verifikasi(user: User, penyampaian: Penyampaian) -> Cetakan:
    """The findings letter of a returned revision: kop, number, the Kabag's signature
    (a.n. Sekretaris Daerah, u.b.), the table of findings and the correction deadline.

    Raises:
        UserError: the revision was not returned.
    """
    penyampaian = Penyampaian.get_by_id(penyampaian.id)
    act = BatasOpd.get_or_none(
        (BatasOpd.penyampaian == penyampaian) & (BatasOpd.jenis == JenisBatas.PERBAIKAN.value)
    )
    if act is None:
        raise UserError(
            f"Revisi {penyampaian.revisi} belum dikembalikan untuk perbaikan; surat hasil "
            "verifikasi dibuat saat data dikembalikan."
        )
    p: Pengumpulan = penyampaian.pengumpulan
    letter: SuratKeluar = act.surat_keluar
    ttd = surat_bertanda_tangan(p.periode_id)
    assert ttd is not None
    pengantar = (
        f" dengan surat pengantar Saudara Nomor {penyampaian.nomor_pengantar}"
        + (
            f" tanggal {format_tanggal(penyampaian.tanggal_pengantar)}"
            if penyampaian.tanggal_pengantar
            else ""
        )
        if penyampaian.nomor_pengantar
        else ""
    )
    findings = sorted(
        Temuan.select().where(Temuan.penyampaian == penyampaian),
        key=lambda t: t.severity != "error",
    )
    ctx = doc.SuratDinas(
        penerima=alamat_opd(p),
        tanggal=letter.tanggal,
        hal=f"Hasil Verifikasi dan Permintaan Perbaikan Data Kinerja Tahun {p.periode.tahun}",
        paragraphs=[
            f"Menindaklanjuti {rujukan(ttd)}, data kinerja Perangkat Daerah yang Saudara pimpin "
            f"yang kami terima tanggal {format_tanggal(penyampaian.tanggal_diterima)}"
            f"{pengantar}{_kiriman_ke(penyampaian.revisi)} telah kami verifikasi. "
            + (
                "Hasil verifikasi menunjukkan hal-hal yang perlu diperbaiki sebagai berikut:"
                if findings
                else "Hasil verifikasi menunjukkan data perlu diperbaiki."
            )
        ],
        ttd=blok_kabag(letter.penandatangan or pemegang(Role.KABAG)),
        nomor=letter.nomor,
        tempat=settings.get("tempat_surat"),
        sifat="Segera",
        lampiran="-",
        temuan=[
            doc.BarisTemuan(
                _letak(t, diketik=not penyampaian.berkas),
                t.pesan + (" (peringatan)" if t.severity != "error" else ""),
            )
            for t in findings
        ],
        penutup=[
            f"Catatan verifikasi: {_kalimat(act.alasan)}",
            "Sehubungan dengan hal tersebut, kami mohon data kinerja yang telah diperbaiki "
            f"disampaikan kembali kepada {_tujuan()} paling lambat tanggal "
            f"{_hari(act.tanggal)}.",
            PENUTUP,
        ],
        kop=kop(),
        contoh=contoh(),
    )
    items = render.items_surat_dinas([ctx], "Surat Hasil Verifikasi")
    files = berkas("surat_dinas", items, meta=[(letter.nomor, letter.tanggal, p.opd_id)])
    return arsipkan(user, p.periode, "Surat Hasil Verifikasi", "Surat Hasil Verifikasi", files)


def surat_perpanjangan(user: User, pengumpulan: Pengumpulan) -> Cetakan:
    """The letter of the Sekda extending one OPD's deadline (the latest extension).

    Raises:
        UserError: no extension was recorded for the OPD.
    """
    p = Pengumpulan.get_by_id(pengumpulan.id)
    act = (
        BatasOpd.select()
        .where((BatasOpd.pengumpulan == p) & (BatasOpd.jenis == JenisBatas.PERPANJANGAN.value))
        .order_by(BatasOpd.id.desc())
        .first()
    )
    if act is None:
        raise UserError(f"Belum ada perpanjangan batas waktu untuk {p.opd.nama}.")
    ttd = surat_bertanda_tangan(p.periode_id)
    assert ttd is not None
    letter: SuratKeluar = act.surat_keluar
    lama = IsiSurat.from_json(ttd.rancangan.isi_json).batas_waktu
    prior = (
        BatasOpd.select()
        .where(
            (BatasOpd.pengumpulan == p)
            & (BatasOpd.jenis == JenisBatas.PERPANJANGAN.value)
            & (BatasOpd.id < act.id)
        )
        .order_by(BatasOpd.id.desc())
        .first()
    )
    if prior is not None:
        lama = prior.tanggal
    ctx = _sekda_letter(
        p,
        letter,
        f"Perpanjangan Batas Waktu Penyampaian Data Kinerja Tahun {p.periode.tahun}",
        [
            f"Menindaklanjuti {rujukan(ttd)}, yang meminta data kinerja Perangkat Daerah "
            f"disampaikan paling lambat tanggal {_hari(lama)}, dengan ini batas waktu "
            "penyampaian data kinerja Perangkat Daerah yang Saudara pimpin diperpanjang sampai "
            f"dengan tanggal {_hari(act.tanggal)}, dengan pertimbangan: {_kalimat(act.alasan)}",
            f"Data kinerja dimaksud agar disampaikan kepada {_tujuan()} dalam batas waktu "
            "tersebut.",
            PENUTUP,
        ],
        sifat="Segera",
    )
    items = render.items_surat_dinas([ctx], "Surat Perpanjangan Batas Waktu")
    files = berkas("surat_dinas", items, meta=[(letter.nomor, letter.tanggal, p.opd_id)])
    return arsipkan(user, p.periode, "Surat Perpanjangan", "Surat Perpanjangan", files)


__all__ = ["batas_pada", "surat_hasil_verifikasi", "surat_pengingat", "surat_perpanjangan"]


def _kiriman_ke(revisi: int) -> str:
    """How the findings letter names a resubmission: nothing for the OPD's first sending (an
    agenda officer reads "revisi 1" as a correction), "(perbaikan ke-N)" after N corrections."""
    return f" (perbaikan ke-{revisi - 1})" if revisi > 1 else ""
