"""What a screen reader is given, read the way it reads it: Qt's accessibility tree
(QAccessible.queryAccessibleInterface, child(i), text(Name / Description), role, state) of the
real window, in every perspective and in both languages. Every control has a name, every
picture (a pyqtgraph view, a widget that paints itself, a label showing a pixmap) a name and a
description that follows what it shows. The walk is generic: a panel added later is walked too,
and what it leaves unnamed is reported with its panel and class.

Then the keyboard alone (real key events, no mouse event): F6 into the panels, Tab, the arrows
over a heatmap's tiles, Enter; the focus mark; Ctrl+= / Ctrl+- / Ctrl+0."""

from __future__ import annotations

import time

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QSpinBox, QToolBar, QWidgetAction

from lenet_gui.gui import i18n
from lenet_gui.gui.panels._jobs import JobPanel
from lenet_gui.gui.widgets import accessible
from lenet_gui.gui.widgets.course_heatmap import fmt
from lenet_gui.gui.widgets.heatmap import HeatmapView
from lenet_gui.gui.window.perspectives import PERSPECTIVES

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                                       "This plugin does not support raise")


def _settle(w, qtbot, by_timer: bool = False) -> None:
    """The trace drawn, every due panel refreshed, every due description written: now
    (accessible.flush), or `by_timer`, by the describer's own timer once a screen reader
    connects (waited for once, not in every perspective). Before it connects, nothing is
    described: the passes wait, however long."""
    w.state.wait_for_trace(10000)

    def idle() -> bool:  # every due panel drawn, every shown panel's job (class means, …) in
        return not w.dock_host.scheduler.pending and not any(
            isinstance(p, JobPanel) and p.busy and p.isVisible() for p in w.dock_host.panels())

    qtbot.waitUntil(idle, timeout=20000)
    if not by_timer:
        # until a flush leaves nothing due: a panel built on a later turn, a picture a job's
        # result shows, would otherwise be walked before any pass named and described it.
        # A deadline, not a count of turns: on a loaded machine a job's result comes later
        # (ten turns of 20 ms were once too few beside a two-hour soak).
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            accessible.flush()
            qtbot.wait(20)
            if idle() and not accessible.pending():
                return
        raise AssertionError("the window kept changing for 20 s: pictures are still due")
    assert not accessible.listening()  # the offscreen platform: no reader
    qtbot.wait(accessible.DESCRIBE_MS + 300)
    assert accessible.pending()  # still due: no pass ran for nobody
    QAccessible.setActive(True)  # what Qt's platform plugin does when a reader connects
    try:
        qtbot.waitUntil(lambda: not accessible.pending(),
                        timeout=accessible.LISTEN_MS + accessible.DESCRIBE_MS + 3000)
    finally:
        QAccessible.setActive(False)


def _cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _check_feature_map_description(w) -> None:
    """A feature map's description states its real range and strongest value, and its name
    is its caption."""
    view = w.panel("feature_maps").views["c1"]
    maps = view.maps
    t, r, c = np.unravel_index(int(np.argmax(np.abs(maps))), maps.shape)
    iface = QAccessible.queryAccessibleInterface(view)
    text = iface.text(QAccessible.Text.Description)
    assert f"6 maps of 28×28, values {fmt(maps.min())} to {fmt(maps.max())}" in text
    assert f"map {t} at row {r}, column {c}" in text
    assert iface.text(QAccessible.Text.Name).startswith("C1")  # its caption, as buddy


