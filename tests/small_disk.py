"""A folder on a small file system of its own, to fill up or make read-only: the faults of a
nearly full disk and of a read-only folder, for real.

Where the tests may mount (root on Linux, as in the CI's container) it is a real tmpfs: `fill()`
writes a filler file until the file system says ENOSPC, `read_only()` remounts it read-only
(EROFS, even for root). Elsewhere (no root, no Linux, --portable) the same faults are made at
the OS boundary, only for files made in this folder: `tempfile.mkstemp` there raises ENOSPC or
EROFS, as test_faults.py does for the whole process. `real` says which."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from tests import portable

SIZE = "64m"  # room for the runs of the small window: a run and its timeline are ~1 MB after a
# few batches, but a timeline keeps every batch at first (~0.25 MB each), and a fast machine
# trains dozens before a test stops it (8 MB filled up: a Retry then failed for want of room)


def _can_mount() -> bool:
    return sys.platform.startswith("linux") and not portable.active() and os.geteuid() == 0


class SmallDisk:
    """`path`: the folder. `fill()` / `read_only()` make a fault, `free()` undoes it; `close()`
    unmounts."""

    def __init__(self, path: Path, monkeypatch) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self._monkeypatch = monkeypatch
        self._fault: int | None = None  # the simulated errno
        self.real = _can_mount() and subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={SIZE},mode=0755", "tmpfs", str(path)],
            capture_output=True).returncode == 0
        if not self.real:
            real_mkstemp = tempfile.mkstemp

            def mkstemp(suffix=None, prefix=None, dir=None, text=False):  # noqa: A002
                if self._fault is not None and dir is not None \
                        and Path(dir).resolve() == self.path.resolve():
                    raise OSError(self._fault, os.strerror(self._fault),
                                  os.path.join(dir, f"{prefix or ''}tmp{suffix or ''}"))
                return real_mkstemp(suffix, prefix, dir, text)

            monkeypatch.setattr(tempfile, "mkstemp", mkstemp)

    @property
    def _filler(self) -> Path:
        return self.path / "filler"

    def fill(self) -> None:
        """No room left: the next file written here fails with ENOSPC."""
        if not self.real:
            self._fault = errno.ENOSPC
            return
        chunk = b"\0" * (1 << 16)
        with open(self._filler, "ab", buffering=0) as fh:
            try:
                while True:
                    n = fh.write(chunk)
                    if n < len(chunk):
                        chunk = chunk[: max(1, n)]
            except OSError as exc:
                assert exc.errno == errno.ENOSPC, exc

    def read_only(self) -> None:
        """The folder refuses new files with EROFS."""
        if not self.real:
            self._fault = errno.EROFS
            return
        subprocess.run(["mount", "-o", "remount,ro", str(self.path)], check=True)

    def free(self) -> None:
        """Writable, with room again."""
        if not self.real:
            self._fault = None
            return
        subprocess.run(["mount", "-o", "remount,rw", str(self.path)], check=True)
        self._filler.unlink(missing_ok=True)

    def close(self) -> None:
        if self.real:
            subprocess.run(["umount", "-l", str(self.path)], check=False)
