"""The main window opens without loading the heavy document and workbook libraries.

Not a timing test: it asserts which modules a start-up needs, so a stray top-level import of
openpyxl or python-docx (0.1-0.2 s each on an office PC) is caught where it is added.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    from kinerja_app.demo.periode import build_demo
    from ui.context import UiContext
    from ui.dialogs import FakeDialogs
    from ui.ops import ChangeBus, Ops

    app = QApplication([])
    build_demo(Path(sys.argv[1]))  # the demo itself needs openpyxl-free core only
    for name in [m for m in sys.modules if m.split(".")[0] in ("openpyxl", "docx", "docxtpl", "xlsxwriter", "psycopg")]:
        del sys.modules[name]
    from ui.main_window import MainWindow
    from kinerja_app.storage.models import User

    dialogs, bus = FakeDialogs(), ChangeBus()
    window = MainWindow(UiContext(User.get(User.username == "demo"), dialogs, bus, Ops(dialogs, bus)))
    window.show()
    app.processEvents()
    print(sorted({m.split(".")[0] for m in sys.modules} & {"openpyxl", "docx", "docxtpl", "xlsxwriter", "psycopg"}))
    """
)


def test_main_window_needs_no_openpyxl_or_docx(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "demo.db")],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "[]"
