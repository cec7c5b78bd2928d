"""The robustness dock: accuracy against test-time perturbations of the test images (noise,
rotation, shift, stroke thickness, adversarial FGSM ε) and the confidence threshold below which the network says
"I don't know". The sweep runs in the background when asked; new weights only mark it stale."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Slot
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from lenet_gui.gui.help import PanelHelp
from lenet_gui.gui.panels._jobs import JobPanel
from lenet_gui.gui.state import AppState
from lenet_gui.gui.widgets.plots import black_axes, font, keep_plot_room, pct, symbol_style
from lenet_gui.gui.widgets.scroll import VerticalScroll
from lenet_gui.train import analysis as an

translate = QCoreApplication.translate


class RobustnessPanel(JobPanel):
    """Accuracy against Gaussian noise, rotation, shift, stroke thickness and FGSM (each image
    moved ε up its own loss gradient's sign), each applied to the test images at test time;
    and the confidence threshold: answered fraction and accuracy of the answered images. Runs
    when asked (a sweep is ~32 passes over the images, the FGSM ones with a backward pass)."""

    name = "robustness"
    title = QT_TRANSLATE_NOOP("MainWindow", "Robustness")
    help = PanelHelp(
        "LeNet-5 运行方式",
        QT_TRANSLATE_NOOP("Help", "accuracy(shift, rotation, noise)"),
        QT_TRANSLATE_NOOP("Help", "How the accuracy falls when the test images are shifted, "
                          "rotated or made noisy (not in the course), and what a confidence "
                          "threshold on max y buys."))
    reads = frozenset({"data", "snapshot"})
    default_area = "bottom"
    default_place = ("tab", "loss")
    whats_this = {
        "count_box": QT_TRANSLATE_NOOP(
            "WhatsThis", "How many test images (the first N) are perturbed and classified at every "
            "level."),
        "run_button": QT_TRANSLATE_NOOP(
            "WhatsThis", "Perturb the test images at every level (noise, rotation, shift, stroke "
            "thickness) and classify them with the current weights."),
        "layout_widget": QT_TRANSLATE_NOOP(
            "WhatsThis", "Accuracy under perturbations (not in the course): one plot each for "
            "noise, rotation, shift and stroke thickness, x axis the level, y axis the accuracy "
            "in %. The wide plot: for a confidence threshold on max y (x axis), the share of "
            "images answered and the accuracy among them (y axis, %)."),
        "slider": QT_TRANSLATE_NOOP(
            "WhatsThis", "The confidence threshold on max y: below it the network answers \"I don't "
            "know\". Beside it: how many images are answered, and how many of those are right."),
    }
    auto_rerun = False
    CAPTIONS = {  # QT_TRANSLATE_NOOP marks them for lupdate; translated where drawn
        "noise": (QT_TRANSLATE_NOOP("Evaluation", "Gaussian noise"),
                  QT_TRANSLATE_NOOP("Evaluation", "σ (grey levels of 255)")),
        "rotation": (QT_TRANSLATE_NOOP("Evaluation", "Rotation"),
                     QT_TRANSLATE_NOOP("Evaluation", "degrees (+ = counter-clockwise)")),
        "shift": (QT_TRANSLATE_NOOP("Evaluation", "Shift"),
                  QT_TRANSLATE_NOOP("Evaluation", "pixels (+ = right)")),
        "thickness": (QT_TRANSLATE_NOOP("Evaluation", "Stroke thickness"),
                      QT_TRANSLATE_NOOP("Evaluation", "3×3 erosions (−) / dilations (+)")),
        "fgsm": (QT_TRANSLATE_NOOP("Evaluation", "Adversarial (FGSM)"),
                 QT_TRANSLATE_NOOP("Evaluation", "ε ([0, 1] pixels)")),
    }

    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(state, parent)
        self._stale_marked = False  # "weights changed since" is on the status line
        self.run_button = QPushButton()
        self.run_button.clicked.connect(self.run)
        self.count_box = QSpinBox()
        self.count_box.setRange(100, 10000)
        self.count_box.setSingleStep(500)
        self.count_box.setValue(2000)

        self.layout_widget = pg.GraphicsLayoutWidget()
        self.layout_widget.setBackground("w")
        self.plots: dict[str, pg.PlotItem] = {}
        self._levels: dict[str, list[float]] = {}  # each plot's x ticks, thinned to fit
        self.curves: dict[str, pg.PlotDataItem] = {}
        pen = pg.mkPen("#1f77b4", width=2)
        for i, p in enumerate(an.PERTURBATIONS):
            plot = self.layout_widget.addPlot(row=i // 3, col=i % 3, enableMenu=False)
            self._style(plot)
            plot.setXRange(min(p.levels), max(p.levels), padding=0.08)
            self._levels[p.key] = list(p.levels if p.key != "noise" else (0, 50, 100, 150, 200))
            plot.getAxis("bottom").enableAutoSIPrefix(False)  # ε 0…0.3, not "(x0.001)"
            plot.getViewBox().sigResized.connect(self._fit_ticks)
            self._percent_axis(plot, (0, 25, 50, 75, 100))
            curve = plot.plot([], [], pen=pen, symbol="o", **symbol_style("#1f77b4", 6))
            self.plots[p.key], self.curves[p.key] = plot, curve
        n = len(an.PERTURBATIONS)  # the threshold plot fills the rest of the last row
        tp = self.layout_widget.addPlot(row=n // 3, col=n % 3, colspan=3 - n % 3,
                                        enableMenu=False)
        self._style(tp)
        tp.setXRange(0.1, 1, padding=0.02)
        tp.enableAutoRange(axis="y")  # the interesting part is 80–100 %
        legend = tp.addLegend(offset=(4, 2), labelTextColor="k", labelTextSize="8pt",
                              brush=pg.mkBrush(255, 255, 255, 200))
        self.answered_curve = tp.plot([], [], pen=pg.mkPen("#ff7f0e", width=2), name=" ")
        self.accuracy_curve = tp.plot([], [], pen=pg.mkPen("#2ca02c", width=2), name=" ")
        self.threshold_line = pg.InfiniteLine(0.9, angle=90, pen=pg.mkPen("#555", width=1,
                                              style=Qt.PenStyle.DashLine))
        tp.addItem(self.threshold_line)
        self.plots["threshold"] = tp
        self._legend = legend

        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(100, 999)  # thousandths; a max y below 0.1 is impossible
        self.slider.setValue(900)
        self.slider.valueChanged.connect(self._on_threshold_changed)
        self.threshold_label = QLabel()
        self.threshold_label.setMinimumWidth(360)
        self.threshold_caption = QLabel()
        srow = QHBoxLayout()
        srow.addWidget(self.threshold_caption)
        srow.addWidget(self.slider, 1)
        srow.addWidget(self.threshold_label)

        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.layout_widget, 1)
        column.addLayout(srow)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self._header(self.count_box, self.run_button))
        # Six plots with their titles and axes need ~240 pixels: a shorter dock (a tab of the
        # first layout on a 720-pixel screen) scrolls them under the header.
        layout.addWidget(VerticalScroll(body), 1)
        self.set_text(self.status.setText, lambda: translate(
            "Evaluation", "Press Run to sweep the perturbations."))
        self.retranslate()
        self._on_threshold_changed(self.slider.value())

    def retranslate(self) -> None:
        super().retranslate()
        self.run_button.setText(translate("Evaluation", "Run"))
        self.run_button.setToolTip(translate(
            "Evaluation", "Perturb the test images at every level and classify them"))
        self.count_box.setSuffix(translate("Evaluation", " images"))
        self.count_box.setToolTip(translate("Evaluation", "The first N test images"))
        self.count_box.setAccessibleName(translate("Evaluation", "Test images"))
        for key, (title, xlabel) in self.CAPTIONS.items():
            self._caption(self.plots[key], translate("Evaluation", title),
                          translate("Evaluation", xlabel))
        self._caption(self.plots["threshold"],
                      translate("Evaluation", "Confidence threshold"),
                      translate("Evaluation", "max y below it: \"I don't know\""))
        for curve, text in ((self.answered_curve, translate("Evaluation", "answered")),
                            (self.accuracy_curve,
                             translate("Evaluation", "right, of the answered"))):
            self._legend.getLabel(curve).setText(text)
        self.slider.setToolTip(translate("Evaluation", "The confidence threshold on max y: "
                                         "below it the network answers \"I don't know\""))
        self.threshold_caption.setText(translate("Evaluation", "Threshold"))
        keep_plot_room(self.layout_widget, view_rows=2)  # captions changed: their height too

    @staticmethod
    def _style(plot: pg.PlotItem) -> None:
        black_axes(plot)
        plot.setYRange(0, 100, padding=0.06)
        plot.showGrid(x=False, y=True, alpha=0.25)
        plot.hideButtons()
        plot.getViewBox().setMouseEnabled(False, False)

    @staticmethod
    def _caption(plot: pg.PlotItem, title: str, xlabel: str) -> None:
        plot.setTitle(title, color="k", size="9pt")
        plot.setLabel("bottom", xlabel, color="k", **{"font-size": "9pt"})
        plot.setLabel("left", translate("Evaluation", "%"), color="k", **{"font-size": "9pt"})

    @Slot()
    def _fit_ticks(self) -> None:
        """Each small plot labels every k-th of its levels (0 always), k the smallest that
        lets the labels fit its width with a gap: at the default size seven ε or rotation
        labels ran together ("0.050.1…", "-30-15")."""
        metrics = QFontMetricsF(font(9))
        for key, levels in self._levels.items():
            plot = self.plots[key]
            width = plot.getViewBox().width()
            labels = [f"{lv:g}" for lv in levels]
            z = levels.index(0) if 0 in levels else 0
            for k in range(1, len(levels) + 1):
                kept = [i for i in range(len(levels)) if (i - z) % k == 0]
                # the kept labels' widths with a 10-px gap each, within 90 % of the plot
                # (the levels are evenly spaced, so the labels are too)
                need = sum(metrics.horizontalAdvance(labels[i]) + 10 for i in kept)
                if need <= width * 0.9:
                    break
            plot.getAxis("bottom").setTicks([[(levels[i], labels[i]) for i in kept]])

    @staticmethod
    def _percent_axis(plot: pg.PlotItem, ticks) -> None:
        plot.getAxis("left").setTicks([[(v, f"{v:g}") for v in ticks]])

    def _make_job(self):
        inputs = self._inputs()
        if inputs is None:
            return None
        data, snap = inputs
        n = self.count_box.value()
        images, labels = data.test_images[:n], data.test_labels[:n]
        self._stale_marked = False
        self.set_text(self.status.setText, lambda: translate(
            "Evaluation", "Sweeping {0:,} test images…").format(len(labels)))

        def fn(progress, should_stop):
            return an.robustness_sweep(snap.to_net(), images, labels, progress=progress,
                                       should_stop=should_stop)
        return fn

    def _show_result(self, r: an.RobustnessResult) -> None:
        for c in r.curves:
            self.curves[c.perturbation.key].setData(c.levels, c.accuracy * 100)
        t = r.threshold
        self.answered_curve.setData(t.thresholds, t.answered * 100)
        ok = np.isfinite(t.accuracy)
        self.accuracy_curve.setData(t.thresholds[ok], t.accuracy[ok] * 100)
        self._stale_marked = False
        self.set_text(self.status.setText, lambda: translate(
            "Evaluation", "{0:,} test images · clean accuracy {1}").format(
                r.n_images, pct(r.clean_accuracy, 2)))
        self._on_threshold_changed(self.slider.value())

    def _mark_stale(self) -> None:
        if self.result is not None and not self._stale_marked:
            self._stale_marked = True
            text = self.text_of(self.status.setText)
            self.set_text(self.status.setText, lambda: text() + " · ⚠ " + translate(
                "Evaluation", "weights changed since; Run again"))

    @Slot(int)
    def _on_threshold_changed(self, value: int) -> None:
        t = value / 1000
        self.threshold_line.setValue(t)
        if self.result is None:
            self.set_text(self.threshold_label.setText,
                          lambda: translate("Evaluation", "{0:.3f}").format(t))
            return
        answered, acc = self.result.threshold.at(t)
        self.set_text(self.threshold_label.setText, lambda: translate(
            "Evaluation", "{0:.3f}: {1} answered, {2} of those right").format(
                t, pct(answered), pct(acc, 2)))
