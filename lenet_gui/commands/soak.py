"""`lenet-gui soak [--minutes 30]`: a scripted afternoon in the real window (gui/soak.py
ACTIVITIES: training from random weights, digits drawn, the timeline scrubbed, runs trained and
compared, perspectives switched, exports made, the language switched once); the resident memory
of the whole process tree (this process and the training helper) is sampled, every warning is
counted, and every file written is read back at the end. It prints the activities, the files,
the memory after warm-up and at the end, its growth, and the warnings. A command, not a test:
it takes as long as it is told to (the afternoon: `--minutes 120`)."""

from __future__ import annotations

import gc
import math
import os
import sys
import threading
from collections import Counter

import numpy as np

from lenet_gui.commands._common import (
    EXIT_ERROR,
    UsageError,
    memory_of,
    process_tree,
    use_offscreen_without_display,
)

MB = 1024 * 1024


def add_parser(sub):
    p = sub.add_parser("soak", help="a scripted afternoon in the window, watch the memory",
                       description="A scripted afternoon in the real window: train from random "
                       "weights while digits are drawn on the canvas, the timeline is scrubbed, "
                       "new runs are trained and compared, perspectives switched, exports made "
                       "and the language switched once (gui/soak.py ACTIVITIES); sample the "
                       "resident memory of the process tree; read back every file written; "
                       "report the memory, every warning and every file that cannot be read.")
    p.add_argument("--minutes", type=float, default=30.0, help="how long (default 30)")
    p.add_argument("--warm-up", type=float, default=2.0,
                   help="minutes before the first memory figure counts (default 2)")
    p.add_argument("--sample-every", type=float, default=30.0,
                   help="seconds between memory samples (default 30)")
    p.add_argument("--max-growth", type=float, default=50.0,
                   help="exit 1 if memory grows by more MB than this after warm-up (default 50)")
    return p


PARTS = (("anonymous", "anon"), ("files", "file"), ("shared", "shmem"))


def tree_memory() -> dict[str, int]:
    """The resident memory ("rss") of this process and every process below it, and where the
    system tells them (Linux) its parts: anonymous memory (the heaps), file pages (the
    libraries' code and data as they are paged in) and shared memory (the training helper's
    arrays)."""
    out = {"rss": 0}
    for pid in process_tree(os.getpid()):
        m = memory_of(pid)
        for k in ("rss", *(key for _, key in PARTS)):
            if k in m:
                out[k] = out.get(k, 0) + m[k]
    return out


def _parts(m: dict[str, int]) -> str:
    return ", ".join(f"{name} {m[k] / MB:.0f}" for name, k in PARTS if k in m)


def trend(samples: list[tuple[float, int]]) -> tuple[float, float, float] | None:
    """The least-squares slope of (seconds, bytes) samples in MB a minute, and the mean memory
    of their first and last thirds in MB; None below six samples. A soak's memory swings from
    sample to sample (the heap's temporaries between trims): its first and last figures alone
    do not tell a trend from a swing."""
    if len(samples) < 6:
        return None
    t = np.array([s for s, _ in samples]) / 60
    m = np.array([b for _, b in samples], np.float64) / MB
    slope = float(np.polyfit(t, m, 1)[0])
    third = len(m) // 3
    return slope, float(m[:third].mean()), float(m[-third:].mean())


# After a new run, its own history, rows and buffers fill for a while: a stretch between two
# new runs is judged from this many seconds after the first of them.
SETTLE_S = 180.0


def stretches(samples: list[tuple[float, int]], cuts: list[float], after: float,
              settle_s: float = SETTLE_S) -> list[tuple[float, float, tuple | None]]:
    """The memory between new runs: for each stretch of the samples from `after` seconds on,
    cut at the `cuts` (seconds a new run began; a stretch after a cut starts `settle_s` later),
    (first second, last second, trend of its samples or None below six). A run kept for
    comparison holds its history: memory flat after warm-up is flat within each stretch, a
    step at each cut."""
    cuts = sorted(cuts)
    out = []
    for k in range(len(cuts) + 1):
        lo = max(after, after if k == 0 else cuts[k - 1] + settle_s)
        hi = cuts[k] if k < len(cuts) else math.inf
        part = [(t, r) for t, r in samples if lo <= t < hi]
        if part:
            out.append((part[0][0], part[-1][0], trend(part)))
    return out


def census() -> Counter:
    """How many objects of each type the garbage collector tracks (a second or less on the
    soak's window): two of them, warm-up and end, tell which Python objects a growth is."""
    return Counter(type(o).__qualname__ for o in gc.get_objects())


def inside() -> str:
    """This process's heap (live and free, where glibc tells them), Python's allocated blocks
    and its threads: what a growth of "anonymous" memory is made of."""
    from lenet_gui.model._alloc import heap_usage

    heap = heap_usage()
    shown = f"heap in use {heap[0] / MB:.0f}, free {heap[1] / MB:.0f}; " if heap else ""
    return (f"{shown}python blocks {sys.getallocatedblocks() / 1000:.0f}k; "
            f"threads {threading.active_count()}")


