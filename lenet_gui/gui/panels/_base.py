"""The one kind of panel. A panel describes itself on its class: its name, title, help, the
What's This texts of its controls and its place in the default layout (registry.py lists the
panels; the window, its View menu, help and What's This are made from that list). It declares
what it reads from the application state and draws it in `refresh()`; the base calls
`refresh()` only while the panel is visible and only after something it reads has changed (a
hidden panel just remembers that it is stale). Intents (a clicked tile, a new probe) go to the
state, never to another panel.

The state only announces what changed; each panel subscribes itself, and when a due panel
draws is the RefreshScheduler's to decide, which the window's dock host owns and hands to the
panels it builds (a panel without one, as tests and exports build them, draws at once)."""

from __future__ import annotations

from typing import ClassVar

from pyqtgraph import GraphicsView
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from lenet_gui.gui import i18n, whats_this
from lenet_gui.gui.help import PanelHelp, panel_help_html
from lenet_gui.gui.jobs import require_gui_thread
from lenet_gui.gui.state import TOPICS, AppState
from lenet_gui.gui.widgets import accessible
from lenet_gui.gui.widgets.language import RetranslatesItself

AREAS = ("left", "right", "bottom")  # the dock areas of the default layout
PLACES = ("beside", "below", "tab")  # beside another dock, below it, or a tab with it


class RedrawWhenVisible:
    """The one redraw-when-visible mechanism, of the panels and of the Explain panel's
    sections (a mixin of a QWidget): `changed_topics` says what changed since the last draw;
    `redraw_if_due()` draws (`_draw_changed(topics)`) only when something changed, the widget is on
    screen (`on_screen()`) and has what it needs (`ready()`), and then forgets the topics. What
    changes while it is off screen is only remembered, and drawn once it is shown."""

    changed_topics: set[str]

    def on_screen(self) -> bool:
        return self.isVisible()

    def ready(self) -> bool:
        """Whether what the drawing needs is there (else the widget stays stale)."""
        return True

    @property
    def stale(self) -> bool:
        return bool(self.changed_topics)

    def _draw_changed(self, topics: set[str]) -> None:
        raise NotImplementedError

    def redraw_if_due(self) -> bool:
        """Draw if something changed, on screen and ready; True when it drew."""
        if not self.changed_topics or not self.on_screen() or not self.ready():
            return False
        try:
            self._draw_changed(set(self.changed_topics))
        finally:
            self.changed_topics.clear()
        return True


def settle_views(root: QWidget) -> None:
    """Let every shown pyqtgraph view under `root` fit its range to the data it was just
    given, now. pyqtgraph does it at the start of the view's paint (sigPrepareForPaint): the
    new range then moves the axes, which asks for a second paint right after the first (the
    loss panel's, 12-28 ms while training, was followed by one of 3-5 ms in every frame).
    Done here, the curves and the axes change before the paint, and one paint draws both."""
    for view in root.findChildren(GraphicsView):
        if view.isVisible():
            view.scene().prepareForPaint()


