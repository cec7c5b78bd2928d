"""The window's status bar as one part the others are handed: a line that says where the
window is (kept as a function of the language, said again on LanguageChange), a progress bar
(the data load, the training run), passing notes, and a warning that stays while the current
run is not saved.

Qt's QStatusBar draws a passing message (showMessage) with QPainter.drawText, which does not
clip to a margin: a message longer than the room left of the permanent widgets ran into them, cut
mid-letter against the epoch and speed line. `StatusBar` draws it elided, MESSAGE_GAP short of
that room, the whole text in the bar's tooltip."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QRect, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QProgressBar,
    QSizeGrip,
    QStatusBar,
    QStyle,
    QStyleOption,
    QToolButton,
    QWidget,
)

translate = QCoreApplication.translate

MESSAGE_GAP = 12  # px kept free between a passing message and the permanent widgets
UNSAVED_MAX_WIDTH = 380  # the unsaved-run warning's widest (elided; its tooltip says it all)


class StatusBar(QStatusBar):
    """A QStatusBar whose passing message never runs under its permanent widgets: it is
    elided to `message_rect()`, the room Qt itself gives it (left of the first permanent
    widget), and the whole message is the bar's tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._permanent: list[QWidget] = []
        self.messageChanged.connect(self._on_message_changed)

    def addPermanentWidget(self, widget: QWidget, stretch: int = 0) -> None:  # noqa: N802
        self._permanent.append(widget)
        super().addPermanentWidget(widget, stretch)

    def message_rect(self) -> QRect:
        """Where the passing message is drawn: Qt's messageRect (6 px in, up to 2 px before the
        first visible permanent widget or the size grip)."""
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        left, right = 6, self.width() - 12
        grip = self.findChild(QSizeGrip)
        if grip is not None and grip.isVisible():
            if rtl:
                left = grip.x() + grip.width()
            else:
                right = grip.x()
        shown = [w for w in self._permanent if w.isVisible()]
        if shown:
            if rtl:
                left = max(left, max(w.x() + w.width() for w in shown) + 2)
            else:
                right = min(right, min(w.x() for w in shown) - 2)
        return QRect(left, 0, max(0, right - left), self.height())

    def shown_message(self) -> str:
        """The passing message as drawn: elided to `message_rect()` less MESSAGE_GAP."""
        return self.fontMetrics().elidedText(self.currentMessage(), Qt.TextElideMode.ElideRight,
                                             max(0, self.message_rect().width() - MESSAGE_GAP))

    def _on_message_changed(self, text: str) -> None:
        self.setToolTip(text)

    def describe_content(self) -> str:
        """What a screen reader says of the bar (widgets/accessible.py): the passing message,
        whole; the permanent widgets speak for themselves."""
        return self.currentMessage() or translate("Accessibility", "No message")

    def retranslate(self) -> None:
        self.setAccessibleName(translate("Accessibility", "Status bar"))

    def paintEvent(self, event) -> None:
        """QStatusBar's own painting, with the message elided (Qt draws it whole)."""
        if not self.currentMessage():
            super().paintEvent(event)
            return
        p = QPainter(self)
        opt = QStyleOption()
        opt.initFrom(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelStatusBar, opt, p, self)
        for w in self._permanent:
            if w.isVisible():
                item = QStyleOption()
                item.rect = w.geometry().adjusted(-2, -1, 2, 1)
                item.palette = self.palette()
                item.state = QStyle.StateFlag.State_None
                self.style().drawPrimitive(QStyle.PrimitiveElement.PE_FrameStatusBarItem, item, p, w)
        p.setPen(self.palette().windowText().color())
        p.drawText(self.message_rect(), Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter
                   | Qt.TextFlag.TextSingleLine, self.shown_message())
        p.end()


class UnsavedWarning(QToolButton):
    """"⚠ run 3 not saved: No space left on device", in the warning colour, until the run is
    saved; the whole reason in its tooltip. Clicking it asks what to do (`clicked`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unsaved_run")
        self.setAutoRaise(True)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setMaximumWidth(UNSAVED_MAX_WIDTH)
        self.setStyleSheet("QToolButton#unsaved_run { color: #c0392b; font-weight: bold; }")
        self._texts: Callable[[], tuple[str, str]] | None = None
        self.hide()

    @property
    def full_text(self) -> str:
        return self._texts()[0] if self._texts is not None else ""

    def show_for(self, texts: Callable[[], tuple[str, str]] | None) -> None:
        """`texts()` gives (the line, its tooltip) in the current language; None hides it."""
        self._texts = texts
        self.retranslate()
        self.setVisible(texts is not None)

    def retranslate(self) -> None:
        if self._texts is None:
            return
        line, tip = self._texts()
        room = UNSAVED_MAX_WIDTH - 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_ButtonMargin) - 8
        self.setText(self.fontMetrics().elidedText(line, Qt.TextElideMode.ElideRight, room))
        self.setToolTip(tip)


class StatusLine(QObject):
    """`say` the window's state, `note` a passing message, `set_progress` of the load or run,
    `set_unsaved` while the current run is not saved."""

    unsaved_clicked = Signal()

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._bar = StatusBar(window)
        window.setStatusBar(self._bar)
        self.unsaved = UnsavedWarning()
        self.unsaved.clicked.connect(self.unsaved_clicked)
        self.label = QLabel()
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(220)
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setValue(0)
        self._bar.addPermanentWidget(self.unsaved)
        self._bar.addPermanentWidget(self.label)
        self._bar.addPermanentWidget(self.progress_bar)
        self._text: Callable[[], str] = lambda: translate("MainWindow", "Ready")

    @property
    def bar(self) -> StatusBar:
        return self._bar

    def say(self, text: str | Callable[[], str]) -> None:
        """`text`, or a function giving it in the current language (kept for LanguageChange)."""
        self._text = text if callable(text) else (lambda: text)
        self.label.setText(self._text())

    def note(self, text: str, ms: int) -> None:
        """A passing message, shown for `ms` milliseconds (elided before the permanent
        widgets; the whole of it in the bar's tooltip)."""
        self._bar.showMessage(text, ms)

    def set_progress(self, value: int, maximum: int | None = None) -> None:
        if maximum is not None:
            self.progress_bar.setRange(0, maximum)
        self.progress_bar.setValue(value)

    def set_unsaved(self, texts: Callable[[], tuple[str, str]] | None) -> None:
        """Warn that the current run is not saved: `texts()` gives the warning's line and
        tooltip in the current language; None: it is saved (the warning goes)."""
        self.unsaved.show_for(texts)

    def retranslate(self) -> None:
        self._bar.retranslate()
        self.label.setToolTip(translate("MainWindow", "Epoch, batch, training speed and time left"))
        self.progress_bar.setToolTip(translate("MainWindow", "Progress of the data load or of the "
                                               "training run"))
        self.label.setText(self._text())
        self.unsaved.retranslate()
