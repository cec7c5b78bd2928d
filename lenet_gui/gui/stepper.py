"""The backprop stepper dock: one sample's backpropagation, formula by formula, in the
course's order, with the numbers of the current weights.

Everything it shows comes from `lenet_gui.explain.walk.BackpropWalk`, which runs the
model's own forward and backward once; this module only lays it out.
"""

from __future__ import annotations

import functools
import html
import math

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, QSize, Qt, QTimer, Slot
from PySide6.QtGui import (QColor, QFont, QFontMetricsF, QImage, QKeySequence, QPainter, QPalette,
                           QPen, QPixmap, QShortcut)
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDoubleSpinBox, QGridLayout,
                               QHBoxLayout, QHeaderView, QLabel, QPushButton, QScrollArea,
                               QSizePolicy, QSpinBox, QSplitter, QStyle, QToolButton,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from lenet_gui.explain import typeset
from lenet_gui.explain.formulas import formula_index
from lenet_gui.explain.walk import BackpropWalk, Quantity, Step
from lenet_gui.gui.heatmap import HeatmapView
from lenet_gui.gui.state import AppState, Probe
from lenet_gui.gui.theme import apply_plot_palette
from lenet_gui.model import LeNet5

MAX_TERM_ROWS = 400  # all terms of any δ(s2) (≤ 400); δ(w1) sums 784: the largest, then the rest
FORMULA_PT = 10.0  # reference formula size in points (at 100 dpi, times the pixel ratio)
FORMULA_MIN_PT = 7.0  # below this the column scrolls instead (7 pt: 9.7 px at 100 dpi)
FORMULA_MAX_PT = 13.0
MAP_MIN_SIZE = (90, 60)  # a map view's smallest size, colour bar included
MAX_SCALE = 8.0  # screen pixels per map value beyond which a map gains nothing


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


def grid_extent(cells: list[tuple[int, int, int]]) -> tuple[int, int]:
    """(columns, rows) that (row, col, span) cells occupy."""
    return max(c + span for _, c, span in cells), max(r for r, _, _ in cells) + 1


def default_arrangement(sizes: list[int]) -> list[tuple[int, int, int]]:
    """(row, col, column span) of n maps before their size is known: up to three columns; of
    three maps, the largest (ties: the later) gets the whole top row."""
    n = len(sizes)
    if n == 3:
        big = max(range(3), key=lambda i: (sizes[i], i))
        others = iter((1, c, 1) for c in range(2))
        return [(0, 0, 2) if i == big else next(others) for i in range(3)]
    cols = 1 if n == 1 else 2 if n <= 4 else 3
    return [divmod(i, cols) + (1,) for i in range(n)]


def best_arrangement(shapes: list[tuple[int, int]], sizes: list[int], width: int, height: int,
                     spacing: int, bar: float, title: float,
                     min_view: tuple[int, int] = (0, 0)) -> list[tuple[int, int, int]]:
    """The placement of the maps in a width × height grid that shows their values largest.

    Each mosaic (pixel shape (H, W)) keeps its aspect beside a colour bar `bar` pixels wide,
    under a title `title` pixels high, in a cell no smaller than `min_view` (w, h). The score
    sums, over the maps, their number of values times log(screen pixels per value), the scale
    capped at MAX_SCALE: the maps with the most values get the room, and a strip of ten values
    gains nothing from being drawn huge. Candidates: 1 to 4 columns filled row by row, and for
    three maps the largest spanning the top row.

    Shapes: shapes n × (H, W), sizes n -> n × (row, col, span)
    """
    n = len(shapes)
    candidates = [[divmod(i, cols) + (1,) for i in range(n)] for cols in range(1, min(n, 4) + 1)]
    if n == 3:
        candidates.append(default_arrangement(sizes))
    best, best_score = default_arrangement(sizes), -math.inf
    for cells in candidates:
        cols, rows = grid_extent(cells)
        cw = (width - spacing * (cols - 1)) / cols
        ch = (height - spacing * (rows - 1)) / rows - title
        if cw < min_view[0] or ch < min_view[1]:
            continue  # the grid would outgrow the dock
        score = 0.0
        for (h, w), size, (_, _, span) in zip(shapes, sizes, cells):
            scale = min((cw * span + spacing * (span - 1) - bar) / w, ch / h, MAX_SCALE)
            if scale <= 0:
                score = -math.inf
                break
            score += size * math.log(scale)
        if score > best_score + 1e-9:
            best, best_score = cells, score
    return best


