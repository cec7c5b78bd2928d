"""The course's formulas as matplotlib mathtext strings, one per entry, for each step of the
backprop walk and each model option; `formula_index` finds the formula that computes a
quantity. `typeset.py` draws them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lenet_gui.model.options import F7, LECUN, MAX, MEAN, POOLING, RELU, SIGMOID, TANH, TRAINABLE

if TYPE_CHECKING:
    from lenet_gui.explain.walk import Step

DF_FORMULAS = {  # one per option of options.ACTIVATION
    LECUN: r"$f\,'(u) = \frac{2}{3 \cdot 1.7159}\,\left(1.7159^2 - f(u)^2\right)$",
    TANH: r"$f\,'(u) = 1 - f(u)^2$",
    SIGMOID: r"$f\,'(u) = f(u)\,\left(1 - f(u)\right)$",
    RELU: r"$f\,'(u) = 1 \;\; (u > 0), \quad 0 \;\; (u \leq 0)$",
}

F_SOFTMAX = (
    r"$\delta(f7_i) = \frac{\partial J(\theta)}{\partial (f7_i)} = -(z_i - y_i)$",
    r"$\frac{\partial J(\theta)}{\partial y_i} = -\frac{z_i}{y_i}$",
    r"$\frac{\partial \sigma}{\partial f7_i} = -\sigma^2 \cdot e^{f7_i}$",
)
F_UPDATE = r"$\theta_j := \theta_j - \alpha \cdot \frac{\partial J(\theta)}{\partial \theta_j}$"


def fc_formulas(L: str, prev: str, n_out: int, linear: bool) -> tuple[str, ...]:
    """F7 (prev f6) or F6 (prev c5_00^(j)); `linear`: F7 without f, so f7 = u_f7."""
    up = r"c5_{00}^{(j)}" if prev == "c5" else r"f6_j"
    prev_d = r"\delta(c5_{00}^{(j)})" if prev == "c5" else r"\delta(f6_j)"
    first = (rf"$\delta(u_{{{L}_i}}) = \delta({L}_i) \quad ({L}_i = u_{{{L}_i}})$"
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


def msk_formulas(s: str, c: str, msk: str) -> tuple[str, ...]:
    """The mask matrix (掩膜矩阵) as the model computes it: 1 at the FIRST maximum of each 2×2
    window in row-major order (the smallest 2u+v among the tied maxima), 0 at the other three
    elements. The course's msk is 1 at every tied maximum (shown by `msk_course`)."""
    return (
        rf"$p_{{ij}}^{{(k)}} = \min\left\{{ 2u+v \;:\; {c}_{{2i+u,\,2j+v}}^{{(k)}} = "
        rf"\max_{{u',v'=0,1}} {c}_{{2i+u',\,2j+v'}}^{{(k)}} \right\}}$",
        rf"${msk}_{{2i+u,\,2j+v}}^{{(k)}} = 1 \;\; (2u+v = p_{{ij}}^{{(k)}}), \quad "
        rf"0 \;\; (2u+v \neq p_{{ij}}^{{(k)}})$",
    )


def msk_course(c: str, msk: str) -> str:
    """The course's mask: 1 at every element equal to the window's maximum (ties copy δ)."""
    return (rf"${msk}_{{2i+u,\,2j+v}}^{{(k)}} = 1, \quad {c}_{{2i+u,\,2j+v}}^{{(k)}} = "
            rf"\max\left\{{ {c}_{{2i+u,\,2j+v}}^{{(k)}} \right\}}_{{u,v=0,1}}$")


def pool_formulas(pooling: str, s: str, c: str, msk: str, n: int) -> tuple[str, ...]:
    """S2's or S4's backward formulas for each option of options.POOLING."""
    if pooling == MAX:
        return msk_formulas(s, c, msk) + (
            rf"${c}_{{ij}}^{{(k)}} \rightarrow {s}_{{\lfloor i/2 \rfloor,\,\lfloor j/2 \rfloor}}^{{(k)}}$",
            rf"$\delta({c}_{{ij}}^{{(k)}}) = {msk}_{{ij}}^{{(k)}} \cdot "
            rf"\delta\left({s}_{{\lfloor i/2 \rfloor,\,\lfloor j/2 \rfloor}}^{{(k)}}\right)$",
        )
    if pooling == MEAN:
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


def c3_formulas(table: bool) -> tuple[str, ...]:
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
        F_C3_PADDING,
    ]
    return tuple(f)


# δ(s2)'s sum reaches C3 indices −4…13: the terms outside the 10×10 maps are zero (padding)
F_C3_PADDING = r"$\delta(u_{c3_{i',j'}^{(m)}}) = 0 \quad i' \notin [0, 9] \;\; \vee \;\; j' \notin [0, 9]$"


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
F_CBN = r"$w3_{u,v}^{(k,m)} = 0 \quad (k,m) \notin \mathrm{Cbn}$"
F_C5_FORWARD = (r"$c5_{00}^{(l)} = f\left(\sum_{m=0}^{15}\sum_{u=-2}^{2}\sum_{v=-2}^{2} "
                r"w5_{u,v}^{(m,l)} \cdot s4_{2+u,\,2+v}^{(m)} + b5^{(l)}\right)$")
