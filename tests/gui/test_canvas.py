"""The canvas dock: real mouse strokes, classification, probe, undo/erase/clear, files."""

import os
import time

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog

from lenet_gui.gui.panels.canvas import CanvasPanel
from lenet_gui.gui.state import AppState
from lenet_gui.gui.widgets.bars import percent
from tests import helpers
from tests.gui.strokes import ONE, SEVEN, ZERO, densify, drag
from tests.helpers import weights_path  # noqa: E402

SHOTS = os.environ.get("LENET_SCREENSHOT_DIR")

# the offscreen platform says so whenever a top-level window's size constraints change
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(scope="module")
def snapshot():
    from lenet_gui.train import load_checkpoint

    return load_checkpoint(weights_path()).to_net().snapshot()


@pytest.fixture
def panel(qtbot, snapshot):
    state = AppState()
    state.set_snapshot(snapshot)
    p = CanvasPanel(state)
    qtbot.addWidget(p)
    p.resize(600, 420)
    p.show()
    qtbot.waitExposed(p)
    yield p
    state.shutdown()  # the probe's trace is computed on the state's pool thread


def probe_recorder(state):
    """The probes the state announces, in order."""
    probes = []

    def on_changed(topic):
        if topic == "probe":
            probes.append(state.probe)

    state.changed.connect(on_changed)
    return probes


@pytest.mark.parametrize("digit,strokes", [(1, ONE), (7, SEVEN), (0, ZERO)])
def test_mouse_strokes_are_classified(panel, qtbot, digit, strokes):
    state = panel.state
    with qtbot.waitSignal(panel.classified, timeout=1000) as blocker:
        for s in strokes:
            drag(panel.area, s)
    probs = blocker.args[0]
    assert probs is not None and probs.shape == (10,)
    assert np.isfinite(probs).all() and abs(probs.sum() - 1) < 1e-5
    assert int(np.argmax(probs)) == digit, np.round(probs, 3)
    assert panel.digit_label.text() == str(digit)
    # the drawing is the probe of the other panels
    assert state.probe is not None and state.probe.source == "drawing"
    assert state.probe.label is None
    np.testing.assert_array_equal(state.probe.x, panel.stages.x)
    assert not state.probe.x.flags.writeable
    if SHOTS:
        panel.grab().save(os.path.join(SHOTS, f"canvas_{digit}_600x420.png"))


def test_ink_where_drawn_none_at_borders(panel):
    drag(panel.area, [(140, 60), (140, 220)])
    px = panel.area.pixels()
    assert px[140, 140] == 1.0 and px[60, 140] > 0.9
    assert px[:20].sum() == 0 and px[-20:].sum() == 0 and px[:, :100].sum() == 0
    s = panel.stages
    assert s is not None and s.cropped.shape[0] > 150  # the stroke's length, and its cap


def test_brush_is_round_and_antialiased(panel):
    panel.area.stroke([(140, 140), (140.5, 140)])  # a dot
    px = panel.area.pixels()
    ys, xs = np.nonzero(px)
    w = panel.area.brush_width
    assert abs((ys.max() - ys.min() + 1) - w) <= 2 and abs((xs.max() - xs.min() + 1) - w) <= 2
    # round, not square: the box's corners are empty; grey levels on the rim
    r = w / 2
    assert px[int(140 - r + 1), int(140 - r + 1)] == 0
    grey = px[(px > 0) & (px < 1)]
    assert grey.size > 10


def test_width_slider(panel):
    panel.width_slider.setValue(8)
    panel.area.stroke([(140, 60), (140, 220)])
    thin = panel.area.pixels().sum()
    panel.area.clear()
    panel.width_slider.setValue(32)
    panel.area.stroke([(140, 60), (140, 220)])
    assert panel.area.pixels().sum() > 3 * thin
    assert "32" in panel.width_label.text()


# --- empty canvas ---------------------------------------------------------------------------

def test_empty_canvas_no_prediction_no_error(panel):
    assert panel.probs is None and panel.stages is None
    assert panel.classify() is None
    assert panel.digit_label.text() == "–"
    assert panel.bars.probs is None
    assert panel.state.probe is None  # nothing published
    assert panel.area.is_empty() and panel.area.hint
    panel.clear_button.click()  # clearing an empty canvas: nothing happens
    panel.undo_button.click()
    assert panel.probs is None


