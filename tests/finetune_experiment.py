"""The fine-tuning experiment of docs/MY_DIGITS.md (a command, not a test): digits by writers
who are not in MNIST (tests/writers.py), 10 a class to fine-tune on and the rest held out;
the shipped weights fine-tuned with and without C1…C5 frozen and with and without MNIST mixed
in; held-out and MNIST test accuracy before -> after, and the time.

    python -m tests.finetune_experiment [--per-class 40] [--train-per-class 10] [--seed 0]
        [--set DIR] [--settings recommended,grid,...]

It prints one Markdown table row per setting as each finishes.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from lenet_gui.commands._common import default_weights
from lenet_gui.data import load_mnist
from lenet_gui.data.folders import read_image_folder
from lenet_gui.train import finetune

# name -> changes to finetune.RECOMMENDED
GRID = {
    "features frozen, 50 % MNIST": dict(freeze=finetune.FEATURES, mix_mnist=0.5),
    "features frozen, no MNIST": dict(freeze=finetune.FEATURES, mix_mnist=0.0),
    "nothing frozen, 50 % MNIST": dict(freeze=(), mix_mnist=0.5),
    "nothing frozen, no MNIST": dict(freeze=(), mix_mnist=0.0),
}
EXTRA = {
    "features frozen, 75 % MNIST (recommended)": dict(freeze=finetune.FEATURES, mix_mnist=0.75),
    "features frozen, 50 % MNIST, α 0.003": dict(freeze=finetune.FEATURES, mix_mnist=0.5,
                                                learning_rate=0.003),
    "features frozen, 50 % MNIST, 15 epochs": dict(freeze=finetune.FEATURES, mix_mnist=0.5,
                                                  epochs=15),
    "nothing frozen, 75 % MNIST": dict(freeze=(), mix_mnist=0.75),
}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m tests.finetune_experiment")
    p.add_argument("--per-class", type=int, default=40)
    p.add_argument("--train-per-class", type=int, default=10)
    p.add_argument("--seed", type=int, default=0, help="the writers' seed")
    p.add_argument("--set", type=Path, default=None, help="use this folder instead of drawing one")
    p.add_argument("--only", default=None, help="setting names separated by ; (default: all)")
    p.add_argument("--extra", action="store_true", help="also the settings around the grid")
    args = p.parse_args(argv)
    folder_dir = args.set
    if folder_dir is None:
        from tests import writers

        folder_dir = Path(tempfile.mkdtemp(prefix="writers-"))
        writers.save_set(folder_dir, *writers.make_set(args.per_class, args.seed))
    folder = read_image_folder(folder_dir)
    n = int(folder.counts().min())
    holdout = 1 - args.train_per_class / n
    part = finetune.split(folder, holdout, seed=0)
    mnist = load_mnist()
    settings = dict(GRID, **(EXTRA if args.extra else {}))
    if args.only:
        settings = {k: settings[k] for k in args.only.split(";")}
    before = finetune.measure(finetune.load_start(default_weights()), part, mnist)
    print(f"{len(part.train)} pictures trained on, {len(part.held)} held out, from {folder_dir}")
    print("| setting | held-out my digits | MNIST test | time |")
    print("|---|---|---|---|")
    for name, changes in settings.items():
        cfg = finetune.fine_tune_config(**changes)
        net = finetune.load_start(default_weights())
        trainer = finetune.trainer_for(net, part, mnist, cfg)
        t0 = time.perf_counter()
        for r in trainer.steps():
            if r.diverged:
                print(f"| {name} | diverged | | |")
                break
        elapsed = time.perf_counter() - t0
        after = finetune.measure(net, part, mnist)
        print(f"| {name} | {before.held.accuracy * 100:.1f} % → {after.held.accuracy * 100:.1f} % "
              f"| {before.mnist.accuracy * 100:.2f} % → {after.mnist.accuracy * 100:.2f} % "
              f"| {elapsed:.0f} s |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
