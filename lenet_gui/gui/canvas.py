"""The canvas dock: draw a digit, see LeNet-5's answer and every preprocessing stage.

The drawing is a QImage painted with an anti-aliased round pen (QPainter, round caps and
joins, one line segment per mouse move). Its pixels go through `lenet_gui.data.drawing` — the
MNIST recipe — and the network input is classified with `AppState.inference_net()`, a private
copy of the latest weights: it works while training runs and when idle. Classifying one
drawing takes well under a millisecond, so it runs on the GUI thread.
"""

from __future__ import annotations

import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import (QCoreApplication, QEvent, QPointF, QRectF, QSize, Qt, QThread, QTimer,
                            Signal, Slot)
from PySide6.QtGui import (QColor, QFont, QFontMetrics, QImage, QKeySequence, QPainter,
                           QPalette, QPen, QShortcut)
from PySide6.QtWidgets import (QApplication, QButtonGroup, QCheckBox, QFileDialog, QGridLayout,
                               QHBoxLayout, QLabel, QSizePolicy, QSlider, QToolButton,
                               QVBoxLayout, QWidget)

from lenet_gui.data.drawing import Stages, image_to_ink, preprocess_stages, resize_area
from lenet_gui.data.preprocess import BACKGROUND, FOREGROUND
from lenet_gui.gui.heatmap import SEQUENTIAL_MAP
from lenet_gui.gui.state import AppState, Probe

translate = QCoreApplication.translate

CANVAS_SIZE = 280  # pixels of the drawing (10× MNIST's 28)
DEFAULT_WIDTH = 22  # brush diameter in canvas pixels: about MNIST's stroke after scaling
MIN_WIDTH, MAX_WIDTH = 4, 48
LIVE_INTERVAL_MS = 100  # live classification at most 10 times a second
UNDO_DEPTH = 64
ERASE_GHOST = 16  # after erasing, ink fainter than this (of 255) is wiped
ERASE_EXTRA = 4  # the eraser is this much wider than the pen, so that rubbing along a stroke
# with the same setting takes its anti-aliased rims too (a faint sliver would stretch the box)

PAPER = QColor(255, 255, 255)
INK = QColor(20, 20, 20)
ACCENT = QColor(31, 119, 180)
MUTED = QColor(150, 150, 150)


def percent(p: float) -> str:
    """0.99994 → ">99.9 %" rather than a "100.0 %" the network never quite says."""
    if 0.9995 <= p < 1.0:
        return ">99.9 %"
    return f"{p * 100:.1f} %"


def _assert_gui_thread() -> None:
    app = QApplication.instance()
    assert app is None or QThread.currentThread() is app.thread(), "GUI update off the GUI thread"


def grey_qimage(a: np.ndarray, ink_dark: bool = True) -> QImage:
    """(h, w) float [0, 1] ink → an 8-bit grey QImage, ink dark on white paper (or as is)."""
    v = np.clip(np.asarray(a, np.float32), 0.0, 1.0)
    b = np.ascontiguousarray(((1.0 - v) if ink_dark else v) * 255.0 + 0.5, dtype=np.uint8)
    h, w = b.shape
    return QImage(b.data, w, h, w, QImage.Format.Format_Grayscale8).copy()


_LUT: np.ndarray | None = None


def colour_qimage(a: np.ndarray, levels: tuple[float, float]) -> QImage:
    """(h, w) values → an RGB QImage through the app's sequential colour map."""
    global _LUT
    if _LUT is None:
        _LUT = pg.colormap.get(SEQUENTIAL_MAP).getLookupTable(nPts=256, mode="byte")
    lo, hi = levels
    idx = np.clip((np.asarray(a, np.float64) - lo) / (hi - lo) * 255.0 + 0.5, 0, 255)
    idx = idx.astype(np.uint8)
    rgb = np.ascontiguousarray(_LUT[idx], dtype=np.uint8)
    h, w = idx.shape
    return QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


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
        self.setMinimumSize(160, 160)
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

    def clear(self) -> None:
        if self._empty:
            return
        self._push_undo()
        self.image.fill(0)
        self._empty = True
        self.update()
        self.changed.emit()

    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo(self) -> None:
        if not self._undo:
            return
        self.image = self._undo.pop()
        self._refresh_empty()
        self.update()
        self.changed.emit()

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
        g = r.adjusted(r.width() * 4 / 28, r.height() * 4 / 28, -r.width() * 4 / 28,
                       -r.height() * 4 / 28)
        p.setPen(QPen(QColor(215, 215, 215), 1, Qt.PenStyle.DashLine))
        p.drawRect(g)
        if self._empty and self.hint:
            f = QFont(self.font())
            f.setPointSizeF(max(10.0, f.pointSizeF() * 1.15))
            p.setFont(f)
            p.setPen(MUTED)
            p.drawText(r.adjusted(12, 12, -12, -12),
                       Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.hint)
        if self._hover is not None and r.contains(self._hover):
            d = self.effective_width(self.erase_mode) * r.width() / CANVAS_SIZE
            p.setPen(QPen(QColor(200, 60, 60) if self.erase_mode else ACCENT, 1))
            p.drawEllipse(self._hover, d / 2, d / 2)
        p.end()


