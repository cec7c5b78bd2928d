"""What a unit looks for (the activation never falls, stays in range) and the smallest change
that fools it: FGSM lowers y_true, the targeted mode reaches its class, y against ε, the
robustness sweep's FGSM row against one pass over the whole set, and the two commands."""

from __future__ import annotations

import numpy as np
import pytest

from lenet_gui.data import BACKGROUND, FOREGROUND, PIXEL_RANGE, normalise
from lenet_gui.explain import activation_max as mx
from lenet_gui.explain import adversarial as adv
from lenet_gui.model.sensitivity import input_gradient
from lenet_gui.train import analysis as an
from tests import helpers
from tests.helpers import rel_error, weights_path
from tests.portable import as_printed


@pytest.fixture(scope="module")
def data():
    return helpers.mnist()


@pytest.fixture(scope="module")
def net():
    from lenet_gui.train import load_checkpoint

    return load_checkpoint(weights_path()).to_net()


def in_range(x):
    return x.min() >= BACKGROUND - 1e-6 and x.max() <= FOREGROUND + 1e-6


# ----------------------------------------------------------------------- maximisation

@pytest.mark.parametrize("layer", ["c1", "c3", "c5", "f6", "f7"])
def test_maximize_all_raises_every_unit_and_stays_in_range(net, layer):
    r = mx.maximize_all(net, layer, steps=12)
    U = mx.n_units(layer)
    assert r.x.shape == (U, 1, 32, 32) and r.activations.shape == (13, U)
    assert np.all(np.diff(r.activations, axis=0) >= 0)  # never falls
    assert np.all(r.activations[-1] > r.activations[0])  # and really climbs
    assert in_range(r.x)
    # the recorded activation is the unit's activation of the input returned
    t = net.forward(r.x, keep_cols=False)
    np.testing.assert_allclose(mx.objective(t, layer)[np.arange(U), r.units],
                               r.activations[-1], rtol=1e-4, atol=1e-5)


def test_maximize_one_unit_cancel_and_callback(net):
    seen = []
    r = mx.maximize(net, "c3", 5, steps=30, callback=lambda s, x, a: seen.append((s, a[0])))
    assert r.units.tolist() == [5] and r.x.shape == (1, 1, 32, 32)
    assert [s for s, _ in seen] == list(range(1, 31))
    assert np.all(np.diff(r.activations[:, 0]) >= 0) and not r.stopped
    calls = []
    stop = mx.maximize(net, "f7", 1, steps=50, cancel=lambda: len(calls.append(0) or calls) > 4)
    assert stop.stopped and len(stop.activations) == 5
    with pytest.raises(ValueError):
        mx.maximize(net, "c3", 16)
    with pytest.raises(ValueError):
        mx.maximize(net, "s2", 0)


def test_maximising_a_class_makes_the_net_say_it(net):
    r = mx.maximize_all(net, "f7", steps=60)
    assert (net.predict(r.x).argmax(axis=1) == np.arange(10)).all()


# ----------------------------------------------------------------------- FGSM

def test_sensitivity_gradient_is_per_image_whatever_the_batch(net, data):
    x = normalise(data.test_images[:70])
    labels = data.test_labels[:70]
    whole, _ = input_gradient(net, x, labels, batch=70)
    parts, _ = input_gradient(net, x, labels, batch=16)
    one, _ = input_gradient(net, x[3:4], labels[3:4])
    # float32: the GEMMs' rounding depends on the batch size, and on the flat background it
    # can decide which of a max-pooling window's (near-)tied values routes δ
    assert rel_error(parts, whole) < 1e-3
    assert rel_error(one[0], whole[3]) < 1e-3  # each image's own J, not 1/70 of it


def test_fgsm_lowers_y_true_within_epsilon_and_range(net, data):
    x = normalise(data.test_images[:64])
    labels = data.test_labels[:64].astype(np.intp)
    y0 = net.predict(x)[np.arange(64), labels]
    for eps in (0.05, 0.2):
        xa = adv.fgsm(net, x, labels, eps)
        assert xa.shape == x.shape and in_range(xa)
        assert np.abs(xa - x).max() <= eps * PIXEL_RANGE + 1e-5
        y1 = net.predict(xa)[np.arange(64), labels]
        assert np.all(y1 <= y0 + 1e-6) and (y1 < y0).mean() > 0.95
    xi = adv.iterative_fgsm(net, x, labels, 0.1)
    assert in_range(xi) and np.abs(xi - x).max() <= 0.1 * PIXEL_RANGE + 1e-5
    yi = net.predict(xi)[np.arange(64), labels]
    yf = net.predict(adv.fgsm(net, x, labels, 0.1))[np.arange(64), labels]
    assert yi.mean() < yf.mean()  # ten steps find more than one
    one = adv.fgsm(net, x[0, 0], int(labels[0]), 0.1)  # one (32, 32) image
    np.testing.assert_allclose(one, adv.fgsm(net, x, labels, 0.1)[0, 0], atol=1e-6)


def test_targeted_turns_a_7_into_a_1(net, data):
    x = normalise(data.test_images[:1])
    assert int(data.test_labels[0]) == 7 and net.predict(x).argmax() == 7
    xa, eps = adv.targeted(net, x, 1)
    assert eps is not None and 0 < eps <= 0.3
    assert net.predict(xa).argmax() == 1
    assert in_range(xa) and np.abs(xa - x).max() <= eps * PIXEL_RANGE + 1e-5
    _, none = adv.targeted(net, x, 1, epsilon_max=0.005, n_epsilons=2)
    assert none is None  # too small a budget: not reached, and it says so


