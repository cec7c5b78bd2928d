"""The Runs panel: every run of the session (name, configuration in the course's words, epochs,
best test accuracy, time, samples/s), what to do with one (continue, rename, delete and undo,
export, use it on the canvas), the course's experiments, and the loss and accuracy curves of
the selected runs overlaid, each in its colour-blind-safe colour, the legend saying only what
differs."""

from __future__ import annotations

import functools

import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QItemSelectionModel, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lenet_gui.gui.help import PanelHelp
from lenet_gui.gui.panels._base import Panel
from lenet_gui.gui.session import fmt_duration
from lenet_gui.gui.widgets.plots import GrowingViewBox, PeakDecimator, keep_plot_room, symbol_style
from lenet_gui.gui.widgets.scroll import VerticalScroll
from lenet_gui.train.runs import EXPERIMENTS, Run, config_short, config_words, differences

translate = QCoreApplication.translate
_tr = functools.partial(translate, "Runs")  # the configuration's words in the UI's language

# Okabe–Ito: colour-blind safe, in the order runs are selected
COLOURS = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000")
# (line style, its glyph, marker, the marker's glyph) per run, in the order of COLOURS
RUN_STYLES = ((Qt.PenStyle.SolidLine, "━", "s", "■"), (Qt.PenStyle.DashLine, "╍", "o", "●"),
              (Qt.PenStyle.DotLine, "┅", "t", "▼"), (Qt.PenStyle.DashDotLine, "━·", "d", "◆"),
              (Qt.PenStyle.SolidLine, "━", "+", "+"), (Qt.PenStyle.DashLine, "╍", "x", "×"),
              (Qt.PenStyle.DotLine, "┅", "star", "★"), (Qt.PenStyle.DashDotLine, "━·", "t1", "▲"))
EXPERIMENT_NAMES = {  # the course's questions, as the combo shows them
    "c3": QT_TRANSLATE_NOOP("Runs", "Table 1 or a full C3?"),
    "pooling": QT_TRANSLATE_NOOP("Runs", "Max, mean or trainable sub-sampling?"),
    "activation": QT_TRANSLATE_NOOP("Runs", "Scaled tanh, sigmoid or ReLU?"),
    "f7": QT_TRANSLATE_NOOP("Runs", "f at F7 or not?"),
    "lr": QT_TRANSLATE_NOOP("Runs", "Which learning rate α?"),
}


