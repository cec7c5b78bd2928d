"""LeNet-5's structure against the course: counts, shapes, Table 1, snapshots."""

import numpy as np
import pytest

from lenet_gui.model import PRESETS, TABLE_C3, LeNet5, LeNetConfig, SnapshotNet

COURSE = {  # (trainable parameters, connections) as the course counts them
    "c1": (156, 122304), "c3": (1516, 151600), "c5": (48120, 48120), "f6": (10164, 10164),
    "f7": (850, 850),
}


@pytest.mark.parametrize("layer", COURSE)
def test_counts_match_the_course(layer):
    c = LeNet5().layer_counts()[layer]
    assert (c.params, c.connections) == COURSE[layer]


def test_trainable_subsampling_counts_match_the_course():
    counts = LeNet5(LeNetConfig(pooling="trainable")).layer_counts()
    assert (counts["s2"].params, counts["s2"].connections) == (12, 5880)
    assert (counts["s4"].params, counts["s4"].connections) == (32, 2000)
    assert LeNet5(LeNetConfig(pooling="trainable")).n_params() == 60850
    assert LeNet5().n_params() == 60806


@pytest.mark.parametrize("name", ["w1", "w3", "w5", "w6", "w7", "b1", "b3", "b5", "b6", "b7"])
def test_parameter_counts_equal_array_sizes(name):
    net = LeNet5()
    sizes = {k: v.size for k, v in net.params.items()}
    assert sizes["w1"] + sizes["b1"] == 156
    assert int(net.table.sum()) * 25 + sizes["b3"] == 1516
    assert sizes["w5"] + sizes["b5"] == 48120
    assert name in net.params


def test_table1_matches_the_course_rationale():
    # C3 maps 0–5 read 3 contiguous S2 maps, 6–11 four contiguous, 12–14 four discontinuous,
    # 15 all six (the course's Table 1 and its rationale, in Layer C3)
    assert TABLE_C3.shape == (16, 6)
    assert TABLE_C3.sum(axis=1).tolist() == [3] * 6 + [4] * 9 + [6]
    assert np.flatnonzero(TABLE_C3[4]).tolist() == [0, 4, 5]
    assert np.flatnonzero(TABLE_C3[13]).tolist() == [1, 2, 4, 5]  # (5,13) is in Table 1
    assert np.flatnonzero(TABLE_C3[14]).tolist() == [0, 2, 3, 5]


def test_trace_shapes_follow_the_course():
    t = LeNet5().forward(np.zeros((2, 1, 32, 32), np.float32))
    shapes = {k: v.shape for k, v in t.items()}
    assert shapes == {
        "x": (2, 1, 32, 32), "u_c1": (2, 6, 28, 28), "c1": (2, 6, 28, 28), "s2": (2, 6, 14, 14),
        "u_c3": (2, 16, 10, 10), "c3": (2, 16, 10, 10), "s4": (2, 16, 5, 5), "u_c5": (2, 120),
        "c5": (2, 120), "u_f6": (2, 84), "f6": (2, 84), "u_f7": (2, 10), "f7": (2, 10),
        "y": (2, 10)}
    np.testing.assert_allclose(t["y"].sum(axis=1), 1.0, rtol=1e-6)


def test_f_at_f7_caps_the_probabilities():
    net = LeNet5(LeNetConfig(f7_activation=True, activation="sigmoid"))
    net.params["b7"][...] = [50.0] + [-50.0] * 9
    y = net.forward(np.zeros((1, 1, 32, 32), np.float32))["y"]
    assert y.max() <= np.e / (np.e + 9) + 1e-6  # f at F7 bounds the softmax: y ≤ e/(e+9) ≈ 0.232


def test_snapshot_is_a_read_only_copy():
    net = LeNet5()
    snap = net.snapshot()
    for k, v in snap.params.items():
        assert not v.flags.writeable
        assert not np.shares_memory(v, net.params[k])
    net.params["w1"] += 1
    assert not np.array_equal(snap.params["w1"], net.params["w1"])


