"""Step 2: the Tim drafts the Surat Permintaan Data Kinerja; every save is a numbered version.

A new version voids every paraf given to earlier versions, so the chain starts again at the Kabag.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from kinerja_app.clock import now
from kinerja_app.documents.baku import KLASIFIKASI, SIFAT, TANDA_BATAS, sifat_teks
from kinerja_app.errors import ValidationError
from kinerja_app.formatting import format_tanggal
from kinerja_app.jadwal.mutu_baku import batas_penyampaian_default
from kinerja_app.storage import audit
from kinerja_app.storage.arsip_berkas import folder_periode, salinan_arsip
from kinerja_app.storage.files import sha256_file
from kinerja_app.storage.models import (
    Disposisi,
    Paraf,
    Pengembalian,
    Periode,
    Rancangan,
    SuratPermintaan,
    User,
)
from kinerja_app.storage.models.master import Role
from kinerja_app.storage.models.surat import StatusSurat
from kinerja_app.workflow.common import (
    Area,
    Changes,
    refuse,
    require_role,
    require_unlocked,
    transaction,
)


@dataclass(frozen=True)
class IsiSurat:
    """The editable content of the request letter.

    ``batas_waktu`` is the one deadline of the period: the body prints it wherever it holds
    :data:`TANDA_BATAS`, so changing the field changes the letter.
    """

    hal: str
    paragraf: tuple[str, ...]
    batas_waktu: dt.date
    sifat: str = "Segera"
    lampiran: str = "1 (satu) berkas"
    tembusan: tuple[str, ...] = ("Bupati Lamandau (sebagai laporan)",)
    # one letter, one number, with the Daftar Penerima as its lampiran: what the agenda register
    # holds; one copy per OPD addressed to its head remains a choice (same number, same letter)
    per_opd: bool = False
    penerima_ids: tuple[int, ...] = field(default_factory=tuple)  # empty: every expected OPD
    klasifikasi: str = "Biasa"

    def to_json(self) -> str:
        """Canonical JSON (sorted keys) used for storage and the content hash."""
        data: dict[str, Any] = asdict(self)
        data["batas_waktu"] = self.batas_waktu.isoformat()
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> IsiSurat:
        """Inverse of :meth:`to_json`."""
        data = json.loads(text)
        return cls(
            hal=data["hal"],
            paragraf=tuple(data["paragraf"]),
            batas_waktu=dt.date.fromisoformat(data["batas_waktu"]),
            sifat=data.get("sifat", "Biasa"),
            lampiran=data.get("lampiran", ""),
            tembusan=tuple(data.get("tembusan", ())),
            per_opd=bool(data.get("per_opd", True)),
            penerima_ids=tuple(data.get("penerima_ids", ())),
            klasifikasi=data.get("klasifikasi", "Biasa"),
        )

    def paragraf_cetak(self) -> list[str]:
        """The body as printed: the deadline field's date wherever the body marks it."""
        return isi_paragraf(self.paragraf, self.batas_waktu)

    def as_text(self) -> str:
        """The content as plain text, one field or paragraph per line (for a readable diff)."""
        return "\n".join(
            [
                f"Hal: {self.hal}",
                f"Sifat: {sifat_teks(self.sifat, self.klasifikasi)}",
                f"Lampiran: {self.lampiran}",
                f"Batas waktu: {format_tanggal(self.batas_waktu)}",
                *self.paragraf_cetak(),
                *(f"Tembusan: {t}" for t in self.tembusan),
            ]
        )

    def validate(self) -> None:
        """Raise a :class:`ValidationError` naming the first field that is not acceptable."""
        if not self.hal.strip():
            raise ValidationError("Hal surat wajib diisi.")
        if not any(p.strip() for p in self.paragraf):
            raise ValidationError("Isi surat wajib diisi: tulislah paling sedikit satu paragraf.")
        if len(self.hal) > 300:
            raise ValidationError("Hal surat terlalu panjang (maksimal 300 karakter).")
        if self.sifat not in SIFAT:
            raise ValidationError(
                f"Sifat surat '{self.sifat}' tidak baku; pilih {', '.join(SIFAT)}."
            )
        if self.klasifikasi not in KLASIFIKASI:
            raise ValidationError(
                f"Klasifikasi '{self.klasifikasi}' tidak baku; pilih {', '.join(KLASIFIKASI)}."
            )
        body = "\n".join(self.paragraf)
        written = {format_tanggal(self.batas_waktu), format_tanggal(self.batas_waktu, hari=True)}
        if TANDA_BATAS not in body and not any(w in body for w in written):
            raise ValidationError(
                f"Isi surat tidak memuat batas penyampaian {format_tanggal(self.batas_waktu)}. "
                f"Tulis {TANDA_BATAS} di tempat tanggal batas pada isi surat: tanggal pada "
                "kolom Batas penyampaian akan tercetak di sana."
            )


