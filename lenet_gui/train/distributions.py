"""Distributions over training: per layer (c1 s2 c3 s4 c5 f6 f7), histograms of the weights w,
the activation inputs u and the sensitivities δ of a fixed probe batch, one row every K
batches, kept in a bounded history (Qt-free; diagnose.py reads them).

Where the values come from: a training step runs its micro-batches on two processes and keeps
no u or δ, so the recorder traces a fixed probe batch (PROBE_IMAGES test images) through the
trainer's own weights every `every` batches, in the trainer's thread: during the next batch,
while the helper process takes that whole step (the weights, the update and the losses are
still those of the row's batch; the row comes with the next batch's report), or right after
the update when no next batch follows at once (the run's last, a pause, single steps, slow
motion). Its cost is measured by `python main.py distributions` (README). δ is taken per sample (the
backward pass averages J over the batch, so δ is multiplied by N), as the course's J is per
sample.

Bins are fixed per layer and quantity, so that rows over time are comparable:
- u: 40 linear bins over [−4, 4] (width 0.2, with edges at ±2, the saturation line of
  1.7159·tanh(2u/3)); values outside go to the end bins;
- δ: 40 bins of log₁₀|δ| over [−9, 1]; exact zeros (max-pooling routes δ to one element of
  four, ReLU's f′ is 0 for u ≤ 0) are counted apart, as a share;
- w: 40 linear bins over ±W_RANGE[layer] (3 to 4 times LeCun's initial bound √(3/fan_in)).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from lenet_gui.data.preprocess import normalise
from lenet_gui.model import LAYERS, LeNet5
from lenet_gui.model.options import LECUN, RELU

QUANTITIES = ("w", "u", "delta")
WEIGHT_OF = {"c1": "w1", "s2": "a2", "c3": "w3", "s4": "a4", "c5": "w5", "f6": "w6", "f7": "w7"}
U_OF = {"c1": "u_c1", "c3": "u_c3", "c5": "u_c5", "f6": "u_f6", "f7": "u_f7"}
DELTA_OF = {"c1": "delta_u_c1", "s2": "delta_s2", "c3": "delta_u_c3", "s4": "delta_s4",
            "c5": "delta_u_c5", "f6": "delta_u_f6", "f7": "delta_u_f7"}
W_RANGE = {"c1": 1.5, "s2": 1.0, "c3": 1.0, "s4": 1.0, "c5": 0.4, "f6": 0.6, "f7": 0.8}
N_BINS = 40
U_RANGE = (-4.0, 4.0)
LOG_DELTA_RANGE = (-9.0, 1.0)
SATURATION_U = 2.0  # |u| > 2: f′ of 1.7159·tanh(2u/3) is below a quarter of its peak
PROBE_IMAGES = 32
DEFAULT_EVERY = 50  # batches between two rows
CAPACITY = 240  # rows kept; then every second row goes (the history covers the whole run)


@dataclass(frozen=True)
class Bins:
    lo: float
    hi: float
    log: bool = False  # bins of log₁₀|value|
    n: int = N_BINS

    @property
    def edges(self) -> np.ndarray:
        return np.linspace(self.lo, self.hi, self.n + 1)

    def count(self, values: np.ndarray) -> tuple[np.ndarray, int]:
        """(counts per bin (n,) int32, number of exact zeros). Values outside the range go to
        the end bins; with `log`, zeros are not binned but counted."""
        # In the array's memory order (a view where it is one: the counts do not depend on
        # the order), in float64 as always, in place from the one copy on.
        v = np.asarray(values).ravel(order="K").astype(np.float64)
        finite = np.isfinite(v)
        if not finite.all():
            v = v[finite]
        zeros = 0
        if self.log:
            a = np.abs(v, out=v)
            nz = a > 0
            zeros = int(v.size - np.count_nonzero(nz))
            v = np.log10(a[nz]) if zeros else np.log10(a, out=a)
        v -= self.lo
        v *= self.n / (self.hi - self.lo)
        np.clip(v, 0, self.n - 1, out=v)  # before the cast: a huge value stays a valid index;
        # on values ≥ 0 the cast's truncation is the floor
        return np.bincount(v.astype(np.intp), minlength=self.n).astype(np.int32), zeros


def bins_for(layer: str, quantity: str) -> Bins:
    if quantity == "u":
        return Bins(*U_RANGE)
    if quantity == "delta":
        return Bins(*LOG_DELTA_RANGE, log=True)
    r = W_RANGE[layer]
    return Bins(-r, r)


@dataclass(frozen=True)
class DistributionRow:
    """One record: the histograms and per-layer numbers at training batch `step`."""
    step: int  # global batch count
    loss: float  # mean J of the batches since the previous row (NaN: a batch diverged)
    hist: dict[tuple[str, str], np.ndarray]  # (layer, quantity) -> counts (N_BINS,) int32
    delta_zeros: dict[str, float]  # share of δ exactly 0, per layer
    delta_mean: dict[str, float]  # mean |δ| per layer (per sample; zeros included)
    update_ratio: dict[str, float]  # ‖Δw‖ / ‖w‖ of the update just applied, per layer
    dead: dict[str, float] = field(default_factory=dict)  # ReLU: share of maps/units never > 0
    activation: str = LECUN
    f7_activation: bool = False

    def nbytes(self) -> int:
        return sum(h.nbytes for h in self.hist.values()) + 64 * 8


def layer_has_f(layer: str, row_or_config) -> bool:
    """Whether f is applied to u of `layer` (F7 only when f at F7 is on)."""
    if layer not in U_OF:
        return False
    return layer != "f7" or bool(getattr(row_or_config, "f7_activation", False))


def dead_share(u: np.ndarray) -> float:
    """Share of units (a feature map counts as one unit) whose u is ≤ 0 at every position of
    every probe image: with ReLU their f′ is 0 there, so δ(u) = δ(f)·f′(u) = 0 and their
    weights never learn again. Shapes: u (N, C, H, W) or (N, C)."""
    positive = (u > 0).reshape(u.shape[0], u.shape[1], -1).any(axis=(0, 2))
    return float(1.0 - positive.mean())


def _nc(quads: np.ndarray) -> np.ndarray:
    """A quad-layout map (C, N, 2, 2, h, w) as an (N, C, 2, 2, h, w) view: images, then
    channels, as dead_share reads them; the positions in another order (histograms only)."""
    return quads.transpose(1, 0, 2, 3, 4, 5)


class DistributionRecorder:
    """Records a DistributionRow every `every` batches from a fixed probe batch. The trainer
    calls `observe(loss)` after every batch and `record(...)` when `due(step)`."""

    def __init__(self, images: np.ndarray, labels: np.ndarray, every: int = DEFAULT_EVERY) -> None:
        if every < 1:
            raise ValueError(f"every must be at least 1, got {every}")
        self.x = normalise(np.asarray(images[:PROBE_IMAGES]))  # (n, 1, 32, 32)
        self.labels = np.asarray(labels[:PROBE_IMAGES], np.intp)
        self.every = every
        self._losses: list[float] = []
        self._net: LeNet5 | None = None

    def observe(self, loss: float) -> None:
        self._losses.append(loss)

    def due(self, step: int) -> bool:
        return step == 1 or step % self.every == 0

    def record(self, net: LeNet5, step: int, update: dict[str, np.ndarray] | None) -> DistributionRow:
        """Trace the probe batch through `net`'s weights (on a network of the recorder's own,
        so the trainer's arrays are only read) and histogram w, u and δ per layer.
        `update`: the change just applied to each parameter (the momentum velocity)."""
        if self._net is None or self._net.config != net.config:
            self._net = LeNet5(net.config)
        probe = self._net
        probe.set_params(net.params)
        n = len(self.labels)
        with np.errstate(all="ignore"):
            # The training's path, without the display's maps (its forward in a third of the
            # time): a histogram needs the values, not their order, and C1's u and δ(u) are in
            # the cache in the quad layout. The same values: S2 is f(max u) = max f(u), and
            # δ(u) of a window is δ(s)·f'(s) at its winner and 0 elsewhere, whichever tied
            # element wins.
            trace = probe.forward(self.x, maps=False)
            grads = probe.backward(trace, self.labels, need_input=False, need_maps=False)
        quads = {"u_c1": trace.cache["u_c1"], "delta_u_c1": trace.cache["delta_u_c1"]}
        hist: dict[tuple[str, str], np.ndarray] = {}
        zeros, mean, ratio, dead = {}, {}, {}, {}
        relu = net.config.activation == RELU
        for layer in LAYERS:
            wname = WEIGHT_OF[layer]
            if wname in net.params:
                w = net.params[wname]
                hist[layer, "w"] = bins_for(layer, "w").count(w)[0]
                if update is not None and wname in update:
                    ratio[layer] = float(np.linalg.norm(update[wname])
                                         / max(float(np.linalg.norm(w)), 1e-30))
            if layer in U_OF:
                u = trace[U_OF[layer]] if U_OF[layer] in trace else _nc(quads[U_OF[layer]])
                hist[layer, "u"] = bins_for(layer, "u").count(u)[0]
                if relu and layer_has_f(layer, net.config):
                    dead[layer] = dead_share(u)
            d = grads.get(DELTA_OF[layer])
            d = (_nc(quads[DELTA_OF[layer]]) if d is None else d) * n  # per sample: J is the mean
            counts, z = bins_for(layer, "delta").count(d)
            hist[layer, "delta"] = counts
            zeros[layer] = z / max(d.size, 1)
            mean[layer] = float(np.mean(np.abs(d)))
        loss = float(np.mean(self._losses)) if self._losses else float("nan")
        self._losses.clear()
        return DistributionRow(step, loss, hist, zeros, mean, ratio, dead,
                               net.config.activation, bool(net.config.f7_activation))


class DistributionHistory:
    """The rows of one run, at most `capacity`: when full, every second older row goes, so
    the rows always span the whole run (a few hundred KB)."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        self.capacity = capacity
        self.rows: list[DistributionRow] = []
        self.diverged = False  # a batch's loss became NaN or infinite

    def __len__(self) -> int:
        return len(self.rows)

    def clear(self) -> None:
        self.rows.clear()
        self.diverged = False

    def add(self, row: DistributionRow) -> None:
        if self.rows and row.step <= self.rows[-1].step:
            self.rows.clear()  # a new run, or the same run from an earlier point
        self.rows.append(row)
        if len(self.rows) > self.capacity:
            keep = self.rows[:-1][::2]
            self.rows = [*keep, self.rows[-1]]

    @property
    def latest(self) -> DistributionRow | None:
        return self.rows[-1] if self.rows else None

    def steps(self) -> np.ndarray:
        return np.array([r.step for r in self.rows], np.int64)

    def losses(self) -> np.ndarray:
        return np.array([r.loss for r in self.rows], np.float64)

    def matrix(self, layer: str, quantity: str) -> np.ndarray | None:
        """(rows, N_BINS) float32: each row's counts as shares of its total (zeros of δ
        excluded); None when the layer has no such quantity."""
        rows = [r.hist.get((layer, quantity)) for r in self.rows]
        if not rows or any(h is None for h in rows):
            return None
        m = np.stack(rows).astype(np.float32)
        m /= np.maximum(m.sum(axis=1, keepdims=True), 1.0)
        return m

    def nbytes(self) -> int:
        return sum(r.nbytes() for r in self.rows)
