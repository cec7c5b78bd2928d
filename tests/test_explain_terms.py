"""The term breakdowns of the backprop walk against hand-computed sums, for every model
option."""

from __future__ import annotations

import numpy as np
import pytest

from lenet_gui.model import TABLE_C3
from tests.explain_cases import CONFIGS, IDS, make_walk, sample  # noqa: F401


def test_f6_terms_are_the_ten_products_largest_first(sample):
    w = make_walk(CONFIGS["course"], sample)
    j = 17
    b = w.terms("delta_f6", (j,))
    hand = [float(w.grads["delta_u_f7"][0, i]) * float(w.net.params["w7"][i, j])
            for i in range(10)]
    assert len(b.terms) == 10
    assert [t.value for t in b.terms] == pytest.approx(sorted(hand, key=lambda v: -abs(v)))
    assert np.all(np.diff([abs(t.value) for t in b.terms]) <= 0)
    assert b.total == pytest.approx(sum(hand))
    assert b.total == pytest.approx(float(w.grads["delta_f6"][0, j]), rel=1e-5, abs=1e-9)


def test_s2_terms_only_where_table1_connects(sample):
    w = make_walk(CONFIGS["course"], sample, dtype="float64")
    k, i, j = 4, 6, 7
    b = w.terms("delta_s2", (k, i, j))
    du, w3 = w.grads["delta_u_c3"][0], w.net.params["w3"]
    hand, count = 0.0, 0
    for m in range(16):
        if not TABLE_C3[m, k]:
            continue
        for u in range(-2, 3):
            for v in range(-2, 3):
                if 0 <= i - 2 + u < 10 and 0 <= j - 2 + v < 10:
                    hand += du[m, i - 2 + u, j - 2 + v] * w3[m, k, 2 - u, 2 - v]
                    count += 1
    assert len(b.terms) == count == int(TABLE_C3[:, k].sum()) * 25
    assert b.total == pytest.approx(hand, rel=1e-12)
    assert b.value == pytest.approx(hand, rel=1e-10)
    connected = {int(m) for m in np.flatnonzero(TABLE_C3[:, k])}
    for t in b.terms:  # "δ(u_c3⁽ᵐ⁾…)·w3⁽ᵏ,ᵐ⁾…": the m of every term is connected to k
        m = int(t.text.split("⁽")[1].split("⁾")[0].translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")))
        assert m in connected
    # a weight outside Table 1: no terms, value 0
    m0 = int(np.flatnonzero(~TABLE_C3[:, 0])[0])
    z = w.terms("w3", (m0, 0, 2, 2))
    assert z.value == 0.0 and z.terms == () and "Table 1" in z.note


@pytest.mark.parametrize("name", IDS)
def test_breakdowns_sum_to_the_displayed_value(name, sample):
    w = make_walk(CONFIGS[name], sample, dtype="float64")
    rng = np.random.default_rng(0)
    for step in w.steps:
        for q in step.quantities:
            a = np.abs(q.array)
            idxs = [np.unravel_index(int(np.argmax(a)), a.shape),
                    tuple(int(rng.integers(0, s)) for s in q.array.shape)]
            for idx in idxs:
                b = w.breakdown(q.key, idx)
                assert b.value == pytest.approx(float(q.array[idx]))
                if not b.summed:
                    continue
                if step.direction == "forward":  # the terms make u; the value is f(u)
                    if q.key == "f7" and not w.config.f7_activation:
                        assert b.total == pytest.approx(b.value, rel=1e-9, abs=1e-12)
                    elif q.key in ("s2", "s4"):
                        if w.config.pooling == "mean":
                            assert b.total / 4 == pytest.approx(b.value, rel=1e-9)
                        else:  # trainable: f(a·Σ + b)
                            k, tag = idx[0], q.key[1]
                            u = (w.net.params["a" + tag][k] * b.total
                                 + w.net.params["b" + tag][k])
                            f = float(w.net.act.f(np.array([u]))[0])
                            assert f == pytest.approx(b.value, rel=1e-9, abs=1e-12)
                    elif q.key not in ("x",):
                        f = float(w.net.act.f(np.array([b.total]))[0])
                        assert f == pytest.approx(b.value, rel=1e-9, abs=1e-12), q.key
                else:
                    assert b.total == pytest.approx(b.value, rel=1e-9, abs=1e-15), (q.key, idx)
