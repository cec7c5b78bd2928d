"""Replay: the run's timeline played from its first snapshot at a chosen speed (snapshots per
second), every panel moving together through the state. It stops at the last snapshot, or
when the user moves the timeline (scrubs, steps, goes live) or another run becomes current."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal, Slot


class Replay(QObject):
    running_changed = Signal(bool)

    def __init__(self, state, parent=None, busy: Callable[[], bool] | None = None) -> None:
        """`busy`: whether the snapshot last shown is still being drawn (the window's panels
        take turns to draw a frame); by default, whether its trace is being computed."""
        super().__init__(parent)
        self.state = state
        self.busy = busy if busy is not None else self._trace_running
        self.speed = 5.0  # snapshots per second
        self.steps = 0  # snapshots shown by this replay (tests)
        self._expected: int | None = None  # the batch this replay last showed
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._on_tick)
        state.changed.connect(self._on_state_changed)

    def _trace_running(self) -> bool:
        return self.state.trace_running

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def set_speed(self, per_second: float) -> None:
        self.speed = max(0.1, float(per_second))
        self._timer.setInterval(max(1, int(round(1000 / self.speed))))

    def start(self) -> bool:
        """From the viewed snapshot, or from the first when live or at the last one."""
        tl = self.state.timeline
        if tl is None or len(tl) < 2:
            return False
        i = self.state.viewing_index
        if i is None or i >= len(tl) - 1:
            i = 0
        self._expected = None
        self.state.view_index(i)
        self._expected = self.state.viewing
        self.steps = 0
        self.set_speed(self.speed)
        self._timer.start()
        self.running_changed.emit(True)
        return True

    def stop(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.running_changed.emit(False)
        self._expected = None

    def toggle(self) -> None:
        self.stop() if self.running else self.start()

    @Slot()
    def _on_tick(self) -> None:
        if self.busy():
            return  # the last snapshot is still being drawn: wait a tick, never pile up
        tl = self.state.timeline
        i = self.state.viewing_index
        if tl is None or i is None or i + 1 >= len(tl):
            self.stop()
            return
        self._expected = int(tl.batches[i + 1])
        self.state.view_index(i + 1)
        self.steps += 1
        if i + 2 >= len(tl):
            self.stop()  # the last one is shown

    @Slot(str)
    def _on_state_changed(self, topic: str) -> None:
        if topic in ("timeline", "runs") and self.running \
                and self.state.viewing != self._expected:
            self.stop()  # the user moved the timeline, went live, or changed the run
