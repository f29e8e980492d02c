"""peewee without the PostgreSQL driver until a server database is opened.

peewee imports psycopg at its own import whenever psycopg is installed (it is: the shared server
of issue 15 needs it), which costs ~0.1 s of CPU, a sixth of every start, on a workstation that
only ever opens its own database file. :func:`import_peewee`, called when ``kinerja_app`` is
first imported, loads peewee with the driver hidden; :func:`load` does, when a server database
is made, what peewee's import would have done with the driver present.
"""

from __future__ import annotations

import sys

_HIDDEN = ("psycopg", "psycopg2")


def import_peewee() -> None:
    """Import peewee with psycopg (and psycopg2) out of its sight; nothing when already done."""
    if "peewee" in sys.modules:
        return
    present = {name: sys.modules.get(name) for name in _HIDDEN}
    try:
        for name in _HIDDEN:
            sys.modules[name] = None  # type: ignore[assignment]  # importing it raises ImportError
        import peewee  # noqa: F401
    finally:
        for name, module in present.items():
            if module is None:
                del sys.modules[name]
            else:
                sys.modules[name] = module


def load() -> None:
    """Give peewee the psycopg 3 driver, as its import does when psycopg is installed."""
    import peewee

    if getattr(peewee, "psycopg", None) is not None:
        return
    import psycopg
    from psycopg.pq import TransactionStatus
    from psycopg.types.json import Json, Jsonb

    names = {
        "psycopg": psycopg,
        "TransactionStatus": TransactionStatus,
        "Json_pg3": Json,
        "Jsonb_pg3": Jsonb,
    }
    for name, value in names.items():
        setattr(peewee, name, value)
    adapter = peewee.Psycopg3Adapter
    adapter.txn_idle = TransactionStatus.IDLE
    adapter.txn_inerror = TransactionStatus.INERROR
    adapter.txn_unknown = TransactionStatus.UNKNOWN