class RunsPanel(Panel):
    name = "runs"
    title = QT_TRANSLATE_NOOP("MainWindow", "Runs")
    help = PanelHelp(
        "LeNet-5 基本概念; Layer C3; Gradient Descent 梯度下降算法",
        QT_TRANSLATE_NOOP("Help", "θ := θ − α·∂J/∂θ, from random θ"),
        QT_TRANSLATE_NOOP("Help", "Every training run: one configuration trained from a starting "
                          "point, with its curves. Select two or more to overlay their loss and "
                          "test accuracy; the legend names only what differs. The course's "
                          "questions (Table 1 or a full C3, the sub-sampling, f, f at F7, α) run "
                          "as experiments with the same seed and data."))
    reads = frozenset({"runs", "history"})
    default_area = "bottom"
    default_place = ("tab", "loss")
    whats_this = {
        "table": QT_TRANSLATE_NOOP(
            "WhatsThis", "Every training run: its configuration in the course's words, epochs, "
            "best test accuracy, time and speed. ▶ marks the current run, ✎ the canvas's model; "
            "select two or more to overlay their curves."),
        "buttons.continue": QT_TRANSLATE_NOOP(
            "WhatsThis", "Make the selected run the current one: Train continues it from its "
            "weights."),
        "buttons.new": QT_TRANSLATE_NOOP(
            "WhatsThis", "Start a new run from the course's random initialisation; the other runs "
            "are kept."),
        "buttons.canvas": QT_TRANSLATE_NOOP(
            "WhatsThis", "Classify the canvas's drawings with the selected run's weights."),
        "buttons.rename": QT_TRANSLATE_NOOP("WhatsThis", "Give the selected run another name."),
        "buttons.delete": QT_TRANSLATE_NOOP(
            "WhatsThis", "Delete the selected run, after asking; Undo brings it back until the "
            "application closes."),
        "buttons.undo": QT_TRANSLATE_NOOP("WhatsThis", "Bring back the last deleted run."),
        "buttons.export": QT_TRANSLATE_NOOP(
            "WhatsThis", "Save the selected run as a workspace file: configuration, weights and "
            "curves."),
        "experiment_combo": QT_TRANSLATE_NOOP(
            "WhatsThis", "One of the course's questions (Table 1 or a full C3, the sub-sampling, "
            "f, f at F7, the learning rate α): a set of runs that differ in that one choice."),
        "experiment_button": QT_TRANSLATE_NOOP(
            "WhatsThis", "Run the chosen experiment: its runs train one after another with the "
            "same seed and data, and their curves overlay."),
        "plots": QT_TRANSLATE_NOOP(
            "WhatsThis", "The selected runs' curves. Top: the smoothed cost J; bottom: the test "
            "accuracy in %; x axes: the batch. The legend names only what differs between the "
            "runs."),
    }

    COLUMNS = (QT_TRANSLATE_NOOP("Runs", "run"), QT_TRANSLATE_NOOP("Runs", "configuration"),
               QT_TRANSLATE_NOOP("Runs", "epochs"), QT_TRANSLATE_NOOP("Runs", "best test"),
               QT_TRANSLATE_NOOP("Runs", "time"), QT_TRANSLATE_NOOP("Runs", "samples/s"))

    def __init__(self, state, parent=None) -> None:
        super().__init__(state, parent)
        self.shown: list[Run] = []  # the table's rows
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # elided; full in its tip
        header.setMinimumSectionSize(40)
        self.table.setColumnWidth(0, 130)
        self.table.itemSelectionChanged.connect(self._on_selection)
        self.table.cellDoubleClicked.connect(self._on_double_click)
        self.buttons = {}
        row = QGridLayout()  # two rows of buttons: the left part of the dock is narrow
        for i, key in enumerate(("continue", "new", "canvas", "rename", "delete", "undo",
                                 "export")):
            b = QPushButton()
            b.setObjectName(f"run_{key}")
            b.clicked.connect(self._on_button)
            self.buttons[key] = b
            row.addWidget(b, i // 4, i % 4)
        exp = QHBoxLayout()
        self.experiment_label = QLabel()
        self.experiment_combo = QComboBox()
        for key in EXPERIMENTS:
            self.experiment_combo.addItem("", key)
        self.experiment_button = QPushButton()
        self.experiment_button.clicked.connect(self._on_experiment)
        exp.addWidget(self.experiment_label)
        exp.addWidget(self.experiment_combo, 1)
        exp.addWidget(self.experiment_button)
        self.plots = pg.GraphicsLayoutWidget()
        self.plots.setBackground("w")
        # ranges that grow in steps while the current run trains, as in the loss panel
        self.loss_plot = self.plots.addPlot(row=0, col=0, enableMenu=False,
                                            viewBox=GrowingViewBox(y_floor=0.0, enableMenu=False))
        # beside the table: one above the other
        self.acc_plot = self.plots.addPlot(row=1, col=0, enableMenu=False,
                                           viewBox=GrowingViewBox(enableMenu=False))
        for p in (self.loss_plot, self.acc_plot):
            p.showGrid(x=False, y=True, alpha=0.3)
        self.loss_plot.getViewBox().sigXRangeChanged.connect(self._on_x_range_changed)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.table, 1)
        tl.addLayout(row)
        tl.addLayout(exp)
        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(self.legend)
        bl.addWidget(self.plots, 1)
        split = QSplitter(Qt.Orientation.Horizontal)  # the dock is wide and short
        split.addWidget(top)
        # The two curves one above the other need ~200 pixels with their titles and axes: in a
        # shorter dock (a tab of the first layout on a 720-pixel screen) they scroll.
        split.addWidget(VerticalScroll(bottom))
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 2)
        split.setSizes([450, 290])  # in proportion (the user can move the splitter)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 2, 4, 2)
        lay.addWidget(split)
        self.curves: list[tuple] = []  # per run: its loss curve, accuracy curve, decimator
        self._drawn: tuple | None = None  # the run ids and labels the curves are for
        self.retranslate()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([translate("Runs", c) for c in self.COLUMNS])
        texts = {
            "continue": (translate("Runs", "Continue"),
                         translate("Runs", "Make the selected run the current one: Train "
                                   "continues it")),
            "new": (translate("Runs", "New run"),
                    translate("Runs", "A new run from random weights (the others are kept)")),
            "rename": (translate("Runs", "Rename…"), translate("Runs", "Rename the selected run")),
            "delete": (translate("Runs", "Delete…"),
                       translate("Runs", "Delete the selected run (asks first; Undo brings it "
                                 "back until the application closes)")),
            "undo": (translate("Runs", "Undo delete"),
                     translate("Runs", "Bring back the last deleted run")),
            "export": (translate("Runs", "Export…"),
                       translate("Runs", "Save the selected run as a workspace file")),
            "canvas": (translate("Runs", "Use for the canvas"),
                       translate("Runs", "Classify drawings with the selected run's weights")),
        }
        for key, (text, tip) in texts.items():
            self.buttons[key].setText(text)
            self.buttons[key].setToolTip(tip)
        self.experiment_label.setText(translate("Runs", "The course asks:"))
        for i in range(self.experiment_combo.count()):
            self.experiment_combo.setItemText(
                i, translate("Runs", EXPERIMENT_NAMES[self.experiment_combo.itemData(i)]))
        self.experiment_combo.setToolTip(translate("Runs", "One of the course's questions: its "
                                                   "runs train one after another, same seed "
                                                   "and data"))
        self.experiment_button.setText(translate("Runs", "Run the experiment"))
        self.experiment_button.setToolTip(self.experiment_combo.toolTip())
        self.table.setToolTip(translate("Runs", "Select two or more runs to overlay their curves. "
                                        "▶ the current run, ✎ the canvas's model"))
        self.loss_plot.setTitle(translate("Runs", "Loss J (smoothed)"), size="10pt")
        self.acc_plot.setTitle(translate("Runs", "Test accuracy (%)"), size="10pt")
        for p in (self.loss_plot, self.acc_plot):
            p.setLabel("bottom", translate("Runs", "batch"))
        keep_plot_room(self.plots, view_rows=2, view_height=30)
        if self.shown:
            self._fill()

    # ----------------------------------------------------------------- drawing

    def refresh(self) -> None:
        if "runs" in self.changed_topics or [r.id for r in self.state.runs] != [
                r.id for r in self.shown]:
            self._fill()
        self._draw_curves()

    def _fill(self) -> None:
        selected = {r.id for r in self.selected_runs()}
        self.shown = list(self.state.runs)
        t = self.table
        t.blockSignals(True)
        t.setRowCount(len(self.shown))
        current, canvas = self.state.run, self.state.canvas_model()
        for row, run in enumerate(self.shown):
            best = run.best_test_accuracy
            marks = ("▶ " if run is current else "") + run.name + \
                (translate("Runs", " (read-only)") if run.read_only else "") + \
                (" ✎" if run is canvas else "")
            cells = (marks, config_short(run.config, _tr), str(run.epochs),
                     "–" if best is None else f"{best * 100:.2f} %",
                     fmt_duration(run.wall_seconds),
                     "–" if not run.samples_per_s else f"{run.samples_per_s:,.0f}")
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text if col == 0 else
                                ", ".join(config_words(run.config, run.train_config, _tr).values())
                                if col == 1 else "")
                if col >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                t.setItem(row, col, item)
        t.blockSignals(False)
        self._select_rows([row for row, r in enumerate(self.shown) if r.id in selected])
        self._update_buttons()

    def selected_runs(self) -> list[Run]:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [self.shown[r] for r in rows if r < len(self.shown)]

    def _draw_curves(self) -> None:
        """The compared runs' smoothed loss and test accuracy. The curves are made again only
        when the runs or their labels change; a new batch gives them new data (decimated, as
        on the loss panel), not new plot items."""
        runs = self.selected_runs() or ([self.state.run] if self.state.run else [])
        labels = differences(runs, _tr) if len(runs) > 1 else [r.name for r in runs]
        key = ([r.id for r in runs], labels)
        if key != self._drawn:
            self._drawn = key
            for plot in (self.loss_plot, self.acc_plot):
                plot.clear()
            self.curves, parts = [], []
            for i, label in enumerate(labels):
                # Colour is never the only cue: each run also has its line style and marker.
                colour = COLOURS[i % len(COLOURS)]
                style, dash, symbol, glyph = RUN_STYLES[i % len(RUN_STYLES)]
                pen = pg.mkPen(colour, width=2, style=style)
                self.curves.append((self.loss_plot.plot(pen=pen, connect="finite", name=label),
                                    self.acc_plot.plot(pen=pen, symbol=symbol, name=label,
                                                       **symbol_style(colour, 7)),
                                    PeakDecimator()))
                parts.append(f'<span style="color:{colour}; font-weight:bold">{dash}{glyph}'
                             f'</span> {label}')
            self.legend.setText(" &nbsp; ".join(parts))
        for run, (loss, acc, decimate) in zip(runs, self.curves):
            h = run.history
            loss.setData(*decimate(h.column("batch", "step"), h.column("batch", "loss_smooth"),
                                   PeakDecimator.view_range(self.loss_plot)))
            acc.setData(h.column("test", "step"), h.column("test", "acc"))

    @Slot()
    def _on_x_range_changed(self) -> None:
        """Zoomed or panned by the user: the loss curves decimated again within the range."""
        if PeakDecimator.view_range(self.loss_plot) is not None:
            self._draw_curves()

    def _update_buttons(self) -> None:
        sel = self.selected_runs()
        one = len(sel) == 1
        mine = one and not sel[0].read_only
        self.buttons["continue"].setEnabled(one and sel[0] is not self.state.run)
        for key in ("rename", "delete"):
            self.buttons[key].setEnabled(mine)
        self.buttons["export"].setEnabled(one)
        self.buttons["canvas"].setEnabled(one)
        self.buttons["undo"].setEnabled(bool(self.state.deleted_runs))

    # ----------------------------------------------------------------- intents

    @Slot()
    def _on_selection(self) -> None:
        self._update_buttons()
        self._draw_curves()

    @Slot(int, int)
    def _on_double_click(self, row: int, _col: int) -> None:
        if row < len(self.shown):
            self.state.request_run("continue", self.shown[row])

    @Slot()
    def _on_button(self) -> None:
        key = self.sender().objectName().removeprefix("run_")
        sel = self.selected_runs()
        if key in ("new", "undo"):
            self.state.request_run(key)
        elif len(sel) == 1:
            self.state.request_run(key, sel[0])

    @Slot()
    def _on_experiment(self) -> None:
        self.state.request_run("experiment", self.experiment_combo.currentData())

    def select(self, runs: list[Run]) -> None:
        """Select these runs in the table (their curves are overlaid)."""
        self._select_rows([row for row, r in enumerate(self.shown) if r in runs])

    def _select_rows(self, rows: list[int]) -> None:
        model, sel = self.table.model(), self.table.selectionModel()
        flags = QItemSelectionModel.SelectionFlag
        sel.clearSelection()
        for row in rows:
            sel.select(model.index(row, 0), flags.Select | flags.Rows)
