"""What every tab and dialog receives: the logged-in user, the dialog service, the ops door."""

from __future__ import annotations

from dataclasses import dataclass

from kinerja_app.storage.models import User
from kinerja_app.storage.models.master import Role
from kinerja_app.workflow.common import Area, Changes

from .dialogs import DialogService
from .ops import ChangeBus, Ops


@dataclass
class UiContext:
    """Passed into widgets instead of a global application object."""

    user: User
    dialogs: DialogService
    bus: ChangeBus
    ops: Ops
    periode_id: int | None = None

    def __post_init__(self) -> None:
        self._roles: frozenset[Role] | None = None
        self.bus.changed.connect(self._forget_roles)

    def can(self, role: Role) -> bool:
        """Whether the logged-in user holds ``role`` (buttons are enabled only then).

        The roles are read once (a window asks some seventy times while it builds) and again
        after any change to the accounts; the services check the role themselves.
        """
        if self._roles is None:
            self._roles = frozenset(self.user.roles())
        return role in self._roles

    def _forget_roles(self, changes: Changes) -> None:
        if Area.PENGGUNA in changes.areas:
            self._roles = None
