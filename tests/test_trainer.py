"""The Qt-free training loop on a small real subset of MNIST."""

import dataclasses
import threading
import time

import numpy as np
import pytest

from lenet_gui.model import LeNet5, LeNetConfig
from lenet_gui.train import RunControl, StepReport, TrainConfig, Trainer, evaluate
from tests import helpers


@pytest.fixture(scope="module")
def small():
    return helpers.subset(1280, 500, "subset")


def _train(data, seed=0, **kw):
    net = LeNet5(LeNetConfig(), seed=seed)
    cfg = TrainConfig(**{"epochs": 1, "batch_size": 32, "seed": seed, "subset_every": 0, **kw})
    reports = list(Trainer(net, data, cfg).steps())
    return net, reports


def test_loss_falls_and_test_accuracy_is_reported(small):
    net, reports = _train(small, epochs=2)
    assert len(reports) == 2 * 40
    first, last = np.mean([r.loss for r in reports[:10]]), np.mean([r.loss for r in reports[-10:]])
    assert last < 0.5 * first
    ends = [r for r in reports if r.test is not None]
    assert [r.epoch for r in ends] == [0, 1]
    assert ends[-1].test.accuracy > 0.8
    assert ends[-1].test.accuracy == evaluate(net, small.test_images, small.test_labels).accuracy
    assert set(reports[0].grad_norms) == {"c1", "c3", "c5", "f6", "f7"}


def test_same_seed_gives_the_same_weights_bit_for_bit(small):
    a, _ = _train(small, seed=3, augment=True)
    b, _ = _train(small, seed=3, augment=True)
    c, _ = _train(small, seed=4, augment=True)
    for k in a.params:
        assert a.params[k].tobytes() == b.params[k].tobytes()
    assert any(a.params[k].tobytes() != c.params[k].tobytes() for k in a.params)


