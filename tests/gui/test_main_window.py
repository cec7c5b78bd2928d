"""The real main window, offscreen: real buttons and actions, a real training thread on a
small MNIST. Modal dialogs are mocked; everything else is the application's own code."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel, QMessageBox, QToolBar, QWidget

from lenet_gui.gui.panels.registry import layout_version
from lenet_gui.gui.session import SPEED_STEPS
from lenet_gui.gui.window import main_window as mw
from lenet_gui.model import LeNet5, LeNetConfig
from lenet_gui.train import TrainConfig, save_checkpoint

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                                       "This plugin does not support raise")

ROOT = Path(__file__).resolve().parents[2]
DATA_DOCKS = ("loss", "feature_maps", "kernels", "deltas")


class Dialogs:
    """Records the modal dialogs the window would show, instead of showing them."""

    def __init__(self, monkeypatch, question_answer=QMessageBox.StandardButton.Yes):
        self.calls: list[tuple[str, str, str]] = []
        for kind in ("critical", "warning", "information"):
            monkeypatch.setattr(QMessageBox, kind, self._recorder(kind))

        def question(parent, title, text, *args, **kwargs):
            self.calls.append(("question", title, text))
            return question_answer
        monkeypatch.setattr(QMessageBox, "question", question)

    def _recorder(self, kind):
        def record(parent, title, text, *args, **kwargs):
            self.calls.append((kind, title, text))
            return QMessageBox.StandardButton.Ok
        return record

    def of(self, kind):
        return [c for c in self.calls if c[0] == kind]


def click_action(window, action) -> None:
    """A real mouse click on the action's toolbar button."""
    toolbar = window.findChild(QToolBar, "toolbar_training")
    button = toolbar.widgetForAction(action)
    assert isinstance(button, QAbstractButton) and button.isEnabled()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def steps_done(window) -> int:
    return 0 if window.trainer is None else window.trainer.step


def wait_idle(qtbot, window, timeout=10000):
    qtbot.waitUntil(lambda: window.session is None, timeout=timeout)


# ----------------------------------------------------------------- training controls


def test_train_button_starts_training(make_window, qtbot):
    # 30 epochs of the small set: the run lasts long enough to be seen running
    w = make_window(train_config=TrainConfig(batch_size=32, epochs=30, warmup_batches=0,
                                             subset_every=20, subset_size=200))
    assert w.training_state == "idle" and w.train_action.text() == "Train"
    click_action(w, w.train_action)
    assert w.training_state == "running" and w.state.training == "running"
    assert w.train_action.text() == "Pause"
    qtbot.waitUntil(lambda: w.state.history.n_batches >= 3, timeout=10000)
    qtbot.waitUntil(lambda: "samples/s" in w.status_label.text(), timeout=10000)
    assert re.search(r"epoch \d+/30 · batch \d+/\d+", w.status_label.text())
    assert "samples/s" in w.status_label.text()
    assert w.progress_bar.value() > 0
    snap = w.state.snapshot
    assert all(not a.flags.writeable for a in snap.params.values())
    assert not any(np.shares_memory(a, w.trainer.net.params[k]) for k, a in snap.params.items())


def test_pause_step_resume_are_exact(make_window, qtbot):
    w = make_window()
    click_action(w, w.train_action)
    qtbot.waitUntil(lambda: steps_done(w) >= 2, timeout=10000)
    click_action(w, w.train_action)  # Pause
    assert w.training_state == "paused" and w.train_action.text() == "Resume"
    qtbot.wait(150)  # the batch running when Pause was pressed completes
    before = steps_done(w)
    qtbot.wait(300)
    assert steps_done(w) == before, "no progress while paused"

    click_action(w, w.step_action)  # exactly one batch, then paused
    qtbot.waitUntil(lambda: steps_done(w) == before + 1, timeout=5000)
    QTest.keyClick(w, Qt.Key.Key_Right)  # the → shortcut
    qtbot.waitUntil(lambda: steps_done(w) == before + 2, timeout=5000)
    w.control.step(5)  # step(k) advances exactly k
    qtbot.waitUntil(lambda: steps_done(w) == before + 7, timeout=5000)
    qtbot.wait(300)
    assert steps_done(w) == before + 7
    w.flush_frame()
    assert w.last_report.step == before + 7  # the stepped batch is shown
    assert w.state.history.n_batches == before + 7  # and no loss was dropped on the way
    assert w.training_state == "paused"

    QTest.keyClick(w, Qt.Key.Key_Space)  # Space = Resume
    assert w.training_state == "running"
    qtbot.waitUntil(lambda: steps_done(w) >= before + 12, timeout=10000)
    click_action(w, w.stop_action)
    assert w.session is None and w.training_state == "stopped"
    n = w.state.history.n_batches
    assert n == steps_done(w), "every batch's loss reached the loss panel"


