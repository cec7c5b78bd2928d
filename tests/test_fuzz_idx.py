"""Fuzzing the IDX reader (data/idx.py), plain and gzip-compressed: MNIST's images and labels.

IDX carries no checksum: a changed pixel or label byte cannot be detected, so the property is
that a load gives exactly what the bytes say (an independent decoding, `what_the_bytes_say`,
below) or one IdxFormatError naming the file. A .gz file carries gzip's CRC-32 and length: a
damaged .gz is refused, and a mutation of the inner file (compressed again, so gzip's checks
pass) is IDX's case again."""

from __future__ import annotations

import gzip
import math
import struct
import zlib

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from lenet_gui.data.idx import MAX_BYTES, TYPES, IdxFormatError, read_idx, read_images, read_labels
from tests.fuzzing import bounded_memory, file_bound, mutated

pytestmark = pytest.mark.fuzz

RNG = np.random.default_rng(27)
IMAGES = RNG.integers(0, 256, (3, 28, 28), dtype=np.uint8)
LABELS = RNG.integers(0, 10, 7, dtype=np.uint8)


def idx_bytes(arr: np.ndarray, type_code: int = 0x08, dims: tuple[int, ...] | None = None) -> bytes:
    dims = arr.shape if dims is None else dims
    return (struct.pack(">HBB", 0, type_code, len(dims)) + struct.pack(f">{len(dims)}I", *dims)
            + arr.tobytes())


IMAGES_IDX = idx_bytes(IMAGES)
LABELS_IDX = idx_bytes(LABELS)
HEADER_FIELDS = (0, 2, 3, 4, 8, 12, 16)  # magic, type, ndim, the sizes


def what_the_bytes_say(data: bytes) -> np.ndarray | None:
    """IDX decoded from its specification, independently of the reader: the array, or None
    when the bytes are not a complete IDX file."""
    if len(data) < 4 or data[:2] != b"\0\0" or data[2] not in TYPES or data[3] == 0:
        return None
    ndim = data[3]
    if len(data) < 4 + 4 * ndim:
        return None
    dims = struct.unpack(f">{ndim}I", data[4 : 4 + 4 * ndim])
    dtype = np.dtype(TYPES[data[2]])
    if math.prod(d for d in dims if d) * dtype.itemsize > MAX_BYTES:  # the reader's documented limit
        return None
    if len(data) != 4 + 4 * ndim + math.prod(dims) * dtype.itemsize:
        return None
    return np.frombuffer(data, dtype, offset=4 + 4 * ndim).reshape(dims)


def check_read(path, data: bytes, reader, size: int) -> None:
    """The property for one file whose (decompressed) content is `data`."""
    said = what_the_bytes_say(data)
    with bounded_memory(file_bound(size, factor=4)):
        try:
            arr = reader(path)
        except IdxFormatError as exc:
            assert path.name in str(exc)
            if said is not None and reader is read_idx:
                raise AssertionError(f"a valid IDX file was refused: {exc}") from None
            return
    assert said is not None, "the reader accepted bytes that are not an IDX file"
    assert arr.shape == said.shape and arr.dtype == said.dtype.newbyteorder("=")
    np.testing.assert_array_equal(arr, said)
    if reader is read_images:
        assert arr.dtype == np.uint8 and arr.shape[1:] == (28, 28) and len(arr)
    if reader is read_labels:
        assert arr.dtype == np.uint8 and arr.ndim == 1 and len(arr) and arr.max() <= 9


READERS = {"images": (read_images, IMAGES_IDX), "labels": (read_labels, LABELS_IDX),
           "any": (read_idx, IMAGES_IDX)}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("idx")


@pytest.mark.parametrize("what", READERS)
@given(data=st.data())
def test_plain_idx_gives_what_its_bytes_say_or_one_error(folder, what, data):
    reader, valid = READERS[what]
    raw = data.draw(mutated(valid, HEADER_FIELDS))
    path = folder / f"{what}-idx-ubyte"
    path.write_bytes(raw)
    check_read(path, raw, reader, len(raw))


# The header's sizes set to anything, the payload unchanged: huge, zero, overflowing products.
huge_dims = st.lists(st.sampled_from((0, 1, 3, 28, 7, 2**16, 2**31, 2**32 - 1)) | st.integers(0, 2**32 - 1),
                     min_size=1, max_size=6).map(tuple)


