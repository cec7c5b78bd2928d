"""The "Fine-tune on my digits" dialog: from which run, which layers stay as they are (C1…C5,
with a "keep the course's features" preset), the share of MNIST mixed into every batch, the
share of each class held out to measure on, and the epochs. It only asks; the runs make the
run (window/runs.py: RunsController.fine_tune)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from lenet_gui.train.finetune import FEATURES, RECOMMENDED
from lenet_gui.train.runs import Run

translate = QCoreApplication.translate

FREEZABLE = ("c1", "s2", "c3", "s4", "c5", "f6")  # F7 always learns: it gives the answer


@dataclass(frozen=True)
class FineTuneChoice:
    """What the dialog asked for."""
    run: Run  # the weights the new run starts from
    freeze: tuple[str, ...]  # layers kept bit for bit
    mix_mnist: float  # share of MNIST in each batch, 0 … 0.9
    holdout: float  # share of each class held out, 0 … 0.9
    epochs: int


class FineTuneDialog(QDialog):
    """Choose how to fine-tune; `choice()` after it was accepted."""

    def __init__(self, runs: list[Run], current: Run | None, n_digits: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("finetune_dialog")
        self.setWindowTitle(translate("FineTune", "Fine-tune on my digits"))
        self._runs = list(runs)
        intro = QLabel(translate(
            "FineTune", "A new run starts from a run's weights and trains on your {0} digits. "
            "Part of each class is held out and never trained on: the result shows the accuracy "
            "on those, and on MNIST's test set (what the network forgot), before → after.")
            .format(n_digits))
        intro.setWordWrap(True)

        self.run_box = QComboBox()
        for r in self._runs:
            self.run_box.addItem(r.name)
        if current in self._runs:
            self.run_box.setCurrentIndex(self._runs.index(current))
        self.run_box.setAccessibleName(translate("FineTune", "Start from the run"))

        self.freeze_checks = {}
        freeze_row = QHBoxLayout()
        for layer in FREEZABLE:
            box = QCheckBox(layer.upper())
            box.setChecked(layer in RECOMMENDED["freeze"])
            box.setToolTip(translate("FineTune", "Keep {0}'s weights exactly as they are").format(
                layer.upper()))
            box.setAccessibleName(translate("FineTune", "Freeze {0}").format(layer.upper()))
            self.freeze_checks[layer] = box
            freeze_row.addWidget(box)
        freeze_row.addStretch(1)
        self.features_button = QPushButton(translate("FineTune", "Keep the course's features"))
        self.features_button.setToolTip(translate(
            "FineTune", "Freeze C1…C5, the feature extractor: only F6 and F7, the classifier, "
            "are taught"))
        self.features_button.clicked.connect(self.keep_features)
        self.all_button = QPushButton(translate("FineTune", "Train every layer"))
        self.all_button.clicked.connect(self.train_all)
        presets = QHBoxLayout()
        presets.addWidget(self.features_button)
        presets.addWidget(self.all_button)
        presets.addStretch(1)
        freeze_box = QVBoxLayout()
        freeze_box.addLayout(freeze_row)
        freeze_box.addLayout(presets)

        self.mix_spin = self._percent(int(round(RECOMMENDED["mix_mnist"] * 100)), 0, 90)
        self.mix_spin.setToolTip(translate(
            "FineTune", "The share of every batch taken from MNIST's training set, so that the "
            "network does not forget MNIST"))
        self.holdout_spin = self._percent(30, 0, 90)
        self.holdout_spin.setToolTip(translate(
            "FineTune", "The share of each class kept aside, never trained on, to measure the "
            "result on"))
        self.epochs_spin = QSpinBox()
        self.epochs_spin.setRange(1, 500)
        self.epochs_spin.setValue(int(RECOMMENDED["epochs"]))
        self.epochs_spin.setToolTip(translate("FineTune", "Passes over your digits"))

        form = QFormLayout()
        form.addRow(translate("FineTune", "&Start from:"), self.run_box)
        form.addRow(translate("FineTune", "Freeze:"), freeze_box)
        form.addRow(translate("FineTune", "&MNIST mixed in:"), self.mix_spin)
        form.addRow(translate("FineTune", "&Held out:"), self.holdout_spin)
        form.addRow(translate("FineTune", "&Epochs:"), self.epochs_spin)
        for w, name in ((self.mix_spin, translate("FineTune", "MNIST mixed in")),
                        (self.holdout_spin, translate("FineTune", "Held out")),
                        (self.epochs_spin, translate("FineTune", "Epochs"))):
            w.setAccessibleName(name)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(translate("FineTune", "Fine-tune"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            translate("FineTune", "Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button.setEnabled(bool(self._runs))

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)

    @staticmethod
    def _percent(value: int, lo: int, hi: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(lo, hi)
        spin.setSingleStep(10)
        spin.setSuffix(" %")
        spin.setValue(value)
        return spin

    @Slot()
    def keep_features(self) -> None:
        for layer, box in self.freeze_checks.items():
            box.setChecked(layer in FEATURES)

    @Slot()
    def train_all(self) -> None:
        for box in self.freeze_checks.values():
            box.setChecked(False)

    def choice(self) -> FineTuneChoice:
        return FineTuneChoice(
            run=self._runs[self.run_box.currentIndex()],
            freeze=tuple(k for k, box in self.freeze_checks.items() if box.isChecked()),
            mix_mnist=self.mix_spin.value() / 100, holdout=self.holdout_spin.value() / 100,
            epochs=self.epochs_spin.value())
