"""The look of the evaluation plots: 9-point fonts, black axes on white, percentages with an
en dash for "no value"."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFont


def font(points: float = 9, bold: bool = False) -> QFont:
    f = QFont()
    f.setPointSizeF(points)
    f.setBold(bold)
    return f


def pct(v: float, digits: int = 1) -> str:
    return "–" if not np.isfinite(v) else f"{v * 100:.{digits}f} %"


def black_axes(plot: pg.PlotItem) -> None:
    """Black bottom and left axes with 9-point tick labels (the plots sit on white)."""
    for name in ("bottom", "left"):
        ax = plot.getAxis(name)
        ax.setTextPen("k")
        ax.setPen("k")
        ax.setTickFont(font(9))
