"""What a unit looks for: the input that maximises it, and the test images that excite it most.

A unit's activation is its u (the activation input, before f): for a map of C1 or C3 the MEAN
of u over the map (the map as a whole, wherever the pattern sits), for a unit of C5, F6 or F7
its u (for F7 the class score f7_k before the softmax). Gradient ascent on x from a plain grey
start (with a faint fixed texture that breaks max-pooling ties), with a small L2 pull back to
grey and a little blur, clipped to the input's range [−0.1, 1.175]. The gradient is the
model's own backward pass seeded with ∂(activation)/∂u (LeNet5.backward(seed=…)); every unit
of a layer climbs in one batch. No Qt here.

Each step is kept only if the unit's activation does not fall (backtracking: a rejected step
halves that unit's step size, an accepted one grows it by a quarter), so the recorded
activations never decrease.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from lenet_gui.data.preprocess import BACKGROUND, FOREGROUND, normalise
from lenet_gui.model import LeNet5
from lenet_gui.model.lenet5 import INFER_BATCH
from lenet_gui.model.options import LAYER_TABLE, SUBSAMPLING

# layer -> (the trace key of its u, number of units, map side or None for single units), for
# the convolution and full layers (S2 and S4 only sub-sample the maps of C1 and C3).
UNIT_LAYERS = {layer.key: ("u_" + layer.key, layer.maps, layer.side or None)
               for layer in LAYER_TABLE if layer.kind != SUBSAMPLING}
GREY = (BACKGROUND + FOREGROUND) / 2  # 0.5375: the plain grey start, half-way in the range
# A flat grey image makes every max-pooling window a four-way tie, where the gradient is only
# one-sided (the model routes δ to the first element) and an ascent step can fail to ascend;
# a faint fixed texture (±JITTER, the same seed every time) breaks the ties.
JITTER = 0.01


@dataclass(frozen=True)
class MaxResult:
    """The inputs found and each unit's activation along the way."""
    layer: str
    units: np.ndarray  # (U,) the units, in the order of x
    x: np.ndarray  # (U, 1, 32, 32) the inputs, in the input's scale
    activations: np.ndarray  # (steps+1, U) the activation after each step (row 0: grey start)
    stopped: bool = False  # cancelled before the last step


def n_units(layer: str) -> int:
    return _spec(layer)[1]


def activation(trace, layer: str) -> np.ndarray:
    """Every unit's activation in a forward trace: map means of u (C1, C3) or u (C5, F6, F7).

    Shapes: trace of N images -> (N, units)
    """
    key, _, side = _spec(layer)
    u = trace[key]
    return u.mean(axis=(2, 3), dtype=np.float64) if side else u.astype(np.float64)


# C1's maps are maximised at their centre unit: a 5×5 kernel's mean over its whole 28×28 map is
# maximised by a flat page (all ink or all paper, whichever its weights sum to), which says
# nothing; its centre unit shows the 5×5 pattern the kernel looks for. C3's map means do show
# patterns (oriented stroke textures), so C3 keeps the mean.
CENTRE_LAYERS = {"c1": 14}


def objective(trace, layer: str) -> np.ndarray:
    """What the ascent maximises: `activation`, except the centre unit's u for CENTRE_LAYERS.

    Shapes: trace of N images -> (N, units)
    """
    if layer in CENTRE_LAYERS:
        c = CENTRE_LAYERS[layer]
        return trace[_spec(layer)[0]][:, :, c, c].astype(np.float64)
    return activation(trace, layer)


def blur3(x: np.ndarray) -> np.ndarray:
    """The 3×3 binomial blur ([1 2 1]/4 along rows, then columns), edges replicated.

    Shapes: (N, 1, H, W) -> (N, 1, H, W)
    """
    p = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)), mode="edge")
    r = (p[:, :, :, :-2] + 2 * p[:, :, :, 1:-1] + p[:, :, :, 2:]) / 4  # (N, 1, H+2, W)
    return (r[:, :, :-2] + 2 * r[:, :, 1:-1] + r[:, :, 2:]) / 4


def _gradient(net: LeNet5, x: np.ndarray, layer: str, units: np.ndarray
              ) -> tuple[np.ndarray, np.ndarray]:
    """Each row's own unit's activation and its gradient ∂a/∂x, by the model's backward pass
    seeded with ∂a/∂u (1/(H·W) over the unit's map, or 1 at the unit).

    Shapes: x (B, 1, 32, 32), units (B,) -> a (B,), ∂a/∂x (B, 1, 32, 32)
    """
    key, _, side = _spec(layer)
    B = len(x)
    t = net.forward(x)
    seed = np.zeros(t[key].shape, net.dtype)  # (B, units[, side, side])
    if layer in CENTRE_LAYERS:
        c = CENTRE_LAYERS[layer]
        seed[np.arange(B), units, c, c] = 1.0
    else:
        seed[np.arange(B), units] = 1.0 / (side * side) if side else 1.0
    g = net.backward(t, None, need_maps=False, seed={key: seed})["delta_x"]
    return objective(t, layer)[np.arange(B), units], g.astype(np.float64)


