"""Steps 8 (end) to 10: the recap goes to the Kabag, is reviewed, finalised and archived."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

from kinerja_app.clock import now
from kinerja_app.rekap.rekapitulasi import BarisRekap, baris_rekap, ringkasan
from kinerja_app.storage import audit
from kinerja_app.storage.arsip_berkas import folder_periode, salinan_arsip
from kinerja_app.storage.models import Arsip, Periode, Rekap, ReviewRekap, User
from kinerja_app.storage.models.master import Role
from kinerja_app.storage.models.pengumpulan import StatusOpd
from kinerja_app.storage.models.rekap import StatusRekap
from kinerja_app.workflow.common import (
    Area,
    Changes,
    locked,
    pelaksana,
    refuse,
    require_after,
    require_note,
    require_role,
    require_unlocked,
    transaction,
)


def rekap_terakhir(periode: Periode) -> Rekap | None:
    """The newest recap version of a period."""
    row: Rekap | None = (
        Rekap.select().where(Rekap.periode == periode).order_by(Rekap.versi.desc()).first()
    )
    return row


def kepala_persetujuan(rekap: Rekap) -> str:
    """The audit chain head as it stood when the Kabag approved this version: what the final
    Dokumen Rekapitulasi prints and the archive records (the same on every reprint)."""
    return audit.head_of("rekap", rekap.id, aksi="review_rekap")


def opd_belum_lengkap(periode: Periode) -> list[BarisRekap]:
    """The period's OPDs whose data is missing or not yet verified, in recap order."""
    return [r for r in baris_rekap(periode) if r.status != StatusOpd.TERVERIFIKASI]


REKAP_DIAJUKAN = "rekap diajukan ke Kabag"


def belum_semua_dikirimi(rows: list[BarisRekap], before: str) -> str | None:
    """Why the recap cannot go ahead yet when an OPD never got the letter; ``None`` when all did.

    The recap of step 8 covers every Perangkat Daerah (SOP), so the same rule holds when the
    recap goes to the Kabag and when the period is archived: a recap the Kabag approved is
    never one that step 10 must refuse.
    """
    never_sent = [r.nama for r in rows if r.status == StatusOpd.BELUM_DIKIRIMI]
    if not never_sent:
        return None
    return kalimat_belum_dikirimi(len(never_sent), before, never_sent[0])


def kalimat_belum_dikirimi(jumlah: int, before: str, contoh: str = "") -> str:
    """The sentence for ``jumlah`` OPDs never sent the letter (``contoh``: one of them)."""
    mis = f" (mis. {contoh})" if contoh else ""
    return (
        f"{jumlah} Perangkat Daerah belum dikirimi surat{mis}; setiap instansi wajib diminta "
        f"datanya sebelum {before}. Catat tanda terimanya di Tim Kinerja › Distribusi."
    )


def _semua_dikirimi(
    aksi: str, user: User, periode: Periode, rows: list[BarisRekap], before: str
) -> None:
    """Refuse (inside the action's transaction) while an OPD never got the letter."""
    if reason := belum_semua_dikirimi(rows, before):
        refuse(aksi, user, reason, periode_id=periode.id)


def _alasan_belum_lengkap(
    aksi: str, user: User, periode: Periode, rows: list[BarisRekap], alasan: str, what: str
) -> tuple[list[BarisRekap], str]:
    """The incomplete OPDs and the reason to go ahead; refuse when some are and no reason is given.

    Called inside the action's transaction with rows read there, so the list is the one the
    action acts on.
    """
    belum = [r for r in rows if r.status != StatusOpd.TERVERIFIKASI]
    text = (alasan or "").strip()
    if belum and len(text) < 3:
        names = ", ".join(r.nama for r in belum[:5]) + (" …" if len(belum) > 5 else "")
        refuse(
            aksi,
            user,
            f"{len(belum)} Perangkat Daerah belum lengkap atau belum terverifikasi ({names}). "
            f"Tuliskan alasan {what} sekarang; alasan itu dicatat di riwayat.",
            periode_id=periode.id,
        )
    return belum, text if belum else ""


# what the Dokumen Rekapitulasi prints of an OPD (its name and predikat follow the settings)
DIBANDINGKAN = (
    "status",
    "surat_diterima_pada",
    "batas_waktu",
    "data_masuk_pada",
    "tepat_waktu",
    "revisi",
    "jumlah_indikator",
    "jumlah_error",
    "jumlah_peringatan",
    "capaian_rata",
)