def isi_paragraf(paragraf: Sequence[str], batas_waktu: dt.date) -> list[str]:
    """Paragraphs with :data:`TANDA_BATAS` replaced by the deadline ("Selasa, 24 Maret 2026")."""
    text = format_tanggal(batas_waktu, hari=True)
    return [p.replace(TANDA_BATAS, text) for p in paragraf]


def isi_default(periode: Periode, mulai: dt.datetime | None = None) -> IsiSurat:
    """The standard wording of the request letter for a period, ready to edit."""
    from kinerja_app.documents.context import paragraf_baku

    batas = batas_penyampaian_default(mulai or now())
    return IsiSurat(
        hal=f"Permintaan Data Kinerja Tahun {periode.tahun}",
        paragraf=tuple(paragraf_baku(periode.tahun)),
        batas_waktu=batas,
    )


def content_hash(isi: IsiSurat, berkas: Path | None) -> str:
    """Hash of the content a paraf certifies: the fields and the attached Word file, if any."""
    digest = hashlib.sha256(isi.to_json().encode("utf-8"))
    if berkas is not None:
        digest.update(sha256_file(berkas).encode("ascii"))
    return digest.hexdigest()


def simpan_rancangan(
    user: User,
    periode: Periode,
    isi: IsiSurat,
    *,
    berkas: Path | None = None,
    catatan: str = "",
    ajukan: bool = False,
) -> Changes:
    """Save a new version of the draft (step 2); optionally submit it to the Kabag at once.

    Args:
        user: a Tim Kinerja member.
        periode: the period; it must have a disposisi.
        isi: the letter's content.
        berkas: a .docx edited in Word and attached back (copied into the archive).
        catatan: what changed in this version.
        ajukan: submit to the Kabag (step 3) right away.
    Returns:
        The change record; ``objek_id`` is the new version's id.
    """
    aksi = "simpan_rancangan"
    isi.validate()
    files = (  # keep the Word file the Tim attached, never the user's own copy
        [(berkas, folder_periode(periode.tahun, "Surat Permintaan"), f"Draf - {berkas.name}")]
        if berkas is not None
        else []
    )
    with salinan_arsip(files) as copies, transaction(aksi, user, periode_id=periode.id):
        periode = Periode.get_by_id(periode.id)
        require_role(aksi, user, Role.TIM, periode_id=periode.id)
        require_unlocked(aksi, user, periode)
        disposisi = (
            Disposisi.select()
            .where(Disposisi.periode == periode)
            .order_by(Disposisi.id.desc())
            .first()
        )
        if disposisi is None:
            refuse(
                aksi,
                user,
                "Belum ada disposisi Kabag untuk periode ini; draf surat dibuat setelah disposisi (langkah 1).",
                periode_id=periode.id,
            )
        surat = SuratPermintaan.get_or_none(SuratPermintaan.periode == periode)
        if surat is not None and surat.status == StatusSurat.DITANDATANGANI:
            refuse(
                aksi,
                user,
                "Surat sudah ditandatangani Sekda dan tidak dapat diubah lagi.",
                periode_id=periode.id,
            )
        stored = copies[0][0] if copies else None
        if surat is None:
            surat = SuratPermintaan.create(periode=periode, disposisi=disposisi)
        last = (
            Rancangan.select()
            .where(Rancangan.surat == surat)
            .order_by(Rancangan.versi.desc())
            .first()
        )
        versi = (last.versi if last else 0) + 1
        row = Rancangan.create(
            surat=surat,
            versi=versi,
            isi_json=isi.to_json(),
            content_hash=content_hash(isi, stored),
            berkas=str(stored) if stored else None,
            catatan=catatan.strip(),
            dibuat_oleh=user,
        )
        versions = [r.id for r in Rancangan.select(Rancangan.id).where(Rancangan.surat == surat)]
        voided = (
            Paraf.update(batal=True, batal_pada=now())
            .where(Paraf.rancangan.in_(versions))
            .where((Paraf.batal == False) & (Paraf.rancangan != row.id))  # noqa: E712
            .execute()
        )
        status = StatusSurat.MENUNGGU_KABAG if ajukan else StatusSurat.DRAF
        SuratPermintaan.update(status=status.value, status_sejak=now()).where(
            SuratPermintaan.id == surat.id
        ).execute()
        audit.write(
            aksi,
            pelaku=user,
            keterangan=f"Draf surat versi {versi} disimpan"
            + (" dan diajukan ke Kabag" if ajukan else "")
            + (f"; {voided} paraf versi lama dibatalkan" if voided else ""),
            periode_id=periode.id,
            objek="rancangan",
            objek_id=row.id,
            detail={"versi": versi, "hash": row.content_hash, "paraf_dibatalkan": voided},
            data={Rancangan: [row.id], SuratPermintaan: [surat.id], Paraf: versions},
        )
    return Changes.of(
        Area.SURAT, pesan=f"Draf versi {versi} disimpan.", periode_id=periode.id, objek_id=row.id
    )


