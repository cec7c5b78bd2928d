"""The moves of a lab's reference answers: what a student does in the window, done through the
same widgets (the perspective's action, the stepper's Next button, a mouse click on a δ tile
or a confusion cell, the settings' combo boxes, the Step action). `lab verify` performs them,
so a lab that passes there passes for a student who does the same.

Each entry of the lab vocabulary's MOVES (lenet_gui/labs/vocabulary.py) is one function
`move(ctx, **args)`; `tests/gui/test_labs_vocabulary.py` holds the two lists equal. A move
waits for what it started (an evaluation, a targeted search, training batches) and raises
MoveError with a sentence when it cannot be done."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial

import numpy as np
from PySide6.QtCore import QCoreApplication, QPoint, QPointF, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox, QMessageBox, QRadioButton

from lenet_gui.data.preprocess import normalise
from lenet_gui.gui.labs_conditions import MODEL_SETTINGS, TRAIN_SETTINGS, WHERE, LabContext
from lenet_gui.gui.widgets.heatmap import grid_shape

TIMEOUT_S = 120.0  # a move's longest wait (an evaluation of 10,000 images on a loaded machine)


class MoveError(RuntimeError):
    """A move could not be done; the message says which and why."""


def wait_until(condition: Callable[[], bool], timeout_s: float = TIMEOUT_S,
               what: str = "the window") -> None:
    """Process events until `condition()` holds; MoveError after `timeout_s`."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise MoveError(f"waited {timeout_s:.0f} s for {what}")
        QTest.qWait(10)


def _settle() -> None:
    for _ in range(3):
        QCoreApplication.processEvents()


