"""The application's shared state on the GUI thread: the data set, the latest weights (as a
read-only snapshot, never the trainer's live arrays) and the probe sample every panel shows.

Each panel may get its own StateView (`state.view()`): the same state and signals, except that
new weights reach the views one per event-loop turn when `spread_frames` is on. A full frame of
every panel at once took 60 ms and more on the GUI thread; one panel per turn lets the timer
and input events in between, so the window stays responsive while training streams in.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QTimer, Signal, Slot

from lenet_gui.data.mnist import Dataset
from lenet_gui.data.preprocess import normalise
from lenet_gui.model import LeNet5, NetworkSnapshot


# The probe sources the interface names; `source` itself stays English (code tests it).
_SOURCE_NAMES = {
    "test": QT_TRANSLATE_NOOP("Probe", "test #{0}"),
    "train": QT_TRANSLATE_NOOP("Probe", "train #{0}"),
    "drawing": QT_TRANSLATE_NOOP("Probe", "drawing"),
}


@dataclass(frozen=True)
class Probe:
    """One sample shown across the panels."""
    x: np.ndarray  # (1, 1, 32, 32) network input, read-only
    label: int | None  # the true label z, if known
    source: str  # "test #0", "train #12", "drawing", …
    index: int | None = None  # index in its data set, if any

    @property
    def name(self) -> str:
        """`source` as the interface shows it, in the interface's language."""
        kind, sep, number = self.source.partition(" #")
        if sep and kind in _SOURCE_NAMES:
            return QCoreApplication.translate("Probe", _SOURCE_NAMES[kind]).format(number)
        if self.source in _SOURCE_NAMES:
            return QCoreApplication.translate("Probe", _SOURCE_NAMES[self.source])
        return self.source

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
    frame_done = Signal()  # every view has its newest weights (and had a turn to paint)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.data: Dataset | None = None
        self.snapshot: NetworkSnapshot | None = None
        self.probe: Probe | None = None
        self._net: LeNet5 | None = None
        self._views: list[StateView] = []
        self.spread_frames = False  # deliver new weights to the views one per turn
        # Pause between two views' turns. Not 0: a chain of zero timers and the paints they
        # cause kept the event queue busy for a whole frame, and no timer fired in between.
        self.spread_interval_ms = 3
        self.turns = 0  # turns of the current frame (for the window's cost estimate)
        self._delivering = False

    def view(self) -> "StateView":
        """A StateView for one panel (see the module docstring)."""
        v = StateView(self)
        self._views.append(v)
        return v

    def release_view(self, view: "StateView") -> None:
        """Forget a view whose panel is gone (a rebuilt panel); it gets no more weights."""
        if view in self._views:
            self._views.remove(view)
            view.deleteLater()

    def set_data(self, data: Dataset) -> None:
        self.data = data
        self.data_loaded.emit(data)
        if self.probe is None:
            self.set_probe(Probe.from_test(data, 0))

    def set_weights(self, snapshot: NetworkSnapshot) -> None:
        self.snapshot = snapshot
        self.weights_changed.emit(snapshot)
        if not self.spread_frames:
            for v in list(self._views):
                v.deliver_weights()
            self.frame_done.emit()
        elif not self._delivering:
            self._delivering = True
            self.turns = 0
            QTimer.singleShot(self.spread_interval_ms, self._deliver_next)

    @property
    def frame_pending(self) -> bool:
        """Some view has not received the newest weights yet."""
        return self._delivering

    @Slot()
    def _deliver_next(self) -> None:
        # One view per turn: its redraw, then its paints, then a pause for other events.
        self.turns += 1
        for v in self._views:
            if v.delivered is not self.snapshot:
                v.deliver_weights()
                QTimer.singleShot(self.spread_interval_ms, self._deliver_next)
                return
        self._delivering = False
        self.frame_done.emit()

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
        self._net.set_params(self.snapshot.params)  # every call: a caller may have changed them
        return self._net


class StateView(AppState):
    """The AppState as one panel sees it: the root's data, snapshot and probe, its signals and
    methods, except that weights_changed comes when the root delivers it (deliver_weights)."""

    def __init__(self, root: AppState) -> None:
        QObject.__init__(self, root)  # not AppState.__init__: the attributes are the root's
        self.root = root
        self.delivered: NetworkSnapshot | None = None
        for name in ("data_loaded", "probe_changed", "layer_selected", "reports_arrived",
                     "training_state_changed"):
            getattr(root, name).connect(getattr(self, name))  # same thread: direct

    data = property(lambda self: self.root.data)
    snapshot = property(lambda self: self.root.snapshot)
    probe = property(lambda self: self.root.probe)

    def deliver_weights(self) -> None:
        snap = self.root.snapshot
        if snap is not None and snap is not self.delivered:
            self.delivered = snap
            self.weights_changed.emit(snap)

    def view(self) -> "StateView":
        return self.root.view()

    def release_view(self, view: "StateView") -> None:
        self.root.release_view(view)

    def set_data(self, data: Dataset) -> None:
        self.root.set_data(data)

    def set_weights(self, snapshot: NetworkSnapshot) -> None:
        self.root.set_weights(snapshot)

    def set_probe(self, probe: Probe) -> None:
        self.root.set_probe(probe)

    def select_layer(self, layer: str) -> None:
        self.root.select_layer(layer)

    def inference_net(self) -> LeNet5 | None:
        return self.root.inference_net()

    @property
    def frame_pending(self) -> bool:
        return self.root.frame_pending
