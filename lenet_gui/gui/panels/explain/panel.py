"""The Explain dock: why did the network give its answer for the probe sample? Four sections
in tabs (saliency, occlusion, what a unit looks for, fool it) under a header that shows the
probe, its label, the answer and the class k the maps explain. Only the section on screen
draws; the others remember what changed and draw when their tab is chosen."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout

from lenet_gui.gui.help import PanelHelp
from lenet_gui.gui.panels._base import Panel
from lenet_gui.gui.panels.explain.common import ClassCombo, input_qimage, prediction, sub
from lenet_gui.gui.panels.explain.fool import FoolSection
from lenet_gui.gui.panels.explain.occlusion import OcclusionSection
from lenet_gui.gui.panels.explain.saliency import SaliencySection
from lenet_gui.gui.panels.explain.section import Section
from lenet_gui.gui.panels.explain.units import UnitsSection
from lenet_gui.gui.panels.stepper.widgets import ElidedLabel
from lenet_gui.gui.state import AppState
from lenet_gui.gui.widgets.images import PixelImage
from lenet_gui.gui.widgets.scroll import VerticalScroll
from lenet_gui.model import SnapshotNet

translate = QCoreApplication.translate


class ExplainPanel(Panel):
    """Saliency, occlusion, the inputs that maximise each unit, and adversarial examples for
    the state's probe and snapshot."""

    name = "explain"
    title = QT_TRANSLATE_NOOP("MainWindow", "Explain")
    help = PanelHelp(
        "LeNet-5 基本概念; Layer C1 … Layer Softmax; 梯度计算的基本原理",
        "|∂yₖ/∂x|;  x′ = clip(x + ε·sign(δ(x))),  δ(x) = ∂J/∂x",
        QT_TRANSLATE_NOOP("Help", "Why the network gave its answer for the probe sample x (a "
                          "test image or your drawing). Saliency: how strongly yₖ reacts to "
                          "each pixel (the gradient), and gradient × input. Occlusion: how much "
                          "yₖ drops when a blank patch covers each place. What a unit looks "
                          "for: the input that makes each map or unit of C1, C3, C5, F6 or the "
                          "output largest, and the 9 test images that excite it most. Fool it: "
                          "the smallest change of x, along the sign of the gradient of J (FGSM), "
                          "that changes the answer; or one that makes it a chosen digit k."))
    reads = frozenset({"data", "snapshot", "probe", "training"})
    default_area = "left"
    default_place = ("tab", "feature_maps")
    whats_this = {
        "class_combo": QT_TRANSLATE_NOOP(
            "WhatsThis", "The class k whose softmax output yₖ the saliency and occlusion maps "
            "explain: the network's answer (argmax y), or any digit 0–9 — e.g. to ask what speaks "
            "for a 1 in a drawn 7."),
        "probe_image": QT_TRANSLATE_NOOP(
            "WhatsThis", "The probe sample x, the 32×32 network input (a test image or the "
            "drawing), drawn as ink on paper."),
        "probe_label": QT_TRANSLATE_NOOP(
            "WhatsThis", "The probe: where it comes from, its label z (? for a drawing), the "
            "network's answer argmax y and its softmax output y."),
    }

    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(state, parent)
        self.probe_image = PixelImage()
        self.probe_image.setFixedSize(40, 40)
        self.probe_label = ElidedLabel()  # ends in "…" in a narrow dock (it was cut mid-letter)
        self.class_caption = QLabel()
        self.class_combo = ClassCombo()
        self.class_combo.currentIndexChanged.connect(self._on_class_changed)
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.probe_image)
        header.addWidget(self.probe_label, 1)
        header.addWidget(self.class_caption)
        header.addWidget(self.class_combo)

        self.saliency = SaliencySection(self)
        self.occlusion = OcclusionSection(self)
        self.units = UnitsSection(self)
        self.fool = FoolSection(self)
        self.sections: list[Section] = [self.saliency, self.occlusion, self.units, self.fool]
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for s in self.sections:
            self.tabs.addTab(s, "")
        self.tabs.currentChanged.connect(self._on_tab_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addLayout(header)
        # The sections stand up to ~280 pixels tall (Fool it): in a shorter dock the tabs scroll.
        layout.addWidget(VerticalScroll(self.tabs), 1)
        self.y: np.ndarray | None = None  # the probe's softmax output y under the snapshot
        self._net = SnapshotNet()
        self.own_forward_passes = 0  # y computed here because the state's trace was not in
        self.retranslate()

    # ----------------------------------------------------------------- what the sections read

    def net(self):
        """The panel's own GUI-thread network with the snapshot's weights (for the
        sub-millisecond maps); the sections' background jobs make networks of their own."""
        return self._net.of(self.state.snapshot)

    @property
    def x(self) -> np.ndarray:
        return self.state.probe.x

    def predicted(self) -> int:
        return prediction(self.y)[0]

    def true_class(self) -> int:
        """The probe's label z, or the answer when it has none (a drawing)."""
        label = self.state.probe.label
        return self.predicted() if label is None else int(label)

    def chosen_class(self) -> int:
        """The class k the maps explain: the one chosen, else the answer."""
        k = self.class_combo.value()
        return self.predicted() if k is None else int(k)

    # ----------------------------------------------------------------- Panel

    def ready(self) -> bool:
        return self.state.snapshot is not None and self.state.probe is not None

    def refresh(self) -> None:
        topics = set(self.changed_topics)
        if topics & {"snapshot", "probe"} or self.y is None:
            self.y = self._probe_y()
            self.probe_image.set_image(input_qimage(self.x))
            self._show_probe()
        for s in self.sections:
            s.changed_topics |= topics
        self._refresh_current()

    def _probe_y(self) -> np.ndarray:
        """y of the probe under the snapshot: the state's trace has it once it is in (it is
        computed off the GUI thread as soon as the snapshot or the probe changes); until then
        one forward pass of our own (well under a millisecond), so that the header and the
        maps follow the change at once."""
        if self.state.trace_current:
            return np.asarray(self.state.trace.y, np.float64)
        self.own_forward_passes += 1
        with np.errstate(over="ignore", invalid="ignore"):
            return np.asarray(self.net().forward(self.x)["y"][0], np.float64)

    def _refresh_current(self) -> None:
        section = self.tabs.currentWidget()
        if isinstance(section, Section):
            section.redraw_if_due()

    def _show_probe(self) -> None:
        probe = self.state.probe
        if probe is None or self.y is None:
            self.probe_label.setText("")
            return
        k, p = prediction(self.y)
        label = "?" if probe.label is None else str(probe.label)
        self.probe_label.setText(translate(
            "Explain", "Probe: {0} · label z = {1} · answer {2} (y{3} = {4:.3f})").format(
                probe.name, label, k, sub(k), p))
        self.probe_label.setToolTip(self.probe_label.text())

    def whats_this_owners(self) -> list:
        """The panel's table, and each section's."""
        return [self, *getattr(self, "sections", ())]

    def shutdown(self) -> None:
        for s in self.sections:
            s.shutdown()

    def closeEvent(self, event) -> None:  # noqa: N802
        self.shutdown()
        super().closeEvent(event)

    def retranslate(self) -> None:
        self.probe_image.setAccessibleName(translate("Explain", "Probe sample x"))
        names = (translate("Explain", "Saliency"), translate("Explain", "Occlusion"),
                 translate("Explain", "What a unit looks for"), translate("Explain", "Fool it"))
        tips = (translate("Explain", "Which pixels yₖ is most sensitive to: |∂yₖ/∂x| and "
                          "gradient × input"),
                translate("Explain", "How much yₖ drops when a blank patch hides each place"),
                translate("Explain", "The input each map or unit responds to most, and the "
                          "test images that excite it most"),
                translate("Explain", "The smallest change of x that changes the answer "
                          "(adversarial examples)"))
        for i, (n, t) in enumerate(zip(names, tips)):
            self.tabs.setTabText(i, n)
            self.tabs.setTabToolTip(i, t)
            self.tabs.setTabWhatsThis(i, t)
        self.class_caption.setText(translate("Explain", "Explain class k:"))
        self.class_combo.retranslate()
        self.class_combo.setToolTip(translate("Explain", "The output yₖ the saliency and "
                                              "occlusion maps explain"))
        self._show_probe()
        for s in self.sections:
            s.retranslate()

    # ----------------------------------------------------------------- slots

    @Slot(int)
    def _on_tab_changed(self, index: int) -> None:
        # The class k is that of the saliency and occlusion maps only.
        for w in (self.class_caption, self.class_combo):
            w.setVisible(self.tabs.widget(index) in (self.saliency, self.occlusion))
        if self.isVisible():
            self._refresh_current()

    @Slot(int)
    def _on_class_changed(self, _index: int) -> None:
        for s in self.sections:
            s.changed_topics.add("class")
        self._refresh_current()
