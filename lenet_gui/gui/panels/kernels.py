"""The trainable weights as images: C1's 6 kernels, C3's 16×6 kernels laid out like the
course's Table 1 (unconnected pairs hatched), C5's 120×16×25 kernels and the F6 and F7 weight
matrices. One diverging colour map centred on zero, symmetric tracked levels."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QVBoxLayout

from lenet_gui.gui.help import PanelHelp
from lenet_gui.gui.panels._network import NetworkPanel
from lenet_gui.gui.widgets.course_heatmap import FONT_PT, CourseHeatmap, fmt
from lenet_gui.gui.widgets.fitted_label import FittedLabel
from lenet_gui.gui.widgets.sections import ScrollSections, Section, SectionRow
from lenet_gui.notation import kernel_name, matrix_name, sup

translate = QCoreApplication.translate


def c3_grid(w3: np.ndarray) -> np.ndarray:
    """C3 kernels in Table 1's layout: tile k·16 + m is w3^(k,m), S2 map k → C3 map m.

    Shapes: w3 (16, 6, 5, 5) [m, k] -> (96, 5, 5)
    """
    return np.ascontiguousarray(w3.transpose(1, 0, 2, 3)).reshape(96, 5, 5)


def c5_grid(w5: np.ndarray) -> np.ndarray:
    """C5 kernels as 16 tiles (one per S4 map m) of 120 rows (C5 unit l) × 25 columns
    (kernel element 5·(u+2) + (v+2)).

    Shapes: w5 (120, 16, 5, 5) [l, m] -> (16, 120, 25)
    """
    return np.ascontiguousarray(w5.reshape(120, 16, 25).transpose(1, 0, 2))


class KernelsPanel(NetworkPanel):
    """Every layer's weights, diverging and centred on zero."""

    name = "kernels"
    title = QT_TRANSLATE_NOOP("MainWindow", "Kernels")
    help = PanelHelp(
        "Layer C1; Layer C3; Layer C5",
        QT_TRANSLATE_NOOP("Help", "w3⁽ᵏ˒ᵐ⁾ᵤᵥ = 0 for (k, m) ∉ Cbn"),
        QT_TRANSLATE_NOOP("Help", "The weights: C1's six 5×5 kernels, C3's 16×6 kernels laid "
                          "out as Table 1 (hatched: not connected) and C5's kernels. A diverging "
                          "colour map with symmetric levels: 0 is the neutral colour."))
    reads = frozenset({"snapshot", "layer"})
    default_area = "right"
    whats_this = {
        "views.c1": QT_TRANSLATE_NOOP(
            "WhatsThis", "C1's six 5×5 kernels (卷积核) w1⁽ᵏ⁾ᵤᵥ, u, v = −2…2, each shared by all "
            "28×28 positions of its feature map (共享权值; course: Layer C1). Diverging colours "
            "with symmetric levels: white is 0, the colour bar gives the values; click to "
            "enlarge."),
        "views.c3": QT_TRANSLATE_NOOP(
            "WhatsThis", "C3's kernels w3⁽ᵏ˒ᵐ⁾ laid out as Table 1: rows S2 map k = 0…5, columns "
            "C3 map m = 0…15. Hatched grey: the pair is not connected ((k, m) ∉ Cbn), so w3 = 0 "
            "and stays 0. White is 0; the colour bar gives the values."),
        "views.c5": QT_TRANSLATE_NOOP(
            "WhatsThis", "C5's kernels w5⁽ᵐ˒ˡ⁾ᵤᵥ: one block per S4 map m = 0…15; in a block, rows "
            "are the C5 units l = 0…119 and columns the 25 kernel elements (u, v), row by row "
            "(course: Layer C5, 48,120 parameters). White is 0."),
        "views.f6": QT_TRANSLATE_NOOP(
            "WhatsThis", "F6's weight matrix w6ᵢⱼ, 84×120: row i is F6 unit i, column j the C5 "
            "output it multiplies (course: Layer F6, 10,164 parameters with the biases). White "
            "is 0; the colour bar gives the values."),
        "views.f7": QT_TRANSLATE_NOOP(
            "WhatsThis", "F7's weight matrix w7ᵢⱼ, 10×84: row i is digit i's F7 unit, column j "
            "the F6 output it multiplies (course: Layer F7, 850 parameters with the biases). "
            "White is 0."),
    }
    rebuild_to_retranslate = True

    def __init__(self, state, parent=None) -> None:
        super().__init__(state, parent)
        self._table: np.ndarray | None = None  # the C3 table the overlay was drawn for
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        self.header = FittedLabel(translate("KernelsPanel", "Weights w and kernels; 0 is white, the colour bars show "
                                "the symmetric levels (tracked: they widen at once and "
                                "shrink slowly)."))
        f = self.header.font()
        f.setPointSizeF(max(FONT_PT, f.pointSizeF()))
        self.header.setFont(f)
        lay.addWidget(self.header)
        self._scroll = ScrollSections(min_cell=175, fit_height=True)
        lay.addWidget(self._scroll, 1)

        self.views: dict[str, CourseHeatmap] = {}
        self.views["c1"] = CourseHeatmap(True, cols=2, describe=self._describe_w1,
                                         min_size=(120, 120))
        c1_section = Section(translate("KernelsPanel", "C1 kernels w1 · 6×5×5"), self.views["c1"], "c1")
        self.connect_enlarge(self.views["c1"],
                             lambda t: translate("KernelsPanel", "C1 kernel w1{k} · 5×5").format(k=sup(f"({t})")))

        self.views["c3"] = CourseHeatmap(True, cols=16, describe=self._describe_w3)
        self.c3_section = Section(
            translate("KernelsPanel", "C3 kernels w3 · 16×6×5×5"), self.views["c3"], "c3")
        # C1 beside C3 (a third and two thirds of the width): both fit the dock's default
        # height, where one above the other needed scrolling to see C3's 16×6 grid.
        self.first_row = SectionRow([c1_section, self.c3_section], [1, 2])
        self._sections += [c1_section, self.c3_section]
        self._scroll.grid.add(self.first_row, span=3)
        self.connect_enlarge(self.views["c3"], self._c3_caption)

        self.views["c5"] = CourseHeatmap(True, cols=16, describe=self._describe_w5)
        self.add_section(Section(
            translate("KernelsPanel", "C5 kernels w5 · 120×16×5×5"), self.views["c5"], "c5",
            note=translate("KernelsPanel", "one block per S4 map m = 0…15; rows: C5 unit l = 0…119; "
                    "columns: kernel element (u, v), row by row")), span=2)
        self.connect_enlarge(self.views["c5"],
                             lambda t: translate("KernelsPanel", "C5 kernels from S4 map {m}: w5{ml}, "
                                          "120 × 25").format(m=t, ml=sup(f"({t},") + "ˡ⁾"))

        self.views["f6"] = CourseHeatmap(True, cols=1, describe=self._describe_w6)
        self.add_section(Section(translate("KernelsPanel", "F6 weights w6 · 84×120"), self.views["f6"], "f6",
                                 note=translate("KernelsPanel", "rows: F6 unit i; columns: C5 unit j")))
        self.connect_enlarge(self.views["f6"], lambda t: translate("KernelsPanel", "F6 weights w6 · 84×120"))

        self.views["f7"] = CourseHeatmap(True, cols=1, describe=self._describe_w7)
        self.add_section(Section(translate("KernelsPanel", "F7 weights w7 · 10×84"), self.views["f7"], "f7",
                                 note=translate("KernelsPanel", "rows: F7 unit i; columns: F6 unit j")), span=2)
        self.connect_enlarge(self.views["f7"], lambda t: translate("KernelsPanel", "F7 weights w7 · 10×84"))

    # -- hover text

    def _describe_w1(self, t: int, r: int, c: int, v: float) -> str:
        return f"{kernel_name('w1', (t,), r, c)} = {fmt(v)}"

    def _describe_w3(self, t: int, r: int, c: int, v: float) -> str:
        k, m = divmod(t, 16)
        name = kernel_name("w3", (k, m), r, c)
        if self.views["c3"].is_empty(t):
            return translate("KernelsPanel", "{name}: S2 map {k} → C3 map {m} not connected (Table 1)").format(
                name=name, k=k, m=m)
        return f"{name} = {fmt(v)}"

    def _c3_caption(self, t: int) -> str:
        k, m = divmod(t, 16)
        text = translate("KernelsPanel", "C3 kernel w3{km}: S2 map {k} → C3 map {m}").format(
            km=sup(f"({k},{m})"), k=k, m=m)
        if self.views["c3"].is_empty(t):
            text += translate("KernelsPanel", " (not connected in Table 1)")
        return text

    def _describe_w5(self, t: int, r: int, c: int, v: float) -> str:
        u, w = divmod(c, 5)
        return f"{kernel_name('w5', (t, r), u, w)} = {fmt(v)}"

    def _describe_w6(self, _t: int, r: int, c: int, v: float) -> str:
        return f"{matrix_name('w6', r, c)} = {fmt(v)}"

    def _describe_w7(self, _t: int, r: int, c: int, v: float) -> str:
        return f"{matrix_name('w7', r, c)} = {fmt(v)}"

    # -- drawing

    def _redraw(self) -> None:
        snap = self.state.snapshot
        p = snap.params
        v = self.views
        v["c1"].set_maps(p["w1"][:, 0])
        first_c3 = v["c3"].maps is None
        v["c3"].set_maps(c3_grid(p["w3"]))
        first_c5 = v["c5"].maps is None
        v["c5"].set_maps(c5_grid(p["w5"]))
        v["f6"].set_maps(p["w6"])
        v["f7"].set_maps(p["w7"])
        if first_c3:
            v["c3"].set_axis_labels([str(k) for k in range(6)],
                                    [str(m) for m in range(16)], margin=(4.0, 3.5))
        if first_c5:
            v["c5"].set_axis_labels(None, [str(m) for m in range(16)],
                                    margin=(0.0, 28.0))
        self._update_table(snap.config.c3_table)

    def _update_table(self, use_table: bool) -> None:
        from lenet_gui.model.options import c3_connections
        table = c3_connections(use_table)  # [m, k]
        if self._table is not None and np.array_equal(table, self._table):
            return
        self._table = table
        self.views["c3"].set_empty_tiles(~table.T.ravel())  # tile k·16 + m
        n = int(table.sum())
        if use_table:
            note = translate("KernelsPanel", "Table 1 layout: rows S2 map k = 0…5, columns C3 map m = 0…15; "
                      "{n} of 96 pairs connected, the {e} hatched grey ones are not").format(
                          n=n, e=96 - n)
        else:
            note = translate("KernelsPanel", "rows S2 map k = 0…5, columns C3 map m = 0…15; C3 fully connected "
                      "(all 96 pairs)")
        self.c3_section.set_note(note)
