"""The training step on two processes (model/_procs.py): the same numbers as forward +
backward, bit for bit the same with or without the helper process, and training goes on when
the helper dies; where the platform has no helper, the same numbers and nothing said. No timing
assertions (speed is `python main.py bench`)."""

import glob
import logging
import os

import numpy as np
import pytest

from lenet_gui.data.synthetic import mnist_like
from lenet_gui.model import LeNet5, LeNetConfig, _procs, training_step
from tests.helpers import micro_batches_computed_here, rel_error
from tests.portable import OsOfWindows

HELPER = "the helper process"


def _data(n, seed=0, dtype=np.float32):
    rng = np.random.default_rng(seed)
    return mnist_like(n, rng).astype(dtype), rng.integers(0, 10, n)


def _helper_pid():
    h = _procs._helper
    return None if h is None else h.proc.pid


def test_micro_batches_cover_the_batch_in_order():
    for N in (1, 7, 16, 31, 32, 33, 64, 100, 256, 1000):
        parts = _procs.micro_batches(N)
        assert parts[0].start == 0 and parts[-1].stop == N
        assert all(a.stop == b.start for a, b in zip(parts, parts[1:]))
        sizes = [p.stop - p.start for p in parts]
        assert max(sizes) <= _procs.MICRO and min(sizes) >= 1
        assert max(sizes) - min(sizes) <= 1  # balanced
        if N >= 2 * _procs.MIN_PER_PROCESS:
            assert len(parts) % 2 == 0  # both processes get the same count
    assert len(_procs.micro_batches(64)) == 2 and len(_procs.micro_batches(256)) == 8


@pytest.mark.parametrize("config", [LeNetConfig(dtype="float64"),
                                    LeNetConfig(pooling="trainable", dtype="float64"),
                                    LeNetConfig(pooling="mean", activation="relu",
                                                c3_table=False, dtype="float64"),
                                    LeNetConfig(f7_activation=True, activation="sigmoid",
                                                dtype="float64")],
                         ids=["course", "trainable", "mean-relu-full", "f7-sigmoid"])
def test_step_equals_forward_and_backward(config, two_workers):
    """J, y and every parameter's δ as the whole-batch forward + backward give them, only the
    sums taken in another order; the helper ran half of the micro-batches."""
    x, labels = _data(80, dtype=np.float64)
    net = LeNet5(config, seed=3)
    step = training_step(net, x, labels)
    assert (_helper_pid() is not None) == _procs.platform_has_helper()  # it took part if it can
    trace = net.forward(x)
    g = net.backward(trace, labels)
    assert step.loss == pytest.approx(net.loss(trace, labels), rel=1e-12)
    assert rel_error(step.y, trace["y"]) < 1e-12
    assert set(step.grads) == set(net.param_names())
    for k in net.param_names():
        assert step.grads[k].shape == net.params[k].shape
        assert rel_error(step.grads[k], g[k]) < 1e-12, k
    if config.c3_table:  # the Table 1 zeros stay zero
        assert not step.grads["w3"][~net.table].any()


def test_helper_and_single_process_agree_bit_for_bit(two_workers, monkeypatch):
    x, labels = _data(256, seed=1)
    net = LeNet5(seed=0)
    with_helper = training_step(net, x, labels)
    assert (_helper_pid() is not None) == _procs.platform_has_helper()
    monkeypatch.setenv(_procs.ENV_VAR, "0")  # the same micro-batches, all in this process
    alone = training_step(net, x, labels)
    assert with_helper.loss == alone.loss
    assert np.array_equal(with_helper.y, alone.y)
    for k in net.param_names():
        assert np.array_equal(with_helper.grads[k], alone.grads[k]), k


