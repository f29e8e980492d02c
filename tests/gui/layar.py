"""The office screen the GUI must fit: 1366×768, as the offscreen platform's only screen."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

LEBAR, TINGGI = 1366, 768
# What a Windows laptop takes from those 768 pixels: the taskbar (40) and a title bar (31).
TASKBAR, JUDUL = 40, 31


def platform_kantor() -> str:
    """The QT_QPA_PLATFORM value of an offscreen screen of 1366×768 at 96 dpi."""
    config = {
        "screens": [
            {
                "name": "Kantor",
                "x": 0,
                "y": 0,
                "width": LEBAR,
                "height": TINGGI,
                "logicalDpi": 96,
                "logicalBaseDpi": 96,
                "dpr": 1,
            }
        ]
    }
    path = Path(tempfile.gettempdir()) / f"kinerja-layar-{LEBAR}x{TINGGI}.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    return f"offscreen:configfile={path}"


def pakai_layar_kantor() -> None:
    """Make the offscreen platform (the default of the tests) one 1366×768 screen.

    Must run before the QApplication exists; another platform (xcb on Xvfb) is left alone.
    """
    if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
        os.environ["QT_QPA_PLATFORM"] = platform_kantor()
