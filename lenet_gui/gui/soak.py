"""The soak harness: a scripted afternoon in the real window. While it trains, the activities of
ACTIVITIES take turns, each at its own pace: a digit drawn on the canvas with real mouse events
(the drawing becomes the probe, then a test image again) and added to My digits, a lab walked
in the Labs dock with its reference answers, the timeline scrubbed, new runs trained and
compared, the perspectives switched, exports made (pictures, the CSV history, workspaces,
checkpoints, runs), the language switched once. At the end every file written is read back,
with the lab progress and the My digits folder. It reports each sample time to the caller and
collects every warning Qt, Python's logging and Python's warnings emit. `lenet-gui soak` drives
it and measures the memory.

ACTIVITIES is a table: an activity is a row (its name, what it does, when first, how often, at
most how many times)."""

from __future__ import annotations

import csv
import logging
import math
import time
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

# Digits as strokes in canvas pixels (280×280), drawn in turn, and the labels they are added
# under.
STROKES = (
    [[(140, 50), (140, 230)]],  # 1
    [[(70, 55), (205, 55), (175, 120), (140, 185), (120, 240)]],  # 7
    [[(140 + 55 * math.sin(t / 20 * math.pi), 140 - 90 * math.cos(t / 20 * math.pi))
      for t in range(41)]],  # 0
)
DRAWN_LABELS = (1, 7, 0)


@dataclass
class SoakReport:
    minutes: float
    drawings: int = 0
    scrubs: int = 0  # moves to an earlier moment of the timeline
    frames: int = 0
    batches: int = 0
    timeline_snapshots: int = 0  # the run's recorded weights (train/timeline.py)
    timeline_bytes: int = 0  # the memory they hold
    warnings: list[str] = field(default_factory=list)
    activities: dict[str, int] = field(default_factory=dict)  # name -> times it was done
    done_at: dict[str, list[float]] = field(default_factory=dict)  # name -> seconds it began
    digits_added: int = 0  # to My digits (net of the undone ones)
    lab_steps: set = field(default_factory=set)  # (lab, step) passed in the Labs dock
    files_read_back: int = 0  # files written during the afternoon, read back at its end
    unreadable: list[str] = field(default_factory=list)  # those that could not be (why)


# ----------------------------------------------------------------- the afternoon's activities


class Afternoon:
    """What the activities share: the window, the report, the folder files are written to and
    the files written (kind, path), read back at the end."""

    def __init__(self, window, report: SoakReport, folder: Path) -> None:
        self.window, self.report, self.folder = window, report, folder
        self.written: list[tuple[str, Path]] = []

    def path(self, stem: str, suffix: str) -> Path:
        return self.folder / f"{stem}-{len(self.written):04d}{suffix}"

    def wrote(self, kind: str, path) -> None:
        if path is not None:
            self.written.append((kind, Path(path)))

    def train(self) -> None:
        """Train the current run if it does not train."""
        if self.window.session is None:
            self.window.train_action.trigger()


def draw_digit(a: Afternoon) -> None:
    """A digit drawn on the canvas with real mouse strokes; every second drawing, the probe goes
    back to a test image."""
    from lenet_gui.gui.state import Probe

    canvas = a.window.panel("canvas")
    a.window.dock("canvas").raise_()
    n = a.report.activities.get("draw a digit", 0)
    canvas.area.clear()
    for s in STROKES[n % len(STROKES)]:
        _drag(canvas.area, s)
    a.report.drawings += 1
    if a.report.drawings % 2 == 0:
        a.window.state.set_probe(Probe.from_test(a.window.state.data, a.report.drawings))


def add_digits(a: Afternoon) -> None:
    """A digit drawn and added to My digits under its label, as the canvas's 0–9 keys do; every
    fourth one is taken back with Undo add."""
    canvas = a.window.panel("canvas")
    a.window.dock("canvas").raise_()
    n = a.report.activities.get("add a digit to My digits", 0)
    canvas.area.clear()
    for s in STROKES[n % len(STROKES)]:
        _drag(canvas.area, s)
    if canvas.add_to_my_digits(DRAWN_LABELS[n % len(STROKES)]) is not None:
        a.report.digits_added += 1
        if n % 4 == 3:
            canvas.undo_add()
            a.report.digits_added -= 1


