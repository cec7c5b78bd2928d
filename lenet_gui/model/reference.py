"""A plain float64 forward of ONE sample, one course quantity at a time, for checks: the
finite differences of the backprop walk perturb any quantity (x, u_c3, s4, …) and recompute
only what comes after it. Readable, not fast; `LeNet5.forward` is the one the model trains with.

Shapes (N dropped): x (1, 32, 32) → u_c1, c1 (6, 28, 28) → u_s2, s2 (6, 14, 14)
→ u_c3, c3 (16, 10, 10) → u_s4, s4 (16, 5, 5) → u_c5, c5 (120,) → u_f6, f6 (84,)
→ u_f7, f7 (10,) → y (10,).
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from lenet_gui.model.activations import ACTIVATIONS
from lenet_gui.model.lenet5 import TRACE_KEYS, LeNetConfig
from lenet_gui.model.options import MAX, MEAN, RELU, TRAINABLE, c3_connections

ORDER = TRACE_KEYS  # x, u_c1, c1, … f7, y: the forward pass in the course's order


def order(config: LeNetConfig) -> list[str]:
    """The quantities in forward order; u_s2 and u_s4 exist only for trainable sub-sampling."""
    if config.pooling == TRAINABLE:
        return list(ORDER)
    return [k for k in ORDER if k not in ("u_s2", "u_s4")]


def conv(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    """u = x ⋆ w + b, valid cross-correlation.

    Shapes: x (C, H, W), w (F, C, K, K), b (F,) -> (F, H-K+1, W-K+1)
    """
    K = w.shape[-1]
    win = sliding_window_view(x, (K, K), axis=(1, 2))  # (C, H-K+1, W-K+1, K, K)
    return np.einsum("chwij,fcij->fhw", win, w) + b[:, None, None]


def windows(c: np.ndarray) -> np.ndarray:
    """Each 2×2 sub-sampling window, its four values in row-major order.

    Shapes: c (C, H, W) -> (C, H/2, W/2, 4)
    """
    C, H, W = c.shape
    return c.reshape(C, H // 2, 2, W // 2, 2).transpose(0, 1, 3, 2, 4).reshape(C, H // 2, W // 2, 4)


def next_value(key: str, v: dict, params: dict, config: LeNetConfig,
               pattern: list | None = None) -> np.ndarray:
    """Quantity `key` from the quantities before it in `v` (float64, N dropped).

    If `pattern` is a list, appends what decides the path through the net's kinks: each
    max-pool window's winner (the first maximum, as the model routes δ) and, for ReLU, which
    units are on.
    """
    p, f = params, ACTIVATIONS[config.activation].f
    pooling = config.pooling
    trainable = pooling == TRAINABLE

    def pool(c, tag):  # the sub-sampling of c; trainable: its u = a·Σ c + b
        w = windows(c)  # (C, H/2, W/2, 4)
        if pooling == MAX:
            if pattern is not None:
                pattern.append(w.argmax(-1))
            return w.max(-1)  # s = max of the window
        if pooling == MEAN:
            return 0.25 * w.sum(-1)  # s = ¼ Σ c
        return p["a" + tag][:, None, None] * w.sum(-1) + p["b" + tag][:, None, None]

    if key == "u_c1":
        return conv(v["x"], p["w1"], p["b1"])  # u_c1 = Σ w1·x + b1
    if key in ("c1", "c3", "c5", "f6"):
        if pattern is not None and config.activation == RELU:
            pattern.append(v["u_" + key] > 0)  # which side of the kink
        return f(v["u_" + key])
    if key == "u_s2":
        return pool(v["c1"], "2")
    if key == "s2":
        return f(v["u_s2"]) if trainable else pool(v["c1"], "2")
    if key == "u_c3":
        table = c3_connections(config.c3_table)
        return conv(v["s2"], p["w3"] * table[:, :, None, None], p["b3"])  # (k, m) ∉ Cbn: 0
    if key == "u_s4":
        return pool(v["c3"], "4")
    if key == "s4":
        return f(v["u_s4"]) if trainable else pool(v["c3"], "4")
    if key == "u_c5":
        return p["w5"].reshape(120, 400) @ v["s4"].reshape(400) + p["b5"]
    if key == "u_f6":
        return p["w6"] @ v["c5"] + p["b6"]  # u_f6_i = Σ w6_ij·c5_j + b6_i
    if key == "u_f7":
        return p["w7"] @ v["f6"] + p["b7"]
    if key == "f7":
        return f(v["u_f7"]) if config.f7_activation else v["u_f7"]
    if key == "y":
        e = np.exp(v["f7"] - v["f7"].max())
        return e / e.sum()  # y_i = e^f7_i / Σ_j e^f7_j
    raise KeyError(key)


def forward_from(key: str, values: dict, params: dict, config: LeNetConfig, last: str = "y",
                 pattern: list | None = None) -> dict:
    """A copy of `values` with every quantity after `key` up to `last` recomputed."""
    keys = order(config)
    v = dict(values)
    for k in keys[keys.index(key) + 1:keys.index(last) + 1]:
        v[k] = next_value(k, v, params, config, pattern)
    return v


def forward(x: np.ndarray, params: dict, config: LeNetConfig) -> dict:
    """Every quantity of the course for one sample, in float64.

    Shapes: x (32, 32), (1, 32, 32) or (1, 1, 32, 32) -> dict of (N-dropped) arrays, as above
    """
    p = {k: np.asarray(a, np.float64) for k, a in params.items()}
    x64 = np.asarray(x, np.float64).reshape(1, 32, 32)
    return forward_from("x", {"x": x64}, p, config)
