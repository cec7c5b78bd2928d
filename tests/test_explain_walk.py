"""The backprop walk (Qt-free): its steps for every model option, that every value it shows is
net.backward's, the update step, bad input, and that the explain package loads neither Qt nor
pyplot."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from lenet_gui.explain.formulas import formula_index
from lenet_gui.explain.walk import BackpropWalk
from lenet_gui.model import TABLE_C3, LeNet5
from tests.explain_cases import BACKWARD, CONFIGS, IDS, make_walk, sample  # noqa: F401


@pytest.mark.parametrize("name", IDS)
def test_step_sequence_follows_the_model(name, sample):
    cfg = CONFIGS[name]
    w = make_walk(cfg, sample)
    assert [s.id for s in w.steps] == ["forward-features", "forward-output"] + BACKWARD
    assert [s.direction for s in w.steps[:2]] == ["forward", "forward"]
    keys = {s.id: [q.key for q in s.quantities] for s in w.steps}
    assert keys["softmax"][-1] == "delta_f7"
    assert keys["f7"] == ["delta_u_f7", "w7", "b7", "delta_f6"]
    assert keys["f6"] == ["delta_u_f6", "w6", "b6", "delta_c5"]
    assert keys["c5"] == ["delta_u_c5", "w5", "b5", "delta_s4"]
    assert keys["c3"] == ["delta_u_c3", "w3", "b3", "delta_s2"]
    assert keys["c1"] == ["delta_u_c1", "w1", "b1"]
    assert keys["input"] == ["delta_x", "saliency"]
    pool = {"max": (["msk3", "delta_c3"], ["msk1", "delta_c1"]),
            "mean": (["delta_c3"], ["delta_c1"]),
            "trainable": (["delta_u_s4", "a4", "b4", "delta_c3"],
                          ["delta_u_s2", "a2", "b2", "delta_c1"])}[cfg.pooling]
    assert (keys["s4"], keys["s2"]) == pool
    # formulas follow the options
    f7 = w.step("f7").formulas[0]
    assert ("f\\,'" in f7) == cfg.f7_activation
    c3 = w.step("c3").formulas
    assert any("Cbn" in f for f in c3) == cfg.c3_table
    s4 = " ".join(w.step("s4").formulas)
    assert {"max": "msk3", "mean": "frac{1}{4}", "trainable": "a4"}[cfg.pooling] in s4
    # f′ is shown at every step that multiplies by it, and only there
    uses_df = {"f6", "c5", "c3", "c1"} | ({"f7"} if cfg.f7_activation else set()) | \
        ({"s4", "s2"} if cfg.pooling == "trainable" else set())
    for step in w.steps:
        assert any(f.startswith("$f\\,'(u)") for f in step.formulas) == (step.id in uses_df), \
            step.id
    for step in w.steps[2:-1]:  # every backward quantity has its formula
        for q in step.quantities:
            if q.key not in ("y", "z", "saliency") and not q.key.startswith("msk"):
                assert formula_index(step, q.key) is not None, (step.id, q.key)


def _expected(w: BackpropWalk, key: str):
    """What net.backward (or net.forward) gave for a displayed quantity."""
    g, t = w.grads, w.trace
    if key.startswith("delta_"):
        return g[key][0]
    if key in w.net.params:
        return g[key]
    if key.startswith("update_"):
        p = key.removeprefix("update_")
        return (-w.alpha * g[p]).astype(w.net.dtype)
    if key in ("msk1", "msk3"):
        return w.net.pool_mask(t, "s2" if key == "msk1" else "s4")[0]
    if key == "saliency":
        return np.abs(g["delta_x"][0, 0])
    if key == "z":
        return np.eye(10)[w.label]
    return t[key][0]


@pytest.mark.parametrize("name", IDS)
def test_every_displayed_value_is_net_backward(name, sample):
    w = make_walk(CONFIGS[name], sample)
    # an independent forward/backward of the same weights gives the same numbers
    g = w.net.backward(w.net.forward(w.x), np.array([w.label]))
    for step in w.steps:
        for q in step.quantities:
            expected = _expected(w, q.key)
            assert np.array_equal(q.array, expected), (step.id, q.key)
            if q.key.startswith("delta_") or q.key in w.net.params:
                src = g[q.key][0] if q.key.startswith("delta_") else g[q.key]
                assert np.array_equal(q.array, src), q.key
            # every tile pixel maps back to the array entry it shows
            n, h, wd = q.maps.shape
            for tile in range(n):
                for r in range(h):
                    for c in range(wd):
                        assert q.maps[tile, r, c] == q.array[q.locate(tile, r, c)]


@pytest.mark.parametrize("name", IDS)
def test_update_lowers_J(name, sample):
    w = make_walk(CONFIGS[name], sample)
    r = w.update(1e-3)
    assert r.J_after < r.J_before
    assert r.J_before == pytest.approx(w.J)
    for k in w.net.param_names():
        assert np.allclose(r.after[k], r.before[k] - 1e-3 * w.grads[k], atol=1e-7)
    assert r.kernel_change["w3"].shape == (16, 6)
    if w.config.c3_table:
        assert np.all(r.kernel_change["w3"][~TABLE_C3] == 0)
    step = w.set_alpha(2e-3)
    assert step.id == "update" and w.last_update.alpha == 2e-3
    with pytest.raises(ValueError):
        w.update(-1.0)


def test_bad_inputs_are_value_errors():
    net = LeNet5()
    with pytest.raises(ValueError):
        BackpropWalk(net, np.zeros((1, 1, 32, 32)), 10)
    with pytest.raises(ValueError):
        BackpropWalk(net, np.zeros((28, 28)), 1)


def test_core_imports_neither_qt_nor_pyplot():
    code = ("import sys; import lenet_gui.explain.walk, lenet_gui.explain.typeset, "
            "lenet_gui.commands.backprop; bad = [m for m in sys.modules if m.startswith(('PySide6', "
            "'pyqtgraph')) or m == 'matplotlib.pyplot']; print(bad); sys.exit(bool(bad))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr
