"""Training steps on several processes: data parallelism without the GIL.

A training step is mostly NumPy calls on arrays of a few hundred kilobytes. They release the
GIL, but every call takes it back; two threads of one process then queue for it after each
call, and on this 2-core machine two threads reached 10.4k samples/s where two processes,
doing the same work, reached 14.7k. So a training step
splits its batch into micro-batches of at most MICRO images and runs each one through the
whole network: the caller's process takes some, a helper process the others.

    gradients(net, x, labels) -> StepResult(loss J, outputs y, δ of every parameter)

Each micro-batch is computed the same way wherever it runs (one thread, the same code) and
their gradients are added in micro-batch order, so the result does not depend on how many
processes ran it: bit for bit the same with a helper process, without one, or after a helper
died.

While the window draws a frame, `hand_off(True)` sends every micro-batch of a step to the
helper and the trainer's thread only waits, asleep: the GUI thread has this process's core and
the training goes on in the other (in one window, phases of 4 s alternating: 6,765 against
6,077 samples/s when the trainer waited during frames instead).

Inference over many images (LeNet5.predict, trainer.evaluate) shares its passes the same way
(`predict`): each round of passes is split in two, the later half computed by the helper.

The helper is a child Python process (its loop: _serve.py, which alone of the two imports the
model) (started with subprocess, so nothing of the parent, Qt
included, is copied or re-imported) that starts on the first step of two or more
micro-batches and lives until the program exits; POSIX only (on Windows threads do it, and
nothing is said: it is the platform, not a fault). Weights, inputs and results travel through
one block of shared memory; the pipe only carries "compute micro-batches i..j" and "done", as
JSON (never pickles: see _messages.py). If
the helper cannot start or dies, its micro-batches run in this process (on threads) and a
warning is logged once, with the kind of failure and its detail as the record's
`lenet_notice` and `lenet_detail` (the window says it in its own language): training never
stops because of it. LENET_PROCESSES=0 turns the helper off; it is also off when the model
runs one thread (LENET_THREADS=1).
"""

from __future__ import annotations

import atexit
import logging
import mmap
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from lenet_gui.model import _parallel
from lenet_gui.model._messages import MessageError, _receive, _send

log = logging.getLogger(__name__)

ENV_VAR = "LENET_PROCESSES"
# Images per micro-batch. A step over 32 images ran at 131–148 µs an image on one core, over
# 128 images (in chunks of 64) at 186–198 µs: a larger step's arrays leave the L2 cache.
MICRO = 32
# Fewer images than this per process and the batch is not split (Python overhead dominates).
# Batch 16 as 2 × 8: 8.9k samples/s against 7.0k in one process.
MIN_PER_PROCESS = 8
# Seconds to wait for the helper's answer before doing its share here (a step takes ~10 ms).
# Only the time this process ran counts: the wait is cut into slices of WAIT_SLICE seconds and
# a slice counts at most its own length, however long it really took. A process stopped while
# it waited (Ctrl+Z in a terminal, a debugger, SIGSTOP) kept its helper: in the sixth two-hour
# afternoon one stop of 81 s made a wait on the clock give the helper up for good.
TIMEOUT = 60.0
WAIT_SLICE = 1.0
# The kinds of warning (LogRecord.lenet_notice): the helper could not start, or it failed.
HELPER_START_FAILED = "helper_start_failed"
HELPER_FAILED = "helper_failed"


@dataclass
class StepResult:
    loss: float  # J, the mean cross-entropy over the batch
    y: np.ndarray  # softmax outputs (N, 10)
    grads: dict[str, np.ndarray]  # δ of every parameter, under the parameter's name
    flat: np.ndarray | None = None  # the vector `grads` are views of (param_names' order)

    def flat_grads(self, names: list[str]) -> np.ndarray:
        """δ of every parameter as one vector in the order of `names` (the network's
        param_names, as its `flat`): `flat` itself when the step made one, else a copy."""
        if self.flat is not None:
            return self.flat
        return np.concatenate([self.grads[k].reshape(-1) for k in names])


