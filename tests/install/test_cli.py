"""Composition: the core's command line knows no windows; usage lines name the command run."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from kinerja_app import cli
from kinerja_app.assets import resource_dir
from kinerja_app.documents import render
from kinerja_app.errors import TemplateError
from tests.install.conftest import ROOT


@pytest.mark.parametrize(
    ("argv0", "shown"),
    [
        ("main.py", "python main.py"),
        ("/srv/kinerja/venv/bin/kinerja", "kinerja"),
        (r"C:\Kinerja\venv\Scripts\kinerja.exe", "kinerja"),
        (r"C:\Kinerja\venv\Scripts\kinerja-gui", "kinerja-gui"),
    ],
)
def test_usage_names_the_command(argv0, shown, monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", [argv0])
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    assert capsys.readouterr().out.startswith(f"penggunaan: {shown} [-h]")


def test_core_cli_without_a_gui_asks_for_a_subcommand(capsys):
    assert cli.main([]) == 2
    assert "Sebutkan subperintah" in capsys.readouterr().err


def test_subcommands_through_the_composition_root_load_no_qt():
    script = textwrap.dedent(
        """
        import sys
        from ui.launch import main
        code = main(["audit-verify", "--db", "/tidak/ada.db"])
        print(code, sorted({m.split(".")[0] for m in sys.modules} & {"PySide6", "ui"}))
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "2 ['ui']"
    assert "tidak ditemukan" in proc.stderr


def test_core_never_names_the_ui_package():
    for path in (ROOT / "kinerja_app").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "from ui" not in text and "import ui" not in text, path


def test_checkout_finds_the_repository_resources():
    assert resource_dir() == ROOT / "resources"
    assert render.template_path("disposisi") == ROOT / "resources" / "templates" / "disposisi.docx"


def test_a_missing_built_in_template_says_to_reinstall(tmp_path, monkeypatch):
    monkeypatch.setattr(render, "TEMPLATE_DIR", tmp_path)
    with pytest.raises(TemplateError, match=r"Pasang ulang aplikasi.*pasang\.bat"):
        render.render_bytes("surat_permintaan", [])
