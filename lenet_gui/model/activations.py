"""The activation functions f of the course's neuron y = f(Σ w·x + b), with f' taken from the
output y = f(u), which the layers keep anyway."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from lenet_gui.model.options import LECUN, RELU, SIGMOID, TANH

LECUN_A = 1.7159  # LeCun 1998: f(u) = A·tanh(S·u)
LECUN_S = 2.0 / 3.0


def _lecun_f(u: np.ndarray) -> np.ndarray:
    out = np.tanh(u * LECUN_S)
    out *= LECUN_A
    return out


def _lecun_df(y: np.ndarray) -> np.ndarray:
    d = np.square(y)  # f' = (S/A)(A² − y²)
    np.subtract(LECUN_A * LECUN_A, d, out=d)
    d *= LECUN_S / LECUN_A
    return d


def _tanh_df(y: np.ndarray) -> np.ndarray:
    d = np.square(y)  # f' = 1 − y²
    np.subtract(1.0, d, out=d)
    return d


def _sigmoid_f(u: np.ndarray) -> np.ndarray:
    out = np.negative(u)  # f = 1 / (1 + e^(−u))
    np.exp(out, out=out)
    out += 1.0
    np.reciprocal(out, out=out)
    return out


def _sigmoid_df(y: np.ndarray) -> np.ndarray:
    return y * (1.0 - y)  # f' = y (1 − y)


def _relu_f(u: np.ndarray) -> np.ndarray:
    return np.maximum(u, 0.0)


def _relu_df(y: np.ndarray) -> np.ndarray:
    return (y > 0).astype(y.dtype)


@dataclass(frozen=True)
class Activation:
    name: str
    f: Callable[[np.ndarray], np.ndarray]  # y = f(u), a new array
    df_from_output: Callable[[np.ndarray], np.ndarray]  # f'(u) computed from y = f(u)
    formula: str  # mathtext
    low: float  # range of f, for the GUI's colour levels
    high: float


ACTIVATIONS: dict[str, Activation] = {  # one per option of options.ACTIVATION
    LECUN: Activation(LECUN, _lecun_f, _lecun_df,
                      r"$f(u) = 1.7159\,\tanh(\frac{2}{3}u)$", -LECUN_A, LECUN_A),
    TANH: Activation(TANH, np.tanh, _tanh_df, r"$f(u) = \tanh(u)$", -1.0, 1.0),
    SIGMOID: Activation(SIGMOID, _sigmoid_f, _sigmoid_df,
                        r"$f(u) = \frac{1}{1+e^{-u}}$", 0.0, 1.0),
    RELU: Activation(RELU, _relu_f, _relu_df, r"$f(u) = \max(0, u)$", 0.0, np.inf),
}
