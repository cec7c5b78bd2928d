"""The start-up reference of `screenshot`: the seconds from a fresh Python process's start to an
empty window of the given size on screen, made with the application's own libraries (PySide6
and pyqtgraph, imported as the window imports them) and nothing of lenet_gui.

It runs as a child process (`python -c`), so it pays the same interpreter start and the same
imports as the application does, on the same machine, in the same run."""

from __future__ import annotations

import os
import subprocess
import sys

# Imports PySide6's widgets and pyqtgraph, shows a QMainWindow of W×H holding one (empty)
# pyqtgraph GraphicsLayoutWidget, waits until it is exposed and painted, and prints the process's
# age then (psutil's start time of the process, as `ready:` measures it).
CHILD = r"""
import sys, time
import psutil
from PySide6.QtWidgets import QApplication, QMainWindow
import pyqtgraph as pg
app = QApplication(["lenet-gui-empty"])
w = QMainWindow()
w.setCentralWidget(pg.GraphicsLayoutWidget())
w.resize(int(sys.argv[1]), int(sys.argv[2]))
w.show()
deadline = time.perf_counter() + 30
while not (w.windowHandle() and w.windowHandle().isExposed()) and time.perf_counter() < deadline:
    app.processEvents()
    time.sleep(0.002)
app.processEvents()
print(f"{time.time() - psutil.Process().create_time():.4f}")
"""


def empty_window_seconds(width: int, height: int, timeout: float = 60.0) -> float | None:
    """Seconds from process start to an empty W×H window shown; None where it cannot be
    measured (a frozen app has no `python -c`, or the child failed)."""
    if getattr(sys, "frozen", False):
        return None
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)  # nothing of the project: only the libraries
    try:
        r = subprocess.run([sys.executable, "-c", CHILD, str(width), str(height)],
                           capture_output=True, text=True, timeout=timeout, env=env,
                           stdin=subprocess.DEVNULL)
        return float(r.stdout.strip().splitlines()[-1]) if r.returncode == 0 else None
    except (OSError, subprocess.TimeoutExpired, ValueError, IndexError):
        return None