def _click(widget, pos: QPoint | None = None) -> None:
    if not widget.isEnabled():
        raise MoveError(f"{widget.objectName() or type(widget).__name__} is disabled")
    if pos is None and isinstance(widget, (QCheckBox, QRadioButton)):
        pos = QPoint(min(8, widget.width() // 2), widget.height() // 2)  # on its box, not past its text
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     pos if pos is not None else widget.rect().center())
    _settle()


def _shown(widget) -> bool:
    return widget.isVisible() and widget.width() > 5 and widget.height() > 5


def _click_scene(view, scene_pos: QPointF) -> None:
    """A left click on a pyqtgraph view at a scene position."""
    _click(view.viewport(), view.mapFromScene(scene_pos))


# ------------------------------------------------------------------------ the window

def set_perspective(ctx: LabContext, name: str) -> None:
    action = ctx.window.perspectives.actions.get(name)
    if action is None:
        raise MoveError(f"no perspective {name!r}")
    action.trigger()
    _settle()


def show_panel(ctx: LabContext, panel: str) -> None:
    dock = ctx.dock(panel)
    if dock is None:
        raise MoveError(f"no panel {panel!r}")
    if dock.isHidden():
        dock.toggleViewAction().trigger()
    dock.raise_()
    ctx.panel(panel)
    wait_until(lambda: ctx.on_screen(panel), 10, f"the {panel} panel to show")


# ------------------------------------------------------------------------ the stepper

def _stepper(ctx: LabContext):
    show_panel(ctx, "stepper")
    p = ctx.panel("stepper")
    wait_until(lambda: p.walk is not None, what="the stepper's walk")
    return p


def stepper_to(ctx: LabContext, layer: str) -> None:
    """Click Next (or Back) until the stepper shows `layer`'s step."""
    p = _stepper(ctx)
    ids = [s.id for s in p.walk.steps]
    if layer not in ids:
        raise MoveError(f"the stepper has no step {layer!r}")
    target = ids.index(layer)
    for _ in range(len(ids)):
        if p.current == target:
            return
        _click(p.next_button if p.current < target else p.prev_button)
    raise MoveError(f"the stepper did not reach {layer!r}")


def _tile_of(q, where: str, values: np.ndarray) -> tuple[int, int, int] | None:
    """(tile, row, col) of the first entry of quantity q that is of kind `where`."""
    n, h, w = q.maps.shape
    a = np.asarray(q.array)
    best = float(np.abs(a).max()) if a.size else 0.0
    for tile in range(n):
        for row in range(h):
            for col in range(w):
                try:
                    index = q.locate(tile, row, col)
                    v = float(a[index])
                except (IndexError, ValueError):
                    continue
                if (where == "any" or (where == "delta_zero" and v == 0.0)
                        or (where == "delta_nonzero" and v != 0.0)
                        or (where == "max" and v != 0.0 and abs(v) == best)):
                    return tile, row, col
    return None


def click_tile(ctx: LabContext, panel: str, layer: str, where: str = "any") -> None:
    """Go to `layer`'s step and click, with the mouse, a tile of one of its δ maps whose value
    is of the kind `where`."""
    if panel != "stepper":
        raise MoveError(f"click_tile clicks the stepper's tiles, not {panel!r}'s")
    if where not in WHERE:
        raise MoveError(f"where must be one of {', '.join(WHERE)}")
    stepper_to(ctx, layer)
    p = ctx.panel("stepper")
    for q, view in p.views:
        if not q.key.startswith("delta_"):
            continue
        hit = _tile_of(q, where, q.maps)
        if hit is None:
            continue
        tile, row, col = hit
        wait_until(partial(_shown, view), 10, "the δ map to show")
        n, h, w = q.maps.shape
        _, cols = grid_shape(n, view.cols)
        r, c = divmod(tile, cols)
        g = view.gap
        scene = view.image.mapToScene(QPointF(c * (w + g) + col + 0.5, r * (h + g) + row + 0.5))
        _click_scene(view, scene)
        if p.selected is not None and p.selected[0] is q:
            return
        raise MoveError(f"the click on {q.key} tile {tile} ({row}, {col}) selected nothing")
    raise MoveError(f"no δ of {layer} has a tile of kind {where!r}")


# ------------------------------------------------------------------------ evaluation

def open_confusion_cell(ctx: LabContext, true: int, predicted: int) -> None:
    show_panel(ctx, "confusion")
    p = ctx.panel("confusion")
    if p.result is None and not p.busy:
        _click(p.evaluate_button)
    wait_until(lambda: p.result is not None and not p.busy, what="the confusion matrix")
    wait_until(lambda: p.plot.isVisible() and p.plot.width() > 50, 10, "the matrix to show")
    _click_scene(p.plot, p.cell_centre(int(true), int(predicted)))
    if p.cell != (int(true), int(predicted)):
        raise MoveError(f"the click did not open cell {true} → {predicted}")


# ------------------------------------------------------------------------ the canvas

def _canvas(ctx: LabContext):
    show_panel(ctx, "canvas")
    return ctx.panel("canvas")


def _test_ink(ctx: LabContext, index: int) -> np.ndarray:
    data = ctx.state.data
    if data is None:
        raise MoveError("no data loaded")
    return np.asarray(data.test_images[int(index)], np.float32) / 255.0


def draw_test_image(ctx: LabContext, index: int) -> None:
    """Put test image `index` on the canvas, as its Load button puts a picture."""
    p = _canvas(ctx)
    p.area.set_pixels(_test_ink(ctx, index))
    _settle()
    if p.probs is None:
        raise MoveError("the canvas gave no answer (no weights?)")


def _candidates(ctx: LabContext, label: int | None, wrong: bool) -> np.ndarray:
    """Test images of `label` (any label if None), those the canvas's network gets wrong
    first when `wrong`, else those it gets right."""
    p = _canvas(ctx)
    data, net = ctx.state.data, p.model_net()
    if data is None or net is None:
        raise MoveError("no data or no weights")
    idx = np.arange(len(data.test_labels)) if label is None else \
        np.flatnonzero(data.test_labels == int(label))
    idx = idx[:2000]
    pred = np.concatenate([np.argmax(net.forward(normalise(data.test_images[idx[i:i + 250]]))["y"],
                                     axis=1) for i in range(0, len(idx), 250)])
    ok = pred == data.test_labels[idx]
    return idx[~ok] if wrong else idx[ok]


def draw_wrong(ctx: LabContext, **condition) -> None:
    """Draw (put on the canvas) a test image that the canvas's network reads as another digit:
    of the digit the step's condition names (`label`), if it names one."""
    label = condition.get("label")
    p = _canvas(ctx)
    for i in _candidates(ctx, label, wrong=True)[:200]:
        draw_test_image(ctx, int(i))
        if p.probs is not None and int(np.argmax(p.probs)) != int(ctx.state.data.test_labels[i]):
            return
    raise MoveError(f"found no test image of {label} that the canvas gets wrong")


def adversarial(ctx: LabContext, label: int, target: int, eps: float) -> None:
    """Draw a test image of `label` the network reads right, then in Explain's Fool-it tab ask
    for the smallest targeted change that makes it a `target` (Find)."""
    p = _canvas(ctx)
    for i in _candidates(ctx, label, wrong=False)[:50]:
        draw_test_image(ctx, int(i))
        if p.probs is not None and int(np.argmax(p.probs)) == int(label):
            break
    else:
        raise MoveError(f"found no test image of {label} that the canvas reads right")
    if not p.probe_check.isChecked():
        _click(p.probe_check)
    show_panel(ctx, "explain")
    e = ctx.panel("explain")
    e.tabs.setCurrentWidget(e.fool)
    _settle()
    fool = e.fool
    if not fool.target_check.isChecked():
        _click(fool.target_check)
    fool.target_combo.set_value(int(target))
    probe = ctx.state.probe
    _click(fool.find_button) if fool.find_button.isEnabled() else fool.find_target()
    wait_until(lambda: fool.target_result is not None and fool.target_result[0][1] is probe
               and fool.target_result[0][2] == int(target), what="the targeted search")
    if eps is not None and (fool.target_result[2] is None or fool.target_result[2] > eps):
        raise MoveError(f"no change of ε ≤ {eps} makes this {label} a {target}")


# ------------------------------------------------------------------------ settings, training

def _answer_yes_to_the_next_question() -> QTimer:
    """The window asks before a new architecture (a modal question): answer Yes, as the
    student does."""
    timer = QTimer()

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            timer.stop()
            box.button(QMessageBox.StandardButton.Yes).click()
    timer.timeout.connect(answer)
    timer.start(20)
    return timer


def set_setting(ctx: LabContext, key: str, value) -> None:
    """Change a setting in the Settings panel: a model option by its combo box (the window
    asks first, and the move answers Yes), α, μ and the batch size by typing; the seed, the
    warm-up and the schedule, which the panel does not show, through the state."""
    show_panel(ctx, "settings")
    p = ctx.panel("settings")
    if key in MODEL_SETTINGS:
        choice = MODEL_SETTINGS[key]
        try:
            option = choice.parse(str(value))
        except KeyError:
            raise MoveError(f"{key} has no option {value!r}") from None
        if key == "f7":
            if p.f7.isChecked() != bool(option):
                timer = _answer_yes_to_the_next_question()
                _click(p.f7)
                timer.stop()
            return
        combo = {"activation": p.activation, "pooling": p.pooling, "c3": p.c3}[key]
        i = combo.findData(option)
        if i < 0:
            raise MoveError(f"{key} has no option {value!r}")
        if combo.currentIndex() != i:
            timer = _answer_yes_to_the_next_question()
            combo.setCurrentIndex(i)  # as a choice from its list: currentIndexChanged
            timer.stop()
        _settle()
        return
    spins = {"learning_rate": p.lr, "momentum": p.momentum, "batch_size": p.batch_size}
    if key in spins:
        spin = spins[key]
        spin.setFocus()
        spin.selectAll()
        QTest.keyClicks(spin, spin.textFromValue(value) if hasattr(spin, "decimals")
                        else str(int(value)))
        QTest.keyClick(spin, Qt.Key.Key_Return)
        _settle()
        return
    if key in TRAIN_SETTINGS:
        ctx.state.set_train_config(replace(ctx.state.train_config, **{key: value}))
        return
    raise MoveError(f"no setting {key!r}")


def reset_network(ctx: LabContext) -> None:
    """New run: random weights from the settings' seed (the New run action)."""
    ctx.window.reset_action.trigger()
    _settle()
    ctx.state.wait_for_trace()


def set_probe(ctx: LabContext, index: int) -> None:
    """Make test image `index` the probe, with the toolbar's probe box."""
    spin = ctx.window.probe_spin
    spin.setFocus()
    spin.selectAll()
    QTest.keyClicks(spin, str(int(index)))
    QTest.keyClick(spin, Qt.Key.Key_Return)
    _settle()
    if ctx.state.probe is None or ctx.state.probe.index != int(index):
        raise MoveError(f"the probe box did not take {index}")
    ctx.state.wait_for_trace()


def _batches(ctx: LabContext) -> int:
    return int(ctx.state.history.n_batches)


def _wait_for_batches(ctx: LabContext, target: int, what: str) -> None:
    """Until the shown history has `target` batches: the frames that carry them are drawn
    (flush_frame) a few times a second, as the window's own pacing would."""
    deadline = time.monotonic() + max(TIMEOUT_S, target * 2.0)
    while True:
        ctx.window.flush_frame()
        if _batches(ctx) >= target:
            break
        if time.monotonic() > deadline:
            raise MoveError(f"waited for {what}")
        QTest.qWait(50)
    ctx.state.wait_for_trace()


def train(ctx: LabContext, batches: int) -> None:
    """Train `batches` mini-batches (from a new run if the current one is the read-only
    shipped one) and show them."""
    session = ctx.window.training_session
    before = 0 if ctx.state.run is None or ctx.state.run.read_only else _batches(ctx)
    if not session.start(running=False):
        raise MoveError("training could not start (no data or weights)")
    before = _batches(ctx) if before else 0
    session.control.step(int(batches))
    _wait_for_batches(ctx, before + int(batches), f"{batches} training batches")


def train_step(ctx: LabContext) -> None:
    """The Step action: exactly one mini-batch."""
    before = 0 if ctx.state.run is None or ctx.state.run.read_only else _batches(ctx)
    ctx.window.step_action.trigger()
    _wait_for_batches(ctx, before + 1, "one training batch")


MOVES: dict[str, Callable[..., None]] = {
    "set_perspective": set_perspective,
    "show_panel": show_panel,
    "stepper_to": stepper_to,
    "click_tile": click_tile,
    "open_confusion_cell": open_confusion_cell,
    "draw_test_image": draw_test_image,
    "draw_wrong": draw_wrong,
    "adversarial": adversarial,
    "set_probe": set_probe,
    "set_setting": set_setting,
    "reset_network": reset_network,
    "train": train,
    "train_step": train_step,
}


def perform(ctx: LabContext, move, condition: dict | None = None) -> None:
    """One move of a reference answer (a lenet_gui.labs.Move). `condition` (the task's
    condition args) fills what the move leaves open (draw_wrong's label)."""
    fn = MOVES.get(move.name)
    if fn is None:
        raise MoveError(f"no move {move.name!r}")
    args = dict(move.args)
    if fn is draw_wrong and condition and "label" in condition:
        args.setdefault("label", condition["label"])
    fn(ctx, **args)
