"""Saliency: how strongly the output y_k reacts to each input pixel, |∂y_k/∂x|, and gradient ×
input, beside the probe. One forward and backward of one image (well under a millisecond), so
it is computed on the GUI thread whenever the probe, the weights or k change."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout

from lenet_gui import explain as ex
from lenet_gui.gui.widgets.heatmap import HeatmapView
from lenet_gui.gui.widgets.images import PixelImage

from .common import input_qimage
from .section import Section

translate = QCoreApplication.translate


class SaliencySection(Section):
    def __init__(self, panel) -> None:
        super().__init__(panel)
        self.k: int | None = None  # the class of the maps shown
        self.probe_view = PixelImage()
        self.abs_view = HeatmapView(signed=False, describe=self._describe_abs)
        self.gxi_view = HeatmapView(signed=True, describe=self._describe_gxi)
        self.captions = [QLabel() for _ in range(3)]
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        for col, (cap, view) in enumerate(zip(self.captions,
                                              (self.probe_view, self.abs_view, self.gxi_view))):
            cap.setWordWrap(True)
            grid.addWidget(cap, 0, col)
            grid.addWidget(view, 1, col)
            grid.setColumnStretch(col, 4 if col else 3)
        grid.setRowStretch(1, 1)
        self.reading = QLabel()
        self.reading.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 4, 2, 2)
        layout.addLayout(grid, 1)
        layout.addWidget(self.reading)

    def refresh(self, topics: set[str]) -> None:
        p = self.panel
        k = p.chosen_class()
        net, x = p.net(), p.x
        with np.errstate(over="ignore", invalid="ignore"):
            s = ex.saliency(net, x, k)
            g = ex.gradient_times_input(net, x, k)
        self.k = k
        self.probe_view.set_image(input_qimage(x))
        self.abs_view.set_maps(np.asarray(s, np.float32)[None],
                               levels=(0.0, float(np.max(s)) or 1e-12))
        m = float(np.max(np.abs(g))) or 1e-12
        self.gxi_view.set_maps(np.asarray(g, np.float32)[None], levels=(-m, m))
        self._show_texts()

    def _describe_abs(self, _tile: int, row: int, col: int, value: float) -> str:
        return f"|∂y{self.k}/∂x({row},{col})| = {value:.3g}"

    def _describe_gxi(self, _tile: int, row: int, col: int, value: float) -> str:
        return f"x({row},{col})·∂y{self.k}/∂x({row},{col}) = {value:.3g}"

    def _show_texts(self) -> None:
        k = "k" if self.k is None else str(self.k)
        self.captions[0].setText(translate("Explain", "Probe x (32×32)"))
        self.captions[1].setText(translate("Explain", "Saliency |∂y_{0}/∂x|").format(k))
        self.captions[2].setText(translate("Explain", "Gradient × input"))
        self.reading.setText(translate(
            "Explain", "Bright pixels of the saliency map are those where a small change of "
            "x changes y_{0} most. Gradient × input is yellow-brown where x raises "
            "y_{0} and blue where it lowers it.").format(k))

    def retranslate(self) -> None:
        self._show_texts()
        self.probe_view.setWhatsThis(translate(
            "Explain", "The probe sample x: the 32×32 network input the maps explain."))
        self.abs_view.setWhatsThis(translate(
            "Explain", "Saliency: |∂y_k/∂x|, the size of the gradient of the softmax output y_k "
            "with respect to every input pixel, found by backpropagation down to the input "
            "(like δ(x), but of y_k instead of J). The colour bar gives its scale: 0 is dark, "
            "the largest value yellow."))
        self.gxi_view.setWhatsThis(translate(
            "Explain", "Gradient × input: x·∂y_k/∂x for every pixel, how much each pixel's "
            "value contributes to y_k to first order. Diverging colours centred on 0 (white): "
            "yellow-brown raises y_k, blue lowers it. Background pixels (x = −0.1) contribute "
            "little."))
        self.reading.setWhatsThis(translate("Explain", "How to read the two maps."))
