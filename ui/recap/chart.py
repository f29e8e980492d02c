"""A horizontal bar chart of the average capaian per OPD, painted with QPainter (no QtCharts).

Horizontal bars keep 36 long OPD names readable; each bar is coloured by its predikat, with
the value at its end and a dashed line at 100%.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from kinerja_app.formatting import format_angka

WARNA_PREDIKAT = {
    "Sangat Tinggi": QColor("#1b7f3b"),
    "Tinggi": QColor("#5cb85c"),
    "Sedang": QColor("#f0ad4e"),
    "Rendah": QColor("#e8743b"),
    "Sangat Rendah": QColor("#c9302c"),
}
TANPA_PREDIKAT = QColor("#9e9e9e")
ROW_HEIGHT = 22.0
TOP = 44.0
BOTTOM = 26.0


@dataclass(frozen=True)
class Batang:
    """One bar: the OPD's label, its average capaian (``None``: no data) and predikat."""

    label: str
    nilai: float | None
    predikat: str


class CapaianChart(QWidget):
    """Bars of average capaian per OPD, highest first; OPDs without data listed at the end."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bars: list[Batang] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAutoFillBackground(True)
        self.setMinimumWidth(600)

    def set_data(self, bars: Sequence[Batang]) -> None:
        """Show ``bars`` (sorted here: highest capaian first, missing values last)."""
        self._bars = sorted(
            bars, key=lambda b: (b.nilai is None, -(b.nilai or 0.0), b.label.lower())
        )
        self.setFixedHeight(int(self.sizeHint().height()))
        self.updateGeometry()
        self.update()

    def bars(self) -> list[Batang]:
        """The bars in drawing order."""
        return list(self._bars)

    def sizeHint(self) -> QSize:
        return QSize(900, int(TOP + BOTTOM + ROW_HEIGHT * max(len(self._bars), 3)))

    def _scale_max(self) -> float:
        top = max((b.nilai for b in self._bars if b.nilai is not None), default=100.0)
        return max(120.0, math.ceil(top / 20.0) * 20.0)

    def paintEvent(self, event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        font = QFont(self.font())
        metrics = QFontMetricsF(font)
        label_w = min(
            max((metrics.horizontalAdvance(b.label) for b in self._bars), default=80.0) + 12,
            self.width() * 0.42,
        )
        value_w = metrics.horizontalAdvance("888,88%") + 10
        left = label_w + 8
        right = self.width() - value_w - 8
        scale = self._scale_max()
        span = max(right - left, 10.0)
        self._legend(painter, metrics)
        if not self._bars:
            painter.setPen(QColor("#666"))
            painter.drawText(
                QRectF(0, TOP, self.width(), ROW_HEIGHT * 2),
                Qt.AlignmentFlag.AlignCenter,
                "Belum ada data capaian.",
            )
            return
        bottom = TOP + ROW_HEIGHT * len(self._bars)
        grid = QPen(QColor("#dddddd"))
        painter.setPen(grid)
        step = 20.0
        tick = 0.0
        while tick <= scale + 0.01:
            x = left + span * tick / scale
            painter.setPen(grid)
            painter.drawLine(QPointF(x, TOP - 4), QPointF(x, bottom))
            painter.setPen(QColor("#555"))
            painter.drawText(
                QRectF(x - 30, bottom + 2, 60, BOTTOM - 4),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                f"{tick:.0f}%",
            )
            tick += step
        for i, bar in enumerate(self._bars):
            y = TOP + ROW_HEIGHT * i
            painter.setPen(QColor("#222"))
            label = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, label_w - 6)
            painter.drawText(
                QRectF(0, y, label_w, ROW_HEIGHT),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            if bar.nilai is None:
                painter.setPen(QColor("#888"))
                painter.drawText(
                    QRectF(left + 4, y, span, ROW_HEIGHT),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    "belum ada data",
                )
                continue
            width = span * max(min(bar.nilai, scale), 0.0) / scale
            rect = QRectF(left, y + 4, max(width, 1.0), ROW_HEIGHT - 8)
            painter.fillRect(rect, WARNA_PREDIKAT.get(bar.predikat, TANPA_PREDIKAT))
            painter.setPen(QColor("#222"))
            painter.drawText(
                QRectF(rect.right() + 4, y, value_w, ROW_HEIGHT),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                f"{format_angka(bar.nilai)}%",
            )
        x100 = left + span * 100.0 / scale
        pen = QPen(QColor("#333"))
        pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(QPointF(x100, TOP - 4), QPointF(x100, bottom))

    def _legend(self, painter: QPainter, metrics: QFontMetricsF) -> None:
        painter.setPen(QColor("#222"))
        painter.drawText(
            QPointF(8, 14), "Rata-rata capaian per Perangkat Daerah (%), warna menurut predikat:"
        )
        x = 8.0
        for name, colour in WARNA_PREDIKAT.items():
            painter.fillRect(QRectF(x, 21, 12, 12), colour)
            painter.setPen(QColor("#222"))
            painter.drawText(QPointF(x + 16, 32), name)
            x += metrics.horizontalAdvance(name) + 34
