"""The Labs dock in the real window, driven as a student drives it: answers typed into the
answer field, options and buttons clicked with the mouse, panels shown from the View menu,
F11 and Page Down pressed. Two labs are walked to their end (a right answer advances, a
wrong one shows the hint and not the answer), the progress is read back by a new window, the
report is parsed, and File ▸ Open lab shows a broken file's fault in one line.

One window for the module (the shipped weights, a small MNIST); each test leaves the lab it
used finished or at a step the next test does not depend on."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import html
from html.parser import HTMLParser

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests import helpers

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    return tmp_path_factory.mktemp("labs_gui")


def _make_window(folders):
    from lenet_gui.gui.window import MainWindow

    w = MainWindow(data=helpers.subset(2000, 500), weights=helpers.weights_path(),
                   settings=QSettings(str(folders / "layout.ini"), QSettings.Format.IniFormat),
                   runs_dir=folders / "runs", labs_dir=folders / "labs")
    w.resize(1400, 900)
    w.show()
    w.activateWindow()
    w.state.wait_for_trace()
    return w


@pytest.fixture(scope="module")
def window(qapp, folders):
    w = _make_window(folders)
    yield w
    w.close()
    w.deleteLater()


def _activate(qtbot, w):
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)


def _open(qtbot, panel, lab_id):
    """Choose the lab in the dock's list with the mouse and the keyboard."""
    combo = panel.lab_combo
    i = combo.findData(lab_id)
    combo.setFocus()
    combo.setCurrentIndex(i)
    combo.activated.emit(i)  # the user's choice from the list
    qtbot.waitUntil(lambda: panel.lab is not None and panel.lab.id == lab_id, timeout=2000)


def _type(qtbot, panel, text):
    panel.answer_edit.clear()
    QTest.keyClicks(panel.answer_edit, text)
    qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)


