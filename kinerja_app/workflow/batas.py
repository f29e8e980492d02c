"""One deadline: the date the signed letter prints binds every OPD; an extension for one OPD
and a correction deadline are later acts, each recorded with its own numbered letter.

Reminders go to the OPDs past that deadline (or past their correction deadline), all at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from kinerja_app.clock import now
from kinerja_app.errors import ValidationError
from kinerja_app.formatting import format_tanggal
from kinerja_app.jadwal.mutu_baku import jatuh_tempo, kalender_kerja
from kinerja_app.jadwal.tugas import diingatkan
from kinerja_app.storage import audit
from kinerja_app.storage.models import (
    BatasOpd,
    Pengumpulan,
    Penyampaian,
    PerangkatDaerah,
    Periode,
    SuratKeluar,
    SuratPermintaan,
    TandaTangan,
    User,
)
from kinerja_app.storage.models.master import Role
from kinerja_app.storage.models.pengumpulan import StatusOpd
from kinerja_app.storage.models.surat import JenisBatas
from kinerja_app.workflow.common import (
    Area,
    Changes,
    clean_text,
    locked,
    refuse,
    require_note,
    require_role,
    require_unlocked,
    transaction,
)
from kinerja_app.workflow.register import (
    JenisSurat,
    daftarkan_surat_keluar,
    pemegang,
    tanggal_surat,
)

AKHIR_HARI = dt.time(23, 59, 59)


def akhir_hari(day: dt.date) -> dt.datetime:
    """A deadline date as the moment it ends: data received any time that day is on time."""
    return dt.datetime.combine(day, AKHIR_HARI)


def surat_bertanda_tangan(periode: Periode | int) -> TandaTangan | None:
    """The Sekda's signature of a period's request letter, if signed."""
    surat = SuratPermintaan.get_or_none(SuratPermintaan.periode == periode)
    return TandaTangan.get_or_none(TandaTangan.surat == surat) if surat else None


def batas_surat(periode: Periode | int) -> dt.datetime | None:
    """The deadline printed in the signed letter (end of that day); ``None`` before signing."""
    from kinerja_app.workflow.rancangan import IsiSurat

    ttd = surat_bertanda_tangan(periode)
    if ttd is None:
        return None
    return akhir_hari(IsiSurat.from_json(ttd.rancangan.isi_json).batas_waktu)


def batas_perbaikan_baku(tanggal: dt.date) -> dt.date:
    """The correction deadline a findings letter proposes: the SOP's standard time of step 7
    counted in office time from the day after the letter (the OPD receives it that day)."""
    cal = kalender_kerja()
    return jatuh_tempo(7, dt.datetime.combine(tanggal, cal.jam_selesai), cal).date()


def batas_terakhir(pengumpulan: Pengumpulan, jenis: JenisBatas) -> BatasOpd | None:
    """The newest recorded deadline of one kind for an OPD."""
    row: BatasOpd | None = (
        BatasOpd.select()
        .where((BatasOpd.pengumpulan == pengumpulan) & (BatasOpd.jenis == jenis.value))
        .order_by(BatasOpd.id.desc())
        .first()
    )
    return row


def _signer(aksi: str, user: User, jenis: JenisSurat, periode_id: int) -> User:
    signer = pemegang(jenis.penandatangan)
    if signer is None:
        refuse(
            aksi,
            user,
            f"Belum ada pengguna yang memegang peran {jenis.penandatangan.label}, penanda tangan "
            f"{jenis.label.lower()}; minta administrator mengaturnya.",
            periode_id=periode_id,
        )
    return signer


def catat_batas_perbaikan(
    user: User,
    pengumpulan: Pengumpulan,
    penyampaian: Penyampaian,
    batas: dt.date,
    tanggal: dt.date,
    catatan: str,
) -> BatasOpd:
    """Register the findings letter of a returned revision and its correction deadline;
    call inside the return's transaction (step 8 back to 7)."""
    if batas < tanggal:
        raise ValidationError(
            f"Batas perbaikan {format_tanggal(batas)} lebih awal dari tanggal suratnya "
            f"({format_tanggal(tanggal)})."
        )
    jenis = JenisSurat.HASIL_VERIFIKASI
    letter = daftarkan_surat_keluar(
        user,
        tanggal=tanggal,
        jenis=jenis,
        hal=f"Hasil Verifikasi Data Kinerja Tahun {pengumpulan.periode.tahun}",
        tujuan=pengumpulan.opd.jabatan_kepala or pengumpulan.opd.nama,
        periode_id=pengumpulan.periode_id,
        pengumpulan=pengumpulan,
        penandatangan=_signer("kembalikan_data", user, jenis, pengumpulan.periode_id),
    )
    Pengumpulan.update(batas_perbaikan=akhir_hari(batas)).where(
        Pengumpulan.id == pengumpulan.id
    ).execute()
    return BatasOpd.create(
        pengumpulan=pengumpulan,
        jenis=JenisBatas.PERBAIKAN.value,
        tanggal=batas,
        alasan=catatan,
        penyampaian=penyampaian,
        surat_keluar=letter,
        dicatat_oleh=user,
    )


