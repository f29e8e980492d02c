"""Steps 7–8 per OPD: an OPD's data received as a revision, verified, returned or accepted.

An OPD whose data is returned goes back to step 7 on its own clock; errors block acceptance
unless the Kabag overrides them with a reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from kinerja_app.clock import now
from kinerja_app.errors import UserError
from kinerja_app.formatting import format_tanggal
from kinerja_app.rekap.capaian import Polaritas, rata_rata
from kinerja_app.storage import audit
from kinerja_app.storage.arsip_berkas import folder_periode, salinan_arsip
from kinerja_app.storage.db import insert_rows
from kinerja_app.storage.models import (
    BatasOpd,
    DataIndikator,
    Koordinasi,
    Pengumpulan,
    Penyampaian,
    Periode,
    SuratKeluar,
    Temuan,
    User,
)
from kinerja_app.storage.models.master import Role
from kinerja_app.storage.models.pengumpulan import StatusOpd, StatusPenyampaian
from kinerja_app.workflow.common import (
    Area,
    Changes,
    clean_text,
    locked,
    refuse,
    require_after,
    require_note,
    require_role,
    require_unlocked,
    transaction,
)


class IndicatorLike(Protocol):
    """What the importer's indicator rows offer (see ``kinerja_app.importer.data``)."""

    @property
    def sheet(self) -> str: ...
    @property
    def row(self) -> int: ...
    @property
    def sasaran(self) -> str | None: ...
    @property
    def indikator(self) -> str | None: ...
    @property
    def satuan(self) -> str | None: ...
    @property
    def polaritas(self) -> Polaritas | None: ...
    @property
    def target(self) -> float | None: ...
    @property
    def realisasi(self) -> float | None: ...
    @property
    def capaian(self) -> float | None: ...
    @property
    def capaian_dilaporkan(self) -> float | None: ...


class FindingLike(Protocol):
    """What the importer's findings offer."""

    @property
    def severity(self) -> str: ...
    @property
    def code(self) -> str: ...
    @property
    def cell(self) -> str | None: ...
    @property
    def row(self) -> int | None: ...
    @property
    def message(self) -> str: ...


@dataclass(frozen=True)
class SuratMasuk:
    """How the data arrived: the incoming-mail agenda and the OPD's surat pengantar."""

    tanggal_diterima: dt.datetime
    nomor_agenda: str = ""
    nomor_pengantar: str = ""
    tanggal_pengantar: dt.date | None = None


def _text(value: object) -> str:
    return "" if value is None else str(value)