def maximize_units(net: LeNet5, layer: str, units, steps: int = 100, lr: float = 0.1,
                   l2: float = 0.02, blur: float = 0.25,
                   cancel: Callable[[], bool] | None = None,
                   callback: Callable[[int, np.ndarray, np.ndarray], None] | None = None
                   ) -> MaxResult:
    """Gradient ascent for several units at once, one batch row per unit.

    A step is x' = clip(x + lr·(ĝ − l2·(x − grey))), ĝ the gradient scaled to an RMS of 1 per
    row (so lr is in input units per step whatever the layer), then mixed with its 3×3 blur by
    blur·min(1, lr/lr₀). A row's step is kept if its activation did not fall, else undone with
    its lr halved. cancel() is asked before every step (True: stop, keep what was found);
    callback(step, x, activations) after every step.

    Shapes: units (U,) -> MaxResult with x (U, 1, 32, 32), activations (steps+1, U)
    """
    key, count, _ = _spec(layer)
    units = np.atleast_1d(np.asarray(units, np.intp))
    if units.size == 0 or units.min() < 0 or units.max() >= count:
        raise ValueError(f"{layer} has units 0…{count - 1}, got {units.tolist()}")
    B = len(units)
    start = GREY + JITTER * np.random.default_rng(0).uniform(-1, 1, (1, 1, 32, 32))
    x = np.repeat(start, B, axis=0)  # (B, 1, 32, 32): every unit from the same start
    a, g = _gradient(net, x.astype(net.dtype), layer, units)
    # A centre unit sees only its receptive field: outside it the input stays the start (the
    # blur would otherwise carry the field's ink outwards, step by step, with nothing to stop it).
    field = (np.abs(g).sum(axis=0, keepdims=True) > 0) if layer in CENTRE_LAYERS else None
    rate = np.full(B, float(lr))
    history = [a.copy()]
    stopped = False
    for step in range(steps):
        if cancel is not None and cancel():
            stopped = True
            break
        rms = np.sqrt((g ** 2).mean(axis=(1, 2, 3))) + 1e-12  # (B,)
        r = rate[:, None, None, None]
        cand = x + r * (g / rms[:, None, None, None] - l2 * (x - GREY))
        mix = blur * np.minimum(1.0, rate / lr)[:, None, None, None]
        cand = np.clip((1 - mix) * cand + mix * blur3(cand), BACKGROUND, FOREGROUND)
        if field is not None:
            cand = np.where(field, cand, start)
        a_c, g_c = _gradient(net, cand.astype(net.dtype), layer, units)
        keep = a_c >= a  # the activation never falls
        x[keep], a[keep], g[keep] = cand[keep], a_c[keep], g_c[keep]
        rate = np.where(keep, rate * 1.25, rate * 0.5)
        history.append(a.copy())
        if callback is not None:
            callback(step + 1, x, a)
    return MaxResult(layer, units, x.astype(net.dtype), np.array(history), stopped)


def maximize(net: LeNet5, layer: str, unit: int, steps: int = 100, lr: float = 0.1,
             l2: float = 0.02, blur: float = 0.25, cancel: Callable[[], bool] | None = None,
             callback: Callable[[int, np.ndarray, np.ndarray], None] | None = None
             ) -> MaxResult:
    """The input that maximises one unit of c1, c3 (map index), c5, f6 or f7 (unit index).
    MaxResult.x (1, 1, 32, 32), activations (steps+1, 1)."""
    return maximize_units(net, layer, [unit], steps, lr, l2, blur, cancel, callback)


def maximize_all(net: LeNet5, layer: str, steps: int = 100, lr: float = 0.1, l2: float = 0.02,
                 blur: float = 0.25, cancel: Callable[[], bool] | None = None,
                 callback: Callable[[int, np.ndarray, np.ndarray], None] | None = None
                 ) -> MaxResult:
    """Every unit of the layer at once (one batch of inputs, one per unit): the gallery.
    MaxResult.x (U, 1, 32, 32), activations (steps+1, U)."""
    return maximize_units(net, layer, np.arange(n_units(layer)), steps, lr, l2, blur, cancel,
                          callback)


def unit_activations(net: LeNet5, images: np.ndarray, layer: str, batch: int = INFER_BATCH,
                     cancel: Callable[[], bool] | None = None) -> np.ndarray:
    """Every unit's activation for many images: uint8 (N, 28, 28) test images (normalised
    here, a batch at a time) or inputs (N, 1, 32, 32). Shapes: -> (N, units) float64"""
    _spec(layer)
    images = np.asarray(images)
    out = np.empty((len(images), n_units(layer)))
    for s in range(0, len(images), batch):
        if cancel is not None and cancel():
            raise InterruptedError("top images stopped")
        part = images[s : s + batch]
        x = normalise(part, dtype=net.dtype) if part.ndim == 3 else part
        out[s : s + len(part)] = activation(net.forward(x, keep_cols=False), layer)
    return out


def top_images(net: LeNet5, images: np.ndarray, layer: str, unit: int | None = None,
               n: int = 9, batch: int = INFER_BATCH,
               cancel: Callable[[], bool] | None = None) -> np.ndarray:
    """Indices of the n images that excite the unit most (highest activation first; ties in
    data-set order). unit=None: every unit of the layer.

    Shapes: images (N, 28, 28) uint8 or (N, 1, 32, 32) -> (n,), or (units, n) for unit=None
    """
    acts = unit_activations(net, images, layer, batch, cancel)  # (N, U)
    order = np.argsort(-acts, axis=0, kind="stable")[:n].T  # (U, n)
    if unit is None:
        return order
    if not 0 <= unit < n_units(layer):
        raise ValueError(f"{layer} has units 0…{n_units(layer) - 1}, got {unit}")
    return order[unit]


def _spec(layer: str) -> tuple[str, int, int | None]:
    if layer not in UNIT_LAYERS:
        raise ValueError(f"layer must be one of {', '.join(UNIT_LAYERS)}, got {layer!r}")
    return UNIT_LAYERS[layer]
