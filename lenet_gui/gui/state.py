"""The one application model: the data set, the current network snapshot, the probe sample
and its trace, the training history and configuration, the training state and the selected
layer. Panels read from it and send it intents; it announces every change as a topic on
`changed` and knows nothing of who listens (each panel subscribes itself; the window's dock
host decides when a due panel draws: panels/_base.py, RefreshScheduler).

The probe's trace (forward and backward of the one sample) is computed once per snapshot or
probe, off the GUI thread (a Job on the "trace" pool, gui/jobs.py), and shared by every panel
that shows it.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

import numpy as np
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QObject,
    Signal,
    Slot,
)

from lenet_gui.data.mnist import Dataset
from lenet_gui.data.preprocess import normalise
from lenet_gui.gui.jobs import Job, pool
from lenet_gui.gui.timeline.viewing import TimelineViewMixin
from lenet_gui.model import LeNet5, NetworkSnapshot
from lenet_gui.train import StepReport, TrainConfig, TrainingHistory
from lenet_gui.train.distributions import DistributionHistory, DistributionRow
from lenet_gui.train.runs import Run

# What a panel may read (Panel.reads) and what `changed` announces.
TOPICS = frozenset({"data", "snapshot", "probe", "trace", "history", "train_config",
                    "training", "layer", "runs", "distributions", "timeline", "my_digits"})

# The probe sources the interface names; `source` itself stays English (code tests it).
_SOURCE_NAMES = {
    "test": QT_TRANSLATE_NOOP("Probe", "test #{0}"),
    "train": QT_TRANSLATE_NOOP("Probe", "train #{0}"),
    "drawing": QT_TRANSLATE_NOOP("Probe", "drawing"),
}


@dataclass(frozen=True)
class Probe:
    """One sample shown across the panels."""
    x: np.ndarray  # (1, 1, 32, 32) network input, read-only
    label: int | None  # the true label z, if known
    source: str  # "test #0", "train #12", "drawing", …
    index: int | None = None  # index in its data set, if any

    @property
    def name(self) -> str:
        """`source` as the interface shows it, in the interface's language."""
        kind, sep, number = self.source.partition(" #")
        if sep and kind in _SOURCE_NAMES:
            return QCoreApplication.translate("Probe", _SOURCE_NAMES[kind]).format(number)
        if self.source in _SOURCE_NAMES:
            return QCoreApplication.translate("Probe", _SOURCE_NAMES[self.source])
        return self.source

    @staticmethod
    def from_test(data: Dataset, index: int) -> "Probe":
        x = normalise(data.test_images[index : index + 1])
        x.setflags(write=False)
        return Probe(x, int(data.test_labels[index]), f"test #{index}", index)

    @staticmethod
    def from_input(x: np.ndarray, label: int | None, source: str) -> "Probe":
        x = np.array(x, np.float32, copy=True).reshape(1, 1, 32, 32)
        x.setflags(write=False)
        return Probe(x, label, source)


@dataclass(frozen=True)
class ProbeTrace:
    """The probe through one snapshot: the model's own forward and backward, computed once."""
    snapshot: NetworkSnapshot
    probe: Probe
    label: int  # the z of δ: the probe's label, or the predicted digit when it has none
    trace: dict  # net.forward(probe.x): x, u_c1, c1, s2, …, f7, y; N = 1
    grads: dict  # net.backward(trace, [label]): every delta_* (δ(x) too) and δ(θ)
    J: float  # −log y_label

    @property
    def y(self) -> np.ndarray:
        return self.trace["y"][0]

    @property
    def predicted(self) -> int:
        return int(np.argmax(self.trace["y"][0]))


def compute_trace(net: LeNet5, snapshot: NetworkSnapshot, probe: Probe) -> ProbeTrace:
    """Forward and backward of the probe through the snapshot's weights, on `net` (a network
    only this call's thread uses). Qt-free: it runs on the trace pool's thread."""
    net.set_params(snapshot.params)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        trace = net.forward(probe.x)
        y = trace["y"][0]
        label = probe.label if probe.label is not None else int(np.argmax(y))
        grads = net.backward(trace, np.array([label]))
    J = float(-np.log(max(float(y[label]), 1e-30)))
    return ProbeTrace(snapshot, probe, label, trace, grads, J)


def _trace_job(net: LeNet5, snapshot: NetworkSnapshot, probe: Probe, _progress,
               _should_stop) -> ProbeTrace:
    """The trace as a Job's function: it cannot be interrupted, so it ignores should_stop."""
    return compute_trace(net, snapshot, probe)


def _describe_trace_failure(exc: Exception) -> str:
    """Shown by the panels as "no trace"; never kills the app, nor prints a traceback."""
    return f"{type(exc).__name__}: {exc}"


