"""The data explorer dock: the MNIST training or test images by class, the class counts, the
mean image per class, and the raw 28×28 bytes beside the normalised 32×32 network input. The
counts and means are computed in the background once per data set and split."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from lenet_gui.data.preprocess import normalise
from lenet_gui.gui.help import PanelHelp
from lenet_gui.gui.panels._jobs import JobPanel
from lenet_gui.gui.state import AppState, Probe
from lenet_gui.gui.widgets.gallery import CLASS_COLOURS
from lenet_gui.gui.widgets.heatmap import HeatmapView
from lenet_gui.gui.widgets.plots import black_axes
from lenet_gui.gui.widgets.scroll import VerticalScroll
from lenet_gui.train import analysis as an

translate = QCoreApplication.translate


class DataExplorerPanel(JobPanel):
    """Browse the training or test images by class; class counts; mean image per class; the raw
    28×28 bytes beside the normalised 32×32 input the network reads."""

    name = "explorer"
    title = QT_TRANSLATE_NOOP("MainWindow", "Data explorer")
    help = PanelHelp(
        "MNIST 手写数字数据集; Layer INPUT",
        QT_TRANSLATE_NOOP("Help", "x = −0.1 + 1.275·byte/255"),
        QT_TRANSLATE_NOOP("Help", "The MNIST images: the count and the mean image of every "
                          "class, pages of images per class, and one image as raw bytes and as "
                          "the network's 32×32 input."))
    reads = frozenset({"data"})
    default_area = "bottom"
    default_place = ("tab", "loss")
    whats_this = {
        "split_box": QT_TRANSLATE_NOOP(
            "WhatsThis", "Which MNIST set to explore: the 10,000 test or the 60,000 training "
            "images (course: MNIST 手写数字数据集)."),
        "class_box": QT_TRANSLATE_NOOP("WhatsThis", "The digit whose images are listed."),
        "prev_button": QT_TRANSLATE_NOOP("WhatsThis", "The previous page of images."),
        "next_button": QT_TRANSLATE_NOOP("WhatsThis", "The next page of images."),
        "probe_button": QT_TRANSLATE_NOOP(
            "WhatsThis", "Make the selected image the probe sample of the other panels."),
        "counts_plot": QT_TRANSLATE_NOOP(
            "WhatsThis", "Images per class: x axis the digit 0…9, y axis how many images of it the "
            "chosen set holds. Click a bar to list that digit's images."),
        "means": QT_TRANSLATE_NOOP(
            "WhatsThis", "The mean image of every digit, in bytes 0…255 (the colour bar): what an "
            "average 0, 1, … 9 looks like. Click one to list that digit's images."),
        "browse": QT_TRANSLATE_NOOP(
            "WhatsThis", "A page of the chosen digit's images. Click one to select it: it then "
            "shows below as raw bytes and as the network's input."),
        "raw": QT_TRANSLATE_NOOP(
            "WhatsThis", "The selected image as MNIST stores it: 28×28 bytes, 0 background to "
            "255 ink (the colour bar); hover for a byte."),
        "net_input": QT_TRANSLATE_NOOP(
            "WhatsThis", "The same image as the network reads it: padded to 32×32 and mapped to "
            "x = −0.1 + 1.275·byte/255, background −0.1 and ink 1.175 (course: Layer INPUT)."),
    }
    auto_rerun = False  # the data, not the weights
    PAGE = 24  # images per page: 12 columns × 2 rows

    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(state, parent)
        self.stats: dict[str, an.ClassStats] = {}
        self.page = 0
        self.selected: int | None = None  # index into the split

        self.split_box = QComboBox()
        self.split_box.addItems(["", ""])  # texts: retranslate()
        self.split_box.currentIndexChanged.connect(self._on_split_changed)
        self.class_box = QComboBox()
        self.class_box.addItems([""] * 10)
        self.class_box.currentIndexChanged.connect(self._on_class_changed)
        self.prev_button = QPushButton("◀")
        self.prev_button.setMaximumWidth(32)
        self.prev_button.clicked.connect(self._on_prev)
        self.next_button = QPushButton("▶")
        self.next_button.setMaximumWidth(32)
        self.next_button.clicked.connect(self._on_next)
        self.probe_button = QPushButton()
        self.probe_button.clicked.connect(self.use_as_probe)

        self.counts_plot = pg.PlotWidget()
        self.counts_plot.setBackground("w")
        self.counts_plot.setMenuEnabled(False)
        cp = self.counts_plot.getPlotItem()
        cp.hideButtons()
        cp.getViewBox().setMouseEnabled(False, False)
        black_axes(cp)
        cp.getAxis("bottom").setTicks([[(k, str(k)) for k in range(10)]])
        self.bars = pg.BarGraphItem(x=np.arange(10), height=np.zeros(10), width=0.8,
                                    brushes=[pg.mkBrush(c) for c in CLASS_COLOURS])
        cp.addItem(self.bars)
        self.counts_plot.scene().sigMouseClicked.connect(self._on_counts_clicked)

        # Titles " ": the label exists; retranslate() gives the text.
        self.means = HeatmapView(False, cols=5, title=" ", describe=self._describe_mean)
        self.means.set_fixed_levels((0.0, 255.0))
        self.means.tile_clicked.connect(self._on_mean_clicked)
        self.browse = HeatmapView(False, cols=12, title=" ", colorbar=False,
                                  describe=self._describe_browse)
        self.browse.set_fixed_levels((0.0, 255.0))
        self.browse.tile_clicked.connect(self._on_browse_clicked)
        self.raw = HeatmapView(False, title=" ", describe=self._describe_raw)
        self.raw.set_fixed_levels((0.0, 255.0))
        self.net_input = HeatmapView(False, title=" ", describe=self._describe_input)
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
        # Two rows of views of at least 120 pixels: a shorter dock (Evaluate on a 720-pixel
        # screen, a tab of the first layout) scrolls them under the header.
        layout.addWidget(VerticalScroll(body), 1)
        self.set_text(self.status.setText,
                      lambda: translate("Evaluation", "Waiting for the data set."))
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.split_box.setItemText(0, translate("Evaluation", "Test set"))
        self.split_box.setItemText(1, translate("Evaluation", "Training set"))
        self.split_box.setToolTip(translate("Evaluation", "Which MNIST set to explore"))
        for k in range(10):
            self.class_box.setItemText(k, translate("Evaluation", "Class {0}").format(k))
        self.class_box.setToolTip(translate("Evaluation", "The digit whose images are shown"))
        self.prev_button.setToolTip(translate("Evaluation", "Previous page"))
        self.next_button.setToolTip(translate("Evaluation", "Next page"))
        self.probe_button.setText(translate("Evaluation", "Use as probe"))
        self.probe_button.setToolTip(translate(
            "Evaluation", "Make the selected image the probe sample of the other panels"))
        self.counts_plot.getPlotItem().setTitle(translate("Evaluation", "Images per class"),
                                                color="k", size="9pt")
        self.means.set_title(translate("Evaluation", "Mean image per class"))
        self.raw.set_title(translate("Evaluation", "Raw 28×28, bytes"))
        self.net_input.set_title(translate("Evaluation", "Network input 32×32"))

    # -- data
    @property
    def split(self) -> str:
        return "test" if self.split_box.currentIndex() <= 0 else "train"

    @staticmethod
    def _which(split: str) -> str:
        return (translate("Evaluation", "test") if split == "test"
                else translate("Evaluation", "training"))

    def _arrays(self):
        d = self.state.data
        if d is None:
            return None, None
        return ((d.test_images, d.test_labels) if self.split == "test"
                else (d.train_images, d.train_labels))

    def can_run(self) -> bool:
        return self.state.data is not None

    def refresh(self) -> None:
        new_data = self.state.data is not self._data
        if new_data:
            self.stats.clear()
        super().refresh()  # a job for the old data set is cancelled, never painted
        if self.can_run() and (new_data or self.split not in self.stats and not self.busy):
            self.run()

    def _make_job(self):
        images, labels = self._arrays()
        if images is None:
            return None
        split = self.split
        self.set_text(self.status.setText,
                      lambda: translate("Evaluation", "Counting classes and mean images…"))

        def fn(progress, should_stop):
            return split, an.class_stats(images, labels, progress, should_stop)
        return fn

    def _show_result(self, result) -> None:
        split, stats = result
        self.stats[split] = stats
        if split == self.split:
            self._draw_stats()

    # -- display
    def _draw_stats(self) -> None:
        stats = self.stats.get(self.split)
        images, labels = self._arrays()
        if stats is None or images is None:
            return
        self.bars.setOpts(height=stats.counts.astype(float))
        self.counts_plot.getPlotItem().getViewBox().setRange(
            xRange=(-0.6, 9.6), yRange=(0, stats.counts.max() * 1.08), padding=0)
        self.means.set_maps(stats.means)
        c, split = stats.counts, self.split
        self.set_text(self.status.setText, lambda: translate(
            "Evaluation", "{0:,} {1} images; smallest class {2} ({3:,}), largest {4} "
            "({5:,})").format(int(c.sum()), self._which(split), int(c.argmin()), int(c.min()),
                              int(c.argmax()), int(c.max())))
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
        k, page, n_shown, n = self.class_box.currentIndex(), self.page, len(shown), len(idx)
        self.set_text(self.browse.set_title, lambda: translate(
            "Evaluation", "Class {0}: images {1:,}–{2:,} of {3:,}").format(
                k, page * self.PAGE + 1 if n_shown else 0, page * self.PAGE + n_shown, n))
        self.set_text(self.page_label.setText, lambda: translate(
            "Evaluation", "page {0}/{1}").format(page + 1, pages))
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
        split, label = self.split, int(labels[i])
        self.set_text(self.selected_label.setText, lambda: translate(
            "Evaluation", "selected: {0} #{1}, label {2}").format(self._which(split), i, label))

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
            self._draw_stats()
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