@pytest.mark.parametrize("batch", [32, 64])  # one micro-batch, and two (a flat δ(θ))
def test_the_whole_vector_update_equals_the_parameter_by_parameter_one(small, batch):
    """Every parameter is a view of the network's `flat`, and the trainer updates the whole
    vector at once; a network whose parameters are arrays of their own is updated parameter by
    parameter. The same operations on the same values: the same weights and velocities bit
    for bit, with weight decay, momentum and a schedule."""
    nets = []
    for separate in (False, True):
        net = LeNet5(LeNetConfig(), seed=5)
        assert net.flat_params() is net.flat
        if separate:
            for k in net.param_names():
                net.params[k] = net.params[k].copy()  # no longer a view of `flat`
            assert net.flat_params() is None
        cfg = TrainConfig(epochs=1, batch_size=batch, seed=5, subset_every=0, weight_decay=5e-4)
        trainer = Trainer(net, small, cfg)
        reports = list(trainer.steps())
        assert len(reports) == -(-1280 // batch) and not reports[-1].diverged
        nets.append((net, trainer))
    (a, ta), (b, tb) = nets
    for k in a.param_names():
        assert a.params[k].tobytes() == b.params[k].tobytes(), k
        assert ta.velocity[k].tobytes() == tb.velocity[k].tobytes(), k
    assert a.flat_params() is a.flat  # still views after training


def test_table1_zeros_survive_training(small):
    net, _ = _train(small)
    assert np.all(net.params["w3"][~net.table] == 0.0)
    assert np.all(net.params["w3"][net.table] != 0.0)


def test_nan_loss_restores_the_last_good_weights_and_stops(small):
    net = LeNet5(LeNetConfig(), seed=0)
    trainer = Trainer(net, small, TrainConfig(learning_rate=10.0, warmup_batches=0,
                                              schedule="constant", batch_size=32))
    reports = []
    after = {k: v.copy() for k, v in net.params.items()}
    for r in trainer.steps():
        reports.append(r)
        if r.diverged is None:  # r's loss was computed with the weights from before its update
            good, after = after, {k: v.copy() for k, v in net.params.items()}
    assert len(reports) > 1
    assert reports[-1].diverged and "diverged" in reports[-1].diverged
    assert all(np.isfinite(v).all() for v in net.params.values())
    # the weights back in place are the last ones that gave a finite loss
    for k, v in good.items():
        np.testing.assert_array_equal(net.params[k], v)


def test_control_pause_step_stop(small):
    net = LeNet5(LeNetConfig(), seed=0)
    control = RunControl(running=False)
    trainer = Trainer(net, small, TrainConfig(batch_size=32, epochs=1, subset_every=0))
    seen = []
    done = threading.Event()

    def run():
        for r in trainer.steps(control):
            seen.append(r.step)
        done.set()

    t = threading.Thread(target=run)
    t.start()
    assert not done.wait(0.3) and seen == []  # paused: no progress
    control.step(3)
    for _ in range(100):
        if len(seen) == 3:
            break
        threading.Event().wait(0.02)
    threading.Event().wait(0.2)
    assert seen == [1, 2, 3]  # exactly three batches
    control.stop()
    t.join(5)
    assert done.is_set() and seen == [1, 2, 3]


def test_live_learning_rate_override(small):
    net = LeNet5(LeNetConfig(), seed=0)
    control = RunControl()
    control.learning_rate = 0.001
    trainer = Trainer(net, small, TrainConfig(learning_rate=0.05, warmup_batches=0,
                                              schedule="constant", subset_every=0))
    r = next(trainer.steps(control))
    assert r.learning_rate == pytest.approx(0.001)


def test_config_validation():
    for bad in (dict(learning_rate=-1), dict(momentum=1.0), dict(batch_size=0), dict(epochs=0)):
        with pytest.raises(ValueError):
            dataclasses.replace(TrainConfig(), **bad).validate()


def test_a_long_history_stays_bounded_and_keeps_the_recent_batches():
    import lenet_gui.train.history as hist

    h = hist.TrainingHistory()
    n = hist.MAX_BATCHES + 5000
    reports = [StepReport(0, i, n, i + 1, 1.0 / (i + 1), 0.5, 0.03, 1.0, {"c1": 0.5})
               for i in range(n)]
    for k in range(0, n, 1000):
        h.extend(reports[k:k + 1000])
    steps = h.column("batch", "step")
    assert steps.size <= hist.MAX_BATCHES and h.health["step"].n <= hist.MAX_BATCHES
    assert np.all(np.diff(steps) > 0)  # still one axis, in order
    assert steps[-1] == n and h.last_step == n
    tail = h.column("batch", "loss")[-1000:]  # the recent batches, every one of them
    np.testing.assert_array_equal(tail, [1.0 / s for s in range(n - 999, n + 1)])
    assert h.column("batch", "loss").size == steps.size == h.column("batch", "acc_smooth").size


def test_a_paused_control_tells_its_worker_before_it_blocks():
    """acquire() calls before_blocking once, without the lock, whenever it is about to wait
    (the worker shows the batches it held back); never while running."""
    calls = []
    c = RunControl(running=True)
    c.before_blocking = lambda: calls.append(c.running)
    assert c.acquire() and calls == []  # running: no wait, no call
    c.pause()
    got = []
    t = threading.Thread(target=lambda: got.append(c.acquire()))
    t.start()
    deadline = time.monotonic() + 10
    while not calls and time.monotonic() < deadline:
        time.sleep(0.005)
    assert calls == [False]  # told once, before it blocks
    c.step(1)
    t.join(10)
    assert got == [True] and calls == [False]


def test_the_speed_is_timed_over_the_span_asked_and_the_run_stops_there(small):
    """measure_samples_per_s trains up to `stop` samples and no further, timing only the
    batches after `start` (the screenshot compares the window and this over the same batches);
    a run that ends before `stop` gives no speed. Only the count is asserted, never a speed."""
    from lenet_gui.train.timing import measure_samples_per_s

    cfg = TrainConfig(epochs=1, batch_size=32, subset_every=0)
    trainer = Trainer(LeNet5(LeNetConfig(), seed=0), small, cfg)
    assert measure_samples_per_s(trainer, 32 * 3, 32 * 12) > 0
    assert trainer.step == 12, "trained up to the span's end, no further"
    short = Trainer(LeNet5(LeNetConfig(), seed=0), small, cfg)
    assert measure_samples_per_s(short, 32 * 3, 32 * 41) == 0.0, "the epoch has 40 batches"
    assert short.step == 40


def test_the_timeline_records_the_weights_after_each_scheduled_batch_bit_for_bit(small):
    """The record of the weights after batch b is made during batch b + 1 (while the helper
    computes its share) or when the run ends: the same weights, bit for bit, as a copy taken
    right after b, for every batch the schedule keeps, and the last one."""
    from lenet_gui.train.timeline import Timeline, recording_schedule

    cfg = TrainConfig(epochs=1, batch_size=64, subset_every=0)
    timeline = Timeline()
    recorded = Trainer(LeNet5(LeNetConfig(), seed=0), small, cfg, timeline=timeline)
    copies = {0: {k: v.copy() for k, v in LeNet5(LeNetConfig(), seed=0).params.items()}}
    plain = Trainer(LeNet5(LeNetConfig(), seed=0), small, cfg)
    for report in plain.steps():
        if recording_schedule(report.step):
            copies[report.step] = {k: v.copy() for k, v in plain.net.params.items()}
    last = plain.step
    copies[last] = {k: v.copy() for k, v in plain.net.params.items()}
    for _ in recorded.steps():
        pass
    assert timeline.batches.tolist() == sorted(copies)
    for i, b in enumerate(timeline.batches.tolist()):
        got = timeline.params(i)
        for k, v in copies[b].items():
            assert got[k].tobytes() == v.tobytes(), (b, k)


def test_a_paused_run_has_its_last_batch_in_the_timeline(small):
    """Paused after a few single steps, the run's timeline already holds the weights after
    the last one (the record the next step would have made is made before the pause blocks)."""
    import threading

    from lenet_gui.train.timeline import Timeline

    cfg = TrainConfig(epochs=1, batch_size=64, subset_every=0)
    timeline = Timeline()
    trainer = Trainer(LeNet5(LeNetConfig(), seed=0), small, cfg, timeline=timeline)
    control = RunControl(running=False)
    blocked = threading.Event()
    control.before_blocking = blocked.set
    reports = []
    worker = threading.Thread(target=lambda: reports.extend(trainer.steps(control)),
                              daemon=True)
    control.step(3)
    worker.start()
    try:
        assert blocked.wait(30), "the run did not pause"
        assert len(reports) == 3 and timeline.last_batch == 3
        last = timeline.params(len(timeline) - 1)["w1"]
        assert last.tobytes() == trainer.net.params["w1"].tobytes()
    finally:
        control.stop()
        worker.join(30)


def test_batches_are_timed_until_a_count_or_a_time_and_rated_over_a_span(small):
    """timed_batches keeps (samples, time) after each batch and stops at `stop` samples or
    after `seconds`; rate_between rates the span from the first batch at `start` to the first
    at `stop`, and gives 0.0 for a span the marks do not reach (the screenshot's run before the
    window, when the window trained further than it)."""
    from lenet_gui.train.timing import rate_between, timed_batches

    cfg = TrainConfig(epochs=1, batch_size=32, subset_every=0)
    marks = timed_batches(Trainer(LeNet5(LeNetConfig(), seed=0), small, cfg), stop=32 * 5)
    assert [n for n, _ in marks] == [32, 64, 96, 128, 160]
    assert all(a[1] <= b[1] for a, b in zip(marks, marks[1:]))
    assert len(timed_batches(Trainer(LeNet5(LeNetConfig(), seed=0), small, cfg), seconds=0.0)) == 1
    made_up = [(32, 1.0), (64, 2.0), (96, 2.5), (128, 4.0)]
    assert rate_between(made_up, 40, 100) == (128 - 64) / (4.0 - 2.0)
    assert rate_between(made_up, 32, 64) == 32.0
    assert rate_between(made_up, 40, 129) == 0.0


def test_a_compacted_history_holds_only_its_values_and_still_grows():
    import lenet_gui.train.history as hist

    h = hist.TrainingHistory()
    reports = [StepReport(0, i, 3000, i + 1, 1.0 / (i + 1), 0.5, 0.03, 1.0, {"c1": 0.5},
                          subset_accuracy=0.9 if i % 500 == 0 else None,
                          subset_loss=0.3 if i % 500 == 0 else None) for i in range(3000)]
    h.extend(reports[:2100])
    before = {f"{g}_{c}": h.column(g, c).copy() for g, cols in hist.COLUMNS.items() for c in cols}
    grown = h.nbytes
    h.compact()
    n_values = sum(s.n for cols in (*h.groups.values(), h.health) for s in cols.values())
    assert h.nbytes == 8 * n_values + 8 * sum(  # an empty column keeps one slot
        s.n == 0 for cols in (*h.groups.values(), h.health) for s in cols.values())
    assert h.nbytes < grown / 1.8  # 2,100 values in arrays of 4,096
    for key, values in before.items():
        g, c = key.split("_", 1)
        np.testing.assert_array_equal(h.column(g, c), values)
    h.extend(reports[2100:])  # trained again: it grows as before
    np.testing.assert_array_equal(h.column("batch", "loss"), [1.0 / s for s in range(1, 3001)])
