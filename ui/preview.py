"""Pratinjau cetak: generated letters shown page by page, printed with a number of copies.

The .docx files are turned into PDF by LibreOffice (one batch) and into page images by
pdftoppm, both in a worker thread. Printing renders the pages again at print resolution and
paints them onto the printer at their real paper size, so an A4 or F4 letter comes out 1:1.
Without LibreOffice the dialog says so and offers Word instead.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPixmap, QResizeEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from kinerja_app.documents import pdf as dok_pdf
from kinerja_app.errors import UserError
from kinerja_app.formatting import format_tanggal

from .cetak import salin
from .context import UiContext
from .ops import APOLOGY, Worker
from .table import Column, RecordTableModel
from .widgets import make_table

if TYPE_CHECKING:  # the paper functions load python-docx: not before a paper is made
    from kinerja_app.documents.naskah import Naskah

log = logging.getLogger(__name__)

DPI_LAYAR = 150  # sharp enough to read at 150 % zoom
DPI_CETAK = 300  # print resolution of the page images
TANPA_LIBREOFFICE = (
    "Pratinjau belum dapat ditampilkan karena LibreOffice belum terpasang di komputer ini.\n\n"
    "Surat tetap dapat diperiksa dan dicetak dari pengolah kata: klik «Buka di Word».\n\n"
    "Agar pratinjau dan cetak langsung dari aplikasi tersedia, mintalah administrator "
    "memasang LibreOffice (gratis, https://www.libreoffice.org)."
)
ZOOMS: tuple[tuple[str, float | None], ...] = (
    ("Pas lebar", None),
    ("50%", 0.5),
    ("75%", 0.75),
    ("100%", 1.0),
    ("125%", 1.25),
    ("150%", 1.5),
)
Progress = Callable[[int, int], bool]


@dataclass
class Dokumen:
    """One generated document with its PDF, its page images and its paper size."""

    docx: Path
    pdf: Path | None = None
    halaman: list[Path] = field(default_factory=list)
    ukuran_mm: tuple[float, float] = (210.0, 297.0)
    judul: str = ""  # what the list shows: the part that tells the documents apart


@dataclass(frozen=True)
class Gagal:
    """A failure carried back from the worker so the dialog can show it in place."""

    pesan: str


class DokumenModel(RecordTableModel[Dokumen]):
    """The documents of the preview (shown when there are several)."""

    def tooltip(self, record: Dokumen) -> str | None:
        return record.docx.name

    NAMA, HALAMAN = range(2)
    columns = (
        Column("Dokumen", lambda d: d.judul or d.docx.stem),
        Column(
            "Hlm", lambda d: str(len(d.halaman)), key=lambda d: len(d.halaman), align_right=True
        ),
    )


def nama_kertas(ukuran_mm: tuple[float, float]) -> str:
    """A4, F4 or the size in millimetres, as the staff call the paper."""
    w, h = sorted(ukuran_mm)
    if abs(w - 210) < 2 and abs(h - 297) < 2:
        return "A4"
    if abs(w - 215) < 3 and abs(h - 330) < 3:
        return "F4"
    return f"{w:.0f} × {h:.0f} mm"


def keterangan_arsip(naskah: Naskah | None) -> str:
    """How a paper stands in the archive: "Diarsipkan: nomor …, tanggal …, SHA-256 …"."""
    if naskah is None:
        return ""
    parts = [f"nomor {naskah.nomor}" if naskah.nomor else "belum bernomor"]
    parts.append(
        f"tanggal {format_tanggal(naskah.tanggal)}" if naskah.tanggal else "tanggal belum diisi"
    )
    if naskah.opd:
        parts.append(naskah.opd)
    return f"Diarsipkan ({naskah.jenis}): " + ", ".join(parts) + f" · SHA-256 {naskah.sha256}"


def judul_pendek(paths: Sequence[Path]) -> list[str]:
    """Names without the part all share ("Draf Surat Permintaan v1 - "): the OPD stays."""
    stems = [p.stem for p in paths]
    if len(stems) < 2:
        return stems
    prefix = stems[0]
    for stem in stems[1:]:
        while not stem.startswith(prefix):
            prefix = prefix[:-1]
    cut = prefix.rfind(" - ")
    return [s[cut + 3 :] if cut >= 0 else s for s in stems]


# --- worker side: core calls only, never a widget --------------------------------------
def siapkan(
    paths: Sequence[Path], folder: Path, progress: Progress
) -> list[Dokumen] | Gagal | None:
    """Convert ``paths`` to PDF in ``folder`` and render the preview pages (worker thread)."""
    total = len(paths) + 1
    if not progress(0, total):
        return None
    try:
        pdfs = dok_pdf.ke_pdf(list(paths), folder)
        docs = []
        for i, (docx, pdf) in enumerate(zip(paths, pdfs, strict=True), start=1):
            if not progress(i, total):
                return None
            docs.append(Dokumen(docx, pdf, dok_pdf.halaman_png(pdf, dpi=DPI_LAYAR), _ukuran(pdf)))
    except UserError as exc:
        return Gagal(str(exc))
    except Exception:
        log.error("bug in pratinjau:\n%s", traceback.format_exc())
        return Gagal(APOLOGY)
    progress(total, total)
    return docs


def _ukuran(pdf: Path) -> tuple[float, float]:
    try:
        return dok_pdf.pdf_page_size_mm(pdf)
    except UserError:  # pdfinfo missing or odd: the letters are A4 unless set otherwise
        return (210.0, 297.0)


def halaman_cetak(docs: Sequence[Dokumen], progress: Progress) -> list[list[Path]] | None:
    """The pages of ``docs`` rendered at print resolution (worker thread)."""
    pages = []
    for i, doc in enumerate(docs):
        if not progress(i, len(docs)):
            return None
        assert doc.pdf is not None
        pages.append(dok_pdf.halaman_png(doc.pdf, dpi=DPI_CETAK))
    return pages


# --- painting -------------------------------------------------------------------------
def page_layout(ukuran_mm: tuple[float, float]) -> QPageLayout:
    """A zero-margin page layout of the PDF's paper size and orientation."""
    w, h = ukuran_mm
    size = QPageSize(QSizeF(min(w, h), max(w, h)), QPageSize.Unit.Millimeter)
    orientation = QPageLayout.Orientation.Landscape if w > h else QPageLayout.Orientation.Portrait
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0))


