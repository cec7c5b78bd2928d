"""The evaluation docks: what does the net get wrong, and why.

ConfusionPanel (cells open their test images; an image becomes the probe sample of the other
panels), DataExplorerPanel (classes, counts, means, raw 28×28 beside the 32×32 input),
RobustnessPanel (accuracy against test-time perturbations, the "I don't know" threshold) and
FeatureSpacePanel (PCA of C5 or F6). The maths is in `lenet_gui.train.analysis`; it runs on a
pool thread (jobs.py) and the results arrive in GUI-thread @Slot methods.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import (QT_TRANSLATE_NOOP, QAbstractListModel, QCoreApplication,
                            QModelIndex, QPointF, QSize, Qt, QThread, QTimer, Slot)
from PySide6.QtGui import QColor, QFont, QImage, QPixmap
from PySide6.QtWidgets import (QApplication, QComboBox, QHBoxLayout, QLabel, QListView,
                               QProgressBar, QPushButton, QSizePolicy, QSlider, QSpinBox,
                               QSplitter, QVBoxLayout, QWidget)

from lenet_gui.data.preprocess import normalise
from lenet_gui.gui.heatmap import SEQUENTIAL_MAP, HeatmapView
from lenet_gui.gui.jobs import Job
from lenet_gui.gui.state import AppState, Probe
from lenet_gui.model import LeNet5, NetworkSnapshot
from lenet_gui.train import evaluate
from lenet_gui.train import analysis as an

translate = QCoreApplication.translate

# One colour per digit class (Tableau 10), the same in every evaluation panel.
CLASS_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                 "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")
DEBOUNCE_MS = 2000  # weights_changed comes up to 20×/s while training: at most one re-run per 2 s


def _assert_gui_thread() -> None:
    app = QApplication.instance()
    assert app is None or QThread.currentThread() is app.thread(), \
        "panel updated off the GUI thread"


def _net_from(snapshot: NetworkSnapshot) -> LeNet5:
    """A private network for a pool thread: the snapshot's arrays are read-only copies, and no
    other panel touches this net's im2col workspace."""
    net = LeNet5(snapshot.config)
    net.set_params(snapshot.params)
    return net


def _font(points: float = 9, bold: bool = False) -> QFont:
    f = QFont()
    f.setPointSizeF(points)
    f.setBold(bold)
    return f


def _pct(v: float, digits: int = 1) -> str:
    return "–" if not np.isfinite(v) else f"{v * 100:.{digits}f} %"


def digit_pixmap(image: np.ndarray, size: int = 56) -> QPixmap:
    """A 28×28 uint8 image as the paper draws it: black ink on white, pixels kept square."""
    ink = np.ascontiguousarray(255 - np.asarray(image, np.uint8))
    h, w = ink.shape
    qimg = QImage(ink.data, w, h, w, QImage.Format.Format_Grayscale8).copy()  # owns its bytes
    return QPixmap.fromImage(qimg.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio,
                                         Qt.TransformationMode.FastTransformation))


