"""`lenet-gui classify IMAGE... [--weights FILE]`: classify pictures of digits.

Each picture goes through the canvas's preprocessing (`lenet_gui.data.drawing`): light ink on
a dark ground or dark ink on light paper is detected from the border, then MNIST's crop, fit
into 20×20, centring by centre of mass, padding and normalisation. For each file it prints the
10 probabilities, then one line `FILE: 7 (98.6%)`. A file that cannot be read or holds no
digit gives one line on stderr; the exit code is then 1, after the other files are done.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import numpy as np

from lenet_gui.data.drawing import image_to_ink, preprocess_stages

MAX_PIXELS = 50_000_000  # larger pictures are refused before decoding (no decompression bombs)
MAX_SIDE = 1024  # larger pictures are box-filtered down to this before preprocessing
BAR = 30


class ImageError(ValueError):
    """A file that is not a readable picture of a digit; the message names the file."""


def load_image(path: str | Path) -> np.ndarray:
    """A picture file → (H, W) float32 ink in [0, 1] on 0. Raises ImageError naming the file."""
    try:
        from PIL import Image, ImageOps
    except ImportError:  # pragma: no cover - Pillow is a dependency of classify only
        raise ImageError("reading image files needs Pillow (pip install pillow)") from None
    path = Path(path)
    if path.is_dir():
        raise ImageError(f"{path}: is a directory, expected an image file")
    if not path.exists():
        raise ImageError(f"{path}: no such file")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as im:
                if im.width * im.height > MAX_PIXELS:
                    raise ImageError(f"{path}: {im.width}×{im.height} pixels is too large "
                                     f"(at most {MAX_PIXELS:,})")
                im.load()
                im = ImageOps.exif_transpose(im)
                if max(im.size) > MAX_SIDE:  # the digit ends up 20×20: no need for megapixels
                    im = im.copy()
                    im.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.BOX)
                if im.mode in ("RGBA", "LA", "PA") or "transparency" in im.info:
                    arr = np.asarray(im.convert("RGBA"), np.float32) / 255.0
                else:
                    arr = np.asarray(im.convert("L"), np.float32) / 255.0
    except ImageError:
        raise
    except Image.UnidentifiedImageError:
        raise ImageError(f"{path}: not an image file (Pillow cannot identify it; PNG or JPEG "
                         f"expected)") from None
    except (OSError, SyntaxError, ValueError, EOFError, MemoryError, Warning,
            Image.DecompressionBombError) as exc:
        # Pillow reports truncated or corrupt data with any of these
        raise ImageError(f"{path}: corrupt or unreadable image ({exc})") from None
    if arr.size == 0:
        raise ImageError(f"{path}: the image has no pixels")
    return image_to_ink(arr)


def classify_pixels(net, ink: np.ndarray) -> np.ndarray | None:
    """Ten probabilities for a picture's ink, or None if there is no ink."""
    stages = preprocess_stages(ink)
    if stages is None:
        return None
    return np.asarray(net.forward(stages.x)["y"][0], np.float64)


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


def build_parser():
    from lenet_gui.cli import _Parser

    p = _Parser(prog="lenet-gui classify",
                description="Classify pictures of handwritten digits with LeNet-5. Light ink "
                "on dark or dark ink on light is detected automatically.")
    p.add_argument("images", nargs="+", metavar="IMAGE", help="PNG or JPEG files")
    p.add_argument("--weights", default=None, help="checkpoint (default: the shipped weights)")
    return p


def main(argv: list[str] | None = None) -> int:
    from lenet_gui.cli import EXIT_ERROR, default_weights, load_weights

    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    if args.weights is None and not default_weights().exists():
        raise ValueError(f"no shipped weights at {default_weights()}; train some with "
                         f"'python main.py train --out FILE' and pass --weights FILE")
    net = load_weights(args.weights).to_net()  # CheckpointError → one line (cli._guard)
    failed = 0
    for i, name in enumerate(args.images):
        try:
            probs = classify_pixels(net, load_image(name))
            if probs is None:
                raise ImageError(f"{name}: no digit found (the picture is blank)")
        except ImageError as exc:
            sys.stdout.flush()
            print(f"lenet-gui classify: error: {exc}", file=sys.stderr, flush=True)
            failed += 1
            continue
        if i:
            print()
        print("\n".join(format_result(name, probs)), flush=True)
    return EXIT_ERROR if failed else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