def cetak_halaman(
    printer: QPrinter, docs: Sequence[Dokumen], pages: Sequence[Sequence[Path]]
) -> int:
    """Paint every page onto ``printer``, each document on its own paper size; sheets painted.

    When the printer cannot make copies itself (PDF output, some drivers) the whole set is
    painted ``copyCount`` times, collated like a driver would.
    """
    copies = printer.copyCount()
    rounds = 1 if printer.supportsMultipleCopies() else max(1, copies)
    printer.setFullPage(True)  # draw from the paper's corner: 1:1, not shrunk into margins
    painter = QPainter()
    sheets = 0
    first = True
    for _ in range(rounds):
        for doc, images in zip(docs, pages, strict=True):
            for png in images:
                if first:
                    printer.setPageLayout(page_layout(doc.ukuran_mm))
                    if not painter.begin(printer):
                        raise UserError(
                            "Pencetak tidak dapat dibuka. Periksa pencetak yang dipilih, lalu "
                            "coba lagi."
                        )
                    first = False
                else:
                    printer.setPageLayout(page_layout(doc.ukuran_mm))
                    printer.newPage()
                _paint_page(painter, printer, QImage(str(png)))
                sheets += 1
    if not first:
        painter.end()
    return sheets


def _paint_page(painter: QPainter, printer: QPrinter, image: QImage) -> None:
    paper = printer.paperRect(QPrinter.Unit.DevicePixel)
    size = QSizeF(image.size())
    size.scale(paper.size(), Qt.AspectRatioMode.KeepAspectRatio)
    target = QRectF(
        paper.x() + (paper.width() - size.width()) / 2,
        paper.y() + (paper.height() - size.height()) / 2,
        size.width(),
        size.height(),
    )
    painter.drawImage(target, image)


