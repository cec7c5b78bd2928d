"""The training worker on its own: mailbox semantics, the publish rate bound, no lost losses,
read-only snapshots, failed/finished, and stopping. Signals are collected by a GUI-thread
Recorder and awaited with qtbot.waitUntil (waitSignal on a moved worker hung 1 run in 3)."""

from __future__ import annotations

import ast
import inspect
import time

import numpy as np
import pytest
from PySide6.QtCore import QObject, QThread, Slot
from PySide6.QtWidgets import QApplication

from lenet_gui.gui import session, state, worker
from lenet_gui.gui.window import main_window
from lenet_gui.gui.worker import Mailbox, Payload, TrainingThread, merge_payloads
from lenet_gui.model import LeNet5, _procs, hands_off
from lenet_gui.train import RunControl, StepReport, TrainConfig, Trainer
from tests.helpers import micro_batches_computed_here


def report(step: int) -> StepReport:
    return StepReport(0, step - 1, 1000, step, 1.0 / step, 0.5, 0.01, 100.0)


class FakeTrainer:
    """Yields `n` reports, each after `seconds` of "work"; `fail_at` raises instead."""

    def __init__(self, n=100, seconds=0.0, fail_at=None):
        self.net = LeNet5()
        self.n, self.seconds, self.fail_at = n, seconds, fail_at

    def steps(self, control=None):
        for i in range(1, self.n + 1):
            if control is not None and not control.acquire():
                return
            if i == self.fail_at:
                raise ValueError(f"bad batch {i}")
            if self.seconds:
                time.sleep(self.seconds)
            self.net.params["b7"][0] += 1.0  # the live weights keep changing
            yield report(i)


class Recorder(QObject):
    """Lives on the GUI thread; collects what a TrainingThread delivers, in order."""

    def __init__(self, session: TrainingThread, slow_s: float = 0.0) -> None:
        super().__init__()
        self.payloads: list[Payload] = []
        self.events: list[str] = []
        self.threads: set = set()
        self.slow_s = slow_s
        session.payload_ready.connect(self.on_payload)
        session.failed.connect(self.on_failed)
        session.finished.connect(self.on_finished)

    @Slot(object)
    def on_payload(self, payload):
        self.threads.add(QThread.currentThread())
        self.payloads.append(payload)
        self.events.append("payload")
        if self.slow_s:
            time.sleep(self.slow_s)  # a slow GUI: the worker must not queue up behind it

    @Slot(str)
    def on_failed(self, message):
        self.events.append("failed:" + message)

    @Slot()
    def on_finished(self):
        self.threads.add(QThread.currentThread())
        self.events.append("finished")

    @property
    def reports(self):
        return [r for p in self.payloads for r in p.reports]


def run_session(qtbot, trainer, control=None, hz=20.0, slow_s=0.0, timeout=10000):
    control = control or RunControl()
    session = TrainingThread(trainer, control, batch_size=8, publish_hz=hz)
    rec = Recorder(session, slow_s)
    session.start()
    return session, rec


def test_mailbox_newest_wins_and_merge_keeps_reports():
    box: Mailbox[int] = Mailbox()
    assert box.put(1) is True and box.put(2) is False
    assert box.take() == 2 and box.take() is None
    snap = LeNet5().snapshot()
    a = Payload(snap, (report(1), report(2)), 1.0, 16, 1.0)
    b = Payload(snap, (report(3),), 2.0, 24, 2.0)
    assert box.put(a, merge_payloads) and not box.put(b, merge_payloads)
    got = box.take()
    assert [r.step for r in got.reports] == [1, 2, 3] and got.created == 2.0
    late = Payload(snap, (), 3.0, 24, 3.0, rows=("row of step 3",))  # rows are kept too
    assert box.put(got, merge_payloads) and not box.put(late, merge_payloads)
    assert box.take().rows == ("row of step 3",)


def test_every_report_arrives_in_order_even_with_a_slow_gui(qtbot):
    session, rec = run_session(qtbot, FakeTrainer(n=300, seconds=0.001), slow_s=0.03)
    qtbot.waitUntil(lambda: "finished" in rec.events, timeout=20000)
    assert [r.step for r in rec.reports] == list(range(1, 301)), "no loss dropped"
    assert rec.events[-1] == "finished"
    assert rec.threads == {QApplication.instance().thread()}, "delivered on the GUI thread"
    assert not session.thread.isRunning()


def test_publish_rate_is_bounded(qtbot):
    control = RunControl()
    trainer = FakeTrainer(n=10**6, seconds=0.0005)
    session, rec = run_session(qtbot, trainer, control, hz=20.0)
    qtbot.wait(2000)
    published, notified = session.worker.publishes, session.worker.notifications
    session.stop()
    qtbot.waitUntil(lambda: "finished" in rec.events, timeout=5000)
    assert 10 <= published <= 1.1 * 20 * 2.0 + 2, published
    assert notified <= published
    steps = [r.step for r in rec.reports]
    assert steps == list(range(1, len(steps) + 1))