def simpan_penyampaian(
    user: User,
    pengumpulan: Pengumpulan,
    surat_masuk: SuratMasuk,
    rows: Sequence[IndicatorLike],
    findings: Sequence[FindingLike],
    *,
    berkas: Path | None = None,
    sha256_diperiksa: str | None = None,
) -> Changes:
    """Store an OPD's data as its next revision (step 7), with its findings, in one transaction.

    The original file is copied into the archive first (named by OPD and revision) so a
    crash never leaves a revision without its file; a failed transaction removes the copy.

    Args:
        user: a Tim Kinerja member.
        pengumpulan: the OPD in the period.
        surat_masuk: agenda and pengantar details.
        rows: indicator rows as read.
        findings: verification findings.
        berkas: the workbook as received.
        sha256_diperiksa: the SHA-256 of the file when it was read; a file changed since is
            refused, so the archive always holds the file whose numbers were stored.
    Returns:
        The change record; ``objek_id`` is the new revision's id.
    """
    aksi = "simpan_penyampaian"
    pengumpulan = Pengumpulan.get_by_id(pengumpulan.id)  # fresh: the caller's copy may be stale
    periode = pengumpulan.periode
    if surat_masuk.tanggal_diterima > now() + dt.timedelta(minutes=5):
        refuse(aksi, user, "Tanggal diterima tidak boleh di masa depan.", periode_id=periode.id)
    if (
        surat_masuk.tanggal_pengantar is not None
        and surat_masuk.tanggal_pengantar > surat_masuk.tanggal_diterima.date()
    ):
        refuse(
            aksi,
            user,
            f"Tanggal surat pengantar OPD ({format_tanggal(surat_masuk.tanggal_pengantar)}) "
            f"sesudah tanggal diterimanya ({format_tanggal(surat_masuk.tanggal_diterima)}); "
            "periksa kedua tanggal itu.",
            periode_id=periode.id,
        )
    if not rows:
        refuse(
            aksi,
            user,
            "Berkas tidak memuat satu pun indikator; periksa berkasnya.",
            periode_id=periode.id,
        )
    revisi = pengumpulan.revisi_terakhir + 1
    folder = folder_periode(periode.tahun, "Data OPD", pengumpulan.opd.nama)
    original = [(berkas, folder, f"Revisi {revisi} - {berkas.name}")] if berkas else []
    errors = sum(1 for f in findings if f.severity == "error")
    with salinan_arsip(original) as copies, transaction(aksi, user, periode_id=periode.id):
        if copies and sha256_diperiksa and copies.sidik(0) != sha256_diperiksa:
            raise UserError(
                f"Berkas {berkas.name if berkas else ''} berubah sesudah diperiksa. Periksa ulang "
                "berkas itu, lalu simpan lagi; tidak ada yang disimpan."
            )
        periode = Periode.get_by_id(periode.id)
        require_role(aksi, user, Role.TIM, periode_id=periode.id)
        require_unlocked(aksi, user, periode)
        pengumpulan = locked(Pengumpulan, pengumpulan.id)
        if pengumpulan.status == StatusOpd.BELUM_DIKIRIMI:
            refuse(
                aksi,
                user,
                f"Surat permintaan untuk {pengumpulan.opd.nama} belum tercatat diterima; catat distribusinya dahulu (langkah 6).",
                periode_id=periode.id,
                opd_id=pengumpulan.opd_id,
            )
        if pengumpulan.status == StatusOpd.TERVERIFIKASI:
            refuse(
                aksi,
                user,
                f"Data {pengumpulan.opd.nama} sudah terverifikasi; revisi baru tidak diperlukan.",
                periode_id=periode.id,
                opd_id=pengumpulan.opd_id,
            )
        require_after(
            aksi,
            user,
            surat_masuk.tanggal_diterima,
            pengumpulan.surat_diterima_pada,
            "penerimaan surat permintaan oleh OPD ini",
            periode_id=periode.id,
        )
        if pengumpulan.revisi_terakhir + 1 != revisi:
            refuse(
                aksi,
                user,
                f"Data {pengumpulan.opd.nama} baru saja disimpan dari komputer lain (revisi "
                f"{pengumpulan.revisi_terakhir}); muat ulang (F5) dan periksa revisi itu sebelum "
                "menyimpan lagi.",
                periode_id=periode.id,
                opd_id=pengumpulan.opd_id,
            )
        stored = copies[0] if copies else None
        superseded = [
            r.id
            for r in Penyampaian.select(Penyampaian.id).where(
                (Penyampaian.pengumpulan == pengumpulan)
                & (Penyampaian.status == StatusPenyampaian.DIPERIKSA.value)
            )
        ]
        Penyampaian.update(status=StatusPenyampaian.DIGANTIKAN.value).where(
            Penyampaian.id.in_(superseded)
        ).execute()
        rev = Penyampaian.create(
            pengumpulan=pengumpulan,
            revisi=revisi,
            tanggal_diterima=surat_masuk.tanggal_diterima,
            nomor_agenda=clean_text(
                surat_masuk.nomor_agenda, "Nomor agenda", max_length=60, required=False
            ),
            nomor_pengantar=clean_text(
                surat_masuk.nomor_pengantar,
                "Nomor surat pengantar",
                max_length=100,
                required=False,
            ),
            tanggal_pengantar=surat_masuk.tanggal_pengantar,
            berkas=str(stored[0]) if stored else None,
            nama_berkas_asli=berkas.name if berkas else "",
            sha256=stored[1] if stored else "",
            jumlah_error=errors,
            jumlah_peringatan=len(findings) - errors,
            capaian_rata=rata_rata([r.capaian for r in rows]),
            dicatat_oleh=user,
        )
        insert_rows(
            DataIndikator,
            [
                {
                    "penyampaian": rev.id,
                    "urutan": i,
                    "sheet": r.sheet,
                    "baris": r.row,
                    "sasaran": _text(r.sasaran),
                    "indikator": _text(r.indikator),
                    "satuan": _text(r.satuan),
                    "polaritas": r.polaritas.value if r.polaritas else None,
                    "target": r.target,
                    "realisasi": r.realisasi,
                    "target_teks": _text(getattr(r, "target_text", ""))[:200],
                    "realisasi_teks": _text(getattr(r, "realisasi_text", ""))[:200],
                    "capaian": r.capaian,
                    "capaian_dilaporkan": r.capaian_dilaporkan,
                    "keterangan": _text(getattr(r, "keterangan", "")),
                }
                for i, r in enumerate(rows, start=1)
            ],
        )
        if findings:
            insert_rows(
                Temuan,
                [
                    {
                        "penyampaian": rev.id,
                        "severity": f.severity,
                        "kode": f.code,
                        "sel": f.cell,
                        "baris": f.row,
                        "pesan": f.message,
                    }
                    for f in findings
                ],
            )
        first = pengumpulan.data_pertama_pada or surat_masuk.tanggal_diterima
        Pengumpulan.update(
            status=StatusOpd.DATA_MASUK.value,
            status_sejak=now(),
            data_pertama_pada=first,
            data_terakhir_pada=surat_masuk.tanggal_diterima,
            revisi_terakhir=revisi,
        ).where(Pengumpulan.id == pengumpulan.id).execute()
        audit.write(
            aksi,
            pelaku=user,
            keterangan=f"Data {pengumpulan.opd.nama} revisi {revisi} diterima: {len(rows)} indikator, "
            f"{errors} kesalahan, {len(findings) - errors} peringatan",
            periode_id=periode.id,
            opd_id=pengumpulan.opd_id,
            objek="penyampaian",
            objek_id=rev.id,
            detail={
                "revisi": revisi,
                "sha256": stored[1] if stored else None,
                "baris": len(rows),
            },
            data={
                Penyampaian: [rev.id, *superseded],
                DataIndikator: [rev.id],
                Temuan: [rev.id],
                Pengumpulan: [pengumpulan.id],
            },
        )
    return Changes.of(
        Area.PENYAMPAIAN,
        pesan=f"Data {pengumpulan.opd.nama} revisi {revisi} disimpan.",
        periode_id=periode.id,
        opd_ids=[pengumpulan.opd_id],
        objek_id=rev.id,
    )


