"""What an audit row commits to: the content hash of the business rows its action wrote.

The chain alone proves the log was not changed; these commitments extend that to the data. An
action names the rows it wrote (``audit.write(..., data={Penyampaian: [id], ...})``); their
content is read back inside the transaction, made canonical and hashed. The newest commitment of
a row must match the row as stored: :mod:`kinerja_app.storage.verifikasi_audit` recomputes them.

A row is keyed by its table and id; a few tables are committed as a *set* under their parent (a
revision's indicator rows and findings, a user's roles) or whole (the settings). The canonical
content does not depend on the engine (values as Python reads them through the models, rows of a
set sorted by content, never by rowid) and survives a migration that adds a column with a
default: a value equal to its field's default, or NULL, is left out. A migration that changes
stored values of committed rows must write fresh commitments for them (a "segel_data" row).
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import itertools
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

import peewee

from kinerja_app.storage.models import (
    ALL_MODELS,
    AuditData,
    AuditLog,
    BerkasArsip,
    DataIndikator,
    Setting,
    Temuan,
    UserRole,
)
from kinerja_app.storage.models.base import BaseModel

WHOLE = "*"  # the key column of a table committed whole
CHUNK = 400  # keys read per query (bounded memory, few round trips)

# Tables committed as sets: model -> the column that groups a set ("*": the whole table).
SETS: dict[type[BaseModel], str] = {
    DataIndikator: "penyampaian",
    Temuan: "penyampaian",
    UserRole: "user",
    Setting: WHOLE,
}
# Every business table: each of its rows must be covered by some commitment. Archived file
# bytes on a server (berkas_arsip) certify themselves: their key is their SHA-256.
COMMITTED: tuple[type[BaseModel], ...] = tuple(
    m for m in ALL_MODELS if m not in (AuditLog, AuditData, BerkasArsip)
)
BY_TABLE: dict[str, type[BaseModel]] = {m._meta.table_name: m for m in COMMITTED}

Data = Mapping[type[BaseModel], Iterable[int]]


@dataclass(frozen=True, order=True)
class Komitmen:
    """One committed row or set: ``tabel``, its key column and value, the content hash."""

    tabel: str
    kolom: str
    nilai: int
    hash: str

    @property
    def label(self) -> str:
        """A readable name: "penyampaian id 12", "data_indikator penyampaian 12"."""
        if self.kolom == WHOLE:
            return f"tabel {self.tabel}"
        return f"{self.tabel} {self.kolom} {self.nilai}"


def key_column(model: type[BaseModel]) -> str:
    """``"id"`` for a row-keyed table, the grouping column for a set table."""
    return SETS.get(model, "id")


def _canonical(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return value


def row_text(model: type[BaseModel], row: Mapping[str, Any]) -> str:
    """One row's canonical JSON: every column except NULLs and values equal to their default."""
    content: dict[str, Any] = {}
    for name, fld in model._meta.fields.items():
        value = row.get(name)
        default = fld.default
        if value is None or (default is not None and not callable(default) and value == default):
            continue
        content[fld.column_name] = _canonical(value)
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _digest(texts: Sequence[str]) -> str:
    if not texts:
        return ""  # no row (deleted, or an empty set)
    return hashlib.sha256("\n".join(sorted(texts)).encode("utf-8")).hexdigest()


def hashes(model: type[BaseModel], values: Iterable[int]) -> dict[int, str]:
    """The content hash of each key value of ``model`` ("" where no row exists), read now.

    Rows come ordered by their key, so only one set's rows are held at a time.
    """
    column = key_column(model)
    keys = sorted(set(values)) if column != WHOLE else [0]
    out: dict[int, str] = dict.fromkeys(keys, "")
    for start in range(0, len(keys), CHUNK):
        query = model.select()
        if column != WHOLE:
            field = model._meta.fields[column]
            query = query.where(field.in_(keys[start : start + CHUNK])).order_by(field)
        rows = query.dicts().iterator()
        for key, group in itertools.groupby(
            rows, key=lambda row: 0 if column == WHOLE else int(row[column])
        ):
            out[key] = _digest([row_text(model, row) for row in group])
    return out


def hitung(data: Data) -> list[Komitmen]:
    """The commitments of ``data`` as stored now (call inside the action's transaction)."""
    entries = [
        Komitmen(model._meta.table_name, key_column(model), key, digest)
        for model, values in data.items()
        for key, digest in hashes(model, values).items()
    ]
    return sorted(entries)


def digest_of(entries: Iterable[Komitmen]) -> str:
    """The hash an audit row carries for its commitments (covered by the chain)."""
    text = "\n".join(f"{e.tabel}|{e.kolom}|{e.nilai}|{e.hash}" for e in sorted(entries))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def semua() -> Data:
    """Every business row now stored, as commitment keys (a seal of the whole database)."""
    data: dict[type[BaseModel], Iterable[int]] = {}
    for model in COMMITTED:
        column = key_column(model)
        if column == WHOLE:
            data[model] = [0]
            continue
        field = model._meta.fields[column]
        rows = cast(Iterable[tuple[Any]], model.select(field).distinct().tuples())
        data[model] = [int(row[0]) for row in rows]
    return data


def tanpa_komitmen(limit: int = 20) -> Iterator[tuple[str, int]]:
    """Stored rows (or sets) that no audit row has ever committed to: inserted from outside.

    Yields:
        ``(table, key)`` pairs, at most ``limit`` per table.
    """
    for model in COMMITTED:
        table, column = model._meta.table_name, key_column(model)
        if column == WHOLE:
            if model.select().exists() and not _committed(table, WHOLE).exists():
                yield table, 0
            continue
        field = model._meta.fields[column]
        query = (
            model.select(field)
            .distinct()
            .where(~peewee.fn.EXISTS(_committed(table, column).where(AuditData.nilai == field)))
            .order_by(field)
            .limit(limit)
            .tuples()
        )
        for row in cast(Iterable[tuple[Any]], query):
            yield table, int(row[0])


def _committed(table: str, column: str) -> peewee.ModelSelect[AuditData]:
    return AuditData.select(AuditData.id).where(
        (AuditData.tabel == table) & (AuditData.kolom == column)
    )
