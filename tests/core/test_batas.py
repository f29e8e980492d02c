"""One deadline: the date the signed letter prints binds the letter, the inbox, the reminder,
the findings letter and "tepat waktu" in the recap; an extension and a correction deadline are
recorded acts, each stated by its own numbered letter."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import replace

import pytest
from openpyxl import load_workbook

from kinerja_app import clock
from kinerja_app.clock import waktu_simulasi
from kinerja_app.documents import berkas
from kinerja_app.documents.diff import docx_text
from kinerja_app.errors import ActionRefused, ValidationError
from kinerja_app.jadwal.tugas import OPD, daftar_tugas
from kinerja_app.rekap.ekspor import ekspor_rekap
from kinerja_app.rekap.rekapitulasi import baris_rekap, ringkasan
from kinerja_app.storage.models import (
    AuditLog,
    BatasOpd,
    Rancangan,
    SuratKeluar,
)
from kinerja_app.storage.models.master import Role
from kinerja_app.workflow.batas import perpanjang_batas, terbitkan_pengingat, terlambat_opd
from kinerja_app.workflow.distribusi import TandaTerima, distribusikan
from kinerja_app.workflow.rancangan import isi_default, simpan_rancangan
from tests.factory import BATAS_MARET as BATAS
from tests.factory import ditandatangani as signed_with

AKHIR = dt.datetime(2026, 3, 6, 23, 59, 59)  # the end of the day the letter prints


@pytest.fixture
def period(f):
    """Five OPDs in March 2026 (see :meth:`Factory.periode_lengkap`)."""
    return f.periode_lengkap()


def test_every_opd_is_bound_by_the_date_the_letter_prints(period):
    _, (a, b, c, d, e), _ = period
    assert [p.batas_waktu for p in (a, b, c, e)] == [AKHIR] * 4
    assert d.batas_waktu == dt.datetime(2026, 3, 13, 23, 59, 59)  # its recorded extension
    assert a.batas_perbaikan == dt.datetime(2026, 3, 9, 23, 59, 59)


def test_recap_judges_tepat_waktu_by_that_one_deadline(period, f):
    periode, (a, b, c, d, e), _ = period
    rows = {r.pengumpulan_id: r for r in baris_rekap(periode)}
    assert rows[e.id].tepat_waktu is False  # not "receipt + one office day"
    assert rows[a.id].tepat_waktu is True
    assert rows[b.id].tepat_waktu is False  # 9 March is after the 6 March of the letter
    assert rows[c.id].tepat_waktu is None
    assert rows[d.id].tepat_waktu is True
    text = docx_text(berkas.dokumen_rekapitulasi(f.tim, periode).paths[0])
    assert "6 Maret 2026" in text and "13 Maret 2026" in text and "Tidak" in text


def test_recap_xlsx_says_late_for_the_late_one(period, tmp_path):
    periode, (_, b, *_), _ = period
    rows = baris_rekap(periode)
    path = ekspor_rekap(tmp_path / "r.xlsx", 2025, rows, ringkasan(rows))
    ws = load_workbook(path)["Rekapitulasi"]
    header = [c.value for c in ws[4]]
    line = next(r for r in ws.iter_rows(min_row=5, values_only=True) if r[1] == b.opd.nama)
    assert line[header.index("Ketepatan")] == "Terlambat"
    assert line[header.index("Batas waktu")] == dt.datetime(2026, 3, 6)


def test_letter_inbox_reminder_and_findings_letter_print_the_same_deadline(period, f):
    periode, (a, _b, c, _d, _e), rev_a = period
    letter = docx_text(berkas.surat_permintaan(f.tim, periode).paths[0])
    assert "paling lambat tanggal Jumat, 6 Maret 2026" in letter
    waiting = {t.opd_id: t for t in daftar_tugas(OPD, periode=periode)}
    assert waiting[c.opd_id].jatuh_tempo == AKHIR
    assert waiting[a.opd_id].jatuh_tempo == dt.datetime(2026, 3, 9, 23, 59, 59)
    # the Tim is told to remind the late ones; then the reminders go out all at once
    assert any(t.role == Role.TIM and "pengingat ke 2" in t.judul for t in daftar_tugas(Role.TIM))
    assert {p.id for p in terlambat_opd(periode)} == {a.id, c.id}
    terbitkan_pengingat(f.tim, periode)
    assert not any("pengingat" in t.judul for t in daftar_tugas(Role.TIM))
    issued = SuratKeluar.select().where(SuratKeluar.jenis == "pengingat")
    assert sorted(s.pengumpulan.id for s in issued if s.pengumpulan) == sorted([a.id, c.id])
    assert len({s.nomor for s in issued}) == 2 and all(s.tanggal == clock.today() for s in issued)
    papers = {n.opd: docx_text(n.berkas) for n in berkas.surat_pengingat(f.tim, periode).naskah}
    assert "paling lambat tanggal Jumat, 6 Maret 2026" in papers[c.opd.nama]
    assert "Wajib Menyampaikan Data Kinerja" in papers[c.opd.nama]
    findings_no = BatasOpd.get(BatasOpd.penyampaian == rev_a).surat_keluar.nomor
    assert findings_no in papers[a.opd.nama] and "Senin, 9 Maret 2026" in papers[a.opd.nama]


def test_findings_letter_has_kop_number_signer_table_and_correction_deadline(period, f):
    _, (_a, *_), rev_a = period
    (naskah,) = berkas.surat_hasil_verifikasi(f.tim, rev_a).naskah
    register = BatasOpd.get(BatasOpd.penyampaian == rev_a).surat_keluar
    text = docx_text(naskah.berkas)
    assert naskah.nomor == register.nomor and register.jenis == "hasil_verifikasi"
    assert f"Nomor\t:\t{register.nomor}" in text and "SEKRETARIAT DAERAH" in text
    assert "Hasil Verifikasi dan Permintaan Perbaikan Data Kinerja Tahun 2025" in text
    assert "Target wajib diisi." in text and "Uraian Temuan" in text
    assert "paling lambat tanggal Senin, 9 Maret 2026" in text
    assert "a.n. SEKRETARIS DAERAH" in text and "u.b." in text and f.kabag.nama in text
    assert "Target baris 5 kosong." in text
    # the OPD's first sending is not called a revision (an agenda officer reads it as a fix)
    assert "(revisi" not in text and "perbaikan ke-" not in text


def test_extension_is_a_recorded_act_with_its_letter(period, f):
    _, (_, _, _, d, _), _ = period
    act = BatasOpd.get(BatasOpd.pengumpulan == d)
    assert act.surat_keluar.jenis == "perpanjangan" and act.surat_keluar.nomor
    assert AuditLog.get(AuditLog.aksi == "perpanjang_batas").opd_id == d.opd_id
    text = docx_text(berkas.surat_perpanjangan(f.tim, d).paths[0])
    assert "Jumat, 6 Maret 2026" in text and "Jumat, 13 Maret 2026" in text
    assert "Kepala dinas bertugas ke luar daerah." in text


def test_extension_must_move_the_deadline_later_and_comes_before_the_data(f):
    periode = f.periode()
    signed_with(f, periode)
    (p,) = f.pengumpulan(periode, 1)
    with waktu_simulasi(dt.datetime(2026, 3, 3, 10, 0)):
        distribusikan(f.tim, periode, [TandaTerima(p.id, "TU", dt.datetime(2026, 3, 3, 9, 0))])
    with pytest.raises(ActionRefused, match="harus sesudah batas yang berlaku"):
        perpanjang_batas(f.tim, p, BATAS, "alasan panjang")
    assert (
        not BatasOpd.select().exists()
        and not SuratKeluar.select().where(SuratKeluar.jenis == "perpanjangan").exists()
    )


def test_changing_the_deadline_field_changes_the_body(f):
    periode = f.periode()
    f.disposisi(periode)
    isi = isi_default(periode)
    later = replace(isi, batas_waktu=dt.date(2026, 4, 1))
    assert "paling lambat tanggal Rabu, 1 April 2026" in " ".join(later.paragraf_cetak())
    r = Rancangan.get_by_id(simpan_rancangan(f.tim, periode, later).objek_id)
    assert "Rabu, 1 April 2026" in docx_text(berkas.draf_surat(f.tim, r).paths[0])


def test_a_body_without_the_deadline_is_refused(f):
    periode = f.periode()
    f.disposisi(periode)
    isi = isi_default(periode)
    written = replace(
        isi,
        paragraf=tuple(p.replace("{batas_waktu}", "Senin, 30 Maret 2026") for p in isi.paragraf),
    )
    with pytest.raises(ValidationError, match="tidak memuat batas penyampaian"):
        simpan_rancangan(f.tim, periode, written)


def test_the_sekda_cannot_sign_a_letter_whose_deadline_has_passed(f):
    periode = f.periode()
    with pytest.raises(ActionRefused, match="sudah lewat pada tanggal surat"):
        signed_with(f, periode, batas=dt.date(2026, 3, 1))


def test_reminders_refused_when_nobody_is_late(f):
    periode = f.periode()
    signed_with(f, periode, batas=dt.date(2026, 3, 20))
    with pytest.raises(ActionRefused, match="Tidak ada Perangkat Daerah"):
        terbitkan_pengingat(f.tim, periode)


def test_reminders_go_once_per_deadline_and_a_second_run_is_refused_with_its_row(period, f):
    """Two workstations pressing 'terbitkan' (or one pressing twice) give each late OPD one
    numbered letter: the second run finds them reminded and is refused, with its audit row."""
    periode, (a, _b, c, _d, _e), _ = period
    with waktu_simulasi(dt.datetime(2026, 3, 10, 8, 0)):
        terbitkan_pengingat(f.tim, periode)
        with pytest.raises(ActionRefused, match="sudah diberi surat pengingat"):
            terbitkan_pengingat(f.tim, periode)
        with pytest.raises(ActionRefused, match="sudah diberi surat pengingat tanggal"):
            terbitkan_pengingat(f.tim, periode, ids=[c.id])  # the same OPD the same day
    refused = AuditLog.select().where(
        (AuditLog.aksi == "terbitkan_pengingat") & (AuditLog.hasil == "ditolak")
    )
    assert refused.count() == 2
    # a further reminder is a deliberate act for a chosen OPD, on a later day
    with waktu_simulasi(dt.datetime(2026, 3, 11, 8, 0)):
        terbitkan_pengingat(f.tim, periode, ids=[c.id])
    issued = SuratKeluar.select().where(SuratKeluar.jenis == "pengingat")
    assert Counter(s.pengumpulan_id for s in issued) == Counter({a.id: 1, c.id: 2})


def test_deadline_acts_are_refused_inside_their_transaction_with_their_row(f):
    """A deactivated account changes nothing: the extension is refused, audited, and leaves no
    letter in the register."""
    from kinerja_app.storage.models import User

    periode = f.periode()
    (p,) = f.distributed(periode, 1)
    User.update(aktif=False).where(User.id == f.tim.id).execute()
    with pytest.raises(ActionRefused, match="tidak aktif"):
        perpanjang_batas(f.tim, p, p.batas_waktu.date() + dt.timedelta(days=3), "Alasan jelas")
    row = AuditLog.select().order_by(AuditLog.id.desc()).get()
    assert (row.aksi, row.hasil) == ("perpanjang_batas", "ditolak")
    assert not BatasOpd.select().exists()
    assert not SuratKeluar.select().where(SuratKeluar.jenis == "perpanjangan").exists()


def test_a_resubmission_is_named_by_its_corrections():
    from kinerja_app.documents.berkas_batas import _kiriman_ke

    assert (_kiriman_ke(1), _kiriman_ke(2), _kiriman_ke(3)) == (
        "",
        " (perbaikan ke-1)",
        " (perbaikan ke-2)",
    )
