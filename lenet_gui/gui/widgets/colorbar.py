"""A light colour bar for the heatmaps: the colour map as a framed strip, its scale on an axis
to the right. It shows what pyqtgraph's ColorBarItem showed there (the same strip, frame, axis
and numbers) without being a PlotItem: a ColorBarItem brings a ViewBox, four axes and two
context menus, and cost ~35 ms to build against ~1 ms for this one (18 heatmaps on the first
screen: about a quarter of the start)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QGraphicsGridLayout, QSizePolicy


class _ScaleAxis(pg.AxisItem):
    """The bar's axis. Its pen also draws the strip's frame, so the strip repaints with it."""

    def __init__(self, strip: _Strip) -> None:
        super().__init__("right")
        self._strip = strip

    def setPen(self, *args, **kwargs) -> None:  # noqa: N802
        super().setPen(*args, **kwargs)
        if getattr(self, "_strip", None) is not None:  # AxisItem.__init__ sets a pen first
            self._strip.update()


class _Strip(pg.GraphicsWidget):
    """The colour map from its lowest colour (bottom) to its highest (top), framed."""

    def __init__(self, cmap: pg.ColorMap, width: int) -> None:
        super().__init__()
        self.axis: _ScaleAxis | None = None
        lut = cmap.getLookupTable(nPts=256, alpha=True)  # (256, 4) uint8, low to high
        rgba = np.ascontiguousarray(lut[::-1, None, :])  # (256, 1, 4): the top row is high
        self._image = QImage(rgba.data, 1, 256, 4, QImage.Format.Format_RGBA8888).copy()
        self.set_width(width)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)

    def set_width(self, width: int) -> None:
        self.setMinimumWidth(width)
        self.setMaximumWidth(width)

    def boundingRect(self) -> QRectF:  # noqa: N802
        # the frame's left, top and bottom lines lie outside the colours (its right line is the
        # axis'), where ColorBarItem's frame of axes drew them, pixel for pixel
        return self.rect().adjusted(-1, -1, 0, 2)

    def paint(self, p: QPainter, *_args) -> None:
        r = self.rect()
        p.drawImage(r, self._image)
        if self.axis is not None:
            p.setPen(self.axis.pen())
            left, top, right, bottom = r.left() - 1, r.top() - 1, r.right(), r.bottom() + 1
            p.drawLine(QLineF(left, top, right, top))
            p.drawLine(QLineF(left, top, left, bottom))
            p.drawLine(QLineF(left, bottom, right, bottom))


class ColorBar(pg.GraphicsWidget):
    """A colour bar of `cmap` for `values` (low, high): a strip `width` pixels wide and, to its
    right, `axis` (a pyqtgraph AxisItem, 45 pixels wide) whose range is the levels. The
    heatmap sets the levels it draws with (setLevels); the bar does not change the image."""

    def __init__(self, cmap: pg.ColorMap, values: tuple[float, float] = (0.0, 1.0),
                 width: int = 12) -> None:
        super().__init__()
        self.strip = _Strip(cmap, width)
        self.axis = _ScaleAxis(self.strip)
        self.strip.axis = self.axis
        self.axis.setWidth(45)
        self.layout = QGraphicsGridLayout()
        self.layout.setContentsMargins(1, 1, 1, 1)
        self.layout.setSpacing(0)
        self.layout.addItem(self.strip, 0, 0)
        self.layout.addItem(self.axis, 0, 1)
        self.setLayout(self.layout)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self._values = (float(values[0]), float(values[1]))
        self.axis.setRange(*self._values)

    def levels(self) -> tuple[float, float]:
        return self._values

    def setLevels(self, values: tuple[float, float]) -> None:  # noqa: N802 (ColorBarItem's name)
        lo, hi = (float(v) for v in values)
        if lo > hi:  # as ColorBarItem: no reversed scale
            lo = hi = (lo + hi) / 2
        self._values = (lo, hi)
        self.axis.setRange(lo, hi)

    def set_strip_width(self, width: int) -> None:
        self.strip.set_width(width)
