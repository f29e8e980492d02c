"""The audit chain: written with each change, verified, tampering detected at its row; the data
the chain commits to, and heads kept outside the file (printed letters, backups). On either
engine: the attacks go through :class:`tests.tamper.Tamper`, as someone holding the file or the
server's owner login would."""

from __future__ import annotations

import itertools
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import peewee
import pytest

from kinerja_app.storage import audit
from kinerja_app.storage.db import close_database, open_database, transaction
from kinerja_app.storage.models import (
    Arsip,
    AuditData,
    AuditLog,
    Penyampaian,
    SuratPermintaan,
    TandaTangan,
)
from tests.factory import Row
from tests.tamper import Tamper

ROOT = Path(__file__).resolve().parents[2]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", "audit-verify", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def _attack(*statements: tuple[str, Sequence[Any]], keep_guards: bool = True) -> str:
    """Run raw SQL behind the app's back (guards dropped, then put back); the database is open
    again afterwards. Returns its address (for the command line)."""
    with Tamper() as raw:
        raw.drop_guards()
        for statement, params in statements:
            raw.execute(statement, params)
        if keep_guards:
            raw.restore_guards()
    open_database(raw.target, migrate=False)
    return str(raw.target)


def _rehashed_from(first_id: int) -> list[tuple[str, Sequence[Any]]]:
    """The statements of a forger who rewrote row ``first_id``: every hash from it on again."""
    prev = AuditLog.get_by_id(first_id).prev_hash
    updates: list[tuple[str, Sequence[Any]]] = []
    for row in AuditLog.select().where(AuditLog.id >= first_id).order_by(AuditLog.id):
        fields = {name: getattr(row, name) for name in audit.HASHED_FIELDS}
        fields["data_hash"] = row.data_hash
        if row.id == first_id:
            fields["keterangan"] = "ditulis ulang"
        new = audit.row_hash(fields, prev)
        updates.append(
            (
                "UPDATE audit_log SET keterangan = ?, prev_hash = ?, hash = ? WHERE id = ?",
                (fields["keterangan"], prev, new, row.id),
            )
        )
        prev = new
    return updates


def _received(f, periode):
    from kinerja_app import clock
    from kinerja_app.workflow.penyampaian import SuratMasuk, simpan_penyampaian

    p = f.distributed(periode, 1)[0]
    changes = simpan_penyampaian(
        f.tim, p, SuratMasuk(clock.now()), [Row("IKU 1", 100.0, 95.0, 95.0)], []
    )
    return Penyampaian.get_by_id(changes.objek_id)


def test_every_action_chains_to_previous(f):
    periode = f.periode()
    f.disposisi(periode)
    rows = list(AuditLog.select().order_by(AuditLog.id))
    assert len(rows) >= 3
    for prev, row in itertools.pairwise(rows):
        assert row.prev_hash == prev.hash
    report = audit.verify_chain()
    assert report.ok, report
    assert report.rows == len(rows) and report.head == rows[-1].hash == audit.chain_head()


def test_editing_one_row_with_raw_sql_is_detected_at_that_row(f):
    periode = f.periode()
    f.disposisi(periode)
    target = AuditLog.select().order_by(AuditLog.id)[1]
    address = _attack(
        ("UPDATE audit_log SET keterangan = 'diubah diam-diam' WHERE id = ?", (target.id,))
    )
    close_database()
    result = _cli("--db", address)
    assert result.returncode == 1
    assert f"baris id {target.id}" in result.stderr


def test_deleting_a_row_is_detected(f):
    periode = f.periode()
    f.disposisi(periode)
    rows = list(AuditLog.select().order_by(AuditLog.id))
    _attack(("DELETE FROM audit_log WHERE id = ?", (rows[1].id,)))
    report = audit.verify_chain()
    assert not report.ok and report.broken_id == rows[2].id


def test_audit_rows_cannot_be_updated_or_deleted_through_sql(f):
    f.periode()
    before = [(r.id, r.hash) for r in AuditLog.select().order_by(AuditLog.id)]
    # SQLite: the triggers refuse; a server refuses the workstations' role before any trigger
    for model in (AuditLog, AuditData):
        with pytest.raises((peewee.IntegrityError, peewee.ProgrammingError)):
            model.update(hash="x").execute()
        with pytest.raises((peewee.IntegrityError, peewee.ProgrammingError)):
            model.delete().execute()
    assert [(r.id, r.hash) for r in AuditLog.select().order_by(AuditLog.id)] == before


def test_cli_reports_intact_chain(f, db_target):
    f.periode()
    close_database()
    result = _cli("--db", str(db_target))
    assert result.returncode == 0, result.stderr
    assert "utuh" in result.stdout


def test_an_edited_stored_value_is_named(f):
    """A capaian changed in the stored revision: the log is untouched, the data is not."""
    periode = f.periode()
    rev = _received(f, periode)
    assert audit.verify_chain().ok
    _attack(("UPDATE data_indikator SET capaian = 100.0 WHERE penyampaian_id = ?", (rev.id,)))
    report = audit.verify_chain()
    assert not report.ok and report.broken_id is None
    (problem,) = report.problems
    assert f"data_indikator penyampaian {rev.id}" in problem and "tidak cocok" in problem
    assert "Data OPD diterima" in problem  # the audit row that committed it, by name


