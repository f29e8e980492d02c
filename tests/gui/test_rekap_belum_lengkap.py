"""The Tim is asked first, with the missing OPDs named, before submitting or archiving."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from kinerja_app import clock
from kinerja_app.storage.models import AuditLog, PerangkatDaerah, Rekap
from kinerja_app.workflow.penyampaian import SuratMasuk, nyatakan_valid, simpan_penyampaian
from tests.factory import Row, kirim_ke_sisanya
from tests.kasus import baris, diperiksa


def three_opds_one_verified(f):
    keep = [o.id for o in PerangkatDaerah.select().order_by(PerangkatDaerah.urutan).limit(3)]
    PerangkatDaerah.update(aktif=False).where(PerangkatDaerah.id.not_in(keep)).execute()
    periode = f.periode()
    rows = f.distributed(periode, 3)
    simpan_penyampaian(
        f.tim, rows[0], SuratMasuk(clock.now()), baris(Row("IKM", 80, 84, 105.0)), []
    )
    nyatakan_valid(f.tim, diperiksa(rows[0]))
    return periode, rows


def test_submitting_an_incomplete_recap_names_the_opds_and_records_the_reason(f, window_for, qtbot):
    periode, rows = three_opds_one_verified(f)
    window = window_for(f.tim, periode.id)
    dialogs = window.ctx.dialogs
    dialogs.text_answers += ["Satu OPD lengkap.", "Batas LKjIP; dua OPD menyusul."]
    qtbot.mouseClick(window.tim.rekap_button, Qt.MouseButton.LeftButton)
    asked = [m for m in dialogs.messages if m[0] == "ask_text"]
    assert len(asked) == 2
    for p in rows[1:]:
        assert p.opd.nama in asked[1][2]
    assert rows[0].opd.nama not in asked[1][2]
    assert Rekap.select().count() == 1
    row = AuditLog.select().where(AuditLog.aksi == "ajukan_rekap").get()
    assert json.loads(row.detail_json)["alasan"] == "Batas LKjIP; dua OPD menyusul."


def test_cancelling_the_reason_submits_nothing(f, window_for, qtbot):
    periode, _rows = three_opds_one_verified(f)
    window = window_for(f.tim, periode.id)
    window.ctx.dialogs.text_answers += ["Satu OPD lengkap.", None]
    qtbot.mouseClick(window.tim.rekap_button, Qt.MouseButton.LeftButton)
    assert Rekap.select().count() == 0


def test_the_reason_box_lists_the_opds_and_requires_a_reason(f, qtbot):
    from ui.dialogs import DialogService

    box = DialogService().kotak_catatan(
        None, "Ajukan rekap", "Alasan:", wajib=True, daftar=["Dinas A — Belum", "Dinas B — Belum"]
    )
    qtbot.addWidget(box)
    box.show()
    assert box.daftar.isVisible() and box.daftar.count() == 2
    box.accept()
    assert box.isVisible() and box.problem.isVisible()


def test_the_kabag_sees_the_reason_and_the_missing_opds(f, window_for):
    from kinerja_app.workflow.rekap import ajukan_rekap

    periode, rows = three_opds_one_verified(f)
    ajukan_rekap(f.tim, periode, "Satu OPD lengkap.", alasan_belum_lengkap="Batas LKjIP.")
    window = window_for(f.kabag, periode.id)
    window.kabag.table.selectRow(0)
    text = window.kabag.detail.toPlainText()
    assert "Batas LKjIP." in text and rows[2].opd.nama in text


def one_opd_in_of_three_sent(f):
    """A new office: the letter went to three of its 36 OPDs so far, one sent its data."""
    periode = f.periode()
    rows = f.distributed(periode, 3)
    simpan_penyampaian(
        f.tim, rows[0], SuratMasuk(clock.now()), baris(Row("IKM", 80, 84, 105.0)), []
    )
    return periode


def test_the_recap_waits_until_every_opd_got_the_letter_and_the_button_says_so(
    f, window_for, qtbot
):
    """Before, the Tim submitted and the Kabag approved such a recap, and step 10 then refused
    to archive it ("33 Perangkat Daerah belum dikirimi surat"), with step 6 still red."""
    periode = one_opd_in_of_three_sent(f)
    window = window_for(f.tim, periode.id)
    button = window.tim.rekap_button
    assert not button.isEnabled()
    assert "33 Perangkat Daerah belum dikirimi surat" in button.toolTip()
    kirim_ke_sisanya(f, periode)
    window.refresh_all()
    assert button.isEnabled(), button.toolTip()


def test_submitting_from_the_recap_tab_says_why_before_asking_anything(f, qtbot):
    from tests.gui.conftest import fake_dialogs, make_ctx
    from ui.recap.tab import RekapTab

    periode = one_opd_in_of_three_sent(f)
    ctx = make_ctx(f.tim, periode.id)
    tab = RekapTab(ctx)
    qtbot.addWidget(tab)
    qtbot.mouseClick(tab.btn_ajukan, Qt.MouseButton.LeftButton)
    (message,) = fake_dialogs(ctx).messages
    assert message[0] == "warning" and "33 Perangkat Daerah belum dikirimi surat" in message[2]
    assert Rekap.select().count() == 0
