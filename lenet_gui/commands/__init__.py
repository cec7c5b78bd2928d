"""The command line, `lenet-gui [COMMAND …]` = `python main.py [COMMAND …]`: one module per
subcommand, each with `add_parser(subparsers)` and `run(args) -> int`. Without a command the
application window opens; every bad input ends in a one-line error and a non-zero exit."""

from __future__ import annotations

import sys

from lenet_gui import __version__
from lenet_gui.commands import (
    attack,
    backprop,
    bench,
    classify,
    compare,
    distributions,
    evaluate,
    explain,
    i18n,
    lab,
    peak_memory,
    replay,
    robustness,
    screenshot,
    soak,
    train,
)
from lenet_gui.commands._common import EXIT_USAGE, Parser, guard  # noqa: I001
from lenet_gui.commands._console import make_readable

COMMANDS = (train, evaluate, compare, bench, classify, backprop, robustness, explain, attack,
            distributions, replay,
            screenshot, soak, peak_memory, i18n, lab)  # in the order of `lenet-gui --help`


def build_parser() -> Parser:
    p = Parser(prog="lenet-gui", description="LeNet-5 Studio: watch the course's LeNet-5 "
               "learn. Without a command, the application window opens.")
    p.add_argument("--version", action="version", version=f"lenet-gui {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for module in COMMANDS:
        module.add_parser(sub).set_defaults(run=module.run)
    return p


# The training helper process of a frozen app (model/_procs.py): there sys.executable is this
# program, not a Python that takes -c. Not an option of the parser, so `--help` never shows it.
HELPER_ENTRY = "--helper"


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == [HELPER_ENTRY]:
        return _serve_helper(argv[1:])
    make_readable(sys.stdout, sys.stderr)  # before any output, argparse's help included
    from lenet_gui.model import tune_allocator

    tune_allocator()  # the process's allocator, once, before any big array (model/_alloc.py)
    if not argv or argv[0].startswith("-") and argv[0] not in ("--version", "-h", "--help"):
        from lenet_gui.app import run_gui

        return run_gui(argv)
    args = build_parser().parse_args(argv)
    return guard(lambda: args.run(args), args.command)


def studio(argv: list[str] | None = None) -> int:
    """`lenet-studio`: the window, whatever the arguments. It is the entry of a launcher that
    has no console (pip's gui-scripts on Windows), where a command would print to nothing."""
    from lenet_gui.app import run_gui
    from lenet_gui.model import tune_allocator

    tune_allocator()
    return run_gui(list(sys.argv[1:] if argv is None else argv))


def _serve_helper(args: list[str]) -> int:
    if len(args) != 1 or not args[0].isdigit():
        print(f"lenet-gui: error: {HELPER_ENTRY} takes the helper's socket descriptor", file=sys.stderr)
        return EXIT_USAGE
    from lenet_gui.model._serve import serve

    serve(int(args[0]))  # tunes the allocator itself
    return 0
