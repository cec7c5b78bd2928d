"""What every subcommand shares: the one parser class, the exit codes, the error guard that
turns a failure into one line on stderr, the model options, and loading data and weights."""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
from pathlib import Path

IMPORTED_AT = time.perf_counter()  # lenet_gui.commands imports this module first

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class CliError(Exception):
    """A user-facing error: printed as one line, exit code 1."""

    exit_code = EXIT_ERROR


class UsageError(CliError):
    """A bad option value found after parsing: one line, exit code 2, as argparse's own."""

    exit_code = EXIT_USAGE


class Parser(argparse.ArgumentParser):
    """argparse with a one-line error (exit 2, as argparse does, without the usage block)."""

    def error(self, message):
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def print_error(command: str, message) -> None:
    """`lenet-gui COMMAND: error: MESSAGE` on stderr, after what stdout already holds."""
    sys.stdout.flush()
    print(f"lenet-gui {command}: error: {message}", file=sys.stderr, flush=True)


def guard(fn, command: str) -> int:
    """Run `fn()`; a user-facing failure becomes one line on stderr and its exit code."""
    from lenet_gui.data import IdxFormatError
    from lenet_gui.train import CheckpointError

    try:
        return int(fn() or 0)
    except CliError as exc:
        print_error(command, exc)
        return exc.exit_code
    except (IdxFormatError, CheckpointError, ValueError, OSError) as exc:
        print_error(command, exc)
        return EXIT_ERROR
    except ImportError as exc:  # an optional part (Qt, Pillow) is missing
        print(f"lenet-gui {command}: not available ({exc})", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print(f"lenet-gui {command}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


# ----------------------------------------------------------------------------- options


def add_model_options(p: argparse.ArgumentParser) -> None:
    from lenet_gui.model import PRESETS
    from lenet_gui.model.options import ACTIVATION, C3, POOLING

    g = p.add_argument_group("model options")
    g.add_argument("--activation", choices=ACTIVATION.words, default=None, help=ACTIVATION.help())
    g.add_argument("--pooling", choices=POOLING.words, default=None, help=POOLING.help())
    g.add_argument("--c3", choices=C3.words, default=None, help=C3.help())
    g.add_argument("--f7-activation", action="store_true",
                   help="apply f at F7 before the softmax, literally as the course writes it")
    g.add_argument("--float64", action="store_true", help="compute in float64")
    g.add_argument("--preset", default=None,
                   help=f"a named configuration: {', '.join(repr(k) for k in PRESETS)}")


def model_config(args):
    """The LeNetConfig of `add_model_options`' options: the preset, then each option."""
    from lenet_gui.model import PRESETS, LeNetConfig
    from lenet_gui.model.options import ACTIVATION, C3, FLOAT64, POOLING

    if args.preset is not None:
        if args.preset not in PRESETS:
            raise CliError(f"unknown preset {args.preset!r}; choose one of "
                           f"{', '.join(repr(k) for k in PRESETS)}")
        base = PRESETS[args.preset]
    else:
        base = LeNetConfig()
    changes = {}
    if args.activation:
        changes["activation"] = ACTIVATION.parse(args.activation)
    if args.pooling:
        changes["pooling"] = POOLING.parse(args.pooling)
    if args.c3:
        changes["c3_table"] = C3.parse(args.c3)
    if args.f7_activation:
        changes["f7_activation"] = True
    if args.float64:
        changes["dtype"] = FLOAT64
    return LeNetConfig(**{**base.to_dict(), **changes})


# ----------------------------------------------------------------------------- data, weights


def default_weights() -> Path:
    from lenet_gui.resources import resource_path

    return resource_path("weights", "lenet5.npz")


def load_data(directory):
    """MNIST from `directory` (None: the embedded copy)."""
    from lenet_gui.data import load_mnist

    return load_mnist(directory)


def load_weights(path):
    """The checkpoint at `path` (None: the shipped weights)."""
    from lenet_gui.train import load_checkpoint

    return load_checkpoint(Path(path) if path else default_weights())


def needs_offscreen(environ=None, platform: str | None = None) -> bool:
    """Qt must draw offscreen: a system whose windows go through a display server (X11 or
    Wayland: Linux and the BSDs) without one. Windows and macOS always have their own
    platform, and there the offscreen one may draw no text."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    x11 = platform.startswith(("linux", "freebsd", "openbsd", "netbsd", "dragonfly", "sunos"))
    return x11 and not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY")


def use_offscreen_without_display() -> None:
    """QT_QPA_PLATFORM=offscreen where needs_offscreen() (unless the user chose a platform);
    before the QApplication is created."""
    if needs_offscreen():
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def percent(v) -> str:
    """0.9911 -> '99.11%'; None or NaN -> 'n/a'."""
    return "n/a" if v is None or not math.isfinite(v) else f"{v * 100:.2f}%"


# ----------------------------------------------------------------------------- processes
# psutil reads each system's own process table (Linux's /proc, Windows' and macOS's calls). Only
# two Linux figures have no psutil equivalent: each process's resident high-water mark (VmHWM)
# and the parts of its resident memory; they are read from /proc where it exists, and left out
# elsewhere.


def process_age(at: float | None = None) -> float:
    """Seconds from this process's start to `at` (a perf_counter time; default now): from the
    system's start time of the process, or where it gives none from the import of
    lenet_gui.commands."""
    now = time.perf_counter()
    at = now if at is None else at
    try:
        import psutil

        age_now = time.time() - psutil.Process().create_time()
    except Exception:  # noqa: BLE001 - no psutil, or the system refuses: the import time
        age_now = now - IMPORTED_AT
    return age_now - (now - at)


def process_tree(root: int) -> list[int]:
    """`root` and every process below it that is still alive; [] once `root` is gone."""
    import psutil

    try:
        kids = psutil.Process(root).children(recursive=True)
    except psutil.Error:
        return []
    return [root, *(k.pid for k in kids)]


# /proc/PID/status's lines, under the names memory_of gives them
_LINUX_STATUS = {"VmHWM": "peak", "RssAnon": "anon", "RssFile": "file", "RssShmem": "shmem"}


def memory_of(pid: int) -> dict[str, int]:
    """Bytes: "rss", the resident memory; "peak", its high-water mark where the system keeps
    one (Linux, Windows); "anon", "file", "shmem", its parts (Linux: the heaps, pages of files
    such as the libraries' code, shared memory such as the training helper's arrays). Empty
    once the process is gone."""
    import psutil

    try:
        info = psutil.Process(pid).memory_info()
    except psutil.Error:
        return {}
    out = {"rss": int(info.rss)}
    if hasattr(info, "peak_wset"):  # Windows: the working set is its resident memory
        out["peak"] = int(info.peak_wset)
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key in _LINUX_STATUS:
                    out[_LINUX_STATUS[key]] = int(value.split()[0]) * 1024
    except (OSError, ValueError, IndexError):  # not Linux, or the process just ended
        pass
    return out
