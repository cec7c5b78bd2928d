"""The main window and its parts: actions, docks, files."""

from lenet_gui.gui.window.main_window import MainWindow

__all__ = ["MainWindow"]
