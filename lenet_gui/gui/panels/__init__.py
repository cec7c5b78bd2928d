"""The network panels of the course: feature maps (Figure 1), kernels, δ heatmaps and the
architecture with its counts and Table 1. Each takes the AppState and redraws only while
visible."""

from .architecture import ArchitecturePanel
from .deltas import DeltasPanel
from .feature_maps import FeatureMapsPanel
from .kernels import KernelsPanel

__all__ = ["ArchitecturePanel", "DeltasPanel", "FeatureMapsPanel", "KernelsPanel"]
