"""The Explain dock through a real AppState and the shipped weights: what it paints equals the
Qt-free maths (lenet_gui.explain) for the current probe and snapshot; background results for
old inputs never paint; real clicks, keys and slider moves; the canvas's "Send to Explain";
closing the window while a job runs."""

from __future__ import annotations

import os
import threading

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from lenet_gui import explain as ex
from lenet_gui.gui.jobs import Job, JobRunner, pool
from lenet_gui.gui.panels.explain import ExplainPanel
from lenet_gui.gui.state import AppState, Probe
from lenet_gui.model import LeNet5
from lenet_gui.train import load_checkpoint
from tests import helpers
from tests.gui.strokes import SEVEN, drag
from tests.helpers import weights_path

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(scope="module")
def data():
    return helpers.subset(500, 2000, "small")


@pytest.fixture(scope="module")
def snapshot():
    return load_checkpoint(weights_path()).to_net().snapshot()


@pytest.fixture(scope="module")
def other_snapshot():
    """Other weights of the same architecture (random), for snapshot changes."""
    return LeNet5(seed=3).snapshot()


@pytest.fixture
def state(data, snapshot):
    s = AppState()
    s.set_data(data)
    s.set_snapshot(snapshot)
    s.set_probe(Probe.from_test(data, 0))  # a 7
    yield s
    s.shutdown()


@pytest.fixture
def panel(qtbot, state):
    p = ExplainPanel(state)
    qtbot.addWidget(p)
    p.resize(640, 420)
    p.show()
    qtbot.waitExposed(p)
    yield p
    p.shutdown()
    pool("explain").waitForDone(10000)


def _tab(qtbot, panel, section):
    """Choose a section's tab with a real click on the tab bar."""
    bar = panel.tabs.tabBar()
    index = panel.tabs.indexOf(section)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert panel.tabs.currentWidget() is section


def _idle(qtbot, runner, timeout=30000):
    qtbot.waitUntil(lambda: not runner.busy and not runner.alive, timeout=timeout)


# ----------------------------------------------------------------- saliency


def test_saliency_equals_the_maths_and_follows_class_k(panel, state, snapshot, qtbot):
    net = snapshot.to_net()
    x = state.probe.x
    sal = panel.saliency
    assert panel.tabs.currentWidget() is sal and panel.refresh_count >= 1
    assert panel.predicted() == 7 and "7" in panel.probe_label.text()
    shown = sal.abs_view.tile_region(0) * 10.0 ** sal.decades[0]
    np.testing.assert_allclose(shown, ex.saliency(net, x, 7), rtol=1e-4, atol=1e-12)
    shown_g = sal.gxi_view.tile_region(0) * 10.0 ** sal.decades[1]
    np.testing.assert_allclose(shown_g, ex.gradient_times_input(net, x, 7), rtol=1e-4,
                               atol=1e-12)
    before = shown.copy()
    # k = 1 by keyboard on the class selector: "predicted", 0, 1
    panel.class_combo.setFocus()
    QTest.keyClick(panel.class_combo, Qt.Key.Key_Down)
    QTest.keyClick(panel.class_combo, Qt.Key.Key_Down)
    assert panel.class_combo.value() == 1
    shown = sal.abs_view.tile_region(0) * 10.0 ** sal.decades[0]
    np.testing.assert_allclose(shown, ex.saliency(net, x, 1), rtol=1e-4, atol=1e-12)
    assert not np.allclose(shown, before)
    assert "₁" in sal.captions[1].text()


def test_saliency_follows_the_probe(panel, state, data, snapshot):
    state.set_probe(Probe.from_test(data, 1))  # a 2
    assert "test #1" in panel.probe_label.text()
    shown = panel.saliency.abs_view.tile_region(0) * 10.0 ** panel.saliency.decades[0]
    np.testing.assert_allclose(shown, ex.saliency(snapshot.to_net(), state.probe.x, 2),
                               rtol=1e-4, atol=1e-12)



