"""Viewing a run's timeline through a real AppState: every panel shows the recorded network
when scrubbed and the live one after "back to live"; live snapshots arriving meanwhile are
kept, not shown; background jobs moved on from never paint a stale result."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import pytest

from lenet_gui.gui.jobs import pool
from lenet_gui.gui.panels.canvas import CanvasPanel
from lenet_gui.gui.panels.confusion import ConfusionPanel
from lenet_gui.gui.panels.deltas import DeltasPanel
from lenet_gui.gui.panels.feature_maps import FeatureMapsPanel
from lenet_gui.gui.panels.feature_space import FeatureSpacePanel
from lenet_gui.gui.panels.kernels import KernelsPanel
from lenet_gui.gui.panels.robustness import RobustnessPanel
from lenet_gui.gui.panels.stepper import StepperPanel
from lenet_gui.gui.state import AppState
from lenet_gui.model import NetworkSnapshot
from lenet_gui.train import analysis as an
from lenet_gui.train import evaluate
from tests.gui.timeline_fixtures import recorded_run  # noqa: F401 (a fixture)

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def state(small_data, recorded_run):  # noqa: F811
    s = AppState()
    s.set_data(small_data)
    s.set_runs([recorded_run])
    s.set_run(recorded_run)
    yield s
    s.shutdown()


@pytest.fixture(autouse=True)
def _drain_pool():
    yield
    pool("evaluation").waitForDone(20000)


def _show(qtbot, cls, state, size=(700, 450)):
    p = cls(state)
    qtbot.addWidget(p)
    p.resize(*size)
    p.show()
    qtbot.waitExposed(p)
    return p


def _forward(snapshot: NetworkSnapshot, x: np.ndarray) -> dict:
    return snapshot.to_net().forward(x)


def _check_panels(qtbot, state, panels, snap: NetworkSnapshot,
                  canvas_snap: NetworkSnapshot | None = None) -> None:
    """Each panel drew `snap`'s network (computed here independently of the panels); the
    canvas `canvas_snap`'s when given (its own model, chosen in the Runs panel)."""
    kernels, maps, deltas, canvas, stepper = panels
    assert state.wait_for_trace()
    qtbot.waitUntil(lambda: not any(p.stale for p in panels), timeout=5000)
    np.testing.assert_array_equal(kernels.views["c1"].maps, snap.params["w1"][:, 0])
    np.testing.assert_array_equal(kernels.views["c3"].maps[0], snap.params["w3"][0, 0])
    t = _forward(snap, state.probe.x)
    np.testing.assert_allclose(maps.views["c1"].maps, t["c1"][0], rtol=1e-5, atol=1e-6)
    assert state.trace.snapshot is snap
    np.testing.assert_allclose(deltas.views["w1"].maps, state.trace.grads["w1"][:, 0])
    x = state.probe.x
    want_y = t["y"] if canvas_snap is None else _forward(canvas_snap, x)["y"]
    np.testing.assert_allclose(canvas.model_net().forward(x)["y"], want_y, rtol=1e-5)
    qtbot.waitUntil(lambda: stepper.walk is not None and stepper._net_snapshot is snap,
                    timeout=5000)
    for k in ("w1", "w7"):
        np.testing.assert_array_equal(stepper._net.params[k], snap.params[k])


def test_every_panel_follows_the_timeline_and_back_to_live(qtbot, state, recorded_run):  # noqa: F811
    from dataclasses import replace

    tl = recorded_run.timeline
    live = state.snapshot
    # The canvas's own model is another run (the Runs panel's choice): live, the canvas
    # shows that one; viewing the past, the viewed snapshot.
    other = replace(recorded_run, id="other", name="other", params=tl.params(3))
    state.set_runs([recorded_run, other])
    state.set_canvas_run(other)
    panels = [_show(qtbot, cls, state) for cls in (KernelsPanel, FeatureMapsPanel,
                                                    DeltasPanel, CanvasPanel, StepperPanel)]
    stepper = panels[-1]
    stepper.mode = "probe"
    stepper.rebuild()
    panels[2].set_source("probe")  # δ of the probe (by default: of the hardest test image)
    other_snap = NetworkSnapshot(other.config, other.params)
    _check_panels(qtbot, state, panels, live, other_snap)
    assert "at batch" not in panels[3].model_label.text()

    for batch in (0, 7, 33, int(tl.batches[-1])):
        assert state.view_batch(batch)
        assert state.viewing == batch
        i = tl.index_at(batch)
        expected = tl.snapshot(i, recorded_run.config)
        for k in expected.params:
            np.testing.assert_array_equal(state.snapshot.params[k], expected.params[k])
        _check_panels(qtbot, state, panels, state.snapshot)
        assert f"at batch {batch}" in panels[3].model_label.text()  # each one is recorded
        assert not np.array_equal(state.snapshot.params["w1"], live.params["w1"]) \
            or batch == int(tl.batches[-1])

    # a live snapshot arriving while viewing the past is kept, not shown
    newer = NetworkSnapshot(live.config, {k: v * 1.01 for k, v in live.params.items()})
    viewed = state.snapshot
    state.view_batch(5)
    viewed = state.snapshot
    state.set_snapshot(newer)
    assert state.snapshot is viewed and state.live_network is newer
    state.back_to_live()
    assert state.viewing is None and state.snapshot is newer
    _check_panels(qtbot, state, panels, newer, other_snap)


