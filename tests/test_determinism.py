"""Same seed, same machine, same weights, whatever LENET_THREADS / LENET_PROCESSES say: one
thread, two threads and two processes (this one and the helper) compute the same micro-batches
in the same shapes and add them in the same order, so their gradients and the weights after
training are equal bit for bit, for every sub-sampling option."""

import numpy as np
import pytest

from lenet_gui.data import normalise
from lenet_gui.data.mnist import Dataset
from lenet_gui.model import LeNet5, LeNetConfig, _procs, set_num_threads, training_step
from lenet_gui.train import TrainConfig, Trainer
from tests import helpers

STEPS = 20
BATCH = 64
POOLINGS = ["max", "mean", "trainable"]
# name -> (threads, helper process allowed)
WAYS = {"one thread": (1, False), "two threads": (2, False), "helper process": (2, True)}


@pytest.fixture(scope="module")
def data():
    d = helpers.mnist()
    n = STEPS * BATCH
    return Dataset(d.train_images[:n], d.train_labels[:n], d.test_images[:200],
                   d.test_labels[:200], "subset")


@pytest.fixture
def way(monkeypatch):
    """Run the model one way: a thread count, the helper process on or off."""
    def use(name):
        threads, helper = WAYS[name]
        _procs.shutdown()
        monkeypatch.setattr(_procs, "_broken", False)
        monkeypatch.setenv(_procs.ENV_VAR, "1" if helper else "0")
        set_num_threads(threads)
    yield use
    _procs.shutdown()
    set_num_threads(None)


def _train(config, data):
    net = LeNet5(config, seed=7)
    cfg = TrainConfig(epochs=1, batch_size=BATCH, seed=7, subset_every=0, augment=True)
    reports = []
    for r in Trainer(net, data, cfg).steps():
        reports.append(r.loss)
        if len(reports) == STEPS:
            break
    return net, reports


@pytest.mark.parametrize("pooling", POOLINGS)
def test_every_way_gives_the_same_gradients_and_weights_bit_for_bit(pooling, data, way):
    """Every way this platform has: the helper process only where there is one (POSIX)."""
    config = LeNetConfig(pooling=pooling)
    x = normalise(data.train_images[:BATCH])
    labels = data.train_labels[:BATCH]
    results = {}
    for name in WAYS:
        if name == "helper process" and not _procs.platform_has_helper():
            continue
        way(name)
        net = LeNet5(config, seed=3)
        step = training_step(net, x, labels)
        if name == "helper process":
            assert _procs._helper is not None  # the helper did take part
        trained, losses = _train(config, data)
        results[name] = (step, trained, losses)
    ref_step, ref_net, ref_losses = results["one thread"]
    for name, (step, net, losses) in results.items():
        assert step.loss == ref_step.loss, name
        assert np.array_equal(step.y, ref_step.y), name
        for k in ref_net.param_names():
            assert np.array_equal(step.grads[k], ref_step.grads[k]), (name, k)
            assert net.params[k].tobytes() == ref_net.params[k].tobytes(), (name, k)
        assert losses == ref_losses, name
        assert len(losses) == STEPS
