"""The application's entry: `run_gui(argv)` creates the QApplication (gui/application.py)
and opens the main window. OPENBLAS_NUM_THREADS is set before NumPy is first imported."""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import sys  # noqa: E402


def run_gui(argv: list[str] | None = None) -> int:
    from lenet_gui.data import read_ahead

    read_ahead.start()  # MNIST is read while the window's libraries are imported
    from PySide6.QtCore import QSettings

    from lenet_gui.gui.application import apply_language, create_app, settings_path
    from lenet_gui.gui.window import MainWindow

    app = create_app(argv)
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    apply_language(settings)
    window = MainWindow(settings=settings)
    window.show()
    _close_on_sigint(window)
    return app.exec()


def _close_on_sigint(window) -> None:
    """Ctrl+C in the terminal closes the window (stopping the trainer, saving the layout).
    Python runs signal handlers only between bytecodes, so a timer wakes it now and then."""
    import signal

    from PySide6.QtCore import QTimer

    signal.signal(signal.SIGINT, lambda *_: window.close())
    timer = QTimer(window)
    timer.start(250)
    timer.timeout.connect(window.winId)  # any cheap bound call lets Python check signals


def main(argv: list[str] | None = None) -> int:
    return run_gui(sys.argv[1:] if argv is None else argv)
