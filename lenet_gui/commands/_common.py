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
    g = p.add_argument_group("model options")
    g.add_argument("--activation", choices=["lecun", "tanh", "sigmoid", "relu"], default=None,
                   help="f of every layer (default: lecun, 1.7159·tanh(2u/3))")
    g.add_argument("--pooling", choices=["max", "mean", "trainable"], default=None,
                   help="S2/S4 sub-sampling (default: max, as the course)")
    g.add_argument("--c3", choices=["table", "full"], default=None,
                   help="C3 connections: the course's Table 1 (default) or all 96 pairs")
    g.add_argument("--f7-activation", action="store_true",
                   help="apply f at F7 before the softmax, literally as the course writes it")
    g.add_argument("--float64", action="store_true", help="compute in float64")
    g.add_argument("--preset", default=None, help="a named configuration (see --list-presets)")


def model_config(args):
    """The LeNetConfig of `add_model_options`' options: the preset, then each option."""
    from lenet_gui.model import PRESETS, LeNetConfig

    if args.preset is not None:
        if args.preset not in PRESETS:
            raise CliError(f"unknown preset {args.preset!r}; choose one of "
                           f"{', '.join(repr(k) for k in PRESETS)}")
        base = PRESETS[args.preset]
    else:
        base = LeNetConfig()
    changes = {}
    if args.activation:
        changes["activation"] = args.activation
    if args.pooling:
        changes["pooling"] = args.pooling
    if args.c3:
        changes["c3_table"] = args.c3 == "table"
    if args.f7_activation:
        changes["f7_activation"] = True
    if args.float64:
        changes["dtype"] = "float64"
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


def proc_stat(pid: int | str = "self") -> list[bytes]:
    """/proc/PID/stat's fields from the third (state) on: index i is field i + 3."""
    with open(f"/proc/{pid}/stat", "rb") as f:
        stat = f.read()
    return stat[stat.rindex(b")") + 2 :].split()  # after "pid (comm) "


def process_age(at: float | None = None) -> float:
    """Seconds from this process's start to `at` (a perf_counter time; default now): from
    /proc/self/stat's start time (field 22) and /proc/uptime on Linux, elsewhere from the
    import of lenet_gui.commands."""
    now = time.perf_counter()
    at = now if at is None else at
    try:
        start_ticks = int(proc_stat()[22 - 3])
        with open("/proc/uptime") as f:
            uptime = float(f.read().split()[0])
        age_now = uptime - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):  # no /proc, no sysconf
        age_now = now - IMPORTED_AT
    return age_now - (now - at)


def _children_map() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            ppid = int(proc_stat(name)[4 - 3])
        except OSError:
            continue
        kids.setdefault(ppid, []).append(int(name))
    return kids


def process_tree(root: int) -> list[int]:
    """`root` and every process below it (Linux /proc)."""
    kids, out, todo = _children_map(), [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(kids.get(pid, []))
    return out


def memory_of(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM in bytes, and VmRSS's parts RssAnon, RssFile and RssShmem (empty once
    the process is gone)."""
    out = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(("VmRSS:", "VmHWM:", "RssAnon:", "RssFile:", "RssShmem:")):
                    key, value = line.split(":", 1)
                    out[key] = int(value.split()[0]) * 1024
    except OSError:
        pass
    return out
