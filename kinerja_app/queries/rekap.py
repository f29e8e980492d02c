"""Steps 8–10 for the screens: recap versions, the Kabag's reviews and the archive files."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import peewee

from kinerja_app.storage.models import (
    Arsip,
    AuditLog,
    Periode,
    Rekap,
    ReviewRekap,
    SuratKeluar,
    User,
)


def daftar_rekap(periode: Periode) -> list[Rekap]:
    """Every recap version of the period, newest first."""
    return list(Rekap.select().where(Rekap.periode == periode).order_by(Rekap.versi.desc()))


def rekap_terakhir(periode: Periode) -> Rekap | None:
    """The newest recap version."""
    rows = daftar_rekap(periode)
    return rows[0] if rows else None


def review(rekap: Rekap) -> list[ReviewRekap]:
    """The Kabag's decisions on one recap version."""
    return list(ReviewRekap.select().where(ReviewRekap.rekap == rekap).order_by(ReviewRekap.id))


def belum_lengkap_snapshot(rekap: Rekap) -> dict[str, Any]:
    """Why a recap version went to the Kabag incomplete, and the OPDs missing then (or {})."""
    data: dict[str, Any] = json.loads(rekap.snapshot_json).get("belum_lengkap", {})
    return data


def ringkasan_snapshot(rekap: Rekap) -> dict[str, Any]:
    """The summary line frozen in a recap version."""
    data: dict[str, Any] = json.loads(rekap.snapshot_json).get("ringkasan", {})
    return data


def daftar_arsip(periode: Periode | None = None) -> list[Arsip]:
    """Archived files, of one period or all, newest first, with who recorded each and the
    recap version a final-archive copy belongs to (read in the same query, not row by row)."""
    query = (
        Arsip.select(Arsip, User, Rekap)
        .join(User, on=Arsip.dicatat_oleh)
        .switch(Arsip)
        .join(Rekap, peewee.JOIN.LEFT_OUTER, on=(Arsip.rekap == Rekap.id))
        .order_by(Arsip.id.desc())
    )
    if periode is not None:
        query = query.where(Arsip.periode == periode)
    return list(query)


def surat_keluar(periode: Periode | None = None) -> list[SuratKeluar]:
    """The outgoing-letter register, of one period or all, newest first."""
    query = SuratKeluar.select().order_by(SuratKeluar.tahun.desc(), SuratKeluar.urut.desc())
    if periode is not None:
        query = query.where(SuratKeluar.periode == periode)
    return list(query)


@dataclass(frozen=True)
class BukaKunci:
    """The Kabag unlocked the archived period: who, when and why (the final recap went back)."""

    waktu: dt.datetime
    oleh: str
    alasan: str


def buka_kunci(periode: Periode) -> list[BukaKunci]:
    """Every unlock of the period, oldest first (the reason lives in its audit row alone)."""
    rows = (
        AuditLog.select()
        .where(
            (AuditLog.periode_id == periode.id)
            & (AuditLog.aksi == "buka_kunci_periode")
            & (AuditLog.hasil == "ok")
        )
        .order_by(AuditLog.id)
    )
    return [
        BukaKunci(r.waktu, r.pelaku_nama, str(json.loads(r.detail_json).get("alasan", "")))
        for r in rows
    ]
