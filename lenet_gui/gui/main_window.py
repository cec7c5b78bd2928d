"""The main window: a toolbar to train, pause, step and stop; dockable panels that follow the
training live; settings; checkpoints; a versioned, restorable dock layout.

Adding a panel is one line in DOCKS. A panel is `Widget(state: AppState, parent=None)` that
listens to the AppState by itself (or a callable taking the window, for the window's own).
"""

from __future__ import annotations

import importlib
import math
import time
import traceback
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

import numpy as np
from PySide6.QtCore import (QT_TRANSLATE_NOOP, QByteArray, QCoreApplication, QEvent, QObject,
                            QPoint, QRunnable, QSettings, Qt, QThreadPool, QTimer, Signal, Slot)
from PySide6.QtGui import QAction, QActionGroup, QImage, QKeySequence, QPixmap
from PySide6.QtWidgets import (QApplication, QDockWidget, QFileDialog, QLabel, QMainWindow,
                               QMenu, QMessageBox, QProgressBar, QSlider, QSpinBox, QWidget)

from lenet_gui import i18n
from lenet_gui.i18n import LANGUAGES
from lenet_gui.i18n import SETTINGS_KEY as LANGUAGE_KEY

from lenet_gui.data import Dataset, IdxFormatError, load_mnist
from lenet_gui.model import LeNet5, LeNetConfig, NetworkSnapshot
from lenet_gui.train import (CheckpointError, RunControl, StepReport, TrainConfig, Trainer,
                             load_checkpoint, save_checkpoint)

from . import help as app_help
from .export import ExportError, export_widget, write_history_csv
from .jobs import shutdown_jobs
from .loss_panel import LossPanel
from .settings_panel import SettingsPanel
from .state import AppState, Probe
from .theme import apply_plot_palette
from .workspace import WorkspaceError, read_workspace, workspace_arrays
from .worker import Payload, TrainingThread

LAYOUT_VERSION = 3  # bump whenever DOCKS changes
DEFAULT_SIZE = (1400, 900)
SLOWEST_DELAY_S = 1.0  # the speed slider's left end: about one batch a second
SPEED_STEPS = 100  # the slider's right end is full speed
# Frames (new weights to every panel, the loss curve, the status bar) are paced so that they
# take at most this share of the GUI thread's time: a 10 ms timer loses a tick for every 10 ms
# the thread is busy, and the issue asks for 90 % of them while training runs at full speed.
GUI_DUTY = 0.08
# While a frame is drawn the trainer waits between batches (see TrainWorker.gui_idle): the
# frame then costs about half as much, so twice as many fit in the same GUI_DUTY.
HOLD_TRAINER_WHILE_DRAWING = True

L, R, B = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea,
           Qt.DockWidgetArea.BottomDockWidgetArea)
H, V = Qt.Orientation.Horizontal, Qt.Orientation.Vertical

Factory = Callable[["MainWindow"], QWidget] | str  # a callable, or "module:Class" built with state


@dataclass(frozen=True)
class DockSpec:
    name: str  # the dock's objectName: stable, saved in the layout
    title: str  # source text; shown through QCoreApplication.translate("MainWindow", …)
    factory: Factory
    area: Qt.DockWidgetArea  # default area
    tabify_with: str | None = None  # default: a tab beside this dock
    split: tuple[str, Qt.Orientation] | None = None  # default: beside this dock (H) or below (V)


DOCKS: list[DockSpec] = [
    DockSpec("settings", QT_TRANSLATE_NOOP("MainWindow", "Settings"), lambda w: w.settings_panel, L),
    DockSpec("feature_maps", QT_TRANSLATE_NOOP("MainWindow", "Feature maps"), "lenet_gui.gui.panels.feature_maps:FeatureMapsPanel", L, split=("settings", H)),
    DockSpec("kernels", QT_TRANSLATE_NOOP("MainWindow", "Kernels"), "lenet_gui.gui.panels.kernels:KernelsPanel", R),
    DockSpec("deltas", QT_TRANSLATE_NOOP("MainWindow", "δ heatmaps"), "lenet_gui.gui.panels.deltas:DeltasPanel", R, split=("kernels", V)),
    DockSpec("loss", QT_TRANSLATE_NOOP("MainWindow", "Loss and accuracy"), lambda w: w.loss_panel, B),
    DockSpec("canvas", QT_TRANSLATE_NOOP("MainWindow", "Draw a digit"), "lenet_gui.gui.canvas:CanvasPanel", B, split=("loss", H)),
    DockSpec("architecture", QT_TRANSLATE_NOOP("MainWindow", "Architecture"), "lenet_gui.gui.panels.architecture:ArchitecturePanel", B, tabify_with="canvas"),
    DockSpec("stepper", QT_TRANSLATE_NOOP("MainWindow", "Backprop stepper"), "lenet_gui.gui.stepper:StepperPanel", L, tabify_with="feature_maps"),
    DockSpec("confusion", QT_TRANSLATE_NOOP("MainWindow", "Confusion matrix"), "lenet_gui.gui.evaluation:ConfusionPanel", B, tabify_with="loss"),
    DockSpec("explorer", QT_TRANSLATE_NOOP("MainWindow", "Data explorer"), "lenet_gui.gui.evaluation:DataExplorerPanel", B, tabify_with="loss"),
    DockSpec("robustness", QT_TRANSLATE_NOOP("MainWindow", "Robustness"), "lenet_gui.gui.evaluation:RobustnessPanel", B, tabify_with="loss"),
    DockSpec("feature_space", QT_TRANSLATE_NOOP("MainWindow", "Feature space"), "lenet_gui.gui.evaluation:FeatureSpacePanel", B, tabify_with="loss"),
]
# Default sizes in pixels at 1400×900: widths of the columns, heights of the rows.
DEFAULT_WIDTHS = {"settings": 250, "feature_maps": 700, "kernels": 440,
                  "loss": 560, "canvas": 840}
DEFAULT_HEIGHTS = {"kernels": 300, "deltas": 250, "feature_maps": 500, "loss": 340}


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def _fmt_duration(seconds: float) -> str:
    s = max(0, int(round(seconds)))
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


