"""Shared pieces of the network panels: hover values, captioned sections that
reflow with the dock's width and can be highlighted, labelled bar plots, clipped δ levels, the
hatched overlay for C3's unconnected kernels and the click-to-enlarge dialog."""

from __future__ import annotations

from typing import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF, Qt, QThread, Signal, Slot
from PySide6.QtGui import QColor, QFont, QPainterPath, QPen
from PySide6.QtWidgets import (QApplication, QDialog, QFrame, QGraphicsPathItem, QGridLayout,
                               QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget)

from lenet_gui.gui.heatmap import DIVERGING_MAP, HeatmapView, LevelTracker, grid_shape

from ._base import Panel

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


# ---------------------------------------------------------------- levels


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
            axis = self.colorbar.getAxis("right")
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
            self.colorbar.getAxis("right").setTicks([ticks, []])

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


# ---------------------------------------------------------------- bars


class BarsView(pg.PlotWidget):
    """n labelled bars (pg.BarGraphItem) with a hover read-out; `signed` bars get a symmetric,
    tracked y range so the axis does not jump every frame."""

    def __init__(self, n: int, signed: bool, describe: Callable[[int, float], str],
                 y_range: tuple[float, float] | None = None, parent=None) -> None:
        super().__init__(parent=parent)
        self.setBackground(None)
        self.n = n
        self.signed = signed
        self.describe = describe
        self.fixed_range = y_range
        self.levels = LevelTracker(signed=True) if signed else None
        self.values = np.zeros(n, np.float32)
        self.update_count = 0
        self.setMinimumSize(150, 150)
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        font = QFont(QApplication.font().family(), FONT_PT)
        for name in ("bottom", "left"):
            self.getAxis(name).setStyle(tickFont=font)
        self.getAxis("bottom").setTicks([[(i, str(i)) for i in range(n)]])
        self.setXRange(-0.6, n - 0.4, padding=0)
        if y_range is not None:
            self.setYRange(*y_range, padding=0.02)
        self._brushes = [pg.mkBrush("#5b8fd1")] * n
        self.bars = pg.BarGraphItem(x=np.arange(n), height=self.values, width=0.75,
                                    brushes=self._brushes, pen=pg.mkPen(None))
        self.addItem(self.bars)
        self.readout = QLabel("")
        self.scene().sigMouseMoved.connect(self._on_mouse_moved)

    def set_values(self, values: np.ndarray, brushes: list | None = None,
                   pens: list | None = None) -> None:
        self.values = np.asarray(values, np.float32).ravel().copy()
        kw = {}
        if brushes is not None:
            kw["brushes"] = brushes
        if pens is not None:
            kw["pens"] = pens
        self.bars.setOpts(height=self.values, **kw)
        if self.fixed_range is None and self.levels is not None:
            lo, hi = self.levels.update(self.values)
            self.setYRange(lo, hi, padding=0.05)
        self.update_count += 1

    def text_for(self, i: int) -> str:
        return self.describe(i, float(self.values[i]))

    @Slot(object)
    def _on_mouse_moved(self, scene_pos) -> None:
        vb = self.getPlotItem().vb
        if not vb.sceneBoundingRect().contains(scene_pos):
            return
        x = vb.mapSceneToView(scene_pos).x()
        i = int(round(x))
        text = self.text_for(i) if 0 <= i < self.n and abs(x - i) <= 0.4 else ""
        self.setToolTip(text)
        self.readout.setText(text)


# ---------------------------------------------------------------- sections and layout


class Section(QFrame):
    """A caption over one quantity's view; highlighted when its layer is selected."""

    def __init__(self, caption: str, body: QWidget, layer: str | None = None,
                 note: str = "", parent=None) -> None:
        super().__init__(parent)
        self.layer = layer
        self.body = body
        self.setObjectName("section")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 3, 4, 3)
        lay.setSpacing(1)
        self.caption = QLabel(caption)
        f = self.caption.font()
        f.setPointSizeF(max(FONT_PT + 1, f.pointSizeF()))
        f.setBold(True)
        self.caption.setFont(f)
        self.caption.setWordWrap(True)
        lay.addWidget(self.caption)
        self.note = QLabel(note)
        self.note.setWordWrap(True)
        self.note.setVisible(bool(note))
        lay.addWidget(self.note)
        lay.addWidget(body, 1)
        readout = getattr(body, "readout", None)
        if isinstance(readout, QLabel):
            readout.setMinimumHeight(readout.fontMetrics().height())
            lay.addWidget(readout)
        self.highlighted = False
        self.set_highlighted(False)

    def height_for(self, width: int) -> int:
        inner = width - 10
        h = self.caption.heightForWidth(inner) if self.caption.text() else 0
        if self.note.isVisible() or self.note.text():
            h += self.note.heightForWidth(inner) + 1
        body = self.body
        if hasattr(body, "height_for"):
            h += body.height_for(inner)
        else:
            h += body.minimumHeight()
        readout = getattr(body, "readout", None)
        if isinstance(readout, QLabel):
            h += readout.minimumHeight() + 1
        return h + 10

    def set_caption(self, text: str) -> None:
        self.caption.setText(text)

    def set_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def set_highlighted(self, on: bool) -> None:
        self.highlighted = on
        colour = HIGHLIGHT if on else "palette(mid)"
        width = 3 if on else 1
        self.setStyleSheet(f"QFrame#section {{ border: {width}px solid {colour}; "
                           "border-radius: 3px; }")