@pytest.mark.posix_only(HELPER)
def test_a_step_handed_off_runs_wholly_in_the_helper_and_equals_the_shared_one(two_workers,
                                                                             monkeypatch):
    """hand_off(True) (the window draws a frame): this process computes none of the step's
    micro-batches and the result is the shared step's, bit for bit; off again, it shares."""
    x, labels = _data(128, seed=6)
    net = LeNet5(seed=2)
    here = micro_batches_computed_here(monkeypatch)
    shared = training_step(net, x, labels)
    assert len(here) == 2, "four micro-batches: two here, two in the helper"
    assert not _procs.hands_off(128)
    _procs.hand_off(True)
    try:
        assert _procs.hands_off(128) and not _procs.hands_off(8), "one micro-batch stays here"
        here.clear()
        away = training_step(net, x, labels)
        assert here == [], "the helper computed every micro-batch"
    finally:
        _procs.hand_off(False)
    assert away.loss == shared.loss and np.array_equal(away.y, shared.y)
    for k in net.param_names():
        assert np.array_equal(away.grads[k], shared.grads[k]), k
    here.clear()
    training_step(net, x, labels)
    assert len(here) == 2
    monkeypatch.setenv(_procs.ENV_VAR, "0")
    _procs.hand_off(True)
    try:
        assert not _procs.hands_off(128), "no helper: nothing to hand off to"
    finally:
        _procs.hand_off(False)


def test_the_helper_follows_the_weights_and_the_configuration(two_workers):
    """Weights change every step and a new network may have another configuration: the
    helper must compute with the parent's current ones, never with a stale copy."""
    x, labels = _data(64, seed=2)
    for config in (LeNetConfig(), LeNetConfig(pooling="trainable"), LeNetConfig()):
        net = LeNet5(config, seed=5)
        for _ in range(3):
            step = training_step(net, x, labels)
            g = net.backward(net.forward(x), labels)
            for k in net.param_names():
                assert rel_error(step.grads[k], g[k]) < 1e-5, (config, k)
            for k in net.param_names():
                net.params[k] -= 0.1 * step.grads[k]
    big_x, big_labels = _data(600, seed=3)  # more than the block holds: a new block
    step = training_step(net, big_x, big_labels)
    g = net.backward(net.forward(big_x), big_labels)
    assert rel_error(step.grads["w1"], g["w1"]) < 1e-5


@pytest.mark.posix_only(HELPER)
def test_a_dead_helper_costs_nothing_but_speed(two_workers, caplog):
    """Kill the helper between steps: the next step's result is the same, bit for bit, a
    warning says why, and later steps run in this process."""
    x, labels = _data(128, seed=4)
    net = LeNet5(seed=1)
    before = training_step(net, x, labels)
    proc = _procs._helper.proc
    proc.kill()
    proc.wait(timeout=10)
    with caplog.at_level(logging.WARNING, logger=_procs.__name__):
        after = training_step(net, x, labels)
    assert "one process" in caplog.text and "helper" in caplog.text
    assert not _procs.processes_enabled() and _procs._helper is None
    for k in net.param_names():
        assert np.array_equal(before.grads[k], after.grads[k]), k
    again = training_step(net, x, labels)
    assert np.array_equal(before.grads["w3"], again.grads["w3"])


@pytest.mark.posix_only(HELPER)
def test_a_helper_error_is_reported_and_its_share_done_here(two_workers, caplog, monkeypatch):
    """An exception inside the helper comes back as a message, not a hang."""
    x, labels = _data(64, seed=5)
    net = LeNet5(seed=2)
    good = training_step(net, x, labels)
    _procs._send(_procs._helper.conn, ("step", [(10 ** 6, 0, 32)]))  # a slot that does not exist
    with pytest.raises(RuntimeError, match="MessageError: micro-batches outside the block"):
        _procs._helper.wait()
    again = training_step(net, x, labels)  # the helper survived its error
    assert _procs.processes_enabled()
    assert np.array_equal(good.grads["w1"], again.grads["w1"])