def test_an_edited_status_is_named(f):
    periode = f.periode()
    rev = _received(f, periode)
    _attack(
        (
            "UPDATE pengumpulan SET status = 'terverifikasi' WHERE id = ?",
            (rev.pengumpulan_id,),
        )
    )
    report = audit.verify_chain()
    assert [p for p in report.problems if f"pengumpulan id {rev.pengumpulan_id}" in p]


def test_a_row_added_from_outside_is_named(f):
    periode = f.periode()
    rev = _received(f, periode)
    _attack(
        (
            "INSERT INTO data_indikator (penyampaian_id, urutan, sheet, sasaran, indikator, "
            "satuan, target_teks, realisasi_teks, keterangan) "
            "VALUES (?, 9, '', '', 'IKU palsu', '', '', '', '')",
            (rev.id,),
        ),
        (
            "INSERT INTO arsip (periode_id, jenis, berkas, sha256, nomor, salinan, audit_head, "
            "dicatat_oleh_id, dicatat_pada) VALUES (?, 'x', 'x', ?, '', 0, '', ?, ?)",
            (periode.id, "0" * 64, f.tim.id, "2026-03-10 09:00:00"),
        ),
    )
    problems = audit.verify_chain().problems
    assert any(f"data_indikator penyampaian {rev.id}" in p for p in problems)
    assert any("arsip id" in p and "tidak tercatat" in p for p in problems)


def test_a_changed_commitment_is_detected_at_its_audit_row(f):
    periode = f.periode()
    rev = _received(f, periode)
    entry = AuditData.get((AuditData.tabel == "data_indikator") & (AuditData.nilai == rev.id))
    _attack(("UPDATE audit_data SET hash = ? WHERE id = ?", ("0" * 64, entry.id)))
    report = audit.verify_chain()
    assert report.broken_id == entry.audit_id and "komitmen" in report.reason


def _printed_head() -> str:
    """The head printed on the signed letter (the signature's audit row)."""
    from kinerja_app.documents.berkas_surat import FINAL, surat_context

    ttd = TandaTangan.get()
    printed = surat_context(ttd.rancangan, FINAL).audit_head
    row = AuditLog.get((AuditLog.objek == "tanda_tangan") & (AuditLog.objek_id == ttd.id))
    assert printed == row.hash
    return printed


def test_rows_cut_up_to_the_printed_head_are_detected_when_given_it(f):
    """Someone "un-signs" the letter: the signature's audit rows and everything after are cut,
    its rows deleted and the letter put back as it was. What is left is consistent, so only the
    head printed on the signed letter can tell."""
    from kinerja_app.workflow.paraf import asisten_paraf, kabag_paraf
    from kinerja_app.workflow.tandatangan import sekda_tandatangani

    f.lambang_resmi()  # a final letter prints only with the official lambang
    periode = f.periode()
    f.disposisi(periode)
    rancangan = f.draft(periode)
    kabag_paraf(f.kabag, rancangan)
    asisten_paraf(f.asisten, rancangan)
    waiting = SuratPermintaan.get()  # the letter as it was before the signature
    sekda_tandatangani(f.sekda, rancangan)
    printed = _printed_head()
    f.periode(2024)  # more rows after the anchor
    signing = AuditLog.get(AuditLog.hash == printed)
    address = _attack(
        ("DELETE FROM audit_data WHERE audit_id >= ?", (signing.id,)),
        ("DELETE FROM audit_log WHERE id >= ?", (signing.id,)),
        ("DELETE FROM pengumpulan WHERE periode_id <> ?", (periode.id,)),
        ("DELETE FROM periode WHERE id <> ?", (periode.id,)),
        ("DELETE FROM tanda_tangan", ()),
        ("DELETE FROM surat_keluar", ()),
        (
            "UPDATE surat_permintaan SET status = ?, status_sejak = ?",
            (waiting.status, waiting.status_sejak),
        ),
    )
    plain = audit.verify_chain()
    assert plain.ok, plain  # a consistent, shorter history...
    anchored = audit.verify_chain(kepala=[printed])
    assert not anchored.ok  # ...that the printed head exposes
    assert any(printed[:16] in p and "dipotong" in p for p in anchored.problems)
    close_database()
    result = _cli("--db", address, "--kepala", f"Rantai audit: {printed}")
    assert result.returncode == 1 and "dipotong atau ditulis ulang" in result.stderr


def test_a_rehashed_chain_is_detected_when_given_the_printed_head(f):
    f.lambang_resmi()
    periode = f.periode()
    f.signed(periode)
    printed = _printed_head()
    f.periode(2024)
    first = AuditLog.select().order_by(AuditLog.id).first()
    _attack(*_rehashed_from(first.id))
    assert audit.verify_chain().ok  # the forger recomputed every hash...
    report = audit.verify_chain(kepala=[printed])
    assert not report.ok and any(printed[:16] in p for p in report.problems)  # ...not the paper


