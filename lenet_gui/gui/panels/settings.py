"""The settings dock: the model options (preset, activation, sub-sampling, C3 table, f at F7)
and the training options (learning rate, momentum, batch size, epochs, augmentation).

The panel shows the state's training configuration and the snapshot's model configuration and
sends the user's edits to the state: training options at once (learning rate and momentum are
live), a model change as a request that the window decides on (it asks before new weights).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSignalBlocker, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from lenet_gui.gui import whats_this
from lenet_gui.gui.help import PanelHelp
from lenet_gui.gui.panels._base import Panel
from lenet_gui.gui.widgets.scroll import VerticalScroll
from lenet_gui.model import PRESETS, LeNetConfig
from lenet_gui.model.options import (
    ACTIVATION,
    C3,
    FLOAT32,
    LECUN,
    MAX,
    MEAN,
    POOLING,
    RELU,
    SIGMOID,
    TANH,
    TRAINABLE,
)
from lenet_gui.train import TrainConfig


def _row(first, second) -> QHBoxLayout:
    """Two widgets in one row of a form, the second after a gap."""
    row = QHBoxLayout()
    row.addWidget(first, 1)
    row.addSpacing(8)
    row.addWidget(second)
    return row

translate = QCoreApplication.translate
# A narrow dock puts a field under its label instead of cutting it: the forms need ~310
# pixels side by side, too wide beside the feature maps and the δ column on a 1280-pixel screen.
WRAP = QFormLayout.RowWrapPolicy.WrapLongRows


def _tr(text: str) -> str:
    """Translate a string marked with QT_TRANSLATE_NOOP("SettingsPanel", …)."""
    return translate("SettingsPanel", text)


# How the combo boxes show each option of options.py, keyed by the option's key (the options
# and their order come from there).
ACTIVATIONS = {
    LECUN: QT_TRANSLATE_NOOP("SettingsPanel", "LeCun: 1.7159·tanh(2u/3)"),
    TANH: "tanh(u)",
    SIGMOID: QT_TRANSLATE_NOOP("SettingsPanel", "sigmoid 1/(1+e⁻ᵘ)"),
    RELU: "ReLU max(0, u)",
}
POOLINGS = {
    MAX: QT_TRANSLATE_NOOP("SettingsPanel", "max-pooling (course)"),
    MEAN: QT_TRANSLATE_NOOP("SettingsPanel", "mean-pooling"),
    TRAINABLE: QT_TRANSLATE_NOOP("SettingsPanel", "trainable a·Σ + b (LeNet 1998)"),
}
C3_TABLES = {
    True: QT_TRANSLATE_NOOP("SettingsPanel", "Table 1 (60 of 96)"),
    False: QT_TRANSLATE_NOOP("SettingsPanel", "full (96 of 96)"),
}
# The names of lenet_gui.model.PRESETS, marked for lupdate (the combo shows _tr(name)).
PRESET_NAMES = (QT_TRANSLATE_NOOP("SettingsPanel", "course"),
                QT_TRANSLATE_NOOP("SettingsPanel", "course, f at F7"),
                QT_TRANSLATE_NOOP("SettingsPanel", "LeNet-5 1998"),
                QT_TRANSLATE_NOOP("SettingsPanel", "modern"))


class SettingsPanel(Panel):
    name = "settings"
    title = QT_TRANSLATE_NOOP("MainWindow", "Settings")
    help = PanelHelp(
        "Gradient Descent 梯度下降算法; LeNet-5 基本概念",
        "θ := θ − α·∂J/∂θ",
        QT_TRANSLATE_NOOP("Help", "The model options (activation f, the sub-sampling of S2 and "
                          "S4, C3's connection table) and the training options: the learning "
                          "rate α and momentum of the update rule, the mini-batch size and the "
                          "number of epochs."))
    reads = frozenset({"train_config", "snapshot"})
    default_area = "left"
    whats_this = {
        "preset": QT_TRANSLATE_NOOP(
            "WhatsThis", "A named model configuration. \"course\" is the course's LeNet-5 (f = "
            "1.7159·tanh(2u/3), max-pooling in S2 and S4, C3 with Table 1, F7 linear into the "
            "softmax); \"course, f at F7\" applies f at F7 as the course writes it; \"LeNet-5 "
            "1998\" uses the paper's trainable sub-sampling a·Σ + b."),
        "activation": QT_TRANSLATE_NOOP(
            "WhatsThis", "The activation function f of every layer's neurons, y = f(Σ w·x + b) "
            "(course: 神经元 Neuron 基本概念). Backpropagation multiplies δ by f′(u) at each "
            "layer: the sigmoid's f′ ≤ ¼ makes δ vanish on the way down to C1."),
        "pooling": QT_TRANSLATE_NOOP(
            "WhatsThis", "How S2 and S4 sub-sample each 2×2 window: max-pooling (the course's "
            "choice: s2 = max of the window, and δ goes back through the mask msk1/msk3 to its "
            "first maximum), mean-pooling (¼·Σ), or LeNet 1998's trainable f(a·Σ + b)."),
        "c3": QT_TRANSLATE_NOOP(
            "WhatsThis", "Which S2 maps each C3 map reads: the course's Table 1 (60 of the 96 "
            "pairs; w3⁽ᵏ˒ᵐ⁾ = 0 for (k, m) ∉ Cbn, 1,516 parameters) or all 96 pairs (2,416 "
            "parameters). Course: Layer C3."),
        "f7": QT_TRANSLATE_NOOP(
            "WhatsThis", "Apply f at F7 before the softmax, f7 = f(u_f7), literally as the course "
            "writes it. Off by default: a bounded f caps the softmax output at y ≤ 0.775, so J ≥ "
            "0.255 even for a perfect answer, and the gradient never stops pushing."),
        "lr": QT_TRANSLATE_NOOP(
            "WhatsThis", "The learning rate α (学习速率) of the update rule θ := θ − α·∂J/∂θ "
            "(course: Gradient Descent 梯度下降算法). It takes effect at once; the warm-up and "
            "the schedule scale it during a run."),
        "momentum": QT_TRANSLATE_NOOP(
            "WhatsThis", "The momentum μ of the update: v := μ·v − α·∂J/∂θ, θ := θ + v. Not in "
            "the course, whose plain gradient descent is μ = 0; it takes effect at once."),
        "batch_size": QT_TRANSLATE_NOOP(
            "WhatsThis", "Images per mini-batch. The course's J is per sample; training averages "
            "J over a mini-batch, so each update uses the batch's mean δ(θ). Applies to the next "
            "run."),
        "epochs": QT_TRANSLATE_NOOP(
            "WhatsThis", "How many passes over the training images a run makes. Applies to the "
            "next run."),
        "augment": QT_TRANSLATE_NOOP(
            "WhatsThis", "Random affine moves and elastic distortions of the training images, so "
            "the network sees more varied digits (not in the course). Applies to the next run."),
        "decay_label": QT_TRANSLATE_NOOP(  # also its tooltip
            "WhatsThis", "Training minimises J + λ/2·Σw²: each step also takes α·λ·w off every "
            "weight w, which keeps the weights small. The stepper's update shows the course's "
            "plain θ := θ − α·∂J/∂θ."),
    }

    def __init__(self, state, parent=None) -> None:
        super().__init__(state, parent)
        self._model = state.snapshot.config if state.snapshot is not None else LeNetConfig()
        self._train = state.train_config

        self.preset = QComboBox()
        self.preset.addItem("", None)
        for name in PRESETS:
            self.preset.addItem("", name)
        self.activation = QComboBox()
        for key in ACTIVATION.keys:
            self.activation.addItem("", key)
        self.pooling = QComboBox()
        for key in POOLING.keys:
            self.pooling.addItem("", key)
        self.c3 = QComboBox()
        for key in C3.keys:
            self.c3.addItem("", key)
        for combo in (self.preset, self.activation, self.pooling, self.c3):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.f7 = QCheckBox()
        self.lr = QDoubleSpinBox()
        self.lr.setDecimals(4)
        self.lr.setRange(0.0001, 100.0)
        self.lr.setSingleStep(0.005)
        self.momentum = QDoubleSpinBox()
        self.momentum.setDecimals(3)
        self.momentum.setRange(0.0, 0.999)
        self.momentum.setSingleStep(0.05)
        self.batch_size = QSpinBox()
        self.batch_size.setRange(1, 4096)
        self.epochs = QSpinBox()
        self.epochs.setRange(1, 1000)
        self.augment = QCheckBox()
        self.params_label = QLabel()
        self.decay_label = QLabel()  # the weight decay training uses (not editable here)

        self.row_labels = {k: QLabel() for k in ("preset", "activation", "pooling", "c3", "lr",
                                                  "momentum", "batch_size", "epochs")}
        self.model_box = QGroupBox()
        form = QFormLayout(self.model_box)
        form.setRowWrapPolicy(WRAP)
        for key in ("preset", "activation", "pooling", "c3"):
            form.addRow(self.row_labels[key], getattr(self, key))
        # The parameter count over the F7 option: side by side they set the dock's minimum
        # width (~300 px), too wide beside the feature maps and δ on a 1280-pixel screen. (A
        # wrapping label there was cut: QFormLayout gives a spanning row one line.)
        form.addRow(self.params_label)
        form.addRow(self.f7)
        self.train_box = QGroupBox()
        form = QFormLayout(self.train_box)
        form.setRowWrapPolicy(WRAP)
        for key in ("lr", "momentum", "batch_size"):
            form.addRow(self.row_labels[key], getattr(self, key))
        form.addRow(self.row_labels["epochs"], _row(self.epochs, self.augment))
        form.addRow(self.decay_label)
        form_column = QWidget()
        column = QVBoxLayout(form_column)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.model_box)
        column.addWidget(self.train_box)
        column.addStretch(1)
        # The two forms stand about 360 pixels tall: in a shorter dock they scroll.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(VerticalScroll(form_column))
        self.retranslate()

        self.set_model_config(self._model)
        self.set_train_config(self._train)
        self.preset.currentIndexChanged.connect(self._on_preset_changed)
        for w in (self.activation, self.pooling, self.c3):
            w.currentIndexChanged.connect(self._on_model_edited)
        self.f7.toggled.connect(self._on_model_edited)
        self.lr.valueChanged.connect(self._on_lr_changed)
        self.momentum.valueChanged.connect(self._on_momentum_changed)
        self.batch_size.valueChanged.connect(self._on_train_edited)
        self.epochs.valueChanged.connect(self._on_train_edited)
        self.augment.toggled.connect(self._on_train_edited)

    def retranslate(self) -> None:
        """Every text of the panel in the current language (also on LanguageChange)."""
        self.preset.setItemText(0, translate("SettingsPanel", "custom"))
        for i in range(1, self.preset.count()):
            self.preset.setItemText(i, _tr(self.preset.itemData(i)))
        self.preset.setToolTip(translate("SettingsPanel", "A named model configuration; "
                                         "'course' is the course's LeNet-5"))
        for i in range(self.activation.count()):
            self.activation.setItemText(i, _tr(ACTIVATIONS[self.activation.itemData(i)]))
        self.activation.setToolTip(translate("SettingsPanel", "f, the activation function of "
                                             "every layer"))
        for i in range(self.pooling.count()):
            self.pooling.setItemText(i, _tr(POOLINGS[self.pooling.itemData(i)]))
        self.pooling.setToolTip(translate("SettingsPanel", "How S2 and S4 sub-sample their "
                                          "2×2 windows"))
        for i in range(self.c3.count()):
            self.c3.setItemText(i, _tr(C3_TABLES[bool(self.c3.itemData(i))]))
        self.c3.setToolTip(translate("SettingsPanel", "Which S2 maps each C3 map reads: the "
                                     "course's Table 1 or all"))
        self.f7.setText(translate("SettingsPanel", "f at F7"))
        f7_tip = translate("SettingsPanel", "Apply f to F7 before the softmax, literally as "
                           "the course writes f7 = f(u_f7). Off by default: a bounded f caps the "
                           "probabilities (with 1.7159·tanh, y ≤ 0.775, so J ≥ 0.255 even for a "
                           "perfectly classified image) and the gradient never stops pushing; "
                           "without it y can reach 1.")
        self.f7.setToolTip(f7_tip)
        self.lr.setToolTip(translate("SettingsPanel", "Learning rate α in θ := θ − α·∂J/∂θ "
                                     "(takes effect at once; the schedule scales it)"))
        self.momentum.setToolTip(translate("SettingsPanel", "Momentum μ in v := μ·v − α·∂J/∂θ "
                                           "(takes effect at once)"))
        self.batch_size.setToolTip(translate("SettingsPanel", "Images per mini-batch (applies "
                                             "to the next run)"))
        self.epochs.setToolTip(translate("SettingsPanel", "Passes over the training set "
                                         "(applies to the next run)"))
        self.augment.setText(translate("SettingsPanel", "augmentation"))
        self.augment.setToolTip(translate("SettingsPanel", "Random affine moves and elastic "
                                          "distortions of the training images (applies to the "
                                          "next run)"))
        self.params_label.setToolTip(translate("SettingsPanel", "Trainable parameters of this "
                                               "configuration"))
        self.model_box.setTitle(translate("SettingsPanel", "Model"))
        self.train_box.setTitle(translate("SettingsPanel", "Training"))
        texts = {"preset": translate("SettingsPanel", "Preset"),
                 "activation": translate("SettingsPanel", "Activation f"),
                 "pooling": translate("SettingsPanel", "S2/S4"),
                 "c3": translate("SettingsPanel", "C3"),
                 "lr": translate("SettingsPanel", "Learning rate α"),
                 "momentum": translate("SettingsPanel", "Momentum μ"),
                 "batch_size": translate("SettingsPanel", "Batch size"),
                 "epochs": translate("SettingsPanel", "Epochs")}
        for key, text in texts.items():
            self.row_labels[key].setText(text)
            self.row_labels[key].setToolTip(getattr(self, key).toolTip())
        for combo in (self.preset, self.activation, self.pooling, self.c3):
            # As wide as its longest item: a narrow dock then puts it under its label
            # (WRAP) instead of cutting its text (a combo's own minimum is 30 pixels).
            combo.setMinimumWidth(combo.sizeHint().width())
        self._show_params()
        self._show_decay()

    def refresh(self) -> None:
        if "train_config" in self.changed_topics:
            self.set_train_config(self.state.train_config)
        snap = self.state.snapshot
        if "snapshot" in self.changed_topics and snap is not None and snap.config != self._model:
            self.set_model_config(snap.config)

    def _show_params(self) -> None:
        from lenet_gui.model import LeNet5

        self.params_label.setText(translate("SettingsPanel", "{0:,} trainable parameters").format(
            sum(c.params for c in LeNet5(self._model).layer_counts().values())))

    # ----------------------------------------------------------------- read / write

    def model_config(self) -> LeNetConfig:
        return self._model

    def train_config(self) -> TrainConfig:
        return self._train

    def set_model_config(self, config: LeNetConfig) -> None:
        """Show `config` without emitting anything."""
        self._model = config
        blockers = [QSignalBlocker(w) for w in (self.preset, self.activation, self.pooling,
                                                self.c3, self.f7)]
        self.activation.setCurrentIndex(self.activation.findData(config.activation))
        self.pooling.setCurrentIndex(self.pooling.findData(config.pooling))
        self.c3.setCurrentIndex(C3.index(config.c3_table))
        self.f7.setChecked(config.f7_activation)
        self.preset.setCurrentIndex(self._preset_index(config))
        del blockers
        self._show_params()

    def set_train_config(self, config: TrainConfig) -> None:
        self._train = config
        blockers = [QSignalBlocker(w) for w in (self.lr, self.momentum, self.batch_size,
                                                self.epochs, self.augment)]
        self.lr.setValue(config.learning_rate)
        self.momentum.setValue(config.momentum)
        self.batch_size.setValue(config.batch_size)
        self.epochs.setValue(config.epochs)
        self.augment.setChecked(config.augment)
        del blockers
        self._show_decay()

    def _show_decay(self) -> None:
        wd = self._train.weight_decay
        self.decay_label.setText(translate("SettingsPanel", "Weight decay λ = {0:g} (on w)").format(wd))
        self.decay_label.setToolTip(whats_this.text(self, "decay_label"))

    def _preset_index(self, config: LeNetConfig) -> int:
        for i in range(1, self.preset.count()):
            if PRESETS[self.preset.itemData(i)] == replace(config, dtype=FLOAT32):
                return i
        return 0

    # ----------------------------------------------------------------- edits

    def _edited_model(self) -> LeNetConfig:
        return replace(self._model, activation=self.activation.currentData(),
                       pooling=self.pooling.currentData(), c3_table=bool(self.c3.currentData()),
                       f7_activation=self.f7.isChecked())

    @Slot(int)
    def _on_preset_changed(self, index: int) -> None:
        name = self.preset.itemData(index)
        if name is None:
            return
        self._request_model(replace(PRESETS[name], dtype=self._model.dtype))

    @Slot()
    def _on_model_edited(self) -> None:
        self._request_model(self._edited_model())

    def _request_model(self, config: LeNetConfig) -> None:
        """Ask for another architecture. It needs new weights, so the window decides at once
        (it asks the user); then the panel shows what the state holds: the new architecture,
        or, refused, the one it had."""
        self.state.request_model_config(config)
        snap = self.state.snapshot
        self.set_model_config(snap.config if snap is not None else self._model)

    @Slot(float)
    def _on_lr_changed(self, value: float) -> None:
        self._train = replace(self._train, learning_rate=value)
        self.state.set_train_config(self._train)

    @Slot(float)
    def _on_momentum_changed(self, value: float) -> None:
        self._train = replace(self._train, momentum=value)
        self.state.set_train_config(self._train)

    @Slot()
    def _on_train_edited(self) -> None:
        self._train = replace(self._train, batch_size=self.batch_size.value(),
                              epochs=self.epochs.value(), augment=self.augment.isChecked())
        self.state.set_train_config(self._train)
