"""The probe the network finds hard: among the first n test images, the one with the highest
cost J = −log y_z for the given weights. A well-learned image has J ≈ 0 and δ ≈ 0 everywhere
(nothing left to push back), so the δ panel shows the hardest one by default. No Qt here."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lenet_gui.data.preprocess import normalise
from lenet_gui.model import LeNet5

N_SEARCH = 500  # test images searched: one forward of 500 images takes ~15 ms on 2 cores
LEARNED_J = 1e-3  # J below this (y_z > 0.999): the sample is learned, its δ are ~0


@dataclass(frozen=True)
class HardPick:
    """The hardest of the first `searched` test images for one set of weights."""
    index: int  # its index in the test set
    J: float  # its cost −log y_z
    searched: int  # how many test images were searched
    wrong: int  # how many of them the net misclassifies


def hardest(net: LeNet5, images: np.ndarray, labels: np.ndarray,
            n: int = N_SEARCH) -> HardPick:
    """The image of images[:n] (uint8, (N, 28, 28)) with the highest J under `net`; ties go
    to the first. Shapes: images (N, 28, 28), labels (N,)."""
    n = min(n, len(labels))
    if n == 0:
        raise ValueError("no test images to search")
    z = np.asarray(labels[:n], np.int64)
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        y = net.predict(normalise(images[:n])).astype(np.float64)  # (n, 10)
        J = -np.log(np.maximum(y[np.arange(n), z], 1e-30))  # J = −log y_z, per image
    J = np.where(np.isfinite(J), J, np.inf)
    i = int(np.argmax(J))
    return HardPick(i, float(J[i]), n, int(np.sum(np.argmax(y, axis=1) != z)))


def is_learned(J: float) -> bool:
    """A sample whose y_z is so close to 1 that its δ are ~0 (J < LEARNED_J)."""
    return bool(np.isfinite(J) and J < LEARNED_J)