def _latest_open(aksi: str, user: User, penyampaian: Penyampaian) -> Pengumpulan:
    """Call inside the write transaction: the OPD row, if ``penyampaian`` awaits a decision."""
    penyampaian = Penyampaian.get_by_id(penyampaian.id)
    pengumpulan = locked(Pengumpulan, penyampaian.pengumpulan_id)
    require_unlocked(aksi, user, pengumpulan.periode)
    if penyampaian.status != StatusPenyampaian.DIPERIKSA:
        refuse(
            aksi,
            user,
            f"Revisi {penyampaian.revisi} sudah diputuskan atau digantikan revisi baru.",
            periode_id=pengumpulan.periode_id,
            opd_id=pengumpulan.opd_id,
        )
    return pengumpulan


def nyatakan_valid(user: User, penyampaian: Penyampaian) -> Changes:
    """Step 8 "valid": accept the revision; the OPD becomes Terverifikasi.

    Refused while the revision has errors, unless the Kabag has overridden them.
    """
    aksi = "nyatakan_valid"
    periode_id = penyampaian.pengumpulan.periode_id
    with transaction(aksi, user, periode_id=periode_id):
        require_role(aksi, user, Role.TIM, periode_id=periode_id)
        pengumpulan = _latest_open(aksi, user, penyampaian)
        penyampaian = Penyampaian.get_by_id(penyampaian.id)
        if penyampaian.jumlah_error and not penyampaian.override_alasan:
            refuse(
                aksi,
                user,
                f"Revisi ini masih memiliki {penyampaian.jumlah_error} kesalahan. Kembalikan ke OPD untuk "
                "perbaikan, atau minta Kabag menyetujui dengan alasan.",
                periode_id=pengumpulan.periode_id,
                opd_id=pengumpulan.opd_id,
            )
        Penyampaian.update(status=StatusPenyampaian.DITERIMA.value).where(
            Penyampaian.id == penyampaian.id
        ).execute()
        Pengumpulan.update(
            status=StatusOpd.TERVERIFIKASI.value, status_sejak=now(), terverifikasi_pada=now()
        ).where(Pengumpulan.id == pengumpulan.id).execute()
        audit.write(
            aksi,
            pelaku=user,
            keterangan=f"Data {pengumpulan.opd.nama} revisi {penyampaian.revisi} dinyatakan valid",
            periode_id=pengumpulan.periode_id,
            opd_id=pengumpulan.opd_id,
            objek="penyampaian",
            objek_id=penyampaian.id,
            data={Penyampaian: [penyampaian.id], Pengumpulan: [pengumpulan.id]},
        )
    return Changes.of(
        Area.PENYAMPAIAN,
        pesan=f"Data {pengumpulan.opd.nama} terverifikasi.",
        periode_id=pengumpulan.periode_id,
        opd_ids=[pengumpulan.opd_id],
    )


