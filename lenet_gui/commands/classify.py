"""`lenet-gui classify IMAGE... [--weights FILE]`: classify pictures of digits, prepared as
the canvas prepares a drawing (lenet_gui.data.images). For each file it prints the 10
probabilities, then one line `FILE: 7 (98.6%)`; a file that cannot be read or holds no digit
gives one line on stderr and, after the other files, exit code 1."""

from __future__ import annotations

import numpy as np

from lenet_gui.commands._common import EXIT_ERROR, default_weights, load_weights, print_error

BAR = 30


def add_parser(sub):
    p = sub.add_parser("classify", help="classify image files as drawn digits",
                       description="Classify pictures of handwritten digits with LeNet-5. "
                       "Light ink on dark or dark ink on light is detected automatically.")
    p.add_argument("images", nargs="+", metavar="IMAGE", help="PNG or JPEG files")
    p.add_argument("--weights", default=None, help="checkpoint (default: the shipped weights)")
    return p


def format_result(name: str, probs: np.ndarray) -> list[str]:
    """The lines printed for one file; the last is `NAME: 7 (98.6%)`."""
    k = int(np.argmax(probs))
    lines = [f"{name}"]
    for d in range(10):
        p = float(probs[d])
        bar = "#" * int(round(p * BAR))
        mark = "  <" if d == k else ""
        lines.append(f"  {d}  {p * 100:6.2f}%  {bar}{mark}".rstrip())
    lines.append(f"{name}: {k} ({probs[k] * 100:.1f}%)")
    return lines


def run(args) -> int:
    from lenet_gui.data.images import ImageError, load_digit

    if args.weights is None and not default_weights().exists():
        raise ValueError(f"no shipped weights at {default_weights()}; train some with "
                         f"'python main.py train --out FILE' and pass --weights FILE")
    net = load_weights(args.weights).to_net()  # CheckpointError → one line (the guard)
    failed = 0
    for i, name in enumerate(args.images):
        try:
            probs = np.asarray(net.forward(load_digit(name))["y"][0], np.float64)
        except ImageError as exc:
            print_error("classify", exc)
            failed += 1
            continue
        if i:
            print()
        print("\n".join(format_result(name, probs)), flush=True)
    return EXIT_ERROR if failed else 0
