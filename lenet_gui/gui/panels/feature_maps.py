"""The probe sample's forward pass, laid out as the course's Figure 1 from left to right:
INPUT 32×32 → C1 6@28×28 → S2 6@14×14 → C3 16@10×10 → S4 16@5×5 → C5 120 → F6 84 → F7 10 →
softmax y."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QVBoxLayout

from lenet_gui.gui.help import PanelHelp
from lenet_gui.gui.panels._network import NetworkPanel
from lenet_gui.gui.widgets.course_heatmap import FONT_PT, CourseHeatmap, fmt, grid_2d
from lenet_gui.gui.widgets.fitted_label import FittedLabel
from lenet_gui.gui.widgets.sections import BarsView, ScrollSections, Section
from lenet_gui.model.activations import ACTIVATIONS
from lenet_gui.notation import map_name, sub, unit_name

INPUT_LEVELS = (-0.1, 1.175)  # the course's normalisation: background −0.1, ink 1.175
C5_COLS, F6_COLS = 12, 12  # C5 as 10×12, F6 as 7×12
PREDICTED = "#e07b00"
BAR = "#5b8fd1"


translate = QCoreApplication.translate


class FeatureMapsPanel(NetworkPanel):
    """Every layer's output for the probe sample: one mosaic per layer, a colour bar each."""

    name = "feature_maps"
    title = QT_TRANSLATE_NOOP("MainWindow", "Feature maps")
    help = PanelHelp(
        "LeNet-5 基本概念; Layer INPUT … Layer Softmax",
        "c1⁽ᵏ⁾ᵢⱼ = f(Σᵤᵥ w1⁽ᵏ⁾ᵤᵥ·x₍ᵢ₊₂₊ᵤ,ⱼ₊₂₊ᵥ₎ + b1⁽ᵏ⁾)",
        QT_TRANSLATE_NOOP("Help", "The course's Figure 1 for the probe sample: the input, then "
                          "the feature maps of every layer left to right (C1 6@28×28, S2 "
                          "6@14×14, C3 16@10×10, S4 16@5×5), the C5, F6 and F7 units and the "
                          "softmax output y. Each map has its own colour bar (viridis)."))
    reads = frozenset({"trace", "layer"})
    default_area = "left"
    default_place = ("beside", "settings")
    whats_this = {
        "views.x": QT_TRANSLATE_NOOP(
            "WhatsThis", "INPUT: the probe sample as the network reads it, 32×32 (MNIST's 28×28 "
            "padded by 2), background −0.1 and ink 1.175 (course: Layer INPUT). The colour bar "
            "gives each colour's value; hover a pixel for xᵢⱼ."),
        "views.c1": QT_TRANSLATE_NOOP(
            "WhatsThis", "C1's 6 feature maps (特征图) of 28×28, c1⁽ᵏ⁾ᵢⱼ = f(Σᵤᵥ w1⁽ᵏ⁾ᵤᵥ·"
            "x₍ᵢ₊₂₊ᵤ,ⱼ₊₂₊ᵥ₎ + b1⁽ᵏ⁾): one 5×5 kernel slid over the input per map (course: "
            "Layer C1). The colour bar spans f's range; hover for a value, click a map to enlarge "
            "it."),
        "views.s2": QT_TRANSLATE_NOOP(
            "WhatsThis", "S2's 6 maps of 14×14: each value sub-samples (下采样) a 2×2 window of "
            "C1, s2⁽ᵏ⁾ᵢⱼ = max{c1⁽ᵏ⁾₂ᵢ₊ᵤ,₂ⱼ₊ᵥ} with max-pooling (course: Layer S2). The colour "
            "bar gives the values; click a map to enlarge it."),
        "views.c3": QT_TRANSLATE_NOOP(
            "WhatsThis", "C3's 16 maps of 10×10: map m sums 5×5 convolutions of the S2 maps k that "
            "Table 1 connects to it, c3⁽ᵐ⁾ᵢⱼ = f(Σₖ Σᵤᵥ w3⁽ᵏ˒ᵐ⁾ᵤᵥ·s2⁽ᵏ⁾₍ᵢ₊₂₊ᵤ,ⱼ₊₂₊ᵥ₎ + "
            "b3⁽ᵐ⁾) (course: Layer C3). Hover for a value, click a map to enlarge it."),
        "views.s4": QT_TRANSLATE_NOOP(
            "WhatsThis", "S4's 16 maps of 5×5: the 2×2 windows of C3 sub-sampled, s4⁽ᵏ⁾ᵢⱼ = "
            "max{c3⁽ᵏ⁾₂ᵢ₊ᵤ,₂ⱼ₊ᵥ} with max-pooling (course: Layer S4). The colour bar gives the "
            "values."),
        "views.c5": QT_TRANSLATE_NOOP(
            "WhatsThis", "C5's 120 outputs c5⁽ˡ⁾₀₀: each map is 1×1, a 5×5 convolution over all "
            "16 S4 maps (course: Layer C5). Drawn as a 10×12 grid, unit l = 12·row + column; "
            "hover for the unit and its value."),
        "views.f6": QT_TRANSLATE_NOOP(
            "WhatsThis", "F6's 84 outputs f6ᵢ = f(Σⱼ w6ᵢⱼ·c5⁽ʲ⁾₀₀ + b6ᵢ), fully connected to C5 "
            "(course: Layer F6). Drawn as a 7×12 grid, unit i = 12·row + column."),
        "f7_bars": QT_TRANSLATE_NOOP(
            "WhatsThis", "F7's 10 outputs, the softmax input: f7ᵢ = Σⱼ w7ᵢⱼ·f6ⱼ + b7ᵢ, with f "
            "applied only when \"f at F7\" is on (course: Layer F7). x axis: the digit i = 0…9; "
            "y axis: f7ᵢ."),
        "y_bars": QT_TRANSLATE_NOOP(
            "WhatsThis", "The softmax output yᵢ = e^f7ᵢ / Σⱼ e^f7ⱼ, the probability of each digit, "
            "summing to 1 (course: Layer Softmax). x axis: the digit; y axis: yᵢ from 0 to 1. "
            "Orange: the answer argmax y; black frame: the label z."),
    }
    rebuild_to_retranslate = True

    def ready(self) -> bool:
        return self.state.trace is not None

    def __init__(self, state, parent=None) -> None:
        super().__init__(state, parent)
        self.trace = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        self.header = FittedLabel()
        f = self.header.font()
        f.setPointSizeF(FONT_PT + 1)
        self.header.setFont(f)
        lay.addWidget(self.header)
        self._scroll = ScrollSections(min_cell=175)
        lay.addWidget(self._scroll, 1)

        self.views: dict[str, CourseHeatmap] = {}
        specs = [  # key, caption, cols, layer
            ("x", translate("FeatureMapsPanel", "INPUT · 32×32"), 1, None),
            ("c1", translate("FeatureMapsPanel", "C1 · 6@28×28"), 2, "c1"),
            ("s2", translate("FeatureMapsPanel", "S2 · 6@14×14"), 2, "s2"),
            ("c3", translate("FeatureMapsPanel", "C3 · 16@10×10"), 4, "c3"),
            ("s4", translate("FeatureMapsPanel", "S4 · 16@5×5"), 4, "s4"),
            ("c5", translate("FeatureMapsPanel", "C5 · 120 (10×12 grid)"), 1, "c5"),
            ("f6", translate("FeatureMapsPanel", "F6 · 84 (7×12 grid)"), 1, "f6"),
        ]
        for key, caption, cols, layer in specs:
            view = CourseHeatmap(signed=False, cols=cols, describe=self._describer(key))
            self.views[key] = view
            self.add_section(Section(caption, view, layer))
            self.connect_enlarge(view, self._enlarge_caption(key, caption))
        self.f7_bars = BarsView(10, signed=True, describe=self._describe_f7)
        self.add_section(Section(translate("FeatureMapsPanel", "F7 · 10"), self.f7_bars, "f7"))
        self.y_bars = BarsView(10, signed=False, describe=self._describe_y, y_range=(0.0, 1.0))
        self.y_section = self.add_section(Section(translate("FeatureMapsPanel", "softmax y · 10"), self.y_bars, None))

    # -- hover text in the course's notation

    def _describer(self, key: str):
        if key == "x":
            return lambda t, i, j, v: f"x{sub(f'({i},{j})')} = {fmt(v)}"
        if key in ("c5", "f6"):
            cols = C5_COLS if key == "c5" else F6_COLS
            return lambda t, i, j, v: f"{unit_name(key, i * cols + j)} = {fmt(v)}"
        return lambda t, i, j, v: f"{map_name(key, t, i, j)} = {fmt(v)}"

    def _enlarge_caption(self, key: str, caption: str):
        if key in ("x", "c5", "f6"):
            return lambda t: caption
        return lambda t: translate("FeatureMapsPanel", "{caption}: map {k}").format(caption=caption, k=t)

    def _describe_f7(self, i: int, v: float) -> str:
        return f"{unit_name('f7', i)} = {fmt(v)}"

    def _describe_y(self, i: int, v: float) -> str:
        return f"{unit_name('y', i)} = {fmt(v)}"

    # -- drawing

    def _activation_levels(self) -> tuple[float, float] | None:
        act = ACTIVATIONS[self.state.trace.snapshot.config.activation]
        if np.isfinite(act.low) and np.isfinite(act.high):
            return float(act.low), float(act.high)
        return None  # ReLU: unbounded above, so the levels are tracked

    def _redraw(self) -> None:
        pt = self.state.trace
        net, probe, t = pt.snapshot, pt.probe, pt.trace
        self.trace = t
        fixed = self._activation_levels()
        for key, view in self.views.items():
            view.set_fixed_levels(INPUT_LEVELS if key == "x" else fixed)
        self.views["x"].set_maps(t["x"][0])
        for key in ("c1", "s2", "c3", "s4"):
            self.views[key].set_maps(t[key][0])
        self.views["c5"].set_maps(grid_2d(t["c5"][0], C5_COLS))
        self.views["f6"].set_maps(grid_2d(t["f6"][0], F6_COLS))

        f7_fixed = fixed if net.config.f7_activation else None
        self.f7_bars.fixed_range = f7_fixed
        if f7_fixed is not None:
            self.f7_bars.setYRange(*f7_fixed, padding=0.05)
        self.f7_bars.set_values(t["f7"][0])
        y = t["y"][0]
        pred = int(np.argmax(y))
        brushes = [pg.mkBrush(PREDICTED if i == pred else BAR) for i in range(10)]
        pens = [pg.mkPen("k", width=2) if i == probe.label else pg.mkPen(None)
                for i in range(10)]
        self.y_bars.set_values(y, brushes=brushes, pens=pens)
        self.y_section.set_caption(translate("FeatureMapsPanel", "softmax y · predicted {d}").format(d=pred))
        label = "?" if probe.label is None else str(probe.label)
        verdict = ("" if probe.label is None else
                   translate("FeatureMapsPanel", " ✓") if pred == probe.label else translate("FeatureMapsPanel", " ✗"))
        self.header.setText(
            translate("FeatureMapsPanel", "Probe: {source} · label z = {z} · predicted {p} (y{sp} = {yp}){v}").format(
                source=probe.name, z=label, p=pred, sp=sub(pred), yp=f"{y[pred]:.3f}",
                v=verdict))
