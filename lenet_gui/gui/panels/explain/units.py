"""What a unit looks for: for every map of C1 or C3 and every unit of C5, F6 or the output,
the input that maximises it (gradient ascent from a grey start), as a gallery; click a unit
for the 9 test images that excite it most. A long job: computed in the background for one
snapshot, cached per snapshot and layer, cancelled when the snapshot changes — except while
training streams snapshots, when it is neither restarted nor cancelled: the gallery says which
snapshot it shows, and it is recomputed once the weights have been stable for STABLE_MS, or
on demand."""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTimer, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
)

from lenet_gui import explain as ex
from lenet_gui.data.preprocess import BACKGROUND, FOREGROUND, normalise
from lenet_gui.gui.jobs import JobRunner
from lenet_gui.gui.panels.explain.section import Section
from lenet_gui.gui.widgets.heatmap import HeatmapView
from lenet_gui.notation import course_name, unit_name

translate = QCoreApplication.translate

STABLE_MS = 1500  # weights unchanged this long (and no training running): recompute
STEPS = 100  # gradient-ascent steps per gallery
CAPTIONS = {  # layer -> caption, gallery columns, for each layer of ex.UNIT_LAYERS
    "c1": (QT_TRANSLATE_NOOP("Explain", "C1 · 6 maps"), 3),
    "c3": (QT_TRANSLATE_NOOP("Explain", "C3 · 16 maps"), 4),
    "c5": (QT_TRANSLATE_NOOP("Explain", "C5 · 120 units"), 12),
    "f6": (QT_TRANSLATE_NOOP("Explain", "F6 · 84 units"), 12),
    "f7": (QT_TRANSLATE_NOOP("Explain", "Output F7 · 10 classes"), 5),
}
LAYERS = tuple((key, *CAPTIONS[key]) for key in ex.UNIT_LAYERS)  # key, caption, columns