def _tick(qtbot, panel, indices):
    for i in indices:
        b = panel.choice_buttons[i]
        qtbot.waitUntil(lambda b=b: b.isVisible() and b.width() > 5, timeout=2000)
        qtbot.mouseClick(b, Qt.MouseButton.LeftButton, pos=QPoint(8, b.height() // 2))  # its box


def _next(qtbot, panel):
    before = panel.index
    assert panel.next_button.isEnabled()
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    return panel.index == before + 1


def test_walk_the_architecture_lab_right_answers_advance_wrong_ones_get_the_hint(
        window, qtbot):
    panel = window.labs.panel
    _activate(qtbot, window)
    panel.progress.reset("architecture")
    _open(qtbot, panel, "architecture")
    assert panel.index == 0 and window.current_perspective == "learn"
    assert window.labs.highlighted == "architecture"  # the step's panel, framed
    assert window.dock("architecture").isVisible()
    assert _next(qtbot, panel)  # a step to read
    # C1's parameters: a wrong number shows the course's hint, never the answer
    assert not panel.next_button.isEnabled()
    _type(qtbot, panel, "150")
    shown = panel.feedback_label.text()
    assert "Layer C1" in shown and "156" not in shown
    assert not panel.passed() and not panel.next_button.isEnabled()
    _type(qtbot, panel, "156")
    assert panel.passed() and "✓" in panel.feedback_label.text()
    assert _next(qtbot, panel)
    _type(qtbot, panel, "122,304")  # written as people write it
    assert _next(qtbot, panel)
    _type(qtbot, panel, "1516")
    assert _next(qtbot, panel)
    _tick(qtbot, panel, [1])  # S2 only: one of the two is missing
    qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
    assert not panel.passed() and "S2" in panel.feedback_label.text()
    _tick(qtbot, panel, [3])
    qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
    assert panel.passed()
    assert _next(qtbot, panel)
    _type(qtbot, panel, "60,806")  # computed from the window's network: max-pooling's count
    assert panel.passed() and panel.finished
    assert panel.report_button.isVisible()
    assert panel.lab_combo.currentText().startswith("✓")


def test_walk_the_table1_lab_resume_after_a_restart_and_read_its_report(
        window, folders, qtbot, tmp_path):
    panel = window.labs.panel
    _activate(qtbot, window)
    panel.progress.reset("table1")
    _open(qtbot, panel, "table1")
    assert _next(qtbot, panel)
    # predict which C3 maps S2 map 0 feeds: a wrong prediction is compared, then go on
    assert panel.reveal_button.isVisible() and not panel.next_button.isEnabled()
    _tick(qtbot, panel, [0, 1])
    qtbot.mouseClick(panel.reveal_button, Qt.MouseButton.LeftButton)
    prediction, truth, ok = panel.revealed()
    assert prediction == [0, 1] and not ok and 15 in truth
    assert "0, 1" in panel.feedback_label.text() and "15" in panel.feedback_label.text()
    assert _next(qtbot, panel)
    _type(qtbot, panel, "60")
    assert _next(qtbot, panel)
    # a new window on the same data folder reads what this one wrote: the same step
    second = _make_window(folders)
    try:
        p2 = second.labs.panel
        assert p2.progress.current_step("table1") == 3
        assert p2.progress.answers("table1", "pairs")[-1].value == "60"
        _open(qtbot, p2, "table1")
        assert p2.index == 3 and p2.step.id == "map9"
    finally:
        second.close()
        second.deleteLater()
    _activate(qtbot, window)
    _tick(qtbot, panel, [0, 3, 4, 5])
    qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
    assert _next(qtbot, panel)
    # an action: the Kernels panel shown from the View menu turns the step ✓ by itself
    assert not panel.passed()
    window.dock("kernels").toggleViewAction().trigger()
    qtbot.waitUntil(panel.passed, timeout=5000)
    assert "✓" in panel.action_label.text()
    assert _next(qtbot, panel)
    # predict δ(w3) of a pair Table 1 leaves out: the window computes it (exactly 0)
    QTest.keyClicks(panel.answer_edit, "0")
    qtbot.mouseClick(panel.reveal_button, Qt.MouseButton.LeftButton)
    assert panel.revealed()[2] and panel.finished

    # the report: one self-contained HTML file with the answers, the figures and the seed
    text = window.labs.export_report(tmp_path / "report.html").read_text(encoding="utf-8")

    class Collect(HTMLParser):
        def __init__(self):
            super().__init__()
            self.tags, self.external = [], []

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)
            for k, v in attrs:
                if k in ("src", "href") and v and not v.startswith(("data:", "#")):
                    self.external.append(v)

    parsed = Collect()
    parsed.feed(text)
    parsed.close()
    assert parsed.external == []  # nothing loaded from anywhere
    assert parsed.tags.count("figure") >= 2  # the stepper and the architecture, as SVG
    assert "<td>60</td>" in text  # a typed answer
    assert "0, 3, 4, 5" in text  # picked options
    assert "<td>0, 1</td>" in text  # the wrong prediction, beside its truth
    assert "seed" in text.lower()


def test_presentation_enlarges_shows_only_the_step_and_restores_the_layout(window, qtbot):
    panel = window.labs.panel
    _activate(qtbot, window)
    panel.progress.reset("forward")
    _open(qtbot, panel, "forward")
    before_docks = {n for n, d in window.docks.items() if d.isVisible()}
    before_pt = QApplication.font().pointSizeF()
    before_size = window.size()
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert window.labs.presenting
    assert QApplication.font().pointSizeF() >= before_pt * 1.25 - 1e-6
    shown = {n for n, d in window.docks.items() if d.isVisible()}
    assert shown == {"labs", panel.step.panel} - {None}
    qtbot.keyClick(window, Qt.Key.Key_PageDown)
    assert panel.index == 1
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert not window.labs.presenting
    assert QApplication.font().pointSizeF() == before_pt
    assert window.size() == before_size
    assert {n for n, d in window.docks.items() if d.isVisible()} == before_docks


def test_the_chinese_window_shows_the_labs_in_chinese(window, qtbot):
    panel = window.labs.panel
    step = panel.step
    try:
        assert window.set_language("zh_CN")
        qtbot.waitUntil(lambda: step.title.zh in panel.step_title.text(), timeout=3000)
        assert panel.back_button.text() == "上一步"
        assert "上一步" in panel.back_button.text() and panel.check_button.text() == "检查"
    finally:
        window.set_language("en")
    qtbot.waitUntil(lambda: html.escape(step.title.en) in panel.step_title.text(), timeout=3000)


def test_open_lab_with_a_broken_file_says_its_fault_in_one_line(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    bad = tmp_path / "broken.toml"
    bad.write_text('schema = 1\nid = "x"\norder = "one"\n', encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    window.labs.open_lab_action.trigger()
    message = window.labs.panel.message
    assert "broken.toml" in message and "\n" not in message
    assert "broken.toml" in window.labs.panel.feedback_label.text()
