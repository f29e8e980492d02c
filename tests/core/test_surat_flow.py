"""Steps 1–5: disposisi, draft versions, the paraf chain, returns and the signature."""

from __future__ import annotations

import datetime as dt

import pytest

from kinerja_app import clock
from kinerja_app.errors import ActionRefused, ValidationError
from kinerja_app.storage.arsip_berkas import berkas_lokal
from kinerja_app.storage.models import AuditLog, Paraf, Pengembalian, SuratKeluar, TandaTangan
from kinerja_app.storage.models.master import Role
from kinerja_app.storage.models.surat import CaraTtd, StatusSurat
from kinerja_app.workflow.disposisi import buat_disposisi
from kinerja_app.workflow.paraf import asisten_paraf, kabag_paraf, kembalikan_rancangan, paraf_sah
from kinerja_app.workflow.rancangan import ajukan_rancangan, isi_default, simpan_rancangan
from kinerja_app.workflow.tandatangan import sekda_tandatangani


def last_audit() -> AuditLog:
    return AuditLog.select().order_by(AuditLog.id.desc()).get()


def test_step1_disposisi_by_kabag_is_stored_and_audited(f):
    periode = f.periode()
    changes = buat_disposisi(
        f.kabag, periode, hal="Data kinerja 2025", isi="Kumpulkan data", nomor_agenda="12"
    )
    assert changes.periode_id == periode.id
    audit = last_audit()
    assert (audit.aksi, audit.hasil, audit.pelaku_id, audit.objek_id) == (
        "buat_disposisi",
        "ok",
        f.kabag.id,
        changes.objek_id,
    )


def test_step1_refused_for_tim_in_person_and_audited(f):
    periode = f.periode()
    with pytest.raises(ActionRefused, match="Kepala Bagian Organisasi"):
        buat_disposisi(f.tim, periode, hal="x", isi="y")
    audit = last_audit()
    assert (audit.aksi, audit.hasil, audit.pelaku_id) == ("buat_disposisi", "ditolak", f.tim.id)


def test_step1_paper_disposisi_recorded_by_tim_names_both(f):
    periode = f.periode()
    when = clock.now() - dt.timedelta(days=1)
    buat_disposisi(f.tim, periode, hal="Data", isi="Proses", atas_nama=f.kabag, waktu=when)
    audit = last_audit()
    assert (audit.pelaku_id, audit.pencatat_id) == (f.kabag.id, f.tim.id)
    from kinerja_app.storage.models import Disposisi

    row = Disposisi.get()
    assert (row.oleh.id, row.dicatat_oleh.id, row.waktu) == (f.kabag.id, f.tim.id, when)


def test_paper_act_on_behalf_of_someone_without_the_role_is_refused(f):
    periode = f.periode()
    with pytest.raises(ActionRefused, match="tidak memegang peran"):
        buat_disposisi(f.tim, periode, hal="Data", isi="Proses", atas_nama=f.asisten)


def test_paper_act_dated_in_future_is_refused(f):
    periode = f.periode()
    with pytest.raises(ActionRefused, match="masa depan"):
        buat_disposisi(
            f.kabag,
            periode,
            hal="Data",
            isi="Proses",
            waktu=clock.now() + dt.timedelta(days=2),
        )


def test_step2_needs_disposisi_first(f):
    periode = f.periode()
    with pytest.raises(ActionRefused, match="disposisi"):
        simpan_rancangan(f.tim, periode, isi_default(periode))


def test_step2_refused_for_kabag(f):
    periode = f.periode()
    f.disposisi(periode)
    with pytest.raises(ActionRefused):
        simpan_rancangan(f.kabag, periode, isi_default(periode))


def test_step2_empty_body_is_a_validation_error(f):
    periode = f.periode()
    f.disposisi(periode)
    isi = isi_default(periode)
    from dataclasses import replace

    with pytest.raises(ValidationError, match="paragraf"):
        simpan_rancangan(f.tim, periode, replace(isi, paragraf=("  ",)))


def test_versions_are_numbered_and_hashed(f):
    periode = f.periode()
    f.disposisi(periode)
    v1 = f.draft(periode, ajukan=False)
    from dataclasses import replace

    changes = simpan_rancangan(
        f.tim, periode, replace(isi_default(periode), hal="Permintaan Data Kinerja (revisi)")
    )
    from kinerja_app.storage.models import Rancangan

    v2 = Rancangan.get_by_id(changes.objek_id)
    assert (v1.versi, v2.versi) == (1, 2)
    assert v1.content_hash != v2.content_hash and len(v2.content_hash) == 64