def test_the_probe_answer_comes_from_the_states_trace(panel, state, data, qtbot):
    """Shown after the trace is in, the panel takes y from it: no forward pass of its own."""
    panel.hide()
    state.set_probe(Probe.from_test(data, 1))  # a 2
    assert state.wait_for_trace()
    before = panel.own_forward_passes
    panel.show()
    qtbot.waitUntil(lambda: "test #1" in panel.probe_label.text(), timeout=5000)
    assert panel.own_forward_passes == before
    np.testing.assert_array_equal(panel.y, state.trace.y)
    assert panel.predicted() == state.trace.predicted == 2

# ----------------------------------------------------------------- occlusion


def test_occlusion_paints_the_maths_for_the_current_inputs(panel, state, snapshot, qtbot):
    occ = panel.occlusion
    _tab(qtbot, panel, occ)
    _idle(qtbot, occ.runner)
    expected = ex.occlusion(snapshot.to_net(), state.probe.x, 7, size=4, stride=2)
    np.testing.assert_allclose(occ.map_view.tile_region(0), expected, rtol=1e-4, atol=1e-7)
    # a real click on the patch size's up arrow: 4 -> 5, a new job, a new map
    box = occ.size_box
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(box.width() - 6, 4))
    assert box.value() == 5
    _idle(qtbot, occ.runner)
    expected = ex.occlusion(snapshot.to_net(), state.probe.x, 7, size=5, stride=2)
    np.testing.assert_allclose(occ.map_view.tile_region(0), expected, rtol=1e-4, atol=1e-7)


def test_a_snapshot_change_cancels_the_running_map(panel, state, other_snapshot, qtbot):
    occ = panel.occlusion
    _tab(qtbot, panel, occ)
    _idle(qtbot, occ.runner)
    occ.stride_box.setValue(1)  # a new job for the old weights …
    first = occ.runner.job
    assert first is not None
    state.set_snapshot(other_snapshot)  # … replaced at once
    assert first.cancelling and occ.runner.job is not first
    _idle(qtbot, occ.runner)
    assert occ.result_key[0] is other_snapshot
    k = ex.predicted(other_snapshot.to_net(), state.probe.x)
    expected = ex.occlusion(other_snapshot.to_net(), state.probe.x, k, size=4, stride=1)
    np.testing.assert_allclose(occ.map_view.tile_region(0), expected, rtol=1e-4, atol=1e-7)
    # while training streams snapshots: the running map is cancelled, the next one waits for
    # the throttle, and the old map says the weights moved on
    state.set_training("running")
    occ.stride_box.setValue(2)
    running = occ.runner.job
    assert running is not None
    state.set_snapshot(other_snapshot.__class__(other_snapshot.config, other_snapshot.params))
    assert running.cancelling and not occ.runner.busy and occ._throttle.isActive()
    _idle(qtbot, occ.runner)
    assert occ.result_key[0] is other_snapshot  # the map of the stride-1 job, not repainted
    assert "changed since" in occ.status.text()
    state.set_training("idle")


def test_a_finished_result_for_old_inputs_never_paints(qtbot):
    """The runner's own guard: a job that completes after its inputs went stale (not
    cancelled, its computation already past every check) is dropped."""
    key = ["a"]
    painted = []
    runner = JobRunner(lambda: (key[0],), lambda r, k: painted.append(r))
    release = threading.Event()

    def fn(progress, should_stop):
        release.wait(10)
        return "for a"
    runner.start(fn, ("a",))
    key[0] = "b"  # the inputs change while it runs
    release.set()
    _idle(qtbot, runner)
    assert painted == [] and runner.dropped == 1
    runner.start(lambda p, s: "for b", ("b",))
    _idle(qtbot, runner)
    assert painted == ["for b"] and runner.painted == 1


# ----------------------------------------------------------------- fool it


