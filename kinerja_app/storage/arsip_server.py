"""Archived files on a shared server: their bytes in the ``berkas_arsip`` table, keyed by SHA-256,
so every workstation reads the same letters, workbooks and scans and one ``pg_dump`` holds them.

A business row names such a file by a reference ``sha256/<hex>/<name>``; each workstation keeps a
copy under the same relative path in its own cache folder, fetched from the database when absent
or damaged, so a file opened in Word is always the archived one.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import peewee

from kinerja_app.errors import UserError, alasan_os
from kinerja_app.storage.db import archive_root
from kinerja_app.storage.files import atomic_write_bytes, safe_filename, sha256_file
from kinerja_app.storage.models import BerkasArsip

_REF = re.compile(r"^sha256[\\/](?P<sha>[0-9a-f]{64})[\\/](?P<name>[^\\/]+)$")


@dataclass(frozen=True)
class Ref:
    """A parsed reference to a file kept in the database."""

    sha256: str
    name: str

    @property
    def text(self) -> str:
        """How business rows store it (``/`` on every platform)."""
        return f"sha256/{self.sha256}/{self.name}"


def parse_ref(text: str) -> Ref | None:
    """The reference in ``text``, or ``None`` when it is an ordinary file path."""
    match = _REF.match(text)
    return Ref(match["sha"], match["name"]) if match else None


def put(data: bytes) -> str:
    """Keep ``data`` in the database (once, whoever stores the same bytes again); its SHA-256."""
    digest = hashlib.sha256(data).hexdigest()
    BerkasArsip.insert(sha256=digest, ukuran=len(data), isi=data).on_conflict_ignore().execute()
    return digest


def simpan(source: Path, name: str) -> tuple[Path, str]:
    """Archive ``source`` in the database; return its reference (as a relative path) and SHA-256.

    Raises:
        UserError: the source cannot be read.
    """
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise UserError(
            f"Berkas {source.name} tidak dapat dibaca untuk diarsipkan ({alasan_os(exc)}). Tutup "
            "berkas itu bila sedang dibuka di program lain, lalu ulangi."
        ) from exc
    digest = put(data)
    ref = Ref(digest, safe_filename(name))
    _write_cache(ref, data)
    return Path(PurePosixPath(ref.text)), digest


def local_copy(ref: Ref) -> Path:
    """A readable copy of the archived file on this workstation (fetched when absent or changed).

    Raises:
        UserError: the database no longer holds the file.
    """
    path = archive_root() / "sha256" / ref.sha256 / ref.name
    if path.is_file() and sha256_file(path) == ref.sha256:
        return path
    row = BerkasArsip.get_or_none(BerkasArsip.sha256 == ref.sha256)
    if row is None:
        raise UserError(
            f"Berkas arsip {ref.name} tidak ada lagi di basis data server. Pulihkan basis data "
            "dari cadangan terakhir yang memuatnya."
        )
    return _write_cache(ref, bytes(row.isi))


def _write_cache(ref: Ref, data: bytes) -> Path:
    path = archive_root() / "sha256" / ref.sha256 / ref.name
    path.parent.mkdir(parents=True, exist_ok=True)
    return atomic_write_bytes(path, data)


@dataclass(frozen=True)
class StoredProblem:
    """An archived file in the database that is missing or no longer matches its key."""

    ref: Ref
    message: str
    missing: bool = False


def check(refs: list[tuple[Ref, str]]) -> list[StoredProblem]:
    """Recompute, on the server, the SHA-256 of every referenced file (``(ref, recorded sha)``)."""
    from kinerja_app.storage.db import database

    actual = {
        str(key): str(digest)
        for key, digest in database.execute_sql(
            "SELECT sha256, encode(sha256(isi), 'hex') FROM berkas_arsip"
        )
    }
    problems: list[StoredProblem] = []
    for ref, recorded in refs:
        if ref.sha256 not in actual:
            problems.append(
                StoredProblem(
                    ref,
                    f"Berkas arsip {ref.name} tidak ditemukan di basis data server. Pulihkan "
                    "basis data dari cadangan terakhir yang memuatnya.",
                    missing=True,
                )
            )
        elif actual[ref.sha256] != ref.sha256 or (
            recorded and recorded.strip().lower() != ref.sha256
        ):
            problems.append(
                StoredProblem(
                    ref,
                    f"Isi berkas arsip {ref.name} di basis data server telah berubah sejak "
                    "diarsipkan (sidik SHA-256 tidak cocok). Pulihkan basis data dari cadangan.",
                )
            )
    return problems


def stored_count() -> int:
    """How many files the database holds."""
    return int(BerkasArsip.select(peewee.fn.COUNT(BerkasArsip.id)).scalar() or 0)
