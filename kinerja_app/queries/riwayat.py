"""One entry of an item's history, as the detail panes show it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Peristiwa:
    """Something that happened to an item: when, what, who acted and who recorded it."""

    waktu: dt.datetime
    judul: str
    oleh: str = ""
    dicatat_oleh: str = ""
    catatan: str = ""

    @property
    def manual(self) -> bool:
        """Whether a staff member recorded someone else's act."""
        return bool(self.dicatat_oleh) and self.dicatat_oleh != self.oleh
