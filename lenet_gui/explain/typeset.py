"""The course's formulas typeset by matplotlib's mathtext (Agg rasteriser), for the GUI.

No pyplot and no Qt: `render` gives an RGBA array, `render_png` PNG bytes. Results are
cached, because the stepper shows the same few dozen formulas again and again.
"""

from __future__ import annotations

import io
from functools import lru_cache

import numpy as np


@lru_cache(maxsize=1)
def _parser():
    """matplotlib's mathtext parser, imported on the first formula: importing matplotlib
    costs ~0.25 s, and the window's start shows no formula (the stepper typesets its own
    when it is first shown)."""
    from matplotlib.mathtext import MathTextParser

    return MathTextParser("agg")


@lru_cache(maxsize=512)
def _alpha(text: str, fontsize: float, dpi: float) -> np.ndarray:
    """The coverage (0–255) of the typeset text. Shapes: -> (H, W) uint8"""
    from matplotlib.font_manager import FontProperties

    prop = FontProperties(size=fontsize, math_fontfamily="dejavusans")
    parsed = _parser().parse(text, dpi=dpi, prop=prop)
    a = np.asarray(parsed.image, dtype=np.uint8)
    a.setflags(write=False)
    return a


def render(text: str, fontsize: float = 11.0, dpi: float = 100.0,
           color: tuple[int, int, int] = (0, 0, 0), pad: int = 2) -> np.ndarray:
    """mathtext (e.g. r"$\\delta(f7_i) = -(z_i - y_i)$") as a transparent RGBA image in
    `color`, with `pad` pixels of margin. Raises ValueError on a formula mathtext cannot
    parse. Shapes: -> (H, W, 4) uint8"""
    return _render(text, float(fontsize), float(dpi), tuple(int(c) for c in color), int(pad))


@lru_cache(maxsize=512)
def _render(text, fontsize, dpi, color, pad) -> np.ndarray:
    a = _alpha(text, fontsize, dpi)
    h, w = a.shape
    out = np.zeros((h + 2 * pad, w + 2 * pad, 4), np.uint8)
    out[pad:pad + h, pad:pad + w, :3] = color
    out[pad:pad + h, pad:pad + w, 3] = a
    out.setflags(write=False)
    return out


@lru_cache(maxsize=256)
def render_png(text: str, fontsize: float = 11.0, dpi: float = 100.0,
               color: tuple[int, int, int] = (0, 0, 0)) -> bytes:
    """The same image as PNG bytes (Pillow comes with matplotlib)."""
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(np.array(render(text, fontsize, dpi, color)), "RGBA").save(buf, "PNG")
    return buf.getvalue()


def cache_clear() -> None:
    _alpha.cache_clear()
    _render.cache_clear()
    render_png.cache_clear()
