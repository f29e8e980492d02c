"""Writing and verifying the audit chain: each row's hash covers its content and the previous hash.

Rows are written in the same transaction as the change they describe. A refused action is
written in a transaction of its own ("ditolak") before the refusal is raised.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kinerja_app.clock import now
from kinerja_app.storage import notices
from kinerja_app.storage.db import database
from kinerja_app.storage.models import AuditLog, User

GENESIS = "0" * 64

# Readable Indonesian names of the actions, for the Riwayat tab and reports.
AKSI_LABEL = {
    "inisialisasi": "Basis data dibuat",
    "buat_admin_pertama": "Administrator pertama dibuat",
    "masuk": "Masuk aplikasi",
    "buka_kunci_layar": "Membuka kunci layar",
    "buka_blokir": "Membuka blokir akun",
    "ganti_kata_sandi": "Ganti kata sandi",
    "simpan_pengguna": "Simpan pengguna",
    "ubah_pengaturan": "Ubah pengaturan",
    "simpan_pengaturan": "Ubah pengaturan",
    "simpan_opd": "Simpan Perangkat Daerah",
    "nonaktifkan_opd": "Nonaktifkan Perangkat Daerah",
    "impor_opd": "Impor daftar Perangkat Daerah",
    "tambah_hari_libur": "Tambah hari libur",
    "hapus_hari_libur": "Hapus hari libur",
    "buka_periode": "Buka periode",
    "buka_kunci_periode": "Buka kunci periode",
    "buat_disposisi": "1 · Disposisi Kabag",
    "simpan_rancangan": "2 · Simpan draf surat",
    "ajukan_rancangan": "2 · Ajukan draf ke Kabag",
    "paraf_kabag": "3 · Paraf Kabag",
    "kembalikan_rancangan_kabag": "3 · Draf dikembalikan Kabag",
    "paraf_asisten": "4 · Paraf Asisten",
    "kembalikan_rancangan_asisten": "4 · Draf dikembalikan Asisten",
    "sekda_tandatangani": "5 · Tanda tangan Sekda",
    "kembalikan_rancangan_sekda": "5 · Draf dikembalikan Sekda",
    "kirim_pengantar": "6 · Surat pengantar diberi nomor",
    "distribusikan": "6 · Distribusi surat",
    "perpanjang_batas": "7 · Batas waktu OPD diperpanjang",
    "terbitkan_pengingat": "7 · Surat pengingat diterbitkan",
    "arsipkan_naskah": "Naskah dibuat dan diarsipkan",
    "migrasi_batas_waktu": "Batas waktu diselaraskan (pembaruan skema)",
    "simpan_penyampaian": "7 · Data OPD diterima",
    "nyatakan_valid": "8 · Data dinyatakan valid",
    "kembalikan_data": "8 · Data dikembalikan untuk perbaikan",
    "setujui_dengan_kesalahan": "8 · Kabag menyetujui meski ada kesalahan",
    "catat_koordinasi": "8 · Koordinasi dengan OPD",
    "ajukan_rekap": "8 · Rekap diajukan ke Kabag",
    "review_rekap": "9 · Telaah rekap oleh Kabag",
    "finalisasi_arsip": "10 · Finalisasi dan arsip",
    "cadangkan": "Cadangan dibuat",
    "pulihkan_cadangan": "Basis data dipulihkan dari cadangan",
}


def label_aksi(aksi: str) -> str:
    """The readable name of an action code (the code itself, tidied, when unknown)."""
    return AKSI_LABEL.get(aksi, aksi.replace("_", " ").capitalize())


_HASHED_FIELDS = (
    "waktu", "aksi", "hasil", "pelaku_id", "pelaku_nama", "pencatat_id", "pencatat_nama",
    "periode_id", "opd_id", "objek", "objek_id", "keterangan", "detail_json",
)  # fmt: skip


def _canonical(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0).isoformat(sep=" ")
    return value


def row_hash(fields: Mapping[str, Any], prev_hash: str) -> str:
    """The SHA-256 of one row's content chained to the previous row's hash."""
    payload = json.dumps(
        [prev_hash, *(_canonical(fields[name]) for name in _HASHED_FIELDS)],
        ensure_ascii=False,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def chain_head() -> str:
    """Hash of the newest audit row (printed on the final recap to detect truncation)."""
    last = AuditLog.select(AuditLog.hash).order_by(AuditLog.id.desc()).first()
    return str(last.hash) if last else GENESIS


def write(
    aksi: str,
    *,
    pelaku: User | None,
    pencatat: User | None = None,
    keterangan: str = "",
    periode_id: int | None = None,
    opd_id: int | None = None,
    objek: str = "",
    objek_id: int | None = None,
    detail: Mapping[str, Any] | None = None,
    hasil: str = "ok",
    waktu: dt.datetime | None = None,
) -> AuditLog:
    """Append one audit row; call inside the transaction of the change it records.

    Args:
        aksi: the action's stable name, e.g. ``"kabag_paraf"``.
        pelaku: who acted (the official), ``None`` for the system.
        pencatat: who recorded it in the app; defaults to ``pelaku``.
        keterangan: a readable Indonesian summary.
        periode_id: the period concerned.
        opd_id: the OPD concerned.
        objek: the table the action touched.
        objek_id: the row id it touched.
        detail: extra JSON-able detail.
        hasil: ``"ok"`` or ``"ditolak"``.
        waktu: when it was recorded (default: now).
    Returns:
        The row written.
    """
    pencatat = pencatat or pelaku
    fields: dict[str, Any] = {
        "waktu": waktu or now(),
        "aksi": aksi,
        "hasil": hasil,
        "pelaku_id": pelaku.id if pelaku else None,
        "pelaku_nama": pelaku.nama if pelaku else "Sistem",
        "pencatat_id": pencatat.id if pencatat else None,
        "pencatat_nama": pencatat.nama if pencatat else "Sistem",
        "periode_id": periode_id,
        "opd_id": opd_id,
        "objek": objek,
        "objek_id": objek_id,
        "keterangan": keterangan,
        "detail_json": json.dumps(
            dict(detail or {}), ensure_ascii=False, sort_keys=True, default=str
        ),
    }
    with database.atomic():
        prev = chain_head()
        row = AuditLog.create(**fields, prev_hash=prev, hash=row_hash(fields, prev))
        notices.announce(aksi, periode_id, opd_id, hasil)  # heard by other workstations on commit
        return row


@dataclass(frozen=True)
class ChainReport:
    """Result of verifying the chain: ``broken_id`` is the first bad row, or ``None``."""

    rows: int
    head: str
    broken_id: int | None = None
    reason: str = ""
    problems: tuple[str, ...] = ()  # tampering that no single row shows (truncation, triggers)

    @property
    def ok(self) -> bool:
        """Whether the whole chain verified."""
        return self.broken_id is None and not self.problems


def verify_chain(rows: Iterable[AuditLog] | None = None) -> ChainReport:
    """Recompute every hash in id order and name the first row that does not match.

    Returns:
        A report with the number of rows, the head hash and the first broken row, if any.
    """
    prev = GENESIS
    count = 0
    seen: set[str] = set()
    source = rows if rows is not None else AuditLog.select().order_by(AuditLog.id)
    for row in source:
        count += 1
        seen.add(row.hash)
        fields = {name: getattr(row, name) for name in _HASHED_FIELDS}
        if row.prev_hash != prev:
            return ChainReport(
                count, prev, row.id, "rantai terputus: ada baris yang dihapus atau disisipkan"
            )
        if row.hash != row_hash(fields, prev):
            return ChainReport(count, prev, row.id, "isi baris telah diubah sesudah dicatat")
        prev = row.hash
    problems = _anchor_problems(seen) if rows is None else ()
    return ChainReport(count, prev, problems=problems)


def _anchor_problems(seen: set[str]) -> tuple[str, ...]:
    """What a removal of the newest rows leaves behind: a chain head printed on a final recap
    (kept in the archive) that is no longer in the chain, or the append-only triggers gone."""
    from kinerja_app.storage.models import Arsip  # the archive table names the printed heads

    problems = [
        f"kepala rantai {head[:16]}… yang tercetak pada arsip final tidak ada lagi: baris terakhir jejak audit telah dihapus"
        for head in {a.audit_head for a in Arsip.select(Arsip.audit_head) if a.audit_head}
        if head not in seen
    ]
    from kinerja_app.storage.migrations import GUARD_TRIGGERS, audit_triggers

    triggers = audit_triggers(database.obj)
    for name in GUARD_TRIGGERS:
        if name not in triggers:
            problems.append(f"pengaman '{name}' pada tabel jejak audit telah dihapus")
    return tuple(problems)