class Panel(RedrawWhenVisible, RetranslatesItself, QWidget):
    name: ClassVar[str] = ""  # the dock's objectName: stable, saved in the layout
    title: ClassVar[str] = ""  # QT_TRANSLATE_NOOP("MainWindow", …): the dock's title
    # What it shows, with the course's section and formula: Ctrl+F1, the Help menu, and the
    # What's This of every spot of the panel that has no text of its own.
    help: ClassVar[PanelHelp | None] = None
    # attribute path -> QT_TRANSLATE_NOOP("WhatsThis", …), see gui/whats_this; the tables of
    # the base classes apply too
    whats_this: ClassVar[dict[str, str]] = {}
    whats_this_fields: ClassVar[dict[str, object]] = {}  # {name}s filled into those texts
    reads: ClassVar[frozenset[str]] = frozenset()  # topics of the state it draws
    default_area: ClassVar[str] = "left"  # one of AREAS
    # (one of PLACES, an earlier panel's name) in the default layout; None: a place of its own
    # in default_area
    default_place: ClassVar[tuple[str, str] | None] = None
    # Texts set once, when built: on a language change the panel asks (rebuild_requested) the
    # dock host that built it to build it again.
    rebuild_to_retranslate: ClassVar[bool] = False
    rebuild_requested = Signal()

    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(parent)
        unknown = self.reads - TOPICS
        if unknown:
            raise ValueError(f"{type(self).__name__} reads unknown topics {sorted(unknown)}")
        self.setObjectName(f"{self.name}_panel")
        self.state = state
        self.scheduler: RefreshScheduler | None = None  # the dock host's; None: draw at once
        self.language = i18n.current_language()  # the language its texts were made in
        self.refresh_count = 0  # refreshes done; stays 0 while the panel is hidden
        self.changed_topics: set[str] = set(self.reads)  # what changed since the last refresh
        state.changed.connect(self._on_state_changed)

    # ----------------------------------------------------------------- what subclasses write

    def ready(self) -> bool:
        """Whether the state holds what refresh() needs (else the panel stays stale)."""
        return True

    def _draw_changed(self, topics: set[str]) -> None:
        self.refresh()  # it reads `changed_topics`, still set while it draws

    def refresh(self) -> None:
        """Draw what the panel reads from the state; `changed_topics` says what changed."""
        raise NotImplementedError

    def retranslate(self) -> None:
        """Every text of the panel in the current language (on every LanguageChange)."""

    def shutdown(self) -> None:
        """Stop background work before the window closes."""

    def apply_whats_this(self) -> None:
        """Every What's This text of the panel in the current language: its own (its help)
        and its `whats_this` tables'. The base calls it when the panel enters its dock, is
        shown, has refreshed or changes language; call it after building widgets anywhere
        else."""
        if self.help is not None:
            title = QCoreApplication.translate("MainWindow", self.title)
            whats_this.set_text(self, panel_help_html(self.help, title))
        for owner in self.whats_this_owners():
            whats_this.apply_declared(owner)

    def whats_this_owners(self) -> list:
        """The objects whose declared `whats_this` tables make the panel's: the panel, and the
        parts of it that declare their own (the Explain panel's sections)."""
        return [self]

    # ----------------------------------------------------------------- the mechanism

    def request_refresh(self) -> None:
        """The panel is due: it draws now, or on its scheduler's turn."""
        if self.scheduler is None:
            self.refresh_now()
        else:
            self.scheduler.request(self)

    def frame_pending(self) -> bool:
        """The newest snapshot is not drawn yet: its trace is being computed, or a due panel
        waits for its turn."""
        if self.scheduler is None:
            return self.state.trace_running
        return self.scheduler.pending

    @Slot(str)
    def _on_state_changed(self, topic: str) -> None:
        if topic in self.reads:
            self.changed_topics.add(topic)
            if self.isVisible():
                self.request_refresh()

    def refresh_now(self) -> bool:
        """Refresh if due, visible and ready; True when it drew."""
        require_gui_thread(f"{type(self).__name__} refreshed")
        if not self.redraw_if_due():
            return False
        settle_views(self)
        self.refresh_count += 1
        self.apply_whats_this()  # widgets a refresh built get theirs
        accessible.due(self)  # names and descriptions, soon (not in this frame)
        return True

    def showEvent(self, ev) -> None:  # noqa: N802
        super().showEvent(ev)
        self.apply_whats_this()
        accessible.due(self)
        if self.changed_topics:
            self.request_refresh()

    def language_changed(self) -> None:
        self.retranslate()
        self.apply_whats_this()
        accessible.due(self)
        if self.rebuild_to_retranslate and self.language != i18n.current_language():
            self.rebuild_requested.emit()

    def changeEvent(self, ev) -> None:  # noqa: N802
        if ev.type() == QEvent.Type.ParentChange:
            self.apply_whats_this()  # put into its dock: built, not yet shown
        super().changeEvent(ev)  # LanguageChange: RetranslatesItself


