"""Distributions of w, u and δ over training, and the diagnoses read from them: real networks
trained (or set) into each condition, on a real subset of MNIST."""

import time

import numpy as np
import pytest

from lenet_gui.data.preprocess import normalise
from lenet_gui.model import LeNet5, LeNetConfig
from lenet_gui.train import RunControl, TrainConfig, Trainer
from lenet_gui.train import diagnose as dg
from lenet_gui.train import distributions as ds
from tests import helpers


@pytest.fixture(scope="module")
def data():
    return helpers.subset(6400, 200, "subset")


def _train(data, lr, batches, activation="lecun", every=20, seed=0):
    net = LeNet5(LeNetConfig(activation=activation), seed=seed)
    cfg = TrainConfig(learning_rate=lr, batch_size=64, epochs=10, warmup_batches=0,
                      schedule="constant", subset_every=0, seed=seed)
    trainer = Trainer(net, data, cfg)
    trainer.record_distributions(every)
    history = ds.DistributionHistory()
    for n, report in enumerate(trainer.steps(), 1):
        if report.diverged:
            history.diverged = True
        if report.distributions is not None:
            history.add(report.distributions)
        if report.diverged or n >= batches:
            break
    return net, history


def _codes(history):
    return {d.code for d in dg.diagnose(history) if d.warning}


def test_bins_count_like_numpy_histogram_with_ends_clipped_and_zeros_apart(rng):
    b = ds.Bins(-4.0, 4.0)
    v = rng.normal(0, 1.5, 5000)
    counts, zeros = b.count(v)
    inside = v[(v >= -4) & (v < 4)]
    ref, _ = np.histogram(inside, b.edges)
    ref[0] += np.count_nonzero(v < -4)
    ref[-1] += np.count_nonzero(v >= 4)
    assert zeros == 0 and counts.sum() == v.size
    np.testing.assert_array_equal(counts, ref)
    lb = ds.Bins(-9.0, 1.0, log=True)
    counts, zeros = lb.count(np.array([0.0, 0.0, 1e-3, -1e-3, 1e-12, 50.0]))
    assert zeros == 2 and counts.sum() == 4
    assert counts[0] == 1 and counts[-1] == 1  # 1e-12 and 50 clipped to the end bins
    assert counts[int((-3 + 9) / 0.25)] == 2  # |±1e-3| in the bin starting at log10 = −3


def test_saturated_share_from_the_histogram_equals_the_share_of_raw_u(data):
    net = LeNet5(LeNetConfig(), seed=0)
    net.params["w3"] *= 10  # push C3's u far out
    rec = ds.DistributionRecorder(data.test_images, data.test_labels)
    row = rec.record(net, 1, None)
    u = net.forward(normalise(data.test_images[: ds.PROBE_IMAGES]))["u_c3"]
    assert dg.saturated_share(row, "c3") == pytest.approx(np.mean(np.abs(u) > 2), abs=1e-6)
    assert dg.saturated_share(row, "c3") > 0.3


def test_recording_reads_the_weights_only(data):
    """Training with the recorder gives the same weights, bit for bit, as without it."""
    cfg = TrainConfig(batch_size=64, epochs=1, subset_every=0)
    plain, recorded = LeNet5(LeNetConfig(), seed=3), LeNet5(LeNetConfig(), seed=3)
    a, b = Trainer(plain, data, cfg), Trainer(recorded, data, cfg)
    b.record_distributions(every=5)
    rows, came = [], []
    for _, (_, r) in zip(range(31), zip(a.steps(), b.steps())):
        if r.distributions is not None:
            rows.append(r.distributions)
            came.append(r.step)
    assert [r.step for r in rows] == [1, 5, 10, 15, 20, 25, 30]
    # each made during the next batch (beside the helper's whole step), with its report
    assert came == [2, 6, 11, 16, 21, 26, 31]
    for k in plain.params:
        np.testing.assert_array_equal(plain.params[k], recorded.params[k])
    row = rows[-1]
    assert set(row.hist) == {(layer, q) for layer in ("c1", "c3", "c5", "f6", "f7")
                             for q in ("w", "u", "delta")} | {("s2", "delta"), ("s4", "delta")}
    assert row.delta_zeros["c1"] >= 0.74  # max-pooling routes δ to one element of four
    assert set(row.update_ratio) == {"c1", "c3", "c5", "f6", "f7"}


def _same_rows(a, b):
    assert (a.step, a.loss) == (b.step, b.loss)
    assert a.hist.keys() == b.hist.keys()
    for key in a.hist:
        np.testing.assert_array_equal(a.hist[key], b.hist[key])
    assert (a.delta_zeros, a.delta_mean, a.update_ratio) == \
        (b.delta_zeros, b.delta_mean, b.update_ratio)


