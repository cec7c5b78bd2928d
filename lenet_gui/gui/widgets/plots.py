"""The look of the evaluation plots: 9-point fonts, black axes on white, percentages with an
en dash for "no value"."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGraphicsWidget


def font(points: float = 9, bold: bool = False) -> QFont:
    f = QFont()
    f.setPointSizeF(points)
    f.setBold(bold)
    return f


def pct(v: float, digits: int = 1) -> str:
    return "–" if not np.isfinite(v) else f"{v * 100:.{digits}f} %"


def symbol_style(colour, size: float) -> dict:
    """A plot's symbol options (filled, no outline) with their QBrush and QPen made once.
    pyqtgraph's symbol atlas keys each symbol by the brush and pen objects, and a plot keeps
    the options as given: a colour or None there became a new QBrush and QPen at every setData,
    so every update of a curve added a symbol to its atlas and a new, larger atlas pixmap, up to
    1,000 (199 after 199 updates, where these options keep one)."""
    return dict(symbolSize=size, symbolBrush=pg.mkBrush(colour), symbolPen=pg.mkPen(None))


def black_axes(plot: pg.PlotItem) -> None:
    """Black bottom and left axes with 9-point tick labels (the plots sit on white)."""
    for name in ("bottom", "left"):
        ax = plot.getAxis(name)
        ax.setTextPen("k")
        ax.setPen("k")
        ax.setTickFont(font(9))


def keep_plot_room(widget: pg.GraphicsLayoutWidget | pg.PlotWidget, view_rows: int = 1,
                   view_height: int = 40) -> None:
    """Give a plot widget the minimum height its plots need: the titles, axes and fixed rows
    of its layout, plus `view_height` pixels for each of `view_rows` rows of plot areas.
    pyqtgraph's widget tells Qt only a fixed 68-pixel minimum, whatever it holds, so a short
    dock squeezed the curves to a line under their titles. Call it again after titles change."""
    item = widget.ci if isinstance(widget, pg.GraphicsLayoutWidget) else widget.getPlotItem()
    # Graphics layouts pass a child's new size on only when the event loop runs them: before
    # the first show the cached minimum knew no titles or axis labels (68 pixels for six plots).
    for child in [*item.childItems(), item]:
        if isinstance(child, QGraphicsWidget):
            child_layout = QGraphicsWidget.layout(child)  # PlotItem's .layout is an attribute
            if child_layout is not None:
                child_layout.invalidate()
    layout = item.effectiveSizeHint(Qt.SizeHint.MinimumSize).height()
    widget.setMinimumHeight(math.ceil(layout) + view_rows * view_height)


class PeakDecimator:
    """A long series as at most 2·bins + 1 points for a curve: the minimum and the maximum of
    each bin (a spike of one batch stays visible), and the last point as it is. The points go
    into buffers of a fixed size reused from frame to frame: handing pyqtgraph a copy that grows
    by a few batches every frame fragmented the heap (~2 MB a minute in a 30-minute soak), and
    the drawing cost stays that of 2,049 points however long the run. One decimator per curve:
    the curve keeps the arrays it was given until its next setData."""

    def __init__(self, bins: int = 1024) -> None:
        self.bins = bins
        self._x = np.empty(2 * bins + 1)
        self._y = np.empty(2 * bins + 1)

    def __call__(self, x: np.ndarray, y: np.ndarray,
                 x_range: tuple[float, float] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(x, y) to draw: the points within x_range (all when None; x ascending), decimated
        when there are more than 2·bins + 1 of them. NaN (a gap) is kept only where a whole
        bin is NaN."""
        i0, i1 = 0, int(x.size)
        if x_range is not None and i1:
            i0 = max(int(np.searchsorted(x, x_range[0])) - 1, 0)
            i1 = min(int(np.searchsorted(x, x_range[1], side="right")) + 1, i1)
        m, b = i1 - i0, self.bins
        if m <= 2 * b + 1:
            return x[i0:i1], y[i0:i1]
        starts = (np.arange(b) * m) // b  # relative to i0; every bin holds ≥ 2 points
        ys = y[i0:i1]
        ox, oy = self._x, self._y
        ox[0:2 * b:2] = ox[1:2 * b:2] = x[i0 + starts]
        with np.errstate(invalid="ignore"):
            oy[0:2 * b:2] = np.fmin.reduceat(ys, starts)
            oy[1:2 * b:2] = np.fmax.reduceat(ys, starts)
        ox[-1], oy[-1] = x[i1 - 1], y[i1 - 1]
        return ox, oy

    @staticmethod
    def view_range(plot: pg.PlotItem) -> tuple[float, float] | None:
        """The x range the user zoomed to, or None while the plot follows its data."""
        vb = plot.getViewBox()
        return None if vb.autoRangeEnabled()[0] else tuple(vb.viewRange()[0])
