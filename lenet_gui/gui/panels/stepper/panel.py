"""The backprop stepper dock: one sample's backpropagation, formula by formula, in the
course's order, with the numbers of the current weights.

Everything it shows comes from a `BackpropWalk`. Following the probe, the walk reuses the
probe's trace that the state computed once for every panel; only another label, a test
sample of its own, or weights without their trace yet make the walk run the model itself.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QStyle

from lenet_gui.explain.walk import BackpropWalk
from lenet_gui.gui.help import PanelHelp
from lenet_gui.gui.panels.stepper.display import StepDisplay
from lenet_gui.gui.state import AppState, Probe, ProbeTrace
from lenet_gui.model import LeNet5, NetworkSnapshot

translate = QCoreApplication.translate


class StepperPanel(StepDisplay):
    """A dock's content: pick a sample and a label, then step through the backward pass."""

    name = "stepper"
    title = QT_TRANSLATE_NOOP("MainWindow", "Backprop stepper")
    help = PanelHelp(
        "梯度计算的基本原理; Gradient in Softmax Net … Gradient in Layer C1",
        "δ(f7ᵢ) = −(zᵢ − yᵢ);  θ := θ − α·δ(θ)",
        QT_TRANSLATE_NOOP("Help", "Backpropagation of one sample, step by step in the course's "
                          "order: forward pass, softmax, F7, F6, C5, S4, C3, S2, C1, then the "
                          "update. Click a tile to list the terms of its sum; Check compares it "
                          "with a finite difference."))
    reads = frozenset({"snapshot", "probe", "trace", "data"})
    default_area = "left"
    default_place = ("tab", "feature_maps")
    whats_this = {
        "index_spin": QT_TRANSLATE_NOOP(
            "WhatsThis", "The test image whose backpropagation is shown, by its index in the test "
            "set."),
        "random_button": QT_TRANSLATE_NOOP("WhatsThis", "Pick a random test image."),
        "probe_button": QT_TRANSLATE_NOOP(
            "WhatsThis", "Follow the probe sample of the other panels: a test image or the canvas "
            "drawing."),
        "label_combo": QT_TRANSLATE_NOOP(
            "WhatsThis", "The label z of the sample, the one-hot target in J = −Σᵢ zᵢ·log yᵢ. "
            "Choose another digit to see δ(f7) = −(z − y) and every δ below it change."),
        "refresh_button": QT_TRANSLATE_NOOP(
            "WhatsThis", "Re-read the current weights: a walk in progress keeps the weights it "
            "started with until you press this."),
        "first_button": QT_TRANSLATE_NOOP(
            "WhatsThis", "Go to the first step, the forward pass (Home)."),
        "prev_button": QT_TRANSLATE_NOOP("WhatsThis", "Go back one step (←)."),
        "next_button": QT_TRANSLATE_NOOP(
            "WhatsThis", "Go to the next step (→), in the course's order: forward pass, softmax, "
            "F7, F6, C5, S4, C3, S2, C1, then the update."),
        "last_button": QT_TRANSLATE_NOOP(
            "WhatsThis", "Go to the last step, the update θ := θ − α·δ(θ) (End)."),
        "play_button": QT_TRANSLATE_NOOP(
            "WhatsThis", "Play the steps one after another, at the speed set beside it."),
        "speed_spin": QT_TRANSLATE_NOOP("WhatsThis", "Seconds per step while playing."),
        "diagram": QT_TRANSLATE_NOOP(
            "WhatsThis", "Where the step is: INPUT → C1 → … → F7 → y, J. The current layer is "
            "highlighted; the arrows point the way the pass goes, forward or backward."),
        "views.*.1": QT_TRANSLATE_NOOP(
            "WhatsThis", "A quantity of this step, named above it, as a heatmap: weights and δ on "
            "diverging colours (white 0, saturating beyond the 99th percentile of |values|), "
            "activations on viridis; the colour bar gives the values. Click an entry to list the "
            "terms of its sum."),
        "terms_view": QT_TRANSLATE_NOOP(
            "WhatsThis", "The terms of the clicked entry's sum, e.g. δ(f6ⱼ) = Σᵢ δ(u_f7ᵢ)·w7ᵢⱼ "
            "(并行多链): each term's value and factors, the largest first. On the update step: "
            "the parameters before and after θ := θ − α·δ(θ)."),
        "alpha_spin": QT_TRANSLATE_NOOP(
            "WhatsThis", "The learning rate α of this update step, θ := θ − α·δ(θ) (course: "
            "Gradient Descent 梯度下降算法). It changes only this demonstration, not the "
            "training."),
        "check_button": QT_TRANSLATE_NOOP(
            "WhatsThis", "Check the selected entry against a finite difference of J, computed in "
            "float64 on the same sample: backpropagation and the numerical derivative should "
            "agree to many digits."),
        "notes_label": QT_TRANSLATE_NOOP(  # only on the steps that have notes
            "WhatsThis", "Notes on this step: what the formulas alone do not say."),
    }

    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(state, parent)
        self.mode = "test"  # "test": the test index box; "probe": the app's probe sample
        self._net: LeNet5 | None = None  # the walk's own copy of the weights it shows
        self._net_snapshot: NetworkSnapshot | None = None  # the snapshot `_net` was made from
        self._sample_info: tuple[int | None, str] = (None, "")  # (known label, source)
        self._newer_weights = False  # the state has weights the walk does not show yet
        self._awaiting_trace = False  # a probe-mode rebuild waits for the state's trace
        self._view_seen = state.view_generation  # the moment of the timeline last followed
        self._rng = np.random.default_rng()
        self._building = False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._on_tick)
        self._connect()
        state.trace_failed.connect(self._on_trace_failed)
        self.retranslate()

    def _connect(self) -> None:
        for key, slot in ((Qt.Key.Key_Right, self.next_step), (Qt.Key.Key_Left, self.prev_step),
                          (Qt.Key.Key_Home, self.first_step), (Qt.Key.Key_End, self.last_step)):
            sc = QShortcut(QKeySequence(key), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)
        for button, slot in ((self.first_button, self.first_step),
                             (self.prev_button, self.prev_step),
                             (self.next_button, self.next_step),
                             (self.last_button, self.last_step),
                             (self.play_button, self._on_play),
                             (self.random_button, self._on_random),
                             (self.probe_button, self._on_use_probe),
                             (self.refresh_button, self.refresh_weights),
                             (self.check_button, self.run_check)):
            button.clicked.connect(slot)
        self.index_spin.valueChanged.connect(self._on_index_changed)
        self.label_combo.currentIndexChanged.connect(self._on_label_changed)
        self.speed_spin.valueChanged.connect(self._on_speed_changed)
        self.alpha_spin.valueChanged.connect(self._on_alpha_changed)

    # ------------------------------------------------------------------ the Panel

    def refresh(self) -> None:
        topics, state = self.changed_topics, self.state
        if "data" in topics and state.data is not None:
            self.index_spin.setMaximum(len(state.data.test_labels) - 1)
        if self.walk is None:
            self.rebuild()
            return
        if "snapshot" in topics and state.snapshot is not self._net_snapshot \
                and state.view_generation != self._view_seen:
            # a move along the run's timeline (or back to live): the walk follows it
            self._view_seen = state.view_generation
            self._net = None
            if self.mode == "probe" and self._trace_coming():
                self._awaiting_trace = True
            else:
                self.rebuild(keep_label=True)
            return
        if "snapshot" in topics and state.snapshot is not self._net_snapshot:
            # a walk in progress stays on its weights until the user refreshes
            self._newer_weights = True
            self._show_refresh_state()
        if self.mode == "probe" and ("probe" in topics or self._awaiting_trace):
            if self._trace_coming():
                self._awaiting_trace = True  # "trace" comes next, or trace_failed
            else:
                self.rebuild()

    def retranslate(self) -> None:
        super().retranslate()
        self._show_refresh_state()
        if self.walk is None:
            self._show_waiting()
            return
        self._show_sample()
        selected, checked = self.selected, bool(self.check_label.text())
        self.show_step(self.current)
        if selected is not None and any(q is selected[0] for q in self.step.quantities):
            self.select(*selected)
            if checked:
                self.run_check()

    def shutdown(self) -> None:
        self._stop_play()

    # ------------------------------------------------------------------ the sample and weights

    def _sample(self) -> tuple[np.ndarray, int | None, str] | None:
        """(x, known label, description) of the chosen sample, or None."""
        if self.mode == "probe" and self.state.probe is not None:
            p = self.state.probe
            return np.asarray(p.x), p.label, p.name
        data = self.state.data
        if data is None:
            return None
        i = self.index_spin.value()
        p = Probe.from_test(data, i)
        return np.asarray(p.x), p.label, p.name

    def _network(self) -> LeNet5 | None:
        """The walk's network: a copy of the snapshot's weights, kept until Refresh weights
        (the walk's checks and update read its net long after it was built, and a newer
        snapshot must not change it under them)."""
        snap = self.state.snapshot
        if snap is None:
            return None
        if self._net is None:
            net = snap.to_net()
            self._net, self._net_snapshot = net, snap
        return self._net

    def _shared_trace(self) -> ProbeTrace | None:
        """The state's trace of the probe, if it is of the sample and weights the walk shows."""
        s, t = self.state, self.state.trace
        if self.mode == "probe" and s.trace_current and t.snapshot is self._net_snapshot:
            return t
        return None

    def _trace_coming(self) -> bool:
        """A trace of the probe through the weights the next walk would use is on its way."""
        s = self.state
        snap = self._net_snapshot if self._net is not None else s.snapshot
        return (s.probe is not None and snap is not None and snap is s.snapshot
                and not s.trace_current)

    @Slot(str)
    def _on_trace_failed(self, message: str) -> None:
        if self._awaiting_trace:
            self.rebuild()  # without the state's trace, the walk runs the model itself

    @Slot()
    def refresh_weights(self) -> None:
        self._net = None
        self.rebuild(keep_label=True)

    def rebuild(self, keep_label: bool = False) -> None:
        """Run the walk for the current sample, label and weights; stay on the same step."""
        self._awaiting_trace = False
        net, sample = self._network(), self._sample()
        if net is None or sample is None:
            self.walk = None
            self._show_waiting()
            self._set_enabled(False)
            return
        x, known, source = sample
        trace = self._shared_trace()
        if not keep_label:
            if known is not None:
                label = known
            elif trace is not None:
                label = trace.label  # the predicted digit, as below
            else:
                label = int(np.argmax(net.predict(x)[0]))
            self._building = True
            self.label_combo.setCurrentIndex(label)
            self._building = False
        label = self.label_combo.currentIndex()
        tc = self.state.train_config  # the update step says how training differs
        kw = {"alpha": self.alpha_spin.value(), "weight_decay": tc.weight_decay,
              "momentum": tc.momentum}
        if trace is not None and trace.label == label:
            self.walk = BackpropWalk(net, x, label, trace=trace.trace, grads=trace.grads, **kw)
        else:
            self.walk = BackpropWalk(net, x, label, **kw)
        self._sample_info = (known, source)
        self._show_sample()
        self._newer_weights = self.state.snapshot is not self._net_snapshot
        self._show_refresh_state()
        self._set_enabled(True)
        self.show_step(min(self.current, len(self.walk.steps) - 1))

    def _show_sample(self) -> None:
        known, source = self._sample_info
        y = self.walk.t["y"]
        pred = int(np.argmax(y))
        truth = (translate("Stepper", "true {0}").format(known) if known is not None
                 else translate("Stepper", "no label"))
        text = translate("Stepper", "{0} · predicted {1} ({2:.0%})").format(truth, pred, float(y[pred]))
        if self.mode == "probe":
            text = f"{source} · {text}"
        self.sample_label.setText(text)
        self.sample_label.setToolTip(self.sample_label.text())

    def _show_waiting(self) -> None:
        self.title_label.setText(translate("Stepper", "Waiting for weights and data: train, or open a "
                                    "checkpoint, then press Refresh weights."))

    def _show_refresh_state(self) -> None:
        if self._newer_weights:
            self.refresh_button.setText(translate("Stepper", "Refresh weights •"))
            self.refresh_button.setToolTip(translate("Stepper", "Newer weights are available"))
        else:
            self.refresh_button.setText(translate("Stepper", "Refresh weights"))
            self.refresh_button.setToolTip(translate("Stepper", "Re-read the current weights (paused training or "
                                              "the loaded checkpoint)"))

    def _set_enabled(self, on: bool) -> None:
        for w in (self.first_button, self.prev_button, self.next_button, self.last_button,
                  self.play_button, self.check_button):
            w.setEnabled(on)

    @Slot(int)
    def _on_index_changed(self, value: int) -> None:
        self.mode = "test"
        self.rebuild()

    @Slot()
    def _on_random(self) -> None:
        self.index_spin.setValue(int(self._rng.integers(0, self.index_spin.maximum() + 1)))
        self.mode = "test"
        self.rebuild()

    @Slot()
    def _on_use_probe(self) -> None:
        self.mode = "probe"
        self.rebuild()

    @Slot(int)
    def _on_label_changed(self, index: int) -> None:
        if not self._building and self.walk is not None:
            self.rebuild(keep_label=True)

    @Slot(float)
    def _on_alpha_changed(self, alpha: float) -> None:
        if self.walk is None:
            return
        self.walk.set_alpha(alpha)
        if self.step is not None and self.step.id == "update":
            self.show_step(self.current)

    # ------------------------------------------------------------------ stepping

    @Slot()
    def next_step(self) -> None:
        if self.walk is not None and self.current < len(self.walk.steps) - 1:
            self.show_step(self.current + 1)

    @Slot()
    def prev_step(self) -> None:
        if self.walk is not None and self.current > 0:
            self.show_step(self.current - 1)

    @Slot()
    def first_step(self) -> None:
        if self.walk is not None:
            self.show_step(0)

    @Slot()
    def last_step(self) -> None:
        if self.walk is not None:
            self.show_step(len(self.walk.steps) - 1)

    def go_to(self, step_id: str) -> None:
        self.show_step(self.walk.step_index(step_id))

    @Slot()
    def _on_play(self) -> None:
        if self.play_button.isChecked():
            if self.walk is not None and self.current == len(self.walk.steps) - 1:
                self.show_step(0)
            self._timer.start(int(self.speed_spin.value() * 1000))
            self.play_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MediaPause))
        else:
            self._stop_play()

    def _stop_play(self) -> None:
        self._timer.stop()
        self.play_button.setChecked(False)
        self.play_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MediaPlay))

    @Slot(float)
    def _on_speed_changed(self, value: float) -> None:
        if self._timer.isActive():
            self._timer.setInterval(int(value * 1000))

    @Slot()
    def _on_tick(self) -> None:
        if self.walk is None or self.current >= len(self.walk.steps) - 1:
            self._stop_play()
        else:
            self.next_step()
