"""Hostile and broken files are refused before openpyxl parses them, with a useful message."""

from __future__ import annotations

import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import openpyxl.xml.functions
import pytest

from kinerja_app.errors import BugError, UnreadableFile
from kinerja_app.importer import guard
from kinerja_app.importer.guard import check_file, ensure_defused
from kinerja_app.importer.reader import read_workbook
from tests.importer.builders import read_member, rewrite_member, standard_rows, xlsx

BOMB_DTD = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'.encode()
        for i in range(1, 10)
    )
    + b"]>"
)
SHEET_BODY = (
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    b"</sheetData></worksheet>"
)


@pytest.fixture
def good(tmp_path: Path) -> Path:
    return xlsx(tmp_path / "baik.xlsx", standard_rows())


def refused(path: Path) -> str:
    with pytest.raises(UnreadableFile) as info:
        read_workbook(path)
    return str(info.value)


def test_a_good_file_passes(good: Path) -> None:
    report = check_file(good)
    assert report.findings == ()
    assert "xl/workbook.xml" in report.members


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "catatan.xlsx"
    path.write_text("Nama;Target\nA;1\n")
    assert "teks CSV" in refused(path)


def test_unknown_binary_says_it_is_no_workbook(tmp_path: Path) -> None:
    path = tmp_path / "acak.xlsx"
    path.write_bytes(b"\x01\x02\x00\x03" * 100)
    assert "bukan buku kerja Excel (.xlsx, .xls)" in refused(path)


@pytest.mark.parametrize(
    ("head", "what"),
    [
        (b"%PDF-1.7\n", "dokumen PDF"),
        (b"\x89PNG\r\n\x1a\n", "gambar PNG"),
        (b"\xff\xd8\xff\xe0", "gambar JPEG"),
        (
            b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">',
            "XML Spreadsheet 2003",
        ),
    ],
)
def test_other_files_say_what_they_really_are(tmp_path: Path, head: bytes, what: str) -> None:
    path = tmp_path / "kiriman.xls"
    path.write_bytes(head + b"\x00" * 64)
    assert what in refused(path)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "kosong.xlsx"
    path.write_bytes(b"")
    assert "kosong" in refused(path)


def test_missing_file(tmp_path: Path) -> None:
    assert "tidak dapat dibuka" in refused(tmp_path / "tidak-ada.xlsx")


def test_truncated_file(tmp_path: Path, good: Path) -> None:
    path = tmp_path / "terpotong.xlsx"
    path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    assert "terpotong" in refused(path)


def test_html_page_without_a_table_is_read_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "ekspor.xls"
    path.write_text("<html><body><p>Sesi habis, silakan masuk lagi</p></body></html>")
    data = read_workbook(path)
    assert [f.code for f in data.findings] == ["BERKAS_HTML", "HEADER_TIDAK_DITEMUKAN"]


def test_broken_xls_is_refused_with_its_format_named(tmp_path: Path) -> None:
    path = tmp_path / "lama.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096)
    message = refused(path)
    assert "(.xls) rusak" in message


def test_encrypted_workbook(tmp_path: Path) -> None:
    path = tmp_path / "sandi.xlsx"
    body = b"\x00" * 600 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 600
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + body)
    assert "kata sandi" in refused(path)


def test_word_document_renamed(tmp_path: Path) -> None:
    path = tmp_path / "surat.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    assert "dokumen Word" in refused(path)


def test_zip_without_workbook(tmp_path: Path) -> None:
    path = tmp_path / "arsip.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("foto.txt", "bukan excel")
    assert "bukan buku kerja Excel" in refused(path)


def test_zip_bomb_is_refused_quickly_without_inflating(tmp_path: Path, good: Path) -> None:
    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info, source.read(info))
        with out.open("xl/media/image1.png", "w") as member:
            chunk = b"\x00" * (1 << 20)
            for _ in range(40):
                member.write(chunk)
    assert path.stat().st_size < 200_000  # 40 MB inflated from a tiny file
    start = time.perf_counter()
    assert "zip bomb" in refused(path)
    assert time.perf_counter() - start < 10


def test_total_uncompressed_size_limit(monkeypatch: pytest.MonkeyPatch, good: Path) -> None:
    monkeypatch.setattr(guard, "MAX_UNCOMPRESSED_BYTES", 1000)
    assert "setelah dibuka" in refused(good)


def test_file_size_limit(monkeypatch: pytest.MonkeyPatch, good: Path) -> None:
    monkeypatch.setattr(guard, "MAX_FILE_BYTES", 1000)
    assert "terlalu besar" in refused(good)


def test_macro_workbook_is_refused(good: Path) -> None:
    rewrite_member(good, "xl/vbaProject.bin", b"\x00" * 100, add=True)
    assert "makro" in refused(good)


def test_macro_content_type_is_refused(good: Path) -> None:
    types = read_member(good, "[Content_Types].xml").replace(
        b"spreadsheetml.sheet.main+xml", b"sheet.macroEnabled.main+xml"
    )
    rewrite_member(good, "[Content_Types].xml", types)
    assert "makro" in refused(good)


