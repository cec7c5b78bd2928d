"""The base of the Explain panel's sections: each draws from the panel (its probe, snapshot
and class k) when its tab is on screen, and remembers what changed while it was not."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from .panel import ExplainPanel


class Section(QWidget):
    # attribute path -> QT_TRANSLATE_NOOP("WhatsThis", …): the Explain panel applies it with
    # its own (gui/whats_this)
    whats_this: ClassVar[dict[str, str]] = {}

    def __init__(self, panel: "ExplainPanel") -> None:
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
