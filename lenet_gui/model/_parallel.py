"""Data parallelism for the convolution layers: a batch is split into parts that run on
`num_threads()` threads at once (the caller's own thread plus a shared worker pool).

Most of a training step is NumPy copies, ufuncs and small GEMMs, which release the GIL but
use one core each, so two threads on two parts of a batch use both cores. OpenBLAS is then
limited to one thread (threadpoolctl), so that its own threads do not fight ours and the
results never depend on a thread count.

The thread count is a process-wide knob: `set_num_threads(n)`, or the environment variable
LENET_THREADS; the default is min(2, os.cpu_count()). The pool accepts work from any number
of caller threads at once (a GUI thread and a training thread); tasks never wait on other
tasks, so it cannot deadlock, and a pool thread that calls the model runs it serially.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

ENV_VAR = "LENET_THREADS"
# Images per part below which a batch is not split in two: the hand-off to a pool thread costs
# about 0.1 ms and small batches are mostly Python overhead, which holds the GIL. 32 keeps a
# training micro-batch (_procs.MICRO) in one part.
MIN_PER_THREAD = 32

_lock = threading.Lock()
_threads: int | None = None  # None: not yet decided (environment or default)
_pool: ThreadPoolExecutor | None = None
_pool_size = 0
_blas_limiter = None  # threadpoolctl's handle while OpenBLAS is held to one thread
_in_pool = threading.local()  # .active is True on pool threads


def _default_threads() -> int:
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        try:
            n = int(env)
        except ValueError:
            raise ValueError(f"{ENV_VAR} must be a positive integer, got {env!r}") from None
        if n < 1:
            raise ValueError(f"{ENV_VAR} must be a positive integer, got {env!r}")
        return n
    return max(1, min(2, os.cpu_count() or 1))


def num_threads() -> int:
    """Threads the model uses for one batch (1: no splitting)."""
    global _threads
    if _threads is None:
        with _lock:
            if _threads is None:
                _threads = _default_threads()
    return _threads


def set_num_threads(n: int | None) -> None:
    """Use n threads per batch from now on; None goes back to LENET_THREADS or the default."""
    global _threads, _pool, _pool_size
    if n is not None and (int(n) != n or n < 1):
        raise ValueError(f"the number of threads must be a positive integer, got {n!r}")
    new = _default_threads() if n is None else int(n)
    with _lock:
        _threads = new
        if _pool is not None and _pool_size != new - 1:
            _pool.shutdown(wait=False)  # tasks already submitted still run
            _pool, _pool_size = None, 0


def _limit_blas() -> None:
    """OpenBLAS to one thread (once); called with _lock held."""
    global _blas_limiter
    if _blas_limiter is not None:
        return
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # without threadpoolctl the two BLAS thread sets just share the cores
        _blas_limiter = False
        return
    _blas_limiter = threadpool_limits(limits=1, user_api="blas")


def prepare() -> None:
    """Hold OpenBLAS to one thread (cheap after the first call), whatever the model's thread
    count: OpenBLAS may cut one GEMM differently on another number of its own threads, and
    the model's results must not depend on any thread count."""
    if _blas_limiter is None:
        with _lock:
            _limit_blas()


def split(N: int, chunk: int, min_part: int = MIN_PER_THREAD) -> list[slice]:
    """The batch's parts, contiguous and in order, of at most `chunk` images each, and an even
    number of them once N >= 2·min_part (so that two workers share a batch).

    The parts depend only on N, chunk and min_part: never on the thread or process count, nor
    on which thread runs them. Every count therefore computes the same GEMMs in the same shapes
    and adds them in the same order, so the results are the same bit for bit (OpenBLAS rounds
    a (16, 151) @ (151, 20·140) product differently from a (16, 151) @ (151, 40·140) one, and a
    max-pooling window of near-equal values then routes δ to another element)."""
    k = -(-N // chunk)  # ⌈N / chunk⌉
    if N >= 2 * min_part:
        k += k % 2
    k = max(1, min(k, N))
    bounds = [N * i // k for i in range(k + 1)]
    return [slice(bounds[i], bounds[i + 1]) for i in range(k)]


def _mark_pool_thread() -> None:
    _in_pool.active = True


@contextlib.contextmanager
def serial():
    """Within this block the model runs on the calling thread only (as on a pool thread)."""
    before = getattr(_in_pool, "active", False)
    _in_pool.active = True
    try:
        yield
    finally:
        _in_pool.active = before


class _Job:
    """Parts handed out one at a time to whichever thread asks first: when a pool thread
    starts late (a busy machine, or it serves another caller), the caller does its parts."""

    def __init__(self, fn: Callable[[T], R], parts: Sequence[T]) -> None:
        self.fn, self.parts = fn, parts
        self.results: list = [None] * len(parts)
        self.error: BaseException | None = None
        self._next = self._done = 0
        self._cv = threading.Condition(threading.Lock())

    def work(self) -> None:
        n = len(self.parts)
        while True:
            with self._cv:
                i = self._next
                if i >= n or self.error is not None:
                    return
                self._next += 1
            try:
                self.results[i] = self.fn(self.parts[i])
            except BaseException as e:  # handed to the caller
                with self._cv:
                    self.error = self.error or e
            with self._cv:
                self._done += 1
                if self._done == self._next:
                    self._cv.notify_all()

    def wait(self) -> None:
        """Until no part is running (after work() returned on the caller's thread, every part
        was started, or an error stopped the handing out)."""
        with self._cv:
            self._cv.wait_for(lambda: self._done == self._next)


def _submit(fn: Callable[[], None]) -> None:
    global _pool, _pool_size
    with _lock:  # no set_num_threads() between getting the pool and submitting to it
        if _pool is None:
            _pool_size = max(1, (_threads or 2) - 1)
            _pool = ThreadPoolExecutor(max_workers=_pool_size, thread_name_prefix="lenet",
                                       initializer=_mark_pool_thread)
        _pool.submit(fn)


def run_parts(fn: Callable[[T], R], parts: Sequence[T]) -> list[R]:
    """[fn(p) for p in parts] on this thread and the pool's, results in the order of `parts`.
    An exception from any part is raised here, once no part is running any more."""
    if len(parts) == 1 or num_threads() == 1 or getattr(_in_pool, "active", False):
        return [fn(p) for p in parts]
    prepare()
    job = _Job(fn, parts)
    for _ in range(min(num_threads(), len(parts)) - 1):
        try:
            _submit(job.work)
        except RuntimeError:  # the pool is shut down (interpreter exit): this thread does all
            break
    job.work()
    job.wait()
    if job.error is not None:
        raise job.error
    return job.results
