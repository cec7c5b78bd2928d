"""The main window and its parts: actions, docks, files."""

from .main_window import MainWindow

__all__ = ["MainWindow"]