def test_epsilon_slider_shows_the_models_answer_on_fgsm(panel, state, snapshot, qtbot):
    fool = panel.fool
    _tab(qtbot, panel, fool)
    net = snapshot.to_net()
    x, z = state.probe.x, 7
    slider = fool.slider
    slider.setFocus()
    for _ in range(3):  # real key presses: PageUp moves by a page step
        QTest.keyClick(slider, Qt.Key.Key_PageUp)
    eps = fool.epsilon_of_slider()
    assert eps > 0.2 and fool.epsilon == eps
    y = net.forward(ex.fgsm(net, x, z, eps).reshape(1, 1, 32, 32))["y"][0]
    k = int(np.argmax(y))
    assert k != 7, "ε > 0.2 fools the shipped weights on test #0"
    assert fool.answer.text().startswith(f"x′ is a {k} ")
    np.testing.assert_allclose(fool.bars.probs, y, rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(fool.adv, ex.fgsm(net, x, z, eps).reshape(32, 32), atol=1e-6)
    # the curve is y_z against ε, as the maths gives it
    cx, cy = fool.curve.getData()
    np.testing.assert_allclose(cy, ex.y_against_epsilon(net, x, z, cx), rtol=1e-4, atol=1e-6)
    # the iterative toggle, clicked
    check = fool.iterative_check
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(8, check.height() // 2))
    assert check.isChecked()
    adv = ex.iterative_fgsm(net, x, z, eps)
    np.testing.assert_allclose(fool.adv, adv.reshape(32, 32), atol=1e-6)


def test_make_it_a_one_reaches_the_class(panel, state, snapshot, qtbot):
    fool = panel.fool
    _tab(qtbot, panel, fool)
    fool.target_combo.set_value(1)
    check = fool.target_check
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(8, check.height() // 2))
    assert check.isChecked()
    qtbot.waitUntil(lambda: fool.target_result is not None, timeout=30000)
    _idle(qtbot, fool.runner)
    _, adv, eps, y = fool.target_result
    assert eps is not None and 0 < eps <= 0.3
    net = snapshot.to_net()
    assert ex.predicted(net, adv) == 1, "the changed image is a 1 for the model"
    assert int(np.argmax(fool.y_adv)) == 1 and fool.answer.text().startswith("x′ is a 1 ")
    assert np.abs(adv - state.probe.x.reshape(32, 32)).max() <= eps * 1.275 + 1e-5
    assert f"{eps:.3f}" in fool.status.text()


# ----------------------------------------------------------------- what a unit looks for


def test_unit_gallery_is_for_the_current_snapshot_and_a_click_shows_top_images(
        panel, state, snapshot, data, qtbot):
    units = panel.units
    units.layer_combo.setCurrentIndex(0)  # C1, before the tab is shown: one job
    _tab(qtbot, panel, units)
    _idle(qtbot, units.runner, timeout=60000)
    entry = units.cached("c1")
    assert entry is not None and entry[0] is snapshot
    res = entry[1]
    np.testing.assert_allclose(units.gallery.tile_region(3), res.x[3, 0], atol=1e-6)
    # the activations rise from the grey start (the maths' promise, seen through the panel)
    assert np.all(res.activations[-1] >= res.activations[0])
    net = snapshot.to_net()
    top = ex.top_images(net, data.test_images, "c1", 4, n=9)
    # a real click on tile 4 (row 1, column 1 of C1's 3 columns of 32×32 tiles, gap 1)
    qtbot.wait(100)  # the view's layout and range settle in the event loop
    scene = units.gallery.image.mapToScene(QPointF(33 + 16, 33 + 16))
    QTest.mouseClick(units.gallery.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, units.gallery.mapFromScene(scene))
    assert units.unit == 4 and "c1⁽⁴⁾" in units.top_caption.text()
    from lenet_gui.data import normalise
    np.testing.assert_allclose(units.top_view.tile_region(0),
                               normalise(data.test_images[top[:1]])[0, 0], atol=1e-6)


def test_new_weights_cancel_the_gallery_job_unless_training_runs(panel, state, other_snapshot,
                                                                 qtbot, monkeypatch):
    """Idle, new weights cancel the gallery's job and the gallery is computed for them; while
    training runs, a new snapshot neither cancels nor restarts the job, and the gallery it
    leaves says its weights are older. Ten steps of gradient ascent instead of 100: the job's
    state is read right after the snapshot changes, before the GUI thread could hear that it
    finished, so a shorter job proves the same."""
    from lenet_gui.gui.panels.explain import units as units_module

    monkeypatch.setattr(units_module, "STEPS", 10)
    units = panel.units
    _tab(qtbot, panel, units)
    units.layer_combo.setCurrentIndex(3)  # F6: 84 units, a longer job
    job = units.runner.job
    assert job is not None
    state.set_snapshot(other_snapshot)
    assert job.cancelling  # idle: the weights were replaced, so was the job
    _idle(qtbot, units.runner, timeout=60000)
    assert units.cached("f6") is not None and units.cached("f6")[0] is other_snapshot
    # while training runs, a new snapshot neither cancels nor restarts it
    state.set_training("running")
    units.compute()
    job = units.runner.job
    state.set_snapshot(other_snapshot.__class__(other_snapshot.config, other_snapshot.params))
    assert not job.cancelling and units.runner.job is job
    _idle(qtbot, units.runner, timeout=60000)
    assert units.shown[0] is not state.snapshot
    assert "Older weights" in units.status.text() and "Compute" in units.status.toolTip()
    state.set_training("idle")


# ----------------------------------------------------------------- in the window


def test_panel_builds_in_the_window_and_the_canvas_sends_its_drawing(make_window, qtbot):
    w = make_window()
    assert "explain" in w.docks and w.dock_title("explain") == "Explain"
    canvas = w.panel("canvas")
    canvas.probe_check.setChecked(False)  # the button alone must make the drawing the probe
    for stroke in SEVEN:
        drag(canvas.area, stroke)
    assert canvas.stages is not None and w.state.probe.source != "drawing"
    # a tab behind Feature maps: on screen nowhere (a hidden tab still says isVisible())
    assert w.dock("explain").visibleRegion().isEmpty()
    button = canvas.explain_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert w.state.probe.source == "drawing"
    panel = w.panel("explain")
    qtbot.waitUntil(lambda: not w.dock("explain").visibleRegion().isEmpty()
                    and panel.refresh_count > 0, timeout=5000)
    assert w.dock("feature_maps").visibleRegion().isEmpty()  # its tab is behind now
    assert "drawing" in panel.probe_label.text()
    np.testing.assert_array_equal(panel.x, canvas.stages.x.reshape(panel.x.shape))


def test_closing_the_window_while_a_job_runs(make_window, qtbot):
    w = make_window()
    w.dock("explain").show()
    w.dock("explain").raise_()
    panel = w.panel("explain")
    qtbot.waitUntil(lambda: panel.isVisible() and panel.refresh_count > 0, timeout=5000)
    _tab(qtbot, panel, panel.units)
    panel.units.layer_combo.setCurrentIndex(2)  # C5: 120 units
    job: Job = panel.units.runner.job
    assert job is not None and not job.wait(0)
    w.close()
    assert job.wait(0), "the job ended before the window closed"
    assert all(j.wait(0) for j in panel.units.runner.alive.values())
    assert pool("explain").activeThreadCount() == 0


def test_every_control_and_plot_says_what_it_is(panel):
    import pyqtgraph as pg
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSlider,
        QAbstractSpinBox,
        QComboBox,
        QWidget,
    )

    from lenet_gui.gui.widgets.bars import ProbabilityBars
    from lenet_gui.gui.widgets.images import PixelImage

    kinds = (QAbstractButton, QAbstractSlider, QAbstractSpinBox, QComboBox, pg.GraphicsView,
             PixelImage, ProbabilityBars)
    found = [w for w in panel.findChildren(QWidget) if isinstance(w, kinds)
             and not isinstance(w.parentWidget(), (QComboBox, QAbstractSpinBox))
             and type(w).__name__ not in ("QScrollBar", "QToolButton")]
    assert len(found) >= 20
    missing = [f"{type(w).__name__} {w.objectName()}" for w in found if not w.whatsThis()]
    assert not missing, missing
    for i in range(panel.tabs.count()):
        assert panel.tabs.tabWhatsThis(i)
