"""The docks: the dock host builds one per panel of the registry (panels/registry.py) in its
default place, the panel lazily (when its dock is first shown), and keeps the versioned dock
layout with its safe fallback. A right-click on a dock's title asks for its context menu
(menu_requested): the window's actions fill it."""

from __future__ import annotations

import zlib

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QObject,
    QPoint,
    QRect,
    QSettings,
    QSize,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QToolBar, QWidget

from lenet_gui.gui import help as app_help
from lenet_gui.gui.panels import registry
from lenet_gui.gui.panels._base import Panel, RefreshScheduler
from lenet_gui.gui.state import AppState
from lenet_gui.gui.status import StatusLine
from lenet_gui.gui.theme import apply_plot_palette

translate = QCoreApplication.translate

# The first window where the screen has room. The default dock sizes (here and in
# perspectives.py) are pixels of this window, scaled to the real one.
DEFAULT_SIZE = (1400, 900)
# What a window manager adds around a window: borders (Windows' are 8 pixels a side) and a
# title bar of up to ~32. The first window is at most the screen's available area less this.
FRAME_ALLOWANCE = QSize(16, 40)
L, R, B = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea,
           Qt.DockWidgetArea.BottomDockWidgetArea)
H, V = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
AREA = {"left": L, "right": R, "bottom": B}  # a panel's default_area
SPLIT = {"beside": H, "below": V}  # a panel's default_place, other than a tab

# Default sizes in pixels of the 1400×900 window (810 of them high between the toolbar and the
# status bar): widths of the columns, heights of the rows. Each row and column adds up to the
# window; where sizes asked for more, Qt cut it from whichever dock it resized last.
DEFAULT_WIDTHS = {"settings": 321, "feature_maps": 628, "kernels": 439,
                  "loss": 748, "canvas": 646}
DEFAULT_HEIGHTS = {"feature_maps": 405, "kernels": 255, "deltas": 170, "loss": 347}


def first_window_size(available: QRect) -> QSize:
    """The first window's size on a screen whose available area (less the task bar) is
    `available`: DEFAULT_SIZE where it fits with its frame, else as much as fits."""
    room = available.size() - FRAME_ALLOWANCE
    return QSize(min(DEFAULT_SIZE[0], room.width()), min(DEFAULT_SIZE[1], room.height()))



def save_state(settings: QSettings, key: str, state: QByteArray) -> None:
    """Qt's saved state (saveState, saveGeometry) under `key`, its CRC-32 under `key`_crc32."""
    settings.setValue(key, state)
    settings.setValue(key + "_crc32", zlib.crc32(bytes(state)))


def saved_state(settings: QSettings, key: str) -> QByteArray | None:
    """The state saved under `key` if it is what save_state wrote, else None. Qt's
    restoreState crashed the process (a segmentation fault, Qt 6.11) on some damaged states
    (found by tests/gui/test_fuzz_settings.py), so a damaged layout.ini kept the app from
    starting: Qt only gets bytes whose CRC-32 matches."""
    value = settings.value(key)
    if not isinstance(value, (QByteArray, bytes)) or not value:
        return None
    data = bytes(value)
    return QByteArray(data) if saved_int(settings, key + "_crc32") == zlib.crc32(data) else None