def test_every_control_is_named_and_every_picture_described(make_window, qtbot):
    w = make_window()
    report, seen = [], {}
    try:
        for language in ("en", "zh_CN"):
            i18n.set_language(language)
            for p in PERSPECTIVES:
                w.perspectives.set_perspective(p.name)
                _settle(w, qtbot, by_timer=(language, p.name) == ("en", "train"))
                unnamed, undescribed, controls, pictures = accessible.unnamed_and_undescribed(w)
                seen[language, p.name] = (controls, pictures)
                report += [f"{language} {p.name}: control without a name: {u}" for u in unnamed]
                report += [f"{language} {p.name}: picture without a description: {u}"
                           for u in undescribed]
                if (language, p.name) == ("en", "train"):
                    _check_feature_map_description(w)
            if language == "zh_CN":  # the names and descriptions are Chinese too
                probs = w.panel("feature_maps").views["c1"]
                assert _cjk(probs.accessibleDescription()), probs.accessibleDescription()
                assert _cjk(QAccessible.queryAccessibleInterface(w.probe_spin)
                            .text(QAccessible.Text.Name))
    finally:
        i18n.set_language("en")
    assert not report, "\n".join(report)
    # the walk saw what is on screen: no perspective passes by showing nothing
    for (language, name), (controls, pictures) in seen.items():
        assert controls >= 8 and pictures >= 3, (language, name, controls, pictures)
    # what another branch's panel would show: an unlabelled spin box and a bare plot, reported
    # with their panel and class
    w.perspectives.set_perspective("evaluate")  # where the feature space is shown
    _settle(w, qtbot)
    evaluate = w.panel("feature_space")
    box, plot = QSpinBox(evaluate), pg.PlotWidget(evaluate)
    box.show()
    plot.show()
    unnamed, undescribed, _, _ = accessible.unnamed_and_undescribed(w)
    assert "feature_space: QSpinBox [SpinBox]" in unnamed
    assert "feature_space: PlotWidget (no name)" in undescribed


def actions_outside_the_menus(w) -> list[str]:
    """Every action of the toolbars and every action with a shortcut that no menu of the
    menu bar holds (a keyboard user reaches actions through the menus, Alt+letter)."""
    in_menus, menus = set(), [a.menu() for a in w.menuBar().actions() if a.menu()]
    while menus:
        menu = menus.pop()
        for a in menu.actions():
            in_menus.add(a)
            if a.menu() is not None:
                menus.append(a.menu())
    wanted = [a for tb in w.findChildren(QToolBar) for a in tb.actions()
              if not a.isSeparator() and not isinstance(a, QWidgetAction) and a.isVisible()]
    wanted += [a for a in w.findChildren(QAction) if a.shortcuts()
               and not isinstance(a, QWidgetAction)]
    return sorted({f"{a.objectName()} {a.text()!r}" for a in wanted if a not in in_menus})


def test_keyboard_reaches_a_heatmap_tile_and_every_panel(make_window, qtbot):
    """F6 into the feature maps, Tab to the C3 mosaic, arrows over its pixels (across the gap
    into the next map), the value in the description and the read-out, Enter enlarges; F6
    visits every dock; Ctrl+= / Ctrl+- / Ctrl+0 scale the text and remember the scale; every
    action of the toolbars and every shortcut is in a menu."""
    w = make_window()
    assert not actions_outside_the_menus(w)
    w.perspectives.set_perspective("train")
    _settle(w, qtbot)
    panel = w.panel("feature_maps")
    view = panel.views["c3"]
    QTest.keyClick(w, Qt.Key.Key_F6)  # into the first panel
    for _ in range(60):  # F6 on to the feature maps' dock, then Tab to C3
        focus = QApplication.focusWidget()
        if focus is view:
            break
        key = Qt.Key.Key_Tab if panel.isAncestorOf(focus) else Qt.Key.Key_F6
        QTest.keyClick(focus, key)
    assert QApplication.focusWidget() is view
    mark = accessible.install_focus_mark()
    qtbot.waitUntil(lambda: mark.isVisible() and mark.target is view)
    for _ in range(9):
        QTest.keyClick(view, Qt.Key.Key_Right)  # 10×10 maps: 9 steps to column 9 …
    assert view.cursor == (0, 0, 9)
    QTest.keyClick(view, Qt.Key.Key_Right)  # … one more crosses into map 1
    QTest.keyClick(view, Qt.Key.Key_Down)
    assert view.cursor == (1, 1, 0)
    value = fmt(float(view.maps[1, 1, 0]))
    assert view.readout.text.endswith(f"= {value}")
    described = QAccessible.queryAccessibleInterface(view).text(QAccessible.Text.Description)
    assert described.startswith(view.readout.text)
    QTest.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.enlarge_dialog is not None
                    and panel.enlarge_dialog.isVisible())
    panel.enlarge_dialog.close()
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)

    # F6 visits every dock of the perspective; Ctrl+= / Ctrl+- / Ctrl+0 scale the text.
    view.setFocus()
    visited = set()
    for _ in range(len(w.dock_host.docks)):
        QTest.keyClick(QApplication.focusWidget() or w, Qt.Key.Key_F6)
        focus = QApplication.focusWidget()
        visited |= {n for n, d in w.dock_host.docks.items() if d.isAncestorOf(focus)}
    assert visited == {"settings", "feature_maps", "kernels", "deltas", "loss"}
    size = QApplication.font().pointSizeF()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Equal,
                   Qt.KeyboardModifier.ControlModifier)
    assert QApplication.font().pointSizeF() == pytest.approx(size * 1.1)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Minus,
                   Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Minus,
                   Qt.KeyboardModifier.ControlModifier)
    assert QApplication.font().pointSizeF() == pytest.approx(size * 0.9)
    assert float(w.settings.value("interface/scale")) == pytest.approx(0.9)  # remembered
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.font().pointSizeF() == pytest.approx(size)


