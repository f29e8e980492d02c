"""Small typed helpers for tests: rows of data, the revision under review, deadlines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import cast

from kinerja_app.queries.pengumpulan import revisi_diperiksa
from kinerja_app.storage.models import Pengumpulan, Penyampaian
from kinerja_app.workflow.penyampaian import IndicatorLike
from tests.factory import Row


def baris(*rows: Row) -> Sequence[IndicatorLike]:
    """Factory rows as the services take them."""
    return cast(Sequence[IndicatorLike], rows)


def diperiksa(p: Pengumpulan) -> Penyampaian:
    """The revision of ``p`` awaiting the Tim's decision (there must be one)."""
    rev = revisi_diperiksa(p)
    assert rev is not None
    return rev


def batas(rows: Sequence[Pengumpulan]) -> dt.datetime:
    """The latest deadline of these OPDs, read afresh."""
    deadlines = [Pengumpulan.get_by_id(p.id).batas_waktu for p in rows]
    assert all(d is not None for d in deadlines)
    return max(cast(list[dt.datetime], deadlines))
