"""The backprop stepper: one sample's backward pass, formula by formula, in the course's
order (panel.py), with its step strip (diagram.py), its widgets (ui.py, widgets.py), what a
step shows (display.py) and where its maps go (layout.py)."""

from lenet_gui.gui.panels.stepper.display import translate_msg
from lenet_gui.gui.panels.stepper.panel import StepperPanel

__all__ = ["StepperPanel", "translate_msg"]
