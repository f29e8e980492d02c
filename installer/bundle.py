#!/usr/bin/env python3
"""Build the offline installation bundle: every wheel Kinerja needs for one platform and Python.

Run on a computer with internet, from the repository:

    python installer/bundle.py --platform windows --python 3.12 --zip

writes ``dist/kinerja-<versi>-windows-amd64-py3.12/`` (and a .zip of it): ``wheels/``, the
pinned ``requirements.txt``, ``pasang``/``jalankan`` scripts for that platform, ``BACA-SAYA.txt``
and ``bundle.json``. The folder installs with no network (``pip --no-index``).

The dependencies come from pyproject.toml alone: uv resolves them for the *target* (markers such
as ``python_version < '3.12'`` or ``sys_platform == 'win32'`` are judged for it, which pip
cannot do for another platform), pip downloads exactly those pins as wheels, and a check reads
every wheel's own requirements with the target's markers, so a missing wheel fails the build.

Deliberately free of ``kinerja_app``: the build machine needs only Python, pip, uv and packaging
(``pip install -e ".[bundle]"``), not Qt.
"""

from __future__ import annotations

import argparse
import email.parser
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
# what the wheel is built from (the rest of the repository is not shipped)
SOURCES = ("pyproject.toml", "setup.py", "README.md", "kinerja_app", "ui", "resources")
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", "build_templates.py")
SCRIPTS = {
    "windows": ("pasang.bat", "jalankan.bat"),
    "linux": ("pasang.sh", "jalankan.sh"),
}
COMMON = ("selesai_pasang.py", "BACA-SAYA.txt")


class BundleError(Exception):
    """The bundle cannot be built as asked; the message says why and what to do."""


@dataclass(frozen=True)
class Target:
    """A platform and Python version the bundle is for."""

    platform: str  # "windows" | "linux"
    python: str  # "3.12"
    glibc: str = "2.28"  # oldest glibc a Linux bundle must run on

    @property
    def nodot(self) -> str:
        return self.python.replace(".", "")

    @property
    def name(self) -> str:
        arch = "amd64" if self.platform == "windows" else "x86_64"
        return f"{self.platform}-{arch}-py{self.python}"

    @property
    def uv_platform(self) -> str:
        if self.platform == "windows":
            return "x86_64-pc-windows-msvc"
        return f"x86_64-manylinux_{self.glibc.replace('.', '_')}"

    def platform_tags(self) -> list[str]:
        """Wheel platform tags this target accepts, best first."""
        if self.platform == "windows":
            return ["win_amd64"]
        major, minor = (int(p) for p in self.glibc.split("."))
        tags = [f"manylinux_{major}_{m}_x86_64" for m in range(minor, 4, -1)]
        legacy = {17: "manylinux2014_x86_64", 12: "manylinux2010_x86_64", 5: "manylinux1_x86_64"}
        return tags + [name for m, name in legacy.items() if m <= minor]

    def markers(self) -> dict[str, str]:
        """PEP 508 marker values of the target (not of the machine building the bundle)."""
        windows = self.platform == "windows"
        return {
            "os_name": "nt" if windows else "posix",
            "sys_platform": "win32" if windows else "linux",
            "platform_system": "Windows" if windows else "Linux",
            "platform_machine": "AMD64" if windows else "x86_64",
            "platform_release": "",
            "platform_version": "",
            "implementation_name": "cpython",
            "platform_python_implementation": "CPython",
            "implementation_version": f"{self.python}.0",
            "python_version": self.python,
            "python_full_version": f"{self.python}.0",
            "extra": "",
        }


def _packaging() -> ModuleType:
    try:
        import packaging.markers
        import packaging.requirements
        import packaging.tags
        import packaging.utils
        import packaging.version
    except ImportError as exc:
        raise BundleError('Paket "packaging" belum ada: pip install -e ".[bundle]"') from exc
    return packaging


def _uv() -> str:
    try:
        from uv import find_uv_bin
    except ImportError as exc:
        raise BundleError('Paket "uv" belum ada: pip install -e ".[bundle]"') from exc
    return str(find_uv_bin())


def project(root: Path = ROOT) -> dict[str, str]:
    """Name and version of the app, from pyproject.toml."""
    data = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {"name": data["name"], "version": data["version"]}


def copy_sources(root: Path, dest: Path) -> Path:
    """Copy what the wheel is built from into ``dest`` (a clean tree: no stale build/)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in SOURCES:
        src = root / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=IGNORED)
        else:
            shutil.copy2(src, dest / name)
    return dest


def absolute_ui_imports(src: Path) -> list[str]:
    """``from ui...`` lines inside ui/: they break once the wheel installs ui/ as kinerja_ui."""
    pattern = re.compile(r"^\s*(from\s+ui(\.|\s)|import\s+ui(\.|\s|$))")
    return [
        f"{path.relative_to(src)}:{number}"
        for path in sorted((src / "ui").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.match(line)
    ]


def build_app_wheel(src: Path, out: Path) -> Path:
    """Build the app's wheel from a copied tree (``copy_sources``) into ``out``."""
    left = absolute_ui_imports(src)
    if left:
        raise BundleError(
            "ui/ masih mengimpor dirinya dengan nama 'ui' (di wheel namanya kinerja_ui), "
            f"mis. {left[0]}; ubah menjadi impor relatif (from .x import y)."
        )
    out.mkdir(parents=True, exist_ok=True)
    before = set(out.glob("*.whl"))
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(src)])
    built = sorted(set(out.glob("*.whl")) - before) or sorted(out.glob("kinerja-*.whl"))
    if not built:
        raise BundleError("pip wheel selesai tetapi tidak menghasilkan wheel aplikasi.")
    return built[-1]


