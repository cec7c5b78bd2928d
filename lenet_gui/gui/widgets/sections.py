"""Captioned sections that reflow with the dock's width and can be highlighted (the selected
layer), in a scroll area that can reveal one of them; and the labelled bar plot of F7 and y."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QFrame, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from .course_heatmap import FONT_PT, HIGHLIGHT
from .heatmap import LevelTracker


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
        self._hidden: set[QWidget] = set()  # items hidden on purpose (set_shown)
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
            if w in self._hidden:  # hidden on purpose (a learned sample's blank δ): no cell
                continue
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
                self._grid.removeWidget(w)  # hidden ones stay out until shown again
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

    def set_shown(self, widgets: list[QWidget], on: bool) -> None:
        """Show or hide sections; hidden ones take no cell until shown again."""
        changed = False
        for w in widgets:
            if (w in self._hidden) == on:  # only on a change: setVisible pairs on pyqtgraph
                changed = True             # views leak references (QT_RELIABILITY rule 10)
                (self._hidden.discard if on else self._hidden.add)(w)
                w.setVisible(on)
        if changed:
            self._relayout(force=True)

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
        # Always there: a scroll bar coming and going changed the width, hence the columns and
        # the height, hence the scroll bar again, without end at some dock sizes.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.grid = FlowGrid(min_cell)
        self.grid.available_height = lambda: self.viewport().height()
        self.setWidget(self.grid)

    def resizeEvent(self, ev) -> None:  # noqa: N802
        super().resizeEvent(ev)
        self.grid.refit()

    def reveal(self, widget: QWidget) -> None:
        self.ensureWidgetVisible(widget, 10, 10)


