"""What's This: every control, plot, colour bar (inside its heatmap), table and drawing widget
of every panel's dock, every dock, and every action of the menus and the toolbar has a What's
This text in English and, after switching the interface, in Chinese; Shift+F1 and a click
show a control's text."""

from __future__ import annotations

import re

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QMenu,
    QProgressBar,
    QScrollBar,
    QTabBar,
    QWhatsThis,
    QWidget,
    QWidgetAction,
)

from lenet_gui.gui import i18n, whats_this
from lenet_gui.gui.panels import registry
from lenet_gui.gui.panels.architecture import Figure1
from lenet_gui.gui.panels.stepper.diagram import NetworkDiagram
from lenet_gui.gui.widgets.bars import ProbabilityBars
from lenet_gui.gui.widgets.drawing_area import DrawingArea
from lenet_gui.gui.widgets.images import PixelImage
from tests.helpers import course_lines

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "This plugin does not support raise",
    "This plugin does not support grabbing the keyboard")  # the What's This popup, offscreen

# The widgets a user points at: controls, plots and heatmaps (pyqtgraph GraphicsViews: a
# heatmap's colour bar and a plot's axes are items inside them, so the view's text names
# them), tables, lists and the project's own drawing widgets.
KINDS = (QAbstractButton, QComboBox, QAbstractSpinBox, QAbstractSlider, QLineEdit,
         pg.GraphicsView, QAbstractItemView, QProgressBar,
         DrawingArea, ProbabilityBars, PixelImage, NetworkDiagram, Figure1)


ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")


def _cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def internal_part(w: QWidget, panel: QWidget) -> bool:
    """Widgets that are parts of another widget, which the user does not see as controls of
    their own: anything inside a widget of KINDS (a spin box's line edit, a combo box's popup
    list, a table's headers and scroll bars, a graphics view's viewport), and the scroll bars
    of a scroll area (they move the panel's content; a click on one falls through to the
    panel's own text), and a tab bar's own scroll arrows (they only scroll its tabs)."""
    p = w.parentWidget()
    if isinstance(p, QTabBar):
        return True
    while p is not None and p is not panel:
        if isinstance(p, KINDS):
            return True
        if isinstance(w, QScrollBar) and isinstance(p, QAbstractScrollArea):
            return True
        p = p.parentWidget()
    return False


def pointed_widgets(panel: QWidget) -> list[QWidget]:
    return [w for w in panel.findChildren(QWidget)
            if isinstance(w, KINDS) and not internal_part(w, panel)]


def menu_actions(menu: QMenu) -> list[QAction]:
    out = []
    for a in menu.actions():
        if a.isSeparator():
            continue
        out.append(a)
        if a.menu() is not None:
            out += menu_actions(a.menu())
    return out


def window_items(w) -> list[tuple[str, object]]:
    """(description, widget or action) of the window itself: every action of the menus,
    every item of the toolbar (the widget, for a widget put in it), the status bar's
    widgets and every dock."""
    items = []
    for top in w.menuBar().actions():
        items.append((f"menu {top.text()!r}", top))
        items += [(f"action {a.objectName() or a.text()!r}", a) for a in menu_actions(top.menu())]
    for a in w.toolbar.actions():
        if a.isSeparator():
            continue
        widget = w.toolbar.widgetForAction(a)
        if isinstance(a, QWidgetAction) or widget is not None and not isinstance(
                widget, QAbstractButton):
            items.append((f"toolbar widget {widget.objectName() or type(widget).__name__}",
                          widget))
        else:
            items.append((f"toolbar action {a.objectName()!r}", a))
    items += [("status label", w.status_label), ("progress bar", w.progress_bar)]
    items += [(f"dock {name}", dock) for name, dock in w.docks.items()]
    return items


def show_every_dock(w, qtbot) -> None:
    for cls in registry.PANELS:
        dock = w.docks[cls.name]
        dock.show()
        dock.raise_()
        qtbot.wait(5)
    QApplication.processEvents()


