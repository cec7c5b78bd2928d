"""One sample's backpropagation, step by step in the course's order, with live numbers.

`BackpropWalk(net, x, label)` runs ONE `net.forward` and ONE `net.backward` (the training
code; there is no second backprop here) and lays the results out as the course derives
them: forward pass, softmax δ(f7), F7, F6, C5, S4, C3, S2, C1, δ of the input, update.
Each `Step` carries the course's formulas (matplotlib mathtext), a one-line reading and the
`Quantity`s it computes (views of the trace and gradients, N dropped). `terms()` breaks an
entry down into the terms of its sum, largest first; `check()` compares an entry with a
central finite difference in float64; `update()` applies θ := θ − α·δ(θ) on a copy.

Max-pooling follows the model: each 2×2 window routes δ to ONE winner, the first maximum
in row-major order. The course's msk copies δ to every tied maximum, which double-counts.
No Qt here.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from lenet_gui.model import LeNet5

def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate reads
    """Marks `text` for Qt's lupdate (which finds calls by this name) without importing Qt."""
    return text


class Msg(str):
    """A display string that keeps its English template and arguments, so that the GUI can
    translate it at display time (context "BackpropWalk") while this module stays Qt-free:
    `Msg(QT_TRANSLATE_NOOP("BackpropWalk", "J = {J:.4g}"), J=0.5)` is the str "J = 0.5"."""

    template: str
    args: dict

    def __new__(cls, template: str, **args) -> "Msg":
        self = super().__new__(cls, template.format(**args) if args else template)
        self.template, self.args = template, args
        return self


