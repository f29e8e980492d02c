"""Checks on a submitted file before it is parsed: what it really is, size, zip bombs, macros,
XML DTDs, an oversized shared-strings table.

Everything here reads the zip directory and at most a few kilobytes of each XML part; nothing
is inflated in full. Python's ``zipfile`` never inflates a member beyond the size its
directory entry declares (and checks the CRC), so limits on the declared sizes hold even for
a zip whose directory lies.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from kinerja_app.errors import BugError, UnreadableFile, alasan_os
from kinerja_app.importer.data import Finding

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100.0  # uncompressed / compressed, per member (sheet XML compresses ~10-30x)
RATIO_MIN_BYTES = 1024 * 1024  # small members may compress better; they cannot hurt
MAX_MEMBERS = 5000
PROLOG_SCAN_BYTES = 64 * 1024
PROLOG_FIRST_BYTES = 1024
# a real OPD workbook's text table is well under 1 MB; 180 MB of strings cost seconds and GBs
MAX_SHARED_STRINGS = 32 * 1024 * 1024
ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
# openpyxl reads a calcPr without the attribute as True, so the XML itself is looked at
_FULL_CALC = re.compile(rb"<(?:[\w.-]+:)?calcPr\b[^>]*\bfullCalcOnLoad=\"(?:1|true)\"")
_RESAVE = "Buka berkas di Excel, pilih Simpan Sebagai > Excel Workbook (.xlsx), lalu impor lagi."

MSG_NOT_WORKBOOK = (
    "Berkas ini bukan buku kerja Excel (.xlsx, .xls) atau LibreOffice (.ods). Simpan ulang "
    "dari Excel sebagai .xlsx lalu impor lagi."
)
# what a file that is no workbook really is, by its first bytes, and what to do about it
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "dokumen PDF"),
    (b"\x89PNG", "gambar PNG"),
    (b"\xff\xd8\xff", "gambar JPEG"),
    (b"GIF8", "gambar GIF"),
    (b"{\\rtf", "dokumen RTF (Word)"),
    (b"Rar!", "arsip RAR"),
    (b"7z\xbc\xaf", "arsip 7-Zip"),
)
_ASK_TABLE = (
    "Minta OPD mengirim tabel datanya sebagai buku kerja Excel (.xlsx), atau salin tabelnya "
    "ke Format Isian."
)


@dataclass(frozen=True)
class GuardReport:
    """What the guard let through: warnings to show, and facts the reader may use."""

    findings: tuple[Finding, ...]
    members: frozenset[str]
    full_calc_on_load: bool = False  # written by a program, never recalculated by Excel
    kind: str = "xlsx"  # what the file really is: "xlsx", "xls", "ods" or "html"


def ensure_defused() -> None:
    """Make sure openpyxl parses workbooks through defusedxml (entity bombs, external DTDs).

    Raises:
        BugError: the installation lets openpyxl parse XML unprotected (defusedxml missing or
            ``OPENPYXL_DEFUSEDXML=False`` in the environment).
    """
    import openpyxl.xml
    import openpyxl.xml.functions as functions

    iterparse_module = getattr(functions.iterparse, "__module__", "") or ""
    if openpyxl.xml.DEFUSEDXML is not True or not iterparse_module.startswith("defusedxml"):
        raise BugError(
            "openpyxl tidak memakai defusedxml: pasang paket defusedxml dan jangan setel "
            "OPENPYXL_DEFUSEDXML=False. Impor dihentikan demi keamanan."
        )


def check_file(path: Path) -> GuardReport:
    """Refuse a file that is not a safe workbook, with a message saying what it is and what to do.

    Args:
        path: the submitted file.
    Returns:
        Warnings (external links, an HTML page), the zip member names and the real format.
    Raises:
        UnreadableFile: missing, empty, too large, not a workbook, encrypted, macro-enabled,
            a zip bomb, XML with a DTD, or an oversized text table.
    """
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UnreadableFile(f"Berkas tidak dapat dibuka ({alasan_os(exc)}): {path.name}.") from exc
    if size == 0:
        raise UnreadableFile(
            "Berkas kosong (0 bita), mungkin gagal terunduh atau tersalin. "
            "Minta OPD mengirim ulang berkasnya."
        )
    if size > MAX_FILE_BYTES:
        raise UnreadableFile(
            f"Berkas terlalu besar ({size / 1048576:.1f} MB; batas "
            f"{MAX_FILE_BYTES // 1048576} MB). Hapus lembar, gambar atau data yang tidak "
            "diperlukan, simpan, lalu impor lagi."
        )
    with path.open("rb") as handle:
        head = handle.read(PROLOG_SCAN_BYTES)
        if head.startswith(_OLE_MAGIC):
            handle.seek(0)
            if _ENCRYPTED in handle.read():
                raise UnreadableFile(
                    "Berkas dilindungi kata sandi. Buka di Excel, hapus kata sandinya "
                    "(File > Info > Lindungi Buku Kerja > Enkripsi dengan Kata Sandi, "
                    "kosongkan), simpan, lalu impor lagi."
                )
            return GuardReport((), frozenset(), kind="xls")
    if not head.startswith(_ZIP_MAGIC):
        return _not_zip(head)
    try:
        with zipfile.ZipFile(path) as archive:
            return _check_archive(archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        raise UnreadableFile(
            "Berkas rusak atau tidak lengkap (mungkin terpotong saat diunduh atau dikirim). "
            "Minta OPD mengirim ulang berkasnya, atau buka di Excel dan simpan ulang sebagai "
            ".xlsx."
        ) from exc


def _not_zip(head: bytes) -> GuardReport:
    """An HTML table saved as .xls is read; anything else is named and refused."""
    text = _decode(head).lstrip("\ufeff \t\r\n").lower()
    if "<table" in text or text.startswith(("<html", "<!doctype html")):
        warning = Finding(
            "warning",
            "BERKAS_HTML",
            "Berkas ini halaman web (HTML) yang diberi nama Excel, seperti hasil 'Export "
            "Excel' aplikasi web; tabelnya dibaca tanpa format angka. Periksa angkanya, atau "
            "minta OPD membuka berkas di Excel lalu Simpan Sebagai .xlsx.",
        )
        return GuardReport((warning,), frozenset(), kind="html")
    if text.startswith("<?xml") and "urn:schemas-microsoft-com:office:spreadsheet" in text:
        raise UnreadableFile("Berkas ini 'XML Spreadsheet 2003' yang diberi nama Excel. " + _RESAVE)
    if text.startswith("<?xml") or text.startswith("<"):
        raise UnreadableFile("Berkas ini berkas XML, bukan buku kerja. " + _ASK_TABLE)
    for magic, what in _SIGNATURES:
        if head.startswith(magic):
            raise UnreadableFile(f"Berkas ini {what}, bukan buku kerja Excel. {_ASK_TABLE}")
    sample = head[:4096]
    if sample and b"\x00" not in sample:
        first = _decode(sample).splitlines()[0] if _decode(sample).strip() else ""
        if first.count(";") >= 1 or first.count(",") >= 2 or first.count("\t") >= 1:
            raise UnreadableFile(
                "Berkas ini teks CSV (nilai dipisah koma/titik koma), bukan buku kerja. Buka di "
                "Excel, periksa kolomnya, lalu Simpan Sebagai > Excel Workbook (.xlsx) dan "
                "impor lagi."
            )
        raise UnreadableFile("Berkas ini berkas teks biasa, bukan buku kerja. " + _ASK_TABLE)
    raise UnreadableFile(MSG_NOT_WORKBOOK)


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="ignore")
    return data.decode("utf-8", errors="ignore")


def _check_archive(archive: zipfile.ZipFile) -> GuardReport:
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise UnreadableFile(f"Berkas berisi terlalu banyak bagian ({len(infos)}). {_RESAVE}")
    names = frozenset(info.filename for info in infos)
    if "word/document.xml" in names:
        raise UnreadableFile(
            "Berkas ini dokumen Word, bukan buku kerja Excel (.xlsx). " + _ASK_TABLE
        )
    if "ppt/presentation.xml" in names:
        raise UnreadableFile("Berkas ini presentasi PowerPoint, bukan buku kerja. " + _ASK_TABLE)
    ods = "mimetype" in names and archive.read("mimetype")[:60].strip() == ODS_MIME
    if ods and "content.xml" in names:
        _check_sizes(infos)
        _check_dtds(archive, infos)
        return GuardReport((), names, kind="ods")
    if "mimetype" in names and b"opendocument" in archive.read("mimetype")[:80]:
        raise UnreadableFile(
            "Berkas ini dokumen LibreOffice selain lembar kerja (mis. Writer). " + _ASK_TABLE
        )
    if "[Content_Types].xml" not in names or not any(
        n.startswith("xl/") and n.endswith(("workbook.xml", "workbook2.xml")) for n in names
    ):
        raise UnreadableFile(MSG_NOT_WORKBOOK)
    _check_sizes(infos)
    strings = next((i for i in infos if i.filename.lower() == "xl/sharedstrings.xml"), None)
    if strings is not None and strings.file_size > MAX_SHARED_STRINGS:
        raise UnreadableFile(
            f"Berkas ditolak: tabel teksnya {strings.file_size / 1048576:.0f} MB setelah dibuka "
            f"(batas {MAX_SHARED_STRINGS // 1048576} MB; buku kerja data kinerja biasanya di "
            "bawah 1 MB). Hapus lembar atau teks yang tidak diperlukan, simpan, lalu impor "
            "lagi; bila berkas ini memang dari OPD, minta dikirim ulang."
        )
    content_types = _read_prefix(archive, "[Content_Types].xml", PROLOG_SCAN_BYTES)
    if any(n.lower().endswith("vbaproject.bin") for n in names) or (
        b"macroEnabled" in content_types
    ):
        raise UnreadableFile(
            "Berkas berisi makro (.xlsm) dan tidak diimpor demi keamanan. Buka di Excel, "
            "Simpan Sebagai > Excel Workbook (.xlsx) tanpa makro, lalu impor lagi."
        )
    _check_dtds(archive, infos)
    findings: list[Finding] = []
    if any(n.startswith("xl/externalLinks/") for n in names):
        findings.append(
            Finding(
                "warning",
                "EXTERNAL_LINK",
                "Buku kerja ini merujuk ke berkas lain; yang terbaca adalah nilai tersimpan "
                "terakhir. Periksa nilainya, atau salin lalu Tempel Nilai (Paste Values) agar "
                "tidak bergantung pada berkas lain.",
            )
        )
    workbook = next((n for n in sorted(names) if re.fullmatch(r"xl/workbook2?\.xml", n)), "")
    full_calc = bool(workbook) and _FULL_CALC.search(archive.read(workbook)) is not None
    return GuardReport(tuple(findings), names, full_calc)


def _check_dtds(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    for info in infos:
        if info.filename.endswith((".xml", ".rels", ".vml")) and _has_dtd(archive, info):
            raise UnreadableFile(
                f"Berkas berisi XML dengan DOCTYPE/ENTITY ({info.filename}) yang tidak pernah "
                f"dibuat oleh Excel; ditolak demi keamanan. {_RESAVE}"
            )


def _check_sizes(infos: list[zipfile.ZipInfo]) -> None:
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise UnreadableFile(
                "Berkas dienkripsi dan tidak dapat dibaca. Hapus kata sandinya di Excel, "
                "simpan, lalu impor lagi."
            )
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_MIN_BYTES and ratio > MAX_RATIO:
            raise UnreadableFile(
                f"Berkas ditolak: bagian {info.filename} mengembang {ratio:.0f} kali saat "
                "dibuka (ciri 'zip bomb'). Simpan ulang dari Excel sebagai .xlsx; bila "
                "berkas ini memang dari OPD, minta dikirim ulang."
            )
    if total > MAX_UNCOMPRESSED_BYTES:
        raise UnreadableFile(
            f"Berkas ditolak: isinya {total / 1048576:.0f} MB setelah dibuka (batas "
            f"{MAX_UNCOMPRESSED_BYTES // 1048576} MB). Hapus data yang tidak diperlukan, "
            "simpan, lalu impor lagi."
        )


def _read_prefix(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    with archive.open(name) as member:
        return member.read(limit)


def _has_dtd(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether the XML prolog (everything before the root element) declares a DOCTYPE.

    A DOCTYPE can only stand before the root element, so reading up to the first element is
    enough; a prolog longer than :data:`PROLOG_SCAN_BYTES` counts as hostile too. The first
    kilobyte nearly always holds the whole prolog, so a sheet part is not inflated for it.
    """
    with archive.open(info.filename) as member:
        data = member.read(PROLOG_FIRST_BYTES)
        complete = len(data) < PROLOG_FIRST_BYTES  # the whole member
        verdict = _prolog_dtd(data, complete)
        if verdict is None and not complete:
            data += member.read(PROLOG_SCAN_BYTES - len(data))
            verdict = _prolog_dtd(data, True)
    if verdict is None:  # no root element in the scanned prefix
        return len(data) >= PROLOG_SCAN_BYTES
    return verdict


def _prolog_dtd(data: bytes, complete: bool) -> bool | None:
    """Whether a prolog declares a DOCTYPE; ``None`` when ``data`` ends before that is known
    (``complete``: nothing follows ``data``, so a last short tag is read as it stands)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="ignore")
    else:
        text = data.decode("utf-8", errors="ignore")
    pos = 0
    while True:
        start = text.find("<", pos)
        if start < 0:
            return None
        if text.startswith("<?", start):
            end = text.find("?>", start)
        elif text.startswith("<!--", start):
            end = text.find("-->", start)
        else:
            # "<!DOCTYPE" (or any declaration) before the root is refused; reaching the
            # root element ends the prolog without a DTD
            if not complete and len(text) - start < 4:
                return None  # "<!-" may begin a comment: its kind is in the next bytes
            return text.startswith("<!", start)
        if end < 0:
            return None
        pos = end + 2
