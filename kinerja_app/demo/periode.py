"""A realistic demo period so a newcomer can click through every role.

The demo collects last year's data, as the office does early each year: its data year and
every agenda number follow the app's clock (:mod:`kinerja_app.clock`), never a year written here.

Everything goes through the real services, so the demo's audit trail is a real one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from kinerja_app.admin.passwords import hash_password
from kinerja_app.clock import now, waktu_simulasi
from kinerja_app.importer.data import Finding, IndicatorRow
from kinerja_app.rekap.capaian import Polaritas, hitung_capaian
from kinerja_app.storage import audit
from kinerja_app.storage.db import close_database, open_database, transaction
from kinerja_app.storage.models import (
    Pengumpulan,
    Penyampaian,
    PerangkatDaerah,
    Periode,
    Rancangan,
    User,
    UserRole,
)
from kinerja_app.storage.models.master import Role

DEMO_PASSWORD = "kinerja-demo"

# username, nama, NIP, jabatan, pangkat, roles
DEMO_USERS: tuple[tuple[str, str, str, str, str, tuple[Role, ...]], ...] = (
    ("kabag", "Drs. Yohanes Ardianto, M.Si", "197502141999031004", "Kepala Bagian Organisasi",
     "Pembina (IV/a)", (Role.KABAG,)),
    ("rina", "Rina Marlina, S.AP", "198807122011012003", "Analis Kinerja", "Penata (III/c)", (Role.TIM,)),
    ("budi", "Budi Santoso, S.Kom", "199103052015031002", "Pranata Komputer", "Penata Muda Tk. I (III/b)",
     (Role.TIM,)),
    ("asisten", "Ir. Hendra Gunawan, M.T", "196905171995031002", "Asisten Administrasi Umum",
     "Pembina Utama Muda (IV/c)", (Role.ASISTEN,)),
    ("sekda", "Dr. Ahmad Fauzi, S.H., M.H", "196801101993031005", "Sekretaris Daerah",
     "Pembina Utama Madya (IV/d)", (Role.SEKDA,)),
    ("admin", "Siti Nurhaliza, A.Md", "199512202020122001", "Pengelola Sistem Informasi", "Pengatur (II/c)",
     (Role.ADMIN,)),
    ("demo", "Pengguna Demo (semua peran)", "", "Demo", "", tuple(Role)),
)  # fmt: skip

_COMMON = (
    ("Meningkatnya akuntabilitas kinerja", "Nilai SAKIP Perangkat Daerah", "nilai", Polaritas.POSITIF, 70.0),
    ("Meningkatnya kualitas pelayanan publik", "Indeks Kepuasan Masyarakat", "indeks", Polaritas.POSITIF, 82.0),
    ("Meningkatnya akuntabilitas keuangan", "Persentase realisasi anggaran", "%", Polaritas.POSITIF, 95.0),
    ("Meningkatnya akuntabilitas keuangan", "Jumlah temuan BPK yang belum ditindaklanjuti", "temuan",
     Polaritas.NEGATIF, 2.0),
)  # fmt: skip
_SPECIFIC = {
    "DISDIK": (("Meningkatnya akses pendidikan", "Angka Partisipasi Murni SD", "%", Polaritas.POSITIF, 98.5),
               ("Meningkatnya mutu pendidikan", "Rata-rata lama sekolah", "tahun", Polaritas.POSITIF, 8.4)),
    "DINKES": (("Meningkatnya derajat kesehatan", "Angka kematian ibu per 100.000 kelahiran hidup", "kasus",
                Polaritas.NEGATIF, 120.0),
               ("Meningkatnya derajat kesehatan", "Prevalensi balita stunting", "%", Polaritas.NEGATIF, 18.0)),
    "DPUPR": (("Meningkatnya kualitas infrastruktur", "Persentase jalan kabupaten kondisi mantap", "%",
               Polaritas.POSITIF, 65.0),),
}  # fmt: skip


def _indikator(opd: PerangkatDaerah, rng: random.Random) -> list[IndicatorRow]:
    specs = [*_COMMON, *_SPECIFIC.get(opd.kode, ())]
    rows = []
    for i, (sasaran, nama, satuan, pol, target) in enumerate(specs, start=5):
        factor = rng.uniform(0.8, 1.15)
        realisasi = round(target * factor if pol is Polaritas.POSITIF else target * (2 - factor), 2)
        capaian = hitung_capaian(target, realisasi, pol).nilai
        rows.append(
            IndicatorRow(
                sheet="Data Kinerja",
                row=i,
                sasaran=sasaran,
                indikator=nama,
                satuan=satuan,
                polaritas=pol,
                target=target,
                realisasi=realisasi,
                capaian=capaian,
                capaian_dilaporkan=round(capaian, 2) if capaian is not None else None,
            )
        )
    return rows


def _users() -> dict[str, User]:
    users = {}
    hashed = hash_password(DEMO_PASSWORD)
    with transaction():
        for username, nama, nip, jabatan, pangkat, roles in DEMO_USERS:
            user = User.create(
                username=username,
                nama=nama,
                nip=nip or None,
                jabatan=jabatan,
                pangkat=pangkat,
                password_hash=hashed,
            )
            UserRole.insert_many([{"user": user.id, "role": r.value} for r in roles]).execute()
            users[username] = user
        audit.write(
            "simpan_pengguna",
            pelaku=None,
            keterangan=f"{len(users)} akun demo dibuat",
            objek="pengguna",
            data={User: [u.id for u in users.values()], UserRole: [u.id for u in users.values()]},
        )
    return users


def build_demo(db_path: Path, *, seed: int = 2025) -> dict[str, str]:
    """Fill a fresh database at ``db_path`` with the demo period; return username → password.

    The period stands at step 8: letter signed and distributed 38 days ago with numbered
    pengantar, one OPD's deadline extended, most OPDs submitted (some late), one returned with a
    findings letter, some verified, a few still missing and reminded.
    """
    from kinerja_app.admin import settings
    from kinerja_app.workflow.batas import perpanjang_batas, terbitkan_pengingat
    from kinerja_app.workflow.disposisi import buat_disposisi
    from kinerja_app.workflow.distribusi import TandaTerima, distribusikan, kirim_pengantar
    from kinerja_app.workflow.paraf import asisten_paraf, kabag_paraf, kembalikan_rancangan
    from kinerja_app.workflow.penyampaian import (
        SuratMasuk,
        catat_koordinasi,
        kembalikan_data,
        nyatakan_valid,
        simpan_penyampaian,
    )
    from kinerja_app.workflow.periode import buka_periode
    from kinerja_app.workflow.rancangan import isi_default, simpan_rancangan
    from kinerja_app.workflow.tandatangan import sekda_tandatangani

    open_database(db_path)
    rng = random.Random(seed)
    u = _users()
    start = (now() - dt.timedelta(days=40)).replace(hour=8, minute=15, second=0)
    tahun = start.year - 1  # the data year: last year's performance, collected this year
    hour = dt.timedelta(hours=1)
    with waktu_simulasi(start - hour):
        periode = Periode.get_by_id(buka_periode(u["kabag"], tahun).objek_id)
    with waktu_simulasi(start + hour / 4):  # the Kabag wrote it on paper; Rina records it
        buat_disposisi(
            u["rina"],
            periode,
            hal=f"Pengumpulan Data Kinerja Perangkat Daerah Tahun {tahun}",
            isi="Siapkan surat permintaan data kinerja kepada seluruh Perangkat Daerah sebagai bahan LKj.",
            nomor_agenda=f"118/ORG/{start.year}",
            sifat="Segera",
            harap=("Proses lebih lanjut", "Koordinasikan/konfirmasikan"),
            catatan="Batas penyampaian data paling lambat dua minggu sesudah surat diterima.",
            atas_nama=u["kabag"],
            waktu=start,
        )
    with waktu_simulasi(start + hour):
        isi = replace(isi_default(periode), batas_waktu=(start + dt.timedelta(days=14)).date())
        v1 = Rancangan.get_by_id(simpan_rancangan(u["rina"], periode, isi, ajukan=True).objek_id)
    with waktu_simulasi(start + 2 * hour):
        kembalikan_rancangan(
            u["kabag"], v1, Role.KABAG, "Tambahkan tembusan kepada Inspektur Daerah."
        )
    with waktu_simulasi(start + 2.5 * hour):
        isi = replace(isi, tembusan=(*isi.tembusan, "Inspektur Daerah Kabupaten Lamandau"))
        v2 = Rancangan.get_by_id(
            simpan_rancangan(
                u["rina"], periode, isi, catatan="Tembusan Inspektur ditambahkan", ajukan=True
            ).objek_id
        )
    with waktu_simulasi(start + 3 * hour):
        kabag_paraf(u["kabag"], v2)
    with waktu_simulasi(start + 6 * hour):  # a wet paraf, recorded an hour later
        asisten_paraf(u["rina"], v2, atas_nama=u["asisten"], waktu=start + 5 * hour)
    signed_at = start + dt.timedelta(days=1, hours=1)
    with waktu_simulasi(signed_at + hour):
        sekda_tandatangani(u["rina"], v2, atas_nama=u["sekda"], waktu=signed_at)
    rows = list(Pengumpulan.select().join(PerangkatDaerah).order_by(PerangkatDaerah.urutan))
    received_at = signed_at + dt.timedelta(days=1)
    with waktu_simulasi(received_at - hour):  # the packets go out in the morning, numbered
        kirim_pengantar(u["budi"], periode, [p.id for p in rows[:-3]])
    with waktu_simulasi(received_at + 8 * hour):
        distribusikan(
            u["budi"],
            periode,
            [
                TandaTerima(
                    p.id, f"Staf TU {p.opd.singkatan}", received_at + dt.timedelta(minutes=10 * i)
                )
                for i, p in enumerate(rows[:-3])
            ],
        )
    deadline = dt.datetime.combine(isi.batas_waktu, dt.time(10, 0))
    with waktu_simulasi(deadline - dt.timedelta(days=2)):  # one OPD asked for more time
        perpanjang_batas(
            u["rina"],
            Pengumpulan.get_by_id(rows[11].id),
            isi.batas_waktu + dt.timedelta(days=7),
            "Kepala Perangkat Daerah sedang bertugas ke luar daerah.",
        )
    for i, p in enumerate(rows[:-8]):
        late = i in (4, 11)
        when = deadline + dt.timedelta(
            days=3 if late else -rng.randint(1, 9), hours=rng.randint(0, 5)
        )
        data = _indikator(p.opd, rng)
        findings: list[Finding] = []
        if i == 6:
            data[2] = replace(data[2], target=None, target_text="", capaian=None)
            findings = [
                Finding("error", "TARGET_KOSONG", "Target wajib diisi.", "Data Kinerja!F7", 7)
            ]
        with waktu_simulasi(when + hour):
            rev = simpan_penyampaian(
                u["rina"],
                p,
                SuratMasuk(
                    when,
                    f"{200 + i}/SM/{when.year}",
                    f"000/{30 + i}/{p.opd.singkatan}",
                    when.date(),
                ),
                data,
                findings,
            ).objek_id
        with waktu_simulasi(when + dt.timedelta(days=1)):
            if i == 6:
                kembalikan_data(
                    u["rina"],
                    Penyampaian.get_by_id(rev),
                    "Target baris 7 kosong; lengkapi dan kirim ulang.",
                    batas_perbaikan=(when + dt.timedelta(days=6)).date(),
                )
                catat_koordinasi(
                    u["rina"],
                    Pengumpulan.get_by_id(p.id),
                    "Dihubungi via telepon; perbaikan dijanjikan.",
                )
            elif i % 3 == 0:
                nyatakan_valid(u["budi"], Penyampaian.get_by_id(rev))
    with waktu_simulasi(deadline + dt.timedelta(days=2)):  # every late OPD at once
        terbitkan_pengingat(u["rina"], periode)
    # a demo: official papers print "CONTOH" instead of being refused for the placeholder lambang
    settings.put("demo", True, u["admin"])
    return {username: DEMO_PASSWORD for username, *_ in DEMO_USERS}


@contextlib.contextmanager
def demo_sementara() -> Iterator[tuple[Path, dict[str, str]]]:
    """The demo period in a temporary folder for the ``with`` block, removed afterwards
    (with its archive, backups and lock), even when the block fails.

    Yields:
        The demo database's path and the demo accounts (username → password).
    """
    folder = Path(tempfile.mkdtemp(prefix="kinerja-demo-"))
    try:
        path = folder / "kinerja-demo.db"
        accounts = build_demo(path)
        yield path, accounts
    finally:
        close_database()
        shutil.rmtree(folder, ignore_errors=True)
