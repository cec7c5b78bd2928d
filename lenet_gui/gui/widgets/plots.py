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


NICE_ENDS = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)  # × 10^k


def nice_ceil(v: float) -> float:
    """The smallest number of the form n·10^k, n one of NICE_ENDS, that is at least `v`
    (`v` itself when it is not a positive finite number)."""
    if not (math.isfinite(v) and v > 0):
        return v
    scale = 10.0 ** math.floor(math.log10(v))
    for end in NICE_ENDS:
        if end * scale >= v * (1 - 1e-12):
            return end * scale
    return 10.0 * scale


def stepped_range(lo: float, hi: float, grow: bool) -> list[float]:
    """[lo, hi] widened to a grid of a fiftieth of its nice span, so that the few pixels of
    padding pyqtgraph adds for a pen's width (which change with the range) do not move it; with
    `grow`, hi widened further to lo + the next nice number (nice_ceil) of the span."""
    span = hi - lo
    if not (math.isfinite(span) and span > 0):
        return [lo, hi]
    q = nice_ceil(span) / 50
    lo = math.floor(lo / q) * q
    return [lo, lo + nice_ceil(hi - lo) if grow else math.ceil(hi / q) * q]


class GrowingViewBox(pg.ViewBox):
    """A ViewBox whose automatic ranges move only in steps. x ends at the next nice number of
    batches past the data (nice_ceil: 1, 1.2, 1.5, 2, 2.5, … × 10^k), y on a grid of a
    fiftieth of its span, from `y_floor` or lower on a linear axis (0 for a loss). Curves that
    gain points every frame then move their axes only when they pass a step: an axis lays out
    its tick labels again on every range change (AxisItem.generateDrawSpecs), about two thirds
    of the loss plots' paint (5.1 against 1.9 ms, measured alone), and between steps the
    curves hold still instead of rescaling at every frame. The user's zoom, and the "A"
    button, work as before: only the fitted range differs."""

    def __init__(self, y_floor: float | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.y_floor = y_floor

    def childrenBounds(self, frac=None, orthoRange=(None, None), items=None):  # noqa: N802
        bounds = super().childrenBounds(frac=frac, orthoRange=orthoRange, items=items)
        x, y = bounds
        log_x, log_y = self.state["logMode"]
        if x is not None and not log_x:
            bounds[0] = stepped_range(x[0], x[1], grow=True)
        if y is not None:
            lo = min(y[0], self.y_floor) if self.y_floor is not None and not log_y else y[0]
            bounds[1] = stepped_range(lo, y[1], grow=False)
        return bounds


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
