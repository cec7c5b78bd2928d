"""Every backward against central finite differences, in float64, for every model option."""

import itertools

import numpy as np
import pytest

from lenet_gui.model import LeNet5, LeNetConfig
from lenet_gui.model import functional as fn
from tests.helpers import rel_error

CONFIGS = [
    LeNetConfig(activation=a, pooling=p, c3_table=t, f7_activation=f7, dtype="float64")
    for a, p, t, f7 in itertools.product(
        ("lecun", "tanh", "sigmoid", "relu"), ("max", "mean", "trainable"), (True, False),
        (False, True))
]


def _ids(c):
    return f"{c.activation}-{c.pooling}-{'table' if c.c3_table else 'full'}-f7{int(c.f7_activation)}"


def _batch(rng, n=2):
    # Real-looking inputs: a constant −0.1 background (ties in every pooling window) with ink.
    x = np.full((n, 1, 32, 32), -0.1)
    x[:, :, 8:24, 8:24] += rng.uniform(0, 1.275, (n, 1, 16, 16)) * (rng.random((n, 1, 16, 16)) < 0.5)
    return x, rng.integers(0, 10, n)


def _numeric(net, x, labels, array, idx, five_point=False):
    """∂J/∂array[idx] by finite differences.

    Central differences with h = 1e-5: small enough not to flip a near-tie of a max window.
    ReLU has a kink at 0: a 1e-7 step keeps both evaluations on one side of it.
    five_point: a stencil with error O(h⁴) and h = 1e-3, for sensitivities near 1e-7 (δ(x) of
    sigmoid nets), where the rounding of J (~1e-16 / h) would swamp a central difference.
    """
    old = array[idx]

    def j(step):
        array[idx] = old + step
        return net.loss(net.forward(x), labels)

    try:
        if net.config.activation == "relu":
            return (j(1e-7) - j(-1e-7)) / 2e-7
        if five_point:
            h = 1e-3
            return (-j(2 * h) + 8 * j(h) - 8 * j(-h) + j(-2 * h)) / (12 * h)
        return (j(1e-5) - j(-1e-5)) / 2e-5
    finally:
        array[idx] = old


@pytest.mark.parametrize("config", CONFIGS, ids=_ids)
def test_parameter_gradients_match_finite_differences(config, rng):
    net = LeNet5(config, seed=3)
    x, labels = _batch(rng)
    if config.activation == "relu":  # keep units away from the kink
        for seed in range(100):
            kink_rng = np.random.default_rng(seed)
            for k in [n for n in net.param_names() if n.startswith("b")]:
                net.params[k][...] = kink_rng.uniform(0.02, 0.1, net.params[k].shape)
            trace = net.forward(x)
            if min(np.abs(trace[k]).min() for k in trace if k.startswith("u_")) > 1e-5:
                break
        else:
            pytest.fail("no bias draw keeps every ReLU unit off its kink")
    g = net.backward(net.forward(x), labels)
    analytic, numeric = [], []
    for name in net.param_names():
        p = net.params[name]
        for _ in range(6):
            idx = tuple(int(rng.integers(0, s)) for s in p.shape)
            if name == "w3" and config.c3_table and not net.table[idx[0], idx[1]]:
                assert g[name][idx] == 0.0
                continue
            analytic.append(g[name][idx])
            numeric.append(_numeric(net, x, labels, p, idx))
    assert rel_error(analytic, numeric) < 1e-6


@pytest.mark.parametrize("config", CONFIGS[:: 4] + [LeNetConfig(dtype="float64", pooling="trainable")],
                         ids=_ids)
def test_every_delta_matches_finite_differences(config, rng):
    """δ of every trace quantity: perturb that quantity inside the forward pass."""
    net = LeNet5(config, seed=5)
    # Noise, not a flat background: a pixel nudge must not flip a tied pooling window.
    x, labels = rng.normal(size=(1, 1, 32, 32)), rng.integers(0, 10, 1)
    trace = net.forward(x)
    g = net.backward(trace, labels)
    # δ(x): perturb the input directly
    idx = [(0, 0, i, j) for i, j in rng.integers(4, 28, (8, 2))]
    num = [_numeric(net, x, labels, x, i, five_point=True) for i in idx]
    assert rel_error([g["delta_x"][i] for i in idx], num) < 1e-6
    for key in [k for k in trace if k not in ("x", "y")]:
        assert g["delta_" + key].shape == trace[key].shape, key
    # δ of the hidden quantities through the chain rule of the layer above: check δ(u) = δ(out)·f'
    df = net.act.df_from_output
    for key in ("c1", "c3"):
        assert np.allclose(g["delta_u_" + key], g["delta_" + key] * df(trace[key]))
    for key in ("c5", "f6"):
        assert np.allclose(g["delta_u_" + key], g["delta_" + key] * df(trace[key]))
    # δ(f7) = y − z exactly (N = 1)
    z = np.eye(10)[labels]
    assert np.allclose(g["delta_f7"], trace["y"] - z)


