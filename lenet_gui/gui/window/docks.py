"""The docks: one per panel of the registry (panels/registry.py) in its default place, the
panel built lazily (when its dock is first shown), the versioned dock layout with its safe
fallback, and each dock's context menu (export it, or what am I looking at?)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QCoreApplication, QPoint, QRect, QSize, Qt, QTimer, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDockWidget, QMenu, QToolBar, QWidget

from lenet_gui.gui import i18n

from .. import help as app_help
from ..panels import registry
from ..panels._base import Panel, RefreshScheduler
from ..theme import apply_plot_palette

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


class DocksMixin:
    """The MainWindow's docks and layout."""

    # (widths, heights) of the layout just made, waiting for the window to be shown
    _pending_sizes: tuple[dict[str, int], dict[str, int]] | None = None

    def panel(self, name: str) -> Panel:
        """The panel of dock `name`, built now if its dock was never shown."""
        dock = self.docks[name]
        widget = dock.widget()
        if not isinstance(widget, Panel):
            widget = self._build_panel(registry.panel_class(name))
            dock.setWidget(widget)
        return widget

    def panels(self) -> list[Panel]:
        """The panels built so far."""
        return [d.widget() for d in self.docks.values() if isinstance(d.widget(), Panel)]

    def _build_panel(self, cls: type[Panel]) -> Panel:
        panel = cls(self.state)
        panel.scheduler = self.scheduler  # its refreshes take their turns in the window's frames
        return panel

    @Slot(bool)
    def _on_dock_visibility(self, visible: bool) -> None:
        # Build a panel when its dock is first shown: a start-up builds only what is seen.
        dock = self.sender()
        if visible and isinstance(dock, QDockWidget) and dock.objectName() in self.docks:
            self.panel(dock.objectName())

    def _build_docks(self) -> None:
        self.scheduler = RefreshScheduler(self.state, self)
        for cls in registry.PANELS:
            dock = QDockWidget("", self)
            dock.setObjectName(cls.name)
            dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                             | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                             | QDockWidget.DockWidgetFeature.DockWidgetClosable)
            dock.setWidget(QWidget())  # the panel comes when the dock is first shown
            dock.visibilityChanged.connect(self._on_dock_visibility)
            # Right-click on the title: export this panel, or what am I looking at?
            dock.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            dock.customContextMenuRequested.connect(self._on_dock_context_menu)
            self.view_menu.addAction(dock.toggleViewAction())
            self.docks[cls.name] = dock
            png = QAction(self, objectName=f"export_{cls.name}_png")
            svg = QAction(self, objectName=f"export_{cls.name}_svg")
            png.setData((cls.name, "png"))
            svg.setData((cls.name, "svg"))
            png.triggered.connect(self._on_export_action)
            svg.triggered.connect(self._on_export_action)
            self.export_menu.addAction(png)
            self.export_menu.addAction(svg)
            self.export_actions[cls.name] = (png, svg)
            help_action = QAction(self, objectName=f"help_{cls.name}")
            help_action.setData(cls.name)
            help_action.triggered.connect(self._on_help_action)
            self.panel_help_menu.addAction(help_action)
            self.help_actions[cls.name] = help_action
        self.view_menu.addSeparator()
        self.view_menu.addMenu(self.language_menu)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.reset_layout_action)
        self.setDockNestingEnabled(True)

    def _retranslate_panels(self) -> None:
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
        apply_plot_palette(self)

    @Slot(str)
    def _on_dock_requested(self, name: str) -> None:
        """A panel asked for a dock (e.g. the canvas's "Send to Explain"): show and raise it."""
        dock = self.docks.get(name)
        if dock is not None:
            dock.show()
            dock.raise_()

    def dock(self, name: str) -> QDockWidget:
        return self.docks[name]

    def apply_default_layout(self) -> None:
        """Every dock docked, visible, in its default place and size."""
        for dock in self.docks.values():
            dock.hide()  # first: removing shown tabs left a stale tab bar painted (Qt 6.11)
        for dock in self.docks.values():
            dock.setFloating(False)
            self.removeDockWidget(dock)
        tab_fronts = []
        for cls in registry.PANELS:
            dock = self.docks[cls.name]
            self.addDockWidget(AREA[cls.default_area], dock)
            how, other = cls.default_place or ("", "")
            if how in SPLIT and other in self.docks:
                self.splitDockWidget(self.docks[other], dock, SPLIT[how])
            elif how == "tab" and other in self.docks:
                self.tabifyDockWidget(self.docks[other], dock)
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
        if self.isVisible():
            self._apply_pending_sizes()

    def forget_pending_sizes(self) -> None:
        """A saved layout was restored: its sizes stand."""
        self._pending_sizes = None

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._pending_sizes is not None:
            QTimer.singleShot(0, self._apply_pending_sizes)  # once the layout has its size

    @Slot()
    def _apply_pending_sizes(self) -> None:
        if self._pending_sizes is None or not self.isVisible():
            return
        widths, heights = self._pending_sizes
        self._pending_sizes = None
        area = self._dock_area()
        scale = {H: area.width() / DEFAULT_SIZE[0],
                 V: area.height() / (DEFAULT_SIZE[1] - (self.height() - area.height()))}
        for sizes, orientation in ((widths, H), (heights, V)):
            names = [n for n in sizes if n in self.docks and not self.docks[n].isHidden()]
            self.resizeDocks([self.docks[n] for n in names],
                             [round(sizes[n] * scale[orientation]) for n in names], orientation)

    def _dock_area(self) -> QRect:
        """The part of the window the docks share: below the menu bar and the top toolbars,
        above the status bar."""
        top = self.menuBar().geometry().bottom() + 1 if self.menuBar().isVisible() else 0
        for bar in self.findChildren(QToolBar):
            if bar.isVisible() and not bar.isFloating() and bar.parentWidget() is self \
                    and self.toolBarArea(bar) == Qt.ToolBarArea.TopToolBarArea:
                top = max(top, bar.geometry().bottom() + 1)
        status = self.statusBar()
        bottom = status.geometry().top() if status.isVisible() else self.height()
        return QRect(0, top, self.width(), max(1, bottom - top))

    @Slot()
    def reset_layout(self) -> None:
        self.apply_default_layout()
        self.statusBar().showMessage(translate("MainWindow", "Layout reset"), 3000)

    def save_layout(self) -> None:
        if self.settings is None:
            return
        version = registry.layout_version()
        self.settings.setValue("layout/version", version)
        self.settings.setValue("layout/state", self.saveState(version))
        self.settings.setValue("layout/geometry", self.saveGeometry())
        self.settings.sync()

    def restore_layout(self) -> bool:
        """Restore the saved layout if it is valid and of this version; else keep the default.
        Returns whether the saved state was applied."""
        if self.settings is None:
            return False
        geometry = self.settings.value("layout/geometry")
        if isinstance(geometry, (QByteArray, bytes)) and geometry:
            if not self.restoreGeometry(QByteArray(geometry)):
                self.resize(first_window_size(self.screen().availableGeometry()))
        state = self.settings.value("layout/state")
        ok = False
        try:
            version = int(self.settings.value("layout/version", -1))
        except (TypeError, ValueError):
            version = -1
        if version == registry.layout_version() and isinstance(state, (QByteArray, bytes)) \
                and state:
            ok = self.restoreState(QByteArray(state), version)
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

    def dock_title(self, name: str) -> str:
        return translate("MainWindow", registry.panel_class(name).title)

    @Slot(QPoint)
    def _on_dock_context_menu(self, pos: QPoint) -> None:
        dock = self.sender()
        menu = self.dock_menu(dock.objectName())
        menu.popup(dock.mapToGlobal(pos))

    def dock_menu(self, name: str) -> QMenu:
        """The context menu of a dock's title: export it, or what am I looking at?"""
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(self.help_actions[name])
        menu.addSeparator()
        for a in self.export_actions[name]:
            menu.addAction(a)
        self._add_timeline_export(menu, name)
        return menu

    @Slot()
    def _on_help_action(self) -> None:
        self.show_panel_help(self.sender().data())

    def show_panel_help(self, name: str):
        return app_help.show_panel_help(self, name, registry.panel_class(name).help,
                                        self.dock_title(name))

    def panel_help_html(self, name: str) -> str:
        """The help of dock `name`'s panel (its What's This), titled in the current language."""
        return app_help.panel_help_html(registry.panel_class(name).help, self.dock_title(name))

    @Slot()
    def _on_panel_help(self) -> None:
        """Ctrl+F1: the panel holding the keyboard focus (else the shortcuts)."""
        w = QApplication.focusWidget()
        while w is not None and not isinstance(w, QDockWidget):
            w = w.parentWidget()
        if w is not None and w.objectName() in self.docks:
            self.show_panel_help(w.objectName())
        else:
            self.show_shortcuts()
