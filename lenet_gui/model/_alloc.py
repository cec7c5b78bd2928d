"""Keep glibc from unmapping every mid-sized temporary between training steps.

glibc mmaps and frees each array between ~128 KiB and 32 MiB on every step; every step then
page-faults them back in, which made a batch-64 training step about twice as slow
(up to 76 % of the time in the kernel). Raising the mmap and trim thresholds keeps those blocks in the heap.
No-op where the C library is not glibc (macOS, Windows, musl). `Workspace` is the portable
half of the fix: the convolution's large scratch arrays are allocated once and reused.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import sys
import threading

import numpy as np

M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
M_ARENA_MAX = -8
# A training step runs micro-batches of 32 images (_procs.py) and an inference pass 64 split
# over two threads: their temporaries are at most ~3 MB (C1's im2col) and stay in the heap,
# as do a forward() of 64 images (~7 MB) and PyTorch's tensors in the benchmark (with a 4 MB
# threshold, PyTorch's batch-256 step ran at half speed).
# Larger blocks (a data set being decoded, a big batch given to forward()) are mmapped and
# go back to the system at once, and free heap above 32 MB is trimmed, so that the peak
# resident memory stays that of the live arrays. Two arenas: the trainer, the GUI and the
# model's pool thread would otherwise each keep freed memory of their own.
MMAP_THRESHOLD = 16 * 1024 * 1024
TRIM_THRESHOLD = 32 * 1024 * 1024
ARENA_MAX = 2
_done = False


@functools.cache
def _libc():
    """glibc, or None where the C library cannot be loaded (callers check for the functions).
    Once: find_library runs `ldconfig -p` in a subprocess (~4 ms), and the window trims the
    heap every 10 s."""
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except (OSError, TypeError):  # no such library (musl, a missing libc.so.6)
        return None


def tune_allocator(mmap_threshold: int = MMAP_THRESHOLD,
                   trim_threshold: int = TRIM_THRESHOLD) -> bool:
    """Set glibc's thresholds (once with the defaults; again whenever other values are given).
    False where the C library is not glibc."""
    global _done
    again = (mmap_threshold, trim_threshold) != (MMAP_THRESHOLD, TRIM_THRESHOLD)
    if (_done and not again) or not sys.platform.startswith("linux"):
        return _done
    mallopt = getattr(_libc(), "mallopt", None)
    if mallopt is None:
        return False
    _done = (bool(mallopt(M_MMAP_THRESHOLD, mmap_threshold))
             and bool(mallopt(M_TRIM_THRESHOLD, trim_threshold))
             and bool(mallopt(M_ARENA_MAX, ARENA_MAX)))
    return _done


def release_free_memory() -> bool:
    """Give the free pages of every malloc arena back to the system (glibc's malloc_trim(0),
    which also releases whole free pages in the middle of a heap). For after a burst of
    temporaries that left holes (a timeline coded again); False where it is not glibc."""
    if not sys.platform.startswith("linux"):
        return False
    trim = getattr(_libc(), "malloc_trim", None)
    return trim is not None and bool(trim(0))


class _Mallinfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
        "fordblks", "keepcost")]


def heap_usage() -> tuple[int, int] | None:
    """(bytes malloc has handed out and not had back, bytes it holds free) over every arena and
    mmapped block (glibc's mallinfo2, 2.33 and later); None where it is not glibc. What tells
    a heap that grows (live blocks: a leak or a cache) from one that holds holes (free)."""
    if not sys.platform.startswith("linux"):
        return None
    fn = getattr(_libc(), "mallinfo2", None)
    if fn is None:
        return None
    fn.restype = _Mallinfo2
    m = fn()
    return int(m.uordblks + m.hblkhd), int(m.fordblks)


class Workspace:
    """Scratch arrays reused from call to call (im2col columns and their δ), one set per
    thread so that a GUI thread and a training thread never share one. Only internal
    temporaries live here: nothing returned to a caller is ever a workspace array."""

    def __init__(self) -> None:
        self._local = threading.local()

    def get(self, name: str, shape: tuple[int, ...], dtype) -> np.ndarray:
        """An uninitialised C-contiguous array of `shape`, backed by a buffer kept per name."""
        bufs = self._local.__dict__.setdefault("bufs", {})
        size = int(np.prod(shape))
        dtype = np.dtype(dtype)
        buf = bufs.get(name)
        if buf is None or buf.dtype != dtype or buf.size < size:
            buf = bufs[name] = np.empty(size, dtype=dtype)
        return buf[:size].reshape(shape)
