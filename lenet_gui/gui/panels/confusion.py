"""The confusion matrix dock: what does the net get wrong. Counts [true, predicted] of the
test set, or of My digits (the user's own, data/folders.py), on a log colour scale with
per-class accuracy and precision; a cell lists exactly its images, and an image becomes the
probe sample of the other panels."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPointF,
    QSize,
    Qt,
    Slot,
)
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from lenet_gui.data.preprocess import normalise
from lenet_gui.gui.help import PanelHelp
from lenet_gui.gui.panels._jobs import JobPanel
from lenet_gui.gui.state import AppState, Probe
from lenet_gui.gui.widgets import accessible
from lenet_gui.gui.widgets.gallery import GalleryModel
from lenet_gui.gui.widgets.heatmap import SEQUENTIAL_MAP
from lenet_gui.gui.widgets.plots import black_axes, font, pct
from lenet_gui.train import analysis as an
from lenet_gui.train import evaluate

translate = QCoreApplication.translate

SOURCES = ("test", "mine")  # the source box's entries: MNIST's test set, My digits


@dataclass(frozen=True)
class Evaluated:
    """What a result was computed on: the images, their labels, and (My digits) their files."""
    kind: str  # "test" or "mine"
    images: np.ndarray  # (N, 28, 28) uint8
    labels: np.ndarray  # (N,)
    names: tuple[str, ...] | None = None  # the files' names (My digits)


class ConfusionPanel(JobPanel):
    """10×10 counts [true, predicted] on a log colour scale, per-class accuracy (right column)
    and precision (bottom row); a click on a cell lists exactly its test images."""

    name = "confusion"
    title = QT_TRANSLATE_NOOP("MainWindow", "Confusion matrix")
    help = PanelHelp(
        "LeNet-5 运行方式",
        QT_TRANSLATE_NOOP("Help", "answer = argmax y;  error rate = mistakes / 10000"),
        QT_TRANSLATE_NOOP("Help", "The test set classified by the current weights: rows are "
                          "the true digits, columns the predicted ones, with per-class accuracy "
                          "and precision. Click a cell to see its images."))
    reads = frozenset({"data", "snapshot", "my_digits"})
    default_area = "bottom"
    default_place = ("tab", "loss")
    whats_this = {
        "evaluate_button": QT_TRANSLATE_NOOP(
            "WhatsThis", "Classify the 10,000 test images with the current weights and fill the "
            "matrix; the answer is argmax y (course: LeNet-5 运行方式)."),
        "source_box": QT_TRANSLATE_NOOP(
            "WhatsThis", "What to evaluate on: MNIST's 10,000 test images, or My digits, the "
            "digits you drew and kept (Add to my digits on the canvas)."),
        "order_box": QT_TRANSLATE_NOOP(
            "WhatsThis", "The order of a cell's images in the gallery: the most confident first, "
            "the least confident first, or test-set order."),
        "mistakes_button": QT_TRANSLATE_NOOP(
            "WhatsThis", "Show every wrong answer in the gallery, the most confident mistakes "
            "first."),
        "next_button": QT_TRANSLATE_NOOP(
            "WhatsThis", "The next most confident mistake: selects its cell and image, and makes "
            "it the probe sample."),
        "gallery": QT_TRANSLATE_NOOP(
            "WhatsThis", "The test images of the chosen cell, each captioned \"true → predicted\" "
            "with the confidence max y; red captions are mistakes. Click one to make it the probe "
            "sample."),
        "plot": QT_TRANSLATE_NOOP(
            "WhatsThis", "The confusion matrix: y axis the true digit, x axis the predicted one; "
            "each cell counts test images, coloured on a log scale (the colour bar), so the "
            "mistakes show beside the large diagonal. Right column: accuracy per class; bottom "
            "row: precision. Click a cell to see its images."),
    }
    ORDERS = ("confident", "unsure", "index")

    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(state, parent)
        self.cell: tuple[int, int] | None = None  # the gallery's cell, or None
        self.showing_mistakes = False
        self.mistake_order = np.zeros(0, np.intp)  # all mistakes, most confident first
        self.mistake_pos = -1
        self.evaluated: Evaluated | None = None  # what self.result was computed on

        self.source_box = QComboBox()
        self.source_box.addItems([""] * len(SOURCES))  # texts: retranslate()
        self.source_box.currentIndexChanged.connect(self._on_source_changed)
        self.evaluate_button = QPushButton()
        self.evaluate_button.clicked.connect(self.run)

        # The matrix: cell (t, p) is centred on x = p, y = t; true 0 at the top.
        self.plot = pg.PlotWidget(enableMenu=False)
        self.plot.setBackground("w")
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
        black_axes(pi)
        self.cell_text = [[self._text(pi, p, t) for p in range(10)] for t in range(10)]
        self.acc_text = [self._text(pi, 10.5, t, "#1a5276") for t in range(10)]
        self.prec_text = [self._text(pi, p, 10.5, "#1a5276") for p in range(10)]
        self.highlight = pg.PlotDataItem(pen=pg.mkPen("#e74c3c", width=3))
        self.highlight.setZValue(10)
        pi.addItem(self.highlight)
        self.view.setRange(xRange=(-0.55, 11.05), yRange=(-0.55, 11.05), padding=0)
        self.plot.scene().sigMouseClicked.connect(self._on_plot_clicked)
        self.cursor = pg.PlotDataItem(pen=pg.mkPen("#000000", width=2, style=Qt.PenStyle.DashLine))
        self.cursor.setZValue(11)
        pi.addItem(self.cursor)
        self.cell_keys = accessible.GridKeys(self.plot, 10, 10, self._on_cursor_moved,
                                             self.show_cell)
        self.plot.describe_content = self._describe_matrix  # its description, when due
        self.text_pt = 9.0  # the numbers' size: shrunk to fit a cell (_fit_texts)
        self.view.sigResized.connect(self._fit_texts)

        # The gallery.
        self.gallery_title = QLabel()
        self.gallery_title.setWordWrap(True)
        self.order_box = QComboBox()
        self.order_box.addItems([""] * len(self.ORDERS))  # texts: retranslate()
        self.order_box.currentIndexChanged.connect(self._on_order_changed)
        self.mistakes_button = QPushButton()
        self.mistakes_button.clicked.connect(self.show_mistakes)
        self.next_button = QPushButton()
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
        self.gallery.setFont(font(9))
        self.gallery.clicked.connect(self._on_gallery_clicked)
        self.gallery.activated.connect(self._on_gallery_clicked)  # Enter, as a click

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
        layout.addLayout(self._header(self.source_box, self.evaluate_button))
        layout.addWidget(split, 1)
        self.set_text(self.gallery_title.setText,
                      lambda: translate("Evaluation", "Click a cell to see its images."))
        self.set_text(self.status.setText, lambda: translate(
            "Evaluation", "Press Evaluate to classify the test set."))
        self.retranslate()
        self._update_buttons()

    def retranslate(self) -> None:
        super().retranslate()
        self.source_box.setItemText(0, translate("Evaluation", "MNIST test set"))
        self.source_box.setItemText(1, translate("Evaluation", "My digits"))
        self.source_box.setToolTip(translate("Evaluation", "What to evaluate on"))
        self.source_box.setAccessibleName(translate("Evaluation", "Evaluate on"))
        self.evaluate_button.setText(translate("Evaluation", "Evaluate"))
        self.gallery.setAccessibleName(translate("Evaluation", "Misclassified test images"))
        self.evaluate_button.setToolTip(translate(
            "Evaluation", "Classify the 10,000 test images with the latest weights"))
        pi = self.plot.getPlotItem()
        ticks = [(k, str(k)) for k in range(10)]
        pi.getAxis("bottom").setTicks([ticks + [(10.5, translate("Evaluation", "acc."))]])
        pi.getAxis("left").setTicks([ticks + [(10.5, translate("Evaluation", "prec."))]])
        pi.setLabel("bottom", translate("Evaluation", "predicted"), color="k")
        pi.setLabel("left", translate("Evaluation", "true"), color="k")
        for i, text in enumerate((translate("Evaluation", "Most confident first"),
                                  translate("Evaluation", "Least confident first"),
                                  translate("Evaluation", "Test-set order"))):
            self.order_box.setItemText(i, text)
        self.order_box.setToolTip(translate("Evaluation", "The order of the images of a cell"))
        self.mistakes_button.setText(translate("Evaluation", "All mistakes"))
        self.mistakes_button.setToolTip(translate(
            "Evaluation", "Every wrong prediction, the most confident mistakes first"))
        self.next_button.setText(translate("Evaluation", "Next mistake ▶"))
        self.next_button.setToolTip(translate(
            "Evaluation", "The next most confident mistake: its cell, its image, and it "
            "becomes the probe sample"))

    @Slot()
    def _fit_texts(self) -> None:
        """Numbers no wider than their cell: at the dock's default width a cell is about
        20 px, and "99.7" at 9 pt ran into its neighbours ("99.799.6…", worse in Chinese
        fonts). The size shrinks (not below 6 pt) and grows back when the dock widens."""
        x0, x1 = self.view.viewRange()[0]
        cell = self.view.width() / max(x1 - x0, 1e-9) * 0.9  # pixels per cell, a gap kept
        items = [*self.prec_text, *self.acc_text, *(i for row in self.cell_text for i in row)]
        widest = max((QFontMetricsF(font(9)).horizontalAdvance(i.textItem.toPlainText())
                      for i in items), default=0.0)
        pt = 9.0 if widest <= cell or widest == 0 else max(6.0, round(9.0 * cell / widest, 1))
        if pt != self.text_pt:
            self.text_pt = pt
            f = font(9)
            f.setPointSizeF(pt)
            for i in items:
                i.setFont(f)

    @staticmethod
    def _text(pi, x: float, y: float, colour: str = "w") -> pg.TextItem:
        t = pg.TextItem("", color=colour, anchor=(0.5, 0.5))
        t.setFont(font(9))
        t.setPos(x, y)
        t.setZValue(5)
        pi.addItem(t)
        return t

    def _update_buttons(self) -> None:
        has = self.result is not None
        for b in (self.mistakes_button, self.next_button, self.order_box):
            b.setEnabled(has)

    # -- job
    @property
    def source(self) -> str:
        return SOURCES[max(self.source_box.currentIndex(), 0)]

    def _make_job(self):
        inputs = self._inputs()
        if inputs is None:
            return None
        data, snap = inputs
        if self.source == "mine":
            store = self.state.my_digits
            if store is None:
                return None
            self.set_text(self.status.setText, lambda: translate(
                "Evaluation", "Classifying my digits…"))

            def mine(progress, should_stop):
                folder = store.read()
                if not len(folder):
                    raise ValueError(translate("Evaluation", "My digits is empty: add digits "
                                               "from the canvas first."))
                return (evaluate(snap.to_net(), folder.images, folder.labels,
                                 progress=progress, should_stop=should_stop),
                        Evaluated("mine", folder.images, folder.labels,
                                  tuple(Path(p).name for p in folder.paths)))
            return mine
        images, labels = data.test_images, data.test_labels
        self.set_text(self.status.setText, lambda: translate(
            "Evaluation", "Classifying {0:,} test images…").format(len(labels)))

        def fn(progress, should_stop):
            return (evaluate(snap.to_net(), images, labels, progress=progress,
                             should_stop=should_stop), Evaluated("test", images, labels))
        return fn

    def _on_job_result(self, result, _key: tuple) -> None:
        r, self.evaluated = result
        self.result = r
        self._show_result(r)

    def _on_job_failed(self, message: str) -> None:
        # My digits empty (or unreadable): said as it is, without the exception's type
        super()._on_job_failed(message.split(": ", 1)[1] if message.startswith(
            ("ValueError: ", "FolderError: ")) else message)

    def refresh(self) -> None:
        super().refresh()
        if self.source == "mine" and "my_digits" in self.changed_topics and (
                self.result is not None or self.busy):
            self._dirty = self.can_run()
            self._schedule()

    @Slot(int)
    def _on_source_changed(self, _i: int) -> None:
        self.cell = None
        self.showing_mistakes = False
        self.highlight.setData([], [])
        self.run()

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
        self._fit_texts()
        self.mistake_order = an.mistakes(self.evaluated.labels, r.predictions, r.confidence)
        self.mistake_pos = -1
        n_mistakes = len(self.mistake_order)
        if self.evaluated.kind == "mine":
            self.set_text(self.status.setText, lambda: translate(
                "Evaluation", "Accuracy {0} on {1:,} of my digits · loss {2:.4f} · {3:,} "
                "mistakes · acc./prec. in %").format(pct(r.accuracy, 2), n, r.loss, n_mistakes))
        else:
            self.set_text(self.status.setText, lambda: translate(
                "Evaluation", "Accuracy {0} on {1:,} test images · loss {2:.4f} · {3:,} "
                "mistakes · acc./prec. in %").format(pct(r.accuracy, 2), n, r.loss, n_mistakes))
        self._update_buttons()
        if self.showing_mistakes:
            self.show_mistakes()
        elif self.cell is not None:
            self.show_cell(*self.cell)

    # -- gallery
    def _matches(self, r, data) -> bool:
        """The result belongs to what is evaluated (a new data set may have arrived since)."""
        e = self.evaluated
        if r is None or e is None or len(r.predictions) != len(e.labels):
            return False
        return e.kind == "mine" or (data is not None and e.images is data.test_images)

    def _set_gallery(self, idx) -> None:
        e, r = self.evaluated, self.result
        self.model.set_items(idx, e.images, e.labels, r.predictions, r.confidence,
                             names=None if e.names is None else list(e.names))

    def _probe(self, i: int) -> None:
        e = self.evaluated
        if e.kind == "test":
            self.state.set_probe(Probe.from_test(self.state.data, i))
        else:
            self.state.set_probe(Probe.from_input(normalise(e.images[i : i + 1]),
                                                  int(e.labels[i]), e.names[i]))

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
        if not self._matches(r, data):
            return
        idx = an.cell_indices(self.evaluated.labels, r.predictions, r.confidence, true,
                              predicted, self._order())
        self._set_gallery(idx)
        mine = self.evaluated.kind == "mine"

        def title() -> str:
            what = (translate("Evaluation", "correct") if true == predicted
                    else translate("Evaluation", "mistakes"))
            if mine:
                return translate("Evaluation", "True {0}, predicted {1}: {2:,} of my digits "
                                 "({3}). Click one to probe it.").format(true, predicted,
                                                                       len(idx), what)
            return translate("Evaluation", "True {0}, predicted {1}: {2:,} test images ({3}). "
                             "Click one to probe it.").format(true, predicted, len(idx), what)
        self.set_text(self.gallery_title.setText, title)

    @Slot()
    def show_mistakes(self) -> None:
        r, data = self.result, self.state.data
        if not self._matches(r, data):
            return
        self.showing_mistakes = True
        self.cell = None
        self.highlight.setData([], [])
        idx = an.mistakes(self.evaluated.labels, r.predictions, r.confidence, self._order())
        self._set_gallery(idx)
        self.set_text(self.gallery_title.setText, lambda: translate(
            "Evaluation", "All {0:,} mistakes.").format(len(idx)))

    @Slot()
    def next_mistake(self) -> int | None:
        """Show the next most confident mistake in its cell and make it the probe sample."""
        if not self._matches(self.result, self.state.data) or len(self.mistake_order) == 0:
            return None
        self.mistake_pos = (self.mistake_pos + 1) % len(self.mistake_order)
        i = int(self.mistake_order[self.mistake_pos])
        r = self.result
        self.order_box.setCurrentIndex(0)
        self.show_cell(int(self.evaluated.labels[i]), int(r.predictions[i]))
        row = int(np.flatnonzero(self.model.indices == i)[0])
        index = self.model.index(row)
        self.gallery.setCurrentIndex(index)
        self.gallery.scrollTo(index)
        cell_title, pos, total = self.text_of(self.gallery_title.setText), self.mistake_pos, \
            len(self.mistake_order)
        self.set_text(self.gallery_title.setText, lambda: cell_title() + " " + translate(
            "Evaluation", "Mistake {0} of {1}.").format(pos + 1, total))
        self._probe(i)
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

    def _on_cursor_moved(self, true: int, predicted: int) -> None:
        """The keyboard's cell: framed (dashed) and said (true, predicted, its count)."""
        x = [predicted - 0.5, predicted + 0.5, predicted + 0.5, predicted - 0.5, predicted - 0.5]
        y = [true - 0.5, true - 0.5, true + 0.5, true + 0.5, true - 0.5]
        self.cursor.setData(x, y)
        self.plot.setAccessibleDescription(self._describe_matrix())

    def _describe_matrix(self) -> str:
        """What a screen reader hears: the keyboard's cell, the accuracy and the most frequent
        mistake."""
        r = self.result
        if r is None:
            return translate("Evaluation", "No evaluation yet: press Evaluate")
        m = np.array(r.confusion, np.int64)
        off = m.copy()
        np.fill_diagonal(off, -1)
        t, p = np.unravel_index(int(np.argmax(off)), off.shape)
        text = translate("Evaluation", "Accuracy {0}; most frequent mistake: true {1} "
                         "predicted as {2}, {3} times").format(pct(r.accuracy, 2), t, p,
                                                               int(m[t, p]))
        cell = self.cell_keys.cell
        if cell is not None and self.plot.hasFocus():
            text = translate("Evaluation", "True {0}, predicted {1}: {2} test images").format(
                cell[0], cell[1], int(m[cell])) + ". " + text
        return text

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
        if i is not None and self._matches(self.result, self.state.data):
            self._probe(int(i))
