"""The demo period follows the app's clock: the year it collects and every agenda number in it."""

import datetime as dt

import pytest

from kinerja_app.storage.db import close_database
from kinerja_app.storage.models import Disposisi, Penyampaian, Periode


@pytest.mark.parametrize("pada", [dt.datetime(2031, 2, 20, 9, 0), dt.datetime(2027, 1, 5, 9, 0)])
def test_the_demo_collects_last_years_data_numbered_in_the_year_it_happens(tmp_path, jam, pada):
    from kinerja_app.demo.periode import build_demo

    jam.set(pada)
    build_demo(tmp_path / "demo.db")
    try:
        (periode,) = Periode.select()
        start = pada - dt.timedelta(days=40)
        assert periode.tahun == start.year - 1
        disposisi = Disposisi.get(Disposisi.periode == periode)
        assert disposisi.nomor_agenda.endswith(f"/{start.year}")
        assert f"Tahun {start.year - 1}" in disposisi.hal
        for p in Penyampaian.select():
            assert p.nomor_agenda.endswith(f"/{p.tanggal_diterima.year}"), p.nomor_agenda
    finally:
        close_database()


def test_demo_documents_include_the_approved_recap(tmp_path, monkeypatch):
    """``demo-docs`` takes the demo period through steps 8–9; the demo leaves three OPDs for
    step 6, and a recap goes to the Kabag only once every OPD got the letter."""
    from kinerja_app.demo import dokumen

    monkeypatch.setattr(dokumen, "find_soffice", lambda: None)
    written = dokumen.write_demo_documents(tmp_path)
    final = [p for p in written if p.parent.name == "9 Rekapitulasi final"]
    assert [p.suffix for p in final] == [".docx"]
