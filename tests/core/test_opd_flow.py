"""Steps 6–8 per OPD: distribution with receipts, revisions, returns for correction, acceptance."""

from __future__ import annotations

import datetime as dt

import pytest

from kinerja_app import clock
from kinerja_app.errors import ActionRefused
from kinerja_app.storage.arsip_berkas import berkas_lokal
from kinerja_app.storage.models import DataIndikator, Koordinasi, Pengumpulan, Penyampaian, Temuan
from kinerja_app.storage.models.pengumpulan import StatusOpd, StatusPenyampaian
from kinerja_app.workflow.distribusi import TandaTerima, distribusikan
from kinerja_app.workflow.penyampaian import (
    SuratMasuk,
    catat_koordinasi,
    kembalikan_data,
    nyatakan_valid,
    setujui_dengan_kesalahan,
    simpan_penyampaian,
)
from tests.factory import Finding, Row

ROWS = [
    Row("Indeks kepuasan masyarakat", 80, 84, 105.0),
    Row("Persentase layanan tepat waktu", 90, 81, 90.0, row=6),
]


def received(when: dt.datetime | None = None) -> SuratMasuk:
    return SuratMasuk(when or clock.now(), "AG-1", "050/12/DINKES")


def test_distribution_refused_before_signature(f):
    periode = f.periode()
    p = f.pengumpulan(periode, 1)[0]
    with pytest.raises(ActionRefused, match="belum ditandatangani"):
        distribusikan(f.tim, periode, [TandaTerima(p.id, "Budi", clock.now())])


def test_distribution_sets_each_opd_clock(f):
    periode = f.periode()
    rows = f.distributed(periode, 3)
    assert all(p.status == StatusOpd.SURAT_DITERIMA for p in rows)
    assert all(p.batas_waktu is not None and p.batas_waktu > p.surat_diterima_pada for p in rows)
    untouched = (
        Pengumpulan.select().where(Pengumpulan.status == StatusOpd.BELUM_DIKIRIMI.value).count()
    )
    assert untouched == Pengumpulan.select().count() - 3


def test_distribution_twice_to_same_opd_is_refused_and_nothing_partial(f):
    periode = f.periode()
    rows = f.distributed(periode, 1)
    other = f.pengumpulan(periode, 2)[1]
    with pytest.raises(ActionRefused, match="sudah tercatat"):
        distribusikan(
            f.tim,
            periode,
            [
                TandaTerima(other.id, "A", clock.now()),
                TandaTerima(rows[0].id, "B", clock.now()),
            ],
        )
    assert Pengumpulan.get_by_id(other.id).status == StatusOpd.BELUM_DIKIRIMI


def test_distribution_refused_for_kabag(f):
    periode = f.periode()
    f.signed(periode)
    p = f.pengumpulan(periode, 1)[0]
    with pytest.raises(ActionRefused):
        distribusikan(f.kabag, periode, [TandaTerima(p.id, "Budi", clock.now())])


def test_submission_refused_before_distribution(f):
    periode = f.periode()
    f.signed(periode)
    p = f.pengumpulan(periode, 1)[0]
    with pytest.raises(ActionRefused, match="distribusi"):
        simpan_penyampaian(f.tim, p, received(), ROWS, [])


def test_submission_stores_revision_rows_findings_and_file(f, tmp_path):
    periode = f.periode()
    p = f.distributed(periode, 1)[0]
    book = tmp_path / "data dinkes.xlsx"
    book.write_bytes(b"PK-fake-workbook")
    changes = simpan_penyampaian(
        f.tim, p, received(), ROWS, [Finding("warning", "OUTLIER", "Capaian tinggi")], berkas=book
    )
    rev = Penyampaian.get_by_id(changes.objek_id)
    assert (rev.revisi, rev.jumlah_error, rev.jumlah_peringatan) == (1, 0, 1)
    assert rev.capaian_rata == pytest.approx(97.5)
    assert DataIndikator.select().where(DataIndikator.penyampaian == rev).count() == 2
    assert Temuan.get().sel == "Data Kinerja!F5"

    archived = berkas_lokal(str(rev.berkas))
    assert archived.read_bytes() == b"PK-fake-workbook" and archived != book
    import hashlib

    assert rev.sha256 == hashlib.sha256(b"PK-fake-workbook").hexdigest()
    assert Pengumpulan.get_by_id(p.id).status == StatusOpd.DATA_MASUK


