"""`python main.py screenshot --train-seconds S --out FILE.png [--dock NAME] [--lang zh_CN]
[--dark]`: start the real
main window, press Train through its real action, train for S seconds while a 10 ms timer
probe watches the GUI thread, save a grab of the window (or of one dock) and print

    ui ticks: 97%  p99 lateness: 12 ms  training samples/s: 8400

It works offscreen (QT_QPA_PLATFORM=offscreen) and never touches the user's saved layout.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="lenet-gui screenshot",
                                description="Start the window, train, save a screenshot.")
    p.add_argument("--train-seconds", type=float, default=8.0,
                   help="how long to train before the grab (default 8)")
    p.add_argument("--out", required=True, help="PNG file to write")
    p.add_argument("--dock", default=None,
                   help="grab only this dock (its objectName, e.g. loss, feature_maps)")
    p.add_argument("--batch-size", type=int, default=None, help="mini-batch size")
    p.add_argument("--data", default=None, help="MNIST directory (default: the embedded one)")
    p.add_argument("--weights", default=None,
                   help="checkpoint to start from (default: the shipped weights; 'random')")
    p.add_argument("--size", default="1400x900", help="window size (default 1400x900)")
    p.add_argument("--lang", default="en", choices=("en", "zh_CN"),
                   help="interface language (default en)")
    p.add_argument("--dark", action="store_true", help="use a dark palette")
    p.add_argument("--min-ticks", type=float, default=0.0,
                   help="exit 1 if the UI tick ratio (0-1) falls below this")
    return p


def _wait(app, predicate, timeout_s: float) -> bool:
    deadline = time.perf_counter() + timeout_s
    while not predicate():
        if time.perf_counter() > deadline:
            return False
        app.processEvents()
        time.sleep(0.005)
    return True


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.train_seconds < 0:
        print("lenet-gui screenshot: error: --train-seconds must be >= 0", file=sys.stderr)
        return 2
    try:
        width, height = (int(v) for v in args.size.lower().split("x"))
    except ValueError:
        print(f"lenet-gui screenshot: error: --size must be WxH, got {args.size!r}",
              file=sys.stderr)
        return 2

    from lenet_gui.app import create_app

    app = create_app([])
    from lenet_gui.app import apply_language

    apply_language(language=args.lang)
    if args.dark:
        from PySide6.QtWidgets import QApplication

        from lenet_gui.gui.theme import dark_palette

        QApplication.setStyle("Fusion")
        QApplication.setPalette(dark_palette())

    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from dataclasses import replace

    from lenet_gui.gui.latency import LatencyProbe
    from lenet_gui.gui.main_window import MainWindow
    from lenet_gui.train import TrainConfig

    train = TrainConfig()
    if args.batch_size:
        train = replace(train, batch_size=args.batch_size)
    weights = False if args.weights == "random" else args.weights
    with tempfile.TemporaryDirectory(prefix="lenet-gui-shot-") as tmp:
        settings = QSettings(str(Path(tmp) / "layout.ini"), QSettings.Format.IniFormat)
        window = MainWindow(data_dir=args.data, weights=weights, settings=settings,
                            train_config=train)
        window.resize(width, height)
        window.show()
        if args.dock is not None and args.dock not in window.docks:
            print(f"lenet-gui screenshot: error: no dock {args.dock!r}; choose one of "
                  f"{', '.join(window.docks)}", file=sys.stderr)
            window.close()
            return 2
        if args.dock is not None:
            window.dock(args.dock).show()
            window.dock(args.dock).raise_()  # a tab behind another would be grabbed stale
        if not _wait(app, lambda: window.state.data is not None, 120):
            print("lenet-gui screenshot: error: MNIST did not load", file=sys.stderr)
            window.close()
            return 1
        _wait(app, lambda: False, 0.3)  # let the first frame settle
        probe = LatencyProbe(10)
        window.train_action.trigger()  # the real action, as a click would
        probe.start()
        loop = QEventLoop()
        QTimer.singleShot(int(args.train_seconds * 1000), loop.quit)
        loop.exec()
        stats = probe.stop()
        payload = window.last_payload
        rate = (payload.samples / payload.train_seconds
                if payload is not None and payload.train_seconds > 0 else 0.0)
        app.processEvents()
        target = window if args.dock is None else window.dock(args.dock)
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        ok = target.grab().save(str(out))
        window.close()
        app.processEvents()
    if not ok:
        print(f"lenet-gui screenshot: error: could not write {out}", file=sys.stderr)
        return 1
    print(f"{stats.summary()}  training samples/s: {rate:.0f}")
    return 1 if stats.tick_ratio < args.min_ticks else 0


if __name__ == "__main__":
    raise SystemExit(main())
