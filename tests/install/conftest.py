"""One real bundle per test session: built as a user would, installed offline, shared.

Building needs PyPI (uv resolves, pip downloads; the pip and uv caches make later runs quick);
installing needs nothing: ``pasang.sh`` runs with ``--no-index``, pip's configuration ignored and
every proxy pointing at a closed port, so any attempt to reach the network fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from installer import bundle

ROOT = Path(__file__).resolve().parents[2]
PYTHON = f"{sys.version_info.major}.{sys.version_info.minor}"
DEAD_PROXY = "http://127.0.0.1:9"
BUILD_ARGS = ("--platform", "linux", "--python", PYTHON, "--zip", "--out")


def real_clock_env(**extra: str) -> dict[str, str]:
    """The environment without libfaketime: TLS to PyPI needs the real date."""
    env = {
        k: v for k, v in os.environ.items() if k != "LD_PRELOAD" and not k.startswith("FAKETIME")
    }
    return {**env, **extra}


def offline_env(home: Path) -> dict[str, str]:
    """A user with an empty home on a computer without network."""
    env = real_clock_env(HOME=str(home))
    env.pop("XDG_DATA_HOME", None)
    env.update({k: DEAD_PROXY for k in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY")})
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


@dataclass(frozen=True)
class Installed:
    """The bundle folder, its pasang.sh run, and the user's home it installed for."""

    folder: Path
    home: Path
    pasang: subprocess.CompletedProcess[str]

    def command(self, name: str) -> str:
        return str(self.folder / "venv" / "bin" / name)


def _prepare_checkout(dest: Path) -> Path:
    """Copy the repository's build inputs and the builder, as a user's checkout holds them."""
    dest.mkdir(parents=True)
    for name in (*bundle.SOURCES, "installer"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    return dest


@pytest.fixture(scope="session")
def installed_bundle(tmp_path_factory) -> Installed:
    work = tmp_path_factory.mktemp("bundle")
    checkout = _prepare_checkout(work / "checkout")
    build = subprocess.run(
        [
            sys.executable,
            str(checkout / "installer" / "bundle.py"),
            *BUILD_ARGS,
            str(work / "dist"),
        ],
        cwd=work,
        env=real_clock_env(),
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    (folder,) = (p for p in (work / "dist").iterdir() if p.is_dir())
    home = work / "home"
    (home / "Desktop").mkdir(parents=True)
    pasang = subprocess.run(
        ["sh", str(folder / "pasang.sh")],
        cwd=home,
        env=offline_env(home),
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert pasang.returncode == 0, pasang.stdout[-3000:] + pasang.stderr[-3000:]
    return Installed(folder, home, pasang)


@pytest.fixture(scope="session")
def demo_docs(installed_bundle, tmp_path_factory) -> tuple[subprocess.CompletedProcess[str], Path]:
    """``kinerja demo-docs`` run from the bundle's venv, far from the repository, no LibreOffice."""
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    out = elsewhere / "dokumen"
    # PATH holds only the venv: no LibreOffice, as on a workstation without it (and no
    # minute of PDF conversion in every CI run; the PDF path has its own tests)
    env = {**offline_env(installed_bundle.home), "PATH": str(installed_bundle.folder / "venv/bin")}
    proc = subprocess.run(
        [installed_bundle.command("kinerja"), "demo-docs", str(out)],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return proc, out
