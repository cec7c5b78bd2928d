"""The stepper's widgets: the sample row, the step controls with the step strip, the step's
title, the formula column over the details (α, the selected entry's terms, Check) and the
maps. Built and laid out here, with their fixed texts; what they show comes later."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QStyle,
    QToolButton,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from lenet_gui.gui.panels._base import Panel
from lenet_gui.gui.panels.stepper.diagram import NetworkDiagram
from lenet_gui.gui.panels.stepper.widgets import CompactButton, ElidedLabel
from lenet_gui.gui.state import AppState
from lenet_gui.gui.widgets.scroll import VerticalScroll

translate = QCoreApplication.translate


class StepperWidgets(Panel):
    """The stepper's widgets and their fixed texts (the language's); no behaviour."""

    LEFT_SHARES = (300, 200)  # formulas : details, while the user has not moved the handle

    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(state, parent)
        self._build_ui()

    def _build_ui(self) -> None:
        style = self.style()
        root = QVBoxLayout(self)
        root.setContentsMargins(4, 4, 4, 4)
        root.setSpacing(3)

        row = QHBoxLayout()
        row.setSpacing(3)
        self.sample_caption = QLabel()
        row.addWidget(self.sample_caption)
        self.index_spin = QSpinBox()
        self.index_spin.setRange(0, 9999)
        self.index_spin.setKeyboardTracking(False)
        row.addWidget(self.index_spin)
        self.random_button = CompactButton()
        row.addWidget(self.random_button)
        self.probe_button = CompactButton()
        row.addWidget(self.probe_button)
        self.label_caption = QLabel()
        row.addWidget(self.label_caption)
        self.label_combo = QComboBox()
        self.label_combo.addItems([str(k) for k in range(10)])
        row.addWidget(self.label_combo)
        self.sample_label = ElidedLabel()  # "true 7 · predicted 7 (100%)", whole in the tooltip
        row.addWidget(self.sample_label, 1)
        self.refresh_button = CompactButton()
        row.addWidget(self.refresh_button)
        root.addLayout(row)

        row = QHBoxLayout()
        row.setSpacing(2)

        def tool(icon):
            b = QToolButton()
            b.setIcon(style.standardIcon(icon))
            b.setAutoRaise(True)
            # Tab reaches them (a keyboard user presses them with Space); ← → act anyway
            row.addWidget(b)
            return b

        SP = QStyle.StandardPixmap
        self.first_button = tool(SP.SP_MediaSkipBackward)
        self.prev_button = tool(SP.SP_MediaSeekBackward)
        self.next_button = tool(SP.SP_MediaSeekForward)
        self.last_button = tool(SP.SP_MediaSkipForward)
        self.play_button = tool(SP.SP_MediaPlay)
        self.play_button.setCheckable(True)
        self.speed_spin = QDoubleSpinBox()
        self.speed_spin.setRange(0.2, 20.0)
        self.speed_spin.setSingleStep(0.5)
        self.speed_spin.setValue(2.0)
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
        # The formulas over the details beside two rows of maps need ~170 pixels: in a shorter
        # dock (a tab of the first layout on a 720-pixel screen) they scroll under the controls.
        root.addWidget(VerticalScroll(self.splitter), 1)
        self._build_left()
        self._build_maps_column()

    def _build_left(self) -> None:
        """The formulas over the details: α, the selected entry, its terms, Check."""
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
        self.alpha_caption = QLabel()
        ar.addWidget(self.alpha_caption)
        self.alpha_spin = QDoubleSpinBox()
        self.alpha_spin.setDecimals(4)
        self.alpha_spin.setRange(0.0001, 5.0)
        self.alpha_spin.setSingleStep(0.005)
        self.alpha_spin.setValue(0.01)
        self.alpha_spin.setKeyboardTracking(False)
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
        self.terms_view.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.terms_view.header().setStretchLastSection(True)
        dl.addWidget(self.terms_view, 1)
        crow = QHBoxLayout()
        crow.setSpacing(4)
        self.check_button = QPushButton()
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

    def _build_maps_column(self) -> None:
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

    def show_terms_header(self) -> None:
        """The terms table's columns for a breakdown: term, value, factors."""
        self.terms_view.setHeaderLabels([translate("Stepper", "term"), translate("Stepper", "value"),
                                         translate("Stepper", "factors")])

    def retranslate(self) -> None:
        """The fixed texts and tooltips in the current language."""
        self.sample_caption.setText(translate("Stepper", "Sample:"))
        self.index_spin.setPrefix(translate("Stepper", "test #"))
        self.index_spin.setToolTip(translate("Stepper", "Index of the test image"))
        self.random_button.setText(translate("Stepper", "Random"))
        self.random_button.setToolTip(translate("Stepper", "A random test image"))
        self.probe_button.setText(translate("Stepper", "Probe"))
        self.probe_button.setToolTip(translate("Stepper", "Use the probe sample of the other panels, or the "
                                        "canvas drawing"))
        self.label_caption.setText(translate("Stepper", "label z:"))
        self.label_combo.setToolTip(translate("Stepper", "The target digit z of J = −Σ zᵢ log yᵢ"))
        self.first_button.setToolTip(translate("Stepper", "First step (Home)"))
        self.prev_button.setToolTip(translate("Stepper", "Previous step (←)"))
        self.next_button.setToolTip(translate("Stepper", "Next step (→)"))
        self.last_button.setToolTip(translate("Stepper", "Last step (End)"))
        self.play_button.setToolTip(translate("Stepper", "Play the steps"))
        self.speed_spin.setSuffix(translate("Stepper", " s/step"))
        self.speed_spin.setToolTip(translate("Stepper", "Seconds per step while playing"))
        self.speed_spin.setAccessibleName(translate("Stepper", "Seconds per step"))
        self.alpha_caption.setText(translate("Stepper", "α:"))
        self.alpha_caption.setToolTip(translate("Stepper", "learning rate"))
        self.alpha_spin.setToolTip(translate("Stepper", "Learning rate α of the update step "
                                             "θ := θ − α·δ(θ)"))
        self.show_terms_header()
        self.check_button.setText(translate("Stepper", "Check"))
        self.check_button.setToolTip(translate(
            "Stepper", "Compare with a finite difference of J in float64 on the same sample: the "
            "five-point stencil (−J(θ+2h) + 8·J(θ+h) − 8·J(θ−h) + J(θ−2h)) / 12h with h = 1e-4, "
            "error O(h⁴) (ReLU: the central (J(θ+h) − J(θ−h)) / 2h with h = 1e-7)"))

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
