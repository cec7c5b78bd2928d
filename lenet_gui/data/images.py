"""Picture files of digits (PNG, JPEG, … through Pillow) read safely: a size limit before
decoding, EXIF rotation, transparency, and one ImageError naming the file for anything wrong.
No Qt here."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np

from lenet_gui.data.drawing import image_to_ink, preprocess_stages
from lenet_gui.data.preprocess import normalise

MAX_PIXELS = 50_000_000  # larger pictures are refused before decoding (no decompression bombs)
MAX_SIDE = 1024  # larger pictures are box-filtered down to this before preprocessing


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


def ink_to_field(ink: np.ndarray) -> np.ndarray | None:
    """Ink as MNIST's bytes, prepared as the canvas prepares a drawing (crop, fit 20×20,
    centre by mass in 28×28); None for a blank picture.

    Shapes: ink (H, W) float in [0, 1] -> (28, 28) uint8
    """
    stages = preprocess_stages(ink)
    if stages is None:
        return None
    return np.round(stages.centred * 255.0).astype(np.uint8)


def load_digit(path: str | Path) -> np.ndarray:
    """A picture file as the network's input, prepared as the canvas prepares a drawing
    (crop, fit 20×20, centre by mass, pad, normalise) and rounded to bytes as MNIST's images
    are (so a file gives the same input alone as in a folder, data.folders). Raises
    ImageError for a blank picture.

    Shapes: -> (1, 1, 32, 32) float32
    """
    field = ink_to_field(load_image(path))
    if field is None:
        raise ImageError(f"{path}: no digit found (the picture is blank)")
    return normalise(field[None])
