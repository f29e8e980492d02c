"""One exception root for the core, split into what the user can fix and what is a bug."""

from __future__ import annotations


class KinerjaError(Exception):
    """Root of every error the core raises on purpose."""


class UserError(KinerjaError):
    """Something the user can fix; ``str(exc)`` is a complete Indonesian sentence for them."""


class ActionRefused(UserError):
    """An SOP action not allowed for this user or in this state (wrong role, wrong step)."""


class ValidationError(UserError):
    """Input that does not meet a rule (NIP, empty note, bad number...)."""


class NotFound(UserError):
    """A record the user referred to does not exist (any more)."""


class UnreadableFile(UserError):
    """A file that cannot be read as what it claims to be (corrupt, hostile, wrong type)."""


class TemplateError(UserError):
    """A Word template that cannot be filled (unknown placeholder, broken file)."""


class DatabaseProblem(UserError):
    """The database file cannot be used as it is (corrupt, locked, on a network share)."""


class DatabaseCorrupt(DatabaseProblem):
    """The database itself is damaged (physically or logically): restoring a backup is offered."""


class BugError(KinerjaError):
    """A state the code should never reach; logged with its traceback, never shown raw."""
