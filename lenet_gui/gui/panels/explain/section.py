"""The base of the Explain panel's sections: each draws from its host, the Explain panel (its
probe, snapshot and class k), when its tab is on screen, and remembers what changed while it
was not. A section knows its host only by what it reads from it (ExplainHost), not by its
class: the panel builds the sections, so the sections cannot import the panel."""

from __future__ import annotations

from typing import ClassVar, Protocol

import numpy as np
from PySide6.QtWidgets import QTabWidget, QWidget

from lenet_gui.model import LeNet5

from ...state import AppState


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


class Section(QWidget):
    # attribute path -> QT_TRANSLATE_NOOP("WhatsThis", …): the Explain panel applies it with
    # its own (gui/whats_this)
    whats_this: ClassVar[dict[str, str]] = {}

    def __init__(self, panel: ExplainHost) -> None:
        super().__init__()
        self.panel = panel
        self.state = panel.state
        # Topics changed since the section last drew ("snapshot", "probe", "class", …).
        self.pending: set[str] = {"snapshot", "probe", "data"}

    def refresh(self, topics: set[str]) -> None:
        """Draw for the panel's current probe, snapshot and class; `topics` say what changed."""
        raise NotImplementedError

    def retranslate(self) -> None:
        """Every text in the current language."""

    def shutdown(self) -> None:
        """Cancel and wait for background jobs (on close)."""
