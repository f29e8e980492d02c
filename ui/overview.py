"""The period overview above the tabs: period picker, the ten SOP steps drawn as a flow, counts."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kinerja_app import clock
from kinerja_app.jadwal.tugas import LANGKAH
from kinerja_app.queries import periode as q_periode
from kinerja_app.storage.models.master import Role
from kinerja_app.workflow.common import Area, Changes
from kinerja_app.workflow.periode import buka_periode

from .context import UiContext

AKTOR = {
    1: "Kabag",
    2: "Tim",
    3: "Kabag",
    4: "Asisten",
    5: "Sekda",
    6: "Tim",
    7: "OPD",
    8: "Tim",
    9: "Kabag",
    10: "Tim",
}


class FlowWidget(QWidget):
    """Paints the ten steps as boxes joined by arrows; done steps ticked, the current one lit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tahap = 0  # 0: no period; 11: archived
        self.aktif: set[int] = set()  # steps with open work (6–8 run per OPD, in parallel)
        self.progress8: tuple[int, int] = (0, 0)  # verified, expected
        self.setMinimumHeight(92)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(1100, 96)

    def set_state(
        self, tahap: int, verified: int, expected: int, aktif: set[int] | None = None
    ) -> None:
        """Show the period at step ``tahap`` (the earliest open one), every open step lit."""
        self.tahap = tahap
        self.aktif = set(aktif or ({tahap} if 1 <= tahap <= 10 else set()))
        self.progress8 = (verified, expected)
        self.setToolTip(
            "Periode sudah final dan diarsipkan."
            if tahap == 11
            else f"Periode berada pada langkah {tahap}: {LANGKAH.get(tahap, '')}."
            if tahap
            else "Belum ada periode."
        )
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        gap = 14.0
        count = 10
        width = (self.width() - 8 - gap * (count - 1)) / count
        height = self.height() - 8.0
        base = QFont(self.font())
        small = QFont(base)
        small.setPointSizeF(max(6.5, base.pointSizeF() * 0.82))
        bold = QFont(small)
        bold.setBold(True)
        for i in range(count):
            step = i + 1
            x = 4 + i * (width + gap)
            rect = QRectF(x, 4, width, height)
            done = self.tahap > step
            current = step in self.aktif
            fill = (
                QColor("#d1e7dd") if done else QColor("#cfe2ff") if current else QColor("#f4f4f4")
            )
            border = (
                QColor("#198754") if done else QColor("#0d6efd") if current else QColor("#adb5bd")
            )
            painter.setPen(QPen(border, 2.5 if current else 1.2))
            painter.setBrush(fill)
            painter.drawRoundedRect(rect, 6, 6)
            painter.setPen(QColor("#212529"))
            painter.setFont(bold)
            mark = " ✓" if done else ""
            painter.drawText(
                rect.adjusted(4, 2, -4, 0),
                Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft,
                f"{step}{mark}",
            )
            painter.drawText(
                rect.adjusted(4, 2, -4, 0),
                Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight,
                AKTOR[step],
            )
            painter.setFont(small)
            text_rect = rect.adjusted(4, 20, -4, -16 if step == 8 else -3)
            painter.drawText(
                text_rect,
                Qt.AlignmentFlag.AlignHCenter
                | Qt.AlignmentFlag.AlignTop
                | Qt.TextFlag.TextWordWrap,
                LANGKAH[step],
            )
            if step == 8:
                self._bar(painter, QRectF(x + 5, rect.bottom() - 12, width - 10, 7))
            if i < count - 1:
                self._arrow(painter, rect.right() + 2, rect.center().y(), gap - 4)
        painter.end()

    def _bar(self, painter: QPainter, rect: QRectF) -> None:
        verified, expected = self.progress8
        painter.setPen(QPen(QColor("#6c757d"), 0.8))
        painter.setBrush(QColor("white"))
        painter.drawRect(rect)
        if expected:
            filled = QRectF(
                rect.x(), rect.y(), rect.width() * min(1.0, verified / expected), rect.height()
            )
            painter.setBrush(QColor("#198754"))
            painter.drawRect(filled)

    @staticmethod
    def _arrow(painter: QPainter, x: float, y: float, length: float) -> None:
        painter.setPen(QPen(QColor("#6c757d"), 1.5))
        painter.drawLine(int(x), int(y), int(x + length), int(y))
        head = QPainterPath()
        head.moveTo(x + length, y)
        head.lineTo(x + length - 5, y - 4)
        head.lineTo(x + length - 5, y + 4)
        head.closeSubpath()
        painter.setBrush(QColor("#6c757d"))
        painter.drawPath(head)


