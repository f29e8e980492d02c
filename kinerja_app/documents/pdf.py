"""PDF through LibreOffice (many files in one soffice call) and poppler helpers for the preview.

One soffice start costs ~0.8 s; converting forty letters in one call costs ~75 ms each.
Each call uses a private LibreOffice profile so it never fights a LibreOffice the user has open.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from kinerja_app.errors import UserError

WINDOWS_CANDIDATES = (
    Path(r"C:\Program Files\LibreOffice\program\soffice.exe"),
    Path(r"C:\Program Files (x86)\LibreOffice\program\soffice.exe"),
)
MAC_CANDIDATE = Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")


def find_soffice() -> Path | None:
    """Locate LibreOffice's soffice: $KINERJA_SOFFICE, PATH, then the usual install folders."""
    override = os.environ.get("KINERJA_SOFFICE")
    if override and Path(override).is_file():
        return Path(override)
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    for candidate in (*WINDOWS_CANDIDATES, MAC_CANDIDATE):
        if candidate.is_file():
            return candidate
    return None


def require_soffice() -> Path:
    """The soffice path, or a UserError telling the user to install LibreOffice."""
    soffice = find_soffice()
    if soffice is None:
        raise UserError(
            "LibreOffice tidak ditemukan di komputer ini, jadi dokumen belum dapat dijadikan PDF. "
            "Surat tetap dapat dibuka dan dicetak dari Word. Untuk PDF dan pratinjau cetak, "
            "pasang LibreOffice (gratis, https://www.libreoffice.org); Kinerja tidak perlu "
            "dipasang ulang."
        )
    return soffice


def _run(cmd: Sequence[str], timeout: float, what: str) -> subprocess.CompletedProcess[bytes]:
    """Run a tool in its own process group so a timeout kills soffice.bin too."""
    popen_kwargs: dict[str, object] = {}
    if os.name == "posix":
        popen_kwargs["start_new_session"] = True
    with subprocess.Popen(
        list(cmd),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **popen_kwargs,  # type: ignore[call-overload]
    ) as proc:
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            if os.name == "posix":
                os.killpg(proc.pid, signal.SIGKILL)
            else:
                proc.kill()
            proc.communicate()
            raise UserError(f"{what} tidak selesai dalam {timeout:.0f} detik.") from exc
        return subprocess.CompletedProcess(list(cmd), proc.returncode, out, err)


def convert_to_pdf(paths: Sequence[Path], out_dir: Path, timeout: float = 180.0) -> list[Path]:
    """Convert many .docx/.xlsx files to PDF in one LibreOffice call.

    Args:
        paths: the documents; their stems must be distinct (the PDF takes the stem).
        out_dir: where the PDFs go (``<stem>.pdf``); existing ones are replaced.
        timeout: seconds for the whole batch.
    Returns:
        The PDFs, in the order of ``paths``.
    Raises:
        UserError: LibreOffice missing, failing, timing out, or a file not converted.
    """
    if not paths:
        return []
    stems = [p.stem.lower() for p in paths]
    if len(set(stems)) != len(stems):
        raise UserError("Beberapa dokumen bernama sama; PDF-nya akan saling menimpa.")
    for p in paths:
        if not p.is_file():
            raise UserError(f"Dokumen '{p}' tidak ditemukan untuk dijadikan PDF.")
    soffice = require_soffice()
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".kinerja-pdf-", dir=out_dir) as staging:
        missing = list(paths)
        proc = None
        # LibreOffice now and then dies mid-batch (a signal in one of its threads); what it
        # left unconverted gets one more run, with a fresh profile, before the user is told
        for _attempt in range(2):
            proc = _convert_batch(soffice, missing, Path(staging), timeout)
            missing = [p for p in missing if not _produced(Path(staging), p)]
            if not missing:
                break
        if missing and proc is not None:
            detail = proc.stderr.decode("utf-8", "replace").strip()[-400:]
            names = ", ".join(p.name for p in missing)
            if _crashed(proc):
                head = f"LibreOffice berhenti mendadak (dua kali) saat membuat PDF untuk: {names}"
            else:
                head = f"LibreOffice gagal membuat PDF untuk: {names}"
            raise UserError(
                head
                + (f" ({detail})" if detail else "")
                + ". Dokumen aslinya tetap tersimpan dan dapat dicetak dari Word atau Excel."
            )
        # move in only when every file converted: never a half-finished batch
        final = []
        for p in paths:
            target = out_dir / f"{p.stem}.pdf"
            os.replace(Path(staging) / target.name, target)
            final.append(target)
        return final


