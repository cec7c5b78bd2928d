"""The model options and the sample the explain tests walk through."""

from __future__ import annotations

import dataclasses

import pytest

from lenet_gui.data import normalise
from lenet_gui.explain.walk import BackpropWalk
from lenet_gui.model import LeNet5, LeNetConfig
from tests import helpers

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
    data = helpers.mnist()
    return normalise(data.test_images[7:8]), int(data.test_labels[7])


def make_walk(config, sample, dtype="float32", seed=1):
    net = LeNet5(dataclasses.replace(config, dtype=dtype), seed=seed)
    x, label = sample
    return BackpropWalk(net, x, label)
