"""The terms of a clicked entry of the backprop walk: the products its sum adds up (or the
values it compares), named in the course's notation, largest |term| first. One function per
kind of quantity, found through the dicts BACKWARD and FORWARD (keyed by quantity)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from lenet_gui.explain.messages import QT_TRANSLATE_NOOP, Msg
from lenet_gui.model import reference
from lenet_gui.model.options import MAX, MEAN, TRAINABLE
from lenet_gui.notation import course_name, sub

if TYPE_CHECKING:
    from lenet_gui.explain.walk import BackpropWalk


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


# Each function below takes the walk, the arguments its entry in BACKWARD or FORWARD binds,
# and the entry's index; it returns (name, value, rule, terms, note).


def _prod(text: str, *factors) -> Term:
    f = tuple(float(v) for v in factors)
    return Term(text, float(np.prod(f, dtype=np.float64)), f)


# softmax and full layers
def _delta_f7(walk, i):
    i, = i
    y, z = float(walk.t["y"][i]), float(walk.z[i])
    return (f"δ({course_name('f7', None, (i,))})", walk.g["delta_f7"][i], "yᵢ − zᵢ",
            [Term(f"y{sub(i)}", y, (y,)), Term(f"−z{sub(i)}", -z, (z,))], "")


def _delta_u_fc(walk, L, i):
    i, = i
    out = course_name(L, None, (i,))
    if L == "f7" and not walk.config.f7_activation:
        return (f"δ(u_{out})", walk.g["delta_u_f7"][i], Msg(QT_TRANSLATE_NOOP("BackpropWalk", "δ(f7ᵢ)  (no f at F7)")),
                [_prod(f"δ({out})", walk.g["delta_f7"][i])], "")
    key = "c5" if L == "c5" else L
    return (f"δ(u_{out})", walk.g[f"delta_u_{L}"][i], f"δ({L}ᵢ)·f'(u_{L}ᵢ)",
            [_prod(f"δ({out})·f'(u_{out})", walk.g[f"delta_{L}"][i],
                   walk.df(key)[i])], "")


def _delta_u_c5(walk, i):
    l, = i
    b = _delta_u_fc(walk, "c5", i)
    return (f"δ({course_name('u_c5', (l,), (0, 0))})",) + b[1:]


def _fc_w(walk, n, L, prev, i):
    i, j = i
    pv = walk.t[prev][j]
    pname = course_name("c5", (j,), (0, 0)) if prev == "c5" else course_name(prev, None, (j,))
    return (f"δ({course_name('w' + n, None, (i, j))})", walk.g["w" + n][i, j],
            f"δ(u_{L}ᵢ)·{prev}ⱼ",
            [_prod(f"δ(u_{course_name(L, None, (i,))})·{pname}",
                   walk.g[f"delta_u_{L}"][i], pv)], "")


def _fc_b(walk, n, L, i):
    i, = i
    return (f"δ({course_name('b' + n, None, (i,))})", walk.g["b" + n][i], f"δ(u_{L}ᵢ)",
            [_prod(f"δ(u_{course_name(L, None, (i,))})", walk.g[f"delta_u_{L}"][i])],
            "")


def _delta_f6(walk, j):
    j, = j
    du, w = walk.g["delta_u_f7"], walk.net.params["w7"]
    return (f"δ({course_name('f6', None, (j,))})", walk.g["delta_f6"][j],
            "Σᵢ δ(u_f7ᵢ)·w7ᵢⱼ",
            [_prod(f"δ(u_{course_name('f7', None, (i,))})·"
                   f"{course_name('w7', None, (i, j))}", du[i], w[i, j])
             for i in range(10)], "")


def _delta_c5(walk, j):
    j, = j
    du, w = walk.g["delta_u_f6"], walk.net.params["w6"]
    return (f"δ({course_name('c5', (j,), (0, 0))})", walk.g["delta_c5"][j],
            "Σᵢ δ(u_f6ᵢ)·w6ᵢⱼ",
            [_prod(f"δ(u_{course_name('f6', None, (i,))})·"
                   f"{course_name('w6', None, (i, j))}", du[i], w[i, j])
             for i in range(84)], "")


def _w5(walk, idx):
    l, m, a, b = idx
    return (f"δ({course_name('w5', (m, l), (a - 2, b - 2))})", walk.g["w5"][idx],
            "δ(u_c5⁽ˡ⁾)·s4⁽ᵐ⁾₍₂₊ᵤ,₂₊ᵥ₎",
            [_prod(f"δ({course_name('u_c5', (l,), (0, 0))})·"
                   f"{course_name('s4', (m,), (a, b))}",
                   walk.g["delta_u_c5"][l], walk.t["s4"][m, a, b])], "")


def _b5(walk, idx):
    l, = idx
    return (f"δ({course_name('b5', (l,))})", walk.g["b5"][l], "δ(u_c5⁽ˡ⁾)",
            [_prod(f"δ({course_name('u_c5', (l,), (0, 0))})",
                   walk.g["delta_u_c5"][l])], "")


def _delta_s4(walk, idx):
    m, i, j = idx
    du, w5 = walk.g["delta_u_c5"], walk.net.params["w5"]
    return (f"δ({course_name('s4', (m,), (i, j))})", walk.g["delta_s4"][idx],
            "Σₗ δ(u_c5⁽ˡ⁾)·w5⁽ᵐ,ˡ⁾₍ᵢ₋₂,ⱼ₋₂₎",
            [_prod(f"δ({course_name('u_c5', (l,), (0, 0))})·"
                   f"{course_name('w5', (m, l), (i - 2, j - 2))}", du[l], w5[l, m, i, j])
             for l in range(120)], "")


# sub-sampling
def _delta_pooled(walk, s, c, idx):
    """δ(c) from S above it: msk·δ(s), ¼·δ(s) or a·δ(u_s)."""
    k, i, j = idx
    pooling = walk.config.pooling
    name = f"δ({course_name(c, (k,), (i, j))})"
    value = walk.g[f"delta_{c}"][idx]
    hw = walk.t[c].shape[1] // 2
    if i // 2 >= hw or j // 2 >= hw:
        return name, value, Msg(QT_TRANSLATE_NOOP("BackpropWalk", "outside every window")), [], ""
    up = (k, i // 2, j // 2)
    sname = course_name(s, (k,), up[1:])
    if pooling == MAX:
        msk = "msk3" if s == "s4" else "msk1"
        mv = walk.masks[s][idx]
        return (name, value, f"{msk}·δ({s}⌊ᵢ/₂⌋⌊ⱼ/₂⌋)",
                [_prod(f"{course_name(msk, (k,), (i, j))}·δ({sname})", mv,
                       walk.g[f"delta_{s}"][up])], "")
    if pooling == MEAN:
        return (name, value, f"¼·δ({s}⌊ᵢ/₂⌋⌊ⱼ/₂⌋)",
                [_prod(f"¼·δ({sname})", 0.25, walk.g[f"delta_{s}"][up])], "")
    a = "a" + s[1]
    return (name, value, f"{a}·δ(u_{s}⌊ᵢ/₂⌋⌊ⱼ/₂⌋)",
            [_prod(f"{course_name(a, (k,))}·δ(u_{sname})", walk.net.params[a][k],
                   walk.g[f"delta_u_{s}"][up])], "")


def _msk(walk, s, c, msk, idx):
    k, i, j = idx
    i0, j0 = 2 * (i // 2), 2 * (j // 2)
    win = walk.t[c][k, i0:i0 + 2, j0:j0 + 2].ravel()
    winner = int(np.argmax(win))  # the first maximum in row-major order
    names = [course_name(c, (k,), (i0 + p // 2, j0 + p % 2)) for p in range(4)]
    terms = [Term(Msg(QT_TRANSLATE_NOOP("BackpropWalk", "{name}  ← winner"), name=names[p])
                  if p == winner else names[p], float(win[p]), (float(win[p]),))
             for p in range(4)]
    ties = int(np.sum(win == win[winner]))
    note = Msg(QT_TRANSLATE_NOOP(
        "BackpropWalk", "{n} values tie for the maximum: the first in row-major order wins "
        "(the course would copy δ to each)"), n=ties) if ties > 1 else ""
    return (course_name(msk, (k,), (i, j)), walk.masks[s][idx],
            Msg(QT_TRANSLATE_NOOP("BackpropWalk", "1 if {c} is its window's maximum (the first "
                                  "one on a tie), else 0"), c=c),
            terms, note)


def _delta_u_pool(walk, s, idx):
    k, i, j = idx
    n = course_name(s, (k,), (i, j))
    return (f"δ(u_{n})", walk.g[f"delta_u_{s}"][idx], f"δ({s})·f'(u_{s})",
            [_prod(f"δ({n})·f'(u_{n})", walk.g[f"delta_{s}"][idx],
                   walk.net.act.df_from_output(walk.t[s])[idx])], "")


def _a_or_b(walk, s, c, which, idx):
    k, = idx
    du = walk.g[f"delta_u_{s}"][k]
    n = du.shape[0]
    c_k = np.asarray(walk.t[c][k][None, :2 * n, :2 * n], np.float64)  # (1, 2n, 2n)
    sums = reference.windows(c_k)[0].sum(-1)  # (n, n): Σ_uv c_(2i+u, 2j+v)
    pname = which + s[1]
    terms = []
    for i in range(n):
        for j in range(n):
            un = f"δ(u_{course_name(s, (k,), (i, j))})"
            if which == "a":
                terms.append(_prod(f"{un}·Σ{c}", du[i, j], sums[i, j]))
            else:
                terms.append(_prod(un, du[i, j]))
    rule = f"Σᵢⱼ δ(u_{s}ᵢⱼ)·Σᵤᵥ {c}" if which == "a" else f"Σᵢⱼ δ(u_{s}ᵢⱼ)"
    return f"δ({course_name(pname, (k,))})", walk.g[pname][k], rule, terms, ""


# convolutions
def _delta_u_conv(walk, L, idx):
    k, i, j = idx
    n = course_name(L, (k,), (i, j))
    return (f"δ(u_{n})", walk.g[f"delta_u_{L}"][idx], f"δ({L})·f'(u_{L})",
            [_prod(f"δ({n})·f'(u_{n})", walk.g[f"delta_{L}"][idx],
                   walk.df(L)[idx])], "")


def _w3(walk, idx):
    m, k, a, b = idx
    name = f"δ({course_name('w3', (k, m), (a - 2, b - 2))})"
    rule = "Σᵢⱼ δ(u_c3⁽ᵐ⁾ᵢⱼ)·s2⁽ᵏ⁾₍ᵢ₊₂₊ᵤ,ⱼ₊₂₊ᵥ₎"
    if walk.config.c3_table and not walk.net.table[m, k]:
        return name, walk.g["w3"][idx], rule, [], \
            Msg(QT_TRANSLATE_NOOP("BackpropWalk", "({k}, {m}) is not in Table 1 (Cbn): "
                                  "δ(w3) := 0, the kernel stays 0"), k=k, m=m)
    du, s2 = walk.g["delta_u_c3"][m], walk.t["s2"][k]
    terms = [_prod(f"δ({course_name('u_c3', (m,), (i, j))})·"
                   f"{course_name('s2', (k,), (i + a, j + b))}", du[i, j],
                   s2[i + a, j + b])
             for i in range(10) for j in range(10)]
    return name, walk.g["w3"][idx], rule, terms, ""


def _b3(walk, idx):
    m, = idx
    du = walk.g["delta_u_c3"][m]
    return (f"δ({course_name('b3', (m,))})", walk.g["b3"][m], "Σᵢⱼ δ(u_c3⁽ᵐ⁾ᵢⱼ)",
            [_prod(f"δ({course_name('u_c3', (m,), (i, j))})", du[i, j])
             for i in range(10) for j in range(10)], "")


def _delta_s2(walk, idx):
    k, i, j = idx
    du, w3 = walk.g["delta_u_c3"], walk.net.params["w3"]
    terms = []
    for m in range(16):
        if not walk.net.table[m, k]:
            continue  # Table 1: C3 map m does not read S2 map k
        for u in range(-2, 3):
            for v in range(-2, 3):
                p, q = i - 2 + u, j - 2 + v
                if 0 <= p < 10 and 0 <= q < 10:
                    terms.append(_prod(
                        f"δ({course_name('u_c3', (m,), (p, q))})·"
                        f"{course_name('w3', (k, m), (-u, -v))}",
                        du[m, p, q], w3[m, k, 2 - u, 2 - v]))
    ms = [m for m in range(16) if walk.net.table[m, k]]
    note = Msg(QT_TRANSLATE_NOOP("BackpropWalk", "Table 1 connects S2 map {k} to C3 maps "
                                 "{ms}"), k=k, ms=", ".join(map(str, ms))) \
        if walk.config.c3_table else ""
    return (f"δ({course_name('s2', (k,), (i, j))})", walk.g["delta_s2"][idx],
            "Σₘ Σᵤᵥ δ(u_c3⁽ᵐ⁾₍ᵢ₋₂₊ᵤ,ⱼ₋₂₊ᵥ₎)·w3⁽ᵏ,ᵐ⁾₍₋ᵤ,₋ᵥ₎", terms, note)


def _w1(walk, idx):
    k, _, a, b = idx
    du, x = walk.g["delta_u_c1"][k], walk.t["x"][0]
    terms = [_prod(f"δ({course_name('u_c1', (k,), (i, j))})·"
                   f"{course_name('x', None, (i + a, j + b))}", du[i, j], x[i + a, j + b])
             for i in range(28) for j in range(28)]
    return (f"δ({course_name('w1', (k,), (a - 2, b - 2))})", walk.g["w1"][idx],
            "Σᵢⱼ δ(u_c1⁽ᵏ⁾ᵢⱼ)·x₍ᵢ₊₂₊ᵤ,ⱼ₊₂₊ᵥ₎", terms, "")


def _b1(walk, idx):
    k, = idx
    du = walk.g["delta_u_c1"][k]
    return (f"δ({course_name('b1', (k,))})", walk.g["b1"][k], "Σᵢⱼ δ(u_c1⁽ᵏ⁾ᵢⱼ)",
            [_prod(f"δ({course_name('u_c1', (k,), (i, j))})", du[i, j])
             for i in range(28) for j in range(28)], "")


def _delta_x(walk, idx):
    idx = idx[-2:]
    i, j = idx
    du, w1 = walk.g["delta_u_c1"], walk.net.params["w1"]
    terms = []
    for k in range(6):
        for u in range(-2, 3):
            for v in range(-2, 3):
                p, q = i - 2 + u, j - 2 + v
                if 0 <= p < 28 and 0 <= q < 28:
                    terms.append(_prod(
                        f"δ({course_name('u_c1', (k,), (p, q))})·"
                        f"{course_name('w1', (k,), (-u, -v))}",
                        du[k, p, q], w1[k, 0, 2 - u, 2 - v]))
    return (f"δ({course_name('x', None, (i, j))})", walk.g["delta_x"][0, i, j],
            "Σₖ Σᵤᵥ δ(u_c1⁽ᵏ⁾₍ᵢ₋₂₊ᵤ,ⱼ₋₂₊ᵥ₎)·w1⁽ᵏ⁾₍₋ᵤ,₋ᵥ₎", terms, "")


def _saliency(walk, idx):
    name, value, rule, terms, note = _delta_x(walk, (0,) + tuple(idx))
    return f"|{name}|", abs(value), "|" + rule + "|", terms, \
        Msg(QT_TRANSLATE_NOOP("BackpropWalk", "the terms of δ(x); then |·|"))


# forward quantities: the terms of u, then f
def _fwd(name, u_terms, value, u_rule, f_note=True):
    total = float(np.sum([t.value for t in u_terms], dtype=np.float64))
    note = ""
    if f_note:
        note = Msg(QT_TRANSLATE_NOOP("BackpropWalk", "u = {u}, then f(u) = {f}"),
                   u=f"{total:.6g}", f=f"{float(value):.6g}")
    return name, value, u_rule, u_terms, note


def _forward_x(walk, idx):
    _, i, j = idx
    v = walk.t["x"][0, i, j]
    return course_name("x", None, (i, j)), v, \
        Msg(QT_TRANSLATE_NOOP("BackpropWalk", "the input pixel")), [Term("x", float(v), ())], ""


def _conv_forward(walk, L, idx):
    k, i, j = idx
    if L == "c1":
        src, w, b, ks = walk.t["x"], walk.net.params["w1"], walk.net.params["b1"], [0]
        wname = lambda kk, u, v: course_name("w1", (k,), (u, v))  # noqa: E731
        sname = lambda kk, p, q: course_name("x", None, (p, q))  # noqa: E731
    else:
        src, w, b = walk.t["s2"], walk.net.params["w3"], walk.net.params["b3"]
        ks = [kk for kk in range(6) if walk.net.table[k, kk]]
        wname = lambda kk, u, v: course_name("w3", (kk, k), (u, v))  # noqa: E731
        sname = lambda kk, p, q: course_name("s2", (kk,), (p, q))  # noqa: E731
    terms = [_prod(f"{wname(kk, a - 2, c - 2)}·{sname(kk, i + a, j + c)}",
                   w[k, kk, a, c], src[kk, i + a, j + c])
             for kk in ks for a in range(5) for c in range(5)]
    terms.append(Term(course_name("b" + L[1], (k,)), float(b[k]), (float(b[k]),)))
    return _fwd(course_name(L, (k,), (i, j)), terms, walk.t[L][idx],
                Msg(QT_TRANSLATE_NOOP("BackpropWalk", "f(Σ w·input + b)")))


def _pool_forward(walk, s, c, idx):
    k, i, j = idx
    win = walk.t[c][k, 2 * i:2 * i + 2, 2 * j:2 * j + 2].ravel()
    pooling = walk.config.pooling
    terms = [Term(course_name(c, (k,), (2 * i + p // 2, 2 * j + p % 2)), float(win[p]),
                  (float(win[p]),)) for p in range(4)]
    rule = {MAX: Msg(QT_TRANSLATE_NOOP("BackpropWalk", "max of the 2×2 window")),
            MEAN: Msg(QT_TRANSLATE_NOOP("BackpropWalk", "¼·Σ of the 2×2 window")),
            TRAINABLE: Msg(QT_TRANSLATE_NOOP("BackpropWalk", "f(a{n}·Σ window + b{n})"),
                           n=s[1])}[pooling]
    return course_name(s, (k,), (i, j)), walk.t[s][idx], rule, terms, ""


def _fc_forward(walk, L, idx):
    i, = idx
    if L == "c5":
        src = walk.t["s4"].reshape(400)
        w, b = walk.net.params["w5"].reshape(120, 400), walk.net.params["b5"]
        terms = [_prod(f"{course_name('w5', (q // 25, i), ((q % 25) // 5 - 2, q % 5 - 2))}"
                       f"·{course_name('s4', (q // 25,), ((q % 25) // 5, q % 5))}",
                       w[i, q], src[q]) for q in range(400)]
        name = course_name("c5", (i,), (0, 0))
    else:
        prev = "c5" if L == "f6" else "f6"
        n = L[1]
        src, w, b = walk.t[prev], walk.net.params["w" + n], walk.net.params["b" + n]
        terms = [_prod(f"{course_name('w' + n, None, (i, j))}·"
                       f"{course_name(prev, None, (j,))}", w[i, j], src[j])
                 for j in range(src.shape[0])]
        name = course_name(L, None, (i,))
    terms.append(Term(f"b{L[1]}{sub(i)}", float(b[i]), (float(b[i]),)))
    linear = L == "f7" and not walk.config.f7_activation
    return _fwd(name, terms, walk.t[L][i], Msg(QT_TRANSLATE_NOOP("BackpropWalk", "Σ w·input + b"))
                if linear else Msg(QT_TRANSLATE_NOOP("BackpropWalk", "f(Σ w·input + b)")),
                f_note=not linear)


def _y(walk, idx):
    i, = idx
    f7 = walk.t["f7"].astype(np.float64)
    e = np.exp(f7 - f7.max())
    terms = [Term(f"e^{course_name('f7', None, (j,))}/Σ", float(e[j] / e.sum()), ())
             for j in range(10)]
    return (course_name("y", None, (i,)), walk.t["y"][i], "e^f7ᵢ / Σⱼ e^f7ⱼ", terms,
            Msg(QT_TRANSLATE_NOOP("BackpropWalk", "the terms are all ten yⱼ; they sum to 1")))


def _update(walk, p, idx):
    r = walk.last_update
    old, d, new = (float(a[p][idx]) for a in (r.before, r.delta, r.after))
    q = walk.quantity("update_" + p)
    name = q.name_of(idx).removeprefix("Δ(").removesuffix(")")
    g = float(walk.grads[p][idx])
    return Breakdown(f"Δ({name})", d, f"−α·δ({name}), α = {r.alpha:g}",
                     (Term(f"−α·δ({name})", d, (-r.alpha, g)),), d,
                     f"{name}: {old:.6g} → {new:.6g}")


def _z(walk, idx):
    i = idx[0]
    return (course_name("z", None, (i,)), walk.z[i],
            Msg(QT_TRANSLATE_NOOP("BackpropWalk", "1 if i is the label, else 0")),
            [Term(f"z{sub(i)}", float(walk.z[i]), ())],
            Msg(QT_TRANSLATE_NOOP("BackpropWalk", "label z = {z}"), z=walk.label))


Parts = Callable[["BackpropWalk", tuple], tuple]

# δ and parameter gradients, keyed by the quantity's key without "delta_"
BACKWARD: dict[str, Parts] = {
    "f7": _delta_f7,
    "u_f7": lambda w, i: _delta_u_fc(w, "f7", i),
    "w7": lambda w, i: _fc_w(w, "7", "f7", "f6", i),
    "b7": lambda w, i: _fc_b(w, "7", "f7", i),
    "f6": _delta_f6,
    "u_f6": lambda w, i: _delta_u_fc(w, "f6", i),
    "w6": lambda w, i: _fc_w(w, "6", "f6", "c5", i),
    "b6": lambda w, i: _fc_b(w, "6", "f6", i),
    "c5": _delta_c5,
    "u_c5": _delta_u_c5,
    "w5": _w5,
    "b5": _b5,
    "s4": _delta_s4,
    "u_s4": lambda w, i: _delta_u_pool(w, "s4", i),
    "a4": lambda w, i: _a_or_b(w, "s4", "c3", "a", i),
    "b4": lambda w, i: _a_or_b(w, "s4", "c3", "b", i),
    "msk3": lambda w, i: _msk(w, "s4", "c3", "msk3", i),
    "c3": lambda w, i: _delta_pooled(w, "s4", "c3", i),
    "u_c3": lambda w, i: _delta_u_conv(w, "c3", i),
    "w3": _w3,
    "b3": _b3,
    "s2": _delta_s2,
    "u_s2": lambda w, i: _delta_u_pool(w, "s2", i),
    "a2": lambda w, i: _a_or_b(w, "s2", "c1", "a", i),
    "b2": lambda w, i: _a_or_b(w, "s2", "c1", "b", i),
    "msk1": lambda w, i: _msk(w, "s2", "c1", "msk1", i),
    "c1": lambda w, i: _delta_pooled(w, "s2", "c1", i),
    "u_c1": lambda w, i: _delta_u_conv(w, "c1", i),
    "w1": _w1,
    "b1": _b1,
    "x": _delta_x,
    "saliency": _saliency,
}

# the forward pass's quantities, keyed by trace key
FORWARD: dict[str, Parts] = {
    "x": _forward_x,
    "c1": lambda w, i: _conv_forward(w, "c1", i),
    "s2": lambda w, i: _pool_forward(w, "s2", "c1", i),
    "c3": lambda w, i: _conv_forward(w, "c3", i),
    "s4": lambda w, i: _pool_forward(w, "s4", "c3", i),
    "c5": lambda w, i: _fc_forward(w, "c5", i),
    "f6": lambda w, i: _fc_forward(w, "f6", i),
    "f7": lambda w, i: _fc_forward(w, "f7", i),
    "y": _y,
    "z": _z,
}


def _sorted(parts: tuple, summed: bool) -> Breakdown:
    name, value, rule, terms, note = parts
    terms = sorted(terms, key=lambda t: -abs(t.value))
    total = float(np.sum([t.value for t in terms], dtype=np.float64)) if terms else 0.0
    return Breakdown(name, float(value), rule, tuple(terms), total, note, summed)


def terms(walk: BackpropWalk, key: str, index: tuple) -> Breakdown:
    """The terms of the sum that gave quantity `key` at `index`, largest |term| first."""
    index = tuple(int(i) for i in index)
    if key.startswith("update_"):
        return _update(walk, key.removeprefix("update_"), index)
    fn = BACKWARD.get(key.removeprefix("delta_"))
    if fn is None:
        raise KeyError(f"no breakdown for {key}")
    return _sorted(fn(walk, index), summed=not key.startswith("msk") and key != "saliency")


def forward_terms(walk: BackpropWalk, key: str, index: tuple) -> Breakdown:
    """The terms of u (then f) for a forward quantity; x, y, z and max-pooling list values."""
    index = tuple(int(i) for i in index)
    fn = FORWARD.get(key)
    if fn is None:
        raise KeyError(key)
    summed = key not in ("x", "y", "z") and not (key in ("s2", "s4")
                                             and walk.config.pooling == MAX)
    return _sorted(fn(walk, index), summed)


def breakdown(walk: BackpropWalk, key: str, index: tuple) -> Breakdown:
    """`terms` for δ and update quantities, `forward_terms` for the forward pass."""
    if key in FORWARD:
        return forward_terms(walk, key, index)
    return terms(walk, key, index)