def _convert_batch(
    soffice: Path, paths: Sequence[Path], staging: Path, timeout: float
) -> subprocess.CompletedProcess[bytes]:
    """One soffice call converting ``paths`` into ``staging``, with a private, new profile."""
    with tempfile.TemporaryDirectory(prefix="kinerja-lo-") as profile:
        cmd = [
            str(soffice),
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(staging),
            *(str(p.resolve()) for p in paths),
        ]
        return _run(cmd, timeout, "LibreOffice")


def _produced(staging: Path, source: Path) -> bool:
    produced = staging / f"{source.stem}.pdf"
    return produced.is_file() and produced.stat().st_size > 0


def _crashed(proc: subprocess.CompletedProcess[bytes]) -> bool:
    """Killed by a signal (negative code, or 128+n through a shell) or LibreOffice's own report."""
    return proc.returncode < 0 or proc.returncode > 128 or b"Fatal exception" in proc.stderr


def _poppler(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        raise UserError(
            f"Program '{tool}' (poppler-utils) tidak ditemukan; pratinjau PDF tidak tersedia."
        )
    return found


def pdf_to_png(pdf: Path, out_dir: Path, dpi: int = 100, timeout: float = 60.0) -> list[Path]:
    """Render every page of a PDF to ``<stem>-<n>.png`` (pdftoppm); the pages in order."""
    out_dir.mkdir(parents=True, exist_ok=True)
    prefix = out_dir / pdf.stem
    proc = _run(
        [_poppler("pdftoppm"), "-png", "-r", str(dpi), str(pdf), str(prefix)], timeout, "pdftoppm"
    )
    if proc.returncode != 0:
        detail = proc.stderr.decode(errors="replace").strip()
        raise UserError(f"PDF '{pdf.name}' tidak dapat ditampilkan: {detail}")
    pattern = re.compile(re.escape(pdf.stem) + r"-(\d+)\.png$")
    pages = [(int(m.group(1)), p) for p in out_dir.iterdir() if (m := pattern.match(p.name))]
    return [p for _, p in sorted(pages)]


def pdf_info(pdf: Path, timeout: float = 30.0) -> dict[str, str]:
    """The ``pdfinfo`` fields of a PDF ("Pages", "Page size", ...)."""
    proc = _run([_poppler("pdfinfo"), str(pdf)], timeout, "pdfinfo")
    if proc.returncode != 0:
        raise UserError(f"PDF '{pdf.name}' tidak dapat dibaca.")
    info: dict[str, str] = {}
    for line in proc.stdout.decode("utf-8", "replace").splitlines():
        key, sep, value = line.partition(":")
        if sep:
            info[key.strip()] = value.strip()
    return info


def pdf_page_count(pdf: Path) -> int:
    """Number of pages of a PDF."""
    return int(pdf_info(pdf)["Pages"])


def pdf_page_size_mm(pdf: Path) -> tuple[float, float]:
    """Width and height of the first page in millimetres."""
    match = re.match(r"([\d.]+) x ([\d.]+) pts", pdf_info(pdf).get("Page size", ""))
    if match is None:
        raise UserError(f"Ukuran halaman PDF '{pdf.name}' tidak diketahui.")
    pt = 25.4 / 72
    return float(match.group(1)) * pt, float(match.group(2)) * pt


def pdf_text(pdf: Path, *, layout: bool = False, timeout: float = 30.0) -> str:
    """The text of a PDF through pdftotext."""
    cmd = [_poppler("pdftotext"), *(["-layout"] if layout else []), str(pdf), "-"]
    proc = _run(cmd, timeout, "pdftotext")
    if proc.returncode != 0:
        raise UserError(f"Teks PDF '{pdf.name}' tidak dapat dibaca.")
    return proc.stdout.decode("utf-8", "replace")


def ke_pdf(paths: Sequence[Path], out_dir: Path | None = None) -> list[Path]:
    """Convert documents to PDF in one LibreOffice call (next to them by default)."""
    if not paths:
        return []
    return convert_to_pdf(list(paths), out_dir or paths[0].parent)


def halaman_png(pdf_path: Path, dpi: int = 80) -> list[Path]:
    """PNG pages of a PDF for the in-app preview (in a temp folder)."""
    out = Path(tempfile.mkdtemp(prefix="kinerja-pratinjau-"))
    return pdf_to_png(pdf_path, out, dpi=dpi)
