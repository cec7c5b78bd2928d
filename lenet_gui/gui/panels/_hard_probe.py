"""The δ panel's own probe, found off the GUI thread: the hardest of the first N test images
for the current weights (explain/hard.py), and its trace (forward and backward). While training
streams snapshots in, the search runs at most once per RESEARCH_S and within a share of the
time (SEARCH_DUTY: a search of 500 images takes 50–90 ms on this 2-core machine, more against
a running trainer, whose cores it shares); between searches only the chosen image's trace is
recomputed (one sample, 1–2 ms). When the snapshots stop coming, the last one is searched once
the pause is over, so the image shown is the hardest for the weights that stay. One job at a
time on the "hard_probe" pool (gui/jobs.py); the newest request waits and wins; the receiver paints a result
only when it is for the state's current snapshot and data."""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot

from lenet_gui.data.mnist import Dataset
from lenet_gui.explain.hard import N_SEARCH, HardPick, hardest
from lenet_gui.gui.jobs import Job, pool
from lenet_gui.gui.state import Probe, ProbeTrace, compute_trace
from lenet_gui.model import LeNet5, NetworkSnapshot

RESEARCH_S = 2.0  # the hardest image is chosen anew at most this often
# … and searches take at most this share of the wall time. At 2 s a search against a training
# run took ~12 % of a core (py-spy, 25 s of `screenshot`), which the trainer lost.
SEARCH_DUTY = 0.02
RESEARCH_MAX_S = 20.0  # … but never less often than this (a slow machine still sees news)
# The catch-up search waits for this long without a request as well: while frames keep
# coming, the next frame after the gap searches, inside that frame (the window's frames wait
# for the finder, RefreshScheduler.wait_for), not between frames against the trainer.
CATCH_UP_QUIET_S = 3.0


@dataclass(frozen=True)
class HardTrace:
    pick: HardPick  # the search that chose the image (maybe for slightly older weights)
    trace: ProbeTrace  # the image through the requested snapshot
    data: Dataset  # the data set it came from
    search_s: float | None = None  # wall time of the search, if this job searched


def _compute(net: LeNet5, snapshot: NetworkSnapshot, data: Dataset, pick: HardPick | None,
             progress, should_stop) -> HardTrace:
    """Qt-free: runs on the finder's pool thread, on a network only that thread uses."""
    net.set_params(snapshot.params)
    search_s = None
    if pick is None:
        t0 = time.perf_counter()
        pick = hardest(net, data.test_images, data.test_labels, N_SEARCH)
        search_s = time.perf_counter() - t0
    if should_stop():
        raise InterruptedError
    return HardTrace(pick, compute_trace(net, snapshot, Probe.from_test(data, pick.index)), data,
                     search_s)


class HardProbeFinder(QObject):
    found = Signal(object)  # HardTrace, on the GUI thread
    idle = Signal()  # no job runs or waits any more (after the last one's `found`)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._job: Job | None = None
        self._jobs: dict[int, Job] = {}  # kept until their `finished`
        self._wanted: tuple[NetworkSnapshot, Dataset] | None = None
        self._net: LeNet5 | None = None
        self._pick: HardPick | None = None
        self._pick_key = None  # (data, config) the pick was made for
        self._searched_at = float("-inf")
        self._gap = RESEARCH_S  # s between searches: RESEARCH_S, or longer if they cost more
        self._latest: tuple[NetworkSnapshot, Dataset] | None = None  # not searched yet
        self._catch_up = QTimer(self)  # searches the latest snapshot once the gap is over
        self._catch_up.setSingleShot(True)
        self._catch_up.timeout.connect(self._on_catch_up)
        self.searches = 0  # searches started (tests)
        self.last: HardTrace | None = None

    @property
    def busy(self) -> bool:
        return self._job is not None or self._wanted is not None

    def request(self, snapshot: NetworkSnapshot, data: Dataset) -> None:
        if self._job is not None:
            self._wanted = (snapshot, data)  # after the running one; the newest wins
            return
        self._start(snapshot, data)

    def _start(self, snapshot: NetworkSnapshot, data: Dataset) -> None:
        self._wanted = None
        key = (id(data), snapshot.config)
        now = time.monotonic()
        since = now - self._searched_at
        search = self._pick is None or key != self._pick_key or since >= self._gap
        if self._net is None or self._net.config != snapshot.config:
            self._net = LeNet5(snapshot.config)
        if search:
            self._searched_at = now
            self._pick_key = key
            self._latest = None
            self._catch_up.stop()
            self.searches += 1
        else:  # the pick of an earlier snapshot, until this one's turn comes
            self._latest = (snapshot, data)
            self._catch_up.start(int(max(self._gap - since, CATCH_UP_QUIET_S) * 1000) + 1)
        job = Job(functools.partial(_compute, self._net, snapshot, data,
                                    None if search else self._pick))
        job.signals.succeeded.connect(self._on_succeeded)
        job.signals.finished.connect(self._on_finished)
        self._jobs[job.id] = job
        self._job = job
        job.start("hard_probe")

    @Slot(int, object)
    def _on_succeeded(self, job_id: int, result: HardTrace) -> None:
        if self._job is None or job_id != self._job.id:
            return
        self._pick = result.pick
        if result.search_s is not None:
            self._gap = min(max(RESEARCH_S, result.search_s / SEARCH_DUTY), RESEARCH_MAX_S)
        if self._wanted is None:  # else already stale: the newer request runs next
            self.last = result
            self.found.emit(result)

    @Slot(int)
    def _on_finished(self, job_id: int) -> None:
        self._jobs.pop(job_id, None)
        if self._job is not None and job_id == self._job.id:
            self._job = None
            if self._wanted is not None:
                self._start(*self._wanted)
            else:
                self.idle.emit()

    @Slot()
    def _on_catch_up(self) -> None:
        if self._latest is not None:
            self.request(*self._latest)  # its search is due: the gap is over

    def wait(self, timeout_ms: int = 10000) -> bool:
        """Until no job runs or waits (tests and screenshots). True when idle."""
        deadline = time.monotonic() + timeout_ms / 1000
        while self.busy and time.monotonic() < deadline:
            pool("hard_probe").waitForDone(50)
            QCoreApplication.processEvents()
        return not self.busy

    def shutdown(self, timeout_ms: int = 3000) -> None:
        self._wanted = self._latest = None
        self._catch_up.stop()
        for job in list(self._jobs.values()):
            job.cancel()
        pool("hard_probe").waitForDone(timeout_ms)