def micro_batches(N: int) -> list[slice]:
    """Contiguous micro-batches of at most MICRO images, an even number of them once each
    half gets MIN_PER_PROCESS images. They depend only on N, never on how many processes or
    threads run them (see _parallel.split): every count gives the same sums, bit for bit."""
    return _parallel.split(N, MICRO, MIN_PER_PROCESS)


# ----------------------------------------------------------------------------- one micro-batch


def _layout(names: list[str], shapes: dict[str, tuple]) -> dict[str, tuple[int, int, tuple]]:
    """Offsets of each parameter in the flat vector: name -> (start, stop, shape)."""
    out, pos = {}, 0
    for k in names:
        size = int(np.prod(shapes[k]))
        out[k] = (pos, pos + size, tuple(shapes[k]))
        pos += size
    return out


_layouts: dict = {}


def _layout_of(net) -> dict:
    """_layout of the network's parameters, cached by their names and shapes."""
    names = net.param_names()
    key = tuple((k, net.params[k].shape) for k in names)
    out = _layouts.get(key)
    if out is None:
        out = _layouts[key] = _layout(names, dict(key))
    return out


def _forward_backward(net, x: np.ndarray, labels: np.ndarray):
    """net.forward and the training backward (no δ(x), no display-only maps) on this thread.
    A diverging step gives ∞ or NaN; the trainer checks for them, so no warnings here."""
    with _parallel.serial(), np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        trace = net.forward(x, maps=False)
        return trace, net.backward(trace, labels, need_input=False, need_maps=False)


def _infer(net, x: np.ndarray) -> np.ndarray:
    """y of one inference pass on this thread (forward without the display maps)."""
    with _parallel.serial():
        return net.forward(x, keep_cols=False, maps=False)["y"]


def compute_micro(net, x: np.ndarray, labels: np.ndarray, y_out: np.ndarray,
                  g_out: np.ndarray, layout: dict) -> float:
    """Forward and backward of one micro-batch on this thread only: writes its outputs y to
    y_out, the gradient of its *summed* loss to the flat vector g_out; returns the summed loss
    (so that micro-batches add up to the batch's sum exactly as the batch mean defines it)."""
    trace, grads = _forward_backward(net, x, labels)
    n = len(labels)
    loss = net.loss(trace, labels) * n
    y_out[...] = trace["y"]
    for k, (a, b, _) in layout.items():
        np.multiply(grads[k].reshape(-1), n, out=g_out[a:b])  # δ of Σ J = n · δ of mean J
    return loss


# ----------------------------------------------------------------------------- shared memory