@pytest.mark.posix_only("/dev/shm and /proc/self/maps")
def test_no_shared_memory_file_is_left_behind(two_workers):
    before = set(glob.glob("/dev/shm/lenet-*"))
    x, labels = _data(64)
    training_step(LeNet5(seed=0), x, labels)
    assert _helper_pid() is not None
    # Ours only (another run of the suite, or the app, may have files of its own there): every
    # shared-memory file this process maps is unlinked once both had mapped it, and none of
    # ours is left on disk.
    with open("/proc/self/maps") as maps:
        ours = {line.split(maxsplit=5)[5].strip() for line in maps if "/dev/shm/lenet-" in line}
    assert ours and all(path.endswith("(deleted)") for path in ours), ours
    assert not {p for p in set(glob.glob("/dev/shm/lenet-*")) - before
                if os.path.basename(p) in " ".join(ours)}
    _procs.shutdown()
    assert _procs._helper is None


def test_where_the_platform_has_no_helper_threads_do_it_and_nothing_is_said(two_workers,
                                                                           monkeypatch, caplog):
    """Windows (os.name "nt" as the helper's code sees it): no helper is started, no warning is
    logged (it is the platform, not a fault), and the step is the in-process one, bit for bit."""
    monkeypatch.setattr(_procs, "os", OsOfWindows())
    x, labels = _data(128, seed=8)
    net = LeNet5(seed=4)
    with caplog.at_level(logging.DEBUG, logger=_procs.__name__):
        step = training_step(net, x, labels)
        training_step(net, x, labels)
    assert not _procs.platform_has_helper() and not _procs.processes_enabled()
    assert _procs._helper is None and not _procs._broken
    assert not caplog.records
    monkeypatch.setenv(_procs.ENV_VAR, "0")
    alone = training_step(net, x, labels)
    for k in net.param_names():
        assert np.array_equal(step.grads[k], alone.grads[k]), k


def test_backward_without_maps_skips_only_the_display_maps():
    x, labels = _data(8)
    net = LeNet5(seed=0)
    trace = net.forward(x)
    full = net.backward(trace, labels)
    lean = net.backward(trace, labels, need_maps=False)
    assert set(full) - set(lean) == {"delta_c1", "delta_c3", "delta_u_c1"}  # C1's quad layout
    for k in lean:
        assert np.array_equal(lean[k], full[k]), k
    mean = LeNet5(LeNetConfig(pooling="mean"), seed=0)  # there δ(c) is on the way: kept
    assert "delta_c1" in mean.backward(mean.forward(x), labels, need_maps=False)


