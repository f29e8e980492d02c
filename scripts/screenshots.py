"""Save a PNG of every tab of the demo, offscreen: ``python scripts/screenshots.py OUTDIR``.

Logs in as a demo user holding every role (created in the demo database for the shots). The
offscreen screen is the office laptop's, 1366×768, and the window opens maximised on it as the
app does the first time.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from ui.main_window import MainWindow

Shot = Callable[[QWidget, str], None]  # grab a widget into OUTDIR/<name>.png


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("pemakaian: python scripts/screenshots.py FOLDER", file=sys.stderr)
        return 2
    out = Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    from tests.gui.layar import pakai_layar_kantor
    from ui.app import siapkan_qt

    pakai_layar_kantor()  # offscreen (the default here) on one 1366×768 screen
    app = QApplication.instance() or QApplication([])
    siapkan_qt(app)  # type: ignore[arg-type]
    QCoreApplication.setOrganizationName("KinerjaScreenshots")
    QCoreApplication.setApplicationName("KinerjaScreenshots")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())

    from kinerja_app.demo.periode import build_demo
    from kinerja_app.storage.models import User
    from ui.context import UiContext
    from ui.dialogs import FakeDialogs
    from ui.login import LoginDialog
    from ui.main_window import MainWindow
    from ui.ops import ChangeBus, Ops
    from ui.recap.tab import RekapTab

    accounts = build_demo(Path(tempfile.mkdtemp()) / "kinerja-demo.db")
    user = User.get(User.username == "demo")  # the demo account holding every role

    def shot(widget: QWidget, name: str) -> None:
        app.processEvents()
        path = out / f"{name}.png"
        widget.grab().save(str(path))
        print(path)

    login = LoginDialog(demo_accounts=accounts)
    login.username.setText("kabag")
    login.show()
    shot(login, "00-masuk")
    login.close()

    papers_of_the_period()
    dialogs = FakeDialogs()
    bus = ChangeBus()
    window = MainWindow(UiContext(user, dialogs, bus, Ops(dialogs, bus)))
    window.tampilkan()
    names = [
        "01-kabag",
        "02-tim",
        "03-asisten",
        "04-sekda",
        "05-perangkat-daerah",
        "06-rekapitulasi",
        "07-arsip",
        "08-riwayat",
        "09-administrasi",
    ]
    for i, name in enumerate(names[: window.tabs.count()]):
        window.tabs.setCurrentIndex(i)
        if name == "05-perangkat-daerah":
            window.opd.table.selectRow(1)
        if name == "01-kabag" and window.kabag.inbox.rowCount():
            window.kabag.table.selectRow(0)
        shot(window, name)
    window.tabs.setCurrentWidget(window.tim)
    window.tim.detail_tabs.setCurrentWidget(window.tim.draft)
    window.tim.draft.version_table.selectRow(0)
    window.tim.draft.lower_tabs.setCurrentIndex(1)
    shot(window, "10-tim-draf-surat")
    window.tim.detail_tabs.setCurrentWidget(window.tim.distribusi)
    shot(window, "11-tim-distribusi")
    shot_tim_extras(window, shot)
    shot_naskah(window, shot)
    rekap = window.rekap
    assert isinstance(rekap, RekapTab)  # the recap tab itself, not its placeholder label
    window.tabs.setCurrentWidget(rekap)
    rekap.tabs.setCurrentIndex(1)
    shot(window, "15-rekap-grafik")
    rekap.tabs.setCurrentIndex(0)
    shot_import(window, shot)
    if window.admin is not None:
        window.tabs.setCurrentWidget(window.admin)
        pages = ["12-admin-opd", "13-admin-kop", "14-admin-kalender", "17-admin-lanjutan"]
        for i, name in enumerate(pages, start=1):
            window.admin.pages.setCurrentIndex(i)
            shot(window, name)
    window.close()
    return 0


def papers_of_the_period() -> None:
    """The papers the Tim printed so far (the Arsip tab lists them with number and date)."""
    from kinerja_app.documents import berkas
    from kinerja_app.queries.surat import disposisi_terakhir
    from kinerja_app.storage.models import Periode, User

    tim = User.get(User.username == "rina")
    periode = Periode.get()
    disposisi = disposisi_terakhir(periode)
    if disposisi is not None:
        berkas.lembar_disposisi(tim, disposisi)
    berkas.surat_permintaan(tim, periode)
    berkas.nota_dinas(tim, periode)
    berkas.surat_pengantar(tim, periode)
    berkas.buku_ekspedisi(tim, periode)
    berkas.surat_pengingat(tim, periode)


def filled_workbooks(folder: Path) -> list[Path]:
    """Format isian workbooks of the OPDs still expected, filled in as an OPD would (one with a gap)."""
    import shutil

    from openpyxl import load_workbook

    from kinerja_app.documents import berkas
    from kinerja_app.storage.models import Pengumpulan, Periode, User
    from kinerja_app.storage.models.pengumpulan import StatusOpd

    periode = Periode.get()
    waiting = [
        p.id
        for p in Pengumpulan.select().where(
            Pengumpulan.status.in_(
                [StatusOpd.SURAT_DITERIMA.value, StatusOpd.PERLU_PERBAIKAN.value]
            )
        )
    ]
    made = berkas.format_isian(User.get(User.username == "rina"), periode, waiting)
    folder.mkdir(parents=True, exist_ok=True)
    paths = [Path(shutil.copy(p, folder / p.name)) for p in made.paths]  # archived ones stay
    for n, path in enumerate(paths):
        book = load_workbook(path)
        sheet = book["Data Kinerja"]
        rows = [
            (
                "Meningkatnya kualitas layanan",
                "Indeks Kepuasan Masyarakat",
                "indeks",
                "Positif",
                82,
                80 + n,
            ),
            (
                "Meningkatnya akuntabilitas",
                "Nilai SAKIP Perangkat Daerah",
                "nilai",
                "Positif",
                70,
                64 + n,
            ),
            (
                "Meningkatnya akuntabilitas",
                "Temuan BPK belum ditindaklanjuti",
                "temuan",
                "Negatif",
                2,
                1,
            ),
        ]
        for r, values in enumerate(rows, start=2):
            for c, value in enumerate(values, start=2):
                sheet.cell(r, c, value)
        if n == 1:
            sheet.cell(3, 6).value = None  # a target left empty: an error on its cell
        book.save(path)
    return paths


def shot_import(window: MainWindow, shot: Shot) -> None:
    """The import dialog after reading a folder of OPD workbooks, a file with findings selected."""
    from PySide6.QtCore import QThreadPool

    from ui.importer.dialog import ImportDialog
    from ui.importer.mapping import ColumnMappingDialog

    dialog = ImportDialog(window.ctx, window.ctx.periode_id or 1, window)
    dialog.show()
    folder = Path(tempfile.mkdtemp())
    dialog.add_paths([*filled_workbooks(folder), *published_tables(folder)])
    while dialog.reading:
        QThreadPool.globalInstance().waitForDone(50)
        QApplication.processEvents()
    dialog.select_row(1)
    shot(dialog, "16-impor-data-opd")
    names = [dialog.files_model.entry(r) for r in range(dialog.files_model.rowCount())]
    lkjip = next(i for i, e in enumerate(names) if e and e.hasil.path.name.startswith("LKjIP"))
    dialog.select_row(lkjip)
    shot(dialog, "27-impor-tabel-lkjip")
    e81 = next(i for i, e in enumerate(names) if e and e.hasil.path.suffix == ".xls")
    dialog.select_row(e81)
    entry = dialog.files_model.entry(e81)
    assert entry is not None and entry.hasil.data is not None
    mapping = ColumnMappingDialog(entry.hasil.data, dialog, tahun=dialog.katalog.tahun)
    mapping.show()
    shot(mapping, "28-petakan-kolom-e81")
    mapping.close()
    dialog.close()


def published_tables(folder: Path) -> list[Path]:
    """Tables OPDs send instead of the format isian: an LKjIP Bab III capaian table (.xlsx) and
    the Permendagri 86/2017 Renja evaluation form saved as .xls (built as the real forms are)."""
    from kinerja_app.storage.models import Periode
    from tests.importer import forms

    tahun = Periode.get().tahun
    return [
        forms.write_xlsx(folder / f"LKjIP Dinkes {tahun} Bab III.xlsx", forms.lkjip(tahun)),
        forms.write_xls(folder / f"Evaluasi Renja Bappeda {tahun}.xls", forms.e81(tahun)),
    ]


def shot_tim_extras(window: Any, shot: Any) -> None:
    """Lacak naskah, the late OPDs in the Tim's inbox, and the reason asked before the recap."""
    from kinerja_app.jadwal.tugas import TAGIH_TERLAMBAT
    from kinerja_app.queries.periode import get_periode
    from kinerja_app.workflow.rekap import opd_belum_lengkap
    from ui.recap.kelengkapan import daftar_belum_lengkap, pesan_belum_lengkap

    tim = window.tim
    window.tabs.setCurrentWidget(tim)
    tim.detail_tabs.setCurrentWidget(tim.lacak)
    shot(window, "19-lacak-naskah")
    late = [i for i, t in enumerate(tim.inbox.records()) if t.jenis == TAGIH_TERLAMBAT]
    if late:
        tim.table.selectRow(late[0])
        tim.detail_tabs.setCurrentWidget(tim.detail)
        window.toast.tampilkan("Distribusi tercatat untuk 2 Perangkat Daerah.")
        shot(window, "20-tim-opd-terlambat")
        window.toast.hide()
    periode = get_periode(window.ctx.periode_id)
    if periode is not None:
        belum = opd_belum_lengkap(periode)
        box = window.ctx.dialogs.kotak_catatan(
            window,
            "Ajukan rekap ke Kabag",
            pesan_belum_lengkap(len(belum), "mengajukan rekap"),
            wajib=True,
            daftar=daftar_belum_lengkap(belum),
        )
        box.show()
        shot(box, "21-alasan-belum-lengkap")
        box.close()
    tim.table.clearSelection()