def resolve(root: Path, target: Target) -> list[str]:
    """Pinned requirements (``name==version``) of the app for the target, from pyproject.toml."""
    proc = subprocess.run(
        [
            _uv(),
            "pip",
            "compile",
            str(root / "pyproject.toml"),
            "--python-platform",
            target.uv_platform,
            "--python-version",
            target.python,
            "--only-binary",
            ":all:",
            "--no-header",
            "--no-annotate",
            "--quiet",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise BundleError(
            f"Dependensi tidak dapat dipenuhi dengan wheel untuk {target.name}:\n"
            + proc.stderr.strip()
        )
    return [line.strip() for line in proc.stdout.splitlines() if "==" in line]


def download(pins: Sequence[str], target: Target, dest: Path) -> None:
    """Download exactly the pinned wheels for the target (never an sdist)."""
    with tempfile.TemporaryDirectory() as tmp:
        reqs = Path(tmp) / "pins.txt"
        reqs.write_text("\n".join(pins) + "\n", encoding="utf-8")
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:"]
        cmd += ["-q", "--dest", str(dest), "--python-version", target.python]
        cmd += ["--implementation", "cp"]
        for abi in (f"cp{target.nodot}", "abi3", "none"):
            cmd += ["--abi", abi]
        for tag in target.platform_tags():
            cmd += ["--platform", tag]
        _run([*cmd, "-r", str(reqs)], what=f"Unduhan wheel untuk {target.name}")


def _metadata(wheel: Path) -> email.message.Message:
    with zipfile.ZipFile(wheel) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        return email.parser.BytesParser().parsebytes(zf.read(name))


def verify(folder: Path, target: Target, roots: Iterable[str]) -> list[Path]:
    """Check the wheel set is complete and installable on the target; the wheels, sorted.

    Every wheel must carry a tag the target accepts, one version per project, and every
    requirement of every wheel that applies on the target (its markers judged for the target)
    must be met by a wheel in the folder, starting from ``roots``.

    Raises:
        BundleError: naming each missing or unusable wheel.
    """
    pk = _packaging()
    canon = pk.utils.canonicalize_name
    accepted = set(
        pk.tags.cpython_tags(
            python_version=tuple(int(p) for p in target.python.split(".")),
            abis=[f"cp{target.nodot}"],
            platforms=target.platform_tags(),
        )
    ) | set(
        pk.tags.compatible_tags(
            python_version=tuple(int(p) for p in target.python.split(".")),
            interpreter=f"cp{target.nodot}",
            platforms=target.platform_tags(),
        )
    )
    problems: list[str] = []
    wheels: dict[str, tuple[Path, object]] = {}
    for wheel in sorted(folder.glob("*.whl")):
        name, version, _build, tags = pk.utils.parse_wheel_filename(wheel.name)
        if not accepted & set(tags):
            problems.append(f"{wheel.name} tidak cocok untuk {target.name}")
        if name in wheels:
            problems.append(f"dua versi {name}: {wheels[name][0].name} dan {wheel.name}")
        wheels[name] = (wheel, version)
    env = target.markers()
    seen: set[str] = set()
    expanded: set[tuple[str, frozenset[str]]] = set()
    # each requirement with the extras its parent asked for ("psycopg[binary]" brings in
    # psycopg's "extra == 'binary'" requirements)
    todo = [(pk.requirements.Requirement(r), frozenset[str]()) for r in roots]
    while todo:
        req, parent_extras = todo.pop()
        if req.marker is not None and not any(
            req.marker.evaluate({**env, "extra": extra}) for extra in parent_extras or {""}
        ):
            continue
        name = canon(req.name)
        found = wheels.get(name)
        if found is None:
            problems.append(f"tidak ada wheel {req} untuk {target.name}")
            continue
        if req.specifier and not req.specifier.contains(found[1], prereleases=True):
            problems.append(f"{found[0].name} tidak memenuhi {req}")
        seen.add(name)
        key = (name, frozenset(req.extras))
        if key in expanded:
            continue
        expanded.add(key)
        todo += [
            (pk.requirements.Requirement(r), frozenset(req.extras))
            for r in _metadata(found[0]).get_all("Requires-Dist") or []
        ]
    unused = sorted(set(wheels) - seen)
    if unused:
        problems.append("wheel yang tidak dibutuhkan: " + ", ".join(unused))
    if problems:
        raise BundleError("Paket instalasi tidak lengkap:\n- " + "\n- ".join(problems))
    return [wheels[name][0] for name in sorted(wheels)]


def _render(name: str, target: Target, info: dict[str, str]) -> str:
    text = (HERE / name).read_text(encoding="utf-8")
    for key, value in {
        "@PYTHON@": target.python,
        "@PYTHON_NODOT@": target.nodot,
        "@VERSI@": info["version"],
        "@TARGET@": target.name,
    }.items():
        text = text.replace(key, value)
    return text


def write_bundle(
    target: Target,
    out: Path,
    *,
    app_wheel: Path | None = None,
    python_installer: Path | None = None,
    root: Path = ROOT,
) -> Path:
    """Write the bundle folder for one target and return it (replacing an older one)."""
    info = project(root)
    folder = out / f"{info['name']}-{info['version']}-{target.name}"
    if folder.exists():
        shutil.rmtree(folder)
    wheels = folder / "wheels"
    wheels.mkdir(parents=True)
    if app_wheel is None:
        with tempfile.TemporaryDirectory(prefix="kinerja-src-") as tmp:
            app_wheel = build_app_wheel(copy_sources(root, Path(tmp) / "src"), Path(tmp) / "w")
            shutil.copy2(app_wheel, wheels / app_wheel.name)
    else:
        shutil.copy2(app_wheel, wheels / app_wheel.name)
    pins = resolve(root, target)
    print(f"[{target.name}] {len(pins)} dependensi; mengunduh wheel…", flush=True)
    download(pins, target, wheels)
    app_pin = f"{info['name']}=={info['version']}"
    files = verify(wheels, target, [app_pin])
    (folder / "requirements.txt").write_text("\n".join([app_pin, *pins]) + "\n", encoding="utf-8")
    for name in (*SCRIPTS[target.platform], *COMMON):
        text = _render(name, target, info)
        newline = "\r\n" if name.endswith((".bat", ".txt")) else "\n"
        (folder / name).write_text(text, encoding="utf-8", newline=newline)
        if name.endswith(".sh"):
            (folder / name).chmod(0o755)
    if python_installer is not None:
        (folder / "python").mkdir()
        shutil.copy2(python_installer, folder / "python" / python_installer.name)
    manifest = {
        "aplikasi": info,
        "target": target.name,
        "python": target.python,
        "wheels": [
            {"berkas": w.name, "sha256": hashlib.sha256(w.read_bytes()).hexdigest()} for w in files
        ],
    }
    (folder / "bundle.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return folder


def zip_folder(folder: Path) -> Path:
    """Zip the bundle beside it, keeping the scripts executable for unzip on Linux."""
    archive = folder.with_name(folder.name + ".zip")
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                info = zipfile.ZipInfo.from_file(path, Path(folder.name) / path.relative_to(folder))
                info.compress_type = (
                    zipfile.ZIP_STORED if path.suffix == ".whl" else zipfile.ZIP_DEFLATED
                )
                with path.open("rb") as fh:
                    zf.writestr(info, fh.read())
    return archive


def _run(cmd: Sequence[str], what: str = "Pembuatan wheel aplikasi") -> None:
    proc = subprocess.run(list(cmd), capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise BundleError(f"{what} gagal:\n{(proc.stderr or proc.stdout).strip()[-3000:]}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python installer/bundle.py",
        description="Buat paket instalasi luring (tanpa internet) aplikasi Kinerja.",
    )
    parser.add_argument(
        "--platform",
        action="append",
        choices=sorted(SCRIPTS),
        help="sistem operasi komputer tujuan (boleh diulang; bawaan: windows)",
    )
    parser.add_argument(
        "--python",
        action="append",
        metavar="3.N",
        help="versi Python di komputer tujuan (boleh diulang; bawaan: 3.12)",
    )
    parser.add_argument(
        "--out", type=Path, default=ROOT / "dist", help="folder hasil (bawaan: dist/)"
    )
    parser.add_argument("--zip", action="store_true", help="juga buat berkas .zip setiap paket")
    parser.add_argument(
        "--glibc", default="2.28", help="glibc tertua untuk paket Linux (bawaan 2.28)"
    )
    parser.add_argument(
        "--wheel", type=Path, help="wheel aplikasi yang sudah dibuat (lewati build)"
    )
    parser.add_argument(
        "--python-installer",
        type=Path,
        metavar="EXE",
        help="penginstal Python (python-3.x.y-amd64.exe) yang ikut disalin ke paket",
    )
    args = parser.parse_args(argv)
    versions = args.python or ["3.12"]
    for version in versions:
        if not re.fullmatch(r"3\.1[1-9]", version):
            parser.error(f"versi Python {version} tidak didukung (3.11 atau lebih baru)")
    try:
        for platform in args.platform or ["windows"]:
            for version in versions:
                target = Target(platform, version, args.glibc)
                folder = write_bundle(
                    target, args.out, app_wheel=args.wheel, python_installer=args.python_installer
                )
                print(f"[{target.name}] paket siap: {folder}")
                if args.zip:
                    print(f"[{target.name}] zip: {zip_folder(folder)}")
    except BundleError as exc:
        print(f"GAGAL: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PIP_DISABLE_PIP_VERSION_CHECK", "1")
    sys.exit(main())
