"""Verifying the audit trail: the chain, the data it commits to, and anchors kept outside the file.

Everything is streamed in one read transaction (one consistent state), so memory does not grow
with history: the chain row by row, merged with its commitments; then the newest commitment of
every business row, a chunk at a time, against the row as stored; then rows no commitment
covers. An anchor is a chain head kept elsewhere (printed on a signed letter or a final recap,
in a backup's name): if it is no longer in the chain, rows up to it were cut or rewritten.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, cast

import peewee

from kinerja_app.formatting import format_tanggal_waktu
from kinerja_app.storage import komitmen
from kinerja_app.storage.audit import GENESIS, HASHED_FIELDS, label_aksi, row_hash
from kinerja_app.storage.db import database, read_transaction
from kinerja_app.storage.models import Arsip, AuditData, AuditLog

MAX_PROBLEMS = 20
MIN_ANCHOR = 16  # hex digits: a backup's name carries the first 16 of its head
_HEX = re.compile(r"[0-9a-f]{16,64}")


@dataclass(frozen=True)
class ChainReport:
    """Result of a verification: ``broken_id`` is the first bad audit row, or ``None``;
    ``problems`` lists what no single row shows (changed data, cut rows, lost anchors)."""

    rows: int
    head: str
    broken_id: int | None = None
    reason: str = ""
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether the chain, the data and every anchor verified."""
        return self.broken_id is None and not self.problems


def normalise_anchor(text: str) -> str:
    """A chain head as typed or printed ("Rantai audit: 3f1a…", "sha256:…"): its hex digits.

    Raises:
        ValueError: fewer than 16 hex digits.
    """
    match = _HEX.search(text.strip().lower())
    if match is None:
        raise ValueError(
            f"'{text}' bukan kepala rantai audit: tuliskan paling sedikit {MIN_ANCHOR} digit "
            "heksadesimal (0-9, a-f) seperti tercetak pada surat atau nama berkas cadangan."
        )
    return match.group(0)


def verify(*, kepala: Sequence[str] = ()) -> ChainReport:
    """Recompute the chain, the data commitments and check ``kepala`` (heads kept elsewhere).

    Args:
        kepala: chain heads (or their first 16+ hex digits) from a printed document or a backup.
    Returns:
        A report naming the first broken row and every problem found.
    """
    anchors = [normalise_anchor(k) for k in kepala]
    with read_transaction():
        heads = cast(Iterable[tuple[Any]], Arsip.select(Arsip.audit_head).distinct().tuples())
        archived = {str(row[0]) for row in heads if row[0]}
        walk = _Walk(anchors, archived)
        walk.run()
        problems = list(walk.problems)
        if walk.broken_id is None:
            problems += _data_problems()
            problems += _uncommitted()
        problems += _trigger_problems()
    return ChainReport(walk.count, walk.prev, walk.broken_id, walk.reason, tuple(problems))


class _Walk:
    """One pass over the chain, merged with the commitments of each row."""

    def __init__(self, anchors: list[str], archived: set[str]) -> None:
        self.anchors = {a: False for a in anchors}
        self.archived = {a: False for a in archived}
        self.prev = GENESIS
        self.count = 0
        self.broken_id: int | None = None
        self.reason = ""
        self.problems: list[str] = []

    def run(self) -> None:
        rows = AuditLog.select().order_by(AuditLog.id).iterator()
        data = _Peek(
            AuditData.select()
            .order_by(AuditData.audit_id, AuditData.tabel, AuditData.kolom, AuditData.nilai)
            .iterator()
        )
        for row in rows:
            self.count += 1
            entries = []
            while data.head is not None and data.head.audit_id <= row.id:
                item = data.take()
                if item.audit_id < row.id:  # commitments of no audit row: inserted or orphaned
                    self._break(row.id, "komitmen data tanpa baris audit: jejak audit diubah")
                    return
                entries.append(komitmen.Komitmen(item.tabel, item.kolom, item.nilai, item.hash))
            reason = self._row_problem(row, entries)
            if reason:
                self._break(row.id, reason)
                return
            self.prev = row.hash
            self._mark(row.hash)
        if data.head is not None:
            self._break(data.head.audit_id, "komitmen data tanpa baris audit: jejak audit diubah")
            return
        self._report_anchors()

    def _row_problem(self, row: AuditLog, entries: list[komitmen.Komitmen]) -> str:
        fields: dict[str, Any] = {name: getattr(row, name) for name in HASHED_FIELDS}
        fields["data_hash"] = row.data_hash
        if row.prev_hash != self.prev:
            return "rantai terputus: ada baris yang dihapus atau disisipkan"
        if row.hash != row_hash(fields, self.prev):
            return "isi baris telah diubah sesudah dicatat"
        expected = komitmen.digest_of(entries) if entries else None
        if (row.data_hash or None) != expected:
            return "komitmen data baris ini telah diubah atau dihapus"
        return ""

    def _mark(self, head: str) -> None:
        for anchor in self.anchors:
            if head.startswith(anchor):
                self.anchors[anchor] = True
        if head in self.archived:
            self.archived[head] = True

    def _break(self, row_id: int, reason: str) -> None:
        self.broken_id, self.reason = row_id, reason
        self._report_anchors()

    def _report_anchors(self) -> None:
        for anchor, seen in self.anchors.items():
            if not seen:
                self.problems.append(
                    f"kepala rantai {anchor[:16]}… yang diberikan tidak ada dalam jejak audit "
                    "yang utuh: baris sampai titik itu telah dipotong atau ditulis ulang"
                )
        for head, seen in self.archived.items():
            if not seen:
                self.problems.append(
                    f"kepala rantai {head[:16]}… yang tercetak pada arsip final tidak ada lagi: "
                    "baris terakhir jejak audit telah dihapus"
                )


