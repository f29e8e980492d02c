"""Dates and numbers as an agenda officer keeps them: a letter is numbered and dated when it is
signed or sent, never when printed; no receipt before its letter; every letter in the register."""

from __future__ import annotations

import datetime as dt

import pytest

from kinerja_app import clock
from kinerja_app.clock import waktu_simulasi
from kinerja_app.documents import berkas
from kinerja_app.documents.diff import docx_text
from kinerja_app.errors import ActionRefused, ValidationError
from kinerja_app.formatting import format_tanggal
from kinerja_app.storage.models import Distribusi, Pengumpulan, SuratKeluar
from kinerja_app.workflow.distribusi import TandaTerima, distribusikan, kirim_pengantar
from kinerja_app.workflow.penyampaian import SuratMasuk, kembalikan_data, simpan_penyampaian
from tests.factory import Row, ditandatangani, kirim_data


def test_pengantar_numbered_and_dated_the_day_sent_then_printed_with_its_receipt(f, jam):
    f.lambang_resmi()
    periode = f.periode()
    ditandatangani(f, periode)
    a, b = f.pengumpulan(periode, 2)
    kirim_pengantar(f.tim, periode, [a.id], tanggal=dt.date(2026, 3, 4))
    sent = SuratKeluar.get((SuratKeluar.jenis == "pengantar") & (SuratKeluar.pengumpulan == a))
    assert sent.tanggal == dt.date(2026, 3, 4) and sent.nomor == "000.8.6.3/3/Org"
    with pytest.raises(ActionRefused, match="sudah dikirimi surat pengantar"):
        kirim_pengantar(f.tim, periode, [a.id])
    # B was handed the letter without a pengantar numbered first: it gets one dated that day
    distribusikan(f.tim, periode, [TandaTerima(b.id, "Ani", dt.datetime(2026, 3, 5, 9, 0))])
    auto = SuratKeluar.get((SuratKeluar.jenis == "pengantar") & (SuratKeluar.pengumpulan == b))
    assert auto.tanggal == dt.date(2026, 3, 5)
    distribusikan(f.tim, periode, [TandaTerima(a.id, "Budi", dt.datetime(2026, 3, 6, 9, 0))])
    text = docx_text(berkas.surat_pengantar(f.tim, periode, [a.id]).paths[0])
    assert f"Nomor: {sent.nomor}" in text and "Nanga Bulik, 4 Maret 2026" in text
    assert "Diterima tanggal: 6 Maret 2026" in text and "Budi" in text
    assert format_tanggal(clock.today()) not in text  # never the print day


def test_no_receipt_before_its_pengantar(f):
    periode = f.periode()
    ditandatangani(f, periode)
    (p,) = f.pengumpulan(periode, 1)
    kirim_pengantar(f.tim, periode, [p.id], tanggal=dt.date(2026, 3, 5))
    with pytest.raises(ActionRefused, match="lebih awal dari surat pengantar"):
        distribusikan(f.tim, periode, [TandaTerima(p.id, "Ani", dt.datetime(2026, 3, 4, 9, 0))])
    assert not Distribusi.select().exists()


def test_no_receipt_before_the_signature(f):
    periode = f.periode()
    ditandatangani(f, periode)
    (p,) = f.pengumpulan(periode, 1)
    with pytest.raises(ActionRefused, match="lebih awal dari tanda tangan Sekda"):
        distribusikan(f.tim, periode, [TandaTerima(p.id, "Ani", dt.datetime(2026, 3, 1, 9, 0))])


def test_letters_are_never_dated_in_the_future(f):
    periode = f.periode()
    ditandatangani(f, periode)
    with pytest.raises(ValidationError, match="masa depan"):
        kirim_pengantar(f.tim, periode, tanggal=clock.today() + dt.timedelta(days=1))


def test_the_opds_own_pengantar_cannot_be_dated_after_its_receipt(f):
    periode = f.periode()
    ditandatangani(f, periode)
    (p,) = f.pengumpulan(periode, 1)
    distribusikan(f.tim, periode, [TandaTerima(p.id, "Ani", dt.datetime(2026, 3, 3, 9, 0))])
    with pytest.raises(ActionRefused, match="sesudah tanggal diterimanya"):
        simpan_penyampaian(
            f.tim,
            Pengumpulan.get_by_id(p.id),
            SuratMasuk(dt.datetime(2026, 3, 5, 9, 0), "1/SM", "000/1/X", dt.date(2026, 3, 6)),
            [Row("IKM", 80, 84, 105.0)],
            [],
        )


def test_findings_letter_cannot_predate_the_data_it_answers(f):
    periode = f.periode()
    ditandatangani(f, periode)
    (p,) = f.pengumpulan(periode, 1)
    distribusikan(f.tim, periode, [TandaTerima(p.id, "Ani", dt.datetime(2026, 3, 3, 9, 0))])
    rev = kirim_data(f, Pengumpulan.get_by_id(p.id), dt.datetime(2026, 3, 9, 9, 0))
    with pytest.raises(ValidationError, match="lebih awal dari penerimaan data revisi 1"):
        kembalikan_data(f.tim, rev, "Perbaiki target", tanggal_surat=dt.date(2026, 3, 6))
    with waktu_simulasi(dt.datetime(2026, 3, 9, 14, 0)):
        kembalikan_data(f.tim, rev, "Perbaiki target")  # default: dated the day returned
    findings = SuratKeluar.get(SuratKeluar.jenis == "hasil_verifikasi")
    assert findings.tanggal == dt.date(2026, 3, 9)
    assert Pengumpulan.get_by_id(p.id).batas_perbaikan == dt.datetime(2026, 3, 10, 23, 59, 59)


def test_the_register_numbers_every_letter_once_in_order(f):
    f.lambang_resmi()
    periode, _, _ = f.periode_lengkap()
    rows = list(SuratKeluar.select().where(~SuratKeluar.srikandi).order_by(SuratKeluar.urut))
    assert [r.urut for r in rows] == list(range(1, len(rows) + 1))
    kinds = {r.jenis for r in rows}
    assert {"permintaan", "nota_dinas", "pengantar", "perpanjangan", "hasil_verifikasi"} <= kinds
    assert all(r.periode and r.periode.id == periode.id for r in rows)


def test_printing_a_paper_again_archives_nothing_new(f, jam):
    f.lambang_resmi()
    periode = f.periode()
    ditandatangani(f, periode)
    first = berkas.format_isian(f.tim, periode)
    jam.maju(hours=3)  # later in the day: the same workbooks, the same bytes
    again = berkas.format_isian(f.tim, periode)
    assert [n.sha256 for n in again.naskah] == [n.sha256 for n in first.naskah]
    assert [n.arsip_id for n in again.naskah] == [n.arsip_id for n in first.naskah]
