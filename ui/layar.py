"""Every window fits the screen it opens on: the office laptop has 1366×768 pixels.

One application-wide filter (:class:`PasLayar`) shrinks and moves any top-level window that is
about to be shown so that its frame lies inside the screen's available geometry (the screen
less the taskbar); windows ask for a comfortable size with ``resize`` and get at most that.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMargins, QObject, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Until a window has been shown its frame is unknown; Windows 10/11 draws about this much.
BINGKAI_PERKIRAAN = QMargins(8, 31, 8, 8)


def ruang_layar(window: QWidget) -> QRect:
    """The available geometry of the screen the window is (or will be) on."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def bingkai(window: QWidget) -> QMargins:
    """The window frame's width on each side (title bar on top)."""
    frame, inner = window.frameGeometry(), window.geometry()
    margins = QMargins(
        inner.left() - frame.left(),
        inner.top() - frame.top(),
        frame.right() - inner.right(),
        frame.bottom() - inner.bottom(),
    )
    if margins.isNull() and not window.testAttribute(Qt.WidgetAttribute.WA_WState_Created):
        return BINGKAI_PERKIRAAN
    return margins


def ukuran_muat(window: QWidget, width: int, height: int) -> QSize:
    """``width``×``height``, shrunk so the window with its frame fits the available geometry."""
    area = ruang_layar(window)
    m = bingkai(window)
    return QSize(
        min(width, area.width() - m.left() - m.right()),
        min(height, area.height() - m.top() - m.bottom()),
    )


def pas_layar(window: QWidget) -> None:
    """Shrink ``window`` to the available geometry and move its frame inside it."""
    if window.windowState() & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen):
        return
    size = ukuran_muat(window, window.width(), window.height())
    if size != window.size():
        center = window.geometry().center()
        window.resize(size)
        geometry = window.geometry()
        geometry.moveCenter(center)
        window.move(geometry.topLeft())
    area = ruang_layar(window)
    m = bingkai(window)
    frame = window.geometry().marginsAdded(m)
    x = max(area.left(), min(frame.left(), area.right() + 1 - frame.width()))
    y = max(area.top(), min(frame.top(), area.bottom() + 1 - frame.height()))
    if (x, y) != (frame.left(), frame.top()):
        window.move(x, y)  # move() places the frame's top-left corner


class PasLayar(QObject):
    """An application event filter: every top-level window is fitted just before it shows."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Show
            and isinstance(watched, QWidget)
            and watched.isWindow()
            and watched.windowType() in (Qt.WindowType.Window, Qt.WindowType.Dialog)
        ):
            pas_layar(watched)
        return False


_terpasang: list[PasLayar] = []  # the filter must outlive this call


def pasang_pas_layar(app: QObject) -> None:
    """Fit every top-level window of ``app`` to its screen from now on."""
    if not _terpasang:
        fitter = PasLayar(app)
        app.installEventFilter(fitter)
        _terpasang.append(fitter)
