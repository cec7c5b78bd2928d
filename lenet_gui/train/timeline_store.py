"""How a timeline keeps its snapshots (train/timeline.py): the coding of one snapshot (the
bit-pattern difference from the previous one, split into byte planes, the high planes
compressed) and the unlinked temporary file that holds the coded snapshots. No Qt here."""

from __future__ import annotations

import os
import tempfile
import threading
import weakref
import zlib

import numpy as np

RESERVE = 8 * 1024 * 1024  # the temporary file grows by this much at a time


class TimelineError(ValueError):
    """A saved timeline is damaged or does not fit the model; the message says what."""


# ----------------------------------------------------------------- the coding of one snapshot


def uint_dtype(dtype: np.dtype) -> np.dtype:
    return np.dtype(f"<u{dtype.itemsize}")


def encode_snapshot(cur: np.ndarray, prev: np.ndarray | None) -> bytes:
    """cur, prev: little-endian unsigned views of the flat weights. prev None: a keyframe.

    One byte, the number r of low byte planes stored as they are, then those planes, then the
    higher planes compressed with zlib. The low half of the planes is always stored as it is;
    a higher plane (below the top one) too when more than a quarter of its bytes are nonzero,
    as in the first epoch's large updates: there zlib would spend most of a snapshot's time
    for little gain, and the recording must not slow training (FORMAT 2; FORMAT 1 had no
    byte and r = half the planes)."""
    if prev is None:
        z = cur
    else:
        d = (cur - prev).view(cur.dtype.str.replace("u", "i"))  # wraps: exact, any bits
        bits = 8 * cur.dtype.itemsize
        z = ((d << 1) ^ (d >> (bits - 1))).view(cur.dtype)  # zigzag: small ±k → small k
    size = cur.dtype.itemsize
    planes = z.view(np.uint8).reshape(-1, size).T  # (bytes, n), plane 0 the lowest byte
    raw = size // 2
    while raw < size - 1 and np.count_nonzero(planes[raw]) > planes.shape[1] // 4:
        raw += 1
    packer = zlib.compressobj(1, zlib.DEFLATED, 15, 9, zlib.Z_RLE)
    return b"".join((bytes((raw,)), planes[:raw].tobytes(),
                     packer.compress(planes[raw:].tobytes()), packer.flush()))


def decode_snapshot(blob: bytes, prev: np.ndarray | None, n: int, udtype: np.dtype) -> np.ndarray:
    """The inverse of encode_snapshot; TimelineError if the bytes cannot be what it wrote."""
    size = udtype.itemsize
    if not blob or not size // 2 <= blob[0] < size:
        raise TimelineError(f"a snapshot starts with {blob[:1]!r}, not a count of raw planes")
    raw = blob[0]
    head = 1 + raw * n
    want = (size - raw) * n
    if len(blob) < head:
        raise TimelineError(f"a snapshot has {len(blob)} bytes, fewer than {head}")
    unpacker = zlib.decompressobj()
    try:
        rest = unpacker.decompress(memoryview(blob)[head:], want)
    except zlib.error as exc:
        raise TimelineError(f"a snapshot does not decompress ({exc})") from None
    if len(rest) != want or not unpacker.eof or unpacker.unconsumed_tail:
        raise TimelineError("a snapshot decompresses to the wrong size")
    planes = np.empty((size, n), np.uint8)
    planes[:raw] = np.frombuffer(blob, np.uint8, raw * n, 1).reshape(raw, n)
    planes[raw:] = np.frombuffer(rest, np.uint8).reshape(size - raw, n)
    z = np.ascontiguousarray(planes.T).view(udtype).reshape(n)
    if prev is None:
        return z
    signed = udtype.str.replace("u", "i")
    d = (z >> 1).view(signed) ^ -(z & 1).view(signed)
    return prev + d.view(udtype)  # wraps back to exactly the recorded bits


# ----------------------------------------------------------------- the store


class SnapshotStore:
    """The coded snapshots, in an unlinked temporary file rather than in memory: the app's
    resident memory does not grow with the timeline (the kernel's page cache holds what is
    read often). Appended by the one writer; read by any thread. A thinned timeline gets a new
    store; a reader that took the old one reads it until it lets it go (the file closes with
    the object). Only where no temporary file can be made do the snapshots stay in memory."""

    def __init__(self) -> None:
        try:
            self._file = tempfile.TemporaryFile(prefix="lenet-timeline-")
        except OSError:
            self._file = None
        if self._file is not None:  # closed (and gone: it is unlinked) with the store
            # not at the interpreter's exit, where a training thread may still be writing
            # (the system closes it then)
            weakref.finalize(self, self._file.close).atexit = False
        # os.pread and os.pwrite keep no file position, so a reader needs no lock; where they
        # are missing (Windows) each seek and its read or write hold this lock.
        self._positioned = hasattr(os, "pread") and hasattr(os, "pwrite")
        self._lock = threading.Lock()
        self._mem: list[bytes] = []
        self.spans: list[tuple[int, int]] = []  # (offset, length) of each snapshot
        self._end = 0
        self._reserved = 0  # bytes of the file given blocks ahead of the writes

    @property
    def in_memory(self) -> bool:
        return self._file is None

    @property
    def file_bytes(self) -> int:
        """The file's size: the snapshots and the blocks reserved after them."""
        return 0 if self._file is None else os.fstat(self._file.fileno()).st_size

    def append(self, blob: bytes | memoryview) -> None:
        """Store a copy of `blob` (bytes, or a view of a larger buffer)."""
        if self._file is None:
            self.spans.append((len(self._mem), len(blob)))
            self._mem.append(bytes(blob))
            return
        if self._positioned:
            self._pwrite(blob, self._end)
        else:
            with self._lock:
                self._file.seek(self._end)
                self._file.write(blob)
                self._file.flush()  # file_bytes sees it
        self.spans.append((self._end, len(blob)))
        self._end += len(blob)

    def _pwrite(self, blob: bytes, at: int) -> None:
        view = memoryview(blob)
        if at + len(blob) > self._reserved and hasattr(os, "posix_fallocate"):
            # blocks for the next RESERVE bytes at once: a write into them is a copy, where
            # each write past the end would have the file system find blocks first
            try:
                os.posix_fallocate(self._file.fileno(), at, len(blob) + RESERVE)
                self._reserved = at + len(blob) + RESERVE
            except OSError:  # not supported here, or the disk is full: the write will say
                self._reserved = at + len(blob)
        while view:
            n = os.pwrite(self._file.fileno(), view, at)
            view, at = view[n:], at + n

    def read(self, span: tuple[int, int]) -> bytes:
        offset, length = span
        if self._file is None:
            return self._mem[offset]
        if not self._positioned:
            with self._lock:
                self._file.seek(offset)
                data = self._file.read(length)
            if len(data) != length:
                raise TimelineError("the timeline's temporary file was cut short")
            return data
        parts, got = [], 0
        while got < length:
            chunk = os.pread(self._file.fileno(), length - got, offset + got)
            if not chunk:
                raise TimelineError("the timeline's temporary file was cut short")
            parts.append(chunk)
            got += len(chunk)
        return b"".join(parts) if len(parts) > 1 else parts[0]


class StoredBlobs:
    """Some snapshots of a store, read one at a time (to save them without gathering them)."""

    def __init__(self, store: SnapshotStore, spans: list[tuple[int, int]]) -> None:
        self._store, self._spans = store, spans

    def __len__(self) -> int:
        return len(self._spans)

    def __iter__(self):
        return (self._store.read(span) for span in self._spans)

    @property
    def lengths(self) -> list[int]:
        return [n for _, n in self._spans]
