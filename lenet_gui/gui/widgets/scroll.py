"""A vertical scroll area for the part of a panel whose content has a real minimum height (a
form, a column of sections): in a short dock it scrolls instead of making the dock, and with it
the window, taller than the screen. Its width follows the content's minimum, so nothing ever
scrolls sideways or is cut at the right."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

MIN_HEIGHT = 48  # px: what the area asks for, whatever its content (a few lines of text)


class VerticalScroll(QScrollArea):
    def __init__(self, content: QWidget, parent=None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(content)
        content.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # The content's minimum width is ours: when its layout changes (texts set, a language
        # change), the dock must hear of it, and the scroll area alone does not tell it.
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)

    def _extra_width(self) -> int:
        # room for the vertical scroll bar when it comes, so the content keeps its width
        return self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        content = self.widget().minimumSizeHint()
        return QSize(content.width() + self._extra_width(), min(MIN_HEIGHT, content.height()))

    def sizeHint(self) -> QSize:  # noqa: N802
        content = self.widget().sizeHint()
        return QSize(content.width() + self._extra_width(), content.height())