class _Block:
    """One block of memory shared with the helper: the weights, the inputs, the labels, the
    outputs y, one gradient slot and one loss per micro-batch. It is a file mapped by both
    processes (in /dev/shm where there is one) and unlinked as soon as both have mapped it,
    so nothing is left behind whatever happens to either process."""

    def __init__(self, mm: mmap.mmap, n_params: int, capacity: int, slots: int, dtype):
        self.mm, self.capacity, self.slots = mm, capacity, slots
        views = {}
        for name, offset, count, dt in self.spec(n_params, capacity, slots, np.dtype(dtype))[0]:
            views[name] = np.ndarray((count,), dt, buffer=mm, offset=offset)
        self.params, self.labels, self.losses = views["params"], views["labels"], views["losses"]
        self.x = views["x"].reshape(capacity, 1, 32, 32)
        self.y = views["y"].reshape(capacity, 10)
        self.grads = views["grads"].reshape(slots, n_params)

    @staticmethod
    def spec(n_params, capacity, slots, dtype) -> tuple[list, int]:
        """[(name, byte offset, count, dtype)], total bytes; offsets 64-byte aligned."""
        out, pos = [], 0
        for name, count, dt in (("params", n_params, dtype), ("x", capacity * 1024, dtype),
                                ("labels", capacity, np.int64), ("y", capacity * 10, dtype),
                                ("grads", slots * n_params, dtype), ("losses", slots, np.float64)):
            pos = -(-pos // 64) * 64
            out.append((name, pos, count, np.dtype(dt)))
            pos += count * np.dtype(dt).itemsize
        return out, pos

    def release(self) -> None:
        self.params = self.x = self.labels = self.y = self.grads = self.losses = None
        try:
            self.mm.close()
        except BufferError:  # a view still exported: the mapping goes with the last of them
            pass


def _map(path: str, size: int) -> mmap.mmap:
    with open(path, "r+b") as f:
        return mmap.mmap(f.fileno(), size)


# ----------------------------------------------------------------------------- the helper

# Seconds to poll for the other side's message before sleeping on it. Waking a sleeping
# process took ~0.1 ms here (a virtual machine), twice a step; steps follow each other within
# a fraction of a millisecond, so a short poll catches the next message awake. An idle helper
# polls for 2 ms after its last step, then sleeps. The parent polls for up to 4 ms: in the
# window a trainer that slept while the helper finished its half had to be woken and then
# win the GIL back from the GUI thread. In one window, phases of 4 s alternating 1 and 4 ms
# (quiet machine, 2026-12-07): 6,611 against 7,372 samples/s; headless, 8,458 against 8,222
# (within the run's noise).
HELPER_SPIN = 0.002
PARENT_SPIN = 0.004


def _spin(conn, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while not conn.poll(0) and time.perf_counter() < end:
        pass


class _Helper:
    """The parent's side of the helper process and of the block it shares with it."""

    def __init__(self) -> None:
        if not platform_has_helper():
            raise OSError("the helper process needs a POSIX system")
        from multiprocessing.connection import Connection
        ours, theirs = socket.socketpair()
        root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1",
                   PYTHONPATH=os.pathsep.join([root] + [p for p in
                                               os.environ.get("PYTHONPATH", "").split(os.pathsep)
                                               if p]))
        if getattr(sys, "frozen", False):  # a bundled app: sys.executable is the app, not Python
            command = [sys.executable, "--helper", str(theirs.fileno())]  # lenet_gui.commands.main
        else:
            command = [sys.executable, "-c",
                       f"from lenet_gui.model._serve import serve; serve({theirs.fileno()})"]
        try:
            self.proc = subprocess.Popen(command, pass_fds=[theirs.fileno()],
                                         env=env, stdin=subprocess.DEVNULL)
        finally:
            theirs.close()
        self.conn = Connection(ours.detach())
        self.block: _Block | None = None
        self.key = None  # (config, n_params) the block was made for

    def block_for(self, config, n_params: int, N: int, slots: int) -> _Block:
        key = (config, n_params)
        b = self.block
        if b is None or self.key != key or b.capacity < N or b.slots < slots:
            capacity = max(N, 256 if b is None else b.capacity)
            slots = max(slots, -(-capacity // MICRO) + 1)
            if b is not None:
                b.release()
                self.block = None
            size = _Block.spec(n_params, capacity, slots, np.dtype(config.dtype))[1]
            shm_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
            fd, path = tempfile.mkstemp(prefix="lenet-", dir=shm_dir)
            try:
                os.ftruncate(fd, size)
                mm = mmap.mmap(fd, size)
                self.block = _Block(mm, n_params, capacity, slots, config.dtype)
                self.request(("attach", path, config.to_dict(), n_params, capacity, slots))
            finally:
                os.close(fd)
                os.unlink(path)  # both processes have it mapped (or the helper failed)
            self.key = key
        return self.block

    def request(self, msg) -> None:
        _send(self.conn, msg)
        self.wait()

    def wait(self, spin: bool = True) -> None:
        if spin:
            _spin(self.conn, PARENT_SPIN)
        counted = 0.0
        while True:
            start = time.monotonic()
            if self.conn.poll(WAIT_SLICE):
                break
            counted += min(time.monotonic() - start, WAIT_SLICE)
            if self.proc.poll() is not None:
                raise EOFError(f"the helper exited (code {self.proc.returncode})")
            if counted >= TIMEOUT:
                raise TimeoutError(f"no answer in {TIMEOUT:.0f} s")
        reply = _receive(self.conn)  # EOFError when the helper died
        if reply[0] == "error":
            raise RuntimeError(reply[1])
        if reply[0] != "ok":
            raise MessageError(f"the helper answered {reply[0]!r}")

    def close(self) -> None:
        try:
            _send(self.conn, ("stop",))
        except (OSError, ValueError):
            pass
        try:
            self.proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=2)
        self.conn.close()
        if self.block is not None:
            self.block.release()
            self.block = None


_lock = threading.Lock()
_helper: _Helper | None = None
_broken = False  # the helper failed once: this process does all the work from now on
# Set while this process's cores are wanted elsewhere (the window draws a frame): a step then
# sends every micro-batch to the helper and waits for it without spinning (hand_off).
_handing_off = threading.Event()


def platform_has_helper() -> bool:
    """The helper gets its end of the socket pair through pass_fds, which only POSIX has."""
    return os.name == "posix"


def processes_enabled() -> bool:
    """The next step may use the helper: the platform has one, it has not failed, it is not
    turned off, and the model runs more than one thread."""
    env = os.environ.get(ENV_VAR, "").strip()
    if env in ("0", "false", "no", "off") or not platform_has_helper():
        return False
    return not _broken and _parallel.num_threads() > 1


def hand_off(on: bool) -> None:
    """While on, a step of two or more micro-batches runs them all in the helper process and
    the calling thread only hands the batch over and waits, asleep: another thread of this
    process (the window's GUI thread drawing a frame) has a core, and the training goes on
    in the other. The result is the same bit for bit (micro-batches are added in their order
    wherever they ran). Off again, the micro-batches are shared as before."""
    if on:
        _handing_off.set()
    else:
        _handing_off.clear()


def hands_off(N: int) -> bool:
    """A step of N images would now run wholly in the helper (hand_off is on, the helper is
    allowed, and N makes two or more micro-batches)."""
    return _handing_off.is_set() and processes_enabled() and len(micro_batches(N)) > 1


def _get_helper() -> _Helper | None:
    global _helper, _broken
    if _helper is None and not _broken:
        try:
            _helper = _Helper()
        except Exception as e:  # no shared memory, no memory for a process, ...
            _give_up(HELPER_START_FAILED, f"{type(e).__name__}: {e}")
    return _helper


def _give_up(kind: str, detail: str) -> None:
    global _helper, _broken
    if not _broken:
        what = "could not start the helper process" if kind == HELPER_START_FAILED \
            else "the helper process failed"
        log.warning("training continues in one process: %s (%s)", what, detail,
                    extra={"lenet_notice": kind, "lenet_detail": detail})
    _broken = True
    h, _helper = _helper, None
    if h is not None:
        try:
            h.close()
        except Exception:
            pass


def shutdown() -> None:
    """Stop the helper process (at exit; a later step starts a new one)."""
    global _helper
    with _lock:
        h, _helper = _helper, None
        if h is not None:
            h.close()


atexit.register(shutdown)


# ----------------------------------------------------------------------------- the step


class _Once:
    """`fn` called at most once, whichever of its callers comes first."""

    def __init__(self, fn: Callable[[], None] | None) -> None:
        self.fn = fn

    def __call__(self) -> None:
        fn, self.fn = self.fn, None
        if fn is not None:
            fn()


def gradients(net, x: np.ndarray, labels: np.ndarray,
              meanwhile: Callable[[], None] | None = None, hand_off: bool = False) -> StepResult:
    """J, y and the parameters' δ for the batch (x, labels), as `net.backward` would give
    them for `net.forward(x)` (the sums run in another order: equal to rounding).

    `meanwhile`, if given, is called once on this thread: while the helper computes its
    micro-batches, after this thread's own (the time this thread would spend waiting), or
    after the step where no helper takes part. It may read the network's parameters, never
    change them; what it raises is raised here, once the helper has answered. `hand_off`:
    this step's micro-batches all go to the helper (as while `hand_off(True)`), so that a
    long `meanwhile` runs beside the whole step. The numbers are the same either way."""
    once = _Once(meanwhile)
    result = _gradients(net, x, labels, once, hand_off)
    once()
    return result


def _gradients(net, x: np.ndarray, labels: np.ndarray, meanwhile: _Once,
               away: bool) -> StepResult:
    x = np.ascontiguousarray(x, dtype=net.dtype)
    labels = np.asarray(labels, dtype=np.intp)
    N = len(labels)
    if x.ndim != 4 or x.shape[1:] != (1, 32, 32) or len(x) != N:
        raise ValueError(f"input must be (N, 1, 32, 32) with N labels, got {x.shape} "
                         f"and {N} labels")
    parts = micro_batches(N)
    if len(parts) == 1:  # one micro-batch: the plain forward and backward, on this thread
        trace, g = _forward_backward(net, x, labels)
        return StepResult(net.loss(trace, labels), trace["y"],
                          {k: g[k] for k in net.param_names()})
    layout = _layout_of(net)
    n_params = next(reversed(layout.values()))[1]
    use_helper = processes_enabled() and _lock.acquire(blocking=False)
    if not use_helper:
        return _in_process(net, x, labels, parts, layout, n_params)
    try:
        return _with_helper(net, x, labels, parts, layout, n_params, meanwhile, away)
    finally:
        _lock.release()


def _finish(net, layout, grads_flat, losses, N, y) -> StepResult:
    total = np.add(grads_flat[0], grads_flat[1])
    for g in grads_flat[2:]:  # in micro-batch order, wherever they were computed
        total += g
    total /= N
    grads = {k: total[a:b].reshape(shape) for k, (a, b, shape) in layout.items()}
    return StepResult(float(np.sum(losses) / N), y, grads, total)


def _in_process(net, x, labels, parts, layout, n_params) -> StepResult:
    N = len(labels)
    y = np.empty((N, 10), net.dtype)
    slots = np.empty((len(parts), n_params), net.dtype)
    losses = np.empty(len(parts))

    def one(i: int) -> None:
        sl = parts[i]
        losses[i] = compute_micro(net, x[sl], labels[sl], y[sl], slots[i], layout)

    _parallel.run_parts(one, range(len(parts)))
    return _finish(net, layout, slots, losses, N, y)


def _with_helper(net, x, labels, parts, layout, n_params, meanwhile: _Once,
                 away: bool) -> StepResult:
    N, k = len(labels), len(parts)
    away = away or _handing_off.is_set()  # all of them to the helper (hand_off)
    half = 0 if away else k // 2
    mine, theirs = list(range(half)), list(range(half, k))
    try:
        helper = _get_helper()
        if helper is None:
            return _in_process(net, x, labels, parts, layout, n_params)
        block = helper.block_for(net.config, n_params, N, k)
        flat = net.flat_params()
        if flat is not None:
            block.params[:] = flat  # the layout's order is the network's
        else:
            for name, (a, b, _) in layout.items():
                block.params[a:b] = net.params[name].reshape(-1)
        lo = parts[theirs[0]].start  # the helper reads only its own images
        block.x[lo:N] = x[lo:]
        block.labels[lo:N] = labels[lo:]
        _send(helper.conn, ("step", [(i, parts[i].start, parts[i].stop) for i in theirs]))
    except Exception as e:
        _give_up(HELPER_FAILED, f"{type(e).__name__}: {e}")
        return _in_process(net, x, labels, parts, layout, n_params)
    try:
        for i in mine:
            sl = parts[i]
            block.losses[i] = compute_micro(net, x[sl], labels[sl], block.y[sl],
                                            block.grads[i], layout)
        meanwhile()  # the helper is still at its share (or this thread would wait for it)
    except BaseException:  # take the helper's answer first: the next step must not read it
        try:
            helper.wait()
        except Exception as e:
            _give_up(HELPER_FAILED, f"{type(e).__name__}: {e}")
        raise
    failed = None
    try:
        helper.wait(spin=not away)
    except Exception as e:  # it died or failed: do its share here
        failed = f"{type(e).__name__}: {e}"
        for i in theirs:
            sl = parts[i]
            block.losses[i] = compute_micro(net, x[sl], labels[sl], block.y[sl],
                                            block.grads[i], layout)
    result = _finish(net, layout, block.grads[:k], block.losses[:k].copy(), N,
                     block.y[:N].copy())
    if failed:
        _give_up(HELPER_FAILED, failed)  # after the block's last use: this closes it
    return result


# ----------------------------------------------------------------------------- inference

# Images per round of `predict` through the helper (a whole number of passes, at least two):
# the helper's half of a round sits in the block (512 images: 2 MB of inputs).
PREDICT_ROUND = 1024


def predict(net, n: int, fill, batch: int, on_round=None) -> np.ndarray | None:
    """y (n, 10) of n images, in passes of `batch` images, the later half of the passes of
    every round of PREDICT_ROUND images computed by the helper process. fill(start, stop, out)
    writes the float inputs (stop − start, 1, 32, 32) of images start..stop into out (the
    helper's straight into the shared block); on_round(done) is called after each round (it may
    raise to stop). Each pass is the one the caller's own loop would run (net.forward of the
    same images, maps=False, on one thread), so y is the same bit for bit.

    None when the helper cannot take part (the platform, LENET_PROCESSES=0, one thread, fewer
    than two passes, or another thread's step holds it): the caller then runs every pass.
    A helper that fails on the way has its passes run here, and is given up as for a step."""
    if n < 2 * batch or not processes_enabled() or not _lock.acquire(blocking=False):
        return None
    try:
        helper = _get_helper()
        if helper is None:
            return None
        layout = _layout_of(net)
        per_round = max(2, PREDICT_ROUND // batch) * batch  # whole passes: the caller's own
        try:
            block = helper.block_for(net.config, next(reversed(layout.values()))[1],
                                     per_round // 2, 1)
            for name, (a, b, _) in layout.items():
                block.params[a:b] = net.params[name].reshape(-1)
        except Exception as e:
            _give_up(HELPER_FAILED, f"{type(e).__name__}: {e}")
            return None
        return _predict_rounds(net, helper, block, n, fill, batch, per_round, on_round)
    finally:
        _lock.release()


def _predict_rounds(net, helper, block, n, fill, batch, per_round, on_round) -> np.ndarray:
    y = np.empty((n, 10), net.dtype)
    mine = np.empty((batch, 1, 32, 32), net.dtype)  # one pass at a time

    def run_here(passes) -> None:
        for s, e in passes:
            fill(s, e, mine[: e - s])
            y[s:e] = _infer(net, mine[: e - s])

    for r0 in range(0, n, per_round):
        r1 = min(n, r0 + per_round)
        passes = [(s, min(s + batch, r1)) for s in range(r0, r1, batch)]
        k = len(passes) // 2
        ours, theirs = passes[:len(passes) - k], passes[len(passes) - k:]
        t0 = theirs[0][0] if theirs else r1
        sent = False
        if theirs and helper is not None:
            try:
                fill(t0, r1, block.x[: r1 - t0])
                _send(helper.conn, ("forward", [(s - t0, e - t0) for s, e in theirs]))
                sent = True
            except OSError as e:
                _give_up(HELPER_FAILED, f"{type(e).__name__}: {e}")
                helper = None
        try:
            run_here(ours)
        finally:
            if sent:
                try:
                    helper.wait()
                    y[t0:r1] = block.y[: r1 - t0]
                except Exception as e:  # it died or failed: its passes are done here
                    _give_up(HELPER_FAILED, f"{type(e).__name__}: {e}")
                    helper, sent = None, False
        if not sent:
            run_here(theirs)
        if on_round is not None:
            on_round(r1)
    return y
