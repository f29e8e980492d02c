"""Documents filled from the database: the letter of a signed period, drafts, receipts, reminders."""

from __future__ import annotations

import datetime as dt

from docx import Document
from docx.shared import Mm
from openpyxl import load_workbook

from kinerja_app import clock
from kinerja_app.admin import settings
from kinerja_app.documents import berkas_surat
from kinerja_app.importer.isian_format import META_SHEET
from kinerja_app.storage.models import Pengumpulan, Rancangan
from kinerja_app.workflow.paraf import kabag_paraf


def text_of(path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_final_letter_has_number_addressee_and_no_draft_marks(f, tmp_path):
    periode = f.periode()
    rancangan = f.signed(periode)
    paths = berkas_surat.cetak_rancangan(rancangan, final=True, out_dir=tmp_path)
    assert len(paths) == Pengumpulan.select().count()
    dinkes = next(p for p in paths if "Dinas Kesehatan" in p.name)
    text = text_of(dinkes)
    assert "000.8.6.3/1/Org" in text
    assert "Permintaan Data Kinerja Tahun 2025" in text
    assert "Kepala Dinas Kesehatan, Pengendalian Penduduk dan Keluarga Berencana" in text
    assert f.sekda.nama in text and "DRAF" not in text and "Paraf" not in text
    assert clock.today().strftime("%Y") in text


def test_draft_printout_carries_version_and_paraf_table(f, tmp_path):
    periode = f.periode()
    f.disposisi(periode)
    rancangan = f.draft(periode)
    kabag_paraf(f.kabag, rancangan)
    (path,) = berkas_surat.cetak_rancangan(
        Rancangan.get_by_id(rancangan.id), final=False, out_dir=tmp_path
    )[:1]
    text = text_of(path)
    assert "DRAF" in text and "versi 1" in text
    assert f.kabag.nama in text  # the Kabag's valid paraf is named in the table
    assert "Asisten Administrasi Umum" in text


def test_f4_setting_changes_the_page(f, tmp_path):
    periode = f.periode()
    rancangan = f.signed(periode)
    settings.put("kertas", "F4", f.admin)
    path = berkas_surat.cetak_rancangan(rancangan, final=True, out_dir=tmp_path)[0]
    section = Document(str(path)).sections[0]
    assert abs(section.page_height - Mm(330)) < Mm(1) and abs(section.page_width - Mm(215)) < Mm(1)


def test_reminders_only_for_opds_past_their_deadline(f, tmp_path):
    periode = f.periode()
    long_ago = clock.now() - dt.timedelta(days=40)
    rows = f.distributed(periode, 2, when=long_ago)
    later = clock.now() + dt.timedelta(days=3)  # the second OPD was given more time
    Pengumpulan.update(batas_waktu=later).where(Pengumpulan.id == rows[1].id).execute()
    paths = berkas_surat.cetak_pengingat(periode, out_dir=tmp_path)
    assert [p.name for p in paths] == [f"Surat Pengingat - {rows[0].opd.nama}.docx"]
    assert "Wajib Menyampaikan Data Kinerja" in text_of(paths[0])


def test_format_isian_names_opd_period_and_letter(f, tmp_path):
    periode = f.periode()
    f.signed(periode)
    p = f.pengumpulan(periode, 1)[0]
    (path,) = berkas_surat.format_isian(periode, [p.id], out_dir=tmp_path)
    meta = load_workbook(path)[META_SHEET]
    values = {row[0].value: row[1].value for row in meta.iter_rows(min_row=1, max_col=2)}
    assert values["opd_kode"] == p.opd.kode and int(values["tahun"]) == 2025
    assert values["surat_nomor"] == "000.8.6.3/1/Org"
    assert load_workbook(path)[META_SHEET].sheet_state == "veryHidden"


def test_pengantar_and_buku_ekspedisi_name_receivers(f, tmp_path):
    periode = f.periode()
    rows = f.distributed(periode, 2)
    pengantar = berkas_surat.cetak_pengantar(periode, [rows[0].id], out_dir=tmp_path)
    assert f"Penerima {rows[0].id}" in text_of(pengantar[0])
    buku = berkas_surat.cetak_buku_ekspedisi(periode, tmp_path)
    text = text_of(buku)
    assert rows[1].opd.nama in text and "000.8.6.3/1/Org" in text


def test_final_recap_prints_the_audit_chain_head(f, tmp_path):

    from kinerja_app.storage import audit
    from kinerja_app.storage.models import Penyampaian, Rekap
    from kinerja_app.workflow.penyampaian import SuratMasuk, nyatakan_valid, simpan_penyampaian
    from kinerja_app.workflow.rekap import ajukan_rekap, review_rekap
    from tests.factory import Row

    periode = f.periode()
    (p,) = f.distributed(periode, 1)
    rev = simpan_penyampaian(
        f.tim,
        p,
        SuratMasuk(clock.now()),
        [Row("IKM", 80, 84, 105.0)],
        [],
    )
    nyatakan_valid(f.tim, Penyampaian.get_by_id(rev.objek_id))
    draft_doc = berkas_surat.cetak_rekap(periode, out_dir=tmp_path / "draf")
    assert audit.chain_head() not in text_of(draft_doc)  # only the approved recap carries it
    rekap = Rekap.get_by_id(
        ajukan_rekap(f.tim, periode, "Satu OPD lengkap", alasan_belum_lengkap="Contoh").objek_id
    )
    review_rekap(f.kabag, rekap, True, "Setuju")
    final_doc = berkas_surat.cetak_rekap(
        periode, Rekap.get_by_id(rekap.id), out_dir=tmp_path / "final"
    )
    text = text_of(final_doc)
    assert audit.chain_head() in text and "DRAF" not in text


def test_recap_document_of_a_version_shows_its_snapshot_not_later_data(f, tmp_path):

    from kinerja_app.storage.models import Rekap
    from kinerja_app.workflow.penyampaian import SuratMasuk, simpan_penyampaian
    from kinerja_app.workflow.rekap import ajukan_rekap, review_rekap
    from tests.factory import Row

    periode = f.periode()
    a, b = f.distributed(periode, 2)
    moment = clock.now()
    simpan_penyampaian(f.tim, a, SuratMasuk(moment), [Row("IKM", 80, 84, 105.0)], [])
    rekap = Rekap.get_by_id(
        ajukan_rekap(f.tim, periode, "Satu OPD masuk", alasan_belum_lengkap="Contoh").objek_id
    )
    review_rekap(f.kabag, rekap, True, "Setuju")
    simpan_penyampaian(
        f.tim, b, SuratMasuk(moment), [Row("IKM", 80, 40, 50.0)], []
    )  # after approval
    approved = berkas_surat.rekap_untuk_dokumen(periode)
    assert approved is not None and approved.id == rekap.id
    context = berkas_surat.rekap_context(periode, approved)
    with_data = [r for r in context.rows if r.tanggal_data_masuk]
    assert [r.nama_opd for r in with_data] == [a.opd.nama]  # as approved, not as now
    assert not context.draft and context.audit_head
