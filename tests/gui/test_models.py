"""Table models read without a view; sorting happens inside the model."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from kinerja_app import clock
from kinerja_app.jadwal.tugas import Tugas
from kinerja_app.queries import audit as q_audit
from kinerja_app.queries import periode as q_periode
from kinerja_app.queries.master import daftar_hari_libur
from kinerja_app.queries.pengumpulan import baris_opd
from kinerja_app.storage.models import HariLibur
from ui.admin.settings_page import LiburModel
from ui.table import MERAH
from ui.tabs.inbox import InboxModel
from ui.tabs.opd_model import OpdModel
from ui.tabs.riwayat import AuditModel


def test_inbox_marks_overdue_rows_red(f):
    periode = f.periode()
    model = InboxModel()
    now = clock.now()
    late = Tugas(
        1,
        "KABAG",
        "Buat disposisi",
        periode.id,
        now - dt.timedelta(days=3),
        now - dt.timedelta(days=2),
    )
    model.set_rows([late, *q_periode.tugas("KABAG", periode)])
    assert model.data(model.index(0, InboxModel.KEADAAN)) == "Terlambat"
    assert (
        model.data(model.index(0, InboxModel.TUGAS), Qt.ItemDataRole.BackgroundRole).color()
        == MERAH
    )
    assert model.data(model.index(0, InboxModel.LANGKAH)) == "1"
    model.sort(InboxModel.JATUH_TEMPO, Qt.SortOrder.DescendingOrder)
    assert model.data(model.index(1, InboxModel.KEADAAN)) == "Terlambat"


def test_opd_model_shows_status_and_sorts(f):
    periode = f.periode()
    f.distributed(periode, 2)
    model = OpdModel()
    model.set_rows(baris_opd(periode))
    assert model.rowCount() == len(baris_opd(periode))
    model.sort(OpdModel.DITERIMA, Qt.SortOrder.AscendingOrder)
    assert model.data(model.index(0, OpdModel.STATUS)) == "Surat diterima"
    assert model.data(model.index(model.rowCount() - 1, OpdModel.STATUS)) == "Belum dikirimi surat"


def test_audit_model_and_filter(f):
    f.periode()
    model = AuditModel()
    model.set_filter(q_audit.FilterAudit(aksi="buka_periode"))
    assert model.rowCount() == model.total() == 1
    assert model.data(model.index(0, AuditModel.PELAKU)) == f.kabag.nama
    assert model.data(model.index(0, AuditModel.HASIL)) == "Berhasil"
    assert not model.canFetchMore()


def test_holiday_model_formats_indonesian_dates(f):
    HariLibur.create(tanggal=dt.date(2026, 11, 24), nama="Cuti bersama")
    model = LiburModel()
    model.set_rows(daftar_hari_libur())
    assert model.data(model.index(0, LiburModel.TANGGAL)) == "Selasa, 24 November 2026"


def _sorted_numbers(model, column: int) -> list[str]:
    model.sort(column, Qt.SortOrder.AscendingOrder)
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def test_letter_numbers_sort_by_their_number_not_as_text():
    """A letter numbered …/2/Org comes before …/10/Org in every table listing numbers."""
    from types import SimpleNamespace
    from typing import Any, cast

    from kinerja_app.queries.naskah import Naskah
    from ui.tabs.arsip import ArsipModel
    from ui.tabs.distribusi import BarisDistribusi, DistribusiModel
    from ui.tabs.lacak import NaskahModel

    nomor = ["000.8.6.3/10/Org", "000.8.6.3/2/Org", "000.8.6.3/1/Org", "000.8.6.3/21/Org"]
    urut = ["000.8.6.3/1/Org", "000.8.6.3/2/Org", "000.8.6.3/10/Org", "000.8.6.3/21/Org"]
    lacak = NaskahModel()
    lacak.set_rows([Naskah("Surat", n, None, "Hal", "OPD", "Terkirim") for n in nomor])
    assert _sorted_numbers(lacak, NaskahModel.NOMOR) == urut
    arsip = ArsipModel()
    arsip.set_rows([cast(Any, SimpleNamespace(nomor=n)) for n in nomor])  # only the number
    assert _sorted_numbers(arsip, ArsipModel.NOMOR) == urut
    distribusi = DistribusiModel()
    distribusi.set_rows([BarisDistribusi(cast(Any, None), pengantar=n) for n in [*nomor, ""]])
    assert _sorted_numbers(distribusi, DistribusiModel.PENGANTAR) == [*urut, "belum bernomor"]
