"""The toolbar's probe: the index of the test image every panel shows, the probe as the network
sees it, and its label with the network's answer, read from the state's trace (no forward pass
of its own)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QSize, Slot
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy, QSpinBox, QToolBar

from lenet_gui.gui.panels.stepper.widgets import ElidedLabel
from lenet_gui.gui.state import AppState, Probe

translate = QCoreApplication.translate
PROBE_TEXT_WIDTH = 220  # px the toolbar keeps for the probe's text: its usual length


class ProbeText(ElidedLabel):
    """The probe's label and the network's answer in the toolbar. It asks the toolbar for a
    fixed width, takes more where the toolbar has room and ends in "…" where it has not: a
    toolbar sized by its text put the perspective buttons behind its » menu on a 1280-pixel
    screen once the text grew (test #1234, 100 %) or Train became Resume."""

    def __init__(self) -> None:
        super().__init__()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(PROBE_TEXT_WIDTH, super().sizeHint().height())


class ProbePicker(QObject):
    """Its widgets go into a toolbar (add_to); it changes the probe only through the state,
    and shows what the state holds."""

    def __init__(self, state: AppState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self.label = QLabel()
        self.spin = QSpinBox()
        self.spin.setObjectName("probe_spin")
        self.spin.setRange(0, 0)
        self.spin.valueChanged.connect(self._on_index_changed)
        self.image = QLabel()
        # The 32×32 network input pixel for pixel (it was scaled to 36, some pixels doubled);
        # the toolbar is then 8 pixels lower, which a 720-pixel screen needs.
        self.image.setFixedSize(32, 32)
        self.text = ProbeText()
        state.changed.connect(self._on_state_changed)

    def add_to(self, toolbar: QToolBar) -> None:
        for w in (self.label, self.spin, self.image, self.text):
            toolbar.addWidget(w)

    def retranslate(self) -> None:
        self.label.setText(translate("MainWindow", " Probe: test image # "))
        self.label.setToolTip(translate("MainWindow", "The sample every panel shows"))
        self.spin.setToolTip(translate("MainWindow", "Index of the test image shown in every panel"))
        self.image.setToolTip(translate("MainWindow", "The probe sample as the network sees it"))
        self.text.setToolTip(translate("MainWindow", "The probe's true label and the network's answer"))
        self._show_text()

    @Slot(str)
    def _on_state_changed(self, topic: str) -> None:
        if topic == "data":
            self.spin.setRange(0, len(self._state.data.test_labels) - 1)
        elif topic == "probe":
            self._show_probe(self._state.probe)
        elif topic in ("trace", "snapshot"):
            self._show_text()

    @Slot(int)
    def _on_index_changed(self, index: int) -> None:
        data = self._state.data
        if data is not None and 0 <= index < len(data.test_labels):
            self._state.set_probe(Probe.from_test(data, index))

    def _show_probe(self, probe: Probe) -> None:
        if probe.index is not None and probe.source.startswith("test"):
            blocker = self.spin.blockSignals(True)
            self.spin.setValue(probe.index)
            self.spin.blockSignals(blocker)
        x = np.asarray(probe.x, np.float32).reshape(32, 32)
        img = np.clip((x + 0.1) / 1.275 * 255, 0, 255).astype(np.uint8)  # −0.1 … 1.175
        img = np.ascontiguousarray(img)
        qimg = QImage(img.data, 32, 32, 32, QImage.Format.Format_Grayscale8).copy()
        self.image.setPixmap(QPixmap.fromImage(qimg))
        self._show_text()

    def _show_text(self) -> None:
        probe = self._state.probe
        if probe is None:
            self.text.setText("")
            return
        label = "?" if probe.label is None else str(probe.label)
        if not self._state.trace_current:  # the shared trace: no forward pass of our own
            self.text.setText(translate("MainWindow", " {0}: label {1}").format(probe.name, label))
            return
        y = self._state.trace.y
        k = int(np.argmax(y))
        self.text.setText(translate("MainWindow", " {0}: label {1} · net says {2} ({3:.0f} %)").format(
            probe.name, label, k, 100 * float(y[k])))
