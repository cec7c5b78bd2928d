"""The sensitivities δ = ∂J/∂(·) of the probe sample with its label z: δ(u) of every layer,
δ(w) of the C1 and C3 kernels, and a layer-health plot of ‖δ(w)‖ over the training steps."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout

from lenet_gui.model import TABLE_C3
from lenet_gui.notation import delta, kernel_name, map_name, sup, unit_name
from lenet_gui.train.trainer import HEALTH_PARAMS

from ..widgets.course_heatmap import FONT_PT, ClippedLevels, CourseHeatmap, fmt, grid_2d
from ..widgets.plots import PeakDecimator
from ..widgets.sections import BarsView, ScrollSections, Section
from ._network import NetworkPanel
from .kernels import c3_grid

CLIP_PERCENTILE = 99.0
HEALTH_COLOURS = {"c1": "#0072b2", "c3": "#e69f00", "c5": "#009e73", "f6": "#cc79a7",
                  "f7": "#56b4e9"}  # Okabe–Ito, colour-blind safe


translate = QCoreApplication.translate


class DeltasPanel(NetworkPanel):
    """δ heatmaps with symmetric levels clipped at the 99th percentile of |δ|."""

    name = "deltas"
    title = QT_TRANSLATE_NOOP("MainWindow", "δ heatmaps")
    reads = frozenset({"trace", "history", "layer"})
    rebuild_to_retranslate = True

    def ready(self) -> bool:
        return self.state.trace is not None

    def refresh(self) -> None:
        if "history" in self.changed_topics or self.health_update_count == 0:
            self._draw_health()
        super().refresh()

    def __init__(self, state, parent=None) -> None:
        super().__init__(state, parent)
        self.grads: dict | None = None
        self.health_update_count = 0
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        self.header = QLabel("")
        self.header.setWordWrap(True)
        lay.addWidget(self.header)
        self.levels_note = QLabel(translate("DeltasPanel",
            "Colour levels: ± the 99th percentile of |δ| (tracked: they widen at once and "
            "shrink slowly); larger |δ| saturate. 0 is white."))
        self.levels_note.setWordWrap(True)
        lay.addWidget(self.levels_note)
        self._scroll = ScrollSections(min_cell=175)
        lay.addWidget(self._scroll, 1)

        self.views: dict[str, CourseHeatmap] = {}
        specs = [  # key, caption, cols, layer, span
            ("u_c1", translate("DeltasPanel", "δ(u) of C1 · 6@28×28"), 2, "c1", 1),
            ("u_c3", translate("DeltasPanel", "δ(u) of C3 · 16@10×10"), 4, "c3", 1),
            ("u_c5", translate("DeltasPanel", "δ(u) of C5 · 120 (10×12 grid)"), 1, "c5", 1),
            ("u_f6", translate("DeltasPanel", "δ(u) of F6 · 84 (7×12 grid)"), 1, "f6", 1),
        ]
        for key, caption, cols, layer, span in specs:
            view = CourseHeatmap(True, cols=cols, describe=self._describer(key),
                                 levels=ClippedLevels(CLIP_PERCENTILE))
            self.views[key] = view
            self.add_section(Section(caption, view, layer), span)
            self.connect_enlarge(view, self._enlarge_caption(key, caption))
        self.f7_bars = BarsView(10, signed=True, describe=self._describe_f7)
        self.add_section(Section(translate("DeltasPanel", "δ(u) of F7 · 10"), self.f7_bars, "f7",
                                 note=translate("DeltasPanel", "= (y − z)·f′(u) with the label z")))

        view = CourseHeatmap(True, cols=3, describe=self._describe_w1, min_size=(120, 120),
                             levels=ClippedLevels(CLIP_PERCENTILE))
        self.views["w1"] = view
        self.add_section(Section(translate("DeltasPanel", "δ(w) of C1 kernels · 6×5×5"), view, "c1"))
        self.connect_enlarge(view, lambda t: translate("DeltasPanel", "δ(w1{k}) · 5×5").format(k=sup(f"({t})")))

        view = CourseHeatmap(True, cols=16, describe=self._describe_w3,
                             levels=ClippedLevels(CLIP_PERCENTILE))
        self.views["w3"] = view
        self.w3_section = self.add_section(Section(
            translate("DeltasPanel", "δ(w) of C3 kernels · 16×6×5×5"), view, "c3",
            note=translate("DeltasPanel", "Table 1 layout: rows S2 map k, columns C3 map m; hatched: not "
                    "connected, δ(w3) = 0 there")), span=2)
        self.connect_enlarge(view, self._w3_caption)
        self._table_drawn = None

        self.health_plot = pg.PlotWidget()
        self.health_plot.setBackground(None)
        self.health_plot.setMinimumSize(300, 220)
        self.health_plot.setMenuEnabled(False)
        self.health_plot.setLogMode(x=False, y=True)
        font = QFont(QApplication.font().family(), FONT_PT)
        for name in ("bottom", "left"):
            self.health_plot.getAxis(name).setStyle(tickFont=font, maxTextLevel=1)
        self.health_plot.setLabel("bottom", translate("DeltasPanel", "training step"))
        self.health_plot.setLabel("left", translate("DeltasPanel", "‖δ(w)‖ (log)"))
        self.health_plot.showGrid(x=False, y=True, alpha=0.3)
        legend = self.health_plot.addLegend(offset=(-4, 4), labelTextSize=f"{FONT_PT}pt")
        legend.setColumnCount(5)
        self.health_curves = {}
        self._decimators = {layer: PeakDecimator(512) for layer in HEALTH_PARAMS}
        for layer in HEALTH_PARAMS:
            self.health_curves[layer] = self.health_plot.plot(
                [], [], pen=pg.mkPen(HEALTH_COLOURS[layer], width=2),
                name=layer.upper(), connect="finite")
        self.health_section = self.add_section(Section(
            translate("DeltasPanel", "Layer health: ‖δ(w)‖ per training step"), self.health_plot, None,
            note=translate("DeltasPanel", "log scale, mini-batch gradients; a line sinking by decades is a "
                    "vanishing gradient, one climbing steeply an exploding one")), span=2)

    # -- hover text

    def _describer(self, key: str):
        layer = key[2:]
        if layer in ("c5", "f6"):
            return lambda t, i, j, v: f"{delta('u_' + unit_name(layer, i * 12 + j))} = {fmt(v)}"
        return lambda t, i, j, v: f"{delta('u_' + map_name(layer, t, i, j))} = {fmt(v)}"

    def _enlarge_caption(self, key: str, caption: str):
        if key in ("u_c5", "u_f6"):
            return lambda t: caption
        return lambda t: translate("DeltasPanel", "{caption}: map {k}").format(caption=caption, k=t)

    def _describe_f7(self, i: int, v: float) -> str:
        return f"{delta('u_' + unit_name('f7', i))} = {fmt(v)}"

    def _describe_w1(self, t: int, r: int, c: int, v: float) -> str:
        return f"{delta(kernel_name('w1', (t,), r, c))} = {fmt(v)}"

    def _describe_w3(self, t: int, r: int, c: int, v: float) -> str:
        k, m = divmod(t, 16)
        name = delta(kernel_name("w3", (k, m), r, c))
        if self.views["w3"].is_empty(t):
            return translate("DeltasPanel", "{name}: S2 map {k} → C3 map {m} not connected (Table 1)").format(
                name=name, k=k, m=m)
        return f"{name} = {fmt(v)}"

    def _w3_caption(self, t: int) -> str:
        k, m = divmod(t, 16)
        text = translate("DeltasPanel", "δ(w3{km}): S2 map {k} → C3 map {m}").format(km=sup(f"({k},{m})"), k=k, m=m)
        if self.views["w3"].is_empty(t):
            text += translate("DeltasPanel", " (not connected in Table 1)")
        return text

    # -- drawing

    def _redraw(self) -> None:
        pt = self.state.trace
        probe, label, g = pt.probe, pt.label, pt.grads
        self.grads = g
        v = self.views
        v["u_c1"].set_maps(g["delta_u_c1"][0])
        v["u_c3"].set_maps(g["delta_u_c3"][0])
        v["u_c5"].set_maps(grid_2d(g["delta_u_c5"][0], 12))
        v["u_f6"].set_maps(grid_2d(g["delta_u_f6"][0], 12))
        self.f7_bars.set_values(g["delta_u_f7"][0])
        v["w1"].set_maps(g["w1"][:, 0])
        first = v["w3"].maps is None
        v["w3"].set_maps(c3_grid(g["w3"]))
        if first:
            v["w3"].set_axis_labels([str(k) for k in range(6)], [str(m) for m in range(16)],
                                    margin=(4.0, 3.5))
        table = TABLE_C3 if pt.snapshot.config.c3_table else np.ones((16, 6), bool)  # [m, k]
        if self._table_drawn is None or not np.array_equal(table, self._table_drawn):
            self._table_drawn = table.copy()
            v["w3"].set_empty_tiles(~table.T.ravel())
        J = pt.J
        z = (translate("DeltasPanel", "label z = {z}").format(z=probe.label) if probe.label is not None else
             translate("DeltasPanel", "no label: z = the predicted digit {z}").format(z=label))
        self.header.setText(translate("DeltasPanel", "Probe: {source} · {z} · J = −log y{sub} = {J}").format(
            source=probe.name, z=z, sub=unit_name("", label), J=fmt(J)))

    # -- layer health

    def _draw_health(self) -> None:
        h = self.state.history.health
        steps = h["step"].values
        view = PeakDecimator.view_range(self.health_plot.getPlotItem())
        for layer, curve in self.health_curves.items():
            curve.setData(*self._decimators[layer](steps, h[layer].values, view))
        self.health_update_count += 1
