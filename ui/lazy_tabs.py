"""Tabs built when first shown (or first asked for) and read again when shown after a refresh.

A window with nine tabs that builds and reads all of them at start pays for eight the user has
not looked at; here a tab is a placeholder until it is needed, then the real widget takes its
place (same index, title and tooltip), and ``mark_stale`` defers every reload to the next time
each tab is on screen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QTabWidget, QWidget


class LazyTabs:
    """The pages of ``tabs``, by name: built on demand, refreshed when shown if stale."""

    def __init__(self, tabs: QTabWidget) -> None:
        self.tabs = tabs
        self._factories: dict[str, Callable[[], QWidget]] = {}
        self._pages: dict[str, QWidget] = {}  # placeholder until built, then the tab
        self._built: set[str] = set()
        self._refreshed: set[str] = set()  # names whose tabs reload themselves when shown
        self._stale: set[str] = set()
        tabs.currentChanged.connect(lambda _i: self.show_current())

    def add(
        self,
        name: str,
        factory: Callable[[], QWidget],
        title: str,
        *,
        tooltip: str = "",
        refresh_when_shown: bool = True,
    ) -> None:
        """Append a page that ``factory`` builds when it is first needed."""
        placeholder = QWidget()
        blocked = self.tabs.blockSignals(True)  # the first page added becomes current: not shown
        try:
            index = self.tabs.addTab(placeholder, title)
        finally:
            self.tabs.blockSignals(blocked)
        if tooltip:
            self.tabs.setTabToolTip(index, tooltip)
        self._factories[name] = factory
        self._pages[name] = placeholder
        if refresh_when_shown:
            self._refreshed.add(name)

    def __contains__(self, name: str) -> bool:
        return name in self._factories

    def built(self, name: str) -> QWidget | None:
        """The tab, if it has been built."""
        return self._pages[name] if name in self._built else None

    def page(self, name: str) -> QWidget:
        """The page as it is now: the tab, or its placeholder (for ``setCurrentWidget``)."""
        return self._pages[name]

    def get(self, name: str, *, read: bool = True) -> QWidget:
        """The tab, built now if needed; one built while hidden is read at once when ``read``
        (asked for, it is given as the user would find it), else when next shown."""
        if name in self._built:
            return self._pages[name]
        widget = self._factories[name]()
        placeholder = self._pages[name]
        index = self.tabs.indexOf(placeholder)
        current = self.tabs.currentIndex()
        title, tooltip = self.tabs.tabText(index), self.tabs.tabToolTip(index)
        blocked = self.tabs.blockSignals(True)  # the swap is not the user changing tabs
        try:
            self.tabs.insertTab(index, widget, title)
            self.tabs.setTabToolTip(index, tooltip)
            self.tabs.removeTab(index + 1)  # the placeholder, now one further
            self.tabs.setCurrentIndex(current)
        finally:
            self.tabs.blockSignals(blocked)
        placeholder.deleteLater()
        self._pages[name] = widget
        self._built.add(name)
        self._stale.add(name)
        if read and self.tabs.currentWidget() is not widget:
            self._read(name)
        return widget

    def name_of(self, widget: QWidget | None) -> str | None:
        """The name of a page (built or placeholder)."""
        return next((n for n, page in self._pages.items() if page is widget), None)

    def mark_stale(self) -> None:
        """Every tab reloads the next time it is on screen; the one on screen now, at once."""
        self._stale = set(self._built)
        self.show_current()

    def show_current(self) -> None:
        """Build the tab on screen if needed, and reload it if stale."""
        name = self.name_of(self.tabs.currentWidget())
        if name is None:
            return
        self.get(name, read=False)
        self._read(name)

    def _read(self, name: str) -> None:
        if name in self._stale:
            self._stale.discard(name)
            refresh = getattr(self._pages[name], "refresh", None)
            if name in self._refreshed and callable(refresh):
                refresh()