class _JobPanel(QWidget):
    """A panel with one background job at a time, a progress bar and a cancel button, and a
    debounced re-run when the weights change that never runs while the panel is hidden."""

    auto_rerun = True  # re-run on weights_changed

    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.job: Job | None = None
        self.result = None
        self.run_count = 0  # jobs started (tests: hidden panels stay idle)
        # The shown result is older than the weights or data (or there is none yet).
        self._dirty = state.data is not None and state.snapshot is not None
        self._jobs_alive: dict[int, Job] = {}  # each kept until its `finished` arrives
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.cancel_button = QPushButton(translate("Evaluation", "Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.status = QLabel()
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._on_debounce_timeout)
        state.weights_changed.connect(self._on_weights_changed)
        state.data_loaded.connect(self._on_data_loaded)

    # -- subclasses
    def _make_job(self):
        """Return fn(progress, should_stop) -> result, or None when nothing can run yet."""
        raise NotImplementedError

    def _show_result(self, result) -> None:
        raise NotImplementedError

    # -- running
    @Slot()
    def run(self) -> bool:
        """Start (or restart) the job now. False when the data or weights are missing."""
        fn = self._make_job()
        if fn is None:
            return False
        if self.job is not None:
            self.job.cancel()
        job = Job(fn)
        job.signals.progressed.connect(self._on_job_progressed)
        job.signals.succeeded.connect(self._on_job_succeeded)
        job.signals.failed.connect(self._on_job_failed)
        job.signals.cancelled.connect(self._on_job_cancelled)
        job.signals.finished.connect(self._on_job_finished)
        self._jobs_alive[job.id] = job
        self.job = job
        self._dirty = False
        self.run_count += 1
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        job.start()
        return True

    @Slot()
    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.status.setText(translate("Evaluation", "Cancelling…"))

    def shutdown(self, timeout: float = 5.0) -> None:
        """Cancel and wait for every job of this panel (on close, and in tests)."""
        for job in list(self._jobs_alive.values()):
            job.cancel()
            job.wait(timeout)

    @property
    def busy(self) -> bool:
        return self.job is not None

    @Slot(int, int, int)
    def _on_job_progressed(self, job_id: int, done: int, total: int) -> None:
        if self.job is not None and job_id == self.job.id:
            self.progress.setMaximum(max(total, 1))
            self.progress.setValue(done)

    @Slot(int, object)
    def _on_job_succeeded(self, job_id: int, result) -> None:
        _assert_gui_thread()
        if self.job is None or job_id != self.job.id:
            return  # a replaced job's late result
        self.result = result
        self._show_result(result)

    @Slot(int, str)
    def _on_job_failed(self, job_id: int, message: str) -> None:
        if self.job is not None and job_id == self.job.id:
            self.status.setText(translate("Evaluation", "Failed: {0}").format(message))

    @Slot(int)
    def _on_job_cancelled(self, job_id: int) -> None:
        if self.job is not None and job_id == self.job.id:
            self.status.setText(translate("Evaluation", "Cancelled."))

    @Slot(int)
    def _on_job_finished(self, job_id: int) -> None:
        self._jobs_alive.pop(job_id, None)
        if self.job is not None and job_id == self.job.id:
            self.job = None
            self.progress.hide()
            self.cancel_button.hide()
            if self._dirty and self.auto_rerun:
                self._schedule()

    # -- automatic re-runs
    def _schedule(self) -> None:
        # A throttle, not a restart-on-every-event debounce: during training the timer would
        # otherwise be restarted 20×/s and never fire.
        if self.isVisible() and not self._debounce.isActive():
            self._debounce.start()

    @Slot(object)
    def _on_weights_changed(self, _snapshot) -> None:
        if not self.auto_rerun:
            self._mark_stale()
            return
        self._dirty = True
        self._schedule()

    def _mark_stale(self) -> None:
        pass

    @Slot(object)
    def _on_data_loaded(self, _data) -> None:
        self._dirty = True
        self._schedule()

    @Slot()
    def _on_debounce_timeout(self) -> None:
        if self._dirty and self.isVisible() and not self.busy:
            self.run()

    def showEvent(self, event):  # noqa: N802
        super().showEvent(event)
        if self._dirty and self.auto_rerun:
            self._schedule()

    def closeEvent(self, event):  # noqa: N802
        self.shutdown()
        super().closeEvent(event)

    def _header(self, *widgets) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for w in widgets:
            row.addWidget(w)
        row.addWidget(self.progress)
        row.addWidget(self.cancel_button)
        row.addWidget(self.status, 1)
        return row


# ============================================================================ confusion matrix

class GalleryModel(QAbstractListModel):
    """Test images by index, each captioned "true → predicted  confidence"."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.indices = np.zeros(0, np.intp)
        self._images = None
        self._labels = None
        self._preds = None
        self._conf = None
        self._cache: dict[int, QPixmap] = {}

    def set_items(self, indices: np.ndarray, images: np.ndarray, labels: np.ndarray,
                  predictions: np.ndarray, confidence: np.ndarray) -> None:
        self.beginResetModel()
        self.indices = np.asarray(indices, np.intp)
        if images is not self._images:
            self._cache.clear()
        self._images, self._labels = images, labels
        self._preds, self._conf = predictions, confidence
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):  # noqa: N802
        return 0 if parent.isValid() else len(self.indices)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.indices):
            return None
        i = int(self.indices[index.row()])
        true, pred, conf = int(self._labels[i]), int(self._preds[i]), float(self._conf[i])
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{true} → {pred}\n{conf * 100:.0f} %"
        if role == Qt.ItemDataRole.DecorationRole:
            pm = self._cache.get(i)
            if pm is None:
                pm = self._cache[i] = digit_pixmap(self._images[i], 42)
            return pm
        if role == Qt.ItemDataRole.ToolTipRole:
            return translate("Evaluation", "Test #{0}: true {1}, predicted {2}, confidence "
                             "{3:.1f} %. Click: make it the probe sample.").format(
                                 i, true, pred, conf * 100)
        if role == Qt.ItemDataRole.ForegroundRole and true != pred:
            return QColor("#c0392b")
        if role == Qt.ItemDataRole.UserRole:
            return i
        return None


class ConfusionPanel(_JobPanel):
    """10×10 counts [true, predicted] on a log colour scale, per-class accuracy (right column)
    and precision (bottom row); a click on a cell lists exactly its test images."""

    ORDERS = ("confident", "unsure", "index")

    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(state, parent)
        self.cell: tuple[int, int] | None = None  # the gallery's cell, or None
        self.showing_mistakes = False
        self.mistake_order = np.zeros(0, np.intp)  # all mistakes, most confident first
        self.mistake_pos = -1

        self.evaluate_button = QPushButton(translate("Evaluation", "Evaluate"))
        self.evaluate_button.setToolTip(translate(
            "Evaluation", "Classify the 10,000 test images with the latest weights"))
        self.evaluate_button.clicked.connect(self.run)

        # The matrix: cell (t, p) is centred on x = p, y = t; true 0 at the top.
        self.plot = pg.PlotWidget()
        self.plot.setBackground("w")
        self.plot.setMenuEnabled(False)
        pi = self.plot.getPlotItem()
        pi.hideButtons()
        self.view = pi.getViewBox()
        self.view.setMouseEnabled(False, False)
        self.view.invertY(True)
        self.view.setAspectLocked(True)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setColorMap(pg.colormap.get(SEQUENTIAL_MAP))
        self.image.setImage(np.zeros((10, 10), np.float32), levels=(0, 1))
        self.image.setRect(-0.5, -0.5, 10, 10)  # after setImage: the scale uses the image size
        pi.addItem(self.image)
        self.colorbar = pg.ColorBarItem(values=(0, 1), colorMap=pg.colormap.get(SEQUENTIAL_MAP),
                                        interactive=False, width=12, colorMapMenu=False)
        self.colorbar.setImageItem(self.image, insert_in=pi)
        for name in ("bottom", "left"):
            ax = pi.getAxis(name)
            ax.setTextPen("k")
            ax.setPen("k")
            ax.setTickFont(_font(9))
        ticks = [(k, str(k)) for k in range(10)]
        pi.getAxis("bottom").setTicks([ticks + [(10.5, translate("Evaluation", "acc."))]])
        pi.getAxis("left").setTicks([ticks + [(10.5, translate("Evaluation", "prec."))]])
        pi.setLabel("bottom", translate("Evaluation", "predicted"), color="k")
        pi.setLabel("left", translate("Evaluation", "true"), color="k")
        self.cell_text = [[self._text(pi, p, t) for p in range(10)] for t in range(10)]
        self.acc_text = [self._text(pi, 10.5, t, "#1a5276") for t in range(10)]
        self.prec_text = [self._text(pi, p, 10.5, "#1a5276") for p in range(10)]
        self.highlight = pg.PlotDataItem(pen=pg.mkPen("#e74c3c", width=3))
        self.highlight.setZValue(10)
        pi.addItem(self.highlight)
        self.view.setRange(xRange=(-0.55, 11.05), yRange=(-0.55, 11.05), padding=0)
        self.plot.scene().sigMouseClicked.connect(self._on_plot_clicked)

        # The gallery.
        self.gallery_title = QLabel(translate("Evaluation", "Click a cell to see its images."))
        self.gallery_title.setWordWrap(True)
        self.order_box = QComboBox()
        self.order_box.addItems([translate("Evaluation", "Most confident first"),
                                 translate("Evaluation", "Least confident first"),
                                 translate("Evaluation", "Test-set order")])
        self.order_box.setToolTip(translate("Evaluation", "The order of the images of a cell"))
        self.order_box.currentIndexChanged.connect(self._on_order_changed)
        self.mistakes_button = QPushButton(translate("Evaluation", "All mistakes"))
        self.mistakes_button.setToolTip(translate(
            "Evaluation", "Every wrong prediction, the most confident mistakes first"))
        self.mistakes_button.clicked.connect(self.show_mistakes)
        self.next_button = QPushButton(translate("Evaluation", "Next mistake ▶"))
        self.next_button.setToolTip(translate(
            "Evaluation", "The next most confident mistake: its cell, its image, and it "
            "becomes the probe sample"))
        self.next_button.clicked.connect(self.next_mistake)
        self.model = GalleryModel(self)
        self.gallery = QListView()
        self.gallery.setModel(self.model)
        self.gallery.setViewMode(QListView.ViewMode.IconMode)
        self.gallery.setIconSize(QSize(42, 42))
        self.gallery.setGridSize(QSize(58, 80))
        self.gallery.setResizeMode(QListView.ResizeMode.Adjust)
        self.gallery.setMovement(QListView.Movement.Static)
        self.gallery.setUniformItemSizes(True)
        self.gallery.setWordWrap(True)
        self.gallery.setFont(_font(9))
        self.gallery.clicked.connect(self._on_gallery_clicked)

        gallery_box = QWidget()
        g = QVBoxLayout(gallery_box)
        g.setContentsMargins(4, 0, 0, 0)
        g.addWidget(self.gallery_title)
        row = QHBoxLayout()
        row.addWidget(self.order_box, 1)
        g.addLayout(row)
        row2 = QHBoxLayout()
        row2.addWidget(self.mistakes_button)
        row2.addWidget(self.next_button)
        g.addLayout(row2)
        g.addWidget(self.gallery, 1)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.plot)
        split.addWidget(gallery_box)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 1)
        split.setSizes([470, 230])
        split.setChildrenCollapsible(False)
        self.splitter = split
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self._header(self.evaluate_button))
        layout.addWidget(split, 1)
        self.status.setText(translate("Evaluation", "Press Evaluate to classify the test set."))
        self._update_buttons()

    @staticmethod
    def _text(pi, x: float, y: float, colour: str = "w") -> pg.TextItem:
        t = pg.TextItem("", color=colour, anchor=(0.5, 0.5))
        t.setFont(_font(9))
        t.setPos(x, y)
        t.setZValue(5)
        pi.addItem(t)
        return t

    def _update_buttons(self) -> None:
        has = self.result is not None
        for b in (self.mistakes_button, self.next_button, self.order_box):
            b.setEnabled(has)

    # -- job
    def _make_job(self):
        data, snap = self.state.data, self.state.snapshot
        if data is None or snap is None:
            self.status.setText(translate("Evaluation", "Waiting for the data set and weights."))
            return None
        images, labels = data.test_images, data.test_labels
        self.status.setText(translate("Evaluation", "Classifying {0:,} test images…")
                            .format(len(labels)))

        def fn(progress, should_stop):
            return evaluate(_net_from(snap), images, labels, progress=progress,
                            should_stop=should_stop)
        return fn

    def _show_result(self, r) -> None:
        m = r.confusion
        n = int(m.sum())
        logm = np.log10(1.0 + m.astype(np.float32))  # the diagonal would hide every mistake
        top = float(max(logm.max(), 1.0))
        self.image.setImage(logm, levels=(0.0, top), autoLevels=False)
        self.colorbar.setLevels((0.0, top))
        self.colorbar.axis.setTicks([[(float(np.log10(1 + v)), f"{v:,}")
                                      for v in (0, 1, 10, 100, 1000, 10000)
                                      if np.log10(1 + v) <= top + 1e-9]])
        for t in range(10):
            for p in range(10):
                v = int(m[t, p])
                item = self.cell_text[t][p]
                item.setText("" if v == 0 and t != p else f"{v}")
                item.setColor("k" if logm[t, p] / top > 0.65 else "w")
            self.acc_text[t].setText(f"{r.per_class_accuracy[t] * 100:.1f}")
            self.prec_text[t].setText(f"{r.per_class_precision[t] * 100:.1f}")
        self.mistake_order = an.mistakes(self.state.data.test_labels, r.predictions,
                                         r.confidence)
        self.mistake_pos = -1
        self.status.setText(translate(
            "Evaluation", "Accuracy {0} on {1:,} test images · loss {2:.4f} · {3:,} mistakes · "
            "acc./prec. in %").format(_pct(r.accuracy, 2), n, r.loss, len(self.mistake_order)))
        self._update_buttons()
        if self.showing_mistakes:
            self.show_mistakes()
        elif self.cell is not None:
            self.show_cell(*self.cell)

    # -- gallery
    @staticmethod
    def _current(r, data) -> bool:
        """The result belongs to this data set (a new one may have arrived since)."""
        return r is not None and data is not None and len(r.predictions) == len(data.test_labels)

    def _order(self) -> str:
        return self.ORDERS[max(self.order_box.currentIndex(), 0)]

    def show_cell(self, true: int, predicted: int) -> None:
        """Fill the gallery with exactly the test images of cell [true, predicted]."""
        self.cell = (true, predicted)
        self.showing_mistakes = False
        x = [predicted - 0.5, predicted + 0.5, predicted + 0.5, predicted - 0.5, predicted - 0.5]
        y = [true - 0.5, true - 0.5, true + 0.5, true + 0.5, true - 0.5]
        self.highlight.setData(x, y)
        r, data = self.result, self.state.data
        if not self._current(r, data):
            return
        idx = an.cell_indices(data.test_labels, r.predictions, r.confidence, true, predicted,
                              self._order())
        self.model.set_items(idx, data.test_images, data.test_labels, r.predictions,
                             r.confidence)
        what = (translate("Evaluation", "correct") if true == predicted
                else translate("Evaluation", "mistakes"))
        self.gallery_title.setText(translate(
            "Evaluation", "True {0}, predicted {1}: {2:,} test images ({3}). Click one to probe "
            "it.").format(true, predicted, len(idx), what))

    @Slot()
    def show_mistakes(self) -> None:
        r, data = self.result, self.state.data
        if not self._current(r, data):
            return
        self.showing_mistakes = True
        self.cell = None
        self.highlight.setData([], [])
        idx = an.mistakes(data.test_labels, r.predictions, r.confidence, self._order())
        self.model.set_items(idx, data.test_images, data.test_labels, r.predictions,
                             r.confidence)
        self.gallery_title.setText(translate("Evaluation", "All {0:,} mistakes.")
                                   .format(len(idx)))

    @Slot()
    def next_mistake(self) -> int | None:
        """Show the next most confident mistake in its cell and make it the probe sample."""
        if not self._current(self.result, self.state.data) or len(self.mistake_order) == 0:
            return None
        self.mistake_pos = (self.mistake_pos + 1) % len(self.mistake_order)
        i = int(self.mistake_order[self.mistake_pos])
        data, r = self.state.data, self.result
        self.order_box.setCurrentIndex(0)
        self.show_cell(int(data.test_labels[i]), int(r.predictions[i]))
        row = int(np.flatnonzero(self.model.indices == i)[0])
        index = self.model.index(row)
        self.gallery.setCurrentIndex(index)
        self.gallery.scrollTo(index)
        self.gallery_title.setText(self.gallery_title.text() + " " + translate(
            "Evaluation", "Mistake {0} of {1}.").format(self.mistake_pos + 1,
                                                        len(self.mistake_order)))
        self.state.set_probe(Probe.from_test(data, i))
        return i

    @Slot(int)
    def _on_order_changed(self, _i: int) -> None:
        if self.showing_mistakes:
            self.show_mistakes()
        elif self.cell is not None:
            self.show_cell(*self.cell)

    def cell_at(self, scene_pos) -> tuple[int, int] | None:
        if not self.view.sceneBoundingRect().contains(scene_pos):
            return None
        p = self.view.mapSceneToView(scene_pos)
        col, row = int(np.floor(p.x() + 0.5)), int(np.floor(p.y() + 0.5))
        return (row, col) if 0 <= row < 10 and 0 <= col < 10 else None

    def cell_centre(self, true: int, predicted: int) -> QPointF:
        """Scene position of a cell's centre (tests click it)."""
        return self.view.mapViewToScene(QPointF(predicted, true))

    @Slot(object)
    def _on_plot_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        cell = self.cell_at(event.scenePos())
        if cell is not None:
            self.show_cell(*cell)

    @Slot(QModelIndex)
    def _on_gallery_clicked(self, index: QModelIndex) -> None:
        i = self.model.data(index, Qt.ItemDataRole.UserRole)
        if i is not None and self.state.data is not None:
            self.state.set_probe(Probe.from_test(self.state.data, int(i)))


# ============================================================================ data explorer

class DataExplorerPanel(_JobPanel):
    """Browse the training or test images by class; class counts; mean image per class; the raw
    28×28 bytes beside the normalised 32×32 input the network reads."""

    auto_rerun = False  # the data, not the weights
    PAGE = 24  # images per page: 12 columns × 2 rows

    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(state, parent)
        self.stats: dict[str, an.ClassStats] = {}
        self.page = 0
        self.selected: int | None = None  # index into the split

        self.split_box = QComboBox()
        self.split_box.addItems([translate("Evaluation", "Test set"),
                                 translate("Evaluation", "Training set")])
        self.split_box.setToolTip(translate("Evaluation", "Which MNIST set to explore"))
        self.split_box.currentIndexChanged.connect(self._on_split_changed)
        self.class_box = QComboBox()
        self.class_box.addItems([translate("Evaluation", "Class {0}").format(k) for k in range(10)])
        self.class_box.setToolTip(translate("Evaluation", "The digit whose images are shown"))
        self.class_box.currentIndexChanged.connect(self._on_class_changed)
        self.prev_button = QPushButton("◀")
        self.prev_button.setToolTip(translate("Evaluation", "Previous page"))
        self.prev_button.setMaximumWidth(32)
        self.prev_button.clicked.connect(self._on_prev)
        self.next_button = QPushButton("▶")
        self.next_button.setToolTip(translate("Evaluation", "Next page"))
        self.next_button.setMaximumWidth(32)
        self.next_button.clicked.connect(self._on_next)
        self.probe_button = QPushButton(translate("Evaluation", "Use as probe"))
        self.probe_button.setToolTip(translate(
            "Evaluation", "Make the selected image the probe sample of the other panels"))
        self.probe_button.clicked.connect(self.use_as_probe)

        self.counts_plot = pg.PlotWidget()
        self.counts_plot.setBackground("w")
        self.counts_plot.setMenuEnabled(False)
        cp = self.counts_plot.getPlotItem()
        cp.hideButtons()
        cp.getViewBox().setMouseEnabled(False, False)
        cp.setTitle(translate("Evaluation", "Images per class"), color="k", size="9pt")
        for name in ("bottom", "left"):
            cp.getAxis(name).setTextPen("k")
            cp.getAxis(name).setPen("k")
            cp.getAxis(name).setTickFont(_font(9))
        cp.getAxis("bottom").setTicks([[(k, str(k)) for k in range(10)]])
        self.bars = pg.BarGraphItem(x=np.arange(10), height=np.zeros(10), width=0.8,
                                    brushes=[pg.mkBrush(c) for c in CLASS_COLOURS])
        cp.addItem(self.bars)
        self.counts_plot.scene().sigMouseClicked.connect(self._on_counts_clicked)

        self.means = HeatmapView(False, cols=5, title=translate("Evaluation",
                                 "Mean image per class"), describe=self._describe_mean)
        self.means.set_fixed_levels((0.0, 255.0))
        self.means.tile_clicked.connect(self._on_mean_clicked)
        self.browse = HeatmapView(False, cols=12, title=" ", colorbar=False,
                                  describe=self._describe_browse)
        self.browse.set_fixed_levels((0.0, 255.0))
        self.browse.tile_clicked.connect(self._on_browse_clicked)
        self.raw = HeatmapView(False, title=translate("Evaluation", "Raw 28×28, bytes"),
                               describe=self._describe_raw)
        self.raw.set_fixed_levels((0.0, 255.0))
        self.net_input = HeatmapView(False, title=translate(
            "Evaluation", "Network input 32×32"), describe=self._describe_input)
        self.net_input.set_fixed_levels((-0.1, 1.175))
        for v in (self.means, self.browse, self.raw, self.net_input):
            v.setMinimumSize(120, 120)

        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.counts_plot)
        left.addWidget(self.means)
        browse_box = QWidget()
        b = QVBoxLayout(browse_box)
        b.setContentsMargins(0, 0, 0, 0)
        nav = QHBoxLayout()
        self.page_label = QLabel()
        self.selected_label = QLabel()
        nav.addWidget(self.prev_button)
        nav.addWidget(self.page_label)
        nav.addWidget(self.next_button)
        nav.addWidget(self.selected_label, 1)
        b.addLayout(nav)
        b.addWidget(self.browse, 1)
        pair = QSplitter(Qt.Orientation.Horizontal)  # raw and network input side by side
        pair.addWidget(self.raw)
        pair.addWidget(self.net_input)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(browse_box)
        right.addWidget(pair)
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(left)
        body.addWidget(right)
        body.setStretchFactor(0, 1)
        body.setStretchFactor(1, 2)
        body.setSizes([240, 460])
        body.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self._header(self.split_box, self.class_box, self.probe_button))
        layout.addWidget(body, 1)
        self.status.setText(translate("Evaluation", "Waiting for the data set."))

    # -- data
    @property
    def split(self) -> str:
        return "test" if self.split_box.currentIndex() <= 0 else "train"

    def _arrays(self):
        d = self.state.data
        if d is None:
            return None, None
        return ((d.test_images, d.test_labels) if self.split == "test"
                else (d.train_images, d.train_labels))

    def _make_job(self):
        images, labels = self._arrays()
        if images is None:
            return None
        split = self.split
        self.status.setText(translate("Evaluation", "Counting classes and mean images…"))

        def fn(progress, should_stop):
            return split, an.class_stats(images, labels, progress, should_stop)
        return fn

    def _show_result(self, result) -> None:
        split, stats = result
        self.stats[split] = stats
        if split == self.split:
            self._refresh()

    @Slot(object)
    def _on_data_loaded(self, _data) -> None:
        self.stats.clear()
        self._dirty = True
        if self.isVisible():
            self.run()

    def showEvent(self, event):  # noqa: N802
        super().showEvent(event)
        if self.split not in self.stats and not self.busy and self.state.data is not None:
            self.run()

    # -- display
    def _refresh(self) -> None:
        stats = self.stats.get(self.split)
        images, labels = self._arrays()
        if stats is None or images is None:
            return
        self.bars.setOpts(height=stats.counts.astype(float))
        self.counts_plot.getPlotItem().getViewBox().setRange(
            xRange=(-0.6, 9.6), yRange=(0, stats.counts.max() * 1.08), padding=0)
        self.means.set_maps(stats.means)
        which = (translate("Evaluation", "test") if self.split == "test"
                 else translate("Evaluation", "training"))
        self.status.setText(translate("Evaluation", "{0:,} {1} images; smallest class {2} "
                                      "({3:,}), largest {4} ({5:,})").format(
            int(stats.counts.sum()), which, int(stats.counts.argmin()), int(stats.counts.min()),
            int(stats.counts.argmax()), int(stats.counts.max())))
        self._show_page()

    def _class_indices(self) -> np.ndarray:
        stats = self.stats.get(self.split)
        return np.zeros(0, np.intp) if stats is None else stats.order[self.class_box.currentIndex()]

    def page_indices(self) -> np.ndarray:
        idx = self._class_indices()
        return idx[self.page * self.PAGE : (self.page + 1) * self.PAGE]

    def _show_page(self) -> None:
        images, _ = self._arrays()
        idx = self._class_indices()
        pages = max(1, -(-len(idx) // self.PAGE))
        self.page = min(self.page, pages - 1)
        shown = self.page_indices()
        tiles = np.zeros((self.PAGE, 28, 28), np.float32)  # a fixed mosaic shape
        tiles[: len(shown)] = images[shown]
        self.browse.set_maps(tiles)
        self.browse.set_title(translate("Evaluation", "Class {0}: images {1:,}–{2:,} of {3:,}")
                              .format(self.class_box.currentIndex(),
                                      self.page * self.PAGE + 1 if len(shown) else 0,
                                      self.page * self.PAGE + len(shown), len(idx)))
        self.page_label.setText(translate("Evaluation", "page {0}/{1}")
                                .format(self.page + 1, pages))
        self.prev_button.setEnabled(self.page > 0)
        self.next_button.setEnabled(self.page < pages - 1)
        if len(shown) and (self.selected is None or self.selected not in shown):
            self.select(int(shown[0]))

    def select(self, i: int) -> None:
        """Show image i of the current split raw and as the network's input."""
        images, labels = self._arrays()
        self.selected = i
        self.raw.set_maps(images[i : i + 1].astype(np.float32))
        self.net_input.set_maps(normalise(images[i : i + 1])[:, 0])
        which = (translate("Evaluation", "test") if self.split == "test"
                 else translate("Evaluation", "training"))
        self.selected_label.setText(translate("Evaluation", "selected: {0} #{1}, label {2}")
                                    .format(which, i, int(labels[i])))

    @Slot()
    def use_as_probe(self) -> None:
        d = self.state.data
        if d is None or self.selected is None:
            return
        i = self.selected
        if self.split == "test":
            self.state.set_probe(Probe.from_test(d, i))
        else:
            self.state.set_probe(Probe.from_input(normalise(d.train_images[i : i + 1]),
                                                  int(d.train_labels[i]), f"train #{i}"))

    @Slot(int)
    def _on_split_changed(self, _i: int) -> None:
        self.page = 0
        self.selected = None
        if self.split in self.stats:
            self._refresh()
        else:
            self.run()

    @Slot(int)
    def _on_class_changed(self, _i: int) -> None:
        self.page = 0
        self.selected = None
        self._show_page()

    @Slot()
    def _on_prev(self) -> None:
        self.page = max(0, self.page - 1)
        self._show_page()

    @Slot()
    def _on_next(self) -> None:
        self.page += 1
        self._show_page()

    @Slot(int, int, int)
    def _on_browse_clicked(self, tile: int, _r: int, _c: int) -> None:
        shown = self.page_indices()
        if tile < len(shown):
            self.select(int(shown[tile]))

    @Slot(int, int, int)
    def _on_mean_clicked(self, tile: int, _r: int, _c: int) -> None:
        self.class_box.setCurrentIndex(tile)

    @Slot(object)
    def _on_counts_clicked(self, event) -> None:
        vb = self.counts_plot.getPlotItem().getViewBox()
        if not vb.sceneBoundingRect().contains(event.scenePos()):
            return
        k = int(np.floor(vb.mapSceneToView(event.scenePos()).x() + 0.5))
        if 0 <= k < 10:
            self.class_box.setCurrentIndex(k)

    def _describe_mean(self, tile, row, col, value) -> str:
        stats = self.stats.get(self.split)
        n = 0 if stats is None else int(stats.counts[tile])
        return translate("Evaluation", "class {0} ({1:,} images): mean ({2}, {3}) = {4:.1f}. "
                         "Click: browse it.").format(tile, n, row, col, value)

    def _describe_browse(self, tile, row, col, value) -> str:
        shown = self.page_indices()
        if tile >= len(shown):
            return ""
        return translate("Evaluation", "#{0}: ({1}, {2}) = {3:.0f}. Click: select it.").format(
            int(shown[tile]), row, col, value)

    def _describe_raw(self, tile, row, col, value) -> str:
        return translate("Evaluation", "byte ({0}, {1}) = {2:.0f}").format(row, col, value)

    def _describe_input(self, tile, row, col, value) -> str:
        return translate("Evaluation", "x({0}, {1}) = {2:.3f}").format(row, col, value)


# ============================================================================ robustness

class RobustnessPanel(_JobPanel):
    """Accuracy against Gaussian noise, rotation, shift and stroke thickness, each applied to the
    test images at test time; and the confidence threshold: answered fraction and accuracy of
    the answered images. Runs when asked (a sweep is ~26 passes over the images)."""

    auto_rerun = False
    CAPTIONS = {  # QT_TRANSLATE_NOOP marks them for lupdate; translated where drawn
        "noise": (QT_TRANSLATE_NOOP("Evaluation", "Gaussian noise"),
                  QT_TRANSLATE_NOOP("Evaluation", "σ (grey levels of 255)")),
        "rotation": (QT_TRANSLATE_NOOP("Evaluation", "Rotation"),
                     QT_TRANSLATE_NOOP("Evaluation", "degrees (+ = counter-clockwise)")),
        "shift": (QT_TRANSLATE_NOOP("Evaluation", "Shift"),
                  QT_TRANSLATE_NOOP("Evaluation", "pixels (+ = right)")),
        "thickness": (QT_TRANSLATE_NOOP("Evaluation", "Stroke thickness"),
                      QT_TRANSLATE_NOOP("Evaluation", "3×3 erosions (−) / dilations (+)")),
    }

    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(state, parent)
        self.run_button = QPushButton(translate("Evaluation", "Run"))
        self.run_button.setToolTip(translate(
            "Evaluation", "Perturb the test images at every level and classify them"))
        self.run_button.clicked.connect(self.run)
        self.count_box = QSpinBox()
        self.count_box.setRange(100, 10000)
        self.count_box.setSingleStep(500)
        self.count_box.setValue(2000)
        self.count_box.setSuffix(translate("Evaluation", " images"))
        self.count_box.setToolTip(translate("Evaluation", "The first N test images"))

        self.layout_widget = pg.GraphicsLayoutWidget()
        self.layout_widget.setBackground("w")
        self.plots: dict[str, pg.PlotItem] = {}
        self.curves: dict[str, pg.PlotDataItem] = {}
        pen = pg.mkPen("#1f77b4", width=2)
        for i, p in enumerate(an.PERTURBATIONS):
            title, xlabel = self.CAPTIONS[p.key]
            plot = self.layout_widget.addPlot(row=i // 3, col=i % 3)
            self._style(plot, translate("Evaluation", title), translate("Evaluation", xlabel))
            plot.setXRange(min(p.levels), max(p.levels), padding=0.08)
            ticks = p.levels if p.key != "noise" else (0, 50, 100, 150, 200)
            plot.getAxis("bottom").setTicks([[(lv, f"{lv:g}") for lv in ticks]])
            self._percent_axis(plot, (0, 25, 50, 75, 100))
            curve = plot.plot([], [], pen=pen, symbol="o", symbolSize=6,
                              symbolBrush="#1f77b4", symbolPen=None)
            self.plots[p.key], self.curves[p.key] = plot, curve
        tp = self.layout_widget.addPlot(row=1, col=1, colspan=2)
        self._style(tp, translate("Evaluation", "Confidence threshold: \"I don't know\" below it"),
                    translate("Evaluation", "threshold on max y"))
        tp.setXRange(0.1, 1, padding=0.02)
        tp.enableAutoRange(axis="y")  # the interesting part is 80–100 %
        legend = tp.addLegend(offset=(8, 8), labelTextColor="k", labelTextSize="9pt",
                              brush=pg.mkBrush(255, 255, 255, 200))
        self.answered_curve = tp.plot([], [], pen=pg.mkPen("#ff7f0e", width=2),
                                      name=translate("Evaluation", "answered"))
        self.accuracy_curve = tp.plot([], [], pen=pg.mkPen("#2ca02c", width=2),
                                      name=translate("Evaluation", "right, of the answered"))
        self.threshold_line = pg.InfiniteLine(0.9, angle=90, pen=pg.mkPen("#555", width=1,
                                              style=Qt.PenStyle.DashLine))
        tp.addItem(self.threshold_line)
        self.plots["threshold"] = tp
        self._legend = legend

        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(100, 999)  # thousandths; a max y below 0.1 is impossible
        self.slider.setValue(900)
        self.slider.setToolTip(translate("Evaluation", "The confidence threshold on max y: "
                                         "below it the network answers \"I don't know\""))
        self.slider.valueChanged.connect(self._on_threshold_changed)
        self.threshold_label = QLabel()
        self.threshold_label.setMinimumWidth(360)
        srow = QHBoxLayout()
        srow.addWidget(QLabel(translate("Evaluation", "Threshold")))
        srow.addWidget(self.slider, 1)
        srow.addWidget(self.threshold_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self._header(self.count_box, self.run_button))
        layout.addWidget(self.layout_widget, 1)
        layout.addLayout(srow)
        self.status.setText(translate("Evaluation", "Press Run to sweep the perturbations."))
        self._on_threshold_changed(self.slider.value())

    @staticmethod
    def _style(plot: pg.PlotItem, title: str, xlabel: str) -> None:
        plot.setTitle(title, color="k", size="9pt")
        plot.setLabel("bottom", xlabel, color="k", **{"font-size": "9pt"})
        plot.setLabel("left", translate("Evaluation", "%"), color="k", **{"font-size": "9pt"})
        for name in ("bottom", "left"):
            ax = plot.getAxis(name)
            ax.setTextPen("k")
            ax.setPen("k")
            ax.setTickFont(_font(9))
        plot.setYRange(0, 100, padding=0.06)
        plot.showGrid(x=False, y=True, alpha=0.25)
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.getViewBox().setMouseEnabled(False, False)

    @staticmethod
    def _percent_axis(plot: pg.PlotItem, ticks) -> None:
        plot.getAxis("left").setTicks([[(v, f"{v:g}") for v in ticks]])

    def _make_job(self):
        data, snap = self.state.data, self.state.snapshot
        if data is None or snap is None:
            self.status.setText(translate("Evaluation", "Waiting for the data set and weights."))
            return None
        n = self.count_box.value()
        images, labels = data.test_images[:n], data.test_labels[:n]
        self.status.setText(translate("Evaluation", "Sweeping {0:,} test images…")
                            .format(len(labels)))

        def fn(progress, should_stop):
            return an.robustness_sweep(_net_from(snap), images, labels, progress=progress,
                                       should_stop=should_stop)
        return fn

    def _show_result(self, r: an.RobustnessResult) -> None:
        for c in r.curves:
            self.curves[c.perturbation.key].setData(c.levels, c.accuracy * 100)
        t = r.threshold
        self.answered_curve.setData(t.thresholds, t.answered * 100)
        ok = np.isfinite(t.accuracy)
        self.accuracy_curve.setData(t.thresholds[ok], t.accuracy[ok] * 100)
        self.status.setText(translate("Evaluation", "{0:,} test images · clean accuracy {1}")
                            .format(r.n_images, _pct(r.clean_accuracy, 2)))
        self._on_threshold_changed(self.slider.value())

    def _mark_stale(self) -> None:
        if self.result is not None and "⚠" not in self.status.text():
            self.status.setText(self.status.text() + " · ⚠ " + translate(
                "Evaluation", "weights changed since; Run again"))

    @Slot(int)
    def _on_threshold_changed(self, value: int) -> None:
        t = value / 1000
        self.threshold_line.setValue(t)
        if self.result is None:
            self.threshold_label.setText(translate("Evaluation", "{0:.3f}").format(t))
            return
        answered, acc = self.result.threshold.at(t)
        self.threshold_label.setText(translate(
            "Evaluation", "{0:.3f}: {1} answered, {2} of those right").format(
                t, _pct(answered), _pct(acc, 2)))


# ============================================================================ feature space

class FeatureSpacePanel(_JobPanel):
    """PCA of the C5 (120) or F6 (84) outputs of up to 2,000 test images: a scatter coloured by
    the true class, mistakes ringed; hover shows the image, click makes it the probe."""

    HOVER_PX = 8  # how close the pointer must be to a point, in screen pixels

    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(state, parent)
        self.layer_box = QComboBox()
        self.layer_box.addItem(translate("Evaluation", "C5 (120 outputs)"), "c5")
        self.layer_box.addItem(translate("Evaluation", "F6 (84 outputs)"), "f6")
        self.layer_box.setToolTip(translate("Evaluation", "The layer whose outputs are "
                                            "projected"))
        self.layer_box.currentIndexChanged.connect(self._on_settings_changed)
        self.count_box = QSpinBox()
        self.count_box.setRange(100, 2000)
        self.count_box.setSingleStep(250)
        self.count_box.setValue(2000)
        self.count_box.setSuffix(translate("Evaluation", " images"))
        self.count_box.setKeyboardTracking(False)
        self.count_box.setToolTip(translate("Evaluation", "How many test images to project"))
        self.count_box.valueChanged.connect(self._on_settings_changed)
        self.run_button = QPushButton(translate("Evaluation", "Compute"))
        self.run_button.setToolTip(translate("Evaluation", "Compute the layer's outputs and "
                                             "their principal components (PCA)"))
        self.run_button.clicked.connect(self.run)

        self.plot = pg.PlotWidget()
        self.plot.setBackground("w")
        self.plot.setMenuEnabled(False)
        pi = self.plot.getPlotItem()
        pi.hideButtons()
        for name in ("bottom", "left"):
            ax = pi.getAxis(name)
            ax.setTextPen("k")
            ax.setPen("k")
            ax.setTickFont(_font(9))
        self.view = pi.getViewBox()
        self.points = pg.ScatterPlotItem(size=5, pen=None)
        self.rings = pg.ScatterPlotItem(size=11, symbol="o", brush=None,
                                        pen=pg.mkPen("#000000", width=1.3))
        self.probe_mark = pg.ScatterPlotItem(size=18, symbol="+",
                                             pen=pg.mkPen("#e74c3c", width=2.5),
                                             brush=pg.mkBrush("#e74c3c"))
        self.hover_mark = pg.ScatterPlotItem(size=13, symbol="o", brush=None,
                                             pen=pg.mkPen("#e74c3c", width=2))
        for item, z in ((self.points, 0), (self.rings, 1), (self.probe_mark, 3),
                        (self.hover_mark, 2)):
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
        self.inset_text = QLabel(translate("Evaluation", "Hover a point."))
        self.inset_text.setWordWrap(True)
        self.inset_text.setFont(_font(9))
        legend = QLabel("<br>".join(
            f"<span style='color:{c}; font-size:12pt'>●</span> "
            + translate("Evaluation", "class {0}").format(k) for k, c in enumerate(CLASS_COLOURS))
            + "<br><span style='font-size:12pt'>○</span> "
            + translate("Evaluation", "mistake") + "<br><span style='color:#e74c3c; "
            "font-size:12pt'>+</span> " + translate("Evaluation", "probe"))
        legend.setFont(_font(9))
        side = QWidget()
        side.setFixedWidth(118)
        s = QVBoxLayout(side)
        s.setContentsMargins(4, 0, 0, 0)
        s.addWidget(self.inset)
        s.addWidget(self.inset_text)
        s.addWidget(legend)
        s.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.plot, 1)
        body.addWidget(side)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self._header(self.layer_box, self.count_box, self.run_button))
        layout.addLayout(body, 1)
        self.status.setText(translate("Evaluation", "Waiting for the data set and weights."))
        self.hover_index: int | None = None  # test-set index under the pointer
        state.probe_changed.connect(self._on_probe_changed)

    @property
    def layer(self) -> str:
        return self.layer_box.currentData() or "c5"

    def _make_job(self):
        data, snap = self.state.data, self.state.snapshot
        if data is None or snap is None:
            self.status.setText(translate("Evaluation", "Waiting for the data set and weights."))
            return None
        layer, n = self.layer, self.count_box.value()
        images, labels = data.test_images, data.test_labels
        self.status.setText(translate("Evaluation", "Computing {0} outputs of {1:,} test "
                                      "images…").format(layer.upper(), n))

        def fn(progress, should_stop):
            return an.feature_space(_net_from(snap), images, labels, layer, n,
                                    progress=progress, should_stop=should_stop)
        return fn

    def _show_result(self, fs: an.FeatureSpace) -> None:
        xy = fs.pca.projected
        self.points.setData(x=xy[:, 0], y=xy[:, 1], brush=[self._brushes[k] for k in fs.labels])
        wrong = fs.labels != fs.predictions
        self.rings.setData(x=xy[wrong, 0], y=xy[wrong, 1])
        self.hover_mark.setData([], [])
        ratio = fs.pca.explained_ratio
        pi = self.plot.getPlotItem()
        pi.setLabel("bottom", translate("Evaluation", "PC1 ({0:.1f} % of the variance)")
                    .format(ratio[0] * 100), color="k")
        pi.setLabel("left", translate("Evaluation", "PC2 ({0:.1f} %)").format(ratio[1] * 100),
                    color="k")
        pi.setTitle(translate("Evaluation", "PCA of {0}: {1:,} test images, {2:,} mistakes ringed")
                    .format(fs.layer.upper(), len(fs.indices), int(wrong.sum())), color="k",
                    size="9pt")
        self.view.autoRange(padding=0.04)
        self.status.setText(translate("Evaluation", "{0}: PC1 + PC2 explain {1:.1f} % of the "
                                      "variance").format(fs.layer.upper(), ratio[:2].sum() * 100))
        self._on_probe_changed(self.state.probe)

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
        true, pred = int(fs.labels[j]), int(fs.predictions[j])
        text = translate("Evaluation", "test #{0}<br>true {1}, predicted {2} ({3:.0f} %)").format(
            i, true, pred, fs.confidence[j] * 100)
        if true != pred:
            text = f"<span style='color:#c0392b'>{text}</span>"
        self.inset_text.setText(text)

    @Slot(object)
    def _on_mouse_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        j = self.point_at(event.scenePos())
        data = self.state.data
        if j is not None and data is not None and self.result.indices[j] < len(data.test_labels):
            self.state.set_probe(Probe.from_test(self.state.data, int(self.result.indices[j])))

    @Slot(object)
    def _on_probe_changed(self, probe) -> None:
        fs = self.result
        if (fs is None or probe is None or probe.index is None
                or not probe.source.startswith("test")):
            self.probe_mark.setData([], [])
            return
        rows = np.flatnonzero(fs.indices == probe.index)
        if len(rows):
            xy = fs.pca.projected[rows[0]]
            self.probe_mark.setData([xy[0]], [xy[1]])
        else:
            self.probe_mark.setData([], [])

    @Slot(int)
    def _on_settings_changed(self, _value: int) -> None:
        if self.state.data is not None and self.state.snapshot is not None:
            self.run()
