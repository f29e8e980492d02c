"""Steps 8–10: recap versions, the Kabag's review, finalisation, lock and unlock."""

from __future__ import annotations

import datetime as dt

import pytest

from kinerja_app import clock
from kinerja_app.errors import ActionRefused
from kinerja_app.rekap.rekapitulasi import baris_rekap, ringkasan
from kinerja_app.storage.arsip_berkas import berkas_lokal
from kinerja_app.storage.models import Arsip, Pengumpulan, Periode, Rekap
from kinerja_app.storage.models.rekap import StatusRekap
from kinerja_app.workflow.disposisi import buat_disposisi
from kinerja_app.workflow.penyampaian import SuratMasuk, nyatakan_valid, simpan_penyampaian
from kinerja_app.workflow.periode import buka_kunci_periode
from kinerja_app.workflow.rekap import ajukan_rekap, finalisasi_arsip, review_rekap
from tests.factory import Row, kirim_ke_sisanya

ROWS = [Row("IKM", 80, 84, 105.0), Row("Ketepatan", 90, 81, 90.0, row=6)]
# with_data verifies one OPD: going ahead with the others missing needs a recorded reason
ALASAN = "Batas waktu LKjIP; OPD lain menyusul sesuai surat pengingat."


def with_data(f, sent_to_all: bool = True):
    periode = f.periode()
    n = periode.pengumpulan.count() if sent_to_all else 3
    a, b, *_ = f.distributed(periode, n, when=clock.now() - dt.timedelta(days=3))
    rev = simpan_penyampaian(f.tim, a, SuratMasuk(clock.now()), ROWS, []).objek_id
    from kinerja_app.storage.models import Penyampaian

    nyatakan_valid(f.tim, Penyampaian.get_by_id(rev))
    simpan_penyampaian(f.tim, b, SuratMasuk(clock.now()), ROWS, [])
    return periode


def test_recap_rows_and_summary(f):
    periode = with_data(f, sent_to_all=False)
    rows = baris_rekap(periode)
    assert len(rows) == Pengumpulan.select().where(Pengumpulan.periode == periode.id).count()
    first = rows[0]
    assert (first.status.value, first.revisi, first.jumlah_indikator) == ("terverifikasi", 1, 2)
    assert first.capaian_rata == pytest.approx(97.5) and first.predikat == "Sangat Tinggi"
    summary = ringkasan(rows)
    assert (summary.diterima, summary.terverifikasi) == (2, 1)
    assert rows[-1].status.value == "belum_dikirimi" and rows[-1].capaian_rata is None


def test_recap_refused_without_data_and_without_analysis(f):
    periode = f.periode()
    f.distributed(periode, 1)
    with pytest.raises(ActionRefused, match="Belum ada data"):
        ajukan_rekap(f.tim, periode, "Analisa awal")
    periode = Periode.get_by_id(periode.id)
    with pytest.raises(ActionRefused, match="Catatan wajib"):
        ajukan_rekap(f.tim, periode, "")


def test_step9_tidak_returns_recap_then_new_version_approved_then_final(f, tmp_path):
    periode = with_data(f)
    r1 = Rekap.get_by_id(
        ajukan_rekap(f.tim, periode, "Dua OPD sudah mengirim", alasan_belum_lengkap=ALASAN).objek_id
    )
    with pytest.raises(ActionRefused, match="sedang"):
        ajukan_rekap(f.tim, periode, "lagi")
    with pytest.raises(ActionRefused):
        review_rekap(f.tim, r1, True)
    with pytest.raises(ActionRefused, match="Catatan wajib"):
        review_rekap(f.kabag, r1, False, "")
    review_rekap(f.kabag, r1, False, "Tambahkan analisis keterlambatan")
    assert Rekap.get_by_id(r1.id).status == StatusRekap.DIKEMBALIKAN
    r2 = Rekap.get_by_id(
        ajukan_rekap(
            f.tim, periode, "Dengan analisis keterlambatan", alasan_belum_lengkap=ALASAN
        ).objek_id
    )
    assert r2.versi == 2
    with pytest.raises(ActionRefused, match="disetujui"):
        finalisasi_arsip(f.tim, r2, [])
    review_rekap(f.kabag, r2, True, "Lanjutkan")
    doc = tmp_path / "rekap.docx"
    doc.write_bytes(b"docx")
    with pytest.raises(ActionRefused):
        finalisasi_arsip(f.kabag, Rekap.get_by_id(r2.id), [("Dokumen Rekapitulasi", doc)])
    finalisasi_arsip(
        f.tim,
        Rekap.get_by_id(r2.id),
        [("Dokumen Rekapitulasi", doc)],
        salinan=3,
        alasan_belum_lengkap=ALASAN,
    )
    periode = Periode.get_by_id(periode.id)
    assert periode.terkunci and Rekap.get_by_id(r2.id).status == StatusRekap.FINAL
    arsip = Arsip.get()
    assert (arsip.salinan, len(arsip.sha256), len(arsip.audit_head)) == (3, 64, 64)

    from kinerja_app.storage.db import archive_root

    archived = berkas_lokal(str(arsip.berkas))
    assert (
        archived != doc
        and archived.is_relative_to(archive_root())
        and archived.read_bytes() == b"docx"
    )


