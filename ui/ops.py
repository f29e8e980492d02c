"""The one door through which widgets run core actions (after Anki's CollectionOp).

``run_action`` calls a core service, shows a user error politely, logs a bug with its
traceback and shows a short apology, and emits one change signal on success.
``run_in_background`` moves long work to a worker thread that never touches widgets.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from kinerja_app.errors import UserError
from kinerja_app.workflow.common import Changes

from .dialogs import DialogService

log = logging.getLogger(__name__)

APOLOGY = (
    "Maaf, terjadi kesalahan di dalam aplikasi. Data yang sudah tersimpan tetap aman. "
    "Rincian teknis telah dicatat di berkas log; sampaikan kepada administrator bila berulang."
)


class ChangeBus(QObject):
    """Carries every successful action's change record to the views.

    Signals:
        changed(object): a :class:`kinerja_app.workflow.common.Changes`; each view refreshes
            only when ``changes.areas`` intersects what it shows.
    """

    changed = Signal(object)


class Ops:
    """Runs core actions for widgets: errors shown through the dialog service, changes broadcast."""

    def __init__(self, dialogs: DialogService, bus: ChangeBus) -> None:
        self.dialogs = dialogs
        self.bus = bus

    def run_action(
        self,
        parent: QWidget | None,
        title: str,
        action: Callable[..., Any],
        *args: Any,
        **kwargs: Any,
    ) -> Any | None:
        """Call ``action(*args, **kwargs)``; return its result, or ``None`` after showing a failure."""
        try:
            result = action(*args, **kwargs)
        except UserError as exc:
            self.dialogs.warning(parent, title, str(exc))
            return None
        except Exception:
            log.error("bug in %s:\n%s", title, traceback.format_exc())
            self.dialogs.error(parent, title, APOLOGY)
            return None
        if isinstance(result, Changes):
            self.bus.changed.emit(result)
            if result.pesan:
                log.info(result.pesan)
        return result

    def run_in_background(
        self,
        parent: QWidget | None,
        title: str,
        work: Callable[[Callable[[int, int], bool]], Any],
        on_done: Callable[[Any], None],
        *,
        label: str = "Memproses…",
    ) -> Worker:
        """Run ``work(progress)`` in a worker thread with a progress dialog and a cancel button.

        ``work`` calls ``progress(done, total)``, which returns False once the user cancelled;
        ``work`` must not touch widgets. ``on_done(result)`` runs in the GUI thread.
        """
        dialog = QProgressDialog(label, "Batal", 0, 0, parent)
        dialog.setWindowTitle(title)
        dialog.setMinimumDuration(300)
        worker = Worker(work)

        def show_progress(done: int, total: int) -> None:
            dialog.setMaximum(total)
            dialog.setValue(done)

        worker.signals.progress.connect(show_progress)
        dialog.canceled.connect(worker.cancel)

        def finished(result: Any) -> None:
            dialog.reset()
            on_done(result)

        def failed(exc: BaseException, trace: str) -> None:
            dialog.reset()
            if isinstance(exc, UserError):
                self.dialogs.warning(parent, title, str(exc))
            else:
                log.error("bug in background %s:\n%s", title, trace)
                self.dialogs.error(parent, title, APOLOGY)

        worker.signals.finished.connect(finished)
        worker.signals.failed.connect(failed)
        QThreadPool.globalInstance().start(worker)
        return worker


class WorkerSignals(QObject):
    """Signals of a :class:`Worker`.

    Signals:
        progress(int, int): done and total units.
        finished(object): the work's result.
        failed(object, str): the exception and its formatted traceback.
    """

    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object, str)


class Worker(QRunnable):
    """Runs one piece of work in the thread pool; cancellation is cooperative."""

    def __init__(self, work: Callable[[Callable[[int, int], bool]], Any]) -> None:
        super().__init__()
        self.work = work
        self.signals = WorkerSignals()
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True

    def _progress(self, done: int, total: int) -> bool:
        self.signals.progress.emit(done, total)
        return not self.cancelled

    def run(self) -> None:
        try:
            result = self.work(self._progress)
        except BaseException as exc:  # reported to the GUI thread, never lost
            self.signals.failed.emit(exc, traceback.format_exc())
        else:
            self.signals.finished.emit(result)
