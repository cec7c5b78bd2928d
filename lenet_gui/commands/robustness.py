"""`lenet-gui robustness [--weights FILE] [--data DIR]`: test accuracy under Gaussian noise,
rotation, shift and stroke thickness, one table per perturbation, and the confidence threshold
("I don't know" below it)."""

from __future__ import annotations

import sys
import time

from lenet_gui.commands._common import default_weights, load_data, load_weights, percent

THRESHOLDS = (0.5, 0.7, 0.9, 0.95, 0.99)


def add_parser(sub):
    p = sub.add_parser("robustness", help="test accuracy under perturbations",
                       description="Test accuracy of a checkpoint under test-time perturbations.")
    p.add_argument("--weights", default=None, help="checkpoint (default: the shipped weights)")
    p.add_argument("--data", default=None, help="directory of the four IDX files "
                   "(default: the embedded MNIST)")
    p.add_argument("--limit", type=int, default=None,
                   help="use the first N test images (default: all)")
    p.add_argument("--seed", type=int, default=0, help="seed of the noise field")
    return p


def run(args) -> int:
    from lenet_gui.train.analysis import robustness_sweep

    if args.limit is not None and args.limit < 1:
        raise ValueError(f"--limit must be at least 1, got {args.limit}")
    ckpt = load_weights(args.weights)
    data = load_data(args.data)
    images, labels = data.test_images, data.test_labels
    if args.limit is not None:
        images, labels = images[: args.limit], labels[: args.limit]
    net = ckpt.to_net()
    print(f"weights: {args.weights or default_weights()}")
    print(f"{len(labels):,} test images from {data.source}")
    tty = sys.stdout.isatty()
    t0 = time.perf_counter()

    def progress(done: int, total: int) -> None:
        if tty:
            print(f"\r{done * 100 // max(total, 1):3d}% …", end="", flush=True)

    r = robustness_sweep(net, images, labels, seed=args.seed, progress=progress)
    if tty:
        print("\r", end="")
    print(f"clean accuracy: {percent(r.clean_accuracy)}  ({time.perf_counter() - t0:.1f} s)")
    for c in r.curves:
        p = c.perturbation
        print()
        print(f"{p.name} ({p.unit})")
        print(f"  {'level':>8}  {'accuracy':>8}")
        for lv, acc in zip(c.levels, c.accuracy):
            print(f"  {lv:>8g}  {percent(acc):>8}")
    print()
    print("confidence threshold (answer only when max y ≥ threshold)")
    print(f"  {'threshold':>9}  {'answered':>8}  {'right of answered':>17}")
    for t in THRESHOLDS:
        answered, acc = r.threshold.at(t)
        print(f"  {t:>9g}  {percent(answered):>8}  {percent(acc):>17}")
    return 0
