"""MNIST (or any data set in its four-file IDX layout, e.g. Fashion-MNIST) from a directory.

Images stay uint8 (47 MB for the training set); `normalise` turns a batch into the network's
32×32 float input when it is needed.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from lenet_gui.data.idx import IdxFormatError, read_images, read_labels

STEMS = {
    "train_images": "train-images", "train_labels": "train-labels",
    "test_images": "t10k-images", "test_labels": "t10k-labels",
}
KINDS = {"images": "idx3-ubyte", "labels": "idx1-ubyte"}


def default_data_dir() -> Path:
    """resources/mnist, next to the package in a checkout or inside an installed wheel."""
    from lenet_gui.resources import resource_path

    return resource_path("mnist")


def find_file(directory: Path, stem: str, kind: str) -> Path:
    """Accepts both naming styles (train-images.idx3-ubyte and train-images-idx3-ubyte),
    plain or .gz."""
    suffix = KINDS[kind]
    candidates = [directory / f"{stem}{sep}{suffix}{gz}" for sep in (".", "-") for gz in ("", ".gz")]
    for c in candidates:
        if c.is_file():
            return c
    raise IdxFormatError(f"{directory}: no {stem} file: expected one of "
                         f"{', '.join(c.name for c in candidates)}")


@dataclass(frozen=True)
class Dataset:
    train_images: np.ndarray  # (60000, 28, 28) uint8
    train_labels: np.ndarray  # (60000,) uint8
    test_images: np.ndarray  # (10000, 28, 28) uint8
    test_labels: np.ndarray  # (10000,) uint8
    source: str


def load_mnist(directory: str | os.PathLike | None = None,
               progress: Callable[[str, int, int], None] | None = None) -> Dataset:
    """Load and validate the four files; any problem is an IdxFormatError naming the file."""
    directory = Path(directory) if directory is not None else default_data_dir()
    if not directory.is_dir():
        raise IdxFormatError(f"{directory}: not a directory")
    arrays = {}
    for i, (key, stem) in enumerate(STEMS.items()):
        kind = key.split("_")[1]
        path = find_file(directory, stem, kind)
        if progress:
            progress(path.name, i, len(STEMS))
        arrays[key] = read_images(path) if kind == "images" else read_labels(path)
    for part in ("train", "test"):
        n_img, n_lab = len(arrays[f"{part}_images"]), len(arrays[f"{part}_labels"])
        if n_img != n_lab:
            raise IdxFormatError(f"{directory}: {part} set: expected as many labels as images, "
                                 f"found {n_img} images and {n_lab} labels")
    if progress:
        progress("done", len(STEMS), len(STEMS))
    return Dataset(**arrays, source=str(directory))
