"""Data: IDX files, MNIST, the course's normalisation. No Qt here."""

from lenet_gui.data.idx import IdxFormatError, read_idx, read_images, read_labels
from lenet_gui.data.mnist import Dataset, load_mnist
from lenet_gui.data.preprocess import BACKGROUND, FOREGROUND, PIXEL_RANGE, normalise

__all__ = ["BACKGROUND", "FOREGROUND", "PIXEL_RANGE", "Dataset", "IdxFormatError", "load_mnist", "normalise",
           "read_idx", "read_images", "read_labels"]
