"""Captioned sections that reflow with the dock's width and can be highlighted (the selected
layer), in a scroll area that can reveal one of them; and the labelled bar plot of F7 and y."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from lenet_gui.gui.widgets import accessible
from lenet_gui.gui.widgets.course_heatmap import FONT_PT, HIGHLIGHT
from lenet_gui.gui.widgets.heatmap import LevelTracker

MIN_VIEWPORT = 40  # px: the least a ScrollSections asks for (its sections scroll in it)


class BarsView(pg.PlotWidget):
    """n labelled bars (pg.BarGraphItem) with a hover read-out; `signed` bars get a symmetric,
    tracked y range so the axis does not jump every frame."""

    def __init__(self, n: int, signed: bool, describe: Callable[[int, float], str],
                 y_range: tuple[float, float] | None = None, parent=None) -> None:
        super().__init__(parent=parent, enableMenu=False)
        self.setBackground(None)
        self.n = n
        self.signed = signed
        self.describe = describe
        self.fixed_range = y_range
        self.levels = LevelTracker(signed=True) if signed else None
        self.values = np.zeros(n, np.float32)
        self.update_count = 0
        self.setMinimumSize(150, 150)
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
        accessible.due(self)

    def describe_content(self) -> str:
        """The largest bar, the runner-up and the margin between them, and the smallest."""
        v = self.values.astype(np.float64)
        if not np.isfinite(v).any():
            return QCoreApplication.translate("Accessibility", "No values yet")
        order = np.argsort(np.where(np.isfinite(v), v, -np.inf))[::-1]
        first, second, last = int(order[0]), int(order[1]), int(order[-1])
        return QCoreApplication.translate(
            "Accessibility", "{n} bars; largest {first}, ahead of {second} by {margin}; "
            "smallest {last}").format(n=self.n, first=self.text_for(first),
                                      second=self.text_for(second),
                                      margin=accessible.fmt(float(v[first] - v[second])),
                                      last=self.text_for(last))

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
        self.caption.setBuddy(body)  # a screen reader names the view by its caption
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


class SectionRow(QWidget):
    """Sections side by side sharing the width by `stretch` (C1's kernels beside C3's, so
    both fit a short dock); one above the other when the width is under `min_width`. Placed
    by hand, like FlowGrid, at the height the grid gives the row."""

    SPACING = 4

    def __init__(self, sections: list[Section], stretch: list[int], min_width: int = 380,
                 parent=None) -> None:
        super().__init__(parent)
        self.sections = list(sections)
        self.stretch = list(stretch)
        self.min_width = min_width
        for s in self.sections:
            s.setParent(self)

    def side_by_side(self, width: int) -> bool:
        return width >= self.min_width

    def _widths(self, width: int) -> list[int]:
        avail = width - self.SPACING * (len(self.sections) - 1)
        total = sum(self.stretch)
        widths = [int(avail * k / total) for k in self.stretch]
        widths[-1] = avail - sum(widths[:-1])
        return widths

    def height_for(self, width: int) -> int:
        if self.side_by_side(width):
            return max(s.height_for(w) for s, w in zip(self.sections, self._widths(width)))
        return (sum(s.height_for(width) for s in self.sections)
                + self.SPACING * (len(self.sections) - 1))

    def resizeEvent(self, ev) -> None:  # noqa: N802
        super().resizeEvent(ev)
        self._place()

    def _place(self) -> None:
        width, height = self.width(), self.height()
        if self.side_by_side(width):
            x = 0
            for s, w in zip(self.sections, self._widths(width)):
                s.setFixedHeight(height)
                s.setGeometry(x, 0, w, height)
                x += w + self.SPACING
            return
        natural = [s.height_for(width) for s in self.sections]  # shared out if squeezed
        room = height - self.SPACING * (len(self.sections) - 1)
        scale = min(1.0, room / max(sum(natural), 1))
        y = 0
        for s, h in zip(self.sections, natural):
            h = int(h * scale)
            s.setFixedHeight(h)
            s.setGeometry(0, y, width, h)
            y += h + self.SPACING


class FlowGrid(QWidget):
    """Sections in reading order, as many per row as the width allows (at least
    `min_cell` px each); a section may span several cells.

    The grid places its sections itself (setGeometry), row by row, each at the height its
    content needs for its width (`height_for`), and sets its own minimum height to the sum:
    a QGridLayout kept the row positions of an earlier frame when the heights changed after
    the first frame, and the sections drew over each other (the δ column of the Backprop
    perspective). With `fit_height`, a row is never taller than the visible height (but
    not under `min_row`): the views scale down with the dock instead of scrolling."""

    MARGIN = 2
    SPACING = 4

    def __init__(self, min_cell: int = 170, fit_height: bool = False, min_row: int = 150,
                 parent=None) -> None:
        super().__init__(parent)
        self.min_cell = min_cell
        self.fit_height = fit_height
        self.min_row = min_row
        self._items: list[tuple[QWidget, int]] = []
        self._hidden: set[QWidget] = set()  # items hidden on purpose (set_shown)
        self._cols = 0
        self.available_height: Callable[[], int] | None = None  # the visible height
        self.height_changed: Callable[[int], None] | None = None  # told the new total height

    def add(self, widget: QWidget, span: int = 1) -> None:
        widget.setParent(self)
        if widget not in self._hidden:
            widget.show()
        self._items.append((widget, span))
        self._relayout(force=True)

    def _max_cols(self) -> int:
        return max(1, max(self.width(), self.min_cell) // self.min_cell)

    def _avail(self) -> int:
        return self.available_height() if self.available_height is not None else 0

    def _choose_cols(self) -> int:
        """The fewest columns (the largest tiles) whose rows fit the visible height; as many
        as the width allows when nothing fits (the scroll area scrolls)."""
        top = self._max_cols()
        avail = self._avail()
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
        return (max(self.width(), self.min_cell) - 2 * self.MARGIN
                - self.SPACING * (cols - 1)) / cols

    def _height(self, w: QWidget, width: int) -> int:
        # not minimumHeight(): the fixed height set last time would ratchet up
        return w.height_for(width) if hasattr(w, "height_for") else w.sizeHint().height()

    def _rows(self, cols: int) -> list[tuple[int, list[tuple[QWidget, int, int]]]]:
        """[(row height, [(widget, x, width), …]), …] for `cols` columns."""
        cell, sp = self._cell(cols), self.SPACING
        rows: dict[int, list] = {}
        for w, r, c, span in self._placement(cols):
            x = self.MARGIN + round(c * (cell + sp))
            width = round(cell * span + sp * (span - 1))
            rows.setdefault(r, []).append((w, x, width))
        out = []
        avail = self._avail()
        for r in sorted(rows):
            h = max(self._height(w, width) for w, _x, width in rows[r])
            if self.fit_height and avail > 0:
                h = min(h, max(avail - 2 * self.MARGIN, self.min_row))
            out.append((h, rows[r]))
        return out

    def _total_height(self, cols: int) -> int:
        rows = self._rows(cols)
        return (sum(h for h, _ in rows) + self.SPACING * max(len(rows) - 1, 0)
                + 2 * self.MARGIN)

    def _relayout(self, force: bool = False) -> None:
        self.refit()

    def set_shown(self, widgets: list[QWidget], on: bool) -> None:
        """Show or hide sections; hidden ones take no cell until shown again."""
        changed = False
        for w in widgets:
            if (w in self._hidden) == on:  # only on a change: PySide6 6.12.0 drops references
                changed = True             # to None at each setVisible pair on pyqtgraph views
                (self._hidden.discard if on else self._hidden.add)(w)
                w.setVisible(on)
        if changed:
            self.refit()

    def refit(self) -> None:
        """Choose the columns, give each section the height at which its content fills its
        cell's width, place the rows one below the other (the first frame fixes the mosaics'
        shapes, hence their heights)."""
        if not self._items:
            return
        self._cols = self._choose_cols()
        y = self.MARGIN
        for h, row in self._rows(self._cols):
            for w, x, width in row:
                w.setFixedHeight(h)  # the section's own layout sees its real height
                w.setGeometry(x, y, width, h)
            y += h + self.SPACING
        total = y - self.SPACING + self.MARGIN
        if total != self.minimumHeight():
            self.setMinimumHeight(total)
            if self.height_changed is not None:
                self.height_changed(total)

    def geometries(self) -> dict[QWidget, QRect]:
        """Each shown section's place in the grid: for tests."""
        return {w: w.geometry() for w, _ in self._items if w not in self._hidden}

    def resizeEvent(self, ev) -> None:  # noqa: N802
        super().resizeEvent(ev)
        if ev.size().width() != ev.oldSize().width():
            self.refit()