def ajukan_rancangan(user: User, periode: Periode) -> Changes:
    """Submit the latest version to the Kabag for paraf (step 2 → 3)."""
    aksi = "ajukan_rancangan"
    with transaction(aksi, user, periode_id=periode.id):
        periode = Periode.get_by_id(periode.id)
        require_role(aksi, user, Role.TIM, periode_id=periode.id)
        require_unlocked(aksi, user, periode)
        surat = SuratPermintaan.get_or_none(SuratPermintaan.periode == periode)
        if surat is None or surat.status not in (StatusSurat.DRAF, StatusSurat.DIKEMBALIKAN):
            refuse(
                aksi,
                user,
                "Hanya draf yang belum diajukan atau yang dikembalikan dapat diajukan ke Kabag."
                if surat
                else "Belum ada draf surat; simpan draf terlebih dahulu.",
                periode_id=periode.id,
            )
        latest = versi_terakhir(surat)
        if (
            surat.status == StatusSurat.DIKEMBALIKAN
            and Pengembalian.select().where(Pengembalian.rancangan == latest).exists()
        ):
            refuse(
                aksi,
                user,
                f"Versi {latest.versi} sudah dikembalikan; simpan versi baru yang memuat perbaikan.",
                periode_id=periode.id,
            )
        SuratPermintaan.update(status=StatusSurat.MENUNGGU_KABAG.value, status_sejak=now()).where(
            SuratPermintaan.id == surat.id
        ).execute()
        audit.write(
            aksi,
            pelaku=user,
            keterangan=f"Draf versi {latest.versi} diajukan ke Kabag",
            periode_id=periode.id,
            objek="rancangan",
            objek_id=latest.id,
            data={SuratPermintaan: [surat.id]},
        )
    return Changes.of(Area.SURAT, pesan="Draf diajukan ke Kabag.", periode_id=periode.id)


def versi_terakhir(surat: SuratPermintaan) -> Rancangan:
    """The newest version of the letter's draft."""
    row: Rancangan | None = (
        Rancangan.select().where(Rancangan.surat == surat).order_by(Rancangan.versi.desc()).first()
    )
    if row is None:
        raise ValidationError("Surat ini belum memiliki draf.")
    return row
