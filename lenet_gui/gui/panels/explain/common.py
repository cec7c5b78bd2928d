"""What the Explain panel's sections share: a class selector, and the probe drawn as the paper
draws a digit. Their background jobs run through gui/jobs.py's JobRunner on the "explain"
pool."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QComboBox, QWidget

from lenet_gui.data.preprocess import BACKGROUND, FOREGROUND
from lenet_gui.notation import sub, sup

translate = QCoreApplication.translate


class ClassCombo(QComboBox):
    """The class k: "the predicted class" or a digit 0–9."""

    def __init__(self, with_predicted: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.with_predicted = with_predicted
        if with_predicted:
            self.addItem("", None)
        for d in range(10):
            self.addItem(str(d), d)
        self.retranslate()

    def retranslate(self) -> None:
        if self.with_predicted:
            self.setItemText(0, translate("Explain", "predicted"))

    def value(self) -> int | None:
        return self.currentData()

    def set_value(self, k: int | None) -> None:
        self.setCurrentIndex(self.findData(k))


def input_qimage(x: np.ndarray) -> QImage:
    """A network input (32×32, background −0.1, ink 1.175) as the paper draws a digit: dark
    ink on white; values outside the input range are clipped for display only."""
    from lenet_gui.gui.widgets.images import grey_qimage

    a = np.asarray(x, np.float32).reshape(32, 32)
    return grey_qimage((a - BACKGROUND) / (FOREGROUND - BACKGROUND))


def prediction(y: np.ndarray) -> tuple[int, float]:
    """The answer argmax y and its probability."""
    k = int(np.argmax(y))
    return k, float(y[k])


__all__ = ["ClassCombo", "decade", "input_qimage", "prediction", "sub", "times_ten"]


def decade(m: float) -> int:
    """The power of ten e with 1 ≤ m / 10^e < 10 (0 for m ≤ 0 or not finite): a map's values
    are shown divided by 10^e, so the colour bar's numbers stay readable, and the caption
    says "×10^e"."""
    if not np.isfinite(m) or m <= 0:
        return 0
    return int(np.floor(np.log10(m)))


def times_ten(e: int) -> str:
    """" (×10⁻⁵)" for e = −5, "" for e = 0."""
    return "" if e == 0 else f" (×10{sup(e)})"
