"""Two processes acting at once on one database, round after round.

A *scenario* builds a state once (a template database), then each round starts from a fresh copy
of it: two long-lived worker processes open the round's database, meet at a barrier and call
their service at the same moment. The parent then opens the round's database and checks what the
scenario promises (one winner, one clear refusal, nothing lost or duplicated).

The database target is a parameter: a folder for SQLite files today (``KINERJA_RACE_TARGET``
unset, or a path); a ``postgresql://`` URL once the server engine exists (issue 15), where a round
would be a database created from the template (``CREATE DATABASE ... TEMPLATE``).
"""

from __future__ import annotations

import multiprocessing as mp
import shutil
import tempfile
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

ROUND_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class Outcome:
    """What one worker's call ended in: ``ok``, ``ditolak`` (a UserError) or ``error`` (a bug)."""

    kind: str
    text: str = ""
    error_type: str = ""


@dataclass
class Round:
    """One round: the database it ran on and the two outcomes (in worker order)."""

    number: int
    target: str
    outcomes: tuple[Outcome, Outcome]

    @property
    def winners(self) -> int:
        return sum(1 for o in self.outcomes if o.kind == "ok")

    @property
    def refusals(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.kind == "ditolak"]

    @property
    def bugs(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.kind == "error"]


class Target(Protocol):
    """Where the rounds' databases live (an engine's way of copying a prepared state)."""

    def template(self, name: str) -> str:
        """The address to build scenario ``name``'s template in."""
        ...

    def fresh(self, name: str, number: int) -> str:
        """A fresh copy of the closed template of ``name`` for round ``number``."""
        ...

    def files(self, name: str) -> Path:
        """A folder for the files scenario ``name``'s actions read (workbooks, scans)."""
        ...


@dataclass
class SqliteTarget:
    """SQLite files in a folder; a round is a copy of the template file and its archive folder."""

    folder: Path

    def template(self, name: str) -> str:
        path = self.folder / name / "template.db"
        path.parent.mkdir(parents=True, exist_ok=True)
        return str(path)

    def fresh(self, name: str, number: int) -> str:
        source = Path(self.template(name))
        target = self.folder / name / f"ronde-{number:03d}" / "kinerja.db"
        target.parent.mkdir(parents=True)
        shutil.copyfile(source, target)
        arsip = source.with_name(source.stem + "-arsip")
        if arsip.is_dir():
            shutil.copytree(arsip, target.with_name(target.stem + "-arsip"))
        return str(target)

    def files(self, name: str) -> Path:
        return self.folder / name / "berkas"


@dataclass
class ServerTarget:
    """Databases on the test PostgreSQL server: a template per scenario, each round a database
    created from it (``CREATE DATABASE ... TEMPLATE``); the workers connect as the workstations'
    role, as in an office."""

    server: Any  # tests.pgserver.PgServer
    folder: Path  # for the files the actions read
    templates: dict[str, str] = field(default_factory=dict)
    made: list[str] = field(default_factory=list)

    def template(self, name: str) -> str:
        if name not in self.templates:
            self.templates[name] = self.server.create_kinerja()
            self.made.append(self.templates[name])
        return str(self.server.url(self.templates[name]))

    def fresh(self, name: str, number: int) -> str:
        from psycopg import sql

        copy = f"{self.templates[name]}_r{number}"
        with self.server.admin() as conn:
            conn.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    sql.Identifier(copy), sql.Identifier(self.templates[name])
                )
            )
        self.made.append(copy)
        return str(self.server.url(copy))

    def files(self, name: str) -> Path:
        return self.folder / name

    def close(self) -> None:
        for name in self.made:
            self.server.drop(name)


