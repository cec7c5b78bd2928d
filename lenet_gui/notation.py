"""The course's names in plain Unicode, for the GUI panels' hover text and the backprop walk:
c3_ij^(m) is written "c3⁽⁵⁾₍₂,₇₎", w3_{u,v}^{(k,m)} "w3⁽²,⁵⁾₍₀,₀₎", δ(u_c3⁽⁵⁾₍₂,₇₎).

Indices are separated by the plain comma "," both in superscripts and in subscripts: Unicode
has no superscript comma (the raised "˒" once used here is a half-ring modifier letter that
many fonts lack), and "," reads and searches as what it is.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate reads
    """Marks `text` for Qt's lupdate (which finds calls by this name) without importing Qt:
    the Qt-free packages keep English templates that the GUI translates at display time."""
    return text


_SUP = str.maketrans("0123456789-+(),ijklmuv", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺⁽⁾,ⁱʲᵏˡᵐᵘᵛ")
_SUB = str.maketrans("0123456789-+(),ijklmuv", "₀₁₂₃₄₅₆₇₈₉₋₊₍₎,ᵢⱼₖₗₘᵤᵥ")


def sup(text) -> str:
    """Digits, signs, brackets and the index letters i j k l m u v raised: "(2,5)" -> "⁽²,⁵⁾"."""
    return str(text).translate(_SUP)


def sub(text) -> str:
    """The same lowered: "(2,7)" -> "₍₂,₇₎"."""
    return str(text).translate(_SUB)


def course_name(base: str, up=None, down=None) -> str:
    """'c3', (5,), (2, 7) -> 'c3⁽⁵⁾₍₂,₇₎' (the course's c3^(m)_(i,j)); one lower index is
    written without brackets: 'f6', None, (12,) -> 'f6₁₂'."""
    s = base
    if up is not None:
        s += sup("(" + ",".join(str(int(v)) for v in up) + ")")
    if down is not None:
        if len(down) == 1:
            s += sub(int(down[0]))
        else:
            s += sub("(" + ",".join(str(int(v)) for v in down) + ")")
    return s


def map_name(layer: str, k: int, i: int, j: int) -> str:
    """The course's c3_ij^(m): "c3⁽⁵⁾₍₂,₇₎"."""
    return f"{layer}{sup(f'({k})')}{sub(f'({i},{j})')}"


def unit_name(layer: str, i: int) -> str:
    """f6_i, f7_i, y_i: "f6₁₂"; C5 follows the course's c5_00^(l): "c5⁽¹²⁾₀₀"."""
    if layer == "c5":
        return f"c5{sup(f'({i})')}{sub('00')}"
    return f"{layer}{sub(i)}"


def kernel_name(param: str, index: tuple[int, ...], r: int, c: int) -> str:
    """A kernel element w_{u,v}, u = r−2, v = c−2: "w1⁽³⁾₍₋₁,₂₎", "w3⁽²,⁵⁾₍₀,₀₎"."""
    sup_idx = ",".join(str(i) for i in index)
    return f"{param}{sup(f'({sup_idx})')}{sub(f'({r - 2},{c - 2})')}"


def matrix_name(param: str, i: int, j: int) -> str:
    """w6_ij: "w6₍₁₂,₃₄₎"."""
    return f"{param}{sub(f'({i},{j})')}"


def delta(name: str) -> str:
    """δ(name): the course's sensitivity ∂J/∂name."""
    return f"δ({name})"
