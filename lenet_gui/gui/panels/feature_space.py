"""The feature space dock: a PCA of the C5 or F6 outputs of up to 2,000 test images, coloured
by class with the mistakes ringed. Hovering shows a point's image, a click makes it the probe
sample, and the probe is marked. The outputs and the PCA are computed in the background."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QPointF, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from lenet_gui.gui.help import PanelHelp
from lenet_gui.gui.panels._jobs import JobPanel
from lenet_gui.gui.state import AppState, Probe
from lenet_gui.gui.widgets.gallery import CLASS_COLOURS, digit_pixmap
from lenet_gui.gui.widgets.plots import black_axes, font
from lenet_gui.gui.widgets.scroll import VerticalScroll
from lenet_gui.train import analysis as an

# Colour is never the only cue: each class has its marker too (pyqtgraph's, and its glyph)
CLASS_SYMBOLS = ("o", "s", "t", "d", "+", "x", "p", "h", "t1", "t2")
CLASS_GLYPHS = ("●", "■", "▼", "◆", "+", "×", "⬟", "⬢", "▲", "▶")
PROBE_COLOUR = "#ff1744"  # the probe's star: a vivid red, apart from the class colours

translate = QCoreApplication.translate


class FeatureSpacePanel(JobPanel):
    """PCA of the C5 (120) or F6 (84) outputs of up to 2,000 test images: a scatter coloured by
    the true class, mistakes ringed; hover shows the image, click makes it the probe."""

    name = "feature_space"
    title = QT_TRANSLATE_NOOP("MainWindow", "Feature space")
    help = PanelHelp(
        "Layer C5; Layer F6",
        QT_TRANSLATE_NOOP("Help", "f6 ∈ ℝ⁸⁴ → 2-D projection"),
        QT_TRANSLATE_NOOP("Help", "The test images as points: the outputs of a layer (C5 or F6) "
                          "projected to two dimensions and coloured by the true digit; the probe "
                          "is marked."))
    reads = frozenset({"data", "snapshot", "probe", "trace"})
    default_area = "bottom"
    default_place = ("tab", "loss")
    whats_this = {
        "layer_box": QT_TRANSLATE_NOOP(
            "WhatsThis", "The layer whose outputs are projected: C5's 120 or F6's 84 values per "
            "image (course: Layer C5, Layer F6)."),
        "count_box": QT_TRANSLATE_NOOP("WhatsThis", "How many test images are projected."),
        "run_button": QT_TRANSLATE_NOOP(
            "WhatsThis", "Compute the layer's outputs for the test images and their principal "
            "components (PCA)."),
        "plot": QT_TRANSLATE_NOOP(
            "WhatsThis", "Every test image as a point: its C5 or F6 output projected onto the first "
            "two principal components (x axis PC1, y axis PC2, each with its share of the "
            "variance), coloured by the true digit. Ringed: mistakes; red +: the probe. Hover for "
            "the image, click to make it the probe."),
    }
    HOVER_PX = 8  # how close the pointer must be to a point, in screen pixels

    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(state, parent)
        self.hover_index: int | None = None  # test-set index under the pointer
        self.layer_box = QComboBox()
        self.layer_box.addItem("", "c5")  # texts: retranslate()
        self.layer_box.addItem("", "f6")
        self.layer_box.currentIndexChanged.connect(self._on_settings_changed)
        self.count_box = QSpinBox()
        self.count_box.setRange(100, 2000)
        self.count_box.setSingleStep(250)
        self.count_box.setValue(2000)
        self.count_box.setKeyboardTracking(False)
        self.count_box.valueChanged.connect(self._on_settings_changed)
        self.run_button = QPushButton()
        self.run_button.clicked.connect(self.run)

        self.plot = pg.PlotWidget(enableMenu=False)
        self.plot.setBackground("w")
        pi = self.plot.getPlotItem()
        pi.hideButtons()
        black_axes(pi)
        self.view = pi.getViewBox()
        self.points = pg.ScatterPlotItem(size=7, pen=None)
        self.rings = pg.ScatterPlotItem(size=11, symbol="o", brush=None,
                                        pen=pg.mkPen("#000000", width=1.3))
        # The probe: a large red star edged in white inside a thick black ring, above every
        # point (a small "+" in the class colours' red was lost among 1,000 dots).
        self.probe_ring = pg.ScatterPlotItem(size=34, symbol="o", brush=None,
                                             pen=pg.mkPen("#000000", width=3))
        self.probe_mark = pg.ScatterPlotItem(size=26, symbol="star",
                                             pen=pg.mkPen("#ffffff", width=1.5),
                                             brush=pg.mkBrush(PROBE_COLOUR))
        self.hover_mark = pg.ScatterPlotItem(size=13, symbol="o", brush=None,
                                             pen=pg.mkPen("#e74c3c", width=2))
        for item, z in ((self.points, 0), (self.rings, 1), (self.hover_mark, 2),
                        (self.probe_ring, 10), (self.probe_mark, 11)):
            item.setZValue(z)
            pi.addItem(item)
        self._brushes = [pg.mkBrush(c) for c in CLASS_COLOURS]
        self.plot.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.plot.scene().sigMouseClicked.connect(self._on_mouse_clicked)

        # Inset: the hovered image, then the legend.
        self.inset = QLabel()
        self.inset.setFixedSize(84, 84)
        self.inset.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.inset.setStyleSheet("border: 1px solid #999; background: white;")
        self.inset_text = QLabel()
        self.inset_text.setWordWrap(True)
        self.inset_text.setFont(font(9))
        self.legend = QLabel()
        self.legend.setFont(font(9))
        side = QWidget()
        side.setFixedWidth(150)
        s = QVBoxLayout(side)
        s.setContentsMargins(4, 0, 0, 0)
        s.addWidget(self.inset)
        s.addWidget(self.inset_text)
        s.addWidget(self.legend)
        s.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.plot, 1)
        body.addWidget(VerticalScroll(side))  # the inset over ten legend lines: ~225 px
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self._header(self.layer_box, self.count_box, self.run_button))
        layout.addLayout(body, 1)
        self.set_text(self.inset_text.setText, lambda: translate("Evaluation", "Hover a point."))
        self.set_text(self.status.setText, lambda: translate(
            "Evaluation", "Waiting for the data set and weights."))
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.plot.setAccessibleName(translate("Evaluation", "Feature space"))
        self.layer_box.setItemText(0, translate("Evaluation", "C5 (120 outputs)"))
        self.layer_box.setItemText(1, translate("Evaluation", "F6 (84 outputs)"))
        self.layer_box.setToolTip(translate("Evaluation", "The layer whose outputs are "
                                            "projected"))
        self.count_box.setSuffix(translate("Evaluation", " images"))
        self.count_box.setToolTip(translate("Evaluation", "How many test images to project"))
        self.count_box.setAccessibleName(translate("Evaluation", "Test images"))
        self.run_button.setText(translate("Evaluation", "Compute"))
        self.run_button.setToolTip(translate("Evaluation", "Compute the layer's outputs and "
                                             "their principal components (PCA)"))
        # Two columns (classes 0-4 and 5-9), so that the panel is not taller than its plot
        # needs: the window's first layout must fit 900 pixels.
        cell = ("<td style='padding-right:6px'><span style='color:{0}; font-size:12pt'>{1}"
                "</span> {2}</td>")
        dot = [cell.format(c, CLASS_GLYPHS[k], translate("Evaluation", "class {0}").format(k))
               for k, c in enumerate(CLASS_COLOURS)]
        rows = ["<tr>" + dot[k] + dot[k + 5] + "</tr>" for k in range(5)]
        rows.append("<tr>" + cell.format("black", "○", translate("Evaluation", "mistake"))
                    + cell.format(PROBE_COLOUR, "★", translate("Evaluation", "probe")) + "</tr>")
        self.legend.setText("<table cellspacing='0'>" + "".join(rows) + "</table>")

    @property
    def layer(self) -> str:
        return self.layer_box.currentData() or "c5"

    def refresh(self) -> None:
        super().refresh()
        if self.changed_topics & {"probe", "trace"}:
            self._mark_probe()

    def _make_job(self):
        inputs = self._inputs()
        if inputs is None:
            return None
        data, snap = inputs
        layer, n = self.layer, self.count_box.value()
        images, labels = data.test_images, data.test_labels
        self.set_text(self.status.setText, lambda: translate(
            "Evaluation", "Computing {0} outputs of {1:,} test images…").format(layer.upper(), n))

        def fn(progress, should_stop):
            return an.feature_space(snap.to_net(), images, labels, layer, n,
                                    progress=progress, should_stop=should_stop)
        return fn

    def _show_result(self, fs: an.FeatureSpace) -> None:
        xy = fs.pca.projected
        self.points.setData(x=xy[:, 0], y=xy[:, 1], brush=[self._brushes[k] for k in fs.labels],
                            symbol=[CLASS_SYMBOLS[k] for k in fs.labels])
        wrong = fs.labels != fs.predictions
        self.rings.setData(x=xy[wrong, 0], y=xy[wrong, 1])
        self.hover_mark.setData([], [])
        ratio, layer, n_wrong = fs.pca.explained_ratio, fs.layer.upper(), int(wrong.sum())
        pi = self.plot.getPlotItem()
        self.set_text(lambda t: pi.setLabel("bottom", t, color="k"), lambda: translate(
            "Evaluation", "PC1 ({0:.1f} % of the variance)").format(ratio[0] * 100), key="x")
        self.set_text(lambda t: pi.setLabel("left", t, color="k"), lambda: translate(
            "Evaluation", "PC2 ({0:.1f} %)").format(ratio[1] * 100), key="y")
        self.set_text(lambda t: pi.setTitle(t, color="k", size="9pt"), lambda: translate(
            "Evaluation", "PCA of {0}: {1:,} test images, {2:,} mistakes ringed").format(
                layer, len(fs.indices), n_wrong), key="title")
        self.view.autoRange(padding=0.04)
        self.set_text(self.status.setText, lambda: translate(
            "Evaluation", "{0}: PC1 + PC2 explain {1:.1f} % of the variance").format(
                layer, ratio[:2].sum() * 100))
        self._mark_probe()

    def point_at(self, scene_pos) -> int | None:
        """Row (in the result) of the point nearest the scene position, within HOVER_PX."""
        fs = self.result
        if fs is None or not self.view.sceneBoundingRect().contains(scene_pos):
            return None
        p = self.view.mapSceneToView(scene_pos)
        px, py = self.view.viewPixelSize()
        xy = fs.pca.projected
        d2 = ((xy[:, 0] - p.x()) / px) ** 2 + ((xy[:, 1] - p.y()) / py) ** 2
        j = int(d2.argmin())
        return j if d2[j] <= self.HOVER_PX ** 2 else None

    def point_scene_pos(self, row: int) -> QPointF:
        xy = self.result.pca.projected[row]
        return self.view.mapViewToScene(QPointF(float(xy[0]), float(xy[1])))

    @Slot(object)
    def _on_mouse_moved(self, scene_pos) -> None:
        j = self.point_at(scene_pos)
        if j is None:
            return
        fs, data = self.result, self.state.data
        i = int(fs.indices[j])
        if data is None or i >= len(data.test_labels):
            return
        self.hover_index = i
        xy = fs.pca.projected[j]
        self.hover_mark.setData([xy[0]], [xy[1]])
        self.inset.setPixmap(digit_pixmap(data.test_images[i], 80))
        true, pred, conf = int(fs.labels[j]), int(fs.predictions[j]), fs.confidence[j]

        def text() -> str:
            t = translate("Evaluation", "test #{0}<br>true {1}, predicted {2} ({3:.0f} %)"
                          ).format(i, true, pred, conf * 100)
            return f"<span style='color:#c0392b'>{t}</span>" if true != pred else t
        self.set_text(self.inset_text.setText, text)

    @Slot(object)
    def _on_mouse_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        j = self.point_at(event.scenePos())
        data = self.state.data
        if j is not None and data is not None and self.result.indices[j] < len(data.test_labels):
            self.state.set_probe(Probe.from_test(self.state.data, int(self.result.indices[j])))

    def _mark_probe(self) -> None:
        """The probe's star: its own point when it is one of the projected test images, else
        its layer output (from the state's trace: a test image outside the sample, or a
        drawing) projected on the same axes, (f − μ)·Vᵀ."""
        fs, probe = self.result, self.state.probe
        if fs is None or probe is None:
            self._set_probe_mark([], [])
            return
        rows = (np.flatnonzero(fs.indices == probe.index)
                if probe.index is not None and probe.source.startswith("test") else [])
        trace = self.state.trace
        if len(rows):
            xy = fs.pca.projected[rows[0]]
        elif trace is not None and trace.probe is probe and fs.layer in trace.trace:
            f = np.asarray(trace.trace[fs.layer], np.float64).reshape(-1)
            xy = (f - fs.pca.mean) @ fs.pca.components[:2].T
        else:
            self._set_probe_mark([], [])
            return
        self._set_probe_mark([xy[0]], [xy[1]])

    def _set_probe_mark(self, x: list, y: list) -> None:
        self.probe_mark.setData(x, y)
        self.probe_ring.setData(x, y)

    @Slot(int)
    def _on_settings_changed(self, _value: int) -> None:
        if self.can_run():
            self.run()
