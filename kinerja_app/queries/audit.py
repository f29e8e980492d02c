"""The audit trail for the Riwayat screen: filtered rows and the choices of the filters."""

from __future__ import annotations

from dataclasses import dataclass

import peewee

from kinerja_app.storage.models import AuditLog


@dataclass(frozen=True)
class FilterAudit:
    """What the Riwayat screen filters on; empty fields do not filter."""

    periode_id: int | None = None
    pelaku: str = ""
    aksi: str = ""
    teks: str = ""
    hanya_ditolak: bool = False


def cari_audit(filt: FilterAudit, limit: int = 20000) -> list[AuditLog]:
    """Audit rows matching the filter, newest first (at most ``limit``)."""
    query = AuditLog.select().order_by(AuditLog.id.desc())
    if filt.periode_id is not None:
        query = query.where(AuditLog.periode_id == filt.periode_id)
    if filt.pelaku:
        like = f"%{filt.pelaku}%"
        query = query.where(AuditLog.pelaku_nama**like | AuditLog.pencatat_nama**like)
    if filt.aksi:
        query = query.where(AuditLog.aksi == filt.aksi)
    if filt.teks:
        query = query.where(AuditLog.keterangan ** f"%{filt.teks}%")
    if filt.hanya_ditolak:
        query = query.where(AuditLog.hasil == "ditolak")
    return list(query.limit(limit))


def daftar_aksi() -> list[str]:
    """The distinct action names in the trail, sorted."""
    rows = AuditLog.select(peewee.fn.DISTINCT(AuditLog.aksi).alias("aksi")).order_by(AuditLog.aksi)
    return [str(r.aksi) for r in rows]
