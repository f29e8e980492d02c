"""Papers that must agree with each other, found by reading a whole period's papers as the
agenda officer does (issue 11): the nota dinas signed with the letter, the buku ekspedisi naming
what was really sent, findings of typed data pointing where the OPD can look."""

from __future__ import annotations

from kinerja_app import clock
from kinerja_app.documents import berkas
from kinerja_app.documents.diff import docx_text
from kinerja_app.storage.models import Rancangan
from kinerja_app.storage.models.surat import CaraTtd
from kinerja_app.workflow.paraf import asisten_paraf, kabag_paraf
from kinerja_app.workflow.tandatangan import sekda_tandatangani

SRIKANDI = "B/000.8.6.3/17/SETDA/2026"


def _signed_in_srikandi(f):
    periode = f.periode()
    f.disposisi(periode)
    rancangan = f.draft(periode)
    kabag_paraf(f.kabag, rancangan)
    asisten_paraf(f.asisten, Rancangan.get_by_id(rancangan.id))
    sekda_tandatangani(
        f.tim,
        Rancangan.get_by_id(rancangan.id),
        cara=CaraTtd.ELEKTRONIK,
        nomor_srikandi=SRIKANDI,
        tanggal=clock.today(),
        atas_nama=f.sekda,
    )
    return periode


def test_nota_dinas_signed_with_the_letter_in_srikandi_says_so(f):
    """The nota dinas is signed in the act that signed the letter: when that act was
    electronic, the nota dinas does not leave a space for a wet signature."""
    f.lambang_resmi()
    periode = _signed_in_srikandi(f)
    letter = docx_text(berkas.surat_permintaan(f.tim, periode).paths[0])
    nota = docx_text(berkas.nota_dinas(f.tim, periode).paths[0])
    mark = "Ditandatangani secara elektronik melalui SRIKANDI"
    assert mark in letter
    assert mark in nota


def test_nota_dinas_signed_wet_has_no_electronic_mark(f):
    f.lambang_resmi()
    periode = f.periode()
    f.signed(periode)
    assert "SRIKANDI" not in docx_text(berkas.nota_dinas(f.tim, periode).paths[0])


def test_buku_ekspedisi_names_the_nota_dinas_sent_to_the_setda(f):
    """The Sekretariat Daerah's bagian got the nota dinas, not the letter to the other OPDs:
    its row in the buku ekspedisi cites what its pengantar carried."""
    import datetime as dt

    from kinerja_app.storage.models import SuratKeluar
    from kinerja_app.workflow.distribusi import TandaTerima, distribusikan
    from kinerja_app.workflow.register import penerima_surat, setda_sendiri

    f.lambang_resmi()
    periode = f.periode()
    f.signed(periode, clock.now() - dt.timedelta(hours=3))
    rows = list(penerima_surat(periode.id))
    setda = next(p for p in rows if setda_sendiri(p.opd))
    other = next(p for p in rows if not setda_sendiri(p.opd))
    moment = clock.now() - dt.timedelta(hours=1)
    distribusikan(f.tim, periode, [TandaTerima(p.id, "TU", moment) for p in (setda, other)])
    letter = SuratKeluar.get(SuratKeluar.jenis == "permintaan")
    nota = SuratKeluar.get(SuratKeluar.jenis == "nota_dinas")
    from docx import Document

    (path,) = berkas.buku_ekspedisi(f.tim, periode).paths
    table = Document(str(path)).tables[0]
    perihal = {r.cells[4].text: r.cells[5].text for r in table.rows[1:] if r.cells[0].text.strip()}
    setda_row = perihal["Para Asisten dan Kepala Bagian di Lingkungan Sekretariat Daerah"]
    assert nota.nomor in setda_row and letter.nomor not in setda_row
    assert letter.nomor in perihal[other.opd.jabatan_kepala or f"Kepala {other.opd.nama}"]


def test_findings_of_typed_data_point_at_the_indicator_not_a_row_of_no_sheet(f):
    """Data typed from the OPD's paper has no workbook: "Baris 1" names a row the OPD cannot
    find; the findings letter points at the indicator's number on its own list."""
    import datetime as dt

    from docx import Document

    from kinerja_app.importer.data import Finding
    from kinerja_app.storage.models import Penyampaian
    from kinerja_app.workflow.distribusi import TandaTerima, distribusikan
    from kinerja_app.workflow.penyampaian import SuratMasuk, kembalikan_data, simpan_penyampaian
    from tests.factory import Row

    f.lambang_resmi()
    periode = f.periode()
    f.signed(periode, clock.now() - dt.timedelta(hours=3))
    (p,) = f.pengumpulan(periode, 1)
    distribusikan(f.tim, periode, [TandaTerima(p.id, "TU", clock.now() - dt.timedelta(hours=2))])
    typed = Finding("error", "capaian_tidak_terhitung", "IKM: Realisasi kosong.", None, 2)
    rev = simpan_penyampaian(
        f.tim,
        p,
        SuratMasuk(clock.now() - dt.timedelta(hours=1)),
        [Row("IKM", 80, None, None)],
        [typed],
    )
    penyampaian = Penyampaian.get_by_id(rev.objek_id)
    assert penyampaian.berkas is None  # typed, no workbook
    kembalikan_data(f.tim, penyampaian, "Lengkapi realisasi.")
    (path,) = berkas.surat_hasil_verifikasi(f.tim, penyampaian).paths
    cells = [[c.text for c in r.cells] for t in Document(str(path)).tables for r in t.rows]
    found = next(r for r in cells if len(r) == 3 and "Realisasi kosong" in r[2])
    assert found[1] == "Indikator no. 2"


def test_a_capaian_prints_as_the_recap_workbook_shows_it():
    """84,5 of a target of 80 is 105,625 %: the .xlsx recap shows 105,63 (a spreadsheet rounds
    the float's 15 significant digits); the .docx recap printed 105,62, from the float's binary
    tail 105,62499999999999. The same number reads the same on both papers."""
    from kinerja_app.formatting import format_angka
    from kinerja_app.rekap.capaian import Polaritas, hitung_capaian

    value = hitung_capaian(80, 84.5, Polaritas.POSITIF).nilai
    assert format_angka(value) == "105,63"
    assert format_angka(2.675) == "2,68" and format_angka(-1.005) == "-1,01"
    assert format_angka(1234567.125) == "1.234.567,13"