def test_hidden_deltas_by_perturbing_activations(rng):
    """Finite differences through the layers' own inputs: δ(s4) via C5, δ(s2) via C3, δ(f6)."""
    net = LeNet5(LeNetConfig(dtype="float64"), seed=7)
    x, labels = _batch(rng, n=1)
    trace = net.forward(x)
    g = net.backward(trace, labels)
    p = net.params

    def head_from_s4(s4):
        s4n = s4.reshape(1, 400)
        c5 = net.act.f(s4n @ p["w5"].reshape(120, 400).T + p["b5"])
        f6 = net.act.f(c5 @ p["w6"].T + p["b6"])
        return fn.cross_entropy(fn.softmax(f6 @ p["w7"].T + p["b7"]), labels)

    s4 = np.array(trace["s4"])
    num = np.zeros_like(s4)
    h = 1e-5
    for idx in np.ndindex(s4.shape):
        old = s4[idx]
        s4[idx] = old + h
        jp = head_from_s4(s4)
        s4[idx] = old - h
        jm = head_from_s4(s4)
        s4[idx] = old
        num[idx] = (jp - jm) / (2 * h)
    assert rel_error(g["delta_s4"], num) < 1e-6


def test_max_pool_routes_each_window_to_exactly_one_element():
    c = np.zeros((1, 1, 4, 4))  # every window is an exact four-way tie
    c[0, 0, 2, 3] = c[0, 0, 3, 2] = 1.0  # a two-way tie: first in row-major order wins
    s, masks = fn.pool_max_forward(c, 4, 4)
    full = fn.valid_mask_full(masks, c.shape)[0, 0]
    assert full.reshape(2, 2, 2, 2).sum(axis=(1, 3)).tolist() == [[1, 1], [1, 1]]
    assert full[0, 0] == 1 and full[2, 3] == 1 and full[3, 2] == 0
    delta = fn.pool_max_backward(np.ones((1, 1, 2, 2)), masks, c.shape)
    assert delta.sum() == 4.0


def test_the_quad_layout_is_the_same_columns_and_the_same_pooling(rng):
    """C1's im2col in the quad layout holds the compact layout's columns, each image's in the
    order (u, v, i, j) of position (2i + u, 2j + v); pooling and its backward on the quad
    layout give the same s, masks and δ as on the usual layout (ties included); row_layout
    of a quad map equals that of the usual map."""
    x = rng.standard_normal((2, 3, 16, 16)).astype(np.float32)
    x[:, :, 4:8, 4:8] = 0.5  # ties: every window of this block
    quads = fn.im2col_quads(x, 5)
    compact = fn.im2col(x, 5, compact=True)
    assert quads[-1].tolist() == [1.0] * quads.shape[1]
    by_position = quads[:-1].reshape(50, 3, 2, 2, 6, 6).transpose(1, 0, 2, 3, 4, 5)
    usual = fn.from_quads(by_position).transpose(1, 0, 2, 3).reshape(50, -1)
    assert np.array_equal(usual, compact[:-1])
    c = rng.standard_normal((2, 3, 12, 12)).astype(np.float32)
    c[:, :, :4, :4] = 1.0
    q = np.ascontiguousarray(fn.as_quads(c))
    assert np.array_equal(fn.from_quads(q), c)
    s, masks = fn.pool_max_forward(c, 12, 12)
    sq, masks_q = fn.pool_max_forward(q, 12, 12)
    assert np.array_equal(s, sq) and np.array_equal(masks, masks_q)
    d = rng.standard_normal(s.shape).astype(np.float32)
    dq = np.empty_like(q)
    fn.pool_max_backward(d, masks_q, None, out=dq)
    assert np.array_equal(fn.from_quads(dq), fn.pool_max_backward(d, masks, c.shape))
    assert np.array_equal(fn.from_quads(fn.spread(d, 0.25, None, out=np.empty_like(q))),
                          fn.spread(d, 0.25, c.shape))
    assert np.array_equal(fn.window_sum(q, 12, 12), fn.window_sum(c, 12, 12))
    rows, rows_q = np.empty((2, 3, 12, 16), np.float32), np.full((2, 3, 12, 16), 7, np.float32)
    assert np.array_equal(fn.row_layout(q, 16, rows_q), fn.row_layout(c, 16, rows))
    with pytest.raises(ValueError, match="even"):
        fn.im2col_quads(x[:, :, :15, :15], 5)


def test_table1_has_60_connections_and_its_zeros_get_no_gradient(rng):
    net = LeNet5(LeNetConfig(dtype="float64"))
    assert int(net.table.sum()) == 60
    assert np.all(net.params["w3"][~net.table] == 0)
    x, labels = _batch(rng, n=4)
    g = net.backward(net.forward(x), labels)
    assert np.all(g["w3"][~net.table] == 0)
    assert np.any(g["w3"][net.table] != 0)
