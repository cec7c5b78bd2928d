"""`lenet-gui attack [--epsilons 0,0.05,0.1,0.2,0.3] [--n 1000] [--iterative]`: test accuracy of a
checkpoint under the fast gradient sign method at each ε, ε in pixels of the [0, 1] range (the
FGSM literature's scale; ×1.275 in our input's scale). The last line reads
`accuracy at epsilon 0.1/0.2: a% / b%`."""

from __future__ import annotations

import sys
import time

from lenet_gui.commands._common import UsageError, default_weights, load_data, load_weights

ANCHOR = ("PyTorch's FGSM tutorial (its MNIST CNN, all 10,000 test images, ε on [0, 1] "
          "pixels): 98.45% clean, 41.23% at ε = 0.2")


def add_parser(sub):
    p = sub.add_parser("attack", help="test accuracy under FGSM adversarial examples",
                       description="Test accuracy under the fast gradient sign method (FGSM), "
                       "each test image moved ε along the sign of its own loss gradient δ(x). "
                       "ε is in pixels of the [0, 1] range, as in the FGSM literature: our input "
                       "maps a pixel p to −0.1 + 1.275·p, so ε pixels is 1.275·ε here, and every "
                       "attacked image is clipped to the input's range.")
    p.add_argument("--epsilons", default="0,0.05,0.1,0.2,0.3", metavar="E,E,…",
                   help="ε values in [0, 1] pixels (default 0,0.05,0.1,0.2,0.3)")
    p.add_argument("--n", type=int, default=1000, help="the first N test images (default 1000)")
    p.add_argument("--iterative", action="store_true",
                   help="the iterative form: 10 steps of 2.5·ε/10, kept within ε")
    p.add_argument("--weights", default=None, help="checkpoint (default: the shipped weights)")
    p.add_argument("--data", default=None, help="directory of the MNIST IDX files")
    return p


def parse_epsilons(text: str) -> list[float]:
    try:
        eps = [float(t) for t in text.split(",") if t.strip()]
    except ValueError:
        raise UsageError(f"--epsilons must be numbers separated by commas, got {text!r}") from None
    if not eps or any(not 0 <= e <= 1 for e in eps):
        raise UsageError(f"--epsilons must be in [0, 1] (pixels), got {text!r}")
    return eps


def run(args) -> int:
    from lenet_gui.explain import attack_accuracy

    eps = parse_epsilons(args.epsilons)
    if args.n < 1:
        raise UsageError(f"--n must be at least 1, got {args.n}")
    for needed in (0.1, 0.2):  # the last line's two numbers
        if needed not in eps:
            eps.append(needed)
    net = load_weights(args.weights).to_net()
    data = load_data(args.data)
    images, labels = data.test_images[: args.n], data.test_labels[: args.n]
    method = "iterative FGSM (10 steps)" if args.iterative else "FGSM"
    print(f"weights: {args.weights or default_weights()}")
    print(f"{len(labels):,} test images from {data.source}; {method}; ε in [0, 1] pixels "
          f"(×1.275 in the input's scale)")
    tty = sys.stdout.isatty()
    t0 = time.perf_counter()

    def progress(done: int, total: int) -> None:
        if tty:
            print(f"\r{done * 100 // max(total, 1):3d}% …", end="", flush=True)

    acc = attack_accuracy(net, images, labels, eps, iterative=args.iterative, progress=progress)
    if tty:
        print("\r", end="")
    print(f"  {'epsilon':>7}  {'accuracy':>8}")
    for e, a in zip(eps, acc):
        print(f"  {e:>7g}  {a * 100:>7.2f}%")
    print(f"({time.perf_counter() - t0:.1f} s)  anchor: {ANCHOR}")
    at = dict(zip(eps, acc))
    print(f"accuracy at epsilon 0.1/0.2: {at[0.1] * 100:.2f}% / {at[0.2] * 100:.2f}%")
    return 0
