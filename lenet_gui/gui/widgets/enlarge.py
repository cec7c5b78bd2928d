"""Click-to-enlarge: one tile of a course mosaic in a dialog of its own, following the panel's
frames while it is open."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout

from lenet_gui.gui.widgets.course_heatmap import FONT_PT, CourseHeatmap, fmt

translate = QCoreApplication.translate


class EnlargeDialog(QDialog):
    """One tile of a CourseHeatmap, large, with its own colour bar at the source's levels.
    Non-modal; the owning panel calls `refresh()` after each redraw so it stays live."""

    closed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("PanelCommon", "Enlarged map"))
        self.resize(460, 440)
        self._source: CourseHeatmap | None = None
        self._tile = 0
        self._caption = ""
        lay = QVBoxLayout(self)
        self.caption = QLabel("")
        f = self.caption.font()
        f.setPointSizeF(FONT_PT + 2)
        f.setBold(True)
        self.caption.setFont(f)
        self.caption.setWordWrap(True)
        lay.addWidget(self.caption)
        self.view: CourseHeatmap | None = None
        self._shown_empty: bool | None = None
        self._lay = lay

    @property
    def source(self) -> CourseHeatmap | None:
        return self._source

    @property
    def tile(self) -> int:
        return self._tile

    def show_tile(self, source: CourseHeatmap, tile: int, caption: str) -> None:
        if self.view is None or self.view.signed != source.signed:
            if self.view is not None:
                self._lay.removeWidget(self.view)
                self.view.deleteLater()
            self.view = CourseHeatmap(source.signed, cols=1, describe=self._describe,
                                      min_size=(300, 300))
            self._lay.addWidget(self.view, 1)
        self._source, self._tile, self._caption = source, tile, caption
        self.view.setWhatsThis(source.whatsThis())  # one tile of the panel's view: its text
        self.view._shape = None  # a new tile may have another shape: fit again
        self._shown_empty = None
        self.refresh()
        self.show()
        self.raise_()

    def _describe(self, _tile: int, row: int, col: int, value: float) -> str:
        src = self._source
        if src is None or src.describe is None:
            return fmt(value)
        return src.describe(self._tile, row, col, value)

    def refresh(self) -> None:
        src = self._source
        if src is None or src.maps is None or self.view is None:
            return
        maps = src.maps
        tile = min(self._tile, maps.shape[0] - 1)
        self.view.set_maps(maps[tile][None], levels=src.current_levels)
        empty = src.is_empty(tile)
        if empty != self._shown_empty:
            self._shown_empty = empty
            self.view.set_empty_tiles(np.array([empty]), sub=48)
        lo, hi = src.current_levels
        self.caption.setText(f"{self._caption}\n"
                             + translate("PanelCommon", "colour levels {lo} … {hi} (as in the panel)").format(
                                 lo=fmt(lo), hi=fmt(hi)))

    def closeEvent(self, ev) -> None:  # noqa: N802
        self.closed.emit()
        super().closeEvent(ev)



