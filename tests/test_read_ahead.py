"""MNIST read ahead (data/read_ahead.py): what the start read is handed over once, for the
folder it was read from only, with the reader's error if it failed."""

import gzip

import numpy as np
import pytest

from lenet_gui.data import IdxFormatError, load_mnist, read_ahead
from tests.test_idx import idx_bytes


@pytest.fixture
def folder(tmp_path):
    rng = np.random.default_rng(0)
    for part, n in (("train", 12), ("t10k", 7)):
        images = rng.integers(0, 256, (n, 28, 28), dtype=np.uint8)
        labels = rng.integers(0, 10, n, dtype=np.uint8)
        (tmp_path / f"{part}-images-idx3-ubyte.gz").write_bytes(gzip.compress(idx_bytes(images)))
        (tmp_path / f"{part}-labels-idx1-ubyte").write_bytes(idx_bytes(labels))
    return tmp_path


def test_the_read_ahead_is_what_load_mnist_reads_taken_once(folder):
    read_ahead.start(folder)
    ahead = read_ahead.take(folder / ".")  # the same folder, written another way
    assert ahead is not None
    data, again = ahead.result(timeout=60), load_mnist(folder)
    for key in ("train_images", "train_labels", "test_images", "test_labels"):
        np.testing.assert_array_equal(getattr(data, key), getattr(again, key))
    assert read_ahead.take(folder) is None  # handed over once


def test_another_folder_gets_nothing_and_the_read_ahead_is_dropped(folder, tmp_path_factory):
    read_ahead.start(folder)
    assert read_ahead.take(tmp_path_factory.mktemp("other")) is None
    assert read_ahead.take(folder) is None


def test_a_failed_read_ahead_raises_the_readers_error(folder):
    (folder / "train-labels-idx1-ubyte").write_bytes(b"\x00\x00\x08")  # truncated header
    read_ahead.start(folder)
    with pytest.raises(IdxFormatError, match="train-labels"):
        read_ahead.take(folder).result(timeout=60)


def test_nothing_started_nothing_taken():
    assert read_ahead.take() is None
