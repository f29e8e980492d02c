"""An official sees what changed since the version they last read, next to their note."""

from __future__ import annotations

from dataclasses import replace

from kinerja_app.storage.models import Rancangan
from kinerja_app.storage.models.master import Role
from kinerja_app.workflow.paraf import kembalikan_rancangan
from kinerja_app.workflow.rancangan import isi_default, simpan_rancangan


def test_kabag_sees_the_diff_after_a_return(f, window_for, qtbot):
    periode = f.periode()
    f.disposisi(periode)
    v1 = f.draft(periode)
    kembalikan_rancangan(f.kabag, v1, Role.KABAG, "Tambahkan tembusan Inspektur")
    isi = isi_default(periode)
    better = replace(isi, tembusan=(*isi.tembusan, "Inspektur Daerah Kabupaten Lamandau"))
    simpan_rancangan(f.tim, periode, better, ajukan=True)
    assert Rancangan.select().count() == 2

    window = window_for(f.kabag, periode.id)
    window.kabag.table.selectRow(0)
    text = window.kabag.detail.toPlainText()
    assert "Perubahan sejak versi 1 yang terakhir Anda periksa" in text
    assert "Inspektur Daerah Kabupaten Lamandau" in text
    assert "Catatan Anda pada versi 1: Tambahkan tembusan Inspektur" in text
    html = window.kabag.detail.toHtml()
    assert "#d1e7dd" in html  # the added words are marked

    # the Asisten never saw the draft: no diff for them
    assert "Perubahan sejak" not in window_for(f.asisten, periode.id).asisten.detail.toPlainText()
