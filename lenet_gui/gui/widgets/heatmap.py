"""One mosaic ImageItem per panel: many same-sized maps drawn as tiles of one image, with a
colour bar, hover read-out and tile clicks.

Colour language (the same everywhere in the app): activations use a sequential map, kernels,
weights and every δ a colour-blind-safe diverging map centred on zero with symmetric levels.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, Qt, Signal, Slot
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsRectItem

from lenet_gui.gui.widgets import accessible
from lenet_gui.gui.widgets.colorbar import ColorBar

SEQUENTIAL_MAP = "viridis"
DIVERGING_MAP = "CET-CBD1"  # colour-blind-safe blue–white–orange
translate = QCoreApplication.translate



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


def summary(maps: np.ndarray, text_for: Callable[[int, int, int], str]) -> str:
    """A screen reader's words for maps (n, h, w): "6 maps of 28×28, values −1.72 to 1.72,
    strongest: map 3 at row 12, column 9, c1⁽³⁾₍₁₂,₉₎ = 1.72"."""
    n, h, w = maps.shape
    finite = np.isfinite(maps)
    if not finite.any():
        return translate("Accessibility", "{n} maps of {h}×{w}, no values").format(n=n, h=h, w=w)
    a = np.where(finite, np.abs(maps), -1.0)
    t, r, c = np.unravel_index(int(np.argmax(a)), maps.shape)
    lo, hi = float(np.nanmin(maps[finite])), float(np.nanmax(maps[finite]))
    if n == 1:
        return translate("Accessibility", "{h}×{w}, values {lo} to {hi}, strongest at row {r}, "
                         "column {c}: {text}").format(h=h, w=w, lo=accessible.fmt(lo),
                                                       hi=accessible.fmt(hi), r=r, c=c,
                                                       text=text_for(int(t), int(r), int(c)))
    return translate("Accessibility", "{n} maps of {h}×{w}, values {lo} to {hi}, strongest: map "
                     "{t} at row {r}, column {c}: {text}").format(
        n=n, h=h, w=w, lo=accessible.fmt(lo), hi=accessible.fmt(hi), t=t, r=r, c=c,
        text=text_for(int(t), int(r), int(c)))


