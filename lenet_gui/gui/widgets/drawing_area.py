"""The paintable sheet of the canvas: a 280×280 grey QImage drawn with an anti-aliased round
pen (QPainter, round caps and joins, one line segment per mouse move), with undo, an eraser
and pictures fitted onto it."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from lenet_gui.data.drawing import resize_area
from lenet_gui.gui.widgets import accessible
from lenet_gui.gui.widgets.images import ACCENT, MUTED, describe_image

CANVAS_SIZE = 280  # pixels of the drawing (10× MNIST's 28)
DEFAULT_WIDTH = 22  # brush diameter in canvas pixels: about MNIST's stroke after scaling
MIN_WIDTH, MAX_WIDTH = 4, 48
UNDO_DEPTH = 64
HINT_FLAGS = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
ERASE_GHOST = 16  # after erasing, ink fainter than this (of 255) is wiped
ERASE_EXTRA = 4  # the eraser is this much wider than the pen, so that rubbing along a stroke
# with the same setting takes its anti-aliased rims too (a faint sliver would stretch the box)


class DrawingArea(QWidget):
    """A square sheet of CANVAS_SIZE² pixels, shown scaled to the widget. Left button draws
    (or erases, in erase mode); the right button always erases."""

    stroke_started = Signal()
    stroke_moved = Signal()
    stroke_finished = Signal()
    changed = Signal()  # any change: stroke end, undo, clear, load

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.image = QImage(CANVAS_SIZE, CANVAS_SIZE, QImage.Format.Format_Grayscale8)
        self.image.fill(0)  # 0 = no ink, 255 = ink
        self.brush_width = DEFAULT_WIDTH
        self.erase_mode = False
        self.hint = ""
        self._undo: list[QImage] = []
        self._last: QPointF | None = None
        self._erasing = False
        self._hover: QPointF | None = None
        self._empty = True
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_TabletTracking, True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(120, 120)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    # --- geometry ---------------------------------------------------------------------
    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(280, 280)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, w: int) -> int:  # noqa: N802
        return w

    def sheet_rect(self) -> QRectF:
        """Where the sheet is drawn: the largest centred square."""
        s = max(1, min(self.width(), self.height()) - 2)
        return QRectF((self.width() - s) / 2, (self.height() - s) / 2, s, s)

    def to_image(self, p: QPointF) -> QPointF:
        r = self.sheet_rect()
        k = CANVAS_SIZE / r.width()
        return QPointF((p.x() - r.left()) * k, (p.y() - r.top()) * k)

    def to_widget(self, p: QPointF) -> QPointF:
        """Canvas pixel coordinates → widget coordinates (for tests and the screenshot)."""
        r = self.sheet_rect()
        k = r.width() / CANVAS_SIZE
        return QPointF(r.left() + p.x() * k, r.top() + p.y() * k)

    def describe_content(self) -> str:
        """The sheet in words: blank, or how much ink and where (the canvas panel names the
        answer beside it)."""
        return describe_image(self.image)

    # --- pixels -----------------------------------------------------------------------
    def pixels(self) -> np.ndarray:
        """(CANVAS_SIZE, CANVAS_SIZE) float32 in [0, 1], ink = 1."""
        bpl = self.image.bytesPerLine()
        a = np.frombuffer(self.image.constBits(), np.uint8, count=bpl * CANVAS_SIZE)
        return a.reshape(CANVAS_SIZE, bpl)[:, :CANVAS_SIZE].astype(np.float32) / 255.0

    def is_empty(self) -> bool:
        return self._empty

    def _refresh_empty(self) -> None:
        bpl = self.image.bytesPerLine()
        a = np.frombuffer(self.image.constBits(), np.uint8, count=bpl * CANVAS_SIZE)
        self._empty = not a.any()

    def set_pixels(self, ink: np.ndarray, undoable: bool = True) -> None:
        """Replace the sheet: any (h, w) ink in [0, 1] is fitted into it, aspect ratio kept,
        centred, with a margin."""
        ink = np.clip(np.asarray(ink, np.float32), 0.0, 1.0)
        h, w = ink.shape
        if (h, w) != (CANVAS_SIZE, CANVAS_SIZE):
            inner = CANVAS_SIZE
            s = inner / max(h, w)
            oh, ow = max(1, round(h * s)), max(1, round(w * s))
            sheet = np.zeros((CANVAS_SIZE, CANVAS_SIZE), np.float32)
            t, l = (CANVAS_SIZE - oh) // 2, (CANVAS_SIZE - ow) // 2
            sheet[t : t + oh, l : l + ow] = resize_area(ink, oh, ow)
            ink = sheet
        if undoable:
            self._push_undo()
        b = np.ascontiguousarray(np.clip(ink * 255.0 + 0.5, 0, 255).astype(np.uint8))
        self.image = QImage(b.data, CANVAS_SIZE, CANVAS_SIZE, CANVAS_SIZE,
                            QImage.Format.Format_Grayscale8).copy()
        self._refresh_empty()
        self.update()
        self.changed.emit()
        accessible.due(self)

    def clear(self) -> None:
        if self._empty:
            return
        self._push_undo()
        self.image.fill(0)
        self._empty = True
        self.update()
        self.changed.emit()
        accessible.due(self)

    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo(self) -> None:
        if not self._undo:
            return
        self.image = self._undo.pop()
        self._refresh_empty()
        self.update()
        self.changed.emit()
        accessible.due(self)

    def _push_undo(self) -> None:
        self._undo.append(self.image.copy())
        del self._undo[:-UNDO_DEPTH]

    # --- painting ---------------------------------------------------------------------
    def effective_width(self, erasing: bool | None = None) -> float:
        erasing = self._erasing if erasing is None else erasing
        return self.brush_width + (ERASE_EXTRA if erasing else 0)

    def _pen_painter(self) -> QPainter:
        p = QPainter(self.image)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = QColor(0, 0, 0) if self._erasing else QColor(255, 255, 255)
        p.setPen(QPen(colour, self.effective_width(), Qt.PenStyle.SolidLine,
                      Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
        return p

    def _dot(self, at: QPointF) -> None:
        p = self._pen_painter()
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(0, 0, 0) if self._erasing else QColor(255, 255, 255))
        r = self.effective_width() / 2
        p.drawEllipse(at, r, r)
        p.end()

    def _segment(self, a: QPointF, b: QPointF) -> None:
        p = self._pen_painter()
        p.drawLine(a, b)
        p.end()

    def begin_stroke(self, at: QPointF, erase: bool = False) -> None:
        """Start a stroke at canvas coordinates `at` (also used by tests and demos)."""
        self._push_undo()
        self._erasing = erase or self.erase_mode
        self._last = at
        self._dot(at)
        if not self._erasing:
            self._empty = False
        self.update()
        self.stroke_started.emit()

    def extend_stroke(self, to: QPointF) -> None:
        if self._last is None:
            return
        if (to - self._last).manhattanLength() < 0.5:
            return
        self._segment(self._last, to)
        self._last = to
        self.update()
        self.stroke_moved.emit()

    def end_stroke(self) -> None:
        if self._last is None:
            return
        self._last = None
        if self._erasing:
            # the eraser's anti-aliased rim leaves faint ghosts of rubbed-out ink; they would
            # stretch the bounding box, so wipe them
            bpl = self.image.bytesPerLine()
            a = np.frombuffer(self.image.bits(), np.uint8, count=bpl * CANVAS_SIZE)
            a[a < ERASE_GHOST] = 0
            self._refresh_empty()
        self._erasing = False
        self.update()
        self.stroke_finished.emit()
        self.changed.emit()
        accessible.due(self)

    def stroke(self, points) -> None:
        """Draw one polyline given in canvas coordinates."""
        pts = [QPointF(*p) for p in points]
        self.begin_stroke(pts[0])
        for q in pts[1:]:
            self.extend_stroke(q)
        self.end_stroke()

    # --- events -----------------------------------------------------------------------
    def mousePressEvent(self, ev) -> None:  # noqa: N802
        if ev.button() in (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton):
            if self._last is not None:  # a second button during a stroke: finish it first
                self.end_stroke()
            self.begin_stroke(self.to_image(ev.position()),
                              erase=ev.button() == Qt.MouseButton.RightButton)
            ev.accept()
        else:
            super().mousePressEvent(ev)

    def mouseMoveEvent(self, ev) -> None:  # noqa: N802
        self._hover = ev.position()
        if self._last is not None:  # a stroke is under way (press seen, release not yet)
            self.extend_stroke(self.to_image(ev.position()))
        else:
            self.update()
        ev.accept()

    def mouseReleaseEvent(self, ev) -> None:  # noqa: N802
        if self._last is not None:
            self.extend_stroke(self.to_image(ev.position()))
            self.end_stroke()
        ev.accept()

    def leaveEvent(self, ev) -> None:  # noqa: N802
        self._hover = None
        self.update()
        super().leaveEvent(ev)

    def guide_rect(self) -> QRectF:
        """MNIST's 20×20 box within the 28×28 sheet (the dashed guide), in widget pixels."""
        r = self.sheet_rect()
        m = 4 / 28
        return r.adjusted(r.width() * m, r.height() * m, -r.width() * m, -r.height() * m)

    def _hint_box(self) -> QRect:
        """Where the empty canvas's hint goes: inside the guide, clear of its dashed lines
        (centred on the sheet, the text ran over them)."""
        return self.guide_rect().toAlignedRect().adjusted(10, 10, -10, -10)

    def hint_font(self) -> QFont:
        """The hint's font: 1.15× the widget's (at least 10 pt), smaller (down to 9 pt) when
        the wrapped text would not fit inside the guide."""
        f = QFont(self.font())
        size = max(10.0, f.pointSizeF() * 1.15)
        box = self._hint_box()
        while True:
            f.setPointSizeF(size)
            rect = QFontMetrics(f).boundingRect(box, HINT_FLAGS, self.hint)
            if size <= 9.0 or (box.contains(rect) and rect.height() <= box.height()):
                return f
            size -= 0.5

    def hint_rect(self) -> QRect:
        """The hint text's bounding rectangle as painted (for tests)."""
        return QFontMetrics(self.hint_font()).boundingRect(self._hint_box(), HINT_FLAGS,
                                                          self.hint)

    def paintEvent(self, ev) -> None:  # noqa: N802
        p = QPainter(self)
        r = self.sheet_rect()
        shown = self.image.copy()
        shown.invertPixels()  # dark ink on white paper
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        p.drawImage(r, shown)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QPen(MUTED, 1))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(r)
        # MNIST's 20×20 box within 28×28, as a faint guide: a digit drawn about this size and
        # place needs the least rescaling
        p.setPen(QPen(QColor(215, 215, 215), 1, Qt.PenStyle.DashLine))
        p.drawRect(self.guide_rect())
        if self._empty and self.hint:
            p.setFont(self.hint_font())
            p.setPen(MUTED)
            p.drawText(self._hint_box(), HINT_FLAGS, self.hint)
        if self._hover is not None and r.contains(self._hover):
            d = self.effective_width(self.erase_mode) * r.width() / CANVAS_SIZE
            p.setPen(QPen(QColor(200, 60, 60) if self.erase_mode else ACCENT, 1))
            p.drawEllipse(self._hover, d / 2, d / 2)
        p.end()
