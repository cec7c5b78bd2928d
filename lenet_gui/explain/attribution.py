"""Which pixels made it say k: saliency |∂y_k/∂x|, gradient × input, occlusion sensitivity.

All three read y_k, the softmax PROBABILITY of class k (not f7_k): the same y the canvas shows,
so a map says how the shown percentage moves. The gradients come from the model's own backward
pass: for the one-hot target z = e_k the course's J = −log y_k, so δ(x) = ∂J/∂x = −(1/y_k)·∂y_k/∂x,
i.e. ∂y_k/∂x = −y_k·δ(x). The stepper's "saliency" |δ(x)| (for the true label) is this map
divided by y_k. No Qt here.

`x` is one image as the model takes it, in the input's scale (background −0.1, ink 1.175):
(32, 32), (1, 32, 32) or (1, 1, 32, 32). `k` defaults to the predicted class.
"""

from __future__ import annotations

import numpy as np

from lenet_gui.data.preprocess import BACKGROUND
from lenet_gui.model import LeNet5
from lenet_gui.model.lenet5 import INFER_BATCH


def as_input(net: LeNet5, x: np.ndarray) -> np.ndarray:
    """One image as (1, 1, 32, 32) in the net's dtype (accepts (32, 32) and (1, 32, 32))."""
    a = np.asarray(x)
    if a.size != 32 * 32:
        raise ValueError(f"expected one 32×32 image, got shape {a.shape}")
    return np.ascontiguousarray(a.reshape(1, 1, 32, 32), dtype=net.dtype)


def predicted(net: LeNet5, x: np.ndarray) -> int:
    """The class the net gives one image: argmax y."""
    return int(net.forward(as_input(net, x), keep_cols=False)["y"][0].argmax())


def class_gradient(net: LeNet5, x: np.ndarray, k: int | None = None) -> tuple[np.ndarray, int]:
    """∂y_k/∂x, signed, and k. One forward and one backward of the model for the label k:
    ∂y_k/∂x = −y_k·δ(x), δ(x) = ∂J/∂x with J = −log y_k (see the module docstring).

    Shapes: x (32, 32) or (1, 1, 32, 32) -> (32, 32), int
    """
    xb = as_input(net, x)
    t = net.forward(xb)
    k = int(t["y"][0].argmax()) if k is None else _check_class(k)
    delta_x = net.backward(t, np.array([k]), need_maps=False)["delta_x"]  # N = 1: ∂J/∂x
    return -float(t["y"][0, k]) * delta_x[0, 0].astype(np.float64), k


def saliency(net: LeNet5, x: np.ndarray, k: int | None = None) -> np.ndarray:
    """|∂y_k/∂x|: how fast the probability of class k changes with each input pixel
    (y_k the softmax output; = y_k·|δ(x)| of the course's δ for the one-hot target k).

    Shapes: x (32, 32) or (1, 1, 32, 32) -> (32, 32) float64, ≥ 0
    """
    return np.abs(class_gradient(net, x, k)[0])


def gradient_times_input(net: LeNet5, x: np.ndarray, k: int | None = None,
                         baseline: float = BACKGROUND) -> np.ndarray:
    """∂y_k/∂x ⊙ (x − baseline), signed: each pixel's first-order share of y_k(x) − y_k(blank).
    The baseline is the blank paper, −0.1 (our input's "nothing"), so background pixels score 0;
    baseline=0 gives the textbook ∂y_k/∂x ⊙ x, where the background scores −0.1·∂y_k/∂x.

    Shapes: x (32, 32) or (1, 1, 32, 32) -> (32, 32) float64
    """
    g, _ = class_gradient(net, x, k)
    return g * (as_input(net, x)[0, 0].astype(np.float64) - baseline)


def occlusion_positions(size: int, stride: int) -> np.ndarray:
    """Top-left rows (= columns) of the patches: every `stride` pixels, plus the last position
    32 − size so that the border is covered too."""
    if not 1 <= size <= 32 or stride < 1:
        raise ValueError(f"need 1 ≤ size ≤ 32 and stride ≥ 1, got size {size}, stride {stride}")
    pos = list(range(0, 32 - size + 1, stride))
    if pos[-1] != 32 - size:
        pos.append(32 - size)
    return np.array(pos)


def occlusion_drops(net: LeNet5, x: np.ndarray, k: int | None = None, size: int = 4,
                    stride: int = 2, fill: float | None = None, batch: int = INFER_BATCH
                    ) -> tuple[np.ndarray, np.ndarray, int]:
    """y_k(x) − y_k(x with a size×size patch of `fill` at (r, c)) for every patch position, all
    patched images in passes of `batch` through the model. Returns the drops (P, P), the
    positions (P,) and k.
    """
    xb = as_input(net, x)
    fill = BACKGROUND if fill is None else float(fill)
    y0 = net.forward(xb, keep_cols=False)["y"][0]
    k = int(y0.argmax()) if k is None else _check_class(k)
    pos = occlusion_positions(size, stride)
    P = len(pos)
    patched = np.repeat(xb, P * P, axis=0)  # (P·P, 1, 32, 32)
    for i, r in enumerate(pos):
        for j, c in enumerate(pos):
            patched[i * P + j, 0, r : r + size, c : c + size] = fill
    y = net.predict(patched, batch=batch)[:, k].astype(np.float64)
    return (float(y0[k]) - y).reshape(P, P), pos, k


def occlusion(net: LeNet5, x: np.ndarray, k: int | None = None, size: int = 4, stride: int = 2,
              fill: float | None = None) -> np.ndarray:
    """Occlusion sensitivity: how much y_k drops when a size×size patch covers each place.

    The patch is `fill`, by default the BACKGROUND level −0.1 (blank paper: covering a stroke
    erases it). Each pixel of the map is the mean drop over the patches that cover it (positive:
    the pixel's surroundings support class k; negative: hiding them raises y_k). With
    stride > size some pixels are covered by no patch; they are 0.

    Shapes: x (32, 32) or (1, 1, 32, 32) -> (32, 32) float64, the input's shape
    """
    drops, pos, _ = occlusion_drops(net, x, k, size, stride, fill)
    total = np.zeros((32, 32))
    count = np.zeros((32, 32))
    for i, r in enumerate(pos):
        for j, c in enumerate(pos):
            total[r : r + size, c : c + size] += drops[i, j]
            count[r : r + size, c : c + size] += 1
    return np.divide(total, count, out=np.zeros_like(total), where=count > 0)


def _check_class(k) -> int:
    k = int(k)
    if not 0 <= k <= 9:
        raise ValueError(f"class must be 0…9, got {k}")
    return k
