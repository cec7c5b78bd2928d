"""Every dock's content: one Panel (panels/_base.py) per file, the stepper a small package."""

from .architecture import ArchitecturePanel
from .canvas import CanvasPanel
from .confusion import ConfusionPanel
from .deltas import DeltasPanel
from .distributions import DistributionsPanel
from .explain import ExplainPanel
from .explorer import DataExplorerPanel
from .feature_maps import FeatureMapsPanel
from .feature_space import FeatureSpacePanel
from .kernels import KernelsPanel
from .loss import LossPanel
from .robustness import RobustnessPanel
from .runs import RunsPanel
from .settings import SettingsPanel
from .stepper import StepperPanel

__all__ = ["ArchitecturePanel", "CanvasPanel", "ConfusionPanel", "DataExplorerPanel",
           "DeltasPanel", "DistributionsPanel", "ExplainPanel", "FeatureMapsPanel", "FeatureSpacePanel",
           "KernelsPanel", "LossPanel",
           "RobustnessPanel", "RunsPanel", "SettingsPanel", "StepperPanel"]