class AppState(TimelineViewMixin, QObject):
    changed = Signal(str)  # a topic of TOPICS
    model_config_requested = Signal(object)  # LeNetConfig a panel asks for; the window decides
    run_requested = Signal(str, object)  # ("continue" | "delete" | …, a Run or a value)
    dock_requested = Signal(str)  # a dock's name: the window shows and raises it
    # a panel's name: the window offers to export it over the run's timeline
    timeline_export_requested = Signal(str)
    trace_finished = Signal()  # no trace is being computed, and none waits (it may have failed)
    trace_failed = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.data: Dataset | None = None
        self.snapshot: NetworkSnapshot | None = None
        self.probe: Probe | None = None
        self.trace: ProbeTrace | None = None
        self.history = TrainingHistory()
        # Histograms of w, u and δ of the run being trained (train/distributions.py).
        self.distributions = DistributionHistory()
        self.train_config = TrainConfig()
        self.training = "idle"  # "idle", "running", "paused", "stopped": the session sets it
        self.selected_layer: str | None = None
        self.runs: list[Run] = []  # every run of the session: saved ones and the shipped one
        self.run: Run | None = None  # the current run: its weights are trained and shown
        self.canvas_run: Run | None = None  # the canvas's model (None: the best available)
        self.deleted_runs: list[Run] = []  # undo brings the last one back (until the app closes)
        # The user's own digits (data/folders.py's MyDigits store, a DIR/0..9/*.png folder in
        # the user's data folder), or None; "my_digits" is announced when they change.
        self.my_digits = None
        self.last_reports: list[StepReport] = []  # the reports of the last add_reports
        self.trace_count = 0  # traces computed (one forward pass of the probe each)
        # The trace: one Job at a time on the "trace" pool. Not a JobRunner (which cancels the
        # job before): a trace cannot be interrupted and every frame waits for one, so the
        # newest request waits for the running one and then runs, once.
        self._trace_net: LeNet5 | None = None
        self._trace_job: Job | None = None  # kept until its `finished`
        self._trace_wanted = False
        self._init_timeline_view()

    # ----------------------------------------------------------------- intents

    def _announce(self, topic: str) -> None:
        self.changed.emit(topic)

    def set_data(self, data: Dataset) -> None:
        self.data = data
        self._announce("data")
        if self.probe is None or self.probe.index is not None and self.probe.source.startswith(
                "test") and self.probe.index >= len(data.test_labels):
            self.set_probe(Probe.from_test(data, 0))

    def set_snapshot(self, snapshot: NetworkSnapshot) -> None:
        """New live weights: shown unless a moment of the timeline is (then kept for
        back_to_live)."""
        if self._note_live_snapshot(snapshot):
            self._show_snapshot(snapshot)

    def _show_snapshot(self, snapshot: NetworkSnapshot) -> None:
        """Panels reading "snapshot" are due now, "trace" when it is computed."""
        self.snapshot = snapshot
        self._announce("snapshot")
        self._request_trace()

    def set_probe(self, probe: Probe) -> None:
        self.probe = probe
        self._announce("probe")
        self._request_trace()

    def add_reports(self, reports: list[StepReport],
                    late_rows: Sequence[DistributionRow] = ()) -> None:
        """The reports of new batches, and distributions' rows that came after their batch's
        report (`late_rows`: the run stopped before the batch that would have carried one)."""
        if reports:
            self.last_reports = list(reports)
            self.history.extend(reports)
            self._announce("history")
        rows = [r.distributions for r in reports if r.distributions is not None] + list(late_rows)
        diverged = any(r.diverged for r in reports)
        for row in rows:
            self.distributions.add(row)
        if diverged:
            self.distributions.diverged = True
        if rows or diverged:
            self._announce("distributions")
        self.note_timeline()

    def load_history(self, arrays: dict[str, np.ndarray]) -> None:
        self.history.load(arrays)
        self._announce("history")

    def clear_history(self) -> None:
        self.history.clear()
        self._announce("history")

    def set_train_config(self, config: TrainConfig) -> None:
        config.validate()
        if config != self.train_config:
            self.train_config = config
            self._announce("train_config")

    # ----------------------------------------------------------------- runs

    def set_runs(self, runs: list[Run]) -> None:
        self.runs = list(runs)
        if self.canvas_run is not None and self.canvas_run not in self.runs:
            self.canvas_run = None
        self._announce("runs")

    def set_run(self, run: Run) -> None:
        """Make `run` the current one: its weights and its history are shown (and trained)."""
        if run not in self.runs:
            self.runs.append(run)
        if run is not self.run:
            self.distributions.clear()  # they were recorded while another run trained
            self._announce("distributions")
        self.run = run
        self.history = run.history
        self._leave_view()
        self._announce("runs")
        self._announce("history")
        self.note_timeline()
        self.set_snapshot(NetworkSnapshot(run.config, run.params))

    def runs_changed(self) -> None:
        """A run's name, numbers or weights changed (the Runs panel shows them)."""
        self._announce("runs")

    def request_run(self, action: str, value=None) -> None:
        """An intent on the runs (continue, delete, undo, rename, export, canvas, new,
        experiment): the window carries it out."""
        self.run_requested.emit(action, value)

    def request_dock(self, name: str) -> None:
        """An intent: show the dock `name` (e.g. "explain" after "Send to Explain"); the window
        carries it out."""
        self.dock_requested.emit(name)

    def request_timeline_export(self, panel: str) -> None:
        """An intent: export the panel `panel` over the run's timeline; the window opens the
        export dialog."""
        self.timeline_export_requested.emit(panel)

    def set_my_digits(self, store) -> None:
        """The store of the user's own digits (the window makes it)."""
        self.my_digits = store
        self._announce("my_digits")

    def my_digits_changed(self) -> None:
        """A digit was added, relabelled, deleted, merged or brought back."""
        self._announce("my_digits")

    def set_canvas_run(self, run: Run | None) -> None:
        self.canvas_run = run
        self._announce("runs")

    def best_run(self) -> Run | None:
        """The run with the best whole-test-set accuracy (the canvas's default model)."""
        scored = [r for r in self.runs if r.best_test_accuracy is not None]
        return max(scored, key=lambda r: r.best_test_accuracy, default=self.run)

    @property
    def test_accuracy(self) -> float | None:
        """The current run's last whole-test-set accuracy (a checkpoint's, or the training's)."""
        return None if self.run is None else self.run.test_accuracy

    def canvas_model(self) -> Run | None:
        return self.canvas_run if self.canvas_run is not None else self.best_run()

    def request_model_config(self, config) -> None:
        """Another architecture: it needs new weights, so the window asks the user first. It
        decides before this returns: the snapshot then has the new architecture, or (refused)
        the old one."""
        self.model_config_requested.emit(config)

    def set_training(self, name: str) -> None:
        self.training = name
        self._announce("training")

    def select_layer(self, layer: str) -> None:
        self.selected_layer = layer
        self._announce("layer")

    # ----------------------------------------------------------------- the trace

    def _request_trace(self) -> None:
        if self.snapshot is None or self.probe is None:
            return
        if self._trace_job is not None:
            self._trace_wanted = True  # after the running one; the newest request wins
            return
        snap = self.snapshot
        if self._trace_net is None or self._trace_net.config != snap.config:
            self._trace_net = LeNet5(snap.config)
        self._trace_wanted = False
        self.trace_count += 1
        job = Job(partial(_trace_job, self._trace_net, snap, self.probe), min_interval=0.0,
                  describe=_describe_trace_failure)
        job.signals.succeeded.connect(self._on_trace_done)
        job.signals.failed.connect(self._on_trace_failed)
        job.signals.finished.connect(self._on_trace_finished)
        self._trace_job = job
        job.start("trace")

    @Slot(int, str)
    def _on_trace_failed(self, _job_id: int, message: str) -> None:
        self.trace_failed.emit(message)

    @Slot(int, object)
    def _on_trace_done(self, _job_id: int, result) -> None:
        if self._trace_wanted:
            return  # already stale: the newer one is on its way
        self.trace = result
        self._announce("trace")

    @Slot(int)
    def _on_trace_finished(self, _job_id: int) -> None:
        self._trace_job = None
        if self._trace_wanted:
            self._request_trace()
        else:
            self.trace_finished.emit()

    @property
    def trace_running(self) -> bool:
        """A trace of the probe is being computed off the GUI thread."""
        return self._trace_job is not None

    @property
    def trace_current(self) -> bool:
        """The trace shows the current snapshot and probe."""
        t = self.trace
        return t is not None and t.snapshot is self.snapshot and t.probe is self.probe

    def wait_for_trace(self, timeout_ms: int = 10000) -> bool:
        """Until the current trace is in and drawn (tests and the screenshot harness; the GUI
        itself never blocks on it). True when it is."""
        deadline = time.monotonic() + timeout_ms / 1000
        while True:
            left = int(max(0.0, deadline - time.monotonic()) * 1000)
            pool("trace").waitForDone(left)
            QCoreApplication.processEvents()  # the job's queued signals: done, then finished
            if self._trace_job is None or left == 0:
                break
        QCoreApplication.processEvents()
        return self.trace_current

    def shutdown(self, timeout_ms: int = 3000) -> None:
        self._trace_wanted = False
        pool("trace").waitForDone(timeout_ms)