def shot_naskah(window: Any, shot: Any) -> None:
    """The papers' dialogs: the disposisi form, a return with its findings letter, an
    extension, the reminders to the late OPDs, and the print preview of a paper with its
    number, date and SHA-256 under the pages."""
    from PySide6.QtCore import QThreadPool

    from kinerja_app.queries.pengumpulan import revisi_diperiksa
    from kinerja_app.queries.periode import get_periode
    from kinerja_app.storage.models import Pengumpulan
    from kinerja_app.storage.models.pengumpulan import StatusOpd
    from ui.batas_opd import KembalikanDataDialog, PerpanjangBatasDialog
    from ui.forms import DisposisiDialog
    from ui.pengingat import PengingatDialog
    from ui.preview import PratinjauDialog

    periode = get_periode(window.ctx.periode_id)
    if periode is None:
        return
    dialog: Any = DisposisiDialog(periode.nama, window)
    dialog.show()
    shot(dialog, "22-disposisi")
    dialog.close()
    diperiksa = Pengumpulan.select().where(Pengumpulan.status == StatusOpd.DATA_MASUK.value)
    rev = next((r for p in diperiksa if (r := revisi_diperiksa(p)) is not None), None)
    if rev is not None:
        dialog = KembalikanDataDialog(
            rev.pengumpulan.opd.nama, rev.revisi, rev.tanggal_diterima, 3, window
        )
        dialog.note.setPlainText("Target indikator 2 kosong; realisasi IKM melebihi 100%.")
        dialog.show()
        shot(dialog, "23-kembalikan-data")
        dialog.close()
    waiting = Pengumpulan.select().where(Pengumpulan.status == StatusOpd.SURAT_DITERIMA.value)
    first = waiting.first()
    if first is not None:
        dialog = PerpanjangBatasDialog(first.opd.nama, first.batas_waktu, window)
        dialog.alasan.setPlainText("Kepala dinas bertugas ke luar daerah.")
        dialog.show()
        shot(dialog, "24-perpanjang-batas")
        dialog.close()
    reminders = PengingatDialog(window.ctx, periode, window)
    reminders.show()
    shot(reminders, "25-surat-pengingat")
    reminders.cetak_konsep()  # through the paper door, as the button does
    preview = reminders.active_dialog
    if isinstance(preview, PratinjauDialog):
        ready: list[bool] = []
        preview.siap.connect(ready.append)
        while not ready:
            QThreadPool.globalInstance().waitForDone(50)
            QApplication.processEvents()
        for _ in range(5):  # the pages' layout settles over a few turns of the event loop
            QApplication.processEvents()
        shot(preview, "26-pratinjau-naskah")
        preview.close()
    reminders.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