def perpanjang_batas(
    user: User,
    pengumpulan: Pengumpulan,
    batas: dt.date,
    alasan: str,
    *,
    tanggal: dt.date | None = None,
    nomor_srikandi: str | None = None,
) -> Changes:
    """Extend one OPD's deadline, stated by a numbered letter of the Sekda (register, audit).

    Args:
        user: a Tim Kinerja member recording the extension the Sekda granted.
        pengumpulan: the OPD in the period; its letter must have been received.
        batas: the new deadline (later than the one in force).
        alasan: why (required; printed in the letter).
        tanggal: the extension letter's date (default today; not before the request letter).
        nomor_srikandi: SRIKANDI's number when the letter was signed there.
    Returns:
        The change record; ``objek_id`` is the recorded deadline's id.
    """
    aksi = "perpanjang_batas"
    jenis = JenisSurat.PERPANJANGAN
    periode_id, opd_id = pengumpulan.periode_id, pengumpulan.opd_id
    with transaction(aksi, user, periode_id=periode_id, opd_id=opd_id):
        periode = Periode.get_by_id(periode_id)
        require_role(aksi, user, Role.TIM, periode_id=periode.id)
        text = require_note(aksi, user, alasan, periode_id=periode.id)
        require_unlocked(aksi, user, periode)
        pengumpulan = locked(Pengumpulan, pengumpulan.id)
        ttd = surat_bertanda_tangan(periode)
        if ttd is None or pengumpulan.status != StatusOpd.SURAT_DITERIMA:
            refuse(
                aksi,
                user,
                f"Batas waktu {pengumpulan.opd.nama} hanya dapat diperpanjang sesudah OPD itu "
                "menerima surat permintaan dan sebelum datanya masuk.",
                periode_id=periode.id,
                opd_id=opd_id,
            )
        current = pengumpulan.batas_waktu
        if current is not None and akhir_hari(batas) <= current:
            refuse(
                aksi,
                user,
                f"Batas baru ({format_tanggal(batas)}) harus sesudah batas yang berlaku "
                f"({format_tanggal(current)}).",
                periode_id=periode.id,
                opd_id=opd_id,
            )
        day = tanggal_surat(tanggal, paling_awal=ttd.tanggal, apa="surat permintaan")
        letter = daftarkan_surat_keluar(
            user,
            tanggal=day,
            jenis=jenis,
            hal=f"Perpanjangan Batas Waktu Penyampaian Data Kinerja Tahun {periode.tahun}",
            tujuan=pengumpulan.opd.jabatan_kepala or pengumpulan.opd.nama,
            periode_id=periode.id,
            pengumpulan=pengumpulan,
            penandatangan=_signer(aksi, user, jenis, periode.id),
            nomor_srikandi=nomor_srikandi,
        )
        row = BatasOpd.create(
            pengumpulan=pengumpulan,
            jenis=JenisBatas.PERPANJANGAN.value,
            tanggal=batas,
            alasan=clean_text(text, "Alasan"),
            surat_keluar=letter,
            dicatat_oleh=user,
        )
        Pengumpulan.update(batas_waktu=akhir_hari(batas)).where(
            Pengumpulan.id == pengumpulan.id
        ).execute()
        audit.write(
            aksi,
            pelaku=user,
            keterangan=f"Batas waktu {pengumpulan.opd.nama} diperpanjang sampai "
            f"{format_tanggal(batas)} dengan surat nomor {letter.nomor}: {text}",
            periode_id=periode.id,
            opd_id=opd_id,
            objek="batas_opd",
            objek_id=row.id,
            detail={
                "batas_lama": current.isoformat(sep=" ") if current else None,
                "batas_baru": batas.isoformat(),
                "nomor": letter.nomor,
            },
            data={BatasOpd: [row.id], SuratKeluar: [letter.id], Pengumpulan: [pengumpulan.id]},
        )
    return Changes.of(
        Area.DISTRIBUSI,
        pesan=f"Batas waktu {pengumpulan.opd.nama} diperpanjang sampai {format_tanggal(batas)} "
        f"(surat nomor {letter.nomor}).",
        periode_id=periode.id,
        opd_ids=[pengumpulan.opd_id],
        objek_id=row.id,
    )


def terlambat_opd(periode: Periode, pada: dt.datetime | None = None) -> list[Pengumpulan]:
    """The OPDs past the deadline they are bound by, with no data (or correction) in yet."""
    moment = pada or now()
    rows = (
        Pengumpulan.select(Pengumpulan, PerangkatDaerah)
        .join(PerangkatDaerah)
        .where(
            (Pengumpulan.periode == periode)
            & Pengumpulan.status.in_([StatusOpd.SURAT_DITERIMA, StatusOpd.PERLU_PERBAIKAN])
        )
        .order_by(PerangkatDaerah.urutan, PerangkatDaerah.nama)
    )
    return [p for p in rows if (due := p.batas_berlaku()) is not None and due < moment]


