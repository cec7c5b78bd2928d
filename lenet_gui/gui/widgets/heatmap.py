"""One mosaic ImageItem per panel: many same-sized maps drawn as tiles of one image, with a
colour bar, hover read-out and tile clicks.

Colour language (the same everywhere in the app): activations use a sequential map, kernels,
weights and every δ a colour-blind-safe diverging map centred on zero with symmetric levels.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal, Slot

SEQUENTIAL_MAP = "viridis"
DIVERGING_MAP = "CET-CBD1"  # colour-blind-safe blue–white–orange




def grid_shape(n: int, cols: int | None = None) -> tuple[int, int]:
    """Rows and columns for n tiles: `cols` if given, else near-square."""
    if cols is None:
        cols = max(1, math.ceil(math.sqrt(n)))
    cols = max(1, min(cols, n))
    return math.ceil(n / cols), cols


def mosaic(maps: np.ndarray, cols: int | None = None, gap: int = 1, fill: float = 0.0,
           out: np.ndarray | None = None) -> np.ndarray:
    """Pack maps into one float32 image with `gap`-pixel gutters.

    Shapes: maps (n, h, w) -> (rows·(h+gap)−gap, cols·(w+gap)−gap)
    """
    n, h, w = maps.shape
    rows, cols = grid_shape(n, cols)
    H, W = rows * (h + gap) - gap, cols * (w + gap) - gap
    if out is None or out.shape != (H, W):
        out = np.empty((H, W), np.float32)
    out.fill(fill)
    for i in range(n):
        r, c = divmod(i, cols)
        out[r * (h + gap) : r * (h + gap) + h, c * (w + gap) : c * (w + gap) + w] = maps[i]
    return out


def tile_at(x: float, y: float, n: int, h: int, w: int, cols: int,
            gap: int = 1) -> tuple[int, int, int] | None:
    """(tile, row, col) under image coordinates (x, y), or None in a gutter or outside."""
    if x < 0 or y < 0:
        return None
    tr_, ry = divmod(int(y), h + gap)
    tc, rx = divmod(int(x), w + gap)
    if ry >= h or rx >= w or tc >= cols:
        return None
    tile = tr_ * cols + tc
    return (tile, ry, rx) if tile < n else None


class LevelTracker:
    """Colour levels that do not flicker: they widen at once when the data outgrow them and
    shrink slowly (by `decay` per frame) when the data calm down."""

    def __init__(self, signed: bool, decay: float = 0.97) -> None:
        self.signed = signed
        self.decay = decay
        self.levels: tuple[float, float] | None = None

    def reset(self) -> None:
        self.levels = None

    def update(self, data: np.ndarray) -> tuple[float, float]:
        finite = data[np.isfinite(data)]
        if finite.size == 0:
            return self.levels or (-1.0, 1.0)
        if self.signed:
            m = float(np.abs(finite).max()) or 1e-12
            if self.levels is not None:
                m = max(m, self.levels[1] * self.decay)
            self.levels = (-m, m)  # 0 is always the neutral colour
        else:
            lo, hi = float(finite.min()), float(finite.max())
            if self.levels is not None:
                plo, phi = self.levels
                lo = min(lo, plo + (lo - plo) * (1 - self.decay))
                hi = max(hi, phi - (phi - hi) * (1 - self.decay))
            if hi <= lo:
                hi = lo + 1e-6
            self.levels = (lo, hi)
        return self.levels


class HeatmapView(pg.GraphicsLayoutWidget):
    """Tiles of one quantity (e.g. C1's 6 maps of 28×28) as one image with a colour bar.

    `describe(tile, row, col, value) -> str` gives the hover text, in the course's notation.
    """

    tile_clicked = Signal(int, int, int)  # tile, row, col
    hovered = Signal(str)

    def __init__(self, signed: bool, cols: int | None = None, title: str = "",
                 describe: Callable[[int, int, int, float], str] | None = None,
                 colorbar: bool = True, gap: int = 1, parent=None) -> None:
        super().__init__(parent=parent)
        self.setBackground(None)
        self.signed = signed
        self.cols = cols
        self.gap = gap
        self.describe = describe
        self.levels = LevelTracker(signed)
        self.fixed_levels: tuple[float, float] | None = None
        self.update_count = 0
        self._maps: np.ndarray | None = None
        self._buffer: np.ndarray | None = None
        self._shape: tuple[int, int, int] | None = None
        self._bar_levels: tuple[float, float] | None = None
        self._title = self.addLabel(title, row=0, col=0, colspan=2) if title else None
        self.view = self.addViewBox(row=1, col=0, lockAspect=True, invertY=True,
                                    enableMouse=False, enableMenu=False)
        self.view.setDefaultPadding(0.01)
        self.image = pg.ImageItem(axisOrder="row-major")
        cmap = pg.colormap.get(DIVERGING_MAP if signed else SEQUENTIAL_MAP)
        self.image.setColorMap(cmap)
        self.view.addItem(self.image)
        self.colorbar = None
        if colorbar:
            self.colorbar = pg.ColorBarItem(values=(-1, 1) if signed else (0, 1), colorMap=cmap,
                                            interactive=False, width=12)
            self.colorbar.setImageItem(self.image)
            self.addItem(self.colorbar, row=1, col=1)
        self.readout = self.addLabel("", row=2, col=0, colspan=2, size="9pt")
        self.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.scene().sigMouseClicked.connect(self._on_mouse_clicked)

    def set_title(self, title: str) -> None:
        if self._title is not None:
            self._title.setText(title)

    @Slot(object)
    def set_maps(self, maps: np.ndarray, levels: tuple[float, float] | None = None) -> None:
        """maps: (n, h, w). Levels: fixed if given (or set_fixed_levels), else tracked."""
        maps = np.asarray(maps, np.float32)
        if maps.ndim == 2:
            maps = maps[None]
        if self._shape != maps.shape:
            self._shape = maps.shape
            self.levels.reset()
            first = True
        else:
            first = False
        self._maps = maps
        lv = levels or self.fixed_levels or self.levels.update(maps)
        fill = 0.0 if self.signed else lv[0]
        self._buffer = mosaic(np.nan_to_num(maps, nan=fill, posinf=lv[1], neginf=lv[0]),
                              self.cols, self.gap, fill, self._buffer)
        self.image.setImage(self._buffer, levels=lv, autoLevels=False)
        if self.colorbar is not None and tuple(lv) != self._bar_levels:
            self._bar_levels = tuple(lv)  # unchanged levels: skip the axis' re-layout
            self.colorbar.setLevels(lv)
        if first:
            self.view.autoRange(padding=0.01)
        self.update_count += 1

    def set_fixed_levels(self, levels: tuple[float, float] | None) -> None:
        self.fixed_levels = levels

    @property
    def maps(self) -> np.ndarray | None:
        return self._maps

    def tile_region(self, tile: int) -> np.ndarray:
        """The part of the displayed image that shows `tile` (for tests)."""
        n, h, w = self._shape
        _, cols = grid_shape(n, self.cols)
        r, c = divmod(tile, cols)
        g = self.gap
        return self.image.image[r * (h + g) : r * (h + g) + h, c * (w + g) : c * (w + g) + w]

    def _hit(self, scene_pos: QPointF):
        if self._maps is None or not self.view.sceneBoundingRect().contains(scene_pos):
            return None
        p = self.image.mapFromScene(scene_pos)
        n, h, w = self._shape
        _, cols = grid_shape(n, self.cols)
        return tile_at(p.x(), p.y(), n, h, w, cols, self.gap)

    def text_for(self, tile: int, row: int, col: int) -> str:
        value = float(self._maps[tile, row, col])
        if self.describe is not None:
            return self.describe(tile, row, col, value)
        return f"#{tile} ({row}, {col}) = {value:.4g}"

    @Slot(object)
    def _on_mouse_moved(self, scene_pos) -> None:
        hit = self._hit(scene_pos)
        text = "" if hit is None else self.text_for(*hit)
        self.readout.setText(text)
        self.setToolTip(text)
        if text:
            self.hovered.emit(text)

    @Slot(object)
    def _on_mouse_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        hit = self._hit(event.scenePos())
        if hit is not None:
            self.tile_clicked.emit(*hit)
