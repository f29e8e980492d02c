"""Batch check of workbooks for ``python main.py verify FILE... [--json] [--tahun N]``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kinerja_app.errors import UnreadableFile
from kinerja_app.formatting import format_angka
from kinerja_app.importer.data import Finding, IndicatorRow
from kinerja_app.importer.reader import read_workbook
from kinerja_app.importer.verify import VerifyContext, status_of, verify

_STATUS_TEXT = {
    "ok": "LENGKAP",
    "warnings": "ADA PERINGATAN",
    "errors": "ADA KESALAHAN",
    "unreadable": "TIDAK TERBACA",
}


def _row_dict(row: IndicatorRow) -> dict[str, Any]:
    return {
        "sheet": row.sheet,
        "row": row.row,
        "sasaran": row.sasaran,
        "indikator": row.indikator,
        "satuan": row.satuan,
        "polaritas": row.polaritas.value if row.polaritas is not None else None,
        "target": row.target,
        "realisasi": row.realisasi,
        "capaian": row.capaian,
        "capaian_dilaporkan": row.capaian_dilaporkan,
    }


def check_one(path: Path, tahun: int | None = None) -> dict[str, Any]:
    """Read and verify one file; an unreadable file gives status "unreadable", never raises.

    Args:
        path: the workbook.
        tahun: the expected year (``None``: not checked).
    Returns:
        ``{"file", "status", "opd", "tahun", "rows", "findings"}`` as documented for the CLI.
    """
    try:
        data = read_workbook(path, tahun=tahun)
    except UnreadableFile as exc:
        finding = Finding("error", "UNREADABLE", str(exc))
        return {
            "file": str(path),
            "status": "unreadable",
            "opd": None,
            "tahun": None,
            "rows": [],
            "findings": [finding.as_dict()],
        }
    findings = verify(data, VerifyContext(tahun=tahun))
    return {
        "file": str(path),
        "status": status_of(findings),
        "opd": data.opd_hint or None,
        "tahun": data.tahun_hint,
        "rows": [_row_dict(r) for r in data.rows],
        "findings": [f.as_dict() for f in findings],
    }


def check_files(paths: Sequence[Path | str], tahun: int | None = None) -> list[dict[str, Any]]:
    """Check every file in turn; one bad file never stops the run.

    Args:
        paths: the workbooks.
        tahun: the expected year (``None``: not checked).
    Returns:
        One dict per file, in the given order.
    """
    return [check_one(Path(p), tahun) for p in paths]


def exit_code(results: Sequence[dict[str, Any]]) -> int:
    """0 when no file has errors, 1 when some file has errors, 2 when some file is unreadable."""
    statuses = {r["status"] for r in results}
    if "unreadable" in statuses:
        return 2
    return 1 if "errors" in statuses else 0


def format_text_report(results: Sequence[dict[str, Any]]) -> str:
    """A readable Indonesian report of a batch check, one block per file."""
    lines: list[str] = []
    for result in results:
        lines.append(f"{result['file']}: {_STATUS_TEXT[result['status']]}")
        if result["status"] != "unreadable":
            tahun = result["tahun"] if result["tahun"] is not None else "?"
            lines.append(
                f"  OPD: {result['opd'] or '?'} · tahun: {tahun} · {len(result['rows'])} indikator"
            )
            capaian = [r["capaian"] for r in result["rows"] if r["capaian"] is not None]
            if capaian:
                mean = sum(capaian) / len(capaian)
                lines.append(f"  rata-rata capaian: {format_angka(mean)}%")
        for finding in result["findings"]:
            mark = "KESALAHAN" if finding["severity"] == "error" else "peringatan"
            where = f" [{finding['cell']}]" if finding["cell"] else ""
            lines.append(f"  - {mark}{where} {finding['message']} ({finding['code']})")
        lines.append("")
    total = len(results)
    counts = {s: sum(1 for r in results if r["status"] == s) for s in _STATUS_TEXT}
    lines.append(
        f"{total} berkas: {counts['ok']} lengkap, {counts['warnings']} ada peringatan, "
        f"{counts['errors']} ada kesalahan, {counts['unreadable']} tidak terbaca."
    )
    return "\n".join(lines) + "\n"


def run_verify_cli(argv: list[str]) -> int:
    """Entry point of the ``verify`` subcommand: check files, print, return the exit code.

    Args:
        argv: the arguments after ``verify``.
    Returns:
        0 no errors, 1 some file has errors, 2 some file unreadable.
    """
    parser = argparse.ArgumentParser(
        prog="main.py verify", description="Periksa berkas data kinerja (.xlsx) dari OPD."
    )
    parser.add_argument("files", nargs="+", type=Path, help="berkas .xlsx")
    parser.add_argument("--json", action="store_true", help="keluaran JSON")
    parser.add_argument("--tahun", type=int, default=None, help="tahun yang diminta")
    args = parser.parse_args(argv)
    results = check_files(args.files, args.tahun)
    if args.json:
        sys.stdout.write(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(format_text_report(results))
    return exit_code(results)