def delay_for_speed(position: int) -> float:
    """Slider position 0..SPEED_STEPS -> pause after each batch: 1 s at 0, none at the end,
    logarithmic in between."""
    if position >= SPEED_STEPS:
        return 0.0
    return SLOWEST_DELAY_S * 10 ** (-3.0 * position / SPEED_STEPS)


class _LoadSignals(QObject):
    progress = Signal(str, int, int)
    loaded = Signal(object)
    failed = Signal(str)


class _DataLoader(QRunnable):
    """A one-shot QThreadPool job: read MNIST, report progress and the result by signals."""

    def __init__(self, directory, signals: _LoadSignals) -> None:
        super().__init__()
        self.directory = directory
        self.signals = signals  # keeps the signal object alive while the job runs

    def run(self) -> None:
        try:
            try:
                data = load_mnist(self.directory, progress=self.signals.progress.emit)
            except RuntimeError as exc:
                if "deleted" in str(exc):
                    raise
                self.signals.failed.emit(f"{type(exc).__name__}: {exc}")
            except Exception as exc:  # noqa: BLE001 - reported to the user
                self.signals.failed.emit(str(exc) if isinstance(exc, (IdxFormatError, OSError))
                                         else f"{type(exc).__name__}: {exc}")
            else:
                self.signals.loaded.emit(data)
        except RuntimeError:
            pass  # the window (and the receiver of our signals) went away during the load


def default_weights_path() -> Path | None:
    try:
        from lenet_gui.resources import resource_path

        return resource_path("weights", "lenet5.npz")
    except FileNotFoundError:
        return None


