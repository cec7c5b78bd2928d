"""A strict reader of the IDX files MNIST ships in, plain or gzip-compressed.

Header: 00 00 <type> <ndim>, then ndim big-endian int32 sizes, then the payload. Images are
type 0x08 (uint8) with 3 dims (N, 28, 28); labels are uint8 with 1 dim (N,).
"""

from __future__ import annotations

import gzip
import math
import os
import struct
import zlib
from pathlib import Path

import numpy as np

GZIP_MAGIC = b"\x1f\x8b"
MAX_BYTES = 256 * 1024 * 1024  # no IDX file of this app is larger; cap gzip bombs
READ_PIECE = 4 * 1024 * 1024  # a .gz is decompressed this much at a time
TYPES = {0x08: np.uint8, 0x09: np.int8, 0x0B: np.dtype(">i2"), 0x0C: np.dtype(">i4"),
         0x0D: np.dtype(">f4"), 0x0E: np.dtype(">f8")}


class IdxFormatError(ValueError):
    """A file is not the IDX data it should be. The message names the file, the expected
    and the found."""


def read_bytes(path: str | os.PathLike) -> bytes:
    """The file's bytes, decompressed when it starts with the gzip magic."""
    path = Path(path)
    name = path.name
    try:
        with open(path, "rb") as fh:
            head = fh.read(2)
            fh.seek(0)
            if head != GZIP_MAGIC:
                size = os.fstat(fh.fileno()).st_size
                if size > MAX_BYTES:
                    raise IdxFormatError(f"{name}: too large: expected at most {MAX_BYTES} bytes, "
                                         f"file has {size}")
                return fh.read()
            with gzip.GzipFile(fileobj=fh) as gz:
                data = _read_at_most(gz, MAX_BYTES + 1)
    except FileNotFoundError:
        raise IdxFormatError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise IdxFormatError(f"{path}: is a directory, expected an IDX file") from None
    except PermissionError:
        raise IdxFormatError(f"{path}: permission denied") from None
    except (gzip.BadGzipFile, EOFError, zlib.error, OSError) as exc:
        raise IdxFormatError(f"{name}: corrupt gzip: expected a complete gzip stream, "
                             f"found {type(exc).__name__}: {exc}") from None
    if len(data) > MAX_BYTES:
        raise IdxFormatError(f"{name}: decompresses to more than {MAX_BYTES} bytes")
    return data


def _read_at_most(fh, limit: int) -> bytes:
    """Up to `limit` bytes, read in pieces: read(limit) itself would reserve all of them."""
    parts, n = [], 0
    while n < limit:
        part = fh.read(min(READ_PIECE, limit - n))
        if not part:
            break
        parts.append(part)
        n += len(part)
    return b"".join(parts)


def parse_idx(data: bytes, name: str) -> np.ndarray:
    """Validate an IDX payload and return a native-endian, writable array."""
    if len(data) < 4:
        raise IdxFormatError(f"{name}: too short: expected a 4-byte IDX header, file has "
                             f"{len(data)} bytes")
    zero, type_code, ndim = struct.unpack(">HBB", data[:4])
    if zero != 0:
        raise IdxFormatError(f"{name}: bad magic: expected 00 00 <type> <ndim>, found "
                             f"{data[:4].hex(' ')}")
    if type_code not in TYPES:
        raise IdxFormatError(f"{name}: unknown type code: expected one of "
                             f"{', '.join(hex(t) for t in TYPES)}, found {hex(type_code)}")
    if ndim == 0:
        raise IdxFormatError(f"{name}: expected at least one dimension, found 0")
    header = 4 + 4 * ndim
    if len(data) < header:
        raise IdxFormatError(f"{name}: header truncated: expected {header} bytes for {ndim} "
                             f"dimensions, file has {len(data)}")
    dims = struct.unpack(f">{ndim}I", data[4:header])
    dtype = np.dtype(TYPES[type_code])
    # Python ints: never wraps. An empty array of huge other sizes cannot exist in NumPy either.
    if math.prod(d for d in dims if d) * dtype.itemsize > MAX_BYTES:
        raise IdxFormatError(f"{name}: sizes too large: header says {tuple(dims)} {dtype.name}, "
                             f"more than {MAX_BYTES} bytes")
    expected = header + math.prod(dims) * dtype.itemsize
    if len(data) != expected:
        what = "payload truncated" if len(data) < expected else "trailing bytes"
        raise IdxFormatError(f"{name}: {what}: header says {tuple(dims)} {dtype.name} = "
                             f"{expected} bytes, file has {len(data)}")
    arr = np.frombuffer(data, dtype=dtype, offset=header).reshape(dims)
    return arr.astype(dtype.newbyteorder("="), copy=True)


def read_idx(path: str | os.PathLike) -> np.ndarray:
    return parse_idx(read_bytes(path), Path(path).name)


def _read_uint8(path: str | os.PathLike, what: str, ndim: int) -> tuple[np.ndarray, str]:
    """A non-empty uint8 IDX array of `ndim` dimensions, and the file's name for messages."""
    name = Path(path).name
    arr = read_idx(path)
    if arr.dtype != np.uint8 or arr.ndim != ndim:
        dims = "dimension" if ndim == 1 else "dimensions"
        raise IdxFormatError(f"{name}: expected {what}s of type 0x08 (uint8) with {ndim} {dims}, "
                             f"found {arr.dtype.name} with {arr.ndim}")
    if arr.shape[0] == 0:
        raise IdxFormatError(f"{name}: expected at least one {what}, found 0")
    return arr, name


def read_images(path: str | os.PathLike) -> np.ndarray:
    """(N, 28, 28) uint8 images."""
    arr, name = _read_uint8(path, "image", 3)
    if arr.shape[1:] != (28, 28):
        raise IdxFormatError(f"{name}: expected 28×28 images, found "
                             f"{arr.shape[1]}×{arr.shape[2]}")
    return arr


def read_labels(path: str | os.PathLike) -> np.ndarray:
    """(N,) uint8 labels 0–9."""
    arr, name = _read_uint8(path, "label", 1)
    if arr.max() > 9:
        bad = int(np.argmax(arr > 9))
        raise IdxFormatError(f"{name}: expected labels 0–9, found {int(arr[bad])} at index {bad}")
    return arr
