"""The main window: a toolbar to train, pause, step and stop; dockable panels that follow the
training live; checkpoints, workspaces and exports; a versioned, restorable dock layout.

The window is composed of parts, each handed the application model (AppState) and what else it
uses, each offering a small public interface: the training session (gui/session.py), the runs
(runs.py), the docks (docks.py), the files (files.py), the perspectives (perspectives.py), the
timeline's controls (timeline/window.py), the probe picker (probe.py), the status line
(gui/status.py) and the actions, toolbar and menus that trigger them (actions.py). The window
itself loads the data, names the run in its title, passes the model's notices on, and closes
the parts in order."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QMessageBox

from lenet_gui.data import Dataset, IdxFormatError, load_mnist, read_ahead
from lenet_gui.gui import i18n, whats_this
from lenet_gui.gui.i18n import LANGUAGES
from lenet_gui.gui.i18n import SETTINGS_KEY as LANGUAGE_KEY
from lenet_gui.gui.jobs import JobRunner, shutdown_jobs
from lenet_gui.gui.session import ModelNotices, TrainingSession
from lenet_gui.gui.state import AppState
from lenet_gui.gui.status import StatusLine
from lenet_gui.gui.theme import apply_plot_palette
from lenet_gui.gui.timeline.window import TimelineControls
from lenet_gui.gui.widgets import accessible
from lenet_gui.gui.widgets.language import RetranslatesItself
from lenet_gui.gui.window.accessibility import AccessibilityController
from lenet_gui.gui.window.actions import ActionsController
from lenet_gui.gui.window.docks import FRAME_ALLOWANCE, DockHost, first_window_size
from lenet_gui.gui.window.files import FilesController
from lenet_gui.gui.window.labs import LabsController
from lenet_gui.gui.window.perspectives import Perspectives
from lenet_gui.gui.window.probe import ProbePicker
from lenet_gui.gui.window.runs import RunsController
from lenet_gui.model import release_free_memory
from lenet_gui.train import TrainConfig

# Free heap pages go back to the system this often (glibc's malloc_trim, 1-7 ms). The training,
# drawing and evaluation threads free memory in different places of the heap, and glibc keeps
# such holes resident: in a 14-minute soak the heap held 40-52 MB of free memory, growing, and
# while the window trains ~20 MB of it comes back within 10 s of a trim (measured every 10 s:
# 206-215 MB anonymous before a trim, 183-200 after). Every 10 s costs the GUI thread ~0.03 %.
TRIM_MS = 10_000


def _load_job(directory, progress, _should_stop) -> Dataset:
    """Read MNIST (a Job on the "load" pool), reporting each file by name; or take what the
    start read ahead (data/read_ahead.py) while it imported the window's libraries."""
    ahead = read_ahead.take(directory)
    if ahead is not None:
        data = ahead.result()
        progress(1, 1, "done")
        return data
    return load_mnist(directory, progress=lambda name, done, total: progress(done, total, name))


def _describe_load_failure(exc: Exception) -> str | None:
    """A bad or missing file is said as it is; anything else with its type (and a traceback)."""
    return str(exc) if isinstance(exc, (IdxFormatError, OSError)) else None


class _Of:
    """A read-only attribute of the window that is one of its parts': in the class body,
    `train_action = _Of("commands")` makes `window.train_action` the commands part's
    `train_action`, and `session = _Of("training_session", "thread")` the session's `thread`.
    Tests, What's This and the screenshot harness reach the window's widgets and commands by
    these names."""

    def __init__(self, part: str, name: str | None = None) -> None:
        self.part, self.name = part, name

    def __set_name__(self, owner, name: str) -> None:
        self.name = self.name or name

    def __get__(self, window, owner=None):
        if window is None:
            return self
        return getattr(getattr(window, self.part), self.name)

    def __set__(self, window, value) -> None:
        raise AttributeError(f"{self.name} is the window's {self.part}'s: set it there")