def _clear_layout(layout) -> None:
    """Take every item out of `layout`; its widgets are hidden and deleted later."""
    while layout.count():
        w = layout.takeAt(0).widget()
        if w is not None:
            w.hide()
            w.setParent(None)
            w.deleteLater()


class NetworkDiagram(QWidget):
    """INPUT → C1 → … → F7 → y as a row of boxes, the current step's layer highlighted.

    Each box is as wide as its name plus a margin, and space beyond that is shared equally, so
    no name is ever clipped. Below the comfortable width the margins and the arrows' gaps
    shrink, down to the minimum size hint.
    """

    LAYERS = (("input", "INPUT"), ("c1", "C1"), ("s2", "S2"), ("c3", "C3"), ("s4", "S4"),
              ("c5", "C5"), ("f6", "F6"), ("f7", "F7"), ("softmax", "y, J"))
    PAD = (2.0, 4.0)  # pixels between a name and its box's edge, each side: least, comfortable
    GAP = (6.0, 8.0)  # pixels between boxes, for the arrow: least, comfortable

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.current = ""
        self.direction = "forward"
        self.setMinimumHeight(24)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def box_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(9.0, font.pointSizeF()))
        return font

    def _text_widths(self) -> list[float]:
        fm = QFontMetricsF(self.box_font())
        return [fm.horizontalAdvance(text) for _, text in self.LAYERS]

    def _width_with(self, pad: float, gap: float) -> float:
        n = len(self.LAYERS)
        return sum(self._text_widths()) + n * 2 * pad + (n - 1) * gap + 1

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(math.ceil(self._width_with(self.PAD[0], self.GAP[0])) + 1, 24)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(max(340, math.ceil(self._width_with(self.PAD[1], self.GAP[1])) + 1), 26)

    def box_rects(self) -> list[tuple[str, str, QRectF]]:
        """(layer key, name, box) for each box at the current width."""
        n = len(self.LAYERS)
        least = self._width_with(self.PAD[0], self.GAP[0])
        comfortable = self._width_with(self.PAD[1], self.GAP[1])
        f = min(max((self.width() - least) / (comfortable - least), 0.0), 1.0)
        pad = self.PAD[0] + f * (self.PAD[1] - self.PAD[0])
        gap = self.GAP[0] + f * (self.GAP[1] - self.GAP[0])
        widths = [t + 2 * pad for t in self._text_widths()]
        extra = max(0.0, self.width() - 1 - gap * (n - 1) - sum(widths)) / n
        h = self.height() - 2.0
        rects, x = [], 0.5
        for (key, text), w in zip(self.LAYERS, widths):
            rects.append((key, text, QRectF(x, 1.0, w + extra, h)))
            x += w + extra + gap
        return rects

    def set_current(self, layer: str, direction: str) -> None:
        self.current, self.direction = layer, direction
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        p.setFont(self.box_font())
        rects = self.box_rects()
        for i, (key, text, rect) in enumerate(rects):
            on = self.current == "all" or key == self.current
            p.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
            p.setBrush(pal.color(QPalette.ColorRole.Highlight) if on
                       else pal.color(QPalette.ColorRole.Base))
            p.drawRoundedRect(rect, 3, 3)
            p.setPen(pal.color(QPalette.ColorRole.HighlightedText) if on
                     else pal.color(QPalette.ColorRole.Text))
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
            if i < len(rects) - 1:  # arrow in the current direction between boxes
                p.setPen(QPen(pal.color(QPalette.ColorRole.Text), 1))
                y = rect.center().y()
                a, b = rect.right() + 1.5, rects[i + 1][2].left() - 1.5
                if self.direction == "backward":
                    a, b = b, a
                p.drawLine(QPointF(a, y), QPointF(b, y))
                s = 2.5 if b > a else -2.5
                p.drawLine(QPointF(b, y), QPointF(b - s, y - 2.5))
                p.drawLine(QPointF(b, y), QPointF(b - s, y + 2.5))
        p.end()


