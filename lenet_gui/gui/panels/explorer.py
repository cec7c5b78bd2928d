"""The data explorer dock: the MNIST training or test images by class, or the user's own digits
(My digits, or any folder of the DIR/0…9/*.png layout); the class counts, the mean image per
class, and the raw bytes beside the normalised 32×32 network input. The counts and means are
computed in the background once per data set and split; My digits are read again, and
classified by the current weights, whenever they or the weights change.

My digits can be relabelled (keys 0–9 or the Relabel menu), deleted (Del) and brought back
(Ctrl+Z: the store's undo); another folder is shown read-only until it is merged into them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QSize,
    Qt,
    Slot,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from lenet_gui.data.folders import read_image_folder
from lenet_gui.data.preprocess import normalise
from lenet_gui.gui.help import PanelHelp
from lenet_gui.gui.panels._jobs import JobPanel
from lenet_gui.gui.state import AppState, Probe
from lenet_gui.gui.widgets.gallery import CLASS_COLOURS, GalleryModel
from lenet_gui.gui.widgets.heatmap import HeatmapView
from lenet_gui.gui.widgets.keys import digit_key
from lenet_gui.gui.widgets.plots import black_axes, font
from lenet_gui.gui.widgets.scroll import VerticalScroll
from lenet_gui.train import analysis as an
from lenet_gui.train import evaluate

translate = QCoreApplication.translate


SOURCES = ("test", "train", "mine")  # the source box's entries, in order


class MineResult:
    """What a My-digits job found: the folder's images, labels, files and skipped files, their
    class statistics, and the current weights' answers (None without weights)."""

    def __init__(self, folder, stats, answers, root: Path, read_only: bool) -> None:
        self.folder = folder  # data/folders.py's FolderData
        self.stats = stats  # analysis.ClassStats
        self.answers = answers  # EvalResult, or None
        self.root = root
        self.read_only = read_only


