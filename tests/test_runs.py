"""Runs on disk: round trip, delete and undo, damaged files rejected while the others load, the
course's experiments, and what differs between runs in the course's words."""

import dataclasses
import os

import numpy as np
import pytest

from lenet_gui.model import LeNet5, LeNetConfig
from lenet_gui.train import StepReport, TrainConfig
from lenet_gui.train.history import TrainingHistory
from lenet_gui.train.runs import Run, RunStore, differences, experiment, new_id


def _run(name="run 1", config=None, seed=0, steps=5) -> Run:
    config = config or LeNetConfig()
    net = LeNet5(config, seed=seed)
    history = TrainingHistory()
    history.extend([StepReport(epoch=0, batch=i, batches_per_epoch=10, step=i + 1,
                               loss=2.3 - 0.1 * i, batch_accuracy=0.1 * i, learning_rate=0.03,
                               samples_per_s=9000.0, grad_norms={"c1": 0.1})
                    for i in range(steps)])
    return Run(new_id(), name, config, TrainConfig(seed=seed), "random",
               net.snapshot().params, history, wall_seconds=12.5, samples_per_s=9000.0)


def test_a_run_survives_the_round_trip(tmp_path):
    store = RunStore(tmp_path)
    run = _run(config=LeNetConfig(pooling="mean"))
    store.save(run)
    (back,), errors = store.load_all()
    assert not errors
    assert (back.id, back.name, back.config, back.train_config, back.start) == (
        run.id, run.name, run.config, run.train_config, run.start)
    assert back.wall_seconds == 12.5 and back.samples_per_s == 9000.0
    for k, a in run.params.items():
        assert back.params[k].tobytes() == a.tobytes() and not back.params[k].flags.writeable
    for k, a in run.history.arrays().items():
        np.testing.assert_array_equal(back.history.arrays()[k], a)
    assert sorted(os.listdir(tmp_path)) == [f"{run.id}.run.npz"]


def test_delete_then_undo_then_empty_the_trash(tmp_path):
    store = RunStore(tmp_path)
    a, b = _run("a"), _run("b", seed=1)
    store.save(a)
    store.save(b)
    store.delete(a.id)
    assert [r.name for r in store.load_all()[0]] == ["b"]
    store.restore(a.id)
    assert sorted(r.name for r in store.load_all()[0]) == ["a", "b"]
    store.delete(a.id)
    store.empty_trash()
    store.restore(a.id)  # gone for good: nothing to bring back
    assert [r.name for r in store.load_all()[0]] == ["b"]


def test_a_damaged_run_is_reported_and_the_others_load(tmp_path):
    store = RunStore(tmp_path)
    good = _run("good")
    store.save(good)
    bad = store.path("bad")
    bad.write_bytes(store.path(good.id).read_bytes()[:500])  # a half-written file
    runs, errors = store.load_all()
    assert [r.name for r in runs] == ["good"]
    assert len(errors) == 1 and str(bad) in errors[0]


def test_a_read_only_run_is_never_written(tmp_path):
    run = dataclasses.replace(_run(), read_only=True)
    with pytest.raises(ValueError, match="read-only"):
        RunStore(tmp_path).save(run)
    assert not list(tmp_path.iterdir())


def test_experiments_and_their_differences():
    runs = experiment("c3", train=TrainConfig(epochs=2, seed=4))
    assert [n for n, _, _ in runs] == ["C3: Table 1", "C3: full"]
    assert [c.c3_table for _, c, _ in runs] == [True, False]
    assert all(t.seed == 4 and t.epochs == 2 for _, _, t in runs)
    lr = experiment("lr")
    assert [t.learning_rate for _, _, t in lr] == [0.003, 0.01, 0.03, 0.1]
    objs = [Run(new_id(), n, c, t, "random", {}) for n, c, t in runs]
    assert differences(objs) == ["C3: Table 1", "C3: full"]
    objs = [Run(new_id(), n, c, t, "random", {}) for n, c, t in experiment("pooling")]
    assert differences(objs) == ["S2/S4: max", "S2/S4: mean", "S2/S4: trainable"]
    with pytest.raises(KeyError, match="unknown experiment"):
        experiment("colour")