def opd_berubah(rekap: Rekap, rows: Sequence[BarisRekap] | None = None) -> list[str]:
    """The OPDs whose data differ now from what recap version ``rekap`` froze, in recap order.

    An approved version is what the final archive prints: when data arrived, was verified or
    returned after it was frozen, the archive would show numbers the period no longer holds.

    Args:
        rekap: a recap version.
        rows: the live recap rows when the caller has read them (inside its transaction).
    Returns:
        The OPDs' names; empty when the version still matches the data.
    """
    frozen = {row["pengumpulan_id"]: row for row in json.loads(rekap.snapshot_json)["baris"]}
    changed = []
    for row in rows if rows is not None else baris_rekap(rekap.periode):
        old = frozen.pop(row.pengumpulan_id, None)
        new = row.to_json()
        if old is None or any(old.get(key) != new[key] for key in DIBANDINGKAN):
            changed.append(row.nama)
    return changed + [str(row["nama"]) for row in frozen.values()]


def berubah_sejak(rekap: Rekap, changed: list[str]) -> str:
    """The sentence naming the OPDs whose data changed since ``rekap`` was frozen."""
    names = ", ".join(changed[:5]) + (" …" if len(changed) > 5 else "")
    act = "disetujui Kabag" if rekap.status == StatusRekap.DISETUJUI else "diajukan"
    return (
        f"Data {len(changed)} Perangkat Daerah berubah sejak rekap versi {rekap.versi} {act} "
        f"({names})"
    )


def _daftar(belum: list[BarisRekap]) -> list[dict[str, str]]:
    return [{"opd": r.nama, "status": r.status.label} for r in belum]


def ajukan_rekap(
    user: User, periode: Periode, analisa: str, *, alasan_belum_lengkap: str = ""
) -> Changes:
    """End of step 8: freeze the recap as a new version and report it to the Kabag.

    Args:
        user: a Tim Kinerja member.
        periode: the period.
        analisa: the Tim's analysis for the Kabag (required).
        alasan_belum_lengkap: why the recap goes to the Kabag while some OPDs' data is missing
            or unverified (required then; kept in the snapshot and the audit row).
    Returns:
        The change record; ``objek_id`` is the recap version's id.
    """
    aksi = "ajukan_rekap"
    with transaction(aksi, user, periode_id=periode.id):
        periode = Periode.get_by_id(periode.id)
        require_role(aksi, user, Role.TIM, periode_id=periode.id)
        require_unlocked(aksi, user, periode)
        text = require_note(aksi, user, analisa, periode_id=periode.id)
        last = rekap_terakhir(periode)
        if last is not None and last.status in (StatusRekap.DIAJUKAN, StatusRekap.FINAL):
            refuse(
                aksi,
                user,
                f"Rekap versi {last.versi} "
                + (
                    "sedang ditelaah Kabag."
                    if last.status == StatusRekap.DIAJUKAN
                    else "sudah final dan diarsipkan."
                ),
                periode_id=periode.id,
            )
        rows = baris_rekap(periode)  # inside the write lock: the snapshot is one state
        # an approved version is superseded only when the data it froze have changed since
        if (
            last is not None
            and last.status == StatusRekap.DISETUJUI
            and not opd_berubah(last, rows)
        ):
            refuse(
                aksi,
                user,
                f"Rekap versi {last.versi} sudah disetujui Kabag dan data Perangkat Daerah tidak "
                "berubah sejak itu; lanjutkan dengan finalisasi dan arsip.",
                periode_id=periode.id,
            )
        if not any(r.data_masuk_pada for r in rows):
            refuse(
                aksi,
                user,
                "Belum ada data Perangkat Daerah yang masuk; rekap belum dapat disusun.",
                periode_id=periode.id,
            )
        _semua_dikirimi(aksi, user, periode, rows, REKAP_DIAJUKAN)
        belum, alasan = _alasan_belum_lengkap(
            aksi, user, periode, rows, alasan_belum_lengkap, "mengajukan rekap"
        )
        content: dict[str, object] = {
            "baris": [r.to_json() for r in rows],
            "ringkasan": ringkasan(rows).__dict__,
        }
        if belum:
            content["belum_lengkap"] = {"alasan": alasan, "opd": _daftar(belum)}
        snapshot = json.dumps(content, ensure_ascii=False, sort_keys=True)
        versi = (last.versi if last else 0) + 1
        row = Rekap.create(
            periode=periode,
            versi=versi,
            snapshot_json=snapshot,
            content_hash=hashlib.sha256(snapshot.encode("utf-8")).hexdigest(),
            analisa=text,
            dibuat_oleh=user,
        )
        audit.write(
            aksi,
            pelaku=user,
            keterangan=f"Rekapitulasi versi {versi} diajukan ke Kabag"
            + (
                f" dengan {len(belum)} Perangkat Daerah belum lengkap; alasan: {alasan}"
                if belum
                else ""
            ),
            periode_id=periode.id,
            objek="rekap",
            objek_id=row.id,
            detail={"hash": row.content_hash}
            | ({"belum_lengkap": _daftar(belum), "alasan": alasan} if belum else {}),
            data={Rekap: [row.id]},
        )
    return Changes.of(
        Area.REKAP,
        pesan=f"Rekapitulasi versi {versi} diajukan ke Kabag.",
        periode_id=periode.id,
        objek_id=row.id,
    )


