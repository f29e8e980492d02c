"""Disposisi, pengantar, buku ekspedisi, pengingat and rekap filled and read back."""

from __future__ import annotations

import dataclasses

import docx
from docx.enum.section import WD_ORIENT

from kinerja_app.documents import render
from kinerja_app.documents.context import PERINGATAN_SOP, PageSetup
from kinerja_app.documents.diff import docx_text
from tests.documents import samples


def test_disposisi(tmp_path):
    (path,) = render.render_disposisi(samples.disposisi(), tmp_path)
    assert path.name == "Lembar Disposisi - 412.docx"
    text = docx_text(path)
    for expected in (
        "LEMBAR DISPOSISI",
        "Surat dari\t: Sekretaris Daerah Kabupaten Lamandau",
        "Diterima tanggal\t: 19 November 2026",
        "Nomor surat\t: 000.8.6.3/210/Org",
        "Nomor agenda\t: 412",
        "Tanggal surat\t: 18 November 2026",
        "\u2611 Segera",
        "\u2610 Sangat Segera",
        "Klasifikasi\t: Biasa",
        "Hal\t: Pengumpulan Data Kinerja Perangkat Daerah Tahun 2026",
        "1.\tTim Kinerja Bagian Organisasi",
        "2.\tAnalis Kebijakan Ahli Muda",
        "Dengan hormat harap:",
        "\u2611 Proses lebih lanjut",
        "\u2611 Koordinasikan/konfirmasikan",
        "\u2610 Tanggapan dan saran",
        "Mohon disiapkan rancangan Surat Permintaan Data Kinerja",
        "Batas waktu penyampaian data 15 Januari 2027.",
        "Kepala Bagian Organisasi,",
        "RINA MARLINA, S.STP., M.Si.",
        "Tanggal: 19 November 2026",
    ):
        assert expected in text, expected


def test_nota_dinas(tmp_path):
    (path,) = render.render_nota_dinas(samples.nota_dinas(), tmp_path)
    text = docx_text(path)
    for expected in (
        "NOTA DINAS",
        "Yth.",
        "Para Asisten dan Kepala Bagian di Lingkungan Sekretariat Daerah",
        "Dari",
        "Sekretaris Daerah",
        "000.8.6.3/246/Org",
        "24 November 2026",
        "SEKRETARIS DAERAH,",
    ):
        assert expected in text, expected
    assert "NIP" not in text and "a.n." not in text


def test_findings_letter_has_its_table(tmp_path):
    (path,) = render.render_surat_dinas(
        [samples.hasil_verifikasi(samples.OPDS[0])],
        tmp_path,
        jenis="Surat Hasil Verifikasi",
        template="surat_dinas",
    )
    table = docx.Document(str(path)).tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["No", "Letak", "Uraian Temuan"]
    assert [c.text for c in table.rows[1].cells] == [
        "1",
        "Data Kinerja, sel F7",
        "Target wajib diisi.",
    ]
    text = docx_text(path)
    assert "Senin, 25 Januari 2027" in text and "u.b." in text and "NIP. 19780226" in text
    assert PERINGATAN_SOP not in text


def test_pengantar_with_receipt_block(tmp_path):
    paths = render.render_pengantar([samples.pengantar(o) for o in samples.OPDS], tmp_path)
    assert [p.name for p in paths] == [f"Surat Pengantar - {o.nama_opd}.docx" for o in samples.OPDS]
    text = docx_text(paths[0])
    assert "SURAT PENGANTAR" in text
    assert "Nomor: 000.8.6.3/246/Org" in text
    assert "Yth. Kepala Dinas Kesehatan" in text
    assert "Format Isian Data Kinerja (berkas .xlsx)" in text
    assert "TANDA TERIMA" in text
    assert "Diterima tanggal: ....." in text
    assert "NIP. 19780226 199703 1 002" in text  # the Kabag signs with NIP (art. 44 (3))
    assert "a.n. SEKRETARIS DAERAH" in text and "u.b." in text
    table = docx.Document(str(paths[0])).tables[1]
    assert [c.text for c in table.rows[0].cells] == [
        "No",
        "Naskah Dinas yang Dikirimkan",
        "Banyaknya",
        "Keterangan",
    ]
    assert len(table.rows) == 3


def test_pengantar_receipt_filled_in(tmp_path):
    filled = dataclasses.replace(
        samples.pengantar(samples.OPDS[0]),
        tanggal_diterima=samples.TANGGAL,
        nama_penerima="Ahmad Fauzi",
        nip_penerima="199001012015031001",
    )
    (path,) = render.render_pengantar([filled], tmp_path)
    text = docx_text(path)
    assert "Diterima tanggal: 24 November 2026" in text
    assert "Nama\t: Ahmad Fauzi" in text
    assert "NIP\t: 19900101 201503 1 001" in text


