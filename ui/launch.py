"""Composition root of the commands: the core's command line with the desktop app plugged in.

``kinerja`` (console), ``kinerja-gui`` (no console window on Windows) and ``python main.py``
start here. Qt is imported only when the GUI starts, so ``kinerja verify`` stays light.
Imports inside this package are relative: the wheel installs it as ``kinerja_ui``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from kinerja_app import cli


def run_gui(db: str | None, demo: bool, choose_connection: bool = False) -> int:
    """Open the desktop application (Qt is loaded here, not before); ``db`` a file or a server."""
    from .app import run_gui as run

    return run(db_path=db, demo=demo, choose_connection=choose_connection)


def main(argv: Sequence[str] | None = None) -> int:
    """``kinerja`` and ``python main.py``: a subcommand, or the desktop app without one."""
    return cli.main(argv, run_gui=run_gui)


def main_gui() -> int:
    """``kinerja-gui``: started windowless (pythonw), so stdout/stderr may be missing."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            # lives as long as the process: nothing to close
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
    return main()
