"""One-shot background jobs on a QThreadPool (the trainer alone has a long-lived thread): a Qt-free function
`fn(progress, should_stop) -> result` runs on a pool thread and reports through the signals of
a `JobSignals` QObject that lives in the GUI thread, so the receivers (GUI-thread @Slot
methods, never lambdas) run in the GUI thread.

Each job carries an id; a panel ignores reports of a job it has since replaced. `finished` is
always emitted last, in `finally`. Progress is gated to ≤ 20 Hz at the source.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, Signal

_POOL: QThreadPool | None = None
_LIVE: set["Job"] = set()  # started and not yet returned from run()
_LIVE_LOCK = threading.Lock()


def evaluation_pool() -> QThreadPool:
    """One thread for the evaluation panels: on 2 cores, two sweeps at once only slow both and
    the trainer."""
    global _POOL
    if _POOL is None:
        _POOL = QThreadPool()
        _POOL.setObjectName("evaluation-pool")
        _POOL.setMaxThreadCount(1)
        app = QCoreApplication.instance()
        if app is not None:  # never leave a pool thread running into interpreter shutdown
            app.aboutToQuit.connect(shutdown_jobs)
    return _POOL


def shutdown_jobs(timeout_ms: int = 5000) -> bool:
    """Cancel every running or queued job and wait for the pool. True when it drained."""
    with _LIVE_LOCK:
        jobs = list(_LIVE)
    for job in jobs:
        job.cancel()
    return _POOL is None or _POOL.waitForDone(timeout_ms)


class JobSignals(QObject):
    progressed = Signal(int, int, int)  # job id, done, total
    succeeded = Signal(int, object)  # job id, result (a frozen dataclass of fresh arrays)
    failed = Signal(int, str)  # job id, one-line message
    cancelled = Signal(int)  # job id
    finished = Signal(int)  # job id; always last


class Job:
    """Create it in the GUI thread (its JobSignals then lives there), connect, then `start()`.

    Not a QRunnable: the pool gets the bound `run`, which PySide releases once it has run. A
    QRunnable with autoDelete off stays referenced by the pool's wrapper for ever (with its
    closure, a snapshot of the weights: ~10 MB a minute with the evaluation tabs showing)."""

    _next_id = 0

    def __init__(self, fn: Callable[[Callable[[int, int], None], Callable[[], bool]], Any],
                 min_interval: float = 0.05) -> None:
        Job._next_id += 1
        self.id = Job._next_id
        self.signals = JobSignals()
        self._fn = fn
        self._stop = threading.Event()
        self._done = threading.Event()
        self._min_interval = min_interval
        self._last_progress = 0.0

    def start(self, pool: QThreadPool | None = None) -> None:
        with _LIVE_LOCK:
            _LIVE.add(self)
        (pool or evaluation_pool()).start(self.run)

    def cancel(self) -> None:
        self._stop.set()

    @property
    def cancelling(self) -> bool:
        return self._stop.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """True once run() has returned (for tests and shutdown)."""
        return self._done.wait(timeout)

    def _progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or now - self._last_progress >= self._min_interval:
            self._last_progress = now
            self.signals.progressed.emit(self.id, int(done), int(total))

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
            traceback.print_exc()
            self.signals.failed.emit(self.id, f"{type(exc).__name__}: {exc}")
        finally:
            self._done.set()
            with _LIVE_LOCK:
                _LIVE.discard(self)
            self.signals.finished.emit(self.id)
