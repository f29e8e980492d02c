"""Step 1 happens once per period: a second disposisi would replace the real one everywhere."""

from __future__ import annotations

import pytest

from kinerja_app.errors import ActionRefused
from kinerja_app.queries.surat import disposisi_terakhir
from kinerja_app.storage.models import AuditLog, Disposisi
from kinerja_app.workflow.disposisi import buat_disposisi


def test_a_second_disposisi_is_refused_and_the_first_stays(f):
    periode = f.periode()
    buat_disposisi(f.kabag, periode, hal="Pengumpulan data kinerja", isi="Segera proses")
    real = disposisi_terakhir(periode)
    assert real is not None
    with pytest.raises(ActionRefused, match="sudah"):
        buat_disposisi(
            f.tim, periode, hal="Pengumpulan", isi="Proses sesuai SOP.", atas_nama=f.kabag
        )
    assert [d.id for d in Disposisi.select()] == [real.id]
    refused = AuditLog.select().where(AuditLog.hasil == "ditolak").get()
    assert refused.aksi == "buat_disposisi" and refused.periode_id == periode.id


def test_each_period_has_its_own_disposisi(f):
    first, second = f.periode(2025), f.periode(2026)
    buat_disposisi(f.kabag, first, hal="Data 2025", isi="Segera proses")
    buat_disposisi(f.kabag, second, hal="Data 2026", isi="Segera proses")
    assert Disposisi.select().count() == 2
