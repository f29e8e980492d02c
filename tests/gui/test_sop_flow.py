"""The whole SOP through the GUI for 3 OPDs, step 1 to 10, logging in as each role.

Includes a Kabag "Tidak" at step 3, an OPD correction loop at step 8 and a Kabag "Tidak" at
step 9; after each step the database and the audit rows are checked.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from kinerja_app.storage import audit
from kinerja_app.storage.audit import verify_chain
from kinerja_app.storage.db import transaction
from kinerja_app.storage.models import (
    Arsip,
    AuditLog,
    Disposisi,
    Pengumpulan,
    PerangkatDaerah,
    Periode,
    Rancangan,
    Rekap,
    SuratPermintaan,
    TandaTangan,
)
from kinerja_app.storage.models.pengumpulan import StatusOpd
from kinerja_app.storage.models.rekap import StatusRekap
from kinerja_app.storage.models.surat import StatusSurat


def last_audit(aksi: str) -> AuditLog:
    row = AuditLog.select().where(AuditLog.aksi == aksi).order_by(AuditLog.id.desc()).first()
    assert row is not None, f"no audit row {aksi}"
    return row


def ok(qtbot, dialog) -> None:
    qtbot.mouseClick(
        dialog.box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def surat_status() -> StatusSurat:
    return StatusSurat(SuratPermintaan.get().status)


def enter_data(qtbot, window, pengumpulan_id: int, rows: list[tuple[str, str, str]]) -> None:
    """Tim records an OPD's data through the Perangkat Daerah tab's manual entry."""
    tab = window.opd
    window.tabs.setCurrentWidget(tab)
    tab.select_opd(pengumpulan_id)
    click(qtbot, tab.manual_button)
    dialog = tab.active_dialog
    model = dialog.model
    qtbot.keyClicks(dialog.agenda, "AG-77")
    for r, (indikator, target, realisasi) in enumerate(rows):
        model.setData(model.index(r, model.INDIKATOR), indikator)
        model.setData(model.index(r, model.TARGET), target)
        model.setData(model.index(r, model.REALISASI), realisasi)
    ok(qtbot, dialog)


def test_whole_sop_through_the_gui(f, window_for, qtbot, tmp_path):
    f.lambang_resmi()  # final papers are refused while the kop shows the placeholder lambang
    keep = [o.id for o in PerangkatDaerah.select().order_by(PerangkatDaerah.urutan).limit(3)]
    with transaction():  # as the administrator would, audited, so the data stays sealed
        PerangkatDaerah.update(aktif=False).where(PerangkatDaerah.id.not_in(keep)).execute()
        others = [o.id for o in PerangkatDaerah.select().where(PerangkatDaerah.id.not_in(keep))]
        audit.write("nonaktifkan_opd", pelaku=f.admin, data={PerangkatDaerah: others})

    # Opening the period (Kabag)
    w = window_for(f.kabag)
    w.overview.ctx.dialogs.text_answers.append("2025")
    click(qtbot, w.overview.new_button)
    periode = Periode.get(Periode.tahun == 2025)
    assert Pengumpulan.select().where(Pengumpulan.periode == periode).count() == 3
    assert last_audit("buka_periode").pelaku_nama == f.kabag.nama
    assert w.overview.current_periode_id() == periode.id
    assert w.overview.flow.tahap == 1

    # Step 1: Kabag's disposisi
    click(qtbot, w.kabag.disposisi_button)
    ok(qtbot, w.kabag.active_dialog)
    assert Disposisi.select().count() == 1
    assert last_audit("buat_disposisi").pelaku_nama == f.kabag.nama
    assert not w.kabag.disposisi_button.isEnabled()
    assert w.kabag.inbox.rowCount() == 0

    # Step 2: Tim drafts and submits
    w = window_for(f.tim)
    assert [t.langkah for t in w.tim.inbox.records()] == [2]
    click(qtbot, w.tim.draft_button)
    form = w.tim.draft
    qtbot.keyClicks(form.catatan, "Versi pertama")
    click(qtbot, form.submit_button)
    assert Rancangan.select().count() == 1
    assert surat_status() == StatusSurat.MENUNGGU_KABAG
    assert last_audit("simpan_rancangan").pelaku_nama == f.tim.nama

    # Step 3 "Tidak": Kabag returns it with a note
    w = window_for(f.kabag)
    assert [t.langkah for t in w.kabag.inbox.records()] == [3]
    w.kabag.ctx.dialogs.text_answers.append("Batas waktu terlalu singkat, tambah satu minggu.")
    click(qtbot, w.kabag.return_button)
    assert surat_status() == StatusSurat.DIKEMBALIKAN
    assert "terlalu singkat" in last_audit("kembalikan_rancangan_kabag").keterangan

    # Step 2 again: the Tim sees the note, revises, resubmits (version 2)
    w = window_for(f.tim)
    form = w.tim.draft
    assert "terlalu singkat" in form.status.text()
    form.paragraf.moveCursor(form.paragraf.textCursor().MoveOperation.End)
    qtbot.keyClicks(form.paragraf, " Batas waktu diperpanjang.")
    qtbot.keyClicks(form.catatan, "Batas waktu diperbaiki")
    click(qtbot, form.submit_button)
    assert Rancangan.select().count() == 2
    assert surat_status() == StatusSurat.MENUNGGU_KABAG
    form.version_table.selectRow(0)
    assert "diperpanjang" in form.diff_view.toHtml()

    # Step 3 "Ya": Kabag paraf
    w = window_for(f.kabag)
    click(qtbot, w.kabag.paraf_button)
    assert surat_status() == StatusSurat.MENUNGGU_ASISTEN
    assert last_audit("paraf_kabag").keterangan.endswith("versi 2")

    # Step 4: Asisten paraf
    w = window_for(f.asisten)
    assert not w.kabag.paraf_button.isEnabled()
    click(qtbot, w.asisten.paraf_button)
    assert surat_status() == StatusSurat.MENUNGGU_SEKDA
    assert last_audit("paraf_asisten").pelaku_nama == f.asisten.nama

    # Step 5: the Sekda signs in wet ink; the Tim records it ("Catat tindakan manual")
    w = window_for(f.tim)
    click(qtbot, w.tim.manual_button)
    dialog = w.tim.active_dialog
    dialog.act.setCurrentIndex(dialog.act.findData("ttd_sekda"))
    assert dialog.official.currentData() == f.sekda.id
    ok(qtbot, dialog)
    ttd = TandaTangan.get()
    assert (ttd.oleh_id, ttd.dicatat_oleh_id) == (f.sekda.id, f.tim.id)
    row = last_audit("sekda_tandatangani")
    assert (row.pelaku_nama, row.pencatat_nama) == (f.sekda.nama, f.tim.nama)
    assert surat_status() == StatusSurat.DITANDATANGANI
    assert f"dicatat oleh {f.tim.nama}" in w.tim.detail.toPlainText()

    # Step 6: the Tim distributes with receipts
    panel = w.tim.distribusi
    model = panel.model
    assert model.rowCount() == 3
    for r in range(3):
        model.setData(model.index(r, model.PENERIMA), f"Penerima {r + 1}")
    click(qtbot, panel.go_button)
    statuses = {p.status for p in Pengumpulan.select()}
    assert statuses == {StatusOpd.SURAT_DITERIMA.value}
    assert AuditLog.select().where(AuditLog.aksi == "distribusikan").count() == 3

    # Step 7: the OPDs submit; the Tim records them (one with a missing realisasi)
    ids = [p.id for p in Pengumpulan.select().order_by(Pengumpulan.id)]
    enter_data(qtbot, w, ids[0], [("Indeks kepuasan masyarakat", "80", "84,5")])
    enter_data(qtbot, w, ids[1], [("Persentase layanan tepat waktu", "90", "")])
    enter_data(qtbot, w, ids[2], [("Nilai SAKIP", "70", "72")])
    assert {p.status for p in Pengumpulan.select()} == {StatusOpd.DATA_MASUK.value}
    assert AuditLog.select().where(AuditLog.aksi == "simpan_penyampaian").count() == 3

    # Step 8: verification with a correction loop for the second OPD
    tab = w.opd
    tab.select_opd(ids[1])
    tab.ctx.dialogs.text_answers.append("Realisasi belum diisi; lengkapi.")
    click(qtbot, tab.return_button)
    assert Pengumpulan.get_by_id(ids[1]).status == StatusOpd.PERLU_PERBAIKAN
    assert last_audit("kembalikan_data").opd_id == Pengumpulan.get_by_id(ids[1]).opd_id
    enter_data(qtbot, w, ids[1], [("Persentase layanan tepat waktu", "90", "88")])
    assert Pengumpulan.get_by_id(ids[1]).revisi_terakhir == 2
    for pid in ids:
        tab.select_opd(pid)
        click(qtbot, tab.valid_button)
    assert {p.status for p in Pengumpulan.select()} == {StatusOpd.TERVERIFIKASI.value}
    assert AuditLog.select().where(AuditLog.aksi == "nyatakan_valid").count() == 3
    w.tim.ctx.dialogs.text_answers.append("Seluruh OPD menyampaikan; satu OPD memperbaiki data.")
    click(qtbot, w.tim.rekap_button)
    assert Rekap.get().status == StatusRekap.DIAJUKAN

    # Step 9 "Tidak": the Kabag returns the recap with input
    w = window_for(f.kabag)
    assert [t.langkah for t in w.kabag.inbox.records()] == [9]
    w.kabag.ctx.dialogs.text_answers.append("Tambahkan analisa ketepatan waktu.")
    click(qtbot, w.kabag.rekap_back_button)
    assert Rekap.get().status == StatusRekap.DIKEMBALIKAN
    assert last_audit("review_rekap").keterangan.startswith("Rekap versi 1 dikembalikan")

    # Step 8 again, then 9 "Ya"
    w = window_for(f.tim)
    w.tim.ctx.dialogs.text_answers.append(
        "Semua OPD tepat waktu; satu OPD memperbaiki data sekali."
    )
    click(qtbot, w.tim.rekap_button)
    assert Rekap.select().where(Rekap.versi == 2).get().status == StatusRekap.DIAJUKAN
    w = window_for(f.kabag)
    w.kabag.ctx.dialogs.text_answers.append("Setuju.")
    click(qtbot, w.kabag.rekap_ok_button)
    assert Rekap.select().where(Rekap.versi == 2).get().status == StatusRekap.DISETUJUI

    # Step 10: finalise and archive; the period locks. The app writes the final document from
    # the approved version; the Tim adds a scan of the signed recap.
    scan = tmp_path / "Rekapitulasi bertanda tangan.pdf"
    scan.write_bytes(b"%PDF pindaian")
    w = window_for(f.tim)
    w.tim.ctx.dialogs.files_answers.append([scan])
    w.tim.ctx.dialogs.text_answers.append("2")
    click(qtbot, w.tim.final_button)
    assert Periode.get_by_id(periode.id).terkunci
    # the set archived at step 10 (the papers printed on the way are in the archive too)
    generated, attached = Arsip.select().where(Arsip.rekap.is_null(False)).order_by(Arsip.id)
    assert generated.jenis == "Dokumen Rekapitulasi" and generated.berkas.endswith(".docx")
    assert attached.jenis == "Lampiran arsip" and attached.salinan == 2 and attached.sha256
    from docx import Document

    text = "\n".join(
        c.text for t in Document(generated.berkas).tables for r in t.rows for c in r.cells
    )
    text += "\n".join(p.text for p in Document(generated.berkas).paragraphs)
    assert generated.audit_head[:16] in text and "DRAF" not in text
    assert last_audit("finalisasi_arsip").pelaku_nama == f.tim.nama
    assert w.overview.flow.tahap == 11
    assert not w.tim.manual_button.isEnabled()
    assert w.arsip.files.rowCount() == Arsip.select().count() >= 3
    assert verify_chain().ok
    assert not AuditLog.select().where(AuditLog.hasil == "ditolak").exists()
