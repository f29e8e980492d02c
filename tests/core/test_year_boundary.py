"""The turn of the year by the app's clock: numbering restarts and letters carry the day they were
signed (CI also runs the whole suite with the system clock at 31 December 23:58)."""

from __future__ import annotations

import datetime as dt

from kinerja_app.storage.models import SuratKeluar, TandaTangan
from kinerja_app.workflow.paraf import asisten_paraf, kabag_paraf
from kinerja_app.workflow.tandatangan import sekda_tandatangani


def test_letters_signed_either_side_of_midnight_number_by_their_own_year(f, jam):
    jam.set(dt.datetime(2026, 12, 31, 23, 50))
    old = f.periode(2025)
    f.disposisi(old)
    first = f.draft(old)
    jam.set(dt.datetime(2026, 12, 31, 23, 58))

    kabag_paraf(f.kabag, first)
    asisten_paraf(f.asisten, first)
    sekda_tandatangani(f.sekda, first)

    jam.set(dt.datetime(2027, 1, 1, 0, 1))
    new = f.periode(2026)
    f.disposisi(new)
    second = f.draft(new)
    kabag_paraf(f.kabag, second)
    asisten_paraf(f.asisten, second)
    sekda_tandatangani(f.sekda, second)

    rows = {t.surat_keluar.tahun: t.surat_keluar for t in TandaTangan.select()}
    assert rows[2026].tanggal == dt.date(2026, 12, 31) and rows[2026].urut == 1
    assert rows[2027].tanggal == dt.date(2027, 1, 1) and rows[2027].urut == 1
    # each letter's nota dinas to the Sekretariat Daerah takes the next number of its own year
    notas = {s.tahun: s for s in SuratKeluar.select().where(SuratKeluar.jenis == "nota_dinas")}
    assert (notas[2026].urut, notas[2027].urut) == (2, 2)
    assert SuratKeluar.select().count() == 4