def _press(key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A real key event to whatever has the keyboard focus, as a keyboard user sends it."""
    QTest.keyClick(QApplication.focusWidget(), key, modifier)


def _f6_into(w, dock_name: str) -> None:
    dock = w.dock(dock_name)
    for _ in range(8):
        if dock.isAncestorOf(QApplication.focusWidget()):
            return
        _press(Qt.Key.Key_F6)
    raise AssertionError(f"F6 never reached the {dock_name} dock")


def _tab_to(w, found, limit: int = 80) -> None:
    trail = []
    for _ in range(limit):
        if found(QApplication.focusWidget()):
            return
        trail.append(type(QApplication.focusWidget()).__name__)
        _press(Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached it: {' → '.join(trail)}")


def _said(widget) -> str:
    """A widget's description as a screen reader reads it, once what is due is written."""
    accessible.flush()
    return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Description)


def test_a_keyboard_only_walk(make_window, qtbot, tmp_path, monkeypatch, small_data):
    """Only key events, no mouse event: train and pause; the stepper to C3 and a tile's value;
    a picture loaded into the canvas (the file dialog is the one mock) and its answer heard;
    the evaluation, its most frequent mistake's cell opened and its first image probed."""
    w = make_window()
    w.activateWindow()
    QTest.keyClick(w, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # Train perspective
    _press(Qt.Key.Key_F6)
    QTest.keyClick(w, Qt.Key.Key_Space)  # Train: the window's shortcut
    qtbot.waitUntil(lambda: w.training_session.last_report is not None, timeout=20000)
    QTest.keyClick(w, Qt.Key.Key_Space)  # Pause
    qtbot.waitUntil(lambda: w.state.training == "paused", timeout=10000)

    # The stepper, stepped forward to C3 with →, and a tile of C3 read with the arrows.
    QTest.keyClick(w, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    _settle(w, qtbot)
    stepper = w.panel("stepper")
    qtbot.waitUntil(lambda: stepper.walk is not None, timeout=10000)
    _f6_into(w, "stepper")
    _tab_to(w, lambda f: f is stepper.next_button)  # "Next step (→)", pressed by Space
    for _ in range(40):
        if stepper.step.layer == "c3":
            break
        _press(Qt.Key.Key_Space)
    assert stepper.step.layer == "c3", stepper.step.layer
    qtbot.waitUntil(lambda: all(v.isVisible() for _q, v in stepper.views))  # shown next turn
    _tab_to(w, lambda f: isinstance(f, HeatmapView) and stepper.isAncestorOf(f))
    view = QApplication.focusWidget()
    _press(Qt.Key.Key_Right)
    t, r, c = view.cursor
    assert (r, c) == (0, 1)
    assert _said(view).startswith(view.text_for(t, r, c))
    said_value = float(view.text_for(t, r, c).rsplit("= ", 1)[1].replace("−", "-"))
    assert said_value == pytest.approx(float(view.maps[t, r, c]), rel=1e-3, abs=1e-6)

    # The canvas: Load… by Space, a test image of a 3 as dark ink on paper, its answer heard.
    QTest.keyClick(w, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    _settle(w, qtbot)
    canvas = w.panel("canvas")
    i = int(np.flatnonzero(small_data.test_labels == 3)[0])
    from PySide6.QtGui import QImage
    paper = np.ascontiguousarray(255 - small_data.test_images[i])
    path = str(tmp_path / "three.png")
    QImage(paper.data, 28, 28, 28, QImage.Format.Format_Grayscale8).copy().save(path)
    monkeypatch.setattr("lenet_gui.gui.panels.canvas.QFileDialog.getOpenFileName",
                        lambda *a, **k: (path, ""))
    _f6_into(w, "canvas")
    _tab_to(w, lambda f: f is canvas.load_button)
    _press(Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: canvas.bars.probs is not None and not canvas.area.is_empty(),
                    timeout=10000)
    answer = int(np.argmax(canvas.bars.probs))
    assert _said(canvas.bars).startswith(f"Answer {answer} with")
    assert "picture, marks on" in _said(canvas.area)

    # The confusion matrix: Evaluate by Space, the most frequent mistake's cell by the arrows
    # and Enter, its first image by Tab and Enter.
    QTest.keyClick(w, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    _settle(w, qtbot)
    confusion = w.panel("confusion")
    _f6_into(w, "confusion")
    _tab_to(w, lambda f: f is confusion.evaluate_button)
    _press(Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: confusion.result is not None, timeout=30000)
    _tab_to(w, lambda f: f is confusion.plot)
    m = np.array(confusion.result.confusion)
    np.fill_diagonal(m, -1)
    true, predicted = np.unravel_index(int(np.argmax(m)), m.shape)
    for _ in range(true):
        _press(Qt.Key.Key_Down)
    for _ in range(predicted):
        _press(Qt.Key.Key_Right)
    assert _said(confusion.plot).startswith(f"True {true}, predicted {predicted}: ")
    _press(Qt.Key.Key_Return)
    assert confusion.cell == (true, predicted)
    _tab_to(w, lambda f: f is confusion.gallery)
    _press(Qt.Key.Key_Home)
    _press(Qt.Key.Key_Return)
    first = int(confusion.model.indices[0])
    qtbot.waitUntil(lambda: w.state.probe is not None and w.state.probe.index == first)
    assert int(small_data.test_labels[first]) == true


def test_naming_a_panel_leaves_no_dead_wrappers_of_widgets_qt_made(qtbot):
    """A panel that builds a scroll area again and again, named after each build: the bars,
    viewport and bar containers Qt makes inside each scroll area leave no Python wrapper behind
    once Qt deletes them (findChildren kept one for each, for as long as the panel lived:
    ~3,900 in a two-hour soak). A control in the area is still named by its label, once."""
    import gc

    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QLabel, QScrollArea, QTextBrowser, QVBoxLayout, QWidget

    def dead_wrappers() -> int:
        gc.collect()
        return sum(1 for o in gc.get_objects()
                   if isinstance(o, QWidget) and not shiboken6.isValid(o))

    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    before = dead_wrappers()
    for _ in range(20):
        area = QScrollArea()
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.addWidget(QLabel("Speed"))
        spin = QSpinBox()
        inner_layout.addWidget(spin)
        area.setWidget(inner)
        layout.addWidget(area)
        layout.addWidget(QTextBrowser(root))
        root.show()
        accessible.update(root)
        assert spin.property(accessible.SETTLED)
        assert QAccessible.queryAccessibleInterface(spin).text(QAccessible.Text.Name) == "Speed"
        for w in (area, root.findChild(QTextBrowser)):
            w.setParent(None)
            w.deleteLater()
        del area, inner, spin, w
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert dead_wrappers() == before