def saved_int(settings: QSettings, key: str, default: int = -1) -> int:
    """An integer saved under `key`, or `default` for whatever else a settings file holds there
    (text, a list, a float: int(inf) raises OverflowError)."""
    try:
        return int(settings.value(key, default))
    except (TypeError, ValueError, OverflowError):
        return default


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
        # (widths, heights) of the layout just made, waiting for the window to be shown
        self._pending_sizes: tuple[dict[str, int], dict[str, int]] | None = None
        self.docks: dict[str, QDockWidget] = {}
        self._on_build: dict[str, list] = {}  # name -> what to do with its panel once built
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
        panel = self.built(name)
        if panel is None:
            panel = self._build_panel(registry.panel_class(name))
            self.docks[name].setWidget(panel)
            self._set_up(panel)
            apply_plot_palette(panel)  # a dark or high-contrast window's plots, built late
        return panel

    def built(self, name: str) -> Panel | None:
        """The panel of dock `name` if it was built, else None (nothing is built)."""
        widget = self.docks[name].widget()
        return widget if isinstance(widget, Panel) else None

    def on_build(self, name: str, set_up) -> None:
        """Call `set_up(panel)` with dock `name`'s panel when it is built (at once if it is),
        and with each panel built again in its place (a language change): a part of the
        window that wires a panel does it whenever, and however, the panel comes."""
        self._on_build.setdefault(name, []).append(set_up)
        panel = self.built(name)
        if panel is not None:
            set_up(panel)

    def _build_panel(self, cls: type[Panel]) -> Panel:
        panel = cls(self._state)
        panel.scheduler = self.scheduler  # its refreshes take their turns in the window's frames
        panel.rebuild_requested.connect(self._on_rebuild_requested)
        return panel

    def _set_up(self, panel: Panel) -> None:
        """What the window's parts asked for (on_build), once the panel is in its dock."""
        for set_up in self._on_build.get(type(panel).name, ()):
            set_up(panel)

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

    @Slot()
    def _on_rebuild_requested(self) -> None:
        """A panel that sets its texts once, when built (Panel.rebuild_to_retranslate), heard
        of a language change: it is built again, and the new one shows the current state in
        the new language."""
        old = self.sender()
        dock = self.docks.get(type(old).name) if isinstance(old, Panel) else None
        if dock is None or dock.widget() is not old:
            return
        old.shutdown()
        self.scheduler.forget(old)
        new = self._build_panel(type(old))
        dock.setWidget(new)
        self._set_up(new)
        old.hide()
        old.deleteLater()
        apply_plot_palette(new)

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
        self.share_out(DEFAULT_WIDTHS, DEFAULT_HEIGHTS)

    def share_out(self, widths: dict[str, int], heights: dict[str, int]) -> None:
        """Give the docks just placed their default sizes (pixels of the DEFAULT_SIZE window),
        scaled to this window. A window not shown yet has no size to share out: the sizes wait
        for its first showEvent, and a layout made meanwhile replaces them, so sizes are never
        applied to another layout's docks (a perspective chosen before the first window's
        sizes came used to get them)."""
        self._pending_sizes = (widths, heights)
        if self._window.isVisible():
            self._apply_pending_sizes()

    def forget_pending_sizes(self) -> None:
        """A saved layout was restored: its sizes stand."""
        self._pending_sizes = None

    def window_shown(self) -> None:
        """The window's showEvent: sizes waiting for a geometry get it now."""
        if self._pending_sizes is not None:
            QTimer.singleShot(0, self._apply_pending_sizes)  # once the layout has its size

    @Slot()
    def _apply_pending_sizes(self) -> None:
        w = self._window
        if self._pending_sizes is None or not w.isVisible():
            return
        widths, heights = self._pending_sizes
        self._pending_sizes = None
        area = self._dock_area()
        scale = {H: area.width() / DEFAULT_SIZE[0],
                 V: area.height() / (DEFAULT_SIZE[1] - (w.height() - area.height()))}
        for sizes, orientation in ((widths, H), (heights, V)):
            names = [n for n in sizes if n in self.docks and not self.docks[n].isHidden()]
            w.resizeDocks([self.docks[n] for n in names],
                          [round(sizes[n] * scale[orientation]) for n in names], orientation)

    def _dock_area(self) -> QRect:
        """The part of the window the docks share: below the menu bar and the top toolbars,
        above the status bar."""
        w = self._window
        top = w.menuBar().geometry().bottom() + 1 if w.menuBar().isVisible() else 0
        for bar in w.findChildren(QToolBar):
            if bar.isVisible() and not bar.isFloating() and bar.parentWidget() is w \
                    and w.toolBarArea(bar) == Qt.ToolBarArea.TopToolBarArea:
                top = max(top, bar.geometry().bottom() + 1)
        status = w.statusBar()
        bottom = status.geometry().top() if status.isVisible() else w.height()
        return QRect(0, top, w.width(), max(1, bottom - top))

    def reset_layout(self) -> None:
        self.apply_default_layout()
        self._status.note(translate("MainWindow", "Layout reset"), 3000)

    def save_layout(self) -> None:
        if self._settings is None:
            return
        version = registry.layout_version()
        self._settings.setValue("layout/version", version)
        save_state(self._settings, "layout/state", self._window.saveState(version))
        save_state(self._settings, "layout/geometry", self._window.saveGeometry())
        self._settings.sync()

    def restore_layout(self) -> bool:
        """Restore the saved layout if it is valid and of this version; else keep the default.
        Returns whether the saved state was applied."""
        settings, w = self._settings, self._window
        if settings is None:
            return False
        geometry = saved_state(settings, "layout/geometry")
        if geometry is not None:
            if not w.restoreGeometry(geometry):
                w.resize(first_window_size(w.screen().availableGeometry()))
        state = saved_state(settings, "layout/state")
        ok = False
        version = saved_int(settings, "layout/version")
        if version == registry.layout_version() and state is not None:
            ok = w.restoreState(state, version)
            if not ok:
                self.apply_default_layout()  # restoreState may have changed part of it
            else:
                self.forget_pending_sizes()  # the saved sizes stand
        self._pull_back_floating_docks()
        return ok

    def _pull_back_floating_docks(self) -> None:
        screens = [s.availableGeometry() for s in QApplication.screens()]
        for dock in self.docks.values():
            if dock.isFloating() and not any(s.intersects(dock.geometry()) for s in screens):
                dock.setFloating(False)
