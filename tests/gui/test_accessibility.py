"""What a screen reader is given, read the way it reads it: Qt's accessibility tree
(QAccessible.queryAccessibleInterface, child(i), text(Name / Description), role, state) of the
real window, in every perspective and in both languages. Every control has a name, every
picture (a pyqtgraph view, a widget that paints itself, a label showing a pixmap) a name and a
description that follows what it shows. The walk is generic: a panel added later is walked too,
and what it leaves unnamed is reported with its panel and class.

Then the keyboard alone (real key events, no mouse event): F6 into the panels, Tab, the arrows
over a heatmap's tiles, Enter; the focus mark; Ctrl+= / Ctrl+- / Ctrl+0."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from lenet_gui.gui import i18n
from lenet_gui.gui.widgets import accessible
from lenet_gui.gui.widgets.course_heatmap import fmt
from lenet_gui.gui.window.perspectives import PERSPECTIVES

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                                       "This plugin does not support raise")


def _settle(w, qtbot) -> None:
    """The trace drawn, every due panel refreshed, every due description written."""
    w.state.wait_for_trace(10000)
    qtbot.waitUntil(lambda: not w.dock_host.scheduler.pending, timeout=10000)
    qtbot.waitUntil(lambda: not accessible.pending(), timeout=5000)


def _cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_every_control_is_named_and_every_picture_described(make_window, qtbot):
    w = make_window()
    report, seen = [], {}
    try:
        for language in ("en", "zh_CN"):
            i18n.set_language(language)
            for p in PERSPECTIVES:
                w.perspectives.set_perspective(p.name)
                _settle(w, qtbot)
                unnamed, undescribed, controls, pictures = accessible.unnamed_and_undescribed(w)
                seen[language, p.name] = (controls, pictures)
                report += [f"{language} {p.name}: control without a name: {u}" for u in unnamed]
                report += [f"{language} {p.name}: picture without a description: {u}"
                           for u in undescribed]
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


def test_a_feature_map_is_described_by_its_values(make_window, qtbot):
    w = make_window()
    w.perspectives.set_perspective("train")
    _settle(w, qtbot)
    view = w.panel("feature_maps").views["c1"]
    maps = view.maps
    t, r, c = np.unravel_index(int(np.argmax(np.abs(maps))), maps.shape)
    iface = QAccessible.queryAccessibleInterface(view)
    text = iface.text(QAccessible.Text.Description)
    assert f"6 maps of 28×28, values {fmt(maps.min())} to {fmt(maps.max())}" in text
    assert f"map {t} at row {r}, column {c}" in text
    assert iface.text(QAccessible.Text.Name).startswith("C1")  # its caption, as buddy


def test_keyboard_reaches_a_heatmap_tile_and_enlarges_it(make_window, qtbot):
    """F6 into the feature maps, Tab to the C3 mosaic, arrows over its pixels (across the gap
    into the next map), the value in the description and the read-out, Enter enlarges."""
    w = make_window()
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


def test_f6_visits_every_panel_and_text_scales(make_window, qtbot, settings_path):
    w = make_window()
    w.perspectives.set_perspective("evaluate")
    _settle(w, qtbot)
    visited = set()
    for _ in range(len(w.dock_host.docks)):
        QTest.keyClick(QApplication.focusWidget() or w, Qt.Key.Key_F6)
        focus = QApplication.focusWidget()
        visited |= {n for n, d in w.dock_host.docks.items() if d.isAncestorOf(focus)}
    assert visited == {"confusion", "explorer", "feature_space", "robustness"}
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
