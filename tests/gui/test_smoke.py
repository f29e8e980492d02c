"""The main window builds for every user and shows the tabs of the issue."""

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
