"""Whether a panel on screen lays its parts out at their minimum sizes or more: shared by the
in-process fit tests and the first-window script they start in a child process."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QComboBox, QWidget


def squeezed_parts(panel: QWidget) -> list[QWidget]:
    """Widgets of the panel on screen that got less than their minimum: drawn cut, or over
    their neighbours (a wrapped label given its lines took the timeline's slider). Content of
    scroll areas gets its minimum from its area, and a spin box's or combo's insides are its."""
    out = []
    for part in panel.findChildren(QWidget):
        if not part.isVisible() or part.isWindow():
            continue
        parent, inside = part.parentWidget(), False
        while parent is not None and parent is not panel:
            inside = inside or isinstance(parent, (QAbstractScrollArea, QAbstractSpinBox,
                                                   QComboBox))
            parent = parent.parentWidget()
        hint = part.minimumSizeHint()
        if not inside and (part.width() < hint.width() - 1 or part.height() < hint.height() - 1):
            out.append(part)
    return out