class ElidedLabel(QLabel):
    """A one-line label that ends in "…" where its text does not fit; text() stays whole (the
    caller puts it in the tooltip)."""

    def __init__(self, text: str = "", parent=None) -> None:
        super().__init__(text, parent)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.fontMetrics().horizontalAdvance("…") * 4, super().sizeHint().height())

    def shown_text(self) -> str:
        """The text as painted at the current width."""
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight,
                                             self.contentsRect().width())

    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        self.style().drawItemText(p, self.contentsRect(), int(self.alignment()), self.palette(),
                                  self.isEnabled(), self.shown_text(), self.foregroundRole())
        p.end()


class CompactButton(QPushButton):
    """A push button as wide as its text needs: the style's 80-pixel minimum for text buttons
    would leave the sample row no room at the dock's default width."""

    def sizeHint(self) -> QSize:  # noqa: N802
        hint = super().sizeHint()
        w = self.fontMetrics().horizontalAdvance(self.text()) + 14  # 7 pixels each side
        return QSize(min(hint.width(), w), hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.sizeHint()


class StepperPanel(QWidget):
    """A dock's content: pick a sample and a label, then step through the backward pass."""

    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.walk: BackpropWalk | None = None
        self.current = 0
        self.mode = "test"  # "test": the test index box; "probe": the app's probe sample
        self.views: list[tuple[Quantity, HeatmapView]] = []
        self._cell_widgets: list[QWidget] = []  # a title over a view, one per quantity
        self.map_cells: list[tuple[int, int, int]] | None = None  # their (row, col, span)
        self.formula_labels: list[QLabel] = []
        self.selected: tuple[Quantity, tuple] | None = None
        self._net: LeNet5 | None = None
        self._rng = np.random.default_rng()
        self._building = False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._build_ui()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._on_tick)
        for key, slot in ((Qt.Key.Key_Right, self.next_step), (Qt.Key.Key_Left, self.prev_step),
                          (Qt.Key.Key_Home, self.first_step), (Qt.Key.Key_End, self.last_step)):
            sc = QShortcut(QKeySequence(key), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)
        state.data_loaded.connect(self._on_data_loaded)
        state.weights_changed.connect(self._on_weights_changed)
        state.probe_changed.connect(self._on_probe_changed)
        if state.data is not None:
            self._on_data_loaded(state.data)
        self.rebuild()

    # ------------------------------------------------------------------ layout

    def _build_ui(self) -> None:
        style = self.style()
        root = QVBoxLayout(self)
        root.setContentsMargins(4, 4, 4, 4)
        root.setSpacing(3)

        row = QHBoxLayout()
        row.setSpacing(3)
        row.addWidget(QLabel(translate("Stepper", "Sample:")))
        self.index_spin = QSpinBox()
        self.index_spin.setPrefix(translate("Stepper", "test #"))
        self.index_spin.setRange(0, 9999)
        self.index_spin.setKeyboardTracking(False)
        self.index_spin.setToolTip(translate("Stepper", "Index of the test image"))
        self.index_spin.valueChanged.connect(self._on_index_changed)
        row.addWidget(self.index_spin)
        self.random_button = CompactButton(translate("Stepper", "Random"))
        self.random_button.setToolTip(translate("Stepper", "A random test image"))
        self.random_button.clicked.connect(self._on_random)
        row.addWidget(self.random_button)
        self.probe_button = CompactButton(translate("Stepper", "Probe"))
        self.probe_button.setToolTip(translate("Stepper", "Use the probe sample of the other panels, or the "
                                        "canvas drawing"))
        self.probe_button.clicked.connect(self._on_use_probe)
        row.addWidget(self.probe_button)
        row.addWidget(QLabel(translate("Stepper", "label z:")))
        self.label_combo = QComboBox()
        self.label_combo.addItems([str(k) for k in range(10)])
        self.label_combo.setToolTip(translate("Stepper", "The target digit z of J = −Σ zᵢ log yᵢ"))
        self.label_combo.currentIndexChanged.connect(self._on_label_changed)
        row.addWidget(self.label_combo)
        self.sample_label = ElidedLabel()  # "true 7 · predicted 7 (100%)", whole in the tooltip
        row.addWidget(self.sample_label, 1)
        self.refresh_button = CompactButton(translate("Stepper", "Refresh weights"))
        self.refresh_button.setToolTip(translate("Stepper", "Re-read the current weights (paused training or "
                                          "the loaded checkpoint)"))
        self.refresh_button.clicked.connect(self.refresh_weights)
        row.addWidget(self.refresh_button)
        root.addLayout(row)

        row = QHBoxLayout()
        row.setSpacing(2)

        def tool(icon, tip, slot):
            b = QToolButton()
            b.setIcon(style.standardIcon(icon))
            b.setToolTip(tip)
            b.setAutoRaise(True)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(slot)
            row.addWidget(b)
            return b

        SP = QStyle.StandardPixmap
        self.first_button = tool(SP.SP_MediaSkipBackward, translate("Stepper", "First step (Home)"), self.first_step)
        self.prev_button = tool(SP.SP_MediaSeekBackward, translate("Stepper", "Previous step (←)"), self.prev_step)
        self.next_button = tool(SP.SP_MediaSeekForward, translate("Stepper", "Next step (→)"), self.next_step)
        self.last_button = tool(SP.SP_MediaSkipForward, translate("Stepper", "Last step (End)"), self.last_step)
        self.play_button = tool(SP.SP_MediaPlay, translate("Stepper", "Play the steps"), self._on_play)
        self.play_button.setCheckable(True)
        self.speed_spin = QDoubleSpinBox()
        self.speed_spin.setRange(0.2, 20.0)
        self.speed_spin.setSingleStep(0.5)
        self.speed_spin.setValue(2.0)
        self.speed_spin.setSuffix(translate("Stepper", " s/step"))
        self.speed_spin.setToolTip(translate("Stepper", "Seconds per step while playing"))
        self.speed_spin.valueChanged.connect(self._on_speed_changed)
        row.addWidget(self.speed_spin)
        self.step_label = QLabel()
        self.step_label.setMinimumWidth(self.step_label.fontMetrics().horizontalAdvance("00 / 00") + 4)
        self.step_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row.addWidget(self.step_label)
        self.diagram = NetworkDiagram()
        row.addWidget(self.diagram, 1)
        root.addLayout(row)

        self.title_label = QLabel()  # "<b>title</b> — reading", one or two lines
        self.title_label.setWordWrap(True)
        self.title_label.setTextFormat(Qt.TextFormat.RichText)
        root.addWidget(self.title_label)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        root.addWidget(self.splitter, 1)

        left = QSplitter(Qt.Orientation.Vertical)
        self.left_splitter = left
        self.formula_area = QScrollArea()
        self.formula_area.setWidgetResizable(True)
        self.formula_area.setFrameShape(QScrollArea.Shape.NoFrame)
        box = QWidget()
        self.formula_box = QVBoxLayout(box)
        self.formula_box.setContentsMargins(2, 2, 2, 2)
        self.formula_box.setSpacing(2)
        self.formula_area.setWidget(box)
        left.addWidget(self.formula_area)

        details = QWidget()
        self.details = details
        dl = QVBoxLayout(details)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.setSpacing(2)
        self.alpha_row = QWidget()
        ar = QHBoxLayout(self.alpha_row)
        ar.setContentsMargins(0, 0, 0, 0)
        ar.addWidget(QLabel(translate("Stepper", "α:")))
        ar.itemAt(0).widget().setToolTip(translate("Stepper", "learning rate"))
        self.alpha_spin = QDoubleSpinBox()
        self.alpha_spin.setDecimals(4)
        self.alpha_spin.setRange(0.0001, 5.0)
        self.alpha_spin.setSingleStep(0.005)
        self.alpha_spin.setValue(0.01)
        self.alpha_spin.setKeyboardTracking(False)
        self.alpha_spin.valueChanged.connect(self._on_alpha_changed)
        ar.addWidget(self.alpha_spin)
        self.j_label = QLabel()
        self.j_label.setWordWrap(True)
        self.j_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        ar.addWidget(self.j_label, 1)
        dl.addWidget(self.alpha_row)
        self.entry_label = QLabel()
        self.entry_label.setWordWrap(True)
        self.entry_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        dl.addWidget(self.entry_label)
        self.terms_view = QTreeWidget()
        self.terms_view.setRootIsDecorated(False)
        self.terms_view.setUniformRowHeights(True)
        self.terms_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.terms_view.setHeaderLabels([translate("Stepper", "term"), translate("Stepper", "value"), translate("Stepper", "factors")])
        self.terms_view.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.terms_view.header().setStretchLastSection(True)
        dl.addWidget(self.terms_view, 1)
        crow = QHBoxLayout()
        crow.setSpacing(4)
        self.check_button = QPushButton(translate("Stepper", "Check"))
        self.check_button.setToolTip(translate("Stepper", "Compare with a central finite difference of J in "
                                        "float64 on the same sample"))
        self.check_button.clicked.connect(self.run_check)
        crow.addWidget(self.check_button)
        self.check_label = QLabel()
        self.check_label.setWordWrap(True)
        self.check_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        crow.addWidget(self.check_label, 1)
        dl.addLayout(crow)
        self._check_row = crow
        left.addWidget(details)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 2)
        left.setSizes(list(self.LEFT_SHARES))  # in proportion to the stretch: kept at any height
        self._left_moved = False  # True once the user drags the handle: then it stays put
        left.splitterMoved.connect(self._on_left_splitter_moved)
        self.terms_view.setMinimumHeight(48)
        self.splitter.addWidget(left)

        maps_column = QWidget()
        mc = QVBoxLayout(maps_column)
        mc.setContentsMargins(0, 0, 0, 0)
        mc.setSpacing(0)
        self.maps_widget = QWidget()
        self.maps_grid = QGridLayout(self.maps_widget)
        self.maps_grid.setContentsMargins(0, 0, 0, 0)
        self.maps_grid.setSpacing(2)
        mc.addWidget(self.maps_widget, 1)
        # One read-out line for all maps instead of one under each: two rows of maps gain
        # about 40 pixels of height at the dock's default size.
        self.hover_label = ElidedLabel()
        self.hover_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        mc.addWidget(self.hover_label)
        self.splitter.addWidget(maps_column)
        # The maps get the larger share; the formulas shrink to fit their column (at 628 pixels,
        # the forward pass's widest formula just fits at FORMULA_MIN_PT).
        self.splitter.setStretchFactor(0, 9)
        self.splitter.setStretchFactor(1, 11)
        self.splitter.setSizes([450, 550])  # in proportion to the stretch: kept at any width
        # last: the filter reads the attributes set above
        self.formula_area.viewport().installEventFilter(self)
        left.installEventFilter(self)
        self.maps_widget.installEventFilter(self)

    LEFT_SHARES = (300, 200)  # formulas : details, while the user has not moved the handle

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(700, 420)

    @Slot(int, int)
    def _on_left_splitter_moved(self, pos: int, index: int) -> None:
        self._left_moved = True

    @Slot()
    def _fit_details(self) -> None:
        """Give the details below the formulas (α, the entry, the terms, Check) the height their
        wrapped text needs at the current width, taken from the formulas (which scroll):
        QSplitter knows nothing of word wrap, and the Check row used to cover the terms."""
        d, left = self.details, self.left_splitter
        w = d.width()
        if not left.isVisible() or w <= 0:
            return  # hidden widgets have no real size yet; showing the column calls this again
        row = self._check_row
        for lay in (self.alpha_row.layout(), row):
            lay.invalidate()  # they cache a height for a width, from before the new text
        parts = [wid.heightForWidth(w) if wid.hasHeightForWidth() else wid.sizeHint().height()
                 for wid in (self.alpha_row, self.entry_label) if not wid.isHidden()]
        parts.append(self.terms_view.minimumHeight())
        parts.append(row.heightForWidth(w) if row.hasHeightForWidth() else row.sizeHint().height())
        need = sum(parts) + d.layout().spacing() * (len(parts) - 1)
        total = left.height() - left.handleWidth()
        # never more than the column has: the dock would grow instead
        need = min(need, max(0, total - self.formula_area.minimumSizeHint().height()))
        d.setMinimumHeight(need)
        if not self._left_moved:
            a, b = self.LEFT_SHARES
            top = total * a // (a + b)
            if total - top < need:
                top = total - need
            left.setSizes([top, total - top])

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
        snap = self.state.snapshot
        if snap is None:
            return None
        if self._net is None:
            net = LeNet5(snap.config)
            net.set_params(snap.params)
            self._net = net
        return self._net

    @Slot()
    def refresh_weights(self) -> None:
        self._net = None
        self.rebuild(keep_label=True)

    def rebuild(self, keep_label: bool = False) -> None:
        """Run the walk for the current sample, label and weights; stay on the same step."""
        net, sample = self._network(), self._sample()
        if net is None or sample is None:
            self.walk = None
            self.title_label.setText(translate("Stepper", "Waiting for weights and data: train, or open a "
                                        "checkpoint, then press Refresh weights."))
            self._set_enabled(False)
            return
        x, known, source = sample
        if not keep_label:
            label = known if known is not None else int(np.argmax(net.predict(x)[0]))
            self._building = True
            self.label_combo.setCurrentIndex(label)
            self._building = False
        label = self.label_combo.currentIndex()
        self.walk = BackpropWalk(net, x, label, alpha=self.alpha_spin.value())
        y = self.walk.t["y"]
        pred = int(np.argmax(y))
        truth = translate("Stepper", "true {0}").format(known) if known is not None else translate("Stepper", "no label")
        text = translate("Stepper", "{0} · predicted {1} ({2:.0%})").format(truth, pred, float(y[pred]))
        if self.mode == "probe":
            text = f"{source} · {text}"
        self.sample_label.setText(text)
        self.sample_label.setToolTip(self.sample_label.text())
        self.refresh_button.setText(translate("Stepper", "Refresh weights"))
        self._set_enabled(True)
        self.show_step(min(self.current, len(self.walk.steps) - 1))

    def _set_enabled(self, on: bool) -> None:
        for w in (self.first_button, self.prev_button, self.next_button, self.last_button,
                  self.play_button, self.check_button):
            w.setEnabled(on)

    @Slot(object)
    def _on_data_loaded(self, data) -> None:
        self.index_spin.setMaximum(len(data.test_labels) - 1)
        if self.walk is None:
            self.rebuild()

    @Slot(object)
    def _on_weights_changed(self, snapshot) -> None:
        if self.walk is None:
            self.rebuild()
        else:  # a walk in progress stays on its weights until the user refreshes
            self.refresh_button.setText(translate("Stepper", "Refresh weights •"))
            self.refresh_button.setToolTip(translate("Stepper", "Newer weights are available"))

    @Slot(object)
    def _on_probe_changed(self, probe) -> None:
        if self.mode == "probe":
            self.rebuild()

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

    # ------------------------------------------------------------------ showing a step

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
        avail = self.formula_area.viewport().width() - 6  # the box's margins, and a little
        widest = max((typeset.render(t, FORMULA_PT, 100.0).shape[1] for t in texts),
                     default=1)
        pt = FORMULA_PT * avail / max(widest, 1)
        return float(np.clip(np.floor(pt * 2) / 2, FORMULA_MIN_PT, FORMULA_MAX_PT))

    def _show_formulas(self, texts) -> None:
        _clear_layout(self.formula_box)
        self.formula_labels = []
        self._formula_texts = tuple(texts)
        self._formula_pt = pt = self._formula_size(texts)
        dpr = self.devicePixelRatioF() or 1.0
        c = self.palette().color(QPalette.ColorRole.WindowText)
        for t in texts:
            rgba = np.ascontiguousarray(typeset.render(t, pt, 100.0 * dpr,
                                                       (c.red(), c.green(), c.blue())))
            h, w = rgba.shape[:2]
            img = QImage(rgba.data, w, h, 4 * w, QImage.Format.Format_RGBA8888).copy()
            pm = QPixmap.fromImage(img)
            pm.setDevicePixelRatio(dpr)
            lbl = QLabel()
            lbl.setPixmap(pm)
            lbl.setToolTip(t)
            lbl.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            lbl.setAutoFillBackground(True)
            self.formula_box.addWidget(lbl)
            self.formula_labels.append(lbl)
        self.formula_box.addStretch(1)
        self._mark_formula(getattr(self, "_marked_formula", None))

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
            QTimer.singleShot(0, self._scroll_to_marked)  # after the layout has settled

    @Slot()
    def _scroll_to_marked(self) -> None:
        i = self._marked_formula
        if i is not None and i < len(self.formula_labels):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            self.formula_area.ensureWidgetVisible(self.formula_labels[i], 0, 4)
            self.formula_area.horizontalScrollBar().setValue(0)  # formulas start at the left

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if obj is self.formula_area.viewport() and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self._on_formula_area_resized)
        elif obj is self.left_splitter and event.type() in (QEvent.Type.Resize,
                                                             QEvent.Type.Show):
            QTimer.singleShot(0, self, self._fit_details)
        elif obj is self.maps_widget and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            QTimer.singleShot(0, self, self._arrange_maps)
        return super().eventFilter(obj, event)

    @Slot()
    def _on_formula_area_resized(self) -> None:
        texts = getattr(self, "_formula_texts", ())
        if texts and self._formula_size(texts) != self._formula_pt:
            self._show_formulas(texts)

    def _show_maps(self, step: Step) -> None:
        _clear_layout(self.maps_grid)
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
            title = QLabel(f"{q.text} · {q.size}")
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
            bar.layout.setColumnFixedWidth(1, 8)  # the colour strip itself
            bar.axis.setStyle(tickFont=self._colorbar_font(), tickTextOffset=2, tickLength=3)
            bar.axis.setWidth(None)  # as wide as its tick labels, not a fixed 45 pixels

    @Slot(str)
    def _on_map_hovered(self, text: str) -> None:
        self.hover_label.setText(text)
        self.hover_label.setToolTip(text)

    def _show_hint(self, step: Step) -> None:
        self.terms_view.clear()
        self.terms_view.setHeaderLabels([translate("Stepper", "term"), translate("Stepper", "value"), translate("Stepper", "factors")])
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
            self.terms_view.setHeaderLabels([translate("Stepper", "i"), translate("Stepper", "δ(f7ᵢ)"), translate("Stepper", "yᵢ − zᵢ")])
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
        self.j_label.setText(translate("Stepper", "J: {0:.6g} → {1:.6g} ({2:+.1%})").format(
            r.J_before, r.J_after, change))
        self.entry_label.setText(translate("Stepper", "How each kernel changed: ‖Δθ‖ per layer and per "
                                    "kernel (click a tile for one weight)."))
        t = self.terms_view
        t.clear()
        t.setRootIsDecorated(True)
        t.setHeaderLabels([translate("Stepper", "parameters"), translate("Stepper", "‖Δθ‖"), translate("Stepper", "‖Δθ‖ / ‖θ‖")])
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
                         "w5": lambda i: f"w5⁽{i[1]},{i[0]}⁾", "w6": lambda i: f"w6 row {i[0]}",
                         "w7": lambda i: f"w7 row {i[0]}"}[name](idx)
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
        t.setHeaderLabels([translate("Stepper", "term"), translate("Stepper", "value"), translate("Stepper", "factors")])
        count = len(b.terms)
        if b.summed and count > 1:
            head = translate("Stepper", "{0} = {1:.6g}: {2} terms, largest first (sum {3:.6g})").format(
                b.name, b.value, count, b.total)
        else:
            head = translate("Stepper", "{0} = {1:.6g}").format(b.name, b.value)
        self.entry_label.setToolTip(f"{b.name} = {b.rule}")
        if b.note:
            head += "\n" + translate_msg(b.note)
        self.entry_label.setText(head)
        for term in b.terms[:MAX_TERM_ROWS]:
            factors = " × ".join(f"{v:.4g}" for v in term.factors) if len(term.factors) > 1 \
                else ""
            item = QTreeWidgetItem([term.text, f"{term.value:+.4e}", factors])
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
        self.check_label.setToolTip(translate("Stepper", "{0}: δ from the model's backward pass in float64 "
                                       "against (J(θ+h) − J(θ−h)) / 2h, h = {1:g}").format(
            c.name, c.h))
        if c.kink:
            text += "\n" + translate("Stepper", "J has a kink here (a max-pooling tie or a ReLU at 0): the "
                              "one-sided slopes differ, so no derivative exists.")
        self.check_label.setText(text)
        self.last_check = c
        self._fit_details()

    @Slot(float)
    def _on_alpha_changed(self, alpha: float) -> None:
        if self.walk is None:
            return
        self.walk.set_alpha(alpha)
        if self.step is not None and self.step.id == "update":
            self.show_step(self.current)
