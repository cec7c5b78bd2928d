"""The application's shared state on the GUI thread: the data set, the latest weights (as a
read-only snapshot, never the trainer's live arrays) and the probe sample every panel shows."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QObject, Signal

from lenet_gui.data.mnist import Dataset
from lenet_gui.data.preprocess import normalise
from lenet_gui.model import LeNet5, NetworkSnapshot


@dataclass(frozen=True)
class Probe:
    """One sample shown across the panels."""
    x: np.ndarray  # (1, 1, 32, 32) network input, read-only
    label: int | None  # the true label z, if known
    source: str  # "test #0", "train #12", "drawing", …
    index: int | None = None  # index in its data set, if any

    @staticmethod
    def from_test(data: Dataset, index: int) -> "Probe":
        x = normalise(data.test_images[index : index + 1])
        x.setflags(write=False)
        return Probe(x, int(data.test_labels[index]), f"test #{index}", index)

    @staticmethod
    def from_input(x: np.ndarray, label: int | None, source: str) -> "Probe":
        x = np.array(x, np.float32, copy=True).reshape(1, 1, 32, 32)
        x.setflags(write=False)
        return Probe(x, label, source)


class AppState(QObject):
    data_loaded = Signal(object)  # Dataset
    weights_changed = Signal(object)  # NetworkSnapshot
    probe_changed = Signal(object)  # Probe
    layer_selected = Signal(str)  # "c1" … "f7", from the architecture panel
    reports_arrived = Signal(object)  # list[StepReport] since the last publish, in order
    training_state_changed = Signal(str)  # "idle", "running", "paused", "stopped"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.data: Dataset | None = None
        self.snapshot: NetworkSnapshot | None = None
        self.probe: Probe | None = None
        self._net: LeNet5 | None = None

    def set_data(self, data: Dataset) -> None:
        self.data = data
        self.data_loaded.emit(data)
        if self.probe is None:
            self.set_probe(Probe.from_test(data, 0))

    def set_weights(self, snapshot: NetworkSnapshot) -> None:
        self.snapshot = snapshot
        self._net = None
        self.weights_changed.emit(snapshot)

    def set_probe(self, probe: Probe) -> None:
        self.probe = probe
        self.probe_changed.emit(probe)

    def select_layer(self, layer: str) -> None:
        self.layer_selected.emit(layer)

    def inference_net(self) -> LeNet5 | None:
        """A private network holding a copy of the latest snapshot's weights: drawing and the
        stepper use it and never touch the trainer's arrays."""
        if self.snapshot is None:
            return None
        if self._net is None or self._net.config != self.snapshot.config:
            self._net = LeNet5(self.snapshot.config)
        self._net.set_params(self.snapshot.params)
        return self._net
