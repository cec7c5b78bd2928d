"""Setting up the QApplication: one BLAS thread, the switch interval, the app's names, the
interface language, the settings file. `lenet_gui.app` and the screenshot harness use it.

Threads: the GUI thread and the trainer thread share 2 cores. One BLAS thread leaves the
other core to the GUI (measured: a mosaic's p90 draw time 8.7 ms → 3.8 ms); the environment
variable only works before NumPy is first imported, so it is also set at run time.
"""

from __future__ import annotations

import ctypes
import glob
import os
import sys
from pathlib import Path

# The interpreter's switch interval decides how long the GUI thread may wait for the GIL
# while the trainer runs Python code between BLAS calls (Python's default is 5 ms). 2 ms was
# chosen with the screenshot command's latency probe on 2 cores (8 s of training, batch 64);
# LENET_GUI_SWITCH_INTERVAL sets another value to measure.
SWITCH_INTERVAL_S = float(os.environ.get("LENET_GUI_SWITCH_INTERVAL", "0.002"))


def limit_blas_threads(n: int = 1) -> bool:
    """Set OpenBLAS's thread count even if NumPy was imported before this module: through the
    library NumPy's wheel ships (numpy.libs on Linux and Windows, numpy/.dylibs on macOS),
    else through threadpoolctl. False where neither finds one (a NumPy without OpenBLAS)."""
    try:
        import numpy

        here = Path(numpy.__file__).parent
        libs = [*glob.glob(str(here.parent / "numpy.libs" / "*openblas*")),
                *glob.glob(str(here / ".dylibs" / "*openblas*"))]
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
    try:
        from threadpoolctl import threadpool_info, threadpool_limits

        threadpool_limits(limits=n, user_api="blas")  # kept: never restored
        return any(lib["user_api"] == "blas" for lib in threadpool_info())
    except Exception:  # noqa: BLE001 - best effort, as above
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
    from lenet_gui.gui import i18n

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


