"""Distributions that diagnose: per layer (C1 … F7) a heat view of the histograms over training
of the weights w, the activation inputs u or the sensitivities δ (x = value bins, y = batch,
colour = share of the values in the bin), and the plain-language diagnoses computed from them
(train/diagnose.py), each with the course section for its cause."""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Slot
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
)

from lenet_gui.gui.help import PanelHelp
from lenet_gui.gui.panels._base import Panel
from lenet_gui.gui.widgets.plots import black_axes, font
from lenet_gui.train import diagnose as dg
from lenet_gui.train.distributions import (
    DEFAULT_EVERY,
    LAYERS,
    PROBE_IMAGES,
    SATURATION_U,
    bins_for,
)

translate = QCoreApplication.translate
SEQUENTIAL_MAP = "viridis"
COLOUR_TOP = 0.2  # share of a layer's values in one bin at the top colour (40 bins: 0.025 is flat)
QUANTITY_TEXTS = {
    "w": QT_TRANSLATE_NOOP("DistributionsPanel", "weights w"),
    "u": QT_TRANSLATE_NOOP("DistributionsPanel", "activation input u"),
    "delta": QT_TRANSLATE_NOOP("DistributionsPanel", "sensitivity δ(u) (log₁₀|δ|)"),
}
AXIS_TEXTS = {
    "w": QT_TRANSLATE_NOOP("DistributionsPanel", "w"),
    "u": QT_TRANSLATE_NOOP("DistributionsPanel", "u"),
    "delta": QT_TRANSLATE_NOOP("DistributionsPanel", "log₁₀|δ|"),
}
# One line per diagnosis code: {layer} and {value} are filled in.
DIAGNOSIS_TEXTS = {
    "saturated": QT_TRANSLATE_NOOP("Diagnosis",
        "Saturated: {value} of {layer}'s units have |u| > 2, where f′(u) is below a "
        "quarter of its peak. Their δ(u) = δ(f)·f′(u) is almost 0, so their weights "
        "hardly learn. The usual cause is a learning rate α too high (the weights grew "
        "too large): lower α."),
    "saturation_ok": QT_TRANSLATE_NOOP("Diagnosis",
        "Not saturated: at most {value} of a layer's units ({layer}) have |u| > 2."),
    "dead_relu": QT_TRANSLATE_NOOP("Diagnosis",
        "Dead ReLUs: {value} of {layer}'s units (a feature map counts as one) are "
        "never positive on the probe images. f′(u) = 0 for u ≤ 0, so their δ(u) = 0 "
        "and their weights never change again. A large negative bias or a too-high α "
        "causes it."),
    "dead_ok": QT_TRANSLATE_NOOP("Diagnosis",
        "Few dead ReLUs: at most {value} of a layer's units ({layer}) are never "
        "positive."),
    "update_large": QT_TRANSLATE_NOOP("Diagnosis",
        "Updates too large: one step changes {layer}'s weights by {value} of their "
        "size (‖Δw‖/‖w‖; healthy is about 10⁻³). The update rule moves θ by α·∂J/∂θ: "
        "steps this large jump across the valley of J. Lower α."),
    "update_small": QT_TRANSLATE_NOOP("Diagnosis",
        "Updates tiny: one step changes {layer}'s weights by only {value} of their "
        "size: learning has almost stopped (α is small, e.g. at the end of the "
        "schedule)."),
    "update_ok": QT_TRANSLATE_NOOP("Diagnosis",
        "Update size healthy: one step changes the weights by at most {value} of their "
        "size ({layer}); healthy is about 10⁻³."),
    "delta_vanishing": QT_TRANSLATE_NOOP("Diagnosis",
        "δ vanishes: mean |δ| in C1 is {value} of that in F7. On its way down δ is "
        "multiplied at every layer by f′(u) and by the weights; where f′ is small (a "
        "saturated tanh; the sigmoid's f′ ≤ ¼) almost nothing reaches C1, and the "
        "first layers stop learning."),
    "delta_exploding": QT_TRANSLATE_NOOP("Diagnosis",
        "δ explodes: mean |δ| in C1 is {value} times that in F7: large weights "
        "multiply it at every layer on its way down, and the first layers' updates "
        "become huge. Lower α."),
    "delta_ok": QT_TRANSLATE_NOOP("Diagnosis",
        "δ reaches C1: mean |δ| in C1 is {value} of that in F7 (max-pooling alone "
        "divides it by 16: it passes δ to one element of four, twice)."),
    "lr_too_high": QT_TRANSLATE_NOOP("Diagnosis",
        "Learning rate too high: the loss rose to {value} times its best so far: the "
        "steps overshoot. Lower α."),
    "lr_diverged": QT_TRANSLATE_NOOP("Diagnosis",
        "Learning rate too high: the loss became NaN or infinite (the last finite "
        "weights were restored). Lower α."),
    "lr_ok": QT_TRANSLATE_NOOP("Diagnosis",
        "The loss is not rising: the newest mean J is {value} times the best so far."),
}
# Why each course formula or term bears on the diagnosis, in our words and the interface's
# language.
QUOTE_GLOSSES = {
    "activation": QT_TRANSLATE_NOOP("Diagnosis",
        "A neuron passes its weighted sum u through the non-linear activation f; where f is "
        "flat (the sigmoid or tanh at large |u|), f′(u) is close to 0."),
    "chain": QT_TRANSLATE_NOOP("Diagnosis",
        "The chain rule at F7 (every layer alike): δ(u) = δ(f)·f′(u), the output's "
        "sensitivity times the slope of f."),
    "relu": QT_TRANSLATE_NOOP("Diagnosis",
        "ReLU: its slope is 0 for every negative input, so a unit whose u is never positive "
        "passes no δ back and its weights stop learning."),
    "backward": QT_TRANSLATE_NOOP("Diagnosis",
        "The input sensitivity δ(u) of a neuron, computed by the chain rule from the layer "
        "above: it travels from F7 down to C1 one layer at a time."),
    "rate": QT_TRANSLATE_NOOP("Diagnosis",
        "α is the learning rate: how far each update moves θⱼ against its gradient "
        "∂J/∂θⱼ."),
    "update": QT_TRANSLATE_NOOP("Diagnosis", "The update rule of gradient descent."),
}


