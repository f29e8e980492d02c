"""Submitting the recap or archiving the period with OPDs missing or unverified needs a reason,
which names them in the record (before, 32 of 36 missing passed without a word)."""

from __future__ import annotations

import json

import pytest

from kinerja_app import clock
from kinerja_app.errors import ActionRefused
from kinerja_app.storage.models import AuditLog, PerangkatDaerah, Periode, Rekap
from kinerja_app.storage.models.pengumpulan import StatusOpd
from kinerja_app.workflow.penyampaian import SuratMasuk, nyatakan_valid, simpan_penyampaian
from kinerja_app.workflow.rekap import (
    ajukan_rekap,
    finalisasi_arsip,
    opd_belum_lengkap,
    review_rekap,
)
from tests.factory import Row
from tests.kasus import baris, diperiksa

ROWS = baris(Row("IKM", 80, 84, 105.0))


def three_opds(f, verified: int):
    """A period of three OPDs, all given the letter, ``verified`` of them with valid data."""
    keep = [o.id for o in PerangkatDaerah.select().order_by(PerangkatDaerah.urutan).limit(3)]
    PerangkatDaerah.update(aktif=False).where(PerangkatDaerah.id.not_in(keep)).execute()
    periode = f.periode()
    rows = f.distributed(periode, 3)
    for p in rows[:verified]:
        simpan_penyampaian(f.tim, p, SuratMasuk(clock.now()), ROWS, [])
        nyatakan_valid(f.tim, diperiksa(p))
    return periode, rows


def last(aksi: str) -> AuditLog:
    return AuditLog.select().where(AuditLog.aksi == aksi).order_by(AuditLog.id.desc()).get()


def test_an_incomplete_recap_is_refused_without_a_reason_naming_the_opds(f):
    periode, rows = three_opds(f, verified=1)
    with pytest.raises(ActionRefused, match="2 Perangkat Daerah belum lengkap") as refused:
        ajukan_rekap(f.tim, periode, "Satu OPD lengkap")
    for p in rows[1:]:
        assert p.opd.nama in str(refused.value)
    assert Rekap.select().count() == 0
    assert last("ajukan_rekap").hasil == "ditolak"


def test_the_reason_and_the_missing_opds_are_recorded(f):
    periode, rows = three_opds(f, verified=1)
    assert [r.nama for r in opd_belum_lengkap(periode)] == [p.opd.nama for p in rows[1:]]
    reason = "Batas LKjIP 31 Maret; dua OPD menyusul."
    ajukan_rekap(f.tim, periode, "Satu OPD lengkap", alasan_belum_lengkap=reason)
    row = last("ajukan_rekap")
    assert row.hasil == "ok" and reason in row.keterangan
    detail = json.loads(row.detail_json)
    assert detail["alasan"] == reason
    assert [d["opd"] for d in detail["belum_lengkap"]] == [p.opd.nama for p in rows[1:]]
    snapshot = json.loads(Rekap.get().snapshot_json)
    assert snapshot["belum_lengkap"]["alasan"] == reason


def test_a_complete_recap_needs_no_reason(f):
    periode, _rows = three_opds(f, verified=3)
    ajukan_rekap(f.tim, periode, "Semua OPD lengkap dan valid")
    assert "belum_lengkap" not in json.loads(Rekap.get().snapshot_json)
    assert "alasan" not in json.loads(last("ajukan_rekap").detail_json)


def test_archiving_an_incomplete_period_needs_a_reason(f, tmp_path):
    periode, rows = three_opds(f, verified=2)
    rekap = Rekap.get_by_id(
        ajukan_rekap(f.tim, periode, "Dua OPD lengkap", alasan_belum_lengkap="Menyusul").objek_id
    )
    review_rekap(f.kabag, rekap, True)
    doc = tmp_path / "rekap.docx"
    doc.write_bytes(b"x")
    files = [("Dokumen Rekapitulasi", doc)]
    with pytest.raises(ActionRefused, match=rows[2].opd.nama):
        finalisasi_arsip(f.tim, Rekap.get_by_id(rekap.id), files)
    assert not Periode.get_by_id(periode.id).terkunci
    reason = "Dinas tersebut tidak menyampaikan sampai batas akhir; dicatat untuk evaluasi."
    finalisasi_arsip(f.tim, Rekap.get_by_id(rekap.id), files, alasan_belum_lengkap=reason)
    assert Periode.get_by_id(periode.id).terkunci
    row = last("finalisasi_arsip")
    assert reason in row.keterangan
    assert json.loads(row.detail_json)["belum_lengkap"] == [
        {"opd": rows[2].opd.nama, "status": StatusOpd.SURAT_DITERIMA.label}
    ]
