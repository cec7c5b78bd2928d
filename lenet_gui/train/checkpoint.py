"""Checkpoints: an .npz of the parameters plus JSON metadata, written atomically and loaded
with validation. No pickle anywhere."""

from __future__ import annotations

import ast
import contextlib
import json
import math
import os
import zipfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import numpy as np

# The one atomic writer lives in data/ (My digits saves with it too); these names stay
# importable from here for code written against them.
from lenet_gui.data.atomic import STALE_TEMP_S, sweep_temp_files, write_atomic  # noqa: F401
from lenet_gui.model import PARAM_SHAPES, LeNet5, LeNetConfig, NetworkSnapshot

FORMAT_VERSION = 1
META_KEY = "__meta__"
MAX_DECLARED_BYTES = 64 * 1024 * 1024  # a real checkpoint is ~0.5 MB uncompressed
# A run's timeline (train/timeline.py) travels as extra arrays with this prefix; it is large,
# so load_checkpoint leaves it in the file (timeline.read_timeline reads it when wanted) and
# it does not count against MAX_DECLARED_BYTES (the timeline has a limit of its own).
TIMELINE_MEMBERS = "extra_timeline_"


NPZ_PIECE = 1024 * 1024  # an array is read this much at a time


class CheckpointError(ValueError):
    """A checkpoint cannot be read or is not valid; the message names the file."""


@dataclass(frozen=True)
class Checkpoint:
    config: LeNetConfig
    params: dict[str, np.ndarray]
    meta: dict = field(default_factory=dict)  # epoch, test_accuracy, history, …

    def to_net(self) -> LeNet5:
        return NetworkSnapshot(self.config, self.params).to_net()


@dataclass(frozen=True)
class StreamedBytes:
    """A uint8 array of `size` bytes that write_npz writes piece by piece, never gathered in
    memory: a timeline's snapshots, read one at a time from its temporary file."""
    size: int
    pieces: Iterable[bytes]


def write_npz(fh: BinaryIO, arrays: Mapping[str, np.ndarray | StreamedBytes]) -> None:
    """np.savez's file (a stored zip of .npy members, here without pickle), into the open file
    `fh`; a StreamedBytes member is written piece by piece."""
    with zipfile.ZipFile(fh, "w", zipfile.ZIP_STORED, allowZip64=True) as zf:
        for key, a in arrays.items():
            with zf.open(key + ".npy", "w", force_zip64=True) as member:
                if not isinstance(a, StreamedBytes):
                    np.lib.format.write_array(member, np.asanyarray(a), allow_pickle=False)
                    continue
                np.lib.format.write_array_header_1_0(
                    member, {"descr": "|u1", "fortran_order": False, "shape": (a.size,)})
                written = 0
                for piece in a.pieces:
                    member.write(piece)
                    written += len(piece)
                if written != a.size:  # never a member whose header says another size
                    raise ValueError(f"{key}: {written} bytes written, {a.size} announced")


def save_checkpoint(path: str | os.PathLike, net: LeNet5,
                    extra_arrays: Mapping[str, np.ndarray | StreamedBytes] | None = None,
                    **meta) -> Path:
    """Write atomically: temp file in the same directory → fsync → os.replace → fsync dir.

    A failure at any point leaves an existing file untouched and no temp file behind.
    extra_arrays (e.g. a loss history, a timeline) are stored under "extra_<name>"; meta goes to
    JSON.
    """
    from lenet_gui import __version__

    path = Path(path)
    if path.suffix != ".npz":
        path = path.with_name(path.name + ".npz")
    info = {"format_version": FORMAT_VERSION, "app_version": __version__,
            "config": net.config.to_dict(), **meta}
    arrays = {k: np.asarray(net.params[k]) for k in net.param_names()}
    for k, v in (extra_arrays or {}).items():
        arrays["extra_" + k] = v if isinstance(v, StreamedBytes) else np.asarray(v)
    arrays[META_KEY] = np.frombuffer(json.dumps(info, default=_json_default).encode(), np.uint8)
    (path.parent if str(path.parent) else Path(".")).mkdir(parents=True, exist_ok=True)
    write_atomic(path, lambda fh: write_npz(fh, arrays))
    return path