# Labs the afternoon walks in turn: their steps ask numbers and choices (no training moves, so
# the walk takes seconds).
SOAK_LABS = ("architecture", "table1", "softmax_j")


def walk_lab(a: Afternoon) -> None:
    """A shipped lab opened in the Labs dock and walked with its reference answers, typed and
    clicked as a student does (gui/labs_verify.py); its progress is saved as it goes."""
    from lenet_gui.gui.labs_moves import _click
    from lenet_gui.gui.labs_verify import StepFailed, Walker
    from lenet_gui.labs import load_lab, shipped_labs

    n = a.report.activities.get("walk a lab", 0)
    labs = {lab.id: lab for lab in map(load_lab, shipped_labs())}
    lab = labs[SOAK_LABS[n % len(SOAK_LABS)]]
    a.window.labs.show_labs_dock()
    panel = a.window.labs.panel
    panel.open_lab(lab)
    while panel.index > 0:  # a lab walked before opens at its last step: Back to the first
        _click(panel.back_button)
    try:
        Walker(a.window, lab).with_answers()
    except StepFailed as e:
        a.report.warnings.append(f"lab {lab.id}: {e}")
    a.report.lab_steps |= {(lab.id, s.id) for s in lab.steps if panel.passed(s)}


def scrub_timeline(a: Afternoon) -> None:
    """Every view moved to an earlier moment of the run for 3 s, then back to live."""
    from PySide6.QtCore import QTimer

    run = a.window.state.run
    if run is None or run.timeline is None or len(run.timeline) < 2:
        return
    batches = run.timeline.batches
    if a.window.state.view_batch(int(batches[a.report.scrubs * 7 % len(batches)])):
        a.report.scrubs += 1
        QTimer.singleShot(3000, a.window.state.back_to_live)


def new_run(a: Afternoon) -> None:
    """A new run from random weights (the next seed), trained from now on."""
    a.window.new_run()
    a.train()


def compare_runs(a: Afternoon) -> None:
    """The last three runs' curves overlaid in the Runs panel."""
    a.window.dock("runs").raise_()
    a.window.panel("runs").select(a.window.state.runs[-3:])


def switch_perspective(a: Afternoon) -> None:
    from lenet_gui.gui.window.perspectives import PERSPECTIVES

    n = a.report.activities.get("switch the perspective", 0)
    a.window.set_perspective(PERSPECTIVES[n % len(PERSPECTIVES)].name)


def export(a: Afternoon) -> None:
    """Every kind of export the window makes: a panel as PNG and as SVG, the window as PNG, the
    history as CSV, a workspace, a checkpoint and the current run."""
    from lenet_gui.gui.export import export_widget

    w = a.window
    a.wrote("png", w.export_panel("loss", a.path("loss", ".png"), "png"))
    a.wrote("svg", w.export_panel("runs", a.path("runs", ".svg"), "svg"))
    a.wrote("png", export_widget(w, a.path("window", ".png"), "png", title=w.windowTitle()))
    a.wrote("csv", w.export_history_csv(a.path("history", ".csv")))
    a.wrote("workspace", w.save_workspace(a.path("workspace", ".npz")))
    a.wrote("checkpoint", w.save_checkpoint(a.path("weights", ".npz")))
    if w.state.run is not None:
        a.wrote("run", w.export_run(w.state.run, a.path("run", ".run.npz")))


def switch_language(a: Afternoon) -> None:
    """Once in the afternoon: the interface in Chinese from then on."""
    a.window.set_language("zh_CN")


@dataclass(frozen=True)
class Activity:
    """One thing the afternoon does: `act` at `first` seconds, then every `every` seconds, at
    most `times` times (None: no limit)."""
    name: str
    act: Callable[[Afternoon], None]
    first: float
    every: float
    times: int | None = None

    def due(self, elapsed: float, done: int) -> bool:
        """Whether its next time has come, `elapsed` seconds into the afternoon, after `done`."""
        return (self.times is None or done < self.times) and elapsed >= self.first + done * self.every


