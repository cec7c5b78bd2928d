"""The timeline of a run: the weights as they were at chosen batches, kept exactly (bit for bit)
and compactly, so that every view can be moved back to any moment of the training. No Qt here.

Which batches (`recording_schedule`): batch 0 (the starting weights), every batch up to 50,
then a gap that grows with the batch number (the largest of 1, 2, 5, 10, 20, 50, 100 that is at
most batch/20: every 2nd batch from 52, every 5th from 100, 10th from 200, 20th from 400, 50th
from 1,000), then every 100th batch from 2,000. Past 40,000 batches the gap grows again
(batch/400 rounded down to 1-2-5: every 200th from 80,000), so a run of hours stays bounded.
A 20-epoch run at batch 64 (18,760 batches) keeps 334 snapshots (333 scheduled and its
last), one epoch (938 batches) 143.

How (`Timeline`): a snapshot is all parameters in one flat vector of the model's dtype. Every
`keyframe_every`-th snapshot is a keyframe, stored whole; the others store the difference of
the bit patterns from the previous snapshot as integers (wrapping, zigzag-coded), so that a
small change of a weight is a small number. The vector is split into byte planes; the low half
of the planes is noise (the low mantissa bits change at every update) and is stored as it is,
the high half is compressed with zlib (run-length strategy: cheap, and those planes are mostly
zeros), except a plane that is mostly not zeros (the first epoch's large updates), which is
stored as it is too: compressing it would cost most of the recording's time. Decoding adds
the differences back: the same bits, whatever the arithmetic. A CRC-32 of every stored
snapshot catches damage when a saved timeline is loaded.
"""

from __future__ import annotations

import json
import math
import os
import threading
import time
import zipfile
import zlib
from collections.abc import Mapping
from pathlib import Path

import numpy as np

from lenet_gui.model import PARAM_SHAPES, LeNetConfig, NetworkSnapshot, release_free_memory
from lenet_gui.train.checkpoint import StreamedBytes, npz_key, open_npy, read_npz, write_npz
from lenet_gui.train.timeline_store import (
    SnapshotStore,
    StoredBlobs,
    TimelineError,
    decode_snapshot,
    encode_snapshot,
    uint_dtype,
)

DENSE_BATCHES = 50  # every batch up to this one is kept
REGULAR_FROM = 2_000  # from here every REGULAR_GAP-th batch (reached smoothly, see below)
REGULAR_GAP = 100
LONG_FROM = 40_000  # past this the gap grows again: batch / LONG_RATIO
LONG_RATIO = 400
GROWTH = 20  # before REGULAR_FROM the gap is at most batch / GROWTH
KEYFRAME_EVERY = 16  # a whole snapshot every this many; reading decodes at most this many
PREFIX = "timeline_"  # the keys of to_arrays()
FORMAT = 2  # 1: saved before the count of raw planes led each snapshot (still read)
MAX_SNAPSHOTS = 1_000_000
# Bytes of coded snapshots a timeline keeps (in its temporary file, see SnapshotStore): a 20-epoch
# run (~63 MB) never reaches it; past it every second snapshot after REGULAR_FROM is dropped
# (the dense start stays whole), so a run of hours (the soak trains without end) stays bounded.
MAX_STORED_BYTES = 96 * 1024 * 1024


def _nice_floor(x: float) -> int:
    """The largest of 1, 2, 5, 10, 20, 50, … that is ≤ x (1 when x < 1)."""
    if x < 1:
        return 1
    best, p = 1, 1
    while p <= x:
        for m in (1, 2, 5):
            if m * p <= x:
                best = m * p
        p *= 10
    return best


def recording_gap(batch: int) -> int:
    """Batches between kept snapshots around `batch` (see the module's docstring)."""
    if batch <= DENSE_BATCHES:
        return 1
    if batch < LONG_FROM:
        return min(_nice_floor(batch / GROWTH), REGULAR_GAP)
    return max(_nice_floor(batch / LONG_RATIO), REGULAR_GAP)


