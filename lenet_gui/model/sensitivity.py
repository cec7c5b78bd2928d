"""The input's sensitivity in batches: δ(x) = ∂J/∂x of every image (or the gradient of any
seeded u, see LeNet5.backward), and the fast gradient sign step built on it. The model's own
forward and backward, INFER_BATCH images a pass; the analyses (train/) and the explanations
(explain/) both call these. No Qt here."""

from __future__ import annotations

import numpy as np

from lenet_gui.model.lenet5 import INFER_BATCH, LeNet5


def input_gradient(net: LeNet5, x: np.ndarray, labels: np.ndarray | None = None,
                   seed: dict | None = None, batch: int = INFER_BATCH
                   ) -> tuple[np.ndarray, np.ndarray]:
    """δ(x) of each image's own J_n = −log y_(n, label_n) (not the batch mean: each image's
    gradient is its own, whatever the batch), plus the seeded u's gradient when `seed` is
    given (labels=None: the seed's alone). Also returns y, the forward pass's softmax outputs.

    Shapes: x (N, 1, 32, 32), labels (N,), seed {key: (N, …)} -> δ(x) (N, 1, 32, 32), y (N, 10)
    """
    x = np.asarray(x, net.dtype)
    N = len(x)
    grad = np.empty((N, 1, 32, 32), net.dtype)
    y = np.empty((N, 10), net.dtype)
    for s in range(0, N, batch):
        sl = slice(s, min(s + batch, N))
        t = net.forward(x[sl])
        part_seed = None if seed is None else {k: v[sl] for k, v in seed.items()}
        lab = None if labels is None else np.asarray(labels)[sl]
        if lab is not None and part_seed is not None:
            # J is the mean over the batch: scale the seed by 1/n too, then undo both at once
            part_seed = {k: v / (sl.stop - sl.start) for k, v in part_seed.items()}
        g = net.backward(t, lab, need_maps=False, seed=part_seed)["delta_x"]
        grad[sl] = g * (sl.stop - sl.start) if lab is not None else g  # δ(J_n) = n · δ(mean J)
        y[sl] = t["y"]
    return grad, y


def fgsm(net: LeNet5, x: np.ndarray, labels: np.ndarray, epsilon: float, lo: float, hi: float,
         batch: int = INFER_BATCH) -> np.ndarray:
    """The fast gradient sign method (Goodfellow et al. 2015): x + ε·sign(δ(x)), clipped to
    [lo, hi]. ε, lo and hi are in the model's input scale; sign(δ(x)) needs no 1/N care.

    Shapes: x (N, 1, 32, 32), labels (N,) -> (N, 1, 32, 32)
    """
    x = np.asarray(x, net.dtype)
    grad, _ = input_gradient(net, x, labels, batch=batch)
    return np.clip(x + np.asarray(epsilon, net.dtype) * np.sign(grad), lo, hi).astype(net.dtype)