class _Peek:
    """An iterator with one item of look-ahead."""

    def __init__(self, source: Iterator[AuditData]) -> None:
        self.source = source
        self.head: AuditData | None = next(source, None)

    def take(self) -> AuditData:
        item = self.head
        assert item is not None
        self.head = next(self.source, None)
        return item


def _latest() -> Iterator[AuditData]:
    """The newest commitment of every committed key, in key order (streamed)."""
    newer = AuditData.alias()
    newest = newer.select(peewee.fn.MAX(newer.audit_id)).where(
        (newer.tabel == AuditData.tabel)
        & (newer.kolom == AuditData.kolom)
        & (newer.nilai == AuditData.nilai)
    )
    query = (
        AuditData.select()
        .where(AuditData.audit_id == newest)
        .order_by(AuditData.tabel, AuditData.kolom, AuditData.nilai)
    )
    return query.iterator()


def _data_problems() -> list[str]:
    """Business rows whose content no longer matches their newest commitment."""
    bad: list[AuditData] = []
    groups = itertools.groupby(_latest(), key=lambda d: (d.tabel, d.kolom))
    for (tabel, _), items in groups:
        model = komitmen.BY_TABLE.get(tabel)
        if model is None:  # a table this version does not know: nothing to compare with
            continue
        for chunk in _batched(items, komitmen.CHUNK):
            now = komitmen.hashes(model, [d.nilai for d in chunk])
            bad += [d for d in chunk if now.get(d.nilai, "") != d.hash]
            if len(bad) >= MAX_PROBLEMS:
                break
    bad.sort(key=lambda d: d.audit_id)
    return [_describe(d) for d in bad[:MAX_PROBLEMS]]


def _batched(items: Iterator[AuditData], size: int) -> Iterator[list[AuditData]]:
    while chunk := list(itertools.islice(items, size)):
        yield chunk


def _describe(item: AuditData) -> str:
    entry = komitmen.Komitmen(item.tabel, item.kolom, item.nilai, item.hash)
    row = AuditLog.get_or_none(AuditLog.id == item.audit_id)
    when = f"{label_aksi(row.aksi)}, {format_tanggal_waktu(row.waktu)}" if row else "?"
    what = "sudah tidak ada" if item.hash and not _exists(entry) else "tidak cocok lagi"
    return (
        f"data {entry.label} {what} dengan yang dicatat jejak audit id {item.audit_id} "
        f"({when}): data diubah di luar aplikasi sesudah dicatat"
    )


def _exists(entry: komitmen.Komitmen) -> bool:
    model = komitmen.BY_TABLE[entry.tabel]
    if entry.kolom == komitmen.WHOLE:
        return bool(model.select().exists())
    return bool(model.select().where(model._meta.fields[entry.kolom] == entry.nilai).exists())


def _uncommitted() -> list[str]:
    return [
        f"baris {tabel} {komitmen.SETS.get(komitmen.BY_TABLE[tabel], 'id')} {nilai} tidak "
        "tercatat dalam jejak audit: ditambahkan di luar aplikasi"
        for tabel, nilai in itertools.islice(komitmen.tanpa_komitmen(), MAX_PROBLEMS)
    ]


def _trigger_problems() -> list[str]:
    """The append-only guards (triggers) removed from the audit tables."""
    from kinerja_app.storage.migrations import GUARD_TRIGGERS, audit_triggers

    present = audit_triggers(database.obj)
    return [
        f"pengaman '{name}' pada tabel jejak audit telah dihapus"
        for name in GUARD_TRIGGERS
        if name not in present
    ]
