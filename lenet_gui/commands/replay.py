"""`lenet-gui replay RUN --panel kernels --out kernels.gif [--from B --to B] [--fps N]`: one
panel of the application drawn for every snapshot of a run's timeline, written as an animated
GIF, an APNG or numbered PNG frames. RUN is a saved run, a workspace, or the file that
`train --timeline --out FILE` writes. The panel is the application's own, built offscreen on
a real AppState (QT_QPA_PLATFORM=offscreen on a Linux or BSD system without a display). It
prints how many frames it wrote and how many of them differ."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from lenet_gui.commands._common import CliError, UsageError, load_data, use_offscreen_without_display

FORMATS = ("gif", "apng", "frames")


def add_parser(sub):
    p = sub.add_parser("replay", help="a panel over a run's timeline, as GIF, APNG or PNGs",
                       description="Draw one panel for every recorded snapshot of a run's "
                       "timeline and write the frames as an animation.")
    p.add_argument("run_file", metavar="RUN", help="a saved run, a workspace, or the file "
                   "`train --timeline --out` writes")
    p.add_argument("--panel", default="kernels",
                   help="the panel (a dock name: kernels, feature_maps, deltas, "
                   "architecture, confusion, robustness, …; default kernels)")
    p.add_argument("--layer", default=None,
                   help="only this layer's section of the panel (e.g. c1)")
    p.add_argument("--out", required=True, help="FILE.gif, FILE.apng / FILE.png (APNG), or a "
                   "folder for numbered PNG frames")
    p.add_argument("--format", choices=FORMATS, default=None,
                   help="default: from the file name (.gif, .apng/.png; else frames)")
    p.add_argument("--from", dest="first", type=int, default=None, metavar="B",
                   help="first batch (default: the first snapshot)")
    p.add_argument("--to", dest="last", type=int, default=None, metavar="B",
                   help="last batch (default: the last snapshot)")
    p.add_argument("--fps", type=float, default=10.0, help="frames per second (default 10)")
    p.add_argument("--size", default="700x500", help="the panel's size WxH (default 700x500)")
    p.add_argument("--probe", type=int, default=0,
                   help="test image shown by the probe panels (default 0)")
    p.add_argument("--no-caption", action="store_true",
                   help="leave out the batch number drawn in a corner of every frame")
    p.add_argument("--data", default=None, help="MNIST directory (default: the embedded one)")
    p.add_argument("--lang", default="en", choices=("en", "zh_CN"),
                   help="interface language (default en)")
    return p


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise UsageError(f"--size must be WxH, got {text!r}") from None
    if not (50 <= w <= 4000 and 50 <= h <= 4000):
        raise UsageError(f"--size must be between 50x50 and 4000x4000, got {text!r}")
    return w, h


def run(args) -> int:
    if args.fps <= 0:
        raise UsageError(f"--fps must be positive, got {args.fps}")
    size = _size(args.size)
    from lenet_gui.train.runs import load_run

    run_ = load_run(args.run_file)  # a clear error naming the file when it is not valid
    if run_.timeline is None:
        raise CliError(f"{args.run_file}: {run_.timeline_error}" if run_.timeline_error else
                       f"{args.run_file}: no timeline in this run (train with --timeline)")
    if len(run_.timeline) == 0:
        raise CliError(f"{args.run_file}: the run's timeline is empty")

    use_offscreen_without_display()
    from lenet_gui.gui import i18n
    from lenet_gui.gui.application import create_app

    app = create_app([])
    i18n.set_language(args.lang)
    from lenet_gui.gui.timeline.frames import QuietOffscreen

    quiet = QuietOffscreen()
    try:
        return _replay(args, app, run_, size)
    finally:
        quiet.close()


def _replay(args, app, run_, size) -> int:
    from lenet_gui.gui.state import Probe
    from lenet_gui.gui.timeline.frames import (
        FrameRecorder,
        format_of,
        panel_class,
        select_batches,
        write_frames,
    )

    fmt = args.format or format_of(args.out)
    batches = select_batches(run_.timeline.batches, args.first, args.last)
    if batches.size == 0:
        raise UsageError(f"no recorded snapshot between batch {args.first} and {args.last} "
                         f"(the timeline holds {run_.timeline.batches[0]}…"
                         f"{run_.timeline.batches[-1]})")
    try:
        cls = panel_class(args.panel)
    except LookupError as exc:
        raise UsageError(str(exc)) from None
    needs_data = bool(cls.reads & {"data", "trace", "probe"})
    data = load_data(args.data) if needs_data else None
    probe = None
    if data is not None:
        if not 0 <= args.probe < len(data.test_labels):
            raise UsageError(f"--probe must be 0…{len(data.test_labels) - 1}")
        probe = Probe.from_test(data, args.probe)
    t0 = time.perf_counter()
    try:
        recorder = FrameRecorder(run_, args.panel, data, probe, size, args.layer,
                                 caption=not args.no_caption)
    except LookupError as exc:
        raise UsageError(str(exc)) from None
    tty = sys.stdout.isatty()

    def progress(done: int, total: int) -> None:
        if tty:
            print(f"\r{done}/{total} frames …", end="", flush=True)

    try:
        frames = recorder.record(batches, progress)
    finally:
        recorder.close()
        app.processEvents()
    if tty:
        print("\r", end="")
    written = write_frames(frames, args.out, fmt, args.fps)
    where = Path(args.out) if fmt == "frames" else written[0]
    print(f"run: {run_.name}, {len(run_.timeline)} snapshots, batches {batches[0]}…{batches[-1]}")
    print(f"{len(frames.images)} frames ({frames.distinct} distinct) of panel {args.panel}"
          f"{'' if args.layer is None else ' / ' + args.layer} at "
          f"{frames.images[0].width()}x{frames.images[0].height()}, {args.fps:g} fps, "
          f"{fmt}: {where} ({time.perf_counter() - t0:.1f} s)")
    return 0
