"""Occlusion sensitivity: slide a blank patch (paper) over the probe and map how much yₖ drops at each
place. Computed in a background job for the current snapshot, probe, k, patch size and
stride; any change cancels the running job and a result for old inputs never paints. While
training streams snapshots the map is recomputed at most once per THROTTLE_MS."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTimer, Slot
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
)

from lenet_gui import explain as ex
from lenet_gui.data.preprocess import BACKGROUND, FOREGROUND
from lenet_gui.gui.jobs import JobRunner, same_key
from lenet_gui.gui.panels.explain.common import input_qimage, sub
from lenet_gui.gui.panels.explain.section import Section
from lenet_gui.gui.widgets.heatmap import HeatmapView
from lenet_gui.gui.widgets.images import PixelImage

translate = QCoreApplication.translate

THROTTLE_MS = 2000  # while training: at most one new map per 2 s


class OcclusionSection(Section):
    whats_this = {
        "probe_view": QT_TRANSLATE_NOOP(
            "WhatsThis", "The probe sample x the map explains."),
        "map_view": QT_TRANSLATE_NOOP(
            "WhatsThis", "Occlusion sensitivity: for every position of the patch, yₖ of the intact "
            "x minus yₖ with the patch (blank paper, x = −0.1) covering x, one forward pass each, "
            "batched; each pixel shows the mean drop over the patches covering it. Diverging "
            "colours centred on 0 (white); the colour bar gives the drop of the softmax output yₖ."),
        "progress": QT_TRANSLATE_NOOP(
            "WhatsThis", "The occlusion map is being computed in the background."),
        "status": QT_TRANSLATE_NOOP(
            "WhatsThis", "Which inputs the map shown was computed for."),
        "size_box": QT_TRANSLATE_NOOP(
            "WhatsThis", "The side of the square blank patch, in input pixels. A larger patch "
            "hides whole strokes; a small one single pixels."),
        "stride_box": QT_TRANSLATE_NOOP(
            "WhatsThis", "How far the patch moves between two positions, in input pixels. Stride 1 "
            "gives the finest map and the most forward passes."),
    }

    def __init__(self, panel) -> None:
        super().__init__(panel)
        self.result: np.ndarray | None = None
        self.result_key: tuple | None = None
        self.runner = JobRunner(self.current_key, self._on_result, self)
        self.runner.state_changed.connect(self._on_runner_state)
        self.size_caption, self.stride_caption = QLabel(), QLabel()
        self.size_box = QSpinBox()
        self.size_box.setRange(1, 16)
        self.size_box.setValue(4)
        self.stride_box = QSpinBox()
        self.stride_box.setRange(1, 8)
        self.stride_box.setValue(2)
        self.size_box.valueChanged.connect(self._on_setting_changed)
        self.stride_box.valueChanged.connect(self._on_setting_changed)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy indicator: the map comes in one piece
        self.progress.setMaximumWidth(80)
        self.progress.hide()
        self.status = QLabel()
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        for w in (self.size_caption, self.size_box, self.stride_caption, self.stride_box,
                  self.progress):
            controls.addWidget(w)
        controls.addWidget(self.status, 1)

        self.probe_view = PixelImage()
        self.map_view = HeatmapView(signed=True, describe=self._describe)
        # The probe's ink over the map, half transparent: where the strokes are.
        self.ink = pg.ImageItem(axisOrder="row-major")
        self.ink.setZValue(10)
        self.map_view.view.addItem(self.ink)
        self.captions = [QLabel(), QLabel()]
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        for col, (cap, view) in enumerate(zip(self.captions, (self.probe_view, self.map_view))):
            cap.setWordWrap(True)
            grid.addWidget(cap, 0, col)
            grid.addWidget(view, 1, col)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 5)
        grid.setRowStretch(1, 1)
        self.reading = QLabel()
        self.reading.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 4, 2, 2)
        layout.addLayout(controls)
        layout.addLayout(grid, 1)
        layout.addWidget(self.reading)

        self._throttle = QTimer(self)
        self._throttle.setSingleShot(True)
        self._throttle.setInterval(THROTTLE_MS)
        self._throttle.timeout.connect(self._on_throttle)

    # ----------------------------------------------------------------- the job

    def current_key(self) -> tuple:
        """What a map is computed for: snapshot, probe, class k, patch size and stride."""
        p = self.panel
        return (self.state.snapshot, self.state.probe, p.chosen_class(),
                self.size_box.value(), self.stride_box.value())

    def refresh(self, topics: set[str]) -> None:
        self.probe_view.set_image(input_qimage(self.panel.x))
        if self.runner.busy and not same_key(self.runner.key, self.current_key()):
            self.runner.cancel()  # computed for old inputs: it will never paint
        if topics <= {"snapshot", "training", "data"} and \
                self.state.training == "running":
            if not self._throttle.isActive():  # a throttle, not a restart per snapshot
                self._throttle.start()
            self._show_status()
            return
        self.run()

    @Slot(int)
    def _on_setting_changed(self, _value: int) -> None:
        self.mark_changed("class")

    @Slot()
    def _on_throttle(self) -> None:
        if self.on_screen():
            self.run()
        else:
            self.changed_topics.add("snapshot")  # run when the tab is shown again

    @Slot()
    def run(self) -> None:
        """Start the map for the current inputs (unless it is already shown or running)."""
        key = self.current_key()
        if self.result_key is not None and same_key(self.result_key, key):
            return
        if self.runner.busy and same_key(self.runner.key, key):
            return
        snap, probe, k, size, stride = key

        def fn(progress, should_stop):
            net = snap.to_net()
            with np.errstate(over="ignore", invalid="ignore"):
                return np.asarray(ex.occlusion(net, probe.x, k, size=size, stride=stride),
                                  np.float32)
        self.runner.start(fn, key)

    def _on_result(self, result: np.ndarray, key: tuple) -> None:
        self.result, self.result_key = result, key
        m = float(np.max(np.abs(result))) or 1e-12
        self.map_view.set_maps(result[None], levels=(-m, m))
        x = np.asarray(key[1].x, np.float64).reshape(32, 32)
        ink = np.clip((x - BACKGROUND) / (FOREGROUND - BACKGROUND), 0, 1)
        rgba = np.zeros((32, 32, 4), np.uint8)  # black ink, alpha ∝ ink
        rgba[..., 3] = (ink * 120).astype(np.uint8)
        self.ink.setImage(rgba, autoLevels=False)
        self.retranslate()  # the captions name the class

    @Slot()
    def _on_runner_state(self) -> None:
        self.progress.setVisible(self.runner.busy)
        self._show_status()

    def shutdown(self) -> None:
        self._throttle.stop()
        self.runner.shutdown()

    # ----------------------------------------------------------------- texts

    def _describe(self, _tile: int, row: int, col: int, value: float) -> str:
        k = "k" if self.result_key is None else self.result_key[2]
        return translate("Explain", "pixel ({0}, {1}): y{2} drops by {3:.3f}").format(
            row, col, sub(k) if isinstance(k, int) else "ₖ", value)

    def _show_status(self) -> None:
        if self.runner.message:
            text = translate("Explain", "Failed: {0}").format(self.runner.message)
        elif self.runner.busy:
            text = translate("Explain", "Computing the occlusion map…")
        elif self.result_key is None:
            text = ""
        elif not same_key(self.result_key, self.current_key()):
            text = translate("Explain", "The weights changed since; the map follows every "
                             "{0} s while training runs.").format(THROTTLE_MS // 1000)
        else:
            n = len(ex.occlusion_positions(self.result_key[3], self.result_key[4])) ** 2
            text = translate("Explain", "Map for class {0}: {1} patch positions, one batch of "
                             "forward passes.").format(self.result_key[2], n)
        self.status.setText(text)

    def retranslate(self) -> None:
        self.size_caption.setText(translate("Explain", "Patch"))
        self.stride_caption.setText(translate("Explain", "Stride"))
        self.size_box.setSuffix(translate("Explain", " px"))
        self.stride_box.setSuffix(translate("Explain", " px"))
        self.captions[0].setText(translate("Explain", "Probe x (32×32)"))
        k = "ₖ" if self.result_key is None else sub(self.result_key[2])
        self.captions[1].setText(translate("Explain", "Drop of y{0} when a patch hides each "
                                           "place (x's strokes in grey)").format(k))
        self.reading.setText(translate(
            "Explain", "A blank patch (paper, x = −0.1) slides over x. Yellow-brown: hiding "
            "that part lowers y{0}, the network needs it; blue: hiding it raises y{0}, it "
            "spoke against the class.").format(k))
        tip_size = translate("Explain", "The side of the square blank patch, in input pixels")
        tip_stride = translate("Explain", "How far the patch moves between two positions, in "
                               "input pixels")
        self.size_box.setToolTip(tip_size)
        self.stride_box.setToolTip(tip_stride)
        self._show_status()
