"""Data changed after the Kabag approved the recap: the Kabag and the Tim are told which OPDs,
finalisation waits, and the Tim submits a new version instead of archiving stale numbers."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kinerja_app import clock
from kinerja_app.storage.models import Periode, Rekap
from kinerja_app.storage.models.rekap import StatusRekap
from kinerja_app.workflow.penyampaian import SuratMasuk, nyatakan_valid, simpan_penyampaian
from kinerja_app.workflow.rekap import ajukan_rekap, review_rekap
from tests.factory import Row
from tests.gui.test_rekap_belum_lengkap import three_opds_one_verified
from tests.kasus import baris, diperiksa

ALASAN = "Batas LKjIP; dua OPD menyusul."


def test_an_opd_verified_after_the_approval_sends_the_recap_back_to_the_kabag(
    f, window_for, qtbot, jam
):
    periode, rows = three_opds_one_verified(f)
    r1 = Rekap.get_by_id(
        ajukan_rekap(f.tim, periode, "Satu OPD lengkap.", alasan_belum_lengkap=ALASAN).objek_id
    )
    jam.maju(minutes=30)
    review_rekap(f.kabag, r1, True, "Setuju")
    jam.maju(minutes=30)
    simpan_penyampaian(
        f.tim, rows[1], SuratMasuk(clock.now()), baris(Row("IKM", 80, 84, 105.0)), []
    )
    nyatakan_valid(f.tim, diperiksa(rows[1]))  # after the approval

    window = window_for(f.tim, periode.id)
    tab = window.tim
    assert not tab.final_button.isEnabled()
    assert "Data berubah" in tab.final_button.toolTip()
    assert "berubah sejak rekap versi 1 disetujui Kabag" in tab.detail.toPlainText()
    assert rows[1].opd.nama in tab.detail.toPlainText()
    assert tab.rekap_button.isEnabled()
    window.ctx.dialogs.text_answers += ["Dua OPD lengkap.", ALASAN]
    qtbot.mouseClick(tab.rekap_button, Qt.MouseButton.LeftButton)
    latest = Rekap.select().order_by(Rekap.versi.desc()).first()
    assert (latest.versi, latest.status) == (2, StatusRekap.DIAJUKAN)
    assert not Periode.get_by_id(periode.id).terkunci
    kabag = window_for(f.kabag, periode.id).kabag
    kabag.refresh()
    assert kabag.rekap_ok_button.isEnabled()
    assert "berubah sejak" not in kabag.detail.toPlainText()  # version 2 holds today's data