def make_target(spec: str | None, tmp: Path, server: Any = None) -> Target:
    """Where the rounds run: the test server when given one (``--db-engine=postgresql``), else
    SQLite files in ``spec`` (``KINERJA_RACE_TARGET``, a folder kept for inspection) or ``tmp``."""
    if server is not None:
        return ServerTarget(server, tmp)
    if spec:  # a folder kept for inspection: each run in a fresh subfolder of it
        Path(spec).mkdir(parents=True, exist_ok=True)
        return SqliteTarget(Path(tempfile.mkdtemp(prefix="balapan-", dir=spec)))
    return SqliteTarget(tmp)


@dataclass
class Scenario:
    """Two actions that can meet, the state they start from and what must hold after a round.

    ``build(folder)`` runs in the parent on the open template database (``folder`` is for the
    files the actions use) and returns plain data (ids, paths) the actions need; ``actions``
    name functions of :mod:`tests.trust.race_actions`.
    """

    name: str
    build: Callable[[Path], dict[str, Any]]
    actions: tuple[str, str]
    rounds: int
    check: Callable[[Round, dict[str, Any]], None] = field(default=lambda r, s: None)


def _serve(conn: Any, barrier: Any) -> None:
    """Worker loop: for each command open the round's database, wait at the barrier, act, report."""
    from kinerja_app import clock

    while True:
        command = conn.recv()
        if command is None:
            return
        target, action, state, moment = command
        with clock.pasang(clock.JamUji(moment)):  # the parent's moment: after the template's acts
            conn.send(_act(barrier, target, action, state))


def _act(barrier: Any, target: str, action: str, state: dict[str, Any]) -> Outcome:
    from kinerja_app.errors import UserError
    from kinerja_app.storage.db import close_database, open_database
    from tests.trust import race_actions

    try:
        open_database(target)
        prepared = getattr(race_actions, action)(state)
    except BaseException:
        barrier.abort()
        close_database()
        return Outcome("error", traceback.format_exc(), "setup")
    try:
        barrier.wait(timeout=ROUND_TIMEOUT_S)
        prepared()
        return Outcome("ok")
    except UserError as exc:
        return Outcome("ditolak", str(exc), type(exc).__name__)
    except BaseException as exc:
        return Outcome("error", traceback.format_exc(), type(exc).__name__)
    finally:
        close_database()


class Pair:
    """Two worker processes (spawned once, reused for every round of every scenario)."""

    def __init__(self) -> None:
        ctx = mp.get_context("spawn")
        self.conns: list[Any] = []
        self.procs: list[Any] = []
        self.barrier = ctx.Barrier(2)
        for _ in range(2):
            parent, child = ctx.Pipe()
            proc = ctx.Process(target=_serve, args=(child, self.barrier), daemon=True)
            proc.start()
            self.conns.append(parent)
            self.procs.append(proc)

    def play(
        self, target: str, actions: tuple[str, str], state: dict[str, Any]
    ) -> tuple[Outcome, Outcome]:
        """Run one round: both workers act on ``target`` at the same moment."""
        from kinerja_app import clock

        self.barrier.reset()
        for conn, action in zip(self.conns, actions, strict=True):
            conn.send((target, action, state, clock.now()))
        results = []
        for conn in self.conns:
            if not conn.poll(ROUND_TIMEOUT_S):
                raise TimeoutError("a race worker did not answer")
            results.append(conn.recv())
        return results[0], results[1]

    def close(self) -> None:
        for conn in self.conns:
            conn.send(None)
        for proc in self.procs:
            proc.join(10)
            if proc.is_alive():
                proc.kill()


def run_scenario(
    pair: Pair, target: Target, scenario: Scenario
) -> Iterator[tuple[Round, dict[str, Any]]]:
    """Build the template, then yield each played round with the scenario's state."""
    from kinerja_app.storage.db import close_database, open_database

    open_database(target.template(scenario.name))
    try:
        state = scenario.build(target.files(scenario.name))
    finally:
        close_database()
    for number in range(1, scenario.rounds + 1):
        address = target.fresh(scenario.name, number)
        outcomes = pair.play(address, scenario.actions, state)
        yield Round(number, address, outcomes), state
