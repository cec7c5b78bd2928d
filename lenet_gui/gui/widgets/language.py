"""The one way a widget follows the interface language. Switching it installs other
translators (i18n.Translators), and Qt then sends every widget a LanguageChange event; a widget
of this kind answers it in `language_changed()`, which by default calls `retranslate()`: every
text the widget sets itself, in the current language. A widget's parts that are not widgets
of this kind (a combo box of its own, the window's parts) are retranslated by its
`retranslate()`. A panel that sets its texts once, when built, answers by asking the dock host
to build it anew (Panel.rebuild_to_retranslate)."""

from __future__ import annotations

from PySide6.QtCore import QEvent


class RetranslatesItself:
    """A mixin of a QWidget (before it in the bases): `retranslate()` on every LanguageChange."""

    def retranslate(self) -> None:
        """Every text the widget sets itself, in the current language."""

    def language_changed(self) -> None:
        self.retranslate()

    def changeEvent(self, ev) -> None:  # noqa: N802
        if ev.type() == QEvent.Type.LanguageChange:
            self.language_changed()
        super().changeEvent(ev)
