"""Small widgets of the stepper: a label that elides, a button as wide as its text, and the
clearing of a layout whose widgets are rebuilt at every step."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy


def clear_layout(layout) -> None:
    """Take every item out of `layout` and delete it; its widgets are hidden and deleted later.
    The item taken (a QWidgetItem, a QSpacerItem) is the caller's to delete: left to Python,
    each one stayed in C++ (~150 bytes; heaptrack counted 33,500 in 20 minutes of the soak)."""
    while layout.count():
        item = layout.takeAt(0)
        if item.layout() is not None:  # a nested layout: its widgets go too
            clear_layout(item.layout())
        w = item.widget()
        if w is not None:
            w.hide()
            w.setParent(None)
            w.deleteLater()
        shiboken6.delete(item)


class ElidedLabel(QLabel):
    """A one-line label that ends in "…" where its text does not fit; text() stays whole (the
    caller puts it in the tooltip)."""

    def __init__(self, text: str = "", parent=None) -> None:
        super().__init__(text, parent)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.fontMetrics().horizontalAdvance("…") * 4, super().sizeHint().height())

    def shown_text(self) -> str:
        """The text as painted at the current width."""
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight,
                                             self.contentsRect().width())

    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        self.style().drawItemText(p, self.contentsRect(), int(self.alignment()), self.palette(),
                                  self.isEnabled(), self.shown_text(), self.foregroundRole())
        p.end()


class CompactButton(QPushButton):
    """A push button as wide as its text needs: the style's 80-pixel minimum for text buttons
    would leave the sample row no room at the dock's default width."""

    def sizeHint(self) -> QSize:  # noqa: N802
        hint = super().sizeHint()
        w = self.fontMetrics().horizontalAdvance(self.text()) + 14  # 7 pixels each side
        return QSize(min(hint.width(), w), hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.sizeHint()
