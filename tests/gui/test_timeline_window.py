"""The timeline in the real window, driven by real mouse and keyboard events: the window trains
and records, the slider under the loss curve scrubs, a click on the loss curve jumps, the
banner says what is shown and "Back to live" returns, the Alt shortcuts step, replay advances
and stops, and the export dialog writes an animation."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(scope="module")
def _trained_once():
    return []  # the module's window once it has trained


@pytest.fixture
def trained(shared_window, qtbot, _trained_once):
    """A window that has trained ~60 batches with the timeline recording, now paused, showing
    the live network. One window for the module (it trains once): each test starts from the
    paused, live window, and a test that leaves it viewing the past is brought back to live
    here, as "Back to live" would."""
    w = shared_window
    if not _trained_once:
        w.start_training()
        qtbot.waitUntil(lambda: w.state.timeline is not None and len(w.state.timeline) >= 40,
                        timeout=60000)
        w.training_session.toggle()  # pause
        qtbot.waitUntil(lambda: w.flush_frame() is None and not w.scheduler.pending
                        and w.state.history.last_step >= w.state.timeline.last_batch,
                        timeout=20000)
        _trained_once.append((w.state.run, w.state.timeline, len(w.state.timeline)))
    w.state.back_to_live()
    # and drawn live: the banner gone, the loss panel's lines at the viewed batch hidden (a
    # test waiting for them to show must not see the last test's)
    lines = _loss(w).view_lines
    qtbot.waitUntil(lambda: not w.banner_bar.isVisible() and not w.scheduler.pending
                    and not any(line.isVisible() for line in lines), timeout=5000)
    run, timeline, n = _trained_once[0]
    assert w.state.run is run and w.state.timeline is timeline and len(timeline) == n
    assert w.state.training == "paused" and w.state.viewing is None
    return w


def _loss(w):
    return w.panel("loss")


def test_recording_follows_the_history(trained):
    tl, h = trained.state.timeline, trained.state.history
    batches = tl.batches
    assert batches[0] == 0 and np.all(np.diff(batches) > 0)
    steps = h.column("batch", "step")
    assert set(batches[1:]) <= set(steps.astype(np.int64))  # the loss curve's batches


def test_slider_scrubs_banner_and_back_to_live(trained, qtbot):
    w = trained
    live = w.state.snapshot
    bar = _loss(w).timeline_bar
    n = len(w.state.timeline)
    qtbot.waitUntil(lambda: bar.slider.maximum() >= n, timeout=3000)
    assert bar.slider.value() == bar.slider.maximum()  # live: the right end
    assert not w.banner_bar.isVisible()
    s = bar.slider
    s.setFocus()
    QTest.keyClick(s, Qt.Key.Key_Home)  # a real key on the slider: its first position
    qtbot.waitUntil(lambda: w.state.viewing == 0, timeout=3000)
    assert w.banner_bar.isVisible() and w.banner.isVisible()
    assert "Viewing batch 0 of run" in w.banner.label.text()
    np.testing.assert_array_equal(w.state.snapshot.params["w1"],
                                  w.state.timeline.params(0)["w1"])
    # drag the handle with the mouse to the middle
    mid = QPoint(s.width() // 2, s.height() // 2)
    QTest.mousePress(s, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(6, s.height() // 2))
    QTest.mouseMove(s, mid)
    QTest.mouseRelease(s, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, mid)
    qtbot.waitUntil(lambda: w.state.viewing not in (None, 0), timeout=3000)
    i = w.state.viewing_index
    assert 0 < i < n
    np.testing.assert_array_equal(w.state.snapshot.params["w3"],
                                  w.state.timeline.params(i)["w3"])
    assert f"{w.state.viewing:,}" in w.banner.label.text()
    qtbot.mouseClick(w.banner.live_button, Qt.MouseButton.LeftButton)
    assert w.state.viewing is None and w.state.snapshot is live
    qtbot.waitUntil(lambda: not w.banner_bar.isVisible(), timeout=2000)
    qtbot.waitUntil(lambda: s.value() == s.maximum(), timeout=2000)


def test_alt_shortcuts(trained, qtbot):
    w = trained
    tl = w.state.timeline
    QTest.keyClick(w, Qt.Key.Key_Home, Qt.KeyboardModifier.AltModifier)
    assert w.state.viewing == 0
    QTest.keyClick(w, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert w.state.viewing == int(tl.batches[1])
    QTest.keyClick(w, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert w.state.viewing == 0
    QTest.keyClick(w, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    assert w.state.viewing is None
    QTest.keyClick(w, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)  # from live: the last
    assert w.state.viewing == int(tl.batches[-1])
    from lenet_gui.gui.help import SHORTCUTS  # every shortcut is in the help table

    assert {"Alt+Left", "Alt+Right", "Alt+Home", "Alt+L"} <= {k for k, _ in SHORTCUTS}


def test_clicking_the_loss_curve_jumps(trained, qtbot):
    w = trained
    panel = _loss(w)
    plot = panel.loss_plot
    tl = w.state.timeline
    target = int(tl.batches[len(tl) // 2])
    plot.vb.setXRange(0, int(tl.batches[-1]), padding=0)
    y_mid = float(np.mean(plot.vb.viewRange()[1]))
    scene = plot.vb.mapViewToScene(pg_point(target, y_mid))
    view = panel.plots
    pos = view.mapFromScene(scene)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.waitUntil(lambda: w.state.viewing is not None, timeout=3000)
    nearest = int(tl.batches[np.argmin(np.abs(tl.batches - target))])
    assert abs(w.state.viewing - nearest) <= 2  # a pixel is about a batch here
    qtbot.waitUntil(lambda: panel.view_lines[0].isVisible(), timeout=3000)
    assert panel.view_lines[0].value() == w.state.viewing


def pg_point(x, y):
    from PySide6.QtCore import QPointF

    return QPointF(float(x), float(y))


def test_replay_advances_and_stops(trained, qtbot):
    w = trained
    bar = _loss(w).timeline_bar
    bar.speed.setValue(30.0)
    qtbot.mouseClick(bar.play_button, Qt.MouseButton.LeftButton)
    assert bar.replay.running and w.state.viewing == 0
    seen = set()
    w.state.changed.connect(lambda t: seen.add(w.state.viewing))
    qtbot.waitUntil(lambda: not bar.replay.running, timeout=30000)
    assert w.state.viewing == int(w.state.timeline.batches[-1])  # stopped at the end
    assert len(seen) >= len(w.state.timeline) - 1
    # a second replay stops when the user scrubs
    qtbot.mouseClick(bar.play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bar.replay.steps >= 2, timeout=5000)
    QTest.keyClick(w, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    assert not bar.replay.running and w.state.viewing is None


def test_export_dialog_writes_a_gif(trained, qtbot, tmp_path):
    from lenet_gui.gui.timeline.dialog import ExportDialog

    w = trained
    dialog = ExportDialog(w.state, "kernels", w)
    qtbot.addWidget(dialog)
    b = w.state.timeline.batches
    dialog.to_box.setValue(int(b[12]))
    assert "13 recorded snapshots" in dialog.count_label.text()
    out = tmp_path / "k.gif"
    frames, distinct = dialog.export_to(out)
    assert frames == 13 and distinct >= 10
    with Image.open(out) as im:
        assert im.format == "GIF" and im.n_frames >= 10
    assert w.state.viewing is None  # the window's panels never moved
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("frames"))
    dialog.to_box.setValue(int(b[2]))
    assert dialog.export_to(tmp_path / "frames") == (3, 3)
    assert len(list((tmp_path / "frames").glob("frame_*.png"))) == 3
