"""A panel's wrapped header text that gives way in a short dock. A word-wrapped QLabel claims
its wrapped height as a minimum inside the panel (Qt's layouts treat a height-for-width as one),
so in a short dock the panel's maps were squeezed below theirs instead; and a dock at its
smallest cut a two-line text mid-line. This label asks for its wrapped height (at its current
width) but can shrink to one line; it then shows as many whole lines as fit, the last ending
in "…", and the whole text in its tooltip."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtGui import QPainter, QTextLayout, QTextOption
from PySide6.QtWidgets import QLabel, QToolTip


class FittedLabel(QLabel):
    """A plain-text QLabel that wraps; see the module."""

    def __init__(self, text: str = "", parent=None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return False  # the wrapped height is a wish (sizeHint), not a need (QLabel's policy)

    def sizeHint(self) -> QSize:  # noqa: N802
        hint = super().sizeHint()
        if self.width() > 0 and self.text():
            hint.setHeight(self._needed())
        return hint

    def _needed(self) -> int:
        """The height of the whole text wrapped at the current width."""
        margins = self.contentsMargins()
        lines = sum(h for _, h in self._lines(self.contentsRect().width()))
        return max(self.heightForWidth(self.width()), lines + margins.top() + margins.bottom())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        margins = self.contentsMargins()
        lines = self._lines(max(self.contentsRect().width(), 1))
        one_line = lines[0][1] if lines else self.fontMetrics().height()
        return QSize(super().minimumSizeHint().width(), one_line + margins.top() + margins.bottom())

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # another width, another number of lines

    def _lines(self, width: int) -> list[tuple[int, int]]:
        """(start in the text, height) of each line wrapped at `width`: the text layout's own
        heights (a Chinese line, drawn with a fallback font, is taller than the font's)."""
        layout = QTextLayout(self.text(), self.font())
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        lines = []
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            lines.append((line.textStart(), math.ceil(line.height())))
        layout.endLayout()
        return lines

    def is_cut(self) -> bool:
        """Whether the label has less height than its wrapped text needs."""
        return bool(self.text()) and self.contentsRect().width() > 0 \
            and self._needed() > self.height()

    def shown_lines(self) -> list[tuple[str, int]]:
        """(text, height) of the lines as painted: those that fit, the last one elided."""
        rect = self.contentsRect()
        text = self.text()
        lines = self._lines(rect.width())
        ends = [a for a, _ in lines[1:]] + [len(text)]
        shown, used = [], 0
        for i, ((a, h), b) in enumerate(zip(lines, ends)):
            last = i + 1 == len(lines) or used + h + lines[i + 1][1] > rect.height()
            if not last:
                shown.append((text[a:b].rstrip(), h))
                used += h
                continue
            rest = " ".join(text[a:].split())
            shown.append((self.fontMetrics().elidedText(rest, Qt.TextElideMode.ElideRight,
                                                        rect.width()), h))
            break
        return shown

    def paintEvent(self, event) -> None:  # noqa: N802
        if not self.is_cut():
            super().paintEvent(event)
            return
        rect = self.contentsRect()
        align = int(self.alignment() & Qt.AlignmentFlag.AlignHorizontal_Mask
                    | Qt.AlignmentFlag.AlignTop)
        p = QPainter(self)
        y = rect.top()
        for line, h in self.shown_lines():
            self.style().drawItemText(p, QRect(rect.left(), y, rect.width(), h), align,
                                      self.palette(), self.isEnabled(), line,
                                      self.foregroundRole())
            y += h
        p.end()

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip and not self.toolTip() and self.is_cut():
            QToolTip.showText(event.globalPos(), self.text(), self)
            return True
        return super().event(event)