def collect(w) -> tuple[list[tuple[str, str]], int]:
    """(what, text) of everything that must be explained; and how many items there are."""
    found = []
    for cls in registry.PANELS:
        panel = w.panel(cls.name)
        for widget in pointed_widgets(panel):
            found.append((f"{cls.name}: {type(widget).__name__} "
                          f"{widget.objectName() or _attr_name(panel, widget)}",
                          widget.whatsThis()))
    for what, obj in window_items(w):
        found.append((what, obj.whatsThis()))
    return found, len(found)


def _attr_name(panel, widget) -> str:
    for k, v in vars(panel).items():
        if v is widget:
            return k
        if isinstance(v, dict) and any(x is widget for x in v.values()):
            return f"{k}[…]"
        if isinstance(v, (list, tuple)) and any(
                x is widget or isinstance(x, tuple) and widget in x for x in v):
            return f"{k}[…]"
    return "(no attribute)"


@pytest.fixture
def english():
    yield
    i18n.set_language("en")


def test_every_control_plot_and_action_is_explained_in_both_languages(make_window, qtbot,
                                                                      english):
    w = make_window()
    show_every_dock(w, qtbot)
    items, n = collect(w)
    assert n > 150  # the window's controls, plots, heatmaps and actions: a real count
    missing = [what for what, text in items if not text.strip()]
    assert not missing, f"no What's This: {missing}"
    english_texts = dict(items)
    # English sentences (the course's Chinese terms may stand beside them, as in the course)
    not_english = [what for what, text in items if len(ENGLISH_WORD.findall(text)) < 3]
    assert not not_english, f"not in English: {not_english}"
    assert not [(what, text) for what, text in items if course_lines(text)]  # sections, not lines

    assert w.set_language("zh_CN")
    qtbot.wait(50)  # the LanguageChange events; rebuilt panels enter their docks
    show_every_dock(w, qtbot)
    items_zh, n_zh = collect(w)
    assert n_zh == n
    not_chinese = [(what, text[:60]) for what, text in items_zh
                   if not _cjk(text) or text == english_texts.get(what)]
    assert not not_chinese, f"What's This not in Chinese: {not_chinese}"
    assert not [(what, text) for what, text in items_zh if course_lines(text)]

    assert w.set_language("en")
    qtbot.wait(50)
    show_every_dock(w, qtbot)
    items_en, _ = collect(w)
    assert dict(items_en) == english_texts  # and back


def test_tables_name_only_what_exists(shared_window, qtbot):
    """Every path of the panel tables names a widget of its panel: a renamed attribute shows
    here, not as a silently missing text. (It only shows docks and a step: the module's
    window.)"""
    w = shared_window
    show_every_dock(w, qtbot)
    stepper = w.panel("stepper")  # on a step with notes: its notes label exists
    qtbot.waitUntil(lambda: stepper.walk is not None, timeout=10000)
    stepper.show_step(next(i for i, s in enumerate(stepper.walk.steps) if s.notes))
    stale = []
    for cls in registry.PANELS:
        panel = w.panel(cls.name)
        for owner in panel.whats_this_owners():
            for path in whats_this.declared(owner):
                objs = whats_this.resolve(owner, path)
                if not objs or not all(isinstance(o, QWidget) for o in objs):
                    stale.append(f"{cls.name}: {type(owner).__name__}.{path}")
    for path in whats_this.WINDOW_TEXTS:
        if not whats_this.resolve(w, path):
            stale.append(f"window: {path}")
    assert not stale


def test_stepper_maps_of_every_step_are_explained(shared_window, qtbot):
    """Every step of the stepper shows its maps, and each map has its What's This text. (It
    only shows the stepper's steps: the module's window.)"""
    w = shared_window
    dock = w.docks["stepper"]
    dock.show()
    dock.raise_()
    stepper = w.panel("stepper")
    qtbot.waitUntil(lambda: stepper.walk is not None, timeout=10000)
    for i in range(len(stepper.walk.steps)):
        stepper.show_step(i)
        assert stepper.views
        assert all(v.whatsThis() for _, v in stepper.views), i