class PeriodOverview(QWidget):
    """Period selector, "Buka periode baru", the flow and the per-OPD counts.

    Signals:
        periode_changed(int): the id of the period the user picked (0 when none).
    """

    periode_changed = Signal(int)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.combo = QComboBox()
        self.combo.setMinimumWidth(140)
        self.combo.setAccessibleName("Pilih periode")
        self.new_button = QPushButton("Buka periode baru…")
        allowed = any(ctx.can(r) for r in (Role.KABAG, Role.TIM, Role.ADMIN))
        self.new_button.setEnabled(allowed)
        if not allowed:
            self.new_button.setToolTip(
                "Hanya Kabag, Tim Kinerja, atau Administrator yang dapat membuka periode."
            )
        self.stage = QLabel()
        self.stage.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.counts = QLabel()
        self.counts.setTextFormat(Qt.TextFormat.RichText)
        self.flow = FlowWidget()

        top = QHBoxLayout()
        top.addWidget(QLabel("Periode:"))
        top.addWidget(self.combo)
        top.addWidget(self.new_button)
        top.addSpacing(16)
        top.addWidget(self.stage, 1)
        top.addWidget(self.counts)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 2)
        layout.addLayout(top)
        layout.addWidget(self.flow)

        self.combo.currentIndexChanged.connect(self._picked)
        self.new_button.clicked.connect(self.open_new_period)
        ctx.bus.changed.connect(self._on_changed)
        self.reload_periods(ctx.periode_id)

    def current_periode_id(self) -> int | None:
        """The id of the selected period."""
        value = self.combo.currentData()
        return int(value) if value else None

    def reload_periods(self, select: int | None = None) -> None:
        """Fill the picker, keeping or setting the selection."""
        keep = select or self.current_periode_id()
        self.combo.blockSignals(True)
        self.combo.clear()
        for p in q_periode.daftar_periode():
            label = p.nama + (" (final)" if p.terkunci else "")
            self.combo.addItem(label, p.id)
        index = self.combo.findData(keep) if keep else 0
        self.combo.setCurrentIndex(max(0, index))
        self.combo.blockSignals(False)
        self._picked()

    def _picked(self, *_: object) -> None:
        pid = self.current_periode_id()
        self.ctx.periode_id = pid
        self.refresh()
        self.periode_changed.emit(pid or 0)

    def refresh(self) -> None:
        """Redraw the flow and the counts of the selected period."""
        periode = q_periode.get_periode(self.current_periode_id())
        if periode is None:
            self.flow.set_state(0, 0, 0)
            self.stage.setText("Belum ada periode. Buka periode baru untuk memulai.")
            self.counts.setText("")
            return
        tahap = q_periode.tahap(periode)
        summary = q_periode.ringkasan_periode(periode)
        aktif = q_periode.langkah_aktif(periode)
        self.flow.set_state(tahap, summary.terverifikasi, summary.diharapkan, aktif)
        self.stage.setToolTip(
            "Final dan diarsipkan."
            if tahap == 11
            else ", ".join(f"{s}. {LANGKAH[s]}" for s in sorted(aktif or {tahap}))
        )
        steps = sorted(aktif or {tahap})
        self.stage.setText(
            "Final dan diarsipkan."
            if tahap == 11
            else "Sedang berjalan: langkah " + ", ".join(str(s) for s in steps)
        )
        self.stage.setToolTip(
            "\n".join(f"Langkah {s}: {LANGKAH[s]}" for s in steps if s in LANGKAH)
        )
        self.counts.setText(
            f"Diharapkan <b>{summary.diharapkan}</b> · Diterima <b>{summary.diterima}</b> · "
            f"Tepat waktu <b>{summary.tepat_waktu}</b> · Terverifikasi <b>{summary.terverifikasi}</b>"
        )

    def _on_changed(self, changes: Changes) -> None:
        if Area.PERIODE in changes.areas:
            self.reload_periods(changes.periode_id)
        else:
            self.refresh()

    def open_new_period(self) -> None:
        """Ask for the data year and open the period."""

        suggested = str(clock.today().year - 1)
        text = self.ctx.dialogs.ask_line(
            self, "Buka periode baru", "Tahun data yang dikumpulkan:", suggested
        )
        if text is None:
            return
        try:
            tahun = int(text.strip())
        except ValueError:
            self.ctx.dialogs.warning(
                self, "Buka periode baru", f"'{text}' bukan tahun. Isi misalnya {suggested}."
            )
            return
        self.ctx.ops.run_action(self, "Buka periode baru", buka_periode, self.ctx.user, tahun)
