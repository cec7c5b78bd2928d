"""The stepper's step strip: INPUT → C1 → … → F7 → y as a row of boxes, the layer of the
current step highlighted and the arrows pointing the way the pass goes."""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from lenet_gui.model.options import LAYER_TABLE


class NetworkDiagram(QWidget):
    """INPUT → C1 → … → F7 → y as a row of boxes, the current step's layer highlighted.

    Each box is as wide as its name plus a margin, and space beyond that is shared equally, so
    no name is ever clipped. Below the comfortable width the margins and the arrows' gaps
    shrink, down to the minimum size hint.
    """

    LAYERS = (("input", "INPUT"), *((layer.key, layer.name) for layer in LAYER_TABLE),
              ("softmax", "y, J"))
    PAD = (2.0, 4.0)  # pixels between a name and its box's edge, each side: least, comfortable
    GAP = (6.0, 8.0)  # pixels between boxes, for the arrow: least, comfortable

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.current = ""
        self.direction = "forward"
        self.setMinimumHeight(24)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def box_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(9.0, font.pointSizeF()))
        return font

    def _text_widths(self) -> list[float]:
        fm = QFontMetricsF(self.box_font())
        return [fm.horizontalAdvance(text) for _, text in self.LAYERS]

    def _width_with(self, pad: float, gap: float) -> float:
        n = len(self.LAYERS)
        return sum(self._text_widths()) + n * 2 * pad + (n - 1) * gap + 1

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(math.ceil(self._width_with(self.PAD[0], self.GAP[0])) + 1, 24)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(max(340, math.ceil(self._width_with(self.PAD[1], self.GAP[1])) + 1), 26)

    def box_rects(self) -> list[tuple[str, str, QRectF]]:
        """(layer key, name, box) for each box at the current width."""
        n = len(self.LAYERS)
        least = self._width_with(self.PAD[0], self.GAP[0])
        comfortable = self._width_with(self.PAD[1], self.GAP[1])
        f = min(max((self.width() - least) / (comfortable - least), 0.0), 1.0)
        pad = self.PAD[0] + f * (self.PAD[1] - self.PAD[0])
        gap = self.GAP[0] + f * (self.GAP[1] - self.GAP[0])
        widths = [t + 2 * pad for t in self._text_widths()]
        extra = max(0.0, self.width() - 1 - gap * (n - 1) - sum(widths)) / n
        h = self.height() - 2.0
        rects, x = [], 0.5
        for (key, text), w in zip(self.LAYERS, widths):
            rects.append((key, text, QRectF(x, 1.0, w + extra, h)))
            x += w + extra + gap
        return rects

    def set_current(self, layer: str, direction: str) -> None:
        self.current, self.direction = layer, direction
        self.update()
        self.setAccessibleDescription(self.describe_content())

    def describe_content(self) -> str:
        translate = QCoreApplication.translate
        chain = " → ".join(text for _, text in self.LAYERS)
        names = dict(self.LAYERS)
        if self.current == "all":
            return translate("Accessibility", "{chain}; every layer").format(chain=chain)
        if self.current in names:
            way = (translate("Accessibility", "forward") if self.direction == "forward"
                   else translate("Accessibility", "backward"))
            return translate("Accessibility", "{chain}; now {layer}, {way}").format(
                chain=chain, layer=names[self.current], way=way)
        return chain

    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        p.setFont(self.box_font())
        rects = self.box_rects()
        for i, (key, text, rect) in enumerate(rects):
            on = self.current == "all" or key == self.current
            p.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
            p.setBrush(pal.color(QPalette.ColorRole.Highlight) if on
                       else pal.color(QPalette.ColorRole.Base))
            p.drawRoundedRect(rect, 3, 3)
            p.setPen(pal.color(QPalette.ColorRole.HighlightedText) if on
                     else pal.color(QPalette.ColorRole.Text))
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
            if i < len(rects) - 1:  # arrow in the current direction between boxes
                p.setPen(QPen(pal.color(QPalette.ColorRole.Text), 1))
                y = rect.center().y()
                a, b = rect.right() + 1.5, rects[i + 1][2].left() - 1.5
                if self.direction == "backward":
                    a, b = b, a
                p.drawLine(QPointF(a, y), QPointF(b, y))
                s = 2.5 if b > a else -2.5
                p.drawLine(QPointF(b, y), QPointF(b - s, y - 2.5))
                p.drawLine(QPointF(b, y), QPointF(b - s, y + 2.5))
        p.end()