def _json_default(o):
    if isinstance(o, np.generic):
        return o.item()
    if isinstance(o, np.ndarray):
        return o.tolist()
    raise TypeError(f"not JSON serialisable: {type(o).__name__}")


def npz_key(member: str) -> str:
    """The key np.savez gives a member: its name without ".npy"."""
    return member[:-4] if member.endswith(".npy") else member


def _npy_header(fh: BinaryIO, member: str) -> tuple[tuple[int, ...], bool, np.dtype, int]:
    """(shape, Fortran order, dtype, the header's length) of an .npy's header, versions 1 to 3,
    of numbers only. Parsed here rather than by np.lib.format, whose fallback for old headers
    lets tokenize.TokenError out on a damaged one."""
    magic = fh.read(8)
    if len(magic) != 8 or magic[:6] != b"\x93NUMPY" or magic[6] not in (1, 2, 3) or magic[7]:
        raise ValueError(f"member {member!r} is not an .npy array of version 1.0, 2.0 or 3.0")
    width = 2 if magic[6] == 1 else 4
    size = int.from_bytes(fh.read(width), "little")
    if size > 10_000:  # np.lib.format's limit on what it evaluates
        raise ValueError(f"member {member!r} has an .npy header of {size} bytes")
    text = fh.read(size)
    try:
        header = ast.literal_eval(text.decode("latin1" if magic[6] < 3 else "utf8"))
        if not isinstance(header, dict) or set(header) != {"descr", "fortran_order", "shape"}:
            raise ValueError("not a dictionary of descr, fortran_order and shape")
        shape, fortran = header["shape"], header["fortran_order"]
        if not isinstance(shape, tuple) or not all(type(n) is int and n >= 0 for n in shape) \
                or not isinstance(fortran, bool):
            raise ValueError(f"shape {shape!r}, fortran_order {fortran!r}")
        dtype = np.lib.format.descr_to_dtype(header["descr"])
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError) as exc:
        raise ValueError(f"member {member!r} has an unreadable .npy header ({exc})") from None
    if dtype.kind not in "biuf" or dtype.fields is not None or dtype.subdtype is not None:
        raise ValueError(f"member {member!r} holds {dtype}, not numbers")
    return shape, fortran, dtype, 8 + width + size


@contextlib.contextmanager
def open_npy(zf: zipfile.ZipFile, info: zipfile.ZipInfo):
    """(the open member positioned after its header, shape, Fortran order, dtype) of an .npy
    member of numbers whose header's shape and dtype make exactly the member's size; ValueError
    otherwise (before anything is allocated)."""
    if not info.filename.endswith(".npy"):
        raise ValueError(f"member {info.filename!r} is not an .npy array")
    if info.flag_bits & 0x1:
        raise ValueError(f"member {info.filename!r} is encrypted")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise ValueError(f"member {info.filename!r} has compression method "
                         f"{info.compress_type}, expected stored or deflated")
    with zf.open(info) as fh:
        shape, fortran, dtype, at = _npy_header(fh, info.filename)
        nbytes = math.prod(shape) * dtype.itemsize
        if nbytes != info.file_size - at:
            raise ValueError(f"member {info.filename!r}: its header says {shape} {dtype} "
                             f"= {nbytes} bytes, the member has {info.file_size - at}")
        yield fh, shape, fortran, dtype


def read_npz(zf: zipfile.ZipFile, keys: Callable[[str], bool]) -> dict[str, np.ndarray]:
    """The arrays of an .npz (np.savez's zip of .npy members) whose keys `keys` accepts, read
    without np.load's trust: every such member must be an .npy of numbers (bool, int, uint or
    float) whose header's shape and dtype make exactly the member's size, checked before its
    array is allocated (np.load allocates what a header claims, however large, before it finds
    the data missing). The caller bounds the members' declared sizes. ValueError says what is
    wrong; zipfile's own errors (BadZipFile for a wrong CRC, zlib.error, EOFError) pass."""
    out = {}
    for info in zf.infolist():
        key = npz_key(info.filename)
        if not keys(key):
            continue
        if key in out:
            raise ValueError(f"member {info.filename!r} appears twice")
        with open_npy(zf, info) as (fh, shape, fortran, dtype):
            nbytes = math.prod(shape) * dtype.itemsize
            data = bytearray()
            while len(data) < nbytes:
                piece = fh.read(min(NPZ_PIECE, nbytes - len(data)))
                if not piece:
                    raise ValueError(f"member {info.filename!r} is cut short")
                data += piece
        a = np.frombuffer(data, dtype, math.prod(shape)) if nbytes else np.empty(0, dtype)
        out[key] = a.reshape(shape, order="F" if fortran else "C")
    return out


