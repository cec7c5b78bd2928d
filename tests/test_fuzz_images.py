"""Fuzzing the picture reader (data/images.py load_image and load_digit: `classify`, `explain`
and `backprop` read a user's PNG or JPEG with them).

PNG carries a CRC-32 per chunk and zlib's Adler-32 over the pixels, JPEG no checksum at all;
Pillow decodes what it can. So the property is: a picture loads as ink of the size its header
declares (or scaled down to MAX_SIDE), finite and in [0, 1], and an unchanged file gives
exactly the ink of the picture written; or one ImageError names the file. Pillow's buffers are
its own (tracemalloc does not see them): the bound on memory is MAX_PIXELS, checked before
decoding, and a header declaring more is refused (the last tests)."""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from lenet_gui.data.drawing import image_to_ink
from lenet_gui.data.images import MAX_PIXELS, MAX_SIDE, ImageError, load_digit, load_image
from tests.fuzzing import mutated

pytestmark = pytest.mark.fuzz


def _digit() -> np.ndarray:
    a = np.full((28, 24), 250, np.uint8)  # dark ink on light paper, not square
    a[5:23, 10:14] = 20
    a[5:8, 7:14] = 30
    return a


def _encode(mode: str, fmt: str) -> bytes:
    grey = _digit()
    im = Image.fromarray(grey)
    if mode == "RGBA":
        rgba = np.dstack([grey, grey, grey, np.where(grey < 128, 255, 0).astype(np.uint8)])
        im = Image.fromarray(rgba)
    buf = io.BytesIO()
    im.save(buf, fmt)
    return buf.getvalue()


FILES = {"grey.png": _encode("L", "PNG"), "rgba.png": _encode("RGBA", "PNG"),
         "grey.jpg": _encode("L", "JPEG")}


def _pillow_ink(data: bytes) -> np.ndarray:
    with Image.open(io.BytesIO(data)) as im:
        rgba = im.mode in ("RGBA", "LA", "PA") or "transparency" in im.info
        return image_to_ink(np.asarray(im.convert("RGBA" if rgba else "L"), np.float32) / 255.0)


def _png_hot_spots(data: bytes) -> tuple[int, ...]:
    spots, at = [0, 8, 12, 16, 20, 24, 25, 29], 8
    while at + 8 <= len(data):  # every chunk's length, type and CRC
        n = struct.unpack(">I", data[at : at + 4])[0]
        spots += [at, at + 4, at + 8, at + 8 + n]
        at += 12 + n
    return tuple(spots)


HOT = {"grey.png": _png_hot_spots(FILES["grey.png"]), "rgba.png": _png_hot_spots(FILES["rgba.png"]),
       "grey.jpg": (0, 2, 4, 20, 100, 150, 200)}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("images")


def test_the_valid_pictures_load_as_their_ink(folder):
    for name, data in FILES.items():
        path = folder / name
        path.write_bytes(data)
        np.testing.assert_array_equal(load_image(path), _pillow_ink(data))
        assert load_image(path).shape == (28, 24)


@pytest.mark.parametrize("name", FILES)
@given(data=st.data())
def test_a_damaged_picture_loads_as_ink_of_its_size_or_is_one_error(folder, name, data):
    raw = data.draw(mutated(FILES[name], HOT[name]))
    path = folder / ("damaged-" + name)
    path.write_bytes(raw)
    try:
        ink = load_image(path)
    except ImageError as exc:
        assert str(path) in str(exc)
    else:
        assert ink.dtype == np.float32 and ink.ndim == 2 and 0 < max(ink.shape) <= MAX_SIDE
        assert np.all(np.isfinite(ink)) and ink.min() >= 0 and ink.max() <= 1
        with Image.open(io.BytesIO(raw)) as im:
            w, h = im.size
        if max(w, h) <= MAX_SIDE:
            assert ink.shape in ((h, w), (w, h))  # (w, h): an EXIF rotation
        if raw == FILES[name]:
            np.testing.assert_array_equal(ink, _pillow_ink(raw))
    try:
        x = load_digit(path)
    except ImageError as exc:
        assert str(path) in str(exc)
    else:
        assert x.shape == (1, 1, 32, 32) and x.dtype == np.float32 and np.all(np.isfinite(x))


def _png_with_size(width: int, height: int, depth: int = 8, colour: int = 0) -> bytes:
    """The grey PNG with its IHDR saying another size (its CRC made to match)."""
    data = bytearray(FILES["grey.png"])
    ihdr = b"IHDR" + struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0)
    data[12:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(ihdr))
    return bytes(data)


@given(width=st.sampled_from((0, 1, 24, 2**16, 2**31 - 1, 2**32 - 1)) | st.integers(0, 2**32 - 1),
       height=st.sampled_from((0, 1, 28, 2**16, 2**31 - 1, 2**32 - 1)) | st.integers(0, 2**32 - 1),
       depth=st.sampled_from((1, 2, 4, 8, 16, 3)), colour=st.sampled_from((0, 2, 3, 4, 6, 5)))
def test_a_png_header_of_any_size_is_refused_or_read_within_max_pixels(folder, width, height, depth,
                                                                       colour):
    path = folder / "size.png"
    path.write_bytes(_png_with_size(width, height, depth, colour))
    try:
        ink = load_image(path)
    except ImageError as exc:
        assert str(path) in str(exc)
    else:
        assert width * height <= MAX_PIXELS and ink.ndim == 2 and np.all(np.isfinite(ink))


def test_a_png_declaring_more_than_max_pixels_is_refused_before_decoding(folder):
    path = folder / "huge.png"
    path.write_bytes(_png_with_size(8000, 8000))  # under Pillow's own limit
    with pytest.raises(ImageError, match="huge.png: 8000×8000 pixels is too large"):
        load_image(path)
