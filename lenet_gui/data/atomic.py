"""Atomic writes, for every file the app saves: a temp file in the same folder, fsync,
os.replace, fsync of the folder, so a reader (or the next start, after a crash or a kill) sees
the old file or the new one, never half of one; and the sweep of the temp files a killed writer
left. Each step is marked for the kill harness (lenet_gui.data.phase). No Qt."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

try:
    import fcntl  # POSIX: the writer's lock on its temp file
except ImportError:  # Windows
    fcntl = None

from lenet_gui.data import phase


def _umask() -> int:
    """The process's umask: from /proc/self/status where Linux has it (read without changing
    it), elsewhere set and put back at once (macOS and the BSDs have no other way)."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _new_file_mode(path: Path) -> int | None:
    """The permissions `path` should get: those of the file it replaces, or 0666 less the
    umask; None where files have no Unix permissions (Windows: only a read-only flag, and
    mkstemp's file is writable already)."""
    if os.name == "nt":
        return None
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_umask()


def _set_mode(fh: BinaryIO, tmp: str, mode: int) -> None:
    # os.fchmod exists on Windows only from Python 3.13, and not on every POSIX build either:
    # the temp file's path does the same (nobody else knows the name yet).
    fchmod = getattr(os, "fchmod", None)
    if fchmod is not None:
        fchmod(fh.fileno(), mode)
    else:
        os.chmod(tmp, mode)


def write_atomic(path: str | os.PathLike, write: Callable[[BinaryIO], object]) -> Path:
    """write(fh) into a temp file in the same directory → flush, fsync → os.replace → fsync
    the directory. A failure at any point leaves an existing file untouched and no temp file
    behind, and raises an OSError that names `path`, never the temp file.

    A process killed mid-write cannot remove its temp file (`.<name>.<random>.tmp`, hidden): the
    writer holds a lock on it (where the system has fcntl) from its making to its replace, and
    the next write of the same name sweeps the unlocked ones (`sweep_temp_files`).

    The file gets the permissions of a file the user creates (0666 less the umask), or those
    of the file it replaces; mkstemp alone would leave 0600. Where files have no Unix
    permissions (Windows) it keeps mkstemp's."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    sweep_temp_files(directory, path.name)
    mode = _new_file_mode(path)
    tmp = None
    phase.mark("write", path.name)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
        with os.fdopen(fd, "wb") as fh:
            if fcntl is not None:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX)  # a sweeper leaves it alone
            if mode is not None:
                _set_mode(fh, tmp, mode)
            write(fh)
            fh.flush()
            phase.mark("fsync", path.name)
            os.fsync(fh.fileno())
            phase.mark("replace", path.name)
            if fcntl is not None:
                os.replace(tmp, path)  # while locked (Windows cannot replace an open file)
        if fcntl is None:
            os.replace(tmp, path)
    except BaseException as e:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
        if isinstance(e, OSError) and e.errno is not None:  # name the user's file
            raise type(e)(e.errno, e.strerror, str(path)) from e
        raise
    phase.mark("sync-dir", path.name)
    try:
        dfd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass  # not every file system lets a directory be fsynced
    phase.mark("saved", path.name)
    return path


STALE_TEMP_S = 24 * 3600  # without fcntl, a temp file this old is taken for a killed writer's


def sweep_temp_files(directory: str | os.PathLike, name: str | None = None) -> list[Path]:
    """Remove the temp files killed writers left in `directory` (of the file `name`, or of
    any): those no writer holds locked; where the system has no fcntl, those older than
    STALE_TEMP_S. Returns what was removed; never raises."""
    # ".{name}.*.tmp", matched by hand: a glob pattern per file name would compile (and
    # cache) a regular expression for every file ever saved.
    prefix = f".{name}." if name else "."
    removed = []
    try:
        candidates = [p for p in Path(directory).iterdir()
                      if p.name.startswith(prefix) and p.name.endswith(".tmp")
                      and len(p.name) >= len(prefix) + len(".tmp")]
    except OSError:
        return removed
    for tmp in candidates:
        try:
            if fcntl is None:
                if time.time() - tmp.stat().st_mtime >= STALE_TEMP_S:
                    tmp.unlink()
                    removed.append(tmp)
                continue
            fd = os.open(tmp, os.O_RDONLY)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # refused: a live writer's
            os.unlink(tmp)
            removed.append(tmp)
        except OSError:
            pass
        finally:
            os.close(fd)
    return removed