def _grown(censuses: list[Counter]) -> str:
    """The 8 object types that grew most from the first census to the latest."""
    grown = (censuses[1] - censuses[0]).most_common(8)
    return ", ".join(f"{name} +{n:,}" for name, n in grown) or "none"


def run(args) -> int:
    if args.minutes <= 0 or args.sample_every <= 0 or not 0 <= args.warm_up < args.minutes:
        raise UsageError("--minutes and --sample-every must be > 0, --warm-up in [0, minutes)")
    use_offscreen_without_display()
    from lenet_gui.gui.soak import run_soak

    samples: list[tuple[float, int]] = []
    parts: list[dict[str, int]] = []
    censuses: list[Counter] = []  # at warm-up, then every tenth sample

    def sample(elapsed: float) -> None:
        m = tree_memory()
        samples.append((elapsed, m["rss"]))
        parts.append(m)
        shown = _parts(m)
        print(f"{elapsed / 60:6.1f} min  {m['rss'] / MB:6.0f} MB" + (f"  ({shown})" if shown else "")
              + f"  [{inside()}]", flush=True)
        warm_samples = sum(t >= args.warm_up * 60 for t, _ in samples)
        if warm_samples and (warm_samples - 1) % 10 == 0:
            censuses[min(len(censuses), 1):] = [census()]  # the first, and the latest
            if len(censuses) == 2:  # when it grows tells what grows it
                print("        grown since warm-up: " + _grown(censuses), flush=True)

    report = run_soak(args.minutes, args.sample_every, sample)
    warm = [rss for t, rss in samples if t >= args.warm_up * 60]
    start, end, peak = warm[0], warm[-1], max(rss for _, rss in samples)
    growth = (end - start) / MB
    print(f"{report.batches:,} batches, {report.frames:,} frames, {report.drawings} drawings, "
          f"{report.scrubs} scrubs of the timeline in {args.minutes:g} min")
    print(f"timeline: {report.timeline_snapshots} snapshots, "
          f"{report.timeline_bytes / MB:.1f} MB held")
    print("activities: " + (", ".join(f"{name} {n}" for name, n in report.activities.items())
                            or "none"))
    print(f"My digits: {report.digits_added} kept (added, less the undone); lab steps passed: "
          f"{len(report.lab_steps)}; both read back from disk at the end")
    print(f"files written and read back: {report.files_read_back}, unreadable: "
          f"{len(report.unreadable)}")
    for u in report.unreadable[:20]:
        print(f"  {u}")
    print(f"warnings: {len(report.warnings)}")
    for w in report.warnings[:20]:
        print(f"  {w}")
    print(f"memory of the process tree: after {args.warm_up:g} min {start / MB:.0f} MB, "
          f"at the end {end / MB:.0f} MB, growth {growth:+.0f} MB, peak {peak / MB:.0f} MB")
    first = next(p for (t, _), p in zip(samples, parts) if t >= args.warm_up * 60)
    known = [(name, k) for name, k in PARTS if k in first and k in parts[-1]]
    print("  of which: " + (", ".join(f"{name} {first[k] / MB:.0f} -> {parts[-1][k] / MB:.0f} MB"
                                      for name, k in known)
                            or "no parts on this system (Linux's /proc tells them)"))
    # Flat means no trend: the growth over each half of the time after warm-up, side by side.
    mid = (args.warm_up * 60 + samples[-1][0]) / 2
    halves = [[(t, r) for t, r in samples if t >= args.warm_up * 60 and t <= mid],
              [(t, r) for t, r in samples if t >= mid]]
    if all(len(h) >= 2 for h in halves):
        print("growth per half after warm-up: " + ", ".join(
            f"{(h[-1][1] - h[0][1]) / MB:+.0f} MB in min {h[0][0] / 60:.0f}–{h[-1][0] / 60:.0f}"
            for h in halves))
    else:
        print("growth per half after warm-up: too few samples (sample more often)")
    after = [(t, r) for t, r in samples if t >= args.warm_up * 60]
    fit = trend(after)
    if fit is None:
        print("trend after warm-up: too few samples (sample more often)")
    else:
        print(f"trend after warm-up: {fit[0]:+.2f} MB a minute (least squares, {len(after)} "
              f"samples); mean of the first third {fit[1]:.0f} MB, of the last third "
              f"{fit[2]:.0f} MB")
    new_runs = report.done_at.get("train a new run", [])
    if new_runs:
        parts_between = [f"min {lo / 60:.0f}–{hi / 60:.0f} " + (
            f"{fit[0]:+.2f} MB/min, thirds {fit[1]:.0f} -> {fit[2]:.0f} MB" if fit else "too short")
            for lo, hi, fit in stretches(samples, new_runs, args.warm_up * 60)]
        print(f"between new runs (each stretch from {SETTLE_S / 60:.0f} min after a new run to the "
              "next): " + "; ".join(parts_between))
    if len(censuses) == 2:
        print("objects grown since warm-up (gc census): " + _grown(censuses))
    return EXIT_ERROR if growth > args.max_growth or report.warnings or report.unreadable else 0
