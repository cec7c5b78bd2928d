"""The course's input normalisation: 28×28 uint8 → 32×32, background −0.1, ink 1.175."""

from __future__ import annotations

import numpy as np

BACKGROUND = -0.1  # white in the paper; 0 in MNIST's bytes
FOREGROUND = 1.175  # black in the paper; 255 in MNIST's bytes
SCALE = (FOREGROUND - BACKGROUND) / 255.0
# One unit of [0, 1] pixels (MNIST's bytes / 255) in the input's scale: a change of ε pixels
# is ε·1.275 here. The adversarial ε of explain/ and the robustness sweep are in pixels.
PIXEL_RANGE = FOREGROUND - BACKGROUND


def normalise(images: np.ndarray, out: np.ndarray | None = None,
              dtype=np.float32) -> np.ndarray:
    """Pad by 2 on every side and map 0..255 linearly to −0.1..1.175.

    Shapes: images (N, 28, 28) uint8 (or float in 0..255) -> (N, 1, 32, 32)
    `out` lets the trainer reuse one buffer per batch size.
    """
    N = images.shape[0]
    if out is None:
        out = np.empty((N, 1, 32, 32), dtype=dtype)
    out.fill(BACKGROUND)
    inner = out[:, 0, 2:30, 2:30]
    np.multiply(images, SCALE, out=inner, casting="unsafe")
    inner += BACKGROUND
    return out
