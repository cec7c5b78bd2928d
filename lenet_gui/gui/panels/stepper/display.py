"""What the stepper shows of one step of the walk: its title, its formulas (the one that
computes the selected entry marked), its maps in the grid that shows them largest, and the
details: the terms of a clicked entry's sum, the update's table, and Check against a finite
difference."""

from __future__ import annotations

import functools
import html

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Slot
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPalette, QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy, QTreeWidgetItem, QVBoxLayout, QWidget

from lenet_gui.explain import typeset
from lenet_gui.explain.formulas import fmt_J, formula_index
from lenet_gui.explain.walk import BackpropWalk, Quantity, Step
from lenet_gui.gui.panels.stepper.layout import best_arrangement, default_arrangement, grid_extent
from lenet_gui.gui.panels.stepper.ui import StepperWidgets
from lenet_gui.gui.panels.stepper.widgets import clear_layout
from lenet_gui.gui.state import AppState
from lenet_gui.gui.theme import apply_plot_palette
from lenet_gui.gui.widgets.heatmap import HeatmapView

MAX_TERM_ROWS = 400  # all terms of any δ(s2) (≤ 400); δ(w1) sums 784: the largest, then the rest
FORMULA_PT = 10.0  # reference formula size in points (at 100 dpi, times the pixel ratio)
FORMULA_MIN_PT = 7.0  # below this the column scrolls instead (7 pt: 9.7 px at 100 dpi)
FORMULA_MAX_PT = 13.0
MAP_MIN_SIZE = (90, 60)  # a map view's smallest size, colour bar included

translate = QCoreApplication.translate


def translate_msg(text: str) -> str:
    """An explain.messages.Msg in the current language: its template translated (context
    "BackpropWalk"), then filled in; any other string as it is."""
    template = getattr(text, "template", None)
    if template is None:
        return str(text)
    return translate("BackpropWalk", template).format(**text.args)


def display_levels(q: Quantity) -> tuple[float, float] | None:
    """Symmetric colour levels for signed maps, clipped at the 99th percentile of the non-zero
    |values| so that one large δ does not wash out the rest; None: the view's own levels."""
    if not q.signed:
        return None
    a = np.abs(np.asarray(q.maps, np.float64))
    nz = a[a > 0]
    if nz.size == 0:
        return (-1.0, 1.0)
    m = float(np.percentile(nz, 99)) if nz.size >= 100 else float(nz.max())
    return (-m, m)



