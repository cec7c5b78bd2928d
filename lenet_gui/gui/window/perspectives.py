"""Perspectives: one click (View → Perspective, Ctrl+1…Ctrl+4) arranges the window for one job
of the product — Train, Backprop, Draw, Evaluate — showing exactly that job's docks at sizes
given for a 1400×900 window and scaled to the real one. What the user then changes (a dock
moved, resized, closed) is that perspective's own: its dock state is saved when the window
leaves it (and on close) under `perspectives/<name>/state`, versioned as the dock layout is,
and restored when the user comes back; a state of another version, or one restoreState refuses,
falls back to the perspective's default. "Reset this perspective" forgets the user's version."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QCoreApplication, Qt, Slot
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu

from ..panels.registry import layout_version

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
)


def perspective(name: str) -> Perspective:
    return next(p for p in PERSPECTIVES if p.name == name)


class PerspectivesMixin:
    """The MainWindow's perspectives: actions, menu, switching, per-perspective memory."""

    current_perspective: str | None = None  # None: the general layout (no perspective)

    def _build_perspectives(self) -> None:
        self.perspective_menu = QMenu(self)
        self.perspective_menu.setObjectName("perspective_menu")
        group = QActionGroup(self)
        self.perspective_actions: dict[str, QAction] = {}
        for p in PERSPECTIVES:
            a = QAction(self, checkable=True, objectName=f"perspective_{p.name}")
            a.setShortcut(QKeySequence(p.shortcut))
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            a.setData(p.name)
            a.triggered.connect(self._on_perspective_action)
            group.addAction(a)
            self.perspective_menu.addAction(a)
            self.perspective_actions[p.name] = a
        self.perspective_menu.addSeparator()
        self.reset_perspective_action = QAction(self, objectName="reset_perspective")
        self.reset_perspective_action.triggered.connect(self.reset_perspective)
        self.perspective_menu.addAction(self.reset_perspective_action)
        self.view_menu.insertMenu(self.view_menu.actions()[0] if self.view_menu.actions()
                                  else None, self.perspective_menu)
        self.view_menu.insertSeparator(self.view_menu.actions()[1])
        self.toolbar.addSeparator()
        self.perspective_label = QLabel()
        self.toolbar.addWidget(self.perspective_label)
        for p in PERSPECTIVES:
            self.toolbar.addAction(self.perspective_actions[p.name])

    def _retranslate_perspectives(self) -> None:
        self.perspective_menu.setTitle(translate("Perspective", "&Perspective"))
        self.perspective_label.setText(translate("Perspective", " Perspective: "))
        self.perspective_label.setToolTip(translate("Perspective", "Arrange the window for one job "
                                                    "(Ctrl+1 … Ctrl+4)"))
        for p in PERSPECTIVES:
            a = self.perspective_actions[p.name]
            a.setText(translate("Perspective", p.title))
            tip = f"{translate('Perspective', p.tip)} ({p.shortcut})"
            a.setToolTip(tip)
            a.setStatusTip(tip)
            a.setWhatsThis(translate("Perspective", "Arrange the window for one job: only this "
                                     "job's panels, at sizes chosen for it. Your own changes "
                                     "(panels moved, resized or closed) are remembered for "
                                     "this perspective; “Reset this perspective” brings back "
                                     "its default."))
        self.reset_perspective_action.setText(translate("Perspective", "Reset this perspective"))
        self.reset_perspective_action.setToolTip(translate(
            "Perspective", "Forget your changes to the current perspective and show its default"))
        self.reset_perspective_action.setWhatsThis(translate(
            "Perspective", "Forget how you rearranged the current perspective (panels moved, "
            "resized or closed) and show its default arrangement again."))
        jobs = translate("Perspective", "The four perspectives, one for each job of the studio: "
                         "Train (curves, feature maps, kernels, δ), Backprop (the stepper across "
                         "the window), Draw (the canvas and what each layer makes of the drawing) "
                         "and Evaluate (confusion matrix, gallery, robustness, embedding); "
                         "Ctrl+1 … Ctrl+4.")
        self.perspective_menu.menuAction().setWhatsThis(jobs)
        self.perspective_label.setWhatsThis(jobs)

    @Slot()
    def _on_perspective_action(self) -> None:
        self.set_perspective(self.sender().data())

    def set_perspective(self, name: str) -> bool:
        """Leave the current perspective (saving its state), then show `name`: the user's own
        version if one is saved and valid, else its default. Returns whether the saved state
        was used."""
        if name == self.current_perspective:
            self._sync_perspective_actions()
            return False
        self.save_perspective()
        self.current_perspective = name
        restored = self._restore_perspective(name)
        if not restored:
            self.apply_perspective_default(name)
        self._remember_current_perspective()
        self._sync_perspective_actions()
        return restored

    def _key(self, name: str) -> str:
        return f"perspectives/{name}/state"

    def save_perspective(self) -> None:
        """The current perspective's dock state, as the user left it."""
        if self.settings is None or self.current_perspective is None:
            return
        self.settings.setValue("perspectives/version", layout_version())
        self.settings.setValue(self._key(self.current_perspective), self.saveState(layout_version()))
        self.settings.sync()

    def _restore_perspective(self, name: str) -> bool:
        if self.settings is None:
            return False
        try:
            version = int(self.settings.value("perspectives/version", -1))
        except (TypeError, ValueError):
            version = -1
        state = self.settings.value(self._key(name))
        if version != layout_version() or not isinstance(state, (QByteArray, bytes)) or not state:
            return False
        if not self.restoreState(QByteArray(state), version):
            return False
        self.forget_pending_sizes()  # the user's sizes stand
        return True

    def _remember_current_perspective(self) -> None:
        if self.settings is not None:
            self.settings.setValue("perspectives/current", self.current_perspective or "")
            self.settings.sync()

    def restore_current_perspective(self) -> None:
        """At start: which perspective the saved layout belongs to (the layout itself is
        restored by restore_layout)."""
        if self.settings is None:
            return
        name = self.settings.value("perspectives/current", "")
        self.current_perspective = name if name in self.perspective_actions else None
        self._sync_perspective_actions()

    def _sync_perspective_actions(self) -> None:
        for name, a in self.perspective_actions.items():
            a.setChecked(name == self.current_perspective)
        self.reset_perspective_action.setEnabled(self.current_perspective is not None)

    def apply_perspective_default(self, name: str) -> None:
        """Exactly the perspective's docks, docked, in their default places and sizes; every
        other dock hidden (kept in the layout, so a saved state records it as hidden)."""
        p = perspective(name)
        for dock in self.docks.values():
            dock.hide()  # first: removing a shown tab left its tab bar painted behind
        for dock in self.docks.values():
            dock.setFloating(False)
            self.removeDockWidget(dock)
        placed = []
        for place in p.places:
            dock = self.docks.get(place.dock)
            if dock is None:
                continue
            self.addDockWidget(place.area, dock)
            if place.split and place.split[0] in placed:
                self.splitDockWidget(self.docks[place.split[0]], dock, place.split[1])
            elif place.tabify_with and place.tabify_with in placed:
                self.tabifyDockWidget(self.docks[place.tabify_with], dock)
            dock.show()
            placed.append(place.dock)
        for dname, dock in self.docks.items():
            if dname not in placed:
                self.addDockWidget(R, dock)
                dock.hide()
        for front in p.front:
            if front in self.docks:
                self.docks[front].raise_()
        self.share_out(p.widths, p.heights)

    @Slot()
    def reset_layout(self) -> None:
        """The general layout (every dock): the current perspective is kept as the user left
        it, and none is current any more."""
        self.save_perspective()
        self.current_perspective = None
        self._remember_current_perspective()
        self._sync_perspective_actions()
        super().reset_layout()

    @Slot()
    def reset_perspective(self) -> None:
        """The current perspective's default, and its saved version forgotten."""
        name = self.current_perspective
        if name is None:
            self.reset_layout()
            return
        if self.settings is not None:
            self.settings.remove(self._key(name))
            self.settings.sync()
        self.apply_perspective_default(name)
        self.statusBar().showMessage(translate("Perspective", "Perspective reset"), 3000)
