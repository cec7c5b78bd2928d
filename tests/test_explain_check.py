"""The backprop walk's Check: float64 finite differences agree with net.backward for every
model option, J is computed precisely, and max-pool ties are reported as kinks."""

from __future__ import annotations

import numpy as np
import pytest

from lenet_gui.explain.check import _precise_J
from tests.explain_cases import CONFIGS, IDS, make_walk, sample  # noqa: F401


@pytest.mark.parametrize("name", IDS)
def test_finite_differences_agree_in_float64(name, sample):
    w = make_walk(CONFIGS[name], sample)
    # the tail forward used for hidden δ reproduces net.forward's J
    net64 = w.net64
    assert w.fd.J_from("x", w.fd.values["x"]) == pytest.approx(
        net64.loss(w.fd.trace, np.array([w.label])), rel=1e-12)
    checked = 0
    for step in w.steps:
        for q in step.quantities:
            if not q.checkable:
                continue
            for idx in w.check_candidates(q.key, n=4):
                c = w.check(q.key, idx)
                if c.kink:  # a max-pool tie or ReLU kink: no derivative there
                    continue
                assert c.rel_error < 1e-6, (q.key, idx, c)
                assert c.shown == pytest.approx(c.analytic, rel=1e-3, abs=1e-9)
                checked += 1
                break
    n_checkable = sum(q.checkable for s in w.steps for q in s.quantities)
    assert checked >= n_checkable - 2


def test_precise_J_matches_the_loss(sample):
    w = make_walk(CONFIGS["course"], sample, dtype="float64")
    assert _precise_J(w.t["f7"], w.label) == pytest.approx(w.J, rel=1e-12)


def test_pooling_ties_are_reported_as_kinks(sample):
    """On the flat background the four values of a window tie; the model routes δ to the
    first, so nudging another one up makes it the winner: J has a kink, and Check says so."""
    w = make_walk(CONFIGS["course"], sample, dtype="float64")
    c1, ds2 = w.t["c1"], w.grads["delta_s2"][0]
    win = c1.reshape(6, 14, 2, 14, 2)
    tied = (win == win[:, :, :1, :, :1]).all(axis=(2, 4))  # (6, 14, 14)
    score = np.where(tied, np.abs(ds2), 0.0)
    k, i, j = np.unravel_index(int(np.argmax(score)), score.shape)
    assert score[k, i, j] > 0
    c = w.check("delta_c1", (k, 2 * i, 2 * j + 1))  # not the first: analytic δ is 0
    assert c.kink and c.analytic == 0.0 and c.numeric != 0.0
    first = w.check("delta_c1", (k, 2 * i, 2 * j))  # the winner: nudged down, it loses
    assert first.kink