def test_a_row_made_during_the_next_batch_is_the_row_of_its_own_batch(data):
    """A row made while the next batch trains holds what a row made right after its batch
    holds, bit for bit: the weights, the update applied and the losses are still those."""
    cfg = TrainConfig(batch_size=64, epochs=1, subset_every=0)
    recorded = Trainer(LeNet5(LeNetConfig(), seed=4), data, cfg)
    recorded.record_distributions(every=4)
    plain = Trainer(LeNet5(LeNetConfig(), seed=4), data, cfg)
    here = ds.DistributionRecorder(data.test_images, data.test_labels, every=4)
    want = []
    for _, r in zip(range(17), plain.steps()):
        here.observe(r.loss)
        if here.due(r.step):
            want.append(here.record(plain.net, r.step, plain.velocity))
    got = [r.distributions for _, r in zip(range(18), recorded.steps())
           if r.distributions is not None]
    assert [r.step for r in got] == [w.step for w in want] == [1, 4, 8, 12, 16]
    for a, b in zip(got, want):
        _same_rows(a, b)


def test_rows_come_with_their_own_batch_where_no_next_one_follows_at_once(data):
    """Single steps (and a pause, and slow motion) and the run's last batch: the row is made
    at once and comes with its batch's report."""
    import threading

    cfg = TrainConfig(batch_size=64, epochs=1, subset_every=0)
    n = len(data.train_labels) // 64  # batches of the one epoch
    trainer = Trainer(LeNet5(LeNetConfig(), seed=1), data, cfg)
    trainer.record_distributions(every=n // 2)
    control = RunControl(running=False)
    reports = []
    worker = threading.Thread(target=lambda: reports.extend(trainer.steps(control)),
                              daemon=True)
    worker.start()
    try:
        control.step(n // 2 + 1)  # one at a time, as the Step button gives them
        deadline = time.monotonic() + 60
        while len(reports) < n // 2 + 1 and time.monotonic() < deadline:
            time.sleep(0.01)
        came = [(r.step, r.distributions.step) for r in reports if r.distributions is not None]
        assert came == [(1, 1), (n // 2, n // 2)]
        control.resume()
        worker.join(120)
        came = [(r.step, r.distributions.step) for r in reports if r.distributions is not None]
        assert came[-1] == (n, n), "the last batch's row comes with it"
    finally:
        control.stop()
        worker.join(30)


def test_a_row_due_just_before_a_stop_is_made_as_the_run_stops_and_taken_once(data):
    """A row waits for the next batch, which makes it and carries it. When the run stops
    before that batch, steps() makes the row as it ends (the weights are still its batch's)
    and take_row() gives it, once: it is not lost."""
    cfg = TrainConfig(batch_size=64, epochs=1, subset_every=0)
    plain = Trainer(LeNet5(LeNetConfig(), seed=4), data, cfg)
    here = ds.DistributionRecorder(data.test_images, data.test_labels, every=4)
    for _, r in zip(range(8), plain.steps()):
        here.observe(r.loss)
        if here.due(r.step):
            want = here.record(plain.net, r.step, plain.velocity)
    recorded = Trainer(LeNet5(LeNetConfig(), seed=4), data, cfg)
    recorded.record_distributions(every=4)
    control = RunControl()
    came = []
    for r in recorded.steps(control):
        if r.distributions is not None:
            came.append((r.step, r.distributions.step))
        if r.step == 8:
            assert r.distributions is None and recorded.take_row() is None  # not made yet
            control.stop()  # before batch 9, which would have made it
    assert came == [(2, 1), (5, 4)] and recorded.step == 8
    row = recorded.take_row()
    assert row is not None and recorded.take_row() is None
    _same_rows(row, want)


def test_a_large_learning_rate_is_diagnosed_as_saturated_and_too_high(data):
    _, history = _train(data, lr=0.2, batches=100)
    codes = _codes(history)
    assert "saturated" in codes
    assert {"lr_too_high", "update_large"} & codes


def test_a_healthy_network_gets_no_warning(data):
    _, history = _train(data, lr=0.03, batches=100)
    assert _codes(history) == set()
    shown = {d.code for d in dg.diagnose(history)}
    assert {"saturation_ok", "update_ok", "delta_ok", "lr_ok"} <= shown


def test_dead_relus_with_a_large_negative_bias(data):
    net = LeNet5(LeNetConfig(activation="relu"), seed=0)
    rec = ds.DistributionRecorder(data.test_images, data.test_labels)
    healthy = ds.DistributionHistory()
    healthy.add(rec.record(net, 1, None))
    assert dg.dead_relus(healthy.latest).code == "dead_ok"
    net.params["b1"][:4] = -100.0  # four of C1's six maps can never be positive
    sick = ds.DistributionHistory()
    sick.add(rec.record(net, 1, None))
    d = dg.dead_relus(sick.latest)
    assert d.warning and d.layer == "c1" and d.value == pytest.approx(4 / 6)
    assert sick.latest.delta_zeros["c1"] > 0.9  # their δ(u) = δ(f)·f′(u) = 0
    assert dg.dead_relus(rec.record(LeNet5(LeNetConfig()), 1, None)) is None  # tanh: no check


def test_vanishing_delta_of_the_sigmoid_and_not_of_lecuns_tanh(data):
    rec = ds.DistributionRecorder(data.test_images, data.test_labels)
    sig = rec.record(LeNet5(LeNetConfig(activation="sigmoid"), seed=0), 1, None)
    d = dg.delta_flow(sig)
    assert d.code == "delta_vanishing" and d.value < dg.VANISHING
    assert sig.delta_mean["c1"] / sig.delta_mean["f7"] == pytest.approx(d.value)
    ok = dg.delta_flow(rec.record(LeNet5(LeNetConfig(), seed=0), 1, None))
    assert ok.code == "delta_ok" and dg.VANISHING < ok.value < dg.EXPLODING


def test_rising_loss_and_divergence_say_the_learning_rate_is_too_high(data):
    rec = ds.DistributionRecorder(data.test_images, data.test_labels)
    row = rec.record(LeNet5(LeNetConfig()), 1, None)
    h = ds.DistributionHistory()
    for step, loss in enumerate([2.3, 1.0, 0.6, 0.5], 1):
        h.add(ds.DistributionRow(step, loss, row.hist, row.delta_zeros, row.delta_mean, {}))
    assert dg.learning_rate(h).code == "lr_ok"
    h.add(ds.DistributionRow(5, 0.9, row.hist, row.delta_zeros, row.delta_mean, {}))
    assert dg.learning_rate(h).code == "lr_too_high"
    h.rows.pop()
    h.diverged = True
    assert dg.learning_rate(h).warning


def test_history_is_bounded_spans_the_run_and_restarts_with_a_new_run(data):
    rec = ds.DistributionRecorder(data.test_images, data.test_labels)
    row = rec.record(LeNet5(LeNetConfig()), 1, None)
    h = ds.DistributionHistory(capacity=10)
    for step in range(1, 101):
        h.add(ds.DistributionRow(step, 1.0, row.hist, row.delta_zeros, row.delta_mean, {}))
        assert len(h) <= 10
    steps = h.steps()
    assert steps[0] == 1 and steps[-1] == 100 and np.all(np.diff(steps) > 0)
    m = h.matrix("c1", "u")
    assert m.shape == (len(h), ds.N_BINS) and np.allclose(m.sum(axis=1), 1)
    assert h.matrix("s2", "u") is None
    full = ds.DistributionHistory()
    for step in range(1, 1000):
        full.add(ds.DistributionRow(step, 1.0, row.hist, row.delta_zeros, row.delta_mean, {}))
    assert full.nbytes() < 2_000_000
    h.add(ds.DistributionRow(1, 1.0, row.hist, row.delta_zeros, row.delta_mean, {}))
    assert len(h) == 1  # a step earlier than the newest: another run


def test_cli_prints_diagnoses_and_cost(capsys):
    from lenet_gui.commands import main

    assert main(["distributions", "--batches", "60", "--every", "20"]) == 0
    out = capsys.readouterr().out
    assert "ok      saturation_ok" in out and "recording:" in out
    assert main(["distributions", "--every", "0"]) == 1


@pytest.mark.parametrize("config", [LeNetConfig(), LeNetConfig(activation="relu"),
                                    LeNetConfig(activation="sigmoid", pooling="mean")],
                         ids=["lecun-max", "relu-max", "sigmoid-mean"])
def test_a_row_counts_the_values_of_the_displayed_maps(data, config):
    """The recorder traces its probe batch on the training's path (no display maps, C1 in the
    quad layout): every histogram, zero share, dead share and mean |δ| equals what the
    display's maps (forward and backward with maps, the usual layout) give, counted directly.
    Saturated weights make ties of f(u) among different u (the max-pooling's winner may move,
    δ(u)'s values may not)."""
    net = LeNet5(config, seed=4)
    net.params["w1"] *= 8  # saturate C1: f(u) ties at ±A for different u
    net.params["b1"][0] = -50.0  # C1's first map never > 0: a dead one under ReLU
    rec = ds.DistributionRecorder(data.test_images, data.test_labels)
    row = rec.record(net, 7, None)
    x = normalise(data.test_images[: ds.PROBE_IMAGES])
    trace = net.forward(x)
    grads = net.backward(trace, data.test_labels[: ds.PROBE_IMAGES], need_input=False)
    n = ds.PROBE_IMAGES
    for layer in ("c1", "s2", "c3", "s4", "c5", "f6", "f7"):
        d = grads[ds.DELTA_OF[layer]] * n
        counts, zeros = ds.bins_for(layer, "delta").count(d)
        np.testing.assert_array_equal(row.hist[layer, "delta"], counts, err_msg=layer)
        assert row.delta_zeros[layer] == zeros / d.size
        assert row.delta_mean[layer] == pytest.approx(float(np.mean(np.abs(d))), rel=1e-5)
        if layer in ds.U_OF:
            u = trace[ds.U_OF[layer]]
            np.testing.assert_array_equal(row.hist[layer, "u"],
                                          ds.bins_for(layer, "u").count(u)[0], err_msg=layer)
            if config.activation == "relu" and ds.layer_has_f(layer, config):
                assert row.dead[layer] == ds.dead_share(u)
    assert row.dead.get("c1", 1 / 6) == pytest.approx(1 / 6)
    assert row.delta_zeros["c1"] > 0 or config.pooling == "mean"
