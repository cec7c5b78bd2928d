"""The one way to run background work (the trainer alone has a long-lived thread of its own):

- a `Job` runs a Qt-free function `fn(progress, should_stop) -> result` once, on a pool thread,
  and reports through the signals of a `JobSignals` QObject that lives in the GUI thread, so
  the receivers (GUI-thread @Slot methods, never lambdas) run in the GUI thread; `finished`
  is always emitted last, in `finally`; progress is gated to ≤ 20 Hz at the source;
- a `JobRunner` runs one job at a time for its owner (a panel, a section of the Explain panel,
  the window's data loading): the newest request wins, a new one cancels the one before, and
  a result paints only while the job is the current one and the inputs it was computed for
  (its key) are still the current ones;
- `pool(name)` is one of the named pools of POOLS, each with its thread count and why.
  `shutdown_jobs()` cancels every job and waits for every pool: the window calls it on close.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, QThreadPool, Signal, Slot

# The pool policy: every background job runs on one of these, by name (threads, why). On 2
# cores the trainer has one and the GUI the other, so each pool is as small as it can be.
POOLS: dict[str, tuple[int, str]] = {
    "evaluation": (1, "the evaluation panels' sweeps over a data set: two at once only slow "
                      "both and the trainer"),
    "explain": (2, "the Explain panel's sections: a long \"what a unit looks for\" job must "
                   "not hold up an occlusion map"),
    "trace": (1, "the probe's forward and backward, once per snapshot or probe: one at a "
                 "time, the newest request waits"),
    "hard_probe": (1, "the δ panel's search for the hardest test image: one at a time, the "
                      "newest request waits; apart from the trace, which a frame waits for"),
    "load": (1, "reading MNIST at start-up and when the user opens another folder"),
}

_POOLS: dict[str, QThreadPool] = {}
_LIVE: set["Job"] = set()  # started and not yet returned from run()
_LIVE_LOCK = threading.Lock()

Progress = Callable[..., None]  # progress(done, total, what="")


def pool(name: str) -> QThreadPool:
    """The pool `name` of POOLS, made on first use."""
    p = _POOLS.get(name)
    if p is None:
        threads, _why = POOLS[name]
        p = _POOLS[name] = QThreadPool()
        p.setObjectName(f"{name}-pool")
        p.setMaxThreadCount(threads)
        app = QCoreApplication.instance()
        if app is not None and len(_POOLS) == 1:
            # never leave a pool thread running into interpreter shutdown
            app.aboutToQuit.connect(shutdown_jobs)
    return p


def shutdown_jobs(timeout_ms: int = 5000) -> bool:
    """Cancel every running or queued job and wait for every pool. True when all drained."""
    with _LIVE_LOCK:
        jobs = list(_LIVE)
    for job in jobs:
        job.cancel()
    deadline = time.monotonic() + timeout_ms / 1000
    drained = True
    for p in list(_POOLS.values()):
        left = int(max(0.0, deadline - time.monotonic()) * 1000)
        drained = p.waitForDone(left) and drained
    return drained


def require_gui_thread(what: str) -> None:
    """Raise if called off the GUI thread: widgets are drawn there only."""
    app = QCoreApplication.instance()
    if app is not None and QThread.currentThread() is not app.thread():
        raise RuntimeError(f"{what} outside the GUI thread")


def same_key(a: tuple | None, b: tuple | None) -> bool:
    """Two job keys name the same inputs: the same objects (snapshot, probe, data set) and
    equal plain values (class, patch size, the viewed moment …). Arrays are never compared by
    value."""
    if a is None or b is None or len(a) != len(b):
        return False
    for u, v in zip(a, b):
        if u is v:
            continue
        if isinstance(u, (int, float, str, bool)) and isinstance(v, (int, float, str, bool)) \
                and u == v:
            continue
        return False
    return True


class JobSignals(QObject):
    progressed = Signal(int, int, int, str)  # job id, done, total, what (or "")
    succeeded = Signal(int, object)  # job id, result (a frozen dataclass of fresh arrays)
    failed = Signal(int, str)  # job id, one-line message
    cancelled = Signal(int)  # job id
    finished = Signal(int)  # job id; always last


class Job:
    """Create it in the GUI thread (its JobSignals then lives there), connect, then `start()`.

    Not a QRunnable: the pool gets the bound `run`, which PySide releases once it has run. A
    QRunnable with autoDelete off stays referenced by the pool's wrapper for ever (with its
    closure, a snapshot of the weights: ~10 MB a minute with the evaluation tabs showing).

    `describe(exc)`: the failure message of an expected exception (None: "Type: message", and
    the traceback printed, for an unexpected one)."""

    _next_id = 0

    def __init__(self, fn: Callable[[Progress, Callable[[], bool]], Any],
                 min_interval: float = 0.05,
                 describe: Callable[[Exception], str | None] | None = None) -> None:
        Job._next_id += 1
        self.id = Job._next_id
        self.signals = JobSignals()
        self.pool_name = "evaluation"
        self._fn = fn
        self._describe = describe
        self._stop = threading.Event()
        self._done = threading.Event()
        self._min_interval = min_interval
        self._last_progress = 0.0

    def start(self, pool_name: str = "evaluation") -> None:
        self.pool_name = pool_name
        p = pool(pool_name)
        with _LIVE_LOCK:
            _LIVE.add(self)
        p.start(self.run)

    def cancel(self) -> None:
        self._stop.set()

    @property
    def cancelling(self) -> bool:
        return self._stop.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """True once run() has returned (for tests and shutdown)."""
        return self._done.wait(timeout)

    def _progress(self, done: int, total: int, what: str = "") -> None:
        now = time.monotonic()
        if done >= total or now - self._last_progress >= self._min_interval:
            self._last_progress = now
            self.signals.progressed.emit(self.id, int(done), int(total), str(what))

    def run(self) -> None:
        try:
            if self._stop.is_set():
                self.signals.cancelled.emit(self.id)
                return
            result = self._fn(self._progress, self._stop.is_set)
            if self._stop.is_set():
                self.signals.cancelled.emit(self.id)
            else:
                self.signals.succeeded.emit(self.id, result)
        except InterruptedError:
            self.signals.cancelled.emit(self.id)
        except Exception as exc:  # a report, never a crash of the pool thread
            message = self._describe(exc) if self._describe is not None else None
            if message is None:
                traceback.print_exc()
                message = f"{type(exc).__name__}: {exc}"
            self.signals.failed.emit(self.id, message)
        finally:
            self._done.set()
            with _LIVE_LOCK:
                _LIVE.discard(self)
            self.signals.finished.emit(self.id)


class JobRunner(QObject):
    """One job at a time on the pool `pool_name`. `start(fn, key)` cancels the job before; a
    result is handed to `on_result(result, key)` only if its job is still the current one and
    `current_key()` still equals the key it was computed for (`same_key`), so a stale result
    never paints. Receivers are this GUI-thread object's slots: a lambda or a plain function
    connected to a pool thread's signal would run in that thread, even with a queued
    connection; the callbacks are called from those slots.

    `cancel()` forgets the job at once (its late reports are ignored); `cancel(forget=False)`
    keeps it the current one until it has finished, so the owner hears `on_cancelled` and
    stays busy until then."""

    state_changed = Signal()  # started, finished, failed or cancelled: update the controls

    def __init__(self, current_key: Callable[[], tuple],
                 on_result: Callable[[object, tuple], None], parent: QObject | None = None,
                 on_progress: Callable[..., None] | None = None, *,
                 pool_name: str = "explain",
                 on_failed: Callable[[str], None] | None = None,
                 on_cancelled: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self.pool_name = pool_name
        self._current_key = current_key
        self._on_result = on_result
        self._on_progress = on_progress  # on_progress(done, total, what)
        self._on_failed = on_failed
        self._on_cancelled = on_cancelled
        self.job: Job | None = None
        self.key: tuple | None = None
        self.alive: dict[int, Job] = {}  # each kept until its `finished`
        self.started = 0  # jobs started (tests: hidden panels stay idle)
        self.painted = 0  # results handed on
        self.dropped = 0  # results of replaced jobs or stale inputs, never painted
        self.message = ""  # "failed: …" or "" (the owner shows it)

    @property
    def busy(self) -> bool:
        return self.job is not None

    def start(self, fn: Callable, key: tuple,
              describe: Callable[[Exception], str | None] | None = None) -> Job:
        """fn(progress, should_stop) -> result runs on the runner's pool."""
        require_gui_thread("JobRunner.start")
        self.cancel()
        job = Job(fn, describe=describe)
        job.signals.progressed.connect(self._on_progressed)
        job.signals.succeeded.connect(self._on_succeeded)
        job.signals.failed.connect(self._on_failed_slot)
        job.signals.cancelled.connect(self._on_cancelled_slot)
        job.signals.finished.connect(self._on_finished)
        self.alive[job.id] = job
        self.job, self.key, self.message = job, key, ""
        self.started += 1
        job.start(self.pool_name)
        self.state_changed.emit()
        return job

    def cancel(self, forget: bool = True) -> None:
        if self.job is not None:
            self.job.cancel()
            if forget:
                self.job = None  # its late reports are ignored from now on
                self.state_changed.emit()

    def shutdown(self, timeout: float = 5.0) -> None:
        """Cancel every job of this runner and wait for them (on close)."""
        self.cancel()
        for job in list(self.alive.values()):
            job.cancel()
            job.wait(timeout)
        # a job's run() has returned its result a moment before its pool thread is idle:
        # wait for the pool too, so no thread runs on into the window's teardown
        pool(self.pool_name).waitForDone(int(timeout * 1000))

    def _current(self, job_id: int) -> bool:
        return self.job is not None and self.job.id == job_id

    @Slot(int, int, int, str)
    def _on_progressed(self, job_id: int, done: int, total: int, what: str) -> None:
        if self._current(job_id) and self._on_progress is not None:
            self._on_progress(done, total, what)

    @Slot(int, object)
    def _on_succeeded(self, job_id: int, result) -> None:
        require_gui_thread("JobRunner painted a result")
        if not self._current(job_id) or not same_key(self.key, self._current_key()):
            self.dropped += 1
            return
        self.painted += 1
        self._on_result(result, self.key)

    @Slot(int, str)
    def _on_failed_slot(self, job_id: int, message: str) -> None:
        if self._current(job_id):
            self.message = message
            if self._on_failed is not None:
                self._on_failed(message)

    @Slot(int)
    def _on_cancelled_slot(self, job_id: int) -> None:
        if self._current(job_id) and self._on_cancelled is not None:
            self._on_cancelled()

    @Slot(int)
    def _on_finished(self, job_id: int) -> None:
        self.alive.pop(job_id, None)
        if self._current(job_id):
            self.job = None
            self.state_changed.emit()
