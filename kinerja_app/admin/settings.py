"""Settings stored in the database as JSON, with defaults; changes are audited."""

from __future__ import annotations

import json
from typing import Any

from kinerja_app.storage import audit
from kinerja_app.storage.db import transaction
from kinerja_app.storage.models import Setting, User

DEFAULTS: dict[str, Any] = {
    "kop": {
        "pemerintah": "PEMERINTAH KABUPATEN LAMANDAU",
        "instansi": "SEKRETARIAT DAERAH",
        "alamat": "Jalan Sutan Syahrir Nomor 1, Nanga Bulik",
        "kode_pos": "74662",
        "telepon": "(0532) 2071003",
        "email": "setda@lamandaukab.go.id",
        "website": "www.lamandaukab.go.id",
        "logo": "",
    },
    "tempat_surat": "Nanga Bulik",
    "an_bupati": True,
    "nomor_pola": "000.8.6.3/{urut}/Org",
    "kertas": "A4",
    # ruang tepi at the tata naskah dinas minimums (resources/templates/README.md)
    "margin_mm": {"atas": 20, "bawah": 25, "kiri": 30, "kanan": 20},
    "font": {"nama": "Arial", "ukuran": 12},
    "template_kustom": {},
    "kalender": {"hari_kerja": [0, 1, 2, 3, 4], "jam_mulai": "07:30", "jam_selesai": "16:00"},
    "predikat": [
        [91.0, "Sangat Tinggi"],
        [76.0, "Tinggi"],
        [66.0, "Sedang"],
        [51.0, "Rendah"],
        [-1e9, "Sangat Rendah"],
    ],
    "toleransi_capaian": 0.5,
    "kunci_layar_menit": 15,
    "cadangan_simpan": 14,
    "lokasi_arsip": "",
    "demo": False,  # a demo database: papers print "CONTOH" instead of being refused
}


def get(key: str) -> Any:
    """The value of a setting, or its default.

    Raises:
        KeyError: for a key that has no default (a programming error).
    """
    row = Setting.get_or_none(Setting.key == key)
    if row is not None:
        return json.loads(row.value)
    return json.loads(json.dumps(DEFAULTS[key]))  # a copy the caller may change


def put(key: str, value: Any, user: User) -> None:
    """Store a setting and audit the change in one transaction."""
    if key not in DEFAULTS:
        raise KeyError(key)
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    with transaction():
        old = Setting.get_or_none(Setting.key == key)
        Setting.insert(key=key, value=text).on_conflict(
            conflict_target=[Setting.key], update={Setting.value: text}
        ).execute()
        audit.write(
            "ubah_pengaturan",
            pelaku=user,
            keterangan=f"Pengaturan '{key}' diubah",
            objek="setting",
            detail={"key": key, "lama": json.loads(old.value) if old else None, "baru": value},
            data={Setting: [0]},
        )
