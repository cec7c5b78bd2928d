"""The backprop stepper dock, driven through a real AppState: keyboard stepping, real mouse
clicks on the heatmaps, the Check button, the update step and the formula images; following
the probe, the walk is built from the state's trace without a forward pass of its own."""

from __future__ import annotations

import os
import threading

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from lenet_gui.explain.walk import BackpropWalk
from lenet_gui.gui.panels.stepper import StepperPanel
from lenet_gui.gui.state import AppState, Probe
from lenet_gui.gui.widgets.heatmap import grid_shape
from lenet_gui.model import TABLE_C3, LeNet5, LeNetConfig
from tests import helpers

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                                       "This plugin does not support raise")


@pytest.fixture(scope="module")
def data():
    return helpers.mnist()


@pytest.fixture
def panel(qtbot, data):
    state = AppState()
    state.set_data(data)
    state.set_snapshot(LeNet5(LeNetConfig(), seed=4).snapshot())
    p = StepperPanel(state)
    qtbot.addWidget(p)
    p.resize(700, 420)
    p.show()
    qtbot.waitExposed(p)
    p.index_spin.setValue(11)
    yield p
    state.shutdown()


def click_tile(qtbot, view, tile, row, col):
    """A real left click on the centre of pixel (row, col) of `tile` in a HeatmapView."""
    qtbot.waitUntil(lambda: view.isVisible() and view.width() > 50)
    qtbot.wait(20)  # let the new views' layout settle
    n, h, w = view.maps.shape
    _, cols = grid_shape(n, view.cols)
    r, c = divmod(tile, cols)
    x = c * (w + view.gap) + col + 0.5
    y = r * (h + view.gap) + row + 0.5
    pos = view.mapFromScene(view.image.mapToScene(QPointF(x, y)))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     pos)


def view_of(panel, key):
    return next((q, v) for q, v in panel.views if q.key == key)


def rows(panel):
    t = panel.terms_view
    return [[t.topLevelItem(i).text(c) for c in range(3)] for i in range(t.topLevelItemCount())]


def test_keyboard_steps_through_the_walk(panel, qtbot):
    panel.setFocus()
    n = len(panel.walk.steps)
    assert panel.current == 0
    QTest.keyClick(panel, Qt.Key.Key_Right)
    assert panel.current == 1
    QTest.keyClick(panel, Qt.Key.Key_Right)
    assert panel.step.id == "softmax"
    QTest.keyClick(panel, Qt.Key.Key_Left)
    assert panel.current == 1
    QTest.keyClick(panel, Qt.Key.Key_End)
    assert panel.current == n - 1 and panel.step.id == "update"
    QTest.keyClick(panel, Qt.Key.Key_Right)  # stays at the end
    assert panel.current == n - 1
    QTest.keyClick(panel, Qt.Key.Key_Home)
    assert panel.current == 0
    assert panel.step_label.text() == f"1 / {n}"


def test_each_step_shows_its_quantities_and_formulas(panel):
    for i, step in enumerate(panel.walk.steps):
        panel.show_step(i)
        assert [q.key for q, _ in panel.views] == [q.key for q in step.quantities]
        for q, v in panel.views:
            assert np.array_equal(v.maps, np.asarray(q.maps, np.float32))
            assert np.array_equal(v.tile_region(0), np.asarray(q.maps[0], np.float32))
        assert len(panel.formula_labels) == len(step.formulas)
        for lbl in panel.formula_labels:
            img = lbl.pixmap().toImage()
            assert img.width() > 20 and img.height() > 8
            alphas = {img.pixelColor(x, y).alpha() for x in range(0, img.width(), 3)
                      for y in range(img.height())}
            assert 0 in alphas and max(alphas) > 200  # ink on a transparent ground
        assert step.title in panel.title_label.text()
        assert panel.diagram.current == step.layer


def test_clicking_delta_f6_lists_its_ten_terms(panel, qtbot):
    panel.go_to("f7")
    q, v = view_of(panel, "delta_f6")
    j = 30  # tile 0, row 2, col 6 of the 7×12 tile
    click_tile(qtbot, v, 0, 2, 6)
    assert panel.selected[0].key == "delta_f6" and panel.selected[1] == (j,)
    w = panel.walk
    hand = [float(w.grads["delta_u_f7"][0, i]) * float(w.net.params["w7"][i, j])
            for i in range(10)]
    shown = rows(panel)
    assert len(shown) == 10
    values = [float(r[1]) for r in shown]
    assert values == pytest.approx(sorted(hand, key=lambda x: -abs(x)), rel=1e-4)
    assert sum(hand) == pytest.approx(float(w.grads["delta_f6"][0, j]), rel=1e-4, abs=1e-9)
    assert "10 terms" in panel.entry_label.text()
    assert "δ(f6₃₀)" in panel.entry_label.text()


