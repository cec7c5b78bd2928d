"""The lab vocabulary (lenet_gui/labs/vocabulary.py) and its implementation in the window
(gui/labs_conditions.py, gui/labs_moves.py) name exactly the same conditions, moves and
parameters, and every quantity a lab may name is one the window computes."""

from __future__ import annotations

import inspect

import pytest

from lenet_gui.gui import labs_conditions, labs_moves
from lenet_gui.labs import vocabulary


def _params(fn) -> set[str]:
    sig = inspect.signature(fn)
    return {n for n, p in list(sig.parameters.items())[1:]  # after ctx
            if p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL)}


def test_the_window_implements_exactly_the_vocabulary_conditions_and_moves():
    assert set(labs_conditions.CONDITIONS) == set(vocabulary.CONDITIONS)
    assert set(labs_moves.MOVES) == set(vocabulary.MOVES)


@pytest.mark.parametrize("table, impl", [(vocabulary.CONDITIONS, labs_conditions.CONDITIONS),
                                         (vocabulary.MOVES, labs_moves.MOVES)],
                         ids=["conditions", "moves"])
def test_each_entry_takes_exactly_the_vocabulary_parameters(table, impl):
    for name, entry in table.items():
        fn = impl[name]
        assert _params(fn) == {p.name for p in entry.params}, name
        sig = inspect.signature(fn)
        for p in entry.params:  # an optional parameter has a default, a required one none
            has_default = sig.parameters[p.name].default is not inspect.Parameter.empty
            assert has_default == (not p.required), (name, p.name)


def test_every_quantity_of_the_vocabulary_is_computed_and_no_other():
    assert all(labs_conditions.computes(name) for name in vocabulary.QUANTITIES)
    for name in ("probe.delta_zz", "net.params.c9", "train.loss", "probe.w1", "stepper.x"):
        assert not labs_conditions.computes(name)


def test_the_settings_a_lab_names_are_the_windows():
    assert set(labs_conditions.MODEL_SETTINGS) | set(labs_conditions.TRAIN_SETTINGS) == set(
        vocabulary.SETTINGS)
    assert labs_conditions.WHERE == vocabulary.WHERE
