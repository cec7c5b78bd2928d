"""A frame of the training window holds all of its own work: the panels' redraws, their
paints, and the δ panel's search for the hardest image. The trainer leaves this process's core
to the window until the frame is done (session.hold), so work left after it would run against
the trainer, and against its GIL."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QEvent, QObject

from lenet_gui.gui.session import GUI_DUTY, SLOW_MOTION_DUTY, SPEED_STEPS
from lenet_gui.train import TrainConfig

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                                       "This plugin does not support raise")

DOCKS = ("feature_maps", "kernels", "deltas", "loss")


class PaintLog(QObject):
    """The time of every paint of the widgets it filters."""

    def __init__(self) -> None:
        super().__init__()
        self.times: list[float] = []

    def eventFilter(self, obj, ev) -> bool:  # noqa: N802
        if ev.type() == QEvent.Type.Paint:
            self.times.append(time.perf_counter())
        return False


def test_the_paints_and_the_hardest_image_search_fall_inside_the_frames(make_window, qtbot):
    """While the window trains, every paint of the panels that draw the frames falls between a
    frame's start (the new snapshot reaches the state) and its end (frame_done), and at every
    frame's end the δ panel's hardest-image search is over. Ending a frame right after the last
    panel's redraw left that panel's paints outside, and searches ran on between frames."""
    w = make_window(train_config=TrainConfig(batch_size=32, epochs=1000, warmup_batches=0,
                                             subset_every=0))
    for name in DOCKS:
        w.dock(name).show()
    qtbot.waitUntil(lambda: w.panel("deltas").finder.last is not None, timeout=20000)
    qtbot.wait(300)  # the first shown paints settle
    log = PaintLog()
    for name in DOCKS:
        for view in w.panel(name).findChildren(QObject):
            if hasattr(view, "viewport"):  # the pyqtgraph views: their viewports paint
                view.viewport().installEventFilter(log)
    starts: list[float] = []
    ends: list[tuple[float, bool]] = []
    w.state.changed.connect(lambda topic: starts.append(time.perf_counter())
                            if topic == "snapshot" else None)
    finder = w.panel("deltas").finder
    w.scheduler.frame_done.connect(lambda: ends.append((time.perf_counter(), finder.busy)))
    w.train_action.trigger()
    qtbot.waitUntil(lambda: len(starts) >= 13 and finder.searches >= 3, timeout=60000)
    w.stop_training()
    frames = [(a, next(e for e, _ in ends if e >= a)) for a in starts
              if any(e >= a for e, _ in ends)]
    assert len(frames) >= 12
    assert not any(busy for _, busy in ends), "a frame ended while the search ran"
    first, last = frames[0][0], frames[-1][1]
    counted = [t for t in log.times if first <= t <= last]
    assert counted, "no panel painted"
    outside = [t for t in counted if not any(a <= t <= b for a, b in frames)]
    assert outside == [], f"{len(outside)} of {len(counted)} paints between frames"


def test_a_paused_runs_last_batch_is_drawn_at_once_not_paced(make_window, qtbot):
    """The duty paces frames against a trainer at full speed only. Paused, the last batch is
    drawn at once, however long the gap the frames' cost set while it ran (here 100 s: the
    timer already waiting is started again, sooner)."""
    w = make_window(train_config=TrainConfig(batch_size=32, epochs=1000, warmup_batches=0,
                                             subset_every=0))
    w.train_action.trigger()
    qtbot.waitUntil(lambda: w.frames >= 2, timeout=30000)
    session = w.training_session
    session._frame_cost = 5.0  # as if a frame took 5 s: the next one is due in 100 s
    qtbot.waitUntil(lambda: not session._frame_busy, timeout=10000)
    session._frame_timer.stop()
    session._request_frame()
    assert session._frame_timer.remainingTime() > 60_000
    drawn = w.frames
    qtbot.wait(300)  # batches come, and wait for that frame
    assert w.frames == drawn
    w.train_action.trigger()  # Pause
    assert w.state.training == "paused"
    qtbot.waitUntil(lambda: w.trainer.step > 0
                    and w.state.history.last_step == w.trainer.step, timeout=5000)
    # the gaps: paused (and stepping) at once; slow motion within half the GUI thread
    session._frame_cost = 5.0
    assert session._min_frame_gap() == pytest.approx(1 / session.publish_hz)
    w.speed_slider.setValue(0)  # one batch a second
    session.toggle()  # resume, slowly
    assert session._min_frame_gap() == pytest.approx(5.0 / SLOW_MOTION_DUTY)
    w.speed_slider.setValue(SPEED_STEPS)  # full speed
    assert session._min_frame_gap() == pytest.approx(5.0 / GUI_DUTY)


def test_a_frame_without_reports_still_shows_the_grown_timeline(make_window, qtbot):
    """A paused run's last timeline record comes in a payload of its own, without reports
    (its batch's report went before it). Its frame must still say that the timeline grew, so
    that the slider under the loss curve reaches the new record."""
    from lenet_gui.gui.worker import Payload

    w = make_window(train_config=TrainConfig(batch_size=32, epochs=1000, warmup_batches=0,
                                             subset_every=0))
    w.train_action.trigger()
    qtbot.waitUntil(lambda: w.trainer.step >= 5, timeout=30000)
    w.train_action.trigger()  # Pause
    bar = w.panel("loss").timeline_bar
    qtbot.waitUntil(lambda: w.flush_frame() is None and not w.scheduler.pending
                    and bar.slider.maximum() == len(w.state.timeline), timeout=10000)
    timeline, last = w.state.timeline, w.state.timeline.last_batch
    assert timeline.record(last + 1, w.trainer.net.params, force=True)  # as the pause's record
    w.training_session._on_payload(Payload(w.state.snapshot, (), time.perf_counter(), 0, 0.0))
    w.flush_frame()
    qtbot.waitUntil(lambda: bar.slider.maximum() == len(timeline), timeout=5000)