class MainWindow(QMainWindow):
    """`data`: use this data set instead of loading MNIST (tests); `data_dir`: where to load it
    from (None: the embedded MNIST); `weights`: a checkpoint to start from (None: the shipped
    weights; False: random); `settings`: a QSettings for the layout (None: not persisted)."""

    def __init__(self, state: AppState | None = None, *, data: Dataset | None = None,
                 data_dir=None, weights: str | Path | None | bool = None,
                 settings: QSettings | None = None, train_config: TrainConfig | None = None,
                 publish_hz: float = 20.0, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self.state = state or AppState(self)
        self.state.spread_frames = True
        self.settings = settings
        saved_language = settings.value(LANGUAGE_KEY) if settings is not None else None
        if isinstance(saved_language, str) and saved_language in LANGUAGES:
            i18n.set_language(saved_language)
        self.publish_hz = publish_hz
        self.session: TrainingThread | None = None
        self.trainer: Trainer | None = None
        self.last_report: StepReport | None = None
        self.last_payload: Payload | None = None
        self.last_test_accuracy: float | None = None
        self._pending_error: tuple[str, str] | None = None
        self._loader_signals: _LoadSignals | None = None
        self._run_total_batches = 0
        self._pending_snapshot: NetworkSnapshot | None = None
        self._pending_reports: list[StepReport] = []
        self._frame_cost = 0.05  # s, smoothed wall time of one frame (redraws and paints)
        self._frame_t0 = 0.0
        self._frame_busy = False
        self.frames = 0
        self._frame_timer = QTimer(self)
        self._frame_timer.setSingleShot(True)
        self._frame_timer.timeout.connect(self._render_frame)

        self.settings_panel = SettingsPanel(train=train_config or TrainConfig())
        self.loss_panel = LossPanel(self.state)
        self._build_actions()
        self._build_toolbar()
        self._build_menus()
        self._build_status_bar()
        self.docks: dict[str, QDockWidget] = {}
        self._build_docks()
        self.retranslate_ui()
        self.apply_default_layout()
        self.resize(*DEFAULT_SIZE)
        self.restore_layout()

        self.settings_panel.model_config_requested.connect(self._on_model_config_requested)
        self.settings_panel.learning_rate_changed.connect(self._on_learning_rate_changed)
        self.settings_panel.momentum_changed.connect(self._on_momentum_changed)
        self.settings_panel.train_config_changed.connect(self._on_train_config_changed)
        self.state.probe_changed.connect(self._on_probe_changed)
        self.state.frame_done.connect(self._on_frame_done)
        self.state.weights_changed.connect(self._on_weights_changed)
        self.state.data_loaded.connect(self._on_data_loaded)

        self._load_initial_weights(weights)
        if data is not None:
            self.state.set_data(data)
        else:
            self.load_data(data_dir)
        self._set_training_state("idle")
        self._sync_language_actions()
        apply_plot_palette(self)

    # ================================================================= construction

    def _action(self, slot, shortcut=None, name: str = "") -> QAction:
        """An action without text: retranslate_ui() gives every action its text and tip."""
        a = QAction(self)
        a.setObjectName(name)
        if shortcut is not None:
            a.setShortcut(QKeySequence(shortcut))
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        a.triggered.connect(slot)
        return a

    def _build_actions(self) -> None:
        SK = QKeySequence.StandardKey
        self.train_action = self._action(self._on_train_triggered, Qt.Key.Key_Space, "train")
        self.step_action = self._action(self._on_step_triggered, Qt.Key.Key_Right, "step")
        self.stop_action = self._action(self._on_stop_triggered, "Ctrl+.", "stop")
        self.reset_action = self._action(self._on_reset_weights, "Ctrl+R", "reset_weights")
        self.open_workspace_action = self._action(self._on_open_workspace, SK.Open,
                                                  "open_workspace")
        self.save_workspace_action = self._action(self._on_save_workspace, SK.Save,
                                                  "save_workspace")
        self.open_action = self._action(self._on_open_checkpoint, "Ctrl+Shift+O",
                                        "open_checkpoint")
        self.save_action = self._action(self._on_save_checkpoint, "Ctrl+Shift+S",
                                        "save_checkpoint")
        self.export_window_action = self._action(self._on_export_window, "Ctrl+E",
                                                 "export_window")
        self.export_csv_action = self._action(self._on_export_csv, "Ctrl+Shift+E", "export_csv")
        self.quit_action = self._action(self.close, SK.Quit, "quit")
        self.reset_layout_action = self._action(self.reset_layout, "Ctrl+Shift+R", "reset_layout")
        self.shortcuts_action = self._action(self.show_shortcuts, SK.HelpContents, "shortcuts")
        self.about_action = self._action(self.show_about, None, "about")
        self.panel_help_action = self._action(self._on_panel_help, "Shift+F1", "panel_help")
        self.export_actions: dict[str, tuple[QAction, QAction]] = {}
        self.help_actions: dict[str, QAction] = {}
        self.language_actions: dict[str, QAction] = {}

    def _build_toolbar(self) -> None:
        self.toolbar = tb = self.addToolBar("")
        tb.setObjectName("toolbar_training")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for a in (self.train_action, self.step_action, self.stop_action, self.reset_action):
            tb.addAction(a)
        tb.addSeparator()
        self.speed_label = QLabel()
        tb.addWidget(self.speed_label)
        self.speed_slider = QSlider(Qt.Orientation.Horizontal)
        self.speed_slider.setObjectName("speed_slider")
        self.speed_slider.setRange(0, SPEED_STEPS)
        self.speed_slider.setValue(SPEED_STEPS)
        self.speed_slider.setFixedWidth(150)
        self.speed_slider.valueChanged.connect(self._on_speed_changed)
        tb.addWidget(self.speed_slider)
        self.speed_value = QLabel()
        self.speed_value.setMinimumWidth(95)
        tb.addWidget(self.speed_value)
        tb.addSeparator()
        self.probe_label = QLabel()
        tb.addWidget(self.probe_label)
        self.probe_spin = QSpinBox()
        self.probe_spin.setObjectName("probe_spin")
        self.probe_spin.setRange(0, 0)
        self.probe_spin.valueChanged.connect(self._on_probe_index_changed)
        tb.addWidget(self.probe_spin)
        self.probe_image = QLabel()
        self.probe_image.setFixedSize(36, 36)
        tb.addWidget(self.probe_image)
        self.probe_text = QLabel()
        self.probe_text.setMinimumWidth(260)
        tb.addWidget(self.probe_text)

    def _build_menus(self) -> None:
        mb = self.menuBar()
        self.file_menu = file_menu = mb.addMenu("")
        for a in (self.open_workspace_action, self.save_workspace_action, None,
                  self.open_action, self.save_action, None):
            file_menu.addSeparator() if a is None else file_menu.addAction(a)
        self.export_menu = file_menu.addMenu("")
        self.export_menu.setObjectName("export_menu")
        self.export_menu.addAction(self.export_window_action)
        self.export_menu.addAction(self.export_csv_action)
        self.export_menu.addSeparator()
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.train_menu = train_menu = mb.addMenu("")
        for a in (self.train_action, self.step_action, self.stop_action, self.reset_action):
            train_menu.addAction(a)
        self.view_menu = mb.addMenu("")
        self.language_menu = QMenu(self)
        self.language_menu.setObjectName("language_menu")
        group = QActionGroup(self)
        for code, name in LANGUAGES.items():
            a = QAction(name, self, checkable=True)  # each language in its own words
            a.setData(code)
            a.setObjectName(f"language_{code}")
            group.addAction(a)
            a.triggered.connect(self._on_language_action)
            self.language_menu.addAction(a)
            self.language_actions[code] = a
        self.help_menu = mb.addMenu("")
        self.help_menu.addAction(self.shortcuts_action)
        self.help_menu.addAction(self.panel_help_action)
        self.panel_help_menu = self.help_menu.addMenu("")
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.about_action)

    def _build_status_bar(self) -> None:
        sb = self.statusBar()
        self.status_label = QLabel()
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(220)
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setValue(0)
        sb.addPermanentWidget(self.status_label)
        sb.addPermanentWidget(self.progress_bar)
        self._status_text: Callable[[], str] = lambda: self.tr("Ready")

    def retranslate_ui(self) -> None:
        """Every text the window sets itself, in the current language (LanguageChange)."""
        self.setWindowTitle(self.tr("LeNet-5 Studio"))
        texts = (
            (self.step_action, self.tr("Step"),
             self.tr("Train exactly one mini-batch, then stay paused (→)")),
            (self.stop_action, self.tr("Stop"), self.tr("End this training run (Ctrl+.)")),
            (self.reset_action, self.tr("Reset weights"),
             self.tr("Start again from new random weights (Ctrl+R)")),
            (self.open_workspace_action, self.tr("Open workspace…"),
             self.tr("Restore a saved workspace: configuration, weights and loss history "
                     "(Ctrl+O)")),
            (self.save_workspace_action, self.tr("Save workspace…"),
             self.tr("Save the configuration, the weights and the loss history (Ctrl+S)")),
            (self.open_action, self.tr("Open weights…"),
             self.tr("Load weights from a .npz checkpoint (Ctrl+Shift+O)")),
            (self.save_action, self.tr("Save weights…"),
             self.tr("Save the current weights as a .npz checkpoint (Ctrl+Shift+S)")),
            (self.export_window_action, self.tr("Whole window…"),
             self.tr("Save a picture of the whole window as PNG or SVG (Ctrl+E)")),
            (self.export_csv_action, self.tr("Loss history as CSV…"),
             self.tr("Save the loss and accuracy curves as a CSV table (Ctrl+Shift+E)")),
            (self.quit_action, self.tr("Quit"), self.tr("Close the application")),
            (self.reset_layout_action, self.tr("Reset layout"),
             self.tr("Put every panel back in its default place (Ctrl+Shift+R)")),
            (self.shortcuts_action, self.tr("Keyboard shortcuts"),
             self.tr("Every keyboard shortcut of the window (F1)")),
            (self.panel_help_action, self.tr("What am I looking at?"),
             self.tr("Explain the panel that has the keyboard focus (Shift+F1)")),
            (self.about_action, self.tr("About LeNet-5 Studio"),
             self.tr("Version, licences and the MNIST attribution")),
        )
        for action, text, tip in texts:
            action.setText(text)
            action.setToolTip(tip)
            action.setStatusTip(tip)
        for code, a in self.language_actions.items():
            a.setToolTip(self.tr("Show the interface in {0}").format(LANGUAGES[code]))
        self.file_menu.setTitle(self.tr("&File"))
        self.export_menu.setTitle(self.tr("&Export"))
        self.export_menu.setToolTip(self.tr("Save a panel as a picture, or the loss history"))
        self.train_menu.setTitle(self.tr("&Training"))
        self.view_menu.setTitle(self.tr("&View"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.panel_help_menu.setTitle(self.tr("Panels"))
        self.toolbar.setWindowTitle(self.tr("Training"))
        self.speed_label.setText(self.tr(" Speed "))
        self.speed_label.setToolTip(self.tr("Slow motion: from about one batch a second to full "
                                            "speed"))
        self.speed_slider.setToolTip(self.tr("Training speed: left is slow motion (about one "
                                             "batch a second), right is full speed"))
        self.speed_value.setToolTip(self.tr("The pause after each batch"))
        self.probe_label.setText(self.tr(" Probe: test image # "))
        self.probe_label.setToolTip(self.tr("The sample every panel shows"))
        self.probe_spin.setToolTip(self.tr("Index of the test image shown in every panel"))
        self.probe_image.setToolTip(self.tr("The probe sample as the network sees it"))
        self.probe_text.setToolTip(self.tr("The probe's true label and the network's answer"))
        self.status_label.setToolTip(self.tr("Epoch, batch, training speed and time left"))
        self.progress_bar.setToolTip(self.tr("Progress of the data load or of the training run"))
        for spec in DOCKS:
            dock = self.docks.get(spec.name)
            if dock is None:
                continue
            title = _tr(spec.title)
            dock.setWindowTitle(title)
            dock.setToolTip(self.tr("{0}: right-click the title to export it or to ask what it "
                                    "shows").format(title))
            dock.toggleViewAction().setToolTip(
                self.tr("Show or hide the {0} panel").format(title))
            png, svg = self.export_actions[spec.name]
            png.setText(self.tr("{0} as PNG…").format(title))
            svg.setText(self.tr("{0} as SVG…").format(title))
            for a in (png, svg):
                a.setToolTip(self.tr("Save a picture of the {0} panel").format(title))
            self.help_actions[spec.name].setText(title)
            self.help_actions[spec.name].setToolTip(
                self.tr("What the {0} panel shows, with the course's section and formula")
                .format(title))
        self._show_training_state()
        self._on_speed_changed(self.speed_slider.value())
        self._update_probe_text()
        self.status_label.setText(self._status_text())

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
            self._retranslate_panels()
        elif event.type() == QEvent.Type.PaletteChange:
            apply_plot_palette(self)
        super().changeEvent(event)

    def _make_widget(self, spec: DockSpec) -> QWidget:
        if callable(spec.factory):
            return spec.factory(self)
        module_name, _, cls_name = spec.factory.partition(":")
        try:
            cls = getattr(importlib.import_module(module_name), cls_name)
        except (ImportError, AttributeError) as exc:
            traceback.print_exc()
            label = QLabel(self.tr("This panel is not available:\n{0}").format(exc))
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            return label
        widget = cls(self.state.view())  # its weights arrive one panel per event-loop turn
        widget._built_language = i18n.current_language()
        return widget

    def _build_docks(self) -> None:
        for spec in DOCKS:
            dock = QDockWidget("", self)
            dock.setObjectName(spec.name)
            dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                             | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                             | QDockWidget.DockWidgetFeature.DockWidgetClosable)
            dock.setWidget(self._make_widget(spec))
            # Right-click on the title: export this panel, or what am I looking at?
            dock.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            dock.customContextMenuRequested.connect(self._on_dock_context_menu)
            self.view_menu.addAction(dock.toggleViewAction())
            self.docks[spec.name] = dock
            png = QAction(self, objectName=f"export_{spec.name}_png")
            svg = QAction(self, objectName=f"export_{spec.name}_svg")
            png.setData((spec.name, "png"))
            svg.setData((spec.name, "svg"))
            png.triggered.connect(self._on_export_action)
            svg.triggered.connect(self._on_export_action)
            self.export_menu.addAction(png)
            self.export_menu.addAction(svg)
            self.export_actions[spec.name] = (png, svg)
            help_action = QAction(self, objectName=f"help_{spec.name}")
            help_action.setData(spec.name)
            help_action.triggered.connect(self._on_help_action)
            self.panel_help_menu.addAction(help_action)
            self.help_actions[spec.name] = help_action
        self.view_menu.addSeparator()
        self.view_menu.addMenu(self.language_menu)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.reset_layout_action)
        self.setDockNestingEnabled(True)

    def _retranslate_panels(self) -> None:
        """Panels that do not retranslate themselves (no retranslate()/retranslate_ui()) are
        rebuilt: a new instance shows the current state in the new language."""
        for spec in DOCKS:
            dock = self.docks.get(spec.name)
            old = None if dock is None else dock.widget()
            if old is None or callable(spec.factory):
                continue  # the window's own panels (settings, loss) retranslate themselves
            if hasattr(old, "retranslate") or hasattr(old, "retranslate_ui"):
                continue
            if getattr(old, "_built_language", None) == i18n.current_language():
                continue  # built in this language already (the event of a start-up switch)
            cancel = getattr(old, "cancel", None)
            if callable(cancel):
                cancel()
            dock.setWidget(self._make_widget(spec))
            view = getattr(old, "state", None)
            if view is not None and view is not self.state:
                self.state.release_view(view)
            old.hide()
            old.deleteLater()
        apply_plot_palette(self)

    def dock(self, name: str) -> QDockWidget:
        return self.docks[name]

    # ================================================================= layout

    def apply_default_layout(self) -> None:
        """Every dock docked, visible, in its default place and size."""
        for dock in self.docks.values():
            dock.setFloating(False)
            self.removeDockWidget(dock)
        for spec in DOCKS:
            dock = self.docks[spec.name]
            self.addDockWidget(spec.area, dock)
            if spec.split and spec.split[0] in self.docks:
                self.splitDockWidget(self.docks[spec.split[0]], dock, spec.split[1])
            elif spec.tabify_with and spec.tabify_with in self.docks:
                self.tabifyDockWidget(self.docks[spec.tabify_with], dock)
            dock.show()
        for spec in DOCKS:
            if spec.tabify_with:
                self.docks[spec.tabify_with].raise_()
        self._apply_default_sizes()

    def _apply_default_sizes(self) -> None:
        for sizes, orientation in ((DEFAULT_WIDTHS, H), (DEFAULT_HEIGHTS, V)):
            names = [n for n in sizes if n in self.docks]
            self.resizeDocks([self.docks[n] for n in names], [sizes[n] for n in names],
                             orientation)

    @Slot()
    def reset_layout(self) -> None:
        self.apply_default_layout()
        self.statusBar().showMessage(self.tr("Layout reset"), 3000)

    def save_layout(self) -> None:
        if self.settings is None:
            return
        self.settings.setValue("layout/version", LAYOUT_VERSION)
        self.settings.setValue("layout/state", self.saveState(LAYOUT_VERSION))
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
                self.resize(*DEFAULT_SIZE)
        state = self.settings.value("layout/state")
        ok = False
        try:
            version = int(self.settings.value("layout/version", -1))
        except (TypeError, ValueError):
            version = -1
        if version == LAYOUT_VERSION and isinstance(state, (QByteArray, bytes)) and state:
            ok = self.restoreState(QByteArray(state), LAYOUT_VERSION)
        if not ok:
            self.apply_default_layout()  # restoreState may have changed part of it
        self._pull_back_floating_docks()
        return ok

    def _pull_back_floating_docks(self) -> None:
        screens = [s.availableGeometry() for s in QApplication.screens()]
        for dock in self.docks.values():
            if dock.isFloating() and not any(s.intersects(dock.geometry()) for s in screens):
                dock.setFloating(False)

    # ================================================================= data and weights

    def load_data(self, directory=None) -> None:
        """Read MNIST in a QThreadPool job; progress and the result come back as signals."""
        self._loader_signals = sig = _LoadSignals()  # lives on the GUI thread
        sig.progress.connect(self._on_load_progress)
        sig.loaded.connect(self._on_load_finished)
        sig.failed.connect(self._on_load_failed)
        self._set_status(lambda: self.tr("Loading MNIST…"))
        self.progress_bar.setRange(0, 4)
        self.progress_bar.setValue(0)
        QThreadPool.globalInstance().start(_DataLoader(directory, sig))

    @Slot(str, int, int)
    def _on_load_progress(self, name: str, done: int, total: int) -> None:
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(done)
        self._set_status(lambda: self.tr("Loading MNIST: {0} ({1}/{2})").format(name, done + 1, total)
                         if done < total else self.tr("MNIST loaded"))

    @Slot(object)
    def _on_load_finished(self, data: Dataset) -> None:
        self.state.set_data(data)

    @Slot(str)
    def _on_load_failed(self, message: str) -> None:
        self._set_status(lambda: self.tr("Could not load MNIST"))
        self.progress_bar.setValue(0)
        QMessageBox.critical(self, self.tr("Could not load MNIST"), message)

    @Slot(object)
    def _on_data_loaded(self, data: Dataset) -> None:
        self.probe_spin.setRange(0, len(data.test_labels) - 1)
        self._set_status(lambda: self.tr("{0:,} training and {1:,} test images loaded").format(
            len(data.train_labels), len(data.test_labels)))
        self._update_enabled()

    def _load_initial_weights(self, weights) -> None:
        if weights is False:
            self._set_random_weights(self.settings_panel.model_config())
            return
        path = Path(weights) if weights not in (None, True) else default_weights_path()
        if path is None or not path.is_file():
            self._set_random_weights(self.settings_panel.model_config())
            self.statusBar().showMessage(self.tr("No shipped weights found ({0}): starting "
                                                 "from random weights").format(path), 10000)
            return
        try:
            ckpt = load_checkpoint(path)
        except CheckpointError as exc:
            self._set_random_weights(self.settings_panel.model_config())
            self.statusBar().showMessage(self.tr("Shipped weights unusable ({0}): starting "
                                                 "from random weights").format(exc), 10000)
            return
        self._apply_checkpoint(ckpt)

    def _set_random_weights(self, config: LeNetConfig, seed: int | None = None) -> None:
        if seed is None:
            seed = int(np.random.default_rng().integers(2**31))
        self.trainer = None
        self.state.set_weights(LeNet5(config, seed=seed).snapshot())
        self.settings_panel.set_model_config(config)

    def _apply_checkpoint(self, ckpt) -> None:
        self.trainer = None
        self.settings_panel.set_model_config(ckpt.config)
        self.state.set_weights(ckpt.to_net().snapshot())
        acc = ckpt.meta.get("test_accuracy")
        self.last_test_accuracy = acc if isinstance(acc, float) else None

    @Slot(object)
    def _on_weights_changed(self, snapshot: NetworkSnapshot) -> None:
        self._update_probe_text()

    # ================================================================= probe

    @Slot(int)
    def _on_probe_index_changed(self, index: int) -> None:
        data = self.state.data
        if data is not None and 0 <= index < len(data.test_labels):
            self.state.set_probe(Probe.from_test(data, index))

    @Slot(object)
    def _on_probe_changed(self, probe: Probe) -> None:
        if probe.index is not None and probe.source.startswith("test"):
            blocker = self.probe_spin.blockSignals(True)
            self.probe_spin.setValue(probe.index)
            self.probe_spin.blockSignals(blocker)
        x = np.asarray(probe.x, np.float32).reshape(32, 32)
        img = np.clip((x + 0.1) / 1.275 * 255, 0, 255).astype(np.uint8)  # −0.1 … 1.175
        img = np.ascontiguousarray(img)
        qimg = QImage(img.data, 32, 32, 32, QImage.Format.Format_Grayscale8).copy()
        self.probe_image.setPixmap(QPixmap.fromImage(qimg).scaled(
            36, 36, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation))
        self._update_probe_text()

    def _update_probe_text(self) -> None:
        probe = self.state.probe
        if probe is None:
            self.probe_text.setText("")
            return
        net = self.state.inference_net()
        label = "?" if probe.label is None else str(probe.label)
        if net is None:
            self.probe_text.setText(self.tr(" {0}: label {1}").format(probe.name, label))
            return
        y = net.forward(probe.x)["y"][0]
        k = int(np.argmax(y))
        self.probe_text.setText(self.tr(" {0}: label {1} · net says {2} ({3:.0f} %)").format(
            probe.name, label, k, 100 * float(y[k])))

    # ================================================================= training

    def _set_training_state(self, name: str) -> None:
        self.training_state = name
        self._show_training_state()
        self._update_enabled()
        self.state.training_state_changed.emit(name)

    def _show_training_state(self) -> None:
        texts = {"running": (self.tr("Pause"), self.tr("Pause training (Space)")),
                 "paused": (self.tr("Resume"), self.tr("Continue training (Space)"))}
        text, tip = texts.get(getattr(self, "training_state", "idle"),
                              (self.tr("Train"), self.tr("Start training (Space)")))
        self.train_action.setText(text)
        self.train_action.setToolTip(tip)
        self.train_action.setStatusTip(tip)

    def _update_enabled(self) -> None:
        ready = self.state.data is not None and self.state.snapshot is not None
        self.train_action.setEnabled(ready)
        self.step_action.setEnabled(ready)
        self.stop_action.setEnabled(self.session is not None)

    def _new_trainer(self) -> Trainer:
        snap = self.state.snapshot
        net = LeNet5(snap.config)
        net.set_params(snap.params)
        return Trainer(net, self.state.data, self.settings_panel.train_config())

    def _trainer_matches(self) -> bool:
        t, want = self.trainer, self.settings_panel.train_config()
        if t is None or t.finished or t.data is not self.state.data:
            return False
        same = replace(t.config, learning_rate=want.learning_rate, momentum=want.momentum)
        return same == want and t.net.config == self.state.snapshot.config

    def start_training(self, running: bool = True) -> bool:
        if self.session is not None:
            return True
        if self.state.data is None or self.state.snapshot is None:
            return False
        if not self._trainer_matches():
            try:
                self.trainer = self._new_trainer()
            except ValueError as exc:
                QMessageBox.warning(self, self.tr("Cannot train"), str(exc))
                return False
        cfg = self.settings_panel.train_config()
        control = RunControl(running=running)
        control.learning_rate = cfg.learning_rate
        control.momentum = cfg.momentum
        control.set_delay(delay_for_speed(self.speed_slider.value()))
        self._run_total_batches = self.trainer.total_batches
        self.session = TrainingThread(self.trainer, control, cfg.batch_size, self.publish_hz, self)
        self.session.payload_ready.connect(self._on_payload)
        self.session.failed.connect(self._on_training_failed)
        self.session.finished.connect(self._on_session_finished)
        self.session.start()
        self._set_training_state("running" if running else "paused")
        return True

    @property
    def control(self) -> RunControl | None:
        return None if self.session is None else self.session.control

    @Slot()
    def _on_train_triggered(self) -> None:
        if self.session is None:
            self.start_training(running=True)
        elif self.control.running:
            self.control.pause()
            self._set_training_state("paused")
        else:
            self.control.resume()
            self._set_training_state("running")

    @Slot()
    def _on_step_triggered(self) -> None:
        if self.session is None and not self.start_training(running=False):
            return
        self.control.step(1)
        self._set_training_state("paused")

    @Slot()
    def _on_stop_triggered(self) -> None:
        self.stop_training()

    def stop_training(self) -> None:
        session, self.session = self.session, None
        if session is None:
            return
        session.payload_ready.disconnect(self._on_payload)
        session.stop()
        payload = session.take()  # the final flush: its losses must not be lost
        if payload is not None:
            self._on_payload(payload)
        self.flush_frame()
        session.failed.disconnect(self._on_training_failed)
        session.finished.disconnect(self._on_session_finished)
        session.setParent(None)
        self._set_training_state("stopped")
        self._set_status(lambda: self.tr("Stopped") + self._status_suffix())

    @Slot(object)
    def _on_payload(self, payload: Payload) -> None:
        """Bookkeeping only; the drawing happens in paced frames (_render_frame)."""
        self.last_payload = payload
        self._pending_snapshot = payload.snapshot
        self._pending_reports.extend(payload.reports)
        for r in payload.reports:
            if r.test is not None:
                self.last_test_accuracy = r.test.accuracy
            if r.diverged:
                self._pending_error = (self.tr("Training diverged"), r.diverged)
        if payload.reports:
            self.last_report = payload.reports[-1]
        self._request_frame()

    def _min_frame_gap(self) -> float:
        return max(1.0 / self.publish_hz, self._frame_cost / GUI_DUTY)

    def _request_frame(self, now: bool = False) -> None:
        if self._frame_busy:
            return  # _on_frame_done asks again
        if now:
            self._frame_timer.stop()
            self._render_frame()
            return
        if not self._frame_timer.isActive():
            wait = self._frame_t0 + self._min_frame_gap() - time.perf_counter()
            self._frame_timer.start(max(0, int(wait * 1000)))

    @Slot()
    def _render_frame(self) -> None:
        snap, self._pending_snapshot = self._pending_snapshot, None
        reports, self._pending_reports = self._pending_reports, []
        if snap is None and not reports:
            return
        self._frame_t0 = time.perf_counter()
        self._frame_busy = True
        self.frames += 1
        if self.session is not None and HOLD_TRAINER_WHILE_DRAWING:
            self.session.hold(True)
        if reports:
            self.state.reports_arrived.emit(reports)
            self._show_progress(reports[-1])
        if snap is not None:
            self.state.set_weights(snap)  # the panels get it one per turn, then frame_done
        if not self.state.frame_pending:
            QTimer.singleShot(self.state.spread_interval_ms, self._on_frame_done)

    @Slot()
    def _on_frame_done(self) -> None:
        if not self._frame_busy:
            return
        self._frame_busy = False
        if self.session is not None:
            self.session.hold(False)
        # Busy time: the frame's wall time less the pauses left between the panels' turns.
        turns = max(self.state.turns, 1)
        cost = max(0.0, time.perf_counter() - self._frame_t0
                   - turns * self.state.spread_interval_ms / 1000)
        self._frame_cost = 0.7 * self._frame_cost + 0.3 * min(cost, 2.0)
        if self._pending_snapshot is not None or self._pending_reports:
            self._request_frame()

    def _show_progress(self, r: StepReport) -> None:
        if r.diverged:
            self._set_status(lambda: self.tr("Diverged: the last good weights were restored"))
            return
        total = max(self._run_total_batches, 1)
        epochs = max(1, total // max(r.batches_per_epoch, 1))
        batch_size = max(self.settings_panel.train_config().batch_size, 1)
        rate = r.samples_per_s
        eta = (total - r.step) * batch_size / rate if rate > 0 else math.nan
        self._set_status(lambda: self.tr("epoch {0}/{1} · batch {2}/{3} · {4:,.0f} samples/s · "
                                 "ETA {5}").format(r.epoch + 1, epochs, r.batch + 1,
                                                   r.batches_per_epoch, rate,
                                                   _fmt_duration(eta) if math.isfinite(eta)
                                                   else "–") + self._status_suffix())
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(min(r.step, total))

    def _status_suffix(self) -> str:
        if self.last_test_accuracy is None:
            return ""
        return self.tr(" · test {0:.2f} %").format(100 * self.last_test_accuracy)

    @Slot(str)
    def _on_training_failed(self, message: str) -> None:
        self.trainer = None  # its state may be half-updated; the next run starts afresh
        self._pending_error = (self.tr("Training failed"),
                               self.tr("The training thread stopped with an error:\n\n{0}\n\n"
                                       "The weights of the last update are kept.").format(message))

    def flush_frame(self) -> None:
        """Show what is pending now, without pacing (end of a run, tests)."""
        self._frame_timer.stop()
        self._frame_busy = False
        if self.session is not None:
            self.session.hold(False)
        self._render_frame()

    @Slot()
    def _on_session_finished(self) -> None:
        self.flush_frame()
        session, self.session = self.session, None
        if session is not None:
            session.setParent(None)
        trainer_done = self.trainer is not None and self.trainer.finished
        error, self._pending_error = self._pending_error, None
        if error is not None and self.last_report is not None and self.last_report.diverged:
            self.trainer = None
        self._set_training_state("stopped" if error else "idle")
        if error is not None:
            self._set_status(error[0])
            QMessageBox.warning(self, *error)
        elif trainer_done:
            self.trainer = None
            self._set_status(lambda: self.tr("Training finished") + self._status_suffix())

    @Slot(int)
    def _on_speed_changed(self, position: int) -> None:
        delay = delay_for_speed(position)
        if delay == 0:
            self.speed_value.setText(self.tr("full speed"))
        elif delay >= 0.1:
            self.speed_value.setText(self.tr("{0:.1f} s / batch").format(delay))
        else:
            self.speed_value.setText(self.tr("+{0:.0f} ms / batch").format(delay * 1000))
        if self.control is not None:
            self.control.set_delay(delay)

    @Slot(float)
    def _on_learning_rate_changed(self, value: float) -> None:
        if self.control is not None:
            self.control.learning_rate = value  # read by the trainer before the next batch

    @Slot(float)
    def _on_momentum_changed(self, value: float) -> None:
        if self.control is not None:
            self.control.momentum = value

    @Slot(object)
    def _on_train_config_changed(self, config: TrainConfig) -> None:
        if self.session is not None:
            self.statusBar().showMessage(self.tr("Batch size, epochs and augmentation apply "
                                                 "to the next run (Stop, then Train)"), 6000)

    @Slot(object)
    def _on_model_config_requested(self, config: LeNetConfig) -> None:
        current = self.state.snapshot.config if self.state.snapshot else None
        if config == current:
            return
        answer = QMessageBox.question(
            self, self.tr("Change the architecture?"),
            self.tr("This architecture needs new weights: the current ones will be replaced by "
                    "random weights and training starts again. Continue?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            if current is not None:
                self.settings_panel.set_model_config(current)
            return
        self.stop_training()
        self._set_random_weights(config)
        self.loss_panel.clear()
        self.last_test_accuracy = None
        self._set_training_state("idle")
        self.statusBar().showMessage(self.tr("New architecture, random weights"), 5000)

    @Slot()
    def _on_reset_weights(self) -> None:
        self.stop_training()
        self._set_random_weights(self.settings_panel.model_config())
        self.loss_panel.clear()
        self.last_test_accuracy = None
        self._set_training_state("idle")
        self._set_status(lambda: self.tr("New random weights"))

    # ================================================================= checkpoints

    @Slot()
    def _on_open_checkpoint(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open checkpoint"), "",
                                              self.tr("Checkpoints (*.npz);;All files (*)"))
        if path:
            self.open_checkpoint(path)

    def open_checkpoint(self, path: str | Path) -> bool:
        try:
            ckpt = load_checkpoint(path)  # validated before anything changes
        except CheckpointError as exc:
            QMessageBox.critical(self, self.tr("Cannot open checkpoint"),
                                 self.tr("{0}\n\nThe current weights are unchanged.").format(exc))
            return False
        self.stop_training()
        self._apply_checkpoint(ckpt)
        self._set_training_state("idle")
        self._set_status(lambda: self.tr("Opened {0}").format(Path(path).name))
        return True

    @Slot()
    def _on_save_checkpoint(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save checkpoint"), "lenet5.npz",
                                              self.tr("Checkpoints (*.npz)"))
        if path:
            self.save_checkpoint(path)

    def save_checkpoint(self, path: str | Path) -> Path | None:
        snap = self.state.snapshot
        if snap is None:
            return None
        net = LeNet5(snap.config)
        net.set_params(snap.params)
        r = self.last_report
        try:
            out = save_checkpoint(path, net, epoch=None if r is None else r.epoch,
                                  step=None if r is None else r.step,
                                  test_accuracy=self.last_test_accuracy)
        except (OSError, ValueError) as exc:
            QMessageBox.critical(self, self.tr("Cannot save checkpoint"), str(exc))
            return None
        self._set_status(lambda: self.tr("Saved {0}").format(out.name))
        return out

    # ================================================================= workspace

    @Slot()
    def _on_open_workspace(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open workspace"), "",
                                              self.tr("Workspaces (*.npz);;All files (*)"))
        if path:
            self.open_workspace(path)

    def open_workspace(self, path: str | Path) -> bool:
        """Restore configuration, weights and loss history; a file that does not validate
        changes nothing (the message says why)."""
        try:
            ws = read_workspace(path)  # everything validated before anything changes
        except (CheckpointError, WorkspaceError) as exc:
            QMessageBox.critical(self, self.tr("Cannot open workspace"),
                                 self.tr("{0}\n\nNothing was changed.").format(exc))
            return False
        self.stop_training()
        self._apply_checkpoint(ws.checkpoint)
        if ws.train_config is not None:
            self.settings_panel.set_train_config(ws.train_config)
        self.loss_panel.set_history(ws.history)
        if ws.test_accuracy is not None:
            self.last_test_accuracy = ws.test_accuracy
        if ws.probe_index is not None and self.state.data is not None \
                and ws.probe_index < len(self.state.data.test_labels):
            self.probe_spin.setValue(ws.probe_index)
        self._set_training_state("idle")
        name = Path(path).name
        self._set_status(lambda: self.tr("Opened workspace {0}").format(name))
        return True

    @Slot()
    def _on_save_workspace(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save workspace"),
                                              "lenet5-workspace.npz",
                                              self.tr("Workspaces (*.npz)"))
        if path:
            self.save_workspace(path)

    def save_workspace(self, path: str | Path) -> Path | None:
        """Weights, model and training configuration, loss history: one checkpoint file,
        written atomically."""
        snap = self.state.snapshot
        if snap is None:
            return None
        net = LeNet5(snap.config)
        net.set_params(snap.params)
        r = self.last_report
        probe = self.state.probe
        arrays, meta = workspace_arrays(self.loss_panel.history(),
                                        self.settings_panel.train_config())
        try:
            out = save_checkpoint(path, net, extra_arrays=arrays, **meta,
                                  epoch=None if r is None else r.epoch,
                                  step=None if r is None else r.step,
                                  test_accuracy=self.last_test_accuracy,
                                  probe_index=None if probe is None or probe.source[:4] != "test"
                                  else probe.index)
        except (OSError, ValueError) as exc:
            QMessageBox.critical(self, self.tr("Cannot save workspace"), str(exc))
            return None
        self._set_status(lambda: self.tr("Saved workspace {0}").format(out.name))
        return out

    # ================================================================= export

    def export_panel(self, name: str, path: str | Path, fmt: str | None = None) -> Path | None:
        dock = self.docks[name]
        widget = dock.widget()
        if not dock.isVisible() or widget is None or not widget.isVisible():
            dock.show()
            dock.raise_()
            QApplication.processEvents()
        try:
            out = export_widget(widget, path, fmt, title=dock.windowTitle())
        except ExportError as exc:
            QMessageBox.critical(self, self.tr("Cannot export"), str(exc))
            return None
        self._set_status(lambda: self.tr("Exported {0}").format(out.name))
        return out

    def _ask_picture_path(self, stem: str, fmt: str | None) -> tuple[str, str | None]:
        filters = {"png": self.tr("PNG image (*.png)"), "svg": self.tr("SVG drawing (*.svg)")}
        if fmt is None:
            chosen = ";;".join(filters.values())
            path, flt = QFileDialog.getSaveFileName(self, self.tr("Export"), f"{stem}.png",
                                                    chosen)
            fmt = "svg" if (path.lower().endswith(".svg") or flt == filters["svg"]) else "png"
        else:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export"), f"{stem}.{fmt}",
                                                  filters[fmt])
        return path, fmt

    @Slot()
    def _on_export_action(self) -> None:
        name, fmt = self.sender().data()
        self._export_dock(name, fmt)

    def _export_dock(self, name: str, fmt: str | None) -> None:
        path, fmt = self._ask_picture_path(name, fmt)
        if path:
            self.export_panel(name, path, fmt)

    @Slot()
    def _on_export_window(self) -> None:
        path, fmt = self._ask_picture_path("lenet-gui", None)
        if not path:
            return
        try:
            out = export_widget(self, path, fmt, title=self.windowTitle())
        except ExportError as exc:
            QMessageBox.critical(self, self.tr("Cannot export"), str(exc))
            return
        self._set_status(lambda: self.tr("Exported {0}").format(out.name))

    @Slot()
    def _on_export_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the loss history"),
                                              "loss-history.csv", self.tr("CSV table (*.csv)"))
        if path:
            self.export_history_csv(path)

    def export_history_csv(self, path: str | Path) -> Path | None:
        try:
            out = write_history_csv(self.loss_panel.history(), path)
        except ExportError as exc:
            QMessageBox.critical(self, self.tr("Cannot export"), str(exc))
            return None
        self._set_status(lambda: self.tr("Exported {0}").format(out.name))
        return out

    # ================================================================= help, language

    def dock_title(self, name: str) -> str:
        spec = next(s for s in DOCKS if s.name == name)
        return _tr(spec.title)

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
        return menu

    @Slot()
    def _on_help_action(self) -> None:
        self.show_panel_help(self.sender().data())

    def show_panel_help(self, name: str):
        return app_help.show_panel_help(self, name, self.dock_title(name))

    @Slot()
    def _on_panel_help(self) -> None:
        """Shift+F1: the panel holding the keyboard focus (else the shortcuts)."""
        w = QApplication.focusWidget()
        while w is not None and not isinstance(w, QDockWidget):
            w = w.parentWidget()
        if w is not None and w.objectName() in self.docks:
            self.show_panel_help(w.objectName())
        else:
            self.show_shortcuts()

    @Slot()
    def show_shortcuts(self):
        dialog = app_help.ShortcutsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    @Slot()
    def show_about(self):
        return app_help.show_about(self)

    @Slot()
    def _on_language_action(self) -> None:
        self.set_language(self.sender().data())

    def set_language(self, language: str) -> bool:
        """Switch the interface language now (every panel retranslates) and remember it."""
        ok = i18n.set_language(language)
        if ok and self.settings is not None:
            self.settings.setValue(LANGUAGE_KEY, i18n.current_language())
            self.settings.sync()
        self._sync_language_actions()
        if not ok:
            QMessageBox.warning(self, self.tr("Language"),
                                self.tr("The translation could not be loaded."))
        return ok

    def _sync_language_actions(self) -> None:
        current = i18n.current_language()
        for code, a in self.language_actions.items():
            a.setChecked(code == current)

    # ================================================================= status, close

    def _set_status(self, text: str | Callable[[], str]) -> None:
        """`text`, or a function giving it in the current language (kept for LanguageChange)."""
        self._status_text = text if callable(text) else (lambda: text)
        self.status_label.setText(self._status_text())

    def closeEvent(self, event) -> None:  # noqa: N802
        self.stop_training()  # stop(), quit(), wait(): the trainer thread ends before we do
        shutdown_jobs()  # cancel evaluation jobs and wait: their signals die with the panels
        self.save_layout()
        super().closeEvent(event)