def test_steps_clamp_and_first(state, recorded_run):  # noqa: F811
    tl = recorded_run.timeline
    assert state.view_step(+1) is False and state.viewing is None  # live: nothing later
    assert state.view_step(-1) and state.viewing == int(tl.batches[-1])
    assert state.view_step(-1) and state.viewing == int(tl.batches[-2])
    assert state.view_index(0) and state.viewing == 0
    assert state.view_step(-1) and state.viewing == 0
    assert state.view_batch(10**9) and state.viewing == int(tl.batches[-1])
    assert state.view_step(+1) is False


def test_another_run_leaves_the_view(state, recorded_run, small_data):  # noqa: F811
    from dataclasses import replace

    state.view_batch(3)
    other = replace(recorded_run, id="other", name="other")
    state.set_run(other)
    assert state.viewing is None
    assert state.snapshot.params["w1"] is other.params["w1"] or np.array_equal(
        state.snapshot.params["w1"], other.params["w1"])


@pytest.mark.parametrize("cls", [ConfusionPanel, RobustnessPanel, FeatureSpacePanel])
def test_a_moved_on_job_never_paints(qtbot, state, recorded_run, cls):  # noqa: F811
    """Move the timeline while the panel's job runs: no result of a moment moved on from is
    ever painted, and the one painted at the end is the final moment's."""
    panel = _show(qtbot, cls, state)
    if cls is RobustnessPanel:
        panel.count_box.setValue(panel.count_box.minimum())
    painted = []  # (the moment viewed, its snapshot, the result) at every paint
    shown = panel._show_result

    def record(result):
        painted.append((state.viewing, state.snapshot, result))
        shown(result)

    panel._show_result = record
    panel.run()
    qtbot.waitUntil(lambda: panel.result is not None and not panel.busy, timeout=30000)
    painted.clear()
    runs_before = panel.run_count
    tl = recorded_run.timeline
    moments = [int(b) for b in tl.batches[:: max(1, len(tl) // 8)]][:8]
    for b in moments:
        started = panel.run_count
        state.view_batch(b)
        qtbot.waitUntil(lambda s=started: panel.run_count > s, timeout=5000)  # its job for b …
        # … and the next move comes at once, while it runs
    final = moments[-1]
    qtbot.waitUntil(lambda: bool(painted) and painted[-1][0] == final and not panel.busy
                    and not panel._dirty, timeout=30000)
    assert panel.run_count - runs_before == len(moments)
    assert len(painted) < len(moments)  # moved-on jobs were cancelled
    images, labels = state.data.test_images, state.data.test_labels
    for _viewing, snap, result in painted:  # each painted result is of the moment shown then
        if cls is ConfusionPanel:
            want = evaluate(snap.to_net(), images, labels)
            np.testing.assert_array_equal(result.predictions, want.predictions)
        elif cls is FeatureSpacePanel:
            want = an.feature_space(snap.to_net(), images, labels, panel.layer,
                                    panel.count_box.value())
            np.testing.assert_array_equal(result.predictions, want.predictions)
            np.testing.assert_allclose(result.confidence, want.confidence)
        else:
            n = panel.count_box.value()
            want = an.robustness_sweep(snap.to_net(), images[:n], labels[:n])
            assert result.clean_accuracy == want.clean_accuracy
            np.testing.assert_array_equal(result.curves[0].accuracy, want.curves[0].accuracy)
    assert painted[-1][1] is state.snapshot
    if cls is ConfusionPanel:  # what is on screen is the final moment's matrix
        np.testing.assert_array_equal(panel.image.image, np.log10(
            1.0 + want.confusion.astype(np.float32)))
