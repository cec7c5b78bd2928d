"""Synthetic digit-like images, for the benchmark and the tests: the same input statistics as
normalised MNIST without reading it. No Qt here."""

from __future__ import annotations

import numpy as np


def mnist_like(n: int, rng: np.random.Generator, noise: float = 0.0) -> np.ndarray:
    """Digit-like images: a −0.1 background (ties in every pooling window, as in MNIST) and
    a blob of ink up to 1.175 in the central 20×20; `noise` adds a Gaussian background.

    Shapes: -> (n, 1, 32, 32) float32
    """
    ink = np.zeros((n, 1, 32, 32))
    yy, xx = np.mgrid[0:20, 0:20]
    for i in range(n):
        cy, cx = rng.uniform(6, 14, 2)
        r = rng.uniform(4, 8)
        ring = np.abs(np.hypot(yy - cy, xx - cx) - r) < rng.uniform(1, 2.5)
        stroke = np.abs((yy - cy) * rng.normal() - (xx - cx)) < 1.5
        ink[i, 0, 6:26, 6:26] = (ring | stroke * (rng.random() < 0.5)) * rng.uniform(0.6, 1, (20, 20))
    x = ink * 1.275 - 0.1  # the course's normalisation: background −0.1, full ink 1.175
    if noise:
        x += rng.normal(0.0, noise, x.shape)
    return x.astype(np.float32)