class ScrollSections(QScrollArea):
    """A FlowGrid in a vertical scroll area; `reveal(widget)` scrolls to a section."""

    def __init__(self, min_cell: int = 170, fit_height: bool = False, parent=None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Always there: a scroll bar coming and going changed the width, hence the columns and
        # the height, hence the scroll bar again, without end at some dock sizes.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.grid = FlowGrid(min_cell, fit_height=fit_height)
        self.grid.available_height = lambda: self.viewport().height()
        self.grid.height_changed = self._on_height_changed
        self.setWidget(self.grid)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        # QScrollArea asks for 68 pixels; two of these one above the other in a column of
        # docks (kernels over δ) then set the first layout's height on a 720-pixel screen.
        hint = super().minimumSizeHint()
        return QSize(hint.width(), min(hint.height(), MIN_VIEWPORT))

    def _on_height_changed(self, total: int) -> None:
        """The grid shrank or grew: size it now (the scroll area only follows a layout)."""
        self.grid.resize(self.viewport().width(), max(total, self.viewport().height()))

    def resizeEvent(self, ev) -> None:  # noqa: N802
        super().resizeEvent(ev)
        self.grid.refit()

    def reveal(self, widget: QWidget) -> None:
        self.ensureWidgetVisible(widget, 10, 10)


