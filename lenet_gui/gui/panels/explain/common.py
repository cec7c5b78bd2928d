"""What the Explain panel's sections share: a runner of one background job at a time whose
result paints only while the inputs it was computed for are still the current ones, the
section base, a class selector, and the probe drawn as the paper draws a digit."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, Signal, Slot
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QComboBox, QWidget

from lenet_gui.data.preprocess import BACKGROUND, FOREGROUND
from lenet_gui.gui.jobs import Job
from lenet_gui.notation import sub, sup

from .._base import require_gui_thread

translate = QCoreApplication.translate

_POOL: QThreadPool | None = None


def explain_pool() -> QThreadPool:
    """Two threads: a long "what a unit looks for" job must not hold up an occlusion map."""
    global _POOL
    if _POOL is None:
        _POOL = QThreadPool()
        _POOL.setObjectName("explain-pool")
        _POOL.setMaxThreadCount(2)
    return _POOL


def same_key(a: tuple, b: tuple) -> bool:
    """Two job keys name the same inputs: the same objects (snapshot, probe) and equal plain
    values (class, patch size …). Arrays are never compared by value."""
    if len(a) != len(b):
        return False
    for u, v in zip(a, b):
        if u is v:
            continue
        if isinstance(u, (int, float, str, bool)) and isinstance(v, (int, float, str, bool)) \
                and u == v:
            continue
        return False
    return True


class JobRunner(QObject):
    """One job at a time. `start(fn, key)` cancels the job before; a result is handed to
    `on_result(result, key)` only if its job is still the current one and `current_key()`
    still equals the key it was computed for, so a stale result never paints. Receivers are
    this GUI-thread object's slots: a lambda or a plain function connected to a pool thread's
    signal would run in that thread, even with a queued connection."""

    state_changed = Signal()  # started, finished, failed or cancelled: update the controls

    def __init__(self, current_key: Callable[[], tuple],
                 on_result: Callable[[object, tuple], None], parent: QObject | None = None,
                 on_progress: Callable[[int, int], None] | None = None) -> None:
        super().__init__(parent)
        self._current_key = current_key
        self._on_result = on_result
        self._on_progress = on_progress
        self.job: Job | None = None
        self.key: tuple | None = None
        self.alive: dict[int, Job] = {}  # each kept until its `finished`
        self.started = 0  # jobs started (tests)
        self.painted = 0  # results handed on
        self.dropped = 0  # results of replaced jobs or stale inputs, never painted
        self.message = ""  # "failed: …" or "" (the section shows it)

    @property
    def busy(self) -> bool:
        return self.job is not None

    def start(self, fn: Callable, key: tuple) -> Job:
        """fn(progress, should_stop) -> result runs on the explain pool."""
        require_gui_thread("JobRunner.start")
        self.cancel()
        job = Job(fn)
        job.signals.progressed.connect(self._on_progressed)
        job.signals.succeeded.connect(self._on_succeeded)
        job.signals.failed.connect(self._on_failed)
        job.signals.finished.connect(self._on_finished)
        self.alive[job.id] = job
        self.job, self.key, self.message = job, key, ""
        self.started += 1
        job.start(explain_pool())
        self.state_changed.emit()
        return job

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
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
        explain_pool().waitForDone(int(timeout * 1000))

    def _current(self, job_id: int) -> bool:
        return self.job is not None and self.job.id == job_id

    @Slot(int, int, int)
    def _on_progressed(self, job_id: int, done: int, total: int) -> None:
        if self._current(job_id) and self._on_progress is not None:
            self._on_progress(done, total)

    @Slot(int, object)
    def _on_succeeded(self, job_id: int, result) -> None:
        require_gui_thread("JobRunner painted a result")
        if not self._current(job_id) or not same_key(self.key, self._current_key()):
            self.dropped += 1
            return
        self.painted += 1
        self._on_result(result, self.key)

    @Slot(int, str)
    def _on_failed(self, job_id: int, message: str) -> None:
        if self._current(job_id):
            self.message = message

    @Slot(int)
    def _on_finished(self, job_id: int) -> None:
        self.alive.pop(job_id, None)
        if self._current(job_id):
            self.job = None
            self.state_changed.emit()


class ClassCombo(QComboBox):
    """The class k: "the predicted class" or a digit 0–9."""

    def __init__(self, with_predicted: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.with_predicted = with_predicted
        if with_predicted:
            self.addItem("", None)
        for d in range(10):
            self.addItem(str(d), d)
        self.retranslate()

    def retranslate(self) -> None:
        if self.with_predicted:
            self.setItemText(0, translate("Explain", "predicted"))

    def value(self) -> int | None:
        return self.currentData()

    def set_value(self, k: int | None) -> None:
        self.setCurrentIndex(self.findData(k))


def input_qimage(x: np.ndarray) -> QImage:
    """A network input (32×32, background −0.1, ink 1.175) as the paper draws a digit: dark
    ink on white; values outside the input range are clipped for display only."""
    from lenet_gui.gui.widgets.images import grey_qimage

    a = np.asarray(x, np.float32).reshape(32, 32)
    return grey_qimage((a - BACKGROUND) / (FOREGROUND - BACKGROUND))


def prediction(y: np.ndarray) -> tuple[int, float]:
    """The answer argmax y and its probability."""
    k = int(np.argmax(y))
    return k, float(y[k])


__all__ = ["ClassCombo", "JobRunner", "decade", "explain_pool", "input_qimage", "prediction",
           "same_key", "sub", "times_ten"]


def decade(m: float) -> int:
    """The power of ten e with 1 ≤ m / 10^e < 10 (0 for m ≤ 0 or not finite): a map's values
    are shown divided by 10^e, so the colour bar's numbers stay readable, and the caption
    says "×10^e"."""
    if not np.isfinite(m) or m <= 0:
        return 0
    return int(np.floor(np.log10(m)))


def times_ten(e: int) -> str:
    """" (×10⁻⁵)" for e = −5, "" for e = 0."""
    return "" if e == 0 else f" (×10{sup(e)})"
