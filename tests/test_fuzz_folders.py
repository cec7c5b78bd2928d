"""The folder loader (data/folders.py) on damaged pictures: mutated or truncated PNG, JPEG and BMP bytes either
give a valid prepared image or are skipped with a reason; nothing escapes the loader, and a
header that claims a huge picture is refused before anything is decoded."""

import functools
import io
import struct
import tempfile
import zlib
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from lenet_gui.data.folders import read_image_folder
from lenet_gui.data.images import MAX_PIXELS
from tests import helpers

pytestmark = pytest.mark.fuzz

FORMATS = {"png": "PNG", "jpg": "JPEG", "bmp": "BMP"}


@functools.cache
def encoded() -> dict[str, bytes]:
    """A digit as PNG, JPEG and BMP bytes."""
    digit = helpers.mnist().test_images[0]
    out = {}
    for ext, fmt in FORMATS.items():
        buf = io.BytesIO()
        Image.fromarray(255 - digit).save(buf, format=fmt)
        out[ext] = buf.getvalue()
    return out



def read_one(name: str, data: bytes):
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "3").mkdir()
        (Path(tmp) / "3" / name).write_bytes(data)
        return read_image_folder(tmp, allow_empty=True)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ext=st.sampled_from(sorted(FORMATS)),
       flips=st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=8),
       cut=st.one_of(st.none(), st.integers(0, 10_000)))
def test_damaged_bytes_decode_to_a_valid_image_or_are_skipped_with_a_reason(ext, flips, cut):
    data = bytearray(encoded()[ext])
    for pos, value in flips:
        data[pos % len(data)] = value
    if cut is not None:
        data = data[: cut % (len(data) + 1)]
    folder = read_one(f"x.{ext}", bytes(data))
    assert len(folder) + len(folder.skipped) == 1
    if len(folder):
        assert folder.images.shape == (1, 28, 28) and folder.images.dtype == np.uint8
        assert folder.images.any() and folder.labels.tolist() == [3]
    else:
        (path, reason), = folder.skipped
        assert path.name == f"x.{ext}" and reason.strip()


def _png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims width × height grey pixels, with one tiny data chunk."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + \
            struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))


def _bmp_claiming(width: int, height: int) -> bytes:
    header = struct.pack("<2sIHHI", b"BM", 54 + 16, 0, 0, 54)
    info = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, 16, 2835, 2835, 0, 0)
    return header + info + b"\0" * 16


@pytest.mark.parametrize("name, data", [
    ("huge.png", _png_claiming(100_000, 100_000)),
    ("big.png", _png_claiming(8_000, 8_000)),  # under Pillow's own limit, over ours
    ("huge.bmp", _bmp_claiming(100_000, 100_000)),
], ids=["huge.png", "big.png", "huge.bmp"])
def test_a_header_claiming_a_huge_picture_is_refused_before_decoding(name, data):
    folder = read_one(name, data)
    assert len(folder) == 0
    (path, reason), = folder.skipped
    assert path.name == name
    assert "too large" in reason or "exceeds limit" in reason, reason
    assert 8_000 * 8_000 > MAX_PIXELS
