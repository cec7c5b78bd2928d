"""The first screen builds only what it shows: after the window opens in its default layout
only the panels of the docks in front exist, and every other panel is built, the same as
before, by whichever path first reaches it (its perspective, its dock raised, the Labs
controller, window.panel). The window's start imports no typesetting (matplotlib)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from lenet_gui.gui.panels import registry
from lenet_gui.gui.window.perspectives import PERSPECTIVES

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

ROOT = Path(__file__).resolve().parents[2]
# the default layout's docks in front of their tab groups (docks.py, registry's places)
FIRST_SCREEN = {"settings", "feature_maps", "kernels", "deltas", "loss", "canvas"}


def built(window) -> set[str]:
    return {type(p).name for p in window.panels()}


def check_panel(window, name: str) -> None:
    """Dock `name` holds a panel of its registered class, titled as the registry says."""
    panel = window.dock(name).widget()
    assert isinstance(panel, registry.panel_class(name))
    assert window.dock(name).windowTitle() == QCoreApplication.translate(
        "MainWindow", registry.panel_class(name).title)


def test_the_first_screen_builds_only_its_front_docks(make_window, qtbot):
    w = make_window()
    qtbot.waitUntil(lambda: built(w) >= FIRST_SCREEN, timeout=10000)
    qtbot.wait(100)
    assert built(w) == FIRST_SCREEN
    visible = {n for n, d in w.docks.items() if d.isVisible() and not d.visibleRegion().isEmpty()}
    assert visible == FIRST_SCREEN  # what is built is exactly what is seen
    assert w.dock_host.built("labs") is None  # the Labs dock is a tab behind the settings
    for name in FIRST_SCREEN:
        check_panel(w, name)


@pytest.mark.parametrize("perspective", [p.name for p in PERSPECTIVES])
def test_a_perspective_builds_what_it_shows(make_window, qtbot, perspective):
    w = make_window()
    before = built(w)
    w.set_perspective(perspective)
    p = next(p for p in PERSPECTIVES if p.name == perspective)
    front = {n for n in p.docks if not w.dock(n).isHidden()
             and not w.dock(n).visibleRegion().isEmpty()}
    qtbot.waitUntil(lambda: built(w) >= front, timeout=10000)
    for name in front:
        check_panel(w, name)
    # docks of no perspective shown so far stay unbuilt
    assert built(w) <= before | set(p.docks)


def test_raising_a_tab_builds_its_panel(make_window, qtbot):
    w = make_window()
    assert "confusion" not in built(w)  # a tab behind the loss curves
    w.dock("confusion").raise_()
    qtbot.waitUntil(lambda: "confusion" in built(w), timeout=10000)
    check_panel(w, "confusion")


def test_window_panel_builds_any_panel_on_demand(make_window):
    w = make_window()
    for name in registry.names():
        assert w.panel(name) is w.dock(name).widget()
        check_panel(w, name)
    assert built(w) == set(registry.names())


def test_the_labs_panel_is_handed_the_labs_however_it_is_built(make_window, qtbot):
    w = make_window()
    assert w.dock_host.built("labs") is None
    w.dock("labs").raise_()  # the user clicks its tab
    qtbot.waitUntil(lambda: w.dock_host.built("labs") is not None, timeout=10000)
    panel = w.labs.panel
    assert panel is w.panel("labs")
    assert panel.labs and [lab.id for lab in panel.labs] == [lab.id for lab in w.labs.labs]
    assert panel.lab is not None and panel.lab_combo.count() == len(w.labs.labs)
    assert panel.progress is w.labs.progress
    # its requests reach the window: a step's arrangement shows the step's panel
    panel.arrange_requested.emit("evaluate", "confusion")
    qtbot.waitUntil(lambda: w.current_perspective == "evaluate", timeout=5000)
    assert w.labs.highlighted == "confusion"


def test_closing_before_the_labs_panel_is_built_builds_nothing(make_window):
    w = make_window()
    w.close()
    assert w.dock_host.built("labs") is None


START = textwrap.dedent("""
    import sys
    import numpy as np
    from PySide6.QtWidgets import QApplication
    from lenet_gui.data import Dataset
    from lenet_gui.gui.window import MainWindow
    app = QApplication([])
    rng = np.random.default_rng(0)
    images = rng.integers(0, 255, (64, 28, 28), dtype=np.uint8)
    labels = np.arange(64, dtype=np.uint8) % 10
    data = Dataset(train_images=images, train_labels=labels, test_images=images,
                   test_labels=labels, source="random")
    w = MainWindow(data=data, weights=False)
    w.resize(1400, 900)
    w.show()
    for _ in range(20):
        app.processEvents()
    print(sorted(type(p).name for p in w.panels()))
    print(sorted(m for m in sys.modules if m.split(".")[0] == "matplotlib"))
    w.close()
