"""The training thread: a TrainWorker QObject moved to a QThread runs Trainer.steps and publishes
read-only snapshots through a newest-wins mailbox, at most `publish_hz` times a second.

Snapshots may be dropped (only the newest matters); losses may not: a publish that replaces an
untaken payload carries the untaken reports over. Pause, step and stop go through the
RunControl's Condition, never through queued slots, because the worker's event loop is blocked
while it trains.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from PySide6.QtCore import QObject, QThread, Signal, Slot

from lenet_gui.model import LeNet5, NetworkSnapshot, hand_off, hands_off, release_free_memory
from lenet_gui.train import RunControl, StepReport
from lenet_gui.train.distributions import DistributionRow

T = TypeVar("T")

# While it trains, the worker gives the allocator's free pages back to the system this often
# (glibc's malloc_trim, ~10 ms; nothing elsewhere): the holes an afternoon of runs,
# perspectives and exports leaves in the heap (10-15 MB a call in an 8-minute afternoon; over
# two hours it did not flatten the growth, docs/RELIABILITY.md).
TRIM_EVERY_S = 60.0


class Mailbox(Generic[T]):
    """One slot; the newest item wins (or is merged with the untaken one by `merge`)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._item: T | None = None

    def put(self, item: T, merge: Callable[[T, T], T] | None = None) -> bool:
        """Store item; True when the slot was empty, i.e. the reader must be notified."""
        with self._lock:
            old = self._item
            self._item = item if old is None or merge is None else merge(old, item)
            return old is None

    def take(self) -> T | None:
        with self._lock:
            item, self._item = self._item, None
            return item

    @property
    def empty(self) -> bool:
        with self._lock:
            return self._item is None


@dataclass(frozen=True)
class Payload:
    """What crosses from the worker to the GUI: copies only."""
    snapshot: NetworkSnapshot  # read-only copies of the weights after the last report
    reports: tuple[StepReport, ...]  # every report since the previous take, in order
    created: float  # time.perf_counter() when published
    samples: int  # training samples seen by this worker so far
    train_seconds: float  # wall time since the worker started training
    # distributions' rows that came after their batch's report (Trainer.take_row: the run
    # stopped before the next batch, which would have carried it)
    rows: tuple[DistributionRow, ...] = ()


def merge_payloads(old: Payload, new: Payload) -> Payload:
    """The newest snapshot, with the untaken reports and rows carried over: losses are never
    dropped."""
    return Payload(new.snapshot, old.reports + new.reports, new.created, new.samples,
                   new.train_seconds, old.rows + new.rows)


class StepSource(Protocol):
    net: LeNet5

    def steps(self, control: RunControl | None = None): ...


