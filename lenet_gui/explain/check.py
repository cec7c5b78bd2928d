"""The backprop walk's Check: an analytic δ (net.backward in float64) against a finite
difference of J in float64, perturbing a parameter or any hidden quantity and recomputing the
rest with the plain reference forward (`lenet_gui.model.reference`)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from lenet_gui.model import LeNet5, reference
from lenet_gui.model.options import FLOAT64, RELU


@dataclass(frozen=True)
class CheckResult:
    name: str
    analytic: float  # δ from net.backward in float64
    numeric: float  # central finite difference of J in float64
    rel_error: float  # |a − n| / (|a| + |n|), 0 when both are 0
    h: float
    kink: bool  # the one-sided slopes disagree: a max-pool tie or a ReLU kink
    shown: float  # the value the walk displays (the working dtype)
    points: int = 5  # the stencil: 5 points (smooth f), or 2 (ReLU: a central difference)


def _precise_J(f7: np.ndarray, label: int) -> float:
    """J = −log y_z = log(1 + Σ_(j≠z) e^(f7_j − f7_z)): accurate even when J ≈ 1e-8, which
    finite differences of a well-classified sample need. Shapes: f7 (10,)"""
    d = np.delete(f7.astype(np.float64) - float(f7[label]), label)
    return float(np.log1p(np.exp(d).sum()))


def _rel_error(a: float, b: float) -> float:
    denom = abs(a) + abs(b)
    return 0.0 if denom == 0.0 else abs(a - b) / denom


class FiniteDifferences:
    """The walk's net and sample again in float64: `net`, its `trace` and `grads` (one
    net.forward, one net.backward), `values` (the trace, N dropped), and J as a function of
    one quantity (`J_from`) for `check`."""

    def __init__(self, net: LeNet5, x: np.ndarray, label: int) -> None:
        self.config = dataclasses.replace(net.config, dtype=FLOAT64)
        self.net = LeNet5(self.config)
        self.net.set_params({k: np.asarray(v, np.float64) for k, v in net.params.items()})
        self.label = int(label)
        self.x = np.asarray(x).astype(np.float64)
        self.trace = self.net.forward(self.x)
        self.grads = self.net.backward(self.trace, np.array([self.label]))
        self.values = {k: np.array(v[0]) for k, v in self.trace.items()}
        self.pattern: list[np.ndarray] = []

    def order(self) -> list[str]:
        """The quantities J can be recomputed from: x … f7, in forward order."""
        return reference.order(self.config)[:-1]  # y: J comes from f7 directly

    def J_from(self, key: str, value: np.ndarray) -> float:
        """J with quantity `key` replaced by `value`, the rest recomputed after it. Also
        records in `self.pattern` which element won each max-pool window and which ReLU
        units were on: if a perturbation changes that pattern, J has a kink there."""
        self.pattern = []
        v = reference.forward_from(key, dict(self.values, **{key: value}), self.net.params,
                                   self.config, last="f7", pattern=self.pattern)
        return _precise_J(v["f7"], self.label)

    def _pattern_key(self) -> bytes:
        return b"".join(np.ascontiguousarray(a).tobytes() for a in self.pattern)

    def check(self, key: str, index: tuple, name: str, shown: float) -> CheckResult:
        """The analytic δ of quantity `key` (a parameter or "delta_<quantity>") at `index`
        against a central finite difference of J, both in float64; `name` and `shown` (the
        walk's displayed value) are passed through to the result."""
        index = tuple(int(i) for i in index)
        net = self.net
        if key in net.params:
            arr = net.params[key]
            analytic = float(self.grads[key][index])

            def J():  # the whole forward from x, with the parameter perturbed in place
                return self.J_from("x", self.values["x"])
        elif key.startswith("delta_"):
            qk = key.removeprefix("delta_")
            if qk not in self.order():
                raise KeyError(f"cannot check {key}")
            arr = np.array(self.values[qk])
            analytic = float(self.grads[key][(0,) + index])

            def J():
                return self.J_from(qk, arr)
        else:
            raise KeyError(f"{key} is not a sensitivity or a parameter")
        # Smooth f: a five-point stencil (error O(h⁴)) with h = 1e-4 keeps J's rounding
        # (~1e-15·J / h) small even for large J and small δ. ReLU: a central difference
        # with a tiny h, to stay on one side of its kinks.
        relu = self.config.activation == RELU
        h = 1e-7 if relu else 1e-4
        steps = (-1, 0, 1) if relu else (-2, -1, 0, 1, 2)
        old = float(arr[index])
        J_at, patterns = {}, {}
        try:
            for k in steps:
                arr[index] = old + k * h
                J_at[k], patterns[k] = J(), self._pattern_key()
        finally:
            arr[index] = old
        if relu:
            numeric = (J_at[1] - J_at[-1]) / (2 * h)
        else:
            numeric = (-J_at[2] + 8 * J_at[1] - 8 * J_at[-1] + J_at[-2]) / (12 * h)
        fwd, bwd = (J_at[1] - J_at[0]) / h, (J_at[0] - J_at[-1]) / h
        # A kink: a max-pool window changes its winner (a tie, which the course's msk does
        # not resolve) or a ReLU switches within the stencil; or the one-sided slopes differ.
        bent = abs(fwd - bwd) > 0.01 * (abs(fwd) + abs(bwd)) + 10 * h * (abs(fwd) + 1e-3)
        kink = any(patterns[k] != patterns[0] for k in steps) or (relu and bent)
        return CheckResult(name, analytic, numeric, _rel_error(analytic, numeric), h, kink,
                           float(shown), 2 if relu else 5)