def test_full_chain_ya_ya_ya_numbers_the_letter(f):
    periode = f.periode()
    f.disposisi(periode)
    rancangan = f.draft(periode)
    assert f.surat(periode).status == StatusSurat.MENUNGGU_KABAG
    kabag_paraf(f.kabag, rancangan)
    assert f.surat(periode).status == StatusSurat.MENUNGGU_ASISTEN
    asisten_paraf(f.asisten, rancangan)
    assert f.surat(periode).status == StatusSurat.MENUNGGU_SEKDA
    with pytest.raises(ActionRefused, match="sebelum paraf"):
        sekda_tandatangani(f.sekda, rancangan, tanggal=dt.date(2020, 1, 5))
    changes = sekda_tandatangani(f.sekda, rancangan)
    assert f.surat(periode).status == StatusSurat.DITANDATANGANI
    ttd = TandaTangan.get()
    assert ttd.surat_keluar.nomor == "000.8.6.3/1/Org"
    assert "000.8.6.3/1/Org" in changes.pesan
    assert set(paraf_sah(rancangan)) == {Role.KABAG, Role.ASISTEN}


def test_running_number_per_year(f):
    from kinerja_app.storage.db import database
    from kinerja_app.workflow.register import daftarkan_surat_keluar

    with database.atomic():
        a = daftarkan_surat_keluar(
            f.tim, tanggal=dt.date(2026, 3, 1), jenis="x", hal="h", tujuan="t", periode_id=None
        )
        b = daftarkan_surat_keluar(
            f.tim, tanggal=dt.date(2026, 4, 1), jenis="x", hal="h", tujuan="t", periode_id=None
        )
        c = daftarkan_surat_keluar(
            f.tim, tanggal=dt.date(2027, 1, 2), jenis="x", hal="h", tujuan="t", periode_id=None
        )
    assert (a.urut, b.urut, c.urut) == (1, 2, 1)
    assert SuratKeluar.select().count() == 3


def test_step3_tidak_needs_note_and_returns_to_tim(f):
    periode = f.periode()
    f.disposisi(periode)
    rancangan = f.draft(periode)
    with pytest.raises(ActionRefused, match="Catatan wajib"):
        kembalikan_rancangan(f.kabag, rancangan, Role.KABAG, "  ")
    kembalikan_rancangan(f.kabag, rancangan, Role.KABAG, "Perbaiki batas waktu")
    assert f.surat(periode).status == StatusSurat.DIKEMBALIKAN
    assert Pengembalian.get().catatan == "Perbaiki batas waktu"


def test_step3_paraf_refused_for_asisten_and_wrong_state(f):
    periode = f.periode()
    f.disposisi(periode)
    rancangan = f.draft(periode)
    with pytest.raises(ActionRefused):
        kabag_paraf(f.asisten, rancangan)
    with pytest.raises(ActionRefused, match="tidak sedang menunggu"):
        asisten_paraf(f.asisten, rancangan)
    assert AuditLog.select().where(AuditLog.hasil == "ditolak").count() == 2


def test_step4_tidak_returns_and_new_version_voids_paraf_and_restarts_at_kabag(f):
    periode = f.periode()
    f.disposisi(periode)
    v1 = f.draft(periode)
    kabag_paraf(f.kabag, v1)
    kembalikan_rancangan(f.asisten, v1, Role.ASISTEN, "Tambahkan tembusan Inspektorat")
    assert f.surat(periode).status == StatusSurat.DIKEMBALIKAN
    with pytest.raises(ActionRefused, match="simpan versi baru"):
        ajukan_rancangan(f.tim, periode)
    v2 = f.draft(periode)
    assert Paraf.get(Paraf.rancangan == v1).batal is True
    assert paraf_sah(v1) == {}
    assert f.surat(periode).status == StatusSurat.MENUNGGU_KABAG
    with pytest.raises(ActionRefused, match="digantikan"):
        kabag_paraf(f.kabag, v1)
    kabag_paraf(f.kabag, v2)
    assert set(paraf_sah(v2)) == {Role.KABAG}


def test_new_version_while_waiting_for_asisten_restarts_chain(f):
    periode = f.periode()
    f.disposisi(periode)
    v1 = f.draft(periode)
    kabag_paraf(f.kabag, v1)
    f.draft(periode)
    assert f.surat(periode).status == StatusSurat.MENUNGGU_KABAG
    assert Paraf.select().where(Paraf.batal == False).count() == 0  # noqa: E712


