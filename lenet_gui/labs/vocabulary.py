"""The words a lab file may use: the conditions an action task waits for, the quantities a
number task computes from the application's state, the moves that perform a reference answer,
and the settings. Pure tables: the engine validates a lab against them, the GUI implements each
entry (a test checks that every entry has an implementation and no implementation lacks one).

A parameter's type is one of:

    "str" "int" "float" "bool"   TOML's own types (an int is accepted where a float is)
    "digit"                      an int 0…9 (a class of MNIST)
    "layer"                      one of c1 s2 c3 s4 c5 f6 f7
    "position"                   a step of the backprop stepper (POSITIONS)
    "where"                      which tile: any, delta_zero, delta_nonzero, max
    "panel" "perspective"        a name the window has (checked by validate(), not by load)
    "setting"                    a key of SETTINGS
    "value"                      a str, int, float or bool (checked against the setting's type)
"""

from __future__ import annotations

from dataclasses import dataclass

from lenet_gui.model.options import ACTIVATION, C3, F7, LAYERS, POOLING

WHERE = ("any", "delta_zero", "delta_nonzero", "max")
# The backprop stepper's steps, in its order (explain/walk.py's step ids; a test keeps them
# equal): the two forward steps, δ(f7) at the softmax, each layer backwards, δ(x), the update.
POSITIONS = ("forward-features", "forward-output", "softmax", "f7", "f6", "c5", "s4", "c3", "s2",
             "c1", "input", "update")


@dataclass(frozen=True)
class Param:
    name: str
    type: str  # see the module's docstring
    required: bool = True
    doc: str = ""


@dataclass(frozen=True)
class Entry:
    params: tuple[Param, ...]
    doc: str

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


def _p(name: str, type_: str, doc: str = "", required: bool = True) -> Param:
    return Param(name, type_, required, doc)


# ----------------------------------------------------------------------------- conditions

CONDITIONS: dict[str, Entry] = {
    "perspective_is": Entry((_p("name", "perspective"),),
                            "the window shows this perspective"),
    "panel_visible": Entry((_p("panel", "panel"),),
                           "this panel's dock is open and not hidden behind another tab"),
    "probe_is": Entry((_p("index", "int", "an index of the test set"),),
                      "the probe (the sample the stepper follows) is this test image"),
    "stepper_at": Entry((_p("layer", "position"),),
                        "the backprop stepper shows this step (one of POSITIONS)"),
    "tile_clicked": Entry(
        (_p("panel", "panel"), _p("layer", "layer"),
         _p("where", "where", "any, delta_zero (an entry whose δ is 0), delta_nonzero, "
            "max (the entry of largest |δ| in its map)", required=False)),
        "the student clicked an entry of a δ map at this layer's step of the panel (the "
        "stepper), of the kind `where` (by default any)"),
    "confusion_cell_open": Entry((_p("true", "digit"), _p("predicted", "digit")),
                                 "the confusion matrix shows the images of this cell"),
    "canvas_prediction": Entry(
        (_p("wrong", "bool", "the network's answer differs from the label", required=False),
         _p("digit", "digit", "the network says this digit", required=False),
         _p("label", "digit", "the student says the drawing is this digit", required=False)),
        "the drawing canvas holds a digit whose prediction meets every given parameter"),
    "canvas_adversarial": Entry(
        (_p("label", "digit"), _p("target", "digit"), _p("max_eps", "float")),
        "a drawing of `label` that the network reads as `target`, changed by at most max_eps "
        "per pixel (the adversarial example of the Draw perspective)"),
    "trained": Entry(
        (_p("min_batches", "int", "batches trained since the network was last reset"),
         _p("activation", "str", "f of every layer, one of " + ", ".join(ACTIVATION.words),
            required=False),
         _p("pooling", "str", "one of " + ", ".join(POOLING.words), required=False),
         _p("f7", "bool", "f at F7 before the softmax", required=False)),
        "the current network was trained for at least min_batches batches with these options"),
    "accuracy_reached": Entry(
        (_p("target", "float", "test accuracy in percent"),
         _p("within_batches", "int", "at most this many batches since the network was reset")),
        "the current network reached the target accuracy within the given batches"),
    "setting_is": Entry((_p("key", "setting"), _p("value", "value")),
                        "a setting of the Settings panel has this value"),
}

# ----------------------------------------------------------------------------- moves

