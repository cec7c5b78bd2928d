"""The one kind of panel. A panel names itself, declares what it reads from the application
state, and draws it in `refresh()`; the base calls `refresh()` only while the panel is visible
and only after something it reads has changed (a hidden panel just remembers that it is
stale). Intents (a clicked tile, a new probe) go to the state, never to another panel."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QEvent, QThread, Slot
from PySide6.QtWidgets import QApplication, QWidget

from lenet_gui.gui import i18n, whats_this

from ..state import TOPICS, AppState


def require_gui_thread(what: str) -> None:
    """Raise if called off the GUI thread: widgets are drawn there only."""
    app = QApplication.instance()
    if app is not None and QThread.currentThread() is not app.thread():
        raise RuntimeError(f"{what} outside the GUI thread")


class Panel(QWidget):
    name: ClassVar[str] = ""  # the dock's objectName: stable, saved in the layout
    title: ClassVar[str] = ""  # source text, translated in the "MainWindow" context
    reads: ClassVar[frozenset[str]] = frozenset()  # topics of the state it draws
    # Texts set once, when built: the window builds the panel again on a language change.
    rebuild_to_retranslate: ClassVar[bool] = False

    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(parent)
        unknown = self.reads - TOPICS
        if unknown:
            raise ValueError(f"{type(self).__name__} reads unknown topics {sorted(unknown)}")
        self.setObjectName(f"{self.name}_panel")
        self.state = state
        self.language = i18n.current_language()  # the language its texts were made in
        self.refresh_count = 0  # refreshes done; stays 0 while the panel is hidden
        self.changed_topics: set[str] = set(self.reads)  # what changed since the last refresh
        state.changed.connect(self._on_state_changed)

    # ----------------------------------------------------------------- what subclasses write

    def ready(self) -> bool:
        """Whether the state holds what refresh() needs (else the panel stays stale)."""
        return True

    def refresh(self) -> None:
        """Draw what the panel reads from the state; `changed_topics` says what changed."""
        raise NotImplementedError

    def retranslate(self) -> None:
        """Every text of the panel in the current language."""

    def shutdown(self) -> None:
        """Stop background work before the window closes."""

    def apply_whats_this(self) -> None:
        """Every What's This text of the panel in the current language (gui/whats_this). The
        base calls it when the panel enters its dock, is shown, has refreshed or changes
        language; call it after building widgets anywhere else."""
        whats_this.apply_panel(self)

    # ----------------------------------------------------------------- the mechanism

    @property
    def stale(self) -> bool:
        return bool(self.changed_topics)

    @Slot(str)
    def _on_state_changed(self, topic: str) -> None:
        if topic in self.reads:
            self.changed_topics.add(topic)
            if self.isVisible():
                self.state.request_refresh(self)

    def refresh_now(self) -> bool:
        """Refresh if due, visible and ready; True when it drew."""
        require_gui_thread(f"{type(self).__name__} refreshed")
        if not self.changed_topics or not self.isVisible() or not self.ready():
            return False
        try:
            self.refresh()
        finally:
            self.changed_topics.clear()
        self.refresh_count += 1
        self.apply_whats_this()  # widgets a refresh built get theirs
        return True

    def showEvent(self, ev) -> None:  # noqa: N802
        super().showEvent(ev)
        self.apply_whats_this()
        if self.changed_topics:
            self.state.request_refresh(self)

    def changeEvent(self, ev) -> None:  # noqa: N802
        if ev.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.apply_whats_this()
        elif ev.type() == QEvent.Type.ParentChange:
            self.apply_whats_this()  # put into its dock: built, not yet shown
        super().changeEvent(ev)