def recording_schedule(batch: int) -> bool:
    """True when the weights after `batch` batches are kept (batch 0: the starting weights).
    Deterministic: the same batches in every run, whatever the batch size or the speed."""
    return batch >= 0 and batch % recording_gap(batch) == 0


def scheduled_batches(total: int) -> np.ndarray:
    """The batches 0..total the schedule keeps (for counting; a run also keeps its last)."""
    b = np.arange(total + 1)
    return b[[recording_schedule(int(x)) for x in b]]


# ----------------------------------------------------------------- the timeline


class Timeline:
    """Snapshots of a run's weights at increasing batch numbers, exact and compressed.

    Thread-safe for one writer (the training thread calls `record`) and any readers (the GUI
    thread scrubs): the lists only grow, under a lock; decoding happens outside it, so a
    reader never holds up training. Batch numbers are those of the run's history (the loss
    curve's x axis): batch 0 is the starting weights, batch b the weights after b updates."""

    def __init__(self, keyframe_every: int = KEYFRAME_EVERY,
                 max_bytes: int = MAX_STORED_BYTES) -> None:
        if keyframe_every < 1:
            raise ValueError(f"keyframe_every must be at least 1, got {keyframe_every}")
        self.keyframe_every = keyframe_every
        self.max_bytes = max_bytes
        self.thinned = 0  # times the budget thinned the timeline
        self.seconds = 0.0  # the writer's time in record (measured by `bench --timeline`)
        self._lock = threading.Lock()
        self._batches: list[int] = []
        self._keys: list[bool] = []
        self._store = SnapshotStore()  # the coded snapshots (a temporary file)
        self._crcs: list[int] = []
        self._nbytes = 0
        self._layout: tuple[tuple[str, tuple[int, ...]], ...] | None = None
        self._dtype: np.dtype | None = None
        self._last: np.ndarray | None = None  # the writer's last flat vector (its own copy)
        self._cache: tuple[int, np.ndarray] | None = None  # the last decoded (index, flat)

    # ------------------------------------------------------------ writing

    def record(self, batch: int, params: Mapping[str, np.ndarray], force: bool = False) -> bool:
        """Keep a copy of `params` as the weights after `batch` batches, if the schedule says so
        or `force`; False (and nothing kept) otherwise or when `batch` is not after the last
        kept one. The parameter names, shapes and dtype must stay those of the first record."""
        t0 = time.perf_counter()
        try:
            return self._record(batch, params, force)
        finally:
            self.seconds += time.perf_counter() - t0

    def _record(self, batch: int, params: Mapping[str, np.ndarray], force: bool) -> bool:
        batch = int(batch)
        if not (force or recording_schedule(batch)):
            return False
        with self._lock:
            if self._batches and batch <= self._batches[-1]:
                return False
        layout = tuple((k, tuple(np.shape(v))) for k, v in params.items())
        dtype = np.result_type(*params.values())
        if self._layout is None:
            for k, shape in layout:
                if PARAM_SHAPES.get(k) != shape:
                    raise ValueError(f"timeline: {k} has shape {shape}, expected "
                                     f"{PARAM_SHAPES.get(k)}")
            if dtype.kind != "f":
                raise ValueError(f"timeline: parameters of dtype {dtype}, expected floats")
        elif layout != self._layout or dtype != self._dtype:
            raise ValueError("timeline: the parameters changed their names, shapes or dtype")
        flat = np.concatenate([np.asarray(v, dtype).ravel() for v in params.values()])
        cur = flat.view(uint_dtype(dtype))
        key = self._last is None or len(self._batches) % self.keyframe_every == 0
        blob = encode_snapshot(cur, None if key else self._last)
        crc = zlib.crc32(blob)
        with self._lock:
            self._layout, self._dtype = layout, dtype
            self._batches.append(batch)
            self._keys.append(key)
            self._store.append(blob)
            self._crcs.append(crc)
            self._nbytes += len(blob)
            self._last = cur
            over = self._nbytes > self.max_bytes
        if over:
            self._thin()
        return True

    def _thin(self) -> None:
        """Drop every second snapshot after REGULAR_FROM (never the last), coding the kept ones
        again (the writer's thread: decode each once, in order). Readers see the old lists or
        the new ones, never a mix."""
        with self._lock:
            batches, keys = list(self._batches), list(self._keys)
            blobs = StoredBlobs(self._store, list(self._store.spans))
            layout, dtype, every = self._layout, self._dtype, self.keyframe_every
        late = [i for i, b in enumerate(batches) if b > REGULAR_FROM]
        drop = set(late[:-1][1::2])
        if not drop:
            return
        udtype = uint_dtype(dtype)
        size = sum(int(np.prod(s)) for _, s in layout)
        new_b, new_k, new_c, store = [], [], [], SnapshotStore()
        flat = prev = None
        for i, (b, key, blob) in enumerate(zip(batches, keys, blobs)):
            flat = decode_snapshot(blob, None if key else flat, size, udtype)
            if i in drop:
                continue
            k = len(new_b) % every == 0
            out = blob if (k and key) else encode_snapshot(flat, None if k else prev)
            new_b.append(b)
            new_k.append(k)
            store.append(out)
            new_c.append(zlib.crc32(out))
            prev = flat
        with self._lock:
            self._batches, self._keys, self._store, self._crcs = new_b, new_k, store, new_c
            self._nbytes = sum(n for _, n in store.spans)
            self._cache = None
            self.thinned += 1
        del blobs, flat, prev
        release_free_memory()  # the old snapshots and the decoding's temporaries left holes

    # ------------------------------------------------------------ reading

    def __len__(self) -> int:
        with self._lock:
            return len(self._batches)

    @property
    def batches(self) -> np.ndarray:
        """The batch of every snapshot, ascending (a copy, int64)."""
        with self._lock:
            return np.array(self._batches, np.int64)

    @property
    def last_batch(self) -> int | None:
        with self._lock:
            return self._batches[-1] if self._batches else None

    @property
    def nbytes(self) -> int:
        """Bytes held in memory: the writer's last vector, the read cache, and the stored
        snapshots only where they cannot live in a temporary file (see SnapshotStore)."""
        with self._lock:
            extra = (0 if self._last is None else self._last.nbytes) + (
                0 if self._cache is None else self._cache[1].nbytes)
            return (self._nbytes if self._store.in_memory else 0) + extra

    @property
    def stored_bytes(self) -> int:
        """Bytes of the stored snapshots alone (what a saved timeline costs on disk)."""
        with self._lock:
            return self._nbytes

    @property
    def dtype(self) -> np.dtype | None:
        """The parameters' dtype (None before the first record)."""
        return self._dtype

    @property
    def names(self) -> tuple[str, ...]:
        """The parameters' names, in the recorded order (empty before the first record)."""
        return tuple(k for k, _ in self._layout or ())

    def index_at(self, batch: int) -> int:
        """The index of the last snapshot at or before `batch` (0 for a batch before the
        first); IndexError when the timeline is empty."""
        with self._lock:
            if not self._batches:
                raise IndexError("the timeline is empty")
            i = int(np.searchsorted(np.asarray(self._batches), batch, side="right")) - 1
        return max(i, 0)

    def params(self, i: int) -> dict[str, np.ndarray]:
        """The weights of snapshot `i` (negative counts from the end), exactly as recorded:
        read-only arrays of the recorded dtype. TimelineError if its bytes are damaged."""
        with self._lock:
            n = len(self._batches)
            if not -n <= i < n:
                raise IndexError(f"snapshot {i} of a timeline of {n}")
            i %= n
            start = i
            while not self._keys[start]:
                start -= 1
            cache = self._cache
            if cache is not None and start <= cache[0] <= i:
                start, flat = cache[0] + 1, cache[1]
            else:
                flat = None
            blobs = StoredBlobs(self._store, self._store.spans[start : i + 1])
            layout, dtype = self._layout, self._dtype
        udtype = uint_dtype(dtype)
        size = sum(int(np.prod(s)) for _, s in layout)
        for blob in blobs:  # the keyframe (or the cached snapshot), then differences
            flat = decode_snapshot(blob, flat, size, udtype)
        with self._lock:
            self._cache = (i, flat)
        values = flat.view(dtype)
        values.setflags(write=False)
        out, at = {}, 0
        for k, shape in layout:
            m = int(np.prod(shape))
            out[k] = values[at : at + m].reshape(shape)
            at += m
        return out

    def snapshot(self, i: int, config: LeNetConfig) -> NetworkSnapshot:
        """Snapshot `i` as the network the views draw (config: the run's model)."""
        return NetworkSnapshot(config, self.params(i))

    # ------------------------------------------------------------ saved form

    def _parts(self) -> tuple[dict[str, np.ndarray], StoredBlobs]:
        """The small arrays of to_arrays and the stored snapshots (read one at a time when
        iterated), taken together under the lock."""
        with self._lock:
            header = {"format": FORMAT, "keyframe_every": self.keyframe_every,
                      "dtype": None if self._dtype is None else self._dtype.str,
                      "layout": [[k, list(s)] for k, s in (self._layout or ())]}
            blobs = StoredBlobs(self._store, list(self._store.spans))
            small = {
                PREFIX + "header": np.frombuffer(json.dumps(header).encode(), np.uint8).copy(),
                PREFIX + "batches": np.array(self._batches, np.int64),
                PREFIX + "keyframes": np.array(self._keys, np.bool_),
                PREFIX + "lengths": np.array(blobs.lengths, np.int64),
                PREFIX + "crc32": np.array(self._crcs, np.uint32),
            }
        return small, blobs

    def to_streamed(self) -> dict[str, np.ndarray | StreamedBytes]:
        """to_arrays for save_checkpoint, with the snapshots streamed from the store into the
        file (a workspace or run with a full timeline cost ~96 MB more while it was saved)."""
        small, blobs = self._parts()
        return {**small, PREFIX + "data": StreamedBytes(sum(blobs.lengths), blobs)}

    def to_arrays(self) -> dict[str, np.ndarray]:
        """The timeline as arrays (keys start with PREFIX), for an .npz next to the weights.
        The snapshots are copied once, into PREFIX + "data" (save_timeline copies nothing)."""
        small, blobs = self._parts()
        data = np.empty(sum(blobs.lengths), np.uint8)
        at = 0
        for b in blobs:
            data[at : at + len(b)] = np.frombuffer(b, np.uint8)
            at += len(b)
        return {**small, PREFIX + "data": data}

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, np.ndarray]) -> Timeline:
        """The inverse of to_arrays, validated; TimelineError says what is wrong."""
        return _from_arrays(cls, arrays)


