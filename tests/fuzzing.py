"""What the fuzz tests share (docs/RELIABILITY.md): byte mutations of a valid file drawn by
Hypothesis, the rebuilding of a zip (an .npz) with correct CRCs around mutated members, and the
bound on the memory one load may take.

A fuzz test writes a small valid file with known values, lets Hypothesis change it, loads it,
and checks the property: either the load succeeds and every value is what the file says (the
values written, or for a mutation the format cannot detect, the mutated ones: never another
shape), or the reader's one error is raised with the file's name in its message. Never another
exception, never a hang, never an allocation out of proportion to the file (`bounded_memory`).
"""

from __future__ import annotations

import contextlib
import io
import tracemalloc
import zipfile

import numpy as np
from hypothesis import strategies as st

MB = 1024 * 1024


# ----------------------------------------------------------------- byte mutations


@st.composite
def mutated(draw, data: bytes, hot: tuple[int, ...] = ()) -> bytes:
    """`data` with one to four mutations: a bit flipped, a byte set, a span replaced by random
    bytes, a span deleted, bytes inserted, the end cut off, junk appended. Positions are drawn
    anywhere (shrinking towards the start: the header) or, when `hot` is given, near one of
    those offsets (a header's fields, a zip's member headers)."""
    out = bytearray(data)

    def position(n: int) -> int:
        if n == 0:
            return 0
        if hot and draw(st.booleans()):
            return min(max(draw(st.sampled_from(hot)) + draw(st.integers(-4, 4)), 0), n - 1)
        return draw(st.integers(0, n - 1))

    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(("flip", "set", "replace", "delete", "insert", "truncate",
                                     "append")))
        n = len(out)
        if kind in ("flip", "set", "replace", "delete") and n == 0:
            kind = "append"
        if kind == "flip":
            i = position(n)
            out[i] ^= 1 << draw(st.integers(0, 7))
        elif kind == "set":
            out[position(n)] = draw(st.sampled_from((0x00, 0xFF, 0x7F, 0x80, 0x01))
                                    | st.integers(0, 255))
        elif kind == "replace":
            i = position(n)
            junk = draw(st.binary(min_size=1, max_size=16))
            out[i : i + len(junk)] = junk
        elif kind == "delete":
            i = position(n)
            del out[i : i + draw(st.integers(1, 16))]
        elif kind == "insert":
            i = position(n + 1)
            out[i:i] = draw(st.binary(min_size=1, max_size=16))
        elif kind == "truncate":
            del out[draw(st.integers(0, max(n - 1, 0))):]
        else:
            out += draw(st.binary(min_size=1, max_size=64))
    return bytes(out)


# ----------------------------------------------------------------- zips (.npz)


def zip_members(data: bytes) -> dict[str, bytes]:
    """The members of a (valid) zip, in order: name -> bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def rezip(members: dict[str, bytes]) -> bytes:
    """A zip of these members (stored, as np.savez writes), with correct CRCs: a mutation of a
    member gets past the zip's own checks and reaches the reader's."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        for name, body in members.items():
            zf.writestr(name, body)
    return buf.getvalue()


def npy(array: np.ndarray) -> bytes:
    buf = io.BytesIO()
    np.lib.format.write_array(buf, np.asanyarray(array), allow_pickle=False)
    return buf.getvalue()


def npy_with_header(header: dict, payload: bytes) -> bytes:
    """An .npy member whose header says anything (shape, descr), followed by `payload`."""
    buf = io.BytesIO()
    np.lib.format.write_array_header_1_0(buf, header)
    return buf.getvalue() + payload


# A shape a mutated header may claim: small, empty, wrong, or far too large to allocate.
claimed_shapes = st.one_of(
    st.lists(st.integers(0, 40), max_size=4).map(tuple),
    st.lists(st.sampled_from((1, 2, 3, 10**6, 10**9, 2**31 - 1, 2**40, 2**62)), min_size=1,
             max_size=3).map(tuple))
# A dtype a mutated header may claim: the right kinds and wrong ones (objects are refused by
# allow_pickle=False, strings and complex are not numbers the app reads).
claimed_descrs = st.sampled_from(("<f4", "<f8", ">f4", ">f8", "<f2", "<i4", "<i8", "|u1", "|b1",
                                  "<c8", "<U3", "|S2", "|O", "<M8[s]", "|V4"))


# ----------------------------------------------------------------- memory


@contextlib.contextmanager
def bounded_memory(limit: int):
    """Fail if the block's peak of Python and NumPy allocations (tracemalloc) exceeds `limit`
    bytes: a reader must refuse a header that declares huge dimensions before it allocates.
    (Pillow's and zlib's own buffers are not traced; see docs/RELIABILITY.md.)"""
    started = not tracemalloc.is_tracing()
    if started:
        tracemalloc.start()
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    try:
        yield
    finally:
        peak = tracemalloc.get_traced_memory()[1] - base
        if started:
            tracemalloc.stop()
    assert peak <= limit, f"a load took {peak / MB:.1f} MB, more than the bound {limit / MB:.1f} MB"


def file_bound(size: int, factor: int = 64, floor: int = 16 * MB) -> int:
    """The memory a load of a file of `size` bytes may take: factor × size + floor."""
    return factor * size + floor