class MainWindow(RetranslatesItself, QMainWindow):
    """`data`: use this data set instead of loading MNIST (tests); `data_dir`: where to load it
    from (None: the embedded MNIST); `weights`: a checkpoint to start from (None: the shipped
    weights, as a read-only run; False: a new run from random weights); `settings`: a QSettings
    for the layout (None: not persisted); `runs_dir`: where runs are kept, `labs_dir` where the
    lab progress is kept (None: the user's data folder); `my_digits_dir`: the user's own digits
    (None: beside the runs)."""

    # the training session
    session = _Of("training_session", "thread")  # the worker's thread while a run trains, else None
    trainer = _Of("training_session")
    control = _Of("training_session")
    last_report = _Of("training_session")
    last_payload = _Of("training_session")
    frames = _Of("training_session")
    start_training = _Of("training_session", "start")
    stop_training = _Of("training_session", "stop")
    flush_frame = _Of("training_session")
    # the runs
    store = _Of("runs")
    experiment_queue = _Of("runs")
    new_run = _Of("runs")
    run_from_checkpoint = _Of("runs")
    save_current_run = _Of("runs")
    export_run = _Of("runs")
    # the files
    open_checkpoint = _Of("files")
    save_checkpoint = _Of("files")
    open_workspace = _Of("files")
    save_workspace = _Of("files")
    export_panel = _Of("files")
    export_history_csv = _Of("files")
    # the docks and the layout
    docks = _Of("dock_host")
    scheduler = _Of("dock_host")  # when the due panels draw (one per event-loop turn)
    dock = _Of("dock_host")
    panel = _Of("dock_host")
    panels = _Of("dock_host")
    dock_title = _Of("dock_host")
    apply_default_layout = _Of("dock_host")
    restore_layout = _Of("dock_host")
    save_layout = _Of("dock_host")
    # the perspectives
    perspective_menu = _Of("perspectives", "menu")
    perspective_actions = _Of("perspectives", "actions")
    perspective_label = _Of("perspectives", "label")
    reset_perspective_action = _Of("perspectives", "reset_action")
    current_perspective = _Of("perspectives", "current")
    set_perspective = _Of("perspectives")
    apply_perspective_default = _Of("perspectives", "apply_default")
    save_perspective = _Of("perspectives", "save")
    reset_perspective = _Of("perspectives")
    reset_layout = _Of("perspectives")  # the general layout: no perspective is current
    # the timeline
    banner = _Of("timeline_controls")
    banner_bar = _Of("timeline_controls")
    timeline_actions = _Of("timeline_controls", "actions")
    timeline_menu = _Of("timeline_controls", "menu")
    # the probe picker and the status line
    probe_label = _Of("probe", "label")
    probe_spin = _Of("probe", "spin")
    probe_image = _Of("probe", "image")
    probe_text = _Of("probe", "text")
    status_label = _Of("status", "label")
    progress_bar = _Of("status")
    # the actions, the toolbar and the menus
    train_action = _Of("commands")
    step_action = _Of("commands")
    stop_action = _Of("commands")
    reset_action = _Of("commands")
    finetune_action = _Of("commands")
    open_workspace_action = _Of("commands")
    save_workspace_action = _Of("commands")
    open_action = _Of("commands")
    save_action = _Of("commands")
    export_window_action = _Of("commands")
    export_csv_action = _Of("commands")
    quit_action = _Of("commands")
    reset_layout_action = _Of("commands")
    shortcuts_action = _Of("commands")
    about_action = _Of("commands")
    panel_help_action = _Of("commands")
    whats_this_action = _Of("commands")
    export_actions = _Of("commands")
    help_actions = _Of("commands")
    language_actions = _Of("commands")
    toolbar = _Of("commands")
    speed_label = _Of("commands")
    speed_slider = _Of("commands")
    speed_value = _Of("commands")
    file_menu = _Of("commands")
    export_menu = _Of("commands")
    train_menu = _Of("commands")
    view_menu = _Of("commands")
    language_menu = _Of("commands")
    help_menu = _Of("commands")
    panel_help_menu = _Of("commands")
    dock_menu = _Of("commands")
    show_panel_help = _Of("commands")
    show_shortcuts = _Of("commands")
    show_about = _Of("commands")
    set_language = _Of("commands")

    def __init__(self, state: AppState | None = None, *, data: Dataset | None = None,
                 data_dir=None, weights: str | Path | None | bool = None,
                 settings: QSettings | None = None, train_config: TrainConfig | None = None,
                 publish_hz: float = 20.0, runs_dir=None, labs_dir=None, my_digits_dir=None,
                 parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self.state = state or AppState(self)
        self.settings = settings
        saved_language = settings.value(LANGUAGE_KEY) if settings is not None else None
        if isinstance(saved_language, str) and saved_language in LANGUAGES:
            i18n.set_language(saved_language)
        self.model_notices: list[str] = []  # warnings of the model, as shown in the status bar
        self._notices = ModelNotices(self)
        self._notices.noticed.connect(self._on_model_notice)
        # Loading MNIST: one job at a time (another folder replaces the load before)
        self._loader = JobRunner(tuple, self._on_load_finished, self, self._on_load_progress,
                                 pool_name="load", on_failed=self._on_load_failed)
        self._trim_timer = QTimer(self)
        self._trim_timer.setInterval(TRIM_MS)
        self._trim_timer.timeout.connect(release_free_memory)
        self._trim_timer.start()
        if train_config is not None:
            self.state.set_train_config(train_config)

        # The parts, each handed what it uses: a part is made after those it is handed.
        state = self.state
        self.status = StatusLine(self)
        self.dock_host = DockHost(self, state, settings, self.status)
        self.training_session = TrainingSession(state, self.dock_host.scheduler, self.status,
                                                self, publish_hz)
        self.runs = RunsController(state, self.training_session, self.status, self, runs_dir,
                                   my_digits_dir)
        self.files = FilesController(state, self.training_session, self.runs, self.dock_host,
                                     self.status, self)
        self.perspectives = Perspectives(self, self.dock_host, settings, self.status)
        self.timeline_controls = TimelineControls(self, state)
        self.probe = ProbePicker(state, self)
        self.commands = ActionsController(self, state, settings, self.training_session,
                                          self.runs, self.files, self.dock_host,
                                          self.perspectives, self.timeline_controls, self.probe)
        self.accessibility = AccessibilityController(self, self.dock_host, settings,
                                                     self.commands.view_menu)
        self.labs = LabsController(self, state, self.dock_host, self.perspectives, self.status,
                                   settings, labs_dir)
        self.labs.add_to_menus(self.commands.file_menu, self.commands.quit_action,
                               self.commands.view_menu)
        self.addToolBarBreak()  # the timeline's banner: a row of its own, under the toolbar
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.timeline_controls.banner_bar)

        self.retranslate()
        self._fit_to_screen()  # first: the default sizes of the docks are shared out of this
        self.dock_host.apply_default_layout()
        self.dock_host.restore_layout()
        self.perspectives.restore_current()

        state.changed.connect(self._on_state_changed)
        self.runs.start_from(weights)
        if data is not None:
            state.set_data(data)
        else:
            self.load_data(data_dir)
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

    @property
    def training_state(self) -> str:
        """"idle", "running", "paused" or "stopped": the state's, which the session sets."""
        return self.state.training

    @property
    def last_test_accuracy(self) -> float | None:
        return self.state.test_accuracy

    def retranslate(self) -> None:
        """Every text the window and its parts set themselves, in the current language (the
        panels, the timeline's bar and banner retranslate themselves: RetranslatesItself)."""
        self._show_title()
        self.dock_host.retranslate()  # first: the actions name the docks by their titles
        self.commands.retranslate()
        self.perspectives.retranslate()
        self.labs.retranslate()
        self.timeline_controls.retranslate()
        self.status.retranslate()
        self.accessibility.retranslate()
        accessible.due(self)
        whats_this.apply_window(self, {name: self.dock_host.panel_help_html(name)
                                       for name in self.dock_host.docks})

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.PaletteChange:
            apply_plot_palette(self)
        super().changeEvent(event)  # LanguageChange: RetranslatesItself

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.dock_host.window_shown()
        accessible.due(self)

    @Slot(str)
    def _on_model_notice(self, message: str) -> None:
        """A warning of the model (e.g. the helper process died and training goes on in one
        process): said once in the status bar, where it stays a while."""
        self.model_notices.append(message)
        self.status.note(self.tr("Note: {0}").format(message), 30000)

    @Slot(str)
    def _on_state_changed(self, topic: str) -> None:
        if topic == "data":
            self._on_data_loaded(self.state.data)
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
            title = run.name if run.save_error is None else \
                self.tr("{0} (not saved)").format(run.name)  # its last save failed
            self.setWindowTitle(f"{name} — {title}" if own else title)

    def load_data(self, directory=None) -> None:
        """Read MNIST in a background job (gui/jobs.py); progress and the result come back to
        the window's loader."""
        self.status.say(lambda: self.tr("Loading MNIST…"))
        self.status.set_progress(0, 4)
        self._loader.start(partial(_load_job, directory), (), describe=_describe_load_failure)

    def _on_load_progress(self, done: int, total: int, name: str) -> None:
        self.status.set_progress(done, total)
        self.status.say(lambda: self.tr("Loading MNIST: {0} ({1}/{2})").format(name, done + 1, total)
                        if done < total else self.tr("MNIST loaded"))

    def _on_load_finished(self, data: Dataset, _key: tuple) -> None:
        self.state.set_data(data)

    def _on_load_failed(self, message: str) -> None:
        self.status.say(lambda: self.tr("Could not load MNIST"))
        self.status.set_progress(0)
        QMessageBox.critical(self, self.tr("Could not load MNIST"), message)

    def _on_data_loaded(self, data: Dataset) -> None:
        self.status.say(lambda: self.tr("{0:,} training and {1:,} test images loaded").format(
            len(data.train_labels), len(data.test_labels)))

    def closeEvent(self, event) -> None:  # noqa: N802
        self.training_session.stop()  # stop(), quit(), wait(): the trainer thread ends first
        if not self.runs.confirm_leaving_run("close"):  # its last save failed: asked
            event.ignore()
            return
        self.labs.close()  # before the layout is kept: the presentation's is not the user's
        self.runs.close()  # deleted runs can be undone until now
        self.dock_host.shutdown_panels()
        shutdown_jobs()  # cancel every background job and wait for every pool
        self.dock_host.scheduler.stop()
        self.state.shutdown()
        self._notices.close()
        self.perspectives.save()
        self.dock_host.save_layout()
        self.accessibility.close()
        super().closeEvent(event)
