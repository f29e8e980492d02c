"""Papers of steps 1–5 filled from the database: each archived with its number, date and
SHA-256; the kop matches the signer; drafts and the copy to sign leave number and date open."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest
from docx import Document
from docx.shared import Mm

from kinerja_app import clock
from kinerja_app.admin import settings
from kinerja_app.documents import berkas
from kinerja_app.documents.diff import docx_text
from kinerja_app.errors import UserError
from kinerja_app.formatting import format_tanggal
from kinerja_app.queries.surat import riwayat_surat
from kinerja_app.storage.files import sha256_file
from kinerja_app.storage.models import Arsip, Disposisi, Rancangan, SuratKeluar
from kinerja_app.storage.models.surat import CaraTtd
from kinerja_app.workflow.paraf import asisten_paraf, kabag_paraf
from kinerja_app.workflow.tandatangan import sekda_tandatangani


def test_final_letter_one_number_dated_by_signature_pemda_kop_and_archived(f):
    f.lambang_resmi()
    periode = f.periode()
    rancangan = f.signed(periode)
    done = berkas.surat_permintaan(f.tim, periode)
    (naskah,) = done.naskah  # one letter, one number, the Daftar Penerima as its lampiran
    text = docx_text(naskah.berkas)
    assert naskah.nomor == "000.8.6.3/1/Org" and naskah.tanggal == clock.today()
    assert f"Nomor\t:\t{naskah.nomor}" in text
    assert f"Nanga Bulik, {format_tanggal(clock.today())}" in text
    assert "Permintaan Data Kinerja Tahun 2025" in text
    assert "Kepala Dinas Kesehatan, Pengendalian Penduduk dan Keluarga Berencana" in text
    assert "DAFTAR PENERIMA" in text and "SURAT BUPATI LAMANDAU" in text
    # a.n. Bupati: the Pemerintah Daerah's kop, not the Sekretariat Daerah's
    assert "PEMERINTAH KABUPATEN LAMANDAU" in text and "SEKRETARIAT DAERAH" not in text
    assert "a.n. BUPATI LAMANDAU" in text and f.sekda.nama in text
    assert "DRAF" not in text and "Paraf" not in text
    # the Setda's own bagian get a nota dinas, not a letter from the Sekda to himself
    assert "Yth. Sekretaris Daerah" not in text and "\tSekretaris Daerah\t" not in text
    row = Arsip.get_by_id(naskah.arsip_id)
    assert (row.nomor, row.tanggal, row.sha256) == (
        naskah.nomor,
        naskah.tanggal,
        sha256_file(naskah.berkas),
    )
    assert rancangan.versi == 1
    # printing again archives nothing new: same bytes, same file, same row
    again = berkas.surat_permintaan(f.tim, periode)
    assert again.naskah[0].arsip_id == naskah.arsip_id
    assert Arsip.select().where(Arsip.jenis == "Surat Permintaan").count() == 1


def test_signer_in_own_name_gets_the_setda_kop(f):
    f.lambang_resmi()
    settings.put("an_bupati", False, f.admin)
    periode = f.periode()
    f.signed(periode)
    text = docx_text(berkas.surat_permintaan(f.tim, periode).paths[0])
    assert "SEKRETARIAT DAERAH" in text and "a.n. BUPATI" not in text
    assert "SURAT SEKRETARIS DAERAH KABUPATEN LAMANDAU" in text


def test_draft_has_paraf_table_and_leaves_number_and_date_open(f):
    periode = f.periode()
    f.disposisi(periode)
    rancangan = f.draft(periode)
    kabag_paraf(f.kabag, rancangan)
    done = berkas.draf_surat(f.tim, Rancangan.get_by_id(rancangan.id))
    (naskah,) = done.naskah
    text = docx_text(naskah.berkas)
    assert "DRAF" in text and "versi 1" in text
    assert f.kabag.nama in text and "Asisten Administrasi Umum" in text
    assert naskah.tanggal is None and naskah.nomor == ""
    assert format_tanggal(clock.today()) not in text.split("Paraf Koordinasi")[0]
    assert Arsip.get_by_id(naskah.arsip_id).tanggal is None


def test_copy_to_sign_is_clean_with_number_and_date_open(f):
    f.lambang_resmi()
    periode = f.periode()
    f.disposisi(periode)
    rancangan = f.draft(periode)
    with pytest.raises(UserError, match="sesudah Kabag dan Asisten memaraf"):
        berkas.surat_untuk_ditandatangani(f.tim, rancangan)
    kabag_paraf(f.kabag, rancangan)
    asisten_paraf(f.asisten, Rancangan.get_by_id(rancangan.id))
    (naskah,) = berkas.surat_untuk_ditandatangani(f.tim, Rancangan.get_by_id(rancangan.id)).naskah
    text = docx_text(naskah.berkas)
    assert "DRAF" not in text and "Paraf Koordinasi" not in text
    assert "Nomor\t:\t\u00a0" in text and naskah.nomor == "" and naskah.tanggal is None
    assert format_tanggal(clock.today()) not in text


def test_final_printing_refused_while_the_lambang_is_the_placeholder(f):
    periode = f.periode()
    rancangan = f.signed(periode)
    with pytest.raises(UserError, match="lambang daerah pada kop masih gambar pengganti"):
        berkas.surat_permintaan(f.tim, periode)
    assert not Arsip.select().exists()  # nothing written
    assert berkas.draf_surat(f.tim, rancangan).naskah  # a draft may still be printed
    settings.put("demo", True, f.admin)  # a demo database prints a marked sample instead
    assert "CONTOH" in docx_text(berkas.surat_permintaan(f.tim, periode).paths[0])


def test_nota_dinas_for_the_setda_numbered_with_the_letter(f):
    f.lambang_resmi()
    periode = f.periode()
    f.signed(periode)
    letter = SuratKeluar.get(SuratKeluar.jenis == "permintaan")
    nota_row = SuratKeluar.get(SuratKeluar.jenis == "nota_dinas")
    assert nota_row.nomor != letter.nomor and nota_row.tanggal == letter.tanggal
    (naskah,) = berkas.nota_dinas(f.tim, periode).naskah
    text = docx_text(naskah.berkas)
    assert "NOTA DINAS" in text and "SEKRETARIAT DAERAH" in text
    assert "Para Asisten dan Kepala Bagian di Lingkungan Sekretariat Daerah" in text
    assert "Sekretaris Daerah" in text and "a.n. BUPATI" not in text
    assert naskah.nomor == nota_row.nomor and nota_row.nomor in text


def test_srikandi_signature_carries_srikandi_number_and_date_everywhere(f, jam):
    f.lambang_resmi()
    periode = f.periode()
    f.disposisi(periode)
    rancangan = f.draft(periode)
    kabag_paraf(f.kabag, rancangan)
    asisten_paraf(f.asisten, Rancangan.get_by_id(rancangan.id))
    jam.maju(hours=2)
    signed_on = clock.today()
    sekda_tandatangani(  # the Tim records the signature made in SRIKANDI, like a wet one
        f.tim,
        Rancangan.get_by_id(rancangan.id),
        cara=CaraTtd.ELEKTRONIK,
        nomor_srikandi="B/000.8.6.3/17/SETDA/2026",
        tanggal=signed_on,
        atas_nama=f.sekda,
    )
    register = SuratKeluar.get(SuratKeluar.jenis == "permintaan")
    assert register.nomor == "B/000.8.6.3/17/SETDA/2026" and register.srikandi
    assert register.tanggal == signed_on
    nota = SuratKeluar.get(SuratKeluar.jenis == "nota_dinas")
    assert (nota.urut, nota.nomor) == (1, "000.8.6.3/1/Org")  # no gap in the office's numbers
    text = docx_text(berkas.surat_permintaan(f.tim, periode).paths[0])
    assert "B/000.8.6.3/17/SETDA/2026" in text and "secara elektronik melalui SRIKANDI" in text
    assert any("B/000.8.6.3/17/SETDA/2026" in e.judul for e in riwayat_surat(periode))


def test_a_srikandi_number_twice_is_refused(f):
    from kinerja_app.errors import ValidationError
    from kinerja_app.storage.db import transaction
    from kinerja_app.workflow.register import daftarkan_surat_keluar

    periode = f.periode()

    def register() -> None:  # inside an action's transaction, as the register is written
        with transaction():
            daftarkan_surat_keluar(
                f.tim,
                tanggal=clock.today(),
                jenis="pengingat",
                hal="x",
                tujuan="y",
                periode_id=periode.id,
                nomor_srikandi="B/1/2026",
            )

    register()
    with pytest.raises(ValidationError, match="sudah tercatat"):
        register()


def test_f4_setting_changes_the_page(f):
    f.lambang_resmi()
    periode = f.periode()
    f.signed(periode)
    settings.put("kertas", "F4", f.admin)
    section = Document(str(berkas.surat_permintaan(f.tim, periode).paths[0])).sections[0]
    height, width, left = (
        section.page_height or 0,
        section.page_width or 0,
        section.left_margin or 0,
    )
    assert abs(height - Mm(330)) < Mm(1) and abs(width - Mm(215)) < Mm(1)
    assert abs(left - Mm(30)) < Mm(0.5)  # the rule's minimum ruang tepi kiri


def test_lembar_disposisi_standard_fields(f):
    from kinerja_app.workflow.disposisi import buat_disposisi

    f.lambang_resmi()
    periode = f.periode()
    buat_disposisi(
        f.kabag,
        periode,
        hal="Pengumpulan data kinerja",
        isi="Siapkan surat permintaan.",
        nomor_agenda="412",
        sifat="Segera",
        surat_dari="Kementerian PANRB",
        nomor_surat="B/12/M.AA.05/2026",
        tanggal_surat=clock.today() - dt.timedelta(days=3),
        diterima_tanggal=clock.today() - dt.timedelta(days=1),
        harap=("Proses lebih lanjut",),
        catatan="Segera.",
    )
    (naskah,) = berkas.lembar_disposisi(f.tim, Disposisi.get()).naskah
    text = docx_text(naskah.berkas)
    for expected in (
        "LEMBAR DISPOSISI",
        "Surat dari\t: Kementerian PANRB",
        "Nomor surat\t: B/12/M.AA.05/2026",
        f"Tanggal surat\t: {format_tanggal(clock.today() - dt.timedelta(days=3))}",
        f"Diterima tanggal\t: {format_tanggal(clock.today() - dt.timedelta(days=1))}",
        "Nomor agenda\t: 412",
        "\u2611 Segera",
        "\u2610 Sangat Segera",
        "Hal\t: Pengumpulan data kinerja",
        "Diteruskan kepada Sdr.:",
        "Dengan hormat harap:",
        "\u2611 Proses lebih lanjut",
        "\u2610 Tanggapan dan saran",
        "Catatan:",
        f.kabag.nama,
    ):
        assert expected in text, expected
    assert naskah.nomor == "412" and naskah.tanggal == clock.today()


def test_a_non_standard_sifat_is_refused(f):
    from kinerja_app.errors import ValidationError
    from kinerja_app.workflow.disposisi import buat_disposisi

    periode = f.periode()
    with pytest.raises(ValidationError, match="Sifat 'Penting' tidak baku"):
        buat_disposisi(f.kabag, periode, hal="x", isi="y", sifat="Penting")


def test_every_docx_is_tagged_indonesian(f):
    f.lambang_resmi()
    periode = f.periode()
    f.signed(periode)
    for path in (
        berkas.surat_permintaan(f.tim, periode).paths + berkas.nota_dinas(f.tim, periode).paths
    ):
        styles = zipfile.ZipFile(path).read("word/styles.xml").decode()
        defaults = styles[styles.index("<w:docDefaults>") : styles.index("</w:docDefaults>")]
        assert 'w:lang w:val="id-ID"' in defaults, path.name


def test_an_archive_whose_state_changed_meanwhile_is_refused_and_leaves_nothing(f):
    """The check a paper was made for runs again inside the archive's transaction: when it
    fails there (another workstation changed the state), nothing is kept and the refusal is
    audited."""
    from kinerja_app.documents.naskah import Berkas, arsipkan
    from kinerja_app.errors import ActionRefused
    from kinerja_app.storage.db import archive_root
    from kinerja_app.storage.models import AuditLog
    from kinerja_app.workflow.common import refuse

    periode = f.periode()

    def changed() -> None:
        refuse("arsipkan_naskah", f.tim, "Keadaan berubah.", periode_id=periode.id)

    with pytest.raises(ActionRefused, match="Keadaan berubah"):
        arsipkan(f.tim, periode, "Uji", "Uji", [Berkas("Uji.docx", b"isi")], syarat=changed)
    assert not Arsip.select().exists()
    assert [p for p in archive_root().rglob("*") if p.is_file()] == []  # no copy, no temp
    last = AuditLog.select().order_by(AuditLog.id.desc()).get()
    assert (last.aksi, last.hasil) == ("arsipkan_naskah", "ditolak")
    # the same paper with its state intact is archived, and the row is committed
    (naskah,) = arsipkan(f.tim, periode, "Uji", "Uji", [Berkas("Uji.docx", b"isi")]).naskah
    assert naskah.berkas.read_bytes() == b"isi" and naskah.berkas.name == "Uji.docx"


def test_a_deactivated_account_archives_no_paper(f):
    from kinerja_app.errors import ActionRefused
    from kinerja_app.storage.models import User

    periode = f.periode()
    f.disposisi(periode)
    rancangan = f.draft(periode)
    User.update(aktif=False).where(User.id == f.tim.id).execute()
    with pytest.raises(ActionRefused, match="tidak aktif"):
        berkas.draf_surat(f.tim, rancangan)
    assert not Arsip.select().where(Arsip.jenis == "Draf Surat Permintaan").exists()


def _footers(path) -> set[str]:
    section = Document(str(path)).sections[0]
    return {p.text for f in (section.footer, section.first_page_footer) for p in f.paragraphs}


def test_the_final_letter_prints_the_head_of_its_signature_at_the_foot_of_each_page(f):
    """The chain head is anchored outside the database: the signed letter prints the first 16
    digits of its signature's audit row, and audit-verify takes that line as it is printed."""
    from kinerja_app.storage import audit
    from kinerja_app.storage.models import AuditLog, TandaTangan

    f.lambang_resmi()
    periode = f.periode()
    rancangan = f.signed(periode)
    ttd = TandaTangan.get()
    head = AuditLog.get(
        (AuditLog.aksi == "sekda_tandatangani") & (AuditLog.objek_id == ttd.id)
    ).hash
    (naskah,) = berkas.surat_permintaan(f.tim, periode).naskah
    line = f"Rantai audit: {head[:16]}…"
    assert _footers(naskah.berkas) == {line}  # the kop page and the Daftar Penerima's
    assert audit.verify_chain(kepala=[line]).ok
    # drafts and the copy to sign carry no head: nothing is signed yet
    (draf,) = berkas.draf_surat(f.tim, rancangan).naskah
    assert _footers(draf.berkas) == {""}