def kembalikan_data(
    user: User,
    penyampaian: Penyampaian,
    catatan: str,
    *,
    batas_perbaikan: dt.date | None = None,
    tanggal_surat: dt.date | None = None,
) -> Changes:
    """Step 8 "not valid": the OPD must correct and resubmit (back to step 7) by a recorded
    deadline, stated in a numbered findings letter (surat hasil verifikasi).

    Args:
        user: a Tim Kinerja member.
        penyampaian: the revision being returned.
        catatan: what must be corrected (required; printed in the letter with the findings).
        batas_perbaikan: the correction deadline (default: the SOP's standard time, step 7).
        tanggal_surat: the findings letter's date (default today).
    Returns:
        The change record.
    """
    from kinerja_app.workflow.batas import batas_perbaikan_baku, catat_batas_perbaikan
    from kinerja_app.workflow.register import tanggal_surat as hari_surat

    aksi = "kembalikan_data"
    periode_id = penyampaian.pengumpulan.periode_id
    with transaction(aksi, user, periode_id=periode_id):
        require_role(aksi, user, Role.TIM, periode_id=periode_id)
        text = require_note(aksi, user, catatan, periode_id=periode_id)
        pengumpulan = _latest_open(aksi, user, penyampaian)
        penyampaian = Penyampaian.get_by_id(penyampaian.id)
        day = hari_surat(
            tanggal_surat,
            paling_awal=penyampaian.tanggal_diterima.date(),
            apa=f"penerimaan data revisi {penyampaian.revisi}",
        )
        batas = batas_perbaikan or batas_perbaikan_baku(day)
        row = catat_batas_perbaikan(user, pengumpulan, penyampaian, batas, day, text)
        Penyampaian.update(status=StatusPenyampaian.DIKEMBALIKAN.value).where(
            Penyampaian.id == penyampaian.id
        ).execute()
        Pengumpulan.update(
            status=StatusOpd.PERLU_PERBAIKAN.value, status_sejak=now(), catatan=text
        ).where(Pengumpulan.id == pengumpulan.id).execute()
        audit.write(
            aksi,
            pelaku=user,
            keterangan=f"Data {pengumpulan.opd.nama} revisi {penyampaian.revisi} dikembalikan "
            f"untuk perbaikan paling lambat {format_tanggal(batas)} (surat nomor "
            f"{row.surat_keluar.nomor}): {text}",
            periode_id=periode_id,
            opd_id=pengumpulan.opd_id,
            objek="penyampaian",
            objek_id=penyampaian.id,
            detail={
                "catatan": text,
                "batas_perbaikan": batas.isoformat(),
                "nomor": row.surat_keluar.nomor,
            },
            data={
                Penyampaian: [penyampaian.id],
                Pengumpulan: [pengumpulan.id],
                BatasOpd: [row.id],
                SuratKeluar: [row.surat_keluar_id],
            },
        )
    return Changes.of(
        Area.PENYAMPAIAN,
        pesan=f"Data {pengumpulan.opd.nama} dikembalikan untuk perbaikan paling lambat "
        f"{format_tanggal(batas)}.",
        periode_id=periode_id,
        opd_ids=[pengumpulan.opd_id],
        objek_id=row.id,
    )


