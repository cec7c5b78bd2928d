"""The docks: the dock host builds one per panel of the registry (panels/registry.py) in its
default place, the panel lazily (when its dock is first shown), and keeps the versioned dock
layout with its safe fallback. A right-click on a dock's title asks for its context menu
(menu_requested): the window's actions fill it."""

from __future__ import annotations

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QObject,
    QPoint,
    QSettings,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QWidget

from lenet_gui.gui import i18n

from .. import help as app_help
from ..panels import registry
from ..panels._base import Panel, RefreshScheduler
from ..state import AppState
from ..status import StatusLine
from ..theme import apply_plot_palette

translate = QCoreApplication.translate

DEFAULT_SIZE = (1400, 900)
L, R, B = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea,
           Qt.DockWidgetArea.BottomDockWidgetArea)
H, V = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
AREA = {"left": L, "right": R, "bottom": B}  # a panel's default_area
SPLIT = {"beside": H, "below": V}  # a panel's default_place, other than a tab

# Default sizes in pixels at 1400×900: widths of the columns, heights of the rows.
DEFAULT_WIDTHS = {"settings": 250, "feature_maps": 700, "kernels": 440,
                  "loss": 560, "canvas": 840}
DEFAULT_HEIGHTS = {"kernels": 330, "deltas": 220, "feature_maps": 500, "loss": 340}


