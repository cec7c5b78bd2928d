"""The IDX reader: every malformed file is an IdxFormatError naming the file, the expected and
the found; .gz and plain files load identically."""

import gzip
import struct

import numpy as np
import pytest

from lenet_gui.data import IdxFormatError, load_mnist, read_images, read_labels
from lenet_gui.data.idx import parse_idx
from lenet_gui.resources import resource_path


def idx_bytes(arr: np.ndarray, type_code: int = 0x08) -> bytes:
    header = struct.pack(">HBB", 0, type_code, arr.ndim) + struct.pack(f">{arr.ndim}I", *arr.shape)
    return header + arr.astype(np.uint8).tobytes()


def write(tmp_path, name, data: bytes, gz=False):
    p = tmp_path / (name + (".gz" if gz else ""))
    p.write_bytes(gzip.compress(data) if gz else data)
    return p


@pytest.fixture
def images():
    return np.random.default_rng(0).integers(0, 256, (5, 28, 28), dtype=np.uint8)


def test_plain_and_gzip_load_identically(tmp_path, images):
    a = read_images(write(tmp_path, "a-idx3-ubyte", idx_bytes(images)))
    b = read_images(write(tmp_path, "b-idx3-ubyte", idx_bytes(images), gz=True))
    assert a.dtype == np.uint8 and a.flags.writeable and a.flags.c_contiguous
    np.testing.assert_array_equal(a, images)
    np.testing.assert_array_equal(b, images)


def test_both_naming_styles_and_any_directory(tmp_path):
    src = resource_path("mnist")
    labels = gzip.decompress((src / "t10k-labels.idx1-ubyte.gz").read_bytes())
    imgs = gzip.decompress((src / "t10k-images.idx3-ubyte.gz").read_bytes())
    (tmp_path / "t10k-labels-idx1-ubyte").write_bytes(labels)  # dash style, plain
    (tmp_path / "t10k-images.idx3-ubyte").write_bytes(imgs)  # dot style, plain
    # gzip level 1: the reader sees the same format; level 9 took seconds over 7.8 MB
    (tmp_path / "train-labels-idx1-ubyte.gz").write_bytes(gzip.compress(labels, compresslevel=1))
    (tmp_path / "train-images-idx3-ubyte.gz").write_bytes(gzip.compress(imgs, compresslevel=1))
    d = load_mnist(tmp_path)
    assert d.test_images.shape == (10000, 28, 28) and d.train_labels[:3].tolist() == [7, 2, 1]


def test_embedded_mnist_is_the_real_data():
    d = load_mnist()
    assert d.train_images.shape == (60000, 28, 28) and d.test_images.shape == (10000, 28, 28)
    assert d.train_labels[:10].tolist() == [5, 0, 4, 1, 9, 2, 1, 3, 1, 4]
    assert d.test_labels[:10].tolist() == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9]
    assert np.bincount(d.test_labels).tolist() == [980, 1135, 1032, 1010, 982, 892, 958, 1028,
                                                    974, 1009]


GOOD = idx_bytes(np.zeros((3, 28, 28)))
CASES = {
    "empty file": (b"", "too short"),
    "bad magic": (b"\x01\x02" + GOOD[2:], "bad magic"),
    "unknown type": (GOOD[:2] + b"\x07" + GOOD[3:], "unknown type code"),
    "truncated header": (GOOD[:10], "header truncated"),
    "truncated payload": (GOOD[:-100], "payload truncated: header says (3, 28, 28) uint8 = 2368 "
                                       "bytes, file has 2268"),
    "trailing bytes": (GOOD + b"\x00" * 7, "trailing bytes"),
    "wrong image size": (idx_bytes(np.zeros((3, 20, 28))), "expected 28×28 images, found 20×28"),
    "wrong ndim": (idx_bytes(np.zeros((3, 784))), "with 3 dimensions, found uint8 with 2"),
    "zero images": (idx_bytes(np.zeros((0, 28, 28))), "at least one image"),
    "float type": (struct.pack(">HBB", 0, 0x0D, 3) + struct.pack(">3I", 1, 28, 28)
                   + b"\x00" * 4 * 784, "type 0x08 (uint8)"),
}


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("gz", [False, True])
def test_image_rejections_name_file_expected_and_found(tmp_path, case, gz):
    data, expected = CASES[case]
    path = write(tmp_path, "train-images-idx3-ubyte", data, gz=gz)
    with pytest.raises(IdxFormatError) as err:
        read_images(path)
    assert path.name in str(err.value)
    assert expected in str(err.value)


def test_label_rejections(tmp_path):
    bad = write(tmp_path, "l1", idx_bytes(np.array([1, 2, 10, 3])))
    with pytest.raises(IdxFormatError, match=r"l1: expected labels 0–9, found 10 at index 2"):
        read_labels(bad)
    with pytest.raises(IdxFormatError, match="1 dimension"):
        read_labels(write(tmp_path, "l2", idx_bytes(np.zeros((2, 2)))))


@pytest.mark.parametrize("corruption", ["truncated", "garbage", "bad crc"])
def test_corrupt_gzip(tmp_path, images, corruption):
    gz = bytearray(gzip.compress(idx_bytes(images)))
    if corruption == "truncated":
        gz = gz[: len(gz) // 2]
    elif corruption == "garbage":
        gz[20:60] = b"\xff" * 40
    else:
        gz[-8] ^= 0xFF
    path = tmp_path / "x-idx3-ubyte.gz"
    path.write_bytes(bytes(gz))
    with pytest.raises(IdxFormatError, match="x-idx3-ubyte.gz: corrupt gzip"):
        read_images(path)


def test_count_mismatch_and_missing_files(tmp_path):
    imgs = idx_bytes(np.zeros((3, 28, 28)))
    for stem in ("train", "t10k"):
        (tmp_path / f"{stem}-images-idx3-ubyte").write_bytes(imgs)
    (tmp_path / "t10k-labels-idx1-ubyte").write_bytes(idx_bytes(np.array([1, 2, 3])))
    with pytest.raises(IdxFormatError, match="no train-labels file"):
        load_mnist(tmp_path)
    (tmp_path / "train-labels-idx1-ubyte").write_bytes(idx_bytes(np.array([1, 2])))
    with pytest.raises(IdxFormatError, match="found 3 images and 2 labels"):
        load_mnist(tmp_path)
    with pytest.raises(IdxFormatError, match="not a directory"):
        load_mnist(tmp_path / "nope")


def test_parse_returns_native_endian_copy():
    arr = np.arange(6, dtype=">i4").reshape(2, 3)
    data = struct.pack(">HBB", 0, 0x0C, 2) + struct.pack(">2I", 2, 3) + arr.tobytes()
    out = parse_idx(data, "x")
    assert out.dtype.isnative and out.flags.writeable
    np.testing.assert_array_equal(out, arr)