def test_snapshots_are_read_only_copies(qtbot):
    trainer = FakeTrainer(n=50, seconds=0.002)
    session, rec = run_session(qtbot, trainer)
    qtbot.waitUntil(lambda: "finished" in rec.events, timeout=10000)
    first = rec.payloads[0].snapshot
    for k, a in first.params.items():
        assert not a.flags.writeable
        assert not np.shares_memory(a, trainer.net.params[k])
    assert first.params["b7"][0] < trainer.net.params["b7"][0], "the GUI's copy did not move"


def test_exception_emits_failed_then_finished(qtbot):
    session, rec = run_session(qtbot, FakeTrainer(n=10, seconds=0.001, fail_at=4))
    qtbot.waitUntil(lambda: "finished" in rec.events, timeout=5000)
    failed = [e for e in rec.events if e.startswith("failed:")]
    assert failed == ["failed:ValueError: bad batch 4"]
    assert rec.events.index(failed[0]) < rec.events.index("finished") == len(rec.events) - 1
    assert [r.step for r in rec.reports] == [1, 2, 3], "the reports before the fault arrive"
    assert not session.thread.isRunning()


def test_pause_step_exact_with_a_real_trainer(qtbot, small_data):
    net = LeNet5()
    trainer = Trainer(net, small_data, TrainConfig(batch_size=16, epochs=1, subset_every=0))
    control = RunControl(running=False)
    session, rec = run_session(qtbot, trainer, control)
    qtbot.wait(300)
    assert trainer.step == 0, "no progress while paused"
    control.step(3)
    qtbot.waitUntil(lambda: trainer.step == 3, timeout=5000)
    qtbot.wait(300)
    assert trainer.step == 3
    qtbot.waitUntil(lambda: [r.step for r in rec.reports] == [1, 2, 3], timeout=2000)
    assert session.stop(15000), "a paused worker stops (the wait is only a hang guard)"


class StopAfter(RunControl):
    """Stops the run right after batch `step` (the trainer calls wait_delay after each one)."""

    def __init__(self, trainer, step: int) -> None:
        super().__init__()
        self.trainer, self.at = trainer, step

    def wait_delay(self) -> None:
        super().wait_delay()
        if self.trainer.step >= self.at:
            self.stop()


def test_a_row_due_just_before_stop_comes_in_the_last_payload(qtbot, small_data):
    """A distributions' row is made during the batch after its own and comes with that one's
    report; stopped before it, the row is made as the run ends and the last payload carries
    it: every row due up to where the run stopped arrives."""
    trainer = Trainer(LeNet5(), small_data, TrainConfig(batch_size=16, epochs=1, subset_every=0))
    trainer.record_distributions(every=4)
    session, rec = run_session(qtbot, trainer, StopAfter(trainer, 8))
    qtbot.waitUntil(lambda: "finished" in rec.events, timeout=30000)
    with_reports = [r.distributions.step for r in rec.reports if r.distributions is not None]
    assert with_reports == [1, 4] and [r.step for r in rec.reports] == list(range(1, 9))
    assert [row.step for row in rec.payloads[-1].rows] == [8]
    assert [row.step for p in rec.payloads[:-1] for row in p.rows] == []


def test_stop_joins_a_running_worker_quickly(qtbot):
    session, rec = run_session(qtbot, FakeTrainer(n=10**6, seconds=0.01))
    qtbot.waitUntil(lambda: len(rec.payloads) >= 2, timeout=5000)
    assert session.stop(15000)  # a hang guard, not a speed: a loaded machine may be slow
    assert not session.thread.isRunning()


def test_no_lambda_receivers_on_worker_signals():
    """Cross-thread receivers must be bound @Slot methods of GUI-thread objects (T8 lint)."""
    for module in (worker, main_window, session, state):
        tree = ast.parse(inspect.getsource(module))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "connect" and node.args
                    and isinstance(node.args[0], ast.Lambda)):
                raise AssertionError(f"{module.__name__}: lambda receiver at line {node.lineno}")


def _held_session(qtbot, small_data):
    trainer = Trainer(LeNet5(), small_data, TrainConfig(batch_size=64, epochs=50, subset_every=0))
    session = TrainingThread(trainer, RunControl(), batch_size=64)
    rec = Recorder(session)
    session.start()
    session.worker.max_hold_s = 60.0  # a hold lasts until released (the window's is 0.5 s)
    qtbot.waitUntil(lambda: trainer.step >= 2, timeout=20000)
    return trainer, session, rec


