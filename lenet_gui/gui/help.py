"""Help: the keyboard shortcuts (a dialog with a table), a short "What am I looking at?" for
each panel naming the course's section and formula, and the About box (version, licences,
MNIST attribution). Texts are marked for lupdate and translated when shown."""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

translate = QCoreApplication.translate


@dataclass(frozen=True)
class PanelHelp:
    section: str  # the course's heading(s), as the course writes them (never a line number)
    formula: str  # the formula the panel shows, in plain Unicode (marked for lupdate when it has words)
    text: str  # what the panel shows, marked with QT_TRANSLATE_NOOP("Help", …)


PANEL_HELP: dict[str, PanelHelp] = {
    "settings": PanelHelp(
        "Gradient Descent 梯度下降算法; LeNet-5 基本概念",
        "θ := θ − α·∂J/∂θ",
        QT_TRANSLATE_NOOP("Help", "The model options (activation f, the sub-sampling of S2 and "
                          "S4, C3's connection table) and the training options: the learning "
                          "rate α and momentum of the update rule, the mini-batch size and the "
                          "number of epochs.")),
    "feature_maps": PanelHelp(
        "LeNet-5 基本概念; Layer INPUT … Layer Softmax",
        "c1⁽ᵏ⁾ᵢⱼ = f(Σᵤᵥ w1⁽ᵏ⁾ᵤᵥ·x₍ᵢ₊₂₊ᵤ,ⱼ₊₂₊ᵥ₎ + b1⁽ᵏ⁾)",
        QT_TRANSLATE_NOOP("Help", "The course's Figure 1 for the probe sample: the input, then "
                          "the feature maps of every layer left to right (C1 6@28×28, S2 "
                          "6@14×14, C3 16@10×10, S4 16@5×5), the C5, F6 and F7 units and the "
                          "softmax output y. Each map has its own colour bar (viridis).")),
    "kernels": PanelHelp(
        "Layer C1; Layer C3; Layer C5",
        QT_TRANSLATE_NOOP("Help", "w3⁽ᵏ˒ᵐ⁾ᵤᵥ = 0 for (k, m) ∉ Cbn"),
        QT_TRANSLATE_NOOP("Help", "The weights: C1's six 5×5 kernels, C3's 16×6 kernels laid "
                          "out as Table 1 (hatched: not connected) and C5's kernels. A diverging "
                          "colour map with symmetric levels: 0 is the neutral colour.")),
    "deltas": PanelHelp(
        "梯度计算的基本原理; Gradient in Layer F7 … Gradient in Layer C1",
        QT_TRANSLATE_NOOP("Help", "δ(u) = δ(f)·f′(u);  δ(w) = δ(u)·input"),
        QT_TRANSLATE_NOOP("Help", "The sensitivities δ of backpropagation for the probe sample: "
                          "δ(u) of every layer and δ(w) of the C1 and C3 kernels, on a "
                          "diverging colour map centred on 0, and each layer's ‖δ(w)‖ over the "
                          "training steps.")),
    "loss": PanelHelp(
        "Cost function; Cross Entropy Loss Function",
        "J = −Σᵢ zᵢ·log yᵢ",
        QT_TRANSLATE_NOOP("Help", "The cost J (cross entropy) of every mini-batch, raw and "
                          "smoothed, and the accuracy: smoothed per batch, on a 1,000-image test "
                          "subset every few hundred batches and on the whole test set after "
                          "each epoch. Hover a curve to read its values.")),
    "canvas": PanelHelp(
        "Layer INPUT; LeNet-5 运行方式",
        QT_TRANSLATE_NOOP("Help", "x: 32×32, background −0.1, ink 1.175;  answer = argmax y"),
        QT_TRANSLATE_NOOP("Help", "Draw a digit: it is prepared the way MNIST was made (cropped, "
                          "fitted into 20×20, centred in 28×28, padded to 32×32) and classified "
                          "by the current weights; the bars are the softmax outputs y.")),
    "architecture": PanelHelp(
        "Layer C1 … Layer F7; Architecture of this Course",
        "C1 156 · C3 1516 · C5 48120 · F6 10164 · F7 850",
        QT_TRANSLATE_NOOP("Help", "LeNet-5 as the course draws it, with the trainable "
                          "parameters and connections of every layer counted as the course "
                          "counts them, and C3's connection table (Table 1). Click a layer to "
                          "select it in every panel.")),
    "stepper": PanelHelp(
        "梯度计算的基本原理; Gradient in Softmax Net … Gradient in Layer C1",
        "δ(f7ᵢ) = −(zᵢ − yᵢ);  θ := θ − α·δ(θ)",
        QT_TRANSLATE_NOOP("Help", "Backpropagation of one sample, step by step in the course's "
                          "order: forward pass, softmax, F7, F6, C5, S4, C3, S2, C1, then the "
                          "update. Click a tile to list the terms of its sum; Check compares it "
                          "with a finite difference.")),
    "confusion": PanelHelp(
        "LeNet-5 运行方式",
        QT_TRANSLATE_NOOP("Help", "answer = argmax y;  error rate = mistakes / 10000"),
        QT_TRANSLATE_NOOP("Help", "The test set classified by the current weights: rows are "
                          "the true digits, columns the predicted ones, with per-class accuracy "
                          "and precision. Click a cell to see its images.")),
    "explorer": PanelHelp(
        "MNIST 手写数字数据集; Layer INPUT",
        QT_TRANSLATE_NOOP("Help", "x = −0.1 + 1.275·byte/255"),
        QT_TRANSLATE_NOOP("Help", "The MNIST images: the count and the mean image of every "
                          "class, pages of images per class, and one image as raw bytes and as "
                          "the network's 32×32 input.")),
    "robustness": PanelHelp(
        "LeNet-5 运行方式",
        QT_TRANSLATE_NOOP("Help", "accuracy(shift, rotation, noise)"),
        QT_TRANSLATE_NOOP("Help", "How the accuracy falls when the test images are shifted, "
                          "rotated or made noisy (not in the course), and what a confidence "
                          "threshold on max y buys.")),
    "feature_space": PanelHelp(
        "Layer C5; Layer F6",
        QT_TRANSLATE_NOOP("Help", "f6 ∈ ℝ⁸⁴ → 2-D projection"),
        QT_TRANSLATE_NOOP("Help", "The test images as points: the outputs of a layer (C5 or F6) "
                          "projected to two dimensions and coloured by the true digit; the probe "
                          "is marked.")),
    "runs": PanelHelp(
        "LeNet-5 基本概念; Layer C3; Gradient Descent 梯度下降算法",
        QT_TRANSLATE_NOOP("Help", "θ := θ − α·∂J/∂θ, from random θ"),
        QT_TRANSLATE_NOOP("Help", "Every training run: one configuration trained from a starting "
                          "point, with its curves. Select two or more to overlay their loss and "
                          "test accuracy; the legend names only what differs. The course's "
                          "questions (Table 1 or a full C3, the sub-sampling, f, f at F7, α) run "
                          "as experiments with the same seed and data.")),
    "distributions": PanelHelp(
        "神经元 Neuron 基本概念; 梯度计算的基本原理; Gradient Descent 梯度下降算法",
        "δ(u) = δ(f)·f′(u);  θ := θ − α·∂J/∂θ",
        QT_TRANSLATE_NOOP("Help", "Histograms over training of the weights w, the activation "
                          "inputs u and the sensitivities δ of every layer (C1 … F7), from 32 "
                          "test images every 50 batches: x is the value, y the batch, the colour "
                          "the share of values in a bin. Below, the diagnoses read from them: "
                          "saturated units (|u| > 2), dead ReLUs, the size of an update against "
                          "the weights, δ vanishing or exploding on its way down to C1, a "
                          "learning rate that is too high; each names the course section of "
                          "the cause, with its formula or term.")),
    "explain": PanelHelp(
        "LeNet-5 基本概念; Layer C1 … Layer Softmax; 梯度计算的基本原理",
        "|∂yₖ/∂x|;  x′ = clip(x + ε·sign(δ(x))),  δ(x) = ∂J/∂x",
        QT_TRANSLATE_NOOP("Help", "Why the network gave its answer for the probe sample x (a "
                          "test image or your drawing). Saliency: how strongly yₖ reacts to "
                          "each pixel (the gradient), and gradient × input. Occlusion: how much "
                          "yₖ drops when a blank patch covers each place. What a unit looks "
                          "for: the input that makes each map or unit of C1, C3, C5, F6 or the "
                          "output largest, and the 9 test images that excite it most. Fool it: "
                          "the smallest change of x, along the sign of the gradient of J (FGSM), "
                          "that changes the answer; or one that makes it a chosen digit k.")),
}

