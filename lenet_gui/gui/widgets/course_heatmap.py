"""The network panels' mosaics in the course's notation: hover values as c3⁽⁵⁾₍₂,₇₎ = 0.413,
signed levels clipped at a percentile of |δ| (ClippedLevels), the hatched overlay of C3's
unconnected kernels, compact colour-bar labels; and the shared look (FONT_PT, HIGHLIGHT)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QColor, QFont, QPainterPath, QPen
from PySide6.QtWidgets import QApplication, QGraphicsPathItem, QSizePolicy

from lenet_gui.gui.widgets.heatmap import HeatmapView, LevelTracker, grid_shape

FONT_PT = 9  # the smallest text anywhere in the panels
HIGHLIGHT = "#e07b00"  # the selected layer's frame
EMPTY_FILL = (150, 150, 150)  # neutral grey of an unconnected C3 kernel …
EMPTY_HATCH = (90, 90, 90)  # … with dark diagonal hatching
OUTLINE = "#a8a8a8"  # frames around the tiles of signed mosaics



translate = QCoreApplication.translate


def fmt(value: float) -> str:
    """A value as the hover shows it: 3 significant digits."""
    if not np.isfinite(value):
        return str(value)
    return f"{value:.3g}"


def short(value: float) -> str:
    """A compact tick label: "0.5", "-1.4e-4" (a colour bar's axis is narrow)."""
    if value == 0 or not np.isfinite(value):
        return "0" if value == 0 else str(value)
    if 0.01 <= abs(value) < 1000:
        return f"{value:.3g}"
    mantissa, exp = f"{value:.1e}".split("e")
    return f"{mantissa}e{int(exp)}"


def grid_2d(values: np.ndarray, cols: int) -> np.ndarray:
    """A vector (n,) as one (1, ceil(n/cols), cols) tile in row-major order, padded with NaN
    (drawn as the view's neutral fill)."""
    n = values.size
    rows = -(-n // cols)
    out = np.full(rows * cols, np.nan, np.float32)
    out[:n] = values.ravel()
    return out.reshape(1, rows, cols)


class ClippedLevels(LevelTracker):
    """Symmetric levels ±(p-th percentile of |δ|), tracked like LevelTracker: they widen at
    once and shrink slowly, so the colours stay comparable from frame to frame. Larger |δ|
    saturate. δ maps are sparse and heavy-tailed: without clipping one value would wash out
    the rest."""

    def __init__(self, percentile: float = 99.0, decay: float = 0.97) -> None:
        super().__init__(signed=True, decay=decay)
        self.percentile = percentile

    def update(self, data: np.ndarray) -> tuple[float, float]:
        a = np.abs(data[np.isfinite(data)])
        if a.size == 0:
            return self.levels or (-1.0, 1.0)
        m = float(np.percentile(a, self.percentile)) if a.size >= 20 else float(a.max())
        m = m or float(a.max()) or 1e-12  # all-but-a-few zeros: fall back to the maximum
        if self.levels is not None:
            m = max(m, self.levels[1] * self.decay)
        self.levels = (-m, m)
        return self.levels


class CourseHeatmap(HeatmapView):
    """A HeatmapView that can take its own level tracker (e.g. ClippedLevels), carries index
    labels around the mosaic and a hatched overlay for tiles that do not exist (C3's
    unconnected kernels). Still one ImageItem (plus one overlay) in one ViewBox."""

    def __init__(self, signed: bool, cols: int | None = None,
                 describe: Callable[[int, int, int, float], str] | None = None,
                 levels: LevelTracker | None = None, min_size: tuple[int, int] = (120, 90),
                 parent=None) -> None:
        super().__init__(signed=signed, cols=cols, title="", describe=describe, parent=parent)
        if levels is not None:
            self.levels = levels
        self.setMinimumSize(*min_size)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.ci.setContentsMargins(2, 8, 2, 4)  # room for the colour bar's end labels
        self.ci.layout.setSpacing(4)
        if self.colorbar is not None:
            axis = self.colorbar.axis
            axis.setStyle(tickFont=QFont(QApplication.font().family(), FONT_PT),
                          hideOverlappingLabels=False)
            axis.setWidth(50)
        self._labels: list[pg.TextItem] = []
        self._label_margin = (0.0, 0.0)  # left, top, in image pixels
        self._overlay: pg.ImageItem | None = None
        self._outlines: QGraphicsPathItem | None = None
        self._col_labels: list[pg.TextItem] = []
        self._ticks: list | None = None
        self._empty: np.ndarray | None = None  # (n,) bool: tiles drawn as "not connected"

    # -- geometry

    def tile_origin(self, tile: int) -> tuple[int, int]:
        """(x, y) of a tile's top-left pixel in image coordinates."""
        n, h, w = self._shape
        _, cols = grid_shape(n, self.cols)
        r, c = divmod(tile, cols)
        return c * (w + self.gap), r * (h + self.gap)

    def height_for(self, width: int) -> int:
        """The height at which the mosaic fills `width` (less the colour bar) at its aspect."""
        if self._shape is None:
            aspect = 1.0
        else:
            n, h, w = self._shape
            rows, cols = grid_shape(n, self.cols)
            left, top = self._label_margin
            aspect = (rows * (h + self.gap) + top) / (cols * (w + self.gap) + left)
        bar = 78 if self.colorbar is not None else 8  # colour bar, spacing, margins
        readout = 42  # the read-out row and the margins
        return int(min(max((width - bar) * aspect + readout, self.minimumHeight()), 520))

    @property
    def current_levels(self) -> tuple[float, float]:
        lv = self.image.getLevels()
        return float(lv[0]), float(lv[1])

    def set_maps(self, maps, levels=None) -> None:
        first = self._shape is None or self._shape != np.shape(maps)
        super().set_maps(maps, levels)
        if first:
            self._fit()
            if self._shape[0] > 1:
                self._draw_outlines()
        self._label_colorbar()

    def _label_colorbar(self) -> None:
        """Ticks at the limits and the middle, so even a ±3e-6 δ scale has numbers."""
        if self.colorbar is None:
            return
        lo, hi = (float(v) for v in self.colorbar.levels())
        mid = 0.0 if self.signed else (lo + hi) / 2
        ticks = [(lo, short(lo)), (mid, short(mid)), (hi, short(hi))]
        if ticks != self._ticks:
            self._ticks = ticks
            self.colorbar.axis.setTicks([ticks, []])

    def _draw_outlines(self) -> None:
        """Thin grey frames around the tiles: a mosaic's gutters take the colour of 0 (or of
        the lowest level), so tiles full of zeros (δ, ReLU) would run into each other."""
        if self._outlines is not None:
            self.view.removeItem(self._outlines)
        n, h, w = self._shape
        path = QPainterPath()
        for t in range(n):
            x0, y0 = self.tile_origin(t)
            path.addRect(QRectF(x0 - 0.5 * self.gap, y0 - 0.5 * self.gap,
                                w + self.gap, h + self.gap))
        item = QGraphicsPathItem(path)
        pen = QPen(QColor(OUTLINE))
        pen.setCosmetic(True)
        item.setPen(pen)
        item.setZValue(self.image.zValue() + 2)
        self._outlines = item
        self.view.addItem(item, ignoreBounds=True)

    def resizeEvent(self, ev) -> None:  # noqa: N802
        super().resizeEvent(ev)
        self._thin_labels()

    def _thin_labels(self) -> None:
        """Show every column label only when a tile is wide enough on screen for it."""
        if not getattr(self, "_col_labels", None) or self._shape is None:
            return
        _, _, w = self._shape
        px = self.view.width() / max(self.view.viewRange()[0][1] - self.view.viewRange()[0][0], 1)
        step = 1 if px * (w + self.gap) >= 22 else 2 if px * (w + self.gap) >= 11 else 4
        for c, item in enumerate(self._col_labels):
            item.setVisible(c % step == 0)

    def _fit(self) -> None:
        n, h, w = self._shape
        rows, cols = grid_shape(n, self.cols)
        W, H = cols * (w + self.gap) - self.gap, rows * (h + self.gap) - self.gap
        left, top = self._label_margin
        self.view.setRange(xRange=(-left, W), yRange=(-top, H), padding=0.02)

    # -- index labels around the mosaic

    def set_axis_labels(self, rows: list[str] | None, cols: list[str] | None,
                        margin: tuple[float, float]) -> None:
        """Labels left of each tile row and above each tile column (the map indices), in a
        margin of `margin` image pixels. Call after the first set_maps."""
        for item in self._labels:
            self.view.removeItem(item)
        self._labels = []
        self._label_margin = margin
        n, h, w = self._shape
        font = QFont(QApplication.font().family(), FONT_PT)
        for r, text in enumerate(rows or []):
            item = pg.TextItem(text, color="#333", anchor=(1.0, 0.5))
            item.setFont(font)
            item.setPos(-0.5, r * (h + self.gap) + h / 2)
            self.view.addItem(item, ignoreBounds=True)
            self._labels.append(item)
        self._col_labels = []
        for c, text in enumerate(cols or []):
            item = pg.TextItem(text, color="#333", anchor=(0.5, 1.0))
            item.setFont(font)
            item.setPos(c * (w + self.gap) + w / 2, -0.3)
            self.view.addItem(item, ignoreBounds=True)
            self._labels.append(item)
            self._col_labels.append(item)
        self._fit()
        self._thin_labels()

    # -- tiles that do not exist

    def set_empty_tiles(self, empty: np.ndarray | None, sub: int = 8) -> None:
        """Hatch the tiles where `empty` (n,) is True: a neutral grey with dark diagonal
        stripes, unmistakable against the diverging map's white zero. The overlay is an RGBA
        image at `sub` sub-pixels per pixel, so the stripes stay fine when zoomed."""
        self._empty = None if empty is None else np.asarray(empty, bool).copy()
        if self._overlay is not None:
            self.view.removeItem(self._overlay)
            self._overlay = None
        if self._empty is None or not self._empty.any():
            return
        n, h, w = self._shape
        rows, cols = grid_shape(n, self.cols)
        W, H = cols * (w + self.gap) - self.gap, rows * (h + self.gap) - self.gap
        s = sub
        yy, xx = np.mgrid[0 : h * s, 0 : w * s]
        period = max(8, s // 2)
        stripe = ((xx + yy) % period) < period // 4  # diagonal hatching
        tile = np.empty((h * s, w * s, 4), np.uint8)
        tile[...] = (*EMPTY_FILL, 255)
        tile[stripe] = (*EMPTY_HATCH, 255)
        rgba = np.zeros((H * s, W * s, 4), np.uint8)
        for t in np.flatnonzero(self._empty):
            x0, y0 = self.tile_origin(int(t))
            rgba[y0 * s : (y0 + h) * s, x0 * s : (x0 + w) * s] = tile
        self._overlay = pg.ImageItem(axisOrder="row-major")
        self._overlay.setImage(rgba, autoLevels=False, levels=(0, 255))  # colours as given
        self._overlay.setRect(QRectF(0, 0, W, H))
        self._overlay.setZValue(self.image.zValue() + 1)
        self.view.addItem(self._overlay)

    def is_empty(self, tile: int) -> bool:
        return self._empty is not None and tile < self._empty.size and bool(self._empty[tile])

    @property
    def overlay(self) -> pg.ImageItem | None:
        return self._overlay

    def pixel_to_widget(self, tile: int, row: int, col: int):
        """The viewport position (QPoint) of a tile's pixel centre: for tests and enlargement."""
        x0, y0 = self.tile_origin(tile)
        scene = self.image.mapToScene(pg.Point(x0 + col + 0.5, y0 + row + 0.5))
        return self.mapFromScene(scene)


