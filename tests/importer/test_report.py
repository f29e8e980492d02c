"""The batch check behind ``main.py verify``: JSON shape, text report, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kinerja_app.importer.report import check_files, exit_code, format_text_report, run_verify_cli
from tests.importer.builders import HEADER, format_isian, standard_rows, xlsx

ROW_KEYS = {
    "target_teks",
    "realisasi_teks",
    "aturan",
    "sheet",
    "row",
    "sasaran",
    "indikator",
    "satuan",
    "polaritas",
    "target",
    "realisasi",
    "capaian",
    "capaian_dilaporkan",
}


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    bad_rows: list[list[object]] = [
        list(HEADER),
        [1, "S", "Indikator A", "%", "Positif", "sembilan puluh", 90],
    ]
    broken = tmp_path / "rusak.xlsx"
    broken.write_bytes(b"PK\x03\x04 bukan zip utuh")
    return {
        "ok": format_isian(tmp_path / "isian.xlsx"),
        "errors": xlsx(tmp_path / "salah.xlsx", bad_rows),
        "unreadable": broken,
    }


def test_json_shape(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code = run_verify_cli([str(files["ok"]), "--json", "--tahun", "2025"])

    assert code == 0
    (result,) = json.loads(capsys.readouterr().out)
    assert set(result) == {"file", "status", "opd", "tahun", "pemetaan", "rows", "findings"}
    assert result["pemetaan"]["sumber"] == "otomatis"
    assert result["pemetaan"]["kolom"]["target"] == "F"
    assert result["status"] == "ok"
    assert (result["opd"], result["tahun"]) == ("Dinas Kesehatan", 2025)
    first = result["rows"][0]
    assert set(first) == ROW_KEYS
    assert first["sheet"] == "Data Kinerja"
    assert first["row"] == 5
    assert first["polaritas"] == "positif"
    assert first["target"] == 70
    assert first["capaian"] == pytest.approx(101.0)
    assert result["rows"][1]["polaritas"] == "negatif"


def test_errors_give_exit_code_1_with_findings_as_json(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code = run_verify_cli([str(files["errors"]), "--json"])

    assert code == 1
    (result,) = json.loads(capsys.readouterr().out)
    assert result["status"] == "errors"
    row = result["rows"][0]
    assert (row["target"], row["capaian"], row["realisasi"]) == (None, None, 90)
    finding = next(f for f in result["findings"] if f["code"] == "NILAI_BUKAN_ANGKA")
    assert finding == {
        "severity": "error",
        "code": "NILAI_BUKAN_ANGKA",
        "cell": "Sheet1!F2",
        "row": 2,
        "message": finding["message"],
    }


def test_unreadable_file_never_stops_the_run(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    paths = [str(files["unreadable"]), str(files["ok"]), str(files["errors"])]

    code = run_verify_cli([*paths, "--json"])

    assert code == 2
    results = json.loads(capsys.readouterr().out)
    assert [r["status"] for r in results] == ["unreadable", "ok", "errors"]
    unreadable = results[0]
    assert unreadable["rows"] == []
    (finding,) = unreadable["findings"]
    assert finding["severity"] == "error"
    assert "mengirim ulang" in finding["message"]
    assert finding["code"] == "UNREADABLE"


def test_wrong_year_on_the_command_line(files: dict[str, Path]) -> None:
    (result,) = check_files([files["ok"]], tahun=2026)
    assert result["status"] == "errors"
    assert [f["code"] for f in result["findings"]] == ["TAHUN_SALAH"]


def test_text_report(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code = run_verify_cli([str(files["ok"]), str(files["errors"])])

    out = capsys.readouterr().out
    assert code == 1
    assert "isian.xlsx: LENGKAP" in out
    assert "salah.xlsx: ADA KESALAHAN" in out
    assert "[Sheet1!F2]" in out
    assert "2 berkas: 1 lengkap, 0 ada peringatan, 1 ada kesalahan, 0 tidak terbaca." in out


def test_exit_codes() -> None:
    assert exit_code([{"status": "ok"}, {"status": "warnings"}]) == 0
    assert exit_code([{"status": "errors"}, {"status": "ok"}]) == 1
    assert exit_code([{"status": "errors"}, {"status": "unreadable"}]) == 2
    assert format_text_report([]).endswith("0 tidak terbaca.\n")


def test_check_files_with_warnings_only(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["Indikator", "Satuan", "Target", "Realisasi"],
        ["Indikator A", "%", 100, 95],
    ]
    (result,) = check_files([xlsx(tmp_path / "a.xlsx", rows)])
    assert result["status"] == "warnings"  # no Polaritas column: assumed positive
    assert result["rows"][0]["capaian"] == pytest.approx(95.0)
    assert standard_rows(1)[0] == HEADER


def test_importer_never_imports_qt() -> None:
    code = (
        "import sys\n"
        "import kinerja_app.importer.report, kinerja_app.importer.verify\n"
        "import kinerja_app.importer.guard, kinerja_app.importer.reader\n"
        "print('PySide6' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[2],
        check=True,
    )
    assert out.stdout.strip() == "False"