SHORTCUTS: tuple[tuple[str, str], ...] = (  # (key, what), in the order of the Help table
    ("Space", QT_TRANSLATE_NOOP("Help", "Train / Pause / Resume")),
    ("Right", QT_TRANSLATE_NOOP("Help", "Step: train one mini-batch (in the stepper: next "
                                "step)")),
    ("Ctrl+.", QT_TRANSLATE_NOOP("Help", "Stop the training run")),
    ("Ctrl+R", QT_TRANSLATE_NOOP("Help", "New run from random weights")),
    ("Ctrl+O", QT_TRANSLATE_NOOP("Help", "Open a workspace")),
    ("Ctrl+S", QT_TRANSLATE_NOOP("Help", "Save the workspace")),
    ("Ctrl+Shift+O", QT_TRANSLATE_NOOP("Help", "Open weights (a checkpoint)")),
    ("Ctrl+Shift+S", QT_TRANSLATE_NOOP("Help", "Save the weights (a checkpoint)")),
    ("Ctrl+E", QT_TRANSLATE_NOOP("Help", "Export the whole window as PNG or SVG")),
    ("Ctrl+Shift+E", QT_TRANSLATE_NOOP("Help", "Export the loss history as CSV")),
    ("Ctrl+Shift+R", QT_TRANSLATE_NOOP("Help", "Reset the layout")),
    ("Ctrl+1", QT_TRANSLATE_NOOP("Help", "Perspective Train: settings, loss, distributions, "
                                 "feature maps, kernels, δ")),
    ("Ctrl+2", QT_TRANSLATE_NOOP("Help", "Perspective Backprop: the stepper across the window")),
    ("Ctrl+3", QT_TRANSLATE_NOOP("Help", "Perspective Draw: canvas, feature maps, "
                                 "architecture, explanation")),
    ("Ctrl+4", QT_TRANSLATE_NOOP("Help", "Perspective Evaluate: confusion, data explorer, "
                                 "robustness, feature space")),
    ("F1", QT_TRANSLATE_NOOP("Help", "This list of shortcuts")),
    ("Shift+F1", QT_TRANSLATE_NOOP("Help", "What's This? Then click any control, plot or "
                                   "colour bar to have it explained")),
    ("Ctrl+F1", QT_TRANSLATE_NOOP("Help", "What am I looking at? (the focused panel)")),
    ("Ctrl+Q", QT_TRANSLATE_NOOP("Help", "Quit")),
    ("Home / End / Left", QT_TRANSLATE_NOOP("Help", "Stepper: first, last, previous step")),
    ("Ctrl+Z", QT_TRANSLATE_NOOP("Help", "Canvas: undo the last stroke")),
    ("Alt+Left", QT_TRANSLATE_NOOP("Help", "Timeline: the previous recorded snapshot")),
    ("Alt+Right", QT_TRANSLATE_NOOP("Help", "Timeline: the next recorded snapshot")),
    ("Alt+Home", QT_TRANSLATE_NOOP("Help", "Timeline: the first snapshot (the initial weights)")),
    ("Alt+L", QT_TRANSLATE_NOOP("Help", "Timeline: back to the live network")),
)


