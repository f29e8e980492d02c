"""PDF through LibreOffice and the poppler helpers. CI installs LibreOffice: these never skip."""

from __future__ import annotations

import shutil

import pytest

from kinerja_app.documents import pdf, render
from kinerja_app.documents.context import PageSetup
from kinerja_app.errors import UserError
from tests.documents import samples


@pytest.fixture
def soffice():
    found = pdf.find_soffice()
    if found is None:
        pytest.fail(
            "LibreOffice (soffice) is not installed: install libreoffice-writer-nogui and "
            "poppler-utils (see .ci/run); these tests must run, not skip."
        )
    return found


def _fake_soffice(path, monkeypatch, script):
    """A stand-in soffice at ``path`` running ``script`` (sh), found through KINERJA_SOFFICE."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(script)
    path.chmod(0o755)
    monkeypatch.setenv("KINERJA_SOFFICE", str(path))
    return path


def _text(path):
    return " ".join(pdf.pdf_text(path).split())


@pytest.mark.libreoffice
def test_final_letter_is_one_a4_page_with_its_text(tmp_path, soffice):
    letters = render.render_surat_permintaan(
        samples.surat(draft=False), tmp_path / "docx", per_opd=True
    )
    pdfs = pdf.convert_to_pdf(letters, tmp_path / "pdf")  # three letters, one soffice call
    assert [p.name for p in pdfs] == [p.with_suffix(".pdf").name for p in letters]
    first = pdfs[0]
    assert pdf.pdf_page_count(first) == 1
    width, height = pdf.pdf_page_size_mm(first)
    assert width == pytest.approx(210, abs=1) and height == pytest.approx(297, abs=1)
    text = _text(first)
    for expected in (
        "PEMERINTAH KABUPATEN LAMANDAU",
        "SEKRETARIAT DAERAH",
        "000.8.6.3/245/Org",
        "Nanga Bulik, 24 November 2026",
        "Permintaan Data Kinerja",
        "Yth. Kepala Dinas Kesehatan",
        "a.n. BUPATI LAMANDAU",
        "SEKRETARIS DAERAH,",
        "Drs. HENDRA SAPUTRA, M.Si.",
        "Tembusan:",
    ):
        assert expected in text, expected
    assert "NIP" not in text and "DRAF" not in text and "Paraf" not in text
    assert "Yth. Kepala Dinas Pendidikan" in _text(pdfs[1])
    assert sorted((tmp_path / "pdf").iterdir()) == sorted(pdfs)  # no staging leftovers


@pytest.mark.libreoffice
def test_f4_draft_with_paraf_table(tmp_path, soffice):
    (letter,) = render.render_surat_permintaan(
        samples.surat(draft=True, penerima=samples.OPDS[:1]),
        tmp_path,
        per_opd=True,
        page_setup=PageSetup(paper="F4"),
    )
    (out,) = pdf.convert_to_pdf([letter], tmp_path)
    width, height = pdf.pdf_page_size_mm(out)
    assert width == pytest.approx(215, abs=1) and height == pytest.approx(330, abs=1)
    assert pdf.pdf_page_count(out) == 1
    text = _text(out)
    assert "DRAF — versi 2" in text
    assert "Paraf Koordinasi" in text and "Asisten Administrasi Umum" in text
    pages = pdf.pdf_to_png(out, tmp_path / "png", dpi=30)
    assert len(pages) == 1 and pages[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.libreoffice
def test_rekap_and_ekspedisi_convert(tmp_path, soffice):
    paths = render.render_rekap(samples.rekap(draft=False), tmp_path)
    paths += render.render_buku_ekspedisi(samples.buku(), tmp_path)
    rekap, buku = pdf.convert_to_pdf(paths, tmp_path / "pdf")
    width, height = pdf.pdf_page_size_mm(rekap)
    assert width > height  # landscape
    assert "DOKUMEN REKAPITULASI DATA KINERJA PERANGKAT DAERAH" in _text(rekap)
    assert "BUKU EKSPEDISI" in _text(buku)


def test_missing_libreoffice_is_a_clear_user_error(tmp_path, monkeypatch):
    monkeypatch.delenv("KINERJA_SOFFICE", raising=False)
    monkeypatch.setattr(shutil, "which", lambda name: None)  # the module pdf looks tools up with
    monkeypatch.setattr(pdf, "WINDOWS_CANDIDATES", ())
    monkeypatch.setattr(pdf, "MAC_CANDIDATE", tmp_path / "none")
    doc = tmp_path / "a.docx"
    doc.write_bytes(b"x")
    with pytest.raises(UserError, match="LibreOffice tidak ditemukan") as caught:
        pdf.convert_to_pdf([doc], tmp_path)
    assert "dibuka dan dicetak dari Word" in str(caught.value)  # what still works without it


def test_failing_soffice_reports_the_file(tmp_path, monkeypatch):
    _fake_soffice(tmp_path / "soffice", monkeypatch, "#!/bin/sh\necho 'boom' >&2\nexit 1\n")
    doc = tmp_path / "surat.docx"
    doc.write_bytes(b"x")
    with pytest.raises(UserError, match=r"surat\.docx.*boom"):
        pdf.convert_to_pdf([doc], tmp_path / "out")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_hanging_soffice_times_out(tmp_path, monkeypatch):
    _fake_soffice(tmp_path / "soffice", monkeypatch, "#!/bin/sh\nsleep 30\n")
    doc = tmp_path / "surat.docx"
    doc.write_bytes(b"x")
    with pytest.raises(UserError, match="tidak selesai"):
        pdf.convert_to_pdf([doc], tmp_path / "out", timeout=0.5)


def test_duplicate_stems_are_refused(tmp_path):
    a, b = tmp_path / "a" / "surat.docx", tmp_path / "b" / "surat.docx"
    for p in (a, b):
        p.parent.mkdir()
        p.write_bytes(b"x")
    with pytest.raises(UserError, match="bernama sama"):
        pdf.convert_to_pdf([a, b], tmp_path / "out")


def test_empty_batch():
    assert pdf.convert_to_pdf([], render.TEMPLATE_DIR) == []


CRASHING_ONCE = r"""#!/bin/sh
# converts what it is given into --outdir; the first call converts one file and then crashes
echo "$*" >> "$(dirname "$0")/calls"
out=""; prev=""; first=1
for a in "$@"; do
  if [ "$prev" = "--outdir" ]; then out="$a"; fi
  case "$a" in
    *.docx)
      stem=$(basename "$a" .docx)
      printf '%%PDF-1.4 fake' > "$out/$stem.pdf"
      if [ ! -f "$(dirname "$0")/crashed" ]; then
        touch "$(dirname "$0")/crashed"; echo 'Fatal exception: Signal 11' >&2; kill -SEGV $$
      fi;;
  esac
  prev="$a"
