"""A short, visible confirmation after a save: a green note over the bottom of the window."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

DURASI_MS = 6000


class Pemberitahuan(QLabel):
    """Floats centred over the bottom of ``parent`` for a few seconds; clicks pass through.

    The status bar alone is easy to miss; this note appears where the user looks and goes away
    by itself, so it never has to be closed.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.host = parent
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setStyleSheet(
            "background:#146c43; color:white; padding:8px 18px; border-radius:6px;font-weight:bold;"
        )
        self.setWordWrap(False)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DURASI_MS)
        self.timer.timeout.connect(self.hide)
        parent.installEventFilter(self)
        self.hide()

    def tampilkan(self, text: str) -> None:
        """Show ``text`` (with a tick) for a few seconds."""
        self.setText(f"✓  {text}")
        self.adjustSize()
        self._place()
        self.raise_()
        self.show()
        self.timer.start()

    def _place(self) -> None:
        host = self.host
        width = min(self.sizeHint().width(), host.width() - 40)
        self.resize(width, self.sizeHint().height())
        self.move((host.width() - width) // 2, host.height() - self.height() - 18)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False
