"""What a lab's task checks in the window: the conditions of its action tasks (does the window
show the state the step asks for?) and the quantities of its number and predict tasks (what
is the number now?). Each entry of the lab vocabulary (lenet_gui/labs/vocabulary.py) is one
function here; `tests/gui/test_labs_vocabulary.py` holds the two lists equal.

They read the window through a `LabContext`, which asks only what a student could see: the
current perspective, which docks are on screen, the stepper's step and selected tile, the
confusion matrix's open cell, the canvas's answer, the Explain panel's targeted change, the
training's history and settings. A panel never built counts as showing nothing."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from lenet_gui.explain.walk import BackpropWalk
from lenet_gui.labs import Quantity
from lenet_gui.labs.vocabulary import QUANTITIES
from lenet_gui.model import LeNet5
from lenet_gui.model.options import ACTIVATION, C3, F7, LAYERS, POOLING

# the stepper's steps that a lab names by layer (the walk's step ids)
WHERE = ("any", "delta_zero", "delta_nonzero", "max")
DEFAULT_ALPHA = 0.01  # the stepper's α until the student changes it
# settings a lab may name (lenet_gui/labs/vocabulary.py SETTINGS): the model's, by their
# command-line words, and the training's (TrainConfig fields)
MODEL_SETTINGS = {"activation": ACTIVATION, "pooling": POOLING, "c3": C3, "f7": F7}
TRAIN_SETTINGS = ("learning_rate", "momentum", "batch_size", "seed", "warmup_batches",
                  "schedule")


class LabContext:
    """The window as a lab sees it. `window` is a MainWindow (duck-typed: its `state`,
    `perspectives`, `dock_host` and `training_session`), so this module needs nothing above
    the panels."""

    def __init__(self, window) -> None:
        self.window = window
        self.state = window.state

    # --------------------------------------------------------------- the window's parts
    @property
    def perspective(self) -> str | None:
        return self.window.perspectives.current

    def dock(self, name: str):
        return self.window.dock_host.docks.get(name)

    def built(self, name: str):
        """The panel of dock `name` if it was ever built (else None: it shows nothing)."""
        dock = self.dock(name)
        if dock is None:
            return None
        from lenet_gui.gui.panels._base import Panel

        w = dock.widget()
        return w if isinstance(w, Panel) else None

    def panel(self, name: str):
        """The panel of dock `name`, built now if needed (moves only)."""
        return self.window.dock_host.panel(name)

    def on_screen(self, name: str) -> bool:
        """The dock is shown and in front (a tab behind another is not on screen)."""
        dock = self.dock(name)
        return dock is not None and dock.isVisible() and not dock.visibleRegion().isEmpty()

    def history_batches(self) -> int:
        return int(self.state.history.n_batches)


# ------------------------------------------------------------------------ conditions

def perspective_is(ctx: LabContext, name: str) -> bool:
    return ctx.perspective == name


def panel_visible(ctx: LabContext, panel: str) -> bool:
    return ctx.on_screen(panel)


def _stepper_step(ctx: LabContext):
    p = ctx.built("stepper")
    if p is None or p.walk is None:
        return None
    return p.step


def stepper_at(ctx: LabContext, layer: str) -> bool:
    step = _stepper_step(ctx)
    return step is not None and step.id == layer and ctx.on_screen("stepper")


def _where_holds(where: str, array: np.ndarray, index: tuple) -> bool:
    v = float(array[index])
    if where == "any":
        return True
    if where == "delta_zero":
        return v == 0.0
    if where == "delta_nonzero":
        return v != 0.0
    if where == "max":
        return abs(v) > 0 and abs(v) == float(np.abs(array).max())
    raise ValueError(f"where must be one of {', '.join(WHERE)}, got {where!r}")


def tile_clicked(ctx: LabContext, panel: str, layer: str, where: str = "any") -> bool:
    """A tile of a δ of `layer` was clicked in the stepper (its terms are listed), and its
    value is of the kind `where` asks for."""
    if panel != "stepper":
        raise ValueError(f"tile_clicked knows the stepper's tiles, not {panel!r}'s")
    p = ctx.built("stepper")
    step = _stepper_step(ctx)
    if step is None or step.id != layer or p.selected is None:
        return False
    q, index = p.selected
    if not q.key.startswith("delta_") or q not in step.quantities:
        return False
    return _where_holds(where, np.asarray(q.array), index)


def confusion_cell_open(ctx: LabContext, true: int, predicted: int) -> bool:
    p = ctx.built("confusion")
    return (p is not None and p.result is not None and p.cell == (int(true), int(predicted))
            and ctx.on_screen("confusion"))


def _canvas_answer(ctx: LabContext) -> int | None:
    p = ctx.built("canvas")
    if p is None or p.probs is None or p.area.is_empty():
        return None
    return int(np.argmax(p.probs))


def canvas_prediction(ctx: LabContext, label: int | None = None, wrong: bool = False,
                      digit: int | None = None) -> bool:
    """The canvas holds a drawing of `label` (the digit the step asks the student to draw)
    and the network says `digit`, or (wrong) anything but `label`. Without a label, the
    drawing is the canvas's own test image, whose label the last draw_test_image move
    noted (a student's free drawing has no label the window could know)."""
    answer = _canvas_answer(ctx)
    if answer is None:
        return False
    if label is None:
        label = getattr(ctx.built("canvas"), "lab_label", None)
        if label is None:
            return False
    if wrong and answer == int(label):
        return False
    return digit is None or answer == int(digit)


def canvas_adversarial(ctx: LabContext, label: int, target: int, max_eps: float) -> bool:
    """The Explain panel's Fool-it section shows a targeted change of the probe (a drawing the
    canvas reads as `label`, or a test image of `label`) that the network reads as `target`,
    with ε ≤ max_eps."""
    p = ctx.built("explain")
    probe = ctx.state.probe
    if p is None or probe is None:
        return False
    if probe.label is None:  # a drawing: the canvas must read it as `label`
        if probe.source != "drawing" or _canvas_answer(ctx) != int(label):
            return False
    elif probe.label != int(label):
        return False
    fool = getattr(p, "fool", None)
    if fool is None or not fool.target_check.isChecked() or fool.target_combo.value() != target:
        return False
    r = fool.target_result
    if r is None or r[2] is None or r[0][1] is not probe:
        return False
    _key, _adv, eps, y = r
    return int(np.argmax(y)) == int(target) and eps <= float(max_eps) + 1e-9


def probe_is(ctx: LabContext, index: int) -> bool:
    """The probe (the sample the panels follow) is test image `index`."""
    p = ctx.state.probe
    return p is not None and p.source.startswith("test") and p.index == int(index)


def _run_config(ctx: LabContext):
    snap = ctx.state.snapshot
    return None if snap is None else snap.config


def trained(ctx: LabContext, min_batches: int, activation: str | None = None,
            pooling: str | None = None, f7: bool | None = None) -> bool:
    """The current run has trained at least `min_batches` batches with this model."""
    config, run = _run_config(ctx), ctx.state.run
    if config is None or run is None or run.read_only:
        return False
    if activation is not None and config.activation != activation:
        return False
    if pooling is not None and config.pooling != pooling:
        return False
    if f7 is not None and bool(config.f7_activation) != bool(f7):
        return False
    return ctx.history_batches() >= int(min_batches)


def accuracy_reached(ctx: LabContext, target: float, within_batches: int) -> bool:
    """A test accuracy of the current run (the subset checks and the epoch's test) reached
    `target` % within its first `within_batches` batches."""
    run, h = ctx.state.run, ctx.state.history
    if run is None or run.read_only:
        return False
    for group in ("subset", "test"):
        steps, acc = h.column(group, "step"), h.column(group, "acc")
        if np.any((steps <= within_batches) & (acc >= float(target))):
            return True
    return False


def _setting(ctx: LabContext, key: str):
    """A setting's value as the lab writes it: a model option by its word ("sigmoid",
    "table", "on"), a training option as TrainConfig holds it."""
    if key in MODEL_SETTINGS:
        config = _run_config(ctx)
        choice = MODEL_SETTINGS[key]
        return None if config is None else choice[getattr(config, choice.field)].word
    if key in TRAIN_SETTINGS:
        return getattr(ctx.state.train_config, key)
    raise ValueError(f"no setting {key!r}; choose one of "
                     f"{', '.join((*MODEL_SETTINGS, *TRAIN_SETTINGS))}")


def setting_is(ctx: LabContext, key: str, value) -> bool:
    now = _setting(ctx, key)
    if isinstance(now, float) or isinstance(value, float):
        try:
            return math.isclose(float(now), float(value), rel_tol=1e-6, abs_tol=1e-12)
        except (TypeError, ValueError):
            return False
    return now == value


CONDITIONS: dict[str, Callable[..., bool]] = {
    "perspective_is": perspective_is,
    "panel_visible": panel_visible,
    "stepper_at": stepper_at,
    "tile_clicked": tile_clicked,
    "confusion_cell_open": confusion_cell_open,
    "canvas_prediction": canvas_prediction,
    "canvas_adversarial": canvas_adversarial,
    "trained": trained,
    "accuracy_reached": accuracy_reached,
    "setting_is": setting_is,
    "probe_is": probe_is,
}


def holds(ctx: LabContext, name: str, args: dict | None = None) -> bool:
    """Whether condition `name` holds now; a condition that cannot be judged yet is False."""
    return bool(CONDITIONS[name](ctx, **(args or {})))


# ------------------------------------------------------------------------ quantities

class UnavailableError(LookupError):
    """The quantity has no value yet (no probe, no walk, no training): the message says what
    the student should do first."""


def _trace(ctx: LabContext):
    t = ctx.state.trace
    if t is None or not ctx.state.trace_current:
        raise UnavailableError("the probe sample has no trace yet")
    return t


def _counts(ctx: LabContext) -> dict:
    config = _run_config(ctx)
    if config is None:
        raise UnavailableError("no network yet")
    return LeNet5(config).layer_counts()


def _history_value(ctx: LabContext, name: str) -> float:
    h = ctx.state.history
    if name == "train.batches":
        return float(ctx.history_batches())
    if name == "train.last_J":
        losses = h.column("batch", "loss")
        if losses.size == 0:
            raise UnavailableError("nothing trained yet")
        return float(losses[-1])
    # train.accuracy: the last measured test accuracy (the epoch's test, else the subset's)
    for group in ("test", "subset"):
        acc = h.column(group, "acc")
        if acc.size:
            return float(acc[-1])
    if ctx.state.test_accuracy is not None:
        return float(ctx.state.test_accuracy) * 100
    raise UnavailableError("no test accuracy measured yet")


def _array(ctx: LabContext, name: str) -> np.ndarray | float:
    """The whole value (array or scalar) that quantity `name` indexes."""
    head, _, rest = name.partition(".")
    if head == "probe":
        t = _trace(ctx)
        if rest == "label":
            return float(t.label)
        if rest == "predicted":
            return float(t.predicted)
        if rest == "J":
            return float(t.J)
        if rest == "J_after":  # one update θ := θ − α·δ(θ) on the probe, the stepper's α
            stepper = ctx.built("stepper")
            alpha = stepper.alpha_spin.value() if stepper is not None else DEFAULT_ALPHA
            walk = BackpropWalk(t.snapshot.to_net(), t.probe.x, t.label, alpha,
                                trace=t.trace, grads=t.grads)
            return float(walk.update(alpha).J_after)
        if rest.startswith("delta_"):
            key = rest.removeprefix("delta_")
            g = t.grads.get(rest, t.grads.get(key))
            if g is None:
                raise UnavailableError(f"the trace has no {rest}")
            return np.asarray(g)[0] if rest in t.grads else np.asarray(g)
        return np.asarray(t.trace[rest])[0]
    if head == "net":
        if rest == "params.total":
            return float(sum(c.params for c in _counts(ctx).values()))
        kind, _, layer = rest.partition(".")
        if kind in ("params", "connections"):
            c = _counts(ctx)[layer]
            return float(c.params if kind == "params" else c.connections)
        snap = ctx.state.snapshot
        if snap is None or rest not in snap.params:
            raise UnavailableError(f"the network has no {rest}")
        return np.asarray(snap.params[rest])
    if head == "train":
        return _history_value(ctx, name)
    raise ValueError(f"no quantity {name!r}")


def quantity(ctx: LabContext, q: Quantity) -> float:
    """The value of a lab's quantity (e.g. probe.delta_f7[3], net.params.c3) now, its index
    words ("label", "predicted") read from the probe's trace; UnavailableError if it has none yet."""
    if q.name not in QUANTITIES:
        raise ValueError(f"no quantity {q.name!r} in the lab vocabulary")
    value = _array(ctx, q.name)
    if not q.indices:
        return float(np.asarray(value).reshape(-1)[0]) if np.ndim(value) else float(value)
    index = tuple(int(_trace(ctx).label if i == "label" else _trace(ctx).predicted
                      if i == "predicted" else i) for i in q.indices)
    return float(np.asarray(value)[index])


# The quantity names this module computes (each of the vocabulary's QUANTITIES).
def computes(name: str) -> bool:
    head, _, rest = name.partition(".")
    if head == "probe":
        if rest.startswith("delta_"):
            base = rest.removeprefix("delta_")
            return (base in TRACE_KEYS and base != "y") or base in PARAM_KEYS
        return rest in ("label", "predicted", "J", "J_after") or rest in TRACE_KEYS
    if head == "net":
        kind, _, layer = rest.partition(".")
        return rest == "params.total" or (kind in ("params", "connections") and layer in LAYERS) \
            or rest in PARAM_KEYS
    return name in ("train.batches", "train.last_J", "train.accuracy")


TRACE_KEYS = ("x", "u_c1", "c1", "s2", "u_c3", "c3", "s4", "u_c5", "c5", "u_f6", "f6", "u_f7",
              "f7", "y")
PARAM_KEYS = ("w1", "b1", "w3", "b3", "w5", "b5", "w6", "b6", "w7", "b7")
