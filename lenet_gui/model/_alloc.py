"""Keep glibc from unmapping every mid-sized temporary between training steps.

glibc mmaps and frees each array between ~128 KiB and 32 MiB on every step; every step then
page-faults them back in, which made a batch-64 training step about twice as slow
(PERFORMANCE.md, item 6). Raising the mmap and trim thresholds keeps those blocks in the heap.
No-op where the C library is not glibc. `Workspace` is the portable half of the fix: the
convolution's large scratch arrays are allocated once and reused.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
import threading

import numpy as np

M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
_done = False


def tune_allocator() -> bool:
    global _done
    if _done or not sys.platform.startswith("linux"):
        return _done
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    _done = bool(mallopt(M_MMAP_THRESHOLD, 64 * 1024 * 1024)) and bool(
        mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024))
    return _done


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
