"""Screens readable at the default 1400×900 window: C3's 16×6 kernel grid visible
without scrolling, the δ column's sections never drawn over each other (English and Chinese,
any width), the canvas's hint clear of the MNIST guide box."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, Qt
from PySide6.QtWidgets import QWidget

from lenet_gui.gui import i18n
from lenet_gui.gui.state import AppState
from lenet_gui.gui.widgets.drawing_area import DrawingArea
from lenet_gui.gui.widgets.sections import Section

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                                       "This plugin does not support raise")


def rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    """widget's rectangle in ancestor's coordinates."""
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def wait_drawn(qtbot, panel, key: str) -> None:
    qtbot.waitUntil(lambda: panel.views[key].maps is not None, timeout=10000)
    qtbot.wait(100)


@pytest.mark.parametrize("perspective", [None, "train"])
def test_c3_kernels_fit_the_dock_at_the_default_size(make_window, qtbot, perspective):
    w = make_window()
    if perspective is not None:
        w.set_perspective(perspective)
    panel = w.dock("kernels").widget()
    wait_drawn(qtbot, panel, "c3")
    scroll = panel._scroll
    assert scroll.verticalScrollBar().value() == 0
    viewport = scroll.viewport()
    for key in ("c1", "c3"):
        view = panel.views[key]
        assert view.isVisible()
        assert viewport.rect().contains(rect_in(view, viewport)), (key, rect_in(view, viewport),
                                                                  viewport.rect())
    # the tiles scale with the dock but stay above a minimum: 6 screen px per 5×5 kernel
    view = panel.views["c3"]
    img = view.image.mapRectToScene(view.image.boundingRect())
    tile = img.width() / (16 * 6 - 1) * 5  # 16 tiles of 5 px and 15 gaps of 1 px
    assert tile >= 6, tile


def _sections_ok(panel) -> None:
    geoms = [(s, s.geometry()) for s in panel.findChildren(Section) if s.isVisible()]
    assert len(geoms) >= 6
    for i, (a, ra) in enumerate(geoms):
        assert a.height() >= a.height_for(a.width()) - 1, a.caption.text()
        for b, rb in geoms[i + 1:]:
            assert not ra.intersects(rb), (a.caption.text(), ra, b.caption.text(), rb)
        # the title sits inside its own section and no other section covers it
        title = rect_in(a.caption, a.parentWidget())
        assert ra.contains(title) and title.height() > 0
        assert not any(rb.intersects(title) for b, rb in geoms if b is not a)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_delta_sections_never_overlap_in_the_backprop_perspective(make_window, qtbot,
                                                                  settings_path, language):
    s = QSettings(str(settings_path), QSettings.Format.IniFormat)
    s.setValue(i18n.SETTINGS_KEY, language)
    s.sync()
    try:
        w = make_window()
        w.set_perspective("backprop")
        panel = w.dock("deltas").widget()
        wait_drawn(qtbot, panel, "u_c3")
        _sections_ok(panel)
        for width in (240, 310, 420, 700):  # any dock width
            w.resizeDocks([w.dock("deltas")], [width], Qt.Orientation.Horizontal)
            qtbot.wait(100)
            _sections_ok(panel)
    finally:
        i18n.set_language("en")


def test_flow_grid_places_sections_below_each_other_after_their_heights_change(qtbot):
    """The FlowGrid's own placement: sections that grew after the first layout (the first
    frame fixes the mosaics' shapes) move the rows below them down."""
    from lenet_gui.gui.widgets.sections import ScrollSections

    class Grows(QWidget):
        def __init__(self, h):
            super().__init__()
            self.h = h

        def height_for(self, _width):
            return self.h

    scroll = ScrollSections(min_cell=175)
    items = [Grows(60) for _ in range(4)]
    for it in items:
        scroll.grid.add(it)
    qtbot.addWidget(scroll)
    scroll.resize(300, 200)
    scroll.show()
    qtbot.waitExposed(scroll)
    for it in items:
        it.h = 250  # taller than the viewport: one column, one below the other
    scroll.grid.refit()
    qtbot.wait(50)
    tops = [it.geometry().top() for it in items]
    assert tops == sorted(tops)
    for a, b in zip(items, items[1:]):
        assert a.geometry().bottom() < b.geometry().top()
        assert a.height() == 250
    assert scroll.grid.height() >= items[-1].geometry().bottom()


@pytest.mark.parametrize("size", [(520, 480), (300, 300), (180, 180), (260, 400), (700, 220)])
def test_canvas_hint_stays_inside_the_guide_box(qtbot, size):
    from lenet_gui.gui.panels.canvas import CanvasPanel

    panel = CanvasPanel(AppState())
    qtbot.addWidget(panel)
    area: DrawingArea = panel.area
    area.resize(*size)
    assert area.is_empty() and area.hint
    guide = area.guide_rect()
    text = area.hint_rect()
    # strictly inside the dashed box: no character on or across its lines
    assert guide.adjusted(2, 2, -2, -2).contains(text.toRectF()), (guide, text)
    assert area.hint_font().pointSizeF() >= 9


def test_probe_mark_is_on_top(qtbot):
    """The feature space's probe: a large star and a ring above every other item (its place
    at the probe's projected point: test_evaluation's scatter test)."""
    from lenet_gui.gui.panels.feature_space import FeatureSpacePanel

    panel = FeatureSpacePanel(AppState())
    qtbot.addWidget(panel)
    others = [i for i in panel.plot.getPlotItem().items
              if i not in (panel.probe_mark, panel.probe_ring)]
    assert others
    top = max(i.zValue() for i in others)
    assert panel.probe_ring.zValue() > top and panel.probe_mark.zValue() > panel.probe_ring.zValue()
    assert panel.probe_mark.opts["size"] >= 20 and panel.probe_ring.opts["size"] > 20


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_first_layout_fits_1400_by_900_and_the_canvas_overlaps_nothing(
        make_window, qtbot, settings_path, language):
    """At first start (no saved layout) every dock fits a 1400×900 window (it needed ~930
    pixels), and the canvas dock, at its smallest there, draws none of its parts over another."""
    s = QSettings(str(settings_path), QSettings.Format.IniFormat)
    s.setValue(i18n.SETTINGS_KEY, language)
    s.sync()
    try:
        w = make_window()
        qtbot.wait(50)  # the default sizes are shared out once the window is shown
        assert w.minimumSizeHint().height() <= 900, w.minimumSizeHint()
        assert (w.width(), w.height()) == (1400, 900)
        canvas = w.panel("canvas")
        assert canvas.stages_box.isVisible()  # there is room for the stages at this size
        parts = [canvas.area, canvas.pen_button, canvas.undo_button, canvas.status_label,
                 canvas.bars, canvas.digit_label, *canvas.stage_images]
        rects = [(p, rect_in(p, canvas)) for p in parts]
        for i, (a, ra) in enumerate(rects):
            assert canvas.rect().contains(ra), (type(a).__name__, ra, canvas.rect())
            for b, rb in rects[i + 1:]:
                assert not ra.intersects(rb), (type(a).__name__, ra, type(b).__name__, rb)
    finally:
        i18n.set_language("en")
