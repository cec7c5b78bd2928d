"""A panel's wrapped text that gives way in a short dock: it asks for its wrapped height but
can shrink to one line, showing the whole lines that fit (plain text: the last one ending in
"…") and the whole text in its tooltip.

A word-wrapped QLabel claims its wrapped height as a minimum (Qt's layouts treat a
height-for-width as one): in a short dock the loss legend's second line took the timeline's
slider, and a dock at its smallest cut a two-line text mid-line. The minimum here does not
depend on the width either: one that did left a dock taller than the window had room for after
a perspective switch."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QPainter,
    QPalette,
    QTextDocument,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QLabel, QToolTip

QLABEL_MAX = 10_000  # px: a width at which a header text is one line


class FittedLabel(QLabel):
    """A QLabel that wraps (plain text, or rich with `rich=True`); see the module."""

    def __init__(self, text: str = "", parent=None, rich: bool = False) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self._rich = rich
        # What was measured, by (what, width), for the text, font and margins in
        # `_measured_for`. A label is painted again and again with the same text (the loss
        # legend with every frame of the curves below it): laying out a QTextDocument each time
        # cost ~2 ms a paint, and the plain text's layout on every paint was a third of the GUI
        # thread's time while the window trained (py-spy, `screenshot`).
        self._measured_for: tuple | None = None
        self._measured: dict[tuple[str, int], object] = {}
        self.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return False  # the wrapped height is a wish (sizeHint), not a need (QLabel's policy)

    def sizeHint(self) -> QSize:  # noqa: N802
        hint = super().sizeHint()
        if self.width() > 0 and self.text():
            hint.setHeight(self._needed())
        return hint

    def _needed(self) -> int:
        """The height of the whole text wrapped at the current width."""
        return self._cached("needed", self.width(), self._measure_needed)

    def _measure_needed(self, width: int) -> int:
        margins = self.contentsMargins()
        inner = self.contentsRect().width()  # `width` is the label's: see _needed
        lines = self._rich_bottoms(inner)[-1] if self._rich \
            else sum(h for _, h in self._lines(inner))
        return max(self.heightForWidth(width), math.ceil(lines) + margins.top() + margins.bottom())

    def _cached(self, what: str, width: int, measure):
        """measure(width), kept while the text, the font, the frame and margins stay the same."""
        m = self.contentsMargins()
        key = (self.text(), self.font().key(), m.left(), m.top(), m.right(), m.bottom(),
               self.frameWidth(), self.margin(), self.indent())
        if key != self._measured_for or len(self._measured) > 16:
            self._measured_for, self._measured = key, {}
        if (what, width) not in self._measured:
            self._measured[what, width] = measure(width)
        return self._measured[what, width]

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        margins = self.contentsMargins()
        if self._rich:  # the first line laid out wide: the same whatever the label's width
            one_line = math.ceil(self._rich_bottoms(QLABEL_MAX)[0])
        else:
            lines = self._lines(QLABEL_MAX)
            one_line = lines[0][1] if lines else self.fontMetrics().height()
        return QSize(super().minimumSizeHint().width(), one_line + margins.top() + margins.bottom())

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # another width, another number of lines

    def _document(self, width: int) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(self.font())
        doc.setDocumentMargin(0)
        doc.setHtml(self.text())
        doc.setTextWidth(max(width, 1))
        return doc

    def _rich_bottoms(self, width: int) -> list[float]:
        """The bottom of each line of the rich text wrapped at `width`."""
        return self._cached("rich", width, self._measure_rich)

    def _measure_rich(self, width: int) -> list[float]:
        doc = self._document(width)
        bottoms = []
        block = doc.begin()
        while block.isValid():
            top = doc.documentLayout().blockBoundingRect(block).top()
            layout = block.layout()
            bottoms += [top + layout.lineAt(i).rect().bottom() for i in range(layout.lineCount())]
            block = block.next()
        return bottoms or [float(self.fontMetrics().height())]

    def _lines(self, width: int) -> list[tuple[int, int]]:
        """(start in the text, height) of each line wrapped at `width`: the text layout's own
        heights (a Chinese line, drawn with a fallback font, is taller than the font's)."""
        return self._cached("plain", width, self._measure_lines)

    def _measure_lines(self, width: int) -> list[tuple[int, int]]:
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
        if self._rich:
            self._paint_rich(rect)
            return
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

    def _paint_rich(self, rect: QRect) -> None:
        """The whole lines that fit, from the top."""
        bottoms = self._rich_bottoms(rect.width())
        shown = max([b for b in bottoms if b <= rect.height()] or bottoms[:1])
        doc = self._document(rect.width())
        context = QAbstractTextDocumentLayout.PaintContext()
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Text, palette.color(self.foregroundRole()))
        context.palette = palette
        context.clip = QRectF(0, 0, rect.width(), shown)
        p = QPainter(self)
        p.translate(rect.topLeft())
        p.setClipRect(context.clip)
        doc.documentLayout().draw(p, context)
        p.end()

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip and not self.toolTip() and self.is_cut():
            QToolTip.showText(event.globalPos(), self.text(), self)
            return True
        return super().event(event)