class FlowGrid(QWidget):
    """Sections in reading order, as many per row as the width allows (at least
    `min_cell` px each); a section may span several cells."""

    def __init__(self, min_cell: int = 170, parent=None) -> None:
        super().__init__(parent)
        self.min_cell = min_cell
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(2, 2, 2, 2)
        self._grid.setSpacing(4)
        self._items: list[tuple[QWidget, int]] = []
        self._cols = 0
        self.available_height: Callable[[], int] | None = None  # the visible height

    def add(self, widget: QWidget, span: int = 1) -> None:
        self._items.append((widget, span))
        self._relayout(force=True)

    def _max_cols(self) -> int:
        return max(1, max(self.width(), self.min_cell) // self.min_cell)

    def _choose_cols(self) -> int:
        """The fewest columns (the largest tiles) whose rows fit the visible height; as many
        as the width allows when nothing fits (the scroll area scrolls)."""
        top = self._max_cols()
        avail = self.available_height() if self.available_height is not None else 0
        if avail <= 0:
            return top
        for cols in range(1, top + 1):
            if self._total_height(cols) <= avail:
                return cols
        return top

    def _placement(self, cols: int):
        r = c = 0
        for w, span in self._items:
            span = min(span, cols)
            if c + span > cols:
                r, c = r + 1, 0
            yield w, r, c, span
            c += span

    def _cell(self, cols: int) -> float:
        m = self._grid.contentsMargins()
        sp = self._grid.horizontalSpacing()
        return (max(self.width(), self.min_cell) - m.left() - m.right() - sp * (cols - 1)) / cols

    def _total_height(self, cols: int) -> int:
        cell, sp = self._cell(cols), self._grid.horizontalSpacing()
        rows: dict[int, int] = {}
        for w, r, _c, span in self._placement(cols):
            h = w.height_for(int(cell * span + sp * (span - 1))) if hasattr(w, "height_for") else 0
            rows[r] = max(rows.get(r, 0), h)
        m = self._grid.contentsMargins()
        return sum(rows.values()) + self._grid.verticalSpacing() * (len(rows) - 1) + m.top() + m.bottom()

    def _relayout(self, force: bool = False) -> None:
        cols = self._choose_cols()
        if cols != self._cols or force:
            self._cols = cols
            for w, _ in self._items:
                self._grid.removeWidget(w)
            for c in range(self._grid.columnCount()):
                self._grid.setColumnStretch(c, 0)
            for r in range(self._grid.rowCount()):
                self._grid.setRowStretch(r, 0)
            last = 0
            for w, r, c, span in self._placement(cols):
                self._grid.addWidget(w, r, c, 1, span, Qt.AlignmentFlag.AlignTop)
                last = r
            for c in range(cols):
                self._grid.setColumnStretch(c, 1)
            self._grid.setRowStretch(last + 1, 1)  # spare height goes below the last row
        self.refit()

    def refit(self) -> None:
        """Give each section the height at which its content fills the cell's width (and
        re-choose the columns: the first frame fixes the mosaics' shapes)."""
        if not self._cols:
            return
        if self._choose_cols() != self._cols:
            self._relayout(force=True)
            return
        cell, sp = self._cell(self._cols), self._grid.horizontalSpacing()
        for w, _r, _c, span in self._placement(self._cols):
            if hasattr(w, "height_for"):
                w.setFixedHeight(w.height_for(int(cell * span + sp * (span - 1))))

    def resizeEvent(self, ev) -> None:  # noqa: N802
        super().resizeEvent(ev)
        self._relayout()


class ScrollSections(QScrollArea):
    """A FlowGrid in a vertical scroll area; `reveal(widget)` scrolls to a section."""

    def __init__(self, min_cell: int = 170, parent=None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.grid = FlowGrid(min_cell)
        self.grid.available_height = lambda: self.viewport().height()
        self.setWidget(self.grid)

    def resizeEvent(self, ev) -> None:  # noqa: N802
        super().resizeEvent(ev)
        self.grid.refit()

    def reveal(self, widget: QWidget) -> None:
        self.ensureWidgetVisible(widget, 10, 10)


# ---------------------------------------------------------------- enlarge


class EnlargeDialog(QDialog):
    """One tile of a CourseHeatmap, large, with its own colour bar at the source's levels.
    Non-modal; the owning panel calls `refresh()` after each redraw so it stays live."""

    closed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("PanelCommon", "Enlarged map"))
        self.resize(460, 440)
        self._source: CourseHeatmap | None = None
        self._tile = 0
        self._caption = ""
        lay = QVBoxLayout(self)
        self.caption = QLabel("")
        f = self.caption.font()
        f.setPointSizeF(FONT_PT + 2)
        f.setBold(True)
        self.caption.setFont(f)
        self.caption.setWordWrap(True)
        lay.addWidget(self.caption)
        self.view: CourseHeatmap | None = None
        self._shown_empty: bool | None = None
        self._lay = lay

    @property
    def source(self) -> CourseHeatmap | None:
        return self._source

    @property
    def tile(self) -> int:
        return self._tile

    def show_tile(self, source: CourseHeatmap, tile: int, caption: str) -> None:
        if self.view is None or self.view.signed != source.signed:
            if self.view is not None:
                self._lay.removeWidget(self.view)
                self.view.deleteLater()
            self.view = CourseHeatmap(source.signed, cols=1, describe=self._describe,
                                      min_size=(300, 300))
            self._lay.addWidget(self.view, 1)
        self._source, self._tile, self._caption = source, tile, caption
        self.view._shape = None  # a new tile may have another shape: fit again
        self._shown_empty = None
        self.refresh()
        self.show()
        self.raise_()

    def _describe(self, _tile: int, row: int, col: int, value: float) -> str:
        src = self._source
        if src is None or src.describe is None:
            return fmt(value)
        return src.describe(self._tile, row, col, value)

    def refresh(self) -> None:
        src = self._source
        if src is None or src.maps is None or self.view is None:
            return
        maps = src.maps
        tile = min(self._tile, maps.shape[0] - 1)
        self.view.set_maps(maps[tile][None], levels=src.current_levels)
        empty = src.is_empty(tile)
        if empty != self._shown_empty:
            self._shown_empty = empty
            self.view.set_empty_tiles(np.array([empty]), sub=48)
        lo, hi = src.current_levels
        self.caption.setText(f"{self._caption}\n"
                             + translate("PanelCommon", "colour levels {lo} … {hi} (as in the panel)").format(
                                 lo=fmt(lo), hi=fmt(hi)))

    def closeEvent(self, ev) -> None:  # noqa: N802
        self.closed.emit()
        super().closeEvent(ev)



# ---------------------------------------------------------------- panel base


class NetworkPanel(Panel):
    """The common behaviour of the network panels: captioned sections that reflow, the
    selected layer's sections highlighted and revealed, a clicked tile enlarged. Subclasses
    draw in `_redraw()`; the base Panel calls it only while visible and when what it reads
    changed."""

    reads = frozenset({"snapshot", "layer"})

    def __init__(self, state, parent=None) -> None:
        super().__init__(state, parent)
        self.selected_layer: str | None = None
        self._sections: list[Section] = []
        self._scroll: ScrollSections | None = None
        self.enlarge_dialog: EnlargeDialog | None = None
        self._captions: dict[int, Callable[[int], str]] = {}

    @property
    def update_count(self) -> int:
        return self.refresh_count

    def ready(self) -> bool:
        return self.state.snapshot is not None

    def refresh(self) -> None:
        if "layer" in self.changed_topics and self.state.selected_layer != self.selected_layer:
            self._show_selected(self.state.selected_layer)
        if self.changed_topics - {"layer", "history"}:
            self._redraw()
            if self._scroll is not None:
                self._scroll.grid.refit()  # the first frame fixes the mosaics' shapes
            if self.enlarge_dialog is not None and self.enlarge_dialog.isVisible():
                self.enlarge_dialog.refresh()

    def _redraw(self) -> None:
        raise NotImplementedError

    # -- sections and layer selection

    def add_section(self, section: Section, span: int = 1) -> Section:
        self._sections.append(section)
        self._scroll.grid.add(section, span)
        return section

    @property
    def sections(self) -> list[Section]:
        return list(self._sections)

    def _show_selected(self, layer: str | None) -> None:
        self.selected_layer = layer
        first = None
        for s in self._sections:
            on = s.layer == layer
            s.set_highlighted(on)
            if on and first is None:
                first = s
        if first is not None and self._scroll is not None:
            self._scroll.reveal(first)

    # -- enlarge

    def connect_enlarge(self, view: CourseHeatmap, caption: Callable[[int], str]) -> None:
        """Clicking a tile of `view` opens it large; caption(tile) names it."""
        self._captions[id(view)] = caption
        view.tile_clicked.connect(self._on_tile_clicked)

    @Slot(int, int, int)
    def _on_tile_clicked(self, tile: int, _row: int, _col: int) -> None:
        view = self.sender()
        caption = self._captions.get(id(view))
        if caption is not None:
            self.enlarge(view, tile, caption(tile))

    def enlarge(self, view: CourseHeatmap, tile: int, caption: str) -> None:
        if self.enlarge_dialog is None:
            self.enlarge_dialog = EnlargeDialog(self)
        self.enlarge_dialog.show_tile(view, tile, caption)
