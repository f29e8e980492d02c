"""The audit trail for the Riwayat screen, a page at a time: nothing here reads the whole log.

Rows are listed in the order of the time they show (``waktu``, then id): a paper act recorded
afterwards carries the time it happened, so the chain's order is not the time order. Pages
follow one another by that key (keyset paging) against a *horizon*, the newest id when the
screen loaded: the count and the pages agree while new rows arrive, and the rows written since
are fetched on their own (:func:`audit_sesudah`). The period filter and the action list read
the ``audit_log`` indexes on ``periode_id`` and ``aksi``; the whole trail reads the one on
``(waktu, id)``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee

from kinerja_app.storage.db import database
from kinerja_app.storage.models import AuditLog

HALAMAN = 200  # rows per page: a few screens of the table


@dataclass(frozen=True)
class FilterAudit:
    """What the Riwayat screen filters on; empty fields do not filter.

    ``periode_id`` picks one period; ``tanpa_periode`` the rows of no period (logins,
    settings, accounts, backups).
    """

    periode_id: int | None = None
    tanpa_periode: bool = False
    pelaku: str = ""
    aksi: str = ""
    teks: str = ""
    hanya_ditolak: bool = False


def _where(filt: FilterAudit) -> peewee.Expression | bool:
    cond: peewee.Expression | bool = True
    if filt.tanpa_periode:
        cond = AuditLog.periode_id.is_null()
    elif filt.periode_id is not None:
        cond = AuditLog.periode_id == filt.periode_id
    if filt.pelaku:
        like = f"%{filt.pelaku}%"
        cond &= AuditLog.pelaku_nama**like | AuditLog.pencatat_nama**like
    if filt.aksi:
        cond &= AuditLog.aksi == filt.aksi
    if filt.teks:
        cond &= AuditLog.keterangan ** f"%{filt.teks}%"
    if filt.hanya_ditolak:
        cond &= AuditLog.hasil == "ditolak"
    return cond


def cakrawala() -> int:
    """The newest audit row's id (0 for an empty log): where a screen's view of the log ends."""
    return int(AuditLog.select(peewee.fn.MAX(AuditLog.id)).scalar() or 0)


def hitung_audit(filt: FilterAudit, sampai_id: int) -> int:
    """How many rows up to ``sampai_id`` match the filter."""
    return int(AuditLog.select().where(_where(filt) & (AuditLog.id <= sampai_id)).count())


def cari_audit(
    filt: FilterAudit,
    sampai_id: int,
    *,
    lewat: AuditLog | None = None,
    terlama_dulu: bool = False,
    limit: int = HALAMAN,
) -> list[AuditLog]:
    """One page of rows matching the filter, up to ``sampai_id``.

    Args:
        filt: the filter.
        sampai_id: the horizon (see :func:`cakrawala`).
        lewat: the last row of the previous page (``None`` for the first page).
        terlama_dulu: oldest first instead of newest first.
        limit: rows per page.
    Returns:
        At most ``limit`` rows in time order (``waktu``, then id), newest first unless
        ``terlama_dulu``.
    """
    # "id + 0": the horizon filters rows but must not pick the plan; a range on the rowid
    # would read every row up to it and sort them, where the (waktu, id) index reads in order
    cond = _where(filt) & (AuditLog.id + 0 <= sampai_id)
    if lewat is not None:
        cond &= _sesudah(lewat, terlama_dulu)
    return list(AuditLog.select().where(cond).order_by(*urutan_waktu(terlama_dulu)).limit(limit))


def urutan_waktu(terlama_dulu: bool = False) -> tuple[peewee.Ordering, peewee.Ordering]:
    """The trail's display order: by the time shown, rows of the same second by id."""
    if terlama_dulu:
        return AuditLog.waktu.asc(), AuditLog.id.asc()
    return AuditLog.waktu.desc(), AuditLog.id.desc()


def kunci_waktu(row: AuditLog) -> tuple[dt.datetime, int]:
    """A row's place in :func:`urutan_waktu` (ascending)."""
    return row.waktu, row.id


def _sesudah(row: AuditLog, terlama_dulu: bool) -> peewee.Expression:
    """The rows that come after ``row`` in the display order (a row-value comparison, which
    both engines read from the (waktu, id) index)."""
    key = peewee.Tuple(AuditLog.waktu, AuditLog.id)
    here = peewee.Tuple(row.waktu, row.id)
    after: peewee.Expression = key > here if terlama_dulu else key < here
    return after


def audit_sesudah(
    filt: FilterAudit, sesudah_id: int, sampai_id: int, limit: int = HALAMAN
) -> list[AuditLog]:
    """Rows matching the filter written after ``sesudah_id`` up to ``sampai_id``, newest first
    in time order (at most ``limit``)."""
    cond = _where(filt) & (AuditLog.id > sesudah_id) & (AuditLog.id <= sampai_id)
    return list(AuditLog.select().where(cond).order_by(*urutan_waktu()).limit(limit))


def daftar_aksi() -> list[str]:
    """The distinct action names in the trail, sorted.

    A loose index scan (one index seek per distinct name) rather than ``SELECT DISTINCT``,
    which would walk every row: the trail grows by ~1,500 rows a year, the names stay ~40.
    """
    table = AuditLog._meta.table_name
    sql = (
        f'WITH RECURSIVE t(aksi) AS (SELECT MIN(aksi) FROM "{table}" UNION ALL '
        f'SELECT (SELECT MIN(a.aksi) FROM "{table}" a WHERE a.aksi > t.aksi) FROM t '
        "WHERE t.aksi IS NOT NULL) SELECT aksi FROM t WHERE aksi IS NOT NULL"
    )
    return [str(row[0]) for row in database.execute_sql(sql)]
