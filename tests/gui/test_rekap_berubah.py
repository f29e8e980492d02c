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


def test_after_an_unlock_the_tim_reads_why_the_final_recap_came_back(f, window_for, jam, tmp_path):
    """The Kabag unlocked the archived period with a reason; the Tim's inbox said "Perbaiki
    rekapitulasi sesuai masukan Kabag", but the recap beside it showed only "Disetujui: Setuju"
    under "Dikembalikan ke Tim": the reason was in the audit trail alone."""
    from kinerja_app.workflow.periode import buka_kunci_periode
    from kinerja_app.workflow.rekap import finalisasi_arsip

    periode, _rows = three_opds_one_verified(f)
    r1 = Rekap.get_by_id(
        ajukan_rekap(f.tim, periode, "Satu OPD lengkap.", alasan_belum_lengkap=ALASAN).objek_id
    )
    jam.maju(minutes=30)
    review_rekap(f.kabag, r1, True, "Setuju")
    doc = tmp_path / "rekap.docx"
    doc.write_bytes(b"x")
    finalisasi_arsip(
        f.tim, Rekap.get_by_id(r1.id), [("Dokumen Rekapitulasi", doc)], alasan_belum_lengkap=ALASAN
    )
    jam.maju(days=2)
    buka_kunci_periode(f.kabag, Periode.get_by_id(periode.id), "Koreksi capaian Dinas Kesehatan")

    tab = window_for(f.tim, periode.id).tim
    tab.refresh()
    shown = tab.detail.toPlainText()
    assert "Koreksi capaian Dinas Kesehatan" in shown
    assert f"dibuka kembali oleh {f.kabag.nama}" in shown


def test_the_arsip_tab_names_the_final_archive_copy_and_its_recap_version(
    f, window_for, jam, tmp_path
):
    """Two identical "Dokumen Rekapitulasi" rows: the Tim's printed copy and the one the final
    archive keeps; only the second belongs to step 10, and an auditor must see which."""
    from kinerja_app.documents import berkas
    from kinerja_app.storage.models import Arsip
    from kinerja_app.workflow.rekap import finalisasi_arsip
    from ui.tabs.arsip import ArsipModel

    periode, _rows = three_opds_one_verified(f)
    r1 = Rekap.get_by_id(
        ajukan_rekap(f.tim, periode, "Satu OPD lengkap.", alasan_belum_lengkap=ALASAN).objek_id
    )
    jam.maju(minutes=30)
    review_rekap(f.kabag, r1, True, "Setuju")
    f.lambang_resmi()
    printed = berkas.dokumen_rekapitulasi(f.tim, periode, Rekap.get_by_id(r1.id)).paths[0]
    finalisasi_arsip(
        f.tim,
        Rekap.get_by_id(r1.id),
        [("Dokumen Rekapitulasi", printed)],
        alasan_belum_lengkap=ALASAN,
    )
    assert Arsip.select().where(Arsip.jenis == "Dokumen Rekapitulasi").count() == 2
    tab = window_for(f.kabag, periode.id).arsip
    tab.refresh()
    model = tab.files
    kinds = [model.data(model.index(r, ArsipModel.JENIS)) for r in range(model.rowCount())]
    assert "Dokumen Rekapitulasi — arsip final, rekap versi 1" in kinds
    assert "Dokumen Rekapitulasi" in kinds  # the Tim's own printed copy