class StepDisplay(StepperWidgets):
    """Shows step `current` of `walk` (a BackpropWalk, or None before there is one)."""

    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(state, parent)
        self.walk: BackpropWalk | None = None
        self.current = 0
        self.views: list[tuple[Quantity, HeatmapView]] = []
        self._cell_widgets: list[QWidget] = []  # a title over a view, one per quantity
        self.map_cells: list[tuple[int, int, int]] | None = None  # their (row, col, span)
        self.formula_labels: list[QLabel] = []
        self.notes_label: QLabel | None = None  # the step's notes under its formulas
        self._formula_texts: tuple = ()
        self._formula_pt = FORMULA_PT
        self._marked_formula: int | None = None
        self.selected: tuple[Quantity, tuple] | None = None
        self.last_check = None  # the CheckResult shown under the terms
        # last: the filter reads the widgets built above
        self.formula_area.viewport().installEventFilter(self)
        self.left_splitter.installEventFilter(self)
        self.maps_widget.installEventFilter(self)

    @property
    def step(self) -> Step | None:
        return None if self.walk is None else self.walk.steps[self.current]

    def show_step(self, i: int) -> None:
        self.current = i
        step = self.walk.steps[i]
        n = len(self.walk.steps)
        self.step_label.setText(f"{i + 1} / {n}")
        self.diagram.set_current(step.layer, step.direction)
        self.title_label.setText(f"<b>{html.escape(translate_msg(step.title))}</b> — "
                                 f"{html.escape(translate_msg(step.reading))}")
        self._show_formulas(step.formulas)
        self._show_maps(step)
        self.alpha_row.setVisible(step.id == "update")
        self.selected = None
        self._mark_formula(None)
        self.check_label.clear()
        self.check_button.setEnabled(False)
        if step.id == "update":
            self._show_update()
        else:
            self._show_hint(step)
        self._fit_details()

    def _formula_size(self, texts) -> float:
        """Points that fit the widest formula of the step into the formula column (between
        FORMULA_MIN_PT and FORMULA_MAX_PT; narrower columns scroll)."""
        # The column's width as if its vertical scroll bar were shown, whether it is or not:
        # measured on the viewport, which narrows when the bar appears, bigger formulas
        # brought the bar, whose narrower viewport gave smaller formulas, which took the bar
        # away, and so on: the formulas were typeset again ~500 times a second at some sizes.
        area = self.formula_area
        avail = area.contentsRect().width() - area.verticalScrollBar().sizeHint().width() - 6
        widest = max((typeset.render(t, FORMULA_PT, 100.0).shape[1] for t in texts),
                     default=1)
        pt = FORMULA_PT * avail / max(widest, 1)
        return float(np.clip(np.floor(pt * 2) / 2, FORMULA_MIN_PT, FORMULA_MAX_PT))

    def _show_formulas(self, texts) -> None:
        clear_layout(self.formula_box)
        self.formula_labels = []
        self._formula_texts = tuple(texts)
        step = self.step
        self._formula_pt = pt = self._formula_size(
            tuple(texts) + (step.formula_notes if step is not None else ()))
        for t in texts:
            lbl = self._formula_label(t, pt)
            self.formula_box.addWidget(lbl)
            self.formula_labels.append(lbl)
        self.notes_label = None
        if step is not None and step.notes:
            # what the formulas alone do not say: the mask's rule, the padding, Cbn, decay …
            self.notes_label = QLabel("\n".join("• " + translate_msg(n) for n in step.notes))
            self.notes_label.setWordWrap(True)
            # wraps to the column's width; never widens it (no sideways scrolling)
            self.notes_label.setSizePolicy(QSizePolicy.Policy.Ignored,
                                           QSizePolicy.Policy.Preferred)
            self.notes_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.formula_box.addWidget(self.notes_label)
            for t in step.formula_notes:
                self.formula_box.addWidget(self._formula_label(t, pt))
            self.apply_whats_this()  # the notes label is new
        self.formula_box.addStretch(1)
        self._mark_formula(self._marked_formula)

    def _formula_label(self, t: str, pt: float) -> QLabel:
        """One formula typeset by mathtext, its source in the tooltip."""
        dpr = self.devicePixelRatioF() or 1.0
        c = self.palette().color(QPalette.ColorRole.WindowText)
        rgba = np.ascontiguousarray(typeset.render(t, pt, 100.0 * dpr,
                                                   (c.red(), c.green(), c.blue())))
        h, w = rgba.shape[:2]
        img = QImage(rgba.data, w, h, 4 * w, QImage.Format.Format_RGBA8888).copy()
        pm = QPixmap.fromImage(img)
        pm.setDevicePixelRatio(dpr)
        lbl = QLabel()
        lbl.setPixmap(pm)
        lbl.setToolTip(t)
        lbl.setAccessibleName(QCoreApplication.translate("Accessibility", "Formula"))
        lbl.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        lbl.setAutoFillBackground(True)
        return lbl

    def _mark_formula(self, i: int | None) -> None:
        """Highlight formula i (the one that computes the selected entry) and scroll to it."""
        self._marked_formula = i
        for j, lbl in enumerate(self.formula_labels):
            pal = lbl.palette()
            base = self.palette().color(QPalette.ColorRole.Window)
            if j == i:
                hl = self.palette().color(QPalette.ColorRole.Highlight)
                base = QColor((hl.red() + 3 * base.red()) // 4, (hl.green() + 3 * base.green()) // 4,
                              (hl.blue() + 3 * base.blue()) // 4)
            pal.setColor(QPalette.ColorRole.Window, base)
            lbl.setPalette(pal)
        if i is not None and i < len(self.formula_labels):
            QTimer.singleShot(0, self, self._scroll_to_marked)  # after the layout has settled

    @Slot()
    def _scroll_to_marked(self) -> None:
        i = self._marked_formula
        if i is not None and i < len(self.formula_labels):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            self.formula_area.ensureWidgetVisible(self.formula_labels[i], 0, 4)
            self.formula_area.horizontalScrollBar().setValue(0)  # formulas start at the left

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if obj is self.formula_area.viewport() and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self, self._on_formula_area_resized)
        elif obj is self.left_splitter and event.type() in (QEvent.Type.Resize,
                                                             QEvent.Type.Show):
            QTimer.singleShot(0, self, self._fit_details)
        elif obj is self.maps_widget and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            QTimer.singleShot(0, self, self._arrange_maps)
        return super().eventFilter(obj, event)

    @Slot()
    def _on_formula_area_resized(self) -> None:
        texts = self._formula_texts
        if texts and self._formula_size(texts) != self._formula_pt:
            self._show_formulas(texts)

    def _show_maps(self, step: Step) -> None:
        clear_layout(self.maps_grid)
        self.views = []
        self.hover_label.clear()
        self.hover_label.setToolTip("")
        qs = step.quantities
        self._cell_widgets = []
        for q in qs:
            cell = QWidget()
            lay = QVBoxLayout(cell)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.setSpacing(0)
            title = QLabel(f"{translate_msg(q.text)} · {q.size}")
            title.setAlignment(Qt.AlignmentFlag.AlignCenter)
            lay.addWidget(title)
            v = HeatmapView(q.signed, cols=q.cols, describe=q.describe)
            v.setMinimumSize(*MAP_MIN_SIZE)
            self._compact_view(v)
            v.set_maps(q.maps, levels=display_levels(q))
            apply_plot_palette(v)  # new every step: the window styled only the first ones
            if q.signed:
                title.setToolTip(translate("Stepper", "Colours saturate beyond the 99th percentile of |values|; "
                                    "hover for exact numbers"))
            v.tile_clicked.connect(functools.partial(self._on_tile_clicked, q))
            v.hovered.connect(self._on_map_hovered)
            lay.addWidget(v, 1)
            self._cell_widgets.append(cell)
            self.views.append((q, v))
        self.map_cells = None  # force a placement
        self._arrange_maps()
        self.apply_whats_this()  # the maps are new at every step

    @Slot()
    def _arrange_maps(self) -> None:
        """Place the map cells in the grid that shows them largest at the current size."""
        views = self.views
        if not views:
            return
        size = self.maps_widget.size()
        sp = self.maps_grid.spacing()
        title_h = self.fontMetrics().height()  # a cell's title line
        shapes = [v.image.image.shape[:2] for _, v in views]  # the mosaics, (H, W)
        sizes = [q.maps.size for q, _ in views]
        # The grid's minimum is the default one's, whatever grid is shown: a taller grid
        # chosen for a large dock must not stop the dock from shrinking (it then changes).
        cols, rows = grid_extent(default_arrangement(sizes))
        self.maps_widget.setMinimumSize(cols * MAP_MIN_SIZE[0] + sp * (cols - 1),
                                        rows * (MAP_MIN_SIZE[1] + title_h) + sp * (rows - 1))
        if self.maps_widget.isVisible() and size.width() > 0 and size.height() > 0:
            cells = best_arrangement(shapes, sizes, size.width(), size.height(), sp,
                                     self._colorbar_width(), title_h, MAP_MIN_SIZE)
        else:
            cells = default_arrangement(sizes)
        if cells == self.map_cells:
            return
        self.map_cells = cells
        for cell in self._cell_widgets:
            self.maps_grid.removeWidget(cell)
        for cell, (r, c, span) in zip(self._cell_widgets, cells):
            self.maps_grid.addWidget(cell, r, c, 1, span)
        cols, rows = grid_extent(cells)
        for c in range(max(cols, self.maps_grid.columnCount())):
            self.maps_grid.setColumnStretch(c, 1 if c < cols else 0)
        for r in range(max(rows, self.maps_grid.rowCount())):
            self.maps_grid.setRowStretch(r, 1 if r < rows else 0)

    def _colorbar_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1.5))
        return font

    def _colorbar_width(self) -> int:
        """About what a compact colour bar takes beside its map: strip, ticks, labels."""
        return 8 + 3 + 2 + 2 + QFontMetricsF(self._colorbar_font()).horizontalAdvance("-0.0005")

    def _compact_view(self, v: HeatmapView) -> None:
        """Give a map's pixels the room: its read-out moves to the shared hover line, its colour
        bar gets a narrow strip and small tick labels, and the margins go."""
        v.ci.removeItem(v.readout)  # HeatmapView still writes to it; nothing shows it
        v.ci.layout.setContentsMargins(0, 0, 0, 0)
        v.ci.layout.setHorizontalSpacing(2)
        bar = v.colorbar
        if bar is not None:
            bar.set_strip_width(8)  # the colour strip itself
            bar.axis.setStyle(tickFont=self._colorbar_font(), tickTextOffset=2, tickLength=3)
            bar.axis.setWidth(None)  # as wide as its tick labels, not a fixed 45 pixels

    @Slot(str)
    def _on_map_hovered(self, text: str) -> None:
        self.hover_label.setText(text)
        self.hover_label.setToolTip(text)

    def _show_hint(self, step: Step) -> None:
        self.terms_view.clear()
        self.show_terms_header()
        header = self.terms_view.header()
        for c in (0, 1):  # the softmax table narrows column 0: give "term" its width back
            header.resizeSection(c, header.defaultSectionSize())
        if step.direction == "forward":
            self.entry_label.setText(translate("Stepper", "J = −log y_z = {0:.6g}. Click a tile to see the terms "
                                        "of its sum.").format(self.walk.J))
        else:
            self.entry_label.setText(translate("Stepper", "Click a tile of a map to see the terms of its sum, "
                                        "largest first, then Check it."))
        if step.id == "softmax":  # the ten numbers at a glance: δ(f7ᵢ) = yᵢ − zᵢ
            self.terms_view.setHeaderLabels([translate("Stepper", "i"), translate("Stepper", "δ(f7ᵢ)"),
                                             translate("Stepper", "yᵢ − zᵢ")])
            y, z, d = self.walk.t["y"], self.walk.z, self.walk.g["delta_f7"]
            for i in range(10):
                item = QTreeWidgetItem([str(i), f"{float(d[i]):+.4e}",
                                        f"{float(y[i]):.4f} − {int(z[i])}"])
                item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
                self.terms_view.addTopLevelItem(item)
            self.terms_view.resizeColumnToContents(0)

    def _show_update(self) -> None:
        r = self.walk.last_update
        change = (r.J_after - r.J_before) / r.J_before if r.J_before else 0.0
        before, after = fmt_J(r.J_before, r.J_after)
        self.j_label.setText(translate("Stepper", "J: {0} → {1} ({2:+.1%})").format(
            before, after, change))
        self.entry_label.setText(translate("Stepper", "How each kernel changed: ‖Δθ‖ per layer and per "
                                    "kernel (click a tile for one weight)."))
        t = self.terms_view
        t.clear()
        t.setRootIsDecorated(True)
        t.setHeaderLabels([translate("Stepper", "parameters"), translate("Stepper", "‖Δθ‖"),
                           translate("Stepper", "‖Δθ‖ / ‖θ‖")])
        table = self.walk.net.table
        for name, label in (("w1", "C1"), ("b1", "C1"), ("a2", "S2"), ("b2", "S2"),
                            ("w3", "C3"), ("b3", "C3"), ("a4", "S4"), ("b4", "S4"),
                            ("w5", "C5"), ("b5", "C5"), ("w6", "F6"), ("b6", "F6"),
                            ("w7", "F7"), ("b7", "F7")):
            if name not in r.delta:
                continue
            d, p = r.delta[name], r.before[name]
            nd, npar = float(np.linalg.norm(d)), float(np.linalg.norm(p))
            item = QTreeWidgetItem([f"{label} {name}", f"{nd:.3e}",
                                    f"{nd / npar:.2e}" if npar else "—"])
            t.addTopLevelItem(item)
            kc = r.kernel_change.get(name)
            if kc is None:
                continue
            for idx in np.ndindex(kc.shape):
                if name == "w3" and not table[idx]:
                    continue
                kname = {"w1": lambda i: f"w1⁽{i[0]}⁾", "w3": lambda i: f"w3⁽{i[1]},{i[0]}⁾",
                         "w5": lambda i: f"w5⁽{i[1]},{i[0]}⁾",
                         "w6": lambda i: translate("Stepper", "w6 row {0}").format(i[0]),
                         "w7": lambda i: translate("Stepper", "w7 row {0}").format(i[0])}[name](idx)
                kp = np.linalg.norm(p[idx])
                child = QTreeWidgetItem([kname, f"{kc[idx]:.3e}",
                                         f"{kc[idx] / kp:.2e}" if kp else "—"])
                item.addChild(child)
            if name in ("w1", "w3"):
                item.setExpanded(name == "w1")
        t.resizeColumnToContents(0)

    # ------------------------------------------------------------------ selection and checks

    def _on_tile_clicked(self, q: Quantity, tile: int, row: int, col: int) -> None:
        self.select(q, q.locate(tile, row, col))

    def select(self, q: Quantity, index: tuple) -> None:
        """Show how entry `index` of quantity `q` was computed."""
        self.selected = (q, tuple(int(i) for i in index))
        self._mark_formula(formula_index(self.step, q.key))
        b = self.walk.breakdown(q.key, self.selected[1])
        t = self.terms_view
        t.clear()
        t.setRootIsDecorated(False)
        self.show_terms_header()
        count = len(b.terms)
        if b.summed and count > 1:
            head = translate("Stepper", "{0} = {1:.6g}: {2} terms, largest first (sum {3:.6g})").format(
                b.name, b.value, count, b.total)
        else:
            head = translate("Stepper", "{0} = {1:.6g}").format(b.name, b.value)
        self.entry_label.setToolTip(f"{b.name} = {translate_msg(b.rule)}")
        if b.note:
            head += "\n" + translate_msg(b.note)
        self.entry_label.setText(head)
        for term in b.terms[:MAX_TERM_ROWS]:
            factors = " × ".join(f"{v:.4g}" for v in term.factors) if len(term.factors) > 1 \
                else ""
            item = QTreeWidgetItem([translate_msg(term.text), f"{term.value:+.4e}", factors])
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
            t.addTopLevelItem(item)
        if count > MAX_TERM_ROWS:
            rest = float(np.sum([x.value for x in b.terms[MAX_TERM_ROWS:]]))
            t.addTopLevelItem(QTreeWidgetItem([translate("Stepper", "… {0} smaller terms").format(
                count - MAX_TERM_ROWS), f"{rest:+.4e}", ""]))
        t.resizeColumnToContents(0)
        t.resizeColumnToContents(1)
        self.check_label.clear()
        self.check_button.setEnabled(self._check_target() is not None)
        self._fit_details()

    def _check_target(self) -> tuple[str, tuple] | None:
        if self.selected is None:
            return None
        q, idx = self.selected
        if q.key.startswith("update_"):
            return q.key.removeprefix("update_"), idx
        if q.key == "saliency":
            return "delta_x", (0,) + idx
        return (q.key, idx) if q.checkable else None

    @Slot()
    def run_check(self) -> None:
        target = self._check_target()
        if target is None or self.walk is None:
            return
        c = self.walk.check(*target)
        text = translate("Stepper", "analytic {0:.6e} · numeric {1:.6e} · relative error {2:.1e}").format(
            c.analytic, c.numeric, c.rel_error)
        if c.points == 5:
            tip = translate("Stepper", "{0}: δ from the model's backward pass in float64 against "
                            "the five-point difference (−J(θ+2h) + 8·J(θ+h) − 8·J(θ−h) + "
                            "J(θ−2h)) / 12h, h = {1:g}").format(c.name, c.h)
        else:
            tip = translate("Stepper", "{0}: δ from the model's backward pass in float64 against "
                            "the central difference (J(θ+h) − J(θ−h)) / 2h, h = {1:g} (ReLU: "
                            "a tiny h stays off its kinks)").format(c.name, c.h)
        self.check_label.setToolTip(tip)
        if c.kink:
            text += "\n" + translate("Stepper", "J has a kink here (a max-pooling tie or a ReLU at 0): the "
                              "one-sided slopes differ, so no derivative exists.")
        self.check_label.setText(text)
        self.last_check = c
        self._fit_details()