def test_step_from_idle_trains_one_batch(make_window, qtbot):
    w = make_window()
    w.step_action.trigger()
    qtbot.waitUntil(lambda: steps_done(w) == 1, timeout=5000)
    qtbot.wait(200)
    assert steps_done(w) == 1 and w.training_state == "paused"


def test_panels_change_between_grabs(make_window, qtbot):
    w = make_window()
    w.step_action.trigger()
    qtbot.waitUntil(lambda: steps_done(w) == 1, timeout=5000)
    w.flush_frame()
    qtbot.waitUntil(lambda: not w.scheduler.pending, timeout=5000)
    qtbot.wait(50)
    before = {n: w.panel(n).grab().toImage() for n in DATA_DOCKS}
    w.control.step(4)
    qtbot.waitUntil(lambda: steps_done(w) == 5, timeout=5000)
    qtbot.wait(100)
    w.flush_frame()
    qtbot.waitUntil(lambda: not w.scheduler.pending, timeout=5000)
    qtbot.wait(50)
    for name in DATA_DOCKS:
        after = w.panel(name).grab().toImage()
        assert not after.isNull() and after.size() == before[name].size(), name
        assert after != before[name], f"the {name} panel did not change in 4 batches"


def test_speed_slider_sets_slow_motion(make_window, qtbot):
    w = make_window()
    w.speed_slider.setValue(0)
    assert "1.0 s" in w.speed_value.text()
    # Timed from before Train: the second batch waits a whole second after the first, so at
    # least a second passes between t0 and it however busy the machine is (timed after the
    # trigger, a test thread descheduled while the first batch ran could measure less).
    t0 = time.perf_counter()
    w.train_action.trigger()
    assert w.control.delay_s == pytest.approx(1.0)
    qtbot.waitUntil(lambda: steps_done(w) >= 2, timeout=10000)
    assert time.perf_counter() - t0 >= 1.0, "slow motion: one batch a second"
    w.speed_slider.setValue(SPEED_STEPS)
    assert w.control.delay_s == 0 and w.speed_value.text() == "full speed"
    qtbot.waitUntil(lambda: steps_done(w) >= 10, timeout=5000)


def test_learning_rate_and_momentum_are_live(make_window, qtbot):
    w = make_window()
    w.train_action.trigger()
    qtbot.waitUntil(lambda: steps_done(w) >= 2, timeout=5000)
    w.panel("settings").lr.setValue(0.0123)
    w.panel("settings").momentum.setValue(0.5)
    assert w.control.learning_rate == pytest.approx(0.0123)
    assert w.control.momentum == pytest.approx(0.5)
    n = steps_done(w)
    qtbot.waitUntil(lambda: w.last_report is not None and w.last_report.step >= n + 3,
                    timeout=5000)
    # the batch after the change already uses it; the cosine schedule only scales α down
    assert w.last_report.learning_rate <= 0.0123 + 1e-9


def test_architecture_change_asks_first(make_window, qtbot, monkeypatch):
    w = make_window()
    snap = w.state.snapshot
    dialogs = Dialogs(monkeypatch, QMessageBox.StandardButton.No)
    idx = w.panel("settings").activation.findData("relu")
    w.panel("settings").activation.setCurrentIndex(idx)
    assert len(dialogs.of("question")) == 1
    assert w.state.snapshot is snap, "refused: the weights stay"
    assert w.panel("settings").activation.currentData() == "lecun", "refused: the choice reverts"

    dialogs = Dialogs(monkeypatch, QMessageBox.StandardButton.Yes)
    w.panel("settings").c3.setCurrentIndex(1)  # full C3
    assert len(dialogs.of("question")) == 1
    assert w.state.snapshot.config == LeNetConfig(c3_table=False)
    assert w.state.snapshot is not snap
    w.step_action.trigger()  # and it trains
    qtbot.waitUntil(lambda: steps_done(w) == 1, timeout=5000)


def test_probe_picker_changes_the_probe(shared_window, small_data):
    w = shared_window
    w.probe_spin.setValue(7)
    assert w.state.probe.index == 7
    assert f"label {small_data.test_labels[7]}" in w.probe_text.text()
    assert w.probe_image.pixmap() is not None and not w.probe_image.pixmap().isNull()


