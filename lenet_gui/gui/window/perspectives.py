"""Perspectives: one click (View → Perspective, Ctrl+1…Ctrl+5) arranges the window for one job
of the product — Train, Backprop, Draw, Evaluate, Learn — showing exactly that job's docks at sizes
given for a 1400×900 window and scaled to the real one. What the user then changes (a dock
moved, resized, closed) is that perspective's own: its dock state is saved when the window
leaves it (and on close) under `perspectives/<name>/state`, versioned as the dock layout is,
and restored when the user comes back; a state of another version, or one restoreState refuses,
falls back to the perspective's default. "Reset this perspective" forgets the user's version."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QObject,
    QSettings,
    Qt,
    Slot,
)
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu

from lenet_gui.gui.panels.registry import layout_version
from lenet_gui.gui.status import StatusLine
from lenet_gui.gui.window.docks import DockHost, save_state, saved_int, saved_state

translate = QCoreApplication.translate
L, R, B = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea,
           Qt.DockWidgetArea.BottomDockWidgetArea)
H, V = Qt.Orientation.Horizontal, Qt.Orientation.Vertical


@dataclass(frozen=True)
class Place:
    dock: str  # a panel's name; skipped when the window has no such dock (e.g. "explain")
    area: Qt.DockWidgetArea = L
    split: tuple[str, Qt.Orientation] | None = None  # beside (H) or below (V) this dock
    tabify_with: str | None = None  # a tab beside this dock


@dataclass(frozen=True)
class Perspective:
    name: str  # stable: a settings key
    title: str  # QT_TRANSLATE_NOOP("Perspective", …)
    tip: str
    shortcut: str
    places: tuple[Place, ...]
    # Default widths of docks side by side and heights of docks one above the other, in pixels
    # of a 1400×900 window (810 high between the toolbar and the status bar), scaled to the
    # real window. Each row and column adds up to the window: Train's feature maps over its
    # loss curves once asked for 860 of the 810 pixels, and the curves got their minimum.
    widths: dict[str, int]
    heights: dict[str, int]
    front: tuple[str, ...] = ()  # tabs raised to the front

    @property
    def docks(self) -> tuple[str, ...]:
        return tuple(p.dock for p in self.places)


PERSPECTIVES: tuple[Perspective, ...] = (
    Perspective(
        "train", QT_TRANSLATE_NOOP("Perspective", "Train"),
        QT_TRANSLATE_NOOP("Perspective", "Watch the network learn: the settings, the loss curves "
                          "and the distributions, the feature maps, the kernels and the δ "
                          "heatmaps"), "Ctrl+1",
        (Place("settings", L), Place("feature_maps", L, split=("settings", H)),
         Place("kernels", R), Place("deltas", R, split=("kernels", V)),
         Place("loss", B), Place("distributions", B, tabify_with="loss")),
        {"settings": 321, "feature_maps": 559, "kernels": 508},
        {"feature_maps": 480, "kernels": 240, "deltas": 234, "loss": 324},
        front=("loss",)),
    Perspective(
        "backprop", QT_TRANSLATE_NOOP("Perspective", "Backprop"),
        QT_TRANSLATE_NOOP("Perspective", "Step through one sample's backpropagation: the stepper "
                          "across most of the window, the δ heatmaps of every layer beside it"),
        "Ctrl+2",
        (Place("stepper", L), Place("deltas", R)),
        {"stepper": 1080, "deltas": 310}, {}),
    Perspective(
        "draw", QT_TRANSLATE_NOOP("Perspective", "Draw"),
        QT_TRANSLATE_NOOP("Perspective", "Draw a digit: the canvas, what every layer makes of it "
                          "(the feature maps and the architecture) and the explanation"),
        "Ctrl+3",
        (Place("canvas", L), Place("explain", L, split=("canvas", V)),
         Place("feature_maps", R), Place("architecture", R, split=("feature_maps", V))),
        {"canvas": 560, "feature_maps": 834}, {"canvas": 520, "explain": 284,
                                               "feature_maps": 492, "architecture": 312}),
    Perspective(
        "evaluate", QT_TRANSLATE_NOOP("Perspective", "Evaluate"),
        QT_TRANSLATE_NOOP("Perspective", "What the network gets wrong: the confusion matrix and "
                          "its gallery, the data explorer, the robustness curves and the feature "
                          "space"), "Ctrl+4",
        (Place("confusion", L), Place("explorer", L, split=("confusion", V)),
         Place("feature_space", R), Place("robustness", R, split=("feature_space", V))),
        {"confusion": 700, "feature_space": 694},
        {"confusion": 421, "explorer": 383, "feature_space": 421, "robustness": 383}),
    Perspective(
        "learn", QT_TRANSLATE_NOOP("Perspective", "Learn"),
        QT_TRANSLATE_NOOP("Perspective", "Follow a lab: the Labs dock leads through the course "
                          "step by step, beside the panels its steps are about"), "Ctrl+5",
        (Place("labs", L), Place("architecture", R), Place("stepper", R, tabify_with="architecture"),
         Place("canvas", R, tabify_with="architecture"),
         Place("confusion", R, tabify_with="architecture"),
         Place("loss", R, tabify_with="architecture"),
         Place("settings", R, tabify_with="architecture")),
        {"labs": 470, "architecture": 924}, {}, front=("architecture",)),
)


def perspective(name: str) -> Perspective:
    return next(p for p in PERSPECTIVES if p.name == name)


class Perspectives(QObject):
    """The perspectives: their actions, menu and toolbar label (the window's actions put them
    in the View menu and the toolbar), switching, and each one's memory. It is handed the
    window (whose dock state it saves and restores), the dock host, the settings (None: not
    persisted) and the status line."""

    def __init__(self, window: QMainWindow, docks: DockHost, settings: QSettings | None,
                 status: StatusLine) -> None:
        super().__init__(window)
        self._window = window
        self._docks = docks
        self._settings = settings
        self._status = status
        self._current: str | None = None  # None: the general layout (no perspective)
        self.menu = QMenu(window)
        self.menu.setObjectName("perspective_menu")
        group = QActionGroup(self)
        self.actions: dict[str, QAction] = {}
        for p in PERSPECTIVES:
            a = QAction(window, checkable=True, objectName=f"perspective_{p.name}")
            a.setShortcut(QKeySequence(p.shortcut))
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            a.setData(p.name)
            a.triggered.connect(self._on_perspective_action)
            group.addAction(a)
            self.menu.addAction(a)
            self.actions[p.name] = a
        self.menu.addSeparator()
        self.reset_action = QAction(window, objectName="reset_perspective")
        self.reset_action.triggered.connect(self.reset_perspective)
        self.menu.addAction(self.reset_action)
        self.label = QLabel()

    @property
    def current(self) -> str | None:
        """The perspective shown; None: the general layout."""
        return self._current

    def retranslate(self) -> None:
        self.menu.setTitle(translate("Perspective", "&Perspective"))
        self.label.setText(translate("Perspective", " Perspective: "))
        self.label.setToolTip(translate("Perspective", "Arrange the window for one job "
                                        "(Ctrl+1 … Ctrl+5)"))
        for p in PERSPECTIVES:
            a = self.actions[p.name]
            a.setText(translate("Perspective", p.title))
            tip = f"{translate('Perspective', p.tip)} ({p.shortcut})"
            a.setToolTip(tip)
            a.setStatusTip(tip)
            a.setWhatsThis(translate("Perspective", "Arrange the window for one job: only this "
                                     "job's panels, at sizes chosen for it. Your own changes "
                                     "(panels moved, resized or closed) are remembered for "
                                     "this perspective; “Reset this perspective” brings back "
                                     "its default."))
        self.reset_action.setText(translate("Perspective", "Reset this perspective"))
        self.reset_action.setToolTip(translate(
            "Perspective", "Forget your changes to the current perspective and show its default"))
        self.reset_action.setWhatsThis(translate(
            "Perspective", "Forget how you rearranged the current perspective (panels moved, "
            "resized or closed) and show its default arrangement again."))
        jobs = translate("Perspective", "The five perspectives, one for each job of the studio: "
                         "Train (curves, feature maps, kernels, δ), Backprop (the stepper across "
                         "the window), Draw (the canvas and what each layer makes of the drawing), "
                         "Evaluate (confusion matrix, gallery, robustness, embedding) and Learn "
                         "(a lab, step by step, beside the panels it is about); Ctrl+1 … Ctrl+5.")
        self.menu.menuAction().setWhatsThis(jobs)
        self.label.setWhatsThis(jobs)

    @Slot()
    def _on_perspective_action(self) -> None:
        self.set_perspective(self.sender().data())

    def set_perspective(self, name: str) -> bool:
        """Leave the current perspective (saving its state), then show `name`: the user's own
        version if one is saved and valid, else its default. Returns whether the saved state
        was used."""
        if name == self._current:
            self._sync_actions()
            return False
        self.save()
        self._current = name
        restored = self._restore(name)
        if not restored:
            self.apply_default(name)
        self._remember_current()
        self._sync_actions()
        return restored

    def _key(self, name: str) -> str:
        return f"perspectives/{name}/state"

    def save(self) -> None:
        """The current perspective's dock state, as the user left it."""
        if self._settings is None or self._current is None:
            return
        version = layout_version()
        self._settings.setValue("perspectives/version", version)
        save_state(self._settings, self._key(self._current), self._window.saveState(version))
        self._settings.sync()

    def _restore(self, name: str) -> bool:
        if self._settings is None:
            return False
        version = saved_int(self._settings, "perspectives/version")
        state = saved_state(self._settings, self._key(name))
        if version != layout_version() or state is None:
            return False
        if not self._window.restoreState(state, version):
            return False
        self._docks.forget_pending_sizes()  # the user's sizes stand
        return True

    def _remember_current(self) -> None:
        if self._settings is not None:
            self._settings.setValue("perspectives/current", self._current or "")
            self._settings.sync()

    def restore_current(self) -> None:
        """At start: which perspective the saved layout belongs to (the layout itself is
        restored by the dock host)."""
        if self._settings is None:
            return
        name = self._settings.value("perspectives/current", "")
        self._current = name if isinstance(name, str) and name in self.actions else None
        self._sync_actions()

    def _sync_actions(self) -> None:
        for name, a in self.actions.items():
            a.setChecked(name == self._current)
        self.reset_action.setEnabled(self._current is not None)

    def apply_default(self, name: str) -> None:
        """Exactly the perspective's docks, docked, in their default places and sizes; every
        other dock hidden (kept in the layout, so a saved state records it as hidden)."""
        p = perspective(name)
        w, docks = self._window, self._docks.docks
        for dock in docks.values():
            dock.hide()  # first: removing a shown tab left its tab bar painted behind
        for dock in docks.values():
            dock.setFloating(False)
            w.removeDockWidget(dock)
        placed = []
        for place in p.places:
            dock = docks.get(place.dock)
            if dock is None:
                continue
            w.addDockWidget(place.area, dock)
            if place.split and place.split[0] in placed:
                w.splitDockWidget(docks[place.split[0]], dock, place.split[1])
            elif place.tabify_with and place.tabify_with in placed:
                w.tabifyDockWidget(docks[place.tabify_with], dock)
            dock.show()
            placed.append(place.dock)
        for dname, dock in docks.items():
            if dname not in placed:
                w.addDockWidget(R, dock)
                dock.hide()
        for front in p.front:
            if front in docks:
                docks[front].raise_()
        self._docks.share_out(p.widths, p.heights)

    @Slot()
    def reset_layout(self) -> None:
        """The general layout (every dock): the current perspective is kept as the user left
        it, and none is current any more."""
        self.save()
        self._current = None
        self._remember_current()
        self._sync_actions()
        self._docks.reset_layout()

    @Slot()
    def reset_perspective(self) -> None:
        """The current perspective's default, and its saved version forgotten."""
        name = self._current
        if name is None:
            self.reset_layout()
            return
        if self._settings is not None:
            self._settings.remove(self._key(name))
            self._settings.sync()
        self.apply_default(name)
        self._status.note(translate("Perspective", "Perspective reset"), 3000)