# The afternoon (a run of `soak --minutes 3` does each at least once; two hours do each many
# times, the new runs five times: a student's afternoon, and a bounded list of runs).
ACTIVITIES: tuple[Activity, ...] = (
    Activity("draw a digit", draw_digit, first=10, every=10),
    Activity("add a digit to My digits", add_digits, first=15, every=45),
    Activity("walk a lab", walk_lab, first=60, every=10 * 60),
    Activity("scrub the timeline", scrub_timeline, first=25, every=30),
    Activity("train a new run", new_run, first=40, every=20 * 60, times=5),
    Activity("switch the perspective", switch_perspective, first=50, every=3 * 60),
    Activity("compare runs", compare_runs, first=70, every=5 * 60),
    Activity("export", export, first=90, every=4 * 60),
    Activity("switch the language", switch_language, first=120, every=0, times=1),
)


def read_back(kind: str, path: Path) -> None:
    """Read a file the afternoon wrote as the app (or the user's tools) would; raises if it
    cannot be read."""
    from PySide6.QtGui import QImage

    from lenet_gui.train import load_checkpoint
    from lenet_gui.train.runs import load_run
    from lenet_gui.train.workspace import read_workspace

    if kind == "png":
        if QImage(str(path)).isNull():
            raise ValueError(f"{path}: not a readable PNG")
    elif kind == "svg":
        ET.parse(path)
    elif kind == "csv":
        with open(path, newline="", encoding="utf-8") as fh:
            rows = list(csv.reader(fh))
        if not rows or any(len(r) != len(rows[0]) for r in rows):
            raise ValueError(f"{path}: not a table")
    elif kind == "workspace":
        read_workspace(path)
    elif kind == "checkpoint":
        load_checkpoint(path)
    elif kind == "run":
        run = load_run(path)
        if run.timeline_file is not None and run.timeline is None:
            raise ValueError(run.timeline_error)
    else:
        raise ValueError(f"{path}: unknown kind {kind!r}")


def _read_everything_back(a: Afternoon, runs_dir: Path, labs_dir: Path,
                          digits_dir: Path) -> None:
    """Every file written, the run store's runs and timelines, the lab progress (every step
    passed in the afternoon is there) and My digits (every digit added is there)."""
    from lenet_gui.data.folders import MyDigits, read_image_folder
    from lenet_gui.labs.progress import Progress
    from lenet_gui.train.runs import RunStore

    for kind, path in a.written:
        try:
            read_back(kind, path)
        except Exception as exc:  # reported, whatever it is
            a.report.unreadable.append(f"{path.name}: {type(exc).__name__}: {exc}")
        a.report.files_read_back += 1
    runs, errors = RunStore(runs_dir).load_all()
    a.report.unreadable += errors
    for run in runs:  # one timeline in memory at a time, as the app reads them
        a.report.files_read_back += 1 + (run.timeline_file is not None)
        if run.timeline_file is not None and run.timeline is None:
            a.report.unreadable.append(f"{run.id}: {run.timeline_error}")
        run.release_timeline()
    if a.report.activities.get("walk a lab"):
        progress = Progress(labs_dir)
        a.report.files_read_back += 1
        kept = {(lab_id, step) for lab_id in progress.known()
                for step in progress.lab(lab_id).passed}
        lost = a.report.lab_steps - kept
        if progress.message or lost:
            a.report.unreadable.append(f"lab progress: {progress.message or ''} "
                                       f"{len(lost)} of the {len(a.report.lab_steps)} steps "
                                       f"passed are not in it")
    if a.report.digits_added:
        store = MyDigits(digits_dir)
        try:
            images = read_image_folder(digits_dir).images
        except Exception as exc:  # reported, whatever it is
            a.report.unreadable.append(f"My digits: {type(exc).__name__}: {exc}")
        else:
            a.report.files_read_back += len(images)
            if len(images) != a.report.digits_added or int(store.counts().sum()) != len(images):
                a.report.unreadable.append(f"My digits: {len(images)} read, "
                                           f"{a.report.digits_added} added")
        store.close()


class _Collect(logging.Handler):
    def __init__(self, sink: list[str]) -> None:
        super().__init__(logging.WARNING)
        self._sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        self._sink.append(f"log {record.name}: {record.getMessage()}")