def test_reset_weights(make_window, qtbot):
    w = make_window()
    w.train_action.trigger()
    qtbot.waitUntil(lambda: steps_done(w) >= 2, timeout=5000)
    old = w.state.snapshot
    w.reset_action.trigger()
    assert w.session is None and w.trainer is None
    assert w.state.snapshot is not old and w.state.history.n_batches == 0


# ----------------------------------------------------------------- faults


def test_nan_loss_stops_with_message_and_restores_weights(make_window, qtbot, monkeypatch):
    dialogs = Dialogs(monkeypatch)
    w = make_window()
    w.panel("settings").lr.setValue(10.0)
    w.train_action.trigger()
    qtbot.waitUntil(lambda: bool(dialogs.of("warning")), timeout=15000)
    kind, title, text = dialogs.of("warning")[0]
    assert "diverged" in title.lower() and "restored" in text
    assert w.session is None and w.training_state == "stopped"
    assert w.last_report.diverged
    params = w.state.snapshot.params
    assert all(np.isfinite(a).all() for a in params.values()), "the last good weights"
    assert w.train_action.isEnabled()
    assert not np.isfinite(w.state.history.column("batch", "loss")[-1]), "a gap in the curve"


def exploding(trainer):
    """The trainer, except that its third batch raises."""
    real_steps = trainer.steps

    def steps(control=None):
        for i, r in enumerate(real_steps(control)):
            if i == 2:
                raise RuntimeError("boom in batch 3")
            yield r
    trainer.steps = steps
    return trainer


def test_worker_exception_shows_dialog_and_app_keeps_working(make_window, qtbot, monkeypatch):
    dialogs = Dialogs(monkeypatch)
    w = make_window()
    real_new = w.training_session.new_trainer
    monkeypatch.setattr(w.training_session, "new_trainer", lambda: exploding(real_new()))
    w.train_action.trigger()
    qtbot.waitUntil(lambda: bool(dialogs.of("warning")), timeout=5000)
    assert "boom in batch 3" in dialogs.of("warning")[0][2]
    wait_idle(qtbot, w)
    assert w.training_state == "stopped" and w.trainer is None
    monkeypatch.setattr(w.training_session, "new_trainer", real_new)
    w.train_action.trigger()  # the app keeps working
    qtbot.waitUntil(lambda: steps_done(w) >= 3, timeout=5000)


def test_corrupt_checkpoint_gives_message_weights_unchanged(shared_window, monkeypatch, tmp_path):
    dialogs = Dialogs(monkeypatch)
    w = shared_window
    bad = tmp_path / "corrupt.npz"
    bad.write_bytes(b"PK\x03\x04 this is not a zip file at all")
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(bad), "Checkpoints (*.npz)"))
    snap = w.state.snapshot
    w.open_action.trigger()
    assert len(dialogs.of("critical")) == 1
    _, title, text = dialogs.of("critical")[0]
    assert "checkpoint" in title.lower() and str(bad) in text and "unchanged" in text
    assert w.state.snapshot is snap


