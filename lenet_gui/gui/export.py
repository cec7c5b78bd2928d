"""Export: a panel to PNG or SVG, the loss history to CSV. Files are written atomically (a
temporary file in the target directory, then os.replace), so a failed export never leaves a
half-written file behind.

PNG: `QWidget.grab()` of the panel, at the screen's pixel ratio: exactly what is on screen,
captions and colour bars included. SVG: a panel that is one pyqtgraph scene goes through
pyqtgraph's SVGExporter (vectors, images embedded); any other panel is rendered by
QSvgGenerator (PySide6.QtSvg), which records Qt widgets and pyqtgraph plots alike (and is
the fallback when pyqtgraph 0.14's SVGExporter fails on Qt 6.11's path syntax).
"""

from __future__ import annotations

import csv
import io
import math
import os
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QRect, QSize
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QWidget

from lenet_gui.data.atomic import write_atomic
from lenet_gui.train.history import CSV_COLUMNS, TrainingHistory

FORMATS = ("png", "svg")


class ExportError(OSError):
    """An export could not be written; the message names the file."""


def _write_atomic(path: Path, data: bytes) -> Path:
    return write_atomic(path, lambda fh: fh.write(data))


def format_of(path: str | os.PathLike, default: str = "png") -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else default


def single_scene(widget: QWidget) -> pg.GraphicsView | None:
    """The panel's pyqtgraph view when the panel is nothing but that one view."""
    if isinstance(widget, pg.GraphicsView):
        return widget
    return None


def png_bytes(widget: QWidget) -> bytes:
    pixmap = widget.grab()
    if pixmap.isNull():
        raise ExportError("the panel has no picture (is it shown?)")
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    pixmap.save(buf, "PNG")
    return bytes(buf.data())


def svg_bytes(widget: QWidget, title: str = "") -> bytes:
    view = single_scene(widget)
    if view is not None:
        from pyqtgraph.exporters import SVGExporter

        try:
            return bytes(SVGExporter(view.scene()).export(toBytes=True))
        except ValueError:
            # pyqtgraph 0.14's SVGExporter cannot parse the path data Qt 6.11 writes
            # ("x y" pairs, not "x,y"): fall back to Qt's own SVG generator below.
            pass
    size = widget.size()
    if size.isEmpty():
        raise ExportError("the panel has no size (is it shown?)")
    array = QByteArray()
    buf = QBuffer(array)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    gen = QSvgGenerator()
    gen.setOutputDevice(buf)
    gen.setSize(QSize(size))
    gen.setViewBox(QRect(0, 0, size.width(), size.height()))
    gen.setTitle(title or widget.windowTitle() or "LeNet-5 Studio")
    gen.setDescription("LeNet-5 Studio panel export")
    painter = QPainter(gen)
    try:
        if isinstance(widget, pg.GraphicsView):  # QGraphicsView.render: a scene's render
            widget.render(painter)
        else:
            widget.render(painter, QPoint(0, 0))
    finally:
        painter.end()
    buf.close()
    return bytes(array)


def export_widget(widget: QWidget, path: str | os.PathLike, fmt: str | None = None,
                  title: str = "") -> Path:
    """Write `widget` to `path` as PNG or SVG (by `fmt`, else by the suffix)."""
    path = Path(path)
    fmt = fmt or format_of(path)
    if fmt not in FORMATS:
        raise ExportError(f"{path}: unknown picture format {fmt!r} (PNG or SVG)")
    if path.suffix.lower() != "." + fmt:
        path = path.with_name(path.name + "." + fmt)
    try:
        data = png_bytes(widget) if fmt == "png" else svg_bytes(widget, title)
        return _write_atomic(path, data)
    except ExportError as exc:
        raise ExportError(f"{path}: {exc}") from None
    except OSError as exc:
        raise ExportError(f"{path}: {exc.strerror or exc}") from None


def _cell(v) -> str:
    if isinstance(v, int):
        return str(v)
    return "" if not math.isfinite(v) else f"{v:.6g}"


def write_history_csv(history: TrainingHistory, path: str | os.PathLike) -> Path:
    """The loss history as CSV: step, loss, smoothed loss, smoothed accuracy (%), subset
    loss and accuracy (%), whole-test-set loss and accuracy (%) per epoch; empty cells where a
    quantity was not measured (or the step diverged)."""
    path = Path(path)
    if path.suffix.lower() != ".csv":
        path = path.with_name(path.name + ".csv")
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for row in history.csv_rows():
        w.writerow([_cell(v) for v in row])
    try:
        return _write_atomic(path, out.getvalue().encode("utf-8"))
    except OSError as exc:
        raise ExportError(f"{path}: {exc.strerror or exc}") from None
