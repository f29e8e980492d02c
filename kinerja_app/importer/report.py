"""Batch check of workbooks for ``python main.py verify FILE... [--json] [--tahun N]``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kinerja_app.errors import UnreadableFile
from kinerja_app.formatting import format_angka
from kinerja_app.importer.data import Finding, IndicatorRow, Pemetaan
from kinerja_app.importer.reader import read_workbook
from kinerja_app.importer.verify import VerifyContext, status_of, verify
from kinerja_app.rekap.capaian import rata_rata

if TYPE_CHECKING:
    from kinerja_app.importer.penerimaan import Katalog

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
        "target_teks": row.target_text,
        "realisasi_teks": row.realisasi_text,
        "aturan": row.aturan,
    }


def check_one(
    path: Path, tahun: int | None = None, katalog: Katalog | None = None
) -> dict[str, Any]:
    """Read and verify one file; an unreadable file gives status "unreadable", never raises.

    Args:
        path: the workbook.
        tahun: the expected year (``None``: not checked).
        katalog: the OPDs and remembered mappings of a database (``--db``), or ``None``.
    Returns:
        ``{"file", "status", "opd", "tahun", "pemetaan", "rows", "findings"}`` as documented
        for the CLI; ``pemetaan`` says which mapping was used ("otomatis" or "diingat").
    """
    if katalog is not None:
        return _check_with_katalog(path, katalog)
    try:
        data = read_workbook(path, tahun=tahun)
    except UnreadableFile as exc:
        finding = Finding("error", "UNREADABLE", str(exc))
        return {
            "file": str(path),
            "status": "unreadable",
            "opd": None,
            "tahun": None,
            "pemetaan": None,
            "rows": [],
            "findings": [finding.as_dict()],
        }
    findings = verify(data, VerifyContext(tahun=tahun))
    return _result(path, status_of(findings), data.opd_hint, data.tahun_hint, data.pemetaan,
                   data.rows, findings)  # fmt: skip


def _result(
    path: Path,
    status: str,
    opd: str | None,
    tahun: int | None,
    pemetaan: Pemetaan | None,
    rows: Sequence[IndicatorRow],
    findings: Sequence[Finding],
) -> dict[str, Any]:
    return {
        "file": str(path),
        "status": status,
        "opd": opd or None,
        "tahun": tahun,
        "pemetaan": pemetaan.as_dict() if pemetaan is not None else None,
        "rows": [_row_dict(r) for r in rows],
        "findings": [f.as_dict() for f in findings],
    }


def _check_with_katalog(path: Path, katalog: Katalog) -> dict[str, Any]:
    """As the import dialog checks it: OPD matched, its remembered mapping applied."""
    from kinerja_app.importer.penerimaan import periksa_berkas

    hasil = periksa_berkas(path, katalog)
    data = hasil.data
    if data is None:
        return _result(path, "unreadable", None, None, None, (), hasil.findings)
    opd = hasil.opd.nama if hasil.opd is not None else data.opd_hint
    return _result(path, hasil.status, opd, data.tahun_hint, data.pemetaan, data.rows,
                   hasil.findings)  # fmt: skip


def check_files(
    paths: Sequence[Path | str], tahun: int | None = None, katalog: Katalog | None = None
) -> list[dict[str, Any]]:
    """Check every file in turn; one bad file never stops the run.

    Args:
        paths: the workbooks.
        tahun: the expected year (``None``: not checked).
        katalog: OPDs and remembered mappings from a database, or ``None``.
    Returns:
        One dict per file, in the given order.
    """
    return [check_one(Path(p), tahun, katalog) for p in paths]


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
            pemetaan = result.get("pemetaan") or {}
            if pemetaan.get("sumber") == "diingat":
                lines.append(
                    f"  {pemetaan.get('catatan') or 'Pemetaan kolom yang diingat dipakai.'}"
                )
            mean = rata_rata([r["capaian"] for r in result["rows"]])
            if mean is not None:
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
    parser.add_argument(
        "--db", type=Path, default=None, help="basis data: OPD dan pemetaan kolom yang diingat"
    )
    args = parser.parse_args(argv)
    katalog = _katalog(args.db, args.tahun) if args.db else None
    results = check_files(args.files, args.tahun, katalog)
    if args.json:
        sys.stdout.write(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(format_text_report(results))
    return exit_code(results)


def _katalog(db_path: Path, tahun: int | None) -> Katalog:
    """OPDs and remembered mappings of a database, read once without changing it."""
    from kinerja_app.errors import UserError
    from kinerja_app.importer.penerimaan import muat_katalog
    from kinerja_app.storage.db import close_database, open_database
    from kinerja_app.storage.models import Periode

    if not db_path.exists():
        raise UserError(f"Basis data {db_path} tidak ditemukan.")
    open_database(db_path, migrate=False)
    try:
        query = Periode.select().order_by(Periode.tahun.desc())
        periode = query.where(Periode.tahun == tahun).first() if tahun else query.first()
        if periode is None:
            raise UserError("Basis data belum memiliki periode pengumpulan untuk tahun itu.")
        return muat_katalog(periode)
    finally:
        close_database()
