"""The installed wheel works from any folder: its own templates, named commands, the GUI.

The wheel is the one inside the session's bundle (tests/install/conftest.py), installed (not
editable) into a fresh venv; every command runs from a folder far from the repository.
"""

from __future__ import annotations

import json
import subprocess
import textwrap
import tomllib
import zipfile

import pytest

from kinerja_app.documents import TEMPLATES
from tests.install.conftest import ROOT, offline_env

pytestmark = pytest.mark.slow
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def _run(installed, args, cwd, **env):
    return subprocess.run(
        args,
        cwd=cwd,
        env={**offline_env(installed.home), **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_wheel_holds_every_resource_and_installs_no_top_level_ui(installed_bundle):
    (wheel,) = (installed_bundle.folder / "wheels").glob("kinerja-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        entry_points = zf.read(f"kinerja-{VERSION}.dist-info/entry_points.txt").decode()
    assert {n.split("/")[0] for n in names} == {
        "kinerja_app",
        "kinerja_ui",
        f"kinerja-{VERSION}.dist-info",
    }
    for filename in TEMPLATES.values():
        assert f"kinerja_app/resources/templates/{filename}" in names
    assert "kinerja_app/resources/lambang_lamandau.png" in names
    assert "kinerja_app/resources/templates/build_templates.py" not in names
    assert "kinerja = kinerja_ui.launch:main" in entry_points
    assert "[gui_scripts]\nkinerja-gui = kinerja_ui.launch:main_gui" in entry_points


def test_installed_app_finds_every_template_inside_its_venv(installed_bundle, tmp_path):
    script = textwrap.dedent(
        """
        import importlib.util, json
        import kinerja_app
        from kinerja_app.assets import resource_dir
        from kinerja_app.documents import TEMPLATES, render
        print(json.dumps({
            "core": kinerja_app.__file__,
            "resources": str(resource_dir()),
            "templates": {n: str(render.template_path(n)) for n in TEMPLATES},
            "ui_importable": importlib.util.find_spec("ui") is not None,
        }))
        """
    )
    proc = _run(installed_bundle, [installed_bundle.command("python"), "-c", script], tmp_path)
    assert proc.returncode == 0, proc.stderr
    found = json.loads(proc.stdout)
    venv = str(installed_bundle.folder / "venv")
    assert found["core"].startswith(venv)
    assert found["resources"].startswith(venv)
    assert not found["ui_importable"]
    assert set(found["templates"]) == set(TEMPLATES)
    for path in found["templates"].values():
        assert path.startswith(venv)


def test_demo_docs_from_another_folder_writes_every_document(demo_docs):
    proc, out = demo_docs
    assert proc.returncode == 0, proc.stderr
    written = [line for line in proc.stdout.splitlines() if line.strip()]
    assert written and all(line.startswith(str(out)) for line in written)
    folders = {p.parent.name for p in out.rglob("*.docx")}
    assert folders == {
        "1 Disposisi",
        "2 Draf surat",
        "5 Surat permintaan",
        "6 Distribusi",
        "7 Surat pengingat",
        "8 Hasil verifikasi",
        "8 Rekapitulasi",
        "9 Rekapitulasi final",
    }
    assert any(p.name.lower().startswith("buku ekspedisi") for p in out.rglob("*.docx"))
    assert any(p.name.lower().startswith("nota dinas") for p in out.rglob("*.docx"))
    assert list((out / "6 Distribusi").glob("Format Isian*.xlsx"))


def test_usage_line_names_the_command_that_was_run(installed_bundle, tmp_path):
    helped = _run(installed_bundle, [installed_bundle.command("kinerja"), "--help"], tmp_path)
    assert helped.returncode == 0
    assert helped.stdout.startswith("penggunaan: kinerja [-h]")
    wrong = _run(installed_bundle, [installed_bundle.command("kinerja"), "tidak-ada"], tmp_path)
    assert wrong.returncode == 2 and wrong.stderr.startswith("penggunaan: kinerja ")
    gui = _run(installed_bundle, [installed_bundle.command("kinerja-gui"), "--version"], tmp_path)
    assert gui.returncode == 0 and gui.stdout.strip() == f"Kinerja {VERSION}"


SMOKE = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    from kinerja_app.demo.periode import build_demo
    from kinerja_app.storage.models import Periode, User
    from kinerja_ui.context import UiContext
    from kinerja_ui.dialogs import FakeDialogs
    from kinerja_ui.main_window import MainWindow
    from kinerja_ui.ops import ChangeBus, Ops
    from kinerja_ui.recap.tab import RekapTab

    app = QApplication([])
    build_demo(Path(sys.argv[1]))
    user = User.get(User.username == "demo")
    dialogs, bus = FakeDialogs(), ChangeBus()
    window = MainWindow(UiContext(user, dialogs, bus, Ops(dialogs, bus)))
    window.show()
    app.processEvents()
    tab = RekapTab(UiContext(user, dialogs, bus, Ops(dialogs, bus), Periode.get().id))
    done = tab.export_docx()  # archived, then shown in the print preview
    print(json.dumps({
        "title": window.windowTitle(),
        "docx": str(done),
        "messages": dialogs.messages,
        "preview": type(tab.active_dialog).__name__,
    }))
    """
)


def test_gui_starts_offscreen_and_writes_the_recap_document(installed_bundle, tmp_path):
    proc = _run(
        installed_bundle,
        [installed_bundle.command("python"), "-c", SMOKE, str(tmp_path / "demo.db")],
        tmp_path,
        QT_QPA_PLATFORM="offscreen",
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert "Kinerja" in result["title"]
    assert result["docx"].endswith(".docx")
    assert (tmp_path / result["docx"]).is_file()
    assert result["messages"] == [], result["messages"]
    assert result["preview"] == "PratinjauDialog"
