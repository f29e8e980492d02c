"""Every subcommand, given each bad argument a user can type, answers with a clear Indonesian
sentence and a non-zero exit, never a traceback, and never writes to what it was asked to check."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kinerja_app import cli

ROOT = Path(__file__).resolve().parents[2]


def _foreign(path: Path) -> Path:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE pelanggan (id INTEGER PRIMARY KEY, nama TEXT)")
    con.execute("INSERT INTO pelanggan (nama) VALUES ('Toko Maju')")
    con.commit()
    con.close()
    return path


def _bad_arguments(tmp: Path) -> dict[str, Path]:
    """Each kind of wrong path, made once."""
    folder = tmp / "sebuah folder"
    folder.mkdir()
    empty = tmp / "kosong.db"
    empty.write_bytes(b"")
    garbage = tmp / "bukan.db"
    garbage.write_bytes(b"ini bukan basis data " * 200)
    a_file = tmp / "berkas.txt"
    a_file.write_text("isi")
    return {
        "tidak ada": tmp / "tidak-ada.db",
        "folder": folder,
        "kosong": empty,
        "asing": _foreign(tmp / "asing.db"),
        "bukan sqlite": garbage,
        "folder induk tidak ada": tmp / "folder-baru" / "kinerja.db",
        "di bawah berkas": a_file / "kinerja.db",
    }


def _commands(bad: Path, name: str) -> list[list[str]]:
    commands = [
        ["audit-verify", "--db", str(bad)],
        ["backup", "--db", str(bad)],
        ["--db", str(bad), "audit-verify"],
        ["--db", str(bad), "backup"],
        ["audit-verify", "--db", str(bad), "--cadangan", str(bad)],
    ]
    if name in ("kosong", "asing", "bukan sqlite", "tidak ada", "di bawah berkas"):
        commands.append(["verify", str(bad)])  # a workbook that is none
    if name in ("kosong", "asing", "bukan sqlite", "di bawah berkas"):
        commands.append(["demo-docs", str(bad)])  # a file (or a path under one) for a folder
    return commands


def _snapshot(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


@pytest.mark.parametrize(
    "name",
    [
        "tidak ada",
        "folder",
        "kosong",
        "asing",
        "bukan sqlite",
        "folder induk tidak ada",
        "di bawah berkas",
    ],
)
def test_every_subcommand_explains_a_bad_argument(name, tmp_path, capsys):
    bad = _bad_arguments(tmp_path)[name]
    before = _snapshot(bad)
    for argv in _commands(bad, name):
        code = cli.main(argv)
        out, err = capsys.readouterr()
        said = err.strip() or out.strip()  # verify reports on stdout, the rest on stderr
        assert code in (1, 2), (argv, code, out, err)
        assert said, argv
        assert "Traceback" not in err + out and "Error:" not in err, (argv, err)
        assert said.splitlines()[-1].rstrip().endswith((".", ")")), (argv, said)
        assert _snapshot(bad) == before, f"{argv} changed what it was asked to check"
    assert not (tmp_path / "asing-cadangan").exists()
    if name == "folder induk tidak ada":
        assert not bad.parent.exists()  # a check does not create folders either


def test_verify_given_a_folder_checks_the_workbooks_in_it(tmp_path, capsys):
    from tests.importer.builders import standard_rows, xlsx

    folder = tmp_path / "kiriman"
    folder.mkdir()
    xlsx(folder / "Dinas Kesehatan.xlsx", standard_rows())
    code = cli.main(["verify", str(folder)])
    out, err = capsys.readouterr()
    assert "Dinas Kesehatan.xlsx" in out and "Traceback" not in err
    assert code in (0, 1)
    empty = tmp_path / "kosong"
    empty.mkdir()
    assert cli.main(["verify", str(empty)]) == 2
    assert "tidak berisi buku kerja" in capsys.readouterr().err


def test_a_real_process_prints_no_traceback(tmp_path):
    """The same through ``python main.py``: stderr carries the sentence only."""
    foreign = _foreign(tmp_path / "asing.db")
    for argv in (["audit-verify", "--db", str(foreign)], ["backup", "--db", str(tmp_path)]):
        result = subprocess.run(
            [sys.executable, "main.py", *argv], cwd=ROOT, capture_output=True, text=True
        )
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
        assert result.stderr.strip().endswith(".")


@pytest.mark.parametrize(
    "argv",
    [
        ["siapkan-server", "kantor.db", "--peran-aplikasi", "kinerja_staf"],
        ["siapkan-server", "mysql://pemilik@10.0.0.5/kinerja", "--peran-aplikasi", "staf"],
        ["pindah-ke", "kantor.db"],
        ["sandi-server", "kantor.db"],
    ],
)
def test_server_commands_refuse_a_file_path_and_create_nothing(argv, tmp_path, monkeypatch, capsys):
    """``siapkan-server kantor.db`` once created a SQLite file of that name and said it was ready."""
    monkeypatch.chdir(tmp_path)
    code = cli.main(argv)
    err = capsys.readouterr().err
    assert code == 2 and "bukan alamat server basis data" in err, err
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["verify"], "argumen berikut wajib diisi: FILE"),
        (["verify", "--tahun", "dua ribu", "a.xlsx"], "'dua ribu' bukan bilangan bulat"),
        (["perintah-lain"], "'perintah-lain' tidak dikenal; pilih salah satu dari"),
        (["--db"], "argumen --db perlu satu nilai"),
        (["audit-verify", "--kepala"], "argumen --kepala perlu satu nilai"),
        (["siapkan-server", "postgresql://a@b/c"], "wajib diisi: --peran-aplikasi"),
        (["backup", "--tidak-ada"], "argumen tidak dikenal: --tidak-ada"),
        (["demo-docs"], "wajib diisi: DIR"),
    ],
)
def test_a_mistyped_command_line_is_answered_in_indonesian(argv, said, capsys):
    """argparse's own errors ("error: the following arguments are required") were English."""
    with pytest.raises(SystemExit) as stopped:
        cli.main(argv)
    err = capsys.readouterr().err
    assert stopped.value.code == 2
    assert said in err and err.startswith("penggunaan: ") and "--help." in err, err
    assert not any(word in err for word in ("usage:", "error:", "argument", "required")), err


def test_help_is_in_indonesian(capsys):
    with pytest.raises(SystemExit):
        cli.main(["verify", "--help"])
    out = capsys.readouterr().out
    assert "opsi:" in out and "tampilkan bantuan ini" in out and "show this help" not in out
