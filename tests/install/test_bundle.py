"""The offline bundle: built from pyproject alone, installed with no network, shortcuts made."""

from __future__ import annotations

import hashlib
import json
import subprocess
import zipfile

import pytest

from tests.install.conftest import offline_env

pytestmark = pytest.mark.slow


def test_bundle_installs_offline_and_checks_itself(installed_bundle):
    out = installed_bundle.pasang.stdout
    assert "Pemeriksaan aplikasi: baik" in out
    assert "SELESAI" in out
    assert "Data Kinerja disimpan di:" in out
    folder = installed_bundle.folder
    pins = (folder / "requirements.txt").read_text(encoding="utf-8").split()
    assert pins[0].startswith("kinerja==")
    freeze = subprocess.run(
        [installed_bundle.command("python"), "-m", "pip", "freeze", "--all"],
        env=offline_env(installed_bundle.home),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    frozen = {line.lower().replace("_", "-") for line in freeze}
    assert {p.lower() for p in pins} <= frozen
    assert not {line for line in frozen if not line.startswith(("pip==", "setuptools=="))} - {
        p.lower() for p in pins
    }


def test_manifest_lists_every_wheel_with_its_checksum(installed_bundle):
    folder = installed_bundle.folder
    manifest = json.loads((folder / "bundle.json").read_text(encoding="utf-8"))
    on_disk = {w.name: w for w in (folder / "wheels").glob("*.whl")}
    assert {w["berkas"] for w in manifest["wheels"]} == set(on_disk)
    for entry in manifest["wheels"]:
        assert hashlib.sha256(on_disk[entry["berkas"]].read_bytes()).hexdigest() == entry["sha256"]


def test_shortcuts_open_the_windowless_command(installed_bundle):
    home, folder = installed_bundle.home, installed_bundle.folder
    gui = folder / "venv" / "bin" / "kinerja-gui"
    for entry in (
        home / ".local/share/applications/kinerja.desktop",
        home / "Desktop/kinerja.desktop",
    ):
        text = entry.read_text(encoding="utf-8")
        assert f'Exec="{gui}"' in text
        icon = next(line for line in text.splitlines() if line.startswith("Icon="))
        assert (folder / icon.removeprefix("Icon=")).is_file()
    assert gui.is_file()


def test_running_pasang_again_changes_nothing(installed_bundle):
    again = subprocess.run(
        ["sh", str(installed_bundle.folder / "pasang.sh")],
        env=offline_env(installed_bundle.home),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert again.returncode == 0, again.stdout[-2000:] + again.stderr[-2000:]
    assert "Requirement already satisfied: kinerja==" in again.stdout
    assert "Installing collected packages" not in again.stdout


def test_zip_keeps_the_scripts_executable(installed_bundle):
    folder = installed_bundle.folder
    with zipfile.ZipFile(folder.with_name(folder.name + ".zip")) as zf:
        info = zf.getinfo(f"{folder.name}/pasang.sh")
        assert (info.external_attr >> 16) & 0o111
        assert f"{folder.name}/requirements.txt" in zf.namelist()


def test_demo_documents_run_from_the_installed_bundle(demo_docs):
    proc, out = demo_docs
    assert proc.returncode == 0, proc.stderr
    assert len(list(out.rglob("*.docx"))) >= 6
    assert not list(out.rglob("*.pdf"))  # without LibreOffice: the Word files, and no error
