"""Perspectives: Ctrl+1…Ctrl+5 (real key events) arrange the window for one job, the user's
changes to each are remembered (across switches and restarts), and a reset restores it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtWidgets import QTabBar

from lenet_gui.gui.panels.registry import layout_version
from lenet_gui.gui.window.perspectives import PERSPECTIVES, perspective

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                                       "This plugin does not support raise")

KEYS = {"train": Qt.Key.Key_1, "backprop": Qt.Key.Key_2, "draw": Qt.Key.Key_3,
        "evaluate": Qt.Key.Key_4, "learn": Qt.Key.Key_5}


def press(qtbot, w, name):
    from PySide6.QtWidgets import QApplication

    w.activateWindow()  # a dock that floated took the focus with it
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    qtbot.keyClick(w, KEYS[name], Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.current_perspective == name, timeout=2000)
    qtbot.wait(50)


def shown(w) -> set[str]:
    """Docks in the layout and not hidden (a background tab counts as shown)."""
    return {n for n, d in w.docks.items() if not d.isHidden() and not d.isFloating()}


def stale_tab_bars(w) -> list[list[str]]:
    """Visible tab bars inside the window whose tabs name a hidden dock."""
    titles = {d.windowTitle(): d for d in w.docks.values()}
    out = []
    for bar in w.findChildren(QTabBar):
        if bar.isVisible() and bar.geometry().x() >= 0 and bar.count():
            tabs = [bar.tabText(i) for i in range(bar.count())]
            if any(t in titles and titles[t].isHidden() for t in tabs):
                out.append(tabs)
    return out


def test_each_perspective_shows_exactly_its_docks(make_window, qtbot):
    """The first start has no stale tab bar; then each perspective in turn, by its key, shows
    exactly its docks, its action checked, and no tab bar names a hidden dock."""
    w = make_window()
    assert stale_tab_bars(w) == []
    for name in [p.name for p in PERSPECTIVES]:
        press(qtbot, w, name)
        want = {d for d in perspective(name).docks if d in w.docks}
        assert shown(w) == want, name
        assert w.perspective_actions[name].isChecked()
        assert stale_tab_bars(w) == [], name


def test_backprop_gives_the_stepper_most_of_the_window(make_window, qtbot):
    w = make_window()
    press(qtbot, w, "backprop")
    stepper = w.dock("stepper")
    assert stepper.width() > 0.6 * w.width()
    assert stepper.height() > 0.8 * w.height()


def test_explain_is_skipped_when_missing_and_distributions_is_in_train(make_window, qtbot):
    w = make_window()
    assert "explain" in perspective("draw").docks
    press(qtbot, w, "draw")
    assert shown(w) == {"canvas", "feature_maps", "architecture"} | (
        {"explain"} if "explain" in w.docks else set())
    press(qtbot, w, "train")
    assert "distributions" in shown(w)


def test_a_change_is_remembered_per_perspective_and_after_a_restart(make_window, qtbot,
                                                                    settings_path):
    w = make_window()
    press(qtbot, w, "train")
    w.dock("kernels").close()  # the user's change to Train
    press(qtbot, w, "backprop")
    assert shown(w) == {"stepper", "deltas"}
    press(qtbot, w, "train")
    assert "kernels" not in shown(w) and "deltas" in shown(w)
    press(qtbot, w, "evaluate")  # Train's state is saved on leaving it
    w.close()
    s = QSettings(str(settings_path), QSettings.Format.IniFormat)
    assert int(s.value("perspectives/version")) == layout_version()
    assert s.value("perspectives/current") == "evaluate"
    w2 = make_window()
    assert w2.current_perspective == "evaluate"
    assert shown(w2) == set(perspective("evaluate").docks)
    press(qtbot, w2, "train")
    assert "kernels" not in shown(w2) and "settings" in shown(w2)


def test_reset_this_perspective_restores_its_default(make_window, qtbot):
    w = make_window()
    press(qtbot, w, "evaluate")
    w.dock("robustness").close()
    w.dock("confusion").setFloating(True)
    w.reset_perspective_action.trigger()
    assert shown(w) == set(perspective("evaluate").docks)
    press(qtbot, w, "draw")
    press(qtbot, w, "evaluate")  # the reset forgot the changed version
    assert shown(w) == set(perspective("evaluate").docks)


def test_a_saved_state_of_another_version_or_garbage_falls_back(make_window, qtbot,
                                                                 settings_path):
    w = make_window()
    press(qtbot, w, "train")
    w.dock("kernels").close()
    press(qtbot, w, "draw")
    w.close()
    s = QSettings(str(settings_path), QSettings.Format.IniFormat)
    s.setValue("perspectives/train/state", QByteArray(b"garbage"))
    s.sync()
    w2 = make_window()
    press(qtbot, w2, "train")
    assert shown(w2) == set(perspective("train").docks)
    s.setValue("perspectives/version", layout_version() - 1)
    s.sync()


def test_reset_layout_leaves_the_perspective_and_shows_every_dock(make_window, qtbot):
    w = make_window()
    press(qtbot, w, "backprop")
    w.reset_layout_action.trigger()
    assert w.current_perspective is None
    assert shown(w) == set(w.docks)
    assert not any(a.isChecked() for a in w.perspective_actions.values())
    assert stale_tab_bars(w) == []


def test_distributions_panel_draws_rows_and_shows_diagnoses(qtbot, small_data):
    from lenet_gui.gui.panels.distributions import DistributionsPanel
    from lenet_gui.gui.state import AppState
    from lenet_gui.model import LeNet5, LeNetConfig
    from lenet_gui.train.distributions import DistributionRecorder
    from lenet_gui.train.trainer import StepReport

    state = AppState()
    panel = DistributionsPanel(state)
    qtbot.addWidget(panel)
    panel.resize(900, 600)
    panel.show()
    assert "Train to record" in panel.info.text()
    net = LeNet5(LeNetConfig(), seed=0)
    net.params["w3"] *= 20  # C3 saturates
    rec = DistributionRecorder(small_data.test_images, small_data.test_labels)
    reports = [StepReport(0, s - 1, 100, s, 1.0, 0.5, 0.03, 1.0, distributions=rec.record(net, s, None))
               for s in (1, 50, 100)]
    state.add_reports(reports)
    qtbot.waitUntil(lambda: panel.refresh_count > 0 and "3 rows" in panel.info.text(), timeout=3000)
    assert panel.images["c3"].image.shape == (3, 40)
    assert panel.images["s2"].image is None
    text = panel.diagnoses.toPlainText()
    assert "Saturated" in text and "C3" in text
    assert "Gradient in Layer F7" in text and "δ(u_f7ᵢ) = δ(f7ᵢ)·f′(u_f7ᵢ)" in text
    assert panel.quantity.whatsThis() and panel.plots.whatsThis() and panel.diagnoses.whatsThis()
