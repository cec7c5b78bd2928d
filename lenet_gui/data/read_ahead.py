"""MNIST read ahead: while the window's start imports its libraries (about a second), a thread
can already read and decompress the data set (~0.4 s of zlib, which runs without the GIL); the
window's loader then takes what was read instead of reading it again. No Qt here: a plain
daemon thread and a Future, started before Qt exists."""

from __future__ import annotations

import os
import threading
from concurrent.futures import Future
from pathlib import Path

from lenet_gui.data.mnist import default_data_dir, load_mnist

_lock = threading.Lock()
_pending: tuple[Path, Future] | None = None  # (the directory, its reading), not yet taken


def _where(directory: str | os.PathLike | None) -> Path:
    return (Path(directory) if directory is not None else default_data_dir()).resolve()


def start(directory: str | os.PathLike | None = None) -> None:
    """Start reading MNIST from `directory` (None: the embedded one) in the background."""
    global _pending
    future: Future = Future()
    path = _where(directory)

    def read() -> None:
        try:
            future.set_result(load_mnist(path))
        except Exception as exc:  # noqa: BLE001 - the taker gets it, as from load_mnist
            future.set_exception(exc)

    with _lock:
        _pending = (path, future)
    threading.Thread(target=read, name="mnist-read-ahead", daemon=True).start()


def take(directory: str | os.PathLike | None = None) -> Future | None:
    """The reading started for `directory`, once (its result() is the Dataset, or raises what
    load_mnist raised); None if none was, or for another folder. Whatever was started is
    forgotten here either way."""
    global _pending
    with _lock:
        pending, _pending = _pending, None
    if pending is None or pending[0] != _where(directory):
        return None
    return pending[1]

