"""`python main.py robustness [--weights FILE] [--data DIR]`: test accuracy under Gaussian
noise, rotation, shift and stroke thickness, one table per perturbation, and the confidence
threshold ("I don't know" below it). No Qt here."""

from __future__ import annotations

import sys
import time

import numpy as np

from lenet_gui.cli import _Parser, default_weights, load_data, load_weights
from lenet_gui.train.analysis import PERTURBATIONS, robustness_sweep

THRESHOLDS = (0.5, 0.7, 0.9, 0.95, 0.99)


def build_parser() -> _Parser:
    p = _Parser(prog="lenet-gui robustness",
                description="Test accuracy of a checkpoint under test-time perturbations.")
    p.add_argument("--weights", default=None, help="checkpoint (default: the shipped weights)")
    p.add_argument("--data", default=None, help="directory of the four IDX files "
                   "(default: the embedded MNIST)")
    p.add_argument("--limit", type=int, default=None,
                   help="use the first N test images (default: all)")
    p.add_argument("--seed", type=int, default=0, help="seed of the noise field")
    return p


def _pct(v: float) -> str:
    return "   n/a" if not np.isfinite(v) else f"{v * 100:6.2f}%"


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
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
    print(f"clean accuracy: {_pct(r.clean_accuracy).strip()}  "
          f"({time.perf_counter() - t0:.1f} s)")
    for c in r.curves:
        p = c.perturbation
        print()
        print(f"{p.name} ({p.unit})")
        print(f"  {'level':>8}  {'accuracy':>8}")
        for lv, acc in zip(c.levels, c.accuracy):
            print(f"  {lv:>8g}  {_pct(acc):>8}")
    print()
    print("confidence threshold (answer only when max y ≥ threshold)")
    print(f"  {'threshold':>9}  {'answered':>8}  {'right of answered':>17}")
    for t in THRESHOLDS:
        answered, acc = r.threshold.at(t)
        print(f"  {t:>9g}  {_pct(answered):>8}  {_pct(acc):>17}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
