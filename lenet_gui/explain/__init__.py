"""The Qt-free explanations. The backprop walk: one sample's forward and backward laid out in
the course's order (walk), the terms of any entry (terms), float64 finite differences (check),
the formula strings (formulas) and their typesetting with mathtext (typeset). Why it said k:
saliency, gradient × input and occlusion (attribution), what a unit looks for (maximize), and
the smallest change that fools it (adversarial)."""

from lenet_gui.explain.activation_max import (
    GREY,
    UNIT_LAYERS,
    MaxResult,
    activation,
    maximize,
    maximize_all,
    maximize_units,
    n_units,
    top_images,
    unit_activations,
)
from lenet_gui.explain.adversarial import (
    attack_accuracy,
    fgsm,
    iterative_fgsm,
    targeted,
    to_input_scale,
    y_against_epsilon,
)
from lenet_gui.explain.attribution import (
    class_gradient,
    gradient_times_input,
    occlusion,
    occlusion_drops,
    occlusion_positions,
    predicted,
    saliency,
)

__all__ = ["GREY", "UNIT_LAYERS", "MaxResult", "activation", "attack_accuracy", "class_gradient",
           "fgsm", "gradient_times_input", "iterative_fgsm", "maximize", "maximize_all",
           "maximize_units", "n_units", "occlusion", "occlusion_drops", "occlusion_positions",
           "predicted", "saliency", "targeted", "to_input_scale", "top_images", "unit_activations",
           "y_against_epsilon"]