def _value_text(code: str, value: float) -> str:
    if code in ("saturated", "saturation_ok", "dead_relu", "dead_ok"):
        return f"{100 * value:.0f} %"
    if code in ("lr_too_high", "lr_ok"):
        return f"{value:.2f}"
    return f"{value:.1e}"


def diagnosis_html(d: dg.Diagnosis) -> str:
    """One diagnosis as rich text: a mark, the plain-language line, and for its cause the
    course section with a formula or term of it."""
    code = "lr_diverged" if d.code == "lr_too_high" and not np.isfinite(d.value) else d.code
    text = translate("Diagnosis", DIAGNOSIS_TEXTS[code]).format(
        layer=(d.layer or "").upper(), value=_value_text(d.code, d.value))
    colour, mark = ("#b00020", "⚠") if d.warning else ("#1b7f3b", "✓")
    course_section = translate("Diagnosis", "Course section “{0}”")
    quotes = "".join(
        f"<br><span style='color:#555'>{html.escape(course_section.format(q.section))}: "
        f"«{html.escape(q.quote)}» — {html.escape(translate('Diagnosis', QUOTE_GLOSSES[key]))}</span>"
        for key in d.quotes for q in (dg.QUOTES[key],))
    return (f"<p style='margin:2px 0 6px 0'><b style='color:{colour}'>{mark}</b> "
            f"{html.escape(text)}{quotes}</p>")


