"""A drawn digit → LeNet-5's input, the way MNIST itself was made. NumPy only, no Qt.

MNIST's recipe (LeCun et al.): the binary NIST digit was cropped to its bounding box, scaled
to fit a 20×20 box keeping its aspect ratio (anti-aliasing makes the grey levels), and placed
in a 28×28 field so that its centre of mass sits at the centre. The course then pads to 32×32
and maps background to −0.1 and ink to 1.175 (`preprocess.normalise`).

Pixels here are (H, W) floats in [0, 1] with ink = 1 (light on dark, as MNIST's bytes).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lenet_gui.data.preprocess import BACKGROUND, FOREGROUND, normalise

FIT = 20  # the box the digit is scaled into
FIELD = 28  # MNIST's image
CENTRE = 14.0  # MNIST's centre of mass, in pixel-index coordinates (measured: 14.0 ± 0.5)
INK_THRESHOLD = 0.5 / 255  # any ink counts for the bounding box, as MNIST's nonzero bytes
NOISE_FLOOR = 0.08  # image_to_ink: ink this faint above the paper is paper texture or noise
MIN_INK = 1.0  # less total ink than one full pixel: an empty canvas

__all__ = ["BACKGROUND", "FOREGROUND", "Stages", "bounding_box", "canvas_to_input",
           "centre_of_mass", "fit_box", "image_to_ink", "place_by_centre_of_mass",
           "preprocess_stages", "resize_area"]


@dataclass(frozen=True)
class Stages:
    """Every step, for display. All arrays are float32 in [0, 1] (ink = 1) except `x`."""
    drawn: np.ndarray  # (H, W) the canvas as given
    cropped: np.ndarray  # (h, w) the ink's bounding box
    fitted: np.ndarray  # (h', w'), max(h', w') = 20: scaled, aspect ratio kept
    centred: np.ndarray  # (28, 28) centre of mass at (14, 14)
    x: np.ndarray  # (1, 1, 32, 32) float32 network input, background −0.1, ink 1.175
    box: tuple[int, int, int, int]  # (top, bottom, left, right) of the crop, exclusive ends
    offset: tuple[int, int]  # (row, col) of `fitted`'s top-left corner in `centred`

    @property
    def fitted20(self) -> np.ndarray:
        """`fitted` in the middle of a 20×20 box, for showing it at the size it is scaled to."""
        out = np.zeros((FIT, FIT), np.float32)
        h, w = self.fitted.shape
        t, l = (FIT - h) // 2, (FIT - w) // 2
        out[t : t + h, l : l + w] = self.fitted
        return out


def bounding_box(pixels: np.ndarray,
                 threshold: float = INK_THRESHOLD) -> tuple[int, int, int, int] | None:
    """(top, bottom, left, right), exclusive ends, of the pixels ≥ threshold; None if none."""
    ink = pixels >= threshold
    rows = np.flatnonzero(ink.any(axis=1))
    if rows.size == 0:
        return None
    cols = np.flatnonzero(ink.any(axis=0))
    return int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1


def _area_matrix(n_in: int, n_out: int) -> np.ndarray:
    """(n_out, n_in) weights of a box filter: output cell i averages input interval
    [i·n_in/n_out, (i+1)·n_in/n_out), each input pixel weighted by its overlap."""
    edges = np.arange(n_out + 1, dtype=np.float64) * (n_in / n_out)
    lo, hi = edges[:-1, None], edges[1:, None]
    j = np.arange(n_in, dtype=np.float64)[None, :]
    overlap = np.clip(np.minimum(hi, j + 1) - np.maximum(lo, j), 0.0, None)
    return overlap / overlap.sum(axis=1, keepdims=True)


def resize_area(img: np.ndarray, height: int, width: int) -> np.ndarray:
    """Resample (H, W) to (height, width) by area averaging (a box filter): every output pixel
    is the mean of the input area it covers, so thin strokes fade to grey instead of vanishing.
    Enlarging gives blocky pixels with blended edges."""
    img = np.asarray(img, np.float64)
    rows = _area_matrix(img.shape[0], height)
    cols = _area_matrix(img.shape[1], width)
    return (rows @ img @ cols.T).astype(np.float32)


def fit_box(cropped: np.ndarray, size: int = FIT) -> np.ndarray:
    """Scale so that the longer side is `size`, keeping the aspect ratio (shorter side ≥ 1)."""
    h, w = cropped.shape
    s = size / max(h, w)
    oh, ow = (size, max(1, round(w * s))) if h >= w else (max(1, round(h * s)), size)
    return resize_area(cropped, oh, ow)


def centre_of_mass(img: np.ndarray) -> tuple[float, float]:
    """(row, col) of the intensity-weighted mean pixel index."""
    img = np.asarray(img, np.float64)
    total = img.sum()
    if total <= 0:
        return (img.shape[0] - 1) / 2, (img.shape[1] - 1) / 2
    r = (img.sum(axis=1) @ np.arange(img.shape[0])) / total
    c = (img.sum(axis=0) @ np.arange(img.shape[1])) / total
    return float(r), float(c)


def place_by_centre_of_mass(fitted: np.ndarray, size: int = FIELD,
                            centre: float = CENTRE) -> tuple[np.ndarray, tuple[int, int]]:
    """Put `fitted` in a (size, size) field, moved by whole pixels so that its centre of mass
    lands on (centre, centre) — within ±0.5 pixel, unless that would push the digit out of the
    field, in which case it is kept just inside. Returns (field, (top, left))."""
    h, w = fitted.shape
    r, c = centre_of_mass(fitted)
    top = int(np.clip(round(centre - r), 0, size - h))
    left = int(np.clip(round(centre - c), 0, size - w))
    out = np.zeros((size, size), np.float32)
    out[top : top + h, left : left + w] = fitted
    return out, (top, left)


def preprocess_stages(pixels: np.ndarray, threshold: float = INK_THRESHOLD) -> Stages | None:
    """Every stage from canvas to network input; None for an empty canvas.

    Shapes: pixels (H, W) float in [0, 1], ink = 1 -> Stages (x is (1, 1, 32, 32) float32)
    """
    drawn = np.asarray(pixels, np.float32)
    if drawn.ndim != 2:
        raise ValueError(f"canvas pixels must be a 2-D (H, W) array, got shape {drawn.shape}")
    drawn = np.clip(np.nan_to_num(drawn, nan=0.0), 0.0, 1.0)
    if drawn.sum() < MIN_INK:
        return None
    box = bounding_box(drawn, threshold)
    if box is None:
        return None
    t, b, l, r = box
    cropped = drawn[t:b, l:r]
    fitted = np.clip(fit_box(cropped), 0.0, 1.0)
    centred, offset = place_by_centre_of_mass(fitted)
    x = normalise(centred[None] * 255.0)
    return Stages(drawn, cropped, fitted, centred, x, box, offset)


def canvas_to_input(pixels: np.ndarray) -> np.ndarray | None:
    """The network input for a drawing, or None for an empty canvas.

    Shapes: pixels (H, W) float in [0, 1], ink = 1 -> (1, 1, 32, 32) float32
    """
    stages = preprocess_stages(pixels)
    return None if stages is None else stages.x


def image_to_ink(image: np.ndarray) -> np.ndarray:
    """Any picture of a digit → (H, W) float32 ink in [0, 1] on a background of 0.

    `image`: (H, W) grey, (H, W, 3) RGB or (H, W, 4) RGBA, floats in [0, 1]. Transparent
    pixels are composited onto the background that contrasts with the opaque ones. Dark ink on
    light paper or light ink on a dark ground is told apart by the border, which is
    background; the border's typical level (plus NOISE_FLOOR, to drop paper texture and JPEG
    noise, which would otherwise stretch the bounding box) becomes 0 and the strongest ink 1.
    """
    a = np.asarray(image, np.float64)
    if a.ndim == 3 and a.shape[2] in (2, 4):  # grey+alpha or RGBA
        alpha = np.clip(a[..., -1], 0.0, 1.0)
        grey = _luminance(a[..., :-1])
        if alpha.min() < 0.99:
            opaque = alpha > 0.5
            ink_is_light = opaque.any() and np.median(grey[opaque]) > 0.5
            ground = 0.0 if ink_is_light else 1.0
            grey = grey * alpha + ground * (1.0 - alpha)
    elif a.ndim == 3 and a.shape[2] in (1, 3):
        grey = _luminance(a)
    elif a.ndim == 2:
        grey = a
    else:
        raise ValueError(f"expected an (H, W), (H, W, 3) or (H, W, 4) image, got {a.shape}")
    grey = np.clip(np.nan_to_num(grey), 0.0, 1.0)
    border = np.concatenate([grey[0], grey[-1], grey[:, 0], grey[:, -1]])
    ink = grey if np.median(border) < 0.5 else 1.0 - grey
    border_ink = np.concatenate([ink[0], ink[-1], ink[:, 0], ink[:, -1]])
    bg = float(np.percentile(border_ink, 90))  # a stroke may touch the border: not the max
    peak = float(ink.max())
    if peak - bg < 0.1:  # no contrast: a blank picture
        return np.zeros(grey.shape, np.float32)
    floor = bg + NOISE_FLOOR * (peak - bg)
    return np.clip((ink - floor) / (peak - floor), 0.0, 1.0).astype(np.float32)


def _luminance(rgb: np.ndarray) -> np.ndarray:
    if rgb.shape[-1] == 1:
        return rgb[..., 0]
    return rgb @ np.array([0.299, 0.587, 0.114])