def _perlu_pengingat(
    aksi: str, user: User, periode: Periode, ids: Sequence[int], day: dt.date
) -> list[Pengumpulan]:
    """Inside the write transaction: the OPDs a reminder dated ``day`` goes to. By default every
    late OPD not reminded since its deadline passed (the Tim's inbox asks for the same ones); the
    chosen ``ids`` must all be late and none reminded already on ``day`` (no letter twice)."""
    late = terlambat_opd(periode)
    if not late:
        refuse(
            aksi,
            user,
            "Tidak ada Perangkat Daerah yang melewati batas waktu.",
            periode_id=periode.id,
        )
    reminded = diingatkan([periode.id])
    if ids:
        wanted = set(ids)
        if wanted - {p.id for p in late}:
            refuse(
                aksi,
                user,
                "Surat pengingat hanya untuk Perangkat Daerah yang sudah melewati batas "
                "waktunya; periksa pilihan Anda.",
                periode_id=periode.id,
            )
        chosen = [p for p in late if p.id in wanted]
        twice = [p for p in chosen if reminded.get(p.id) == day]
        if twice:
            refuse(
                aksi,
                user,
                f"{twice[0].opd.nama} sudah diberi surat pengingat tanggal {format_tanggal(day)}; "
                "muat ulang (F5) dan periksa register surat keluar sebelum menerbitkan lagi.",
                periode_id=periode.id,
                opd_id=twice[0].opd_id,
            )
        return chosen
    due = [p for p in late if _belum_diingatkan(p, reminded)]
    if not due:
        refuse(
            aksi,
            user,
            f"Semua ({len(late)}) Perangkat Daerah yang melewati batas waktu sudah diberi surat "
            "pengingat sesudah batasnya lewat; untuk pengingat berikutnya pilih Perangkat "
            "Daerahnya satu per satu.",
            periode_id=periode.id,
        )
    return due


def _belum_diingatkan(p: Pengumpulan, reminded: dict[int, dt.date]) -> bool:
    """Whether no reminder has followed since the deadline ``p`` is bound by passed."""
    due = p.batas_berlaku()
    return p.id not in reminded or (due is not None and reminded[p.id] < due.date())


def terbitkan_pengingat(
    user: User,
    periode: Periode,
    *,
    ids: Sequence[int] = (),
    tanggal: dt.date | None = None,
) -> Changes:
    """Issue the surat pengingat to every OPD past its deadline at once: one numbered letter per
    OPD (each goes to its own head), all dated the day they are signed and sent.

    Args:
        user: a Tim Kinerja member.
        periode: the period.
        ids: limit to these pengumpulan ids (each must be late).
        tanggal: the letters' date (default today).
    Returns:
        The change record naming how many were issued.
    """
    aksi = "terbitkan_pengingat"
    jenis = JenisSurat.PENGINGAT
    with transaction(aksi, user, periode_id=periode.id):
        periode = Periode.get_by_id(periode.id)
        require_role(aksi, user, Role.TIM, periode_id=periode.id)
        require_unlocked(aksi, user, periode)
        ttd = surat_bertanda_tangan(periode)
        day = tanggal_surat(
            tanggal, paling_awal=ttd.tanggal if ttd else None, apa="surat permintaan"
        )
        late = _perlu_pengingat(aksi, user, periode, ids, day)
        assert ttd is not None  # an OPD can only be late after the letter was signed
        signer = _signer(aksi, user, jenis, periode.id)
        letters: list[SuratKeluar] = []
        for p in late:
            letters.append(
                daftarkan_surat_keluar(
                    user,
                    tanggal=day,
                    jenis=jenis,
                    hal=f"Pengingat Penyampaian Data Kinerja Tahun {periode.tahun}",
                    tujuan=p.opd.jabatan_kepala or p.opd.nama,
                    periode_id=periode.id,
                    pengumpulan=p,
                    penandatangan=signer,
                )
            )
        audit.write(
            aksi,
            pelaku=user,
            keterangan=f"Surat pengingat untuk {len(late)} Perangkat Daerah diterbitkan, "
            f"tanggal {format_tanggal(day)}",
            periode_id=periode.id,
            objek="surat_keluar",
            objek_id=letters[0].id,
            detail={"nomor": {p.opd.nama: s.nomor for p, s in zip(late, letters, strict=True)}},
            data={SuratKeluar: [s.id for s in letters]},
        )
    return Changes.of(
        Area.DISTRIBUSI,
        pesan=f"{len(late)} surat pengingat diterbitkan.",
        periode_id=periode.id,
        opd_ids=[p.opd_id for p in late],
    )
