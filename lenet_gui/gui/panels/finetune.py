"""The fine-tuning dock: what training on My digits did to the current run. For a run that
fine-tunes on a folder of digits (TrainConfig.images), the accuracy before → after on the
held-out digits (never trained on) and on MNIST's test set (what it forgot), as a table with
arrows and as two pairs of bars; computed in the background when the training ends, or on
demand. "Fine-tune on my digits…" starts such a run (an intent: the window asks how)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lenet_gui.gui.help import PanelHelp
from lenet_gui.gui.panels._jobs import JobPanel
from lenet_gui.gui.session import fine_tune_split
from lenet_gui.gui.state import AppState
from lenet_gui.gui.widgets.plots import black_axes, font
from lenet_gui.model import NetworkSnapshot
from lenet_gui.train import finetune
from lenet_gui.train.runs import Run

translate = QCoreApplication.translate

BEFORE_COLOUR, AFTER_COLOUR = "#95a5a6", "#2874a6"
GAIN, LOSS = "#1e8449", "#c0392b"


@dataclass(frozen=True)
class BeforeAfter:
    """The run's start and end measured on the same two test sets."""
    run: Run
    n_train: int  # my digits trained on
    before: finetune.Measure
    after: finetune.Measure


def start_params(run: Run, runs: list[Run]) -> dict | None:
    """The weights a fine-tune started from: its timeline's first moment (recorded exactly when
    the training started), else the run it names as its start, else (not trained yet) its own."""
    tl = run.timeline
    if tl is not None and len(tl):
        return tl.params(0)
    for r in runs:
        if r is not run and r.name == run.train_config.start_from:
            return r.params
    return run.params if run.history.n_batches == 0 else None


def _measure_job(run: Run, before: dict, after: dict, mnist, progress, should_stop):
    part = fine_tune_split(run.train_config)
    progress(0, 2)
    b = finetune.measure(NetworkSnapshot(run.config, before).to_net(), part, mnist)
    if should_stop():
        raise InterruptedError("measure stopped")
    progress(1, 2)
    a = finetune.measure(NetworkSnapshot(run.config, after).to_net(), part, mnist)
    progress(2, 2)
    return BeforeAfter(run, len(part.train), b, a)