def test_locked_period_refuses_changes_until_kabag_unlocks(f, tmp_path):
    periode = with_data(f)
    r = Rekap.get_by_id(
        ajukan_rekap(f.tim, periode, "Analisa lengkap", alasan_belum_lengkap=ALASAN).objek_id
    )
    review_rekap(f.kabag, r, True)
    doc = tmp_path / "rekap.docx"
    doc.write_bytes(b"x")
    finalisasi_arsip(
        f.tim, Rekap.get_by_id(r.id), [("Dokumen Rekapitulasi", doc)], alasan_belum_lengkap=ALASAN
    )
    periode = Periode.get_by_id(periode.id)
    with pytest.raises(ActionRefused, match="terkunci"):
        buat_disposisi(f.kabag, periode, hal="x", isi="y")
    with pytest.raises(ActionRefused):
        buka_kunci_periode(f.tim, periode, "perlu koreksi")
    with pytest.raises(ActionRefused, match="Catatan wajib"):
        buka_kunci_periode(f.kabag, periode, "")
    buka_kunci_periode(f.kabag, periode, "Koreksi data Dinas Kesehatan")
    assert not Periode.get_by_id(periode.id).terkunci


def test_recap_cannot_go_to_the_kabag_while_an_opd_never_got_the_letter(f):
    """The recap covers every OPD (SOP step 8), and step 10 refuses to archive a period while
    one never got the letter: the Kabag must not approve a recap that cannot be archived (a new
    office found out only at step 10, with step 6 still red in its inbox)."""
    periode = with_data(f, sent_to_all=False)
    with pytest.raises(ActionRefused, match="belum dikirimi surat"):
        ajukan_rekap(f.tim, periode, "Analisa awal", alasan_belum_lengkap=ALASAN)
    assert Rekap.select().count() == 0
    kirim_ke_sisanya(f, periode)
    ajukan_rekap(f.tim, periode, "Analisa awal", alasan_belum_lengkap=ALASAN)
    assert Rekap.select().count() == 1


def test_unlocked_period_can_be_corrected_and_archived_again(f, tmp_path):
    periode = with_data(f)
    doc = tmp_path / "rekap.docx"
    doc.write_bytes(b"x")
    r1 = Rekap.get_by_id(
        ajukan_rekap(f.tim, periode, "Analisa lengkap", alasan_belum_lengkap=ALASAN).objek_id
    )
    review_rekap(f.kabag, r1, True)
    finalisasi_arsip(
        f.tim, Rekap.get_by_id(r1.id), [("Dokumen Rekapitulasi", doc)], alasan_belum_lengkap=ALASAN
    )
    buka_kunci_periode(f.kabag, Periode.get_by_id(periode.id), "Koreksi data Dinas Kesehatan")
    assert Rekap.get_by_id(r1.id).status == StatusRekap.DIKEMBALIKAN
    r2 = Rekap.get_by_id(
        ajukan_rekap(
            f.tim,
            Periode.get_by_id(periode.id),
            "Sesudah koreksi",
            alasan_belum_lengkap=ALASAN,
        ).objek_id
    )
    review_rekap(f.kabag, r2, True)
    finalisasi_arsip(
        f.tim, Rekap.get_by_id(r2.id), [("Dokumen Rekapitulasi", doc)], alasan_belum_lengkap=ALASAN
    )
    assert Periode.get_by_id(periode.id).terkunci


