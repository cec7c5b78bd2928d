"""Real mouse strokes on the drawing canvas, for the tests of every panel that takes a drawing:
press, move along a densified polyline, release; and three digits drawn as strokes."""

import math

import numpy as np
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication


def densify(points, step=6.0):
    """A polyline in canvas pixels → points every `step` pixels, as a hand moves."""
    out = [points[0]]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        n = max(1, int(math.hypot(x1 - x0, y1 - y0) / step))
        out += [(x0 + (x1 - x0) * k / n, y0 + (y1 - y0) * k / n) for k in range(1, n + 1)]
    return out


def _send(widget, kind, pos, button, buttons):
    ev = QMouseEvent(kind, QPointF(pos), widget.mapToGlobal(QPointF(pos)), button, buttons,
                     Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, ev)


def drag(area, canvas_points, button=Qt.MouseButton.LeftButton):
    """Press, move along, release: QTest's mouse events, in widget coordinates. If QTest's
    moves were not delivered as a drag (no ink appears after the first moves), the rest of
    the stroke is sent with QApplication.sendEvent (napari PR #9152)."""
    pts = [area.to_widget(QPointF(*p)).toPoint() for p in densify(canvas_points)]
    before = area.pixels().sum()
    QTest.mousePress(area, button, Qt.KeyboardModifier.NoModifier, pts[0])
    fallback = False
    for i, q in enumerate(pts[1:], 1):
        if fallback:
            _send(area, QEvent.Type.MouseMove, q, Qt.MouseButton.NoButton, button)
        else:
            QTest.mouseMove(area, q)
            if i == 3 and button == Qt.MouseButton.LeftButton and area.pixels().sum() <= before:
                fallback = True  # pragma: no cover - QTest delivered no drag here
    if fallback:  # pragma: no cover
        _send(area, QEvent.Type.MouseButtonRelease, pts[-1], button, Qt.MouseButton.NoButton)
    else:
        QTest.mouseRelease(area, button, Qt.KeyboardModifier.NoModifier, pts[-1])


ONE = [[(150, 45), (138, 235)]]
SEVEN = [[(70, 55), (205, 55), (175, 120), (140, 185), (120, 240)]]
ZERO = [[(140 + 55 * math.sin(t), 140 - 90 * math.cos(t))
         for t in np.linspace(0, 2 * math.pi, 40)]]