def test_y_against_epsilon_equals_one_fgsm_per_epsilon(net, data):
    x = normalise(data.test_images[1:2])
    label = int(data.test_labels[1])
    eps = [0, 0.05, 0.1, 0.3]
    curve = adv.y_against_epsilon(net, x, label, eps)
    want = [net.predict(adv.fgsm(net, x, label, e))[0, label] for e in eps]
    np.testing.assert_allclose(curve, want, rtol=1e-5)
    assert curve[0] == pytest.approx(net.predict(x)[0, label], rel=1e-6)
    it = adv.y_against_epsilon(net, x, label, eps, iterative=True)
    assert it[0] == pytest.approx(curve[0], rel=1e-6) and it[-1] <= curve[-1] + 1e-6


def test_robustness_fgsm_row_equals_one_pass(net, data, monkeypatch):
    """The sweep's FGSM row (256 images a chunk) = FGSM of the whole set in one pass."""
    images, labels = data.test_images[:300], data.test_labels[:300].astype(np.intp)
    fgsm_p = next(p for p in an.PERTURBATIONS if p.key == "fgsm")
    r = an.robustness_sweep(net, images, labels, perturbations=(fgsm_p,))
    x = normalise(images)
    g, _ = input_gradient(net, x, labels, batch=300)
    for lv, acc in zip(r.curves[0].levels, r.curves[0].accuracy):
        xa = np.clip(x + lv * PIXEL_RANGE * np.sign(g), BACKGROUND, FOREGROUND)
        assert acc == pytest.approx((net.predict(xa).argmax(axis=1) == labels).mean())
    np.testing.assert_allclose(adv.attack_accuracy(net, images, labels, fgsm_p.levels),
                               r.curves[0].accuracy)
    assert r.curves[0].accuracy[-1] < r.clean_accuracy - 0.2


# ----------------------------------------------------------------------- commands

def test_attack_command_prints_accuracy_per_epsilon(capsys):
    from lenet_gui.commands import main

    assert main(["attack", "--n", "40", "--epsilons", "0,0.3", "--weights", weights_path()]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    table = {float(ln.split()[0]): ln.split()[1] for ln in lines if ln.startswith("  ") and
             ln.split()[0][0].isdigit()}
    assert set(table) == {0.0, 0.3, 0.1, 0.2}
    assert lines[-1] == f"accuracy at epsilon 0.1/0.2: {table[0.1]} / {table[0.2]}"
    assert main(["attack", "--epsilons", "0,x"]) == 2
    assert main(["attack", "--epsilons", "1.5"]) == 2


@pytest.mark.parametrize("argv,printed", [
    (["--sample", "0", "--method", "saliency"], "test #0 (label 7): 7"),
    (["--sample", "0", "--method", "occlusion", "--stride", "4"], "test #0 (label 7): 7"),
    (["--sample", "0", "--method", "fgsm", "--epsilon", "0.2"], "FGSM ε = 0.2 against label 7"),
    (["--sample", "0", "--method", "fgsm", "--class", "1"], "targeted 1: ε = "),
    (["--method", "maximize", "--layer", "f7", "--steps", "5"], "f7: 10 units"),
    (["--method", "maximize", "--layer", "c1", "--unit", "2", "--steps", "5"], "c1 map 2"),
])
def test_explain_command_writes_a_png(tmp_path, capsys, argv, printed):
    from PIL import Image

    from lenet_gui.commands import main

    out = tmp_path / "e.png"
    assert main(["explain", *argv, "--weights", weights_path(), "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert as_printed(printed) in text and f"wrote {out}" in text  # "epsilon" on cp1252
    with Image.open(out) as im:
        assert im.format == "PNG" and im.width > 300
    assert [p.name for p in tmp_path.iterdir()] == ["e.png"]  # no temp file left


def test_explain_command_rejects_bad_input(tmp_path):
    from lenet_gui.commands import main

    out = str(tmp_path / "e.png")
    assert main(["explain", "--sample", "0", "--method", "fgsm", "--class", "12", "--out", out]) == 2
    assert main(["explain", "--sample", "0", "--method", "saliency", "--out", "e.jpg"]) == 2
    assert main(["explain", "--sample", "0", "--method", "maximize", "--out", out]) == 2
    assert main(["explain", str(tmp_path / "missing.png"), "--method", "saliency",
                 "--out", out]) == 1
    assert not (tmp_path / "e.png").exists()


def test_c1_looks_for_its_kernels_sign_pattern_in_its_receptive_field(net):
    """C1's centre unit is linear in x: the box-constrained maximum is ink where w1 > 0 and
    paper where w1 < 0 over its 5×5 field, and nothing outside the field changes (a map's mean,
    the objective of C3, was maximised by a flat page for C1)."""
    from lenet_gui.data.preprocess import BACKGROUND, FOREGROUND

    r = mx.maximize_all(net, "c1", steps=100)
    start = mx.maximize_all(net, "c1", steps=0).x
    c = mx.CENTRE_LAYERS["c1"]
    outside = np.ones((32, 32), bool)
    outside[c:c + 5, c:c + 5] = False
    for m in range(6):
        np.testing.assert_array_equal(r.x[m, 0][outside], start[m, 0][outside])
        w = net.params["w1"][m, 0]
        field = r.x[m, 0, c:c + 5, c:c + 5]
        strong = np.abs(w) > 0.2 * np.abs(w).max()
        want = np.where(w > 0, FOREGROUND, BACKGROUND)
        assert np.mean(np.isclose(field, want, atol=0.05)[strong]) > 0.9, m