def test_clear_then_undo(panel, qtbot):
    drag(panel.area, SEVEN[0])
    drawn = panel.area.pixels()
    assert int(np.argmax(panel.probs)) == 7
    panel.clear_button.click()
    assert panel.area.is_empty() and panel.probs is None and panel.digit_label.text() == "–"
    panel.undo_button.click()
    np.testing.assert_array_equal(panel.area.pixels(), drawn)
    assert int(np.argmax(panel.probs)) == 7


def test_undo_removes_last_stroke(panel):
    drag(panel.area, SEVEN[0])
    seven = panel.area.pixels()
    drag(panel.area, [(110, 150), (200, 150)])  # a crossbar
    assert panel.area.pixels().sum() > seven.sum()
    QTest.keyClick(panel.area, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    np.testing.assert_array_equal(panel.area.pixels(), seven)
    panel.undo_button.click()
    assert panel.area.is_empty() and panel.probs is None


def test_erase_mode_and_right_button(panel):
    panel.width_slider.setValue(20)
    panel.area.stroke([(60, 140), (220, 140)])
    full = panel.area.pixels()
    panel.erase_button.click()
    assert panel.area.erase_mode
    drag(panel.area, [(35, 140), (140, 140)])
    half = panel.area.pixels()
    assert half[140, 80] == 0 and half[140, 200] == 1.0
    assert half.sum() < 0.6 * full.sum()
    # the eraser leaves no faint ghost that would stretch the bounding box
    assert panel.stages.box[2] > 130
    panel.pen_button.click()
    drag(panel.area, [(150, 140), (230, 140)], button=Qt.MouseButton.RightButton)
    assert panel.area.is_empty()
    assert panel.probs is None and panel.digit_label.text() == "–"


# --- what the drawing drives ---------------------------------------------------------------

def test_probe_checkbox(panel):
    panel.probe_check.setChecked(False)
    drag(panel.area, ONE[0])
    assert panel.probs is not None and panel.state.probe is None
    with_probe = probe_recorder(panel.state)
    panel.probe_check.setChecked(True)  # turning it on publishes the current drawing
    assert len(with_probe) == 1 and with_probe[0].source == "drawing"


def test_live_classification_is_throttled(panel, qtbot):
    panel.live_check.setChecked(True)
    area = panel.area
    start = panel.classify_count
    pts = densify(SEVEN[0], step=1.0)
    area.begin_stroke(QPointF(*pts[0]))
    t0 = time.monotonic()
    for p in pts[1:]:
        area.extend_stroke(QPointF(*p))
        QApplication.processEvents()
    during = panel.classify_count - start
    elapsed = time.monotonic() - t0
    assert len(pts) > 200
    assert 1 <= during <= 2 + elapsed / 0.1  # ≤ 10 Hz
    qtbot.waitUntil(lambda: not panel._live_timer.isActive(), timeout=1000)
    area.end_stroke()
    assert int(np.argmax(panel.probs)) == 7


def test_no_live_classification_when_off(panel):
    start = panel.classify_count
    area = panel.area
    area.begin_stroke(QPointF(100, 100))
    for k in range(50):
        area.extend_stroke(QPointF(100 + k, 100 + 2 * k))
    assert panel.classify_count == start
    area.end_stroke()
    assert panel.classify_count == start + 1


def test_hidden_panel_waits_for_show(panel, snapshot):
    drag(panel.area, SEVEN[0])
    count = panel.classify_count
    panel.hide()
    panel.state.set_snapshot(snapshot)
    panel.state.set_snapshot(snapshot)
    assert panel.classify_count == count  # hidden: no work
    panel.show()
    assert panel.classify_count == count + 1  # shown: brought up to date once


def test_no_weights_yet(qtbot):
    p = CanvasPanel(AppState())
    qtbot.addWidget(p)
    p.show()
    p.area.stroke(SEVEN[0])
    assert p.probs is None and p.digit_label.text() == "?"
    assert p.stages is not None  # the stages are still shown


def test_uses_a_copy_of_the_weights_and_follows_new_ones(qtbot, snapshot):
    from lenet_gui.model import LeNet5

    live = LeNet5(snapshot.config)
    live.set_params(snapshot.params)
    state = AppState()
    state.set_snapshot(live.snapshot())
    p = CanvasPanel(state)
    qtbot.addWidget(p)
    p.show()
    p.area.stroke(SEVEN[0])
    before = p.probs.copy()
    for a in live.params.values():  # the "trainer" keeps changing its own arrays
        a[...] = 0
    p.classify()
    np.testing.assert_array_equal(p.probs, before)
    probes = probe_recorder(state)
    count = p.classify_count
    state.set_snapshot(live.snapshot())  # a new snapshot arrives: re-classified, probe kept
    assert p.classify_count == count + 1
    np.testing.assert_allclose(p.probs, 0.1, atol=1e-6)  # all-zero weights: uniform
    assert probes == []
    state.shutdown()


# --- files ------------------------------------------------------------------------------------

def _mnist_png(path, index=0, dark_on_light=True, scale=8):
    img = helpers.mnist().test_images[index]
    img = 255 - img if dark_on_light else img
    big = np.ascontiguousarray(np.kron(img, np.ones((scale, scale), np.uint8)))
    h, w = big.shape
    QImage(big.data, w, h, w, QImage.Format.Format_Grayscale8).copy().save(str(path))


def test_load_file_through_the_dialog(panel, tmp_path, monkeypatch):
    path = tmp_path / "seven.png"
    _mnist_png(path, 0, dark_on_light=True)
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(path), "")))
    panel.load_button.click()
    assert not panel.area.is_empty()
    assert int(np.argmax(panel.probs)) == 7
    assert panel.state.probe.source == "drawing"
    panel.undo_button.click()  # loading is undoable
    assert panel.area.is_empty()


