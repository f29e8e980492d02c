"""Every top-level window and dialog fits a 1366×768 office screen.

The offscreen platform is one 1366×768 screen here (``tests/gui/layar.py``). Each window is
shown as the app shows it and its frame must lie inside the screen's available geometry; its
client area must also leave room for a Windows taskbar and title bar, so the same window fits
the real laptop. A new dialog class in ``ui/`` without a case below fails the census test.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from pathlib import Path

import pytest

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QInputDialog,
    QMainWindow,
    QProgressDialog,
    QWidget,
)

import ui
from kinerja_app.documents import pdf as dok_pdf
from kinerja_app.importer.data import WorkbookData
from kinerja_app.queries.indikator import detail_opd
from kinerja_app.storage.models import Periode, User
from kinerja_app.storage.models.master import Role
from kinerja_app.storage.models.surat import CaraTtd
from tests.factory import PASSWORD, Factory
from tests.gui.conftest import make_ctx
from tests.gui.layar import JUDUL, LEBAR, TASKBAR, TINGGI

LONG_TEXT = " ".join(["Perangkat Daerah yang belum menyampaikan data kinerja."] * 60)


def fits(window: QWidget) -> None:
    """The window's frame lies inside the available geometry, and it could shrink to fit a
    Windows laptop too (whose taskbar and title bar take 71 of the 768 pixels)."""
    QApplication.processEvents()
    screen = window.screen()
    assert (screen.geometry().width(), screen.geometry().height()) == (LEBAR, TINGGI)
    area = screen.availableGeometry()
    frame = window.frameGeometry()
    name = f"{type(window).__name__} «{window.windowTitle()}»"
    assert area.contains(frame), f"{name}: frame {frame} outside {area}"
    smallest = window.minimumSizeHint().expandedTo(window.minimumSize())
    assert smallest.width() <= LEBAR - 16, f"{name}: at least {smallest.width()} px wide"
    assert smallest.height() <= TINGGI - TASKBAR - JUDUL - 8, (
        f"{name}: at least {smallest.height()} px tall"
    )


def show(window: QWidget) -> QWidget:
    window.show()
    fits(window)
    return window


@pytest.fixture
def semua(db, f) -> tuple[Factory, User, Periode]:
    """A user holding every role, on a period whose letter went out to three OPDs."""
    user = f.user("semua", "Pengguna Semua Peran", *Role)
    periode = f.periode()
    f.distributed(periode)
    return f, user, periode


def _ctx(semua):
    _f, user, periode = semua
    return make_ctx(user, periode.id)


def case_login(semua, tmp_path):
    from ui.login import LoginDialog

    accounts = {name: PASSWORD for name in ("kabag", "tim", "asisten", "sekda", "opd", "demo")}
    return LoginDialog(demo_accounts=accounts)


def case_first_admin(semua, tmp_path):
    from ui.login import FirstAdminDialog

    return FirstAdminDialog()


def case_unlock(semua, tmp_path):
    from ui.login import UnlockDialog

    return UnlockDialog(semua[1])


def case_disposisi(semua, tmp_path):
    from ui.forms import DisposisiDialog

    # the taller form: the Tim recording a paper disposisi adds the official and the time
    return DisposisiDialog("Tahun 2025", pejabat=[("Drs. Kabag Organisasi (Kepala Bagian)", 1)])


def case_paper_act(semua, tmp_path):
    from kinerja_app.queries.keadaan import keadaan
    from ui.paper_acts import PaperActionDialog

    return PaperActionDialog(_ctx(semua).dialogs, keadaan(semua[2]))


def case_note(semua, tmp_path):
    from ui.forms import CatatanDialog

    return CatatanDialog("Kembalikan rekap", "Masukan Kabag untuk Tim Kinerja:", LONG_TEXT)


def case_ttd(semua, tmp_path):
    from ui.tabs.sekda import TandaTanganDialog

    return TandaTanganDialog(_ctx(semua).dialogs, 1, CaraTtd.ELEKTRONIK)


def case_data_entry(semua, tmp_path):
    from ui.tabs.data_entry import DataEntryDialog

    return DataEntryDialog("Dinas Pendidikan, Kebudayaan, Pemuda dan Olahraga")


def case_preview(semua, tmp_path, monkeypatch):
    import datetime as dt

    from kinerja_app.documents.naskah import Naskah
    from ui.preview import PratinjauDialog

    monkeypatch.setattr(dok_pdf, "find_soffice", lambda: None)  # the size is what counts here
    opd = "Dinas Sosial, Pemberdayaan Perempuan dan Perlindungan Anak, Pengendalian Penduduk"
    paths = [tmp_path / f"Surat Pengingat untuk Ditandatangani - {opd} {i}.docx" for i in range(3)]
    naskah = [
        Naskah("Surat Pengingat", p, "ab" * 32, "000.8.6.3/1234/Org", dt.date(2026, 3, 18), opd)
        for p in paths
    ]
    return PratinjauDialog(_ctx(semua), paths, title="Cetak surat", naskah=naskah)


def case_restore(semua, tmp_path):
    from ui.maintenance import PulihkanDialog

    return PulihkanDialog(_ctx(semua))


def case_indikator(semua, tmp_path):
    from ui.recap.drill import IndikatorDialog

    f, _user, periode = semua
    return IndikatorDialog(detail_opd(f.pengumpulan(periode, 1)[0].id))


def case_import(semua, tmp_path):
    from ui.importer.dialog import ImportDialog

    return ImportDialog(_ctx(semua), semua[2].id)


def case_column_mapping(semua, tmp_path):
    from ui.importer.mapping import ColumnMappingDialog

    preview = tuple(tuple(f"isi {r}-{c}" for c in range(14)) for r in range(40))
    data = WorkbookData(
        path=Path(tmp_path / "dinas.xlsx"),
        sha256="0" * 64,
        sheet="Data",
        header_row=None,
        columns={},
        rows=(),
        findings=(),
        preview=preview,
    )
    return ColumnMappingDialog(data)


def case_kembalikan(semua, tmp_path):
    import datetime as dt

    from ui.batas_opd import KembalikanDataDialog

    return KembalikanDataDialog(
        "Dinas Pendidikan, Kebudayaan, Pemuda dan Olahraga", 2, dt.datetime(2026, 3, 9, 10), 14
    )


def case_perpanjang(semua, tmp_path):
    import datetime as dt

    from ui.batas_opd import PerpanjangBatasDialog

    return PerpanjangBatasDialog("Dinas Kesehatan", dt.datetime(2026, 3, 13, 23, 59, 59))


def case_pengingat(semua, tmp_path):
    from ui.pengingat import PengingatDialog

    return PengingatDialog(_ctx(semua), semua[2])


def case_connection(semua, tmp_path):
    from ui.sambungan import SambunganDialog

    return SambunganDialog(str(tmp_path / "kinerja.db"))


CASES: dict[str, Callable[..., QWidget]] = {
    "SambunganDialog": case_connection,
    "LoginDialog": case_login,
    "FirstAdminDialog": case_first_admin,
    "UnlockDialog": case_unlock,
    "DisposisiDialog": case_disposisi,
    "PaperActionDialog": case_paper_act,
    "CatatanDialog": case_note,
    "TandaTanganDialog": case_ttd,
    "DataEntryDialog": case_data_entry,
    "PratinjauDialog": case_preview,
    "PulihkanDialog": case_restore,
    "IndikatorDialog": case_indikator,
    "ImportDialog": case_import,
    "ColumnMappingDialog": case_column_mapping,
    "KembalikanDataDialog": case_kembalikan,
    "PerpanjangBatasDialog": case_perpanjang,
    "PengingatDialog": case_pengingat,
}


def _windows_in_ui() -> set[str]:
    """Every QDialog / QMainWindow subclass defined in the ui package."""
    found: set[str] = set()
    for info in pkgutil.walk_packages(ui.__path__, "ui."):
        module = importlib.import_module(info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == info.name and issubclass(cls, (QDialog, QMainWindow)):
                found.add(name)
    return found


def test_every_window_class_has_a_fit_case():
    missing = _windows_in_ui() - set(CASES) - {"MainWindow", "FormDialog"}  # FormDialog: a base
    assert not missing, f"add a case to tests/gui/test_layar.py for {sorted(missing)}"


@pytest.mark.parametrize("name", sorted(CASES))
def test_dialog_fits_the_office_screen(name, semua, qtbot, tmp_path, monkeypatch):
    builder = CASES[name]
    params = inspect.signature(builder).parameters
    extra = {"monkeypatch": monkeypatch} if "monkeypatch" in params else {}
    window = builder(semua, tmp_path, **extra)
    qtbot.addWidget(window)
    show(window)


def test_main_window_opens_maximised_the_first_time_and_every_tab_fits(semua, window_for):
    _f, user, periode = semua
    window = window_for(user, periode.id)
    window.tampilkan()
    assert window.isMaximized()
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        fits(window)
    # restored to its normal size (un-maximised), it still fits
    window.showNormal()
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        fits(window)


def test_main_window_for_one_role_fits(semua, window_for):
    f, _user, periode = semua
    window = window_for(f.tim, periode.id)
    window.showNormal()
    fits(window)


def test_qt_dialogs_fit(semua, qtbot, tmp_path):
    from ui.dialogs import DialogService

    service = DialogService()
    box = service.kotak_pesan(None, "warning", "Perhatian", LONG_TEXT)
    qtbot.addWidget(box)
    show(box)
    confirm = service.kotak_konfirmasi(None, "Ajukan rekap", LONG_TEXT, "Ajukan")
    qtbot.addWidget(confirm)
    show(confirm)
    note = service.kotak_catatan(None, "Kembalikan", "Apa yang harus diperbaiki?", "")
    qtbot.addWidget(note)
    show(note)
    line = QInputDialog()
    line.setLabelText("Jumlah salinan cetak yang dibuat:")
    qtbot.addWidget(line)
    show(line)
    files = QFileDialog(None, "Pilih berkas", str(tmp_path))
    files.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(files)
    show(files)
    progress = QProgressDialog("Menyiapkan pratinjau (LibreOffice)…", "Batal", 0, 10)
    qtbot.addWidget(progress)
    show(progress)
    printer = QPrinter()
    chooser = QPrintDialog(printer)
    qtbot.addWidget(chooser)
    show(chooser)


def test_the_lock_screen_shows_a_long_name_and_its_message_uncut(semua, qtbot):
    """After Esc, the two-line message squeezed the dialog (345 px): the name was cut."""
    from PySide6.QtWidgets import QLabel

    from ui.login import UnlockDialog

    user = semua[1]
    user.nama = "Drs. Yohanes Ardianto Kristiawan Simanjuntak, M.Si"
    dialog = UnlockDialog(user)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reject()  # Esc: the message appears, the dialog stays
    QApplication.processEvents()
    for label in dialog.findChildren(QLabel):
        if not label.isVisible():
            continue
        needed = (
            label.heightForWidth(label.width()) if label.wordWrap() else label.sizeHint().height()
        )
        assert label.height() >= needed, label.text()
        if not label.wordWrap():
            assert label.width() >= label.sizeHint().width(), label.text()