def test_external_links_are_a_warning(good: Path) -> None:
    rewrite_member(good, "xl/externalLinks/externalLink1.xml", b"<externalLink/>", add=True)
    data = read_workbook(good)
    assert [f.code for f in data.findings] == ["EXTERNAL_LINK"]
    assert len(data.rows) == 3


def test_billion_laughs_sheet_is_refused_quickly(good: Path) -> None:
    rewrite_member(good, "xl/worksheets/sheet1.xml", BOMB_DTD + SHEET_BODY)
    start = time.perf_counter()
    assert "DOCTYPE" in refused(good)
    assert time.perf_counter() - start < 10


def test_dtd_hidden_behind_a_long_prolog_is_refused(good: Path) -> None:
    padding = b"<!--" + b" " * (guard.PROLOG_SCAN_BYTES + 10) + b"-->"
    rewrite_member(good, "xl/worksheets/sheet1.xml", padding + BOMB_DTD + SHEET_BODY)
    assert "DOCTYPE" in refused(good)


def test_openpyxl_itself_refuses_entities_behind_the_guard(good: Path) -> None:
    """The second wall: openpyxl parses sheets through defusedxml."""
    ensure_defused()
    rewrite_member(good, "xl/worksheets/sheet1.xml", BOMB_DTD + SHEET_BODY)
    start = time.perf_counter()
    with pytest.raises(ValueError) as info:
        openpyxl.load_workbook(good, read_only=True)  # reads each sheet's dimension
    assert time.perf_counter() - start < 10
    assert type(info.value.__cause__).__module__.startswith("defusedxml")


def test_ensure_defused_notices_an_unprotected_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    from xml.etree.ElementTree import iterparse

    monkeypatch.setattr(openpyxl.xml.functions, "iterparse", iterparse)
    with pytest.raises(BugError):
        ensure_defused()


def test_ensure_defused_notices_the_environment_switch() -> None:
    code = (
        "from kinerja_app.importer.guard import ensure_defused\n"
        "try:\n    ensure_defused()\nexcept Exception as e:\n    print(type(e).__name__)\n"
    )
    env = {"OPENPYXL_DEFUSEDXML": "False", "PATH": ""}
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).parents[2],
        check=True,
    )
    assert out.stdout.strip() == "BugError"


def test_reader_turns_the_parser_refusal_into_a_clear_message(
    monkeypatch: pytest.MonkeyPatch, good: Path
) -> None:
    monkeypatch.setattr(guard, "_has_dtd", lambda archive, info: False)  # first wall down
    rewrite_member(good, "xl/worksheets/sheet1.xml", BOMB_DTD + SHEET_BODY)
    assert "DOCTYPE/ENTITY" in refused(good)


_MEASURE = """
import sys, time
from pathlib import Path
from kinerja_app.errors import UnreadableFile
from kinerja_app.importer.reader import read_workbook
start = time.perf_counter()
try:
    rows = len(read_workbook(Path(sys.argv[1])).rows)
except UnreadableFile as exc:
    rows = "refused: " + str(exc)[:60]
seconds = time.perf_counter() - start
status = Path("/proc/self/status").read_text()
peak = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM"))
print(seconds, peak // 1024, rows)  # VmHWM: this process's own peak (not the parent's)
"""


def _measure(path: Path) -> tuple[float, int, str]:
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path)],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[2],
        check=True,
        timeout=120,
    ).stdout.split(maxsplit=2)
    return float(out[0]), int(out[1]), out[2].strip()


@pytest.mark.slow
def test_shared_strings_bomb_is_refused_within_limits(tmp_path: Path, good: Path) -> None:
    """A ~9 MB workbook whose text table inflates to ~180 MB (it took 121 s and 1.4 GB)."""
    strings = read_member(good, "xl/sharedStrings.xml")
    head, _, tail = strings.partition(b"</sst>")
    filler = b"".join(
        b"<si><t>Indikator pengisi nomor %07d untuk menguji memori pembaca</t></si>" % i
        for i in range(2_400_000)
    )
    rewrite_member(good, "xl/sharedStrings.xml", head + filler + b"</sst>" + tail)
    assert good.stat().st_size < 20 * 1024 * 1024
    seconds, peak_mb, result = _measure(good)
    assert result.startswith("refused: Berkas ditolak: tabel teksnya")
    assert seconds < 10 and peak_mb < 400


@pytest.mark.slow
def test_a_million_empty_spacer_rows_are_read_within_limits(tmp_path: Path, good: Path) -> None:
    """A sheet of a million empty styled rows under the table (it took 32 s)."""
    sheet = read_member(good, "xl/worksheets/sheet1.xml")
    rows = b"".join(b'<row r="%d"><c r="A%d" s="0"/></row>' % (i, i) for i in range(10, 1_000_010))
    rewrite_member(
        good, "xl/worksheets/sheet1.xml", sheet.replace(b"</sheetData>", rows + b"</sheetData>")
    )
    seconds, peak_mb, result = _measure(good)
    assert result == "3"  # the three indicators, nothing else
    assert seconds < 10 and peak_mb < 400