def review_rekap(
    user: User,
    rekap: Rekap,
    setuju: bool,
    catatan: str = "",
    *,
    atas_nama: User | None = None,
    waktu: dt.datetime | None = None,
) -> Changes:
    """Step 9: the Kabag approves the recap ("Ya") or returns it to the Tim with input ("Tidak")."""
    aksi = "review_rekap"
    periode_id = rekap.periode_id
    status = StatusRekap.DISETUJUI if setuju else StatusRekap.DIKEMBALIKAN
    with transaction(aksi, user, periode_id=periode_id):
        rekap = locked(Rekap, rekap.id)  # fresh: the caller's copy may be stale
        periode = rekap.periode
        who = pelaksana(
            aksi, user, Role.KABAG, atas_nama=atas_nama, waktu=waktu, periode_id=periode.id
        )
        require_unlocked(aksi, user, periode)
        text = (
            catatan.strip() if setuju else require_note(aksi, user, catatan, periode_id=periode.id)
        )
        if rekap.status != StatusRekap.DIAJUKAN:
            refuse(
                aksi,
                user,
                f"Rekap versi {rekap.versi} tidak sedang menunggu telaah Kabag.",
                periode_id=periode.id,
            )
        require_after(
            aksi, user, who.waktu, rekap.dibuat_pada, "pengajuan rekap ini", periode_id=periode.id
        )
        if setuju and (changed := opd_berubah(rekap, baris_rekap(periode))):
            # approved, step 10 would refuse it: the Kabag is told now and may return it
            refuse(
                aksi,
                user,
                berubah_sejak(rekap, changed) + ". Kembalikan rekap ke Tim Kinerja agar disusun "
                "ulang dengan data terakhir.",
                periode_id=periode.id,
            )
        review = ReviewRekap.create(
            rekap=rekap,
            setuju=setuju,
            catatan=text,
            oleh=who.oleh,
            dicatat_oleh=who.dicatat_oleh,
            waktu=who.waktu,
        )
        Rekap.update(status=status.value).where(Rekap.id == rekap.id).execute()
        who.audit(
            aksi,
            keterangan=f"Rekap versi {rekap.versi} {'disetujui' if setuju else 'dikembalikan ke Tim'} oleh Kabag"
            + (f": {text}" if text else ""),
            periode_id=periode.id,
            objek="rekap",
            objek_id=rekap.id,
            detail={"setuju": setuju, "catatan": text},
            data={ReviewRekap: [review.id], Rekap: [rekap.id]},
        )
    return Changes.of(
        Area.REKAP,
        pesan=f"Rekap versi {rekap.versi} "
        + ("disetujui Kabag." if setuju else "dikembalikan ke Tim Kinerja."),
        periode_id=periode_id,
        objek_id=rekap.id,
    )


def _nomor_tanggal(periode: Periode, sha256: str) -> dict[str, object]:
    """The number and date a paper was archived with when it was made (same bytes), so its
    copy in the final set keeps them; nothing for a file the app did not make (a scan)."""
    made: Arsip | None = (
        Arsip.select()
        .where((Arsip.periode == periode) & (Arsip.sha256 == sha256) & Arsip.rekap.is_null())
        .order_by(Arsip.id)
        .first()
    )
    return {"nomor": made.nomor, "tanggal": made.tanggal} if made is not None else {}


