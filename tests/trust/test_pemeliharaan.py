"""Backups on demand, restore from the app, and the archive checksum check."""

from __future__ import annotations

import pytest

from kinerja_app import clock
from kinerja_app.errors import ActionRefused, DatabaseProblem
from kinerja_app.storage import pemeliharaan
from kinerja_app.storage.checksums import ProblemKind
from kinerja_app.storage.models import AuditLog, Disposisi, Penyampaian, Periode
from kinerja_app.workflow.penyampaian import SuratMasuk, simpan_penyampaian
from tests.factory import Row


def test_backup_then_restore_brings_back_the_earlier_state(f):
    periode = f.periode()
    changes = pemeliharaan.cadangkan_sekarang(f.tim)
    (info,) = pemeliharaan.daftar_cadangan()
    assert info.path.name in changes.pesan
    f.disposisi(periode)  # a change made after the backup
    with pytest.raises(ActionRefused):
        pemeliharaan.pulihkan(f.tim, info.path)
    pemeliharaan.pulihkan(f.admin, info.path)
    assert Disposisi.select().where(Disposisi.periode == Periode.get()).count() == 0
    last = AuditLog.select().order_by(AuditLog.id.desc()).get()
    assert last.aksi == "pulihkan_cadangan" and info.path.name in last.keterangan


def test_corrupt_backup_is_refused_and_nothing_changes(f, tmp_path):
    f.periode()
    bad = tmp_path / "rusak.db"
    bad.write_bytes(b"bukan sqlite" * 500)
    with pytest.raises(DatabaseProblem, match="tidak dapat dipakai"):
        pemeliharaan.pulihkan(f.admin, bad)
    assert Periode.select().count() == 1


def test_archive_check_finds_changed_and_missing_files(f, tmp_path):
    periode = f.periode()
    a, b = f.distributed(periode, 2)
    for p in (a, b):
        book = tmp_path / f"{p.id}.xlsx"
        book.write_bytes(b"data " + str(p.id).encode())
        simpan_penyampaian(
            f.tim,
            p,
            SuratMasuk(clock.now()),
            [Row("IKM", 1, 1, 100.0)],
            [],
            berkas=book,
        )
    assert pemeliharaan.periksa_arsip() == []
    first, second = (Penyampaian.get(Penyampaian.pengumpulan == p) for p in (a, b))
    from pathlib import Path

    assert first.berkas is not None and second.berkas is not None
    Path(first.berkas).write_bytes(b"diubah")
    Path(second.berkas).unlink()
    problems = {p.path: p.kind for p in pemeliharaan.periksa_arsip()}
    assert problems == {
        Path(first.berkas): ProblemKind.CHANGED,
        Path(second.berkas): ProblemKind.MISSING,
    }
