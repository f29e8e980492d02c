"""Documents of a period, filled from the database and the settings into the Word templates.

The glue between the models and :mod:`kinerja_app.documents` (which knows no database).
Files are written atomically into the period's archive folder.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kinerja_app.admin import settings
from kinerja_app.assets import LAMBANG_BAWAAN, resource
from kinerja_app.clock import now
from kinerja_app.documents import context as doc
from kinerja_app.documents import isian, pdf, render
from kinerja_app.formatting import format_tanggal
from kinerja_app.rekap.capaian import Polaritas
from kinerja_app.rekap.rekapitulasi import BarisRekap, baris_rekap, ringkasan
from kinerja_app.storage import audit
from kinerja_app.storage.arsip_berkas import folder_periode
from kinerja_app.storage.models import (
    DataIndikator,
    Disposisi,
    Distribusi,
    Pengumpulan,
    Penyampaian,
    PerangkatDaerah,
    Periode,
    Rancangan,
    Rekap,
    ReviewRekap,
    SuratPermintaan,
    TandaTangan,
    User,
)
from kinerja_app.storage.models.master import Role
from kinerja_app.storage.models.pengumpulan import StatusOpd, StatusPenyampaian
from kinerja_app.storage.models.rekap import StatusRekap
from kinerja_app.workflow.paraf import paraf_sah
from kinerja_app.workflow.rancangan import IsiSurat
from kinerja_app.workflow.rekap import rekap_terakhir


def kop() -> doc.Kop:
    """The letterhead from the settings."""
    conf: dict[str, Any] = settings.get("kop")
    # Until the administrator sets the official lambang, the neutral placeholder keeps the layout.
    logo = Path(conf["logo"]) if conf.get("logo") else resource(LAMBANG_BAWAAN)
    fields = {k: v for k, v in conf.items() if k != "logo"}
    return doc.Kop(**fields, logo=logo if logo and logo.is_file() else None)


def page_setup() -> doc.PageSetup:
    """Paper, margins and font from the settings."""
    margin = settings.get("margin_mm")
    font = settings.get("font")
    return doc.PageSetup(
        paper=settings.get("kertas"),
        margin_atas=float(margin["atas"]),
        margin_bawah=float(margin["bawah"]),
        margin_kiri=float(margin["kiri"]),
        margin_kanan=float(margin["kanan"]),
        font_name=str(font["nama"]),
        font_size=float(font["ukuran"]),
    )


def template(name: str) -> render.TemplateRef:
    """The custom template set for ``name`` in the settings, else the built-in one."""
    custom: dict[str, str] = settings.get("template_kustom")
    return Path(custom[name]) if custom.get(name) else name


def pejabat(user: User | None, jabatan: str) -> doc.Pejabat:
    """A signatory block from a user (name, NIP, pangkat)."""
    if user is None:
        return doc.Pejabat(jabatan=jabatan, nama="")
    return doc.Pejabat(jabatan=jabatan, nama=user.nama, nip=user.nip or "", pangkat=user.pangkat)


def _holder(role: Role) -> User | None:
    from kinerja_app.admin.pengguna import pejabat as holders

    found = holders(role)
    return found[0] if found else None


def penerima(opd: PerangkatDaerah) -> doc.Penerima:
    """The addressee block of an OPD."""
    return doc.Penerima(
        jabatan_kepala=opd.jabatan_kepala or f"Kepala {opd.nama}",
        nama_opd=opd.nama,
        alamat=opd.alamat,
    )


def _expected(periode: Periode, ids: Sequence[int] = ()) -> list[Pengumpulan]:
    query = (
        Pengumpulan.select(Pengumpulan, PerangkatDaerah)
        .join(PerangkatDaerah)
        .where(Pengumpulan.periode == periode)
        .order_by(PerangkatDaerah.urutan, PerangkatDaerah.nama)
    )
    if ids:
        query = query.where(Pengumpulan.id.in_(list(ids)))
    return list(query)


def _folder(periode: Periode, jenis: str) -> Path:
    return folder_periode(periode.tahun, jenis)


def surat_context(rancangan: Rancangan, *, final: bool) -> doc.SuratPermintaan:
    """The letter of one draft version: a draft printout (DRAF mark, paraf table) or the final."""
    surat: SuratPermintaan = rancangan.surat
    periode: Periode = surat.periode
    isi = IsiSurat.from_json(rancangan.isi_json)
    ttd = TandaTangan.get_or_none(TandaTangan.surat == surat) if final else None
    opds = [p.opd for p in _expected(periode)]
    if isi.penerima_ids:
        opds = [o for o in opds if o.id in set(isi.penerima_ids)]
    parafs = paraf_sah(rancangan)
    paraf_rows = [
        doc.Paraf(
            jabatan=role.label,
            nama=parafs[role].oleh.nama if role in parafs else "",
            tanggal=parafs[role].waktu.date() if role in parafs else None,
        )
        for role in (Role.KABAG, Role.ASISTEN)
    ]
    signer = ttd.oleh if ttd else _holder(Role.SEKDA)
    return doc.SuratPermintaan(
        tanggal=ttd.tanggal if ttd else now().date(),
        hal=isi.hal,
        paragraphs=list(isi.paragraf),
        batas_waktu=isi.batas_waktu,
        tahun_data=periode.tahun,
        penerima=[penerima(o) for o in opds],
        penandatangan=doc.Pejabat(jabatan="SEKRETARIS DAERAH", nama=signer.nama if signer else ""),
        nomor=ttd.surat_keluar.nomor if ttd else "",
        tempat=settings.get("tempat_surat"),
        sifat=isi.sifat,
        lampiran=isi.lampiran,
        tembusan=list(isi.tembusan),
        an_bupati=bool(settings.get("an_bupati")),
        draft=not final,
        versi=rancangan.versi,
        paraf=[] if final else paraf_rows,
        kop=kop(),
    )


def cetak_rancangan(
    rancangan: Rancangan, *, final: bool, out_dir: Path | None = None
) -> list[Path]:
    """Write the request letter of one version (one per OPD or one with a distribution list)."""
    ctx = surat_context(rancangan, final=final)
    periode = rancangan.surat.periode
    folder = out_dir or _folder(
        periode, "Surat Permintaan" if final else f"Draf v{rancangan.versi}"
    )
    isi = IsiSurat.from_json(rancangan.isi_json)
    return render.render_surat_permintaan(
        ctx, folder, isi.per_opd, page_setup=page_setup(), template=template("surat_permintaan")
    )


def cetak_disposisi(disposisi: Disposisi, out_dir: Path | None = None) -> Path:
    """Write the Lembar Disposisi of step 1."""
    ctx = doc.Disposisi(
        dari="Kepala Bagian Organisasi",
        hal=disposisi.hal,
        isi=disposisi.isi,
        nomor_agenda=disposisi.nomor_agenda,
        tanggal_diterima=disposisi.waktu.date(),
        sifat=disposisi.sifat,
        diteruskan_kepada=[disposisi.diteruskan_kepada],
        catatan=disposisi.catatan,
        paraf_nama=disposisi.oleh.nama,
        paraf_tanggal=disposisi.waktu.date(),
        kop=kop(),
    )
    folder = out_dir or _folder(disposisi.periode, "Disposisi")
    return render.render_disposisi(
        ctx, folder, page_setup=page_setup(), template=template("disposisi")
    )[0]


def _signed(periode: Periode) -> TandaTangan | None:
    surat = SuratPermintaan.get_or_none(SuratPermintaan.periode == periode)
    return TandaTangan.get_or_none(TandaTangan.surat == surat) if surat else None


def cetak_pengantar(
    periode: Periode, ids: Sequence[int] = (), out_dir: Path | None = None
) -> list[Path]:
    """Write a surat pengantar with its receipt block for each OPD (step 6)."""
    ttd = _signed(periode)
    kabag = _holder(Role.KABAG)
    hal = (
        IsiSurat.from_json(ttd.rancangan.isi_json).hal
        if ttd
        else f"Permintaan Data Kinerja Tahun {periode.tahun}"
    )
    letters = []
    for p in _expected(periode, ids):
        dist = Distribusi.get_or_none(Distribusi.pengumpulan == p)
        letters.append(
            doc.SuratPengantar(
                penerima=penerima(p.opd),
                tanggal=now().date(),
                pengirim=pejabat(kabag, "Kepala Bagian Organisasi"),
                items=[
                    doc.ItemPengantar(
                        uraian=f"Surat Sekretaris Daerah Nomor {ttd.surat_keluar.nomor if ttd else '...'} perihal {hal}",
                        banyaknya="1 (satu) berkas",
                        keterangan="Disampaikan dengan hormat untuk ditindaklanjuti",
                    ),
                    doc.ItemPengantar(
                        uraian=f"Format Isian Data Kinerja Tahun {periode.tahun}",
                        banyaknya="1 (satu) berkas",
                    ),
                ],
                tempat=settings.get("tempat_surat"),
                tanggal_diterima=dist.tanggal.date() if dist else None,
                nama_penerima=dist.penerima_nama if dist else "",
                nip_penerima=dist.penerima_nip if dist else "",
                kop=kop(),
            )
        )
    folder = out_dir or _folder(periode, "Surat Pengantar")
    return render.render_pengantar(
        letters, folder, page_setup=page_setup(), template=template("surat_pengantar")
    )


def cetak_buku_ekspedisi(periode: Periode, out_dir: Path | None = None) -> Path:
    """Write the Buku Ekspedisi sheet of the distribution round."""
    ttd = _signed(periode)
    hal = IsiSurat.from_json(ttd.rancangan.isi_json).hal if ttd else ""
    rows = []
    for p in _expected(periode):
        dist = Distribusi.get_or_none(Distribusi.pengumpulan == p)
        rows.append(
            doc.BarisEkspedisi(
                tanggal=dist.tanggal.date() if dist else (ttd.tanggal if ttd else None),
                nomor_surat=ttd.surat_keluar.nomor if ttd else "",
                tujuan=p.opd.nama,
                perihal=hal,
                nama_penerima=dist.penerima_nama if dist else "",
            )
        )
    buku = doc.BukuEkspedisi(rows=rows, keterangan_periode=f"Data Kinerja Tahun {periode.tahun}")
    folder = out_dir or _folder(periode, "Distribusi")
    return render.render_buku_ekspedisi(
        buku, folder, page_setup=page_setup(), template=template("buku_ekspedisi")
    )[0]


def cetak_pengingat(
    periode: Periode, ids: Sequence[int] = (), out_dir: Path | None = None
) -> list[Path]:
    """Write a Surat Pengingat to each OPD (default: every OPD whose data has not come in)."""
    ttd = _signed(periode)
    moment = now()
    targets = [
        p
        for p in _expected(periode, ids)
        if ids
        or (
            p.status in (StatusOpd.SURAT_DITERIMA, StatusOpd.PERLU_PERBAIKAN)
            and p.batas_waktu is not None
            and p.batas_waktu < moment
        )
    ]
    nomor = ttd.surat_keluar.nomor if ttd else "-"
    letters = [
        doc.SuratPengingat(
            penerima=penerima(p.opd),
            tanggal=now().date(),
            hal=f"Pengingat Penyampaian Data Kinerja Tahun {periode.tahun}",
            paragraphs=[
                f"Menindaklanjuti surat kami Nomor {nomor} perihal Permintaan Data Kinerja Tahun "
                f"{periode.tahun}, sampai dengan batas waktu "
                f"{format_tanggal(p.batas_waktu.date()) if p.batas_waktu else 'yang ditentukan'} "
                "kami belum menerima data kinerja Perangkat Daerah yang Saudara pimpin"
                + (" yang telah diperbaiki." if p.status == StatusOpd.PERLU_PERBAIKAN else "."),
                "Sehubungan dengan hal tersebut, kami mohon data dimaksud segera disampaikan kepada "
                "Bagian Organisasi Sekretariat Daerah Kabupaten Lamandau.",
                "Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.",
            ],
            penandatangan=doc.Pejabat(
                jabatan="SEKRETARIS DAERAH", nama=(ttd.oleh.nama if ttd else "")
            ),
            tempat=settings.get("tempat_surat"),
            an_bupati=bool(settings.get("an_bupati")),
            kop=kop(),
        )
        for p in targets
    ]
    folder = out_dir or _folder(periode, "Surat Pengingat")
    return render.render_pengingat(
        letters, folder, page_setup=page_setup(), template=template("surat_pengingat")
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


def format_isian(
    periode: Periode, ids: Sequence[int] = (), out_dir: Path | None = None
) -> list[Path]:
    """Write the Format Isian workbook for each OPD, prefilled from its last accepted data."""
    ttd = _signed(periode)
    folder = out_dir or _folder(periode, "Format Isian")
    paths = []
    for p in _expected(periode, ids):
        from kinerja_app.storage.files import safe_filename

        out = folder / safe_filename(
            f"Format Isian Data Kinerja {periode.tahun} - {p.opd.nama}.xlsx"
        )
        paths.append(
            isian.buat_format_isian(
                out,
                opd_kode=p.opd.kode,
                opd_nama=p.opd.nama,
                tahun=periode.tahun,
                indikator=_indikator_awal(p),
                surat_nomor=ttd.surat_keluar.nomor if ttd else "",
                periode_id=periode.id,
            )
        )
    return paths


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

    A version prints exactly what was submitted to the Kabag (its snapshot), whatever data came
    in since; only an approved version is final and carries the audit chain head.
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
            )
            for r in rows
        ],
        tanggal=now().date(),
        ringkasan=summary.teks() + ".",
        catatan_kabag=review.catatan if review else "",
        kabag=pejabat(_holder(Role.KABAG), "Kepala Bagian Organisasi"),
        audit_head=audit.chain_head() if final else "",
        draft=not final,
        versi=rekap.versi if rekap else Rekap.select().where(Rekap.periode == periode).count() + 1,
        tempat=settings.get("tempat_surat"),
        kop=kop(),
    )


def cetak_rekap(periode: Periode, rekap: Rekap | None = None, out_dir: Path | None = None) -> Path:
    """Write the Dokumen Rekapitulasi Data Kinerja Perangkat Daerah (steps 8–10)."""
    ctx = rekap_context(periode, rekap)
    folder = out_dir or _folder(periode, "Rekapitulasi")
    return render.render_rekap(
        ctx, folder, page_setup=page_setup(), template=template("rekapitulasi")
    )[0]


def ke_pdf(paths: Sequence[Path], out_dir: Path | None = None) -> list[Path]:
    """Convert documents to PDF in one LibreOffice call (next to them by default)."""
    if not paths:
        return []
    return pdf.convert_to_pdf(list(paths), out_dir or paths[0].parent)


def halaman_png(pdf_path: Path, dpi: int = 80) -> list[Path]:
    """PNG pages of a PDF for the in-app preview (in a temp folder)."""
    out = Path(tempfile.mkdtemp(prefix="kinerja-pratinjau-"))
    return pdf.pdf_to_png(pdf_path, out, dpi=dpi)


__all__ = [
    "cetak_buku_ekspedisi",
    "cetak_disposisi",
    "cetak_pengantar",
    "cetak_pengingat",
    "cetak_rancangan",
    "cetak_rekap",
    "format_isian",
    "halaman_png",
    "ke_pdf",
]
