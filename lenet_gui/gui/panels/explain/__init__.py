"""The Explain dock: saliency, occlusion, what each unit looks for, and the
smallest change that fools the network, for the probe sample. The maths is Qt-free, in
lenet_gui.explain; this package only draws it and runs it in the background."""

from lenet_gui.gui.panels.explain.panel import ExplainPanel

__all__ = ["ExplainPanel"]