def test_clicking_delta_s2_lists_table1_terms_and_checks(panel, qtbot):
    panel.go_to("c3")
    q, v = view_of(panel, "delta_s2")
    k, i, j = 2, 5, 9
    click_tile(qtbot, v, k, i, j)
    assert panel.selected[1] == (k, i, j)
    w = panel.walk
    du, w3 = w.grads["delta_u_c3"][0].astype(np.float64), w.net.params["w3"]
    hand = [du[m, i - 2 + a, j - 2 + b] * w3[m, k, 2 - a, 2 - b]
            for m in range(16) if TABLE_C3[m, k]
            for a in range(-2, 3) for b in range(-2, 3)
            if 0 <= i - 2 + a < 10 and 0 <= j - 2 + b < 10]
    shown = rows(panel)
    assert len(shown) == len(hand) == int(TABLE_C3[:, k].sum()) * 25
    assert sum(float(r[1]) for r in shown) == pytest.approx(sum(hand), rel=1e-3, abs=1e-8)
    assert sum(hand) == pytest.approx(float(w.grads["delta_s2"][0, k, i, j]), rel=1e-4,
                                      abs=1e-9)
    # the formula that computes δ(s2) is marked; Check compares with a finite difference
    assert panel.step.formulas[panel._marked_formula].startswith("$\\delta(s2")
    assert panel.check_button.isEnabled()
    QTest.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
    c = panel.last_check
    assert c.rel_error < 1e-6 or c.kink
    assert "relative error" in panel.check_label.text()
    assert f"{c.analytic:.6e}" in panel.check_label.text()


def test_check_a_weight_of_c1(panel, qtbot):
    panel.go_to("c1")
    q, v = view_of(panel, "w1")
    click_tile(qtbot, v, 3, 1, 4)
    assert panel.selected[1] == (3, 0, 1, 4)
    assert len(rows(panel)) == 400 + 1  # 784 terms: the largest 400 and a summary row
    QTest.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
    assert panel.last_check.rel_error < 1e-6


def test_update_step_lowers_J_with_a_small_alpha(panel, qtbot):
    panel.go_to("update")
    assert panel.alpha_row.isVisible()
    panel.alpha_spin.setValue(0.001)
    r = panel.walk.last_update
    assert r.alpha == pytest.approx(0.001)
    assert r.J_after < r.J_before
    assert "→" in panel.j_label.text()
    assert panel.terms_view.topLevelItemCount() >= 10  # ‖Δθ‖ per layer, kernels below
    q, v = view_of(panel, "update_w1")
    assert np.allclose(q.array, -0.001 * panel.walk.grads["w1"])
    click_tile(qtbot, v, 0, 2, 2)
    assert "→" in panel.entry_label.text()


def test_label_probe_and_refresh(panel, qtbot, data):
    label = int(data.test_labels[11])
    assert panel.walk.label == label
    panel.label_combo.setCurrentIndex((label + 1) % 10)
    assert panel.walk.label == (label + 1) % 10
    # a drawing arrives as the probe: any target digit can be chosen
    x = np.asarray(Probe.from_test(data, 5).x)
    panel.state.set_probe(Probe.from_input(x, None, "drawing"))
    QTest.mouseClick(panel.probe_button, Qt.MouseButton.LeftButton)
    assert "drawing" in panel.sample_label.text()
    assert np.array_equal(panel.walk.x, x)
    panel.label_combo.setCurrentIndex(7)
    assert panel.walk.label == 7
    # new weights wait for Refresh
    old = panel.walk
    panel.state.set_snapshot(LeNet5(LeNetConfig(), seed=9).snapshot())
    assert panel.walk is old and "•" in panel.refresh_button.text()
    QTest.mouseClick(panel.refresh_button, Qt.MouseButton.LeftButton)
    assert panel.walk is not old
    assert np.array_equal(panel.walk.net.params["w1"], panel.state.snapshot.params["w1"])


def test_play_advances_and_stops_at_the_end(panel, qtbot):
    panel.speed_spin.setValue(0.2)
    panel.go_to("c1")
    QTest.mouseClick(panel.play_button, Qt.MouseButton.LeftButton)
    assert panel.play_button.isChecked()
    qtbot.waitUntil(lambda: panel.step.id == "update", timeout=5000)
    qtbot.waitUntil(lambda: not panel.play_button.isChecked(), timeout=3000)


@pytest.mark.parametrize("config", [LeNetConfig(pooling="trainable"),
                                    LeNetConfig(pooling="mean", activation="relu")],
                         ids=["trainable", "mean-relu"])
