"""The window's status bar as one part the others are handed: a line that says where the
window is (kept as a function of the language, said again on LanguageChange), a progress bar
(the data load, the training run), and passing notes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QLabel, QMainWindow, QProgressBar

translate = QCoreApplication.translate


class StatusLine(QObject):
    """`say` the window's state, `note` a passing message, `set_progress` of the load or run."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._bar = window.statusBar()
        self.label = QLabel()
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(220)
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setValue(0)
        self._bar.addPermanentWidget(self.label)
        self._bar.addPermanentWidget(self.progress_bar)
        self._text: Callable[[], str] = lambda: translate("MainWindow", "Ready")

    def say(self, text: str | Callable[[], str]) -> None:
        """`text`, or a function giving it in the current language (kept for LanguageChange)."""
        self._text = text if callable(text) else (lambda: text)
        self.label.setText(self._text())

    def note(self, text: str, ms: int) -> None:
        """A passing message, shown for `ms` milliseconds."""
        self._bar.showMessage(text, ms)

    def set_progress(self, value: int, maximum: int | None = None) -> None:
        if maximum is not None:
            self.progress_bar.setRange(0, maximum)
        self.progress_bar.setValue(value)

    def retranslate(self) -> None:
        self.label.setToolTip(translate("MainWindow", "Epoch, batch, training speed and time left"))
        self.progress_bar.setToolTip(translate("MainWindow", "Progress of the data load or of the "
                                               "training run"))
        self.label.setText(self._text())
