"""`lenet-gui train`: train LeNet-5 on MNIST from the command line, with a progress line, the
test accuracy after every epoch, and at the end a run file (a workspace: weights,
configuration, history; with `--timeline`, the weights recorded as it trained) that `evaluate`,
`replay`, the Runs panel and Open workspace all read."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import numpy as np

from lenet_gui.commands._common import CliError, add_model_options, load_data, model_config
from lenet_gui.model.options import C3, F7


def add_parser(sub):
    t = sub.add_parser("train", help="train on MNIST from the command line")
    t.add_argument("--epochs", type=int, default=10)
    t.add_argument("--batch-size", type=int, default=64)
    t.add_argument("--lr", type=float, default=0.03, help="learning rate α (default 0.03)")
    t.add_argument("--momentum", type=float, default=0.9)
    t.add_argument("--schedule", choices=["cosine", "step", "constant"], default="cosine")
    t.add_argument("--weight-decay", type=float, default=5e-4,
                   help="L2 penalty λ on the weights (default 5e-4)")
    t.add_argument("--augment", action="store_true",
                   help="random affine moves and elastic distortions")
    t.add_argument("--seed", type=int, default=0)
    t.add_argument("--data", default=None, help="directory of the four IDX files "
                   "(default: the embedded MNIST)")
    t.add_argument("--out", default="lenet5.npz", help="run file to write (a workspace)")
    t.add_argument("--save-every", type=float, default=0.0, metavar="SECONDS",
                   help="also write --out this often while training (atomically: a crash or a "
                   "kill loses at most these seconds); default: only at the end")
    t.add_argument("--timeline", action="store_true",
                   help="record the weights as it trains (densely at first), saved in --out "
                   "for `replay`")
    add_model_options(t)
    return t


def _fmt_time(s: float) -> str:
    s = max(0, int(s))
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


def _check_writable(out: Path) -> None:
    directory = out.parent if str(out.parent) else Path(".")
    if out.is_dir():
        raise CliError(f"{out}: is a directory; --out takes a file name")
    if not directory.is_dir():
        raise CliError(f"{directory}: no such directory for --out")
    if not os.access(directory, os.W_OK):
        raise CliError(f"{directory}: not writable")


def run(args) -> int:
    from lenet_gui.model import LeNet5
    from lenet_gui.train import TrainConfig, Trainer, TrainingHistory
    from lenet_gui.train.runs import Run, save_run
    from lenet_gui.train.timeline import Timeline

    try:
        tcfg = TrainConfig(learning_rate=args.lr, momentum=args.momentum,
                           batch_size=args.batch_size, epochs=args.epochs, seed=args.seed,
                           augment=args.augment, schedule=args.schedule,
                           weight_decay=args.weight_decay)
        tcfg.validate()
    except ValueError as exc:
        raise CliError(str(exc)) from None
    config = model_config(args)
    out = Path(args.out)
    _check_writable(out)  # fail now, not after an hour of training
    data = load_data(args.data)
    net = LeNet5(config, seed=args.seed)
    timeline = Timeline() if args.timeline else None
    trainer = Trainer(net, data, tcfg, timeline=timeline)
    print(f"LeNet-5 ({config.activation}, {config.pooling}-pooling, "
          f"C3 {C3[config.c3_table].name}, {F7[config.f7_activation].name}, {config.dtype}), "
          f"{net.n_params():,} parameters; {len(data.train_labels):,} training images from "
          f"{data.source}")
    print(f"SGD lr {tcfg.learning_rate} ({tcfg.schedule}), momentum {tcfg.momentum}, "
          f"batch {tcfg.batch_size}, {tcfg.epochs} epochs"
          f"{', augmented' if tcfg.augment else ''}, seed {tcfg.seed}")
    tty = sys.stdout.isatty()
    t0 = time.perf_counter()
    epoch_t0 = t0
    best = None
    losses = []
    history = TrainingHistory()
    last_print = 0.0
    last_save = time.perf_counter()

    def run_now() -> Run:
        elapsed = time.perf_counter() - t0
        name = out.name[: -len(".npz")] if out.name.endswith(".npz") else out.name
        run = Run(id=name, name=name, config=config, train_config=tcfg, start="random",
                  params=net.snapshot().params, history=history, wall_seconds=elapsed,
                  test_accuracy=best, samples_per_s=trainer.step * tcfg.batch_size / max(elapsed, 1e-9))
        run.timeline = timeline
        return run

    for r in trainer.steps():
        if r.diverged:
            raise CliError(r.diverged)
        losses.append(r.loss)
        history.extend((r,))
        now = time.perf_counter()
        if now - last_print > (0.2 if tty else 10.0) or r.test is not None:
            last_print = now
            done = r.batch + 1
            frac = done / r.batches_per_epoch
            elapsed = now - t0
            total_frac = (r.step) / trainer.total_batches
            eta = elapsed / max(total_frac, 1e-9) * (1 - total_frac)
            bar = "#" * int(frac * 30)
            line = (f"epoch {r.epoch + 1}/{tcfg.epochs} [{bar:<30}] {done}/{r.batches_per_epoch} "
                    f"loss {np.mean(losses[-100:]):.4f}  {r.samples_per_s:,.0f} samples/s  "
                    f"ETA {_fmt_time(eta)}")
            print(("\r" + line) if tty else line, end="" if tty else "\n", flush=True)
        if args.save_every > 0 and now - last_save >= args.save_every:
            try:
                save_run(run_now(), out, data=str(data.source))
            except OSError as exc:
                raise CliError(f"cannot write {out}: {exc}") from None
            last_save = time.perf_counter()
        if r.test is not None:
            if tty:
                print()
            acc = r.test.accuracy
            print(f"epoch {r.epoch + 1}: test accuracy {acc * 100:.2f}%  test loss "
                  f"{r.test.loss:.4f}  ({now - epoch_t0:.1f} s)", flush=True)
            epoch_t0 = now
            best = acc
    elapsed = time.perf_counter() - t0
    run = run_now()
    try:
        save_run(run, out, data=str(data.source))
    except OSError as exc:
        raise CliError(f"cannot write {out}: {exc}") from None
    print(f"saved {out} ({elapsed:.0f} s)")
    if timeline is not None:
        n, size = len(timeline), timeline.stored_bytes
        print(f"timeline: {n} snapshots of batches 0..{timeline.last_batch:,}, "
              f"{size / 1e6:.1f} MB ({size / max(n, 1) / 1e3:.0f} kB a snapshot)")
    print(f"test accuracy: {best * 100:.2f}%")
    return 0
