"""Training loss per batch (raw and smoothed), test loss and accuracy after each epoch and on a
fixed 1,000-image test subset every few hundred batches, a log-scale toggle and values on
hover. It draws the state's TrainingHistory, and holds the run's timeline: a strip of the
recorded snapshots under the loss curve, the viewed batch marked on both plots, a click on a
curve jumping to the nearest snapshot, and the timeline bar (gui/timeline/bar.py)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Slot
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from lenet_gui.gui.help import PanelHelp
from lenet_gui.gui.panels._base import Panel
from lenet_gui.gui.state import AppState
from lenet_gui.gui.timeline.bar import TimelineBar
from lenet_gui.gui.widgets.fitted_label import FittedLabel
from lenet_gui.gui.widgets.plots import (
    GrowingViewBox,
    PeakDecimator,
    keep_plot_room,
    symbol_style,
)

VIEW_PEN = pg.mkPen((217, 164, 0), width=2, style=Qt.PenStyle.DashLine)  # the viewed batch


class LossPanel(Panel):
    """The loss and accuracy curves of the state's training history."""

    name = "loss"
    title = QT_TRANSLATE_NOOP("MainWindow", "Loss and accuracy")
    help = PanelHelp(
        "Cost function; Cross Entropy Loss Function",
        "J = −Σᵢ zᵢ·log yᵢ",
        QT_TRANSLATE_NOOP("Help", "The cost J (cross entropy) of every mini-batch, raw and "
                          "smoothed, and the accuracy: smoothed per batch, on a 1,000-image test "
                          "subset every few hundred batches and on the whole test set after "
                          "each epoch. Hover a curve to read its values."))
    reads = frozenset({"history", "timeline"})
    default_area = "bottom"
    whats_this = {
        "log_box": QT_TRANSLATE_NOOP(
            "WhatsThis", "Draw the loss axis on a logarithmic scale: late in training J falls by "
            "decades, which a linear axis flattens into a line at 0."),
        "clear_button": QT_TRANSLATE_NOOP(
            "WhatsThis", "Forget the curves drawn so far. The run and its weights stay."),
        "plots": QT_TRANSLATE_NOOP(
            "WhatsThis", "Left: the cost J = −Σᵢ zᵢ·log yᵢ (cross entropy, 交叉熵; course: Cross "
            "Entropy Loss Function) of every mini-batch, raw and smoothed, with the test subset "
            "(dots) and the whole test set (squares). Right: the accuracy in %. x axes: the "
            "batch; y axes: J and the accuracy. Hover to read the values."),
    }

    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(state, parent)

        self.log_box = QCheckBox()
        self.log_box.toggled.connect(self._on_log_toggled)
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self._on_clear_clicked)
        self.readout = QLabel()
        self.readout.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.plots = pg.GraphicsLayoutWidget()
        self.plots.setBackground("w")
        # pyqtgraph's 9-pixel margins and 6-pixel rows: ~20 pixels of a short dock's curves
        self.plots.ci.layout.setContentsMargins(2, 2, 2, 2)
        self.plots.ci.layout.setVerticalSpacing(2)
        # No context menus: made at construction, pyqtgraph's cost ~4 ms a plot
        # Ranges that grow in steps: the axes are laid out again only when a curve passes one
        self.loss_plot = self.plots.addPlot(row=0, col=0, enableMenu=False,
                                            viewBox=GrowingViewBox(y_floor=0.0, enableMenu=False))
        self.acc_plot = self.plots.addPlot(row=0, col=1, enableMenu=False,
                                           viewBox=GrowingViewBox(enableMenu=False))
        self.acc_plot.setLimits(yMax=101)

        def curve(plot, colour, width, symbol=None, size=5):
            kw = dict(symbol=symbol, **symbol_style(colour, size)) if symbol \
                else dict(connect="finite")
            return plot.plot(pen=pg.mkPen(colour, width=width), **kw)

        raw, smooth, subset, test = (150, 180, 230), (20, 70, 170), (230, 120, 20), (200, 30, 30)
        self.raw_curve = curve(self.loss_plot, raw, 1)
        self.smooth_curve = curve(self.loss_plot, smooth, 2)
        self.subset_loss_curve = curve(self.loss_plot, subset, 1.5, "o")
        self.test_loss_curve = curve(self.loss_plot, test, 2, "s", 8)
        self.acc_curve = curve(self.acc_plot, smooth, 2)
        self.subset_acc_curve = curve(self.acc_plot, subset, 1.5, "o")
        self.test_acc_curve = curve(self.acc_plot, test, 2, "s", 8)
        # One line of legend above both plots (a QLabel: in-plot legends hid the newest
        # batches and cost a repaint of their own every frame).
        self._legend_hexes = ["#{:02x}{:02x}{:02x}".format(*c) for c in (raw, smooth, subset, test)]
        # Wraps (one line is ~740 px: it would set the dock's width), and in a dock at its
        # smallest shows the lines that fit rather than squeeze the timeline under it.
        self.legend = FittedLabel(rich=True)
        # Per-batch curves: decimated to a fixed size of our own (see PeakDecimator).
        self._decimators = {c: PeakDecimator() for c in (self.raw_curve, self.smooth_curve, self.acc_curve)}
        for plot in (self.loss_plot, self.acc_plot):
            plot.getViewBox().sigXRangeChanged.connect(self._on_x_range_changed)
        self.diverged_text = pg.TextItem("", color=(200, 0, 0), anchor=(0, 0))
        self.loss_plot.addItem(self.diverged_text, ignoreBounds=True)
        self.plots.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self._build_timeline()

        top = QHBoxLayout()
        top.addWidget(self.log_box)
        top.addWidget(self.clear_button)
        top.addWidget(self.readout, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.legend)
        layout.addWidget(self.plots, 1)
        layout.addWidget(self.timeline_bar)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text of the panel in the current language (also on LanguageChange)."""
        self.log_box.setText(self.tr("Log scale"))
        self.log_box.setToolTip(self.tr("Show the loss on a logarithmic axis"))
        self.clear_button.setText(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Forget the curves drawn so far"))
        self.readout.setText(self.tr("Hover a curve to read its values"))
        self.readout.setToolTip(self.tr("Values at the mouse position"))
        fg = self.palette().color(self.palette().ColorRole.Text).name()
        for plot, title in ((self.loss_plot, self.tr("Loss J (cross-entropy)")),
                            (self.acc_plot, self.tr("Accuracy (%)"))):
            plot.setTitle(title, size="10pt", color=fg)
            plot.setLabel("bottom", self.tr("batch"), color=fg, **{"font-size": "9pt"})
        # Lines break between the entries only: a short dock shows the first line, whole.
        self.legend.setText(" &nbsp; ".join(
            f'<span style="white-space:nowrap"><span style="color:{h}; font-weight:bold">'
            f'{glyph}</span> {text}</span>'
            for h, glyph, text in zip(self._legend_hexes, ("━", "━", "●", "■"), (
                self.tr("loss per batch"), self.tr("smoothed (accuracy: smoothed per batch)"),
                self.tr("test subset (1,000 images)"), self.tr("whole test set, per epoch")))))
        self.legend.setToolTip(self.tr("What the curves show"))
        # The curves' names, which a screen reader's description of the plots uses.
        for curves, text in (((self.raw_curve,), self.tr("loss per batch")),
                             ((self.smooth_curve, self.acc_curve),
                              self.tr("smoothed (accuracy: smoothed per batch)")),
                             ((self.subset_loss_curve, self.subset_acc_curve),
                              self.tr("test subset (1,000 images)")),
                             ((self.test_loss_curve, self.test_acc_curve),
                              self.tr("whole test set, per epoch"))):
            for c in curves:
                c.opts["name"] = text
        keep_plot_room(self.plots)  # the titles and axis labels just changed
        if self.state.history.diverged_step is not None:
            self.diverged_text.setText(self.tr("diverged at batch {0}").format(
                self.state.history.diverged_step))

    def _build_timeline(self) -> None:
        """The snapshot strip under the loss plot, the viewed-batch lines, clicks, the bar."""
        self.strip = self.plots.addPlot(row=1, col=0, enableMenu=False)
        self.strip.setMouseEnabled(x=False, y=False)
        self.strip.hideButtons()
        self.strip.hideAxis("left")
        self.strip.hideAxis("bottom")
        self.strip.setYRange(0, 1, padding=0)
        self.strip.setXLink(self.loss_plot)
        self.strip.setFixedHeight(16)  # 22 once: a 720-pixel screen needs the 6 pixels
        self.strip.getAxis("left").setWidth(self.loss_plot.getAxis("left").width())
        self.snapshot_ticks = pg.ScatterPlotItem(symbol="|", size=10, pen=pg.mkPen(
            (90, 90, 90), width=1), brush=None)
        self.view_marker = pg.ScatterPlotItem(symbol="t1", size=10, pen=None,
                                              brush=pg.mkBrush(217, 164, 0))
        self.strip.addItem(self.snapshot_ticks)
        self.strip.addItem(self.view_marker)
        self.view_lines = [pg.InfiniteLine(angle=90, movable=False, pen=VIEW_PEN)
                           for _ in (self.loss_plot, self.acc_plot)]
        for plot, line in zip((self.loss_plot, self.acc_plot), self.view_lines):
            plot.addItem(line, ignoreBounds=True)
            line.hide()
        self.plots.scene().sigMouseClicked.connect(self._on_plot_clicked)
        self.timeline_bar = TimelineBar(self.state, self, busy=self.frame_pending)
        self.timeline_bar.export_requested.connect(self._on_export_requested)

    def _draw_timeline(self) -> None:
        batches = self.state.timeline_batches
        self.snapshot_ticks.setData(batches.astype(np.float64), np.full(batches.size, 0.35))
        viewing = self.state.viewing
        for line in self.view_lines:
            line.setVisible(viewing is not None)
            if viewing is not None:
                line.setValue(float(viewing))
        self.view_marker.setData([] if viewing is None else [float(viewing)],
                                 [] if viewing is None else [0.75])
        self.timeline_bar.sync()

    @Slot(object)
    def _on_plot_clicked(self, event) -> None:
        """A left click on a curve (or on the strip): the snapshot nearest that batch."""
        if event.button() != Qt.MouseButton.LeftButton or event.double():
            return
        batches = self.state.timeline_batches
        if batches.size == 0:
            return
        pos = event.scenePos()
        for plot in (self.loss_plot, self.acc_plot, self.strip):
            if plot.sceneBoundingRect().contains(pos):
                x = plot.vb.mapSceneToView(pos).x()
                self.timeline_bar.replay.stop()
                self.state.view_index(int(np.argmin(np.abs(batches - x))))
                event.accept()
                return

    def whats_this_owners(self) -> list:
        """The panel's table, and its timeline bar's."""
        bar = getattr(self, "timeline_bar", None)
        return [self] if bar is None else [self, bar]

    @Slot()
    def _on_export_requested(self) -> None:
        # The window opens the dialog: it offers every panel, which is the window's to know.
        self.state.request_timeline_export("kernels")

    @Slot()
    def _on_clear_clicked(self) -> None:
        self.state.clear_history()

    # ----------------------------------------------------------------- drawing

    def refresh(self) -> None:
        if "timeline" in self.changed_topics:
            self._draw_timeline()
        if "history" not in self.changed_topics:
            return
        h = self.state.history
        col = h.column
        x = col("batch", "step")
        for curve, plot, name in ((self.raw_curve, self.loss_plot, "loss"),
                                  (self.smooth_curve, self.loss_plot, "loss_smooth"),
                                  (self.acc_curve, self.acc_plot, "acc_smooth")):
            cx, cy = self._decimators[curve](x, col("batch", name), PeakDecimator.view_range(plot))
            curve.setData(cx, cy if plot is self.acc_plot else self._positive(cy))
        for group, loss_curve, acc_curve in (
                ("subset", self.subset_loss_curve, self.subset_acc_curve),
                ("test", self.test_loss_curve, self.test_acc_curve)):
            loss_curve.setData(col(group, "step"), self._positive(col(group, "loss")))
            acc_curve.setData(col(group, "step"), col(group, "acc"))
        if h.diverged_step is None:
            self.diverged_text.setText("")
        else:
            self.diverged_text.setText(self.tr("diverged at batch {0}").format(h.diverged_step))
            losses = col("batch", "loss")
            self.diverged_text.setPos(float(h.diverged_step), float(np.nanmax(losses))
                                      if np.isfinite(losses).any() else 1.0)

    def _positive(self, v: np.ndarray) -> np.ndarray:
        """On a log axis a zero loss has no place; clip it to a tiny positive value."""
        return np.maximum(v, 1e-6) if self.log_box.isChecked() else v

    @Slot()
    def _on_x_range_changed(self) -> None:
        """Zoomed or panned by the user: decimate again within the new range."""
        if any(PeakDecimator.view_range(p) is not None for p in (self.loss_plot, self.acc_plot)):
            self.changed_topics.add("history")
            self.request_refresh()

    @Slot(bool)
    def _on_log_toggled(self, on: bool) -> None:
        self.loss_plot.setLogMode(y=on)
        self.changed_topics.add("history")
        self.refresh_now()

    @Slot(object)
    def _on_mouse_moved(self, scene_pos) -> None:
        for plot in (self.loss_plot, self.acc_plot):
            if plot.sceneBoundingRect().contains(scene_pos):
                x = plot.vb.mapSceneToView(scene_pos).x()
                self.readout.setText(self._describe(x))
                return

    def _describe(self, x: float) -> str:
        h = self.state.history
        steps = h.column("batch", "step")
        if steps.size == 0:
            return self.tr("no batches yet")
        i = int(np.clip(np.searchsorted(steps, x), 0, steps.size - 1))
        if i > 0 and abs(steps[i - 1] - x) < abs(steps[i] - x):
            i -= 1  # the nearest batch
        b = h.groups["batch"]
        text = self.tr("batch {0}: loss {1:.4f}, smoothed {2:.4f}, accuracy (smoothed) "
                       "{3:.1f} %").format(int(steps[i]), b["loss"].values[i],
                                           b["loss_smooth"].values[i], b["acc_smooth"].values[i])
        for cols, name in ((h.groups["subset"], self.tr("subset")),
                           (h.groups["test"], self.tr("test"))):
            st = cols["step"].values
            if st.size:
                j = int(np.argmin(np.abs(st - x)))
                if abs(st[j] - x) <= max(5.0, 0.02 * steps[-1]):
                    text += self.tr("; {0} at batch {1}: loss {2:.4f}, accuracy {3:.2f} %").format(
                        name, int(st[j]), cols["loss"].values[j], cols["acc"].values[j])
        return text
