"""The GUI's consumers of the one table of model options and layers (model/options.py): the
settings panel offers exactly its options and asks for each one picked; the stepper's strip,
the architecture figure and the units gallery show exactly its layers."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import dataclasses

import numpy as np
import pytest

from lenet_gui.explain import UNIT_LAYERS
from lenet_gui.explain.walk import BackpropWalk
from lenet_gui.gui.panels import settings
from lenet_gui.gui.panels.architecture import SELECTABLE, Figure1
from lenet_gui.gui.panels.explain import units
from lenet_gui.gui.panels.settings import SettingsPanel
from lenet_gui.gui.panels.stepper.diagram import NetworkDiagram
from lenet_gui.gui.state import AppState
from lenet_gui.model import LAYERS, PRESETS, LeNet5, LeNetConfig
from lenet_gui.model.options import ACTIVATION, C3, F7, LAYER_TABLE, POOLING

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def panel(qtbot):
    state = AppState()
    p = SettingsPanel(state)
    qtbot.addWidget(p)
    yield p
    state.shutdown()


def combos(panel):
    """(combo box, its choice, the panel's texts keyed by option)."""
    return ((panel.activation, ACTIVATION, settings.ACTIVATIONS),
            (panel.pooling, POOLING, settings.POOLINGS),
            (panel.c3, C3, settings.C3_TABLES))


def test_settings_offer_exactly_the_tables_options(panel):
    for combo, choice, texts in combos(panel):
        assert tuple(combo.itemData(i) for i in range(combo.count())) == choice.keys
        assert set(texts) == set(choice.keys), choice.field
        shown = [combo.itemText(i) for i in range(combo.count())]
        assert all(shown) and len(set(shown)) == len(shown), shown
    assert set(F7.keys) == {False, True}  # the f at F7 check box offers both
    presets = [panel.preset.itemData(i) for i in range(1, panel.preset.count())]
    assert presets == list(PRESETS)
    assert set(settings.PRESET_NAMES) == set(PRESETS)  # every name marked for translation


def test_settings_ask_for_each_option_picked(panel):
    asked = []
    panel.state.model_config_requested.connect(asked.append)
    for combo, choice, _ in combos(panel):
        for i, key in enumerate(choice.keys):
            other = choice.keys[(i + 1) % len(choice.keys)]
            panel.set_model_config(dataclasses.replace(LeNetConfig(), **{choice.field: other}))
            combo.setCurrentIndex(i)
            assert getattr(asked[-1], choice.field) == key, (choice.field, key)
    for name, config in PRESETS.items():
        panel.set_model_config(config)
        assert panel.preset.currentData() == name


def test_the_stepper_strip_shows_the_tables_layers_and_every_step_finds_its_box(qtbot):
    d = NetworkDiagram()
    qtbot.addWidget(d)
    d.resize(600, 26)
    names = [text for _, text, _ in d.box_rects()]
    assert names[1:-1] == [layer.name for layer in LAYER_TABLE]
    keys = {key for key, _ in NetworkDiagram.LAYERS} | {"all"}
    for pooling in POOLING.keys:
        net = LeNet5(LeNetConfig(pooling=pooling), seed=1)
        walk = BackpropWalk(net, np.zeros((32, 32), np.float32), 3)
        assert {s.layer for s in walk.steps} <= keys, pooling
        assert {s.layer for s in walk.steps} >= set(LAYERS), pooling


def test_the_architecture_figure_and_the_units_gallery_list_the_tables_layers(qtbot):
    fig = Figure1()
    qtbot.addWidget(fig)
    fig.resize(600, 190)
    assert tuple(key for key, _ in fig._layout() if key) == SELECTABLE == LAYERS
    assert [key for key, *_ in units.LAYERS] == list(UNIT_LAYERS)
    assert set(units.CAPTIONS) == set(UNIT_LAYERS)
