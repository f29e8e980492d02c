"""Recap models without a view: sort, filter and search inside the model, also at 50,000 rows."""

from __future__ import annotations

import datetime as dt
import random
from typing import TypeVar

from PySide6.QtCore import Qt

from kinerja_app.queries.indikator import BarisIndikator, TemuanSel
from kinerja_app.rekap.rekapitulasi import BarisRekap
from kinerja_app.storage.models.pengumpulan import StatusOpd
from ui.recap.model import IndikatorModel, RekapModel
from ui.table import RecordTableModel

STATUSES = list(StatusOpd)
T = TypeVar("T")


def _rows(n: int, seed: int = 7) -> list[BarisRekap]:
    rng = random.Random(seed)
    base = dt.datetime(2026, 1, 5, 8, 0)
    out = []
    for i in range(n):
        status = STATUSES[i % len(STATUSES)]
        masuk = status not in (StatusOpd.BELUM_DIKIRIMI, StatusOpd.SURAT_DITERIMA)
        capaian = round(rng.uniform(40, 130), 2) if masuk and i % 7 else None
        out.append(
            BarisRekap(
                pengumpulan_id=i,
                opd_id=i,
                kode=f"K{i}",
                nama=f"Perangkat Daerah {i:05d}",
                status=status,
                surat_diterima_pada=base + dt.timedelta(hours=i % 500),
                batas_waktu=base + dt.timedelta(days=14),
                data_masuk_pada=base + dt.timedelta(days=i % 20) if masuk else None,
                tepat_waktu=(i % 20 <= 14) if masuk else None,
                revisi=1 + i % 3 if masuk else 0,
                jumlah_indikator=5 + i % 9 if masuk else 0,
                jumlah_error=i % 4 if masuk else 0,
                jumlah_peringatan=i % 5 if masuk else 0,
                capaian_rata=capaian,
                predikat=""
                if capaian is None
                else ("Sangat Tinggi" if capaian >= 91 else "Sedang"),
            )
        )
    return out


def _at(model: RecordTableModel[T], row: int) -> T:
    """The record the model shows at ``row`` (which must be one of its rows)."""
    record = model.row_at(row)
    assert record is not None, row
    return record


def _column(model, column: int) -> list[str]:
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def test_sort_by_capaian_keeps_empty_values_last_both_ways():
    model = RekapModel()
    rows = _rows(60)
    model.set_rows(rows)
    model.sort(RekapModel.CAPAIAN, Qt.SortOrder.AscendingOrder)
    values = [_at(model, r).capaian_rata for r in range(model.rowCount())]
    filled = [v for v in values if v is not None]
    assert filled == sorted(filled)
    assert values[len(filled) :] == [None] * (len(values) - len(filled))
    model.sort(RekapModel.CAPAIAN, Qt.SortOrder.DescendingOrder)
    values = [_at(model, r).capaian_rata for r in range(model.rowCount())]
    assert [v for v in values if v is not None] == sorted(filled, reverse=True)
    assert values[-1] is None
    assert _column(model, RekapModel.CAPAIAN)[0].endswith("%")


def test_sort_by_date_and_status_uses_real_values_not_text():
    model = RekapModel()
    model.set_rows(_rows(40))
    model.sort(RekapModel.DATA, Qt.SortOrder.AscendingOrder)
    dates = [_at(model, r).data_masuk_pada for r in range(model.rowCount())]
    filled = [d for d in dates if d is not None]
    assert filled == sorted(filled)  # "10 Januari" sorts after "9 Januari"
    model.sort(RekapModel.STATUS, Qt.SortOrder.AscendingOrder)
    order = [_at(model, r).status for r in range(model.rowCount())]
    assert order == sorted(order, key=STATUSES.index)


def test_filter_and_search_combine_and_survive_a_reload():
    model = RekapModel()
    model.set_rows(_rows(100))
    model.set_filter(StatusOpd.TERVERIFIKASI.value, "")
    assert model.rowCount() == 20
    assert set(_column(model, RekapModel.STATUS)) == {"Terverifikasi"}
    model.set_filter(StatusOpd.TERVERIFIKASI.value, "daerah 0000")
    assert _column(model, RekapModel.OPD) == ["Perangkat Daerah 00004", "Perangkat Daerah 00009"]
    model.set_filter(None, "TERLAMBAT")  # search is case-insensitive and covers every column
    assert model.rowCount() > 0
    assert set(_column(model, RekapModel.KETEPATAN)) == {"Terlambat"}
    model.sort(RekapModel.OPD, Qt.SortOrder.DescendingOrder)
    model.set_rows(_rows(100))  # a refresh keeps filter and sort
    names = _column(model, RekapModel.OPD)
    assert names == sorted(names, reverse=True)
    assert set(_column(model, RekapModel.KETEPATAN)) == {"Terlambat"}
    model.set_filter(None, "")
    assert model.rowCount() == 100


def test_fifty_thousand_rows_sort_filter_search():
    model = RekapModel()
    rows = _rows(50_000)
    model.set_rows(rows)
    assert model.rowCount() == 50_000
    model.sort(RekapModel.CAPAIAN, Qt.SortOrder.DescendingOrder)
    top = _at(model, 0).capaian_rata
    assert top == max(r.capaian_rata for r in rows if r.capaian_rata is not None)
    model.set_filter(StatusOpd.PERLU_PERBAIKAN.value, "")
    assert model.rowCount() == 10_000
    model.set_filter(StatusOpd.PERLU_PERBAIKAN.value, "daerah 4999")
    names = sorted(_column(model, RekapModel.OPD))
    assert names == ["Perangkat Daerah 49993", "Perangkat Daerah 49998"]
    model.set_filter(None, "")
    model.sort(RekapModel.OPD, Qt.SortOrder.AscendingOrder)
    assert model.data(model.index(49_999, RekapModel.OPD)) == "Perangkat Daerah 49999"


def test_indicator_rows_in_the_same_kind_of_model():
    rows = [
        BarisIndikator(
            opd=f"OPD {i % 40}",
            urutan=i,
            baris=i + 1,
            sasaran="Sasaran",
            indikator=f"Indikator {i}",
            satuan="%",
            polaritas="positif",
            target=100.0,
            target_teks="100",
            realisasi=float(i % 130),
            realisasi_teks="",
            capaian=float(i % 130),
            capaian_dilaporkan=None,
            predikat="",
            temuan=(TemuanSel("error", "T", f"S!F{i + 1}", i + 1, "Target salah"),)
            if i % 10 == 0
            else (),
        )
        for i in range(50_000)
    ]
    model = IndikatorModel()
    model.set_rows(rows)
    model.set_filter("error", "")
    assert model.rowCount() == 5_000
    index = model.index(0, IndikatorModel.TARGET)
    assert model.data(index, Qt.ItemDataRole.BackgroundRole) is not None
    assert "Target salah" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    model.set_filter(None, "indikator 1234")
    assert "Indikator 1234" in _column(model, IndikatorModel.INDIKATOR)
    model.set_filter(None, "")
    model.sort(IndikatorModel.CAPAIAN, Qt.SortOrder.DescendingOrder)
    assert _at(model, 0).capaian == 129.0
    assert model.data(model.index(0, IndikatorModel.CAPAIAN)) == "129,00%"
