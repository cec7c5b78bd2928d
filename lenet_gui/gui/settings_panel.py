"""The settings dock: the model options (preset, activation, sub-sampling, C3 table, f at F7)
and the training options (learning rate, momentum, batch size, epochs, augmentation).

The panel only reports what the user asks for; the main window decides (an architecture change
asks before resetting the weights, and calls set_model_config to undo a refusal).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Signal, Slot
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox,
                               QLabel, QSpinBox, QVBoxLayout, QWidget)

from lenet_gui.model import PRESETS, LeNetConfig
from lenet_gui.train import TrainConfig


def _tr(text: str) -> str:
    return QCoreApplication.translate("SettingsPanel", text)


ACTIVATIONS = {  # name -> how the combo shows it
    "lecun": "LeCun: 1.7159·tanh(2u/3)",
    "tanh": "tanh(u)",
    "sigmoid": "sigmoid 1/(1+e⁻ᵘ)",
    "relu": "ReLU max(0, u)",
}
POOLINGS = ("max", "mean", "trainable")


class SettingsPanel(QWidget):
    model_config_requested = Signal(object)  # LeNetConfig the user picked (not yet applied)
    train_config_changed = Signal(object)  # TrainConfig (batch size, epochs, augmentation …)
    learning_rate_changed = Signal(float)  # live
    momentum_changed = Signal(float)  # live

    def __init__(self, model: LeNetConfig | None = None, train: TrainConfig | None = None,
                 parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("settings_panel")
        self._model = model or LeNetConfig()
        self._train = train or TrainConfig()

        self.preset = QComboBox()
        self.preset.addItem(_tr("custom"), None)
        for name in PRESETS:
            self.preset.addItem(_tr(name), name)
        self.preset.setToolTip(_tr("A named model configuration; 'course' is the course's "
                                   "LeNet-5"))
        self.activation = QComboBox()
        for key, text in ACTIVATIONS.items():
            self.activation.addItem(_tr(text), key)
        self.activation.setToolTip(_tr("f, the activation function of every layer"))
        self.pooling = QComboBox()
        for key, text in zip(POOLINGS, (_tr("max-pooling (course)"), _tr("mean-pooling"),
                                        _tr("trainable a·Σ + b (LeNet 1998)"))):
            self.pooling.addItem(text, key)
        self.pooling.setToolTip(_tr("How S2 and S4 sub-sample their 2×2 windows"))
        self.c3 = QComboBox()
        self.c3.addItem(_tr("Table 1 (60 of 96)"), True)
        self.c3.addItem(_tr("full (96 of 96)"), False)
        self.c3.setToolTip(_tr("Which S2 maps each C3 map reads: the course's Table 1 or all"))
        self.f7 = QCheckBox(_tr("f at F7"))
        self.f7.setToolTip(_tr("Apply f to F7 before the softmax, literally as the course "
                               "writes f7 = f(u_f7)"))

        self.lr = QDoubleSpinBox()
        self.lr.setDecimals(4)
        self.lr.setRange(0.0001, 100.0)
        self.lr.setSingleStep(0.005)
        self.lr.setToolTip(_tr("Learning rate α in θ := θ − α·∂J/∂θ (takes effect at once; "
                               "the schedule scales it)"))
        self.momentum = QDoubleSpinBox()
        self.momentum.setDecimals(3)
        self.momentum.setRange(0.0, 0.999)
        self.momentum.setSingleStep(0.05)
        self.momentum.setToolTip(_tr("Momentum μ in v := μ·v − α·∂J/∂θ (takes effect at once)"))
        self.batch_size = QSpinBox()
        self.batch_size.setRange(1, 4096)
        self.batch_size.setToolTip(_tr("Images per mini-batch (applies to the next run)"))
        self.epochs = QSpinBox()
        self.epochs.setRange(1, 1000)
        self.epochs.setToolTip(_tr("Passes over the training set (applies to the next run)"))
        self.augment = QCheckBox(_tr("augmentation"))
        self.augment.setToolTip(_tr("Random affine moves and elastic distortions of the "
                                    "training images (applies to the next run)"))
        self.params_label = QLabel()
        self.params_label.setToolTip(_tr("Trainable parameters of this configuration"))

        model_box = QGroupBox(_tr("Model"))
        form = QFormLayout(model_box)
        form.addRow(_tr("Preset"), self.preset)
        form.addRow(_tr("Activation f"), self.activation)
        form.addRow(_tr("S2/S4"), self.pooling)
        form.addRow(_tr("C3"), self.c3)
        form.addRow("", self.f7)
        form.addRow(self.params_label)
        train_box = QGroupBox(_tr("Training"))
        form = QFormLayout(train_box)
        form.addRow(_tr("Learning rate α"), self.lr)
        form.addRow(_tr("Momentum μ"), self.momentum)
        form.addRow(_tr("Batch size"), self.batch_size)
        form.addRow(_tr("Epochs"), self.epochs)
        form.addRow("", self.augment)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(model_box)
        layout.addWidget(train_box)
        layout.addStretch(1)

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

    # ----------------------------------------------------------------- read / write

    def model_config(self) -> LeNetConfig:
        return self._model

    def train_config(self) -> TrainConfig:
        return self._train

    def set_model_config(self, config: LeNetConfig) -> None:
        """Show `config` without emitting anything (e.g. after a refused change)."""
        self._model = config
        blockers = [QSignalBlocker(w) for w in (self.preset, self.activation, self.pooling,
                                                self.c3, self.f7)]
        self.activation.setCurrentIndex(self.activation.findData(config.activation))
        self.pooling.setCurrentIndex(self.pooling.findData(config.pooling))
        self.c3.setCurrentIndex(0 if config.c3_table else 1)
        self.f7.setChecked(config.f7_activation)
        self.preset.setCurrentIndex(self._preset_index(config))
        del blockers
        from lenet_gui.model import LeNet5

        self.params_label.setText(_tr("{0:,} trainable parameters").format(
            sum(c.params for c in LeNet5(config).layer_counts().values())))

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

    def _preset_index(self, config: LeNetConfig) -> int:
        for i in range(1, self.preset.count()):
            if PRESETS[self.preset.itemData(i)] == replace(config, dtype="float32"):
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
        self.model_config_requested.emit(replace(PRESETS[name], dtype=self._model.dtype))

    @Slot()
    def _on_model_edited(self) -> None:
        self.model_config_requested.emit(self._edited_model())

    @Slot(float)
    def _on_lr_changed(self, value: float) -> None:
        self._train = replace(self._train, learning_rate=value)
        self.learning_rate_changed.emit(value)

    @Slot(float)
    def _on_momentum_changed(self, value: float) -> None:
        self._train = replace(self._train, momentum=value)
        self.momentum_changed.emit(value)

    @Slot()
    def _on_train_edited(self) -> None:
        self._train = replace(self._train, batch_size=self.batch_size.value(),
                              epochs=self.epochs.value(), augment=self.augment.isChecked())
        self.train_config_changed.emit(self._train)
