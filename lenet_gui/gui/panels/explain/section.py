"""The base of the Explain panel's sections: each draws from its host, the Explain panel (its
probe, snapshot and class k), when its tab is on screen, and remembers what changed while it
was not, by the panels' own mechanism (RedrawWhenVisible, panels/_base.py). A section knows
its host only by what it reads from it (ExplainHost), not by its class: the panel builds the
sections, so the sections cannot import the panel."""

from __future__ import annotations

from typing import ClassVar, Protocol

import numpy as np
from PySide6.QtWidgets import QTabWidget, QWidget

from lenet_gui.gui.panels._base import RedrawWhenVisible
from lenet_gui.gui.state import AppState
from lenet_gui.model import LeNet5


class ExplainHost(Protocol):
    """What a section reads from the Explain panel."""

    state: AppState
    y: np.ndarray | None  # the probe's softmax output y under the snapshot
    tabs: QTabWidget  # one tab per section: the current one is on screen

    @property
    def x(self) -> np.ndarray: ...  # the probe sample, (1, 1, 32, 32)

    def net(self) -> LeNet5: ...  # a GUI-thread network with the snapshot's weights

    def predicted(self) -> int: ...

    def true_class(self) -> int: ...

    def chosen_class(self) -> int: ...

    def isVisible(self) -> bool: ...  # QWidget's


class Section(RedrawWhenVisible, QWidget):
    # attribute path -> QT_TRANSLATE_NOOP("WhatsThis", …): the Explain panel applies it with
    # its own (gui/whats_this)
    whats_this: ClassVar[dict[str, str]] = {}

    def __init__(self, panel: ExplainHost) -> None:
        super().__init__()
        self.panel = panel
        self.state = panel.state
        # Topics changed since the section last drew ("snapshot", "probe", "class", …).
        self.changed_topics: set[str] = {"snapshot", "probe", "data"}

    def on_screen(self) -> bool:
        """The Explain panel is shown with this section's tab."""
        return self.panel.isVisible() and self.panel.tabs.currentWidget() is self

    def ready(self) -> bool:
        return self.panel.y is not None

    def _draw_changed(self, topics: set[str]) -> None:
        self.refresh(topics)

    def mark_changed(self, *topics: str) -> None:
        """Something the section draws changed: it draws now if on screen, else later."""
        self.changed_topics.update(topics)
        self.redraw_if_due()

    def refresh(self, topics: set[str]) -> None:
        """Draw for the panel's current probe, snapshot and class; `topics` say what changed."""
        raise NotImplementedError

    def retranslate(self) -> None:
        """Every text in the current language."""

    def shutdown(self) -> None:
        """Cancel and wait for background jobs (on close)."""
