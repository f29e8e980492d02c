"""Files shipped with the app (Word templates, the lambang): one place that finds them.

The repository keeps them in ``resources/`` beside the packages; the wheel maps that folder
into ``kinerja_app/resources`` (see ``setup.py``). Both are found here, so an installed app
works from any folder and a checkout works without installing.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

LAMBANG_BAWAAN = "lambang_lamandau.png"
REINSTALL = "Pasang ulang aplikasi dari paket instalasinya (pasang.bat)."


def resource_dir() -> Path:
    """The folder of the shipped files: inside the installed package, else the checkout's."""
    packaged = resources.files("kinerja_app") / "resources"
    # pip installs wheels unpacked, so this is a real folder: python-docx and LibreOffice
    # need file paths, not zip members
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[1] / "resources"
    return checkout if checkout.is_dir() else Path(str(packaged))


def resource(*parts: str) -> Path:
    """One shipped file, e.g. ``resource("templates", "disposisi.docx")``."""
    return resource_dir().joinpath(*parts)
