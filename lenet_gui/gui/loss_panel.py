"""Panel 1: training loss per batch (raw and smoothed), test loss and accuracy after each epoch
and on a fixed 1,000-image test subset every few hundred batches, a log-scale toggle and values
on hover. It keeps every report it receives; it redraws only while visible."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QThread, Qt, Slot
from PySide6.QtWidgets import (QApplication, QCheckBox, QHBoxLayout, QLabel, QPushButton,
                               QVBoxLayout, QWidget)

from lenet_gui.train import StepReport

from .state import AppState

SMOOTHING = 0.95  # EMA factor of the smoothed curves (≈ the last 20 batches)


class _Series:
    """A growable float64 column (amortised O(1) append, views for drawing)."""

    def __init__(self) -> None:
        self._a = np.empty(1024, np.float64)
        self.n = 0

    def append(self, v: float) -> None:
        if self.n == len(self._a):
            self._a = np.resize(self._a, 2 * len(self._a))
        self._a[self.n] = v
        self.n += 1

    def clear(self) -> None:
        self.n = 0

    @property
    def values(self) -> np.ndarray:
        return self._a[: self.n]


class LossPanel(QWidget):
    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("loss_panel")
        self.state = state
        self.redraw_count = 0
        self._dirty = False
        self._ema_loss = self._ema_acc = math.nan
        self._step_offset = 0  # steps of earlier runs, so curves continue after Stop/Train
        self._last_step = 0
        self._diverged_step = 0
        cols = ("step", "loss", "loss_smooth", "acc_smooth")
        self._batch = {k: _Series() for k in cols}
        self._subset = {k: _Series() for k in ("step", "loss", "acc")}
        self._test = {k: _Series() for k in ("step", "loss", "acc")}

        self.log_box = QCheckBox()
        self.log_box.toggled.connect(self._on_log_toggled)
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self.clear)
        self.readout = QLabel()
        self.readout.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.plots = pg.GraphicsLayoutWidget()
        self.plots.setBackground("w")
        self.loss_plot = self.plots.addPlot(row=0, col=0)
        self.acc_plot = self.plots.addPlot(row=0, col=1)
        for plot in (self.loss_plot, self.acc_plot):
            plot.setMenuEnabled(False)
        self.acc_plot.setLimits(yMax=101)

        def curve(plot, colour, width, symbol=None, size=5):
            kw = dict(symbol=symbol, symbolSize=size, symbolBrush=colour, symbolPen=None) \
                if symbol else dict(connect="finite")
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
        self._legend_hexes = ["#%02x%02x%02x" % c for c in (raw, smooth, subset, test)]
        self.legend = QLabel()
        for curve in (self.raw_curve, self.smooth_curve, self.acc_curve):
            curve.setDownsampling(auto=True, method="peak")
            curve.setClipToView(True)
        self.diverged_text = pg.TextItem("", color=(200, 0, 0), anchor=(0, 0))
        self.loss_plot.addItem(self.diverged_text, ignoreBounds=True)
        self.plots.scene().sigMouseMoved.connect(self._on_mouse_moved)

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
        state.reports_arrived.connect(self.add_reports)
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
        self.legend.setText(" &nbsp; ".join(
            f'<span style="color:{h}; font-weight:bold">{glyph}</span> {text}'
            for h, glyph, text in zip(self._legend_hexes, ("━", "━", "●", "■"), (
                self.tr("loss per batch"), self.tr("smoothed (accuracy: smoothed per batch)"),
                self.tr("test subset (1,000 images)"), self.tr("whole test set, per epoch")))))
        self.legend.setToolTip(self.tr("What the curves show"))
        if self.diverged_text.toPlainText() and self._batch["step"].n:
            self.diverged_text.setText(self.tr("diverged at batch {0}").format(
                self._diverged_step))

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ----------------------------------------------------------------- history (export)

    def history(self) -> dict[str, np.ndarray]:
        """Copies of every kept column: batch_step, batch_loss, batch_loss_smooth,
        batch_acc_smooth, subset_step/loss/acc, test_step/loss/acc (accuracies in %)."""
        out = {}
        for prefix, cols in (("batch_", self._batch), ("subset_", self._subset),
                             ("test_", self._test)):
            for k, series in cols.items():
                out[prefix + k] = series.values.copy()
        return out

    def set_history(self, history: dict[str, np.ndarray]) -> None:
        """Replace the curves by a saved history (a workspace); new runs continue after it."""
        self.clear()
        for prefix, cols in (("batch_", self._batch), ("subset_", self._subset),
                             ("test_", self._test)):
            for k, series in cols.items():
                for v in np.asarray(history.get(prefix + k, ()), np.float64):
                    series.append(float(v))
        steps = self._batch["step"].values
        self._last_step = int(steps[-1]) if steps.size else 0
        self._step_offset = self._last_step
        fin = np.isfinite(self._batch["loss_smooth"].values)
        if fin.any():
            last = np.flatnonzero(fin)[-1]
            self._ema_loss = float(self._batch["loss_smooth"].values[last])
            self._ema_acc = float(self._batch["acc_smooth"].values[last])
        self._dirty = True
        self.redraw()

    # ----------------------------------------------------------------- data

    @property
    def n_batches(self) -> int:
        return self._batch["step"].n

    @property
    def losses(self) -> np.ndarray:
        return self._batch["loss"].values

    @Slot(object)
    def add_reports(self, reports: list[StepReport]) -> None:
        if reports and reports[0].step <= self._last_step - self._step_offset:
            self._step_offset = self._last_step  # a new run restarted the step count
        for r in reports:
            step = r.step + self._step_offset
            self._last_step = step
            b = self._batch
            b["step"].append(step)
            if r.diverged:
                b["loss"].append(math.nan)  # a gap in the curve
                b["loss_smooth"].append(math.nan)
                b["acc_smooth"].append(math.nan)
                self._diverged_step = step
                self.diverged_text.setText(self.tr("diverged at batch {0}").format(step))
                continue
            loss = r.loss
            self._ema_loss = loss if math.isnan(self._ema_loss) else (
                SMOOTHING * self._ema_loss + (1 - SMOOTHING) * loss)
            acc = r.batch_accuracy * 100
            self._ema_acc = acc if math.isnan(self._ema_acc) else (
                SMOOTHING * self._ema_acc + (1 - SMOOTHING) * acc)
            b["loss"].append(loss)
            b["loss_smooth"].append(self._ema_loss)
            b["acc_smooth"].append(self._ema_acc)
            if r.subset_accuracy is not None:
                self._append(self._subset, step, r.subset_loss, r.subset_accuracy)
            if r.test is not None:
                self._append(self._test, step, r.test.loss, r.test.accuracy)
        self._dirty = True
        if self.isVisible():
            self.redraw()

    @staticmethod
    def _append(cols: dict, step: int, loss: float, acc: float) -> None:
        cols["step"].append(step)
        cols["loss"].append(loss)
        cols["acc"].append(acc * 100)

    @Slot()
    def clear(self) -> None:
        for cols in (self._batch, self._subset, self._test):
            for s in cols.values():
                s.clear()
        self._ema_loss = self._ema_acc = math.nan
        self.diverged_text.setText("")
        self._dirty = True
        self.redraw()

    # ----------------------------------------------------------------- drawing

    def redraw(self) -> None:
        assert QThread.currentThread() is QApplication.instance().thread()
        if not self._dirty:
            return
        self._dirty = False
        self.redraw_count += 1
        b, s, t = self._batch, self._subset, self._test
        x = b["step"].values
        self.raw_curve.setData(x, self._positive(b["loss"].values))
        self.smooth_curve.setData(x, self._positive(b["loss_smooth"].values))
        self.acc_curve.setData(x, b["acc_smooth"].values)
        self.subset_loss_curve.setData(s["step"].values, self._positive(s["loss"].values))
        self.subset_acc_curve.setData(s["step"].values, s["acc"].values)
        self.test_loss_curve.setData(t["step"].values, self._positive(t["loss"].values))
        self.test_acc_curve.setData(t["step"].values, t["acc"].values)
        if self.diverged_text.toPlainText() and x.size:
            self.diverged_text.setPos(float(x[-1]), float(np.nanmax(b["loss"].values))
                                      if np.isfinite(b["loss"].values).any() else 1.0)

    def _positive(self, v: np.ndarray) -> np.ndarray:
        """On a log axis a zero loss has no place; clip it to a tiny positive value."""
        return np.maximum(v, 1e-6) if self.log_box.isChecked() else v

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.redraw()  # catch up on what arrived while hidden

    @Slot(bool)
    def _on_log_toggled(self, on: bool) -> None:
        self.loss_plot.setLogMode(y=on)
        self._dirty = True
        self.redraw()

    @Slot(object)
    def _on_mouse_moved(self, scene_pos) -> None:
        for plot in (self.loss_plot, self.acc_plot):
            if plot.sceneBoundingRect().contains(scene_pos):
                x = plot.vb.mapSceneToView(scene_pos).x()
                self.readout.setText(self._describe(x))
                return

    def _describe(self, x: float) -> str:
        steps = self._batch["step"].values
        if steps.size == 0:
            return self.tr("no batches yet")
        i = int(np.clip(np.searchsorted(steps, x), 0, steps.size - 1))
        if i > 0 and abs(steps[i - 1] - x) < abs(steps[i] - x):
            i -= 1  # the nearest batch
        b = self._batch
        text = self.tr("batch {0}: loss {1:.4f}, smoothed {2:.4f}, accuracy (smoothed) "
                       "{3:.1f} %").format(int(steps[i]), b["loss"].values[i],
                                           b["loss_smooth"].values[i], b["acc_smooth"].values[i])
        for cols, name in ((self._subset, self.tr("subset")), (self._test, self.tr("test"))):
            st = cols["step"].values
            if st.size:
                j = int(np.argmin(np.abs(st - x)))
                if abs(st[j] - x) <= max(5.0, 0.02 * steps[-1]):
                    text += self.tr("; {0} at batch {1}: loss {2:.4f}, accuracy {3:.2f} %").format(
                        name, int(st[j]), cols["loss"].values[j], cols["acc"].values[j])
        return text