def _drag(area, points) -> None:
    """A stroke with QTest's real mouse events: press, moves every few pixels, release."""
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtTest import QTest

    pts = []
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        n = max(1, int(math.hypot(x1 - x0, y1 - y0) / 6))
        pts += [(x0 + (x1 - x0) * k / n, y0 + (y1 - y0) * k / n) for k in range(n)]
    pts.append(points[-1])
    qp = [area.to_widget(QPointF(*p)).toPoint() for p in pts]
    QTest.mousePress(area, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, qp[0])
    for q in qp[1:]:
        QTest.mouseMove(area, q)
    QTest.mouseRelease(area, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, qp[-1])


def run_soak(minutes: float, sample_every: float, on_sample: Callable[[float], None],
             epochs: int = 1000, activities: tuple[Activity, ...] = ACTIVITIES) -> SoakReport:
    """Train in the window for `minutes` (a run of `epochs` epochs from random weights) while
    the `activities` take turns, call on_sample(elapsed seconds) every `sample_every` seconds,
    close the window as a user would, then read back every file written."""
    from PySide6.QtCore import QEventLoop, QSettings, QTimer, qInstallMessageHandler

    from lenet_gui.gui import i18n
    from lenet_gui.gui.application import create_app
    from lenet_gui.gui.window import MainWindow
    from lenet_gui.train import TrainConfig

    report = SoakReport(minutes)
    handler = _Collect(report.warnings)
    logging.getLogger().addHandler(handler)

    def qt_message(kind, _context, message) -> None:
        if "propagateSizeHints" not in message:  # the offscreen plugin's note, not a fault
            report.warnings.append(f"qt {kind.name}: {message}")

    previous = qInstallMessageHandler(qt_message)
    app = create_app([])
    import tempfile

    with tempfile.TemporaryDirectory(prefix="lenet-gui-soak-") as tmp, \
            warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        settings = QSettings(f"{tmp}/layout.ini", QSettings.Format.IniFormat)
        window = MainWindow(weights=False, settings=settings, runs_dir=f"{tmp}/runs",
                            labs_dir=f"{tmp}/labs", my_digits_dir=f"{tmp}/my_digits",
                            train_config=TrainConfig(epochs=epochs, subset_every=300))
        window.resize(1400, 900)
        window.show()
        deadline = time.monotonic() + 120
        while not window.train_action.isEnabled() and time.monotonic() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        window.train_action.trigger()
        t0 = time.monotonic()
        afternoon = Afternoon(window, report, Path(tmp) / "files")
        afternoon.folder.mkdir()
        language = i18n.current_language()

        def tick() -> None:
            elapsed = time.monotonic() - t0
            for activity in activities:
                done = report.activities.get(activity.name, 0)
                if activity.due(elapsed, done):
                    report.activities[activity.name] = done + 1
                    report.done_at.setdefault(activity.name, []).append(elapsed)
                    activity.act(afternoon)
                    return  # one a turn: the window draws between them

        loop = QEventLoop()
        activity_timer, sample_timer = QTimer(), QTimer()
        activity_timer.timeout.connect(tick)
        sample_timer.timeout.connect(lambda: on_sample(time.monotonic() - t0))
        activity_timer.start(1000)
        sample_timer.start(int(sample_every * 1000))
        QTimer.singleShot(int(minutes * 60 * 1000), loop.quit)
        on_sample(0.0)
        loop.exec()
        activity_timer.stop()
        sample_timer.stop()
        on_sample(time.monotonic() - t0)
        report.frames = window.frames
        # trained, in every run (the kept history is thinned)
        report.batches = sum(r.history.last_step for r in window.state.runs)
        tl = window.state.timeline
        if tl is not None:
            report.timeline_snapshots, report.timeline_bytes = len(tl), tl.nbytes
        window.close()
        app.processEvents()
        if i18n.current_language() != language:
            i18n.set_language(language)
        _read_everything_back(afternoon, Path(tmp) / "runs", Path(tmp) / "labs",
                              Path(tmp) / "my_digits")
        report.warnings += [f"python {w.category.__name__}: {w.message}" for w in caught]
    qInstallMessageHandler(previous)
    logging.getLogger().removeHandler(handler)
    return report
