"""Help: the keyboard shortcuts (a dialog with a table), the "What am I looking at?" of a
panel naming the course's section and formula (each panel declares its PanelHelp on its class),
and the About box (version, licences, MNIST attribution). Texts are marked for lupdate and
translated when shown."""

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
    """What a panel shows, for "What am I looking at?" (Ctrl+F1) and its What's This."""
    section: str  # the course's heading(s), as the course writes them (never a line number)
    formula: str  # the formula the panel shows, in plain Unicode (marked for lupdate when it has words)
    text: str  # what the panel shows, marked with QT_TRANSLATE_NOOP("Help", …)


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
    ("Ctrl+5", QT_TRANSLATE_NOOP("Help", "Perspective Learn: the Labs dock beside the panels "
                                 "its steps are about")),
    ("F11", QT_TRANSLATE_NOOP("Help", "Presentation (classroom mode); Esc or F11 leaves")),
    ("Page Down / Page Up", QT_TRANSLATE_NOOP("Help", "Presentation: the next, the previous "
                                              "lab step (the stepper's, when it has the focus)")),
    ("F6", QT_TRANSLATE_NOOP("Help", "The keyboard focus into the next panel")),
    ("Shift+F6", QT_TRANSLATE_NOOP("Help", "The keyboard focus into the previous panel")),
    ("Ctrl++", QT_TRANSLATE_NOOP("Help", "Larger text (also Ctrl+=)")),
    ("Ctrl+-", QT_TRANSLATE_NOOP("Help", "Smaller text")),
    ("Ctrl+0", QT_TRANSLATE_NOOP("Help", "The system's text size again")),
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


def panel_help_html(h: PanelHelp, title: str) -> str:
    text = translate("Help", h.text)
    section = translate("Help", "Course section")
    formula = translate("Help", "Formula")
    shown = translate("Help", h.formula)  # the same text when it has no words
    e = html.escape
    return (f"<h3>{e(title)}</h3><p>{e(text)}</p>"
            f"<p><b>{e(section)}:</b> {e(h.section)}</p>"
            f"<p><b>{e(formula)}:</b> {e(shown)}</p>")


def show_panel_help(parent: QWidget, name: str, h: PanelHelp, title: str) -> QMessageBox:
    """The panel `name`'s help in a message box (closed by the user, then deleted)."""
    box = QMessageBox(QMessageBox.Icon.Information,
                      translate("Help", "What am I looking at? {0}").format(title), "",
                      QMessageBox.StandardButton.Close, parent)
    box.setObjectName(f"panel_help_{name}")
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(panel_help_html(h, title))
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
