"""`lenet-gui backprop`: one sample's backpropagation printed step by step, in the course's
order, with a float64 finite-difference check of sampled entries and one update. The last line
reads `max relative error: 3.1e-08  J: 0.4213 -> 0.4102`."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from lenet_gui.commands._common import default_weights
from lenet_gui.model.options import C3, F7

CHECKS_PER_QUANTITY = 2  # finite-difference checks per checkable quantity


def add_parser(sub):
    p = sub.add_parser("backprop", help="print one sample's backpropagation, step by step",
                       description="Print one sample's backpropagation, step by step, as the "
                       "course derives it: each quantity's shape and norm, finite-difference "
                       "checks in float64, and J before and after one update step.")
    src = p.add_mutually_exclusive_group()
    src.add_argument("--sample", type=int, default=None, metavar="N",
                     help="test image index (default 0)")
    src.add_argument("--image", default=None, metavar="FILE",
                     help="an image file of a digit (needs Pillow), dark ink on light or light "
                     "on dark")
    p.add_argument("--label", type=int, default=None, metavar="K",
                   help="the label z (default: the test label; for --image, the prediction)")
    p.add_argument("--weights", default=None, metavar="FILE",
                   help="checkpoint (default: the shipped weights)")
    p.add_argument("--alpha", type=float, default=0.01, help="learning rate α of the update "
                   "step (default 0.01)")
    p.add_argument("--data", default=None, help="directory of the MNIST IDX files")
    return p


def _norm(a) -> float:
    return float(np.linalg.norm(np.asarray(a, np.float64)))


def run(args) -> int:
    from lenet_gui.explain.formulas import fmt_J
    from lenet_gui.explain.walk import BackpropWalk
    from lenet_gui.train import load_checkpoint

    if args.label is not None and not 0 <= args.label <= 9:
        raise ValueError(f"--label must be a digit 0–9, got {args.label}")
    if not (args.alpha > 0 and np.isfinite(args.alpha)):
        raise ValueError(f"--alpha must be positive, got {args.alpha}")
    weights = Path(args.weights) if args.weights else default_weights()
    if not weights.is_file():
        raise OSError(f"{weights}: no such checkpoint (train one with `python main.py train` "
                      "and pass --weights)")
    net = load_checkpoint(weights).to_net()
    if args.image is not None:
        from lenet_gui.data.images import load_digit

        x = load_digit(args.image)
        source = args.image
        label = args.label
    else:
        from lenet_gui.data import load_mnist, normalise

        data = load_mnist(args.data)
        n = len(data.test_labels)
        index = 0 if args.sample is None else args.sample
        if not 0 <= index < n:
            raise ValueError(f"--sample must be a test index 0–{n - 1}, got {index}")
        x = normalise(data.test_images[index : index + 1])
        source = f"test #{index} (true label {int(data.test_labels[index])})"
        label = int(data.test_labels[index]) if args.label is None else args.label
    if label is None:
        label = int(np.argmax(net.predict(x)[0]))
    walk = BackpropWalk(net, x, label, alpha=args.alpha)
    cfg = net.config
    print(f"sample: {source}; label z = {label}; weights: {weights}")
    print(f"model: {cfg.activation}, {cfg.pooling}-pooling, C3 {C3[cfg.c3_table].name}, "
          f"{F7[cfg.f7_activation].name}")
    y = walk.t["y"]
    print(f"y = [{', '.join(f'{v:.3f}' for v in y)}]  prediction {int(np.argmax(y))}  "
          f"J = -log y_z = {walk.J:.6g}")
    worst = 0.0
    for step in walk.steps:
        print()
        print(f"[{step.title}]")
        print(f"  {step.reading}")
        for q in step.quantities:
            print(f"  {q.text:<20} {str(tuple(q.array.shape)):<18} norm {_norm(q.array):.4e}")
        for q in step.quantities:
            if not q.checkable:
                continue
            done = 0
            for index in walk.check_candidates(q.key, n=8):
                if done == CHECKS_PER_QUANTITY:
                    break
                c = walk.check(q.key, index)
                if c.kink:  # a pooling tie or ReLU kink: J has no derivative there
                    continue
                done += 1
                worst = max(worst, c.rel_error)
                print(f"  check {c.name:<26} analytic {c.analytic:+.6e}  numeric "
                      f"{c.numeric:+.6e}  rel. error {c.rel_error:.1e}")
    r = walk.last_update
    print()
    print(f"update α = {r.alpha:g}: ‖Δθ‖ per layer: " + ", ".join(
        f"{k} {_norm(r.delta[k]):.3e}" for k in ("w1", "w3", "w5", "w6", "w7")))
    before, after = fmt_J(r.J_before, r.J_after)  # digits enough that the two differ
    print(f"max relative error: {worst:.1e}  J: {before} -> {after}")
    return 0
