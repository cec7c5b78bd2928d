"""The portable test mode: `pytest --portable` (or LENET_PORTABLE=1) runs every test as on a
system without Linux's extras, so that the paths Windows and macOS take are run here.

What the application's code (modules named lenet_gui…) then finds:

- no os.fchmod, os.pread, os.pwrite or os.posix_fallocate (gone from the os module);
- no /proc and no /dev/shm: open, os.open, os.stat, os.lstat, os.listdir and os.scandir raise
  FileNotFoundError for them, so os.path.exists/isdir say False. Only lenet_gui's calls are
  refused (also through the standard library, as pathlib or tempfile); psutil, which reads
  /proc here and calls the system elsewhere, and the tests keep them;
- no glibc: ctypes.util.find_library("c") gives None, ctypes.CDLL of a C library raises
  OSError and CDLL(None) TypeError, as on Windows;
- os.name == "nt" in lenet_gui.model._procs, where the helper process is decided (os.name
  itself stays: pathlib would break);
- a console in cp1252 (a Western-European Windows' pipes): during each test sys.stdout is a
  strict cp1252 stream and sys.stderr one with backslashreplace, as Python makes them there.
  Each forwards what it encodes to the stream it replaced (capsys's, or pytest's capture).

Child Python processes get the same: PYTHONPATH starts with portable_site/, whose
sitecustomize installs it when LENET_PORTABLE=1; children that run the command line get
PYTHONIOENCODING=cp1252 through cli_options(), which also decodes their output as cp1252.
"""

from __future__ import annotations

import builtins
import contextlib
import ctypes
import ctypes.util
import errno
import functools
import importlib.abc
import io
import os
import sys

ENV = "LENET_PORTABLE"
CONSOLE_ENCODING = "cp1252"
SITE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "portable_site")
HIDDEN = ("/proc", "/dev/shm")
MISSING = ("fchmod", "pread", "pwrite", "posix_fallocate")
HELPER_MODULE = "lenet_gui.model._procs"
SUMMARY = ("portable mode: no os.fchmod/pread/pwrite/posix_fallocate, no /proc or /dev/shm and "
           "no glibc for lenet_gui, os.name 'nt' where the helper process is decided, a cp1252 "
           "console")

_STDLIB = frozenset(sys.stdlib_module_names)
_undo: list = []  # functions that put back what install() changed


def active() -> bool:
    return os.environ.get(ENV) == "1"


# ----------------------------------------------------------------- who is asking


def _from_app(frame) -> bool:
    """The call comes from lenet_gui: the first frame outside the standard library is its."""
    while frame is not None:
        name = frame.f_globals.get("__name__") or ""
        if name == "lenet_gui" or name.startswith("lenet_gui."):
            return True
        if name.partition(".")[0] not in _STDLIB:
            return False
        frame = frame.f_back
    return False


def _hidden(path) -> bool:
    if isinstance(path, int) or path is None:
        return False
    try:
        p = os.fsdecode(os.fspath(path))
    except TypeError:
        return False
    return any(p == h or p.startswith(h + "/") for h in HIDDEN)


def hiding(real):
    """`real` (open, os.stat, …) refusing the hidden paths to lenet_gui."""
    @functools.wraps(real)
    def guarded(*args, **kwargs):
        path = args[0] if args else kwargs.get("path", kwargs.get("file"))
        if _hidden(path) and _from_app(sys._getframe(1)):
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), os.fspath(path))
        return real(*args, **kwargs)

    return guarded


# ----------------------------------------------------------------- the pieces


def _set(owner, name: str, value) -> None:
    old = getattr(owner, name)
    setattr(owner, name, value)
    _undo.append(lambda: setattr(owner, name, old))


def _hide_calls() -> None:
    for name in MISSING:
        if hasattr(os, name):
            old = getattr(os, name)
            delattr(os, name)
            _undo.append(functools.partial(setattr, os, name, old))


def _hide_paths() -> None:
    for owner, name in ((builtins, "open"), (io, "open"), (os, "open"), (os, "stat"),
                        (os, "lstat"), (os, "listdir"), (os, "scandir")):
        real = getattr(owner, name)
        guarded = hiding(real)
        _set(owner, name, guarded)
        if owner is os:  # shutil and others ask these sets what a function supports
            for group in (os.supports_fd, os.supports_dir_fd, os.supports_follow_symlinks,
                          os.supports_effective_ids):
                if real in group:
                    group.add(guarded)
                    _undo.append(functools.partial(group.discard, guarded))


def _is_libc(name) -> bool:
    base = os.path.basename(os.fsdecode(name))
    return base in ("c", "libc", "msvcrt") or base.startswith("libc.")


class _NoLibcCDLL(ctypes.CDLL):
    def __init__(self, name, *args, **kwargs):
        if _from_app(sys._getframe(1)):
            if name is None:  # the program's own symbols, glibc's among them on Linux
                raise TypeError("LoadLibrary() argument 1 must be str, not None")
            if _is_libc(name):
                raise OSError(f"{name}: cannot open shared object file: No such file or directory")
        super().__init__(name, *args, **kwargs)


