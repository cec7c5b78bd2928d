"""The window's part of the timeline: the banner across the window while the past is shown,
the shortcuts (Alt+Left / Alt+Right: previous / next snapshot, Alt+Home: the first, Alt+L:
back to live) in their menu (the window puts it in the Training menu), and "Export over the
timeline…" in a dock's menu (and when a panel asks for it through the state)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

from lenet_gui.gui.timeline.banner import TimelineBanner
from lenet_gui.gui.timeline.dialog import ExportDialog
from lenet_gui.gui.timeline.frames import panel_names

translate = QCoreApplication.translate


class TimelineControls(QObject):
    """The timeline's actions, menu and banner bar. It is handed the window (the actions'
    shortcuts act in it; the window places the menu and the banner bar) and the state it
    moves along the timeline."""

    def __init__(self, window: QMainWindow, state) -> None:
        super().__init__(window)
        self._window = window
        self._state = state  # the AppState
        self.actions: dict[str, QAction] = {}
        for name, key, slot in (("previous", "Alt+Left", self._on_view_previous),
                                ("next", "Alt+Right", self._on_view_next),
                                ("first", "Alt+Home", self._on_view_first),
                                ("live", "Alt+L", self._on_view_live)):
            a = QAction(window)
            a.setObjectName(f"timeline_{name}")
            a.setShortcut(QKeySequence(key))
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            a.triggered.connect(slot)
            window.addAction(a)
            self.actions[name] = a
        self.menu = QMenu(window)
        self.menu.setObjectName("timeline_menu")
        for a in self.actions.values():
            self.menu.addAction(a)
        self.banner_bar = QToolBar(window)
        self.banner_bar.setObjectName("toolbar_timeline_banner")
        self.banner_bar.setMovable(False)
        self.banner_bar.setFloatable(False)
        self.banner_bar.toggleViewAction().setVisible(False)
        self.banner = TimelineBanner(state, self.banner_bar)
        self.banner_bar.addWidget(self.banner)
        self.banner_bar.setVisible(False)
        state.changed.connect(self._on_timeline_topic)
        state.timeline_export_requested.connect(self._on_timeline_export_requested)

    def retranslate(self) -> None:
        texts = {"previous": (translate("Timeline", "Previous snapshot"),
                              translate("Timeline", "Show the network one recorded snapshot "
                                        "earlier (Alt+Left)")),
                 "next": (translate("Timeline", "Next snapshot"),
                          translate("Timeline", "Show the network one recorded snapshot later "
                                    "(Alt+Right)")),
                 "first": (translate("Timeline", "First snapshot"),
                           translate("Timeline", "Show the run's initial weights (Alt+Home)")),
                 "live": (translate("Timeline", "Back to live"),
                          translate("Timeline", "Show the live network again (Alt+L)"))}
        why = translate("Timeline", "Every run records its weights as it trains (every batch at "
                        "first, then more and more sparsely): moving through the timeline shows "
                        "every panel as the network was at that batch, while training goes on.")
        for name, (text, tip) in texts.items():
            a = self.actions[name]
            a.setText(text)
            a.setToolTip(tip)
            a.setStatusTip(tip)
            a.setWhatsThis(f"{tip}. {why}")
        self.menu.setTitle(translate("Timeline", "Time&line"))
        self.menu.menuAction().setWhatsThis(why)
        self.banner_bar.setWindowTitle(translate("Timeline", "Timeline"))

    @Slot(str)
    def _on_timeline_topic(self, topic: str) -> None:
        if topic in ("timeline", "runs"):
            viewing = self._state.viewing is not None
            self.banner_bar.setVisible(viewing)
            self.actions["live"].setEnabled(viewing)

    @Slot()
    def _on_view_previous(self) -> None:
        self._state.view_step(-1)

    @Slot()
    def _on_view_next(self) -> None:
        self._state.view_step(+1)

    @Slot()
    def _on_view_first(self) -> None:
        self._state.view_index(0)

    @Slot()
    def _on_view_live(self) -> None:
        self._state.back_to_live()

    def add_export_action(self, menu: QMenu, name: str) -> None:
        """In dock `name`'s menu: export the panel over the timeline."""
        if name not in panel_names():
            return
        a = menu.addAction(translate("Timeline", "Export over the timeline (GIF, APNG, PNG "
                                     "frames)…"))
        a.setObjectName(f"timeline_export_{name}")
        a.setData(name)
        a.setEnabled(self._state.timeline_batches.size > 0)
        a.triggered.connect(self._on_timeline_export)

    @Slot()
    def _on_timeline_export(self) -> None:
        return ExportDialog.open_for(self._state, self.sender().data(), self._window)

    @Slot(str)
    def _on_timeline_export_requested(self, panel: str) -> None:
        """A panel asked to export `panel` over the timeline (the loss panel's Export…)."""
        ExportDialog.open_for(self._state, panel, self._window)
