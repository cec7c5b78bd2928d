"""`lenet-gui train`: train LeNet-5 on MNIST from the command line, with a progress line, the
test accuracy after every epoch, and at the end a run file (a workspace: weights,
configuration, history; with `--timeline`, the weights recorded as it trained) that `evaluate`,
`replay`, the Runs panel and Open workspace all read.

With `--images DIR` it fine-tunes instead (train/finetune.py): it starts from `--from`'s weights
(default: the shipped ones), trains on the pictures of DIR/0 … DIR/9 less a held-out share of
each class, with `--mix-mnist` of every batch from MNIST, the `--freeze` layers kept as they are,
and ends with the accuracy on the held-out pictures and on MNIST's test set before -> after."""

from __future__ import annotations

import dataclasses
import os
import sys
import time
from pathlib import Path

import numpy as np

from lenet_gui.commands._common import (
    CliError,
    add_model_options,
    default_weights,
    load_data,
    model_config,
)
from lenet_gui.model.options import C3, F7


def add_parser(sub):
    from lenet_gui.train.trainer import TrainConfig

    t = sub.add_parser("train", help="train on MNIST, or fine-tune on a folder of pictures")
    # None: MNIST's defaults, or when fine-tuning the recommended ones (train/finetune.py)
    t.add_argument("--epochs", type=int, default=None, help="default 10")
    t.add_argument("--batch-size", type=int, default=None, help="default 64")
    t.add_argument("--lr", type=float, default=None,
                   help=f"learning rate α (default {TrainConfig.learning_rate:g})")
    t.add_argument("--momentum", type=float, default=None, help="default 0.9")
    t.add_argument("--schedule", choices=["cosine", "step", "constant"], default=None,
                   help=f"how α changes over the run (default {TrainConfig.schedule}: 0.3·α "
                   "after a third of the run, 0.09·α after two thirds)")
    t.add_argument("--weight-decay", type=float, default=None,
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
    f = t.add_argument_group(
        "fine-tuning on a folder of pictures",
        "Without these options the defaults above are the recommended fine-tuning's "
        "(docs/MY_DIGITS.md).")
    f.add_argument("--images", default=None, metavar="DIR",
                   help="fine-tune on the pictures of DIR/0/*.png … DIR/9/*.png")
    f.add_argument("--from", dest="start", default=None, metavar="RUN_OR_WEIGHTS",
                   help="the run or weights file to start from (default: the shipped weights)")
    f.add_argument("--freeze", default=None, metavar="LAYERS",
                   help="layers kept as they are, e.g. c1,c3,c5 or 'features' (c1…c5) "
                   "(default: features)")
    f.add_argument("--mix-mnist", type=float, default=None, metavar="F",
                   help="share of every batch from MNIST's training set (default 0.75)")
    f.add_argument("--holdout", type=float, default=0.5, metavar="F",
                   help="share of each class held out, never trained on (default 0.5)")
    add_model_options(t)
    return t


def _train_config(args):
    """The TrainConfig of the options: MNIST's defaults, or RECOMMENDED when fine-tuning."""
    from lenet_gui.train import TrainConfig
    from lenet_gui.train.finetune import fine_tune_config, parse_freeze

    given = {"learning_rate": args.lr, "momentum": args.momentum, "batch_size": args.batch_size,
             "epochs": args.epochs, "schedule": args.schedule,
             "weight_decay": args.weight_decay}
    given = {k: v for k, v in given.items() if v is not None}
    base = TrainConfig(seed=args.seed, augment=args.augment)
    if args.images is None:
        for name in ("start", "freeze", "mix_mnist"):
            if getattr(args, name) is not None:
                raise CliError(f"--{name.replace('_', '-').replace('start', 'from')} needs "
                               "--images DIR (fine-tuning on a folder of pictures)")
        return dataclasses.replace(base, **given)
    changes = dict(given, images=str(args.images), holdout=args.holdout,
                   start_from=str(args.start or default_weights()))
    if args.freeze is not None:
        changes["freeze"] = parse_freeze(args.freeze)
    if args.mix_mnist is not None:
        changes["mix_mnist"] = args.mix_mnist
    return fine_tune_config(base, **changes)


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


def _loop(trainer, tcfg, save_every: float = 0.0, save=None):
    """Train with a progress line and each epoch's test accuracy; (last test accuracy,
    TrainingHistory). With `save_every` > 0, `save(history, best, seconds)` writes the run so
    far that often (atomically: a kill loses at most those seconds)."""
    from lenet_gui.train import TrainingHistory

    tty = sys.stdout.isatty()
    t0 = time.perf_counter()
    epoch_t0 = t0
    best = None
    losses = []
    history = TrainingHistory()
    last_print = 0.0
    last_save = t0
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
        if save is not None and save_every > 0 and now - last_save >= save_every:
            save(history, best, now - t0)
            last_save = time.perf_counter()
        if r.test is not None:
            if tty:
                print()
            acc = r.test.accuracy
            print(f"epoch {r.epoch + 1}: test accuracy {acc * 100:.2f}%  test loss "
                  f"{r.test.loss:.4f}  ({now - epoch_t0:.1f} s)", flush=True)
            epoch_t0 = now
            best = acc
    return best, history


def run(args) -> int:
    from lenet_gui.model import LeNet5
    from lenet_gui.train import Trainer
    from lenet_gui.train.timeline import Timeline

    try:
        tcfg = _train_config(args)
        tcfg.validate()
    except ValueError as exc:
        raise CliError(str(exc)) from None
    out = Path(args.out)
    _check_writable(out)  # fail now, not after an hour of training
    timeline = Timeline() if args.timeline else None
    if args.images is not None:
        return _fine_tune(args, tcfg, out, timeline)
    config = model_config(args)
    data = load_data(args.data)
    net = LeNet5(config, seed=args.seed)
    trainer = Trainer(net, data, tcfg, timeline=timeline)
    print(f"LeNet-5 ({config.activation}, {config.pooling}-pooling, "
          f"C3 {C3[config.c3_table].name}, {F7[config.f7_activation].name}, {config.dtype}), "
          f"{net.n_params():,} parameters; {len(data.train_labels):,} training images from "
          f"{data.source}")
    print(f"SGD lr {tcfg.learning_rate} ({tcfg.schedule}), momentum {tcfg.momentum}, "
          f"batch {tcfg.batch_size}, {tcfg.epochs} epochs"
          f"{', augmented' if tcfg.augment else ''}, seed {tcfg.seed}")
    def save(history, best, seconds):
        _save(out, config, tcfg, "random", net, history, seconds, best, trainer, timeline,
              str(data.source), quiet=True)

    t0 = time.perf_counter()
    best, history = _loop(trainer, tcfg, args.save_every, save)
    elapsed = time.perf_counter() - t0
    _save(out, config, tcfg, "random", net, history, elapsed, best, trainer, timeline,
          str(data.source))
    print(f"test accuracy: {best * 100:.2f}%")
    return 0


def _save(out, config, tcfg, start, net, history, elapsed, best, trainer, timeline, source,
          quiet=False):
    from lenet_gui.train.runs import Run, save_run

    name = out.name[: -len(".npz")] if out.name.endswith(".npz") else out.name
    run = Run(id=name, name=name, config=config, train_config=tcfg, start=start,
              params=net.snapshot().params, history=history, wall_seconds=elapsed,
              test_accuracy=best,
              samples_per_s=trainer.step * tcfg.batch_size / max(elapsed, 1e-9))
    run.timeline = timeline
    try:
        save_run(run, out, data=source)
    except OSError as exc:
        raise CliError(f"cannot write {out}: {exc}") from None
    if quiet:
        return
    print(f"saved {out} ({elapsed:.0f} s)")
    if timeline is not None:
        n, size = len(timeline), timeline.stored_bytes
        print(f"timeline: {n} snapshots of batches 0..{timeline.last_batch:,}, "
              f"{size / 1e6:.1f} MB ({size / max(n, 1) / 1e3:.0f} kB a snapshot)")


def _fine_tune(args, tcfg, out, timeline) -> int:
    from lenet_gui.data.folders import read_image_folder
    from lenet_gui.model.options import LAYERS
    from lenet_gui.train import finetune

    given = [o for o in ("activation", "pooling", "c3", "preset") if getattr(args, o)]
    given += [o for o in ("f7_activation", "float64") if getattr(args, o)]
    if given:
        raise CliError(f"--{given[0].replace('_', '-')} cannot be combined with --images: "
                       "fine-tuning keeps the network of --from")
    net = finetune.load_start(tcfg.start_from)  # CheckpointError → one line (the guard)
    folder = read_image_folder(args.images)  # FolderError → one line (the guard)
    part = finetune.split(folder, tcfg.holdout, tcfg.seed)
    mnist = load_data(args.data)
    print(f"fine-tuning {tcfg.start_from} on {len(part.train)} pictures of {folder.root} "
          f"({len(part.held)} held out), {tcfg.mix_mnist:.0%} of every batch from MNIST; "
          f"frozen: {' '.join(tcfg.freeze) or 'nothing'}; trained: "
          f"{' '.join(k for k in LAYERS if k not in tcfg.freeze)}")
    if folder.skipped:
        print(folder.skipped_message())
    print(f"SGD lr {tcfg.learning_rate} ({tcfg.schedule}), momentum {tcfg.momentum}, "
          f"batch {tcfg.batch_size}, {tcfg.epochs} epochs, seed {tcfg.seed}")
    before = finetune.measure(net, part, mnist)
    trainer = finetune.trainer_for(net, part, mnist, tcfg, timeline=timeline)
    t0 = time.perf_counter()
    best, history = _loop(trainer, tcfg)
    elapsed = time.perf_counter() - t0
    after = finetune.measure(net, part, mnist)
    _save(out, net.config, tcfg, "fine-tuned", net, history, elapsed, after.mnist.accuracy,
          trainer, timeline, str(folder.root))
    for line in finetune.summary(before, after):
        print(line)
    return 0