class FineTunePanel(JobPanel):
    """Before → after of a fine-tune on My digits: held-out digits and MNIST's test set."""

    name = "finetune"
    title = QT_TRANSLATE_NOOP("MainWindow", "Fine-tuning")
    help = PanelHelp(
        "Gradient Descent 梯度下降算法; MNIST 手写数字数据集",
        QT_TRANSLATE_NOOP("Help", "θ := θ − α·∂J/∂θ from a trained θ; frozen layers: θ kept"),
        QT_TRANSLATE_NOOP("Help", "A run that starts from trained weights and trains on your own "
                          "digits (with some MNIST mixed in), optionally keeping C1…C5 as they "
                          "are. The accuracy before → after on the digits held out (never "
                          "trained on) and on MNIST's test set: what it learned, and what it "
                          "forgot."))
    reads = frozenset({"runs", "training", "data"})
    default_area = "bottom"
    default_place = ("tab", "loss")
    auto_rerun = False  # measured when the training ends, or on demand
    whats_this = {
        "finetune_button": QT_TRANSLATE_NOOP(
            "WhatsThis", "Start a new run from a run's weights that trains on My digits: choose "
            "the run, the layers kept as they are, the share of MNIST mixed in and the share of "
            "your digits held out."),
        "measure_button": QT_TRANSLATE_NOOP(
            "WhatsThis", "Measure the current fine-tuned run now: its starting and its current "
            "weights on the held-out digits and on MNIST's test set."),
        "about_label": QT_TRANSLATE_NOOP(
            "WhatsThis", "The current run: where it started, what it trains on, which layers "
            "stay as they were."),
        "table": QT_TRANSLATE_NOOP(
            "WhatsThis", "Accuracy before → after: on your held-out digits (never trained on) "
            "and on MNIST's 10,000 test images. ▲ is a gain, ▼ a loss, in percentage points."),
        "plot": QT_TRANSLATE_NOOP(
            "WhatsThis", "The same four numbers as bars: grey before, blue after, for your "
            "held-out digits and for MNIST's test set; y axis the accuracy in %."),
    }

    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(state, parent)
        self.finetune_button = QPushButton()
        self.finetune_button.clicked.connect(self._on_finetune_clicked)
        self.measure_button = QPushButton()
        self.measure_button.clicked.connect(self.run)
        self.about_label = QLabel()
        self.about_label.setWordWrap(True)
        self.about_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.table = QTableWidget(2, 3)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setMinimumSectionSize(64)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

        self.plot = pg.PlotWidget(enableMenu=False)
        self.plot.setBackground("w")
        pi = self.plot.getPlotItem()
        pi.hideButtons()
        pi.getViewBox().setMouseEnabled(False, False)
        black_axes(pi)
        self.before_bars = pg.BarGraphItem(x=[-0.18, 0.82], height=[0, 0], width=0.34,
                                           brush=BEFORE_COLOUR)
        self.after_bars = pg.BarGraphItem(x=[0.18, 1.18], height=[0, 0], width=0.34,
                                          brush=AFTER_COLOUR)
        pi.addItem(self.before_bars)
        pi.addItem(self.after_bars)
        self.bar_text = []
        for x in (-0.18, 0.82, 0.18, 1.18):
            t = pg.TextItem("", color="k", anchor=(0.5, 1.0))
            t.setFont(font(9))
            t.setPos(x, 0)
            pi.addItem(t)
            self.bar_text.append(t)
        pi.getViewBox().disableAutoRange()  # 0…100 % and room for the numbers over the bars
        pi.getViewBox().setRange(xRange=(-0.6, 1.6), yRange=(0, 115), padding=0)

        table_box = QWidget()  # the table as tall as its two rows, the room below it empty
        t = QVBoxLayout(table_box)
        t.setContentsMargins(0, 0, 0, 0)
        t.addWidget(self.table)
        t.addStretch(1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(table_box)
        split.addWidget(self.plot)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([400, 300])
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self._header(self.finetune_button, self.measure_button))
        layout.addWidget(self.about_label)
        layout.addWidget(split, 1)
        self._last_training = state.training
        self.retranslate()
        self._show_about()

    # ----------------------------------------------------------------- texts

    def retranslate(self) -> None:
        super().retranslate()
        self.finetune_button.setText(translate("FineTune", "Fine-tune on my digits…"))
        self.finetune_button.setToolTip(translate(
            "FineTune", "A new run from a run's weights, trained on My digits"))
        self.finetune_button.setAccessibleName(translate("FineTune", "Fine-tune on my digits"))
        self.measure_button.setText(translate("FineTune", "Measure before → after"))
        self.measure_button.setToolTip(translate(
            "FineTune", "The current fine-tuned run's start and current weights, on the "
            "held-out digits and on MNIST's test set"))
        self.measure_button.setAccessibleName(translate("FineTune", "Measure before → after"))
        self.table.setHorizontalHeaderLabels([translate("FineTune", "before"),
                                              translate("FineTune", "after"),
                                              translate("FineTune", "change")])
        self.table.setAccessibleName(translate("FineTune", "Accuracy before and after"))
        pi = self.plot.getPlotItem()
        pi.getAxis("left").setTicks([[(v, str(v)) for v in range(0, 101, 20)]])
        pi.getAxis("bottom").setTicks([[(0, translate("FineTune", "my digits, held out")),
                                        (1, translate("FineTune", "MNIST test"))]])
        pi.setLabel("left", translate("FineTune", "accuracy (%)"), color="k")
        # the key as the plot's title: a legend sat on the bars of 100 %
        pi.setTitle(f'<span style="color:{BEFORE_COLOUR}">■</span> '
                    f'{translate("FineTune", "before")} &nbsp; '
                    f'<span style="color:{AFTER_COLOUR}">■</span> '
                    f'{translate("FineTune", "after")}', color="k", size="9pt")
        self._show_table()
        self._show_about()

    # ----------------------------------------------------------------- state

    def _fine_tune_run(self) -> Run | None:
        run = self.state.run
        return run if run is not None and run.train_config.images else None

    def can_run(self) -> bool:
        return self.state.data is not None and self._fine_tune_run() is not None

    def refresh(self) -> None:
        super().refresh()
        ended = self._last_training == "running" or self._last_training == "paused"
        self._last_training = self.state.training
        if "runs" in self.changed_topics or "data" in self.changed_topics:
            self._show_about()
            if self.result is not None and self.result.run is not self.state.run:
                self.result = None
                self._show_table()
        if ("training" in self.changed_topics and ended
                and self.state.training in ("stopped", "idle") and self.can_run()):
            self.run()  # the training ended: before → after, at once
        elif (self.result is None and not self.busy and self.can_run()
              and self.state.run.history.n_batches and self.state.training != "running"):
            self.run()  # a fine-tuned run became current
        self.measure_button.setEnabled(self.can_run())

    def _show_about(self) -> None:
        run = self._fine_tune_run()
        if run is None:
            self.about_label.setText(translate(
                "FineTune", "The current run is not a fine-tune. \"Fine-tune on my digits…\" "
                "starts one from a run's weights; the digits you keep come from the canvas "
                "(Add to my digits) or the Data explorer."))
            self.set_text(self.status.setText, lambda: "")
            return
        cfg = run.train_config
        frozen = " ".join(k.upper() for k in cfg.freeze) or translate("FineTune", "none")
        self.about_label.setText(translate(
            "FineTune", "{0}: from “{1}”, trained on my digits ({2}), {3} % of each batch from "
            "MNIST, {4} % of each class held out; frozen: {5}.").format(
                run.name, cfg.start_from, cfg.images, round(cfg.mix_mnist * 100),
                round(cfg.holdout * 100), frozen))

    # ----------------------------------------------------------------- the job

    def _make_job(self):
        run, data = self._fine_tune_run(), self.state.data
        if run is None or data is None:
            return None
        before = start_params(run, self.state.runs)
        if before is None:
            self.set_text(self.status.setText, lambda: translate(
                "FineTune", "The weights this run started from are not known."))
            return None
        after = run.params
        self.set_text(self.status.setText, lambda: translate(
            "FineTune", "Measuring before → after…"))

        def fn(progress, should_stop):
            return _measure_job(run, before, after, data, progress, should_stop)
        return fn

    def _show_result(self, result: BeforeAfter) -> None:
        self._show_table()
        r = result
        n_held = 0 if r.before.held is None else len(r.before.held.predictions)
        self.set_text(self.status.setText, lambda: translate(
            "FineTune", "Trained on {0} of my digits, measured on the {1} held out and on "
            "MNIST's {2:,} test images.").format(r.n_train, n_held,
                                                 len(r.before.mnist.predictions)))

    def numbers(self) -> list[tuple[float | None, float | None]]:
        """[(held-out before, after), (MNIST before, after)], accuracies as fractions."""
        r = self.result
        if r is None:
            return []
        acc = lambda e: None if e is None else e.accuracy  # noqa: E731
        return [(acc(r.before.held), acc(r.after.held)),
                (acc(r.before.mnist), acc(r.after.mnist))]

    def _show_table(self) -> None:
        r = self.result
        rows = [translate("FineTune", "my digits, held out"), translate("FineTune", "MNIST test")]
        if r is not None:
            n_held = 0 if r.before.held is None else len(r.before.held.predictions)
            rows = [translate("FineTune", "my digits, held out ({0})").format(n_held),
                    translate("FineTune", "MNIST test ({0:,})").format(
                        len(r.before.mnist.predictions))]
        self.table.setVerticalHeaderLabels(rows)
        self.table.resizeRowsToContents()
        frame = 2 * self.table.frameWidth()
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height() + frame
                                  + sum(self.table.rowHeight(i) for i in range(2)))
        numbers = self.numbers() or [(None, None), (None, None)]
        heights = []
        for row, (b, a) in enumerate(numbers):
            cells = [self._pct(b), self._pct(a), self._change(b, a)]
            for col, (text, colour) in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if colour:
                    item.setForeground(QColor(colour))
                self.table.setItem(row, col, item)
            heights.append((np.nan if b is None else b * 100, np.nan if a is None else a * 100))
        hb = [0.0 if np.isnan(h[0]) else h[0] for h in heights]
        ha = [0.0 if np.isnan(h[1]) else h[1] for h in heights]
        self.before_bars.setOpts(height=hb)
        self.after_bars.setOpts(height=ha)
        for t, (x, v, raw) in zip(self.bar_text, ((-0.18, hb[0], heights[0][0]),
                                                  (0.82, hb[1], heights[1][0]),
                                                  (0.18, ha[0], heights[0][1]),
                                                  (1.18, ha[1], heights[1][1]))):
            t.setText("" if np.isnan(raw) else f"{raw:.1f}")
            t.setPos(x, v + 1)

    @staticmethod
    def _pct(v: float | None) -> tuple[str, str]:
        return ("–" if v is None else f"{v * 100:.1f} %", "")

    @staticmethod
    def _change(b: float | None, a: float | None) -> tuple[str, str]:
        if a is None or b is None:
            return "–", ""
        d = (a - b) * 100
        if abs(d) < 0.05:
            return "= 0.0", ""
        # the arrow and the sign say it; the colour only repeats it
        return (f"▲ +{d:.1f}", GAIN) if d > 0 else (f"▼ −{-d:.1f}", LOSS)

    @Slot()
    def _on_finetune_clicked(self) -> None:
        self.state.request_run("finetune")
