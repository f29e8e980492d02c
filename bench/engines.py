"""The two engines a database row runs on: SQLite files in the work folder, or databases on a
PostgreSQL server (``--pg URL`` or ``KINERJA_TEST_PG``).

On the server the benchmark makes its own databases, all named ``<prefix>_…`` (the prefix is
``kinerja_bench_<pid of run.py>``, or ``$KINERJA_BENCH_PG_PREFIX``): ``<prefix>_base`` (the period at step 7, as ``base.db``) and ``<prefix>_full``
(its 40 x 200 rows stored, as ``full.db``) are built once; each timed run works on a clone
(``CREATE DATABASE … TEMPLATE``, what ``tests/pgserver.py`` does), and :func:`drop_all` removes
every one at the end. They are made as the URL's user, which must be allowed to create
databases (``.ci/postgres.sh``'s owner role is).

``python bench/engines.py build WORK SIZES_JSON`` builds the server inputs in a process of its
own, so that what the app writes beside a server database (its cache folder) lands in the work
folder's data home, never the user's.
"""

from __future__ import annotations

import itertools
import json
import os
import sys
from pathlib import Path
from typing import Any, Literal

ROOT = Path(__file__).resolve().parents[1]
URL_ENV = "KINERJA_BENCH_PG"  # the server address, handed by run.py to every row process
PREFIX_ENV = "KINERJA_BENCH_PG_PREFIX"  # this run's database name prefix

Engine = Literal["sqlite", "postgresql"]
_names = itertools.count(1)


def server_url() -> str | None:
    """The server the PG rows use (an owner address, no password), or ``None``."""
    return os.environ.get(URL_ENV) or None


def _prefix() -> str:
    return os.environ.get(PREFIX_ENV) or f"kinerja_bench_{os.getpid()}"


def url_of(dbname: str) -> str:
    """The address of ``dbname`` on the benchmark's server, as the same user."""
    from kinerja_app.storage.server import parse_url

    url = server_url()
    if url is None:
        raise RuntimeError("no PostgreSQL server given (--pg URL or KINERJA_TEST_PG)")
    return parse_url(url).with_dbname(dbname).url


def admin() -> Any:
    """An autocommit psycopg connection to the server's maintenance database."""
    import psycopg

    from kinerja_app.storage.credentials import passfile_path

    url = server_url()
    if url is None:
        raise RuntimeError("no PostgreSQL server given (--pg URL or KINERJA_TEST_PG)")
    return psycopg.connect(url, autocommit=True, passfile=str(passfile_path()))


def connect(url: str) -> Any:
    """A plain psycopg connection to one of the benchmark's databases (the floors)."""
    import psycopg

    from kinerja_app.storage.credentials import passfile_path

    return psycopg.connect(url, passfile=str(passfile_path()))


def create(dbname: str, template: str | None = None) -> str:
    """A new database (empty, or a clone of ``template``); returns its name."""
    from psycopg import sql

    query = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(dbname))
    with admin() as conn:
        if template is not None:
            query += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
            if conn.info.server_version >= 150000:  # a file copy: half the time of WAL_LOG
                query += sql.SQL(" STRATEGY FILE_COPY")
        conn.execute(query)
    return dbname


def scratch_name(tag: str) -> str:
    """A new database name of this run, unique in this process."""
    return f"{_prefix()}_{tag}_{os.getpid()}_{next(_names)}"


def fresh_db(engine: Engine, work: Path, source: str, tag: str) -> str:
    """A private copy of the input database ``source`` ("base" or "full") for one timed run:
    a SQLite file in ``work``, or a clone on the server. Returns what ``open_database`` takes."""
    if engine == "sqlite":
        import data

        target = work / f"{tag}-{os.getpid()}-{next(_names)}.db"
        data.copy_db(work / f"{source}.db", target)
        return str(target)
    return url_of(create(scratch_name(tag), template=f"{_prefix()}_{source}"))


def build_inputs(work: Path, sizes: dict[str, int]) -> None:
    """``<prefix>_base`` and ``<prefix>_full`` on the server, walked through the real services
    like ``base.db`` and ``full.db``."""
    import data

    from kinerja_app.storage.db import close_database, open_database

    base = create(f"{_prefix()}_base")
    data.build_base_db(url_of(base), sizes["opd"])
    full = create(f"{_prefix()}_full", template=base)
    open_database(url_of(full))
    try:
        data.run_store(*data.store_all(sizes["rows"]))
    finally:
        close_database()


def drop_all() -> list[str]:
    """Drop every database of this run (connections still open to one are ended)."""
    from psycopg import sql

    with admin() as conn:
        names = [
            row[0]
            for row in conn.execute(
                "SELECT datname FROM pg_database WHERE starts_with(datname, %s)", (_prefix() + "_",)
            )
        ]
        for name in names:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
    return names


def main(argv: list[str]) -> int:
    if argv[:1] != ["build"] or len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    build_inputs(Path(argv[1]), json.loads(argv[2]))
    return 0


if __name__ == "__main__":
    sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
    sys.exit(main(sys.argv[1:]))
