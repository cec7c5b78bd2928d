"""The sensitivities δ = ∂J/∂(·) of one sample with its label z: δ(u) of every layer, δ(w) of
the C1 and C3 kernels, and a layer-health plot of ‖δ(w)‖ over the training steps.

By default the sample is the hardest of the first test images for the current weights (a
learned image has δ ≈ 0: nothing to see); the user may switch to the probe of the other
panels. Colour levels are per frame (each map fills the colours) or tracked per layer (colours
compare from frame to frame), as the user chooses; a learned sample is said so in words."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QComboBox, QHBoxLayout, QLabel, QVBoxLayout

from lenet_gui.explain.hard import LEARNED_J, N_SEARCH, is_learned
from lenet_gui.gui import whats_this
from lenet_gui.gui.help import PanelHelp
from lenet_gui.gui.panels._base import settle_views
from lenet_gui.gui.panels._hard_probe import HardProbeFinder, HardTrace
from lenet_gui.gui.panels._network import NetworkPanel
from lenet_gui.gui.panels.kernels import c3_grid
from lenet_gui.gui.widgets.course_heatmap import FONT_PT, ClippedLevels, CourseHeatmap, fmt, grid_2d
from lenet_gui.gui.widgets.fitted_label import FittedLabel
from lenet_gui.gui.widgets.plots import GrowingViewBox, PeakDecimator
from lenet_gui.gui.widgets.sections import BarsView, ScrollSections, Section
from lenet_gui.model.options import c3_connections
from lenet_gui.notation import delta, kernel_name, map_name, sup, unit_name
from lenet_gui.train.trainer import HEALTH_PARAMS

CLIP_PERCENTILE = 99.0
TRACK_DECAY = 0.97  # tracked levels shrink by this per frame
SOURCES = ("hard", "probe")  # the hardest test image, or the probe of the other panels
LEVELS = ("frame", "tracked")  # levels of each frame, or tracked per layer over frames
HEALTH_COLOURS = {"c1": "#0072b2", "c3": "#e69f00", "c5": "#009e73", "f6": "#cc79a7",
                  "f7": "#56b4e9"}  # Okabe–Ito, colour-blind safe


translate = QCoreApplication.translate


class DeltasPanel(NetworkPanel):
    """δ heatmaps with symmetric levels clipped at the 99th percentile of |δ|."""

    name = "deltas"
    title = QT_TRANSLATE_NOOP("MainWindow", "δ heatmaps")
    help = PanelHelp(
        "梯度计算的基本原理; Gradient in Layer F7 … Gradient in Layer C1",
        QT_TRANSLATE_NOOP("Help", "δ(u) = δ(f)·f′(u);  δ(w) = δ(u)·input"),
        QT_TRANSLATE_NOOP("Help", "The sensitivities δ of backpropagation for the probe sample: "
                          "δ(u) of every layer and δ(w) of the C1 and C3 kernels, on a "
                          "diverging colour map centred on 0, and each layer's ‖δ(w)‖ over the "
                          "training steps."))
    reads = frozenset({"trace", "history", "layer", "snapshot", "data"})
    default_area = "right"
    default_place = ("below", "kernels")
    whats_this = {
        "views.u_c1": QT_TRANSLATE_NOOP(
            "WhatsThis", "δ(u) of C1, the input sensitivity (输入敏感值) of every C1 unit: "
            "δ(u_c1) = δ(c1)·f′(u_c1), where δ(c1) = msk1·δ(s2) comes back from S2 through the "
            "mask (course: Gradient in Layer S2, Layer C1). Diverging colours, white 0; the "
            "levels are ± the 99th percentile of |δ|."),
        "views.u_c3": QT_TRANSLATE_NOOP(
            "WhatsThis", "δ(u) of C3: δ(u_c3) = δ(c3)·f′(u_c3), where δ(c3) = msk3·δ(s4) comes "
            "back from S4 through the mask (course: Gradient in Layer S4, Layer C3). White is 0; "
            "the colour bar's levels are ± the 99th percentile of |δ|."),
        "views.u_c5": QT_TRANSLATE_NOOP(
            "WhatsThis", "δ(u) of C5's 120 units as a 10×12 grid: δ(u_c5) = δ(c5)·f′(u_c5), with "
            "δ(c5⁽ʲ⁾₀₀) = Σᵢ δ(u_f6ᵢ)·w6ᵢⱼ (course: Gradient in Layer F6, Layer C5). White is "
            "0."),
        "views.u_f6": QT_TRANSLATE_NOOP(
            "WhatsThis", "δ(u) of F6's 84 units as a 7×12 grid: δ(u_f6ᵢ) = δ(f6ᵢ)·f′(u_f6ᵢ), with "
            "δ(f6ⱼ) = Σᵢ δ(u_f7ᵢ)·w7ᵢⱼ (course: Gradient in Layer F7, Layer F6). White is 0."),
        "f7_bars": QT_TRANSLATE_NOOP(
            "WhatsThis", "δ(u) of F7's 10 units: δ(f7ᵢ) = −(zᵢ − yᵢ) from the softmax, times "
            "f′(u_f7ᵢ) only when f is applied at F7 (course: Gradient in Softmax Net, Layer F7). "
            "x axis: the digit i; y axis: δ(u_f7ᵢ), negative for the label, positive for the "
            "others."),
        "views.w1": QT_TRANSLATE_NOOP(
            "WhatsThis", "δ(w) of C1's kernels, the weight sensitivity (权值敏感值): δ(w1⁽ᵏ⁾ᵤᵥ) "
            "= Σᵢⱼ δ(u_c1⁽ᵏ⁾ᵢⱼ)·x₍ᵢ₊₂₊ᵤ,ⱼ₊₂₊ᵥ₎, summed over the 784 positions that share the "
            "kernel (course: Gradient in Layer C1). The update moves w1 by −α times it."),
        "views.w3": QT_TRANSLATE_NOOP(
            "WhatsThis", "δ(w) of C3's kernels laid out as Table 1 (rows S2 map k, columns C3 map "
            "m): δ(w3⁽ᵏ˒ᵐ⁾ᵤᵥ) = Σᵢⱼ δ(u_c3⁽ᵐ⁾ᵢⱼ)·s2⁽ᵏ⁾₍ᵢ₊₂₊ᵤ,ⱼ₊₂₊ᵥ₎. Hatched pairs are "
            "outside Cbn, where δ(w3) = 0 (course: Gradient in Layer C3)."),
        "health_plot": QT_TRANSLATE_NOOP(
            "WhatsThis", "Layer health: the size ‖δ(w)‖ of each layer's weight gradient at every "
            "training step, one line per layer. x axis: the training step; y axis: ‖δ(w)‖ on a "
            "log scale. Lines sinking by decades toward C1 mean a vanishing gradient, steep "
            "climbs an exploding one."),
        # also the tooltips of the two combo boxes
        "source_combo": QT_TRANSLATE_NOOP(
            "WhatsThis", "Which sample's δ the panel shows. The hardest test image: of the first {n} "
            "test images, the one with the highest J for the current weights, chosen again every "
            "few seconds while training (a learned image has δ ≈ 0 and shows nothing). The probe: the "
            "sample of the toolbar and the other panels."),
        "levels_combo": QT_TRANSLATE_NOOP(
            "WhatsThis", "Per frame: each map's colours span ± the 99th percentile of its |δ| in "
            "this frame, so every frame fills the colours (read the size on the colour bar). Per "
            "layer, tracked: each layer keeps its levels from frame to frame (they widen at once "
            "and shrink slowly), so the colours compare across frames."),
        "header": QT_TRANSLATE_NOOP(
            "WhatsThis", "The sample whose sensitivities δ = ∂J/∂(·) are drawn, its label z and "
            "its cost J = −log y_z."),
    }
    whats_this_fields = {"n": N_SEARCH}
    rebuild_to_retranslate = True

    def ready(self) -> bool:
        if self.source == "hard":
            return self.state.snapshot is not None and self.state.data is not None
        return self.state.trace is not None

    def refresh(self) -> None:
        changed = self.changed_topics
        if "history" in changed or self.health_update_count == 0:
            self._draw_health()
        if "layer" in changed and self.state.selected_layer != self.selected_layer:
            self._show_selected(self.state.selected_layer)
        if self.source == "hard":
            if changed & {"snapshot", "data"} or self.finder.last is None:
                if self.scheduler is not None:  # the frame ends when the δ found are drawn
                    self.scheduler.wait_for(self.finder)
                self.finder.request(self.state.snapshot, self.state.data)
        elif changed - {"layer", "history"}:
            self._draw(self.state.trace)

    def __init__(self, state, parent=None) -> None:
        super().__init__(state, parent)
        self.grads: dict | None = None
        self.health_update_count = 0
        self.source = "hard"
        self.levels_mode = "frame"
        self.shown = None  # the ProbeTrace drawn
        self.pick = None  # its HardPick, when the source is the hardest test image
        self.finder = HardProbeFinder(self)
        self.finder.found.connect(self._on_hard_found)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        self.source_caption = QLabel(translate("DeltasPanel", "δ of:"))
        row.addWidget(self.source_caption)
        self.source_combo = QComboBox()
        self.source_combo.addItem(translate("DeltasPanel", "the hardest test image"), "hard")
        self.source_combo.addItem(translate("DeltasPanel", "the probe (toolbar)"), "probe")
        self.source_combo.setToolTip(whats_this.text(self, "source_combo"))
        self.source_combo.currentIndexChanged.connect(self._on_source_changed)
        row.addWidget(self.source_combo)
        self.levels_caption = QLabel(translate("DeltasPanel", "Colour levels:"))
        row.addWidget(self.levels_caption)
        self.levels_combo = QComboBox()
        self.levels_combo.addItem(translate("DeltasPanel", "per frame"), "frame")
        self.levels_combo.addItem(translate("DeltasPanel", "per layer, tracked"), "tracked")
        self.levels_combo.setToolTip(whats_this.text(self, "levels_combo"))
        self.levels_combo.currentIndexChanged.connect(self._on_levels_changed)
        row.addWidget(self.levels_combo)
        row.addStretch(1)
        lay.addLayout(row)
        self.header = FittedLabel()
        lay.addWidget(self.header)
        self.levels_note = FittedLabel()
        lay.addWidget(self.levels_note)
        self.learned_note = QLabel("")
        self.learned_note.setWordWrap(True)
        self.learned_note.setStyleSheet("QLabel { border: 1px solid palette(mid); padding: 6px; "
                                        "font-weight: bold; }")
        self.learned_note.hide()
        lay.addWidget(self.learned_note)
        self._scroll = ScrollSections(min_cell=175)
        lay.addWidget(self._scroll, 1)

        self.views: dict[str, CourseHeatmap] = {}
        self.delta_sections: list[Section] = []  # hidden, with words instead, when learned
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
            self.delta_sections.append(self.add_section(Section(caption, view, layer), span))
            self.connect_enlarge(view, self._enlarge_caption(key, caption))
        self.f7_bars = BarsView(10, signed=True, describe=self._describe_f7)
        self.f7_section = self.add_section(Section(translate("DeltasPanel", "δ(u) of F7 · 10"),
                                                   self.f7_bars, "f7"))

        view = CourseHeatmap(True, cols=3, describe=self._describe_w1, min_size=(120, 120),
                             levels=ClippedLevels(CLIP_PERCENTILE))
        self.views["w1"] = view
        self.w1_section = self.add_section(Section(translate("DeltasPanel", "δ(w) of C1 kernels · 6×5×5"), view, "c1"))
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
        self.delta_sections += [self.f7_section, self.w1_section, self.w3_section]
        self._apply_levels_mode()

        # grows in steps, as the loss plot: its axes move only when the steps pass a nice number
        self.health_plot = pg.PlotWidget(enableMenu=False, viewBox=GrowingViewBox(enableMenu=False))
        self.health_plot.setBackground(None)
        self.health_plot.setMinimumSize(300, 220)
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

    # -- the sample and the levels

    @Slot(int)
    def _on_source_changed(self, index: int) -> None:
        self.source = SOURCES[index]
        self.changed_topics |= set(self.reads)
        self.request_refresh()

    @Slot(int)
    def _on_levels_changed(self, index: int) -> None:
        self.levels_mode = LEVELS[index]
        self._apply_levels_mode()
        if self.shown is not None:
            self._draw(self.shown, self.pick)

    def set_source(self, source: str) -> None:
        self.source_combo.setCurrentIndex(SOURCES.index(source))

    def set_levels_mode(self, mode: str) -> None:
        self.levels_combo.setCurrentIndex(LEVELS.index(mode))

    def _apply_levels_mode(self) -> None:
        decay = 0.0 if self.levels_mode == "frame" else TRACK_DECAY  # 0: this frame's alone
        for view in self.views.values():
            view.levels.decay = decay
        self.f7_bars.levels.decay = decay
        if self.levels_mode == "frame":
            text = translate("DeltasPanel", "Levels per frame: ± the 99th percentile of each "
                             "map's |δ| now; 0 is white.")
        else:
            text = translate("DeltasPanel", "Levels tracked per layer: colours compare across "
                             "frames; 0 is white.")
        self.levels_note.setText(text)

    @Slot(object)
    def _on_hard_found(self, result: HardTrace) -> None:
        st = self.state
        if (self.source != "hard" or result.trace.snapshot is not st.snapshot
                or result.data is not st.data or not self.isVisible()):
            return  # stale, or no longer wanted: never painted
        self._draw(result.trace, result.pick)
        settle_views(self)  # as a refresh does: one paint draws the views' new ranges

    def wait_for_frame(self, timeout_ms: int = 10000) -> bool:
        """Until the δ shown are those of the current weights (tests and screenshots)."""
        if self.source == "hard":
            self.finder.wait(timeout_ms)
            return self.shown is not None and self.shown.snapshot is self.state.snapshot
        self.state.wait_for_trace(timeout_ms)
        return self.shown is not None and self.shown is self.state.trace

    # -- drawing

    def _draw(self, pt, pick=None) -> None:
        self.shown, self.pick = pt, pick
        self._scroll.grid.set_shown(self.delta_sections, not is_learned(pt.J))
        self._redraw()
        if self._scroll is not None:
            self._scroll.grid.refit()
        if self.enlarge_dialog is not None and self.enlarge_dialog.isVisible():
            self.enlarge_dialog.refresh()

    def _redraw(self) -> None:
        pt = self.shown
        probe, label, g = pt.probe, pt.label, pt.grads
        self.grads = g
        J = pt.J
        z = (translate("DeltasPanel", "label z = {z}").format(z=probe.label) if probe.label is not None else
             translate("DeltasPanel", "no label: z = the predicted digit {z}").format(z=label))
        head = translate("DeltasPanel", "Probe: {source} · {z} · J = −log y{sub} = {J}").format(
            source=probe.name, z=z, sub=unit_name("", label), J=fmt(J))
        if self.pick is not None:
            head += translate("DeltasPanel", " · the net says {pred}: the hardest of the first "
                              "{n} test images ({wrong} wrong)").format(
                n=self.pick.searched, pred=pt.predicted, wrong=self.pick.wrong)
        self.header.setText(head)
        if pt.snapshot.config.f7_activation:
            self.f7_section.set_note(translate("DeltasPanel", "= (y − z)·f′(u_f7): f at F7"))
        else:
            self.f7_section.set_note(translate(
                "DeltasPanel", "= δ(f7) = y − z: F7 has no f (f7 = u_f7), so no f′ here"))
        if is_learned(J):
            d = max(float(np.max(np.abs(g[k]))) for k in
                    ("delta_u_c1", "delta_u_c3", "delta_u_c5", "delta_u_f6", "delta_u_f7"))
            self.learned_note.setText(translate(
                "DeltasPanel", "This sample is learned: y{sub} = {y} for its label, so "
                "J = {J} < {limit} and every δ is tiny (|δ(u)| ≤ {d}): there is nothing left "
                "to push back, and the maps would be blank. Choose “the hardest test image” "
                "above to see δ at work.").format(
                sub=unit_name("", label), y=f"{float(pt.y[label]):.5f}", J=fmt(J),
                limit=f"{LEARNED_J:g}", d=fmt(d)))
            self.learned_note.show()
            return
        self.learned_note.hide()
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
        table = c3_connections(pt.snapshot.config.c3_table)  # [m, k]
        if self._table_drawn is None or not np.array_equal(table, self._table_drawn):
            self._table_drawn = table.copy()
            v["w3"].set_empty_tiles(~table.T.ravel())

    def shutdown(self) -> None:
        self.finder.shutdown()

    def closeEvent(self, event) -> None:  # noqa: N802
        self.shutdown()  # no search may outlive the panel
        super().closeEvent(event)

    # -- layer health

    def _draw_health(self) -> None:
        h = self.state.history.health
        steps = h["step"].values
        view = PeakDecimator.view_range(self.health_plot.getPlotItem())
        for layer, curve in self.health_curves.items():
            curve.setData(*self._decimators[layer](steps, h[layer].values, view))
        self.health_update_count += 1