def _whats_that() -> QWidget | None:
    """Qt's What's This popup (the private class QWhatsThat), if one is shown."""
    for tl in QApplication.topLevelWidgets():
        if tl.metaObject().className() == "QWhatsThat" and tl.isVisible():
            return tl
    return None


def _popup_image(qtbot) -> np.ndarray:
    qtbot.waitUntil(lambda: _whats_that() is not None, timeout=2000)
    popup = _whats_that()
    img = popup.grab().toImage()
    return np.array(img.constBits()).reshape(img.height(), img.bytesPerLine()).copy()


def _close_popup(qtbot) -> None:
    popup = _whats_that()
    if popup is not None:
        popup.close()
    QWhatsThis.hideText()
    qtbot.waitUntil(lambda: _whats_that() is None, timeout=2000)


@pytest.mark.parametrize("target", ["checkbox", "heatmap", "caption"])
def test_shift_f1_then_click_shows_the_controls_text(shared_window, qtbot, target):
    """The real events: Shift+F1 on the window enters What's This mode; a click on a control
    shows its text (the same popup as QWhatsThis.showText with that text, and not the one of
    another control) and does not operate the control. A click on a caption, which has no
    text of its own, shows its panel's."""
    w = shared_window
    settings = w.panel("settings")
    w.docks["settings"].raise_()
    w.docks["feature_maps"].raise_()
    qtbot.waitUntil(lambda: settings.isVisible(), timeout=2000)
    if target == "checkbox":
        widget = click_on = settings.f7
    else:
        fm = w.panel("feature_maps")
        qtbot.waitUntil(lambda: fm.isVisible(), timeout=2000)
        if target == "heatmap":
            widget = fm.views["c1"]
            click_on = widget.viewport()  # a click lands on the view's viewport, not the view
        else:
            widget, click_on = fm, fm.sections[1].caption
            assert not click_on.whatsThis()
    checked = settings.f7.isChecked()
    assert widget.whatsThis()

    QTest.keyClick(w, Qt.Key.Key_F1, Qt.KeyboardModifier.ShiftModifier)
    assert QWhatsThis.inWhatsThisMode()
    assert w.whats_this_action.isChecked()
    QTest.mouseClick(click_on, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    shown = _popup_image(qtbot)
    assert not QWhatsThis.inWhatsThisMode()
    assert settings.f7.isChecked() == checked  # the click explained, it did not toggle
    popup_pos = _whats_that().pos()
    _close_popup(qtbot)

    # The same text shown directly draws the same popup; another control's text does not.
    QWhatsThis.showText(popup_pos, widget.whatsThis(), widget)
    same = _popup_image(qtbot)
    _close_popup(qtbot)
    other = settings.lr if widget is not settings.lr else settings.momentum
    QWhatsThis.showText(popup_pos, other.whatsThis(), other)
    different = _popup_image(qtbot)
    _close_popup(qtbot)
    assert shown.shape == same.shape and np.array_equal(shown, same)
    assert shown.shape != different.shape or not np.array_equal(shown, different)


def test_help_menu_has_whats_this_and_the_shortcut_table_lists_it(shared_window):
    from lenet_gui.gui.help import SHORTCUTS

    w = shared_window
    assert w.whats_this_action in w.help_menu.actions()
    assert w.whats_this_action.shortcut().toString() == "Shift+F1"
    assert w.panel_help_action.shortcut().toString() == "Ctrl+F1"
    keys = [k for k, _ in SHORTCUTS]
    assert "Shift+F1" in keys and "Ctrl+F1" in keys
    assert len(set(keys)) == len(keys)