def test_checkpoint_save_and_open_round_trip(shared_window, monkeypatch, tmp_path):
    dialogs = Dialogs(monkeypatch)
    w = shared_window
    path = tmp_path / "mine.npz"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    QTest.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert path.is_file()
    saved = w.state.snapshot
    w.reset_action.trigger()
    assert not np.array_equal(w.state.snapshot.params["w1"], saved.params["w1"])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    QTest.keyClick(w, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert not dialogs.calls
    for k, a in saved.params.items():
        np.testing.assert_array_equal(w.state.snapshot.params[k], a)


def test_shipped_weights_loaded_or_random_fallback(make_window, tmp_path):
    net = LeNet5(LeNetConfig(activation="tanh"), seed=3)
    path = save_checkpoint(tmp_path / "w.npz", net)
    w = make_window(weights=path)
    np.testing.assert_array_equal(w.state.snapshot.params["w1"], net.params["w1"])
    assert w.panel("settings").model_config().activation == "tanh"
    w2 = make_window(weights=tmp_path / "missing.npz")
    assert w2.state.snapshot is not None
    assert "random weights" in w2.statusBar().currentMessage()


def test_data_loads_off_the_gui_thread_with_progress(qtbot, settings_path):
    w = mw.MainWindow(weights=False, runs_dir=settings_path.parent / "runs",
                      settings=QSettings(str(settings_path),
                                                        QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    assert w.state.data is None and not w.train_action.isEnabled()
    assert "Loading" in w.status_label.text()
    qtbot.waitUntil(lambda: w.state.data is not None, timeout=30000)
    assert len(w.state.data.train_labels) == 60000 and w.train_action.isEnabled()
    assert w.progress_bar.value() == w.progress_bar.maximum()
    assert w.probe_spin.maximum() == 9999


def test_data_load_error_reaches_a_dialog(qtbot, monkeypatch, tmp_path, settings_path):
    dialogs = Dialogs(monkeypatch)
    w = mw.MainWindow(data_dir=tmp_path / "nowhere", weights=False, runs_dir=tmp_path / "runs",
                      settings=QSettings(str(settings_path), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: bool(dialogs.of("critical")), timeout=10000)
    assert "nowhere" in dialogs.of("critical")[0][2]
    assert not w.train_action.isEnabled()


# ----------------------------------------------------------------- close


CLOSE_SCRIPT = textwrap.dedent("""
    import os, sys, time
    sys.path.insert(0, {root!r})
    from lenet_gui.gui.application import create_app
    app = create_app([])
    from PySide6.QtCore import QTimer
    from lenet_gui.gui.window import MainWindow
    w = MainWindow(weights=False, runs_dir=os.path.join(os.getcwd(), "runs"))
    w.show()
    t_close = [0.0]
    def train():
        if w.state.data is None:
            QTimer.singleShot(50, train); return
        w.train_action.trigger()
        QTimer.singleShot(200, close)
    t_train = time.monotonic()
    def close():
        # Mid-epoch: wait for the first batches (a loaded machine may take seconds), never a fixed delay.
        if not (w.session is not None and w.trainer.step > 0 and w.trainer.batch_in_epoch > 0):
            assert time.monotonic() - t_train < 90, "training never started"
            QTimer.singleShot(100, close); return
        {pause}
        t_close[0] = time.perf_counter()
        w.close()
    QTimer.singleShot(0, train)
    code = app.exec()
    print("CLOSE_SECONDS", time.perf_counter() - t_close[0], flush=True)
    sys.exit(code)
""")


MID = {  # what runs when the window closes
    "running": "",
    "paused": "w.control.pause()",
    "evaluating": "w.dock('robustness').raise_(); app.processEvents(); "
                  "assert w.panel('robustness').run() and w.panel('robustness').busy",
}


@pytest.mark.parametrize("mid", list(MID))
def test_close_mid_epoch_exits_cleanly(tmp_path, mid):
    script = CLOSE_SCRIPT.format(root=str(ROOT), pause=MID[mid])
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", OPENBLAS_NUM_THREADS="1",
               XDG_CONFIG_HOME=str(tmp_path))
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, env=env, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "Destroyed" not in proc.stderr and "QThread" not in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr and "Error" not in proc.stderr, proc.stderr
    # How long the close took is printed, not asserted (a loaded machine may take longer);
    # what is asserted is that it ends at all, cleanly, with nothing left running.
    seconds = float(proc.stdout.split("CLOSE_SECONDS")[1])
    print(f"close mid-epoch ({mid}) took {seconds:.2f} s")


# ----------------------------------------------------------------- docks and layout


def test_docks_are_movable_floatable_closable_with_view_toggles(make_window):
    w = make_window()
    view_actions = {a.text(): a for a in w.view_menu.actions()}
    for name, dock in w.docks.items():
        f = dock.features()
        assert f & dock.DockWidgetFeature.DockWidgetMovable
        assert f & dock.DockWidgetFeature.DockWidgetFloatable
        assert f & dock.DockWidgetFeature.DockWidgetClosable
        toggle = view_actions[dock.windowTitle()]
        toggle.trigger()
        assert not dock.isVisible()
        toggle.trigger()
        assert dock.isVisible()
        assert dock.widget() is not None and not isinstance(dock.widget(), QLabel), name


def test_layout_saved_and_restored(make_window, settings_path):
    w = make_window()
    w.dock("deltas").close()
    w.dock("kernels").setFloating(True)
    w.close()
    s = QSettings(str(settings_path), QSettings.Format.IniFormat)
    assert int(s.value("layout/version")) == layout_version()
    w2 = make_window()
    assert not w2.dock("deltas").isVisible()
    assert w2.dock("kernels").isFloating()
    w2.reset_layout_action.trigger()
    assert w2.dock("deltas").isVisible() and not w2.dock("kernels").isFloating()


CORRUPT_STATES = {"garbage": b"garbage", "empty": b"", "truncated": None,  # a real state cut
                  "wrong-type": "a string"}


def test_corrupt_saved_layout_falls_back_to_default(make_window, settings_path):
    """Each corrupt state in turn, read by a new window (one saved state for all four)."""
    w = make_window()
    w.dock("deltas").close()
    w.close()
    s = QSettings(str(settings_path), QSettings.Format.IniFormat)
    good = s.value("layout/state")
    assert isinstance(good, QByteArray) and len(good) > 100
    for name, state in CORRUPT_STATES.items():
        s = QSettings(str(settings_path), QSettings.Format.IniFormat)
        if state is None:
            s.setValue("layout/state", good[: len(good) // 3])
        else:
            s.setValue("layout/state", QByteArray(state) if isinstance(state, bytes) else state)
        s.sync()
        w2 = make_window()
        assert w2.restore_layout() is False, name
        assert all(d.isVisible() and not d.isFloating() for d in w2.docks.values()), name
        w2.close()  # saves its (good) layout; the next state overwrites it


def test_other_layout_version_falls_back_to_default(make_window, settings_path):
    w = make_window()
    w.dock("loss").close()
    w.close()
    s = QSettings(str(settings_path), QSettings.Format.IniFormat)
    s.setValue("layout/version", layout_version() + 1)
    s.sync()
    w2 = make_window()
    assert w2.dock("loss").isVisible()


def test_hidden_docks_do_no_work(make_window, qtbot):
    w = make_window()
    for name in ("loss", "deltas", "feature_maps"):
        w.dock(name).close()
    counts = {n: w.panel(n).refresh_count for n in ("loss", "deltas", "feature_maps")}
    w.train_action.trigger()
    qtbot.waitUntil(lambda: steps_done(w) >= 10, timeout=10000)
    w.stop_action.trigger()  # joins the worker and shows its last payload
    qtbot.wait(200)
    assert w.panel("loss").refresh_count == counts["loss"]
    assert w.panel("deltas").refresh_count == counts["deltas"]
    assert w.panel("feature_maps").refresh_count == counts["feature_maps"]
    assert w.state.history.n_batches == steps_done(w), "the hidden loss panel keeps every loss"
    w.dock("loss").show()
    qtbot.waitUntil(lambda: w.panel("loss").refresh_count > counts["loss"], timeout=2000)


# ----------------------------------------------------------------- polish


def test_every_control_has_a_tooltip(shared_window):
    w = shared_window
    for a in w.findChildren(QAction):
        if a.text() and not a.isSeparator():
            assert a.toolTip(), a.text()
    toolbar = w.findChild(QWidget, "toolbar_training")
    for child in toolbar.findChildren(QWidget):
        if child.isVisible() and child.__class__.__name__ in ("QSlider", "QSpinBox", "QLabel"):
            assert child.toolTip(), child
    from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QSpinBox

    for kind in (QCheckBox, QComboBox, QDoubleSpinBox, QSpinBox):
        for child in w.panel("settings").findChildren(kind):
            assert child.toolTip(), child
    assert w.panel("loss").log_box.toolTip()


def test_loss_panel_log_scale_and_hover(make_window, qtbot):
    w = make_window()
    w.step_action.trigger()
    w.control.step(5)
    qtbot.waitUntil(lambda: w.last_report is not None and w.last_report.step == 6, timeout=5000)
    w.flush_frame()
    lp = w.panel("loss")
    lp.log_box.setChecked(True)
    assert lp.loss_plot.getAxis("left").logMode
    text = lp._describe(3.2)
    assert text.startswith("batch 3: loss ")


# ----------------------------------------------------------------- memory


def _rss_anon() -> int:
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) * 1024 for line in f if line.startswith("RssAnon:"))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
@pytest.mark.posix_only("glibc's malloc_trim, /proc")
def test_the_window_gives_free_heap_back_to_the_system(make_window, qtbot):
    """Every TRIM_MS the window returns the heap's free pages to the system: holes that the
    threads' temporaries leave in the middle of the heap stay resident otherwise."""
    from lenet_gui.model import tune_allocator

    tune_allocator()  # as the app's start does: 256 kB blocks live in the heap, not mmapped
    w = make_window()
    assert w._trim_timer.isActive() and w._trim_timer.interval() == mw.TRIM_MS
    w._trim_timer.stop()
    blocks = [np.ones(256 * 1024 // 8) for _ in range(400)]  # 100 MB
    keep = blocks[::8]  # every 8th stays: the heap cannot shrink past them
    del blocks
    held = _rss_anon()
    w._trim_timer.setInterval(10)
    w._trim_timer.start()
    qtbot.waitUntil(lambda: held - _rss_anon() > 40 * 1024 * 1024, timeout=5000)
    assert len(keep) == 50
