"""One sample's backpropagation, step by step in the course's order, with live numbers.

`BackpropWalk(net, x, label)` runs ONE `net.forward` and ONE `net.backward` (the training
code; there is no second backprop here) and lays the results out as the course derives
them: forward pass, softmax δ(f7), F7, F6, C5, S4, C3, S2, C1, δ of the input, update.
Each `Step` carries the course's formulas (formulas.py), a one-line reading and the
`Quantity`s it computes (views of the trace and gradients, N dropped). `terms()` breaks an
entry down into the terms of its sum (terms.py); `check()` compares an entry with a
finite difference in float64 (check.py); `update()` applies θ := θ − α·δ(θ) on a copy.

Max-pooling follows the model: each 2×2 window routes δ to ONE winner, the first maximum
in row-major order. The course's msk copies δ to every tied maximum, which double-counts; the
S2/S4 steps show both and say so (Step.notes).
No Qt here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from lenet_gui.explain import terms as _terms
from lenet_gui.explain.check import CheckResult, FiniteDifferences
from lenet_gui.explain.formulas import (
    DF_FORMULAS,
    F_C1,
    F_C5,
    F_CBN,
    F_FORWARD_MAPS,
    F_INPUT,
    F_SOFTMAX,
    c3_formulas,
    fc_formulas,
    fmt_J,
    forward_out_formulas,
    msk_course,
    pool_formulas,
    pool_forward,
    update_formulas,
)
from lenet_gui.explain.messages import QT_TRANSLATE_NOOP, Msg
from lenet_gui.explain.notes import cbn_notes, decay_note, f7_note, msk_note, padding_note
from lenet_gui.explain.terms import Breakdown
from lenet_gui.model import LeNet5
from lenet_gui.model.options import MAX, MEAN, TRAINABLE
from lenet_gui.notation import course_name


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
    notes: tuple[str, ...] = ()  # what the formulas alone do not say (Msg), one per line
    formula_notes: tuple[str, ...] = ()  # formulas shown with the notes (e.g. the course's msk)


@dataclass(frozen=True)
class UpdateResult:
    alpha: float
    J_before: float
    J_after: float
    before: dict[str, np.ndarray]  # θ
    delta: dict[str, np.ndarray]  # Δθ = −α·δ(θ)
    after: dict[str, np.ndarray]  # θ + Δθ
    kernel_change: dict[str, np.ndarray] = field(default_factory=dict)  # ‖Δ‖ per kernel/unit


class BackpropWalk:
    """One forward + backward of `net` on one sample, as the course's ordered steps."""

    def __init__(self, net: LeNet5, x: np.ndarray, label: int, alpha: float = 0.01, *,
                 trace=None, grads=None, weight_decay: float | None = None,
                 momentum: float | None = None) -> None:
        """`trace` and `grads`, when given, are what net.forward(x) and
        net.backward(trace, [label]) return for this sample: the walk then runs neither.
        `weight_decay` and `momentum`, when given, are the training's: the update step says
        how training differs from its plain θ := θ − α·δ(θ)."""
        self.weight_decay, self.momentum = weight_decay, momentum
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
        self.masks = {s: (net.pool_mask(self.trace, s)[0] if self.config.pooling == MAX
                          else None) for s in ("s2", "s4")}
        self.alpha = alpha
        self._fd: FiniteDifferences | None = None
        self._last_update: UpdateResult | None = None
        self.steps: list[Step] = self._build_steps()

    # ------------------------------------------------------------------ helpers

    def df(self, key: str) -> np.ndarray:
        """f'(u_key) from the layer output, as the backward pass computes it."""
        return self.net.act.df_from_output(self.t[key])

    @property
    def df_formula(self) -> str:
        """f′ of the configured activation, shown at every step that multiplies by it."""
        return DF_FORMULAS[self.config.activation]

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
        qs = [self._q_maps("x", Msg(QT_TRANSLATE_NOOP("BackpropWalk", "x (input)")), t["x"], 1,
                           lambda i: course_name("x", None, i[1:]), signed=False,
                           checkable=False)]
        for key, cols in (("c1", 3), ("s2", 3), ("c3", 4), ("s4", 4)):
            qs.append(self._q_maps(key, key, t[key], cols, self._n_map(key), signed=False,
                                   checkable=False))
        act = self.net.act
        title = Msg(QT_TRANSLATE_NOOP("BackpropWalk", "Forward: INPUT → C1 → S2 → C3 → S4"))
        formulas = (F_FORWARD_MAPS[0], pool_forward(cfg.pooling, "s2"), F_FORWARD_MAPS[1])
        formulas += (act.formula,)  # S4's forward formula opens the S4 step (room: 628×355)
        return Step("forward-features", "c1", title, formulas,
                    Msg(QT_TRANSLATE_NOOP("BackpropWalk",
                        "Each map slides a shared 5×5 kernel over the maps before it, adds a "
                        "bias and applies f; sub-sampling halves each map.")),
                    tuple(qs), "forward")  # Cbn is defined at the C3 step

    def _step_forward_out(self) -> Step:
        t = self.t
        qs = (self._q_vec("c5", "c5", t["c5"], 10, 12, self._n_c5("c5"), False, False),
              self._q_vec("f6", "f6", t["f6"], 7, 12, self._n_vec("f6"), False, False),
              self._q_vec("f7", "f7", t["f7"], 1, 10, self._n_vec("f7"), True, False),
              self._q_vec("y", Msg(QT_TRANSLATE_NOOP("BackpropWalk", "y (softmax)")), t["y"], 1,
                          10, self._n_vec("y"), False, False))
        pred = int(np.argmax(t["y"]))
        title = Msg(QT_TRANSLATE_NOOP("BackpropWalk", "Forward: C5 → F6 → F7 → softmax y, cost J"))
        return Step("forward-output", "softmax", title,
                    forward_out_formulas(self.config.f7_activation),
                    Msg(QT_TRANSLATE_NOOP("BackpropWalk",
                        "The softmax turns f7 into probabilities y; J = −log y_z = {J:.4g} for "
                        "z = {z} (the net predicts {pred}, y = {y:.3g})."),
                        J=float(self.J), z=self.label, pred=pred, y=float(t["y"][pred])),
                    qs, "forward", (f7_note(self.config.f7_activation),))

    def _step_softmax(self) -> Step:
        q = self._q_vec("delta_f7", "δ(f7)", self.g["delta_f7"], 1, 10,
                        self._d(self._n_vec("f7")))
        y = self._q_vec("y", "y", self.t["y"], 1, 10, self._n_vec("y"), False, False)
        z = self._q_vec("z", Msg(QT_TRANSLATE_NOOP("BackpropWalk", "z (label)")), self.z, 1, 10,
                        self._n_vec("z"), False, False)
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
        formulas = fc_formulas(L, prev, n_out, linear) + (() if linear else (self.df_formula,))
        return Step(L, L, title, formulas, reading, qs,
                    notes=(f7_note(self.config.f7_activation),) if L == "f7" else ())

    def _step_c5(self) -> Step:
        g = self.g
        qs = (self._q_vec("delta_u_c5", "δ(u_c5)", g["delta_u_c5"], 10, 12,
                          self._d(lambda i: course_name("u_c5", (i[0],), (0, 0)))),
              self._q_w5("w5", "δ(w5)", g["w5"], self._n_w5("δ(")),
              self._q_vec("b5", "δ(b5)", g["b5"], 10, 12,
                          lambda i: f"δ({course_name('b5', (i[0],))})"),
              self._q_maps("delta_s4", "δ(s4)", g["delta_s4"], 4, self._d(self._n_map("s4"))))
        title = Msg(QT_TRANSLATE_NOOP("BackpropWalk", "C5: δ(u), δ(w5), δ(b5), δ(s4) via w5₍ᵢ₋₂,ⱼ₋₂₎"))
        return Step("c5", "c5", title, F_C5 + (self.df_formula,),
                    Msg(QT_TRANSLATE_NOOP("BackpropWalk",
                        "Each S4 value sums all 120 C5 input sensitivities through the kernel "
                        "element (i−2, j−2) that touched it.")), qs)

    def _step_pool(self, s: str) -> Step:
        g, pooling = self.g, self.config.pooling
        c = "c3" if s == "s4" else "c1"
        msk = "msk3" if s == "s4" else "msk1"
        cols = 4 if s == "s4" else 3
        n = 5 if s == "s4" else 14
        qs = []
        if pooling == MAX:
            qs.append(self._q_maps(msk, msk, self.masks[s], cols, self._n_map(msk),
                                   signed=False, checkable=False))
            reading = Msg(QT_TRANSLATE_NOOP(
                "BackpropWalk", "A {C} value gets its window's δ({s}) if it was the window's "
                "maximum (one winner per window: the first maximum in row-major order), else "
                "zero."), C=c.upper(), s=s)
        elif pooling == MEAN:
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
        what = {MAX: msk, MEAN: "¼", TRAINABLE: f"δ(u_{s}), δ(a{s[1]}), δ(b{s[1]})"}
        notes, course = (), ()
        formulas = pool_formulas(pooling, s, c, msk, n)
        if s == "s4":  # its forward formula, which the first forward step has no room for
            formulas = (pool_forward(pooling, "s4"),) + formulas
        if pooling == MAX:
            notes = (msk_note(msk),)
            course = (msk_course(c, msk),)
        elif pooling == TRAINABLE:
            formulas += (self.df_formula,)
        return Step(s, s, Msg(QT_TRANSLATE_NOOP("BackpropWalk", "{S}: {what} routes δ({s}) to "
                                                "δ({c})"), S=s.upper(), what=what[pooling],
                              s=s, c=c),
                    formulas, reading, tuple(qs), notes=notes, formula_notes=course)

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
                    ((F_CBN,) if self.config.c3_table else ()) + c3_formulas(self.config.c3_table)
                    + (self.df_formula,), reading, qs,
                    notes=(padding_note(),) + (cbn_notes(self.config.c3_table) if self.config.c3_table else ()))

    def _step_c1(self) -> Step:
        g = self.g
        qs = (self._q_maps("delta_u_c1", "δ(u_c1)", g["delta_u_c1"], 3,
                           self._d(self._n_map("u_c1"))),
              self._q_w1("w1", "δ(w1)", g["w1"], self._n_w1("δ(")),
              self._q_vec("b1", "δ(b1)", g["b1"], 1, 6,
                          lambda i: f"δ({course_name('b1', (i[0],))})"))
        return Step("c1", "c1", Msg(QT_TRANSLATE_NOOP("BackpropWalk", "C1: δ(u), δ(w1), δ(b1)")),
                    F_C1 + (self.df_formula,),
                    Msg(QT_TRANSLATE_NOOP("BackpropWalk",
                        "Each C1 kernel is shared by 784 positions: its δ sums δ(u) times the "
                        "input pixel under each kernel element.")), qs)

    def _step_input(self) -> Step:
        dx = self.g["delta_x"][0]
        sal = np.abs(dx)
        qs = (self._q_maps("delta_x", "δ(x)", self.g["delta_x"], 1,
                           self._d(lambda i: course_name("x", None, i[1:]))),
              Quantity("saliency", Msg(QT_TRANSLATE_NOOP("BackpropWalk", "|δ(x)| (saliency)")),
                       sal, sal[None], 1, False, "32×32",
                       lambda t, r, c: (r, c), lambda i: f"|δ({course_name('x', None, i)})|",
                       False))
        return Step("input", "input", Msg(QT_TRANSLATE_NOOP("BackpropWalk", "Input: δ(x), a saliency map")),
                    F_INPUT,
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
        before, after = fmt_J(r.J_before, r.J_after)
        if r.J_after < r.J_before:
            reading = Msg(QT_TRANSLATE_NOOP(
                "BackpropWalk", "Every parameter moves against its sensitivity; for this sample "
                "J drops from {before} to {after}."), before=before, after=after)
        else:
            reading = Msg(QT_TRANSLATE_NOOP(
                "BackpropWalk", "Every parameter moves against its sensitivity; for this sample "
                "J does not drop from {before} to {after}."), before=before, after=after)
        notes = () if self.weight_decay is None else (
            decay_note(self.weight_decay, self.momentum or 0.0),)
        return Step("update", "all", Msg(QT_TRANSLATE_NOOP("BackpropWalk",
                                                           "Update: θ := θ − α·δ(θ)")),
                    update_formulas(alpha, r.J_before, r.J_after),
                    reading, qs, "update", notes)

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
        return _terms.terms(self, key, index)

    def forward_terms(self, key: str, index: tuple) -> Breakdown:
        """The terms of u (then f) of a forward quantity."""
        return _terms.forward_terms(self, key, index)

    def breakdown(self, key: str, index: tuple) -> Breakdown:
        """`terms` for δ and update quantities, `forward_terms` for the forward pass."""
        return _terms.breakdown(self, key, index)

    # ------------------------------------------------------------------ finite differences

    @property
    def fd(self) -> FiniteDifferences:
        """The net and sample in float64, for `check` (made on first use)."""
        if self._fd is None:
            self._fd = FiniteDifferences(self.net, self.x, self.label)
        return self._fd

    @property
    def net64(self) -> LeNet5:
        return self.fd.net

    def check(self, key: str, index: tuple) -> CheckResult:
        """The analytic δ of quantity `key` at `index` (float64 backward) against a central
        finite difference of J in float64 on the same sample."""
        index = tuple(int(i) for i in index)
        fd = self.fd
        name = self.quantity(key).name_of(index) if self._has(key) else f"{key}{index}"
        shown = float(self.grads[key][(0,) + index] if key.startswith("delta_")
                      else self.grads[key][index])
        return fd.check(key, index, name, shown)

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
