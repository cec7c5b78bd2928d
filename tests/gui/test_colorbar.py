"""The heatmaps' light colour bar (widgets/colorbar.py) shows what ColorBarItem showed: the
colour map from its low colour (bottom) to its high colour (top), framed in the axis' colour,
and beside it the scale of the levels the image is drawn with, with its numbers."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtGui import QColor, QImage, QPainter

from lenet_gui.gui.theme import style_plot_view
from lenet_gui.gui.widgets.colorbar import ColorBar
from lenet_gui.gui.widgets.course_heatmap import CourseHeatmap, short
from lenet_gui.gui.widgets.heatmap import DIVERGING_MAP, SEQUENTIAL_MAP

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def shown(qtbot, view):
    qtbot.addWidget(view)
    view.resize(400, 300)
    view.show()
    qtbot.waitExposed(view)
    return view


def drawn_texts(axis: pg.AxisItem) -> list[str]:
    """The tick labels the axis draws now."""
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        _, _, texts = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [t[2] for t in texts]


def strip_pixels(qtbot, view) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """The view grabbed as (H, W, 3) and the strip's colour area (x0, y0, x1, y1) in it."""
    qtbot.waitUntil(lambda: view.colorbar.strip.size().height() > 50, timeout=5000)
    rect = view.colorbar.strip.sceneBoundingRect()
    img = view.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    a = np.array(img.constBits(), np.uint8).reshape(img.height(), img.bytesPerLine())
    a = a[:, : 3 * img.width()].reshape(img.height(), img.width(), 3)
    x0, y0 = int(rect.left()) + 1, int(rect.top()) + 1  # inside the frame
    return a, (x0, y0, int(rect.left() + view.colorbar.strip.size().width()) - 1,
               int(rect.top() + view.colorbar.strip.size().height()) - 1)


@pytest.mark.parametrize("signed", [True, False])
def test_the_bar_shows_the_levels_and_the_colour_map(qtbot, signed):
    view = shown(qtbot, CourseHeatmap(signed=signed, cols=3))
    rng = np.random.default_rng(3)
    maps = rng.standard_normal((6, 10, 10)) * 0.02
    if not signed:
        maps = np.abs(maps) + 0.5
    view.set_maps(maps)
    lo, hi = view.current_levels
    assert view.colorbar.levels() == pytest.approx((lo, hi), rel=1e-6)
    assert tuple(view.colorbar.axis.range) == pytest.approx((lo, hi), rel=1e-6)
    mid = 0.0 if signed else (lo + hi) / 2
    qtbot.waitUntil(lambda: view.colorbar.axis.size().height() > 50, timeout=5000)
    texts = drawn_texts(view.colorbar.axis)
    # the top and middle numbers (the bottom one may fall below the axis' bounds, undrawn, as
    # it did with ColorBarItem)
    assert {short(mid), short(hi)} <= set(texts) <= {short(lo), short(mid), short(hi)}

    pixels, (x0, y0, x1, y1) = strip_pixels(qtbot, view)
    lut = pg.colormap.get(DIVERGING_MAP if signed else SEQUENTIAL_MAP).getLookupTable(nPts=256)
    xc = (x0 + x1) // 2
    top, bottom = pixels[y0 + 1, xc].astype(int), pixels[y1 - 1, xc].astype(int)
    assert np.abs(top - lut[-1, :3]).max() <= 12  # the high colour at the top …
    assert np.abs(bottom - lut[0, :3]).max() <= 12  # … the low one at the bottom
    column = pixels[y0:y1, xc].astype(int)
    assert len({tuple(c) for c in column}) > 50  # a gradient, not a flat fill


def test_the_levels_follow_new_data(qtbot):
    view = shown(qtbot, CourseHeatmap(signed=True, cols=3))
    view.set_maps(np.full((6, 10, 10), 0.5))
    first = view.colorbar.levels()
    view.set_maps(np.full((6, 10, 10), 40.0))  # levels widen at once
    lo, hi = view.colorbar.levels()
    assert hi > first[1] and lo == pytest.approx(-hi) and hi == pytest.approx(40.0)
    qtbot.waitUntil(lambda: view.colorbar.axis.size().height() > 50, timeout=5000)
    assert short(hi) in drawn_texts(view.colorbar.axis)


def test_the_frame_takes_the_axis_colour(qtbot):
    view = shown(qtbot, CourseHeatmap(signed=True, cols=3))
    view.set_maps(np.random.default_rng(0).standard_normal((6, 10, 10)))
    style_plot_view(view, QColor("#202020"), QColor("#00ff00"))  # a dark palette's colours
    pixels, (x0, y0, x1, y1) = strip_pixels(qtbot, view)
    ym = (y0 + y1) // 2
    assert tuple(pixels[ym, x0 - 1]) == (0, 255, 0)  # the frame's left line
    assert tuple(pixels[y0 - 1, (x0 + x1) // 2]) == (0, 255, 0)  # its top line


def test_a_reversed_range_collapses_as_colorbaritem_did():
    bar = ColorBar(pg.colormap.get(SEQUENTIAL_MAP))
    bar.setLevels((2.0, 1.0))
    assert bar.levels() == (1.5, 1.5)
