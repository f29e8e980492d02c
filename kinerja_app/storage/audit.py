"""Writing the audit chain: each row's hash covers its content, the previous hash and the
content hashes of the business rows its action wrote (:mod:`kinerja_app.storage.komitmen`).

Rows are written in the same transaction as the change they describe. A refused action is
written in a transaction of its own ("ditolak") after its transaction rolled back. Appends are
serialised (:func:`kinerja_app.storage.db.serialise`), so the chain has one order on any engine.
Verification lives in :mod:`kinerja_app.storage.verifikasi_audit`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from kinerja_app.clock import now
from kinerja_app.storage import komitmen, notices
from kinerja_app.storage.db import insert_rows, serialise, transaction
from kinerja_app.storage.models import AuditData, AuditLog, User

if TYPE_CHECKING:
    from kinerja_app.storage.verifikasi_audit import ChainReport

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
    "segel_data": "Isi basis data disegel dalam jejak audit",
    "pindah_ke_server": "Basis data dipindahkan ke server",
}


def label_aksi(aksi: str) -> str:
    """The readable name of an action code (the code itself, tidied, when unknown)."""
    return AKSI_LABEL.get(aksi, aksi.replace("_", " ").capitalize())


HASHED_FIELDS = (
    "waktu", "aksi", "hasil", "pelaku_id", "pelaku_nama", "pencatat_id", "pencatat_nama",
    "periode_id", "opd_id", "objek", "objek_id", "keterangan", "detail_json",
)  # fmt: skip


def _canonical(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0).isoformat(sep=" ")
    return value


def row_hash(fields: Mapping[str, Any], prev_hash: str) -> str:
    """The SHA-256 of one row's content chained to the previous row's hash.

    A row with data commitments also covers their digest (``data_hash``); rows written before
    commitments existed hash exactly as they did then.
    """
    values = [prev_hash, *(_canonical(fields[name]) for name in HASHED_FIELDS)]
    if fields.get("data_hash"):
        values.append(fields["data_hash"])
    payload = json.dumps(values, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def chain_head() -> str:
    """Hash of the newest audit row (printed on letters, recaps and backup names)."""
    last = AuditLog.select(AuditLog.hash).order_by(AuditLog.id.desc()).first()
    return str(last.hash) if last else GENESIS


def head_of(objek: str, objek_id: int, *, aksi: str | None = None) -> str:
    """The hash of the audit row that recorded an act on ``objek`` ``objek_id`` (the newest, or
    the newest of ``aksi``: the Sekda's signature, the Kabag's approval of a recap): everything
    up to that act is anchored by it. Empty when none."""
    where = (AuditLog.objek == objek) & (AuditLog.objek_id == objek_id) & (AuditLog.hasil == "ok")
    if aksi is not None:
        where &= AuditLog.aksi == aksi
    row = AuditLog.select(AuditLog.hash).where(where).order_by(AuditLog.id.desc()).first()
    return str(row.hash) if row else ""


def row_fields(
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
) -> dict[str, Any]:
    """The hashed columns of one audit row (:data:`HASHED_FIELDS`); see :func:`write`."""
    pencatat = pencatat or pelaku
    return {
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
    data: komitmen.Data | None = None,
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
        data: the business rows the action wrote, by model: row ids, or for a set table
            (:data:`komitmen.SETS`) the parent ids; their content hashes are committed.
    Returns:
        The row written.
    """
    fields = row_fields(
        aksi,
        pelaku=pelaku,
        pencatat=pencatat,
        keterangan=keterangan,
        periode_id=periode_id,
        opd_id=opd_id,
        objek=objek,
        objek_id=objek_id,
        detail=detail,
        hasil=hasil,
        waktu=waktu,
    )
    with transaction():
        serialise("audit_log")  # one appender at a time, so every row chains to the last
        entries = komitmen.hitung(data) if data else []
        fields["data_hash"] = komitmen.digest_of(entries) if entries else None
        prev = chain_head()
        row: AuditLog = AuditLog.create(**fields, prev_hash=prev, hash=row_hash(fields, prev))
        insert_rows(
            AuditData,
            [
                {
                    "audit_id": row.id,
                    "tabel": e.tabel,
                    "kolom": e.kolom,
                    "nilai": e.nilai,
                    "hash": e.hash,
                }
                for e in entries
            ],
        )
        notices.announce(aksi, periode_id, opd_id, hasil)  # heard by other workstations on commit
        return row


def verify_chain(*, kepala: Sequence[str] = ()) -> ChainReport:
    """Verify the chain, the data it commits to and the given anchors (see
    :func:`kinerja_app.storage.verifikasi_audit.verify`)."""
    from kinerja_app.storage.verifikasi_audit import verify

    return verify(kepala=kepala)
