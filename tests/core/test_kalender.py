"""Working-time deadlines across weekends, public holidays and cuti bersama."""

from __future__ import annotations

import datetime as dt

from kinerja_app.jadwal.kalender import KalenderKerja, MutuBaku

CAL = KalenderKerja()  # Mon-Fri 07:30-16:00


def test_one_hour_within_a_day():
    assert CAL.jatuh_tempo(dt.datetime(2026, 11, 24, 9, 0), MutuBaku.SATU_JAM) == dt.datetime(
        2026, 11, 24, 10, 0
    )


def test_one_hour_across_the_weekend():
    # Friday 27 Nov 2026 15:30 -> 30 min left on Friday, 30 min on Monday
    assert CAL.jatuh_tempo(dt.datetime(2026, 11, 27, 15, 30), MutuBaku.SATU_JAM) == dt.datetime(
        2026, 11, 30, 8, 0
    )


def test_one_day_across_weekend_and_independence_day():
    # Friday 14 Aug 2026 15:00; Sat, Sun, and Mon 17 Aug (Hari Kemerdekaan) are off
    assert CAL.jatuh_tempo(dt.datetime(2026, 8, 14, 15, 0), MutuBaku.SATU_HARI) == dt.datetime(
        2026, 8, 18, 15, 0
    )
    assert CAL.nama_libur(dt.date(2026, 8, 17)) is not None


def test_step_opened_at_night_starts_next_morning():
    assert CAL.jatuh_tempo(dt.datetime(2026, 11, 24, 20, 0), MutuBaku.SATU_JAM) == dt.datetime(
        2026, 11, 25, 8, 30
    )


def test_cuti_bersama_is_skipped():
    cal = CAL.with_libur([dt.date(2026, 11, 25)])
    assert cal.jatuh_tempo(dt.datetime(2026, 11, 24, 15, 0), MutuBaku.SATU_HARI) == dt.datetime(
        2026, 11, 26, 15, 0
    )


def test_thirty_days_counts_office_days_only():
    start = dt.datetime(2026, 11, 2, 8, 0)  # Monday
    due = CAL.jatuh_tempo(start, MutuBaku.TIGA_PULUH_HARI)
    office_days = sum(
        1
        for i in range(1, (due.date() - start.date()).days + 1)
        if CAL.is_hari_kerja(start.date() + dt.timedelta(days=i))
    )
    assert office_days == 30
    assert due.time() == start.time()
    assert CAL.menit_kerja_antara(start, due) == 30 * CAL.menit_sehari


def test_configurable_office_days():
    six_days = KalenderKerja(hari_kerja=frozenset(range(6)))
    assert six_days.jatuh_tempo(
        dt.datetime(2026, 11, 27, 15, 30), MutuBaku.SATU_JAM
    ) == dt.datetime(2026, 11, 28, 8, 0)


def test_the_holiday_cache_follows_the_installed_indonesia_module(tmp_path, monkeypatch):
    """An upgrade of ``holidays`` that corrects a date invalidates the cached years."""
    import os
    from types import SimpleNamespace

    from kinerja_app.jadwal import kalender

    module = tmp_path / "holidays" / "countries" / "indonesia.py"
    module.parent.mkdir(parents=True)
    module.write_text("# 2026\n")
    spec = SimpleNamespace(submodule_search_locations=[str(tmp_path / "holidays")])
    monkeypatch.setattr(kalender, "find_spec", lambda name: spec)
    before = kalender._holidays_fingerprint()
    module.write_text("# 2026, Idul Adha corrected\n")
    os.utime(module, ns=(1, 10**18))
    assert kalender._holidays_fingerprint() != before
    assert kalender._holidays_fingerprint() != "tanpa-sidik"
