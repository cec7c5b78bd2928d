"""`lenet-gui classify IMAGE... [--weights FILE]`: classify pictures of digits, prepared as
the canvas prepares a drawing (lenet_gui.data.images). For each file it prints the 10
probabilities, then one line `FILE: 7 (98.6%)`; a file that cannot be read or holds no digit
gives one line on stderr and, after the other files, exit code 1.

A folder (`classify DIR`) gives one line `FILE: 7 (98.6%)` per picture in it, or per picture
in its class folders DIR/0 … DIR/9; the files it cannot read are skipped and counted in one
line on stderr."""

from __future__ import annotations

import numpy as np

from lenet_gui.commands._common import EXIT_ERROR, default_weights, load_weights, print_error

BAR = 30


def add_parser(sub):
    p = sub.add_parser("classify", help="classify image files as drawn digits",
                       description="Classify pictures of handwritten digits with LeNet-5. "
                       "Light ink on dark or dark ink on light is detected automatically.")
    p.add_argument("images", nargs="+", metavar="IMAGE",
                   help="PNG, JPEG or BMP files, or folders of them (DIR/*.png or "
                   "DIR/0/*.png … DIR/9/*.png)")
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


def classify_folder(net, folder) -> None:
    """One line per picture of a folder; the skipped files in one line on stderr."""
    from pathlib import Path

    from lenet_gui.data.folders import CLASSES, FolderData, FolderError, read_image_folder
    from lenet_gui.data.images import ImageError, ink_to_field, load_image

    entries = sorted(p for p in Path(folder).iterdir() if not p.name.startswith("."))
    if any(p.is_dir() and p.name in CLASSES for p in entries):
        data = read_image_folder(folder)  # the class layout
    else:  # a plain folder of pictures
        fields, paths, skipped = [], [], []
        for p in (p for p in entries if p.is_file()):
            try:
                f = ink_to_field(load_image(p))
                if f is None:
                    raise ImageError(f"{p}: blank")
            except ImageError as exc:
                skipped.append((p, str(exc).removeprefix(f"{p}: ")))
                continue
            fields.append(f)
            paths.append(p)
        if not fields:
            raise FolderError(f"{folder}: no pictures of digits in the folder nor class "
                              f"folders 0 to 9 in it")
        data = FolderData(Path(folder), np.stack(fields), np.zeros(len(fields), np.uint8),
                          tuple(paths), tuple(skipped))
    from lenet_gui.train import evaluate

    r = evaluate(net, data.images, data.labels, processes=True)
    for path, k, p in zip(data.paths, r.predictions, r.confidence):
        print(f"{path}: {int(k)} ({float(p) * 100:.1f}%)")
    if data.skipped:
        print_error("classify", data.skipped_message())


def run(args) -> int:
    from pathlib import Path

    from lenet_gui.data.images import ImageError, load_digit

    if args.weights is None and not default_weights().exists():
        raise ValueError(f"no shipped weights at {default_weights()}; train some with "
                         f"'python main.py train --out FILE' and pass --weights FILE")
    net = load_weights(args.weights).to_net()  # CheckpointError → one line (the guard)
    failed = 0
    for i, name in enumerate(args.images):
        if Path(name).is_dir():
            classify_folder(net, name)  # FolderError → one line (the guard)
            continue
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
