"""Step 2: the drafting form of the request letter, with a live preview, versions and diff."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from kinerja_app.admin import settings
from kinerja_app.documents.baku import SIFAT
from kinerja_app.formatting import format_tanggal_waktu
from kinerja_app.queries import surat as q_surat
from kinerja_app.queries.master import daftar_opd
from kinerja_app.storage.arsip_berkas import berkas_lokal
from kinerja_app.storage.models import Periode, Rancangan
from kinerja_app.storage.models.master import Role
from kinerja_app.storage.models.surat import StatusSurat
from kinerja_app.workflow.rancangan import IsiSurat, ajukan_rancangan, isi_default, simpan_rancangan

from ..cetak import berkas, buat, cetak
from ..context import UiContext
from ..forms import date_edit, note_edit, py_date, set_note
from ..letter import diff_html, letter_html, sekda_nama
from ..table import Column, RecordTableModel
from ..widgets import make_table, role_button, set_action_enabled


def _status_versi(r: Rancangan) -> str:
    returned = q_surat.pengembalian(r)
    if returned:
        return f"Dikembalikan {Role(returned[-1].role).label}: {returned[-1].catatan}"
    paraf = [p for p in q_surat.paraf_versi(r) if not p.batal]
    return ", ".join(f"paraf {Role(p.role).label}" for p in paraf)


class VersiModel(RecordTableModel[Rancangan]):
    """Draft versions with who saved them, the change note and the returned notes."""

    VERSI, WAKTU, OLEH, CATATAN, KEADAAN = range(5)
    columns = (
        Column("Versi", lambda r: str(r.versi), key=lambda r: r.versi),
        Column(
            "Disimpan", lambda r: format_tanggal_waktu(r.dibuat_pada), key=lambda r: r.dibuat_pada
        ),
        Column("Oleh", lambda r: r.dibuat_oleh.nama),
        Column("Catatan perubahan", lambda r: r.catatan),
        Column("Paraf / pengembalian", _status_versi),
    )


class DraftForm(QWidget):
    """The Tim's drafting form: fields, live preview, versions with returned notes, diff."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.periode: Periode | None = None
        self.hal = QLineEdit()
        self.sifat = QComboBox()
        self.sifat.addItems(list(SIFAT))
        self.lampiran = QLineEdit()
        self.paragraf = note_edit(
            placeholder="Isi surat; pisahkan paragraf dengan satu baris kosong."
        )
        self.batas = date_edit()
        self.tembusan = note_edit(placeholder="Satu tembusan per baris")
        self.tembusan.setMaximumHeight(60)
        self.per_opd = QCheckBox("Satu surat per Perangkat Daerah")
        self.per_opd.setToolTip("Tidak dicentang: satu surat dengan lampiran daftar penerima.")
        self.catatan = QLineEdit()
        self.catatan.setPlaceholderText("Apa yang diubah pada versi ini")
        form = QFormLayout()
        form.addRow("Hal:", self.hal)
        form.addRow("Sifat:", self.sifat)
        form.addRow("Lampiran:", self.lampiran)
        form.addRow("Isi surat:", self.paragraf)
        form.addRow("Batas penyampaian:", self.batas)
        form.addRow("Tembusan:", self.tembusan)
        form.addRow("", self.per_opd)
        form.addRow("Catatan versi:", self.catatan)

        self.save_button = role_button(ctx, "Simpan versi baru", Role.TIM)
        self.submit_button = role_button(ctx, "Simpan & ajukan ke Kabag", Role.TIM)
        self.ajukan_button = role_button(ctx, "Ajukan versi terakhir", Role.TIM)
        self.word_button = role_button(ctx, "Buka .docx di Word", Role.TIM)
        self.attach_button = role_button(ctx, "Lampirkan .docx hasil edit…", Role.TIM)
        self.print_draft_button = role_button(ctx, "Cetak draf (tabel paraf)…", Role.TIM)
        self.print_draft_button.setToolTip(
            "Draf bertanda DRAF dengan tabel paraf Kabag dan Asisten, untuk diparaf di kertas."
        )
        self.print_sign_button = role_button(ctx, "Cetak untuk ditandatangani…", Role.TIM)
        row = QGridLayout()
        for i, b in enumerate(
            (
                self.save_button,
                self.submit_button,
                self.ajukan_button,
                self.print_draft_button,
                self.print_sign_button,
                self.word_button,
                self.attach_button,
            )
        ):
            row.addWidget(b, i // 3, i % 3)

        self.preview = QTextBrowser()
        self.versions = VersiModel(self)
        self.version_table = make_table()
        self.version_table.setModel(self.versions)
        self.diff_view = QTextBrowser()
        lower = QTabWidget()
        lower.addTab(self.version_table, "Versi")
        lower.addTab(self.diff_view, "Perbedaan")
        self.lower_tabs = lower

        editor = QWidget()
        editor_layout = QVBoxLayout(editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        self.status = QLabel()
        self.status.setWordWrap(True)
        editor_layout.addWidget(self.status)
        editor_layout.addLayout(form)
        editor_layout.addLayout(row)
        right = QSplitter()
        right.setOrientation(right.orientation().Vertical)
        right.addWidget(self.preview)
        right.addWidget(lower)
        right.setSizes([420, 200])
        split = QSplitter()
        split.addWidget(editor)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([480, 480])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(split)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.update_preview)
        for signal in (
            self.hal.textChanged,
            self.lampiran.textChanged,
            self.paragraf.textChanged,
            self.tembusan.textChanged,
            self.sifat.currentTextChanged,
            self.batas.dateChanged,
            self.per_opd.toggled,
        ):
            signal.connect(lambda *_: self._timer.start())
        self.save_button.clicked.connect(lambda: self.save(ajukan=False))
        self.submit_button.clicked.connect(lambda: self.save(ajukan=True))
        self.ajukan_button.clicked.connect(self.ajukan)
        self.word_button.clicked.connect(self.open_docx)
        self.attach_button.clicked.connect(self.attach_docx)
        self.print_draft_button.clicked.connect(self.cetak_draf)
        self.print_sign_button.clicked.connect(self.cetak_untuk_ttd)
        self.status_surat: StatusSurat | None = None
        self.active_dialog: QDialog | None = None
        self.version_table.selectionModel().selectionChanged.connect(lambda *_: self.show_diff())

    # --- loading -----------------------------------------------------------------------
    def load(self, periode: Periode | None) -> None:
        """Fill the form from the newest version (or the standard wording) of ``periode``."""
        self.periode = periode
        if periode is None:
            self.versions.set_rows([])
            self.status.setText("Pilih periode terlebih dahulu.")
            self._enable(False, False, "Pilih periode.")
            return
        versions = q_surat.daftar_versi(periode)
        self.versions.set_rows(list(reversed(versions)))
        self.version_table.resizeColumnsToContents()
        latest = versions[-1] if versions else None
        self.fill(q_surat.isi(latest) if latest else isi_default(periode))
        self.catatan.clear()
        surat = q_surat.surat_periode(periode)
        status = StatusSurat(surat.status) if surat else None
        self.status_surat = status
        has_disp = q_surat.disposisi_terakhir(periode) is not None
        editable = (
            has_disp
            and not periode.terkunci
            and status in (None, StatusSurat.DRAF, StatusSurat.DIKEMBALIKAN)
        )
        can_submit = editable and status == StatusSurat.DRAF and latest is not None
        if not has_disp:
            text = "Draf dibuat setelah disposisi Kabag (langkah 1)."
        elif status is None:
            text = "Belum ada draf. Isian di bawah adalah naskah baku; sesuaikan lalu simpan."
        else:
            text = f"Status surat: <b>{status.label}</b>" + (
                f" — versi terakhir {latest.versi}" if latest else ""
            )
            if latest is not None:
                for r in q_surat.pengembalian(latest):
                    text += f"<br><span style='background:#fff3cd'>Catatan {html.escape(r.oleh.nama)}: {html.escape(r.catatan)}</span>"
        self.status.setText(text)
        self._enable(
            editable, can_submit, "Draf tidak dapat diubah pada tahap ini." if has_disp else text
        )
        signed = status == StatusSurat.DITANDATANGANI
        self.word_button.setText("Buka surat final di Word" if signed else "Buka .docx di Word")
        self.word_button.setToolTip(
            "Surat bernomor dan bertanggal yang ditandatangani Sekda."
            if signed
            else "Versi terakhir (berkas hasil edit, atau draf)."
        )
        set_action_enabled(self.word_button, latest is not None, "Belum ada versi tersimpan.")
        set_action_enabled(
            self.print_draft_button, latest is not None, "Belum ada versi tersimpan."
        )
        set_action_enabled(
            self.print_sign_button,
            status == StatusSurat.MENUNGGU_SEKDA and not periode.terkunci,
            "Salinan untuk ditandatangani dicetak sesudah Kabag dan Asisten memaraf "
            "versi terakhir.",
        )
        self.update_preview()

    def _enable(self, editable: bool, can_submit: bool, reason: str) -> None:
        set_action_enabled(self.save_button, editable, reason)
        set_action_enabled(self.submit_button, editable, reason)
        set_action_enabled(self.attach_button, editable, reason)
        set_action_enabled(
            self.ajukan_button,
            can_submit,
            "Hanya draf tersimpan yang belum diajukan dapat diajukan.",
        )

    def fill(self, isi: IsiSurat) -> None:
        """Put a version's content into the fields."""
        from PySide6.QtCore import QDate

        self.hal.setText(isi.hal)
        self.sifat.setCurrentText(isi.sifat)
        self.lampiran.setText(isi.lampiran)
        set_note(self.paragraf, "\n\n".join(isi.paragraf))
        self.batas.setDate(QDate(isi.batas_waktu.year, isi.batas_waktu.month, isi.batas_waktu.day))
        set_note(self.tembusan, "\n".join(isi.tembusan))
        self.per_opd.setChecked(isi.per_opd)

    def isi(self) -> IsiSurat:
        """The content as typed."""
        paragraphs = tuple(
            p.strip().replace("\n", " ")
            for p in self.paragraf.toPlainText().split("\n\n")
            if p.strip()
        )
        return IsiSurat(
            hal=self.hal.text().strip(),
            paragraf=paragraphs,
            batas_waktu=py_date(self.batas.date()),
            sifat=self.sifat.currentText().strip() or "Biasa",
            lampiran=self.lampiran.text().strip(),
            tembusan=tuple(
                t.strip() for t in self.tembusan.toPlainText().splitlines() if t.strip()
            ),
            per_opd=self.per_opd.isChecked(),
        )

    def update_preview(self) -> None:
        """Re-render the HTML approximation of the letter."""
        self.preview.setHtml(
            letter_html(
                self.isi(),
                settings.get("kop"),
                tempat=settings.get("tempat_surat"),
                penerima=[o.nama for o in daftar_opd(aktif_saja=True)],
                penandatangan=sekda_nama(),
            )
        )

    def show_diff(self) -> None:
        """Diff the selected version against the one before it."""
        rows = self.version_table.selectionModel().selectedRows()
        record = self.versions.row_at(rows[0].row()) if rows else None
        if record is None or self.periode is None:
            return
        versions = {r.versi: r for r in q_surat.daftar_versi(self.periode)}
        before = versions.get(record.versi - 1)
        if before is None:
            self.diff_view.setHtml("<p>Versi pertama: tidak ada versi sebelumnya.</p>")
        else:
            self.diff_view.setHtml(
                f"<p><b>Versi {before.versi} → {record.versi}</b></p>"
                + diff_html(q_surat.isi(before), q_surat.isi(record))
            )

    # --- actions -----------------------------------------------------------------------
    def save(self, *, ajukan: bool, berkas: Path | None = None) -> None:
        if self.periode is None:
            return
        self.ctx.ops.run_action(
            self,
            "Simpan draf",
            simpan_rancangan,
            self.ctx.user,
            self.periode,
            self.isi(),
            berkas=berkas,
            catatan=self.catatan.text(),
            ajukan=ajukan,
        )

    def ajukan(self) -> None:
        if self.periode is not None:
            self.ctx.ops.run_action(
                self, "Ajukan draf", ajukan_rancangan, self.ctx.user, self.periode
            )

    def open_docx(self) -> None:
        """Open the letter in Word: the signed, numbered letter once the Sekda signed; before
        that the latest version (the edited .docx attached to it, or its draft)."""
        if self.periode is None:
            return
        periode = self.periode
        latest = q_surat.rancangan_terakhir(periode)
        if latest is None:
            return
        if self.status_surat == StatusSurat.DITANDATANGANI:
            made = buat(
                self.ctx,
                self,
                "Buka surat final",
                lambda: berkas().surat_permintaan(self.ctx.user, periode),
            )
        elif latest.berkas:
            stored = str(latest.berkas)
            self.ctx.ops.run_action(
                self, "Buka berkas", lambda: self.ctx.dialogs.open_url(berkas_lokal(stored))
            )
            return
        else:
            made = buat(
                self.ctx, self, "Buka draf", lambda: berkas().draf_surat(self.ctx.user, latest)
            )
        if made is not None and made.paths:
            self.ctx.dialogs.open_url(made.paths[0])

    def _cetak(self, title: str, make: Callable[[], Any]) -> None:
        dialog = cetak(self.ctx, self, title, make)
        if dialog is not None:
            self.active_dialog = dialog

    def cetak_draf(self) -> None:
        """Print the latest version as a draft with its paraf table (steps 3–4 on paper)."""
        latest = q_surat.rancangan_terakhir(self.periode) if self.periode else None
        if latest is not None:
            self._cetak("Cetak draf", lambda: berkas().draf_surat(self.ctx.user, latest))

    def cetak_untuk_ttd(self) -> None:
        """Print the clean copy the Sekda signs (no DRAF mark, number and date left open)."""
        latest = q_surat.rancangan_terakhir(self.periode) if self.periode else None
        if latest is not None:
            self._cetak(
                "Cetak surat untuk ditandatangani",
                lambda: berkas().surat_untuk_ditandatangani(self.ctx.user, latest),
            )

    def attach_docx(self) -> None:
        path = self.ctx.dialogs.open_file(
            self, "Lampirkan draf hasil edit", "Dokumen Word (*.docx)"
        )
        if path is None:
            return
        if self.periode is None:
            return
        if not self.catatan.text().strip():
            self.catatan.setText(f"Disunting di Word ({path.name})")
        self.save(ajukan=False, berkas=path)
