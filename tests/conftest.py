import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import pytest


@pytest.fixture
def rng():
    return np.random.default_rng(1234)


def rel_error(a, b):
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-12))


def weights_path() -> str:
    """The shipped weights, or LENET_TEST_WEIGHTS (e.g. a checkpoint trained for a few epochs)."""
    from lenet_gui.commands._common import default_weights

    path = os.environ.get("LENET_TEST_WEIGHTS") or default_weights()
    if not os.path.exists(path):
        pytest.skip(f"no weights at {path} (set LENET_TEST_WEIGHTS)")
    return str(path)
