"""`lenet-gui bench --timeline`: training with the timeline recording on against off, on the
same batches, interleaved round by round (train/timeline.py).

Two phases of a run are timed, since the schedule keeps every batch at first and one in a
hundred later: the first BATCHES batches of a run from the course's initialisation (on: 100 or
more snapshots, most of a first epoch), and the same number of batches with the trainer's
batch count starting at REGULAR_FROM (on: one snapshot every 100 batches, as for most of a
long run). Each time covers the loop of Trainer.steps, the recording included (the forced
snapshots at the start and the end too); the network, data and batches are the same."""

from __future__ import annotations

import time

import numpy as np

BATCHES = 900  # < one epoch at batch 64: no whole-test-set evaluation in the timed loop
REGULAR_FROM = 2_000
EPOCHS_20 = 18_760  # batches of 20 epochs of MNIST at batch 64


def _time(data, offset: int | None, batches: int, seed: int):
    """Seconds for `batches` batches (offset None: no timeline) and the timeline."""
    from lenet_gui.model import LeNet5
    from lenet_gui.train import TrainConfig, Trainer
    from lenet_gui.train.timeline import Timeline

    net = LeNet5(seed=seed)
    tl = None if offset is None else Timeline()
    trainer = Trainer(net, data, TrainConfig(epochs=2, batch_size=64, seed=seed,
                                             subset_every=0),
                      timeline=tl, timeline_offset=offset or 0)
    t0 = time.perf_counter()
    steps = trainer.steps()
    for r in steps:
        if r.step >= batches:
            break
    steps.close()  # the forced last snapshot is timed too
    return time.perf_counter() - t0, tl


def run(args) -> int:
    from lenet_gui.data import load_mnist
    from lenet_gui.train.timeline import scheduled_batches

    data = load_mnist()
    rounds = args.rounds if args.rounds is not None else 3
    times: dict[str, list[float]] = {"off": [], "first": [], "regular": []}
    kept = {}
    _time(data, None, 50, args.seed)  # warm-up: the helper process, the allocator
    for _ in range(rounds):
        for key, offset in (("off", None), ("first", 0), ("regular", REGULAR_FROM)):
            seconds, tl = _time(data, offset, BATCHES, args.seed)
            times[key].append(seconds)
            if tl is not None:
                kept[key] = (len(tl), tl.stored_bytes)
    med = {k: float(np.median(v)) for k, v in times.items()}
    rate = {k: BATCHES * 64 / s for k, s in med.items()}
    print(f"LeNet-5 float32, training at batch 64 with the timeline off and on, {BATCHES} "
          f"batches, medians of {rounds} interleaved rounds")
    print(f"{'phase of the run':<40}{'off':>11}{'on':>11}{'slower':>9}{'snapshots':>11}"
          f"{'kB each':>9}")
    for key, label in (("first", f"batches 1-{BATCHES} (samples/s)"),
                       ("regular", f"batches {REGULAR_FROM + 1:,}-{REGULAR_FROM + BATCHES:,} "
                        "(samples/s)")):
        n, size = kept[key]
        print(f"{label:<40}{rate['off']:>11,.0f}{rate[key]:>11,.0f}"
              f"{100 * (med[key] / med['off'] - 1):>8.1f}%{n:>11}{size / n / 1e3:>9.0f}")
    # a 20-epoch run: the first phase's extra time once, the regular phase's per batch after
    extra_first = med["first"] - med["off"]
    per_batch_regular = (med["regular"] - med["off"]) / BATCHES
    off_20 = med["off"] / BATCHES * EPOCHS_20
    on_20 = off_20 + extra_first + per_batch_regular * (EPOCHS_20 - BATCHES)
    n20 = scheduled_batches(EPOCHS_20).size + 1
    print(f"a 20-epoch run ({EPOCHS_20:,} batches, {n20} snapshots), from these: "
          f"{100 * (on_20 / off_20 - 1):.1f}% slower with the timeline on")
    t_record = _record_ms(data, args.seed)
    t_batch = 1e3 * med["off"] / BATCHES
    print(f"one snapshot recorded: {t_record:.2f} ms (a batch: {t_batch:.2f} ms); "
          f"{n20} of them in a 20-epoch run: "
          f"{100 * n20 * t_record / (EPOCHS_20 * t_batch):.1f}% of its training time")
    return 0


def _record_ms(data, seed: int) -> float:
    """Median ms of Timeline.record of a training's consecutive weights (differences)."""
    from lenet_gui.model import LeNet5
    from lenet_gui.train import TrainConfig, Trainer
    from lenet_gui.train.timeline import Timeline

    net = LeNet5(seed=seed)
    states = []
    for r in Trainer(net, data, TrainConfig(epochs=1, batch_size=64, seed=seed,
                                            subset_every=0)).steps():
        states.append({k: v.copy() for k, v in net.params.items()})
        if r.step >= 40:
            break
    tl, times = Timeline(), []
    for b, p in enumerate(states):
        t0 = time.perf_counter()
        tl.record(b, p, force=True)
        times.append(time.perf_counter() - t0)
    return 1e3 * float(np.median(times[1:]))
