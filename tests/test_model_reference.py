"""model/reference.py: the plain float64 forward the backprop walk's checks use is the model's
own forward, to rounding, for every sub-sampling option."""

from __future__ import annotations

import numpy as np
import pytest

from lenet_gui.model import TRACE_KEYS, LeNet5, LeNetConfig, reference


@pytest.mark.parametrize("config", [
    LeNetConfig(pooling="max", dtype="float64"),
    LeNetConfig(pooling="mean", dtype="float64"),
    LeNetConfig(pooling="trainable", dtype="float64"),
    LeNetConfig(pooling="max", activation="relu", c3_table=False, f7_activation=True,
                dtype="float64"),
], ids=["max", "mean", "trainable", "relu-full-C3-f7"])
def test_reference_forward_is_lenet5_forward(config):
    net = LeNet5(config, seed=4)
    x = np.random.default_rng(1).normal(size=(1, 1, 32, 32))
    trace = net.forward(x)
    ref = reference.forward(x, net.params, config)
    assert list(ref) == reference.order(config)
    assert set(ref) == {k for k in TRACE_KEYS if k in trace}
    for key in ref:
        assert ref[key].dtype == np.float64
        np.testing.assert_allclose(ref[key], trace[key][0], rtol=1e-12, atol=1e-12,
                                   err_msg=key)


def test_forward_from_recomputes_only_what_follows():
    config = LeNetConfig(dtype="float64")
    net = LeNet5(config, seed=4)
    x = np.random.default_rng(2).normal(size=(1, 1, 32, 32))
    ref = reference.forward(x, net.params, config)
    s4 = ref["s4"].copy()
    s4[3, 2, 1] += 0.5
    pattern: list = []
    v = reference.forward_from("s4", dict(ref, s4=s4), net.params, config, pattern=pattern)
    assert v["c3"] is ref["c3"] and v["s4"] is s4
    assert not np.allclose(v["y"], ref["y"])
    assert pattern == []  # no max-pool window after S4
    reference.forward_from("x", ref, net.params, config, pattern=pattern)
    assert [a.shape for a in pattern] == [(6, 14, 14), (16, 5, 5)]  # each window's winner