# --- widgets --------------------------------------------------------------------------
class HalamanView(QScrollArea):
    """Pages stacked on a grey desk, fitted to the width or at a fixed zoom."""

    MARGIN = 16

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.desk = QWidget()
        self.desk.setObjectName("desk")
        self.desk.setStyleSheet("#desk { background: #8a8f96; }")
        self.column = QVBoxLayout(self.desk)
        self.column.setContentsMargins(self.MARGIN, self.MARGIN, self.MARGIN, self.MARGIN)
        self.column.setSpacing(self.MARGIN)
        self.column.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setWidget(self.desk)
        self.pixmaps: list[QPixmap] = []
        self.page_labels: list[QLabel] = []
        self.zoom: float | None = None  # None: fit the width
        self.message_label: QLabel | None = None

    def _clear(self) -> None:
        while self.column.count():
            item = self.column.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # at once, not at the next event loop turn
                widget.deleteLater()
        self.pixmaps, self.page_labels, self.message_label = [], [], None

    def show_pages(self, pngs: Sequence[Path]) -> None:
        """Show the page images of one document."""
        self._clear()
        for png in pngs:
            label = QLabel()
            label.setStyleSheet("background: white; border: 1px solid #5f646b;")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.pixmaps.append(QPixmap(str(png)))
            self.page_labels.append(label)
            self.column.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
        self._rescale()
        self.verticalScrollBar().setValue(0)

    def show_message(self, text: str) -> None:
        """A card with ``text`` where the pages would be."""
        self._clear()
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setMaximumWidth(560)
        label.setStyleSheet(
            "background: white; color: #222; border: 1px solid #5f646b; padding: 24px;"
        )
        self.column.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
        self.message_label = label

    def set_zoom(self, zoom: float | None) -> None:
        """Fit the width (``None``) or show at ``zoom`` times the paper's real size."""
        self.zoom = zoom
        self._rescale()

    def _width_for(self, pixmap: QPixmap) -> int:
        if self.zoom is None:
            bar = self.verticalScrollBar().sizeHint().width()
            return max(200, self.viewport().width() - 2 * self.MARGIN - bar)
        inches = pixmap.width() / DPI_LAYAR
        return max(100, round(inches * self.logicalDpiX() * self.zoom))

    def _rescale(self) -> None:
        for pixmap, label in zip(self.pixmaps, self.page_labels, strict=True):
            if not pixmap.isNull():
                label.setPixmap(
                    pixmap.scaledToWidth(
                        self._width_for(pixmap), Qt.TransformationMode.SmoothTransformation
                    )
                )

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt's name
        super().resizeEvent(event)
        if self.zoom is None:
            self._rescale()


