"""PANELS: every panel of the window, in the order of the View menu and of the default layout.
A panel describes itself on its class (panels/_base.py); this list is the only other place that
names it. The window's docks, the View, Export and Help menus, the timeline export, and the
version of the saved dock layout are all made from it.

To add a panel: write its file, then add one line below (after the panels its default_place
names). The layout version follows the names and places, so a window of the new version
starts from the default layout instead of restoring a saved one that lacks the panel."""

from __future__ import annotations

import zlib

from lenet_gui.gui.help import PanelHelp
from lenet_gui.gui.panels._base import AREAS, PLACES, Panel
from lenet_gui.gui.panels.architecture import ArchitecturePanel
from lenet_gui.gui.panels.canvas import CanvasPanel
from lenet_gui.gui.panels.confusion import ConfusionPanel
from lenet_gui.gui.panels.deltas import DeltasPanel
from lenet_gui.gui.panels.distributions import DistributionsPanel
from lenet_gui.gui.panels.explain import ExplainPanel
from lenet_gui.gui.panels.explorer import DataExplorerPanel
from lenet_gui.gui.panels.feature_maps import FeatureMapsPanel
from lenet_gui.gui.panels.feature_space import FeatureSpacePanel
from lenet_gui.gui.panels.finetune import FineTunePanel
from lenet_gui.gui.panels.kernels import KernelsPanel
from lenet_gui.gui.panels.labs import LabsPanel
from lenet_gui.gui.panels.loss import LossPanel
from lenet_gui.gui.panels.robustness import RobustnessPanel
from lenet_gui.gui.panels.runs import RunsPanel
from lenet_gui.gui.panels.settings import SettingsPanel
from lenet_gui.gui.panels.stepper import StepperPanel

PANELS: list[type[Panel]] = [
    SettingsPanel,
    FeatureMapsPanel,
    KernelsPanel,
    DeltasPanel,
    LossPanel,
    CanvasPanel,
    ArchitecturePanel,
    StepperPanel,
    ExplainPanel,
    ConfusionPanel,
    DataExplorerPanel,
    RobustnessPanel,
    FeatureSpacePanel,
    RunsPanel,
    DistributionsPanel,
    FineTunePanel,
    LabsPanel,
]


def check(cls: type[Panel], before: list[type[Panel]]) -> None:
    """Raise ValueError unless `cls` describes itself fully and its default place names one
    of the panels `before` it."""
    where = cls.__name__
    if not cls.name or not cls.title or not isinstance(cls.help, PanelHelp):
        raise ValueError(f"{where} declares no name, title or help (a PanelHelp)")
    if any(p.name == cls.name for p in before):
        raise ValueError(f"{where}: a panel named {cls.name!r} is registered already")
    if cls.default_area not in AREAS:
        raise ValueError(f"{where}: default_area {cls.default_area!r} is not one of {AREAS}")
    if cls.default_place is not None:
        how, other = cls.default_place
        if how not in PLACES or other not in {p.name for p in before}:
            raise ValueError(f"{where}: default_place {cls.default_place!r} names no earlier "
                             f"panel (or not one of {PLACES})")


def register(cls: type[Panel]) -> type[Panel]:
    """Add `cls` to PANELS (last); windows built afterwards have its dock. Returns `cls`, so
    it can decorate the class."""
    check(cls, PANELS)
    PANELS.append(cls)
    return cls


def panel_class(name: str) -> type[Panel]:
    for cls in PANELS:
        if cls.name == name:
            return cls
    raise LookupError(f"no panel {name!r}; choose one of {', '.join(names())}")


def names() -> list[str]:
    return [cls.name for cls in PANELS]


def layout_version() -> int:
    """The version under which dock layouts are saved: made from every panel's name and default
    place, so that adding, removing, renaming or moving a panel changes it. A layout saved
    under another version is not restored: the window starts from the default layout, where
    the new or moved panel has its place."""
    places = ";".join(f"{c.name}:{c.default_area}:{c.default_place}" for c in PANELS)
    return zlib.crc32(places.encode()) & 0x3FFF_FFFF  # positive, well inside Qt's int


def _check_all() -> None:
    for i, cls in enumerate(PANELS):
        check(cls, PANELS[:i])


_check_all()
