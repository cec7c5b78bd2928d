"""The toolbar's probe: the index of the test image every panel shows, the probe as the network
sees it, and its label with the network's answer, read from the state's trace (no forward pass
of its own)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Qt, Slot
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QSpinBox, QToolBar

from ..state import AppState, Probe

translate = QCoreApplication.translate


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
        self.image.setFixedSize(36, 36)
        self.text = QLabel()
        self.text.setMinimumWidth(260)
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
        self.image.setPixmap(QPixmap.fromImage(qimg).scaled(
            36, 36, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation))
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