done
"""


def test_a_crashed_libreoffice_is_retried_once_for_the_files_it_left(tmp_path, monkeypatch):
    # LibreOffice now and then dies mid-batch (seen in CI: a signal in a helper thread); the
    # letters it did not write get one more run with a fresh profile instead of an error
    fake = _fake_soffice(tmp_path / "bin" / "soffice", monkeypatch, CRASHING_ONCE)
    docs = []
    for name in ("satu", "dua", "tiga"):
        docs.append(tmp_path / f"{name}.docx")
        docs[-1].write_bytes(b"x")
    pdfs = pdf.convert_to_pdf(docs, tmp_path / "out")
    assert [p.name for p in pdfs] == ["satu.pdf", "dua.pdf", "tiga.pdf"]
    assert all(p.read_bytes().startswith(b"%PDF") for p in pdfs)
    first, second = (fake.parent / "calls").read_text().splitlines()
    assert "satu.docx" in first and "satu.docx" not in second  # only what was left
    assert "dua.docx" in second and "tiga.docx" in second
    profile = [a for a in first.split() if a.startswith("-env:UserInstallation")]
    assert profile and profile[0] not in second  # a fresh profile for the second try


def test_a_libreoffice_that_crashes_twice_is_reported(tmp_path, monkeypatch):
    _fake_soffice(
        tmp_path / "soffice",
        monkeypatch,
        "#!/bin/sh\necho 'Fatal exception: Signal 11' >&2\nkill -SEGV $$\n",
    )
    doc = tmp_path / "surat.docx"
    doc.write_bytes(b"x")
    with pytest.raises(UserError, match=r"surat\.docx") as caught:
        pdf.convert_to_pdf([doc], tmp_path / "out")
    assert "berhenti mendadak" in str(caught.value)  # says it crashed, not just "failed"