MOVES: dict[str, Entry] = {
    "set_perspective": Entry((_p("name", "perspective"),), "switch to this perspective"),
    "show_panel": Entry((_p("panel", "panel"),), "open and raise this panel's dock"),
    "stepper_to": Entry((_p("layer", "position"),), "step the backprop stepper to this step"),
    "click_tile": Entry((_p("panel", "panel"), _p("layer", "layer"),
                         _p("where", "where", required=False)),
                        "go to this layer's step and click an entry of a δ map that meets `where`"),
    "open_confusion_cell": Entry((_p("true", "digit"), _p("predicted", "digit")),
                                 "open this cell of the confusion matrix"),
    "set_probe": Entry((_p("index", "int", "an index of the test set"),),
                       "make this test image the probe (the sample the stepper follows)"),
    "draw_test_image": Entry((_p("index", "int", "an index of the test set"),),
                             "put this test image on the drawing canvas"),
    "draw_wrong": Entry((), "put on the canvas a test image that the network gets wrong"),
    "adversarial": Entry((_p("label", "digit"), _p("target", "digit"), _p("eps", "float")),
                         "run the adversarial search: a drawing of label read as target"),
    "set_setting": Entry((_p("key", "setting"), _p("value", "value")),
                         "change a setting (a model option starts a new network)"),
    "reset_network": Entry((), "start a new network from the current settings' seed"),
    "train": Entry((_p("batches", "int"),), "train this many batches and wait for them"),
    "train_step": Entry((), "train one batch and wait for it"),
}

# ----------------------------------------------------------------------------- settings

# key → (type, allowed values or ()); a model option's values are the command line's words
SETTINGS: dict[str, tuple[str, tuple]] = {
    "activation": ("str", ACTIVATION.words),
    "pooling": ("str", POOLING.words),
    "c3": ("str", C3.words),
    "f7": ("str", F7.words),
    "learning_rate": ("float", ()),  # α
    "momentum": ("float", ()),  # μ
    "batch_size": ("int", ()),
    "seed": ("int", ()),
    "warmup_batches": ("int", ()),
    "schedule": ("str", ("cosine", "step", "constant")),
}

# ----------------------------------------------------------------------------- quantities

# The probe's trace (one sample, N = 1 dropped): forward values and δ of each.
TRACE_SHAPES: dict[str, tuple[int, ...]] = {
    "x": (1, 32, 32), "u_c1": (6, 28, 28), "c1": (6, 28, 28), "s2": (6, 14, 14),
    "u_c3": (16, 10, 10), "c3": (16, 10, 10), "s4": (16, 5, 5), "u_c5": (120,), "c5": (120,),
    "u_f6": (84,), "f6": (84,), "u_f7": (10,), "f7": (10,), "y": (10,),
}
DELTA_KEYS = ("x", "u_c1", "c1", "s2", "u_c3", "c3", "s4", "u_c5", "c5", "u_f6", "f6", "u_f7",
              "f7")
PARAM_SHAPES: dict[str, tuple[int, ...]] = {
    "w1": (6, 1, 5, 5), "b1": (6,), "w3": (16, 6, 5, 5), "b3": (16,), "w5": (120, 16, 5, 5),
    "b5": (120,), "w6": (84, 120), "b6": (84,), "w7": (10, 84), "b7": (10,),
}


@dataclass(frozen=True)
class Quantity:
    shape: tuple[int, ...]  # the indices it takes, each 0 ≤ i < shape[k]; () for a scalar
    doc: str


def _quantities() -> dict[str, Quantity]:
    q = {
        "probe.label": Quantity((), "the probe's label (the z of δ)"),
        "probe.predicted": Quantity((), "the digit the network reads in the probe"),
        "probe.J": Quantity((), "J = −Σ z_i log y_i of the probe"),
        "probe.J_after": Quantity((), "J of the probe after one update θ := θ − α·δ(θ) on the "
                                  "probe alone, with the stepper's α (its Update step)"),
    }
    for key, shape in TRACE_SHAPES.items():
        q[f"probe.{key}"] = Quantity(shape, f"the probe's {key}, forward")
    for key in DELTA_KEYS:
        q[f"probe.delta_{key}"] = Quantity(TRACE_SHAPES[key], f"δ({key}) of the probe")
    for key, shape in PARAM_SHAPES.items():
        q[f"probe.delta_{key}"] = Quantity(shape, f"δ({key}) of the probe: ∂J/∂{key}")
        q[f"net.{key}"] = Quantity(shape, f"the network's {key}")
    for layer in LAYERS:
        q[f"net.params.{layer}"] = Quantity((), f"trainable parameters of {layer.upper()}")
        q[f"net.connections.{layer}"] = Quantity((), f"connections of {layer.upper()}")
    q["net.params.total"] = Quantity((), "trainable parameters of the whole network")
    q["train.batches"] = Quantity((), "batches trained since the network was reset")
    q["train.last_J"] = Quantity((), "the mean J of the last trained batch")
    q["train.accuracy"] = Quantity((), "the last measured test accuracy, in percent")
    return q


QUANTITIES: dict[str, Quantity] = _quantities()

# An index may also be one of these words, resolved when the quantity is computed.
SYMBOLIC_INDICES = ("label", "predicted")
