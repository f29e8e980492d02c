"""The papers of step 6, per OPD and archived: the prefilled format isian, the numbered surat
pengantar with its receipt block, the distribution packet (letter + pengantar + format isian,
to print or to send as files), and the buku ekspedisi of everything sent."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

from kinerja_app.admin import settings
from kinerja_app.documents import context as doc
from kinerja_app.documents import isian, render
from kinerja_app.documents.halaman import normalise_zip
from kinerja_app.documents.naskah import (
    Berkas,
    Cetakan,
    arsipkan,
    berkas,
    blok_kabag,
    contoh,
    kop,
    pejabat,
    pemegang,
    penerima,
)
from kinerja_app.documents.ttd import kepala_daerah
from kinerja_app.errors import UserError
from kinerja_app.formatting import format_tanggal
from kinerja_app.rekap.capaian import Polaritas
from kinerja_app.storage.models import (
    DataIndikator,
    Distribusi,
    Pengumpulan,
    Penyampaian,
    Periode,
    SuratKeluar,
    TandaTangan,
    User,
)
from kinerja_app.storage.models.master import Role
from kinerja_app.storage.models.pengumpulan import StatusPenyampaian
from kinerja_app.workflow.batas import surat_bertanda_tangan
from kinerja_app.workflow.rancangan import IsiSurat
from kinerja_app.workflow.register import JenisSurat, penerima_surat, setda_sendiri, surat_opd
from kinerja_app.workflow.tandatangan import TUJUAN_SETDA


def _signed(periode: Periode) -> TandaTangan:
    ttd = surat_bertanda_tangan(periode)
    if ttd is None:
        raise UserError("Surat permintaan belum ditandatangani Sekda (langkah 5).")
    return ttd


def _opds(periode: Periode, ids: Sequence[int]) -> list[Pengumpulan]:
    rows = penerima_surat(periode.id)
    return [p for p in rows if p.id in set(ids)] if ids else rows


def alamat_opd(p: Pengumpulan) -> doc.Penerima:
    """The addressee of an OPD's papers; the Sekretariat Daerah's are its own bagian."""
    if setda_sendiri(p.opd):
        return doc.Penerima(TUJUAN_SETDA, p.opd.nama, p.opd.alamat)
    return penerima(p.opd)


def rujukan(ttd: TandaTangan) -> str:
    """ "surat Bupati Lamandau Nomor … tanggal … perihal …": how later letters cite it."""
    isi = IsiSurat.from_json(ttd.rancangan.isi_json)
    issuer = kepala_daerah().title() if settings.get("an_bupati") else "Sekretaris Daerah"
    return (
        f"surat {issuer} Nomor {ttd.surat_keluar.nomor} tanggal {format_tanggal(ttd.tanggal)} "
        f"perihal {isi.hal}"
    )


def _indikator_awal(p: Pengumpulan) -> list[isian.IndikatorAwal]:
    """The OPD's indicators from its last accepted data (any earlier period), to prefill."""
    rev = (
        Penyampaian.select()
        .join(Pengumpulan)
        .where(
            (Pengumpulan.opd == p.opd) & (Penyampaian.status == StatusPenyampaian.DITERIMA.value)
        )
        .order_by(Penyampaian.tanggal_diterima.desc())
        .first()
    )
    if rev is None:
        return []
    return [
        (r.sasaran, r.indikator, r.satuan, Polaritas(r.polaritas) if r.polaritas else None, None)
        for r in DataIndikator.select()
        .where(DataIndikator.penyampaian == rev)
        .order_by(DataIndikator.urutan)
    ]


def _isian_files(periode: Periode, rows: Sequence[Pengumpulan]) -> list[Berkas]:
    ttd = surat_bertanda_tangan(periode)
    isi = IsiSurat.from_json(ttd.rancangan.isi_json) if ttd else None
    nomor = ttd.surat_keluar.nomor if ttd else ""
    files = []
    with tempfile.TemporaryDirectory(prefix="kinerja-isian-") as tmp:
        for p in rows:
            name = f"Format Isian Data Kinerja {periode.tahun} - {p.opd.nama}.xlsx"
            path = isian.buat_format_isian(
                Path(tmp) / f"{p.id}.xlsx",
                opd_kode=p.opd.kode,
                opd_nama=p.opd.nama,
                tahun=periode.tahun,
                indikator=_indikator_awal(p),
                surat_nomor=nomor,
                periode_id=periode.id,
                batas_waktu=isi.batas_waktu if isi else None,
                kertas=settings.get("kertas"),
                dibuat=dt.datetime.combine(ttd.tanggal, dt.time()) if ttd else None,
            )
            data = normalise_zip(path.read_bytes())
            files.append(Berkas(name, data, nomor, ttd.tanggal if ttd else None, p.opd_id))
    return files