""")


def test_the_start_imports_no_typesetting():
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    r = subprocess.run([sys.executable, "-c", START], capture_output=True, text=True,
                       env=env, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr
    panels, modules = r.stdout.strip().splitlines()[-2:]
    assert eval(panels) == sorted(FIRST_SCREEN)  # noqa: S307 - our own print of a list
    assert eval(modules) == []  # noqa: S307


def test_the_window_takes_the_mnist_read_ahead(make_window, qtbot, tmp_path):
    import gzip

    import numpy as np

    from lenet_gui.data import load_mnist, read_ahead
    from tests.test_idx import idx_bytes

    rng = np.random.default_rng(1)
    for part, n in (("train", 40), ("t10k", 20)):
        images = rng.integers(0, 256, (n, 28, 28), dtype=np.uint8)
        (tmp_path / f"{part}-images-idx3-ubyte.gz").write_bytes(gzip.compress(idx_bytes(images)))
        (tmp_path / f"{part}-labels-idx1-ubyte").write_bytes(
            idx_bytes(rng.integers(0, 10, n, dtype=np.uint8)))
    read_ahead.start(tmp_path)
    w = make_window(data=None, data_dir=tmp_path)
    qtbot.waitUntil(lambda: w.state.data is not None, timeout=30000)
    assert read_ahead.take(tmp_path) is None  # the window took it
    np.testing.assert_array_equal(w.state.data.train_images, load_mnist(tmp_path).train_images)
    qtbot.waitUntil(w.train_action.isEnabled, timeout=10000)


def test_the_labs_are_read_when_first_needed_and_a_broken_one_is_said(make_window, qtbot,
                                                                       tmp_path, monkeypatch):
    """The first screen shows no lab: the shipped lab files are parsed only when the Labs
    dock is built (or a lab opened), and one that cannot be read is then named in the status
    bar, the others still offered."""
    import lenet_gui.gui.window.labs as window_labs
    from lenet_gui.labs import shipped_labs

    good = shipped_labs()[:2]
    broken = tmp_path / "99-broken.toml"
    broken.write_text("title = \n", encoding="utf-8")
    monkeypatch.setattr(window_labs, "shipped_labs", lambda: [*good, broken])
    read = []
    real_load = window_labs.load_lab
    monkeypatch.setattr(window_labs, "load_lab", lambda path, **kw: (read.append(path),
                                                                      real_load(path, **kw))[1])
    w = make_window()
    qtbot.wait(50)
    assert read == [] and w.labs.errors == []  # the window is up: no lab file was read
    w.dock("labs").raise_()
    qtbot.waitUntil(lambda: w.dock_host.built("labs") is not None, timeout=10000)
    assert read == [*good, broken]
    assert len(w.labs.labs) == 2 and w.panel("labs").lab_combo.count() == 2
    assert len(w.labs.errors) == 1 and "99-broken.toml" in w.labs.errors[0]
    said = w.status.bar.currentMessage()
    assert "Some labs could not be read" in said and "99-broken.toml" in said
