"""Logging shared by the command line and the desktop app: a private log file, and no secrets.

Peewee logs every statement with its parameters at DEBUG (``--verbose``); those are password
hashes, NIPs and whatever a user typed. Only the SQL text is kept.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

HIDDEN = "[parameter disembunyikan]"


class SqlWithoutParameters(logging.Filter):
    """Drop the parameters from peewee's ``(sql, params)`` debug records."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, tuple) and len(record.msg) == 2:
            sql, params = record.msg
            record.msg = f"{sql} {HIDDEN}" if params else str(sql)
            record.args = ()
        return True


def hide_sql_parameters() -> None:
    """Install the filter on peewee's logger (idempotent)."""
    logger = logging.getLogger("peewee")
    if not any(isinstance(f, SqlWithoutParameters) for f in logger.filters):
        logger.addFilter(SqlWithoutParameters())


def private_log_file(path: Path) -> logging.FileHandler:
    """A handler appending to ``path``, a file only the user can read (0600 on POSIX)."""
    from kinerja_app.storage.lokasi import private_dir

    private_dir(path.parent)
    fd = os.open(path, os.O_CREAT | os.O_APPEND | os.O_WRONLY, 0o600)
    os.close(fd)
    if os.name == "posix":
        path.chmod(0o600)  # a log written by an older version was world-readable
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    return handler
