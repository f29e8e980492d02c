"""Read-only queries used by the screens."""

from __future__ import annotations

from kinerja_app.queries import keadaan as q_keadaan
from kinerja_app.queries import pengumpulan as q_opd
from kinerja_app.queries import periode as q_periode
from kinerja_app.queries import surat as q_surat
from kinerja_app.storage.models.master import Role
from kinerja_app.storage.models.surat import StatusSurat
from kinerja_app.workflow.paraf import kabag_paraf, kembalikan_rancangan


def test_period_state_and_history(f):
    periode = f.periode()
    state = q_keadaan.keadaan(periode)
    assert not state.ada_disposisi and state.status_surat is None
    f.disposisi(periode)
    r1 = f.draft(periode)
    kembalikan_rancangan(f.tim, r1, Role.KABAG, "Perbaiki hal", atas_nama=f.kabag)
    r2 = f.draft(periode)
    kabag_paraf(f.kabag, r2)
    state = q_keadaan.keadaan(periode)
    assert state.status_surat == StatusSurat.MENUNGGU_ASISTEN
    assert state.rancangan is not None and state.rancangan.versi == 2
    events = q_surat.riwayat_surat(periode)
    returned = [e for e in events if "dikembalikan" in e.judul]
    assert returned and returned[0].manual and returned[0].dicatat_oleh == f.tim.nama
    assert [r.versi for r in q_surat.daftar_versi(periode)] == [1, 2]
    assert q_periode.tahap(periode) == 4


def test_opd_queries(f):
    periode = f.periode()
    rows = f.distributed(periode, 2)
    assert len(q_opd.belum_dikirimi(periode)) == len(q_opd.baris_opd(periode)) - 2
    history = q_opd.riwayat_opd(rows[0])
    assert history[0].judul.startswith("Surat diterima")
    assert q_periode.ringkasan_periode(periode).diharapkan == len(q_opd.baris_opd(periode))
