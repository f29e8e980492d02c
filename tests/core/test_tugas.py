"""Inbox and deadlines per role and per OPD, from the SOP's standard times."""

from __future__ import annotations

import datetime as dt

from kinerja_app import clock
from kinerja_app.jadwal.mutu_baku import kalender_kerja
from kinerja_app.jadwal.tugas import OPD, daftar_tugas, segera_jatuh_tempo, tahap_periode, terlambat
from kinerja_app.storage.models import Periode
from kinerja_app.storage.models.master import Role
from kinerja_app.workflow.paraf import kabag_paraf
from kinerja_app.workflow.penyampaian import SuratMasuk, simpan_penyampaian
from tests.factory import Row


def test_each_step_waits_for_the_right_role(f):
    periode = f.periode()
    assert [(t.langkah, t.role) for t in daftar_tugas()] == [(1, Role.KABAG)]
    assert tahap_periode(periode) == 1
    f.disposisi(periode)
    assert [(t.langkah, t.role) for t in daftar_tugas()] == [(2, Role.TIM)]
    rancangan = f.draft(periode)
    (task,) = daftar_tugas(Role.KABAG)
    assert task.langkah == 3
    assert daftar_tugas(Role.ASISTEN) == []
    # step 3 has one office hour
    assert kalender_kerja().menit_kerja_antara(task.sejak, task.jatuh_tempo) == 60
    kabag_paraf(f.kabag, rancangan)
    assert [t.langkah for t in daftar_tugas(Role.ASISTEN)] == [4]
    assert tahap_periode(Periode.get_by_id(periode.id)) == 4


def test_per_opd_items_overdue_and_filtered_by_opd(f):
    periode = f.periode()
    long_ago = clock.now() - dt.timedelta(days=60)
    a, b, _c = f.distributed(periode, 3, when=long_ago)
    simpan_penyampaian(
        f.tim,
        a,
        SuratMasuk(clock.now()),
        [Row("IKM", 1, 1, 100.0)],
        [],
    )
    waiting = daftar_tugas(OPD)
    assert {t.opd_id for t in waiting} >= {b.opd_id}
    assert a.opd_id not in {t.opd_id for t in waiting}
    (only_b,) = daftar_tugas(OPD, opd_id=b.opd_id)
    assert only_b.langkah == 7 and only_b.terlambat()  # letter received 60 days ago, no data
    assert b.opd_id in {t.opd_id for t in terlambat(OPD)}
    before = only_b.jatuh_tempo - dt.timedelta(minutes=1)
    assert not only_b.terlambat(before)
    assert b.opd_id not in {t.opd_id for t in terlambat(OPD, pada=before)}
    verify = daftar_tugas(Role.TIM, opd_id=a.opd_id)
    assert [t.langkah for t in verify] == [8]
    assert not verify[0].terlambat()  # 30 office days to verify


def test_due_soon(f):
    periode = f.periode()
    f.disposisi(periode)
    f.draft(periode)
    (task,) = daftar_tugas(Role.KABAG)
    before = task.jatuh_tempo - dt.timedelta(hours=2)
    assert [t.langkah for t in segera_jatuh_tempo(Role.KABAG, pada=before)] == [3]
    assert segera_jatuh_tempo(Role.KABAG, pada=task.jatuh_tempo - dt.timedelta(days=2)) == []
    assert segera_jatuh_tempo(Role.KABAG, pada=task.jatuh_tempo + dt.timedelta(minutes=1)) == []