@given(dims=huge_dims, type_code=st.sampled_from(sorted(TYPES)), keep=st.integers(0, IMAGES.size),
       gz=st.booleans())
@example(dims=(2**31, 2**31, 4), type_code=0x08, keep=0, gz=False)  # 2^64 bytes: wrapped to 0
@example(dims=(0, 2**31, 2**31), type_code=0x0B, keep=0, gz=False)  # empty, but NumPy can't shape it
def test_any_header_sizes_are_refused_before_allocating(folder, dims, type_code, keep, gz):
    inner = idx_bytes(IMAGES.ravel()[:keep], type_code, dims)
    path = folder / ("sizes-idx3-ubyte" + (".gz" if gz else ""))
    path.write_bytes(gzip.compress(inner, mtime=0) if gz else inner)
    check_read(path, inner, read_idx, len(inner))


@pytest.mark.parametrize("what", ("images", "labels"))
@given(data=st.data())
def test_gzip_idx_with_a_mutated_inner_file_gives_what_it_says(folder, what, data):
    reader, valid = READERS[what]
    inner = data.draw(mutated(valid, HEADER_FIELDS))
    path = folder / f"{what}-idx-ubyte.gz"
    path.write_bytes(gzip.compress(inner, mtime=0))
    check_read(path, inner, reader, len(inner))


@given(data=st.data())
def test_damaged_gzip_is_refused_or_gives_the_written_values(folder, data):
    valid = gzip.compress(IMAGES_IDX, mtime=0)
    raw = data.draw(mutated(valid, (0, 2, 3, 9, 10, len(valid) - 8, len(valid) - 4)))
    path = folder / "damaged-images-idx3-ubyte.gz"
    path.write_bytes(raw)
    try:
        inner = gzip.decompress(raw)
    except (OSError, EOFError, zlib.error):
        inner = None  # the reader must refuse it: gzip's checks fail
    with bounded_memory(file_bound(len(IMAGES_IDX), factor=4)):
        try:
            arr = read_images(path)
        except IdxFormatError as exc:
            assert path.name in str(exc)
            return
    assert raw[:2] != b"\x1f\x8b" or inner is not None, "a damaged gzip stream was accepted"
    # gzip's CRC-32 and length hold: the values are those written (a changed header field such
    # as the name or time changes nothing), or the magic is gone and the bytes are plain IDX
    np.testing.assert_array_equal(arr, what_the_bytes_say(raw if raw[:2] != b"\x1f\x8b" else inner))


def test_a_gzip_file_is_read_without_reserving_the_size_limit(folder):
    """Regression (fuzzing, docs/RELIABILITY.md): reading any .gz asked GzipFile.read for
    MAX_BYTES + 1 bytes, which allocates 256 MB before reading 10."""
    path = folder / "small-labels-idx1-ubyte.gz"
    path.write_bytes(gzip.compress(LABELS_IDX))
    with bounded_memory(MAX_BYTES // 16):
        np.testing.assert_array_equal(read_labels(path), LABELS)


def test_sizes_whose_product_wraps_around_int64_are_one_error(folder):
    """Regression: (2^31, 2^31, 4) bytes is 2^64, which np.prod in int64 made 0, so a file of
    the header alone passed the size check and reshape raised a bare ValueError."""
    path = folder / "wrap-idx3-ubyte"
    path.write_bytes(idx_bytes(IMAGES[:0], 0x08, (2**31, 2**31, 4)))
    with pytest.raises(IdxFormatError, match="wrap-idx3-ubyte: sizes too large"):
        read_idx(path)


def test_an_empty_array_of_huge_other_sizes_is_one_error(folder):
    """Regression (the long profile): (0, 2^31, 2^31) int16 is 0 bytes, but NumPy cannot make
    an array of that shape, and reshape raised a bare ValueError."""
    path = folder / "empty-huge-idx3-ubyte"
    path.write_bytes(idx_bytes(IMAGES[:0].astype(">i2"), 0x0B, (0, 2**31, 2**31)))
    with pytest.raises(IdxFormatError, match="empty-huge-idx3-ubyte: sizes too large"):
        read_idx(path)
