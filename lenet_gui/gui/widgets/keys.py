"""Plain keys that panels read themselves, ahead of the focused widget (a list view would take
a digit for its keyboard search, and a QShortcut of a plain key fires only in an active
window)."""

from __future__ import annotations

from PySide6.QtCore import Qt

_IGNORED = Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier


def digit_key(ev) -> int | None:
    """The digit 0–9 of a key press without Ctrl, Alt or Meta (the keypad's too), or None."""
    if ev.modifiers() & ~_IGNORED != Qt.KeyboardModifier.NoModifier:
        return None
    key = ev.key()
    k = (key.value if hasattr(key, "value") else int(key)) - Qt.Key.Key_0.value
    return k if 0 <= k <= 9 else None
