"""A latency probe for the GUI thread: a 10 ms PreciseTimer that records how late each tick is.

A busy or flooded event loop shows up twice: as lateness, and as missing ticks (a flooded queue
once gave 1 tick in 3 s instead of 300, which the percentiles alone would have passed). So the
result carries both, and `passes` checks both.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QObject, Qt, QTimer, Slot


@dataclass(frozen=True)
class LatencyStats:
    ticks: int  # timer callbacks seen
    expected: int  # duration / interval
    p50_ms: float  # lateness percentiles, in ms
    p99_ms: float
    max_ms: float
    duration_s: float

    @property
    def tick_ratio(self) -> float:
        return self.ticks / max(self.expected, 1)

    def passes(self, min_ratio: float = 0.9, max_p99_ms: float = 50.0) -> bool:
        return self.tick_ratio >= min_ratio and self.p99_ms < max_p99_ms

    def summary(self) -> str:
        return (f"ui ticks: {self.tick_ratio * 100:.0f}%  "
                f"p99 lateness: {self.p99_ms:.0f} ms")


class LatencyProbe(QObject):
    """Lives on the GUI thread. start(), let the event loop run, then stop() -> LatencyStats.

    Lateness of tick k is (its arrival time) − (start + k·interval), clipped at 0 and measured
    against the previous tick, so one long stall counts once, not for every tick after it.
    """

    def __init__(self, interval_ms: int = 10, parent=None) -> None:
        super().__init__(parent)
        self.interval_ms = interval_ms
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._on_tick)
        self._t0 = 0.0
        self._last = 0.0
        self._lateness: list[float] = []

    def start(self) -> None:
        self._lateness = []
        self._t0 = self._last = time.perf_counter()
        self._timer.start()

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    @Slot()
    def _on_tick(self) -> None:
        now = time.perf_counter()
        self._lateness.append(max(0.0, now - self._last - self.interval_ms / 1000.0))
        self._last = now

    def stop(self) -> LatencyStats:
        self._timer.stop()
        return self.stats()

    def stats(self) -> LatencyStats:
        duration = time.perf_counter() - self._t0 if self._t0 else 0.0
        expected = int(duration * 1000 / self.interval_ms)
        late = np.asarray(self._lateness, np.float64) * 1000.0
        if late.size == 0:
            return LatencyStats(0, expected, float("inf"), float("inf"), float("inf"), duration)
        return LatencyStats(len(late), expected, float(np.percentile(late, 50)),
                            float(np.percentile(late, 99)), float(late.max()), duration)
