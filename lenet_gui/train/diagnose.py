"""Plain-language diagnoses computed from the distributions (distributions.py), each tied to
the course section, and a formula or term of it, for its cause. Pure functions, Qt-free: the
GUI translates the texts and the tests train real networks into each condition.

Thresholds, as measured on this project's networks (32 test images, `python main.py
distributions`, README):
- saturated: the shipped network (99.31 %) has 22–35 % of its C3, C5, F6 units at |u| > 2;
  α = 0.5 drives 90–100 % there within 6 batches. Warning from SATURATED = 50 %.
- δ from F7 down to C1: mean |δ(u_c1)| / mean |δ(u_f7)| is 0.035 at random weights (max-pooling
  alone divides it by 16: it zeroes 3 of 4 δ twice), 7·10⁻⁵ for the sigmoid, 10⁻⁶ for a
  saturated tanh. Vanishing below 10⁻³, exploding above 10².
- dead ReLUs: at random weights 12–26 % of C5's and F6's ReLU units are never positive on the
  probe batch (their inputs are ReLU outputs, all ≥ 0), after 300 batches 11–13 %. Warning from
  DEAD = 40 %.
- update size: ‖Δw‖/‖w‖ is healthy around 10⁻³ for plain SGD; with momentum 0.9 the step Δw is
  the velocity, and healthy runs (α = 0.03) show 3·10⁻³ to 10⁻², α = 0.1 shows 2.7·10⁻² (and
  saturates C5), α = 0.2 shows 5·10⁻². Warning above UPDATE_LARGE = 2·10⁻².
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from lenet_gui.model.activations import ACTIVATIONS
from lenet_gui.model.options import RELU
from lenet_gui.train.distributions import (
    LAYERS,
    SATURATION_U,
    DistributionHistory,
    DistributionRow,
    bins_for,
    layer_has_f,
)

SATURATED = 0.5  # share of units at |u| > 2 in a layer
DEAD = 0.4  # share of ReLU maps/units never positive
VANISHING = 1e-3  # mean |δ(u_c1)| / mean |δ(u_f7)|
EXPLODING = 1e2
UPDATE_LARGE = 2e-2  # ‖Δw‖/‖w‖
UPDATE_SMALL = 1e-5
LOSS_RISE = 1.3  # the newest loss this many times the best so far


@dataclass(frozen=True)
class CourseQuote:
    section: str  # the course's heading, as the course writes it
    quote: str  # a formula or a term of that section, in plain Unicode (never a sentence)


QUOTES = {
    "activation": CourseQuote("神经元 Neuron 基本概念", "y = f(Σᵢ wᵢ·xᵢ + b)"),
    "chain": CourseQuote("Gradient in Layer F7", "δ(u_f7ᵢ) = δ(f7ᵢ)·f′(u_f7ᵢ)"),
    "relu": CourseQuote("神经元 Neuron 基本概念", "y = f(x) = max(0, x)"),
    "backward": CourseQuote("梯度计算的基本原理", "δ(u_A) = ∂J(θ)/∂u_A"),
    "rate": CourseQuote("Gradient Descent 梯度下降算法", "α > 0"),
    "update": CourseQuote("Gradient Descent 梯度下降算法", "θⱼ := θⱼ − α·∂J(s⁽ᵏ⁾; θ)/∂θⱼ"),
}


@dataclass(frozen=True)
class Diagnosis:
    code: str  # saturated, dead_relu, update_large, update_small, update_ok, delta_vanishing,
    #            delta_exploding, delta_ok, lr_too_high, lr_ok, saturation_ok, dead_ok
    warning: bool  # True: something is wrong; False: the check passed (or only informs)
    layer: str | None  # the layer concerned (the worst one)
    value: float  # the number behind it (a share, a ratio, a loss)
    quotes: tuple[str, ...]  # keys of QUOTES: where the course explains the cause


def saturated_share(row: DistributionRow, layer: str) -> float | None:
    """Share of u with |u| > SATURATION_U, read off the fixed u bins (edges at ±2)."""
    h = row.hist.get((layer, "u"))
    if h is None:
        return None
    centres = (bins_for(layer, "u").edges[:-1] + bins_for(layer, "u").edges[1:]) / 2
    return float(h[np.abs(centres) > SATURATION_U].sum() / max(int(h.sum()), 1))


def saturation(row: DistributionRow) -> Diagnosis:
    bounded = np.isfinite(ACTIVATIONS[row.activation].high)  # only a bounded f saturates
    shares = {layer: saturated_share(row, layer) for layer in LAYERS
              if layer_has_f(layer, row) and bounded}
    shares = {k: v for k, v in shares.items() if v is not None}
    if not shares:
        return Diagnosis("saturation_ok", False, None, 0.0, ("activation", "chain"))
    worst = max(shares, key=shares.get)
    bad = shares[worst] >= SATURATED
    return Diagnosis("saturated" if bad else "saturation_ok", bad, worst, shares[worst],
                     ("activation", "chain"))


def dead_relus(row: DistributionRow) -> Diagnosis | None:
    if row.activation != RELU or not row.dead:
        return None
    worst = max(row.dead, key=row.dead.get)
    bad = row.dead[worst] >= DEAD
    return Diagnosis("dead_relu" if bad else "dead_ok", bad, worst, row.dead[worst],
                     ("relu", "chain"))


def update_size(row: DistributionRow) -> Diagnosis | None:
    ratios = {k: v for k, v in row.update_ratio.items() if math.isfinite(v)}
    if not ratios:
        return None
    worst = max(ratios, key=ratios.get)
    if ratios[worst] > UPDATE_LARGE:
        return Diagnosis("update_large", True, worst, ratios[worst], ("update", "rate"))
    low = min(ratios, key=ratios.get)
    if ratios[worst] < UPDATE_SMALL:
        return Diagnosis("update_small", False, low, ratios[low], ("update", "rate"))
    return Diagnosis("update_ok", False, worst, ratios[worst], ("update", "rate"))


def delta_flow(row: DistributionRow) -> Diagnosis | None:
    """mean |δ| of C1 over that of F7: how much of the sensitivity survives the way down."""
    top, bottom = row.delta_mean.get("f7"), row.delta_mean.get("c1")
    if not top or bottom is None or not math.isfinite(top) or not math.isfinite(bottom):
        return None
    ratio = bottom / top
    if ratio < VANISHING:
        return Diagnosis("delta_vanishing", True, "c1", ratio, ("backward", "chain"))
    if ratio > EXPLODING:
        return Diagnosis("delta_exploding", True, "c1", ratio, ("backward", "chain"))
    return Diagnosis("delta_ok", False, "c1", ratio, ("backward", "chain"))


def learning_rate(history: DistributionHistory) -> Diagnosis | None:
    """Too high when a loss became NaN or infinite, or the loss rose: the newest row's mean J
    (over the 50 batches before it) is LOSS_RISE times the best so far."""
    losses = history.losses()
    if history.diverged or (losses.size and not math.isfinite(losses[-1])):
        return Diagnosis("lr_too_high", True, None, float("nan"), ("rate", "update"))
    finite = losses[np.isfinite(losses)]
    if finite.size < 3:
        return None
    last, best = float(finite[-1]), float(finite[:-1].min())
    if last > LOSS_RISE * best:
        return Diagnosis("lr_too_high", True, None, last / best, ("rate", "update"))
    return Diagnosis("lr_ok", False, None, last / best, ("rate", "update"))


def diagnose(history: DistributionHistory) -> list[Diagnosis]:
    """Every check on the newest row (and the loss over the rows), warnings first."""
    row = history.latest
    if row is None:
        return []
    found = [saturation(row), dead_relus(row), update_size(row), delta_flow(row),
             learning_rate(history)]
    out = [d for d in found if d is not None]
    return sorted(out, key=lambda d: not d.warning)