def test_removing_the_newest_rows_is_detected_through_the_archived_head(f):
    """Cutting off the end of the chain leaves every remaining row valid; the chain head printed
    on the final recap (kept in the archive table) and the missing triggers give it away."""
    periode = f.periode()
    f.disposisi(periode)
    head = audit.chain_head()
    with transaction():
        arsip = Arsip.create(
            periode=periode,
            jenis="Dokumen Rekapitulasi",
            berkas="x",
            sha256="0" * 64,
            audit_head=head,
            dicatat_oleh=f.tim,
        )
        audit.write("finalisasi_arsip", pelaku=f.tim, data={Arsip: [arsip.id]})
    f.draft(periode)  # more rows after the archived head
    assert audit.verify_chain().ok
    last = AuditLog.select().order_by(AuditLog.id.desc()).limit(3)
    doomed = [r.id for r in last] + [AuditLog.get(AuditLog.hash == head).id]
    _attack(
        *(("DELETE FROM audit_data WHERE audit_id = ?", (i,)) for i in doomed),
        *(("DELETE FROM audit_log WHERE id = ?", (i,)) for i in doomed),
        keep_guards=False,
    )
    report = audit.verify_chain()
    assert report.broken_id is None  # what is left chains perfectly...
    assert not report.ok
    assert any("tidak ada lagi" in p for p in report.problems)
    assert any("audit_log_no_delete" in p for p in report.problems)


def test_verification_streams_in_constant_memory(f):
    """Peak memory of a verification does not grow with the length of the trail."""
    import tracemalloc

    def peak_after(rows: int) -> int:
        with transaction():
            for i in range(rows):
                audit.write("masuk", pelaku=f.tim, keterangan=f"{f.tim.nama} masuk {i}" + "x" * 200)
        tracemalloc.start()
        assert audit.verify_chain().ok
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return peak

    small = peak_after(500)
    large = peak_after(4000)  # 4,500 rows in all, nine times as many
    assert large < small * 1.5, (small, large)


def test_an_unknown_or_short_head_is_a_clear_message(f, db_target):
    f.periode()
    close_database()
    result = _cli("--db", str(db_target), "--kepala", "abc")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "heksadesimal" in result.stderr


def test_every_backup_carries_the_head_and_proves_the_chain_up_to_it(tmp_path):
    """The backup's name carries its chain head; given the backup, verification proves that
    nothing before that point was cut or rewritten in the live file since (SQLite files)."""
    from kinerja_app.errors import DatabaseProblem
    from kinerja_app.storage.backup import backup_head, create_backup, list_backups
    from tests.factory import Factory

    path = tmp_path / "kinerja.db"
    open_database(path)
    f = Factory()
    f.disposisi(f.periode())
    head = audit.chain_head()
    backup = create_backup(path, tmp_path / "cadangan", label="manual")
    assert f"-k{head[:16]}" in backup.name
    assert list_backups(tmp_path / "cadangan")[0].kepala == head[:16]
    assert backup_head(backup) == head
    f.periode(2024)
    assert audit.verify_chain(kepala=[backup_head(backup)]).ok
    first = AuditLog.select().order_by(AuditLog.id).first()
    _attack(*_rehashed_from(first.id))
    assert audit.verify_chain().ok
    close_database()
    result = _cli("--db", str(path), "--cadangan", str(backup))
    assert result.returncode == 1 and head[:16] in result.stderr
    forged = backup.with_name(backup.name.replace(head[:16], "0" * 16))
    backup.rename(forged)
    with pytest.raises(DatabaseProblem, match="telah diubah"):
        backup_head(forged)


def test_the_demo_period_verifies_whole(tmp_path):
    """Every service the demo walks names the rows it wrote: nothing uncommitted, nothing
    mismatched (a writer that forgot its commitments would show here)."""
    from kinerja_app.demo.periode import build_demo
    from kinerja_app.storage.pemeliharaan import periksa_arsip

    build_demo(tmp_path / "demo.db")
    try:
        report = audit.verify_chain()
        assert report.ok, report.problems[:3]
        assert AuditData.select().count() > 100 and periksa_arsip() == []
    finally:
        close_database()


def test_every_paper_and_deadline_act_verifies_whole(f):
    """The papers' services commit to what they write: the register (pengantar, nota dinas,
    reminders, findings and extension letters), the recorded deadlines and every archived
    paper; nothing uncommitted, nothing mismatched, no orphan file."""
    from kinerja_app.storage.models import BatasOpd
    from kinerja_app.storage.pemeliharaan import periksa_arsip
    from tests.core.test_naskah_pdf import every_paper

    papers = every_paper(f)
    report = audit.verify_chain()
    assert report.ok, report.problems[:3]
    assert periksa_arsip() == []
    committed = {(d.tabel, d.nilai) for d in AuditData.select()}
    assert all(("batas_opd", b.id) in committed for b in BatasOpd.select())
    assert all(("arsip", n.arsip_id) in committed for c in papers for n in c.naskah)