@pytest.mark.posix_only("the helper process")
def test_a_held_worker_trains_on_in_the_helper(qtbot, small_data, two_workers, monkeypatch):
    """While the GUI draws a frame (hold), the worker's steps of two micro-batches run wholly
    in the helper process: training goes on and this process computes none of them. Released,
    the steps are shared again; stopped, nothing is handed off."""
    here = micro_batches_computed_here(monkeypatch)
    trainer, session, rec = _held_session(qtbot, small_data)
    try:
        session.hold(True)
        at = trainer.step
        qtbot.waitUntil(lambda: trainer.step >= at + 2, timeout=20000)  # the step in flight ends
        here.clear()
        at = trainer.step
        qtbot.waitUntil(lambda: trainer.step >= at + 5, timeout=20000)
        assert here == [], "held: every micro-batch went to the helper"
        session.hold(False)
        at = trainer.step
        qtbot.waitUntil(lambda: trainer.step >= at + 5, timeout=20000)
        assert here, "released: this process takes its share again"
    finally:
        assert session.stop(15000)
    assert not hands_off(64)


def test_a_held_worker_without_a_helper_waits(qtbot, small_data, monkeypatch):
    """With no helper to take the steps (turned off here; Windows has none), the worker waits
    between batches while the GUI draws, and goes on when released."""
    monkeypatch.setenv(_procs.ENV_VAR, "0")
    trainer, session, rec = _held_session(qtbot, small_data)
    try:
        session.hold(True)
        at = trainer.step
        qtbot.wait(400)
        assert trainer.step <= at + 1, "at most the step in flight"
        qtbot.wait(300)
        held = trainer.step
        session.hold(False)
        qtbot.waitUntil(lambda: trainer.step >= held + 3, timeout=20000)
    finally:
        assert session.stop(15000)


def test_the_worker_gives_free_memory_back_at_its_pace_while_it_trains(qtbot, small_data,
                                                                         monkeypatch):
    """Every `trim_every_s` of training the trainer thread gives the allocator's free pages
    back (an afternoon's heap holes); not before the first interval, and not from the GUI."""
    calls = []
    real = worker.release_free_memory

    def counted():
        calls.append(QThread.currentThread().objectName())
        return real()

    monkeypatch.setattr(worker, "release_free_memory", counted)
    trainer = Trainer(LeNet5(), small_data, TrainConfig(batch_size=16, epochs=50, subset_every=0))
    session = TrainingThread(trainer, RunControl(), batch_size=16)
    session.worker.trim_every_s = 3600.0
    Recorder(session)
    session.start()
    try:
        qtbot.waitUntil(lambda: trainer.step >= 3, timeout=20000)
        assert calls == [] and session.worker.trims == 0
        session.worker.trim_every_s = 0.05
        qtbot.waitUntil(lambda: session.worker.trims >= 3, timeout=20000)
    finally:
        assert session.stop(15000)
    assert set(calls) == {"trainer"} and len(calls) == session.worker.trims


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_the_window_keeps_the_row_of_the_batch_before_a_stop(make_window, qtbot, monkeypatch):
    """In the window the row due at batch 50 reaches the distributions' history though the
    run stopped right after that batch, before the batch that would have carried it."""
    w = make_window()
    wait_delay = RunControl.wait_delay

    def stop_after_50(control) -> None:  # the trainer calls it after each batch
        wait_delay(control)
        if w.trainer is not None and w.trainer.step == 50:
            control.stop()

    monkeypatch.setattr(RunControl, "wait_delay", stop_after_50)
    w.train_action.trigger()
    qtbot.waitUntil(lambda: w.trainer is not None and w.trainer.step >= 50
                    and w.session is None, timeout=60000)
    qtbot.waitUntil(lambda: w.state.distributions.latest is not None
                    and w.state.distributions.latest.step == 50, timeout=10000)
    assert [row.step for row in w.state.distributions.rows] == [1, 50]
    assert w.trainer.step == 50
    # the run's last frame drew after its thread ended: the hand-off to the helper is off
    qtbot.waitUntil(lambda: not w.scheduler.pending, timeout=10000)
    assert not _procs._handing_off.is_set()


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_stop_while_a_frame_holds_the_trainer_lets_the_hand_off_go(make_window, qtbot):
    """A frame being drawn holds the trainer (its steps go wholly to the helper: a flag of
    the whole process). Stop then must let it go, or the next run starts held."""
    w = make_window()
    w.train_action.trigger()
    qtbot.waitUntil(lambda: w.trainer is not None and w.trainer.step >= 3, timeout=30000)
    w.session.hold(True)  # as _render_frame does while a frame is drawn
    assert _procs._handing_off.is_set()
    w.stop_action.trigger()
    assert w.session is None and not _procs._handing_off.is_set()
