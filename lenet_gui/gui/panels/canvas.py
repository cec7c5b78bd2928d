"""The canvas panel: draw a digit, see LeNet-5's answer and every preprocessing stage.

The drawing's pixels go through `lenet_gui.data.drawing` (the MNIST recipe) and the network
input is classified with a network of the panel's own holding a copy of the shown weights, on
the GUI thread (well under a millisecond): after each stroke, live while drawing, and again
when new weights arrive. The drawing can be published as the probe of the other panels.
"""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QSize,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QFont, QFontMetrics, QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from lenet_gui.data.drawing import Stages, image_to_ink, preprocess_stages
from lenet_gui.data.preprocess import BACKGROUND, FOREGROUND
from lenet_gui.gui.help import PanelHelp
from lenet_gui.gui.panels._base import Panel, require_gui_thread
from lenet_gui.gui.state import AppState, Probe
from lenet_gui.gui.widgets.bars import ProbabilityBars, percent
from lenet_gui.gui.widgets.drawing_area import CANVAS_SIZE, DEFAULT_WIDTH, MAX_WIDTH, MIN_WIDTH, DrawingArea
from lenet_gui.gui.widgets.fitted_label import FittedLabel
from lenet_gui.gui.widgets.images import PixelImage, colour_qimage, grey_qimage
from lenet_gui.gui.widgets.keys import digit_key
from lenet_gui.model import SnapshotNet

translate = QCoreApplication.translate

LIVE_INTERVAL_MS = 100  # live classification at most 10 times a second




