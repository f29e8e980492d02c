"""Two workstations acting at once: for each pair of actions that can meet, many rounds of two
processes calling at the same moment; every round must end with one winner, one clear refusal
(an ActionRefused with its "ditolak" audit row), and nothing lost or duplicated.

On SQLite the rounds run on copies of a template file (``KINERJA_RACE_TARGET``: a folder to keep
them in); with ``--db-engine=postgresql`` on databases created from a template on the test
server (see race_harness).
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from kinerja_app import clock
from kinerja_app.storage.audit import verify_chain
from kinerja_app.storage.db import close_database, open_database
from kinerja_app.storage.models import (
    Arsip,
    AuditLog,
    BatasOpd,
    Disposisi,
    HariLibur,
    Paraf,
    Pengumpulan,
    Penyampaian,
    PerangkatDaerah,
    Periode,
    Rancangan,
    SuratKeluar,
    SuratPermintaan,
    TandaTangan,
    User,
)
from kinerja_app.storage.models.pengumpulan import StatusOpd, StatusPenyampaian
from kinerja_app.storage.models.surat import StatusSurat
from kinerja_app.storage.pemeliharaan import periksa_arsip
from kinerja_app.workflow.distribusi import TandaTerima, distribusikan
from tests.factory import Factory, Row
from tests.trust.race_harness import (
    Pair,
    Round,
    Scenario,
    ServerTarget,
    make_target,
    run_scenario,
)

ROUNDS = int(os.environ.get("KINERJA_RACE_ROUNDS", "16"))
SERVER_ROUNDS = 6  # a server database per round takes half a second to create
RAW_WORDS = ("UNIQUE", "IntegrityError", "constraint", "Traceback", "no transaction")


@pytest.fixture(scope="module")
def pair(request):
    if request.config.getoption("--db-engine") == "postgresql":
        request.getfixturevalue("pg_server")  # its password file, before the workers start
    workers = Pair()
    yield workers
    workers.close()


@pytest.fixture
def target(request, engine, tmp_path):
    server = request.getfixturevalue("pg_server") if engine == "postgresql" else None
    made = make_target(os.environ.get("KINERJA_RACE_TARGET"), tmp_path, server)
    yield made
    close_database()
    if isinstance(made, ServerTarget):
        made.close()


# --- states the rounds start from -------------------------------------------------------------


def _menunggu_kabag(_: Path) -> dict[str, Any]:
    f = Factory()
    periode = f.periode()
    f.disposisi(periode)
    return {"periode": periode.id, "rancangan": f.draft(periode, ajukan=True).id}


def _menunggu_sekda(_: Path, *, lambang: bool = False) -> dict[str, Any]:
    from kinerja_app.workflow.paraf import asisten_paraf, kabag_paraf

    f = Factory()
    if lambang:  # the copy to sign prints only with the official lambang
        f.lambang_resmi()
    periode = f.periode()
    f.disposisi(periode)
    rancangan = f.draft(periode, ajukan=True)
    kabag_paraf(f.kabag, rancangan)
    asisten_paraf(f.asisten, rancangan)
    return {"periode": periode.id, "rancangan": rancangan.id}


def _surat_diterima(tmp: Path) -> dict[str, Any]:
    f = Factory()
    periode = f.periode()
    pengumpulan = f.distributed(periode, 1)[0]
    berkas = []
    for side in ("a", "b"):  # each workstation holds its own copy under the OPD's file name
        path = tmp / f"komputer-{side}" / "Data Kinerja Dinas Pendidikan.xlsx"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(f"isi buku kerja dari komputer {side}".encode() * 500)
        berkas.append(str(path))
    return {"periode": periode.id, "pengumpulan": pengumpulan.id, "berkas": berkas}


def _revisi_menunggu(_: Path) -> dict[str, Any]:
    from kinerja_app import clock
    from kinerja_app.workflow.penyampaian import SuratMasuk, simpan_penyampaian

    f = Factory()
    periode = f.periode()
    pengumpulan = f.distributed(periode, 1)[0]
    changes = simpan_penyampaian(
        f.tim, pengumpulan, SuratMasuk(clock.now()), [Row("IKU 1", 100.0, 95.0, 95.0)], []
    )
    return {"penyampaian": changes.objek_id, "pengumpulan": pengumpulan.id}


def _ditandatangani(_: Path) -> dict[str, Any]:
    f = Factory()
    periode = f.periode()
    f.signed(periode)
    return {"periode": periode.id}


def _ditandatangani_lambang(_: Path) -> dict[str, Any]:
    f = Factory()
    f.lambang_resmi()  # final papers print only with the official lambang
    periode = f.periode()
    f.signed(periode)
    return {"periode": periode.id, "disposisi": Disposisi.get().id}


def _menunggu_sekda_lambang(folder: Path) -> dict[str, Any]:
    return _menunggu_sekda(folder, lambang=True)


def _surat_diterima_sekali(_: Path) -> dict[str, Any]:
    f = Factory()
    periode = f.periode()
    (p,) = f.distributed(periode, 1)
    assert p.batas_waktu is not None
    batas = p.batas_waktu.date() + dt.timedelta(days=7)
    return {"periode": periode.id, "pengumpulan": p.id, "batas_baru": batas.isoformat()}


def _terlambat(_: Path) -> dict[str, Any]:
    from tests.factory import ditandatangani

    f = Factory()
    periode = f.periode()
    ditandatangani(f, periode)  # the letter's deadline: Friday 6 March
    with clock.waktu_simulasi(dt.datetime(2026, 3, 3, 10, 0)):
        distribusikan(
            f.tim,
            periode,
            [
                TandaTerima(p.id, "TU", dt.datetime(2026, 3, 3, 9, 0))
                for p in f.pengumpulan(periode, 3)
            ],
        )
    return {"periode": periode.id}


def _pengguna(_: Path) -> dict[str, Any]:
    Factory()
    return {"tahun": 2024}


def _hari_libur(_: Path) -> dict[str, Any]:
    from kinerja_app.admin.master import tambah_hari_libur

    f = Factory()
    changes = tambah_hari_libur(f.admin, dt.date(2026, 4, 3), "Cuti bersama")
    return {"libur": changes.objek_id}


def _kosong(_: Path) -> dict[str, Any]:
    return {}


# --- what must hold after every round ---------------------------------------------------------


def _one_winner_one_refusal(played: Round) -> None:
    bugs = "\n".join(o.text for o in played.bugs)
    assert not played.bugs, f"round {played.number}: a worker failed with a bug:\n{bugs}"
    assert played.winners == 1, f"round {played.number}: {played.outcomes}"
    (refusal,) = played.refusals
    assert refusal.error_type in ("ActionRefused", "Refusal"), refusal
    assert refusal.text.endswith(".") and not any(w in refusal.text for w in RAW_WORDS), refusal
    ditolak = AuditLog.select().where(AuditLog.hasil == "ditolak").count()
    assert ditolak == 1, f"round {played.number}: {ditolak} 'ditolak' rows for one lost race"
    report = verify_chain()
    assert report.ok, report


def _check(extra, outcome=None):
    """What a round must show: ``outcome`` (default one winner, one refusal), then ``extra``,
    and no orphan in the archive."""

    def check(played: Round, state: dict[str, Any]) -> None:
        open_database(played.target)
        try:
            (outcome or _one_winner_one_refusal)(played)
            extra(played, state)
            assert periksa_arsip() == []
        finally:
            close_database()

    return check


def _satu_paraf(played: Round, state: dict[str, Any]) -> None:
    valid = Paraf.select().where((Paraf.rancangan == state["rancangan"]) & (Paraf.batal == False))  # noqa: E712
    assert valid.count() == 1
    assert SuratPermintaan.get().status == StatusSurat.MENUNGGU_ASISTEN


def _ttd_atau_draf(played: Round, state: dict[str, Any]) -> None:
    surat = SuratPermintaan.get()
    signed = TandaTangan.select().count()
    # a signature numbers the letter and, the Sekretariat Daerah being among the recipients,
    # its nota dinas: one of each, or none
    numbered = Counter(s.jenis for s in SuratKeluar.select())
    assert numbered == Counter({"permintaan": signed, "nota_dinas": signed}) and signed <= 1
    if signed:  # the Sekda won: the signed version stands, with both paraf, and no newer draft
        assert surat.status == StatusSurat.DITANDATANGANI
        assert Rancangan.select().count() == 1
        assert Paraf.select().where(Paraf.batal == False).count() == 2  # noqa: E712
    else:  # the Tim won: a new version, the old paraf voided, nothing signed
        assert surat.status == StatusSurat.DRAF
        assert Rancangan.select().count() == 2
        assert Paraf.select().where(Paraf.batal == False).count() == 0  # noqa: E712


def _satu_revisi(played: Round, state: dict[str, Any]) -> None:
    from kinerja_app.storage.arsip_berkas import berkas_lokal
    from kinerja_app.storage.db import archive_root, is_server
    from kinerja_app.storage.files import sha256_file
    from kinerja_app.storage.models import BerkasArsip, DataIndikator

    (rev,) = Penyampaian.select()
    indikator = DataIndikator.select().where(DataIndikator.penyampaian == rev)
    assert rev.revisi == 1 and indikator.count() == 200
    assert Pengumpulan.get_by_id(state["pengumpulan"]).revisi_terakhir == 1
    assert rev.berkas is not None
    stored = berkas_lokal(rev.berkas)  # on a server: fetched from the database
    assert sha256_file(stored) == rev.sha256  # the winner's original kept
    if is_server():  # the loser's bytes left with its rolled-back transaction
        assert [b.sha256 for b in BerkasArsip.select()] == [rev.sha256]
        return
    copies = [p for p in archive_root().rglob("*") if p.is_file()]
    assert copies == [stored], "the loser's copy must be gone, and only it"


def _satu_keputusan(played: Round, state: dict[str, Any]) -> None:
    rev = Penyampaian.get_by_id(state["penyampaian"])
    pengumpulan = Pengumpulan.get_by_id(state["pengumpulan"])
    pairs = {
        StatusPenyampaian.DITERIMA: StatusOpd.TERVERIFIKASI,
        StatusPenyampaian.DIKEMBALIKAN: StatusOpd.PERLU_PERBAIKAN,
    }
    assert pairs[StatusPenyampaian(rev.status)] == StatusOpd(pengumpulan.status)


def _satu_periode(played: Round, state: dict[str, Any]) -> None:
    (periode,) = Periode.select().where(Periode.tahun == state["tahun"])
    expected = PerangkatDaerah.select().where(PerangkatDaerah.aktif == True).count()  # noqa: E712
    assert Pengumpulan.select().where(Pengumpulan.periode == periode).count() == expected


def _satu_pengantar(played: Round, state: dict[str, Any]) -> None:
    pengantar = SuratKeluar.select().where(SuratKeluar.jenis == "pengantar")
    per_opd = Counter(s.pengumpulan_id for s in pengantar)
    expected = Pengumpulan.select().where(Pengumpulan.periode == state["periode"]).count()
    assert len(per_opd) == expected and set(per_opd.values()) == {1}
    numbers = [s.nomor for s in SuratKeluar.select()]
    assert len(numbers) == len(set(numbers)), "a number given twice"


def _satu_perpanjangan(played: Round, state: dict[str, Any]) -> None:
    (act,) = BatasOpd.select()
    assert act.surat_keluar.jenis == "perpanjangan"
    assert SuratKeluar.select().where(SuratKeluar.jenis == "perpanjangan").count() == 1
    batas = Pengumpulan.get_by_id(state["pengumpulan"]).batas_waktu
    assert batas is not None and batas.date().isoformat() == state["batas_baru"]


def _satu_pengingat_per_opd(played: Round, state: dict[str, Any]) -> None:
    reminders = SuratKeluar.select().where(SuratKeluar.jenis == "pengingat")
    per_opd = Counter(s.pengumpulan_id for s in reminders)
    assert len(per_opd) == 3 and set(per_opd.values()) == {1}, per_opd


def _libur_terhapus_sekali(played: Round, state: dict[str, Any]) -> None:
    assert HariLibur.get_or_none(HariLibur.id == state["libur"]) is None
    deleted = AuditLog.select().where(
        (AuditLog.aksi == "hapus_hari_libur") & (AuditLog.hasil == "ok")
    )
    assert deleted.count() == 1, "one holiday removed, recorded as removed twice"


def _satu(model, *where):
    def check(played: Round, state: dict[str, Any]) -> None:
        assert model.select().where(*where).count() == 1

    return check


def _both_or_one_refused(played: Round) -> None:
    """Printing is no contest: both may win; a refusal is an ActionRefused with its row."""
    bugs = "\n".join(o.text for o in played.bugs)
    assert not played.bugs, f"round {played.number}: a worker failed with a bug:\n{bugs}"
    assert played.winners >= 1, played.outcomes
    for refusal in played.refusals:
        assert refusal.error_type in ("ActionRefused", "Refusal"), refusal
        assert not any(w in refusal.text for w in RAW_WORDS), refusal
    ditolak = AuditLog.select().where(AuditLog.hasil == "ditolak").count()
    assert ditolak == len(played.refusals)
    report = verify_chain()
    assert report.ok, report


def _satu_lembar(played: Round, state: dict[str, Any]) -> None:
    """Both printed the same bytes: one row, one file, one audit row (the other found it)."""
    from kinerja_app.storage.db import archive_root, is_server

    assert played.winners == 2
    (row,) = Arsip.select().where(Arsip.jenis == "Lembar Disposisi")
    assert AuditLog.select().where(AuditLog.aksi == "arsipkan_naskah").count() == 1
    if not is_server():
        files = [p for p in archive_root().rglob("*.docx") if "Disposisi" in p.parts]
        assert files == [Path(row.berkas)], files


def _untuk_ttd_sebelum_ttd(played: Round, state: dict[str, Any]) -> None:
    """A copy 'to be signed' is archived only while the letter waits for the Sekda."""
    signed = AuditLog.get_or_none(
        (AuditLog.aksi == "sekda_tandatangani") & (AuditLog.hasil == "ok")
    )
    assert signed is not None, played.outcomes  # the Sekda always signs
    for printed in AuditLog.select().where(
        (AuditLog.aksi == "arsipkan_naskah") & (AuditLog.hasil == "ok")
    ):
        assert printed.id < signed.id, "a copy to sign archived after the signature"
    copies = Arsip.select().where(Arsip.jenis == "Surat Permintaan untuk Ditandatangani")
    assert copies.count() == (1 if played.winners == 2 else 0)


SCENARIOS = [
    Scenario(
        "paraf_sama", _menunggu_kabag, ("paraf_kabag", "paraf_kabag"), ROUNDS, _check(_satu_paraf)
    ),
    Scenario(
        "ttd_vs_draf",
        _menunggu_sekda,
        ("tanda_tangan", "simpan_draf"),
        ROUNDS,
        _check(_ttd_atau_draf),
    ),
    Scenario(
        "dua_penyimpanan",
        _surat_diterima,
        ("simpan_penyampaian_a", "simpan_penyampaian_b"),
        ROUNDS,
        _check(_satu_revisi),
    ),
    Scenario(
        "valid_vs_kembalikan",
        _revisi_menunggu,
        ("nyatakan_valid", "kembalikan_data"),
        ROUNDS,
        _check(_satu_keputusan),
    ),
    Scenario(
        "pengantar_sama",
        _ditandatangani,
        ("kirim_pengantar", "kirim_pengantar"),
        ROUNDS // 2,
        _check(_satu_pengantar),
    ),
    Scenario(
        "perpanjangan_sama",
        _surat_diterima_sekali,
        ("perpanjang_batas", "perpanjang_batas"),
        ROUNDS // 2,
        _check(_satu_perpanjangan),
    ),
    Scenario(
        "pengingat_sama",
        _terlambat,
        ("terbitkan_pengingat", "terbitkan_pengingat"),
        ROUNDS // 2,
        _check(_satu_pengingat_per_opd),
    ),
    Scenario(
        "cetak_sama",
        _ditandatangani_lambang,
        ("cetak_disposisi", "cetak_disposisi"),
        ROUNDS // 2,
        _check(_satu_lembar, _both_or_one_refused),
    ),
    Scenario(
        "ttd_vs_cetak_untuk_ttd",
        _menunggu_sekda_lambang,
        ("tanda_tangan", "cetak_untuk_ttd"),
        ROUNDS // 2,
        _check(_untuk_ttd_sebelum_ttd, _both_or_one_refused),
    ),
    Scenario(
        "periode_sama", _pengguna, ("buka_periode", "buka_periode"), ROUNDS, _check(_satu_periode)
    ),
    Scenario(
        "opd_sama",
        _pengguna,
        ("simpan_opd", "simpan_opd"),
        ROUNDS // 2,
        _check(_satu(PerangkatDaerah, PerangkatDaerah.kode == "UPT-BARU")),
    ),
    Scenario(
        "pengguna_sama",
        _pengguna,
        ("simpan_pengguna", "simpan_pengguna"),
        ROUNDS // 2,
        _check(_satu(User, User.username == "staf.baru")),
    ),
    Scenario(
        "hari_libur_sama",
        _pengguna,
        ("tambah_hari_libur", "tambah_hari_libur"),
        ROUNDS // 2,
        _check(_satu(HariLibur, HariLibur.nama == "Cuti bersama")),
    ),
    Scenario(
        "hapus_libur_sama",
        _hari_libur,
        ("hapus_hari_libur", "hapus_hari_libur"),
        ROUNDS // 2,
        _check(_libur_terhapus_sekali),
    ),
    Scenario(
        "admin_pertama",
        _kosong,
        ("buat_admin_pertama", "buat_admin_pertama"),
        ROUNDS // 2,
        _check(_satu(User, User.username == "admin")),
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_two_at_once_one_wins_one_is_refused_nothing_lost(scenario, pair, target, engine):
    if engine == "postgresql":
        scenario = Scenario(
            scenario.name,
            scenario.build,
            scenario.actions,
            min(scenario.rounds, SERVER_ROUNDS),
            scenario.check,
        )
    failures = []
    tally: Counter[str] = Counter()
    for played, state in run_scenario(pair, target, scenario):
        tally["winners"] += played.winners
        tally["refusals"] += len(played.refusals)
        try:
            scenario.check(played, state)
        except AssertionError as exc:
            failures.append(f"round {played.number}: {exc}")
    print(
        f"{scenario.name}: {scenario.rounds} rounds, {tally['winners']} winners, "
        f"{tally['refusals']} refusals, {len(failures)} rounds lost or duplicated something"
    )
    assert not failures, f"{len(failures)}/{scenario.rounds} rounds failed:\n" + "\n".join(
        failures[:5]
    )
