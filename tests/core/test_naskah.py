"""Lacak naskah: each outgoing letter's status, recipients and history, from draft to receipt."""

from __future__ import annotations

from kinerja_app import clock
from kinerja_app.queries.naskah import PERMINTAAN, lacak_naskah
from kinerja_app.storage.models import Pengumpulan, SuratKeluar
from kinerja_app.storage.models.master import Role
from kinerja_app.workflow.paraf import kembalikan_rancangan
from kinerja_app.workflow.register import JenisSurat


def test_no_letter_before_a_draft(f):
    periode = f.periode()
    f.disposisi(periode)
    assert lacak_naskah(periode) == []


def test_a_draft_is_tracked_with_its_returns_and_no_number(f):
    periode = f.periode()
    f.disposisi(periode)
    v1 = f.draft(periode)
    kembalikan_rancangan(f.kabag, v1, Role.KABAG, "Tambah tembusan Inspektur")
    f.draft(periode)
    (letter,) = lacak_naskah(periode)
    assert letter.jenis == PERMINTAAN and letter.nomor == "" and letter.tanggal is None
    assert letter.status == "Draf versi 2: Menunggu paraf Kabag"
    titles = [e.judul for e in letter.riwayat]
    assert "Versi 1 dikembalikan oleh Kepala Bagian Organisasi" in titles
    assert letter.diterima == 0


def test_a_signed_letter_shows_its_number_and_each_receipt(f):
    periode = f.periode()
    rows = f.distributed(periode, 2)
    expected = Pengumpulan.select().where(Pengumpulan.periode == periode).count()
    letter, *others = lacak_naskah(periode)
    # the Setda's own copy, and the surat pengantar that went with each delivered letter
    assert sorted(n.jenis for n in others) == sorted(
        [JenisSurat.NOTA_DINAS.label] + [JenisSurat.PENGANTAR.label] * 2
    )
    register = SuratKeluar.get(SuratKeluar.jenis == JenisSurat.PERMINTAAN)
    assert (letter.nomor, letter.tanggal) == (register.nomor, register.tanggal)
    assert letter.status == f"Ditandatangani; diterima 2 dari {expected} Perangkat Daerah"
    got = {p.nama: p for p in letter.penerima if p.diterima_pada}
    assert set(got) == {p.opd.nama for p in rows}
    assert got[rows[0].opd.nama].penerima == f"Penerima {rows[0].id}"
    received = [e for e in letter.riwayat if e.judul.startswith("Diterima ")]
    assert len(received) == 2 and all(e.dicatat_oleh == f.tim.nama for e in received)
    assert [e.waktu for e in letter.riwayat] == sorted(e.waktu for e in letter.riwayat)


def test_other_letters_of_the_register_are_tracked_too(f):
    periode = f.periode()
    f.distributed(periode, 1)
    SuratKeluar.create(
        tahun=2026,
        urut=99,
        nomor="000.8.6.3/99/Org",
        tanggal=clock.today(),
        jenis="pengingat",
        hal="Pengingat Penyampaian Data Kinerja",
        tujuan="Dinas Pendidikan",
        periode=periode,
        dicatat_oleh=f.tim,
    )
    letters = lacak_naskah(periode)
    assert [n.jenis for n in letters] == [
        PERMINTAAN,
        JenisSurat.NOTA_DINAS.label,
        JenisSurat.PENGANTAR.label,
        JenisSurat.PENGINGAT.label,
    ]
    other = letters[3]
    assert other.nomor == "000.8.6.3/99/Org" and other.tujuan == "Dinas Pendidikan"
    assert "register" in other.riwayat[0].judul