def has_timeline(arrays: Mapping[str, np.ndarray]) -> bool:
    return any(k.startswith(PREFIX) for k in arrays)


def _from_arrays(cls, arrays: Mapping[str, np.ndarray]) -> Timeline:
    need = ("header", "batches", "keyframes", "lengths", "crc32", "data")
    missing = [k for k in need if PREFIX + k not in arrays]
    if missing:
        raise TimelineError(f"the timeline is missing {', '.join(missing)}")
    a = {k: arrays[PREFIX + k] if isinstance(arrays[PREFIX + k], _MemberData)
         else np.asarray(arrays[PREFIX + k]) for k in need}
    try:
        if a["header"].dtype != np.uint8 or a["header"].ndim != 1:
            raise ValueError(f"{a['header'].dtype} {a['header'].shape}, expected bytes")
        header = json.loads(a["header"].tobytes().decode())
        if not isinstance(header, dict):
            raise ValueError("not a JSON object")
    except (ValueError, RecursionError) as exc:  # RecursionError: JSON nested too deep
        raise TimelineError(f"the timeline's header is unreadable ({exc})") from None
    fmt = header.get("format")
    if fmt not in (1, FORMAT):
        raise TimelineError(f"timeline format {fmt!r}, expected {FORMAT}")
    every = header.get("keyframe_every")
    if not isinstance(every, int) or isinstance(every, bool) or every < 1:
        raise TimelineError(f"the timeline's keyframe_every is {every!r}")
    n = a["batches"].size
    for k in ("batches", "keyframes", "lengths", "crc32"):
        if a[k].ndim != 1 or a[k].size != n:
            raise TimelineError(f"the timeline's {k} has shape {a[k].shape}, expected ({n},)")
    if n > MAX_SNAPSHOTS:
        raise TimelineError(f"the timeline has {n} snapshots, more than {MAX_SNAPSHOTS}")
    if a["batches"].dtype.kind not in "iu" or a["lengths"].dtype.kind not in "iu" \
            or a["crc32"].dtype.kind not in "iu" or a["keyframes"].dtype != np.bool_ \
            or a["data"].dtype != np.uint8 or a["data"].ndim != 1:
        raise TimelineError("the timeline's arrays have the wrong types")
    batches = a["batches"].astype(np.int64)
    if n and (batches[0] < 0 or np.any(np.diff(batches) <= 0)):
        raise TimelineError("the timeline's batches are not increasing from 0 or more")
    tl = cls(every)
    if n == 0:
        return tl
    try:
        layout = tuple((str(k), tuple(int(x) for x in s)) for k, s in header["layout"])
        dtype = np.dtype(header["dtype"])
    except (KeyError, TypeError, ValueError, OverflowError, SyntaxError) as exc:
        # OverflowError: int(inf); SyntaxError: np.dtype("01"), whose repeat count NumPy parses
        # with ast.literal_eval (found by the long fuzz profile, 2026-12-07)
        raise TimelineError(f"the timeline's layout is unreadable ({exc})") from None
    names = [k for k, _ in layout]
    if len(set(names)) != len(names) or any(PARAM_SHAPES.get(k) != s for k, s in layout) \
            or not {"w1", "b1", "w7", "b7"} <= set(names):
        raise TimelineError(f"the timeline's parameters {layout} are not LeNet-5's")
    if dtype.kind != "f" or dtype.itemsize not in (4, 8):
        raise TimelineError(f"the timeline's dtype {dtype} is not float32 or float64")
    # The flags carry no checksum, and a wrong one decodes a difference as weights: they must
    # be what the writer makes, a keyframe every `every` snapshots (record and _thin).
    if not np.array_equal(a["keyframes"], np.arange(n) % min(every, n + 1) == 0):
        raise TimelineError(f"the timeline's keyframes are not every {every}th snapshot")
    lengths = a["lengths"].astype(np.int64)
    size = sum(int(np.prod(s)) for _, s in layout)
    lead = 1 if fmt == FORMAT else 0  # the count of raw planes (format 1 had none)
    if np.any(lengths < lead + (dtype.itemsize // 2) * size) \
            or int(lengths.sum()) != a["data"].size:
        raise TimelineError("the timeline's snapshot lengths do not add up to its data")
    # One snapshot at a time, checked and then written to the store's temporary file: from the
    # file's member as it is read (_MemberData), or as views of an array. Copying the data as
    # bytes and then each snapshot out of it held three times the timeline at once: reading a
    # workspace whose timeline had filled its 96 MB budget took the process to 680 MB in the
    # sixth two-hour afternoon.
    if isinstance(a["data"], _MemberData):
        blobs = a["data"].pieces(lengths.tolist())
    else:
        data = memoryview(np.ascontiguousarray(a["data"]))
        blobs = (data[e - m : e] for e, m in zip(np.cumsum(lengths).tolist(), lengths.tolist()))
    crcs = a["crc32"].astype(np.int64).tolist()
    raw = bytes((dtype.itemsize // 2,))  # format 1 kept half the planes raw: the byte 2 adds
    for j, (blob, crc) in enumerate(zip(blobs, crcs)):
        if zlib.crc32(blob) != crc:
            raise TimelineError(f"the timeline's snapshot {j} (batch {batches[j]}) is damaged "
                                "(its checksum does not match)")
        if fmt == 1:
            blob = raw + bytes(blob)
            crcs[j] = zlib.crc32(blob)
        tl._store.append(blob)
    if fmt == 1:
        lengths = lengths + 1
    tl._batches = batches.tolist()
    tl._keys = a["keyframes"].tolist()
    tl._crcs = crcs
    tl._nbytes = int(lengths.sum())
    tl._layout, tl._dtype = layout, dtype
    # the writer continues after the last snapshot: its vector, decoded once
    tl._last = _flat_of(tl, n - 1)
    return tl


def _flat_of(tl: Timeline, i: int) -> np.ndarray:
    """Snapshot i as the flat unsigned vector the writer codes against."""
    p = tl.params(i)
    return np.concatenate([p[k].ravel() for k, _ in tl._layout]).view(uint_dtype(tl._dtype))


# ----------------------------------------------------------------- files

MAX_TIMELINE_BYTES = 2 * 1024 ** 3  # declared in a file; a 20-epoch run's is ~50 MB


def read_timeline(path: str | os.PathLike) -> Timeline | None:
    """The timeline saved in an .npz (a run, a workspace or a timeline file of its own), or
    None if the file holds none. TimelineError naming the file if it is damaged."""
    name = str(path)
    try:
        with zipfile.ZipFile(path) as zf:
            members = [i for i in zf.infolist() if _timeline_key(npz_key(i.filename)) is not None]
            declared = sum(i.file_size for i in members)
            if not members:
                return None
            if declared > MAX_TIMELINE_BYTES:
                raise TimelineError(f"{name}: the timeline declares {declared} bytes, more than "
                                    f"{MAX_TIMELINE_BYTES}")
            data = [i for i in members if _timeline_key(npz_key(i.filename)) == PREFIX + "data"]
            arrays = {_timeline_key(k): a for k, a in read_npz(
                zf, lambda k: _timeline_key(k) not in (None, PREFIX + "data")).items()}
            if len(data) != 1:  # none (from_arrays says so) or twice
                arrays.update({_timeline_key(k): a for k, a in read_npz(
                    zf, lambda k: _timeline_key(k) == PREFIX + "data").items()})
                return _from_file(name, arrays)
            with open_npy(zf, data[0]) as (fh, shape, _, dtype):
                arrays[PREFIX + "data"] = _MemberData(fh, shape, dtype, data[0].filename)
                return _from_file(name, arrays)
    except TimelineError:
        raise
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, KeyError, zlib.error,
            NotImplementedError) as exc:  # zipfile: a version or feature it does not read
        raise TimelineError(f"{name}: the timeline cannot be read ({type(exc).__name__}: "
                            f"{exc})") from None


def _from_file(name: str, arrays) -> Timeline:
    """Timeline.from_arrays of a file's members, its TimelineError naming the file."""
    try:
        return Timeline.from_arrays(arrays)
    except TimelineError as exc:
        raise TimelineError(f"{name}: {exc}") from None


class _MemberData:
    """The timeline's data member of a file, read snapshot by snapshot (`pieces`) rather than
    whole: what from_arrays checks of an array (dtype, ndim, size) and the bytes in order."""

    def __init__(self, fh, shape: tuple[int, ...], dtype: np.dtype, member: str) -> None:
        self._fh, self._member = fh, member
        self.dtype, self.ndim = dtype, len(shape)
        self.size = math.prod(shape)

    def pieces(self, lengths: list[int]):
        for n in lengths:
            piece = self._fh.read(n)
            while len(piece) < n:  # a short read; an empty one means the member ended
                more = self._fh.read(n - len(piece))
                if not more:
                    raise ValueError(f"member {self._member!r} is cut short")
                piece += more
            yield piece


def _timeline_key(member: str) -> str | None:
    """"timeline_x" for the members "timeline_x" (a timeline file) and "extra_timeline_x" (a
    run or workspace, where save_checkpoint adds "extra_"); None for any other member."""
    if member.startswith("extra_" + PREFIX):
        return member[len("extra_"):]
    return member if member.startswith(PREFIX) else None


def save_timeline(path: str | os.PathLike, timeline: Timeline) -> Path:
    """The timeline alone, as an .npz written atomically (a run store's side file). The
    snapshots are streamed into the file, never gathered in one array: saving while training
    costs no extra memory (a 20-epoch run's timeline is ~50 MB)."""
    from lenet_gui.data.atomic import write_atomic

    arrays = timeline.to_streamed()
    return write_atomic(Path(path), lambda fh: write_npz(fh, arrays))
