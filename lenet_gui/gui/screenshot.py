"""The screenshot's Qt part: start the real main window, press Train through its real action,
train while a 10 ms timer probe watches the GUI thread, and grab the window (or one dock).
It works offscreen (QT_QPA_PLATFORM=offscreen) and never touches the user's saved layout."""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from lenet_gui.gui.latency import LatencyStats
from lenet_gui.train import evaluate

DATA_TIMEOUT_S = 120  # MNIST must load within this


@dataclass(frozen=True)
class Shot:
    ready_at: float  # time.perf_counter() when the window's Train action became enabled
    stats: LatencyStats  # the GUI thread's ticks and lateness while it trained
    samples_per_s: float  # training samples/s of the window's trainer, after its warm-up
    counted: tuple[int, int]  # the samples trained when the count began and when it ended
    data: object  # the Dataset the window trained on (the headless trainer reuses it)
    run: str  # "NAME from random weights" (or from a checkpoint)
    first_loss: float  # J of the run's first batch …
    last_loss: float  # … and its smoothed J at the grab
    test_accuracy: float  # the whole test set, evaluated with the run's weights at the grab
    seconds_to_99: float | None  # from Train to the first whole-test-set check at ≥ 99.0 %
    frames: int  # frames drawn (new weights to the panels) from Train to the grab
    train_seconds: float  # the wall time from Train to the grab


def _wait(app, predicate, timeout_s: float) -> bool:
    deadline = time.perf_counter() + timeout_s
    while not predicate():
        if time.perf_counter() > deadline:
            return False
        app.processEvents()
        time.sleep(0.005)
    return True


def take_screenshot(out: Path, *, train_seconds: float, train_config, dock: str | None = None,
                    data_dir=None, weights: str | None | bool = None,
                    size: tuple[int, int] = (1400, 900), language: str = "en",
                    dark: bool = False, warmup_s: float = 0.5) -> Shot:
    """Open the window, train `train_seconds`, save a grab of it (or of `dock`) to `out`.
    `weights`: a checkpoint, None for the shipped weights, False for random ones. The
    training speed is counted from the first report after `warmup_s` of training (the
    helper process starting) to the last; `Shot.counted` says which samples that was, so that
    the headless trainer can be timed over the same batches (train/timing.py: measure_samples_per_s).
    Raises LookupError for an unknown dock, RuntimeError if MNIST does not load, OSError if
    `out` cannot be written."""
    from lenet_gui.data import read_ahead

    read_ahead.start(data_dir)  # as the application does: MNIST is read during the imports
    from lenet_gui.gui.application import apply_language, create_app

    app = create_app([])
    apply_language(language=language)
    if dark:
        from PySide6.QtWidgets import QApplication

        from lenet_gui.gui.theme import dark_palette

        QApplication.setStyle("Fusion")
        QApplication.setPalette(dark_palette())

    from PySide6.QtCore import QEventLoop, QSettings, QTimer

    from lenet_gui.gui.latency import LatencyProbe
    from lenet_gui.gui.window import MainWindow

    with tempfile.TemporaryDirectory(prefix="lenet-gui-shot-") as tmp:
        settings = QSettings(str(Path(tmp) / "layout.ini"), QSettings.Format.IniFormat)
        window = MainWindow(data_dir=data_dir, weights=weights, settings=settings,
                            runs_dir=Path(tmp) / "runs",
                            train_config=train_config)
        try:
            window.resize(*size)
            window.show()
            if dock is not None and dock not in window.docks:
                raise LookupError(f"no dock {dock!r}; choose one of {', '.join(window.docks)}")
            if dock is not None:
                window.dock(dock).show()
                window.dock(dock).raise_()  # a tab behind another would be grabbed stale
            if not _wait(app, window.train_action.isEnabled, DATA_TIMEOUT_S):
                raise RuntimeError("MNIST did not load")
            ready_at = time.perf_counter()  # data and weights in: Train is enabled
            _wait(app, lambda: False, 0.3)  # let the first frame settle
            probe = LatencyProbe(10)
            window.train_action.trigger()  # the real action, as a click would
            t_train = time.perf_counter()
            frames0 = window.frames
            probe.start()
            loop = QEventLoop()
            reached = []
            counted_from: list[tuple[int, float]] = []  # (samples, seconds) after the warm-up

            def watch() -> None:  # the epoch checks of the whole test set, as they come
                p = window.last_payload
                if not counted_from and p is not None and p.train_seconds >= warmup_s:
                    counted_from.append((p.samples, p.train_seconds))
                acc = window.last_test_accuracy
                if not reached and acc is not None and acc >= 0.99 and window.state.run and \
                        not window.state.run.read_only:
                    reached.append(time.perf_counter() - t_train)

            watcher = QTimer()
            watcher.timeout.connect(watch)
            watcher.start(100)
            QTimer.singleShot(int(train_seconds * 1000), loop.quit)
            loop.exec()
            watcher.stop()
            stats = probe.stop()
            frames, trained_for = window.frames - frames0, time.perf_counter() - t_train
            payload = window.last_payload
            samples0, seconds0 = counted_from[0] if counted_from else (0, 0.0)
            rate = ((payload.samples - samples0) / (payload.train_seconds - seconds0)
                    if payload is not None and payload.train_seconds > seconds0 else 0.0)
            app.processEvents()
            target = window if dock is None else window.dock(dock)
            out.parent.mkdir(parents=True, exist_ok=True)
            if not target.grab().save(str(out)):
                raise OSError(f"could not write {out}")
            window.stop_training()
            run = window.state.run
            start = "random weights" if run.start == "random" else run.start
            losses = run.history.column("batch", "loss_smooth")
            first = run.history.column("batch", "loss")
            data = window.state.data
            acc = evaluate(run.to_net(), data.test_images, data.test_labels).accuracy
            summary = (f"{run.name} from {start}", float(first[0]) if first.size else float("nan"),
                       float(losses[-1]) if losses.size else float("nan"), acc,
                       reached[0] if reached else None)
        finally:
            window.close()
            app.processEvents()
    counted = (samples0, payload.samples if payload is not None else samples0)
    return Shot(ready_at, stats, rate, counted, data, *summary, frames, trained_for)