class PixelImage(QWidget):
    """A small image drawn with square pixels (no smoothing), keeping its aspect ratio."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.image: QImage | None = None
        self.smooth = False
        self.setMinimumSize(40, 40)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(72, 72)

    def set_image(self, image: QImage | None, smooth: bool = False) -> None:
        self.image = image
        self.smooth = smooth
        self.update()

    def paintEvent(self, ev) -> None:  # noqa: N802
        p = QPainter(self)
        side = min(self.width(), self.height()) - 2
        frame = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        if self.image is not None and not self.image.isNull():
            iw, ih = self.image.width(), self.image.height()
            k = side / max(iw, ih)
            target = QRectF(frame.center().x() - iw * k / 2, frame.center().y() - ih * k / 2,
                            iw * k, ih * k)
            p.fillRect(frame, PAPER)
            p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, self.smooth)
            p.drawImage(target, self.image)
        else:
            p.fillRect(frame, self.palette().color(QPalette.ColorRole.Base))
        p.setPen(QPen(MUTED, 1))
        p.drawRect(frame)
        p.end()


class ProbabilityBars(QWidget):
    """Ten labelled horizontal bars, 0 at the top; the winner in the accent colour."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.probs: np.ndarray | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        fm = QFontMetrics(self.font())
        self.setMinimumHeight(10 * (fm.height() + 1))
        self.setMaximumHeight(10 * (fm.height() + 14))

    def sizeHint(self) -> QSize:  # noqa: N802
        fm = QFontMetrics(self.font())
        return QSize(220, 10 * (fm.height() + 4))

    def set_probs(self, probs: np.ndarray | None) -> None:
        self.probs = None if probs is None else np.asarray(probs, np.float64)
        self.update()

    def paintEvent(self, ev) -> None:  # noqa: N802
        p = QPainter(self)
        fm = QFontMetrics(self.font())
        row = self.height() / 10
        label_w = fm.horizontalAdvance("0") + 8
        pct_w = fm.horizontalAdvance("100.0 %") + 6
        bar_w = max(10.0, self.width() - label_w - pct_w)
        top = -1 if self.probs is None else int(np.argmax(self.probs))
        text = self.palette().color(QPalette.ColorRole.WindowText)
        track = self.palette().color(QPalette.ColorRole.Window).darker(108)
        bar_h = max(4.0, min(row - 4, fm.height() + 2))
        for d in range(10):
            y = d * row
            cy = y + row / 2
            p.setPen(ACCENT if d == top else text)
            f = QFont(self.font())
            f.setBold(d == top)
            p.setFont(f)
            p.drawText(QRectF(0, y, label_w - 4, row),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(d))
            p.fillRect(QRectF(label_w, cy - bar_h / 2, bar_w, bar_h), track)
            if self.probs is not None:
                v = float(self.probs[d])
                p.fillRect(QRectF(label_w, cy - bar_h / 2, bar_w * v, bar_h),
                           ACCENT if d == top else MUTED)
                p.setPen(ACCENT if d == top else text)
                p.drawText(QRectF(label_w + bar_w + 4, y, pct_w - 4, row),
                           Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                           percent(v))
        p.end()


