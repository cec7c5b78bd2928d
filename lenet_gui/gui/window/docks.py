"""The docks: a registry of Panel classes with their default places, and the dock host that
builds a dock for each, its panel lazily (when the dock is first shown), and keeps the
versioned dock layout with its safe fallback. A right-click on a dock's title asks for its
context menu (menu_requested): the window's actions fill it."""

from __future__ import annotations

from dataclasses import dataclass

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

from ..panels import (
    ArchitecturePanel,
    CanvasPanel,
    ConfusionPanel,
    DataExplorerPanel,
    DeltasPanel,
    DistributionsPanel,
    ExplainPanel,
    FeatureMapsPanel,
    FeatureSpacePanel,
    KernelsPanel,
    LossPanel,
    RobustnessPanel,
    RunsPanel,
    SettingsPanel,
    StepperPanel,
)
from ..panels._base import Panel
from ..state import AppState
from ..status import StatusLine
from ..theme import apply_plot_palette

translate = QCoreApplication.translate

LAYOUT_VERSION = 7  # bump whenever DOCKS changes
DEFAULT_SIZE = (1400, 900)
L, R, B = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea,
           Qt.DockWidgetArea.BottomDockWidgetArea)
H, V = Qt.Orientation.Horizontal, Qt.Orientation.Vertical


@dataclass(frozen=True)
class DockSpec:
    panel: type[Panel]  # its name is the dock's objectName, its title the dock's title
    area: Qt.DockWidgetArea  # default area
    tabify_with: str | None = None  # default: a tab beside this dock
    split: tuple[str, Qt.Orientation] | None = None  # default: beside this dock (H) or below (V)

    @property
    def name(self) -> str:
        return self.panel.name

    @property
    def title(self) -> str:
        return self.panel.title


DOCKS: list[DockSpec] = [
    DockSpec(SettingsPanel, L),
    DockSpec(FeatureMapsPanel, L, split=("settings", H)),
    DockSpec(KernelsPanel, R),
    DockSpec(DeltasPanel, R, split=("kernels", V)),
    DockSpec(LossPanel, B),
    DockSpec(CanvasPanel, B, split=("loss", H)),
    DockSpec(ArchitecturePanel, B, tabify_with="canvas"),
    DockSpec(StepperPanel, L, tabify_with="feature_maps"),
    DockSpec(ExplainPanel, L, tabify_with="feature_maps"),
    DockSpec(ConfusionPanel, B, tabify_with="loss"),
    DockSpec(DataExplorerPanel, B, tabify_with="loss"),
    DockSpec(RobustnessPanel, B, tabify_with="loss"),
    DockSpec(FeatureSpacePanel, B, tabify_with="loss"),
    DockSpec(RunsPanel, B, tabify_with="loss"),
    DockSpec(DistributionsPanel, B, tabify_with="loss"),
]
# Default sizes in pixels at 1400×900: widths of the columns, heights of the rows.
DEFAULT_WIDTHS = {"settings": 250, "feature_maps": 700, "kernels": 440,
                  "loss": 560, "canvas": 840}
DEFAULT_HEIGHTS = {"kernels": 330, "deltas": 220, "feature_maps": 500, "loss": 340}


def dock_spec(name: str) -> DockSpec:
    return next(s for s in DOCKS if s.name == name)


class DockHost(QObject):
    """The window's docks and their layout. It is handed the window (whose dock areas it
    arranges and whose layout it saves), the state (the panels read it; a panel's request for
    a dock lands here), the settings (the saved layout; None: not persisted) and the status
    line. It offers the docks by name, their panels, the default, saved and reset layouts."""

    menu_requested = Signal(str, QPoint)  # a dock's name, where (global) its menu is asked for

    def __init__(self, window: QMainWindow, state: AppState, settings: QSettings | None,
                 status: StatusLine) -> None:
        super().__init__(window)
        self._window = window
        self._state = state
        self._settings = settings
        self._status = status
        self._default_sizes_pending = False  # the default sizes wait for the window to be shown
        self.docks: dict[str, QDockWidget] = {}
        for spec in DOCKS:
            dock = QDockWidget("", window)
            dock.setObjectName(spec.name)
            dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                             | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                             | QDockWidget.DockWidgetFeature.DockWidgetClosable)
            dock.setWidget(QWidget())  # the panel comes when the dock is first shown
            dock.visibilityChanged.connect(self._on_dock_visibility)
            # Right-click on the title: export this panel, or what am I looking at?
            dock.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            dock.customContextMenuRequested.connect(self._on_dock_context_menu)
            self.docks[spec.name] = dock
        window.setDockNestingEnabled(True)
        state.dock_requested.connect(self._on_dock_requested)

    def dock(self, name: str) -> QDockWidget:
        return self.docks[name]

    def panel(self, name: str) -> Panel:
        """The panel of dock `name`, built now if its dock was never shown."""
        dock = self.docks[name]
        widget = dock.widget()
        if not isinstance(widget, Panel):
            widget = dock_spec(name).panel(self._state)
            dock.setWidget(widget)
        return widget

    def panels(self) -> list[Panel]:
        """The panels built so far."""
        return [d.widget() for d in self.docks.values() if isinstance(d.widget(), Panel)]

    def dock_title(self, name: str) -> str:
        return translate("MainWindow", dock_spec(name).title)

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
        for spec in DOCKS:
            dock = self.docks[spec.name]
            title = translate("MainWindow", spec.title)
            dock.setWindowTitle(title)
            dock.setToolTip(translate("MainWindow", "{0}: right-click the title to export it or to ask what it "
                                    "shows").format(title))
            dock.toggleViewAction().setToolTip(
                translate("MainWindow", "Show or hide the {0} panel").format(title))

    def retranslate_panels(self) -> None:
        """Panels that set their texts once, when built (Panel.rebuild_to_retranslate), are
        built again: the new instance shows the current state in the new language. The others
        retranslate themselves on LanguageChange."""
        for spec in DOCKS:
            dock = self.docks[spec.name]
            old = dock.widget()
            if not isinstance(old, Panel) or not spec.panel.rebuild_to_retranslate \
                    or old.language == i18n.current_language():
                continue
            old.shutdown()
            self._state.forget(old)
            dock.setWidget(spec.panel(self._state))
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
        for spec in DOCKS:
            dock = self.docks[spec.name]
            w.addDockWidget(spec.area, dock)
            if spec.split and spec.split[0] in self.docks:
                w.splitDockWidget(self.docks[spec.split[0]], dock, spec.split[1])
            elif spec.tabify_with and spec.tabify_with in self.docks:
                w.tabifyDockWidget(self.docks[spec.tabify_with], dock)
            dock.show()
        for spec in DOCKS:
            if spec.tabify_with:
                self.docks[spec.tabify_with].raise_()
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
        self._settings.setValue("layout/version", LAYOUT_VERSION)
        self._settings.setValue("layout/state", self._window.saveState(LAYOUT_VERSION))
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
        if version == LAYOUT_VERSION and isinstance(state, (QByteArray, bytes)) and state:
            ok = w.restoreState(QByteArray(state), LAYOUT_VERSION)
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