_SUP = str.maketrans("0123456789-+(),ijklmuv", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺⁽⁾˒ⁱʲᵏˡᵐᵘᵛ")
_SUB = str.maketrans("0123456789-+(),ijlmuv", "₀₁₂₃₄₅₆₇₈₉₋₊₍₎,ᵢⱼₗₘᵤᵥ")


def sup(s) -> str:
    return str(s).translate(_SUP)


def sub(s) -> str:
    return str(s).translate(_SUB)


def course_name(base: str, up=None, down=None) -> str:
    """'c3', (5,), (2, 7) -> 'c3⁽⁵⁾₍₂,₇₎' (the course's c3^(m)_(i,j))."""
    s = base
    if up is not None:
        s += sup("(" + ",".join(str(int(v)) for v in up) + ")")
    if down is not None:
        if len(down) == 1:
            s += sub(int(down[0]))
        else:
            s += sub("(" + ",".join(str(int(v)) for v in down) + ")")
    return s


# ----------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Term:
    text: str  # e.g. "δ(u_f7₃)·w7₍₃,₅₎"
    value: float  # its contribution to the sum
    factors: tuple[float, ...] = ()  # the numbers multiplied, in the order of `text`


@dataclass(frozen=True)
class Breakdown:
    """How one entry was computed: the terms of its sum, largest |contribution| first."""
    name: str  # "δ(f6₅)"
    value: float  # the value net.backward (or net.forward) gave
    rule: str  # plain text of the formula, e.g. "Σᵢ δ(u_f7ᵢ)·w7ᵢⱼ"
    terms: tuple[Term, ...]
    total: float  # float64 sum of all the terms (the value, up to rounding, before any f)
    note: str = ""  # e.g. "then f: f(0.31) = 0.29", "(k, m) not in Table 1"
    summed: bool = True  # False: the terms are the values compared or listed (max, softmax)


@dataclass(frozen=True)
class CheckResult:
    name: str
    analytic: float  # δ from net.backward in float64
    numeric: float  # central finite difference of J in float64
    rel_error: float  # |a − n| / (|a| + |n|), 0 when both are 0
    h: float
    kink: bool  # the one-sided slopes disagree: a max-pool tie or a ReLU kink
    shown: float  # the value the walk displays (the working dtype)


@dataclass(frozen=True)
class Quantity:
    """One array a step computes, for display: its values in the course's layout and as
    tiles (n, h, w), with the map from a tile position back to the array index."""
    key: str  # "delta_u_c3", "w3" (its gradient), "msk3", "c1", "update_w1", …
    text: str  # "δ(u_c3)"
    array: np.ndarray  # the sample's values, the course's layout (a view where possible)
    maps: np.ndarray  # (n, h, w) tiles for a heatmap
    cols: int | None  # tiles per row
    signed: bool  # diverging colours centred on 0
    size: str  # "16@10×10"
    locate: Callable[[int, int, int], tuple]  # (tile, row, col) -> index into `array`
    name_of: Callable[[tuple], str]  # index -> course name, e.g. "δ(u_c3⁽⁵⁾₍₂,₇₎)"
    checkable: bool = True  # a δ whose value a finite difference can confirm

    def value(self, index: tuple) -> float:
        return float(self.array[index])

    def describe(self, tile: int, row: int, col: int, value: float | None = None) -> str:
        idx = self.locate(tile, row, col)
        v = self.array[idx] if value is None else value
        return f"{self.name_of(idx)} = {float(v):.4g}"


@dataclass(frozen=True)
class Step:
    id: str  # "forward-features", "softmax", "f7", …, "update"
    layer: str  # what the diagram highlights: "input", "c1" … "f7", "softmax", "all"
    title: str
    formulas: tuple[str, ...]  # matplotlib mathtext, one formula per entry
    reading: str  # one plain-language line
    quantities: tuple[Quantity, ...]
    direction: str = "backward"  # "forward", "backward" or "update"


@dataclass(frozen=True)
class UpdateResult:
    alpha: float
    J_before: float
    J_after: float
    before: dict[str, np.ndarray]  # θ
    delta: dict[str, np.ndarray]  # Δθ = −α·δ(θ)
    after: dict[str, np.ndarray]  # θ + Δθ
    kernel_change: dict[str, np.ndarray] = field(default_factory=dict)  # ‖Δ‖ per kernel/unit


# ----------------------------------------------------------------------------- formulas

DF_FORMULAS = {
    "lecun": r"$f\,'(u) = \frac{2}{3 \cdot 1.7159}\,\left(1.7159^2 - f(u)^2\right)$",
    "tanh": r"$f\,'(u) = 1 - f(u)^2$",
    "sigmoid": r"$f\,'(u) = f(u)\,\left(1 - f(u)\right)$",
    "relu": r"$f\,'(u) = 1 \;\; (u > 0), \quad 0 \;\; (u \leq 0)$",
}

F_SOFTMAX = (
    r"$\delta(f7_i) = \frac{\partial J(\theta)}{\partial (f7_i)} = -(z_i - y_i)$",
    r"$\frac{\partial J(\theta)}{\partial y_i} = -\frac{z_i}{y_i}$",
    r"$\frac{\partial \sigma}{\partial f7_i} = -\sigma^2 \cdot e^{f7_i}$",
)
F_UPDATE = r"$\theta_j := \theta_j - \alpha \cdot \frac{\partial J(\theta)}{\partial \theta_j}$"


def _fc_formulas(L: str, prev: str, n_out: int, linear: bool) -> tuple[str, ...]:
    """F7 (prev f6) or F6 (prev c5_00^(j))."""
    up = r"c5_{00}^{(j)}" if prev == "c5" else r"f6_j"
    prev_d = r"\delta(c5_{00}^{(j)})" if prev == "c5" else r"\delta(f6_j)"
    first = (rf"$\delta(u_{{{L}_i}}) = \delta({L}_i)$   (no f at F7: ${L}_i = u_{{{L}_i}}$)"
             if linear else
             rf"$\delta(u_{{{L}_i}}) = \delta({L}_i) \cdot f\,'(u_{{{L}_i}})$")
    n = L[1]
    return (
        first,
        rf"$\delta(w{n}_{{ij}}) = \delta(u_{{{L}_i}}) \cdot {up}$",
        rf"$\delta(b{n}_i) = \delta(u_{{{L}_i}})$",
        rf"${prev_d} = \sum_{{i=0}}^{{{n_out - 1}}} \delta(u_{{{L}_i}}) \cdot w{n}_{{ij}}$",
    )


F_C5 = (
    r"$\delta(u_{c5_{00}^{(l)}}) = \delta(c5_{00}^{(l)}) \cdot f\,'(u_{c5_{00}^{(l)}})$",
    r"$\delta(w5_{u,v}^{(m,l)}) = \delta(u_{c5_{00}^{(l)}}) \cdot s4_{2+u,\,2+v}^{(m)}$",
    r"$\delta(b5^{(l)}) = \delta(u_{c5_{00}^{(l)}})$",
    r"$\frac{\partial u_{c5_{00}^{(l)}}}{\partial s4_{ij}^{(m)}} = w5_{i-2,\,j-2}^{(m,l)}$",
    r"$\delta(s4_{ij}^{(m)}) = \sum_{l=0}^{119} \delta(u_{c5_{00}^{(l)}}) \cdot "
    r"w5_{i-2,\,j-2}^{(m,l)}$",
)


def _pool_formulas(pooling: str, s: str, c: str, msk: str, n: int) -> tuple[str, ...]:
    if pooling == "max":
        return (
            rf"${msk}_{{2i+u,\,2j+v}}^{{(k)}} = 1, \quad {c}_{{2i+u,\,2j+v}}^{{(k)}} = "
            rf"\max\left\{{ {c}_{{2i+u,\,2j+v}}^{{(k)}} \right\}}_{{u,v=0,1}}$",
            rf"${msk}_{{2i+u,\,2j+v}}^{{(k)}} = 0 \quad \mathrm{{otherwise}}$",
            rf"${c}_{{ij}}^{{(k)}} \rightarrow {s}_{{\lfloor i/2 \rfloor,\,\lfloor j/2 \rfloor}}^{{(k)}}$",
            rf"$\delta({c}_{{ij}}^{{(k)}}) = {msk}_{{ij}}^{{(k)}} \cdot "
            rf"\delta\left({s}_{{\lfloor i/2 \rfloor,\,\lfloor j/2 \rfloor}}^{{(k)}}\right)$",
        )
    if pooling == "mean":
        return (
            rf"${s}_{{ij}}^{{(k)}} = \frac{{1}}{{4}} \cdot \left(\sum_{{u=0}}^{{1}}\sum_{{v=0}}^{{1}}"
            rf" {c}_{{2i+u,\,2j+v}}^{{(k)}}\right)$",
            rf"$\delta({c}_{{ij}}^{{(k)}}) = \frac{{1}}{{4}} \cdot "
            rf"\delta\left({s}_{{\lfloor i/2 \rfloor,\,\lfloor j/2 \rfloor}}^{{(k)}}\right)$",
        )
    a, b = "a" + s[1], "b" + s[1]
    return (
        rf"$\delta(u_{{{s}_{{ij}}^{{(k)}}}}) = \delta({s}_{{ij}}^{{(k)}}) \cdot "
        rf"f\,'(u_{{{s}_{{ij}}^{{(k)}}}})$",
        rf"$\delta({a}^{{(k)}}) = \sum_{{i,j=0}}^{{{n - 1}}} \delta(u_{{{s}_{{ij}}^{{(k)}}}}) \cdot "
        rf"\sum_{{u,v=0}}^{{1}} {c}_{{2i+u,\,2j+v}}^{{(k)}}$",
        rf"$\delta({b}^{{(k)}}) = \sum_{{i,j=0}}^{{{n - 1}}} \delta(u_{{{s}_{{ij}}^{{(k)}}}})$",
        rf"$\delta({c}_{{ij}}^{{(k)}}) = {a}^{{(k)}} \cdot "
        rf"\delta\left(u_{{{s}_{{\lfloor i/2 \rfloor,\,\lfloor j/2 \rfloor}}^{{(k)}}}}\right)$",
    )


def _c3_formulas(table: bool) -> tuple[str, ...]:
    f = [
        r"$\delta(u_{c3_{ij}^{(m)}}) = \delta(c3_{ij}^{(m)}) \cdot f\,'(u_{c3_{ij}^{(m)}})$",
        r"$\delta(w3_{u,v}^{(k,m)}) = \sum_{i=0}^{9}\sum_{j=0}^{9} \delta(u_{c3_{ij}^{(m)}}) "
        r"\cdot s2_{i+2+u,\,j+2+v}^{(k)}$",
    ]
    if table:
        f.append(r"$\delta(w3_{u,v}^{(k,m)}) = 0 \quad (k,m) \notin \mathrm{Cbn}$")
    f += [
        r"$\delta(b3^{(m)}) = \sum_{i=0}^{9}\sum_{j=0}^{9} \delta(u_{c3_{ij}^{(m)}})$",
        r"$\delta(s2_{ij}^{(k)}) = \sum_{m=0}^{15}\sum_{u=-2}^{2}\sum_{v=-2}^{2} "
        r"\delta(u_{c3_{i-2+u,\,j-2+v}^{(m)}}) \cdot w3_{-u,-v}^{(k,m)}$",
    ]
    return tuple(f)


F_C1 = (
    r"$\delta(u_{c1_{ij}^{(k)}}) = \delta(c1_{ij}^{(k)}) \cdot f\,'(u_{c1_{ij}^{(k)}})$",
    r"$\delta(w1_{u,v}^{(k)}) = \sum_{i=0}^{27}\sum_{j=0}^{27} \delta(u_{c1_{ij}^{(k)}}) "
    r"\cdot x_{i+2+u,\,j+2+v}$",
    r"$\delta(b1^{(k)}) = \sum_{i=0}^{27}\sum_{j=0}^{27} \delta(u_{c1_{ij}^{(k)}})$",
)
F_INPUT = (
    r"$\delta(x_{ij}) = \sum_{k=0}^{5}\sum_{u=-2}^{2}\sum_{v=-2}^{2} "
    r"\delta(u_{c1_{i-2+u,\,j-2+v}^{(k)}}) \cdot w1_{-u,-v}^{(k)}$",
)
F_FORWARD_MAPS = (
    r"$c1_{ij}^{(k)} = f\left(\sum_{u=-2}^{2}\sum_{v=-2}^{2} w1_{u,v}^{(k)} \cdot "
    r"x_{i+2+u,\,j+2+v} + b1^{(k)}\right)$",
    r"$c3_{ij}^{(m)} = f\left(\sum_{k=0}^{5}\sum_{u=-2}^{2}\sum_{v=-2}^{2} w3_{u,v}^{(k,m)} "
    r"\cdot s2_{i+2+u,\,j+2+v}^{(k)} + b3^{(m)}\right)$",
)
F_FORWARD_OUT = (
    r"$f6_i = f\left(\sum_{j=0}^{119} w6_{ij} \cdot c5_{00}^{(j)} + b6_i\right)$",
    r"$y_i = \sigma \cdot e^{f7_i} = \frac{e^{f7_i}}{\sum_{j=0}^{9} e^{f7_j}}$",
    r"$J(\theta) = -\sum_{i=0}^{9} z_i \cdot \log y_i$",
)
POOL_FORWARD = {
    "max": r"$s2_{ij}^{(k)} = \max\left\{ c1_{2i+u,\,2j+v}^{(k)} \right\}_{u,v=0,1}$",
    "mean": r"$s2_{ij}^{(k)} = \frac{1}{4} \cdot \left(\sum_{u=0}^{1}\sum_{v=0}^{1} "
            r"c1_{2i+u,\,2j+v}^{(k)}\right)$",
    "trainable": r"$s2_{ij}^{(k)} = f\left(a2^{(k)} \cdot \left(\sum_{u=0}^{1}\sum_{v=0}^{1} "
                 r"c1_{2i+u,\,2j+v}^{(k)}\right) + b2^{(k)}\right)$",
}


def all_formulas() -> list[str]:
    """Every formula any model option can show (for rendering tests)."""
    out = list(F_SOFTMAX) + [F_UPDATE] + list(F_C5) + list(F_C1) + list(F_INPUT)
    out += list(F_FORWARD_MAPS) + list(F_FORWARD_OUT) + list(POOL_FORWARD.values())
    out += list(DF_FORMULAS.values())
    for linear in (True, False):
        out += _fc_formulas("f7", "f6", 10, linear)
    out += _fc_formulas("f6", "c5", 84, False)
    for pooling in ("max", "mean", "trainable"):
        out += _pool_formulas(pooling, "s4", "c3", "msk3", 5)
        out += _pool_formulas(pooling, "s2", "c1", "msk1", 14)
    out += _c3_formulas(True)
    return list(dict.fromkeys(out))


def formula_index(step: "Step", key: str) -> int | None:
    """Which of the step's formulas computes quantity `key` (its left-hand side), or None."""
    base = key.removeprefix("update_")
    if key.startswith("update_"):
        prefixes = [r"$\theta"]
    elif base.startswith("delta_u_"):
        prefixes = [rf"$\delta(u_{{{base[8:]}"]
    elif base.startswith("delta_"):
        prefixes = [rf"$\delta({base[6:]}"]
    elif base[0] in "wab" and base[1:].isdigit():
        prefixes = [rf"$\delta({base}"]
    elif base.startswith("msk"):
        prefixes = [rf"${base}"]
    elif base == "saliency":
        prefixes = [r"$\delta(x"]
    else:
        prefixes = [rf"${base}", rf"$y_i"] if base == "y" else [rf"${base}"]
    for i, f in enumerate(step.formulas):
        if any(f.startswith(p) for p in prefixes):
            return i
    return None


# ----------------------------------------------------------------------------- the walk


def _precise_J(f7: np.ndarray, label: int) -> float:
    """J = −log y_z = log(1 + Σ_(j≠z) e^(f7_j − f7_z)): accurate even when J ≈ 1e-8, which
    finite differences of a well-classified sample need. Shapes: f7 (10,)"""
    d = np.delete(f7.astype(np.float64) - float(f7[label]), label)
    return float(np.log1p(np.exp(d).sum()))


def _rel_error(a: float, b: float) -> float:
    denom = abs(a) + abs(b)
    return 0.0 if denom == 0.0 else abs(a - b) / denom


def _conv(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Valid cross-correlation. Shapes: x (C, H, W), w (F, C, K, K) -> (F, H-K+1, W-K+1)"""
    K = w.shape[-1]
    win = sliding_window_view(x, (K, K), axis=(1, 2))  # (C, H', W', K, K)
    return np.einsum("chwij,fcij->fhw", win, w) + b[:, None, None]


def _windows(c: np.ndarray) -> np.ndarray:
    """(C, H, W) -> (C, H/2, W/2, 4): each 2×2 window, row-major."""
    C, H, W = c.shape
    return c.reshape(C, H // 2, 2, W // 2, 2).transpose(0, 1, 3, 2, 4).reshape(C, H // 2, W // 2, 4)


class BackpropWalk:
    """One forward + backward of `net` on one sample, as the course's ordered steps."""

    def __init__(self, net: LeNet5, x: np.ndarray, label: int, alpha: float = 0.01, *,
                 trace=None, grads=None) -> None:
        """`trace` and `grads`, when given, are what net.forward(x) and
        net.backward(trace, [label]) return for this sample: the walk then runs neither."""
        label = int(label)
        if not 0 <= label <= 9:
            raise ValueError(f"label must be a digit 0–9, got {label}")
        x = np.asarray(x)
        if x.size != 1024:
            raise ValueError(f"the sample must be one 32×32 image, got shape {x.shape}")
        self.net = net
        self.config = net.config
        self.label = label
        self.x = np.ascontiguousarray(x, dtype=net.dtype).reshape(1, 1, 32, 32)
        if grads is not None and trace is None:
            raise ValueError("grads without the trace they were computed from")
        # the training code's forward and backward, or the caller's results of them
        self.trace = net.forward(self.x) if trace is None else trace
        self.grads = net.backward(self.trace, np.array([label])) if grads is None else grads
        self.J = net.loss(self.trace, np.array([label]))
        self.t = {k: v[0] for k, v in self.trace.items()}  # the sample's views, N dropped
        self.g = {k: (v[0] if k.startswith("delta_") else v) for k, v in self.grads.items()}
        self.z = np.eye(10, dtype=net.dtype)[label]
        self.masks = {s: (net.pool_mask(self.trace, s)[0] if self.config.pooling == "max"
                          else None) for s in ("s2", "s4")}
        self.alpha = alpha
        self._net64: LeNet5 | None = None
        self._last_update: UpdateResult | None = None
        self._pattern: list[np.ndarray] = []
        self.steps: list[Step] = self._build_steps()

    # ------------------------------------------------------------------ helpers

    @property
    def trainable(self) -> bool:
        return self.config.pooling == "trainable"

    def df(self, key: str) -> np.ndarray:
        """f'(u_key) from the layer output, as the backward pass computes it."""
        return self.net.act.df_from_output(self.t[key])

    def step_index(self, step_id: str) -> int:
        return next(i for i, s in enumerate(self.steps) if s.id == step_id)

    def step(self, step_id: str) -> Step:
        return self.steps[self.step_index(step_id)]

    def quantity(self, key: str) -> Quantity:
        for s in self.steps:
            for q in s.quantities:
                if q.key == key:
                    return q
        raise KeyError(key)

    # ------------------------------------------------------------------ quantity makers

    def _q_maps(self, key, text, arr, cols, name, signed=True, checkable=True) -> Quantity:
        """arr (C, H, W)."""
        C, H, W = arr.shape
        return Quantity(key, text, arr, arr, cols, signed, f"{C}@{H}×{W}",
                        lambda t, r, c: (t, r, c), name, checkable)

    def _q_vec(self, key, text, arr, h, w, name, signed=True, checkable=True) -> Quantity:
        """arr (n,) shown as one h×w tile."""
        n = arr.shape[0]
        return Quantity(key, text, arr, arr.reshape(1, h, w), None, signed, f"{n}",
                        lambda t, r, c: (r * w + c,), name, checkable)

    def _q_fc_weights(self, key, text, arr, h, w, cols, name, checkable=True) -> Quantity:
        """arr (n_out, n_in): one tile of h×w (= n_in) per output unit."""
        n, m = arr.shape
        return Quantity(key, text, arr, arr.reshape(n, h, w), cols, True, f"{n}×{m}",
                        lambda t, r, c: (t, r * w + c), name, checkable)

    def _q_w1(self, key, text, arr, name, checkable=True) -> Quantity:
        return Quantity(key, text, arr, arr[:, 0], 6, True, "6×5×5",
                        lambda t, r, c: (t, 0, r, c), name, checkable)

    def _q_w3(self, key, text, arr, name, checkable=True) -> Quantity:
        """The 96 kernels laid out as Table 1: rows S2 maps k, columns C3 maps m."""
        maps = np.ascontiguousarray(arr.transpose(1, 0, 2, 3)).reshape(96, 5, 5)
        return Quantity(key, text, arr, maps, 16, True, "16×6×5×5",
                        lambda t, r, c: (t % 16, t // 16, r, c), name, checkable)

    def _q_w5(self, key, text, arr, name, checkable=True) -> Quantity:
        """One 20×20 tile per C5 unit l: its 16 kernels (one per S4 map m) in a 4×4 block."""
        maps = np.ascontiguousarray(
            arr.reshape(120, 4, 4, 5, 5).transpose(0, 1, 3, 2, 4)).reshape(120, 20, 20)
        return Quantity(key, text, arr, maps, 15, True, "120×16×5×5",
                        lambda t, r, c: (t, (r // 5) * 4 + c // 5, r % 5, c % 5), name,
                        checkable)

    # names, in the course's notation
    @staticmethod
    def _n_map(base):
        return lambda i: course_name(base, (i[0],), (i[1], i[2]))

    @staticmethod
    def _n_vec(base):
        return lambda i: course_name(base, None, (i[0],))

    @staticmethod
    def _n_c5(base):
        return lambda i: course_name(base, (i[0],), (0, 0))

    @staticmethod
    def _n_w1(prefix=""):
        return lambda i: prefix + course_name("w1", (i[0],), (i[2] - 2, i[3] - 2)) + \
            (")" if prefix else "")

    @staticmethod
    def _n_w3(prefix=""):
        return lambda i: prefix + course_name("w3", (i[1], i[0]), (i[2] - 2, i[3] - 2)) + \
            (")" if prefix else "")

    @staticmethod
    def _n_w5(prefix=""):
        return lambda i: prefix + course_name("w5", (i[1], i[0]), (i[2] - 2, i[3] - 2)) + \
            (")" if prefix else "")

    @staticmethod
    def _n_fc(base, prefix=""):
        return lambda i: prefix + course_name(base, None, (i[0], i[1])) + (")" if prefix else "")

    @staticmethod
    def _d(name_fn):
        return lambda i: f"δ({name_fn(i)})"

    # ------------------------------------------------------------------ steps

    def _build_steps(self) -> list[Step]:
        steps = [self._step_forward_maps(), self._step_forward_out(), self._step_softmax(),
                 self._step_fc("f7"), self._step_fc("f6"), self._step_c5(),
                 self._step_pool("s4"), self._step_c3(), self._step_pool("s2"),
                 self._step_c1(), self._step_input(), self.update_step(self.alpha)]
        return steps

    def _step_forward_maps(self) -> Step:
        t, cfg = self.t, self.config
        qs = [self._q_maps("x", "x (input)", t["x"], 1, lambda i: course_name("x", None, i[1:]),
                           signed=False, checkable=False)]
        for key, cols in (("c1", 3), ("s2", 3), ("c3", 4), ("s4", 4)):
            qs.append(self._q_maps(key, key, t[key], cols, self._n_map(key), signed=False,
                                   checkable=False))
        act = self.net.act
        return Step("forward-features", "c1", Msg(QT_TRANSLATE_NOOP("BackpropWalk", "Forward: INPUT → C1 → S2 → C3 → S4")),
                    F_FORWARD_MAPS[:1] + (POOL_FORWARD[cfg.pooling],) + F_FORWARD_MAPS[1:]
                    + (act.formula,),
                    Msg(QT_TRANSLATE_NOOP("BackpropWalk",
                        "Each map slides a shared 5×5 kernel over the maps before it, adds a "
                        "bias and applies f; sub-sampling halves each map.")),
                    tuple(qs), "forward")

    def _step_forward_out(self) -> Step:
        t = self.t
        qs = (self._q_vec("c5", "c5", t["c5"], 10, 12, self._n_c5("c5"), False, False),
              self._q_vec("f6", "f6", t["f6"], 7, 12, self._n_vec("f6"), False, False),
              self._q_vec("f7", "f7", t["f7"], 1, 10, self._n_vec("f7"), True, False),
              self._q_vec("y", "y (softmax)", t["y"], 1, 10, self._n_vec("y"), False, False))
        pred = int(np.argmax(t["y"]))
        return Step("forward-output", "softmax", Msg(QT_TRANSLATE_NOOP("BackpropWalk", "Forward: C5 → F6 → F7 → softmax y, cost J")),
                    F_FORWARD_OUT,
                    Msg(QT_TRANSLATE_NOOP("BackpropWalk",
                        "The softmax turns f7 into probabilities y; J = −log y_z = {J:.4g} for "
                        "z = {z} (the net predicts {pred}, y = {y:.3g})."),
                        J=float(self.J), z=self.label, pred=pred, y=float(t["y"][pred])),
                    qs, "forward")

    def _step_softmax(self) -> Step:
        q = self._q_vec("delta_f7", "δ(f7)", self.g["delta_f7"], 1, 10,
                        self._d(self._n_vec("f7")))
        y = self._q_vec("y", "y", self.t["y"], 1, 10, self._n_vec("y"), False, False)
        z = self._q_vec("z", "z (label)", self.z, 1, 10, self._n_vec("z"), False, False)
        return Step("softmax", "softmax", Msg(QT_TRANSLATE_NOOP("BackpropWalk", "Softmax: δ(f7) = −(z − y)")),
                    F_SOFTMAX,
                    Msg(QT_TRANSLATE_NOOP("BackpropWalk", "Each softmax input's sensitivity is "
                                          "the output minus the label: yᵢ − zᵢ.")), (y, z, q))

    def _step_fc(self, L: str) -> Step:
        g = self.g
        n = L[1]
        prev = "f6" if L == "f7" else "c5"
        n_out, (h, w) = (10, (1, 10)) if L == "f7" else (84, (7, 12))
        ph, pw = (7, 12) if L == "f7" else (10, 12)
        linear = L == "f7" and not self.config.f7_activation
        name_prev = self._n_vec("f6") if L == "f7" else self._n_c5("c5")
        qs = (self._q_vec(f"delta_u_{L}", f"δ(u_{L})", g[f"delta_u_{L}"], h, w,
                          self._d(self._n_vec("u_" + L))),
              self._q_fc_weights(f"w{n}", f"δ(w{n})", g[f"w{n}"], ph, pw,
                                 5 if L == "f7" else 12, self._n_fc(f"w{n}", "δ(")),
              self._q_vec(f"b{n}", f"δ(b{n})", g[f"b{n}"], h, w,
                          lambda i: f"δ({course_name('b' + n, None, i)})"),
              self._q_vec(f"delta_{prev}", f"δ({prev})", g[f"delta_{prev}"], ph, pw,
                          self._d(name_prev)))
        if linear:
            reading = Msg(QT_TRANSLATE_NOOP(
                "BackpropWalk", "F7 has no f here, so δ(u_f7) = δ(f7); a weight's δ is δ(u) "
                "times the input it multiplies; each {prev} output sums all {n} δ(u) through "
                "its weights."), prev=prev, n=n_out)
        else:
            reading = Msg(QT_TRANSLATE_NOOP(
                "BackpropWalk", "δ(u) is δ({L}) times the slope f'; a weight's δ is δ(u) times "
                "the input it multiplies; each {prev} output sums all {n} δ(u) through its "
                "weights."), L=L, prev=prev, n=n_out)
        title = Msg(QT_TRANSLATE_NOOP("BackpropWalk", "{L}: δ(u), δ(w), δ(b), δ({prev})"),
                    L=L.upper(), prev=prev)
        return Step(L, L, title, _fc_formulas(L, prev, n_out, linear), reading, qs)

    def _step_c5(self) -> Step:
        g = self.g
        qs = (self._q_vec("delta_u_c5", "δ(u_c5)", g["delta_u_c5"], 10, 12,
                          self._d(lambda i: course_name("u_c5", (i[0],), (0, 0)))),
              self._q_w5("w5", "δ(w5)", g["w5"], self._n_w5("δ(")),
              self._q_vec("b5", "δ(b5)", g["b5"], 10, 12,
                          lambda i: f"δ({course_name('b5', (i[0],))})"),
              self._q_maps("delta_s4", "δ(s4)", g["delta_s4"], 4, self._d(self._n_map("s4"))))
        return Step("c5", "c5", Msg(QT_TRANSLATE_NOOP("BackpropWalk", "C5: δ(u), δ(w5), δ(b5), δ(s4) via w5₍ᵢ₋₂,ⱼ₋₂₎")),
                    F_C5,
                    Msg(QT_TRANSLATE_NOOP("BackpropWalk",
                        "Each S4 value sums all 120 C5 input sensitivities through the kernel "
                        "element (i−2, j−2) that touched it.")), qs)

    def _step_pool(self, s: str) -> Step:
        g, t, pooling = self.g, self.t, self.config.pooling
        c = "c3" if s == "s4" else "c1"
        msk = "msk3" if s == "s4" else "msk1"
        cols = 4 if s == "s4" else 3
        n = 5 if s == "s4" else 14
        qs = []
        if pooling == "max":
            qs.append(self._q_maps(msk, msk, self.masks[s], cols, self._n_map(msk),
                                   signed=False, checkable=False))
            reading = Msg(QT_TRANSLATE_NOOP(
                "BackpropWalk", "A {C} value gets its window's δ({s}) if it was the window's "
                "maximum (one winner per window: the first maximum in row-major order), else "
                "zero."), C=c.upper(), s=s)
        elif pooling == "mean":
            reading = Msg(QT_TRANSLATE_NOOP(
                "BackpropWalk", "Mean pooling spreads a quarter of each δ({s}) to the four {c} "
                "values."), s=s, c=c)
        else:
            a, b = "a" + s[1], "b" + s[1]
            qs.append(self._q_maps(f"delta_u_{s}", f"δ(u_{s})", g[f"delta_u_{s}"], cols,
                                   self._d(self._n_map("u_" + s))))
            k = 16 if s == "s4" else 6
            qs.append(self._q_vec(a, f"δ({a})", g[a], 1, k,
                                  lambda i, a=a: f"δ({course_name(a, (i[0],))})"))
            qs.append(self._q_vec(b, f"δ({b})", g[b], 1, k,
                                  lambda i, b=b: f"δ({course_name(b, (i[0],))})"))
            reading = Msg(QT_TRANSLATE_NOOP(
                "BackpropWalk", "Trainable sub-sampling s = f(a·Σc + b): δ(u) = δ({s})·f', a "
                "and b collect it over the map, and each {c} value gets a·δ(u)."), s=s, c=c)
        qs.append(self._q_maps(f"delta_{c}", f"δ({c})", g[f"delta_{c}"], cols,
                               self._d(self._n_map(c))))
        what = {"max": msk, "mean": "¼", "trainable": f"δ(u_{s}), δ(a{s[1]}), δ(b{s[1]})"}
        return Step(s, s, Msg(QT_TRANSLATE_NOOP("BackpropWalk", "{S}: {what} routes δ({s}) to "
                                                "δ({c})"), S=s.upper(), what=what[pooling],
                              s=s, c=c),
                    _pool_formulas(pooling, s, c, msk, n), reading, tuple(qs))

    def _step_c3(self) -> Step:
        g = self.g
        qs = (self._q_maps("delta_u_c3", "δ(u_c3)", g["delta_u_c3"], 4,
                           self._d(self._n_map("u_c3"))),
              self._q_w3("w3", "δ(w3)", g["w3"], self._n_w3("δ(")),
              self._q_vec("b3", "δ(b3)", g["b3"], 2, 8,
                          lambda i: f"δ({course_name('b3', (i[0],))})"),
              self._q_maps("delta_s2", "δ(s2)", g["delta_s2"], 3, self._d(self._n_map("s2"))))
        if self.config.c3_table:
            reading = Msg(QT_TRANSLATE_NOOP(
                "BackpropWalk", "A kernel is shared by 100 positions, so its δ sums δ(u)·s2 "
                "over them (Table 1 blanks stay 0); each S2 value collects δ(u) through the "
                "kernels turned 180°."))
        else:
            reading = Msg(QT_TRANSLATE_NOOP(
                "BackpropWalk", "A kernel is shared by 100 positions, so its δ sums δ(u)·s2 "
                "over them; each S2 value collects δ(u) through the kernels turned 180°."))
        return Step("c3", "c3", Msg(QT_TRANSLATE_NOOP(
                        "BackpropWalk", "C3: δ(u), δ(w3), δ(b3), δ(s2) via rotated kernels")),
                    _c3_formulas(self.config.c3_table), reading, qs)

    def _step_c1(self) -> Step:
        g = self.g
        qs = (self._q_maps("delta_u_c1", "δ(u_c1)", g["delta_u_c1"], 3,
                           self._d(self._n_map("u_c1"))),
              self._q_w1("w1", "δ(w1)", g["w1"], self._n_w1("δ(")),
              self._q_vec("b1", "δ(b1)", g["b1"], 1, 6,
                          lambda i: f"δ({course_name('b1', (i[0],))})"))
        return Step("c1", "c1", Msg(QT_TRANSLATE_NOOP("BackpropWalk", "C1: δ(u), δ(w1), δ(b1)")), F_C1,
                    Msg(QT_TRANSLATE_NOOP("BackpropWalk",
                        "Each C1 kernel is shared by 784 positions: its δ sums δ(u) times the "
                        "input pixel under each kernel element.")), qs)

    def _step_input(self) -> Step:
        dx = self.g["delta_x"][0]
        sal = np.abs(dx)
        qs = (self._q_maps("delta_x", "δ(x)", self.g["delta_x"], 1,
                           self._d(lambda i: course_name("x", None, i[1:]))),
              Quantity("saliency", "|δ(x)| (saliency)", sal, sal[None], 1, False, "32×32",
                       lambda t, r, c: (r, c), lambda i: f"|δ({course_name('x', None, i)})|",
                       False))
        return Step("input", "input", Msg(QT_TRANSLATE_NOOP("BackpropWalk", "Input: δ(x), a saliency map")),
                    F_INPUT + ((DF_FORMULAS[self.config.activation],)),
                    Msg(QT_TRANSLATE_NOOP("BackpropWalk",
                        "Not in the course, same chain rule: the pixels whose change would "
                        "move J the most.")), qs)

    def update_step(self, alpha: float) -> Step:
        """The last step for a given α; `last_update` holds its UpdateResult."""
        r = self.update(alpha)
        qs = (self._q_w1("update_w1", "Δw1", r.delta["w1"], self._n_w1("Δ("), False),
              self._q_w3("update_w3", "Δw3", r.delta["w3"], self._n_w3("Δ("), False),
              self._q_w5("update_w5", "Δw5", r.delta["w5"], self._n_w5("Δ("), False))
        # F6 and F7 change too: their ‖Δ‖ per unit is in r.kernel_change (the GUI lists it)
        if r.J_after < r.J_before:
            reading = Msg(QT_TRANSLATE_NOOP(
                "BackpropWalk", "Every parameter moves against its sensitivity; for this sample "
                "J drops from {before:.4f} to {after:.4f}."), before=r.J_before, after=r.J_after)
        else:
            reading = Msg(QT_TRANSLATE_NOOP(
                "BackpropWalk", "Every parameter moves against its sensitivity; for this sample "
                "J does not drop from {before:.4f} to {after:.4f}."),
                before=r.J_before, after=r.J_after)
        return Step("update", "all", Msg(QT_TRANSLATE_NOOP("BackpropWalk",
                                                           "Update: θ := θ − α·δ(θ)")),
                    (F_UPDATE, rf"$\alpha = {alpha:g}: \quad J = {r.J_before:.4f} \rightarrow "
                               rf"{r.J_after:.4f}$"),
                    reading, qs, "update")

    def set_alpha(self, alpha: float) -> Step:
        self.alpha = alpha
        self.steps[-1] = self.update_step(alpha)
        return self.steps[-1]

    # ------------------------------------------------------------------ update

    @property
    def last_update(self) -> UpdateResult | None:
        return self._last_update

    def update(self, alpha: float) -> UpdateResult:
        """θ := θ − α·δ(θ) on a copy of the net; J before and after on this sample."""
        if not (alpha > 0 and np.isfinite(alpha)):
            raise ValueError(f"the learning rate α must be positive, got {alpha}")
        net = self.net
        before = {k: net.params[k] for k in net.param_names()}
        delta = {k: (-alpha * self.grads[k]).astype(net.dtype) for k in before}
        after = {k: before[k] + delta[k] for k in before}
        other = LeNet5(self.config)
        other.set_params(after)
        J_after = other.loss(other.forward(self.x), np.array([self.label]))
        change = {
            "w1": np.linalg.norm(delta["w1"].reshape(6, 25), axis=1),  # (6,) per kernel
            "w3": np.linalg.norm(delta["w3"].reshape(16, 6, 25), axis=2),  # (16, 6) [m, k]
            "w5": np.linalg.norm(delta["w5"].reshape(120, 16, 25), axis=2),  # (120, 16)
            "w6": np.linalg.norm(delta["w6"], axis=1),  # (84,) per F6 unit
            "w7": np.linalg.norm(delta["w7"], axis=1),  # (10,)
        }
        r = UpdateResult(float(alpha), float(self.J), float(J_after), before, delta, after,
                         change)
        self._last_update = r
        return r

    # ------------------------------------------------------------------ term breakdowns

    def terms(self, key: str, index: tuple) -> Breakdown:
        """The terms of the sum that gave quantity `key` at `index`, largest |term| first."""
        index = tuple(int(i) for i in index)
        fn = getattr(self, "_terms_" + key.removeprefix("delta_"), None)
        if key.startswith("update_"):
            return self._terms_update(key.removeprefix("update_"), index)
        if fn is None:
            raise KeyError(f"no breakdown for {key}")
        name, value, rule, terms, note = fn(index)
        terms = sorted(terms, key=lambda t: -abs(t.value))
        total = float(np.sum([t.value for t in terms], dtype=np.float64)) if terms else 0.0
        return Breakdown(name, float(value), rule, tuple(terms), total, note,
                         summed=not key.startswith("msk") and key != "saliency")

    def _prod(self, text: str, *factors) -> Term:
        f = tuple(float(v) for v in factors)
        return Term(text, float(np.prod(f, dtype=np.float64)), f)

    # softmax and full layers
    def _terms_f7(self, i):
        i, = i
        y, z = float(self.t["y"][i]), float(self.z[i])
        return (f"δ({course_name('f7', None, (i,))})", self.g["delta_f7"][i], "yᵢ − zᵢ",
                [Term(f"y{sub(i)}", y, (y,)), Term(f"−z{sub(i)}", -z, (z,))], "")

    def _terms_u_fc(self, L, i):
        i, = i
        out = course_name(L, None, (i,))
        if L == "f7" and not self.config.f7_activation:
            return (f"δ(u_{out})", self.g["delta_u_f7"][i], "δ(f7ᵢ)  (no f at F7)",
                    [self._prod(f"δ({out})", self.g["delta_f7"][i])], "")
        key = "c5" if L == "c5" else L
        return (f"δ(u_{out})", self.g[f"delta_u_{L}"][i], f"δ({L}ᵢ)·f'(u_{L}ᵢ)",
                [self._prod(f"δ({out})·f'(u_{out})", self.g[f"delta_{L}"][i],
                            self.df(key)[i])], "")

    def _terms_u_f7(self, i):
        return self._terms_u_fc("f7", i)

    def _terms_u_f6(self, i):
        return self._terms_u_fc("f6", i)

    def _terms_u_c5(self, i):
        l, = i
        b = self._terms_u_fc("c5", i)
        return (f"δ({course_name('u_c5', (l,), (0, 0))})",) + b[1:]

    def _terms_fc_w(self, n, L, prev, i):
        i, j = i
        pv = self.t[prev][j]
        pname = course_name("c5", (j,), (0, 0)) if prev == "c5" else course_name(prev, None, (j,))
        return (f"δ({course_name('w' + n, None, (i, j))})", self.g["w" + n][i, j],
                f"δ(u_{L}ᵢ)·{prev}ⱼ",
                [self._prod(f"δ(u_{course_name(L, None, (i,))})·{pname}",
                            self.g[f"delta_u_{L}"][i], pv)], "")

    def _terms_w7(self, i):
        return self._terms_fc_w("7", "f7", "f6", i)

    def _terms_w6(self, i):
        return self._terms_fc_w("6", "f6", "c5", i)

    def _terms_fc_b(self, n, L, i):
        i, = i
        return (f"δ({course_name('b' + n, None, (i,))})", self.g["b" + n][i], f"δ(u_{L}ᵢ)",
                [self._prod(f"δ(u_{course_name(L, None, (i,))})", self.g[f"delta_u_{L}"][i])],
                "")

    def _terms_b7(self, i):
        return self._terms_fc_b("7", "f7", i)

    def _terms_b6(self, i):
        return self._terms_fc_b("6", "f6", i)

    def _terms_f6(self, j):
        j, = j
        du, w = self.g["delta_u_f7"], self.net.params["w7"]
        return (f"δ({course_name('f6', None, (j,))})", self.g["delta_f6"][j],
                "Σᵢ δ(u_f7ᵢ)·w7ᵢⱼ",
                [self._prod(f"δ(u_{course_name('f7', None, (i,))})·"
                            f"{course_name('w7', None, (i, j))}", du[i], w[i, j])
                 for i in range(10)], "")

    def _terms_c5(self, j):
        j, = j
        du, w = self.g["delta_u_f6"], self.net.params["w6"]
        return (f"δ({course_name('c5', (j,), (0, 0))})", self.g["delta_c5"][j],
                "Σᵢ δ(u_f6ᵢ)·w6ᵢⱼ",
                [self._prod(f"δ(u_{course_name('f6', None, (i,))})·"
                            f"{course_name('w6', None, (i, j))}", du[i], w[i, j])
                 for i in range(84)], "")

    def _terms_w5(self, idx):
        l, m, a, b = idx
        return (f"δ({course_name('w5', (m, l), (a - 2, b - 2))})", self.g["w5"][idx],
                "δ(u_c5⁽ˡ⁾)·s4⁽ᵐ⁾₍₂₊ᵤ,₂₊ᵥ₎",
                [self._prod(f"δ({course_name('u_c5', (l,), (0, 0))})·"
                            f"{course_name('s4', (m,), (a, b))}",
                            self.g["delta_u_c5"][l], self.t["s4"][m, a, b])], "")

    def _terms_b5(self, idx):
        l, = idx
        return (f"δ({course_name('b5', (l,))})", self.g["b5"][l], "δ(u_c5⁽ˡ⁾)",
                [self._prod(f"δ({course_name('u_c5', (l,), (0, 0))})",
                            self.g["delta_u_c5"][l])], "")

    def _terms_s4(self, idx):
        m, i, j = idx
        du, w5 = self.g["delta_u_c5"], self.net.params["w5"]
        return (f"δ({course_name('s4', (m,), (i, j))})", self.g["delta_s4"][idx],
                "Σₗ δ(u_c5⁽ˡ⁾)·w5⁽ᵐ˒ˡ⁾₍ᵢ₋₂,ⱼ₋₂₎",
                [self._prod(f"δ({course_name('u_c5', (l,), (0, 0))})·"
                            f"{course_name('w5', (m, l), (i - 2, j - 2))}", du[l], w5[l, m, i, j])
                 for l in range(120)], "")

    # sub-sampling
    def _terms_pooled(self, s, c, idx):
        """δ(c) from S above it: msk·δ(s), ¼·δ(s) or a·δ(u_s)."""
        k, i, j = idx
        pooling = self.config.pooling
        name = f"δ({course_name(c, (k,), (i, j))})"
        value = self.g[f"delta_{c}"][idx]
        hw = self.t[c].shape[1] // 2
        if i // 2 >= hw or j // 2 >= hw:
            return name, value, "outside every window", [], ""
        up = (k, i // 2, j // 2)
        sname = course_name(s, (k,), up[1:])
        if pooling == "max":
            msk = "msk3" if s == "s4" else "msk1"
            mv = self.masks[s][idx]
            return (name, value, f"{msk}·δ({s}⌊ᵢ/₂⌋⌊ⱼ/₂⌋)",
                    [self._prod(f"{course_name(msk, (k,), (i, j))}·δ({sname})", mv,
                                self.g[f"delta_{s}"][up])], "")
        if pooling == "mean":
            return (name, value, f"¼·δ({s}⌊ᵢ/₂⌋⌊ⱼ/₂⌋)",
                    [self._prod(f"¼·δ({sname})", 0.25, self.g[f"delta_{s}"][up])], "")
        a = "a" + s[1]
        return (name, value, f"{a}·δ(u_{s}⌊ᵢ/₂⌋⌊ⱼ/₂⌋)",
                [self._prod(f"{course_name(a, (k,))}·δ(u_{sname})", self.net.params[a][k],
                            self.g[f"delta_u_{s}"][up])], "")

    def _terms_c3(self, idx):
        return self._terms_pooled("s4", "c3", idx)

    def _terms_c1(self, idx):
        return self._terms_pooled("s2", "c1", idx)

    def _terms_msk(self, s, c, msk, idx):
        k, i, j = idx
        i0, j0 = 2 * (i // 2), 2 * (j // 2)
        win = self.t[c][k, i0:i0 + 2, j0:j0 + 2].ravel()
        winner = int(np.argmax(win))  # the first maximum in row-major order
        terms = [Term(f"{course_name(c, (k,), (i0 + p // 2, j0 + p % 2))}"
                      f"{'  ← winner' if p == winner else ''}", float(win[p]), (float(win[p]),))
                 for p in range(4)]
        ties = int(np.sum(win == win[winner]))
        note = Msg(QT_TRANSLATE_NOOP(
            "BackpropWalk", "{n} values tie for the maximum: the first in row-major order wins "
            "(the course would copy δ to each)"), n=ties) if ties > 1 else ""
        return (course_name(msk, (k,), (i, j)), self.masks[s][idx],
                f"1 if {c} is its window's maximum (first one on a tie), else 0",
                terms, note)

    def _terms_msk3(self, idx):
        return self._terms_msk("s4", "c3", "msk3", idx)

    def _terms_msk1(self, idx):
        return self._terms_msk("s2", "c1", "msk1", idx)

    def _terms_u_pool(self, s, idx):
        k, i, j = idx
        n = course_name(s, (k,), (i, j))
        return (f"δ(u_{n})", self.g[f"delta_u_{s}"][idx], f"δ({s})·f'(u_{s})",
                [self._prod(f"δ({n})·f'(u_{n})", self.g[f"delta_{s}"][idx],
                            self.net.act.df_from_output(self.t[s])[idx])], "")

    def _terms_u_s4(self, idx):
        return self._terms_u_pool("s4", idx)

    def _terms_u_s2(self, idx):
        return self._terms_u_pool("s2", idx)

    def _terms_ab(self, s, c, which, idx):
        k, = idx
        du = self.g[f"delta_u_{s}"][k]
        n = du.shape[0]
        sums = _windows(np.asarray(self.t[c][k][None, :2 * n, :2 * n], np.float64))[0].sum(-1)
        pname = which + s[1]
        terms = []
        for i in range(n):
            for j in range(n):
                un = f"δ(u_{course_name(s, (k,), (i, j))})"
                if which == "a":
                    terms.append(self._prod(f"{un}·Σ{c}", du[i, j], sums[i, j]))
                else:
                    terms.append(self._prod(un, du[i, j]))
        rule = f"Σᵢⱼ δ(u_{s}ᵢⱼ)·Σᵤᵥ {c}" if which == "a" else f"Σᵢⱼ δ(u_{s}ᵢⱼ)"
        return f"δ({course_name(pname, (k,))})", self.g[pname][k], rule, terms, ""

    def _terms_a4(self, idx):
        return self._terms_ab("s4", "c3", "a", idx)

    def _terms_b4(self, idx):
        return self._terms_ab("s4", "c3", "b", idx)

    def _terms_a2(self, idx):
        return self._terms_ab("s2", "c1", "a", idx)

    def _terms_b2(self, idx):
        return self._terms_ab("s2", "c1", "b", idx)

    # convolutions
    def _terms_u_conv(self, L, idx):
        k, i, j = idx
        n = course_name(L, (k,), (i, j))
        return (f"δ(u_{n})", self.g[f"delta_u_{L}"][idx], f"δ({L})·f'(u_{L})",
                [self._prod(f"δ({n})·f'(u_{n})", self.g[f"delta_{L}"][idx],
                            self.df(L)[idx])], "")

    def _terms_u_c3(self, idx):
        return self._terms_u_conv("c3", idx)

    def _terms_u_c1(self, idx):
        return self._terms_u_conv("c1", idx)

    def _terms_w3(self, idx):
        m, k, a, b = idx
        name = f"δ({course_name('w3', (k, m), (a - 2, b - 2))})"
        rule = "Σᵢⱼ δ(u_c3⁽ᵐ⁾ᵢⱼ)·s2⁽ᵏ⁾₍ᵢ₊₂₊ᵤ,ⱼ₊₂₊ᵥ₎"
        if self.config.c3_table and not self.net.table[m, k]:
            return name, self.g["w3"][idx], rule, [], \
                f"({k}, {m}) is not in Table 1 (Cbn): δ(w3) := 0, the kernel stays 0"
        du, s2 = self.g["delta_u_c3"][m], self.t["s2"][k]
        terms = [self._prod(f"δ({course_name('u_c3', (m,), (i, j))})·"
                            f"{course_name('s2', (k,), (i + a, j + b))}", du[i, j],
                            s2[i + a, j + b])
                 for i in range(10) for j in range(10)]
        return name, self.g["w3"][idx], rule, terms, ""

    def _terms_b3(self, idx):
        m, = idx
        du = self.g["delta_u_c3"][m]
        return (f"δ({course_name('b3', (m,))})", self.g["b3"][m], "Σᵢⱼ δ(u_c3⁽ᵐ⁾ᵢⱼ)",
                [self._prod(f"δ({course_name('u_c3', (m,), (i, j))})", du[i, j])
                 for i in range(10) for j in range(10)], "")

    def _terms_s2(self, idx):
        k, i, j = idx
        du, w3 = self.g["delta_u_c3"], self.net.params["w3"]
        terms = []
        for m in range(16):
            if not self.net.table[m, k]:
                continue  # Table 1: C3 map m does not read S2 map k
            for u in range(-2, 3):
                for v in range(-2, 3):
                    p, q = i - 2 + u, j - 2 + v
                    if 0 <= p < 10 and 0 <= q < 10:
                        terms.append(self._prod(
                            f"δ({course_name('u_c3', (m,), (p, q))})·"
                            f"{course_name('w3', (k, m), (-u, -v))}",
                            du[m, p, q], w3[m, k, 2 - u, 2 - v]))
        ms = [m for m in range(16) if self.net.table[m, k]]
        note = Msg(QT_TRANSLATE_NOOP("BackpropWalk", "Table 1 connects S2 map {k} to C3 maps "
                                     "{ms}"), k=k, ms=", ".join(map(str, ms))) \
            if self.config.c3_table else ""
        return (f"δ({course_name('s2', (k,), (i, j))})", self.g["delta_s2"][idx],
                "Σₘ Σᵤᵥ δ(u_c3⁽ᵐ⁾₍ᵢ₋₂₊ᵤ,ⱼ₋₂₊ᵥ₎)·w3⁽ᵏ˒ᵐ⁾₍₋ᵤ,₋ᵥ₎", terms, note)

    def _terms_w1(self, idx):
        k, _, a, b = idx
        du, x = self.g["delta_u_c1"][k], self.t["x"][0]
        terms = [self._prod(f"δ({course_name('u_c1', (k,), (i, j))})·"
                            f"{course_name('x', None, (i + a, j + b))}", du[i, j], x[i + a, j + b])
                 for i in range(28) for j in range(28)]
        return (f"δ({course_name('w1', (k,), (a - 2, b - 2))})", self.g["w1"][idx],
                "Σᵢⱼ δ(u_c1⁽ᵏ⁾ᵢⱼ)·x₍ᵢ₊₂₊ᵤ,ⱼ₊₂₊ᵥ₎", terms, "")

    def _terms_b1(self, idx):
        k, = idx
        du = self.g["delta_u_c1"][k]
        return (f"δ({course_name('b1', (k,))})", self.g["b1"][k], "Σᵢⱼ δ(u_c1⁽ᵏ⁾ᵢⱼ)",
                [self._prod(f"δ({course_name('u_c1', (k,), (i, j))})", du[i, j])
                 for i in range(28) for j in range(28)], "")

    def _terms_x(self, idx):
        idx = idx[-2:]
        i, j = idx
        du, w1 = self.g["delta_u_c1"], self.net.params["w1"]
        terms = []
        for k in range(6):
            for u in range(-2, 3):
                for v in range(-2, 3):
                    p, q = i - 2 + u, j - 2 + v
                    if 0 <= p < 28 and 0 <= q < 28:
                        terms.append(self._prod(
                            f"δ({course_name('u_c1', (k,), (p, q))})·"
                            f"{course_name('w1', (k,), (-u, -v))}",
                            du[k, p, q], w1[k, 0, 2 - u, 2 - v]))
        return (f"δ({course_name('x', None, (i, j))})", self.g["delta_x"][0, i, j],
                "Σₖ Σᵤᵥ δ(u_c1⁽ᵏ⁾₍ᵢ₋₂₊ᵤ,ⱼ₋₂₊ᵥ₎)·w1⁽ᵏ⁾₍₋ᵤ,₋ᵥ₎", terms, "")

    def _terms_saliency(self, idx):
        name, value, rule, terms, note = self._terms_x((0,) + tuple(idx))
        return f"|{name}|", abs(value), "|" + rule + "|", terms, "the terms of δ(x); then |·|"

    # forward quantities: the terms of u, then f
    def _fwd(self, name, u_terms, value, u_rule, f_note=True):
        total = float(np.sum([t.value for t in u_terms], dtype=np.float64))
        note = ""
        if f_note:
            note = f"u = {total:.6g}, then f(u) = {float(value):.6g}"
        return name, value, u_rule, u_terms, note

    def _terms_forward_x(self, idx):
        _, i, j = idx
        v = self.t["x"][0, i, j]
        return course_name("x", None, (i, j)), v, "the input pixel", [Term("x", float(v), ())], ""

    def _terms_conv_forward(self, L, idx):
        k, i, j = idx
        if L == "c1":
            src, w, b, ks = self.t["x"], self.net.params["w1"], self.net.params["b1"], [0]
            wname = lambda kk, u, v: course_name("w1", (k,), (u, v))  # noqa: E731
            sname = lambda kk, p, q: course_name("x", None, (p, q))  # noqa: E731
        else:
            src, w, b = self.t["s2"], self.net.params["w3"], self.net.params["b3"]
            ks = [kk for kk in range(6) if self.net.table[k, kk]]
            wname = lambda kk, u, v: course_name("w3", (kk, k), (u, v))  # noqa: E731
            sname = lambda kk, p, q: course_name("s2", (kk,), (p, q))  # noqa: E731
        terms = [self._prod(f"{wname(kk, a - 2, c - 2)}·{sname(kk, i + a, j + c)}",
                            w[k, kk, a, c], src[kk, i + a, j + c])
                 for kk in ks for a in range(5) for c in range(5)]
        terms.append(Term(course_name("b" + L[1], (k,)), float(b[k]), (float(b[k]),)))
        return self._fwd(course_name(L, (k,), (i, j)), terms, self.t[L][idx], "f(Σ w·input + b)")

    def _terms_pool_forward(self, s, c, idx):
        k, i, j = idx
        win = self.t[c][k, 2 * i:2 * i + 2, 2 * j:2 * j + 2].ravel()
        pooling = self.config.pooling
        terms = [Term(course_name(c, (k,), (2 * i + p // 2, 2 * j + p % 2)), float(win[p]),
                      (float(win[p]),)) for p in range(4)]
        rule = {"max": "max of the 2×2 window", "mean": "¼·Σ of the 2×2 window",
                "trainable": f"f(a{s[1]}·Σ window + b{s[1]})"}[pooling]
        return course_name(s, (k,), (i, j)), self.t[s][idx], rule, terms, ""

    def _terms_fc_forward(self, L, idx):
        i, = idx
        if L == "c5":
            src = self.t["s4"].reshape(400)
            w, b = self.net.params["w5"].reshape(120, 400), self.net.params["b5"]
            terms = [self._prod(f"{course_name('w5', (q // 25, i), ((q % 25) // 5 - 2, q % 5 - 2))}"
                                f"·{course_name('s4', (q // 25,), ((q % 25) // 5, q % 5))}",
                                w[i, q], src[q]) for q in range(400)]
            name = course_name("c5", (i,), (0, 0))
        else:
            prev = "c5" if L == "f6" else "f6"
            n = L[1]
            src, w, b = self.t[prev], self.net.params["w" + n], self.net.params["b" + n]
            terms = [self._prod(f"{course_name('w' + n, None, (i, j))}·"
                                f"{course_name(prev, None, (j,))}", w[i, j], src[j])
                     for j in range(src.shape[0])]
            name = course_name(L, None, (i,))
        terms.append(Term(f"b{L[1]}{sub(i)}", float(b[i]), (float(b[i]),)))
        linear = L == "f7" and not self.config.f7_activation
        return self._fwd(name, terms, self.t[L][i], "Σ w·input + b" if linear
                         else "f(Σ w·input + b)", f_note=not linear)

    def _terms_y(self, idx):
        i, = idx
        f7 = self.t["f7"].astype(np.float64)
        e = np.exp(f7 - f7.max())
        terms = [Term(f"e^{course_name('f7', None, (j,))}/Σ", float(e[j] / e.sum()), ())
                 for j in range(10)]
        return (course_name("y", None, (i,)), self.t["y"][i], "e^f7ᵢ / Σⱼ e^f7ⱼ", terms,
                "the terms are all ten yⱼ; they sum to 1")

    def forward_terms(self, key: str, index: tuple) -> Breakdown:
        index = tuple(int(i) for i in index)
        if key == "x":
            out = self._terms_forward_x(index)
        elif key in ("c1", "c3"):
            out = self._terms_conv_forward(key, index)
        elif key in ("s2", "s4"):
            out = self._terms_pool_forward(key, "c1" if key == "s2" else "c3", index)
        elif key in ("c5", "f6", "f7"):
            out = self._terms_fc_forward(key, index)
        elif key == "y":
            out = self._terms_y(index)
        elif key == "z":
            i = index[0]
            out = (course_name("z", None, (i,)), self.z[i], "1 if i is the label, else 0",
                   [Term(f"z{sub(i)}", float(self.z[i]), ())], f"label z = {self.label}")
        else:
            raise KeyError(key)
        name, value, rule, terms, note = out
        summed = key not in ("x", "y", "z") and not (key in ("s2", "s4")
                                                 and self.config.pooling == "max")
        terms = sorted(terms, key=lambda t: -abs(t.value))
        total = float(np.sum([t.value for t in terms], dtype=np.float64)) if terms else 0.0
        return Breakdown(name, float(value), rule, tuple(terms), total, note, summed)

    def _terms_update(self, p, idx):
        r = self._last_update
        old, d, new = (float(a[p][idx]) for a in (r.before, r.delta, r.after))
        q = self.quantity("update_" + p)
        name = q.name_of(idx).removeprefix("Δ(").removesuffix(")")
        g = float(self.grads[p][idx])
        return Breakdown(f"Δ({name})", d, f"−α·δ({name}), α = {r.alpha:g}",
                         (Term(f"−α·δ({name})", d, (-r.alpha, g)),), d,
                         f"{name}: {old:.6g} → {new:.6g}")

    def breakdown(self, key: str, index: tuple) -> Breakdown:
        """`terms` for δ and update quantities, `forward_terms` for the forward pass."""
        if key in ("x", "c1", "s2", "c3", "s4", "c5", "f6", "f7", "y", "z"):
            return self.forward_terms(key, index)
        return self.terms(key, index)

    # ------------------------------------------------------------------ finite differences

    @property
    def net64(self) -> LeNet5:
        if self._net64 is None:
            net = LeNet5(dataclasses.replace(self.config, dtype="float64"))
            net.set_params({k: np.asarray(v, np.float64) for k, v in self.net.params.items()})
            self._net64 = net
            self._x64 = self.x.astype(np.float64)
            self._trace64 = net.forward(self._x64)
            self._grads64 = net.backward(self._trace64, np.array([self.label]))
            self._t64 = {k: np.array(v[0]) for k, v in self._trace64.items()}
        return self._net64

    def _order(self) -> list[str]:
        keys = ["x", "u_c1", "c1", "u_s2", "s2", "u_c3", "c3", "u_s4", "s4", "u_c5", "c5",
                "u_f6", "f6", "u_f7", "f7"]
        if not self.trainable:
            keys = [k for k in keys if k not in ("u_s2", "u_s4")]
        return keys

    def _next(self, key: str, v: dict) -> np.ndarray:
        """A plain float64 forward, one quantity at a time, for finite differences of δ of a
        hidden quantity (net.forward only starts at x). Shapes as the trace, N dropped."""
        net, p, f = self._net64, self._net64.params, self._net64.act.f
        pooling = self.config.pooling

        def pool(c, tag):
            w = _windows(c)
            if pooling == "max":
                self._pattern.append(w.argmax(-1))  # each window's winner (first maximum)
                return w.max(-1)
            if pooling == "mean":
                return 0.25 * w.sum(-1)
            return p["a" + tag][:, None, None] * w.sum(-1) + p["b" + tag][:, None, None]

        if key == "u_c1":
            return _conv(v["x"], p["w1"], p["b1"])
        if key in ("c1", "c3", "c5", "f6"):
            if self.config.activation == "relu":
                self._pattern.append(v["u_" + key] > 0)  # which side of the kink
            return f(v["u_" + key])
        if key == "u_s2":
            return pool(v["c1"], "2")
        if key == "s2":
            return f(v["u_s2"]) if self.trainable else pool(v["c1"], "2")
        if key == "u_c3":
            w3 = p["w3"] * net.table[:, :, None, None]
            return _conv(v["s2"], w3, p["b3"])
        if key == "u_s4":
            return pool(v["c3"], "4")
        if key == "s4":
            return f(v["u_s4"]) if self.trainable else pool(v["c3"], "4")
        if key == "u_c5":
            return p["w5"].reshape(120, 400) @ v["s4"].reshape(400) + p["b5"]
        if key == "u_f6":
            return p["w6"] @ v["c5"] + p["b6"]
        if key == "u_f7":
            return p["w7"] @ v["f6"] + p["b7"]
        if key == "f7":
            return f(v["u_f7"]) if self.config.f7_activation else v["u_f7"]
        raise KeyError(key)

    def _J_from(self, key: str, value: np.ndarray) -> float:
        """J with quantity `key` replaced by `value`, the rest recomputed after it. Also
        records in `self._pattern` which element won each max-pool window and which ReLU
        units were on: if a perturbation changes that pattern, J has a kink there."""
        order = self._order()
        v = dict(self._t64)
        v[key] = value
        self._pattern = []
        for k in order[order.index(key) + 1:]:
            v[k] = self._next(k, v)
        return _precise_J(v["f7"], self.label)

    def _pattern_key(self) -> bytes:
        return b"".join(np.ascontiguousarray(a).tobytes() for a in self._pattern)

    def check(self, key: str, index: tuple) -> CheckResult:
        """The analytic δ of quantity `key` at `index` (float64 backward) against a central
        finite difference of J in float64 on the same sample."""
        index = tuple(int(i) for i in index)
        net = self.net64
        name = self.quantity(key).name_of(index) if self._has(key) else f"{key}{index}"
        shown = float(self.grads[key][(0,) + index] if key.startswith("delta_")
                      else self.grads[key][index])
        if key in net.params:
            arr = net.params[key]
            analytic = float(self._grads64[key][index])

            def J():  # the whole forward from x, with the parameter perturbed in place
                return self._J_from("x", self._t64["x"])
        elif key.startswith("delta_"):
            qk = key.removeprefix("delta_")
            if qk not in self._order():
                raise KeyError(f"cannot check {key}")
            arr = np.array(self._t64[qk])
            analytic = float(self._grads64[key][(0,) + index])

            def J():
                return self._J_from(qk, arr)
        else:
            raise KeyError(f"{key} is not a sensitivity or a parameter")
        # Smooth f: a five-point stencil (error O(h⁴)) with h = 1e-4 keeps J's rounding
        # (~1e-15·J / h) small even for large J and small δ. ReLU: a central difference
        # with a tiny h, to stay on one side of its kinks.
        relu = self.config.activation == "relu"
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
                           shown)

    def _has(self, key: str) -> bool:
        try:
            self.quantity(key)
            return True
        except KeyError:
            return False

    def check_candidates(self, key: str, n: int = 3) -> list[tuple]:
        """The `n` entries of a checkable quantity with the largest |δ| (index tuples)."""
        q = self.quantity(key)
        a = np.abs(np.asarray(q.array, np.float64))
        order = np.argsort(a, axis=None)[::-1][:n]
        return [tuple(int(i) for i in np.unravel_index(o, a.shape)) for o in order]
