"""What every tab and dialog receives: the logged-in user, the dialog service, the ops door."""

from __future__ import annotations

from dataclasses import dataclass

from kinerja_app.storage.models import User
from kinerja_app.storage.models.master import Role
from ui.dialogs import DialogService
from ui.ops import ChangeBus, Ops


@dataclass
class UiContext:
    """Passed into widgets instead of a global application object."""

    user: User
    dialogs: DialogService
    bus: ChangeBus
    ops: Ops
    periode_id: int | None = None

    def can(self, role: Role) -> bool:
        """Whether the logged-in user holds ``role`` (buttons are enabled only then)."""
        return self.user.has_role(role)
