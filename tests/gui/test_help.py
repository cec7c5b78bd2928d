"""Help on the real window: the shortcuts dialog lists every window shortcut, every control
has a tooltip, every panel has a "What am I looking at?" naming a course section and a
formula, the About box, and plots that follow a dark palette."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QTabBar,
)

from lenet_gui import __version__
from lenet_gui.gui import help as app_help
from lenet_gui.gui.panels import registry

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                                       "This plugin does not support raise")


@pytest.fixture
def w(shared_window):
    """The tests that only read the window share one (the dark palette test changes the
    application's palette: it has its own)."""
    return shared_window


def test_shortcuts_dialog_lists_every_window_shortcut(w, qtbot):
    QTest.keyClick(w, Qt.Key.Key_F1)
    dialog = qtbot.waitUntil(lambda: w.findChild(app_help.ShortcutsDialog) is not None) or \
        w.findChild(app_help.ShortcutsDialog)
    table = dialog.table
    listed = {QKeySequence(table.item(r, 0).text()).toString()
              for r in range(table.rowCount())}
    for a in w.findChildren(type(w.train_action)):
        if not a.shortcut().isEmpty() and a.parent() is w:
            assert a.shortcut().toString() in listed, (a.objectName(), a.shortcut().toString())
    for key in ("Space", "Right", "Ctrl+S", "Ctrl+O", "Ctrl+E", "F1"):
        assert key in listed
    dialog.close()


def test_every_control_has_a_tooltip(w, qtbot):
    missing = []
    for name in w.docks:
        w.dock(name).raise_()
    qtbot.wait(30)
    controls = (QAbstractButton, QAbstractSlider, QAbstractSpinBox, QComboBox, QLineEdit)
    for c in w.findChildren(controls[0]) + [x for t in controls[1:] for x in w.findChildren(t)]:
        if isinstance(c.parent(), (QTabBar,)) or c.objectName().startswith("qt_"):
            continue  # Qt's own scroll buttons of tab bars, dock title buttons
        if type(c).__name__ in ("QDockWidgetTitleButton", "QToolBarExtension", "QScrollBar"):
            continue
        if isinstance(c, QLineEdit) and isinstance(c.parent(), (QAbstractSpinBox, QComboBox)):
            continue  # the editor inside a spin box: the spin box has the tooltip
        if not c.isVisibleTo(w):
            continue
        if not c.toolTip():
            missing.append(f"{type(c).__name__}#{c.objectName()} {getattr(c, 'text', str)()!r}"
                           f" in {type(c.parent()).__name__}")
    for a in w.toolbar.actions():
        if not a.isSeparator() and a.text() and not a.toolTip():
            missing.append(f"toolbar action {a.text()}")
    assert not missing, "\n".join(missing)


def test_panel_help_names_section_and_formula(w, qtbot):
    panel_help = {cls.name: cls.help for cls in registry.PANELS}  # each panel declares its own
    assert set(panel_help) == set(w.docks) and None not in panel_help.values()
    for name, h in panel_help.items():
        assert h.section and h.formula
        text = app_help.panel_help_html(h, w.dock_title(name))
        assert h.section in text and h.formula.replace("<", "&lt;") in text.replace("&#x27;", "'")
    w.help_actions["loss"].trigger()
    box = w.findChild(QMessageBox, "panel_help_loss")
    assert box is not None and "J = −Σᵢ zᵢ·log yᵢ" in box.text()
    assert "Cross Entropy Loss Function" in box.text()
    box.close()


def test_about_box(w, qtbot):
    w.about_action.trigger()
    box = w.findChild(QMessageBox, "about_box")
    text = box.text()
    for needle in (__version__, "MIT", "LGPL", "pyqtgraph", "NumPy", "BSD", "matplotlib",
                   "LeCun", "Cortes", "Burges", "CC BY-SA 3.0"):
        assert needle in text, needle
    box.close()


@contextmanager
def dark_application(qtbot):
    """The application's palette dark inside the block, the one it had after it."""
    from lenet_gui.gui.theme import dark_palette

    app = QApplication.instance()
    old = app.palette()
    try:
        app.setPalette(dark_palette())
        qtbot.wait(30)
        yield
    finally:
        app.setPalette(old)
        qtbot.wait(30)


def test_plots_follow_a_dark_palette(make_window, qtbot):
    import pyqtgraph as pg

    from lenet_gui.gui.theme import apply_plot_palette

    w = make_window()
    with dark_application(qtbot):
        apply_plot_palette(w)
        plots = w.panel("loss").plots
        assert plots.backgroundBrush().color().lightness() < 80
        axis = w.panel("loss").loss_plot.getAxis("bottom")
        assert axis.textPen().color().lightness() > 180
        # the axes keep their labels, in the new colour (setLabel with no text hid them)
        labelled = [a for a in w.findChildren(pg.GraphicsView)
                    for a in a.scene().items() if isinstance(a, pg.AxisItem) and a.labelText]
        assert labelled
        for a in labelled:
            assert a.label.isVisible() and a.labelText in a.label.toPlainText()
            assert a.labelStyle["color"].lower() in a.label.toHtml().lower()
    apply_plot_palette(w)
    assert w.panel("loss").plots.backgroundBrush().color().lightness() > 200


def test_a_panel_built_after_a_dark_palette_has_dark_plots(make_window, qtbot):
    """A dock shown for the first time after the window went dark builds its panel then: its
    plots follow the palette the window has, not the light default."""
    import pyqtgraph as pg

    from lenet_gui.gui.widgets.heatmap import HeatmapView

    w = make_window()
    with dark_application(qtbot):
        assert w.dock_host.built("confusion") is None  # not in the first perspective
        panel = w.dock_host.panel("confusion")
        views = [v for v in panel.findChildren(pg.GraphicsView)
                 if not isinstance(v, HeatmapView)]
        assert views
        for view in views:
            assert view.backgroundBrush().color().lightness() < 80