class HeatmapView(pg.GraphicsLayoutWidget):
    """Tiles of one quantity (e.g. C1's 6 maps of 28×28) as one image with a colour bar.

    `describe(tile, row, col, value) -> str` gives the hover text, in the course's notation.
    The keyboard moves over the pixels as the mouse does (arrows: one pixel, across the gaps
    into the next map; Ctrl+arrows or Page Up/Down: one map; Home: the first), a marked cursor
    shows where, the read-out and the accessible description say its value, and Enter clicks
    the map under it.
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
        if title.strip():
            self.setAccessibleName(re.sub(r"<[^>]+>", "", title).strip())
        self.view = self.addViewBox(row=1, col=0, lockAspect=True, invertY=True,
                                    enableMouse=False, enableMenu=False)
        self.view.setDefaultPadding(0.01)
        self.image = pg.ImageItem(axisOrder="row-major")
        cmap = pg.colormap.get(DIVERGING_MAP if signed else SEQUENTIAL_MAP)
        self.image.setColorMap(cmap)
        self.view.addItem(self.image)
        self.colorbar = None
        if colorbar:
            self.colorbar = ColorBar(cmap, (-1.0, 1.0) if signed else (0.0, 1.0), width=12)
            self.addItem(self.colorbar, row=1, col=1)
        self.readout = self.addLabel("", row=2, col=0, colspan=2, size="9pt")
        self.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.cursor: tuple[int, int, int] | None = None  # (tile, row, col) under the keyboard
        self._cursor_items = []
        for colour, width in (("#000000", 4), ("#ffffff", 2)):  # seen on every colour
            item = QGraphicsRectItem()
            pen = QPen(QColor(colour), width)
            pen.setCosmetic(True)
            item.setPen(pen)
            item.setZValue(20)
            item.hide()
            self.view.addItem(item, ignoreBounds=True)
            self._cursor_items.append(item)
        self.scene().sigMouseClicked.connect(self._on_mouse_clicked)

    def set_title(self, title: str) -> None:
        if self._title is not None:
            self._title.setText(title)
            self.setAccessibleName(re.sub(r"<[^>]+>", "", title).strip())

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
            if self.cursor is not None:
                self.cursor = (0, 0, 0)
        self.update_count += 1
        if self.cursor is not None and self.hasFocus():
            self._show_cursor()
        accessible.due(self)

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

    def describe_content(self) -> str:
        """What a screen reader hears: the value under the keyboard's cursor, then the maps'
        range and strongest value."""
        if self._maps is None:
            return translate("Accessibility", "No values yet")
        text = summary(self._maps, self.text_for)
        if self.cursor is not None and self.hasFocus():
            return f"{self.text_for(*self.cursor)}. {text}"
        return text

    # -- the keyboard

    def _move_cursor(self, key, ctrl: bool) -> bool:
        n, h, w = self._shape
        rows, cols = grid_shape(n, self.cols)
        t, r, c = self.cursor
        tr_, tc = divmod(t, cols)
        Y, X = tr_ * h + r, tc * w + c  # the pixel in the mosaic without its gaps
        dy, dx = {Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0), Qt.Key.Key_Left: (0, -1),
                  Qt.Key.Key_Right: (0, 1), Qt.Key.Key_PageUp: (0, -1),
                  Qt.Key.Key_PageDown: (0, 1)}.get(key, (0, 0))
        if key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown) or ctrl:
            t2 = min(max(t + dy * cols + dx, 0), n - 1)
            self.cursor = (t2, r, c)
            return True
        Y = min(max(Y + dy, 0), rows * h - 1)
        X = min(max(X + dx, 0), cols * w - 1)
        t2 = (Y // h) * cols + X // w
        if t2 < n:
            self.cursor = (t2, Y % h, X % w)
        return True

    CURSOR_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right,
                   Qt.Key.Key_PageUp, Qt.Key.Key_PageDown, Qt.Key.Key_Home, Qt.Key.Key_Return,
                   Qt.Key.Key_Enter)

    def event(self, ev) -> bool:
        # The window's shortcuts (→ = Step) must not take the arrows from a focused heatmap.
        if (ev.type() == QEvent.Type.ShortcutOverride and self._maps is not None
                and ev.key() in self.CURSOR_KEYS
                and not ev.modifiers() & ~(Qt.KeyboardModifier.ControlModifier
                                          | Qt.KeyboardModifier.KeypadModifier)):
            ev.accept()
            return True
        return super().event(ev)

    def keyPressEvent(self, ev) -> None:  # noqa: N802
        key = ev.key()
        if self._maps is None:
            super().keyPressEvent(ev)
            return
        if self.cursor is None:
            self.cursor = (0, 0, 0)
        arrows = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right,
                  Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)
        if key in arrows:
            self._move_cursor(key, bool(ev.modifiers() & Qt.KeyboardModifier.ControlModifier))
        elif key == Qt.Key.Key_Home:
            self.cursor = (0, 0, 0)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.tile_clicked.emit(*self.cursor)
        else:
            super().keyPressEvent(ev)
            return
        ev.accept()
        self._show_cursor()

    def _show_cursor(self) -> None:
        if self.cursor is None or self._maps is None:
            return
        t, r, c = self.cursor
        n, h, w = self._shape
        _, cols = grid_shape(n, self.cols)
        tr_, tc = divmod(t, cols)
        rect = QRectF(tc * (w + self.gap) + c, tr_ * (h + self.gap) + r, 1, 1)
        for item in self._cursor_items:
            item.setRect(rect)
            item.show()
        text = self.text_for(*self.cursor)
        self.readout.setText(text)
        self.setToolTip(text)
        self.setAccessibleDescription(self.describe_content())

    def focusInEvent(self, ev) -> None:  # noqa: N802
        super().focusInEvent(ev)
        if self._maps is not None:
            if self.cursor is None:
                self.cursor = (0, 0, 0)
            self._show_cursor()

    def focusOutEvent(self, ev) -> None:  # noqa: N802
        super().focusOutEvent(ev)
        for item in self._cursor_items:
            item.hide()
        accessible.due(self)

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
