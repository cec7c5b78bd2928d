"""Responsiveness of the real window while training runs at full speed: the 10 ms timer
probe must see ≥ 90 % of its ticks with p99 lateness < 50 ms; a deliberately blocking slot
(the negative control) must make the same probe fail; GUI training runs at ≥ 70 % of the
headless speed at the same batch size."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QObject, Slot

from lenet_gui.gui.latency import LatencyProbe
from lenet_gui.model import LeNet5
from lenet_gui.train import RunControl, TrainConfig, Trainer

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                                       "This plugin does not support raise")

TRAIN = TrainConfig(batch_size=64, epochs=50, warmup_batches=0, subset_every=0)
SECONDS = 4.0


def probe_while_training(window, qtbot, seconds=SECONDS):
    window.train_action.trigger()
    qtbot.waitUntil(lambda: window.last_payload is not None, timeout=10000)
    probe = LatencyProbe(10)
    probe.start()
    s0, t0 = window.session.worker.samples, time.perf_counter()
    qtbot.wait(int(seconds * 1000))
    stats = probe.stop()
    rate = (window.session.worker.samples - s0) / (time.perf_counter() - t0)
    return stats, rate


def test_probe_counts_ticks_when_idle(qtbot):
    probe = LatencyProbe(10)
    probe.start()
    qtbot.wait(1000)
    stats = probe.stop()
    assert stats.tick_ratio >= 0.9 and stats.p99_ms < 20, stats


def test_gui_stays_responsive_during_full_speed_training(make_window, qtbot):
    w = make_window(train_config=TRAIN)
    stats, rate = probe_while_training(w, qtbot)
    print(f"\n{stats.summary()}  training samples/s: {rate:.0f}  frames: {w.frames}")
    assert w.frames >= 3, "the panels were updated while training"
    assert stats.tick_ratio >= 0.9, stats
    assert stats.p99_ms < 50, stats


class Blocker(QObject):
    """A slot that blocks the GUI thread: what the probe exists to catch."""

    @Slot(object)
    def block(self, _payload) -> None:
        time.sleep(0.08)


def test_negative_control_blocking_slot_fails_the_probe(make_window, qtbot):
    w = make_window(train_config=TRAIN)
    w.train_action.trigger()
    blocker = Blocker()
    w.session.payload_ready.connect(blocker.block)  # 20 Hz × 80 ms on the GUI thread
    qtbot.waitUntil(lambda: w.last_payload is not None, timeout=10000)
    probe = LatencyProbe(10)
    probe.start()
    qtbot.wait(2000)
    stats = probe.stop()
    assert not stats.passes(0.9, 50.0), stats
    assert stats.tick_ratio < 0.5, stats


def headless_rate(data, seconds=SECONDS) -> float:
    trainer = Trainer(LeNet5(), data, TRAIN)
    control = RunControl()
    n, t0 = 0, None
    for _ in trainer.steps(control):
        if t0 is None:
            t0 = time.perf_counter()  # after the first batch: same warm state as the GUI
            continue
        n += TRAIN.batch_size
        if time.perf_counter() - t0 >= seconds:
            break
    return n / (time.perf_counter() - t0)


def test_gui_training_speed_is_at_least_70_percent_of_headless(make_window, qtbot, small_data):
    headless = headless_rate(small_data)
    w = make_window(train_config=TRAIN)
    _, gui = probe_while_training(w, qtbot)
    print(f"\nheadless {headless:.0f} samples/s, GUI {gui:.0f} samples/s "
          f"({gui / headless * 100:.0f} %)")
    assert gui >= 0.7 * headless