def test_buku_ekspedisi_is_landscape_with_all_rows(tmp_path):
    (path,) = render.render_buku_ekspedisi(samples.buku(), tmp_path, page_setup=PageSetup("F4"))
    document = docx.Document(str(path))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width is not None and section.page_height is not None
    assert section.page_width > section.page_height
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "No",
        "Tanggal Kirim",
        "Nomor Surat",
        "Tanggal Surat",
        "Kepada",
        "Perihal",
        "Nama Penerima",
        "Tanggal Terima",
        "Paraf",
        "Ket.",
    ]
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert len(rows) == 3
    assert rows[0][:8] == [
        "1",
        "24 November 2026",
        "000.8.6.3/246/Org",
        "24 November 2026",
        "Kepala Dinas Kesehatan",
        "Penyampaian Surat Permintaan Data Kinerja Tahun 2026",
        "Ahmad (staf)",
        "24 November 2026",
    ]
    assert rows[1][6:8] == ["", ""]
    text = docx_text(path)  # closed by the dispatch officer and the Kabag
    assert "Petugas Ekspedisi," in text and "Mengetahui," in text
    assert "Nanga Bulik, 24 November 2026" in text and "RINA MARLINA, S.STP., M.Si." in text


def test_pengingat_carries_the_sop_warning(tmp_path):
    (path,) = render.render_surat_dinas([samples.pengingat(samples.OPDS[0])], tmp_path)
    assert path.name == "Surat Pengingat - Dinas Kesehatan.docx"
    paras = [p.text for p in docx.Document(str(path)).paragraphs]
    warning = paras.index(f"“{PERINGATAN_SOP}”")
    assert paras[warning - 1].startswith("Menindaklanjuti Surat Sekretaris Daerah")
    assert paras.count(f"“{PERINGATAN_SOP}”") == 1
    assert "NIP" not in docx_text(path)


def test_surat_dinas_by_the_kabag_prints_pangkat_and_nip(tmp_path):
    letter = dataclasses.replace(samples.pengingat(samples.OPDS[0]), ttd=samples.TTD_KABAG)
    (path,) = render.render_surat_dinas([letter], tmp_path)
    text = docx_text(path)
    assert "KEPALA BAGIAN ORGANISASI," in text
    assert "NIP. 19780226 199703 1 002" in text
    assert "Pembina (IV/a)" in text


def test_rekap_final_and_draft(tmp_path):
    (final,) = render.render_rekap(samples.rekap(draft=False), tmp_path)
    (draft,) = render.render_rekap(samples.rekap(draft=True), tmp_path)
    assert final.name == "Rekapitulasi Data Kinerja 2026.docx"
    assert draft.name == "Draf Rekapitulasi v3 Data Kinerja 2026.docx"
    text = docx_text(final)
    assert "DOKUMEN REKAPITULASI DATA KINERJA PERANGKAT DAERAH" in text
    assert "TAHUN 2026" in text and "Periode: Januari 2027" in text
    assert "DRAF" not in text
    assert "DRAF — versi 3" in docx_text(draft)
    assert "3 Perangkat Daerah: 2 telah menyampaikan data" in text
    assert "Dinas PUPR agar segera diingatkan kembali." in text
    assert "Rantai audit: sha256:3f1a9c0b" in text
    document = docx.Document(str(final))
    assert document.sections[0].orientation == WD_ORIENT.LANDSCAPE
    table = document.tables[1]
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[1] == [
        "1",
        "Dinas Kesehatan",
        "Diterima",
        "24 November 2026",
        "–",
        "10 Januari 2027",
        "Ya",
        "0",
        "24",
        "97,80",
        "Sangat Tinggi",
    ]
    assert rows[3][3:7] == ["24 November 2026", "–", "–", "–"]
    assert rows[3][9:] == ["–", "–"]
    hash_run = next(
        r for p in document.paragraphs for r in p.runs if r.text.startswith("Rantai audit")
    )
    assert hash_run.font.size is not None and hash_run.font.size.pt < 9


def test_rekap_without_signers_or_hash(tmp_path):
    bare = dataclasses.replace(samples.rekap(draft=False), kabag=None, penyusun=None, audit_head="")
    (path,) = render.render_rekap(bare, tmp_path)
    text = docx_text(path)
    assert "Disusun oleh" not in text and "NIP" not in text and "Rantai audit" not in text
