"""The main window: a toolbar to train, pause, step and stop; dockable panels that follow the
training live; checkpoints, workspaces and exports; a versioned, restorable dock layout. The
window wires the application model (AppState) to its docks; the concerns live beside it:
actions and menus (actions.py), docks and layout (docks.py), files (files.py), the training
session and its frames (gui/session.py)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import (
    QEvent,
    QObject,
    QRunnable,
    QSettings,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QGuiApplication, QImage, QPixmap
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMessageBox

from lenet_gui.data import Dataset, IdxFormatError, load_mnist
from lenet_gui.gui import i18n
from lenet_gui.gui.i18n import LANGUAGES
from lenet_gui.gui.i18n import SETTINGS_KEY as LANGUAGE_KEY
from lenet_gui.model import LeNetConfig, NetworkSnapshot, release_free_memory
from lenet_gui.train import CheckpointError, StepReport, TrainConfig, Trainer, load_checkpoint

from ..jobs import shutdown_jobs
from ..session import ModelNotices, SessionMixin
from ..state import AppState, Probe
from ..theme import apply_plot_palette
from ..timeline.window import TimelineWindowMixin
from ..worker import Payload, TrainingThread
from .actions import ActionsMixin
from .docks import FRAME_ALLOWANCE, DocksMixin, first_window_size
from .files import FilesMixin
from .perspectives import PerspectivesMixin
from .runs import RunsMixin

# Free heap pages go back to the system this often (glibc's malloc_trim, 1-7 ms). The training,
# drawing and evaluation threads free memory in different places of the heap, and glibc keeps
# such holes resident: in a 14-minute soak the heap held 40-52 MB of free memory, growing, and
# while the window trains ~20 MB of it comes back within 10 s of a trim (measured every 10 s:
# 206-215 MB anonymous before a trim, 183-200 after). Every 10 s costs the GUI thread ~0.03 %.
TRIM_MS = 10_000


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


class MainWindow(ActionsMixin, PerspectivesMixin, DocksMixin, SessionMixin, RunsMixin, FilesMixin,
                 TimelineWindowMixin, QMainWindow):
    """`data`: use this data set instead of loading MNIST (tests); `data_dir`: where to load it
    from (None: the embedded MNIST); `weights`: a checkpoint to start from (None: the shipped
    weights, as a read-only run; False: a new run from random weights); `settings`: a QSettings
    for the layout (None: not persisted); `runs_dir`: where runs are kept (None: the user's
    data folder)."""

    def __init__(self, state: AppState | None = None, *, data: Dataset | None = None,
                 data_dir=None, weights: str | Path | None | bool = None,
                 settings: QSettings | None = None, train_config: TrainConfig | None = None,
                 publish_hz: float = 20.0, runs_dir=None, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self.state = state or AppState(self)
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
        self.model_notices: list[str] = []  # warnings of the model, as shown in the status bar
        self._notices = ModelNotices(self)
        self._notices.noticed.connect(self._on_model_notice)
        self._frame_timer = QTimer(self)
        self._frame_timer.setSingleShot(True)
        self._frame_timer.timeout.connect(self._render_frame)
        self._trim_timer = QTimer(self)
        self._trim_timer.setInterval(TRIM_MS)
        self._trim_timer.timeout.connect(release_free_memory)
        self._trim_timer.start()

        if train_config is not None:
            self.state.set_train_config(train_config)
        self._build_actions()
        self._build_toolbar()
        self._build_menus()
        self._build_status_bar()
        self.docks: dict[str, QDockWidget] = {}
        self._build_docks()
        self._build_perspectives()
        self._build_timeline_ui()
        self.retranslate_ui()
        self._fit_to_screen()  # first: the default sizes of the docks are shared out of this
        self.apply_default_layout()
        self.restore_layout()
        self.restore_current_perspective()

        self.state.model_config_requested.connect(self._on_model_config_requested)
        self.state.dock_requested.connect(self._on_dock_requested)
        self.state.timeline_export_requested.connect(self._on_timeline_export_requested)
        self.state.changed.connect(self._on_state_changed)
        self.scheduler.frame_done.connect(self._on_frame_done)

        self._init_runs(runs_dir)
        self._load_initial_weights(weights)
        if data is not None:
            self.state.set_data(data)
        else:
            self.load_data(data_dir)
        self._set_training_state("idle")
        self._sync_language_actions()
        apply_plot_palette(self)

    def _fit_to_screen(self) -> None:
        """The first window: 1400×900 where the screen has room, else as large as the screen's
        available area allows with the window's frame, centred on it (a saved geometry, if
        any, replaces this in restore_layout)."""
        available = self.screen().availableGeometry()
        size = first_window_size(available)
        self.resize(size)
        frame = size + FRAME_ALLOWANCE
        self.move(available.x() + max(0, (available.width() - frame.width()) // 2),
                  available.y() + max(0, (available.height() - frame.height()) // 2))

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
            self._retranslate_panels()
        elif event.type() == QEvent.Type.PaletteChange:
            apply_plot_palette(self)
        super().changeEvent(event)

    @Slot(str)
    def _on_model_notice(self, message: str) -> None:
        """A warning of the model (e.g. the helper process died and training goes on in one
        process): said once in the status bar, where it stays a while."""
        self.model_notices.append(message)
        self.statusBar().showMessage(self.tr("Note: {0}").format(message), 30000)

    @Slot(str)
    def _on_state_changed(self, topic: str) -> None:
        if topic == "data":
            self._on_data_loaded(self.state.data)
        elif topic == "probe":
            self._on_probe_changed(self.state.probe)
        elif topic in ("trace", "snapshot"):
            self._update_probe_text()
        elif topic == "train_config":
            self._on_train_config_changed(self.state.train_config)
        elif topic == "runs":
            self._show_title()

    def _show_title(self) -> None:
        """The window's title names the run its training panels show. Qt adds the application's
        display name ("… — LeNet-5 Studio") where the platform's title bars do (X11, Windows;
        not macOS, where the name is written out)."""
        run, name = self.state.run, self.tr("LeNet-5 Studio")
        if run is None:
            self.setWindowTitle(name)
        else:
            own = QGuiApplication.platformName() == "cocoa"
            self.setWindowTitle(f"{name} — {run.name}" if own else run.name)

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

    def _on_data_loaded(self, data: Dataset) -> None:
        self.probe_spin.setRange(0, len(data.test_labels) - 1)
        self._set_status(lambda: self.tr("{0:,} training and {1:,} test images loaded").format(
            len(data.train_labels), len(data.test_labels)))
        self._update_enabled()

    def _load_initial_weights(self, weights) -> None:
        """The shipped weights as a read-only run (Train then starts a new run from random
        weights), a checkpoint to start a run from, or (False) a new run at once."""
        if weights is False:
            self.new_run()
            return
        shipped = weights in (None, True)
        path = default_weights_path() if shipped else Path(weights)
        if path is None or not path.is_file():
            self.new_run()
            self.statusBar().showMessage(self.tr("No shipped weights found ({0}): starting "
                                                 "from random weights").format(path), 10000)
            return
        try:
            ckpt = load_checkpoint(path)
        except CheckpointError as exc:
            self.new_run()
            self.statusBar().showMessage(self.tr("Shipped weights unusable ({0}): starting "
                                                 "from random weights").format(exc), 10000)
            return
        if shipped:
            acc = ckpt.meta.get("test_accuracy")
            name = self.tr("pretrained ({0:.2f} %)").format(100 * acc) \
                if isinstance(acc, float) else self.tr("pretrained")
            self.run_from_checkpoint(ckpt, name, read_only=True)
        else:
            self.run_from_checkpoint(ckpt, path.name)

    def _model_config(self) -> LeNetConfig:
        snap = self.state.snapshot
        return snap.config if snap is not None else LeNetConfig()

    @Slot(int)
    def _on_probe_index_changed(self, index: int) -> None:
        data = self.state.data
        if data is not None and 0 <= index < len(data.test_labels):
            self.state.set_probe(Probe.from_test(data, index))

    def _on_probe_changed(self, probe: Probe) -> None:
        if probe.index is not None and probe.source.startswith("test"):
            blocker = self.probe_spin.blockSignals(True)
            self.probe_spin.setValue(probe.index)
            self.probe_spin.blockSignals(blocker)
        x = np.asarray(probe.x, np.float32).reshape(32, 32)
        img = np.clip((x + 0.1) / 1.275 * 255, 0, 255).astype(np.uint8)  # −0.1 … 1.175
        img = np.ascontiguousarray(img)
        qimg = QImage(img.data, 32, 32, 32, QImage.Format.Format_Grayscale8).copy()
        self.probe_image.setPixmap(QPixmap.fromImage(qimg))
        self._update_probe_text()

    def _update_probe_text(self) -> None:
        probe = self.state.probe
        if probe is None:
            self.probe_text.setText("")
            return
        label = "?" if probe.label is None else str(probe.label)
        if not self.state.trace_current:  # the shared trace: no forward pass of our own
            self.probe_text.setText(self.tr(" {0}: label {1}").format(probe.name, label))
            return
        y = self.state.trace.y
        k = int(np.argmax(y))
        self.probe_text.setText(self.tr(" {0}: label {1} · net says {2} ({3:.0f} %)").format(
            probe.name, label, k, 100 * float(y[k])))

    def closeEvent(self, event) -> None:  # noqa: N802
        self.stop_training()  # stop(), quit(), wait(): the trainer thread ends before we do
        self.store.empty_trash()  # deleted runs can be undone until now
        for panel in self.panels():
            panel.shutdown()
        shutdown_jobs()  # cancel evaluation jobs and wait: their signals die with the panels
        self.scheduler.stop()
        self.state.shutdown()
        self._notices.close()
        self.save_perspective()
        self.save_layout()
        super().closeEvent(event)