def _hide_libc() -> None:
    real = ctypes.util.find_library

    def find_library(name):
        if name == "c" and _from_app(sys._getframe(1)):
            return None
        return real(name)

    _set(ctypes.util, "find_library", find_library)
    _set(ctypes, "CDLL", _NoLibcCDLL)
    _set(ctypes, "cdll", ctypes.LibraryLoader(_NoLibcCDLL))


class OsOfWindows:
    """The os module as the helper-process code sees it on Windows."""

    name = "nt"

    def __getattr__(self, attr):
        return getattr(os, attr)


def _as_windows(module) -> None:
    if not isinstance(module.os, OsOfWindows):
        _set(module, "os", OsOfWindows())


class _AfterImport(importlib.abc.MetaPathFinder):
    """Runs `patch(module)` once `name` is imported (a child imports it after startup)."""

    def __init__(self, name: str, patch) -> None:
        self.name, self.patch = name, patch

    def find_spec(self, fullname, path, target=None):
        if fullname != self.name:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                spec.loader = _PatchingLoader(spec.loader, self.patch)
                return spec
        return None


class _PatchingLoader(importlib.abc.Loader):
    def __init__(self, loader, patch) -> None:
        self.loader, self.patch = loader, patch

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module) -> None:
        self.loader.exec_module(module)
        self.patch(module)


def _helper_sees_windows() -> None:
    if HELPER_MODULE in sys.modules:
        _as_windows(sys.modules[HELPER_MODULE])
    hook = _AfterImport(HELPER_MODULE, _as_windows)
    sys.meta_path.insert(0, hook)
    _undo.append(functools.partial(sys.meta_path.remove, hook))


# Set on sys while the simulation is installed: a child's sitecustomize installs it from its own
# copy of this module (e.g. in a pytest-xdist worker, before conftest imports tests.portable), and
# a second install would wrap every call twice and chain two import hooks into each other.
INSTALLED = "_lenet_portable_installed"


def install() -> None:
    """Simulate the platform in this process (once, whichever copy of this module asks;
    uninstall() puts back what this copy changed)."""
    if _undo or getattr(sys, INSTALLED, False):
        return
    setattr(sys, INSTALLED, True)
    _undo.append(functools.partial(delattr, sys, INSTALLED))
    _hide_calls()
    _hide_paths()
    _hide_libc()
    _helper_sees_windows()


def uninstall() -> None:
    while _undo:
        _undo.pop()()


# ----------------------------------------------------------------- the console


class _Forward(io.RawIOBase):
    """Bytes in the console's encoding, handed on as text to the stream they replace."""

    def __init__(self, target) -> None:
        self._target = target

    def writable(self) -> bool:
        return True

    def write(self, b) -> int:
        self._target.write(bytes(b).decode(CONSOLE_ENCODING))
        return len(b)

    def flush(self) -> None:
        with contextlib.suppress(ValueError, OSError, AttributeError):
            self._target.flush()


def console_stream(target, errors: str = "strict") -> io.TextIOWrapper:
    return io.TextIOWrapper(_Forward(target), encoding=CONSOLE_ENCODING, errors=errors,
                            write_through=True)


@contextlib.contextmanager
def console():
    """sys.stdout and sys.stderr as Python makes them for a cp1252 pipe, for the block."""
    out, err = sys.stdout, sys.stderr
    sys.stdout = console_stream(out)
    sys.stderr = console_stream(err, "backslashreplace")
    try:
        yield
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(ValueError):
                stream.flush()
        sys.stdout, sys.stderr = out, err


# ----------------------------------------------------------------- child processes


def child_env(env: dict | None = None) -> dict:
    """`env` (default os.environ) with the portable mode switched on for a child Python."""
    env = dict(os.environ if env is None else env)
    env[ENV] = "1"
    paths = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p and p != SITE]
    env["PYTHONPATH"] = os.pathsep.join([SITE, *paths])
    return env


def cli_options(env: dict | None = None) -> dict:
    """subprocess.run's keywords for running the command line in a child: text output, and
    under the portable mode the same platform with a cp1252 console (decoded as such)."""
    if not active():
        return {"text": True, "env": env}
    env = child_env(env)
    env["PYTHONIOENCODING"] = CONSOLE_ENCODING
    return {"text": True, "env": env, "encoding": CONSOLE_ENCODING}


def as_printed(text: str) -> str:
    """`text` as the command line prints it on this test's console: the course's symbols
    spelled out under the portable mode (lenet_gui.commands._console), unchanged otherwise."""
    if not active():
        return text
    from lenet_gui.commands._console import ERRORS

    return text.encode(CONSOLE_ENCODING, ERRORS).decode(CONSOLE_ENCODING)
