"""The application model: one trace of the probe per frame, computed off the GUI thread and
shared by every panel; a stale trace never painted; panels refreshed only for what they read."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication

from lenet_gui.gui.jobs import Job, pool
from lenet_gui.gui.panels.kernels import KernelsPanel
from lenet_gui.gui.panels.loss import LossPanel
from lenet_gui.gui.state import AppState, Probe
from lenet_gui.model import LeNet5, LeNetConfig
from lenet_gui.train import TrainConfig
from tests import helpers

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                                       "This plugin does not support raise")


class ForwardCounter:
    """Counts LeNet5.forward calls on the probe sample, from any thread."""

    def __init__(self, monkeypatch, state: AppState) -> None:
        self.state, self.calls, self.threads = state, 0, set()
        self._lock = threading.Lock()
        original = LeNet5.forward

        def forward(net, x, *args, **kwargs):
            probe = state.probe
            if probe is not None and len(x) == 1 and np.array_equal(
                    np.asarray(x, np.float32), probe.x):
                with self._lock:
                    self.calls += 1
                    self.threads.add(QThread.currentThread() is QApplication.instance().thread())
            return original(net, x, *args, **kwargs)

        monkeypatch.setattr(LeNet5, "forward", forward)


def test_the_probe_goes_forward_once_per_frame(make_window, qtbot, monkeypatch):
    """Every default dock shown and the stepper beside them (it follows the probe): one
    forward pass of the probe per frame, off the GUI thread."""
    w = make_window(train_config=TrainConfig(batch_size=32, epochs=30, warmup_batches=0,
                                             subset_every=0))
    w.splitDockWidget(w.dock("deltas"), w.dock("stepper"), Qt.Orientation.Horizontal)
    w.dock("stepper").show()
    qtbot.waitUntil(lambda: w.panel("stepper").walk is not None, timeout=10000)
    counter = ForwardCounter(monkeypatch, w.state)
    at_frame: list[int] = []
    w.scheduler.frame_done.connect(lambda: at_frame.append(counter.calls))  # GUI-thread sender
    w.train_action.trigger()
    qtbot.waitUntil(lambda: len(at_frame) >= 8, timeout=30000)
    w.stop_training()
    per_frame = np.diff(at_frame[:8])
    assert per_frame.tolist() == [1] * 7, at_frame
    assert counter.threads == {False}, "the probe went forward on the GUI thread"
    for name in ("feature_maps", "deltas"):
        assert w.panel(name).refresh_count > 0
    fm = w.panel("feature_maps")
    assert fm.trace is w.state.trace.trace  # the panels draw the shared arrays


def test_a_superseded_trace_is_never_painted(qtbot, monkeypatch):
    state = AppState()
    data = helpers.mnist()
    state.set_data(data)
    nets = [LeNet5(LeNetConfig(), seed=s).snapshot() for s in range(4)]
    painted = []
    state.changed.connect(lambda topic: painted.append(state.trace.snapshot)
                          if topic == "trace" else None)
    for snap in nets:  # faster than the traces come back: only the newest is shown
        state.set_snapshot(snap)
    assert state.wait_for_trace()
    qtbot.waitUntil(lambda: not state.trace_running, timeout=5000)
    assert painted and painted[-1] is nets[-1]
    assert all(p is nets[0] or p is nets[-1] for p in painted), "a stale trace was shown"
    assert state.trace_count <= 2  # the first request, then the newest one
    state.set_probe(Probe.from_test(data, 5))
    assert state.wait_for_trace() and state.trace.probe.index == 5
    state.shutdown()


def test_finished_traces_let_their_snapshots_go(qtbot):
    """Snapshots come faster than their traces (as while training); once the traces are done,
    nothing keeps an older snapshot or a trace job (a Python QRunnable handed to the pool
    stayed referenced: the soak kept ~7 snapshots a minute)."""
    import gc
    import weakref
    state = AppState()
    state.set_data(helpers.mnist())
    refs = []
    for burst in range(3):
        for s in range(10):
            snap = LeNet5(LeNetConfig(), seed=10 * burst + s).snapshot()
            refs.append(weakref.ref(snap))
            state.set_snapshot(snap)
            del snap
            qtbot.wait(3)
        assert state.wait_for_trace()
        qtbot.waitUntil(lambda: not state.trace_running, timeout=5000)
    pool("trace").waitForDone(5000)
    qtbot.wait(50)
    gc.collect()
    assert sum(r() is not None for r in refs) == 1 and refs[-1]() is state.snapshot
    assert not [o for o in gc.get_objects() if isinstance(o, Job) and o.pool_name == "trace"]
    state.shutdown()


def test_panels_refresh_only_for_what_they_read(qtbot):
    state = AppState()
    state.set_data(helpers.mnist())
    state.set_snapshot(LeNet5(LeNetConfig(), seed=0).snapshot())
    assert state.wait_for_trace()
    kernels, loss = KernelsPanel(state), LossPanel(state)
    for p in (kernels, loss):
        qtbot.addWidget(p)
        p.show()
        qtbot.waitExposed(p)
    k0, l0 = kernels.refresh_count, loss.refresh_count
    state.set_probe(Probe.from_test(state.data, 9))  # neither reads the probe
    assert state.wait_for_trace()
    state.clear_history()  # the loss panel reads the history
    assert (kernels.refresh_count, loss.refresh_count) == (k0, l0 + 1)
    state.set_snapshot(LeNet5(LeNetConfig(), seed=1).snapshot())  # the kernels read it
    assert state.wait_for_trace()
    assert (kernels.refresh_count, loss.refresh_count) == (k0 + 1, l0 + 1)
    with pytest.raises(ValueError, match="unknown topics"):
        type("Bad", (KernelsPanel,), {"reads": frozenset({"weights"})})(state)
    state.shutdown()
