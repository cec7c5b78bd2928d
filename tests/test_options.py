"""The one table of model options and layers (model/options.py): every consumer offers exactly
its options, in its order, and the layers' sizes are the arrays' sizes. The GUI's consumers
(settings, stepper, architecture) are checked in tests/gui/test_options_gui.py."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from lenet_gui import commands
from lenet_gui.commands.compare import MODEL_KEYS, parse_runs
from lenet_gui.explain import UNIT_LAYERS, formulas
from lenet_gui.explain.walk import BackpropWalk
from lenet_gui.model import LAYERS, PRESETS, TABLE_C3, LeNet5, LeNetConfig
from lenet_gui.model.activations import ACTIVATIONS
from lenet_gui.model.options import (
    ACTIVATION,
    C3,
    CHOICES,
    F7,
    LAYER_TABLE,
    POOLING,
    SUBSAMPLING,
    c3_connections,
)
from lenet_gui.train import distributions, runs
from tests.explain_cases import CONFIGS

OPTIONS = [pytest.param(c, o.key, id=f"{c.field}={o.word}") for c in CHOICES for o in c.options]


def test_every_choice_is_a_field_of_lenetconfig_and_its_first_option_the_default():
    fields = [f.name for f in dataclasses.fields(LeNetConfig)]
    assert [c.field for c in CHOICES] == fields
    default = LeNetConfig()
    for c in CHOICES:
        assert len(set(c.words)) == len(c.options) > 1, c.field
        assert getattr(default, c.field) == c.default.key, c.field
    assert PRESETS["course"] == default


@pytest.mark.parametrize("choice, key", OPTIONS)
def test_lenetconfig_accepts_every_option_and_the_net_runs_with_it(choice, key):
    config = dataclasses.replace(LeNetConfig(), **{choice.field: key})
    config.validate()
    net = LeNet5(config)
    y = net.forward(np.random.default_rng(0).normal(size=(2, 1, 32, 32)))["y"]
    assert y.shape == (2, 10) and np.allclose(y.sum(axis=1), 1.0, atol=1e-5)


@pytest.mark.parametrize("choice", CHOICES, ids=lambda c: c.field)
def test_lenetconfig_refuses_what_the_table_lacks(choice):
    with pytest.raises(ValueError, match=f"unknown {choice.field} 'median'"):
        dataclasses.replace(LeNetConfig(), **{choice.field: "median"}).validate()


def test_each_activation_has_its_function_and_its_derivative_formula():
    assert tuple(ACTIVATIONS) == ACTIVATION.keys
    assert all(ACTIVATIONS[k].name == k for k in ACTIVATION.keys)
    assert tuple(formulas.DF_FORMULAS) == ACTIVATION.keys
    assert len(set(formulas.DF_FORMULAS.values())) == len(ACTIVATION.keys)


def test_each_pooling_has_its_forward_and_backward_formulas():
    assert tuple(formulas.POOL_FORWARD) == POOLING.keys
    backward = {p: formulas.pool_formulas(p, "s2", "c1", "msk1", 14) for p in POOLING.keys}
    assert all(backward.values()) and len({f for fs in backward.values() for f in fs}) == sum(
        len(fs) for fs in backward.values())  # each pooling its own formulas
    assert set(formulas.F_F7_FORWARD) == set(F7.keys)
    every = formulas.all_formulas()
    for p in POOLING.keys:
        assert formulas.pool_forward(p, "s4") in every and set(backward[p]) <= set(every)


def test_the_explain_tests_walk_every_option():
    for c in CHOICES:
        if c.field != "dtype":  # the walk tests set the dtype themselves
            assert {getattr(cfg, c.field) for cfg in CONFIGS.values()} == set(c.keys), c.field


@pytest.mark.parametrize("choice, key", [p for p in OPTIONS if p.values[0] in (ACTIVATION, POOLING)])
def test_the_backprop_walk_and_its_terms_cover_every_pooling_and_activation(choice, key):
    net = LeNet5(dataclasses.replace(LeNetConfig(), **{choice.field: key}), seed=1)
    x = np.random.default_rng(0).normal(size=(32, 32)).astype(np.float32)
    walk = BackpropWalk(net, x, 3)
    assert [s.id for s in walk.steps if s.id in ("s2", "s4")] == ["s4", "s2"]
    for s in ("s2", "s4"):  # the forward rule of each sub-sampling
        assert walk.breakdown(s, (0, 0, 0)).value == pytest.approx(float(walk.t[s][0, 0, 0]))


def _cli_choices(command: str) -> dict[str, tuple]:
    sub = commands.build_parser()._subparsers._group_actions[0].choices[command]
    return {a.option_strings[0]: tuple(a.choices) for a in sub._actions
            if a.option_strings and a.choices is not None}


def test_the_command_line_offers_exactly_the_tables_options():
    for command in ("train", "distributions"):
        got = _cli_choices(command)
        assert got["--activation"] == ACTIVATION.words
        assert got["--pooling"] == POOLING.words
        assert got["--c3"] == C3.words
    assert _cli_choices("explain")["--layer"] == tuple(UNIT_LAYERS)
    assert {c.cli for c in CHOICES if c.cli} == set(MODEL_KEYS)
    for c in CHOICES:
        if c.cli:
            for o in c.options:
                (_, config, _), = parse_runs([f"{c.cli}={o.word}"], 1, 0)
                assert getattr(config, c.field) == o.key


def test_the_runs_words_and_experiments_name_every_option():
    for words, choice in ((runs.ACTIVATION_WORDS, ACTIVATION), (runs.POOLING_WORDS, POOLING),
                          (runs.C3_WORDS, C3), (runs.F7_WORDS, F7)):
        assert set(words) == set(choice.keys), choice.field
    for name, choice in (("c3", C3), ("pooling", POOLING), ("f7", F7)):
        configs = [cfg for _, cfg, _ in runs.experiment(name)]
        assert [getattr(cfg, choice.field) for cfg in configs] == list(choice.keys)
    assert {cfg.activation for _, cfg, _ in runs.experiment("activation")} <= set(ACTIVATION.keys)


def test_the_c3_options_connections():
    assert c3_connections(True) is TABLE_C3 and int(TABLE_C3.sum()) == 60
    full = c3_connections(False)
    assert full.shape == TABLE_C3.shape and full.all() and full is not c3_connections(False)
    for key in C3.keys:
        assert np.array_equal(LeNet5(LeNetConfig(c3_table=key)).table, c3_connections(key))


def test_the_layers_are_the_nets_with_their_sizes():
    assert LAYERS == ("c1", "s2", "c3", "s4", "c5", "f6", "f7")
    assert distributions.LAYERS is LAYERS
    assert tuple(LeNet5().layer_counts()) == LAYERS
    t = LeNet5().forward(np.zeros((1, 1, 32, 32)))
    for layer in LAYER_TABLE:
        shape = (layer.maps, layer.side, layer.side) if layer.side else (layer.maps,)
        assert t[layer.key].shape[1:] == shape, layer
    assert [layer.size for layer in LAYER_TABLE] == [
        "6@28×28", "6@14×14", "16@10×10", "16@5×5", "120", "84", "10"]
    assert [layer.name for layer in LAYER_TABLE] == ["C1", "S2", "C3", "S4", "C5", "F6", "F7"]
    assert list(UNIT_LAYERS) == [la.key for la in LAYER_TABLE if la.kind != SUBSAMPLING]
