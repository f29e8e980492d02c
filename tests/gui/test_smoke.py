"""The main window builds for every user and shows the tabs of the issue."""

import sys

import pytest

from kinerja_app.storage.models.master import Role
from tests.factory import Factory


def test_window_builds_with_all_tabs(f, window_for):
    boss = Factory.user("semua", "Pengguna Semua Peran", *Role)
    window = window_for(boss)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == [
        "Kabag Organisasi",
        "Tim Kinerja",
        "Asisten Administrasi Umum",
        "Sekda",
        "Perangkat Daerah",
        "Rekapitulasi",
        "Arsip",
        "Riwayat",
        "Administrasi",
    ]


def test_the_window_reads_only_the_tab_it_opens_on(f, window_for):
    periode = f.periode()
    w = window_for(f.sekda, periode.id)
    assert w.tabs.currentWidget() is w.sekda
    assert w.sekda.state is not None  # the tab on screen was built and read
    assert w.pages.built("kabag") is None  # the others wait until they are shown
    w.tabs.setCurrentIndex(0)
    assert w.pages.built("kabag") is w.kabag and w.kabag.state is not None


def test_the_home_tab_is_the_first_own_tab_with_work_waiting(f, window_for):
    """Chosen from the inboxes' tasks without reading every tab."""
    boss = Factory.user("semua", "Pengguna Semua Peran", *Role)
    periode = f.periode()  # the Kabag's disposisi waits; the Tim has nothing yet
    w = window_for(boss, periode.id)
    assert w.tabs.currentWidget() is w.kabag and w.kabag.inbox.rowCount() > 0
    assert w.pages.built("tim") is None


def test_period_pick_reloads_the_tab_on_screen_and_the_others_when_shown(f, window_for, jam):
    old = f.periode(2024)
    jam.maju(days=1)
    new = f.periode(2025)
    w = window_for(f.tim, new.id)
    w.tabs.setCurrentWidget(w.kabag)
    w.overview.combo.setCurrentIndex(w.overview.combo.findData(old.id))
    assert w.kabag.state is not None and w.kabag.state.periode.id == old.id
    assert w.tim.state.periode.id == new.id  # hidden: not read again yet
    w.tabs.setCurrentWidget(w.tim)
    assert w.tim.state.periode.id == old.id


def test_letter_tracking_is_read_when_its_page_is_opened(f, window_for):
    """Lacak naskah reads every letter of the period and its history: not at every refresh."""
    periode = f.periode()
    f.distributed(periode, 2)
    w = window_for(f.tim, periode.id)
    assert w.tabs.currentWidget() is w.tim and w.tim.state is not None
    assert w.tim.lacak.model.rowCount() == 0
    w.tim.detail_tabs.setCurrentWidget(w.tim.lacak)
    assert w.tim.lacak.model.rowCount() == 4  # the request letter, the nota dinas, 2 pengantar


def test_roles_are_read_once_and_again_after_an_account_change(f):
    from kinerja_app.storage.models import UserRole
    from kinerja_app.workflow.common import Area, Changes
    from tests.gui.conftest import make_ctx

    ctx = make_ctx(f.tim)
    assert ctx.can(Role.TIM) and not ctx.can(Role.KABAG)
    UserRole.create(user=f.tim, role=Role.KABAG.value)
    assert not ctx.can(Role.KABAG)  # read once: the window's seventy questions ask nothing
    ctx.bus.changed.emit(Changes.of(Area.PENGGUNA, pesan="Akun disimpan."))
    assert ctx.can(Role.KABAG)


@pytest.mark.parametrize(
    ("environ", "told"),
    [
        ({}, True),
        ({"DISPLAY": ":0"}, False),
        ({"WAYLAND_DISPLAY": "wayland-0"}, False),
        ({"QT_QPA_PLATFORM": "offscreen"}, False),
    ],
)
def test_only_a_linux_session_without_any_display_is_refused(environ, told, monkeypatch):
    import sys

    from ui.app import tanpa_layar

    monkeypatch.setattr(sys, "platform", "linux")
    assert (tanpa_layar(environ) is not None) == told
    monkeypatch.setattr(sys, "platform", "win32")  # Windows always has its desktop
    assert tanpa_layar({}) is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a display is a Linux matter")
def test_a_session_without_a_display_is_told_so_in_indonesian(tmp_path):
    """Qt itself would abort with English words about platform plugins (main.py end to end)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {k: v for k, v in os.environ.items()}
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        env.pop(name, None)
    env["HOME"] = str(tmp_path)
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    main = Path(__file__).resolve().parents[2] / "main.py"
    result = subprocess.run(
        [sys.executable, str(main), "--db", str(tmp_path / "kinerja.db")],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert "tidak memiliki layar" in result.stderr and "plugin" not in result.stderr
    assert not (tmp_path / "kinerja.db").exists()  # nothing created for a window never opened