def load_checkpoint(path: str | os.PathLike) -> Checkpoint:
    """Read and validate; anything wrong raises one CheckpointError naming the file."""
    path = Path(path)
    name = str(path)
    try:
        with zipfile.ZipFile(path) as zf:
            declared = sum(i.file_size for i in zf.infolist()
                           if not i.filename.startswith(TIMELINE_MEMBERS))
            if declared > MAX_DECLARED_BYTES:
                raise CheckpointError(f"{name}: declares {declared} bytes of arrays, more than "
                                      f"the {MAX_DECLARED_BYTES} a checkpoint can hold")
            arrays = read_npz(zf, lambda k: not k.startswith(TIMELINE_MEMBERS))
            has_timeline = any(i.filename.startswith(TIMELINE_MEMBERS) for i in zf.infolist())
    except CheckpointError:
        raise
    except FileNotFoundError:
        raise CheckpointError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise CheckpointError(f"{name}: is a directory, expected a .npz checkpoint") from None
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, KeyError,
            NotImplementedError) as exc:  # zipfile: a version or feature it does not read
        raise CheckpointError(f"{name}: not a valid .npz checkpoint ({type(exc).__name__}: "
                              f"{exc})") from None
    if META_KEY not in arrays:
        raise CheckpointError(f"{name}: no {META_KEY} entry; not a lenet_gui checkpoint")
    try:
        raw = arrays.pop(META_KEY)
        if raw.dtype != np.uint8 or raw.ndim != 1:
            raise ValueError(f"metadata of {raw.dtype} {raw.shape}, expected bytes")
        meta = json.loads(raw.tobytes().decode())
        if not isinstance(meta, dict):
            raise ValueError("metadata is not a JSON object")
    except (ValueError, RecursionError) as exc:  # RecursionError: JSON nested too deep
        raise CheckpointError(f"{name}: unreadable metadata ({exc})") from None
    version = meta.get("format_version")
    if version != FORMAT_VERSION:
        raise CheckpointError(f"{name}: format version {version!r}, expected {FORMAT_VERSION}")
    try:
        config = LeNetConfig.from_dict(meta.get("config", {}))
    except (TypeError, ValueError) as exc:
        raise CheckpointError(f"{name}: bad configuration: {exc}") from None
    net = LeNet5(config)
    expected = set(net.param_names())
    found = {k for k in arrays if not k.startswith("extra_")}
    if found != expected:
        missing, extra = sorted(expected - found), sorted(found - expected)
        raise CheckpointError(f"{name}: parameters do not match the configuration: "
                              f"missing {missing or 'none'}, unexpected {extra or 'none'}")
    params = {}
    for k in sorted(expected):
        a = arrays[k]
        if a.shape != PARAM_SHAPES[k]:
            raise CheckpointError(f"{name}: {k} has shape {a.shape}, expected {PARAM_SHAPES[k]}")
        if a.dtype.kind != "f":
            raise CheckpointError(f"{name}: {k} has dtype {a.dtype}, expected floating point")
        with np.errstate(over="ignore"):  # a float64 beyond float32's range: inf, refused below
            params[k] = a.astype(net.dtype)
        if not np.all(np.isfinite(params[k])):
            raise CheckpointError(f"{name}: {k} holds NaN or infinite values, or values beyond "
                                  f"{net.dtype}'s range")
    # On the values stored, not the cast ones: float32 rounds 1e-300 to 0, which would load a
    # weight outside the table, that the file holds, as a silent 0.
    if config.c3_table and np.any(arrays["w3"][~net.table] != 0):
        raise CheckpointError(f"{name}: w3 has weights outside Table 1 though c3_table is set")
    meta["extra"] = {k[len("extra_"):]: v for k, v in arrays.items() if k.startswith("extra_")}
    meta["has_timeline"] = has_timeline  # its arrays stay in the file (timeline.read_timeline)
    return Checkpoint(config, params, meta)