class RefreshScheduler(QObject):
    """When the due panels of a window draw: one per event-loop turn, so that a frame (a new
    snapshot reaching every panel that reads it) is spread over turns. A frame of every panel
    at once took 60 ms and more on the GUI thread; one panel per turn lets the timer and input
    events in between. The frame is done when the state's trace is in and every due panel has
    drawn (`frame_done`): the window paces the training's frames by it."""

    frame_done = Signal()

    def __init__(self, state: AppState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        # Pause between two panels' turns. Not 0: a chain of zero timers and the paints they
        # cause kept the event queue busy for a whole frame, and no timer fired in between.
        # 1 ms, not 3: the trainer leaves the core to the window for the whole frame, pauses
        # included; at 3 ms they were up to ~15 ms of a ~55 ms frame (ui ticks and p99 lateness the
        # same, 96-97 % and 11-12 ms; the frame's measured cost, its wall time less the
        # pauses, now counts the paints that fell in a pause: ~1.7 frames a second, not 2.1, at
        # a GUI_DUTY of 8 %).
        self.interval_ms = 1
        self.turns = 0  # turns of the current frame (for the window's cost estimate)
        self._queue: list[Panel] = []
        self._background: list[QObject] = []  # panels' jobs a frame also waits for (wait_for)
        self._turn_timer = QTimer(self)
        self._turn_timer.setSingleShot(True)
        self._turn_timer.timeout.connect(self._on_turn)
        state.changed.connect(self._on_state_changed)
        state.trace_finished.connect(self._maybe_frame_done)

    def request(self, panel: Panel) -> None:
        """`panel` is due: it draws on a later turn."""
        if panel not in self._queue:
            self._queue.append(panel)
        if not self._turn_timer.isActive():
            self._turn_timer.start(self.interval_ms)

    def wait_for(self, source: QObject) -> None:
        """Frames also wait while `source` is `busy` (a panel's job off the GUI thread, whose
        result it draws: the δ panel's hardest-image search). Its `idle` signal ends the wait
        a turn later, after the paints of what it drew: its work then runs while the trainer
        leaves the cores to the window, not against it."""
        if source not in self._background:
            self._background.append(source)
            source.idle.connect(self._after_background)

    @Slot()
    def _after_background(self) -> None:
        if not self._turn_timer.isActive():
            self._turn_timer.start(self.interval_ms)

    def forget(self, panel: Panel) -> None:
        if panel in self._queue:
            self._queue.remove(panel)

    @property
    def pending(self) -> bool:
        """A trace is being computed, some due panel has not drawn yet, the last one's paints
        are still to come (its turn's pause), or a job the frame waits for runs."""
        return (self.state.trace_running or bool(self._queue) or self._turn_timer.isActive()
                or any(source.busy for source in self._background))

    def stop(self) -> None:
        self._queue.clear()
        self._turn_timer.stop()

    @Slot(str)
    def _on_state_changed(self, topic: str) -> None:
        if topic == "snapshot":
            self.turns = 0  # a new frame

    @Slot()
    def _on_turn(self) -> None:
        # One panel per turn: its redraw, then its paints, then a pause for other events.
        # After the last panel too, one more turn: its paints run in the pause, inside the
        # frame (the trainer leaves the core to the GUI until frame_done). Ending the frame at
        # once left them to run against the trainer (with the relayouts below: 66 of 129
        # paints of the training docks fell between frames in one run).
        self.turns += 1
        while self._queue:
            panel = self._queue.pop(0)
            if panel.refresh_now():
                self._turn_timer.start(self.interval_ms)
                return
        self._maybe_frame_done()

    @Slot()
    def _maybe_frame_done(self) -> None:
        if self.pending:
            return
        # What the last turns drew may still wait in the queue: a scene's change (a queued
        # call), a layout request, then a paint (a δ section that changed height paints after
        # its relayout, which the last turn's pause did not always cover). Done here, inside
        # the frame.
        for _ in range(3):  # each can ask for the next (a label's new height)
            for kind in (QEvent.Type.MetaCall, QEvent.Type.LayoutRequest,
                         QEvent.Type.UpdateRequest):
                QCoreApplication.sendPostedEvents(None, kind)
        if not self.pending:  # else what the queue held started more: a later turn ends it
            self.frame_done.emit()
