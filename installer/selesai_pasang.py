"""Last step of pasang.bat / pasang.sh, run by the new venv's Python.

Checks that the installed app works on this computer (Qt loads, every template is there),
makes the desktop and menu shortcuts, and says where the data lives and whether LibreOffice
is present. Exit status 1 when the app cannot run here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
WINDOWS = os.name == "nt"
GUI = HERE / "venv" / ("Scripts/kinerja-gui.exe" if WINDOWS else "bin/kinerja-gui")


def check_app() -> list[str]:
    """What keeps the app from running here (empty when it can run)."""
    problems: list[str] = []
    from kinerja_app.assets import LAMBANG_BAWAAN, resource
    from kinerja_app.documents import TEMPLATES

    for name in [LAMBANG_BAWAAN, *(f"templates/{f}" for f in TEMPLATES.values())]:
        if not resource(*name.split("/")).is_file():
            problems.append(f"berkas bawaan {name} tidak ada di {resource()}")
    try:
        import kinerja_ui.app  # noqa: F401  (loads Qt's libraries)
    except ImportError as exc:
        hint = (
            "Pasang Microsoft Visual C++ Redistributable (x64) terbaru lalu coba lagi."
            if WINDOWS
            else "Pasang pustaka grafis Qt (mis. libegl1 libxkbcommon0 libfontconfig1)."
        )
        problems.append(f"Qt (tampilan aplikasi) tidak dapat dimuat: {exc}. {hint}")
    return problems


def make_icon() -> Path | None:
    """The lambang as an icon file for the shortcut (.ico on Windows), or None."""
    from kinerja_app.assets import LAMBANG_BAWAAN, resource

    png = resource(LAMBANG_BAWAAN)
    if not WINDOWS:
        return png if png.is_file() else None
    try:
        from PySide6.QtGui import QImage

        ico = HERE / "kinerja.ico"
        return ico if QImage(str(png)).scaled(64, 64).save(str(ico)) else None
    except ImportError:
        return None


def shortcuts_windows(icon: Path | None) -> list[str]:
    """Desktop and Start-menu shortcuts through PowerShell's WScript.Shell."""
    script = (
        "$ws = New-Object -ComObject WScript.Shell; "
        "foreach ($d in @([Environment]::GetFolderPath('Desktop'), "
        "[Environment]::GetFolderPath('Programs'))) { "
        "$s = $ws.CreateShortcut((Join-Path $d 'Kinerja.lnk')); "
        "$s.TargetPath = $env:KINERJA_TARGET; $s.WorkingDirectory = $env:KINERJA_DIR; "
        "$s.Description = 'Pengumpulan Data Kinerja'; "
        "if ($env:KINERJA_ICON) { $s.IconLocation = $env:KINERJA_ICON }; "
        "$s.Save(); Write-Output (Join-Path $d 'Kinerja.lnk') }"
    )
    env = {
        **os.environ,
        "KINERJA_TARGET": str(GUI),
        "KINERJA_DIR": str(HERE),
        "KINERJA_ICON": str(icon or ""),
    }
    proc = subprocess.run(
        ["powershell", "-NoProfile", "-ExecutionPolicy", "Bypass", "-Command", script],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if proc.returncode != 0:
        print(f"Pintasan tidak dapat dibuat ({proc.stderr.strip()}); gunakan jalankan.bat.")
        return []
    return proc.stdout.split()


def desktop_dir() -> Path | None:
    """The XDG desktop folder, when there is one."""
    tool = shutil.which("xdg-user-dir")
    if tool:
        found = subprocess.run([tool, "DESKTOP"], capture_output=True, text=True, check=False)
        path = Path(found.stdout.strip())
        if found.returncode == 0 and path.is_dir() and path != Path.home():
            return path
    fallback = Path.home() / "Desktop"
    return fallback if fallback.is_dir() else None


def shortcuts_linux(icon: Path | None) -> list[str]:
    """A .desktop entry in the application menu and, where there is one, on the desktop."""
    entry = "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Name=Kinerja",
            "Comment=Pengumpulan Data Kinerja — Bagian Organisasi",
            f'Exec="{GUI}"',
            f"Path={HERE}",
            *([f"Icon={icon}"] if icon else []),
            "Terminal=false",
            "Categories=Office;",
            "",
        ]
    )
    data_home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    folders = [data_home / "applications"]
    desktop = desktop_dir()
    if desktop is not None:
        folders.append(desktop)
    made = []
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "kinerja.desktop"
        path.write_text(entry, encoding="utf-8")
        path.chmod(0o755)
        made.append(str(path))
    return made


def main() -> int:
    problems = check_app()
    if problems:
        for problem in problems:
            print(f"MASALAH: {problem}")
        return 1
    print("Pemeriksaan aplikasi: baik (templat surat dan tampilan Qt dapat dimuat).")
    icon = make_icon()
    made = shortcuts_windows(icon) if WINDOWS else shortcuts_linux(icon)
    for path in made:
        print(f"Pintasan dibuat: {path}")

    from kinerja_app.documents.pdf import find_soffice
    from kinerja_app.storage.db import backup_dir_for, default_db_path

    db = default_db_path()
    print(f"Data Kinerja disimpan di: {db}")
    print(f"Cadangan harian di: {backup_dir_for(db)}")
    soffice = find_soffice()
    if soffice is not None:
        print(f"LibreOffice ditemukan ({soffice}): pratinjau cetak dan PDF tersedia.")
    else:
        print(
            "LibreOffice belum terpasang: surat tetap dapat dibuka dan dicetak dari Word. "
            "Untuk pratinjau cetak dan PDF di dalam aplikasi, pasang LibreOffice (gratis, "
            "www.libreoffice.org) kapan saja; Kinerja tidak perlu dipasang ulang."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