class DistributionsPanel(Panel):
    name = "distributions"
    title = QT_TRANSLATE_NOOP("MainWindow", "Distributions")
    help = PanelHelp(
        "神经元 Neuron 基本概念; 梯度计算的基本原理; Gradient Descent 梯度下降算法",
        "δ(u) = δ(f)·f′(u);  θ := θ − α·∂J/∂θ",
        QT_TRANSLATE_NOOP("Help", "Histograms over training of the weights w, the activation "
                          "inputs u and the sensitivities δ of every layer (C1 … F7), from 32 "
                          "test images every 50 batches: x is the value, y the batch, the colour "
                          "the share of values in a bin. Below, the diagnoses read from them: "
                          "saturated units (|u| > 2), dead ReLUs, the size of an update against "
                          "the weights, δ vanishing or exploding on its way down to C1, a "
                          "learning rate that is too high; each names the course section of "
                          "the cause, with its formula or term."))
    reads = frozenset({"distributions"})
    default_area = "bottom"
    default_place = ("tab", "loss")
    whats_this = {
        "quantity": QT_TRANSLATE_NOOP(
            "WhatsThis", "Choose the quantity whose histograms are shown for every layer: the "
            "weights w, the activation inputs u (the argument of f; |u| > 2 is where the scaled "
            "tanh saturates) or the sensitivities δ(u) = ∂J/∂u of backpropagation, on a log₁₀ "
            "scale."),
        "info": QT_TRANSLATE_NOOP(
            "WhatsThis", "Where the histograms come from: a fixed batch of test images traced "
            "through the training weights every few batches, and how many rows are kept."),
        "plots": QT_TRANSLATE_NOOP(
            "WhatsThis", "One heat view per layer, C1 to F7: x is the value (binned), y the "
            "training batch, the colour the share of the layer's values in that bin at that "
            "batch. A column of colour drifting sideways is a distribution moving; the dashed red "
            "lines mark |u| = 2, beyond which the scaled tanh saturates. S2 and S4 have no "
            "weights and no u under max-pooling: only their δ is shown."),
        "diagnoses": QT_TRANSLATE_NOOP(
            "WhatsThis", "Diagnoses computed from the newest histograms: saturated units, dead "
            "ReLUs, the size of an update against the weights, δ vanishing or exploding from F7 "
            "down to C1, and a learning rate that is too high. Each names the course section of "
            "the cause and quotes its formula or term."),
    }

    def __init__(self, state, parent=None) -> None:
        super().__init__(state, parent)
        self.quantity_label = QLabel()
        self.quantity = QComboBox()
        self.quantity.setObjectName("distributions_quantity")
        for q in QUANTITY_TEXTS:
            self.quantity.addItem("", q)
        self.quantity.setCurrentIndex(1)  # u: saturation shows at once
        self.quantity.currentIndexChanged.connect(self._on_quantity_changed)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.plots = pg.GraphicsLayoutWidget()
        self.plots.setBackground("w")
        self.plot_items: dict[str, pg.PlotItem] = {}
        self.images: dict[str, pg.ImageItem] = {}
        self.none_texts: dict[str, pg.TextItem] = {}
        self.sat_lines: list[pg.InfiniteLine] = []
        cmap = pg.colormap.get(SEQUENTIAL_MAP)
        for col, layer in enumerate(LAYERS):
            plot = self.plots.addPlot(row=0, col=col, enableMenu=False)
            plot.setMouseEnabled(False, False)
            plot.hideButtons()
            black_axes(plot)
            plot.getAxis("bottom").setTickFont(font(8))
            if col:
                plot.getAxis("left").setStyle(showValues=False)
                plot.getAxis("left").setWidth(4)
            image = pg.ImageItem(axisOrder="row-major")
            image.setColorMap(cmap)
            plot.addItem(image)
            none = pg.TextItem("", color=(90, 90, 90), anchor=(0.5, 0.5))
            plot.addItem(none, ignoreBounds=True)
            for x in (-SATURATION_U, SATURATION_U):
                line = pg.InfiniteLine(x, 90, pen=pg.mkPen((255, 80, 80), width=1,
                                                            style=pg.QtCore.Qt.PenStyle.DashLine))
                plot.addItem(line, ignoreBounds=True)
                self.sat_lines.append(line)
            self.plot_items[layer], self.images[layer], self.none_texts[layer] = plot, image, none
        self.colorbar = pg.ColorBarItem(values=(0, 1), colorMap=cmap, interactive=False,
                                        width=12)
        self.colorbar.setImageItem(list(self.images.values()),
                                   insert_in=self.plot_items[LAYERS[-1]])
        self.diagnoses = QTextBrowser()
        self.diagnoses.setObjectName("distributions_diagnoses")
        self.diagnoses.setOpenLinks(False)
        top = QHBoxLayout()
        top.addWidget(self.quantity_label)
        top.addWidget(self.quantity)
        top.addWidget(self.info, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 2, 4, 2)
        lay.setSpacing(2)
        lay.addLayout(top)
        self.body = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.body.addWidget(self.plots, 3)
        self.body.addWidget(self.diagnoses, 2)
        lay.addLayout(self.body, 1)
        self.retranslate()

    def resizeEvent(self, ev) -> None:  # noqa: N802
        # A wide, low dock (the bottom of the Train perspective): the diagnoses beside the
        # heat views, not under them.
        wide = self.width() > 2.2 * self.height()
        self.body.setDirection(QBoxLayout.Direction.LeftToRight if wide
                               else QBoxLayout.Direction.TopToBottom)
        super().resizeEvent(ev)

    # ----------------------------------------------------------------- texts

    def retranslate(self) -> None:
        self.quantity_label.setText(self.tr("Histograms of"))
        for i in range(self.quantity.count()):
            self.quantity.setItemText(i, translate("DistributionsPanel",
                                                   QUANTITY_TEXTS[self.quantity.itemData(i)]))
        self.quantity.setToolTip(self.tr("Which quantity's histograms the heat views show"))
        self.colorbar.setToolTip(self.tr("Colour: the share of the layer's values in a bin"))
        self.diagnoses.setToolTip(self.tr(
            "What the distributions say, and where the course explains why"))
        self.changed_topics.add("distributions")
        if self.isVisible():
            self.refresh_now()

    @Slot(int)
    def _on_quantity_changed(self, _index: int) -> None:
        self.changed_topics.add("distributions")
        self.refresh_now()

    # ----------------------------------------------------------------- drawing

    def refresh(self) -> None:
        h = self.state.distributions
        q = self.quantity.currentData()
        steps = h.steps()
        fg = self.palette().color(self.palette().ColorRole.Text).name()
        for layer in LAYERS:
            plot, image, none = self.plot_items[layer], self.images[layer], self.none_texts[layer]
            plot.setTitle(layer.upper(), size="10pt", color=fg)
            plot.setLabel("bottom", translate("DistributionsPanel", AXIS_TEXTS[q]),
                          **{"font-size": "9pt"})
            b = bins_for(layer, q)
            m = h.matrix(layer, q)
            if m is None or not len(m):
                image.clear()
                none.setText(self.tr("no rows yet") if not len(h) else self.tr("none"))
                none.setPos((b.lo + b.hi) / 2, 0.5)
                plot.setXRange(b.lo, b.hi, padding=0)
                plot.setYRange(0, 1, padding=0)
                continue
            none.setText("")
            image.setImage(np.ascontiguousarray(m), autoLevels=False)
            image.setRect(b.lo, 0, b.hi - b.lo, len(m))
            plot.setXRange(b.lo, b.hi, padding=0)
            plot.setYRange(0, len(m), padding=0)
        for line in self.sat_lines:
            line.setVisible(q == "u")
        self.colorbar.setLevels((0.0, COLOUR_TOP))  # fixed: colours mean the same every frame
        left = self.plot_items[LAYERS[0]].getAxis("left")
        left.setLabel(self.tr("batch"), **{"font-size": "9pt"})
        if steps.size:
            idx = np.unique(np.linspace(0, steps.size - 1, min(5, steps.size)).astype(int))
            left.setTicks([[(i + 0.5, f"{steps[i]:,}") for i in idx], []])
            self.info.setText(self.tr("{0} test images traced every {1} batches; {2} rows, "
                                      "batch {3:,} to {4:,}").format(
                PROBE_IMAGES, DEFAULT_EVERY, steps.size, int(steps[0]), int(steps[-1])))
        else:
            left.setTicks(None)
            self.info.setText(self.tr("Train to record the distributions (a row every {0} "
                                      "batches).").format(DEFAULT_EVERY))
        found = dg.diagnose(h)
        if found:
            self.diagnoses.setHtml("".join(diagnosis_html(d) for d in found))
        else:
            self.diagnoses.setHtml(html.escape(self.tr(
                "No diagnosis yet: the first row comes with the first batch trained.")))
