"""Long curves drawn at a fixed size: the peak decimation keeps every bin's extremes and the
newest point, reuses its buffers, and follows the user's zoom; the loss and layer-health
curves of a 30,000-batch history draw at most 2,049 points each."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from lenet_gui.gui.panels.deltas import DeltasPanel
from lenet_gui.gui.panels.loss import LossPanel
from lenet_gui.gui.state import AppState
from lenet_gui.gui.widgets.plots import PeakDecimator, nice_ceil, stepped_range
from lenet_gui.train.trainer import HEALTH_PARAMS, StepReport

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_decimation_keeps_each_bins_extremes_and_the_last_point():
    rng = np.random.default_rng(0)
    x = np.arange(1, 10_001, dtype=float)
    y = rng.normal(size=x.size)
    y[4321] = 50.0  # a spike of one batch
    y[100:130] = np.nan  # a gap inside one bin's worth of points
    dec = PeakDecimator(bins=100)
    dx, dy = dec(x, y)
    assert dx.size == dy.size == 201
    assert dx[-1] == x[-1] and dy[-1] == y[-1]
    assert np.nanmax(dy) == 50.0 and np.nanmin(dy) == np.nanmin(y)
    starts = (np.arange(100) * x.size) // 100
    bounds = np.append(starts, x.size)
    for k in range(100):
        seg = y[bounds[k]:bounds[k + 1]]
        assert dy[2 * k] == np.nanmin(seg) and dy[2 * k + 1] == np.nanmax(seg)
        assert dx[2 * k] == x[bounds[k]]
    again = dec(x, y * 2)
    assert again[0] is dx and again[1] is dy  # the same buffers, frame after frame


def test_short_series_and_a_zoomed_range_pass_through_unchanged():
    x = np.arange(1, 10_001, dtype=float)
    y = np.sin(x)
    dec = PeakDecimator(bins=100)
    sx, sy = dec(x[:150], y[:150])
    assert np.array_equal(sx, x[:150]) and np.array_equal(sy, y[:150])
    zx, zy = dec(x, y, (1000.0, 1100.0))  # zoomed in: every point in view, one beyond each side
    assert zx[0] == 999.0 and zx[-1] == 1101.0 and np.array_equal(zy, y[998:1101])


def _reports(n):
    rng = np.random.default_rng(1)
    loss = np.exp(-np.arange(n) / 3000) * 2 + rng.uniform(0, 0.1, n)
    return [StepReport(0, i, n, i + 1, float(loss[i]), 0.5, 0.01, 100.0,
                       grad_norms={k: float(1 + loss[i]) for k in HEALTH_PARAMS})
            for i in range(n)]


def test_curves_of_a_long_history_draw_a_bounded_number_of_points(qtbot):
    state = AppState()
    loss, deltas = LossPanel(state), DeltasPanel(state)
    for p in (loss, deltas):
        qtbot.addWidget(p)
        p.resize(600, 400)
        p.show()
    reports = _reports(30_000)
    state.add_reports(reports)
    qtbot.waitUntil(lambda: loss.refresh_count > 0, timeout=5000)
    loss.refresh_now()
    deltas._draw_health()
    raw = np.array([r.loss for r in reports])
    for curve in (loss.raw_curve, loss.smooth_curve, loss.acc_curve, *deltas.health_curves.values()):
        x, y = curve.getData()
        assert 2 < x.size <= 2049
    x, y = loss.raw_curve.getData()
    assert np.nanmax(y) == raw.max() and np.nanmin(y) == raw.min() and x[-1] == 30_000
    # The user zooms to batches 100–200: every one of them is drawn again.
    loss.loss_plot.getViewBox().setXRange(100, 200, padding=0)
    qtbot.waitUntil(lambda: loss.raw_curve.getData()[0].size < 200, timeout=5000)
    x, y = loss.raw_curve.getData()
    steps, kept = state.history.column("batch", "step"), state.history.column("batch", "loss")
    assert steps.size < 30_000  # (the history thins its older half past MAX_BATCHES)
    assert np.array_equal(x, steps[(steps >= 98) & (steps <= 202)][:x.size])
    assert np.array_equal(y, kept[np.isin(steps, x)]) and x[0] < 100 and x[-1] > 200
    state.shutdown()


def test_symbol_curves_keep_one_symbol_however_often_they_are_redrawn(qtbot):
    """pyqtgraph's symbol atlas keys a symbol by its QBrush and QPen objects: the curves give
    objects made once (symbol_style), so a curve redrawn at every frame keeps one symbol and
    one atlas pixmap (a colour or None as the option added a symbol, and a larger pixmap, per
    update: 199 after 199 updates)."""
    state = AppState()
    loss = LossPanel(state)
    qtbot.addWidget(loss)
    loss.resize(600, 400)
    loss.show()
    for i in range(1, 121):  # a subset check at every batch: each one redraws its curves
        state.add_reports([StepReport(0, i - 1, 1000, i, 1.0 / i, 0.5, 0.01, 100.0,
                                      subset_accuracy=0.9, subset_loss=0.3)])
        loss.refresh_now()
        qtbot.wait(1)
    assert loss.subset_loss_curve.getData()[0].size == 120
    for curve in (loss.subset_loss_curve, loss.subset_acc_curve):
        loss.plots.grab()  # painted: the atlas is what the paint uses
        assert len(curve.scatter.fragmentAtlas) == 1
    state.shutdown()


class _Paints(QObject):
    def __init__(self, widget) -> None:
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, obj, ev) -> bool:  # noqa: N802
        if ev.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def _shown_loss_panel(qtbot, width: int = 700):
    """A state and a loss panel on it, shown at `width`×400 (call state.shutdown() after)."""
    state = AppState()
    loss = LossPanel(state)
    qtbot.addWidget(loss)
    loss.resize(width, 400)
    loss.show()
    qtbot.waitExposed(loss)
    return state, loss


def test_a_refresh_that_moves_the_range_costs_one_paint(qtbot):
    """New batches move the loss plot's range. pyqtgraph fits the range at the start of a
    paint, which moves the axes and asked for a second paint at once (12-28 ms, then 3-5 ms,
    in every frame while training). The panel fits the range as it refreshes
    (settle_views): one paint draws the new curves and the new axes."""
    state, loss = _shown_loss_panel(qtbot, 600)
    paints = _Paints(loss.plots.viewport())
    step = 0
    counts = []
    for _ in range(5):
        state.add_reports([StepReport(0, step + i, 1000, step + i + 1, 2.0 / (step + i + 1),
                                      0.5, 0.01, 100.0) for i in range(50)])
        step += 50
        qtbot.waitUntil(lambda: not loss.stale, timeout=5000)
        before = paints.count
        for _ in range(5):  # every paint the refresh asked for, and any paint they ask for
            QApplication.processEvents()
            qtbot.wait(5)
        counts.append(paints.count - before)
        assert loss.loss_plot.getViewBox().viewRange()[0][1] >= step  # the range followed
    # The first refresh also gives the axes their width (a relayout): the steady state after it
    assert counts[1:] == [1] * 4, counts  # was [3, 2, 2, 2, 2] before settle_views
    state.shutdown()


def test_nice_ceil_is_the_next_of_1_1_2_1_5_2_2_5_3_4_5_6_8_times_a_power_of_ten():
    assert [nice_ceil(v) for v in (1, 1.1, 1.2, 1.21, 7, 8.5, 10, 99, 101, 1234, 0.031)] == \
        pytest.approx([1, 1.2, 1.2, 1.5, 8, 10, 10, 100, 120, 1500, 0.04])
    assert nice_ceil(0.0) == 0.0 and nice_ceil(-3.0) == -3.0 and np.isnan(nice_ceil(np.nan))
    for v in np.geomspace(0.01, 1e6, 500):
        assert v <= nice_ceil(v) <= v * 4 / 3 * (1 + 1e-12)  # at most a quarter of the axis empty
    # pyqtgraph's padding for a pen's width moves the bounds a little at every range: not the range
    assert stepped_range(-5.1, 1305.0, grow=True) == stepped_range(-5.9, 1455.0, grow=True) \
        == pytest.approx([-30, 1470])
    assert stepped_range(-0.0122, 2.0137, grow=False) == pytest.approx([-0.05, 2.05])
    assert stepped_range(3.0, 3.0, grow=True) == [3.0, 3.0]  # one point: pyqtgraph's to widen


def _batches(state, first, last, loss=lambda i: 2.0 / i):
    state.add_reports([StepReport(0, i - 1, 1000, i, loss(i), 0.5, 0.01, 100.0)
                       for i in range(first, last + 1)])


def test_the_curves_range_grows_in_steps_and_the_loss_axis_starts_at_0(qtbot):
    """The x range ends at the next nice number past the newest batch, so frames whose batches
    stay below it do not move the axes (their tick labels are laid out again on every range
    change); the loss's y axis starts at 0 on a linear scale, not at its lowest value so far.
    The user's zoom and the log scale work as before."""
    state, loss = _shown_loss_panel(qtbot)
    moved = []
    loss.loss_plot.getViewBox().sigXRangeChanged.connect(lambda *_: moved.append(1))

    def x_end(plot):
        return plot.getViewBox().viewRange()[0][1]

    _batches(state, 1, 1300)
    qtbot.waitUntil(lambda: not loss.stale, timeout=5000)
    assert 1500 <= x_end(loss.loss_plot) < 1680 and 1500 <= x_end(loss.acc_plot) < 1680  # + padding
    lo, hi = loss.loss_plot.getViewBox().viewRange()[1]
    assert lo <= 0 < 2.0 <= hi  # 0 .. the first batch's J = 2.0
    moved.clear()
    _batches(state, 1301, 1450)  # still under 1,500: the range holds
    qtbot.waitUntil(lambda: not loss.stale, timeout=5000)
    assert moved == [] and 1500 <= x_end(loss.loss_plot) < 1680
    _batches(state, 1451, 1600)  # past it: the next step
    qtbot.waitUntil(lambda: not loss.stale, timeout=5000)
    assert moved and 2000 <= x_end(loss.loss_plot) < 2240 and 2000 <= x_end(loss.acc_plot) < 2240
    # the user's zoom stays the user's
    loss.loss_plot.getViewBox().setXRange(100, 300, padding=0)
    _batches(state, 1601, 1700)
    qtbot.waitUntil(lambda: not loss.stale, timeout=5000)
    assert loss.loss_plot.getViewBox().viewRange()[0] == pytest.approx([100, 300])
    state.shutdown()


def test_the_log_scale_fits_the_losses_not_0(qtbot):
    state, loss = _shown_loss_panel(qtbot)
    _batches(state, 1, 200, loss=lambda i: 10.0 + 90.0 * (i % 2))  # J between 10 and 100
    qtbot.waitUntil(lambda: not loss.stale, timeout=5000)
    assert loss.loss_plot.getViewBox().viewRange()[1][0] <= 0  # linear: from 0
    loss.log_box.setChecked(True)
    loss.loss_plot.getViewBox().prepareForPaint()
    lo, hi = loss.loss_plot.getViewBox().viewRange()[1]  # log10 J: 1 .. 2
    assert 0.9 < lo < 1.0 and 2.0 < hi < 2.1
    state.shutdown()
