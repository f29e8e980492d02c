"""Live refresh: what another workstation commits reaches this window's views through the same
change signal as a local action (``ChangeBus.changed``), within a second.

A burst of notices (an import of forty workbooks is forty actions) is gathered for a moment and
sent on as one change record, so the views refresh once.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from kinerja_app.storage.notices import Notice, listen
from kinerja_app.workflow.common import Area, Changes

from .ops import ChangeBus

GATHER_MS = 150
# Actions that open, close or replace periods: only these make the overview reload its list.
PERIOD_ACTIONS = frozenset(
    {"buka_periode", "buka_kunci_periode", "finalisasi_arsip", "pulihkan_cadangan", "inisialisasi"}
)


def areas_of(notice: Notice) -> frozenset[Area]:
    """What a remote action may have changed: a refusal only the audit trail; a period action
    everything; any other action everything but the list of periods (the user's choice stays)."""
    if notice.aksi is None or notice.aksi in PERIOD_ACTIONS:
        return frozenset(Area)
    if notice.hasil == "ditolak":
        return frozenset({Area.AUDIT})
    return frozenset(Area) - {Area.PERIODE}


class LiveRefresh(QObject):
    """Forwards other workstations' committed actions to the views.

    Signals:
        received(object): a :class:`~kinerja_app.storage.notices.Notice`, emitted from the
            listener's thread and delivered in the GUI thread (queued).
    """

    received = Signal(object)

    def __init__(self, bus: ChangeBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self._pending: list[Notice] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(GATHER_MS)
        self._timer.timeout.connect(self._flush)
        self.received.connect(self._gather)
        self.listener = listen(self.received.emit)

    @property
    def active(self) -> bool:
        """Whether this database has other workstations to hear (a server)."""
        return self.listener is not None

    def stop(self) -> None:
        """Stop listening (at logout or when the window closes)."""
        if self.listener is not None:
            self.listener.stop()
            self.listener = None

    def _gather(self, notice: Notice) -> None:
        if notice.own:
            return
        self._pending.append(notice)
        if not self._timer.isActive():
            self._timer.start()

    def _flush(self) -> None:
        notices, self._pending = self._pending, []
        if not notices:
            return
        # no periode_id: the views keep the period this user is looking at
        self.bus.changed.emit(
            Changes(
                frozenset().union(*(areas_of(n) for n in notices)),
                pesan="Data diperbarui dari komputer lain.",
                opd_ids=frozenset(n.opd_id for n in notices if n.opd_id is not None),
            )
        )