F_F6_FORWARD = r"$f6_i = f\left(\sum_{j=0}^{119} w6_{ij} \cdot c5_{00}^{(j)} + b6_i\right)$"
F_F7_FORWARD = {  # f at F7 (the course's literal form), or linear into the softmax
    True: r"$f7_i = f\left(\sum_{j=0}^{83} w7_{ij} \cdot f6_j + b7_i\right)$",
    False: r"$f7_i = u_{f7_i} = \sum_{j=0}^{83} w7_{ij} \cdot f6_j + b7_i$",
}
F_SOFTMAX_FORWARD = (
    r"$y_i = \sigma \cdot e^{f7_i} = \frac{e^{f7_i}}{\sum_{j=0}^{9} e^{f7_j}}$",
    r"$J(\theta) = -\sum_{i=0}^{9} z_i \cdot \log y_i$",
)


def forward_out_formulas(f7_activation: bool) -> tuple[str, ...]:
    """C5, F6, F7, the softmax and J: every forward formula after S4."""
    return (F_C5_FORWARD, F_F6_FORWARD, F_F7_FORWARD[f7_activation]) + F_SOFTMAX_FORWARD


POOL_FORWARD = {  # one per option of options.POOLING
    MAX: r"$s2_{ij}^{(k)} = \max\left\{ c1_{2i+u,\,2j+v}^{(k)} \right\}_{u,v=0,1}$",
    MEAN: r"$s2_{ij}^{(k)} = \frac{1}{4} \cdot \left(\sum_{u=0}^{1}\sum_{v=0}^{1} "
            r"c1_{2i+u,\,2j+v}^{(k)}\right)$",
    TRAINABLE: r"$s2_{ij}^{(k)} = f\left(a2^{(k)} \cdot \left(\sum_{u=0}^{1}\sum_{v=0}^{1} "
               r"c1_{2i+u,\,2j+v}^{(k)}\right) + b2^{(k)}\right)$",
}


def pool_forward(pooling: str, s: str) -> str:
    """S2's or S4's forward formula (S4 reads c3 and has a4, b4)."""
    f = POOL_FORWARD[pooling]
    if s == "s4":
        f = f.replace("s2", "s4").replace("c1", "c3").replace("a2", "a4").replace("b2", "b4")
    return f


def all_formulas() -> list[str]:
    """Every formula any model option can show (for rendering tests)."""
    out = list(F_SOFTMAX) + [F_UPDATE] + list(F_C5) + list(F_C1) + list(F_INPUT)
    out += list(F_FORWARD_MAPS) + [F_CBN]
    for f7_activation in F7.keys:
        out += list(forward_out_formulas(f7_activation))
    out += [pool_forward(p, s) for p in POOLING.keys for s in ("s2", "s4")]
    out += [msk_course("c1", "msk1"), msk_course("c3", "msk3")]
    out += list(DF_FORMULAS.values())
    for linear in (True, False):
        out += fc_formulas("f7", "f6", 10, linear)
    out += fc_formulas("f6", "c5", 84, False)
    for pooling in POOLING.keys:
        out += pool_formulas(pooling, "s4", "c3", "msk3", 5)
        out += pool_formulas(pooling, "s2", "c1", "msk1", 14)
    out += c3_formulas(True)
    return list(dict.fromkeys(out))


def formula_index(step: Step, key: str) -> int | None:
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
        prefixes = [rf"${base}", r"$y_i"] if base == "y" else [rf"${base}"]
    for i, f in enumerate(step.formulas):
        if any(f.startswith(p) for p in prefixes):
            return i
    return None


def update_formulas(alpha: float, J_before: float, J_after: float) -> tuple[str, str]:
    """The update rule and, for this α, J before and after on the sample."""
    return (F_UPDATE, rf"$\alpha = {alpha:g}: \quad J = {fmt_J(J_before, J_after)[0]} "
                      rf"\rightarrow {fmt_J(J_before, J_after)[1]}$")


def fmt_J(before: float, after: float) -> tuple[str, str]:
    """J before and after an update, with enough significant digits that they differ
    (3.95e-04 → 3.91e-04, not 0.0004 → 0.0004); equal values stay equal."""
    for digits in range(4, 16):
        a, b = f"{before:.{digits}g}", f"{after:.{digits}g}"
        if a != b or before == after:
            break
    if "e" not in a and "e" not in b and min(abs(before), abs(after)) < 1e-2:
        return f"{before:.{digits - 1}e}", f"{after:.{digits - 1}e}"
    return a, b