def test_the_final_set_keeps_the_number_and_date_of_each_paper_it_archives(f):
    """The Arsip tab showed the final Dokumen Rekapitulasi of step 10 without its date: the
    final set's copy did not carry the date the paper itself was archived with."""
    from kinerja_app.documents.berkas import dokumen_rekapitulasi

    f.lambang_resmi()
    periode = with_data(f)
    r = Rekap.get_by_id(
        ajukan_rekap(f.tim, periode, "Analisa lengkap", alasan_belum_lengkap=ALASAN).objek_id
    )
    review_rekap(f.kabag, r, True, "Setuju")
    made = dokumen_rekapitulasi(f.tim, periode, Rekap.get_by_id(r.id))
    (paper,) = made.naskah
    assert paper.tanggal == clock.today()
    finalisasi_arsip(
        f.tim,
        Rekap.get_by_id(r.id),
        [("Dokumen Rekapitulasi", paper.berkas)],
        alasan_belum_lengkap=ALASAN,
    )
    final = Arsip.get((Arsip.rekap == r.id) & (Arsip.jenis == "Dokumen Rekapitulasi"))
    assert (final.tanggal, final.nomor, final.sha256) == (paper.tanggal, paper.nomor, paper.sha256)


def test_data_changed_after_the_approval_goes_back_to_the_kabag_not_into_the_archive(f, tmp_path):
    """An OPD verified after the Kabag approved the recap: the period was locked with the
    approved version in the archive (1 verified) while its data said 2, without a word."""
    from kinerja_app.storage.models import Penyampaian

    periode = with_data(f)
    r1 = Rekap.get_by_id(
        ajukan_rekap(f.tim, periode, "Satu OPD terverifikasi", alasan_belum_lengkap=ALASAN).objek_id
    )
    with pytest.raises(ActionRefused, match="sedang ditelaah Kabag"):
        ajukan_rekap(f.tim, periode, "lagi", alasan_belum_lengkap=ALASAN)
    review_rekap(f.kabag, r1, True, "Setuju")
    with pytest.raises(ActionRefused, match="tidak berubah"):
        ajukan_rekap(f.tim, periode, "Sama saja", alasan_belum_lengkap=ALASAN)
    b = baris_rekap(periode)[1]
    rev_b = Penyampaian.get(Penyampaian.pengumpulan == b.pengumpulan_id)
    nyatakan_valid(f.tim, rev_b)  # after the approval
    doc = tmp_path / "rekap.docx"
    doc.write_bytes(b"x")
    with pytest.raises(ActionRefused, match=f"Data 1 Perangkat Daerah berubah.*{b.nama}"):
        finalisasi_arsip(
            f.tim,
            Rekap.get_by_id(r1.id),
            [("Dokumen Rekapitulasi", doc)],
            alasan_belum_lengkap=ALASAN,
        )
    assert not Periode.get_by_id(periode.id).terkunci and Arsip.select().count() == 0
    r2 = Rekap.get_by_id(
        ajukan_rekap(f.tim, periode, "Dua OPD terverifikasi", alasan_belum_lengkap=ALASAN).objek_id
    )
    assert (r2.versi, r2.status) == (2, StatusRekap.DIAJUKAN)
    review_rekap(f.kabag, r2, True, "Setuju")
    finalisasi_arsip(
        f.tim, Rekap.get_by_id(r2.id), [("Dokumen Rekapitulasi", doc)], alasan_belum_lengkap=ALASAN
    )
    assert Periode.get_by_id(periode.id).terkunci
    import json

    assert json.loads(Rekap.get_by_id(r2.id).snapshot_json)["ringkasan"]["terverifikasi"] == 2


def test_the_kabag_cannot_approve_a_recap_whose_data_changed_since_it_was_submitted(f):
    """Approved, it would only be refused at step 10; the Kabag is told now, and may return it."""
    from kinerja_app.storage.models import AuditLog, Penyampaian

    periode = with_data(f)
    r1 = Rekap.get_by_id(
        ajukan_rekap(f.tim, periode, "Satu OPD terverifikasi", alasan_belum_lengkap=ALASAN).objek_id
    )
    b = baris_rekap(periode)[1]
    nyatakan_valid(f.tim, Penyampaian.get(Penyampaian.pengumpulan == b.pengumpulan_id))
    with pytest.raises(ActionRefused, match=f"Data 1 Perangkat Daerah berubah.*{b.nama}"):
        review_rekap(f.kabag, r1, True, "Setuju")
    assert Rekap.get_by_id(r1.id).status == StatusRekap.DIAJUKAN
    refused = AuditLog.select().where(AuditLog.aksi == "review_rekap", AuditLog.hasil == "ditolak")
    assert refused.count() == 1  # the refusal is on record
    review_rekap(f.kabag, r1, False, "Data berubah, susun ulang")  # returning it stays possible
    assert Rekap.get_by_id(r1.id).status == StatusRekap.DIKEMBALIKAN