class CanvasPanel(Panel):
    """Draw a digit; see the prediction, the 10 probabilities, the margin between the top two
    and each preprocessing stage. The drawing can become the app's probe sample."""

    name = "canvas"
    title = QT_TRANSLATE_NOOP("MainWindow", "Draw a digit")
    help = PanelHelp(
        "Layer INPUT; LeNet-5 运行方式",
        QT_TRANSLATE_NOOP("Help", "x: 32×32, background −0.1, ink 1.175;  answer = argmax y"),
        QT_TRANSLATE_NOOP("Help", "Draw a digit: it is prepared the way MNIST was made (cropped, "
                          "fitted into 20×20, centred in 28×28, padded to 32×32) and classified "
                          "by the current weights; the bars are the softmax outputs y."))
    reads = frozenset({"snapshot", "runs", "my_digits"})
    default_area = "bottom"
    default_place = ("beside", "loss")
    whats_this = {
        "area": QT_TRANSLATE_NOOP(
            "WhatsThis", "The canvas, 280×280 (ten times MNIST's 28×28): draw a digit with the "
            "left button, erase with the right. The drawing is cropped, fitted into 20×20, "
            "centred by its centre of mass and padded to the 32×32 input x, as MNIST was made "
            "(course: Layer INPUT)."),
        "pen_button": QT_TRANSLATE_NOOP(
            "WhatsThis", "Pen: the left button draws ink (the right button always erases)."),
        "erase_button": QT_TRANSLATE_NOOP("WhatsThis", "Eraser: the left button rubs ink out."),
        "width_slider": QT_TRANSLATE_NOOP(
            "WhatsThis", "The brush width in canvas pixels; ten canvas pixels make one pixel of "
            "the 28×28 image."),
        "undo_button": QT_TRANSLATE_NOOP("WhatsThis", "Undo the last stroke (Ctrl+Z)."),
        "clear_button": QT_TRANSLATE_NOOP("WhatsThis", "Wipe the canvas."),
        "load_button": QT_TRANSLATE_NOOP(
            "WhatsThis", "Put a PNG or JPEG picture of a digit on the canvas (light on dark or dark "
            "on light); it goes through the same preprocessing as a drawing."),
        "live_check": QT_TRANSLATE_NOOP(
            "WhatsThis", "Classify while the stroke is being drawn, up to 10 times a second, "
            "instead of when it ends."),
        "probe_check": QT_TRANSLATE_NOOP(
            "WhatsThis", "Make the drawing the probe sample: the feature maps, the δ heatmaps and "
            "the stepper then show what every layer makes of it."),
        "bars": QT_TRANSLATE_NOOP(
            "WhatsThis", "The softmax output y for the drawing: one bar per digit 0…9, yᵢ = "
            "e^f7ᵢ / Σⱼ e^f7ⱼ, summing to 100 %. The answer is argmax y (course: LeNet-5 运行方式), "
            "drawn in the accent colour."),
        "stage_images.*": QT_TRANSLATE_NOOP(
            "WhatsThis", "One preprocessing stage of the drawing, left to right: as drawn, "
            "cropped to its ink, fitted into 20×20, centred by its centre of mass in 28×28, and "
            "the network input x: 32×32, background −0.1, ink 1.175 (course: Layer INPUT)."),
        "label_box": QT_TRANSLATE_NOOP(
            "WhatsThis", "The digit you drew, as you say it: the label it is kept under in My "
            "digits. Keys 0–9 on the canvas choose it and add the drawing at once."),
        "add_button": QT_TRANSLATE_NOOP(
            "WhatsThis", "Keep the drawing in My digits, your own data set (one PNG per digit, "
            "folders 0…9 in your data folder), as the 28×28 image the network reads after "
            "cropping, fitting and centring. The Data explorer shows them; the network can be "
            "evaluated and fine-tuned on them."),
        "add_undo_button": QT_TRANSLATE_NOOP(
            "WhatsThis", "Take the last added digit out of My digits again."),
        "explain_button": QT_TRANSLATE_NOOP(
            "WhatsThis", "Makes the drawing the probe sample x and opens the Explain panel: which "
            "pixels make y of the answer large (saliency, occlusion) and how small a change of x "
            "makes the network say another digit."),
    }

    classified = Signal(object)  # (10,) probabilities, or None (empty canvas / no weights)

    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(state, parent)
        self.stages: Stages | None = None
        self.probs: np.ndarray | None = None
        self.classify_count = 0
        self._last_live = 0.0
        self._added = None  # what the last add (or undo) did, for its confirmation line

        self.area = DrawingArea(self)
        # 100, not the sheet's 120: the row of My digits' controls takes the difference, so
        # the dock's smallest height (the first layout on a 720-pixel screen) stays as it was
        self.area.setMinimumSize(100, 100)
        self.area.stroke_moved.connect(self._on_stroke_moved)
        self.area.stroke_started.connect(self._on_stroke_started)
        self.area.changed.connect(self._on_changed)

        # tools
        self.pen_button = QToolButton(checkable=True, checked=True)
        self.erase_button = QToolButton(checkable=True)
        group = QButtonGroup(self)
        group.setExclusive(True)
        group.addButton(self.pen_button)
        group.addButton(self.erase_button)
        self.erase_button.toggled.connect(self._on_erase_toggled)
        self.width_label = QLabel()
        self.width_slider = QSlider(Qt.Orientation.Horizontal)
        self.width_slider.setRange(MIN_WIDTH, MAX_WIDTH)
        self.width_slider.setValue(DEFAULT_WIDTH)
        self.width_slider.setMinimumWidth(60)
        self.width_slider.valueChanged.connect(self._on_width)
        self.undo_button = QToolButton()
        self.undo_button.clicked.connect(self.area.undo)
        self.clear_button = QToolButton()
        self.clear_button.clicked.connect(self.area.clear)
        self.load_button = QToolButton()
        self.load_button.clicked.connect(self.open_file_dialog)
        for b in (self.pen_button, self.erase_button, self.undo_button, self.clear_button,
                  self.load_button):
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            b.setAutoRaise(False)
        self.live_check = QCheckBox()
        self.probe_check = QCheckBox(checked=True)
        self.probe_check.toggled.connect(self._on_probe_toggled)
        self._undo_shortcut = QShortcut(QKeySequence.StandardKey.Undo, self, self.area.undo)
        self._undo_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        # My digits: the drawing kept under the label the student gives (never the answer's)
        self.label_caption = QLabel()
        self.label_box = QComboBox()
        self.label_box.addItems(["–"] + [str(k) for k in range(10)])
        self.label_caption.setBuddy(self.label_box)
        self.label_box.currentIndexChanged.connect(self._update_add_button)
        self.add_button = QPushButton()
        self.add_button.setObjectName("add_to_my_digits")
        self.add_button.clicked.connect(self._on_add_clicked)
        self.add_undo_button = QToolButton()
        self.add_undo_button.clicked.connect(self.undo_add)
        self.add_undo_button.setEnabled(False)
        # 0–9 while the canvas has the focus: label and add (a filter, not QShortcuts: a
        # digit is a plain key that the focused widget sees first)
        self.area.installEventFilter(self)

        self.explain_button = QPushButton()  # the drawing becomes the probe, Explain is shown
        self.explain_button.setObjectName("send_to_explain")
        self.explain_button.clicked.connect(self.send_to_explain)
        tools1 = QHBoxLayout()
        tools1.setSpacing(4)
        for w in (self.pen_button, self.erase_button, self.width_label):
            tools1.addWidget(w)
        tools1.addWidget(self.width_slider, 1)
        tools1.addWidget(self.explain_button)
        tools2 = QHBoxLayout()
        tools2.setSpacing(4)
        for w in (self.undo_button, self.clear_button, self.load_button):
            tools2.addWidget(w)
        tools2.addSpacing(6)
        tools2.addWidget(self.live_check)
        tools2.addWidget(self.probe_check)
        tools2.addStretch(1)
        tools3 = QHBoxLayout()
        tools3.setSpacing(4)
        tools3.addWidget(self.label_caption)
        tools3.addWidget(self.label_box)
        tools3.addWidget(self.add_button)
        tools3.addWidget(self.add_undo_button)
        tools3.addStretch(1)

        # the answer
        self.caption_label = QLabel()
        # The answer's texts wrap where there is room and give way where there is not: as
        # wrapped QLabels they took their lines from the probability bars in a short dock.
        self.model_label = FittedLabel()  # which run's weights classify the drawing
        self._net_of: tuple | None = None  # (run id, its params, the net) of a saved run
        self._shown_net = SnapshotNet()  # the state's snapshot: live, or the moment viewed
        self.digit_label = QLabel("–")
        f = QFont(self.font())
        f.setPointSizeF(max(32.0, f.pointSizeF() * 4.4))
        f.setBold(True)
        self.digit_label.setFont(f)
        self.digit_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.digit_label.setMinimumWidth(QFontMetrics(f).horizontalAdvance("8") + 16)
        self.confidence_label = FittedLabel()
        self.margin_label = FittedLabel()  # wraps only in a narrow dock
        self.status_label = FittedLabel()
        self.bars = ProbabilityBars()

        answer_text = QVBoxLayout()
        answer_text.setSpacing(2)
        answer_text.addStretch(1)
        answer_text.addWidget(self.caption_label)
        answer_text.addWidget(self.model_label)
        answer_text.addWidget(self.confidence_label)
        answer_text.addWidget(self.margin_label)
        answer_text.addStretch(1)
        answer = QHBoxLayout()
        answer.addWidget(self.digit_label)
        answer.addLayout(answer_text, 1)

        right = QVBoxLayout()
        right.setSpacing(4)
        right.addLayout(answer)
        right.addWidget(self.bars, 1)
        right.addStretch(1)

        left = QVBoxLayout()
        left.setSpacing(4)
        left.addWidget(self.area, 1)
        left.addLayout(tools1)
        left.addLayout(tools2)
        left.addLayout(tools3)
        # under the tools, not under the bars: the two columns then need about the same height,
        # and the dock at its smallest overlaps nothing
        left.addWidget(self.status_label)

        top = QHBoxLayout()
        top.addLayout(left, 3)
        top.addLayout(right, 2)
        self._top = top

        # the stages
        self.stage_images = [PixelImage() for _ in range(5)]
        self.stage_captions = [QLabel() for _ in range(5)]
        stages = QGridLayout()
        stages.setHorizontalSpacing(6)
        stages.setVerticalSpacing(1)
        for i, (img, cap) in enumerate(zip(self.stage_images, self.stage_captions)):
            cap.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            cap.setWordWrap(True)
            stages.addWidget(img, 0, i)
            stages.addWidget(cap, 1, i)
            stages.setColumnStretch(i, 1)
        stages.setRowStretch(0, 1)
        self.stages_box = QWidget()
        self.stages_box.setLayout(stages)
        self.stages_box.setFixedHeight(self._stages_height(420, 480))
        stages.setContentsMargins(0, 0, 0, 0)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        outer.setSpacing(6)
        outer.addLayout(top, 3)
        outer.addWidget(self.stages_box, 1)
        self._outer = outer

        self._live_timer = QTimer(self)
        self._live_timer.setSingleShot(True)
        self._live_timer.timeout.connect(self._on_live_timer)

        self.retranslate()
        self._show_result()

    def _captions_height(self, panel_width: int) -> int:
        """The stage captions' height: a name over a size, each on one line where it fits the
        column (else on two)."""
        column = panel_width // len(self.stage_captions) - 6
        fm = QFontMetrics(self.font())
        lines = max(sum(1 if fm.horizontalAdvance(part) <= column else 2
                        for part in (c.text() or "\n").split("\n"))
                    for c in self.stage_captions)
        return lines * fm.lineSpacing() + 4

    def _stages_height(self, panel_height: int, panel_width: int) -> int:
        """The stage strip: about a seventh of the panel, plus its captions."""
        return int(np.clip(panel_height * 0.15, 50, 170)) + self._captions_height(panel_width)

    def _strip_share(self) -> int:
        """The height the stage strip takes from the panel while it is shown."""
        return self.stages_box.height() + self._outer.spacing() \
            if self.stages_box.isVisibleTo(self) else 0

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        # The strip is shown only where there is room for it (resizeEvent): the panel's
        # minimum is that of the canvas, its tools and the answer, so a short dock (the first
        # layout on a 720-pixel screen) keeps them whole instead of growing the window.
        hint = super().minimumSizeHint()
        return QSize(hint.width(), hint.height() - self._strip_share())

    def resizeEvent(self, ev) -> None:  # noqa: N802
        self._fit_stages(ev.size())
        super().resizeEvent(ev)

    def _fit_stages(self, size: QSize) -> None:
        """The strip takes its share of the height, or what the rest leaves it; it hides where
        even its smallest images (PixelImage's 40 pixels) and their captions do not fit."""
        margins = self._outer.contentsMargins()
        room = size.height() - margins.top() - margins.bottom() \
            - self._top.minimumSize().height() - self._outer.spacing()
        strip = min(self._stages_height(size.height(), size.width()), room)
        self.stages_box.setFixedHeight(max(strip, 0))
        self.stages_box.setVisible(strip >= 40 + self._captions_height(size.width()))

    # --- text -------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.area.setAccessibleName(translate("Canvas", "Drawing canvas"))
        self.bars.setAccessibleName(translate("Canvas", "Probabilities y of the ten digits"))
        self.pen_button.setText(translate("Canvas", "Pen"))
        self.pen_button.setToolTip(translate("Canvas", "Draw with the left button (the right button "
                                               "always erases)"))
        self.erase_button.setText(translate("Canvas", "Erase"))
        self.erase_button.setToolTip(translate("Canvas", "Rub out with the left button"))
        self.undo_button.setText(translate("Canvas", "Undo"))
        self.undo_button.setToolTip(translate("Canvas", "Undo the last stroke (Ctrl+Z)"))
        self.clear_button.setText(translate("Canvas", "Clear"))
        self.clear_button.setToolTip(translate("Canvas", "Wipe the canvas"))
        self.load_button.setText(translate("Canvas", "Load…"))
        self.load_button.setToolTip(translate("Canvas", "Put a PNG or JPEG picture of a digit on the "
                                                "canvas (light-on-dark or dark-on-light)"))
        self.width_slider.setToolTip(translate("Canvas", "Brush width in canvas pixels (the canvas is "
                                                 "280×280, ten times MNIST's 28×28)"))
        self.live_check.setText(translate("Canvas", "Live"))
        self.live_check.setToolTip(translate("Canvas", "Classify while drawing, up to 10 times a "
                                               "second"))
        self.probe_check.setText(translate("Canvas", "Use as probe"))
        self.probe_check.setToolTip(translate("Canvas", "Show the drawing in the feature-map, δ and "
                                                "stepper panels"))
        self.explain_button.setText(translate("Canvas", "Send to Explain"))
        self.explain_button.setToolTip(translate("Canvas", "Make the drawing the probe and show "
                                                 "the Explain panel"))
        # Alt+B: Alt+L is the Language menu's
        self.label_caption.setText(translate("Canvas", "La&bel"))
        self.label_box.setToolTip(translate("Canvas", "The digit you drew (keys 0–9 on the "
                                            "canvas choose it and add the drawing)"))
        self.label_box.setAccessibleName(translate("Canvas", "Label of the drawing"))
        self.label_box.setItemText(0, translate("Canvas", "–"))
        self.add_button.setText(translate("Canvas", "Add to my digits"))
        self.add_button.setToolTip(translate("Canvas", "Keep the drawing, under its label, in "
                                             "My digits (or press its key, 0–9, on the canvas)"))
        self.add_button.setAccessibleName(translate("Canvas", "Add to my digits"))
        self.add_undo_button.setText(translate("Canvas", "Undo add"))
        self.add_undo_button.setToolTip(translate("Canvas", "Take the last added digit out of "
                                                  "My digits again"))
        self.add_undo_button.setAccessibleName(translate("Canvas", "Undo add"))
        self._show_added()
        self.area.hint = translate("Canvas", "Draw a digit here (0–9)")
        self.caption_label.setText(translate("Canvas", "LeNet-5 says"))
        self.model_label.setToolTip(translate("Canvas", "The run whose weights classify the "
                                              "drawing: the best one unless you choose another "
                                              "(Runs panel: Use for the canvas)"))
        self._show_model()
        names = [translate("Canvas", "drawn"), translate("Canvas", "cropped"), translate("Canvas", "fit into 20×20"),
                 translate("Canvas", "centred"), translate("Canvas", "network input")]
        self._stage_names = names
        self._on_width(self.width_slider.value())
        self._show_stages()
        self._show_result()
        self._fit_stages(self.size())  # the captions may need another number of lines

    # --- slots ------------------------------------------------------------------------
    @Slot(int)
    def _on_width(self, v: int) -> None:
        self.area.brush_width = v
        self.width_label.setText(QCoreApplication.translate("Canvas", "Width %n", "", v))
        self.area.update()

    @Slot(bool)
    def _on_erase_toggled(self, on: bool) -> None:
        self.area.erase_mode = on

    @Slot(bool)
    def _on_probe_toggled(self, on: bool) -> None:
        if on and self.stages is not None:
            self._publish_probe()
        self._show_result()

    @Slot()
    def _on_changed(self) -> None:
        """A stroke ended, or undo / clear / load: classify and (maybe) publish the probe."""
        self._live_timer.stop()
        self.classify(publish=True)

    @Slot()
    def _on_stroke_started(self) -> None:
        if self._added is not None:  # the next digit: the confirmation has been read
            self._added = None
            self._show_result()

    @Slot()
    def _on_stroke_moved(self) -> None:
        if not self.live_check.isChecked() or self._live_timer.isActive():
            return
        wait = LIVE_INTERVAL_MS - (time.monotonic() - self._last_live) * 1000
        if wait <= 0:
            self._on_live_timer()
        else:
            self._live_timer.start(int(wait) + 1)

    @Slot()
    def _on_live_timer(self) -> None:
        self._last_live = time.monotonic()
        self.classify(publish=False)

    # --- the work ---------------------------------------------------------------------
    def refresh(self) -> None:
        """New weights or another model (the base calls this only while the panel is
        visible): classify the drawing again; the probe stays as it is."""
        self._update_add_button()
        if not self.changed_topics - {"my_digits"}:
            return  # only My digits changed (a store came, or a digit went)
        self._show_model()
        if self.stages is None:
            return
        self._run_net()
        self._show_result()

    def _show_model(self) -> None:
        run = self.state.canvas_model()
        if self.state.viewing is not None and self.state.run is not None:
            self.model_label.setText(translate("Canvas", "model: {0} at batch {1:,}").format(
                self.state.run.name, self.state.viewing))
            return
        if run is None:
            self.model_label.setText("")
            return
        best = run.best_test_accuracy
        self.model_label.setText(translate("Canvas", "model: {0}").format(run.name) + (
            "" if best is None or run.read_only else f" ({best * 100:.2f} %)"))

    def model_net(self):
        """The canvas's network: the best run's weights (or the one chosen), the live weights
        when that is the run being trained, the viewed snapshot while the timeline is viewed."""
        run = self.state.canvas_model()
        if run is None or run is self.state.run or self.state.viewing is not None:
            # our own copy of the latest weights, or of the moment of the timeline viewed
            return self._shown_net.of(self.state.snapshot)
        if self._net_of is None or self._net_of[0] != run.id or self._net_of[1] is not run.params:
            self._net_of = (run.id, run.params, run.to_net())
        return self._net_of[2]

    def shutdown(self) -> None:
        self._live_timer.stop()

    # --- my digits --------------------------------------------------------------------
    @Slot()
    def _update_add_button(self, _i: int = 0) -> None:
        store = self.state.my_digits
        self.add_button.setEnabled(store is not None and self.stages is not None
                                   and self.label_box.currentIndex() > 0)

    def eventFilter(self, obj, ev) -> bool:  # noqa: N802
        if obj is self.area and ev.type() == QEvent.Type.KeyPress:
            k = digit_key(ev)
            if k is not None:
                self.label_box.setCurrentIndex(k + 1)
                self.add_to_my_digits(k)
                return True
        return super().eventFilter(obj, ev)

    @Slot()
    def _on_add_clicked(self) -> None:
        k = self.label_box.currentIndex() - 1
        if k >= 0:
            self.add_to_my_digits(k)

    def add_to_my_digits(self, label: int):
        """Keep the drawing as the 28×28 image the network reads (cropped, fitted, centred:
        the MNIST recipe), under `label`, in the state's store; then wipe the canvas for the
        next digit. The file's path, or None (nothing drawn, no store, or a write failed: the
        panel says why)."""
        store = self.state.my_digits
        self._added = None
        if store is None or self.stages is None:
            self._added = ("error", translate("Canvas", "Draw a digit first.")
                           if store is not None else translate("Canvas", "No My digits folder."))
            self._show_added()
            return None
        image = np.clip(np.rint(self.stages.centred * 255.0), 0, 255).astype(np.uint8)
        try:
            path = store.add(image, int(label))
        except (OSError, ValueError) as exc:
            self._added = ("error", translate("Canvas", "Cannot add the digit: {0}").format(exc))
            self._show_added()
            return None
        n = int(sum(store.counts()))
        self._added = ("added", int(label), n)
        self.add_undo_button.setEnabled(True)
        self.area.clear()
        self.label_box.setCurrentIndex(0)
        self.area.setFocus()
        self._show_added()
        self.state.my_digits_changed()
        return path

    @Slot()
    def undo_add(self) -> None:
        """The last digit added (here or in the Data explorer's edits: the store has one undo
        history) is taken back."""
        store = self.state.my_digits
        if store is None:
            return
        try:
            store.undo()
        except LookupError:
            self._added = None  # nothing left to undo
        except (OSError, ValueError) as exc:
            self._added = ("error", translate("Canvas", "Cannot undo: {0}").format(exc))
        else:
            self._added = ("undone", int(sum(store.counts())))
        self.add_undo_button.setEnabled(False)
        self._show_added()
        self.state.my_digits_changed()

    def added_text(self) -> str:
        """The confirmation of the last add or undo (or why it failed), or ""."""
        a = self._added
        if a is None:
            return ""
        if a[0] == "added":
            return translate("Canvas", "Added as {0} ({1} digits)").format(a[1], a[2])
        if a[0] == "undone":
            return translate("Canvas", "Taken back ({0} digits)").format(a[1])
        return a[1]

    def _show_added(self) -> None:
        """The confirmation takes the status line until the next stroke."""
        self._show_result()
        self._update_add_button()

    def classify(self, publish: bool = True) -> np.ndarray | None:
        """Preprocess the sheet, run the network, update the view; the probabilities or None."""
        require_gui_thread("CanvasPanel.classify")
        self.stages = preprocess_stages(self.area.pixels())
        self._run_net()
        self._show_stages()
        self._show_result()
        self._update_add_button()
        if publish and self.stages is not None and self.probe_check.isChecked():
            self._publish_probe()
        self.classified.emit(self.probs)
        return self.probs

    def _run_net(self) -> None:
        self.probs = None
        if self.stages is None:
            return
        net = self.model_net()
        if net is None:
            return
        y = net.forward(self.stages.x)["y"][0]
        self.probs = np.asarray(y, np.float64)
        self.classify_count += 1

    @Slot()
    def send_to_explain(self) -> None:
        """The drawing becomes the probe (even with "Use as probe" off) and the Explain dock is
        shown: two intents to the state, which the window carries out."""
        if self.stages is None:
            self.status_label.setText(translate("Canvas", "Draw a digit first."))
            return
        self._publish_probe()
        self.state.request_dock("explain")

    def _publish_probe(self) -> None:
        self.state.set_probe(Probe.from_input(self.stages.x, None, "drawing"))

    def _show_result(self) -> None:
        self.bars.set_probs(self.probs)
        self.status_label.setStyleSheet("")
        if self.stages is None:
            self.digit_label.setText("–")
            self.confidence_label.setText(translate("Canvas", "No prediction: the canvas is empty."))
            self.margin_label.setText("")
            self.status_label.setText(translate("Canvas", "Draw a digit, or load a picture of one."))
            self._show_added_status()
            return
        if self.probs is None:
            self.digit_label.setText("?")
            self.confidence_label.setText(translate("Canvas", "No weights yet."))
            self.margin_label.setText("")
            self.status_label.setText(translate("Canvas", "Train the network or open a checkpoint."))
            return
        order = np.argsort(self.probs)[::-1]
        k, second = int(order[0]), int(order[1])
        p1, p2 = self.probs[k] * 100, self.probs[second] * 100
        self.digit_label.setText(str(k))
        self.confidence_label.setText(translate("Canvas", "%1 sure").replace("%1", percent(p1 / 100)))
        margin = p1 - p2
        self.margin_label.setText(
            translate("Canvas", "margin over %1: %2 points").replace("%1", str(second))
            .replace("%2", ">99.9" if 99.95 <= margin < 100 else f"{margin:.1f}"))
        self.status_label.setText(translate("Canvas", "Probe of the other panels.")
                                  if self.probe_check.isChecked() else "")
        self._show_added_status()

    def _show_added_status(self) -> None:
        text = self.added_text()
        if text:
            self.status_label.setText(text)
            self.status_label.setStyleSheet("color: #c0392b;" if self._added[0] == "error"
                                            else "color: #1e8449;")

    def _show_stages(self) -> None:
        s = self.stages
        names = self._stage_names
        if s is None:
            sizes = ["", "", "", "28×28", "32×32"]
            for img, cap, name, size in zip(self.stage_images, self.stage_captions, names, sizes):
                img.set_image(None)
                cap.setText(f"{name}\n{size}")
            return
        h, w = s.cropped.shape
        fh, fw = s.fitted.shape
        images = [
            (grey_qimage(s.drawn), True, f"{names[0]}\n{s.drawn.shape[1]}×{s.drawn.shape[0]}"),
            (grey_qimage(s.cropped), False, f"{names[1]}\n{w}×{h}"),
            (grey_qimage(s.fitted20), False, f"{names[2]}\n{fw}×{fh}"),
            (grey_qimage(s.centred), False, f"{names[3]}\n28×28"),
            (colour_qimage(s.x[0, 0], (BACKGROUND, FOREGROUND)), False,
             f"{names[4]}\n32×32"),
        ]
        for widget, cap, (image, smooth, text) in zip(self.stage_images, self.stage_captions,
                                                      images):
            widget.set_image(image, smooth)
            cap.setText(text)

    # --- files ------------------------------------------------------------------------
    @Slot()
    def open_file_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, translate("Canvas", "Load a picture of a digit"), "",
            translate("Canvas", "Images (*.png *.jpg *.jpeg *.bmp);;All files (*)"))
        if path:
            self.load_file(path)

    def load_file(self, path: str) -> bool:
        """Put a picture on the canvas; False (and a message in the panel) if unreadable."""
        image = QImage(path)
        if image.isNull():
            self.status_label.setText(translate("Canvas", "Cannot read %1 as an image.").replace(
                "%1", str(path)))
            self.status_label.setStyleSheet("color: #c0392b;")
            return False
        if max(image.width(), image.height()) > 4 * CANVAS_SIZE:  # a photo: shrink it first
            image = image.scaled(4 * CANVAS_SIZE, 4 * CANVAS_SIZE,
                                 Qt.AspectRatioMode.KeepAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)
        image = image.convertToFormat(QImage.Format.Format_RGBA8888)
        w, h = image.width(), image.height()
        bpl = image.bytesPerLine()
        rgba = np.frombuffer(image.constBits(), np.uint8, count=bpl * h).reshape(h, bpl)
        rgba = rgba[:, : 4 * w].reshape(h, w, 4).astype(np.float32) / 255.0
        ink = image_to_ink(rgba)
        if not ink.any():
            self.status_label.setText(translate("Canvas", "%1 looks blank: no digit found.").replace(
                "%1", str(path)))
            self.status_label.setStyleSheet("color: #c0392b;")
            return False
        self.area.set_pixels(ink)
        return True
