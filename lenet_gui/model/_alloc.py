"""Keep glibc from unmapping every mid-sized temporary between training steps.

glibc mmaps and frees each array between ~128 KiB and 32 MiB on every step; every step then
page-faults them back in, which made a batch-64 training step about twice as slow
(PERFORMANCE.md, item 6). Raising the mmap and trim thresholds keeps those blocks in the heap.
No-op where the C library is not glibc.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

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