def format_isian(user: User, periode: Periode, ids: Sequence[int] = ()) -> Cetakan:
    """The Format Isian Data Kinerja workbook of each OPD (default: every recipient), prefilled
    with its last accepted indicators and naming the letter and its deadline.

    Returns:
        One archived .xlsx per OPD, carrying the letter's number and date once signed.
    """
    files = _isian_files(periode, _opds(periode, ids))
    return arsipkan(user, periode, "Format Isian", "Format Isian", files)


def _nomor_dikirim(p: Pengumpulan, ttd: TandaTangan) -> str:
    """The number of what an OPD's pengantar carries: the signed letter's, or for the
    Sekretariat Daerah's own bagian the nota dinas's."""
    if not setda_sendiri(p.opd):
        return str(ttd.surat_keluar.nomor)
    nota = (
        SuratKeluar.select()
        .where(
            (SuratKeluar.periode == p.periode_id)
            & (SuratKeluar.jenis == JenisSurat.NOTA_DINAS.value)
        )
        .first()
    )
    return str(nota.nomor) if nota else "…"


def _pengantar_ctx(p: Pengumpulan, ttd: TandaTangan, letter: SuratKeluar) -> doc.SuratPengantar:
    isi = IsiSurat.from_json(ttd.rancangan.isi_json)
    if setda_sendiri(p.opd):
        what = f"Nota Dinas Sekretaris Daerah Nomor {_nomor_dikirim(p, ttd)} perihal {isi.hal}"
    else:
        what = "S" + rujukan(ttd)[1:]
    dist = Distribusi.get_or_none(Distribusi.pengumpulan == p)
    return doc.SuratPengantar(
        penerima=alamat_opd(p),
        tanggal=letter.tanggal,
        ttd=blok_kabag(letter.penandatangan or pemegang(Role.KABAG)),
        items=[
            doc.ItemPengantar(
                uraian=what,
                banyaknya="1 (satu) berkas",
                keterangan="Disampaikan dengan hormat untuk ditindaklanjuti",
            ),
            doc.ItemPengantar(
                uraian=f"Format Isian Data Kinerja Tahun {p.periode.tahun} (berkas .xlsx)",
                banyaknya="1 (satu) berkas",
                keterangan=f"Disampaikan paling lambat {format_tanggal(isi.batas_waktu)}",
            ),
        ],
        nomor=letter.nomor,
        tempat=settings.get("tempat_surat"),
        tanggal_diterima=dist.tanggal.date() if dist else None,
        nama_penerima=dist.penerima_nama if dist else "",
        nip_penerima=dist.penerima_nip if dist else "",
        kop=kop(),  # the Sekretariat Daerah's: the Kabag signs a.n. Sekretaris Daerah
        contoh=contoh(),
    )


def _pengantar_files(periode: Periode, rows: Sequence[Pengumpulan]) -> list[Berkas]:
    ttd = _signed(periode)
    letters = []
    for p in rows:
        sent = surat_opd(p, JenisSurat.PENGANTAR)
        if not sent:
            raise UserError(
                f"Surat pengantar untuk {p.opd.nama} belum bernomor: catat pengirimannya "
                "(Kirim surat pengantar) atau tanda terimanya terlebih dahulu."
            )
        letters.append((p, sent[-1]))
    ctxs = [_pengantar_ctx(p, ttd, letter) for p, letter in letters]
    meta = [(letter.nomor, letter.tanggal, p.opd_id) for p, letter in letters]
    return berkas("surat_pengantar", render.items_pengantar(ctxs), meta=meta)


def surat_pengantar(user: User, periode: Periode, ids: Sequence[int] = ()) -> Cetakan:
    """The numbered surat pengantar of each OPD (default: every OPD sent one), with its receipt
    block filled once the receipt is recorded.

    Raises:
        UserError: an OPD's pengantar has no number yet, or the letter is not signed.
    """
    rows = _opds(periode, ids)
    if not ids:
        rows = [p for p in rows if surat_opd(p, JenisSurat.PENGANTAR)]
    if not rows:
        raise UserError("Belum ada surat pengantar yang bernomor; catat pengirimannya dahulu.")
    return arsipkan(
        user, periode, "Surat Pengantar", "Surat Pengantar", _pengantar_files(periode, rows)
    )


