"""What the tests share: the embedded MNIST read once per test process (read-only, so no test
can change what another sees), subsets of it, the shipped weights and a relative error."""

from __future__ import annotations

import functools
import os
import re

import numpy as np
import pytest

from lenet_gui.data import load_mnist
from lenet_gui.data.mnist import Dataset


@functools.cache
def mnist() -> Dataset:
    """The whole embedded MNIST, loaded once; its arrays are read-only."""
    d = load_mnist()
    for a in (d.train_images, d.train_labels, d.test_images, d.test_labels):
        a.setflags(write=False)
    return d


def subset(n_train: int, n_test: int, source: str = "subset") -> Dataset:
    """The first n_train training and n_test test images of the shared MNIST (views)."""
    d = mnist()
    return Dataset(d.train_images[:n_train], d.train_labels[:n_train], d.test_images[:n_test],
                   d.test_labels[:n_test], source)


def weights_path() -> str:
    """The shipped weights, or LENET_TEST_WEIGHTS (e.g. a checkpoint trained for a few epochs)."""
    from lenet_gui.commands._common import default_weights

    path = os.environ.get("LENET_TEST_WEIGHTS") or default_weights()
    if not os.path.exists(path):
        pytest.skip(f"no weights at {path} (set LENET_TEST_WEIGHTS)")
    return str(path)


def rel_error(a, b):
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-12))


# "line 575", "lines 17, 436", "Course, line {0}", "第 575 行", "第 {0} 行"
COURSE_LINE = re.compile(r"\blines?\s*(\d|\{)|第\s*(\d+|\{[^{}]*\})\s*行", re.IGNORECASE)

# The course's section headings, as the course writes them (Table 1 lives in Layer C3).
COURSE_HEADINGS = {
    "LeNet-5 基本概念", "MNIST 手写数字数据集", "LeNet-5 运行方式", "Layer INPUT",
    "神经元 Neuron 基本概念", "Layer C1", "Layer S2", "Layer C3", "Layer S4", "Layer C5",
    "Layer F6", "Layer Output", "Layer F7", "Layer Softmax", "Architecture of this Course",
    "Target Supervisor Labels", "Cost function", "Gradient Descent 梯度下降算法",
    "Cross Entropy Loss Function", "基于信息熵的解释", "梯度计算的基本原理",
    "Gradient in Softmax Net", "Gradient in Layer F7", "Gradient in Layer F6",
    "Gradient in Layer C5", "Gradient in Layer S4", "Gradient in Layer C3",
    "Gradient in Layer S2", "Gradient in Layer C1",
}


def course_lines(text: str) -> list[str]:
    return [m.group(0) for m in COURSE_LINE.finditer(text)]


def micro_batches_computed_here(monkeypatch) -> list:
    """A list that gets an entry for every training micro-batch this process computes (the
    helper process's are not counted), from now until the test ends."""
    from lenet_gui.model import _procs

    here: list = []
    compute = _procs.compute_micro

    def counted(*a, **k):
        here.append(1)
        return compute(*a, **k)

    monkeypatch.setattr(_procs, "compute_micro", counted)
    return here
