"""Wait until a shown top-level window has been exposed and painted (offscreen platform)."""

import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget


class _PaintSpy(QObject):
    """Notes the first paint event of ``window`` or any of its children."""

    def __init__(self, window: QWidget) -> None:
        super().__init__()
        self.window = window
        self.painted = False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (
            not self.painted
            and event.type() == QEvent.Type.Paint
            and isinstance(obj, QWidget)
            and obj.window() is self.window
        ):
            self.painted = True
        return False


def wait_painted(app: QApplication, window: QWidget, timeout: float = 30.0) -> None:
    """Process events until ``window`` is exposed and has painted; raise after ``timeout``."""
    spy = _PaintSpy(window)
    app.installEventFilter(spy)
    deadline = time.monotonic() + timeout
    handle = window.windowHandle()
    while not (spy.painted and handle is not None and handle.isExposed()):
        app.processEvents()
        handle = handle or window.windowHandle()
        if time.monotonic() > deadline:
            raise TimeoutError("window never painted")
        if not spy.painted:
            time.sleep(0.0005)
    app.removeEventFilter(spy)


def peak_kb() -> int:
    """Peak resident memory of this process in KiB (``VmHWM``; 0 where /proc is missing)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0