def finalisasi_arsip(
    user: User,
    rekap: Rekap,
    berkas: Sequence[tuple[str, Path]],
    *,
    salinan: int = 1,
    audit_head: str = "",
    alasan_belum_lengkap: str = "",
) -> Changes:
    """Step 10: finalise the approved recap, record its copies and archive files, lock the period.

    Args:
        user: a Tim Kinerja member.
        rekap: the approved recap version.
        berkas: (jenis, path) of each file to archive, e.g. ("Dokumen Rekapitulasi", path);
            each is copied into the period's "Arsip Final" folder with its SHA-256.
        salinan: number of printed copies made (penggandaan).
        audit_head: the audit chain head printed on the final recap (default: the head at
            the Kabag's approval, which the Dokumen Rekapitulasi prints).
        alasan_belum_lengkap: why the period is archived while some OPDs' data is missing or
            unverified (required then; kept in the audit row).
    Returns:
        The change record.
    """
    aksi = "finalisasi_arsip"
    periode_id = rekap.periode_id
    if salinan < 0 or salinan > 100:
        refuse(aksi, user, "Jumlah salinan harus antara 0 dan 100.", periode_id=periode_id)
    missing = [str(p) for _, p in berkas if not p.is_file()]
    if missing:
        refuse(
            aksi,
            user,
            f"Berkas arsip tidak ditemukan: {', '.join(missing)}.",
            periode_id=periode_id,
        )
    folder = folder_periode(rekap.periode.tahun, "Arsip Final")
    files = [(path, folder, path.name) for _, path in berkas]
    with salinan_arsip(files) as copies, transaction(aksi, user, periode_id=periode_id):
        rekap = locked(Rekap, rekap.id)
        periode = rekap.periode
        require_role(aksi, user, Role.TIM, periode_id=periode.id)
        require_unlocked(aksi, user, periode)
        if rekap.status != StatusRekap.DISETUJUI:
            refuse(
                aksi,
                user,
                "Hanya rekap yang sudah disetujui Kabag (langkah 9) dapat difinalisasi.",
                periode_id=periode.id,
            )
        rows = baris_rekap(periode)
        changed = opd_berubah(rekap, rows)
        if changed:
            refuse(
                aksi,
                user,
                berubah_sejak(rekap, changed) + ". Ajukan rekap versi baru ke Kabag agar arsip "
                "final memuat data terakhir.",
                periode_id=periode.id,
            )
        _semua_dikirimi(aksi, user, periode, rows, "periode diarsipkan")
        belum, alasan = _alasan_belum_lengkap(
            aksi, user, periode, rows, alasan_belum_lengkap, "mengarsipkan periode"
        )
        head = audit_head or kepala_persetujuan(rekap) or audit.chain_head()
        stored = [
            (jenis, path, digest) for (jenis, _), (path, digest) in zip(berkas, copies, strict=True)
        ]
        arsip = [
            Arsip.create(
                periode=periode,
                rekap=rekap,
                jenis=jenis,
                berkas=str(path),
                sha256=digest,
                salinan=salinan,
                audit_head=head,
                dicatat_oleh=user,
                **_nomor_tanggal(periode, digest),
            ).id
            for jenis, path, digest in stored
        ]
        Rekap.update(status=StatusRekap.FINAL.value).where(Rekap.id == rekap.id).execute()
        Periode.update(terkunci=True, dikunci_pada=now()).where(Periode.id == periode.id).execute()
        audit.write(
            aksi,
            pelaku=user,
            keterangan=f"Rekap versi {rekap.versi} final, {salinan} salinan, {len(berkas)} berkas diarsipkan; periode dikunci"
            + (f"; {len(belum)} Perangkat Daerah belum lengkap, alasan: {alasan}" if belum else ""),
            periode_id=periode.id,
            objek="rekap",
            objek_id=rekap.id,
            detail={
                "audit_head": head,
                "berkas": [str(p) for _, p, _ in stored],
                "salinan": salinan,
            }
            | ({"belum_lengkap": _daftar(belum), "alasan": alasan} if belum else {}),
            data={Arsip: arsip, Rekap: [rekap.id], Periode: [periode.id]},
        )
    return Changes.of(
        Area.REKAP,
        Area.ARSIP,
        Area.PERIODE,
        pesan=f"Periode {periode.nama} final dan diarsipkan.",
        periode_id=periode.id,
    )