@pytest.mark.posix_only("the helper process, /proc")
def test_the_helper_exits_when_its_parent_is_killed(tmp_path):
    """kill -9 of the training process mid-run: the helper sees its pipe close and exits
    quietly instead of lingering."""
    import signal
    import subprocess
    import sys
    import time
    code = (
        "import numpy as np, sys\n"
        "from lenet_gui.model import LeNet5, _procs, training_step\n"
        "from lenet_gui.data.synthetic import mnist_like\n"
        "net = LeNet5(seed=0); rng = np.random.default_rng(0)\n"
        "x, y = mnist_like(64, rng), rng.integers(0, 10, 64)\n"
        "training_step(net, x, y)\n"
        "print(_procs._helper.proc.pid, flush=True)\n"
        "while True: training_step(net, x, y)\n")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = dict(os.environ, LENET_THREADS="2")
    env.pop(_procs.ENV_VAR, None)
    parent = subprocess.Popen([sys.executable, "-c", code], cwd=root, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        helper_pid = int(parent.stdout.readline())
        time.sleep(0.3)  # mid-run
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with open(f"/proc/{helper_pid}/stat") as f:
                    gone = f.read().split(")")[-1].split()[0] == "Z"  # exited, not yet reaped
            except FileNotFoundError:
                gone = True
            if gone:
                break
            time.sleep(0.05)
        assert gone, "the helper outlived its parent"
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait(timeout=10)
        err = parent.stderr.read()
        parent.stdout.close()
        parent.stderr.close()
    assert "Traceback" not in err


@pytest.mark.posix_only(HELPER)
def test_an_error_in_this_process_leaves_the_helper_in_step(two_workers, monkeypatch):
    """If this process's own micro-batch raises while the helper works, the helper's answer
    is collected before the error goes up, so the next step does not read a stale "done"."""
    x, labels = _data(64, seed=6)
    net = LeNet5(seed=3)
    good = training_step(net, x, labels)
    real = _procs.compute_micro
    calls = []

    def failing(*args, **kw):
        calls.append(1)
        raise MemoryError("no room")

    monkeypatch.setattr(_procs, "compute_micro", failing)
    with pytest.raises(MemoryError):
        training_step(net, x, labels)
    monkeypatch.setattr(_procs, "compute_micro", real)
    assert calls and _procs.processes_enabled()
    net.params["w5"] += 0.5  # a different step: a stale answer would show
    after = training_step(net, x, labels)
    want = net.backward(net.forward(x), labels)
    assert rel_error(after.grads["w5"], want["w5"]) < 1e-5
    assert not np.array_equal(after.grads["w5"], good.grads["w5"])
    assert _procs._helper.conn.poll(0.5) is False  # nothing left unread in the pipe


@pytest.mark.parametrize("n, processes, whole", [(8, "1", False), (256, "0", False),
                                                 (256, "1", False), (256, "1", True)],
                         ids=["one-micro-batch", "no-helper", "helper", "helper-whole-step"])
def test_meanwhile_is_called_once_and_changes_nothing_of_the_step(two_workers, monkeypatch, n,
                                                                 processes, whole):
    """The step's `meanwhile` (the trainer's timeline record, a distributions' row) runs
    exactly once whatever the path, sees the parameters the step uses, and the step's numbers
    are those without it, also when the helper takes the whole step (`hand_off`)."""
    monkeypatch.setenv(_procs.ENV_VAR, processes)
    x, labels = _data(n, seed=4)
    net = LeNet5(seed=2)
    plain = training_step(net, x, labels)
    seen = []

    def meanwhile():
        helper = _procs._helper
        pending = None if helper is None else not helper.conn.poll(0)
        seen.append((net.params["w1"].copy(), pending))

    step = training_step(net, x, labels, meanwhile=meanwhile, hand_off=whole)
    assert len(seen) == 1 and np.array_equal(seen[0][0], net.params["w1"])
    assert step.loss == plain.loss and np.array_equal(step.y, plain.y)
    for k in net.param_names():
        assert np.array_equal(step.grads[k], plain.grads[k]), k
    if processes == "1" and n == 256 and _procs.platform_has_helper():
        assert _procs._helper is not None


def test_an_error_in_meanwhile_comes_after_the_helper_answered(two_workers):
    """What `meanwhile` raises goes up once the helper has answered: the next step reads its
    own answer, not this one's."""
    x, labels = _data(64, seed=7)
    net = LeNet5(seed=5)

    def failing():
        raise OSError("disk full")

    with pytest.raises(OSError):
        training_step(net, x, labels, meanwhile=failing)
    net.params["w5"] += 0.5
    after = training_step(net, x, labels)
    want = net.backward(net.forward(x), labels)
    assert rel_error(after.grads["w5"], want["w5"]) < 1e-5
    if _procs._helper is not None:
        assert _procs._helper.conn.poll(0.5) is False  # nothing left unread in the pipe


@pytest.mark.parametrize("activation", ["lecun", "relu", "sigmoid"])
def test_forward_without_maps_pools_u_to_the_same_numbers(activation):
    """maps=False pools u and applies f to the pooled values: the same s2, s4, y and the same
    gradients as pooling c = f(u) (float64, where a strictly increasing f never ties distinct
    u, so the winners are the same too)."""
    x, labels = _data(16, seed=7, dtype=np.float64)
    net = LeNet5(LeNetConfig(activation=activation, dtype="float64"), seed=2)
    full = net.forward(x)
    lean = net.forward(x, maps=False)
    assert not {"c1", "c3", "u_c1"} & set(lean) and {"c1", "c3", "u_c1"} <= set(full)
    for k in ("s2", "s4", "y"):
        np.testing.assert_allclose(lean[k], full[k], rtol=1e-12, atol=1e-15)
    if activation != "relu":  # ReLU's zeros tie in c, not in u; δ(u) is 0 there either way
        np.testing.assert_array_equal(lean.cache["masks2"], full.cache["masks2"])
        np.testing.assert_array_equal(lean.cache["masks4"], full.cache["masks4"])
    g_full = net.backward(full, labels)
    g_lean = net.backward(lean, labels, need_maps=False)
    for k in net.param_names():
        assert rel_error(g_lean[k], g_full[k]) < 1e-12, k


# ----------------------------------------------------------------------------- inference


def test_predict_and_evaluate_with_the_helper_equal_this_process_bit_for_bit(two_workers,
                                                                             monkeypatch):
    """Inference over many images (predict, and evaluate on uint8 images normalised pass by
    pass) shares its passes with the helper: y, the accuracy, the loss, the predictions and
    the confidences are the same bit for bit as every pass run here, for sizes that end a round
    and a pass unevenly."""
    from lenet_gui.train.trainer import evaluate

    net = LeNet5(seed=4)
    x, _ = _data(2500, seed=6)  # 2 full rounds and a part; the last pass holds 4 images
    rng = np.random.default_rng(7)
    images = rng.integers(0, 256, (1100, 28, 28), dtype=np.uint8)
    labels = rng.integers(0, 10, 1100)
    assert np.array_equal(net.predict(x), net.predict(x, processes=False))
    assert _helper_pid() is None  # predict takes the helper only when asked
    y_helper = net.predict(x, processes=True)
    assert (_helper_pid() is not None) == _procs.platform_has_helper()
    e_helper = evaluate(net, images, labels, processes=True)
    monkeypatch.setenv(_procs.ENV_VAR, "0")
    assert np.array_equal(y_helper, net.predict(x, processes=True))
    e_alone = evaluate(net, images, labels, processes=True)
    assert (e_helper.accuracy, e_helper.loss) == (e_alone.accuracy, e_alone.loss)
    assert np.array_equal(e_helper.predictions, e_alone.predictions)
    assert np.array_equal(e_helper.confidence, e_alone.confidence)
    assert np.array_equal(e_helper.confusion, e_alone.confusion)
    # and each pass is the forward of its own images, whatever the pass size
    assert np.array_equal(y_helper[2432:2496], net.forward(x[2432:2496], maps=False)["y"])
    monkeypatch.delenv(_procs.ENV_VAR)
    asked = []  # the ranges filled: every one starts where one of the caller's passes starts

    def fill(start, stop, out):
        asked.append((start, stop))
        out[...] = x[start:stop]

    y_100 = _procs.predict(net, len(x), fill, 100)  # passes of 100: 100 does not divide 1,024
    if _procs.platform_has_helper():
        assert asked and all(start % 100 == 0 for start, _ in asked), asked
        monkeypatch.setenv(_procs.ENV_VAR, "0")
        assert np.array_equal(y_100, net.predict(x, batch=100))
    else:
        assert y_100 is None and not asked


@pytest.mark.posix_only(HELPER)
def test_a_helper_that_dies_during_inference_costs_nothing_but_speed(two_workers, caplog):
    """The helper killed between two rounds of predict: its passes are done here, y is the
    same, a warning says why; evaluation's progress and stop still work."""
    from lenet_gui.train.trainer import evaluate

    net = LeNet5(seed=5)
    x, _ = _data(3000, seed=8)
    before = net.predict(x, processes=True)
    calls = []

    def fill(start, stop, out):
        if start >= _procs.PREDICT_ROUND and _procs._helper is not None and not calls:
            calls.append(start)
            _procs._helper.proc.kill()
            _procs._helper.proc.wait(timeout=10)
        out[...] = x[start:stop]

    with caplog.at_level(logging.WARNING, logger=_procs.__name__):
        after = _procs.predict(net, len(x), fill, 64)
    assert calls and "helper" in caplog.text and _procs._helper is None
    assert np.array_equal(before, after)
    _procs._broken = False  # a new helper for the evaluation below
    images = np.zeros((2100, 28, 28), np.uint8)
    seen = []

    def stop_after_first_round() -> bool:
        return bool(seen)

    with pytest.raises(InterruptedError):
        evaluate(net, images, np.zeros(2100, np.int64), progress=lambda d, n: seen.append((d, n)),
                 should_stop=stop_after_first_round, processes=True)
    assert seen and seen[0] == (_procs.PREDICT_ROUND, 2100)


_STOPPED_WHILE_WAITING = """
import os, signal, sys
from lenet_gui.model import _procs
_procs.TIMEOUT, _procs.WAIT_SLICE = {timeout}, 0.1
h = _procs._Helper()
os.kill(h.proc.pid, signal.SIGSTOP)          # the helper cannot answer until it continues
_procs._send(h.conn, ("forward", []))          # no attach yet: it will answer with an error
print(h.proc.pid, flush=True)
try:
    h.wait()
except RuntimeError as e:                     # its answer: the wait outlived the stop
    print("answered", e, flush=True)
except Exception as e:
    print("gave up", type(e).__name__, e, flush=True)
h.close()
"""


@pytest.mark.posix_only("the helper process, SIGSTOP")
def test_a_wait_counts_only_the_time_this_process_ran():
    """The trainer and its helper stopped together (Ctrl+Z, a debugger) for longer than the
    helper's time-out: once they continue, the helper answers and is kept. Waiting on the clock,
    the trainer gave its helper up for good (the sixth two-hour afternoon)."""
    import signal
    import subprocess
    import sys
    import time
    timeout = 1.5
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = dict(os.environ)
    env.pop(_procs.ENV_VAR, None)
    child = subprocess.Popen([sys.executable, "-c", _STOPPED_WHILE_WAITING.format(timeout=timeout)],
                             cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    helper_pid = None
    try:
        helper_pid = int(child.stdout.readline())
        time.sleep(timeout / 5)  # inside its wait
        child.send_signal(signal.SIGSTOP)
        time.sleep(2 * timeout)
        child.send_signal(signal.SIGCONT)  # the trainer first: it must not give up meanwhile
        time.sleep(timeout / 5)
        os.kill(helper_pid, signal.SIGCONT)
        out, err = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=10)
        if helper_pid is not None:
            try:
                os.kill(helper_pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    assert "Traceback" not in err, err
    assert out.startswith("answered") and "a forward before any attach" in out, out


@pytest.mark.posix_only("the helper process, SIGSTOP")
def test_a_helper_stopped_while_the_trainer_runs_still_times_out(two_workers, monkeypatch):
    """Only the helper stopped (or hung): the trainer's own running time reaches the time-out,
    and the step is then done here as when the helper dies."""
    import signal
    import time
    monkeypatch.setattr(_procs, "TIMEOUT", 0.5)
    monkeypatch.setattr(_procs, "WAIT_SLICE", 0.05)
    x, labels = _data(64, seed=4)
    net = LeNet5(seed=6)
    before = training_step(net, x, labels)
    helper = _procs._helper
    os.kill(helper.proc.pid, signal.SIGSTOP)
    try:
        start = time.monotonic()
        _procs._send(helper.conn, ("forward", []))
        with pytest.raises(TimeoutError, match="no answer"):
            helper.wait()
        assert time.monotonic() - start >= 0.5
    finally:
        os.kill(helper.proc.pid, signal.SIGCONT)
    helper.wait()  # its late answer, so that the next step reads its own
    after = training_step(net, x, labels)
    assert np.array_equal(before.grads["w1"], after.grads["w1"])


@pytest.mark.posix_only("the helper process")
def test_a_helper_that_exited_ends_the_wait_at_once(two_workers, monkeypatch):
    """A helper that is gone ends the wait within a slice, not at the time-out."""
    import signal
    monkeypatch.setattr(_procs, "TIMEOUT", 3600.0)
    training_step(LeNet5(seed=0), *_data(64))
    helper = _procs._helper
    helper.proc.send_signal(signal.SIGKILL)
    helper.proc.wait(timeout=10)
    with pytest.raises(EOFError):
        helper.wait()
