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