def test_correction_loop_back_to_step7_then_accepted(f):
    periode = f.periode()
    p = f.distributed(periode, 2)[0]
    c1 = simpan_penyampaian(
        f.tim, p, received(), ROWS, [Finding("error", "TARGET_KOSONG", "Target kosong")]
    )
    rev1 = Penyampaian.get_by_id(c1.objek_id)
    with pytest.raises(ActionRefused, match="kesalahan"):
        nyatakan_valid(f.tim, rev1)
    with pytest.raises(ActionRefused, match="Catatan wajib"):
        kembalikan_data(f.tim, rev1, "")
    kembalikan_data(f.tim, rev1, "Lengkapi target baris 5")
    p = Pengumpulan.get_by_id(p.id)
    assert p.status == StatusOpd.PERLU_PERBAIKAN and p.catatan == "Lengkapi target baris 5"
    catat_koordinasi(f.tim, p, "Sudah ditelepon, dikirim besok", "telepon")
    assert Koordinasi.select().count() == 1
    c2 = simpan_penyampaian(f.tim, p, received(), ROWS, [])
    rev2 = Penyampaian.get_by_id(c2.objek_id)
    assert rev2.revisi == 2
    nyatakan_valid(f.tim, rev2)
    p = Pengumpulan.get_by_id(p.id)
    assert (p.status, p.revisi_terakhir) == (StatusOpd.TERVERIFIKASI, 2)
    assert Penyampaian.get_by_id(rev1.id).status == StatusPenyampaian.DIKEMBALIKAN
    with pytest.raises(ActionRefused, match="sudah terverifikasi"):
        simpan_penyampaian(f.tim, p, received(), ROWS, [])


def test_newer_revision_supersedes_pending_one(f):
    periode = f.periode()
    p = f.distributed(periode, 1)[0]
    rev1 = Penyampaian.get_by_id(simpan_penyampaian(f.tim, p, received(), ROWS, []).objek_id)
    simpan_penyampaian(f.tim, Pengumpulan.get_by_id(p.id), received(), ROWS, [])
    assert Penyampaian.get_by_id(rev1.id).status == StatusPenyampaian.DIGANTIKAN
    with pytest.raises(ActionRefused, match="digantikan"):
        nyatakan_valid(f.tim, Penyampaian.get_by_id(rev1.id))


def test_kabag_override_allows_acceptance_with_errors(f):
    periode = f.periode()
    p = f.distributed(periode, 1)[0]
    rev = Penyampaian.get_by_id(
        simpan_penyampaian(f.tim, p, received(), ROWS, [Finding("error", "X", "salah")]).objek_id
    )
    with pytest.raises(ActionRefused):
        setujui_dengan_kesalahan(f.tim, rev, "alasan")
    with pytest.raises(ActionRefused, match="Catatan wajib"):
        setujui_dengan_kesalahan(f.kabag, rev, "")
    setujui_dengan_kesalahan(f.kabag, rev, "Data kualitatif, disetujui")
    nyatakan_valid(f.tim, Penyampaian.get_by_id(rev.id))
    assert Pengumpulan.get_by_id(p.id).status == StatusOpd.TERVERIFIKASI


def test_opds_run_on_their_own_clocks(f):
    periode = f.periode()
    a, b, c = f.distributed(periode, 3)
    simpan_penyampaian(f.tim, a, received(), ROWS, [])
    rev_b = Penyampaian.get_by_id(simpan_penyampaian(f.tim, b, received(), ROWS, []).objek_id)
    kembalikan_data(f.tim, rev_b, "Perbaiki")
    statuses = {
        p.id: p.status for p in Pengumpulan.select().where(Pengumpulan.id.in_([a.id, b.id, c.id]))
    }
    assert statuses == {a.id: "data_masuk", b.id: "perlu_perbaikan", c.id: "surat_diterima"}


def test_failed_transaction_removes_archived_copy(f, tmp_path):
    periode = f.periode()
    p = f.distributed(periode, 1)[0]
    book = tmp_path / "x.xlsx"
    book.write_bytes(b"data")
    broken = Finding(None, "X", "pesan")  # type: ignore[arg-type]  # NOT NULL severity fails the insert
    import peewee

    with pytest.raises(peewee.IntegrityError):
        simpan_penyampaian(f.tim, p, received(), ROWS, [broken], berkas=book)
    from kinerja_app.storage.db import archive_root

    assert Penyampaian.select().count() == 0
    assert [x for x in archive_root().rglob("*") if x.is_file()] == []
