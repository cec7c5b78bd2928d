"""The NumPy LeNet-5 against the bench command's PyTorch reference (float32), and a smoke run of the
benchmark. No timing assertions: speed is only reported by `python main.py bench`."""

import re

import numpy as np
import pytest

from lenet_gui.commands import bench, main
from lenet_gui.data.synthetic import mnist_like
from lenet_gui.model import LeNet5, LeNetConfig
from tests.helpers import rel_error

LAST_LINE = re.compile(r"^training ratio numpy/pytorch at batch 1/16/64/256: "
                       r"\d+\.\d\d / \d+\.\d\d / \d+\.\d\d / \d+\.\d\d$")


@pytest.mark.parametrize("c3_table", [True, False])
def test_forward_and_every_gradient_match_pytorch(c3_table):
    torch = pytest.importorskip("torch")
    import torch.nn.functional as F

    rng = np.random.default_rng(11)
    net = LeNet5(LeNetConfig(c3_table=c3_table), seed=2)
    # A noise background: no exact pooling ties, so near-ties cannot flip between libraries.
    x = mnist_like(8, rng, noise=0.05)
    labels = rng.integers(0, 10, 8)
    trace = net.forward(x)
    g = net.backward(trace, labels, need_input=True)

    model = bench.build_torch_reference(net)
    xt = torch.from_numpy(x).requires_grad_(True)
    logits = model(xt)
    F.cross_entropy(logits, torch.from_numpy(labels)).backward()

    assert rel_error(trace["u_f7"], logits.detach().numpy()) < 1e-4
    assert rel_error(trace["y"], torch.softmax(logits, 1).detach().numpy()) < 1e-4
    for name in net.param_names():
        assert rel_error(g[name], getattr(model, name).grad.numpy()) < 1e-4, name
    assert rel_error(g["delta_x"], xt.grad.numpy()) < 1e-4


def test_bench_smoke_prints_the_ratio_line(capsys):
    """One short round of the benchmark prints its table and the ratio line. PyTorch on one
    thread: its two threads (the default) spin on a shared pytest-xdist worker's cores and
    took twice the CPU, and the lines printed are the same."""
    pytest.importorskip("torch")
    assert main(["bench", "--rounds", "1", "--seconds", "0.01", "--threads", "1"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert LAST_LINE.match(lines[-1]), lines[-1]
    assert any(line.startswith("training, batch 64") for line in lines)


def test_bench_without_torch_says_so(capsys):
    assert main(["bench", "--rounds", "1", "--seconds", "0.01", "--no-torch"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last == "training ratio numpy/pytorch at batch 1/16/64/256: n/a (torch not installed)"


def test_time_to_trains_pytorch_with_the_same_recipe_weights_and_order():
    """`bench --time-to`: after the same batches (warm-up, momentum, weight decay, two
    epochs' shuffles) both libraries hold the same weights, to float32 rounding."""
    pytest.importorskip("torch")
    from lenet_gui.commands import _time_to as tt
    from lenet_gui.data.mnist import Dataset
    from lenet_gui.train import TrainConfig

    rng = np.random.default_rng(5)
    images = (rng.random((200, 28, 28)) ** 4 * 255).astype(np.uint8)  # mostly background
    labels = rng.integers(0, 10, 200).astype(np.uint8)
    data = Dataset(images[:160], labels[:160], images[160:], labels[160:], "test")
    config = TrainConfig(batch_size=32, epochs=2, warmup_batches=3, seed=3)
    ours, theirs = {}, {}
    a = tt.numpy_time_to(data, config, 1.01, params=ours)  # 1.01: never reached
    b = tt.torch_time_to(data, config, 1.01, 1, bench.build_torch_reference, params=theirs)
    assert a.seconds is None and b.seconds is None and a.epochs == b.epochs == 2
    for name in ours:
        assert rel_error(ours[name], theirs[name]) < 1e-4, name
    assert sorted(tt._check_points(10, 2)) == [2, 5, 8, 10, 12, 15, 18, 20]