def paket_distribusi(user: User, periode: Periode, ids: Sequence[int] = ()) -> Cetakan:
    """Each OPD's distribution packet: its copy of the signed letter (the nota dinas for the
    Sekretariat Daerah), its surat pengantar and its format isian, plus one .zip of the three
    to send as files. The letters are listed first, ready to print.

    Raises:
        UserError: the letter is not signed, or a pengantar has no number yet.
    """
    from kinerja_app.documents.berkas_surat import nota_dinas, surat_permintaan

    rows = [p for p in _opds(periode, ids) if ids or surat_opd(p, JenisSurat.PENGANTAR)]
    if not rows:
        raise UserError("Belum ada surat pengantar yang bernomor; catat pengirimannya dahulu.")
    letter = surat_permintaan(user, periode)
    nota = nota_dinas(user, periode) if any(setda_sendiri(p.opd) for p in rows) else None
    pengantar = surat_pengantar(user, periode, [p.id for p in rows])
    books = format_isian(user, periode, [p.id for p in rows])
    packets: list[Berkas] = []
    for p, lead, book in zip(rows, pengantar.naskah, books.naskah, strict=True):
        own = [n for n in letter.naskah if n.opd in ("", p.opd.nama)]
        copy = nota.naskah[0] if nota and setda_sendiri(p.opd) else own[-1]
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
            for item in (copy, lead, book):
                out.writestr(
                    zipfile.ZipInfo(item.berkas.name, (1980, 1, 1, 0, 0, 0)),
                    item.berkas.read_bytes(),
                )
        packets.append(
            Berkas(
                f"Paket Distribusi - {p.opd.nama}.zip",
                buffer.getvalue(),
                lead.nomor,
                lead.tanggal,
                p.opd_id,
            )
        )
    zips = arsipkan(user, periode, "Paket Distribusi", "Paket Distribusi", packets)
    letters = (nota.naskah if nota else ()) + letter.naskah
    return Cetakan(
        "Paket Distribusi",
        (*letters, *pengantar.naskah, *books.naskah, *zips.naskah),
    )


_DIKIRIM = (
    JenisSurat.PENGANTAR,
    JenisSurat.PENGINGAT,
    JenisSurat.HASIL_VERIFIKASI,
    JenisSurat.PERPANJANGAN,
)


def buku_ekspedisi(user: User, periode: Periode) -> Cetakan:
    """The Buku Ekspedisi of the period: every letter sent to an OPD (pengantar with the signed
    letter, reminders, findings letters, extensions), who received it and when, closed on the
    day of the last dispatch by the dispatch officer and the Kabag."""
    ttd = surat_bertanda_tangan(periode)
    sent = list(
        SuratKeluar.select()
        .where(
            (SuratKeluar.periode == periode)
            & SuratKeluar.jenis.in_([j.value for j in _DIKIRIM])
            & SuratKeluar.pengumpulan.is_null(False)
        )
        .order_by(SuratKeluar.tanggal, SuratKeluar.id)
    )
    rows = []
    for s in sent:
        p = s.pengumpulan
        assert p is not None  # selected with a pengumpulan
        dist = (
            Distribusi.get_or_none(Distribusi.pengumpulan == p) if s.jenis == "pengantar" else None
        )
        if s.jenis == JenisSurat.PENGANTAR.value and ttd:
            naskah = "nota dinas" if setda_sendiri(p.opd) else "surat"
            what = f"Pengantar {naskah} Nomor {_nomor_dikirim(p, ttd)} dan format isian"
        else:
            what = s.hal
        rows.append(
            doc.BarisEkspedisi(
                tanggal_kirim=s.tanggal,
                nomor_surat=s.nomor,
                tanggal_surat=s.tanggal,
                tujuan=alamat_opd(p).jabatan_kepala,
                perihal=what,
                nama_penerima=dist.penerima_nama if dist else "",
                tanggal_terima=dist.tanggal.date() if dist else None,
            )
        )
    closing = max((s.tanggal for s in sent), default=None)
    buku = doc.BukuEkspedisi(
        rows=rows,
        keterangan_periode=f"Pengumpulan Data Kinerja Tahun {periode.tahun}",
        tempat=settings.get("tempat_surat"),
        tanggal=closing,
        petugas=pejabat(user, "Petugas Ekspedisi"),
        kabag=pejabat(pemegang(Role.KABAG), "Kepala Bagian Organisasi"),
    )
    files = berkas(
        "buku_ekspedisi",
        render.items_buku_ekspedisi(buku),
        meta=[("", closing, None)],
        landscape=True,
    )
    return arsipkan(user, periode, "Buku Ekspedisi", "Distribusi", files)


__all__ = [
    "alamat_opd",
    "buku_ekspedisi",
    "format_isian",
    "paket_distribusi",
    "rujukan",
    "surat_pengantar",
]
