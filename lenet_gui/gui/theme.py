"""Follow the system's light or dark palette in the pyqtgraph plots: backgrounds, axes, titles
and axis labels take their colours from the widget's QPalette (Base and Text), per widget,
without pyqtgraph's global configuration. The main window applies it when it is built, when a
panel is rebuilt and on every PaletteChange.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from lenet_gui.gui.widgets.heatmap import HeatmapView


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def plot_colours(widget: QWidget | None = None) -> tuple[QColor, QColor]:
    """(background, foreground) of plots in `widget`'s palette."""
    pal = widget.palette() if widget is not None else QApplication.palette()
    return pal.color(QPalette.ColorRole.Base), pal.color(QPalette.ColorRole.Text)


def style_plot_view(view: pg.GraphicsView, background: QColor, foreground: QColor) -> None:
    if not isinstance(view, HeatmapView):  # heatmaps keep their transparent background
        view.setBackground(background)
    fg = foreground.name()
    for item in view.scene().items():
        if isinstance(item, pg.AxisItem):
            item.setPen(foreground)
            item.setTextPen(foreground)
            item.labelStyle = {**item.labelStyle, "color": fg}
            if item.label.toPlainText():
                # Re-render the label in the new colour. Not setLabel(**style): since
                # pyqtgraph 0.14 it takes a missing text for "" and hid every axis's label.
                item._updateLabel()
        elif isinstance(item, pg.LabelItem) and item.text:
            item.setText(item.text, color=fg)
        elif isinstance(item, pg.LegendItem):
            item.setLabelTextColor(foreground)
            for _, label in item.items:
                label.setText(label.text, color=fg)


def apply_plot_palette(root: QWidget) -> None:
    """Style every pyqtgraph view inside `root` (and `root` itself) from its palette."""
    views = root.findChildren(pg.GraphicsView)
    if isinstance(root, pg.GraphicsView):
        views.append(root)
    for view in views:
        background, foreground = plot_colours(view)
        style_plot_view(view, background, foreground)


def _palette(colours: dict, disabled_text: str) -> QPalette:
    """A palette of these colours by role, its disabled texts in `disabled_text`."""
    p = QPalette()
    for r, c in colours.items():
        p.setColor(r, QColor(c))
    for r in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
              QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, r, QColor(disabled_text))
    return p


def dark_palette() -> QPalette:
    """A dark palette (Fusion's colours) for tests and the screenshot's --dark option."""
    role = QPalette.ColorRole
    return _palette({role.Window: "#353535", role.WindowText: "#e8e8e8", role.Base: "#232323",
                     role.AlternateBase: "#2c2c2c", role.ToolTipBase: "#2c2c2c",
                     role.ToolTipText: "#e8e8e8", role.Text: "#e8e8e8", role.Button: "#353535",
                     role.ButtonText: "#e8e8e8", role.BrightText: "#ff5555", role.Link: "#5aa9ff",
                     role.Highlight: "#2a82da", role.HighlightedText: "#ffffff",
                     role.PlaceholderText: "#9a9a9a", role.Mid: "#5a5a5a", role.Dark: "#202020",
                     role.Light: "#505050", role.Midlight: "#454545", role.Shadow: "#101010"},
                    "#7a7a7a")


def high_contrast_palette() -> QPalette:
    """Black on white, a dark blue highlight, black frames: the look when the system prefers
    more contrast, or by hand, and the classroom's presentation (every text at least 7:1
    against its background, WCAG AAA)."""
    role = QPalette.ColorRole
    return _palette({role.Window: "#ffffff", role.WindowText: "#000000", role.Base: "#ffffff",
                     role.AlternateBase: "#f0f0f0", role.ToolTipBase: "#ffffff",
                     role.ToolTipText: "#000000", role.Text: "#000000", role.Button: "#ffffff",
                     role.ButtonText: "#000000", role.BrightText: "#000000", role.Link: "#0000c0",
                     role.Highlight: "#0000a0", role.HighlightedText: "#ffffff",
                     role.PlaceholderText: "#404040", role.Mid: "#000000", role.Dark: "#000000",
                     role.Light: "#ffffff", role.Midlight: "#ffffff", role.Shadow: "#000000"},
                    "#505050")