def test_other_models_show_their_steps(qtbot, data, config):
    state = AppState()
    state.set_data(data)
    state.set_snapshot(LeNet5(config, seed=1).snapshot())
    p = StepperPanel(state)
    qtbot.addWidget(p)
    assert p.walk is None and p.refresh_count == 0  # hidden: no walk is built
    p.show()  # the walk is built when the dock is shown
    qtbot.waitExposed(p)
    p.go_to("s4")
    keys = [q.key for q, _ in p.views]
    if config.pooling == "trainable":
        assert keys == ["delta_u_s4", "a4", "b4", "delta_c3"]
        q, v = view_of(p, "a4")
        click_tile(qtbot, v, 0, 0, 3)
        assert p.selected[1] == (3,) and len(rows(p)) == 25
    else:
        assert keys == ["delta_c3"]
    state.shutdown()


def count_forwards(monkeypatch, snapshot):
    """Wrap LeNet5.forward: one entry per call on the GUI thread (the state's trace runs on
    its own thread), True when the call ran the snapshot's weights."""
    calls, original, gui = [], LeNet5.forward, threading.main_thread()

    def forward(self, x, *args, **kwargs):
        if threading.current_thread() is gui:
            calls.append(all(np.array_equal(self.params[k], v)
                             for k, v in snapshot.params.items()))
        return original(self, x, *args, **kwargs)

    monkeypatch.setattr(LeNet5, "forward", forward)
    return calls


def assert_same_walk(a, b):
    assert np.array_equal(a.J, b.J)
    assert np.array_equal(a.t["y"], b.t["y"])
    assert np.array_equal(a.g["delta_u_c1"], b.g["delta_u_c1"])
    assert a.trace.keys() == b.trace.keys() and a.grads.keys() == b.grads.keys()
    for k in a.trace:
        assert np.array_equal(a.trace[k], b.trace[k]), k
    for k in a.grads:
        assert np.array_equal(a.grads[k], b.grads[k]), k
    for sa, sb in zip(a.steps, b.steps, strict=True):
        assert [q.key for q in sa.quantities] == [q.key for q in sb.quantities]
        for qa, qb in zip(sa.quantities, sb.quantities):
            assert np.array_equal(qa.maps, qb.maps), (sa.id, qa.key)


def test_probe_walk_for_new_weights_reuses_the_state_trace(panel, qtbot, monkeypatch):
    state = panel.state
    QTest.mouseClick(panel.probe_button, Qt.MouseButton.LeftButton)
    snap = LeNet5(LeNetConfig(), seed=9).snapshot()
    state.set_snapshot(snap)
    assert state.wait_for_trace()
    # the walk must not write into what every panel shares
    for arrays in (state.trace.trace, state.trace.grads):
        for a in arrays.values():
            a.setflags(write=False)
    calls = count_forwards(monkeypatch, snap)
    QTest.mouseClick(panel.refresh_button, Qt.MouseButton.LeftButton)
    walk = panel.walk
    assert walk.trace is state.trace.trace and walk.grads is state.trace.grads
    assert walk.label == state.trace.label == state.probe.label
    # no forward pass through the snapshot's weights: the one forward is the update step's
    # J after θ − α·δ(θ), on a copy with other weights
    assert calls == [False]
    for i in range(len(walk.steps)):
        panel.show_step(i)
    # the same walk as one that runs the model itself
    old_way = BackpropWalk(walk.net, state.probe.x, walk.label, alpha=walk.alpha)
    assert calls == [False, True, False]
    assert_same_walk(walk, old_way)


def test_probe_change_waits_for_the_trace(panel, qtbot, monkeypatch, data):
    """A new probe (a drawing: no label, so the predicted digit is z) is walked from its trace
    when the trace comes; choosing another label runs the model again."""
    state = panel.state
    QTest.mouseClick(panel.probe_button, Qt.MouseButton.LeftButton)
    old, calls = panel.walk, count_forwards(monkeypatch, state.snapshot)
    state.set_probe(Probe.from_input(np.asarray(Probe.from_test(data, 7).x), None, "drawing"))
    assert panel.walk is old  # the trace is on its way
    assert state.wait_for_trace()
    assert panel.walk is not old and panel.walk.trace is state.trace.trace
    assert "drawing" in panel.sample_label.text()
    assert panel.walk.label == state.trace.predicted == panel.label_combo.currentIndex()
    assert calls == [False]
    other = (panel.walk.label + 1) % 10
    panel.label_combo.setCurrentIndex(other)
    assert panel.walk.label == other and panel.walk.trace is not state.trace.trace
    assert calls == [False, True, False]
