"""The data-parallel path (model/_parallel.py): same gradients as one thread, bit-identical
from run to run, safe with several caller threads. No timing assertions."""

import threading

import numpy as np
import pytest

from lenet_gui.data.synthetic import mnist_like
from lenet_gui.model import LeNet5, LeNetConfig, _parallel, num_threads, set_num_threads

N = 40  # one part of 40 whatever the thread count (it once was two parts of 20 on two threads)
CONFIGS = [LeNetConfig(), LeNetConfig(pooling="mean"),
           LeNetConfig(pooling="trainable", activation="relu"),
           LeNetConfig(c3_table=False, activation="sigmoid")]
IDS = ["max", "mean", "trainable-relu", "full-sigmoid"]


@pytest.fixture
def threads():
    """Set the thread count inside a test; the default comes back afterwards."""
    yield set_num_threads
    set_num_threads(None)


def _run(config, x, labels, need_input=True):
    net = LeNet5(config, seed=4)
    trace = net.forward(x)
    return trace, net.backward(trace, labels, need_input=need_input)


def _data(n=N, seed=0):
    rng = np.random.default_rng(seed)
    return mnist_like(n, rng), rng.integers(0, 10, n)


@pytest.mark.parametrize("n", [N, 200])
@pytest.mark.parametrize("config", CONFIGS, ids=IDS)
def test_two_threads_give_the_one_thread_numbers_bit_for_bit(config, n, threads):
    """Every array of the trace and every δ, bit for bit: the parts do not depend on the
    thread count, so neither do the GEMM shapes nor the order of the sums."""
    x, labels = _data(n)
    threads(1)
    trace1, g1 = _run(config, x, labels)
    threads(2)
    trace2, g2 = _run(config, x, labels)
    assert trace1.keys() == trace2.keys() and g1.keys() == g2.keys()
    for k in trace1:
        assert np.array_equal(trace2[k], trace1[k]), k
    for k in g1:
        assert np.array_equal(g2[k], g1[k]), k


@pytest.mark.parametrize("n", [40, 200])
def test_threaded_gradients_are_bit_identical_run_to_run(n, threads):
    threads(2)
    x, labels = _data(n)
    _, first = _run(LeNetConfig(), x, labels, need_input=False)
    for _ in range(3):
        _, again = _run(LeNetConfig(), x, labels, need_input=False)
        for k in first:
            assert np.array_equal(first[k], again[k]), k


def test_parts_cover_the_batch_in_order_whatever_the_thread_count(threads):
    for n in (1, 15, 31, 32, 33, 63, 64, 100, 256, 1000):
        threads(1)
        parts = _parallel.split(n, 64)
        threads(3)
        assert _parallel.split(n, 64) == parts
        assert parts[0].start == 0 and parts[-1].stop == n
        assert all(a.stop == b.start for a, b in zip(parts, parts[1:]))
        assert all(0 < p.stop - p.start <= 64 for p in parts)
        assert len(parts) == 1 or len(parts) % 2 == 0
    assert len(_parallel.split(N, 64)) == 1 and len(_parallel.split(64, 64)) == 2


def test_thread_count_knob(threads, monkeypatch):
    threads(3)
    assert num_threads() == 3
    threads(1)
    assert num_threads() == 1
    with pytest.raises(ValueError):
        set_num_threads(0)
    monkeypatch.setenv("LENET_THREADS", "1")
    threads(None)
    assert num_threads() == 1
    monkeypatch.setenv("LENET_THREADS", "two")
    with pytest.raises(ValueError, match="LENET_THREADS"):
        threads(None)
    monkeypatch.delenv("LENET_THREADS")
    threads(None)
    assert num_threads() >= 1


def test_two_caller_threads_with_their_own_nets(threads):
    """A training thread and an inference thread share the worker pool, each with its own net."""
    threads(2)
    x, labels = _data(96, seed=1)
    _, expected = _run(LeNetConfig(), x, labels)
    y_expected = LeNet5(LeNetConfig(), seed=9).predict(x)
    errors, results = [], {}

    def train():
        try:
            results["train"] = [_run(LeNetConfig(), x, labels)[1] for _ in range(5)]
        except BaseException as e:  # reported below
            errors.append(e)

    def infer():
        try:
            net = LeNet5(LeNetConfig(), seed=9)
            results["infer"] = [net.predict(x) for _ in range(5)]
        except BaseException as e:
            errors.append(e)

    workers = [threading.Thread(target=train), threading.Thread(target=infer)]
    for t in workers:
        t.start()
    for t in workers:
        t.join(60)
    assert not errors, errors
    for g in results["train"]:
        for k in expected:
            assert np.array_equal(g[k], expected[k]), k
    for y in results["infer"]:
        assert np.array_equal(y, y_expected)


def test_a_part_that_fails_raises_in_the_caller(threads):
    threads(2)

    def part(i):
        if i == 3:
            raise RuntimeError("part 3")
        return i

    with pytest.raises(RuntimeError, match="part 3"):
        _parallel.run_parts(part, range(6))
    assert _parallel.run_parts(lambda i: i * i, range(6)) == [0, 1, 4, 9, 16, 25]


def test_the_model_called_from_a_pool_thread_runs_serially(threads):
    threads(2)
    x, labels = _data(64)
    nets = [LeNet5(LeNetConfig(), seed=2) for _ in range(2)]  # one caller per net at a time
    ys = _parallel.run_parts(lambda i: nets[i].predict(x), [0, 1])
    assert np.array_equal(ys[0], ys[1])