def test_a_snapshot_net_is_its_owners_alone():
    a, b = LeNet5(seed=1).snapshot(), LeNet5(seed=2).snapshot()
    mine, yours = SnapshotNet(), SnapshotNet()
    net = mine.of(a)
    assert mine.of(None) is None and yours.of(a) is not net, "each owner has its own"
    np.testing.assert_array_equal(net.params["w1"], a.params["w1"])
    assert not np.shares_memory(net.params["w1"], a.params["w1"])
    assert mine.of(b) is net, "the same configuration: the same network, new weights"
    np.testing.assert_array_equal(net.params["w1"], b.params["w1"])
    np.testing.assert_array_equal(yours.of(a).params["w1"], a.params["w1"])
    other = LeNet5(LeNetConfig(activation="relu")).snapshot()
    assert mine.of(other).config == other.config


def test_presets_and_validation():
    assert PRESETS["course"] == LeNetConfig()
    for p in PRESETS.values():
        LeNet5(p)
    with pytest.raises(ValueError, match="unknown activation"):
        LeNet5(LeNetConfig(activation="swish"))
    with pytest.raises(ValueError, match=r"\(N, 1, 32, 32\)"):
        LeNet5().forward(np.zeros((1, 28, 28)))


def test_float32_and_float64():
    x = np.random.default_rng(0).normal(size=(2, 1, 32, 32))
    a, b = LeNet5(seed=1), LeNet5(LeNetConfig(dtype="float64"), seed=1)
    ya, yb = a.forward(x)["y"], b.forward(x)["y"]
    assert ya.dtype == np.float32 and yb.dtype == np.float64
    np.testing.assert_allclose(ya, yb, atol=1e-5)


def col2im(dcols: np.ndarray, K: int, out: np.ndarray) -> np.ndarray:
    """The textbook adjoint of im2col without its ones row, 25 shifted adds:
    out[c, n, p + o] += dcols[c·K·K + k, (n, p)]. Shapes: (C·K·K, N·Ho·W) -> (C, N, H, W)"""
    C, N, H, W = out.shape
    R = (H - K + 1) * W
    S = R - (K - 1)
    d4 = dcols.reshape(C, K * K, N, R)
    o3 = out.reshape(C, N, H * W)
    out[...] = 0.0
    for ky in range(K):
        for kx in range(K):
            o = ky * W + kx
            o3[:, :, o : o + S] += d4[:, ky * K + kx, :, :S]
    return out


@pytest.mark.parametrize("C,H,F,N", [(6, 14, 16, 1), (6, 14, 16, 7), (1, 32, 6, 3),
                                     (16, 9, 4, 2)])
def test_input_delta_equals_the_plain_col2im(C, H, F, N):
    """The folded δ(input) (one GEMM into a shifted layout, one reduction, K row adds) equals
    the textbook adjoint of im2col: GEMM then 25 shifted adds, and a reused scratch buffer
    holding stale numbers changes nothing."""
    from lenet_gui.model import functional as fn
    rng = np.random.default_rng(C * 100 + N)
    K, W = 5, H
    Ho = H - K + 1
    du = rng.standard_normal((F, N, Ho, W))
    du[:, :, :, W - K + 1 :] = 0.0  # the row layout's invalid columns
    du = du.reshape(F, N * Ho * W)
    wt = rng.standard_normal((F, C * K * K)).T
    want = col2im(wt @ du, K, np.empty((C, N, H, W)))
    scratch = rng.standard_normal(C * K * K * (N * Ho * W + K) + 17)  # garbage inside
    got = fn.input_delta(wt, du, K, np.full((C, N, H, W), np.nan), scratch=scratch)
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)
    again = fn.input_delta(wt, du, K, np.empty((C, N, H, W)), scratch=scratch)
    np.testing.assert_array_equal(again, got)


@pytest.mark.parametrize("activation", ["lecun", "tanh", "sigmoid", "relu"])
def test_predict_equals_the_forward_with_maps_bit_for_bit(activation):
    """predict pools u and applies f to the pooled values (maps=False); f is increasing in
    float32 too, so y is exactly the full forward's."""
    from lenet_gui.data.synthetic import mnist_like

    net = LeNet5(LeNetConfig(activation=activation), seed=4)
    x = mnist_like(150, np.random.default_rng(2))
    want = np.concatenate([net.forward(x[s : s + 64])["y"] for s in range(0, 150, 64)])
    assert np.array_equal(net.predict(x), want)
