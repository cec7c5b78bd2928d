"""The window's accessibility commands: F6 / Shift+F6 move the keyboard from panel to panel
(as in other Qt applications), Ctrl+= / Ctrl+- / Ctrl+0 scale the whole interface's text
(remembered in the settings), the focus mark, and the high-contrast look when the system asks
for more contrast. The actions sit in the View menu, so every one is reachable from a menu."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt, Slot
from PySide6.QtGui import QAction, QFont, QGuiApplication, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QWidget

from lenet_gui.gui.theme import apply_plot_palette, high_contrast_palette
from lenet_gui.gui.widgets import accessible
from lenet_gui.gui.window.docks import DockHost

translate = QCoreApplication.translate
SCALE_KEY = "interface/scale"
SCALES = (0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0)  # Ctrl+= and Ctrl+- step through these


_hints: list = []  # the application's QStyleHints and its QAccessibilityHints, kept alive


def accessibility_hints():
    # `QGuiApplication.styleHints().accessibility()` in one expression gave a wrapper whose
    # C++ object was "already deleted" (PySide6 6.11): the style hints' wrapper must live on.
    if not _hints:
        style_hints = QGuiApplication.styleHints()
        _hints[:] = [style_hints, style_hints.accessibility()]
    return _hints[1]


def prefers_high_contrast() -> bool:
    return accessibility_hints().contrastPreference() == Qt.ContrastPreference.HighContrast


class AccessibilityController(QObject):
    """Handed the window, its dock host, the settings (None: nothing remembered) and the menu
    its actions go into."""

    def __init__(self, window: QMainWindow, docks: DockHost, settings: QSettings | None,
                 menu: QMenu) -> None:
        super().__init__(window)
        self._window = window
        self._docks = docks
        self._settings = settings
        self._base_font = QFont(QApplication.font())  # the system's size: scale 1
        self._saved_palette: QPalette | None = None
        self.mark = accessible.install_focus_mark()
        self.next_panel_action = self._action(self.next_panel, "F6", "next_panel")
        self.previous_panel_action = self._action(self.previous_panel, "Shift+F6",
                                                  "previous_panel")
        self.zoom_in_action = self._action(self.zoom_in, QKeySequence.StandardKey.ZoomIn,
                                           "zoom_in", extra="Ctrl+=")
        self.zoom_out_action = self._action(self.zoom_out, QKeySequence.StandardKey.ZoomOut,
                                            "zoom_out")
        self.zoom_reset_action = self._action(self.zoom_reset, "Ctrl+0", "zoom_reset")
        self.high_contrast_action = self._action(self._on_high_contrast_toggled, None,
                                                 "high_contrast")
        self.high_contrast_action.setCheckable(True)
        self.menu = QMenu(window)
        self.menu.setObjectName("accessibility_menu")
        for a in (self.next_panel_action, self.previous_panel_action):
            self.menu.addAction(a)
        self.menu.addSeparator()
        for a in (self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action):
            self.menu.addAction(a)
        self.menu.addSeparator()
        self.menu.addAction(self.high_contrast_action)
        menu.addSeparator()
        menu.addMenu(self.menu)
        self.scale = 1.0
        saved = settings.value(SCALE_KEY) if settings is not None else None
        try:
            scale = float(saved) if saved is not None else 1.0
        except (TypeError, ValueError):
            scale = 1.0
        if scale != 1.0:
            self.set_scale(scale, remember=False)
        accessibility_hints().contrastPreferenceChanged.connect(self._on_contrast_preference_changed)
        if prefers_high_contrast():
            self.set_high_contrast(True)

    def _action(self, slot, shortcut, name: str, extra: str | None = None) -> QAction:
        a = QAction(self._window)
        a.setObjectName(name)
        if shortcut is not None:
            keys = [QKeySequence(shortcut)] if not isinstance(shortcut, QKeySequence.StandardKey) \
                else QKeySequence.keyBindings(shortcut)
            if extra is not None and QKeySequence(extra) not in keys:
                keys.append(QKeySequence(extra))
            a.setShortcuts(keys)
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        a.triggered.connect(slot)
        return a

    def retranslate(self) -> None:
        self.menu.setTitle(translate("Accessibility", "&Accessibility"))
        texts = {
            self.next_panel_action: (translate("Accessibility", "Next panel"), translate(
                "Accessibility", "Move the keyboard focus into the next panel (F6)")),
            self.previous_panel_action: (translate("Accessibility", "Previous panel"), translate(
                "Accessibility", "Move the keyboard focus into the previous panel (Shift+F6)")),
            self.zoom_in_action: (translate("Accessibility", "Larger text"), translate(
                "Accessibility", "Make every text of the window larger (Ctrl+=)")),
            self.zoom_out_action: (translate("Accessibility", "Smaller text"), translate(
                "Accessibility", "Make every text of the window smaller (Ctrl+-)")),
            self.zoom_reset_action: (translate("Accessibility", "Normal text size"), translate(
                "Accessibility", "The system's text size again (Ctrl+0)")),
            self.high_contrast_action: (translate("Accessibility", "High contrast"), translate(
                "Accessibility", "Black on white with strong frames; on by itself when the "
                "system asks for more contrast")),
        }
        for a, (text, tip) in texts.items():
            a.setText(text)
            a.setToolTip(tip)
            a.setStatusTip(tip)
            a.setWhatsThis(tip)
        self.menu.menuAction().setWhatsThis(translate(
            "Accessibility", "Moving between panels with the keyboard, the size of the text "
            "and the high-contrast look."))

    # -- panels by keyboard

    def _visible_docks(self) -> list:
        return [d for d in self._docks.docks.values()
                if d.isVisible() and not d.visibleRegion().isEmpty()]

    def _move(self, step: int) -> None:
        docks = self._visible_docks()
        if not docks:
            return
        focus = QApplication.focusWidget()
        current = next((i for i, d in enumerate(docks)
                        if focus is not None and d.isAncestorOf(focus)), -1 if step > 0 else 0)
        dock = docks[(current + step) % len(docks)]
        target = dock.widget()
        first = _first_focusable(target)
        (first or target).setFocus(Qt.FocusReason.TabFocusReason)

    @Slot()
    def next_panel(self) -> None:
        self._move(1)

    @Slot()
    def previous_panel(self) -> None:
        self._move(-1)

    # -- text size

    def set_scale(self, scale: float, remember: bool = True) -> None:
        scale = min(max(scale, SCALES[0]), SCALES[-1])
        self.scale = scale
        font = QFont(self._base_font)
        if self._base_font.pointSizeF() > 0:
            font.setPointSizeF(self._base_font.pointSizeF() * scale)
        else:
            font.setPixelSize(max(6, round(self._base_font.pixelSize() * scale)))
        QApplication.setFont(font)
        if remember and self._settings is not None:
            self._settings.setValue(SCALE_KEY, scale)
            self._settings.sync()

    @Slot()
    def zoom_in(self) -> None:
        self.set_scale(next((s for s in SCALES if s > self.scale + 1e-6), SCALES[-1]))

    @Slot()
    def zoom_out(self) -> None:
        self.set_scale(next((s for s in reversed(SCALES) if s < self.scale - 1e-6), SCALES[0]))

    @Slot()
    def zoom_reset(self) -> None:
        self.set_scale(1.0)

    # -- contrast

    def set_high_contrast(self, on: bool) -> None:
        self.high_contrast_action.setChecked(on)
        if on and self._saved_palette is None:
            self._saved_palette = QPalette(QApplication.palette())
            QApplication.setPalette(high_contrast_palette())
        elif not on and self._saved_palette is not None:
            QApplication.setPalette(self._saved_palette)
            self._saved_palette = None
        apply_plot_palette(self._window)

    @property
    def high_contrast(self) -> bool:
        return self._saved_palette is not None

    @Slot()
    def _on_high_contrast_toggled(self) -> None:
        self.set_high_contrast(self.high_contrast_action.isChecked())

    @Slot(Qt.ContrastPreference)
    def _on_contrast_preference_changed(self, preference) -> None:
        self.set_high_contrast(preference == Qt.ContrastPreference.HighContrast)

    def close(self) -> None:
        """Give the application back the fonts and palette it had (another window may follow
        in the same process)."""
        if self._saved_palette is not None:
            QApplication.setPalette(self._saved_palette)
            self._saved_palette = None
        QApplication.setFont(self._base_font)


def _first_focusable(root: QWidget) -> QWidget | None:
    """The first widget inside `root` that Tab would reach."""
    w = root.nextInFocusChain()
    while w is not None and w is not root:
        if (root.isAncestorOf(w) and w.isVisible() and w.isEnabled()
                and w.focusPolicy() & Qt.FocusPolicy.TabFocus):
            return w
        w = w.nextInFocusChain()
    return None
