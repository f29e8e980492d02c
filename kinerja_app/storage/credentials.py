"""The server password of this workstation, kept out of sight: in a password file readable by the
user alone (0600 on POSIX; the per-user data folder on Windows), in the format libpq itself reads
(``host:port:dbname:user:password``), so the password never travels through the app's settings,
its command line or its log. Kinerja accounts and their Argon2 logins stay in the database.

``PGPASSFILE`` in the environment, PostgreSQL's own variable, points elsewhere (CI uses it).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from kinerja_app.errors import UserError, alasan_os
from kinerja_app.storage.files import atomic_write_bytes
from kinerja_app.storage.server import ServerAddress

FILE_NAME = "pgpass.conf"
TARGET_FILE = "sambungan.json"  # which database this workstation opens when none is given


def passfile_path() -> Path:
    """Where the server passwords of this user are kept."""
    from kinerja_app.storage.db import user_data_dir

    env = os.environ.get("PGPASSFILE")
    return Path(env) if env else user_data_dir() / FILE_NAME


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace(":", "\\:")


def _key(address: ServerAddress) -> str:
    return ":".join(
        _escape(v) for v in (address.host, str(address.port), address.dbname, address.user)
    )


def has_password(address: ServerAddress) -> bool:
    """Whether a password for exactly this server, database and user is stored."""
    path = passfile_path()
    if not path.is_file():
        return False
    prefix = _key(address) + ":"
    return any(line.startswith(prefix) for line in path.read_text(encoding="utf-8").splitlines())


def save_password(address: ServerAddress, password: str) -> Path:
    """Store (or replace) the password of ``address`` in the user's password file, mode 0600.

    Raises:
        UserError: the password is empty or holds a line break, or the file cannot be written.
    """
    if not password or "\n" in password or "\r" in password:
        raise UserError("Kata sandi server tidak boleh kosong atau memuat baris baru.")
    path = passfile_path()
    prefix = _key(address) + ":"
    lines = []
    if path.is_file():
        lines = [
            line
            for line in path.read_text(encoding="utf-8").splitlines()
            if not line.startswith(prefix)
        ]
    lines.append(prefix + _escape(password))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, ("\n".join(lines) + "\n").encode("utf-8"))  # mkstemp: 0600
        if os.name == "posix":
            os.chmod(path, 0o600)
    except OSError as exc:
        raise UserError(
            f"Kata sandi server tidak dapat disimpan di {path} ({alasan_os(exc)}). Periksa "
            "izin folder data pengguna."
        ) from exc
    return path


def saved_target() -> str | None:
    """The server address this workstation was set to open (``None``: its own SQLite file)."""
    from kinerja_app.storage.db import user_data_dir

    path = user_data_dir() / TARGET_FILE
    try:
        value = json.loads(path.read_text(encoding="utf-8")).get("server")
    except (OSError, ValueError, AttributeError):
        return None
    return str(value) if value else None


def save_target(url: str | None) -> None:
    """Remember the server address to open at start (``None``: back to the local file).

    Raises:
        UserError: the setting cannot be written.
    """
    from kinerja_app.storage.db import user_data_dir

    path = user_data_dir() / TARGET_FILE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, json.dumps({"server": url}).encode("utf-8"))
    except OSError as exc:
        raise UserError(
            f"Pilihan basis data tidak dapat disimpan di {path} ({alasan_os(exc)})."
        ) from exc
