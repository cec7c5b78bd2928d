"""Why it said k: saliency and the seeded backward against central finite differences in
float64, gradient × input against a directional derivative, occlusion against a brute-force
loop, top images against one forward pass."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from lenet_gui.data import BACKGROUND, normalise
from lenet_gui.explain import activation_max as mx
from lenet_gui.explain import attribution as at
from lenet_gui.model import LeNet5, LeNetConfig
from tests import helpers
from tests.helpers import rel_error, weights_path


@pytest.fixture(scope="module")
def data():
    return helpers.mnist()


@pytest.fixture(scope="module")
def net():
    from lenet_gui.train import load_checkpoint

    return load_checkpoint(weights_path()).to_net()


@pytest.fixture(scope="module")
def net64(net):
    n = LeNet5(replace(net.config, dtype="float64"))
    n.set_params(net.params)
    return n


def y_of(net, x, k):
    return float(net.forward(x.reshape(1, 1, 32, 32), keep_cols=False)["y"][0, k])


def central(f, x, pixels, h=1e-6):
    """∂f/∂x at the given (row, col) pixels, by central differences."""
    out = []
    for r, c in pixels:
        xp, xm = x.copy(), x.copy()
        xp[0, 0, r, c] += h
        xm[0, 0, r, c] -= h
        out.append((f(xp) - f(xm)) / (2 * h))
    return np.array(out)


def ink_pixels(x, n=10):
    """n stroke pixels (spread over the digit), where max-pool windows rarely tie."""
    rr, cc = np.nonzero(x[0, 0] > 0.3)
    pick = np.linspace(0, len(rr) - 1, n).astype(int)
    return list(zip(rr[pick], cc[pick]))


@pytest.mark.parametrize("k", [None, 3])
def test_saliency_equals_finite_differences_of_y_k(net64, data, k):
    x = normalise(data.test_images[4:5], dtype=np.float64)  # a 4
    g, kk = at.class_gradient(net64, x, k)
    assert kk == (int(data.test_labels[4]) if k is None else k)
    pix = ink_pixels(x)
    numeric = central(lambda v: y_of(net64, v, kk), x, pix)
    analytic = np.array([g[r, c] for r, c in pix])
    assert np.abs(analytic).max() > 0
    assert rel_error(analytic, numeric) < 1e-5
    np.testing.assert_array_equal(at.saliency(net64, x, k), np.abs(g))


def test_saliency_is_y_k_times_the_steppers_delta_x(net64, data):
    """|∂y_k/∂x| = y_k·|δ(x)|, δ(x) = ∂J/∂x of J = −log y_k, the course's δ of the input."""
    x = normalise(data.test_images[:1], dtype=np.float64)
    k = int(data.test_labels[0])
    t = net64.forward(x)
    delta_x = net64.backward(t, np.array([k]))["delta_x"][0, 0]
    np.testing.assert_allclose(at.saliency(net64, x, k), t["y"][0, k] * np.abs(delta_x),
                               rtol=1e-12)


SEEDS = {"u_f7": (10,), "u_f6": (84,), "u_c5": (120,), "u_c3": (16, 10, 10), "u_c1": (6, 28, 28)}


@pytest.mark.parametrize("pooling", ["max", "mean"])
@pytest.mark.parametrize("key", list(SEEDS))
def test_seeded_backward_equals_finite_differences(key, pooling, data, rng):
    """backward(seed={key: s}) is the gradient of ⟨s, u⟩ (plus J when labels are given)."""
    net = LeNet5(LeNetConfig(dtype="float64", pooling=pooling), seed=5)
    x = normalise(data.test_images[7:8], dtype=np.float64)
    s = rng.standard_normal((1,) + SEEDS[key])

    def objective(v, with_j):
        t = net.forward(v)
        val = float((s * t[key]).sum())
        return val + (net.loss(t, np.array([2])) if with_j else 0.0)

    pix = ink_pixels(x, 8)
    if pooling == "mean":  # background pixels too: under max-pooling their windows tie (a kink)
        pix += [(0, 0), (31, 5)]
    for with_j in (False, True):
        t = net.forward(x)
        g = net.backward(t, np.array([2]) if with_j else None, seed={key: s})["delta_x"]
        numeric = central(lambda v, j=with_j: objective(v, j), x, pix)
        analytic = np.array([g[0, 0, r, c] for r, c in pix])
        assert rel_error(analytic, numeric) < 1e-5, (key, with_j)