def setujui_dengan_kesalahan(user: User, penyampaian: Penyampaian, alasan: str) -> Changes:
    """The Kabag overrides a revision's errors with a reason, so the Tim may accept it."""
    aksi = "setujui_dengan_kesalahan"
    periode_id = penyampaian.pengumpulan.periode_id
    with transaction(aksi, user, periode_id=periode_id):
        require_role(aksi, user, Role.KABAG, periode_id=periode_id)
        text = require_note(aksi, user, alasan, periode_id=periode_id)
        pengumpulan = _latest_open(aksi, user, penyampaian)
        Penyampaian.update(override_alasan=text, override_oleh=user).where(
            Penyampaian.id == penyampaian.id
        ).execute()
        audit.write(
            aksi,
            pelaku=user,
            keterangan=f"Kabag mengizinkan revisi {penyampaian.revisi} {pengumpulan.opd.nama} diterima meski ada kesalahan: {text}",
            periode_id=periode_id,
            opd_id=pengumpulan.opd_id,
            objek="penyampaian",
            objek_id=penyampaian.id,
            detail={"alasan": text},
            data={Penyampaian: [penyampaian.id]},
        )
    return Changes.of(
        Area.PENYAMPAIAN,
        pesan="Persetujuan Kabag dicatat.",
        periode_id=periode_id,
        opd_ids=[pengumpulan.opd_id],
    )


def catat_koordinasi(
    user: User, pengumpulan: Pengumpulan, catatan: str, cara: str = "telepon"
) -> Changes:
    """Note a coordination with an OPD about its data (step 8)."""
    aksi = "catat_koordinasi"
    pengumpulan = Pengumpulan.get_by_id(pengumpulan.id)
    with transaction(aksi, user, periode_id=pengumpulan.periode_id):
        require_role(aksi, user, Role.TIM, periode_id=pengumpulan.periode_id)
        require_unlocked(aksi, user, Periode.get_by_id(pengumpulan.periode_id))
        text = require_note(aksi, user, catatan, periode_id=pengumpulan.periode_id)
        row = Koordinasi.create(
            pengumpulan=pengumpulan,
            cara=clean_text(cara, "Cara", max_length=40),
            catatan=text,
            dicatat_oleh=user,
        )
        audit.write(
            aksi,
            pelaku=user,
            keterangan=f"Koordinasi dengan {pengumpulan.opd.nama} ({cara}): {text}",
            periode_id=pengumpulan.periode_id,
            opd_id=pengumpulan.opd_id,
            objek="koordinasi",
            objek_id=row.id,
            data={Koordinasi: [row.id]},
        )
    return Changes.of(
        Area.PENYAMPAIAN,
        pesan="Catatan koordinasi disimpan.",
        periode_id=pengumpulan.periode_id,
        opd_ids=[pengumpulan.opd_id],
    )
