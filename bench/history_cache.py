"""The history databases of the growth rows, built once and kept by the code that builds them.

A database is kept under ``$KINERJA_BENCH_CACHE`` (default ``~/.cache/kinerja-bench``) in a
folder named by :func:`cache_key`. Rows work on copies (:func:`copy_history`), which are
migrated to today's schema as they are made.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

import data
import history

HERE = Path(__file__).resolve().parent


def cache_key(size: history.HistorySize) -> str:
    """What decides a database's content: the building code and the sizes.

    Not the schema: a copy is migrated when opened (:func:`copy_history`), as an office's own
    database is, and a migrated database has the schema of a new one (tests/core/test_schema.py);
    :func:`migration_steps` tells when a cached database can no longer be migrated forward.
    """
    digest = hashlib.sha256()
    for name in ("history.py", "data.py"):
        digest.update((HERE / name).read_bytes())
    digest.update(json.dumps(asdict(size), sort_keys=True).encode())
    return digest.hexdigest()[:16]


def migration_steps() -> list[str]:
    """Each schema step in order, by version and the first line of its docstring (what it
    does). A cached database whose steps are a prefix of today's is migrated forward when a
    copy is opened; one built under steps since renumbered or redefined is built again."""
    from kinerja_app.storage.migrations import STEPS

    return [
        f"{version}: {(STEPS[version].__doc__ or '').strip().splitlines()[0]}"
        for version in sorted(STEPS)
    ]


def default_cache() -> Path:
    """``$KINERJA_BENCH_CACHE``, else ``~/.cache/kinerja-bench``."""
    env = os.environ.get("KINERJA_BENCH_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "kinerja-bench"


def history_db(
    size: history.HistorySize, cache: Path | None = None, log: Callable[[str], None] = print
) -> Path:
    """The cached database of ``size`` (built first when missing); its archive lies beside it.

    Copy it (with :func:`copy_history`) before opening: opening writes to it.
    """
    root = (cache or default_cache()) / f"history-{size.label()}-{cache_key(size)}"
    path = root / "kinerja.db"
    done = root / "done"
    if done.exists():
        built = json.loads(done.read_text()).get("steps", [])
        if built == migration_steps()[: len(built)]:
            return path  # its schema is an earlier state of today's: a copy migrates forward
        log(f"{root.name}: built under other schema steps; building again")
        shutil.rmtree(root, ignore_errors=True)
    building = root.with_name(root.name + f".building-{os.getpid()}")
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    start = time.perf_counter()
    log(f"building {size.years}-year history ({size.label()}) in {building} ...")
    history.build_history(building / "kinerja.db", size)
    (building / "done").write_text(json.dumps({**asdict(size), "steps": migration_steps()}))
    try:
        building.rename(root)
    except OSError:  # another process finished the same database first
        shutil.rmtree(building, ignore_errors=True)
    log(f"{size.years}-year history built in {time.perf_counter() - start:.0f} s")
    return path


def copy_history(source: Path, target: Path) -> Path:
    """Copy a history database and its archive folder to ``target`` (a .db path), and bring
    the copy's schema up to date."""
    from kinerja_app.storage.db import archive_dir_for, close_database, open_database

    target.parent.mkdir(parents=True, exist_ok=True)
    data.copy_db(source, target)
    arsip = archive_dir_for(source)
    if arsip.exists():
        shutil.copytree(arsip, archive_dir_for(target), dirs_exist_ok=True)
    open_database(target)
    close_database()
    return target
