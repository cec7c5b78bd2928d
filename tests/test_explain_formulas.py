"""Every formula the backprop walk can show, under every model option, typesets with mathtext;
a malformed one is a ValueError."""

from __future__ import annotations

import numpy as np
import pytest

from lenet_gui.explain import typeset
from lenet_gui.explain.formulas import all_formulas
from lenet_gui.explain.walk import BackpropWalk
from lenet_gui.model import LeNet5
from tests.explain_cases import CONFIGS


def test_every_formula_renders():
    texts = set(all_formulas())
    for cfg in CONFIGS.values():  # and the ones each option's steps show
        w = BackpropWalk(LeNet5(cfg), np.zeros((1, 1, 32, 32)), 3)
        texts.update(f for s in w.steps for f in s.formulas)
    for t in texts:
        img = typeset.render(t)
        assert img.ndim == 3 and img.shape[2] == 4 and img.shape[0] > 8 and img.shape[1] > 20, t
        alpha = img[..., 3]
        assert alpha.min() == 0 and alpha.max() > 200, t  # ink on a transparent ground
    png = typeset.render_png(sorted(texts)[0])
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(ValueError):
        typeset.render(r"$\frac{1}$")
