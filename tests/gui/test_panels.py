"""The network panels, driven through a real AppState: change the state, check the widgets
(and their pixels); hover and click with real mouse events."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import dataclasses

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from lenet_gui.data.mnist import Dataset
from lenet_gui.gui.panels.architecture import ArchitecturePanel
from lenet_gui.gui.panels.deltas import DeltasPanel
from lenet_gui.gui.panels.feature_maps import FeatureMapsPanel
from lenet_gui.gui.panels.kernels import KernelsPanel, c3_grid
from lenet_gui.gui.state import AppState, Probe
from lenet_gui.gui.widgets.course_heatmap import CourseHeatmap, fmt
from lenet_gui.model import TABLE_C3, LeNet5, LeNetConfig
from lenet_gui.train import TrainConfig, Trainer
from tests import helpers

# The offscreen platform can neither pass a top-level window's size hints on (the panels'
# layouts change them: tables and sections fit their contents) nor raise a window (the
# enlarge dialog raises itself when it is reused).
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                                       "This plugin does not support raise")

PANELS = (FeatureMapsPanel, KernelsPanel, DeltasPanel, ArchitecturePanel)


@pytest.fixture(scope="module")
def data():
    return helpers.mnist()


@pytest.fixture(scope="module")
def snapshots(data):
    """The initial weights and the weights after 25 SGD steps on 2,000 images."""
    net = LeNet5(LeNetConfig())
    before = net.snapshot()
    small = Dataset(train_images=data.train_images[:2000], train_labels=data.train_labels[:2000],
                    test_images=data.test_images, test_labels=data.test_labels, source="small")
    # α 0.03, cosine: the probe (a 7) is still being learned after 25 steps, so the δ panel
    # draws its maps (a learned probe, J ≈ 0, shows the "learned" note instead)
    trainer = Trainer(net, small, TrainConfig(batch_size=32, epochs=1, subset_every=0,
                                              warmup_batches=5, learning_rate=0.03,
                                              schedule="cosine"))
    reports = []
    for r in trainer.steps():
        reports.append(r)
        if len(reports) == 25:
            break
    return before, net.snapshot(), reports


@pytest.fixture
def state(data, snapshots):
    s = AppState()
    s.set_data(data)
    s.set_snapshot(snapshots[1])
    settle(s)
    return s


def settle(state):
    """Until the probe's trace for the current snapshot and probe is in (it is computed off
    the GUI thread) and the visible panels drew it."""
    assert state.wait_for_trace()


def make(qtbot, cls, state, size=(900, 600), show=True):
    panel = cls(state)
    qtbot.addWidget(panel)
    panel.resize(*size)
    if show:
        panel.show()
        qtbot.waitExposed(panel)
    return panel


def trace_of(state):
    net = state.snapshot.to_net()
    return net, net.forward(state.probe.x)


def widget_pos(qtbot, view: CourseHeatmap, tile: int, row: int, col: int) -> QPoint:
    """Where a map pixel is on screen, once the view has laid itself out (pyqtgraph updates
    its transforms lazily, after the first events)."""
    last = [None]

    def settled() -> bool:
        pos = view.pixel_to_widget(tile, row, col)
        done = pos == last[0] and view.viewport().rect().contains(pos)
        last[0] = pos
        return done

    qtbot.waitUntil(settled, timeout=2000)
    return last[0]


def hover(qtbot, view: CourseHeatmap, tile: int, row: int, col: int) -> str:
    pos = widget_pos(qtbot, view, tile, row, col)
    QTest.mouseMove(view.viewport(), pos)
    qtbot.waitUntil(lambda: view.readout.text != "", timeout=1000)
    return view.readout.text


# ---------------------------------------------------------------- feature maps


def test_feature_maps_show_the_probe_trace(qtbot, state):
    panel = make(qtbot, FeatureMapsPanel, state)
    _, t = trace_of(state)
    v = panel.views
    np.testing.assert_array_equal(v["c1"].tile_region(4), t["c1"][0, 4])
    np.testing.assert_array_equal(v["s2"].tile_region(5), t["s2"][0, 5])
    np.testing.assert_array_equal(v["c3"].tile_region(11), t["c3"][0, 11])
    np.testing.assert_array_equal(v["s4"].tile_region(15), t["s4"][0, 15])
    np.testing.assert_array_equal(v["x"].tile_region(0), t["x"][0, 0])
    np.testing.assert_array_equal(v["c5"].maps[0].ravel(), t["c5"][0])  # 10×12, row-major
    np.testing.assert_array_equal(v["f6"].maps[0].ravel(), t["f6"][0])  # 7×12
    assert v["c5"].maps.shape == (1, 10, 12) and v["f6"].maps.shape == (1, 7, 12)
    np.testing.assert_allclose(panel.f7_bars.values, t["f7"][0])
    np.testing.assert_allclose(panel.y_bars.values, t["y"][0])
    pred = int(np.argmax(t["y"][0]))
    assert f"predicted {pred}" in panel.y_section.caption.text()
    header = panel.header.text()
    assert "test #0" in header and f"label z = {state.probe.label}" in header
    # activations: sequential, levels from the activation's range (LeCun's ±1.7159)
    assert not v["c1"].signed
    assert v["c1"].current_levels == pytest.approx((-1.7159, 1.7159), abs=1e-4)


def test_feature_maps_follow_the_probe(qtbot, state, data):
    panel = make(qtbot, FeatureMapsPanel, state)
    state.set_probe(Probe.from_test(data, 7))
    settle(state)
    _, t = trace_of(state)
    np.testing.assert_array_equal(panel.views["c3"].tile_region(3), t["c3"][0, 3])
    assert "test #7" in panel.header.text()


def test_hover_shows_course_notation(qtbot, state):
    panel = make(qtbot, FeatureMapsPanel, state)
    _, t = trace_of(state)
    text = hover(qtbot, panel.views["c3"], 5, 2, 7)
    assert text == f"c3⁽⁵⁾₍₂,₇₎ = {fmt(float(t['c3'][0, 5, 2, 7]))}"
    text = hover(qtbot, panel.views["f6"], 0, 3, 4)  # unit 3·12 + 4 = 40
    assert text == f"f6₄₀ = {fmt(float(t['f6'][0, 40]))}"


def test_click_enlarges_the_tile(qtbot, state):
    panel = make(qtbot, FeatureMapsPanel, state)
    _, t = trace_of(state)
    view = panel.views["c1"]
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=widget_pos(qtbot, view, 4, 10, 10))
    qtbot.waitUntil(lambda: panel.enlarge_dialog is not None and panel.enlarge_dialog.isVisible(),
                    timeout=2000)
    dlg = panel.enlarge_dialog
    assert dlg.tile == 4 and dlg.source is view
    np.testing.assert_array_equal(dlg.view.maps[0], t["c1"][0, 4])
    assert dlg.view.colorbar is not None
    assert dlg.view.current_levels == pytest.approx(view.current_levels)
    assert "map 4" in dlg.caption.text()
    # the enlarged map is a heatmap of its own, with the same hover text. (Offscreen, windows
    # have no stacking order: keep the dialog clear of the panel so the move reaches it.)
    dlg.move(panel.frameGeometry().right() + 20, 0)
    text = hover(qtbot, dlg.view, 0, 20, 3)
    assert text == f"c1⁽⁴⁾₍₂₀,₃₎ = {fmt(float(t['c1'][0, 4, 20, 3]))}"


# ---------------------------------------------------------------- kernels


def test_kernels_show_the_weights(qtbot, state):
    panel = make(qtbot, KernelsPanel, state)
    p = state.snapshot.params
    v = panel.views
    np.testing.assert_array_equal(v["c1"].tile_region(4), p["w1"][4, 0])
    k, m = 3, 9  # tile k·16 + m in Table 1's layout
    np.testing.assert_array_equal(v["c3"].tile_region(k * 16 + m), p["w3"][m, k])
    np.testing.assert_array_equal(v["c5"].tile_region(7)[11], p["w5"][11, 7].ravel())
    np.testing.assert_array_equal(v["f6"].tile_region(0), p["w6"])
    np.testing.assert_array_equal(v["f7"].tile_region(0), p["w7"])
    text = hover(qtbot, v["c1"], 3, 1, 4)  # w1 at u = −1, v = 2
    assert text == f"w1⁽³⁾₍₋₁,₂₎ = {fmt(float(p['w1'][3, 0, 1, 4]))}"


def test_unconnected_c3_kernels_are_visibly_empty(qtbot, state, snapshots):
    # A connected kernel of zeros must look different from an unconnected one.
    params = dict(state.snapshot.params)
    w3 = params["w3"].copy()
    w3[0, 0] = 0.0  # C3 map 0 reads S2 map 0 (Table 1): a connected, all-zero kernel
    params["w3"] = w3
    state.set_snapshot(dataclasses.replace(state.snapshot, params=params))
    settle(state)
    panel = make(qtbot, KernelsPanel, state)
    view = panel.views["c3"]
    empty = ~TABLE_C3.T.ravel()  # tile k·16 + m
    assert empty.sum() == 36
    rgba = view.overlay.image  # 8 sub-pixels per weight
    for tile in range(96):
        x0, y0 = view.tile_origin(tile)
        alpha = rgba[y0 * 8 : (y0 + 5) * 8, x0 * 8 : (x0 + 5) * 8, 3]
        assert (alpha == 255).all() if empty[tile] else (alpha == 0).all(), tile
    # … and on screen: the hatched tile is grey and striped, the zero kernel plain white-ish
    image = view.grab().toImage()

    def colours(tile):
        pts = [view.pixel_to_widget(tile, r, c) for r in range(5) for c in range(5)]
        return np.array([[image.pixelColor(p).red(), image.pixelColor(p).green(),
                          image.pixelColor(p).blue()] for p in pts], float)

    zero, hatched = colours(0 * 16 + 0), colours(0 * 16 + 1)  # (k=0, m=0) vs (k=0, m=1)
    assert TABLE_C3[0, 0] and not TABLE_C3[1, 0]
    assert np.abs(zero.mean(0) - hatched.mean(0)).max() > 40
    assert zero.mean() > 200 and hatched.mean() < 170
    text = hover(qtbot, view, 1, 2, 2)
    assert "not connected" in text and "w3⁽⁰,¹⁾₍₀,₀₎" in text


def test_fully_connected_c3_has_no_empty_kernels(qtbot, data):
    s = AppState()
    s.set_data(data)
    s.set_snapshot(LeNet5(LeNetConfig(c3_table=False)).snapshot())
    settle(s)
    panel = make(qtbot, KernelsPanel, s)
    assert panel.views["c3"].overlay is None
    assert "96" in panel.c3_section.note.text()


def test_signed_levels_are_symmetric(qtbot, state):
    kernels = make(qtbot, KernelsPanel, state)
    deltas = make(qtbot, DeltasPanel, state)
    assert deltas.wait_for_frame()  # the hardest test image's δ, computed off the GUI thread
    for view in [*kernels.views.values(), *deltas.views.values()]:
        assert view.signed
        lo, hi = view.current_levels
        assert hi > 0 and lo == pytest.approx(-hi)
        assert tuple(view.colorbar.levels()) == pytest.approx((lo, hi), rel=1e-6)


# ---------------------------------------------------------------- δ


def test_deltas_show_the_backward_pass(qtbot, state):
    panel = make(qtbot, DeltasPanel, state)
    panel.set_source("probe")  # the probe of the other panels (the default: the hardest image)
    assert panel.wait_for_frame()
    net, t = trace_of(state)
    g = net.backward(t, np.array([state.probe.label]), need_input=False)
    v = panel.views
    np.testing.assert_array_equal(v["u_c1"].tile_region(2), g["delta_u_c1"][0, 2])
    np.testing.assert_array_equal(v["u_c3"].tile_region(9), g["delta_u_c3"][0, 9])
    np.testing.assert_array_equal(v["u_c5"].maps[0].ravel(), g["delta_u_c5"][0])
    np.testing.assert_array_equal(v["u_f6"].maps[0].ravel(), g["delta_u_f6"][0])
    np.testing.assert_allclose(panel.f7_bars.values, g["delta_u_f7"][0])
    np.testing.assert_array_equal(v["w1"].tile_region(5), g["w1"][5, 0])
    np.testing.assert_array_equal(v["w3"].maps, c3_grid(g["w3"]))
    # δ(f7) = y − z: only the label's entry is negative
    assert np.argmin(panel.f7_bars.values) == state.probe.label
    # levels: ± the 99th percentile of |δ| (first frame), so the largest values saturate
    d = np.abs(g["delta_u_c1"][0])
    assert v["u_c1"].current_levels[1] == pytest.approx(np.percentile(d, 99), rel=1e-5)
    assert v["u_c1"].current_levels[1] < d.max()
    text = hover(qtbot, v["u_c3"], 9, 4, 6)
    assert text == f"δ(u_c3⁽⁹⁾₍₄,₆₎) = {fmt(float(g['delta_u_c3'][0, 9, 4, 6]))}"


def test_levels_do_not_flicker(qtbot, state, data):
    panel = make(qtbot, DeltasPanel, state)
    panel.set_source("probe")
    panel.set_levels_mode("tracked")  # the user's choice: colours comparable across frames
    assert panel.wait_for_frame()
    view = panel.views["u_c3"]
    previous = view.current_levels[1]
    for i in range(1, 8):  # other probes: |δ| jumps around from sample to sample
        state.set_probe(Probe.from_test(data, i))
        settle(state)
        now = view.current_levels[1]
        assert now >= previous * 0.97 * (1 - 1e-6)  # shrinks at most 3 % a frame
        previous = now


def test_layer_health_plot(qtbot, state, snapshots):
    panel = make(qtbot, DeltasPanel, state)
    reports = snapshots[2]
    state.add_reports(reports[:10])
    state.add_reports(reports[10:])
    assert list(state.history.health["step"].values) == [r.step for r in reports]
    x, y = panel.health_curves["c3"].getOriginalDataset()
    np.testing.assert_array_equal(x, [r.step for r in reports])
    np.testing.assert_allclose(y, [r.grad_norms["c3"] for r in reports], rtol=1e-6)
    assert panel.health_plot.getPlotItem().ctrl.logYCheck.isChecked()  # log y axis
    legend = panel.health_plot.getPlotItem().legend
    assert [label.text for _, label in legend.items] == ["C1", "C3", "C5", "F6", "F7"]
    # a new run (its step counter starts again) continues on the same axis as the loss curve
    state.add_reports([dataclasses.replace(reports[0], step=1)])
    x, _ = panel.health_curves["c3"].getOriginalDataset()
    assert x[-1] == reports[-1].step + 1 and len(x) == len(reports) + 1


# ---------------------------------------------------------------- visibility


def test_hidden_panels_do_no_work(qtbot, state, snapshots, data):
    panels = [make(qtbot, cls, state, show=False) for cls in PANELS]
    for snap in (snapshots[0], snapshots[1], snapshots[0]):
        state.set_snapshot(snap)
        settle(state)
    state.set_probe(Probe.from_test(data, 3))
    settle(state)
    state.add_reports(snapshots[2])
    for panel in panels:
        assert panel.refresh_count == 0
        for view in getattr(panel, "views", {}).values():
            assert view.update_count == 0
    assert panels[2].health_update_count == 0
    for panel in panels:  # shown again: one refresh with the latest state
        panel.show()
        qtbot.waitExposed(panel)
        assert panel.refresh_count == 1
    _, t = trace_of(state)
    np.testing.assert_array_equal(panels[0].views["c1"].tile_region(0), t["c1"][0, 0])
    assert len(panels[2].health_curves["c1"].getOriginalDataset()[0]) == len(snapshots[2])
    panels[0].hide()
    state.set_snapshot(snapshots[1])
    settle(state)
    assert panels[0].refresh_count == 1 and panels[1].refresh_count == 2


def test_two_grabs_differ_after_training(qtbot, data, snapshots):
    s = AppState()
    s.set_data(data)
    s.set_snapshot(snapshots[0])
    settle(s)
    def drawn(panel):
        settle(s)
        if isinstance(panel, DeltasPanel):
            assert panel.wait_for_frame()

    for cls in (FeatureMapsPanel, KernelsPanel, DeltasPanel):
        panel = make(qtbot, cls, s)
        drawn(panel)
        before = panel.grab().toImage()
        s.set_snapshot(snapshots[1])
        drawn(panel)
        after = panel.grab().toImage()
        assert before.size() == after.size()
        assert before != after, cls.__name__
        s.set_snapshot(snapshots[0])
        settle(s)


# ---------------------------------------------------------------- architecture


def test_architecture_counts_are_the_courses(qtbot, state):
    panel = make(qtbot, ArchitecturePanel, state)
    t = panel.counts_table
    rows = {t.item(r, 0).text(): [t.item(r, c).text() for c in range(1, 4)]
            for r in range(t.rowCount())}
    assert rows["C1"][:2] == ["156", "122,304"]
    assert "(25+1)·6 = 156" in rows["C1"][2] and "28·28·26·6 = 122,304" in rows["C1"][2]
    assert rows["C3"][:2] == ["1,516", "151,600"]
    assert rows["C5"][:2] == ["48,120", "48,120"]
    assert rows["F6"][:2] == ["10,164", "10,164"]
    assert rows["F7"][:2] == ["850", "850"]
    assert rows["Total"][0] == "60,806"
    c3 = panel.c3_table
    shown = np.array([[c3.item(k, m).text() == "X" for m in range(16)] for k in range(6)])
    np.testing.assert_array_equal(shown, TABLE_C3.T)  # rows S2 map k, columns C3 map m
    assert shown.sum() == 60


def test_architecture_trainable_subsampling_counts(qtbot, data):
    s = AppState()
    s.set_data(data)
    s.set_snapshot(LeNet5(LeNetConfig(pooling="trainable")).snapshot())
    settle(s)
    panel = make(qtbot, ArchitecturePanel, s)
    t = panel.counts_table
    rows = {t.item(r, 0).text(): [t.item(r, c).text() for c in range(1, 3)]
            for r in range(t.rowCount())}
    assert rows["S2"] == ["12", "5,880"] and rows["S4"] == ["32", "2,000"]
    assert rows["Total"][0] == "60,850"


def test_layer_selection_propagates(qtbot, state):
    arch = make(qtbot, ArchitecturePanel, state)
    others = [make(qtbot, cls, state, size=(450, 400)) for cls in PANELS[:3]]
    rect = arch.figure.column_rect("c3")
    pos = rect.center().toPoint()
    with qtbot.waitSignal(state.changed, timeout=1000,
                          check_params_cb=lambda topic: topic == "layer"):
        QTest.mouseClick(arch.figure, Qt.MouseButton.LeftButton, pos=pos)
    assert state.selected_layer == "c3"
    assert arch.figure.selected == "c3"
    assert arch.counts_table.selectedItems()[0].text() == "C3"
    for panel in others:
        assert panel.selected_layer == "c3"
        lit = [s for s in panel.sections if s.highlighted]
        assert lit and all(s.layer == "c3" for s in lit), type(panel).__name__
    # the highlighted section was scrolled into view in the small (450×400) panels
    fm = others[0]
    section = next(s for s in fm.sections if s.highlighted)
    top = section.mapTo(fm._scroll.viewport(), QPoint(0, 0)).y()
    assert 0 <= top < fm._scroll.viewport().height()
    # a click on a row of the counts table selects too
    row = 5  # F6
    rect = arch.counts_table.visualItemRect(arch.counts_table.item(row, 0))
    with qtbot.waitSignal(state.changed, timeout=1000,
                          check_params_cb=lambda topic: topic == "layer"):
        QTest.mouseClick(arch.counts_table.viewport(), Qt.MouseButton.LeftButton,
                         pos=rect.center())
    assert state.selected_layer == "f6"


def test_text_is_at_least_9pt(qtbot, state):
    from PySide6.QtWidgets import QLabel
    for cls in PANELS:
        panel = make(qtbot, cls, state)
        for label in panel.findChildren(QLabel):
            size = label.font().pointSizeF()
            assert size < 0 or size >= 9, (cls.__name__, label.text())
