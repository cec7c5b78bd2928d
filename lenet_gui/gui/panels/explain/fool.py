"""Fool it: the fast gradient sign method on the probe, x′ = clip(x + ε·sign(∂J/∂x)) (one
step, or the iterative form), with an ε slider; the change, the new image, its answer and
probabilities, and y of the true class against ε. "Make it a k" searches (in a background job)
the smallest ε whose targeted change makes the network say k. One image's FGSM is a
millisecond, so the slider works on the GUI thread."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSlider,
    QVBoxLayout,
)

from lenet_gui import explain as ex
from lenet_gui.gui import whats_this
from lenet_gui.gui.jobs import JobRunner, same_key
from lenet_gui.gui.panels.explain.common import ClassCombo, input_qimage, prediction, sub
from lenet_gui.gui.panels.explain.section import Section
from lenet_gui.gui.widgets.bars import ProbabilityBars, percent
from lenet_gui.gui.widgets.heatmap import HeatmapView
from lenet_gui.gui.widgets.images import PixelImage
from lenet_gui.gui.widgets.plots import black_axes, symbol_style

translate = QCoreApplication.translate

EPS_MAX = 0.5  # the slider's end, in [0, 1] pixels
EPS_STEPS = 100  # slider positions: ε = EPS_MAX · v / EPS_STEPS
CURVE_EPS = np.linspace(0.0, EPS_MAX, 26)  # the y_true(ε) curve's points
TARGET_EPS_MAX = 0.3  # the targeted search's largest budget, in pixels


class FoolSection(Section):
    whats_this = {
        "iterative_check": QT_TRANSLATE_NOOP(
            "WhatsThis", "The iterative form (basic iterative method): ten steps of α = ε/4 along "
            "sign(δ(x)), each projected back within ε of x; it fools the network at a smaller ε "
            "than one step."),
        "target_check": QT_TRANSLATE_NOOP(
            "WhatsThis", "Targeted mode: sign steps DOWN J of the chosen class k (so yₖ rises), "
            "for budgets ε up to 0.3, keeping the smallest ε at which the answer is k."),
        "target_combo": QT_TRANSLATE_NOOP(
            "WhatsThis", "The target class k of the targeted change."),
        "find_button": QT_TRANSLATE_NOOP(
            "WhatsThis", "Runs the targeted search in the background."),
        "status": QT_TRANSLATE_NOOP(
            "WhatsThis", "The result of the targeted search."),
        "probe_view": QT_TRANSLATE_NOOP(
            "WhatsThis", "The probe sample x, unchanged."),
        "delta_view": QT_TRANSLATE_NOOP(
            "WhatsThis", "The change x′ − x: ±ε (in the input's scale) on every pixel the clipping "
            "to −0.1 … 1.175 allows, diverging colours centred on 0 with the colour bar."),
        "adv_view": QT_TRANSLATE_NOOP(
            "WhatsThis", "The changed image x′ the network now classifies."),
        "answer": QT_TRANSLATE_NOOP(
            "WhatsThis", "The network's answer argmax y for x′, and y of the true class z."),
        "bars": QT_TRANSLATE_NOOP(
            "WhatsThis", "The softmax outputs y of the changed image x′."),
        "plot": QT_TRANSLATE_NOOP(
            "WhatsThis", "y of the true class z against ε (FGSM, or iterative when ticked): how "
            "fast the network's confidence falls as the change grows. The red line is the ε shown "
            "above."),
        "eps_label": QT_TRANSLATE_NOOP(
            "WhatsThis", "ε: how far every pixel may move, in pixels of [0, 1] (our input's −0.1 … "
            "1.175 is 1.275 of them)"),
        "slider": QT_TRANSLATE_NOOP(
            "WhatsThis", "ε: how far every pixel may move, in pixels of [0, 1] (our input's −0.1 … "
            "1.175 is 1.275 of them). FGSM moves every pixel by ε in the direction that raises J "
            "of the true class z: x′ = clip(x + ε·sign(δ(x))), δ(x) = ∂J/∂x the input's "
            "sensitivity."),
    }

    def __init__(self, panel) -> None:
        super().__init__(panel)
        self.adv: np.ndarray | None = None  # x′ shown
        self.y_adv: np.ndarray | None = None  # its softmax output
        self.epsilon = 0.0  # the ε of x′ (pixels); None-free: a failed search shows ε_max
        self.target_result: tuple | None = None  # (key, x′, ε or None) of the last search
        self.runner = JobRunner(self.current_key, self._on_target_result, self)
        self.runner.state_changed.connect(self._on_runner_state)

        self.eps_caption = QLabel()
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, EPS_STEPS)
        self.slider.setValue(20)
        self.slider.valueChanged.connect(self._on_slider)
        self.eps_label = QLabel()
        self.eps_label.setMinimumWidth(self.eps_label.fontMetrics().horizontalAdvance(
            "ε = 0.000") + 4)
        self.iterative_check = QCheckBox()
        self.iterative_check.toggled.connect(self._on_mode_changed)
        row1 = QHBoxLayout()
        row1.setContentsMargins(0, 0, 0, 0)
        row1.addWidget(self.eps_caption)
        row1.addWidget(self.slider, 1)
        row1.addWidget(self.eps_label)
        row1.addWidget(self.iterative_check)
        self.target_check = QCheckBox()
        self.target_check.toggled.connect(self._on_mode_changed)
        self.target_combo = ClassCombo(with_predicted=False)
        self.target_combo.set_value(1)
        self.target_combo.currentIndexChanged.connect(self._on_target_changed)
        self.find_button = QPushButton()
        self.find_button.clicked.connect(self.find_target)
        self.status = QLabel()
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        row2 = QHBoxLayout()
        row2.setContentsMargins(0, 0, 0, 0)
        for w in (self.target_check, self.target_combo, self.find_button):
            row2.addWidget(w)
        row2.addWidget(self.status, 1)

        self.probe_view = PixelImage()
        self.delta_view = HeatmapView(signed=True, describe=self._describe_delta)
        # No read-out row under this small map: the hover value is in its tooltip.
        self.delta_view.removeItem(self.delta_view.readout)
        self.adv_view = PixelImage()
        self.answer = QLabel()  # one line: x′'s answer, y of z, fooled or not
        self.answer.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.bars = ProbabilityBars()
        self.captions = [QLabel() for _ in range(3)]

        self.plot = pg.PlotWidget(enableMenu=False)
        self.plot.setBackground("w")
        item = self.plot.getPlotItem()
        black_axes(item)
        item.hideButtons()
        item.getViewBox().setMouseEnabled(False, False)
        item.setYRange(0, 1, padding=0.05)
        item.setXRange(0, EPS_MAX, padding=0.02)
        item.showGrid(x=False, y=True, alpha=0.25)
        item.getAxis("bottom").enableAutoSIPrefix(False)
        item.getAxis("left").setTicks([[(v, f"{v:g}") for v in (0, 0.5, 1)]])
        self.curve = item.plot([], [], pen=pg.mkPen("#1f77b4", width=2), symbol="o",
                               **symbol_style("#1f77b4", 4))
        self.eps_line = pg.InfiniteLine(0.0, angle=90, pen=pg.mkPen("#d62728", width=1.5))
        item.addItem(self.eps_line)
        self.plot.setMinimumHeight(90)

        # x | change | x′ over the curve; the bars of x′ on the right, beside both
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        for col, (cap, view) in enumerate(zip(self.captions, (self.probe_view, self.delta_view,
                                                             self.adv_view))):
            cap.setWordWrap(True)
            grid.addWidget(cap, 0, col)
            grid.addWidget(view, 1, col)
            grid.setColumnStretch(col, 4 if col == 1 else 3)
        grid.addWidget(self.plot, 2, 0, 1, 3)
        grid.addWidget(self.bars, 0, 3, 3, 1)
        grid.setColumnStretch(3, 3)
        grid.setRowStretch(1, 3)
        grid.setRowStretch(2, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 4, 2, 2)
        layout.setSpacing(3)
        layout.addLayout(row1)
        layout.addLayout(row2)
        layout.addWidget(self.answer)
        layout.addLayout(grid, 1)

    # ----------------------------------------------------------------- state

    def label(self) -> int:
        """The class the untargeted attack pushes away from: the label z, else the answer."""
        return self.panel.true_class()

    def epsilon_of_slider(self) -> float:
        return EPS_MAX * self.slider.value() / EPS_STEPS

    def current_key(self) -> tuple:
        """(snapshot, probe, target) of a targeted search. While training runs, a search's
        own snapshot still counts as current (the status says the weights moved on)."""
        snap = self.state.snapshot
        if self.state.training == "running" and self.runner.key is not None:
            snap = self.runner.key[0]
        return (snap, self.state.probe, self.target_combo.value())

    def refresh(self, topics: set[str]) -> None:
        self.probe_view.set_image(input_qimage(self.panel.x))
        if topics & {"snapshot", "probe", "mode", "data"}:
            self._draw_curve()
        if self.target_check.isChecked():
            self._show_target()
        else:
            self._attack()

    def _draw_curve(self) -> None:
        p = self.panel
        with np.errstate(over="ignore", invalid="ignore"):
            y = ex.y_against_epsilon(p.net(), p.x, self.label(), CURVE_EPS,
                                     iterative=self.iterative_check.isChecked())
        self.curve.setData(CURVE_EPS, np.asarray(y, np.float64))
        self._caption_plot()

    def _attack(self) -> None:
        """x′ for the slider's ε, its answer and probabilities (the GUI thread: ~1 ms)."""
        p = self.panel
        eps = self.epsilon_of_slider()
        net = p.net()
        with np.errstate(over="ignore", invalid="ignore"):
            if self.iterative_check.isChecked():
                adv = ex.iterative_fgsm(net, p.x, self.label(), eps)
            else:
                adv = ex.fgsm(net, p.x, self.label(), eps)
            y = net.forward(np.asarray(adv, net.dtype).reshape(1, 1, 32, 32))["y"][0]
        self._show(adv, np.asarray(y, np.float64), eps)

    def _show(self, adv: np.ndarray, y: np.ndarray, eps: float) -> None:
        x = np.asarray(self.panel.x, np.float64).reshape(32, 32)
        self.adv = np.asarray(adv, np.float64).reshape(32, 32)
        self.y_adv, self.epsilon = y, eps
        m = max(float(np.abs(self.adv - x).max()), ex.to_input_scale(eps), 1e-6)
        self.delta_view.set_maps((self.adv - x).astype(np.float32)[None], levels=(-m, m))
        self.adv_view.set_image(input_qimage(self.adv))
        self.bars.set_probs(y)
        self.eps_line.setValue(eps)
        self.eps_label.setText(f"ε = {eps:.3f}")
        self._show_answer()

    def _show_answer(self) -> None:
        if self.y_adv is None:
            self.answer.setText("")
            return
        k, pk = prediction(self.y_adv)
        z = self.label()
        before = self.panel.predicted()
        verdict = (translate("Explain", "fooled: it was {0}").format(before) if k != before
                   else translate("Explain", "still {0}").format(before))
        self.answer.setText(translate("Explain", "x′ is a {0} ({1}) · y{2} = {3} · {4}").format(
            k, percent(pk), sub(z), percent(float(self.y_adv[z])), verdict))

    # ----------------------------------------------------------------- make it a k

    @Slot()
    def find_target(self) -> None:
        """Search the smallest ε (≤ TARGET_EPS_MAX) whose targeted change makes it a k."""
        key = self.current_key()
        snap, probe, target = key
        if snap is None or probe is None:
            return

        def fn(progress, should_stop):
            net = snap.to_net()
            with np.errstate(over="ignore", invalid="ignore"):
                adv, eps = ex.targeted(net, probe.x, target, epsilon_max=TARGET_EPS_MAX)
                y = net.forward(np.asarray(adv, net.dtype).reshape(1, 1, 32, 32))["y"][0]
            return np.asarray(adv, np.float64), eps, np.asarray(y, np.float64)
        self.runner.start(fn, key)

    def _on_target_result(self, result, key: tuple) -> None:
        self.target_result = (key, *result)
        if self.target_check.isChecked():
            self._show_target()

    def _show_target(self) -> None:
        r = self.target_result
        if r is None or not same_key(r[0], self.current_key()):
            if not self.runner.busy and self.state.training != "running":
                self.find_target()  # while training: only on demand (Find)
            self._show_status()
            return
        _, adv, eps, y = r
        eps = TARGET_EPS_MAX if eps is None else eps
        blocker = self.slider.blockSignals(True)  # the slider shows the ε found
        self.slider.setValue(round(eps / EPS_MAX * EPS_STEPS))
        self.slider.blockSignals(blocker)
        self._show(adv, y, eps)
        self._show_status()

    @Slot()
    def _on_runner_state(self) -> None:
        self.find_button.setEnabled(not self.runner.busy)
        self._show_status()

    def _show_status(self) -> None:
        r = self.target_result
        k = self.target_combo.value()
        if not self.target_check.isChecked():
            text = ""
        elif self.runner.message:
            text = translate("Explain", "Failed: {0}").format(self.runner.message)
        elif self.runner.busy:
            text = translate("Explain", "Searching the smallest ε that makes it a {0}…").format(k)
        elif r is None or not same_key(r[0], self.current_key()):
            text = ""
        elif r[2] is None:
            text = translate("Explain", "Not a {0} for any ε ≤ {1}.").format(k, TARGET_EPS_MAX)
        else:
            text = translate("Explain", "A {0} at ε = {1:.3f}: no pixel moved more than "
                             "that.").format(k, r[2])
        self.status.setText(text)

    # ----------------------------------------------------------------- slots

    @Slot(int)
    def _on_slider(self, _value: int) -> None:
        if self.target_check.isChecked():
            blocker = self.target_check.blockSignals(True)
            self.target_check.setChecked(False)  # moving ε is the untargeted attack
            self.target_check.blockSignals(blocker)
            self._show_status()
        self._redraw({"eps"})

    @Slot(bool)
    def _on_mode_changed(self, _on: bool) -> None:
        self._redraw({"mode"})

    @Slot(int)
    def _on_target_changed(self, _index: int) -> None:
        if self.target_check.isChecked():
            self._redraw({"target"})

    def _redraw(self, topics: set[str]) -> None:
        self.mark_changed(*topics)

    def shutdown(self) -> None:
        self.runner.shutdown()

    # ----------------------------------------------------------------- texts

    def _describe_delta(self, _tile: int, row: int, col: int, value: float) -> str:
        return f"x′ − x ({row},{col}) = {value:+.3f}"

    def _caption_plot(self) -> None:
        item = self.plot.getPlotItem()
        z = "z" if self.panel.y is None else sub(self.label())
        item.setLabel("bottom", translate("Explain", "ε (pixels of [0, 1])"), color="k",
                      **{"font-size": "9pt"})
        item.setLabel("left", f"y{z}", color="k", **{"font-size": "9pt"})

    def retranslate(self) -> None:
        self.eps_caption.setText("ε")
        self.iterative_check.setText(translate("Explain", "Iterative"))
        self.target_check.setText(translate("Explain", "Make it a"))
        self.find_button.setText(translate("Explain", "Find"))
        self.captions[0].setText(translate("Explain", "x"))
        self.captions[1].setText(translate("Explain", "Change x′ − x"))
        self.captions[2].setText(translate("Explain", "x′ = x + change"))
        self._caption_plot()
        self._show_answer()
        self._show_status()
        self.slider.setToolTip(whats_this.text(self, "eps_label"))
        self.iterative_check.setToolTip(translate("Explain", "Ten smaller sign steps, each kept "
                                                  "within ε of x"))
        self.target_check.setToolTip(translate("Explain", "Search a small change that makes the "
                                               "network say the chosen digit"))
        self.target_combo.setToolTip(translate("Explain", "The digit the network should say"))
        self.find_button.setToolTip(translate("Explain", "Search again for the current weights"))