def test_load_light_on_dark_file(panel, tmp_path):
    path = tmp_path / "two.png"
    _mnist_png(path, 1, dark_on_light=False, scale=60)  # 1680×1680: shrunk before use
    assert panel.load_file(str(path))
    assert int(np.argmax(panel.probs)) == 2


def test_load_bad_file_leaves_canvas_alone(panel, tmp_path, monkeypatch):
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40)
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(bad), "")))
    drag(panel.area, ONE[0])
    before = panel.area.pixels()
    panel.load_button.click()
    np.testing.assert_array_equal(panel.area.pixels(), before)
    assert str(bad) in panel.status_label.text()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: ("", "")))
    panel.load_button.click()  # cancelled: nothing happens
    np.testing.assert_array_equal(panel.area.pixels(), before)


# --- looks ----------------------------------------------------------------------------------

def test_fits_a_small_dock_and_screenshots(panel, qtbot, tmp_path):
    hint = panel.minimumSizeHint()
    assert hint.width() <= 600 and hint.height() <= 420, hint
    drag(panel.area, SEVEN[0])
    out = SHOTS or str(tmp_path)
    for w, h in ((600, 420), (1000, 700)):
        panel.resize(w, h)
        QApplication.processEvents()
        img = panel.grab().toImage()
        assert img.width() >= w and img.height() >= h
        colours = {img.pixel(x, y) for x in range(0, img.width(), 7)
                   for y in range(0, img.height(), 7)}
        assert len(colours) > 10
        img.save(os.path.join(out, f"canvas_seven_{w}x{h}.png"))
        for label in (panel.confidence_label, panel.margin_label, *panel.stage_captions):
            assert label.isVisible() and label.height() >= label.fontMetrics().height()
        for img_widget in panel.stage_images:
            assert img_widget.width() >= 40 and img_widget.height() >= 40
        assert panel.area.width() >= 180 and panel.area.height() >= 180


def test_language_change_retranslates(panel):
    QApplication.sendEvent(panel, QEvent(QEvent.Type.LanguageChange))
    assert panel.pen_button.text() and panel.probe_check.text()


def test_percent_never_claims_certainty():
    assert percent(0.99994) == ">99.9 %"
    assert percent(1.0) == "100.0 %"
    assert percent(0.986) == "98.6 %"
