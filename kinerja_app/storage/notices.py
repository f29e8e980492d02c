"""Change notices between workstations: every committed action on a server tells the others.

The audit row of an action announces it with ``pg_notify`` inside the action's own transaction,
so the server delivers the notice only if, and when, the action commits. A :class:`Listener` on
each workstation waits on its own connection (``LISTEN``: no polling, no table scans) and hands
each notice to a callback, from its own thread. On a SQLite file there is one workstation and
nothing to listen to.
"""

from __future__ import annotations

import json
import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from kinerja_app.storage.db import database
from kinerja_app.storage.server import CHANNEL, ServerAddress, ServerDatabase

log = logging.getLogger(__name__)

ORIGIN = uuid.uuid4().hex  # this process: a workstation ignores the notices of its own actions
WAIT_S = 0.5  # how often the listener looks up from waiting to see whether it should stop
RETRY_S = 3.0  # after a lost connection


@dataclass(frozen=True)
class Notice:
    """One committed action somewhere, or (``aksi`` None) a reconnection after which anything
    may have changed."""

    aksi: str | None
    periode_id: int | None = None
    opd_id: int | None = None
    origin: str = ""
    hasil: str = "ok"  # "ditolak": a refused action, which changed only the audit trail

    @property
    def own(self) -> bool:
        """Whether this process made the change (its views refreshed already)."""
        return self.origin == ORIGIN


def announce(aksi: str, periode_id: int | None, opd_id: int | None, hasil: str = "ok") -> None:
    """Tell the other workstations about an action; call inside its transaction."""
    if not isinstance(database.obj, ServerDatabase):
        return
    payload = json.dumps({"a": aksi, "p": periode_id, "o": opd_id, "s": ORIGIN, "h": hasil})
    database.execute_sql("SELECT pg_notify(%s, %s)", (CHANNEL, payload))


def _parse(payload: str) -> Notice:
    try:
        data = json.loads(payload)
        return Notice(
            str(data["a"]),
            data.get("p"),
            data.get("o"),
            str(data.get("s", "")),
            data.get("h", "ok"),
        )
    except (ValueError, KeyError, TypeError):
        return Notice(None)  # unknown sender: refresh everything rather than miss a change


class Listener:
    """Waits for notices on its own connection in a daemon thread; reconnects after a network
    cut and then reports a ``Notice(None)`` (whatever happened meanwhile was not heard)."""

    def __init__(
        self, address: ServerAddress, passfile: str, callback: Callable[[Notice], None]
    ) -> None:
        self.address = address
        self.passfile = passfile
        self.callback = callback
        self.listening = threading.Event()  # set while a LISTEN is in force
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="kinerja-notices", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop listening (returns within about half a second)."""
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        import psycopg

        lost = False
        while not self._stop.is_set():
            try:
                with psycopg.connect(
                    self.address.url,
                    autocommit=True,
                    passfile=self.passfile,
                    application_name="Kinerja (pemberitahuan)",
                    connect_timeout=5,
                ) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self.listening.set()
                    if lost:
                        self.callback(Notice(None))
                    while not self._stop.is_set():
                        for item in conn.notifies(timeout=WAIT_S):
                            self.callback(_parse(item.payload))
            except psycopg.Error as exc:
                log.warning("change notices interrupted (%s); retrying", exc)
            self.listening.clear()
            lost = True
            self._stop.wait(RETRY_S)


def listen(callback: Callable[[Notice], None]) -> Listener | None:
    """Start hearing other workstations' actions on the open database (``None`` on a file)."""
    obj = database.obj
    if not isinstance(obj, ServerDatabase):
        return None
    from kinerja_app.storage.credentials import passfile_path

    return Listener(obj.address, str(passfile_path()), callback)
