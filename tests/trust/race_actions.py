"""What a race worker can do: each function loads its objects (as a screen would have them) and
returns the call to make once both workers are ready."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kinerja_app import clock
from kinerja_app.storage.models import Pengumpulan, Penyampaian, Periode, Rancangan, User

Act = Callable[[], object]


def _user(name: str) -> User:
    return User.get(User.username == name)


def paraf_kabag(state: dict[str, Any]) -> Act:
    from kinerja_app.workflow.paraf import kabag_paraf

    kabag, rancangan = _user("kabag"), Rancangan.get_by_id(state["rancangan"])
    return lambda: kabag_paraf(kabag, rancangan)


def tanda_tangan(state: dict[str, Any]) -> Act:
    from kinerja_app.workflow.tandatangan import sekda_tandatangani

    sekda, rancangan = _user("sekda"), Rancangan.get_by_id(state["rancangan"])
    return lambda: sekda_tandatangani(sekda, rancangan)


def simpan_draf(state: dict[str, Any]) -> Act:
    from kinerja_app.workflow.rancangan import isi_default, simpan_rancangan

    tim, periode = _user("tim"), Periode.get_by_id(state["periode"])
    isi = isi_default(periode)
    return lambda: simpan_rancangan(tim, periode, isi, catatan="Perbaikan kecil")


def _simpan_penyampaian(state: dict[str, Any], berkas: str) -> Act:
    from kinerja_app.importer.data import IndicatorRow
    from kinerja_app.storage.files import sha256_file
    from kinerja_app.workflow.penyampaian import SuratMasuk, simpan_penyampaian

    tim, pengumpulan = _user("tim"), Pengumpulan.get_by_id(state["pengumpulan"])
    path = Path(berkas)
    rows = [
        IndicatorRow(
            "Data", 5 + i, "Sasaran", f"Indikator {i}", "%", None, 100.0, 90.0 + i % 10, None, None
        )
        for i in range(200)
    ]
    digest = sha256_file(path)
    return lambda: simpan_penyampaian(
        tim, pengumpulan, SuratMasuk(clock.now()), rows, [], berkas=path, sha256_diperiksa=digest
    )


def simpan_penyampaian_a(state: dict[str, Any]) -> Act:
    return _simpan_penyampaian(state, state["berkas"][0])


def simpan_penyampaian_b(state: dict[str, Any]) -> Act:
    return _simpan_penyampaian(state, state["berkas"][1])


def nyatakan_valid(state: dict[str, Any]) -> Act:
    from kinerja_app.workflow.penyampaian import nyatakan_valid as valid

    tim, rev = _user("tim"), Penyampaian.get_by_id(state["penyampaian"])
    return lambda: valid(tim, rev)


def kembalikan_data(state: dict[str, Any]) -> Act:
    from kinerja_app.workflow.penyampaian import kembalikan_data as kembalikan

    tim, rev = _user("tim"), Penyampaian.get_by_id(state["penyampaian"])
    return lambda: kembalikan(tim, rev, "Lengkapi realisasi triwulan IV.")


def buka_periode(state: dict[str, Any]) -> Act:
    from kinerja_app.workflow.periode import buka_periode as buka

    kabag = _user("kabag")
    return lambda: buka(kabag, state["tahun"])


def simpan_opd(state: dict[str, Any]) -> Act:
    from kinerja_app.admin.master import DataOpd
    from kinerja_app.admin.master import simpan_opd as simpan

    admin = _user("admin")
    data = DataOpd(kode="UPT-BARU", nama="UPT Pelayanan Baru", urutan=99)
    return lambda: simpan(admin, data)


def simpan_pengguna(state: dict[str, Any]) -> Act:
    from kinerja_app.admin.pengguna import DataPengguna
    from kinerja_app.admin.pengguna import simpan_pengguna as simpan
    from kinerja_app.storage.models.master import Role

    admin = _user("admin")
    data = DataPengguna(username="staf.baru", nama="Staf Baru", roles=frozenset({Role.TIM}))
    return lambda: simpan(admin, data, password="kantor-bulik-2026")


def tambah_hari_libur(state: dict[str, Any]) -> Act:
    from kinerja_app.admin.master import tambah_hari_libur as tambah

    admin = _user("admin")
    return lambda: tambah(admin, dt.date(2026, 4, 3), "Cuti bersama")


def hapus_hari_libur(state: dict[str, Any]) -> Act:
    from kinerja_app.admin.master import hapus_hari_libur as hapus
    from kinerja_app.storage.models import HariLibur

    admin = _user("admin")
    libur = HariLibur.get_by_id(state["libur"])  # the row as the admin's list shows it
    return lambda: hapus(admin, libur)


def buat_admin_pertama(state: dict[str, Any]) -> Act:
    from kinerja_app.admin.pengguna import DataPengguna
    from kinerja_app.admin.pengguna import buat_admin_pertama as buat
    from kinerja_app.storage.models.master import Role

    data = DataPengguna(username="admin", nama="Admin Pertama", roles=frozenset({Role.ADMIN}))
    return lambda: buat(data, "kantor-bulik-2026")


# --- the papers (issue 11): the register, the deadline acts, the archive of printed papers -----


def kirim_pengantar(state: dict[str, Any]) -> Act:
    from kinerja_app.workflow.distribusi import kirim_pengantar as kirim

    tim, periode = _user("tim"), Periode.get_by_id(state["periode"])
    return lambda: kirim(tim, periode)


def perpanjang_batas(state: dict[str, Any]) -> Act:
    from kinerja_app.workflow.batas import perpanjang_batas as perpanjang

    tim, pengumpulan = _user("tim"), Pengumpulan.get_by_id(state["pengumpulan"])
    batas = dt.date.fromisoformat(state["batas_baru"])
    return lambda: perpanjang(tim, pengumpulan, batas, "Kepala dinas bertugas ke luar daerah.")


def terbitkan_pengingat(state: dict[str, Any]) -> Act:
    from kinerja_app.workflow.batas import terbitkan_pengingat as terbitkan

    tim, periode = _user("tim"), Periode.get_by_id(state["periode"])
    return lambda: terbitkan(tim, periode)


def cetak_disposisi(state: dict[str, Any]) -> Act:
    from kinerja_app.documents import berkas
    from kinerja_app.storage.models import Disposisi

    tim, disposisi = _user("tim"), Disposisi.get_by_id(state["disposisi"])
    return lambda: berkas.lembar_disposisi(tim, disposisi)


def cetak_untuk_ttd(state: dict[str, Any]) -> Act:
    from kinerja_app.documents import berkas

    tim, rancangan = _user("tim"), Rancangan.get_by_id(state["rancangan"])
    return lambda: berkas.surat_untuk_ditandatangani(tim, rancangan)
