"""The ten class probabilities as labelled horizontal bars, and how a probability is written."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from lenet_gui.gui.widgets import accessible
from lenet_gui.gui.widgets.images import ACCENT, MUTED


def percent(p: float) -> str:
    """0.99994 → ">99.9 %" rather than a "100.0 %" the network never quite says."""
    if 0.9995 <= p < 1.0:
        return ">99.9 %"
    return f"{p * 100:.1f} %"


class ProbabilityBars(QWidget):
    """Ten labelled horizontal bars, 0 at the top; the winner in the accent colour."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.probs: np.ndarray | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        fm = QFontMetrics(self.font())
        self.setMinimumHeight(10 * fm.height())  # a row per digit, as high as its text
        self.setMaximumHeight(10 * (fm.height() + 14))

    def sizeHint(self) -> QSize:  # noqa: N802
        fm = QFontMetrics(self.font())
        return QSize(220, 10 * (fm.height() + 4))

    def set_probs(self, probs: np.ndarray | None) -> None:
        self.probs = None if probs is None else np.asarray(probs, np.float64)
        self.update()
        accessible.due(self)

    def describe_content(self) -> str:
        """The answer, its probability, and its margin over the runner-up."""
        translate = QCoreApplication.translate
        if self.probs is None:
            return translate("Accessibility", "No answer yet")
        order = np.argsort(self.probs)[::-1]
        a, b = int(order[0]), int(order[1])
        return translate("Accessibility", "Answer {a} with {pa}; next {b} with {pb}, a margin of "
                  "{m} points").format(a=a, pa=percent(float(self.probs[a])), b=b,
                                       pb=percent(float(self.probs[b])),
                                       m=f"{(self.probs[a] - self.probs[b]) * 100:.1f}")

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