class DockHost(QObject):
    """The window's docks and their layout. It is handed the window (whose dock areas it
    arranges and whose layout it saves), the state (the panels read it; a panel's request for
    a dock lands here), the settings (the saved layout; None: not persisted) and the status
    line. It offers the docks by name, their panels and help, the default, saved and reset
    layouts, and the scheduler of its panels' refreshes (the session paces its frames by it)."""

    menu_requested = Signal(str, QPoint)  # a dock's name, where (global) its menu is asked for

    def __init__(self, window: QMainWindow, state: AppState, settings: QSettings | None,
                 status: StatusLine) -> None:
        super().__init__(window)
        self._window = window
        self._state = state
        self.scheduler = RefreshScheduler(state, self)  # handed to every panel it builds
        self._settings = settings
        self._status = status
        self._default_sizes_pending = False  # the default sizes wait for the window to be shown
        self.docks: dict[str, QDockWidget] = {}
        for cls in registry.PANELS:
            dock = QDockWidget("", window)
            dock.setObjectName(cls.name)
            dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                             | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                             | QDockWidget.DockWidgetFeature.DockWidgetClosable)
            dock.setWidget(QWidget())  # the panel comes when the dock is first shown
            dock.visibilityChanged.connect(self._on_dock_visibility)
            # Right-click on the title: export this panel, or what am I looking at?
            dock.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            dock.customContextMenuRequested.connect(self._on_dock_context_menu)
            self.docks[cls.name] = dock
        window.setDockNestingEnabled(True)
        state.dock_requested.connect(self._on_dock_requested)

    def dock(self, name: str) -> QDockWidget:
        return self.docks[name]

    def panel(self, name: str) -> Panel:
        """The panel of dock `name`, built now if its dock was never shown."""
        dock = self.docks[name]
        widget = dock.widget()
        if not isinstance(widget, Panel):
            widget = self._build_panel(registry.panel_class(name))
            dock.setWidget(widget)
        return widget

    def _build_panel(self, cls: type[Panel]) -> Panel:
        panel = cls(self._state)
        panel.scheduler = self.scheduler  # its refreshes take their turns in the window's frames
        return panel

    def panels(self) -> list[Panel]:
        """The panels built so far."""
        return [d.widget() for d in self.docks.values() if isinstance(d.widget(), Panel)]

    def dock_title(self, name: str) -> str:
        return translate("MainWindow", registry.panel_class(name).title)

    def panel_help_html(self, name: str) -> str:
        """The help of dock `name`'s panel (its What's This), titled in the current language."""
        return app_help.panel_help_html(registry.panel_class(name).help, self.dock_title(name))

    def show_panel_help(self, name: str):
        """What am I looking at? The help of dock `name`'s panel, in a message box."""
        return app_help.show_panel_help(self._window, name, registry.panel_class(name).help,
                                        self.dock_title(name))

    @Slot(bool)
    def _on_dock_visibility(self, visible: bool) -> None:
        # Build a panel when its dock is first shown: a start-up builds only what is seen.
        dock = self.sender()
        if visible and isinstance(dock, QDockWidget) and dock.objectName() in self.docks:
            self.panel(dock.objectName())

    @Slot(QPoint)
    def _on_dock_context_menu(self, pos: QPoint) -> None:
        dock = self.sender()
        self.menu_requested.emit(dock.objectName(), dock.mapToGlobal(pos))

    def retranslate(self) -> None:
        """The docks' titles and tips in the current language."""
        for cls in registry.PANELS:
            dock = self.docks[cls.name]
            title = translate("MainWindow", cls.title)
            dock.setWindowTitle(title)
            dock.setToolTip(translate("MainWindow", "{0}: right-click the title to export it or to ask what it "
                                    "shows").format(title))
            dock.toggleViewAction().setToolTip(
                translate("MainWindow", "Show or hide the {0} panel").format(title))

    def retranslate_panels(self) -> None:
        """Panels that set their texts once, when built (Panel.rebuild_to_retranslate), are
        built again: the new instance shows the current state in the new language. The others
        retranslate themselves on LanguageChange."""
        for cls in registry.PANELS:
            dock = self.docks[cls.name]
            old = dock.widget()
            if not isinstance(old, Panel) or not cls.rebuild_to_retranslate \
                    or old.language == i18n.current_language():
                continue
            old.shutdown()
            self.scheduler.forget(old)
            dock.setWidget(self._build_panel(cls))
            old.hide()
            old.deleteLater()
        apply_plot_palette(self._window)

    def shutdown_panels(self) -> None:
        for panel in self.panels():
            panel.shutdown()

    @Slot(str)
    def _on_dock_requested(self, name: str) -> None:
        """A panel asked for a dock (e.g. the canvas's "Send to Explain"): show and raise it."""
        dock = self.docks.get(name)
        if dock is not None:
            dock.show()
            dock.raise_()

    # ----------------------------------------------------------------- the layout

    def apply_default_layout(self) -> None:
        """Every dock docked, visible, in its default place and size."""
        w = self._window
        for dock in self.docks.values():
            dock.hide()  # first: removing shown tabs left a stale tab bar painted (Qt 6.11)
        for dock in self.docks.values():
            dock.setFloating(False)
            w.removeDockWidget(dock)
        tab_fronts = []
        for cls in registry.PANELS:
            dock = self.docks[cls.name]
            w.addDockWidget(AREA[cls.default_area], dock)
            how, other = cls.default_place or ("", "")
            if how in SPLIT and other in self.docks:
                w.splitDockWidget(self.docks[other], dock, SPLIT[how])
            elif how == "tab" and other in self.docks:
                w.tabifyDockWidget(self.docks[other], dock)
                tab_fronts.append(other)
            dock.show()
        for name in tab_fronts:
            self.docks[name].raise_()
        self._apply_default_sizes()
        # A window not shown yet has no geometry to share out: the sizes are applied again
        # when it is first shown (else the rows keep the split of Qt's first guess).
        self._default_sizes_pending = not w.isVisible()

    def window_shown(self) -> None:
        """The window's showEvent: default sizes waiting for a geometry get it now."""
        if self._default_sizes_pending:
            self._default_sizes_pending = False
            QTimer.singleShot(0, self._apply_default_sizes)  # once the layout has its size

    @Slot()
    def _apply_default_sizes(self) -> None:
        for sizes, orientation in ((DEFAULT_WIDTHS, H), (DEFAULT_HEIGHTS, V)):
            names = [n for n in sizes if n in self.docks]
            self._window.resizeDocks([self.docks[n] for n in names], [sizes[n] for n in names],
                                     orientation)

    def reset_layout(self) -> None:
        self.apply_default_layout()
        self._status.note(translate("MainWindow", "Layout reset"), 3000)

    def save_layout(self) -> None:
        if self._settings is None:
            return
        version = registry.layout_version()
        self._settings.setValue("layout/version", version)
        self._settings.setValue("layout/state", self._window.saveState(version))
        self._settings.setValue("layout/geometry", self._window.saveGeometry())
        self._settings.sync()

    def restore_layout(self) -> bool:
        """Restore the saved layout if it is valid and of this version; else keep the default.
        Returns whether the saved state was applied."""
        settings, w = self._settings, self._window
        if settings is None:
            return False
        geometry = settings.value("layout/geometry")
        if isinstance(geometry, (QByteArray, bytes)) and geometry:
            if not w.restoreGeometry(QByteArray(geometry)):
                w.resize(*DEFAULT_SIZE)
        state = settings.value("layout/state")
        ok = False
        try:
            version = int(settings.value("layout/version", -1))
        except (TypeError, ValueError):
            version = -1
        if version == registry.layout_version() and isinstance(state, (QByteArray, bytes)) \
                and state:
            ok = w.restoreState(QByteArray(state), version)
            if not ok:
                self.apply_default_layout()  # restoreState may have changed part of it
            else:
                self._default_sizes_pending = False  # the saved sizes stand
        self._pull_back_floating_docks()
        return ok

    def _pull_back_floating_docks(self) -> None:
        screens = [s.availableGeometry() for s in QApplication.screens()]
        for dock in self.docks.values():
            if dock.isFloating() and not any(s.intersects(dock.geometry()) for s in screens):
                dock.setFloating(False)
