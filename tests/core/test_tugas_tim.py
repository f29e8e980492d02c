"""The Tim's inbox shows everything it must chase: late OPDs (one item, for the bulk reminder)
and OPDs asked to correct their data, with their new deadline."""

from __future__ import annotations

import datetime as dt

from kinerja_app import clock
from kinerja_app.jadwal.tugas import (
    OPD,
    PANTAU_PERBAIKAN,
    TAGIH_TERLAMBAT,
    daftar_tugas,
    opd_terlambat,
    terlambat,
)
from kinerja_app.storage.models.master import Role
from kinerja_app.workflow.penyampaian import SuratMasuk, kembalikan_data, simpan_penyampaian
from tests.factory import Row
from tests.kasus import baris, batas, diperiksa


def test_late_opds_reach_the_tims_inbox_once_their_deadline_passes(f, jam):
    """The reported defect: the Tim's inbox left out OPDs that were late."""
    periode = f.periode()
    rows = f.distributed(periode, 3)
    deadline = batas(rows)
    assert [t for t in daftar_tugas(Role.TIM) if t.jenis == TAGIH_TERLAMBAT] == []
    jam.set(deadline + dt.timedelta(hours=1))
    (item,) = [t for t in daftar_tugas(Role.TIM, periode=periode) if t.jenis == TAGIH_TERLAMBAT]
    assert item.langkah == 7 and item.terlambat()
    assert sorted(item.opd_ids) == sorted(p.opd_id for p in rows)
    assert "3 Perangkat Daerah" in item.judul
    assert item in terlambat(Role.TIM)
    assert {t.opd_id for t in opd_terlambat(periode)} == {p.opd_id for p in rows}


def test_an_opd_that_sent_its_data_is_no_longer_chased(f, jam):
    periode = f.periode()
    a, b, _c = f.distributed(periode, 3)
    jam.set(batas([a]) + dt.timedelta(days=1))
    simpan_penyampaian(f.tim, a, SuratMasuk(clock.now()), baris(Row("IKM", 1, 1, 100.0)), [])
    (item,) = [t for t in daftar_tugas(Role.TIM) if t.jenis == TAGIH_TERLAMBAT]
    assert a.opd_id not in item.opd_ids and b.opd_id in item.opd_ids
    assert "2 Perangkat Daerah" in item.judul


def test_an_opd_asked_to_correct_shows_for_the_tim_with_its_new_deadline(f):
    periode = f.periode()
    (a,) = f.distributed(periode, 1)
    simpan_penyampaian(f.tim, a, SuratMasuk(clock.now()), baris(Row("IKM", 1, 1, 100.0)), [])
    kembalikan_data(f.tim, diperiksa(a), "Realisasi IKM belum diisi.")
    (opd_item,) = daftar_tugas(OPD, opd_id=a.opd_id)
    (tim_item,) = [t for t in daftar_tugas(Role.TIM) if t.jenis == PANTAU_PERBAIKAN]
    assert tim_item.opd_id == a.opd_id
    assert tim_item.jatuh_tempo == opd_item.jatuh_tempo > clock.now()
    assert a.opd.nama in tim_item.judul
    assert str(tim_item.jatuh_tempo.day) in tim_item.judul  # the new deadline, in words
    assert not tim_item.terlambat()
    assert opd_terlambat(periode, pada=tim_item.jatuh_tempo + dt.timedelta(minutes=1))