class TrainWorker(QObject):
    snapshot_ready = Signal()  # payload-less: the mailbox holds the data
    failed = Signal(str)
    finished = Signal()  # always, last, in `finally`

    def __init__(self, trainer: StepSource, control: RunControl, batch_size: int,
                 publish_hz: float = 20.0) -> None:
        super().__init__()
        self.trainer = trainer
        self.control = control
        self.batch_size = batch_size
        self.min_interval = 1.0 / publish_hz
        self.mailbox: Mailbox[Payload] = Mailbox()
        self.publishes = 0  # payloads put (for tests of the rate bound)
        self.notifications = 0  # snapshot_ready emits
        self.samples = 0
        self._t0 = 0.0
        self._last_publish = 0.0
        self._timeline_shown = 0  # the trainer's timeline's length at the last publish
        # Set, except while the GUI draws a frame. The worker's steps then run wholly in the
        # helper process (model.hand_off), so the GUI thread has this process's core and
        # the training goes on in the other; where they cannot (no helper, or a batch of one
        # micro-batch) the worker waits between batches (at most `max_hold_s`), so the GUI
        # thread does not fight it for the GIL. A frame drawn against a trainer computing
        # here took about twice as long.
        self.gui_idle = threading.Event()
        self.gui_idle.set()
        self.max_hold_s = 0.5
        self.trim_every_s = TRIM_EVERY_S
        self.trims = 0  # times the free pages were given back (asked to be, off glibc)
        self._last_trim = 0.0

    def _due(self, report: StepReport, now: float) -> bool:
        c = self.control
        if report.diverged or report.test is not None or report.subset_accuracy is not None:
            return True  # rare and important: the GUI shows them at once
        if not c.running and c.pending_steps == 0:
            return True  # the last batch of a single step: the user waits to see it
        if c.delay_s >= self.min_interval:
            return True  # slow motion: every batch is shown
        return now - self._last_publish >= self.min_interval

    def _timeline_length(self) -> int:
        timeline = getattr(self.trainer, "timeline", None)  # a Trainer's; a test's source: none
        return 0 if timeline is None else len(timeline)

    def _publish(self, pending: list[StepReport], now: float,
                 rows: tuple[DistributionRow, ...] = ()) -> None:
        self._timeline_shown = self._timeline_length()
        payload = Payload(self.trainer.net.snapshot(), tuple(pending), now, self.samples,
                          now - self._t0, rows)
        pending.clear()
        self._last_publish = now
        self.publishes += 1
        if self.mailbox.put(payload, merge_payloads):
            self.notifications += 1
            self.snapshot_ready.emit()

    @Slot()
    def run(self) -> None:
        pending: list[StepReport] = []
        self._t0 = self._last_trim = time.perf_counter()

        def show_pending() -> None:  # paused: what was trained so far is shown now
            # and the timeline's record of the last batch, which the trainer makes only now
            # when the next batch does not come (Trainer._record_due)
            if pending or self._timeline_length() != self._timeline_shown:
                self._publish(pending, time.perf_counter())

        self.control.before_blocking = show_pending
        try:
            for report in self.trainer.steps(self.control):
                if not report.diverged:
                    self.samples += self.batch_size
                pending.append(report)
                now = time.perf_counter()
                if self._due(report, now):
                    self._publish(pending, now)
                if now - self._last_trim >= self.trim_every_s:
                    self._last_trim = now
                    release_free_memory()
                    self.trims += 1
                if not self.gui_idle.is_set() and not self.control.stopped \
                        and not hands_off(self.batch_size):
                    self.gui_idle.wait(self.max_hold_s)
        except Exception as exc:  # noqa: BLE001 - any failure must reach the GUI as a message
            traceback.print_exc()
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        finally:
            self.control.before_blocking = None
            try:
                take_row = getattr(self.trainer, "take_row", None)  # a Trainer's
                row = take_row() if take_row is not None else None
                if pending or row is not None:
                    self._publish(pending, time.perf_counter(), () if row is None else (row,))
            finally:
                self.finished.emit()


class TrainingThread(QObject):
    """A GUI-thread owner of one worker and its QThread, for one run of Trainer.steps.

    The worker's signals arrive at bound @Slot methods of this GUI-thread object, which
    re-emits them on the GUI thread (lambdas or plain callables would run in the worker).
    """

    payload_ready = Signal(object)  # Payload, on the GUI thread
    failed = Signal(str)
    finished = Signal()

    _zombies: list["TrainingThread"] = []  # did not stop in time: never drop a running thread

    def __init__(self, trainer: StepSource, control: RunControl, batch_size: int,
                 publish_hz: float = 20.0, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.control = control
        self.thread = QThread()
        self.thread.setObjectName("trainer")
        self.worker = TrainWorker(trainer, control, batch_size, publish_hz)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.snapshot_ready.connect(self._on_snapshot_ready)
        self.worker.failed.connect(self._on_failed)
        self.worker.finished.connect(self._on_finished)
        self.done = False
        self.payloads_taken = 0

    def start(self) -> None:
        self.thread.start()

    @property
    def running(self) -> bool:
        return self.thread.isRunning() and not self.done

    def hold(self, on: bool) -> None:
        """Ask the worker to leave this process's cores to the GUI while it draws: its steps
        go wholly to the helper process, or it waits between batches (see TrainWorker)."""
        hand_off(on)
        if on:
            self.worker.gui_idle.clear()
        else:
            self.worker.gui_idle.set()

    def take(self) -> Payload | None:
        payload = self.worker.mailbox.take()
        if payload is not None:
            self.payloads_taken += 1
        return payload

    @Slot()
    def _on_snapshot_ready(self) -> None:
        payload = self.take()
        if payload is not None:
            self.payload_ready.emit(payload)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.failed.emit(message)

    @Slot()
    def _on_finished(self) -> None:
        if self.done:
            return
        self._on_snapshot_ready()  # the final flush, if its notification is still queued
        self.hold(False)
        self.thread.quit()
        self.thread.wait(2000)
        self.done = True
        self.finished.emit()

    def stop(self, wait_ms: int = 5000) -> bool:
        """Stop the worker and join its thread: stop(), then a direct quit(), then wait()."""
        self.control.stop()
        self.hold(False)
        self.thread.quit()  # direct: a queued finished->quit could not run while we wait
        ok = self.thread.wait(wait_ms)
        if not ok:
            TrainingThread._zombies.append(self)  # keeps its QThread and worker alive
        return ok
