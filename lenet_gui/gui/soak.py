"""The soak harness: the real window trains for a long time while a digit is drawn on the canvas
every few seconds with real mouse events (and the drawing becomes the probe, then a test image
again); it reports each sample time to the caller and collects every warning Qt, Python's
logging and Python's warnings emit. `lenet-gui soak` drives it and measures the memory."""

from __future__ import annotations

import logging
import math
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field

# Digits as strokes in canvas pixels (280×280), drawn in turn.
STROKES = (
    [[(140, 50), (140, 230)]],  # 1
    [[(70, 55), (205, 55), (175, 120), (140, 185), (120, 240)]],  # 7
    [[(140 + 55 * math.sin(t / 20 * math.pi), 140 - 90 * math.cos(t / 20 * math.pi))
      for t in range(41)]],  # 0
)


@dataclass
class SoakReport:
    minutes: float
    drawings: int = 0
    scrubs: int = 0  # moves to an earlier moment of the timeline
    frames: int = 0
    batches: int = 0
    timeline_snapshots: int = 0  # the run's recorded weights (train/timeline.py)
    timeline_bytes: int = 0  # the memory they hold
    warnings: list[str] = field(default_factory=list)


class _Collect(logging.Handler):
    def __init__(self, sink: list[str]) -> None:
        super().__init__(logging.WARNING)
        self._sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        self._sink.append(f"log {record.name}: {record.getMessage()}")


def _drag(area, points) -> None:
    """A stroke with QTest's real mouse events: press, moves every few pixels, release."""
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtTest import QTest

    pts = []
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        n = max(1, int(math.hypot(x1 - x0, y1 - y0) / 6))
        pts += [(x0 + (x1 - x0) * k / n, y0 + (y1 - y0) * k / n) for k in range(n)]
    pts.append(points[-1])
    qp = [area.to_widget(QPointF(*p)).toPoint() for p in pts]
    QTest.mousePress(area, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, qp[0])
    for q in qp[1:]:
        QTest.mouseMove(area, q)
    QTest.mouseRelease(area, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, qp[-1])


def run_soak(minutes: float, sample_every: float, on_sample: Callable[[float], None],
             draw_every: float = 10.0, epochs: int = 1000) -> SoakReport:
    """Train in the window for `minutes` (a run of `epochs` epochs from random weights), draw
    on the canvas every `draw_every` seconds, call on_sample(elapsed seconds) every
    `sample_every` seconds, then close the window as a user would."""
    from PySide6.QtCore import QEventLoop, QSettings, QTimer, qInstallMessageHandler

    from lenet_gui.gui.application import create_app
    from lenet_gui.gui.state import Probe
    from lenet_gui.gui.window import MainWindow
    from lenet_gui.train import TrainConfig

    report = SoakReport(minutes)
    handler = _Collect(report.warnings)
    logging.getLogger().addHandler(handler)

    def qt_message(kind, _context, message) -> None:
        if "propagateSizeHints" not in message:  # the offscreen plugin's note, not a fault
            report.warnings.append(f"qt {kind.name}: {message}")

    previous = qInstallMessageHandler(qt_message)
    app = create_app([])
    import tempfile

    with tempfile.TemporaryDirectory(prefix="lenet-gui-soak-") as tmp, \
            warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        settings = QSettings(f"{tmp}/layout.ini", QSettings.Format.IniFormat)
        window = MainWindow(weights=False, settings=settings, runs_dir=f"{tmp}/runs",
                            train_config=TrainConfig(epochs=epochs, subset_every=300))
        window.resize(1400, 900)
        window.show()
        deadline = time.monotonic() + 120
        while not window.train_action.isEnabled() and time.monotonic() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        window.train_action.trigger()
        t0 = time.monotonic()
        canvas = window.panel("canvas")
        window.dock("canvas").raise_()

        def draw() -> None:
            strokes = STROKES[report.drawings % len(STROKES)]
            canvas.area.clear()
            for s in strokes:
                _drag(canvas.area, s)
            report.drawings += 1
            if report.drawings % 2 == 0:  # back to a test image as the probe
                window.state.set_probe(Probe.from_test(window.state.data, report.drawings))
            # The timeline in use: every third drawing, scrub to an earlier moment of the run
            # (every view shows it) for 3 s, then back to live.
            run = window.state.run
            if report.drawings % 3 == 0 and run is not None and run.timeline is not None \
                    and len(run.timeline) > 1:
                batches = run.timeline.batches
                if window.state.view_batch(int(batches[report.drawings % len(batches)])):
                    report.scrubs += 1
                    QTimer.singleShot(3000, window.state.back_to_live)

        loop = QEventLoop()
        draw_timer, sample_timer = QTimer(), QTimer()
        draw_timer.timeout.connect(draw)
        sample_timer.timeout.connect(lambda: on_sample(time.monotonic() - t0))
        draw_timer.start(int(draw_every * 1000))
        sample_timer.start(int(sample_every * 1000))
        QTimer.singleShot(int(minutes * 60 * 1000), loop.quit)
        on_sample(0.0)
        loop.exec()
        draw_timer.stop()
        sample_timer.stop()
        on_sample(time.monotonic() - t0)
        report.frames = window.frames
        report.batches = window.state.history.last_step  # trained (the kept history is thinned)
        tl = window.state.timeline
        if tl is not None:
            report.timeline_snapshots, report.timeline_bytes = len(tl), tl.nbytes
        window.close()
        app.processEvents()
        report.warnings += [f"python {w.category.__name__}: {w.message}" for w in caught]
    qInstallMessageHandler(previous)
    logging.getLogger().removeHandler(handler)
    return report
