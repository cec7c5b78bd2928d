"""The only place that creates the QApplication. `run_gui(argv)` opens the main window.

Threads: the GUI thread and the trainer thread share 2 cores. One BLAS thread leaves the
other core to the GUI (mosaic p90 8.7 ms → 3.8 ms in QT_RELIABILITY.md); the environment
variable only works before NumPy is first imported, so it is also set at run time.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import ctypes  # noqa: E402
import glob  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

# The interpreter's switch interval decides how long the GUI thread may wait for the GIL
# while the trainer runs Python code between BLAS calls. Measured on 2 cores with the
# screenshot command (8 s of training, batch 64): see the report in the git log.
SWITCH_INTERVAL_S = float(os.environ.get("LENET_GUI_SWITCH_INTERVAL", "0.002"))


def limit_blas_threads(n: int = 1) -> bool:
    """Set OpenBLAS's thread count even if NumPy was imported before this module."""
    try:
        import numpy

        libs = glob.glob(str(Path(numpy.__file__).parent.parent / "numpy.libs" / "*openblas*"))
    except Exception:  # noqa: BLE001 - best effort
        return False
    for path in libs:
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for name in ("scipy_openblas_set_num_threads64_", "openblas_set_num_threads64_",
                     "openblas_set_num_threads"):
            fn = getattr(lib, name, None)
            if fn is not None:
                fn(ctypes.c_int(n))
                return True
    return False


def create_app(argv: list[str] | None = None):
    """The QApplication (created once), with the app's names set for QSettings."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        limit_blas_threads(int(os.environ.get("OPENBLAS_NUM_THREADS", "1") or 1))
        sys.setswitchinterval(SWITCH_INTERVAL_S)
        app = QApplication(["lenet-gui", *(argv or [])])
        app.setApplicationName("lenet-gui")
        app.setOrganizationName("lenet-gui")
        app.setApplicationDisplayName("LeNet-5 Studio")
    return app


def apply_language(settings=None, language: str | None = None) -> str:
    """Install the translators: `language` if given, else the saved choice, else the
    system's language (Chinese systems get the Chinese interface). Returns the language."""
    from lenet_gui import i18n

    if language is None and settings is not None:
        saved = settings.value(i18n.SETTINGS_KEY)
        language = saved if isinstance(saved, str) and saved in i18n.LANGUAGES else None
    language = i18n.normalise_language(language or i18n.system_language())
    if not i18n.set_language(language):
        i18n.set_language(i18n.DEFAULT_LANGUAGE)
    return i18n.current_language()


def settings_path() -> Path:
    from PySide6.QtCore import QStandardPaths

    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppConfigLocation)
    return Path(base or Path.home() / ".config" / "lenet-gui") / "layout.ini"


def run_gui(argv: list[str] | None = None) -> int:
    from PySide6.QtCore import QSettings

    from lenet_gui.gui.main_window import MainWindow

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