class DataExplorerPanel(JobPanel):
    """Browse the training or test images, or My digits, by class; class counts; mean image
    per class; the raw bytes beside the normalised 32×32 input the network reads."""

    name = "explorer"
    title = QT_TRANSLATE_NOOP("MainWindow", "Data explorer")
    help = PanelHelp(
        "MNIST 手写数字数据集; Layer INPUT",
        QT_TRANSLATE_NOOP("Help", "x = −0.1 + 1.275·byte/255"),
        QT_TRANSLATE_NOOP("Help", "The MNIST images, or your own digits: the count and the mean "
                          "image of every class, pages of images per class, and one image as "
                          "raw bytes and as the network's 32×32 input. My digits can be "
                          "relabelled, deleted and brought back."))
    reads = frozenset({"data", "snapshot", "my_digits"})
    default_area = "bottom"
    default_place = ("tab", "loss")
    whats_this = {
        "split_box": QT_TRANSLATE_NOOP(
            "WhatsThis", "Which set to explore: the 10,000 MNIST test or the 60,000 training "
            "images (course: MNIST 手写数字数据集), or My digits, the digits you drew and kept "
            "(or a folder you opened)."),
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
        "mine_list": QT_TRANSLATE_NOOP(
            "WhatsThis", "Your digits, by label, each captioned \"label → answer\" with the "
            "current network's confidence max y; red captions are the ones it gets wrong. "
            "Select one or more, then press 0–9 to relabel them, Del to delete them, Ctrl+Z "
            "to undo."),
        "relabel_button": QT_TRANSLATE_NOOP(
            "WhatsThis", "Give the selected digits another label (or press its key, 0–9)."),
        "delete_button": QT_TRANSLATE_NOOP(
            "WhatsThis", "Delete the selected digits (Del); Undo brings them back."),
        "undo_button": QT_TRANSLATE_NOOP(
            "WhatsThis", "Undo the last change to My digits: an add, a relabel or a delete "
            "(Ctrl+Z)."),
        "open_button": QT_TRANSLATE_NOOP(
            "WhatsThis", "Show another folder of digits, one subfolder per class (DIR/0/*.png … "
            "DIR/9/*.png): a teacher's set, a class's collected digits. It is only shown until "
            "you merge it into My digits."),
        "merge_button": QT_TRANSLATE_NOOP(
            "WhatsThis", "Copy the digits of the folder shown into My digits."),
        "export_button": QT_TRANSLATE_NOOP(
            "WhatsThis", "Copy My digits into a folder of your choice, in the same layout "
            "(DIR/0/*.png … DIR/9/*.png), to share them."),
        "finetune_button": QT_TRANSLATE_NOOP(
            "WhatsThis", "Start a new run from a run's weights that trains on My digits (with "
            "some MNIST mixed in), optionally keeping C1…C5 as they are; it then shows the "
            "accuracy on held-out digits and on the MNIST test set before → after."),
    }
    auto_rerun = False  # the data, not the weights (My digits' answers: see _mark_stale)
    PAGE = 24  # images per page: 12 columns × 2 rows

    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(state, parent)
        self.stats: dict[str, an.ClassStats] = {}
        self.page = 0
        self.selected: int | None = None  # index into the split
        self.mine: MineResult | None = None  # the last My-digits job's result
        self.folder: Path | None = None  # another folder shown read-only (None: My digits)
        self._message = ""  # My digits' last note (skipped files, a bad folder, an edit)
        self._mine_failed = False  # the folder could not be read (until it or the source changes)

        self.split_box = QComboBox()
        self.split_box.addItems([""] * len(SOURCES))  # texts: retranslate()
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

        self.counts_plot = pg.PlotWidget(enableMenu=False)
        self.counts_plot.setBackground("w")
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

        # My digits: a list of every one, captioned "label → answer", and its edits
        self.gallery_model = GalleryModel(self)
        self.mine_list = QListView()
        self.mine_list.setModel(self.gallery_model)
        self.mine_list.setViewMode(QListView.ViewMode.IconMode)
        self.mine_list.setIconSize(QSize(42, 42))
        self.mine_list.setGridSize(QSize(58, 80))
        self.mine_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.mine_list.setMovement(QListView.Movement.Static)
        self.mine_list.setUniformItemSizes(True)
        self.mine_list.setWordWrap(True)
        self.mine_list.setFont(font(9))
        self.mine_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.mine_list.setMinimumHeight(120)
        self.mine_list.selectionModel().currentChanged.connect(self._on_mine_current)
        self.relabel_button = QToolButton()
        self.relabel_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.relabel_menu = QMenu(self.relabel_button)
        for k in range(10):
            act = QAction(str(k), self.relabel_menu)
            act.setData(k)
            act.triggered.connect(self._on_relabel_action)
            self.relabel_menu.addAction(act)
        self.relabel_button.setMenu(self.relabel_menu)
        self.delete_button = QToolButton()
        self.delete_button.clicked.connect(self.delete_selected)
        self.undo_button = QToolButton()
        self.undo_button.clicked.connect(self.undo)
        self.open_button = QToolButton()
        self.open_button.clicked.connect(self._on_open_clicked)
        self.merge_button = QToolButton()
        self.merge_button.clicked.connect(self._on_merge_clicked)
        self.export_button = QToolButton()
        self.export_button.clicked.connect(self._on_export_clicked)
        self.finetune_button = QToolButton()
        self.finetune_button.clicked.connect(self._on_finetune_clicked)
        for b in (self.relabel_button, self.delete_button, self.undo_button, self.open_button,
                  self.merge_button, self.export_button, self.finetune_button):
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            b.setAutoRaise(False)
        self.mine_label = QLabel()  # which folder, its counts, the last note
        self.mine_label.setWordWrap(True)
        # On the list: 0–9 relabel the selected digits, Del deletes them, Ctrl+Z undoes (read
        # ahead of the list, which would take a digit for its keyboard search)
        self.mine_list.installEventFilter(self)

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
        self.mine_box = QWidget()
        m = QVBoxLayout(self.mine_box)
        m.setContentsMargins(0, 0, 0, 0)
        m.setSpacing(2)
        edits = QHBoxLayout()
        edits.setSpacing(4)
        for w in (self.relabel_button, self.delete_button, self.undo_button):
            edits.addWidget(w)
        edits.addStretch(1)
        for w in (self.open_button, self.merge_button, self.export_button, self.finetune_button):
            edits.addWidget(w)
        m.addLayout(edits)
        m.addWidget(self.mine_label)
        m.addWidget(self.mine_list, 1)
        b.addWidget(self.mine_box, 1)
        self.mine_box.hide()
        pair = QSplitter(Qt.Orientation.Horizontal)  # raw and network input side by side
        pair.addWidget(self.raw)
        pair.addWidget(self.net_input)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(browse_box)
        right.addWidget(pair)
        right.setStretchFactor(0, 2)
        right.setStretchFactor(1, 1)
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
        self._update_mine_buttons()

    def eventFilter(self, obj, ev) -> bool:  # noqa: N802
        if obj is self.mine_list and ev.type() == QEvent.Type.KeyPress:
            k = digit_key(ev)
            if k is not None:
                self.relabel_selected(k)
                return True
            if ev.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) \
                    or ev.matches(QKeySequence.StandardKey.Delete):
                self.delete_selected()
                return True
            if ev.matches(QKeySequence.StandardKey.Undo):
                self.undo()
                return True
        return super().eventFilter(obj, ev)

    def retranslate(self) -> None:
        super().retranslate()
        self.split_box.setItemText(0, translate("Evaluation", "Test set"))
        self.split_box.setItemText(1, translate("Evaluation", "Training set"))
        self.split_box.setItemText(2, translate("Evaluation", "My digits"))
        self.split_box.setToolTip(translate("Evaluation", "Which set to explore: MNIST's, or "
                                            "your own digits"))
        self.split_box.setAccessibleName(translate("Evaluation", "Data set"))
        for k in range(10):
            self.class_box.setItemText(k, translate("Evaluation", "Class {0}").format(k))
        self.class_box.setToolTip(translate("Evaluation", "The digit whose images are shown"))
        self.class_box.setAccessibleName(translate("Evaluation", "Class"))
        self.prev_button.setToolTip(translate("Evaluation", "Previous page"))
        self.prev_button.setAccessibleName(translate("Evaluation", "Previous page"))
        self.next_button.setToolTip(translate("Evaluation", "Next page"))
        self.next_button.setAccessibleName(translate("Evaluation", "Next page"))
        self.probe_button.setText(translate("Evaluation", "Use as probe"))
        self.probe_button.setToolTip(translate(
            "Evaluation", "Make the selected image the probe sample of the other panels"))
        self.counts_plot.getPlotItem().setTitle(translate("Evaluation", "Images per class"),
                                                color="k", size="9pt")
        self.means.set_title(translate("Evaluation", "Mean image per class"))
        self.raw.set_title(translate("Evaluation", "Raw 28×28, bytes"))
        self.net_input.set_title(translate("Evaluation", "Network input 32×32"))
        for b, text, tip in (
                (self.relabel_button, translate("Evaluation", "Relabel"),
                 translate("Evaluation", "Give the selected digits another label (keys 0–9)")),
                (self.delete_button, translate("Evaluation", "Delete"),
                 translate("Evaluation", "Delete the selected digits (Del)")),
                (self.undo_button, translate("Evaluation", "Undo"),
                 translate("Evaluation", "Undo the last change to My digits (Ctrl+Z)")),
                (self.open_button, translate("Evaluation", "Open folder…"),
                 translate("Evaluation", "Show another folder of digits (DIR/0 … DIR/9), "
                           "read-only")),
                (self.merge_button, translate("Evaluation", "Merge into my digits"),
                 translate("Evaluation", "Copy the digits of the folder shown into My digits")),
                (self.export_button, translate("Evaluation", "Export…"),
                 translate("Evaluation", "Copy My digits into a folder (DIR/0 … DIR/9)")),
                (self.finetune_button, translate("Evaluation", "Fine-tune…"),
                 translate("Evaluation", "A new run from a run's weights, trained on My "
                           "digits"))):
            b.setText(text)
            b.setToolTip(tip)
            b.setAccessibleName(text.rstrip("…"))
        self.mine_list.setAccessibleName(translate("Evaluation", "My digits"))
        self._show_mine_label()

    # -- data
    @property
    def split(self) -> str:
        return SOURCES[max(self.split_box.currentIndex(), 0)]

    @staticmethod
    def _which(split: str) -> str:
        return {"test": translate("Evaluation", "test"),
                "train": translate("Evaluation", "training"),
                "mine": translate("Evaluation", "my")}[split]

    def _arrays(self):
        if self.split == "mine":
            f = None if self.mine is None else self.mine.folder
            return (None, None) if f is None else (f.images, f.labels)
        d = self.state.data
        if d is None:
            return None, None
        return ((d.test_images, d.test_labels) if self.split == "test"
                else (d.train_images, d.train_labels))

    def can_run(self) -> bool:
        if self.split == "mine":
            return self.folder is not None or self.state.my_digits is not None
        return self.state.data is not None

    def refresh(self) -> None:
        new_data = self.state.data is not self._data
        if new_data:
            self.stats.clear()
        super().refresh()  # a job for the old data set is cancelled, never painted
        if self.split == "mine":
            if "my_digits" in self.changed_topics:
                self._mine_failed = False
            # a snapshot while My digits are first read (or could not be) starts nothing:
            # restarted 20 times a second while training, the reading would never finish
            if new_data or "my_digits" in self.changed_topics or (
                    self.mine is None and not self.busy and not self._mine_failed):
                self.run()
            return
        if self.can_run() and (new_data or self.split not in self.stats and not self.busy):
            self.run()

    def _mark_stale(self) -> None:
        """New weights: My digits' answers are the current network's, so they are asked
        again (at most once per DEBOUNCE_MS while training)."""
        if self.split == "mine":
            self._dirty = True
            self._schedule()

    def _on_debounce_timeout(self) -> None:
        if self.split == "mine" and self._dirty and self.isVisible():
            self.run()
            return
        super()._on_debounce_timeout()

    def _make_job(self):
        if self.split == "mine":
            return self._make_mine_job()
        images, labels = self._arrays()
        if images is None:
            return None
        split = self.split
        self.set_text(self.status.setText,
                      lambda: translate("Evaluation", "Counting classes and mean images…"))

        def fn(progress, should_stop):
            return split, an.class_stats(images, labels, progress, should_stop)
        return fn

    def _make_mine_job(self):
        store = self.state.my_digits
        root = self.folder if self.folder is not None else (
            None if store is None else Path(store.root))
        if root is None:
            self.set_text(self.status.setText, lambda: translate(
                "Evaluation", "No My digits folder."))
            return None
        read_only = self.folder is not None
        snap = self.state.snapshot
        self.set_text(self.status.setText, lambda: translate(
            "Evaluation", "Reading {0}…").format(root))

        def fn(progress, should_stop):
            folder = read_image_folder(root) if read_only else store.read()
            images = folder.images  # MNIST's format: (N, 28, 28) uint8
            stats = an.class_stats(images, folder.labels, None, should_stop)
            answers = None
            if snap is not None and len(images):
                answers = evaluate(snap.to_net(), images, folder.labels.astype(np.intp),
                                   progress=progress, should_stop=should_stop)
            return "mine", MineResult(folder, stats, answers, root, read_only)
        return fn

    def _on_job_failed(self, message: str) -> None:
        if self.split == "mine":
            self._mine_failed = True
            self.mine = None  # nothing of another folder stays listed under this one's error
            self.gallery_model.set_items(np.zeros(0, np.intp), None, None, None, None)
            self._update_mine_buttons()
            self._message = translate("Evaluation", "Cannot open the folder: {0}").format(
                message.split(": ", 1)[1] if message.startswith("FolderError: ") else message)
            self._show_mine_label()
        super()._on_job_failed(message)

    def _show_result(self, result) -> None:
        split, stats = result
        if split == "mine":
            self.mine = stats
            self.stats["mine"] = stats.stats
        else:
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
            xRange=(-0.6, 9.6), yRange=(0, max(int(stats.counts.max()), 1) * 1.08), padding=0)
        self.means.set_maps(stats.means)
        c, split = stats.counts, self.split
        if split == "mine":
            self._show_mine()
            return
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
        image = images[i : i + 1]
        self.raw.set_maps(image.astype(np.float32))
        self.net_input.set_maps(normalise(image)[:, 0])
        split, label = self.split, int(labels[i])
        if split == "mine":
            name = Path(self.mine.folder.paths[i]).name
            self.set_text(self.selected_label.setText, lambda: translate(
                "Evaluation", "selected: {0}, label {1}").format(name, label))
            return
        self.set_text(self.selected_label.setText, lambda: translate(
            "Evaluation", "selected: {0} #{1}, label {2}").format(self._which(split), i, label))

    @Slot()
    def use_as_probe(self) -> None:
        d = self.state.data
        if self.selected is None:
            return
        i = self.selected
        if self.split == "mine":
            if self.mine is None or i >= len(self.mine.folder.labels):
                return
            f = self.mine.folder
            self.state.set_probe(Probe.from_input(normalise(f.images[i : i + 1]),
                                                  int(f.labels[i]), Path(f.paths[i]).name))
            return
        if d is None:
            return
        if self.split == "test":
            self.state.set_probe(Probe.from_test(d, i))
        else:
            self.state.set_probe(Probe.from_input(normalise(d.train_images[i : i + 1]),
                                                  int(d.train_labels[i]), f"train #{i}"))

    # -- My digits
    def _show_mine_mode(self, on: bool) -> None:
        self.mine_box.setVisible(on)
        self.browse.setVisible(not on)
        for w in (self.prev_button, self.next_button, self.page_label, self.class_box):
            w.setVisible(not on)

    def _show_mine(self) -> None:
        """The list of My digits (or the folder shown), ordered by label, with the answers."""
        r = self.mine
        f = r.folder
        order = np.argsort(f.labels, kind="stable")
        if r.answers is not None:
            preds, conf = r.answers.predictions, r.answers.confidence
        else:
            preds, conf = np.full(len(f.labels), -1), np.zeros(len(f.labels), np.float32)
        keep = self.mine_list.currentIndex().row()
        self.gallery_model.set_items(order, f.images, f.labels, preds, conf,
                                     names=[Path(p).name for p in f.paths])
        n = len(order)
        if n:
            row = min(max(keep, 0), n - 1)
            self.mine_list.setCurrentIndex(self.gallery_model.index(row))
        else:
            self.selected = None
            empty = np.zeros((1, 28, 28), np.float32)
            self.raw.set_maps(empty)
            self.net_input.set_maps(normalise(empty)[:, 0])
            self.selected_label.setText("")
        c = r.stats.counts
        acc = None if r.answers is None else r.answers.accuracy
        self.set_text(self.status.setText, lambda: (translate(
            "Evaluation", "{0:,} of my digits; smallest class {1} ({2:,}), largest {3} ({4:,})")
            .format(int(c.sum()), int(c.argmin()), int(c.min()), int(c.argmax()),
                    int(c.max())) + ("" if acc is None else translate(
                        "Evaluation", " · the network gets {0:.1f} % right").format(acc * 100))))
        skipped = list(f.skipped)
        if skipped:  # one message for all of them
            n = len(skipped)
            names = ", ".join(f"{Path(p).name} ({why})" for p, why in skipped[:3])
            text = translate("Evaluation", "%n file(s) could not be read and were skipped: {0}", "", n)
            self._message = text.format(names + (" …" if n > 3 else ""))
        self._show_mine_label()
        self._update_mine_buttons()

    def _show_mine_label(self) -> None:
        if self.split != "mine":
            return
        if self.folder is not None:
            where = translate("Evaluation", "Folder {0} (read-only: merge it to keep it)").format(
                self.folder)
        else:
            store = self.state.my_digits
            where = translate("Evaluation", "My digits in {0}").format(
                "–" if store is None else store.root)
        # the counts per class are the bar chart's (and the status line's extremes)
        self.mine_label.setText("\n".join(t for t in (where, self._message) if t))

    def _update_mine_buttons(self) -> None:
        editable = self.folder is None and self.state.my_digits is not None
        has = bool(self.selected_paths())
        self.relabel_button.setEnabled(editable and has)
        self.delete_button.setEnabled(editable and has)
        self.undo_button.setEnabled(editable)
        self.merge_button.setEnabled(self.folder is not None and self.state.my_digits is not None)
        self.export_button.setEnabled(self.folder is None and self.state.my_digits is not None)
        self.finetune_button.setEnabled(self.state.my_digits is not None)

    def selected_paths(self) -> list[Path]:
        """The files of the digits selected in the list."""
        if self.mine is None:
            return []
        rows = sorted({i.row() for i in self.mine_list.selectionModel().selectedIndexes()})
        paths = self.mine.folder.paths
        return [Path(paths[int(self.gallery_model.indices[r])]) for r in rows
                if r < len(self.gallery_model.indices)]

    def _edit(self, what, done) -> None:
        """Run one edit of the store; a failure is said once, never raised."""
        store = self.state.my_digits
        if store is None or self.folder is not None:
            return
        try:
            self._message = what(store) or ""
        except (OSError, ValueError) as exc:
            self._message = translate("Evaluation", "Cannot change My digits: {0}").format(exc)
        else:
            if done:
                self._message = done
        self._show_mine_label()
        self.state.my_digits_changed()

    def relabel_selected(self, label: int) -> None:
        paths = self.selected_paths()
        if not paths:
            return

        def what(store):
            for p in paths:
                store.relabel(p, label)
        n = len(paths)
        text = translate("Evaluation", "%n digit(s) relabelled as {0}.", "", n)
        self._edit(what, text.format(label))

    @Slot()
    def delete_selected(self) -> None:
        paths = self.selected_paths()
        if not paths:
            return

        def what(store):
            for p in paths:
                store.delete(p)
        n = len(paths)
        self._edit(what, translate("Evaluation", "%n digit(s) deleted (Ctrl+Z brings them back).", "", n))

    @Slot()
    def undo(self) -> None:
        if self.split != "mine":
            return
        def what(store):
            if not store.can_undo:
                return translate("Evaluation", "Nothing to undo.")
            store.undo()
            return translate("Evaluation", "Undone.")
        self._edit(what, None)

    @Slot()
    def _on_relabel_action(self) -> None:
        act = self.sender()
        if act is not None:
            self.relabel_selected(int(act.data()))

    @Slot()
    def _on_mine_current(self, current, _previous) -> None:
        if current.isValid() and self.mine is not None:
            i = self.gallery_model.data(current, Qt.ItemDataRole.UserRole)
            if i is not None:
                self.select(int(i))
        self._update_mine_buttons()

    @Slot()
    def _on_open_clicked(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self, translate("Evaluation", "Open a folder of digits (DIR/0 … DIR/9)"))
        if path:
            self.open_folder(path)

    def open_folder(self, path) -> None:
        """Show another folder of digits, read-only (None: My digits again)."""
        self.folder = None if path is None else Path(path)
        self.mine = None
        self._mine_failed = False
        self._message = ""
        if self.split != "mine":
            self.split_box.setCurrentIndex(SOURCES.index("mine"))
        else:
            self.run()
        self._show_mine_label()
        self._update_mine_buttons()

    @Slot()
    def _on_merge_clicked(self) -> None:
        folder, store = self.folder, self.state.my_digits
        if folder is None or store is None:
            return
        try:
            added = store.merge_from(folder)
        except (OSError, ValueError) as exc:  # FolderError is a ValueError
            self._message = translate("Evaluation", "Cannot merge: {0}").format(exc)
            self._show_mine_label()
            return
        n = len(added)
        self.folder = None
        self.mine = None
        self._message = translate("Evaluation", "%n digit(s) merged into My digits.", "", n)
        self.state.my_digits_changed()
        self._update_mine_buttons()

    @Slot()
    def _on_export_clicked(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self, translate("Evaluation", "Export My digits into a folder"))
        if path:
            self.export_to(path)

    def export_to(self, path) -> None:
        store = self.state.my_digits
        if store is None:
            return
        try:
            store.export_to(Path(path))
        except (OSError, ValueError) as exc:
            self._message = translate("Evaluation", "Cannot export: {0}").format(exc)
        else:
            self._message = translate("Evaluation", "Exported to {0}.").format(path)
        self._show_mine_label()

    @Slot()
    def _on_finetune_clicked(self) -> None:
        self.state.request_run("finetune")

    @Slot(int)
    def _on_split_changed(self, _i: int) -> None:
        self.page = 0
        self.selected = None
        mine = self.split == "mine"
        self._show_mine_mode(mine)
        self._mine_failed = False
        if mine:
            self._show_mine_label()
            self.run()
        elif self.split in self.stats:
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

    def _show_class(self, k: int) -> None:
        if self.split != "mine":
            self.class_box.setCurrentIndex(k)
            return
        labels = self.gallery_model.labels_in_order()
        rows = np.flatnonzero(labels == k)
        if len(rows):
            index = self.gallery_model.index(int(rows[0]))
            self.mine_list.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.mine_list.scrollTo(index)

    @Slot(int, int, int)
    def _on_mean_clicked(self, tile: int, _r: int, _c: int) -> None:
        self._show_class(tile)

    @Slot(object)
    def _on_counts_clicked(self, event) -> None:
        vb = self.counts_plot.getPlotItem().getViewBox()
        if not vb.sceneBoundingRect().contains(event.scenePos()):
            return
        k = int(np.floor(vb.mapSceneToView(event.scenePos()).x() + 0.5))
        if 0 <= k < 10:
            self._show_class(k)

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