def shortcut_text(key: str) -> str:
    """A key as the platform writes it ("Ctrl+S", "⌘S"); compound texts as they are."""
    if "/" in key:
        return key
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText) or key


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcuts_dialog")
        self.setWindowTitle(translate("Help", "Keyboard shortcuts"))
        self.table = QTableWidget(len(SHORTCUTS), 2, self)
        self.table.setHorizontalHeaderLabels([translate("Help", "Key"),
                                              translate("Help", "Action")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (key, what) in enumerate(SHORTCUTS):
            self.table.setItem(row, 0, QTableWidgetItem(shortcut_text(key)))
            self.table.setItem(row, 1, QTableWidgetItem(translate("Help", what)))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setToolTip(translate("Help", "Every keyboard shortcut of the window"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table)
        lay.addWidget(buttons)
        self.resize(560, 520)


def panel_help_html(name: str, title: str) -> str:
    h = PANEL_HELP[name]
    text = translate("Help", h.text)
    section = translate("Help", "Course section")
    formula = translate("Help", "Formula")
    shown = translate("Help", h.formula)  # the same text when it has no words
    e = html.escape
    return (f"<h3>{e(title)}</h3><p>{e(text)}</p>"
            f"<p><b>{e(section)}:</b> {e(h.section)}</p>"
            f"<p><b>{e(formula)}:</b> {e(shown)}</p>")


def show_panel_help(parent: QWidget, name: str, title: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Information,
                      translate("Help", "What am I looking at? {0}").format(title), "",
                      QMessageBox.StandardButton.Close, parent)
    box.setObjectName(f"panel_help_{name}")
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(panel_help_html(name, title))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


ABOUT_TEXTS = {
    "what": QT_TRANSLATE_NOOP("Help", "Watch the HHCV course's LeNet-5 learn: feature maps, "
                              "kernels, sensitivities and the loss, live."),
    "licences": QT_TRANSLATE_NOOP("Help", "Licences"),
    "see_license": QT_TRANSLATE_NOOP("Help", "see the LICENSE file"),
    "matplotlib": QT_TRANSLATE_NOOP("Help", "the matplotlib licence (PSF-based)"),
    "data": QT_TRANSLATE_NOOP("Help", "Data"),
    "mnist": QT_TRANSLATE_NOOP("Help", "The MNIST database of handwritten digits, by Y. LeCun, "
                               "C. Cortes and C. J. C. Burges, under the Creative Commons "
                               "Attribution-Share Alike 3.0 licence (CC BY-SA 3.0); see "
                               "resources/mnist/README.md."),
    "paper": QT_TRANSLATE_NOOP("Help", "After Y. LeCun, L. Bottou, Y. Bengio and P. Haffner, "
                               "Gradient-based learning applied to document recognition, 1998."),
}


def about_html() -> str:
    from lenet_gui import __version__

    t = {k: html.escape(translate("Help", v)) for k, v in ABOUT_TEXTS.items()}
    return (f"<h3>LeNet-5 Studio {html.escape(__version__)}</h3>"
            f"<p>{t['what']}</p>"
            f"<p><b>{t['licences']}</b><br>"
            f"LeNet-5 Studio: MIT ({t['see_license']})<br>"
            "Qt / PySide6: LGPL v3<br>"
            "pyqtgraph: MIT<br>"
            "NumPy: BSD 3-Clause<br>"
            f"matplotlib: {t['matplotlib']}</p>"
            f"<p><b>{t['data']}</b><br>{t['mnist']}</p>"
            f"<p>{t['paper']}</p>")


def show_about(parent: QWidget) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName("about_box")
    box.setWindowTitle(translate("Help", "About LeNet-5 Studio"))
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(about_html())
    box.setIcon(QMessageBox.Icon.Information)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
