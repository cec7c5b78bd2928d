"""`lenet-gui screenshot --train-seconds S --out FILE.png [--dock NAME] [--lang zh_CN]
[--dark]`: start the real window, train for S seconds and save a grab of it
(lenet_gui.gui.screenshot), then time the same batches without a window. It prints
`ready: 1.2 s (empty window: 0.5 s, ratio 2.4)` first (the reference: an empty window of the
same size with the same libraries, in a fresh process of the same run);
`frames: 12 in 8.0 s (1.5 a second)` second to last (the window's frames: new weights and
reports, drawn by every shown panel); and `ui ticks: 96%  p99 lateness: 18 ms  training
samples/s: 7100  headless: 8400 (before 8300, after 8500)  gui/headless: 85%` last: the
headless speed is the mean of two runs over the same batches as the window's count, one
before the window and one after it."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from lenet_gui.commands._common import (
    EXIT_ERROR,
    CliError,
    UsageError,
    load_data,
    load_weights,
    process_age,
)

WARMUP_S = 0.5  # the window's first seconds of training are not counted: the helper starts
# The headless run before the window trains this much longer than the window will, so that it
# covers the window's count (it would not if the window trained more than ~15 % faster).
BEFORE_MARGIN_S = 1.5


def add_parser(sub):
    p = sub.add_parser("screenshot", help="start the window, train, save a screenshot",
                       description="Measure the training speed without a window, start the "
                       "window, train, save a screenshot, and measure the speed without a "
                       "window again.")
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


def _window_model_config(weights: str | None):
    """The LeNetConfig the window will train: its checkpoint's, or the default one when it
    starts from random weights (as MainWindow does when the checkpoint cannot be read)."""
    from lenet_gui.model import LeNetConfig
    from lenet_gui.train import CheckpointError

    if weights == "random":
        return LeNetConfig()
    try:
        return load_weights(weights).config
    except (CheckpointError, OSError):
        return LeNetConfig()


def _headless_trainer(args, data, train_config):
    """The `train` command's path (a fresh net from the seed, `training_step` through the
    Trainer) on the window's network configuration, batch size and data, with no window."""
    from lenet_gui.model import LeNet5
    from lenet_gui.train import Trainer

    net = LeNet5(_window_model_config(args.weights), seed=train_config.seed)
    return Trainer(net, data, train_config)


def headless_before(args, data, train_config) -> list[tuple[int, float]]:
    """The headless trainer's batches, timed, for the window's training seconds and a margin
    (the window's count ends before the headless trainer's: it is the slower one), before the
    window: with the run after it, the two bracket the window in time."""
    from lenet_gui.train.timing import timed_batches

    return timed_batches(_headless_trainer(args, data, train_config),
                         seconds=args.train_seconds + BEFORE_MARGIN_S)


def headless_samples_per_s(args, data, train_config, counted: tuple[int, int]) -> float:
    """The headless trainer timed over the batches the window's speed was counted over
    (`counted`: samples trained at the start and the end of its count). The same batches: the
    same checks of the test set fall among them (an epoch's end, 10,000 images, took 7 % of an
    8-second count)."""
    from lenet_gui.train.timing import measure_samples_per_s

    return measure_samples_per_s(_headless_trainer(args, data, train_config), *counted)


def run(args) -> int:
    if args.train_seconds < 0:
        raise UsageError("--train-seconds must be >= 0")
    try:
        width, height = (int(v) for v in args.size.lower().split("x"))
    except ValueError:
        raise UsageError(f"--size must be WxH, got {args.size!r}") from None
    from lenet_gui.train import TrainConfig

    train = TrainConfig()
    if args.batch_size:
        train = replace(train, batch_size=args.batch_size)

    # Before the window exists, so that nothing competes with it, and not counted in "ready":
    # a bad --data is said here, in one line (the headless trainer later reuses the window's
    # copy: two at once would be counted in the window's memory), and the empty-window
    # reference (a child process, while nothing else runs here).
    from lenet_gui.commands._empty_window import empty_window_seconds

    t0 = time.perf_counter()
    data = load_data(args.data)
    empty = empty_window_seconds(width, height)
    # The headless reference is timed twice, before the window and after it, over the batches
    # the window's speed is counted on, and their mean is the reference: the machine's speed
    # drifts between two spans of ~8 s (by 10 % and more here), and a drift then moves the
    # two halves of the ratio apart; bracketed, a steady drift cancels out.
    before = headless_before(args, data, train) if args.train_seconds > 0 else []
    del data  # the window loads its own copy (the headless run after it reuses that one)
    empty_time = time.perf_counter() - t0

    from lenet_gui.gui.screenshot import take_screenshot

    try:
        shot = take_screenshot(Path(args.out), train_seconds=args.train_seconds,
                               train_config=train, dock=args.dock, data_dir=args.data,
                               weights=False if args.weights == "random" else args.weights,
                               size=(width, height), language=args.lang, dark=args.dark,
                               warmup_s=WARMUP_S)
    except LookupError as exc:
        raise UsageError(str(exc)) from None
    except RuntimeError as exc:
        raise CliError(str(exc)) from None
    ready = process_age(shot.ready_at) - empty_time
    # The window is closed: the same batches again, with nothing else in this process.
    after = headless_samples_per_s(args, shot.data, train, shot.counted) if shot.samples_per_s else 0.0
    from lenet_gui.train.timing import rate_between

    first = rate_between(before, *shot.counted) if shot.samples_per_s else 0.0
    headless = (first + after) / 2 if first > 0 and after > 0 else after
    ratio = f"{shot.samples_per_s / headless * 100:.0f}%" if headless > 0 else "n/a"
    spans = f"before {first:.0f}, after {after:.0f}" if first > 0 else f"after {after:.0f} only"
    reference = "n/a" if empty is None else \
        f"{empty:.1f} s, ratio {ready / empty:.1f}"
    print(f"ready: {ready:.1f} s (empty window: {reference})")
    reached = "" if shot.seconds_to_99 is None else \
        f" (99.0% after {shot.seconds_to_99:.0f} s of training)"
    print(f"run: {shot.run}, loss {shot.first_loss:.2f} -> {shot.last_loss:.2f}, "
          f"test accuracy {shot.test_accuracy * 100:.1f}%{reached}")
    if shot.train_seconds > 0:
        print(f"frames: {shot.frames} in {shot.train_seconds:.1f} s "
              f"({shot.frames / shot.train_seconds:.1f} a second)")
    print(f"{shot.stats.summary()}  training samples/s: {shot.samples_per_s:.0f}  "
          f"headless: {headless:.0f} ({spans})  gui/headless: {ratio}")
    return EXIT_ERROR if shot.stats.tick_ratio < args.min_ticks else 0
