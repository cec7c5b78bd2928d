"""Digits as the paper draws them (black ink on white) and a list model of test images, each
captioned "true → predicted  confidence"; one colour per digit class for every panel."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor, QImage, QPixmap

translate = QCoreApplication.translate

# One colour per digit class (Tableau 10), the same in every evaluation panel.
CLASS_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                 "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")


def digit_pixmap(image: np.ndarray, size: int = 56) -> QPixmap:
    """A 28×28 uint8 image as the paper draws it: black ink on white, pixels kept square."""
    ink = np.ascontiguousarray(255 - np.asarray(image, np.uint8))
    h, w = ink.shape
    qimg = QImage(ink.data, w, h, w, QImage.Format.Format_Grayscale8).copy()  # owns its bytes
    return QPixmap.fromImage(qimg.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio,
                                         Qt.TransformationMode.FastTransformation))


class GalleryModel(QAbstractListModel):
    """Images by index, each captioned "true → predicted  confidence": the test set's, or,
    with `names`, files' (My digits); a prediction of −1 (no weights) shows the label alone."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.indices = np.zeros(0, np.intp)
        self._images = None
        self._labels = None
        self._preds = None
        self._conf = None
        self._names: list[str] | None = None
        self._cache: dict[int, QPixmap] = {}

    def set_items(self, indices: np.ndarray, images: np.ndarray, labels: np.ndarray,
                  predictions: np.ndarray, confidence: np.ndarray,
                  names: list[str] | None = None) -> None:
        self.beginResetModel()
        self.indices = np.asarray(indices, np.intp)
        if images is not self._images:
            self._cache.clear()
        self._images, self._labels = images, labels
        self._preds, self._conf = predictions, confidence
        self._names = names
        self.endResetModel()

    def labels_in_order(self) -> np.ndarray:
        """The label of each row."""
        if self._labels is None or not len(self.indices):
            return np.zeros(0, np.intp)
        return np.asarray(self._labels)[self.indices]

    def rowCount(self, parent=QModelIndex()):  # noqa: N802, B008 - Qt's own signature
        return 0 if parent.isValid() else len(self.indices)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.indices):
            return None
        i = int(self.indices[index.row()])
        true, pred, conf = int(self._labels[i]), int(self._preds[i]), float(self._conf[i])
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{true}" if pred < 0 else f"{true} → {pred}\n{conf * 100:.0f} %"
        if role == Qt.ItemDataRole.DecorationRole:
            pm = self._cache.get(i)
            if pm is None:
                pm = self._cache[i] = digit_pixmap(self._images[i], 42)
            return pm
        if role == Qt.ItemDataRole.ToolTipRole and self._names is not None:
            if pred < 0:
                return translate("Evaluation", "{0}: label {1}").format(self._names[i], true)
            return translate("Evaluation", "{0}: label {1}, the network says {2} ({3:.1f} %)"
                             ).format(self._names[i], true, pred, conf * 100)
        if role == Qt.ItemDataRole.ToolTipRole:
            return translate("Evaluation", "Test #{0}: true {1}, predicted {2}, confidence "
                             "{3:.1f} %. Click: make it the probe sample.").format(
                                 i, true, pred, conf * 100)
        if role == Qt.ItemDataRole.ForegroundRole and true != pred and pred >= 0:
            return QColor("#c0392b")
        if role == Qt.ItemDataRole.UserRole:
            return i
        return None
