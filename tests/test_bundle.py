"""The bundled app (packaging/): its helper process, started as `lenet-gui --helper FD`
because a frozen app's sys.executable is the app itself, and the spec's view of the package's
resources. Building the bundle is a command (`python packaging/bundle.py --out DIR`), not a
test: these checks take seconds."""

import os
import shlex
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from lenet_gui.commands import HELPER_ENTRY, build_parser
from lenet_gui.data.synthetic import mnist_like
from lenet_gui.model import LeNet5, LeNetConfig, _procs, set_num_threads, training_step

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"


@pytest.fixture
def frozen_app(tmp_path, monkeypatch):
    """This process as a bundle sees itself: sys.frozen set and sys.executable a program that
    hands its arguments to lenet_gui.commands.main, as the bundle's executable does. Two
    workers with the helper allowed; afterwards no helper and the defaults back."""
    launcher = tmp_path / "lenet-gui"
    launcher.write_text("#!/bin/sh\n"
                        f"exec {shlex.quote(sys.executable)} -c "
                        "'import sys; from lenet_gui.commands import main; sys.exit(main())' \"$@\"\n")
    launcher.chmod(0o755)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(launcher))
    monkeypatch.delenv(_procs.ENV_VAR, raising=False)
    monkeypatch.setattr(_procs, "_broken", False)
    _procs.shutdown()  # a helper started before, the unfrozen way, would be reused
    set_num_threads(2)
    yield launcher
    _procs.shutdown()
    set_num_threads(None)


@pytest.mark.skipif(os.name != "posix", reason="the helper process is POSIX only")
def test_a_frozen_app_starts_its_helper_through_the_hidden_entry(frozen_app):
    """The helper runs as `APP --helper FD` and computes its half: the same gradients, bit for
    bit, as this process alone."""
    rng = np.random.default_rng(0)
    x, labels = mnist_like(128, rng).astype(np.float32), rng.integers(0, 10, 128)
    net = LeNet5(LeNetConfig(), seed=0)
    with_helper = training_step(net, x, labels)
    helper = _procs._helper
    assert helper is not None and _procs.processes_enabled()  # it answered in time
    assert helper.proc.args[:2] == [str(frozen_app), HELPER_ENTRY]
    assert helper.proc.poll() is None
    os.environ[_procs.ENV_VAR] = "0"  # the same micro-batches, all in this process
    try:
        alone = training_step(net, x, labels)
    finally:
        del os.environ[_procs.ENV_VAR]
    assert with_helper.loss == alone.loss
    assert np.array_equal(with_helper.y, alone.y)
    for k in net.param_names():
        assert np.array_equal(with_helper.grads[k], alone.grads[k]), k


def test_the_hidden_entry_is_not_in_the_help():
    assert HELPER_ENTRY not in build_parser().format_help()


def test_the_hidden_entry_refuses_a_missing_descriptor():
    r = subprocess.run([sys.executable, str(ROOT / "main.py"), HELPER_ENTRY], capture_output=True,
                       text=True, timeout=60, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert r.returncode == 2 and HELPER_ENTRY in r.stderr, r.stderr