class CanvasPanel(QWidget):
    """Draw a digit; see the prediction, the 10 probabilities, the margin between the top two
    and each preprocessing stage. The drawing can become the app's probe sample."""

    classified = Signal(object)  # (10,) probabilities, or None (empty canvas / no weights)

    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("CanvasPanel")
        self.state = state
        self.stages: Stages | None = None
        self.probs: np.ndarray | None = None
        self.classify_count = 0
        self._dirty = False  # weights changed while hidden
        self._last_live = 0.0

        self.area = DrawingArea(self)
        self.area.stroke_moved.connect(self._on_stroke_moved)
        self.area.changed.connect(self._on_changed)

        # tools
        self.pen_button = QToolButton(checkable=True, checked=True)
        self.erase_button = QToolButton(checkable=True)
        group = QButtonGroup(self)
        group.setExclusive(True)
        group.addButton(self.pen_button)
        group.addButton(self.erase_button)
        self.erase_button.toggled.connect(self._on_erase_toggled)
        self.width_label = QLabel()
        self.width_slider = QSlider(Qt.Orientation.Horizontal)
        self.width_slider.setRange(MIN_WIDTH, MAX_WIDTH)
        self.width_slider.setValue(DEFAULT_WIDTH)
        self.width_slider.setMinimumWidth(60)
        self.width_slider.valueChanged.connect(self._on_width)
        self.undo_button = QToolButton()
        self.undo_button.clicked.connect(self.area.undo)
        self.clear_button = QToolButton()
        self.clear_button.clicked.connect(self.area.clear)
        self.load_button = QToolButton()
        self.load_button.clicked.connect(self.open_file_dialog)
        for b in (self.pen_button, self.erase_button, self.undo_button, self.clear_button,
                  self.load_button):
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            b.setAutoRaise(False)
        self.live_check = QCheckBox()
        self.probe_check = QCheckBox(checked=True)
        self.probe_check.toggled.connect(self._on_probe_toggled)
        self._undo_shortcut = QShortcut(QKeySequence.StandardKey.Undo, self, self.area.undo)
        self._undo_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        tools1 = QHBoxLayout()
        tools1.setSpacing(4)
        for w in (self.pen_button, self.erase_button, self.width_label):
            tools1.addWidget(w)
        tools1.addWidget(self.width_slider, 1)
        tools2 = QHBoxLayout()
        tools2.setSpacing(4)
        for w in (self.undo_button, self.clear_button, self.load_button):
            tools2.addWidget(w)
        tools2.addSpacing(6)
        tools2.addWidget(self.live_check)
        tools2.addWidget(self.probe_check)
        tools2.addStretch(1)

        # the answer
        self.caption_label = QLabel()
        self.digit_label = QLabel("–")
        f = QFont(self.font())
        f.setPointSizeF(max(32.0, f.pointSizeF() * 4.4))
        f.setBold(True)
        self.digit_label.setFont(f)
        self.digit_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.digit_label.setMinimumWidth(QFontMetrics(f).horizontalAdvance("8") + 16)
        self.confidence_label = QLabel()
        self.confidence_label.setWordWrap(True)
        self.margin_label = QLabel()
        self.margin_label.setWordWrap(True)  # wraps only in a narrow dock
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.bars = ProbabilityBars()

        answer_text = QVBoxLayout()
        answer_text.setSpacing(2)
        answer_text.addStretch(1)
        answer_text.addWidget(self.caption_label)
        answer_text.addWidget(self.confidence_label)
        answer_text.addWidget(self.margin_label)
        answer_text.addStretch(1)
        answer = QHBoxLayout()
        answer.addWidget(self.digit_label)
        answer.addLayout(answer_text, 1)

        right = QVBoxLayout()
        right.setSpacing(4)
        right.addLayout(answer)
        right.addWidget(self.bars, 1)
        right.addWidget(self.status_label)
        right.addStretch(1)

        left = QVBoxLayout()
        left.setSpacing(4)
        left.addWidget(self.area, 1)
        left.addLayout(tools1)
        left.addLayout(tools2)

        top = QHBoxLayout()
        top.addLayout(left, 3)
        top.addLayout(right, 2)

        # the stages
        self.stage_images = [PixelImage() for _ in range(5)]
        self.stage_captions = [QLabel() for _ in range(5)]
        stages = QGridLayout()
        stages.setHorizontalSpacing(6)
        stages.setVerticalSpacing(1)
        for i, (img, cap) in enumerate(zip(self.stage_images, self.stage_captions)):
            cap.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            cap.setWordWrap(True)
            stages.addWidget(img, 0, i)
            stages.addWidget(cap, 1, i)
            stages.setColumnStretch(i, 1)
        stages.setRowStretch(0, 1)
        self.stages_box = QWidget()
        self.stages_box.setLayout(stages)
        self.stages_box.setFixedHeight(self._stages_height(420))
        stages.setContentsMargins(0, 0, 0, 0)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        outer.setSpacing(6)
        outer.addLayout(top, 3)
        outer.addWidget(self.stages_box, 1)

        self._live_timer = QTimer(self)
        self._live_timer.setSingleShot(True)
        self._live_timer.timeout.connect(self._on_live_timer)

        state.weights_changed.connect(self._on_weights_changed)
        self.retranslate_ui()
        self._show_result()

    def _stages_height(self, panel_height: int) -> int:
        """The stage strip: about a fifth of the panel, captions (two lines) included."""
        captions = 2 * QFontMetrics(self.font()).lineSpacing() + 4
        return int(np.clip(panel_height * 0.2, 50, 170)) + captions

    def resizeEvent(self, ev) -> None:  # noqa: N802
        self.stages_box.setFixedHeight(self._stages_height(ev.size().height()))
        super().resizeEvent(ev)

    # --- text -------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.pen_button.setText(translate("Canvas", "Pen"))
        self.pen_button.setToolTip(translate("Canvas", "Draw with the left button (the right button "
                                               "always erases)"))
        self.erase_button.setText(translate("Canvas", "Erase"))
        self.erase_button.setToolTip(translate("Canvas", "Rub out with the left button"))
        self.undo_button.setText(translate("Canvas", "Undo"))
        self.undo_button.setToolTip(translate("Canvas", "Undo the last stroke (Ctrl+Z)"))
        self.clear_button.setText(translate("Canvas", "Clear"))
        self.clear_button.setToolTip(translate("Canvas", "Wipe the canvas"))
        self.load_button.setText(translate("Canvas", "Load…"))
        self.load_button.setToolTip(translate("Canvas", "Put a PNG or JPEG picture of a digit on the "
                                                "canvas (light-on-dark or dark-on-light)"))
        self.width_slider.setToolTip(translate("Canvas", "Brush width in canvas pixels (the canvas is "
                                                 "280×280, ten times MNIST's 28×28)"))
        self.live_check.setText(translate("Canvas", "Live"))
        self.live_check.setToolTip(translate("Canvas", "Classify while drawing, up to 10 times a "
                                               "second"))
        self.probe_check.setText(translate("Canvas", "Use as probe"))
        self.probe_check.setToolTip(translate("Canvas", "Show the drawing in the feature-map, δ and "
                                                "stepper panels"))
        self.area.hint = translate("Canvas", "Draw a digit here (0–9)")
        self.caption_label.setText(translate("Canvas", "LeNet-5 says"))
        names = [translate("Canvas", "drawn"), translate("Canvas", "cropped"), translate("Canvas", "fit into 20×20"),
                 translate("Canvas", "centred"), translate("Canvas", "network input")]
        self._stage_names = names
        self._on_width(self.width_slider.value())
        self._show_stages()
        self._show_result()

    def changeEvent(self, ev) -> None:  # noqa: N802
        if ev.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(ev)

    # --- slots ------------------------------------------------------------------------
    @Slot(int)
    def _on_width(self, v: int) -> None:
        self.area.brush_width = v
        self.width_label.setText(QCoreApplication.translate("Canvas", "Width %n", "", v))
        self.area.update()

    @Slot(bool)
    def _on_erase_toggled(self, on: bool) -> None:
        self.area.erase_mode = on

    @Slot(bool)
    def _on_probe_toggled(self, on: bool) -> None:
        if on and self.stages is not None:
            self._publish_probe()
        self._show_result()

    @Slot()
    def _on_changed(self) -> None:
        """A stroke ended, or undo / clear / load: classify and (maybe) publish the probe."""
        self._live_timer.stop()
        self.classify(publish=True)

    @Slot()
    def _on_stroke_moved(self) -> None:
        if not self.live_check.isChecked() or self._live_timer.isActive():
            return
        wait = LIVE_INTERVAL_MS - (time.monotonic() - self._last_live) * 1000
        if wait <= 0:
            self._on_live_timer()
        else:
            self._live_timer.start(int(wait) + 1)

    @Slot()
    def _on_live_timer(self) -> None:
        self._last_live = time.monotonic()
        self.classify(publish=False)

    @Slot(object)
    def _on_weights_changed(self, _snapshot) -> None:
        if self.stages is None:
            return
        if not self.isVisible():
            self._dirty = True
            return
        self._run_net()
        self._show_result()

    def showEvent(self, ev) -> None:  # noqa: N802
        super().showEvent(ev)
        if self._dirty:
            self._dirty = False
            if self.stages is not None:
                self._run_net()
                self._show_result()

    # --- the work ---------------------------------------------------------------------
    def classify(self, publish: bool = True) -> np.ndarray | None:
        """Preprocess the sheet, run the network, update the view; the probabilities or None."""
        _assert_gui_thread()
        self.stages = preprocess_stages(self.area.pixels())
        self._run_net()
        self._show_stages()
        self._show_result()
        if publish and self.stages is not None and self.probe_check.isChecked():
            self._publish_probe()
        self.classified.emit(self.probs)
        return self.probs

    def _run_net(self) -> None:
        self.probs = None
        if self.stages is None:
            return
        net = self.state.inference_net()  # a private copy of the latest weights
        if net is None:
            return
        y = net.forward(self.stages.x)["y"][0]
        self.probs = np.asarray(y, np.float64)
        self.classify_count += 1

    def _publish_probe(self) -> None:
        self.state.set_probe(Probe.from_input(self.stages.x, None, "drawing"))

    def _show_result(self) -> None:
        self.bars.set_probs(self.probs)
        self.status_label.setStyleSheet("")
        if self.stages is None:
            self.digit_label.setText("–")
            self.confidence_label.setText(translate("Canvas", "No prediction: the canvas is empty."))
            self.margin_label.setText("")
            self.status_label.setText(translate("Canvas", "Draw a digit, or load a picture of one."))
            return
        if self.probs is None:
            self.digit_label.setText("?")
            self.confidence_label.setText(translate("Canvas", "No weights yet."))
            self.margin_label.setText("")
            self.status_label.setText(translate("Canvas", "Train the network or open a checkpoint."))
            return
        order = np.argsort(self.probs)[::-1]
        k, second = int(order[0]), int(order[1])
        p1, p2 = self.probs[k] * 100, self.probs[second] * 100
        self.digit_label.setText(str(k))
        self.confidence_label.setText(translate("Canvas", "%1 sure").replace("%1", percent(p1 / 100)))
        margin = p1 - p2
        self.margin_label.setText(
            translate("Canvas", "margin over %1: %2 points").replace("%1", str(second))
            .replace("%2", ">99.9" if 99.95 <= margin < 100 else f"{margin:.1f}"))
        self.status_label.setText(translate("Canvas", "Probe of the other panels.")
                                  if self.probe_check.isChecked() else "")

    def _show_stages(self) -> None:
        s = self.stages
        names = self._stage_names
        if s is None:
            sizes = ["", "", "", "28×28", "32×32"]
            for img, cap, name, size in zip(self.stage_images, self.stage_captions, names, sizes):
                img.set_image(None)
                cap.setText(f"{name}\n{size}")
            return
        h, w = s.cropped.shape
        fh, fw = s.fitted.shape
        images = [
            (grey_qimage(s.drawn), True, f"{names[0]}\n{s.drawn.shape[1]}×{s.drawn.shape[0]}"),
            (grey_qimage(s.cropped), False, f"{names[1]}\n{w}×{h}"),
            (grey_qimage(s.fitted20), False, f"{names[2]}\n{fw}×{fh}"),
            (grey_qimage(s.centred), False, f"{names[3]}\n28×28"),
            (colour_qimage(s.x[0, 0], (BACKGROUND, FOREGROUND)), False,
             f"{names[4]}\n32×32"),
        ]
        for widget, cap, (image, smooth, text) in zip(self.stage_images, self.stage_captions,
                                                      images):
            widget.set_image(image, smooth)
            cap.setText(text)

    # --- files ------------------------------------------------------------------------
    @Slot()
    def open_file_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, translate("Canvas", "Load a picture of a digit"), "",
            translate("Canvas", "Images (*.png *.jpg *.jpeg *.bmp);;All files (*)"))
        if path:
            self.load_file(path)

    def load_file(self, path: str) -> bool:
        """Put a picture on the canvas; False (and a message in the panel) if unreadable."""
        image = QImage(path)
        if image.isNull():
            self.status_label.setText(translate("Canvas", "Cannot read %1 as an image.").replace(
                "%1", str(path)))
            self.status_label.setStyleSheet("color: #c0392b;")
            return False
        if max(image.width(), image.height()) > 4 * CANVAS_SIZE:  # a photo: shrink it first
            image = image.scaled(4 * CANVAS_SIZE, 4 * CANVAS_SIZE,
                                 Qt.AspectRatioMode.KeepAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)
        image = image.convertToFormat(QImage.Format.Format_RGBA8888)
        w, h = image.width(), image.height()
        bpl = image.bytesPerLine()
        rgba = np.frombuffer(image.constBits(), np.uint8, count=bpl * h).reshape(h, bpl)
        rgba = rgba[:, : 4 * w].reshape(h, w, 4).astype(np.float32) / 255.0
        ink = image_to_ink(rgba)
        if not ink.any():
            self.status_label.setText(translate("Canvas", "%1 looks blank: no digit found.").replace(
                "%1", str(path)))
            self.status_label.setStyleSheet("color: #c0392b;")
            return False
        self.area.set_pixels(ink)
        return True
