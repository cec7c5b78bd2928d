"""Images in the panels: float arrays to QImages (grey ink on paper, or through the app's
sequential colour map), a widget that shows a small image with square pixels, and the colours
the canvas widgets share."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from lenet_gui.gui.widgets import accessible
from lenet_gui.gui.widgets.heatmap import SEQUENTIAL_MAP

PAPER = QColor(255, 255, 255)
ACCENT = QColor(31, 119, 180)
MUTED = QColor(150, 150, 150)


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


def describe_image(image: QImage | None) -> str:
    """A picture in words for a screen reader: its size, how much of it is marked (differs
    from the background of its corners) and where the marks' centre is."""
    translate = QCoreApplication.translate
    if image is None or image.isNull():
        return translate("Accessibility", "No picture")
    g = image.convertToFormat(QImage.Format.Format_Grayscale8)
    h, w, bpl = g.height(), g.width(), g.bytesPerLine()
    a = np.frombuffer(g.constBits(), np.uint8, count=bpl * h).reshape(h, bpl)[:, :w]
    background = np.median([a[0, 0], a[0, -1], a[-1, 0], a[-1, -1]])
    marked = np.abs(a.astype(np.int16) - background) > 64
    if not marked.any():
        return translate("Accessibility", "{w}×{h} picture, blank").format(w=w, h=h)
    rows, cols = np.nonzero(marked)
    return translate("Accessibility", "{w}×{h} picture, marks on {p} % of it, centred at row {r}, "
              "column {c}").format(w=w, h=h, p=f"{marked.mean() * 100:.0f}",
                                   r=int(rows.mean()), c=int(cols.mean()))


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
        accessible.due(self)

    def describe_content(self) -> str:
        return describe_image(self.image)

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