def test_step5_tidak_by_sekda_returns_to_tim(f):
    periode = f.periode()
    f.disposisi(periode)
    v1 = f.draft(periode)
    kabag_paraf(f.kabag, v1)
    asisten_paraf(f.asisten, v1)
    kembalikan_rancangan(f.sekda, v1, Role.SEKDA, "Ganti hal surat")
    assert f.surat(periode).status == StatusSurat.DIKEMBALIKAN


def test_step5_refused_before_paraf_and_for_wrong_role(f):
    periode = f.periode()
    f.disposisi(periode)
    v1 = f.draft(periode)
    with pytest.raises(ActionRefused):
        sekda_tandatangani(f.sekda, v1)
    kabag_paraf(f.kabag, v1)
    asisten_paraf(f.asisten, v1)
    with pytest.raises(ActionRefused):
        sekda_tandatangani(f.kabag, v1)


def test_step5_electronic_needs_srikandi_number(f):
    periode = f.periode()
    f.disposisi(periode)
    v1 = f.draft(periode)
    kabag_paraf(f.kabag, v1)
    asisten_paraf(f.asisten, v1)
    with pytest.raises(ValidationError, match="SRIKANDI"):
        sekda_tandatangani(f.sekda, v1, cara=CaraTtd.ELEKTRONIK)
    sekda_tandatangani(f.sekda, v1, cara=CaraTtd.ELEKTRONIK, nomor_srikandi="SRK-2026-001")
    assert TandaTangan.get().nomor_srikandi == "SRK-2026-001"


def test_wet_signature_recorded_by_tim(f):
    periode = f.periode()
    f.disposisi(periode)
    v1 = f.draft(periode)
    kabag_paraf(f.tim, v1, atas_nama=f.kabag)
    asisten_paraf(f.tim, v1, atas_nama=f.asisten)
    sekda_tandatangani(f.tim, v1, atas_nama=f.sekda)
    ttd = TandaTangan.get()
    assert (ttd.oleh.id, ttd.dicatat_oleh.id) == (f.sekda.id, f.tim.id)
    assert {(p.oleh.id, p.dicatat_oleh.id) for p in Paraf.select()} == {
        (f.kabag.id, f.tim.id),
        (f.asisten.id, f.tim.id),
    }


def test_draft_refused_after_signature(f):
    periode = f.periode()
    f.signed(periode)
    with pytest.raises(ActionRefused, match="ditandatangani"):
        simpan_rancangan(f.tim, periode, isi_default(periode))


def test_paper_acts_cannot_be_dated_before_the_step_they_follow(f):
    periode = f.periode()
    f.disposisi(periode)
    v1 = f.draft(periode)
    long_ago = dt.datetime(2020, 1, 1, 9, 0)
    with pytest.raises(ActionRefused, match="lebih awal"):
        kabag_paraf(f.tim, v1, atas_nama=f.kabag, waktu=long_ago)
    kabag_paraf(f.kabag, v1)
    with pytest.raises(ActionRefused, match="lebih awal"):
        asisten_paraf(f.tim, v1, atas_nama=f.asisten, waktu=long_ago)
    assert AuditLog.select().where(AuditLog.hasil == "ditolak").count() == 2
    assert Paraf.select().count() == 1


def test_two_officials_cannot_both_act_on_one_turn(f):
    """The second act sees the state the first one left (checks run inside the write lock)."""
    periode = f.periode()
    f.disposisi(periode)
    v1 = f.draft(periode)
    kabag_paraf(f.kabag, v1)
    with pytest.raises(ActionRefused, match="tidak sedang menunggu"):
        kembalikan_rancangan(f.tim, v1, Role.KABAG, "Tidak setuju", atas_nama=f.kabag)
    assert Pengembalian.select().count() == 0
    assert AuditLog.get(AuditLog.aksi == "kembalikan_rancangan_kabag").hasil == "ditolak"


def test_scan_of_a_wet_paraf_is_archived_with_its_checksum(f, tmp_path):

    from kinerja_app.storage.models import Arsip
    from kinerja_app.storage.pemeliharaan import periksa_arsip

    periode = f.periode()
    f.disposisi(periode)
    v1 = f.draft(periode)
    scan = tmp_path / "paraf.pdf"
    scan.write_bytes(b"%PDF scan")
    kabag_paraf(f.tim, v1, atas_nama=f.kabag, scan=scan)
    paraf = Paraf.get()
    assert berkas_lokal(str(paraf.scan)) != scan
    assert berkas_lokal(str(paraf.scan)).read_bytes() == b"%PDF scan"
    assert Arsip.get().berkas == paraf.scan
    scan.unlink()  # the user's own copy may go; the archive keeps the proof
    assert periksa_arsip() == []