class UnitsSection(Section):
    whats_this = {
        "layer_combo": QT_TRANSLATE_NOOP(
            "WhatsThis", "The layer: a C1 feature map counts as one unit (the u of its centre "
            "unit: the 5×5 pattern its kernel looks for), a C3 map as one unit (its mean u), a C5, "
            "F6 or F7 neuron as one unit (its u, the input of f)."),
        "compute_button": QT_TRANSLATE_NOOP(
            "WhatsThis", "Runs the gradient ascent for the current weights now, even while "
            "training runs (the gallery then shows the weights of the moment you pressed)."),
        "cancel_button": QT_TRANSLATE_NOOP(
            "WhatsThis", "Stops the computation; the gallery shown stays."),
        "progress": QT_TRANSLATE_NOOP(
            "WhatsThis", "Steps of gradient ascent done."),
        "status": QT_TRANSLATE_NOOP(
            "WhatsThis", "Which weights (run and batch) the gallery was computed for."),
        "gallery": QT_TRANSLATE_NOOP(
            "WhatsThis", "For every unit, the input x that makes its activation largest: gradient "
            "ascent on x from a plain grey image, x := clip(x + α·∂a/∂x) with a small L2 pull to "
            "grey and a blur, kept in the input's range −0.1 … 1.175 (the colour bar). Click a "
            "tile to see the test images that excite that unit most."),
        "top_view": QT_TRANSLATE_NOOP(
            "WhatsThis", "The 9 test images with the largest activation of the selected unit, "
            "largest first (row by row)."),
    }

    def __init__(self, panel) -> None:
        super().__init__(panel)
        self.cache: dict[str, tuple] = {}  # layer -> (snapshot, MaxResult, top (U, 9), label)
        self.shown: tuple | None = None  # the cache entry on screen
        self.unit = 0  # the selected unit
        self.runner = JobRunner(self.current_key, self._on_result, self, self._on_progress)
        self.runner.state_changed.connect(self._on_runner_state)

        self.layer_combo = QComboBox()
        for key, _caption, _ in LAYERS:
            self.layer_combo.addItem("", key)
        self.layer_combo.setCurrentIndex(1)  # C3: the maps with the most telling patterns
        self.layer_combo.currentIndexChanged.connect(self._on_layer_changed)
        self.compute_button = QPushButton()
        self.compute_button.clicked.connect(self.compute)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(110)
        self.progress.hide()
        self.status = QLabel()  # one line beside the buttons; the whole text in its tooltip
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        for w in (self.layer_combo, self.compute_button, self.cancel_button, self.progress):
            controls.addWidget(w)
        controls.addWidget(self.status, 1)

        self.gallery = HeatmapView(signed=False, describe=self._describe_gallery, gap=2)
        self.gallery.set_fixed_levels((BACKGROUND, FOREGROUND))
        self.gallery.tile_clicked.connect(self._on_tile_clicked)
        self.top_view = HeatmapView(signed=False, cols=3, colorbar=False, gap=2,
                                    describe=self._describe_top)
        self.top_view.set_fixed_levels((BACKGROUND, FOREGROUND))
        self.gallery_caption, self.top_caption = QLabel(), QLabel()
        for c in (self.gallery_caption, self.top_caption):
            c.setWordWrap(True)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.gallery_caption, 0, 0)
        grid.addWidget(self.top_caption, 0, 1)
        grid.addWidget(self.gallery, 1, 0)
        grid.addWidget(self.top_view, 1, 1)
        grid.setColumnStretch(0, 5)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 4, 2, 2)
        layout.addLayout(controls)
        layout.addLayout(grid, 1)

        self._stable = QTimer(self)  # restarted by every snapshot: fires once they stop
        self._stable.setSingleShot(True)
        self._stable.setInterval(STABLE_MS)
        self._stable.timeout.connect(self._on_stable)

    # ----------------------------------------------------------------- state

    def layer(self) -> str:
        return self.layer_combo.currentData()

    def current_key(self) -> tuple:
        """(layer, snapshot) a gallery is for. While training runs, the running job's snapshot
        still counts as current: it is finished and shown, labelled with its snapshot."""
        snap = self.state.snapshot
        if self.state.training == "running" and self.runner.key is not None \
                and self.runner.key[0] == self.layer():
            snap = self.runner.key[1]
        return (self.layer(), snap)

    def cached(self, layer: str | None = None) -> tuple | None:
        """The cache entry of `layer` for the current snapshot, if any."""
        entry = self.cache.get(layer or self.layer())
        return entry if entry is not None and entry[0] is self.state.snapshot else None

    def refresh(self, topics: set[str]) -> None:
        if "data" in topics:
            self.cache.clear()  # the top images index the old data set
        training = self.state.training == "running"
        if self.runner.busy and self.runner.key[0] != self.layer():
            self.runner.cancel()  # another layer was chosen
        if "snapshot" in topics or "data" in topics:
            if training:
                self._stable.start()  # restarted by every snapshot: fires once they pause
            elif self.runner.busy:
                self.runner.cancel()  # for weights since replaced: never shown
        entry = self.cached() or self.cache.get(self.layer())
        if entry is not None and entry is not self.shown:
            self._show(entry)
        if self.cached() is None and not self.runner.busy and not training:
            self.compute()
        self._show_status()

    @Slot()
    def _on_stable(self) -> None:
        """No new snapshot for STABLE_MS although training runs (slow motion, an evaluation
        pause): compute for these weights."""
        if self.cached() is not None or self.runner.busy:
            self._show_status()
            return
        if self.on_screen():
            self.compute()
        else:
            self.changed_topics.add("snapshot")

    # ----------------------------------------------------------------- the job

    @Slot()
    def compute(self) -> None:
        """Maximise every unit of the layer and find each one's top test images, for the
        current snapshot (on demand, or when the weights are stable)."""
        snap, data, layer = self.state.snapshot, self.state.data, self.layer()
        if snap is None or data is None:
            return
        run = self.state.run
        label = translate("Explain", "“{0}”, batch {1:,}").format(
            run.name, self.state.history.n_batches) if run is not None else translate(
            "Explain", "the weights of {0}").format(time.strftime("%H:%M:%S"))
        images = data.test_images

        def fn(progress, should_stop):
            net = snap.to_net()
            total = STEPS + 1
            with np.errstate(over="ignore", invalid="ignore"):
                res = ex.maximize_all(net, layer, steps=STEPS, cancel=should_stop,
                                      callback=lambda step, _x, _a: progress(step, total))
                if res.stopped:
                    raise InterruptedError("stopped")
                top = ex.top_images(net, images, layer, None, n=9, cancel=should_stop)
            progress(total, total)
            return res, np.asarray(top), label
        self.runner.start(fn, (layer, snap))
        self.progress.setRange(0, STEPS + 1)
        self.progress.setValue(0)

    @Slot()
    def cancel(self) -> None:
        self.runner.cancel()

    def _on_progress(self, done: int, total: int, _what: str = "") -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _on_result(self, result, key: tuple) -> None:
        res, top, label = result
        layer, snap = key
        self.cache[layer] = entry = (snap, res, top, label)
        for k in [k for k, e in self.cache.items() if e[0] is not snap]:
            del self.cache[k]  # keep one snapshot's galleries: a few hundred KB
        self._show(entry)
        self._show_status()

    @Slot()
    def _on_runner_state(self) -> None:
        busy = self.runner.busy
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self._show_status()

    def shutdown(self) -> None:
        self._stable.stop()
        self.runner.shutdown()

    # ----------------------------------------------------------------- drawing

    def _show(self, entry: tuple) -> None:
        self.shown = entry
        _, res, _, _ = entry
        cols = next(c for k, _, c in LAYERS if k == res.layer)
        self.gallery.cols = cols
        self.gallery.set_maps(np.asarray(res.x, np.float32)[:, 0])
        self.unit = min(self.unit, len(res.units) - 1)
        self._show_top()

    def _show_top(self) -> None:
        if self.shown is None:
            return
        _, res, top, _ = self.shown
        data = self.state.data
        idx = top[self.unit]
        if data is None or idx.max(initial=0) >= len(data.test_images):
            return
        self.top_view.set_maps(normalise(data.test_images[idx])[:, 0])
        self._show_captions()

    @Slot(int, int, int)
    def _on_tile_clicked(self, tile: int, _row: int, _col: int) -> None:
        self.unit = tile
        self._show_top()

    @Slot(int)
    def _on_layer_changed(self, _index: int) -> None:
        self.unit = 0
        self.mark_changed("layer")

    @staticmethod
    def _unit_name(layer: str, unit: int) -> str:
        """The course's name: a map c3⁽⁵⁾, a unit c5⁽¹²⁾₀₀ or f6₁₂."""
        return course_name(layer, (unit,)) if layer in ("c1", "c3") else unit_name(layer, unit)

    def _describe_gallery(self, tile: int, row: int, col: int, value: float) -> str:
        if self.shown is None:
            return ""
        res = self.shown[1]
        a = float(res.activations[-1, tile])
        return translate("Explain", "{0}: activation {1:.3f} (click: its top test images)").format(
            self._unit_name(res.layer, tile), a)

    def _describe_top(self, tile: int, row: int, col: int, value: float) -> str:
        if self.shown is None:
            return ""
        i = int(self.shown[2][self.unit][tile])
        data = self.state.data
        label = "?" if data is None else int(data.test_labels[i])
        return translate("Explain", "test #{0}, label {1}").format(i, label)

    def _show_captions(self) -> None:
        layer = self.layer() if self.shown is None else self.shown[1].layer
        self.gallery_caption.setText(translate(
            "Explain", "Input that maximises each unit (click one)"))
        self.top_caption.setText(translate(
            "Explain", "{0}: its 9 top test images").format(self._unit_name(layer, self.unit)))

    def _show_status(self) -> None:
        entry, tip = self.shown, ""
        if self.runner.message:
            text = translate("Explain", "Failed: {0}").format(self.runner.message)
        elif self.runner.busy:
            text = translate("Explain", "Computing: {0} steps of gradient ascent for every unit, "
                             "then the test images…").format(STEPS)
        elif entry is None:
            text = translate("Explain", "Press Compute to find what each unit looks for.")
        elif entry[0] is self.state.snapshot:
            text = translate("Explain", "Current weights: {0}").format(entry[3])
        else:  # the short form first: it must show in a narrow dock
            text = translate("Explain", "⚠ Older weights ({0}): changed since").format(entry[3])
            tip = translate("Explain", "The gallery is for older weights ({0}); the weights "
                            "changed since. Recomputed when they stop changing, or press "
                            "Compute.").format(entry[3])
        self.status.setText(text)
        self.status.setToolTip(tip or text)
        self.compute_button.setEnabled(not self.runner.busy)

    def retranslate(self) -> None:
        for i, (_, caption, _) in enumerate(LAYERS):
            self.layer_combo.setItemText(i, translate("Explain", caption))
        self.compute_button.setText(translate("Explain", "Compute"))
        self.cancel_button.setText(translate("Explain", "Cancel"))
        self.layer_combo.setToolTip(translate("Explain", "The layer whose units are shown"))
        self.compute_button.setToolTip(translate("Explain", "Compute the gallery for the "
                                                 "current weights now"))
        self._show_captions()
        self._show_status()
