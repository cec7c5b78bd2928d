"""Where this process is, for the kill harness (tests/killing.py): when LENET_PHASE_FILE names a
file, `mark` appends one line "<monotonic seconds> <what> <file name>" to it with one unbuffered
write (a line of an O_APPEND file, whole even if the process is killed after it); otherwise a
mark costs one comparison. Every atomic write marks its steps (data/atomic.py
write_atomic: write, fsync, replace, sync-dir, saved), so a kill can be placed in one of them. No Qt
here."""

from __future__ import annotations

import os
import time

ENV = "LENET_PHASE_FILE"


def _open() -> int | None:
    path = os.environ.get(ENV)
    if not path:
        return None
    try:
        return os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    except OSError:
        return None


_fd = _open()


def mark(what: str, name: str = "-") -> None:
    """This process now does `what` (one word) to the file `name` (no spaces)."""
    if _fd is None:
        return
    line = f"{time.monotonic():.6f} {what} {name.replace(' ', '_') or '-'}\n"
    try:
        os.write(_fd, line.encode("utf-8", "replace"))
    except OSError:
        pass
