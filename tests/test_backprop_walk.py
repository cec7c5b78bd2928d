"""The backprop walk (Qt-free): its steps for every model option, that every value it shows is
net.backward's, the term breakdowns against hand-computed sums, float64 finite differences,
the update step, the formula images and the command line."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys

import numpy as np
import pytest

from lenet_gui import formulas
from lenet_gui.data import load_mnist, normalise
from lenet_gui.model import TABLE_C3, LeNet5, LeNetConfig
from lenet_gui.train import save_checkpoint
from lenet_gui.train.backprop_walk import BackpropWalk, _precise_J, all_formulas, formula_index

CONFIGS = {
    "course": LeNetConfig(),
    "f-at-F7": LeNetConfig(f7_activation=True),
    "trainable": LeNetConfig(pooling="trainable"),
    "mean-sigmoid": LeNetConfig(pooling="mean", activation="sigmoid"),
    "relu-full-C3": LeNetConfig(activation="relu", c3_table=False),
    "tanh-f7": LeNetConfig(activation="tanh", f7_activation=True),
}
IDS = list(CONFIGS)
BACKWARD = ["softmax", "f7", "f6", "c5", "s4", "c3", "s2", "c1", "input", "update"]


@pytest.fixture(scope="module")
def sample():
    data = load_mnist()
    return normalise(data.test_images[7:8]), int(data.test_labels[7])


def make_walk(config, sample, dtype="float32", seed=1):
    net = LeNet5(dataclasses.replace(config, dtype=dtype), seed=seed)
    x, label = sample
    return BackpropWalk(net, x, label)


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
    assert w.step("input").formulas[-1].startswith("$f\\,'(u)")
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
    for t in b.terms:  # "δ(u_c3⁽ᵐ⁾…)·w3⁽ᵏ˒ᵐ⁾…": the m of every term is connected to k
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


@pytest.mark.parametrize("name", IDS)
def test_finite_differences_agree_in_float64(name, sample):
    w = make_walk(CONFIGS[name], sample)
    # the tail forward used for hidden δ reproduces net.forward's J
    net64 = w.net64
    assert w._J_from("x", w._t64["x"]) == pytest.approx(
        net64.loss(w._trace64, np.array([w.label])), rel=1e-12)
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


def test_every_formula_renders():
    texts = set(all_formulas())
    for cfg in CONFIGS.values():  # and the ones each option's steps show
        w = BackpropWalk(LeNet5(cfg), np.zeros((1, 1, 32, 32)), 3)
        texts.update(f for s in w.steps for f in s.formulas)
    for t in texts:
        img = formulas.render(t)
        assert img.ndim == 3 and img.shape[2] == 4 and img.shape[0] > 8 and img.shape[1] > 20, t
        alpha = img[..., 3]
        assert alpha.min() == 0 and alpha.max() > 200, t  # ink on a transparent ground
    png = formulas.render_png(sorted(texts)[0])
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(ValueError):
        formulas.render(r"$\frac{1}$")


def test_bad_inputs_are_value_errors():
    net = LeNet5()
    with pytest.raises(ValueError):
        BackpropWalk(net, np.zeros((1, 1, 32, 32)), 10)
    with pytest.raises(ValueError):
        BackpropWalk(net, np.zeros((28, 28)), 1)


def test_core_imports_neither_qt_nor_pyplot():
    code = ("import sys; import lenet_gui.train.backprop_walk, lenet_gui.formulas, "
            "lenet_gui.commands.backprop; bad = [m for m in sys.modules if m.startswith(('PySide6', "
            "'pyqtgraph')) or m == 'matplotlib.pyplot']; print(bad); sys.exit(bool(bad))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr


# ----------------------------------------------------------------------------- command line

LAST_LINE = re.compile(r"^max relative error: \d\.\de[-+]\d\d  J: \d+\.\d{4} -> \d+\.\d{4}$")


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory):
    path = tmp_path_factory.mktemp("w") / "w.npz"
    save_checkpoint(path, LeNet5(seed=2))
    return str(path)


def test_cli_prints_the_walk_and_the_last_line(checkpoint, capsys):
    from lenet_gui.commands import main

    assert main(["backprop", "--weights", checkpoint, "--sample", "3"]) == 0
    lines = capsys.readouterr().out.rstrip("\n").splitlines()
    assert LAST_LINE.match(lines[-1]), lines[-1]
    text = "\n".join(lines)
    for name in ("δ(f7)", "δ(u_c3)", "δ(w3)", "δ(s2)", "δ(w1)", "δ(x)"):
        assert name in text
    assert "(16, 10, 10)" in text and "norm" in text and "rel. error" in text
    err = float(lines[-1].split()[3])
    assert err < 1e-6
    j0, j1 = (float(v) for v in lines[-1].split("J: ")[1].split(" -> "))
    assert j1 <= j0


def test_cli_image_input(checkpoint, tmp_path, capsys):
    pil = pytest.importorskip("PIL.Image")
    img = np.full((40, 40), 255, np.uint8)
    img[8:32, 18:23] = 0  # a dark "1" on white
    path = tmp_path / "one.png"
    pil.fromarray(img).save(path)
    from lenet_gui.commands import main

    assert main(["backprop", "--weights", checkpoint, "--image", str(path), "--label", "1"]) == 0
    assert LAST_LINE.match(capsys.readouterr().out.rstrip("\n").splitlines()[-1])


@pytest.mark.parametrize("argv, message", [
    (["--sample", "10000"], "--sample must be a test index"),
    (["--sample", "-1"], "--sample must be a test index"),
    (["--label", "10"], "--label must be a digit"),
    (["--image", "/nonexistent.png"], "no such file"),
])
def test_cli_bad_input_is_one_line_error(checkpoint, capsys, argv, message):
    from lenet_gui.commands import main

    assert main(["backprop", "--weights", checkpoint] + argv) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and err.startswith("lenet-gui backprop: error:")


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
