"""Saliency: how strongly the output yₖ reacts to each input pixel, |∂yₖ/∂x|, and gradient ×
input, beside the probe. One forward and backward of one image (well under a millisecond), so
it is computed on the GUI thread whenever the probe, the weights or k change."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout

from lenet_gui import explain as ex
from lenet_gui.gui.panels.explain.common import decade, input_qimage, sub, times_ten
from lenet_gui.gui.panels.explain.section import Section
from lenet_gui.gui.widgets.heatmap import HeatmapView
from lenet_gui.gui.widgets.images import PixelImage

translate = QCoreApplication.translate


class SaliencySection(Section):
    whats_this = {
        "probe_view": QT_TRANSLATE_NOOP(
            "WhatsThis", "The probe sample x: the 32×32 network input the maps explain."),
        "abs_view": QT_TRANSLATE_NOOP(
            "WhatsThis", "Saliency: |∂yₖ/∂x|, the size of the gradient of the softmax output yₖ "
            "with respect to every input pixel, found by backpropagation down to the input (like "
            "δ(x), but of yₖ instead of J). The colour bar gives its scale: 0 is dark, the largest "
            "value yellow."),
        "gxi_view": QT_TRANSLATE_NOOP(
            "WhatsThis", "Gradient × input: (x + 0.1)·∂yₖ/∂x for every pixel, each pixel's "
            "first-order share of yₖ measured from blank paper (x = −0.1), so the background "
            "scores 0. Diverging colours centred on 0 (white): yellow-brown raises yₖ, blue lowers "
            "it; the colours saturate at the 99th percentile, the hover read-out gives the value."),
        "reading": QT_TRANSLATE_NOOP(
            "WhatsThis", "How to read the two maps."),
    }

    def __init__(self, panel) -> None:
        super().__init__(panel)
        self.k: int | None = None  # the class of the maps shown
        self.decades = (0, 0)  # the maps are shown divided by 10^e (the captions say so)
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
        self.saliency_map, self.gxi_map = s, g  # as computed (tests compare them)
        self.probe_view.set_image(input_qimage(x))
        es = decade(float(np.max(s)))
        m = float(np.max(s)) / 10.0 ** es or 1.0
        self.abs_view.set_maps(np.asarray(s / 10.0 ** es, np.float32)[None], levels=(0.0, m))
        # One pixel often dominates gradient × input: the colours saturate at the 99th
        # percentile of |x·∂y/∂x| (the hover read-out gives the true value).
        clip = float(np.percentile(np.abs(g), 99)) or float(np.max(np.abs(g)))
        eg = decade(clip)
        m = clip / 10.0 ** eg or 1.0
        self.gxi_view.set_maps(np.asarray(g / 10.0 ** eg, np.float32)[None], levels=(-m, m))
        self.decades = (es, eg)
        self._show_texts()

    def _describe_abs(self, _tile: int, row: int, col: int, value: float) -> str:
        return f"|∂y{sub(self.k)}/∂x({row},{col})| = {value * 10.0 ** self.decades[0]:.3g}"

    def _describe_gxi(self, _tile: int, row: int, col: int, value: float) -> str:
        v = value * 10.0 ** self.decades[1]
        return f"(x({row},{col}) + 0.1)·∂y{sub(self.k)}/∂x({row},{col}) = {v:.3g}"

    def _show_texts(self) -> None:
        k = "k" if self.k is None else sub(self.k)
        self.captions[0].setText(translate("Explain", "Probe x (32×32)"))
        self.captions[1].setText(translate("Explain", "Saliency |∂y{0}/∂x|").format(k)
                                 + times_ten(self.decades[0]))
        self.captions[2].setText(translate("Explain", "Gradient × input")
                                 + times_ten(self.decades[1]))
        self.reading.setText(translate(
            "Explain", "Bright pixels of the saliency map are those where a small change of "
            "x changes y{0} most. Gradient × input is yellow-brown where the ink raises "
            "y{0} and blue where it lowers it.").format(k))

    def retranslate(self) -> None:
        self._show_texts()