def test_seed_of_an_unknown_layer_is_refused(net64, data):
    t = net64.forward(normalise(data.test_images[:1], dtype=np.float64))
    with pytest.raises(ValueError, match="cannot seed"):
        net64.backward(t, None, seed={"s2": np.zeros((1, 6, 14, 14))})


def test_gradient_times_input_is_the_directional_derivative_from_blank(net64, data):
    """Σ ∂y_k/∂x ⊙ (x − blank) is the derivative of y_k along x − blank: a small step from x
    towards the blank page changes y_k by that sum times the step."""
    x = normalise(data.test_images[11:12], dtype=np.float64)
    k = 5
    g, _ = at.class_gradient(net64, x, k)
    gxi = at.gradient_times_input(net64, x, k)
    np.testing.assert_allclose(gxi, g * (x[0, 0] - BACKGROUND), rtol=1e-12)
    np.testing.assert_allclose(at.gradient_times_input(net64, x, k, baseline=0.0), g * x[0, 0],
                               rtol=1e-12)
    assert np.all(gxi[x[0, 0] == BACKGROUND] == 0)  # the blank page scores nothing
    h = 1e-6
    d = x - BACKGROUND
    numeric = (y_of(net64, x + h * d, k) - y_of(net64, x - h * d, k)) / (2 * h)
    assert numeric == pytest.approx(gxi.sum(), rel=1e-4)


@pytest.mark.parametrize("size,stride,fill", [(4, 2, None), (5, 3, 0.5), (3, 4, None)])
def test_occlusion_equals_a_brute_force_loop(net, data, size, stride, fill):
    x = normalise(data.test_images[2:3])
    k = 4
    got = at.occlusion(net, x, k, size=size, stride=stride, fill=fill)
    y0 = y_of(net, x, k)
    rows = list(range(0, 32 - size + 1, stride))
    if rows[-1] != 32 - size:
        rows.append(32 - size)
    total, count = np.zeros((32, 32)), np.zeros((32, 32))
    for r in rows:
        for c in rows:
            patched = x.copy()
            patched[0, 0, r : r + size, c : c + size] = BACKGROUND if fill is None else fill
            total[r : r + size, c : c + size] += y0 - y_of(net, patched, k)
            count[r : r + size, c : c + size] += 1
    want = np.where(count > 0, total / np.maximum(count, 1), 0.0)
    np.testing.assert_allclose(got, want, atol=1e-6)
    assert got.shape == (32, 32)
    if stride > size:
        assert (got[count == 0] == 0).all() and (count == 0).any()


def test_occlusion_of_the_strokes_lowers_y(net, data):
    x = normalise(data.test_images[:1])
    drops, pos, k = at.occlusion_drops(net, x, size=6, stride=1)
    assert k == int(data.test_labels[0]) and drops.shape == (27, 27)
    assert drops.max() > 0.05  # covering part of the 7 costs it probability
    corner = drops[0, 0]  # a patch on blank paper changes nothing
    assert abs(corner) < 1e-6


def test_top_images_are_the_largest_activations_of_one_pass(net, data):
    images = data.test_images[:300]
    t = net.forward(normalise(images), keep_cols=False)
    for layer, acts in (("c5", t["u_c5"]), ("c3", t["u_c3"].mean(axis=(2, 3)))):
        got = mx.top_images(net, images, layer, n=9, batch=64)
        assert got.shape == (mx.n_units(layer), 9)
        for u in (0, 7):
            want = np.argsort(-acts[:, u].astype(np.float64), kind="stable")[:9]
            np.testing.assert_allclose(acts[got[u], u], acts[want, u], rtol=1e-5)
            np.testing.assert_array_equal(mx.top_images(net, images, layer, unit=u), got[u])