class PratinjauDialog(QDialog):
    """Preview of generated letters: pages, copies, print, save as PDF, open in Word.

    Signals:
        siap(bool): the preview is ready; False when it cannot be shown (no LibreOffice,
            conversion failed) and only "Buka di Word" is offered.
        dicetak(int): the pages went to the printer; the number of sheets painted.

    ``naskah`` (the archive records of ``paths``, in order) lets the dialog show each paper's
    number, date and SHA-256 under its pages; ``salinan`` is the number of copies proposed.
    """

    siap = Signal(bool)
    dicetak = Signal(int)

    def __init__(
        self,
        ctx: UiContext,
        paths: Sequence[Path],
        parent: QWidget | None = None,
        *,
        title: str = "Pratinjau cetak",
        naskah: Sequence[Naskah] = (),
        salinan: int = 1,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.paths = [Path(p) for p in paths]
        self.naskah = {n.berkas: n for n in naskah}
        self.docs: list[Dokumen] = []
        self.closed = False
        self._temp: list[Path] = []
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # remembers the choice
        self.worker: Worker | None = None  # kept: its signals die with the Python object
        self.setWindowTitle(f"{title} — pratinjau")

        self.model = DokumenModel(self)
        self.list = make_table(stretch_last=False)
        self.list.setModel(self.model)
        self.list.setSortingEnabled(False)
        header = self.list.horizontalHeader()
        header.setSectionResizeMode(DokumenModel.NAMA, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(DokumenModel.HALAMAN, QHeaderView.ResizeMode.ResizeToContents)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view = HalamanView()
        self.info = QLabel("Menyiapkan pratinjau…")
        self.info.setStyleSheet("color: #444")
        self.info.setWordWrap(True)  # a long OPD name must not widen the dialog off the screen
        self.arsip = QLabel()
        self.arsip.setStyleSheet("color: #1d5b2f")
        self.arsip.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.arsip.setWordWrap(True)

        self.zoom = QComboBox()
        for text, value in ZOOMS:
            self.zoom.addItem(text, value)
        self.salinan = QSpinBox()
        self.salinan.setRange(1, 99)
        self.salinan.setValue(max(1, min(99, salinan)))
        self.salinan.setToolTip("Banyaknya salinan tiap surat (penggandaan)")
        self.hanya_ini = QCheckBox("Hanya dokumen yang ditampilkan")
        self.print_button = QPushButton("Cetak…")
        self.save_button = QPushButton("Simpan PDF…")
        self.word_button = QPushButton("Buka di Word")
        self.word_button.setToolTip("Buka berkas .docx di pengolah kata (Word)")
        close_button = QPushButton("Tutup")
        for button in (self.print_button, self.save_button, self.word_button, close_button):
            button.setAutoDefault(False)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(QLabel("Dokumen:"))
        ll.addWidget(self.list, 1)
        ll.addWidget(self.hanya_ini)
        self.left = left
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.view, 1)
        rl.addWidget(self.info)
        rl.addWidget(self.arsip)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([260, 800])

        bar = QHBoxLayout()
        bar.addWidget(QLabel("Perbesaran:"))
        bar.addWidget(self.zoom)
        bar.addStretch(1)
        bar.addWidget(QLabel("Jumlah salinan:"))
        bar.addWidget(self.salinan)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.VLine)
        bar.addWidget(line)
        bar.addWidget(self.word_button)
        bar.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(bar)

        left.setVisible(len(self.paths) > 1)
        self._show_arsip(self.paths[0] if self.paths else None)
        self._set_ready(False)
        self.list.selectionModel().selectionChanged.connect(lambda *_: self._show_current())
        self.zoom.currentIndexChanged.connect(
            lambda _i: self.view.set_zoom(self.zoom.currentData())
        )
        self.print_button.clicked.connect(self.cetak)
        self.save_button.clicked.connect(self.simpan_pdf)
        self.word_button.clicked.connect(self.buka_word)
        close_button.clicked.connect(self.reject)
        self.resize(1100, 820)
        QTimer.singleShot(0, self._mulai)

    # --- preparing --------------------------------------------------------------------
    def _set_ready(self, ready: bool, reason: str = "Pratinjau belum siap.") -> None:
        for button in (self.print_button, self.save_button):
            button.setEnabled(ready)
            button.setToolTip("" if ready else reason)
        for widget in (self.salinan, self.hanya_ini, self.zoom):
            widget.setEnabled(ready)

    def _mulai(self) -> None:
        if self.closed:
            return
        if dok_pdf.find_soffice() is None:
            self._unavailable(TANPA_LIBREOFFICE, "LibreOffice belum terpasang.")
            return
        self.view.show_message("Menyiapkan pratinjau…")
        folder = Path(tempfile.mkdtemp(prefix="kinerja-pdf-"))
        self._temp.append(folder)
        paths = list(self.paths)
        self.worker = self.ctx.ops.run_in_background(
            self,
            self.windowTitle(),
            lambda progress: siapkan(paths, folder, progress),
            self._prepared,
            label="Menyiapkan pratinjau (LibreOffice)…",
        )

    def _prepared(self, result: list[Dokumen] | Gagal | None) -> None:
        if self.closed:
            self._cleanup(result)
            return
        if result is None:
            self._unavailable("Pratinjau dibatalkan.", "Pratinjau dibatalkan.")
            return
        if isinstance(result, Gagal):
            self._unavailable(
                "Pratinjau tidak dapat dibuat.\n\n"
                + result.pesan
                + "\n\nSurat tetap dapat dibuka dan dicetak dari Word: klik «Buka di Word».",
                "Pratinjau tidak tersedia.",
            )
            return
        self.docs = result
        for doc, judul in zip(result, judul_pendek([d.docx for d in result]), strict=True):
            doc.judul = judul
        for doc in result:
            self._temp.extend({png.parent for png in doc.halaman})
        self.model.set_rows(result)
        self._set_ready(True)
        self.list.selectRow(0)
        self._show_current()
        self.print_button.setDefault(True)
        self.siap.emit(True)

    def _unavailable(self, text: str, reason: str) -> None:
        self.view.show_message(text)
        many = f" ({len(self.paths)} dokumen; «Buka di Word» membuka yang pertama)"
        self.info.setText(reason + (many if len(self.paths) > 1 else ""))
        self._set_ready(False, reason)
        self.word_button.setDefault(True)
        self.word_button.setFocus()
        self.siap.emit(False)

    # --- showing ----------------------------------------------------------------------
    def current(self) -> Dokumen | None:
        """The document shown."""
        rows = self.list.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else (self.docs[0] if self.docs else None)

    def _show_current(self) -> None:
        doc = self.current()
        if doc is None:
            return
        self.view.show_pages(doc.halaman)
        self._show_arsip(doc.docx)
        pages = len(doc.halaman)
        self.info.setText(
            f"{doc.docx.name} · {pages} halaman · kertas {nama_kertas(doc.ukuran_mm)}"
            + (
                f" · dokumen {self.docs.index(doc) + 1} dari {len(self.docs)}"
                if len(self.docs) > 1
                else ""
            )
        )

    def _show_arsip(self, path: Path | None) -> None:
        text = keterangan_arsip(self.naskah.get(path)) if path is not None else ""
        self.arsip.setText(text)
        self.arsip.setVisible(bool(text))

    # --- actions ----------------------------------------------------------------------
    def to_print(self) -> list[Dokumen]:
        """The documents "Cetak" prints: all, or only the one shown."""
        doc = self.current()
        return [doc] if (self.hanya_ini.isChecked() and doc) else list(self.docs)

    def cetak(self) -> None:
        """Choose the printer and the copies, then print the pages at print resolution."""
        docs = self.to_print()
        if not docs:
            return
        printer = self.printer
        printer.setCopyCount(self.salinan.value())
        printer.setDocName(docs[0].docx.stem if len(docs) == 1 else self.windowTitle())
        printer.setPageLayout(page_layout(docs[0].ukuran_mm))
        chooser = QPrintDialog(printer, self)
        chooser.setWindowTitle("Cetak")
        if chooser.exec() != QDialog.DialogCode.Accepted:
            return
        self.salinan.setValue(printer.copyCount())
        self.worker = self.ctx.ops.run_in_background(
            self,
            "Cetak",
            lambda progress: halaman_cetak(docs, progress),
            lambda pages: self._paint(printer, docs, pages),
            label="Menyiapkan halaman untuk dicetak…",
        )

    def _paint(
        self, printer: QPrinter, docs: list[Dokumen], pages: list[list[Path]] | None
    ) -> None:
        if pages is None:
            return
        try:
            if self.closed:
                return
            sheets = self.ctx.ops.run_action(self, "Cetak", cetak_halaman, printer, docs, pages)
        finally:  # print-resolution images are large: gone as soon as they are painted
            for folder in {png.parent for images in pages for png in images}:
                shutil.rmtree(folder, ignore_errors=True)
        if sheets is None:
            return
        copies = printer.copyCount()
        where = printer.outputFileName() or printer.printerName() or "pencetak"
        self.info.setText(
            f"Dikirim ke {where}: {len(docs)} dokumen, "
            f"{sum(len(p) for p in pages)} halaman × {copies} salinan."
        )
        self.dicetak.emit(sheets)

    def simpan_pdf(self) -> None:
        """Copy the PDF (one document) or all PDFs (into a folder) where the user chooses."""
        if not self.docs:
            return
        if len(self.docs) == 1:
            doc = self.docs[0]
            assert doc.pdf is not None
            target = self.ctx.dialogs.save_file(
                self, "Simpan PDF", str(doc.docx.with_suffix(".pdf")), "PDF (*.pdf)"
            )
            if target is None:
                return
            target = target if target.suffix.lower() == ".pdf" else target.with_suffix(".pdf")
            if self.ctx.ops.run_action(self, "Simpan PDF", salin, [(doc.pdf, target)]):
                self.info.setText(f"PDF disimpan: {target}")
            return
        folder = self.ctx.dialogs.open_folder(self, "Simpan semua PDF ke folder")
        if folder is None:
            return
        pairs = [(d.pdf, folder / d.pdf.name) for d in self.docs if d.pdf is not None]
        existing = [t for _, t in pairs if t.exists()]
        if existing and not self.ctx.dialogs.confirm(
            self,
            "Simpan PDF",
            f"{len(existing)} berkas PDF bernama sama sudah ada di {folder}. Timpa?",
            "Timpa",
        ):
            return
        if self.ctx.ops.run_action(self, "Simpan PDF", salin, pairs):
            self.info.setText(f"{len(pairs)} PDF disimpan di {folder}")

    def buka_word(self) -> None:
        """Open the document shown (or the first) in the system's word processor."""
        doc = self.current()
        path = doc.docx if doc else self.paths[0]
        if not self.ctx.dialogs.open_url(path):
            self.ctx.dialogs.warning(
                self,
                "Buka di Word",
                f"Berkas {path.name} tidak dapat dibuka. Pastikan Microsoft Word atau "
                f"LibreOffice terpasang. Berkasnya ada di folder {path.parent}.",
            )

    # --- closing ----------------------------------------------------------------------
    def done(self, result: int) -> None:
        self.closed = True
        self._cleanup(None)
        super().done(result)

    def _cleanup(self, late: list[Dokumen] | Gagal | None) -> None:
        """Remove the temp PDFs and page images (also those that arrive after closing)."""
        if isinstance(late, list):
            for doc in late:
                self._temp.extend({png.parent for png in doc.halaman})
        for folder in self._temp:
            shutil.rmtree(folder, ignore_errors=True)
        self._temp = []
